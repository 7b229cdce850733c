// A real SMTP server for the demo and the tests (smtp-server, from the nodemailer project), on 127.0.0.1 and a
// free port: it keeps every message it accepts, parsed with mailparser. Tests can refuse or defer addresses, and
// act at the moment an address is given or a message has arrived but is not acknowledged yet (to kill the sender
// there).
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  /** the envelope: MAIL FROM and RCPT TO */
  from: string;
  to: string[];
  parsed: ParsedMail;
  /** a header as sent (the first of its name), or undefined */
  header(name: string): string | undefined;
}

export interface MailCatcherOptions {
  port?: number;
  /** addresses answered with this code at RCPT TO: 550 refuses for good, 450 asks to try later */
  refuse?: Map<string, 550 | 450>;
  /** awaited before an address is answered at RCPT TO */
  onRcpt?: (address: string) => void | Promise<void>;
  /** awaited once a message has fully arrived, before the server acknowledges it (250) */
  onReceived?: (mail: CaughtMail) => void | Promise<void>;
  /** called with each message once acknowledged */
  onAccepted?: (mail: CaughtMail) => void;
}

export interface MailCatcher {
  port: number;
  /** smtp://127.0.0.1:PORT */
  url: string;
  /** the messages acknowledged with 250, in order */
  mails: CaughtMail[];
  /** every message that fully arrived, acknowledged or not (the sender may have died before reading the 250) */
  received: CaughtMail[];
  refuse: Map<string, 550 | 450>;
  /** resolves once `count` messages were acknowledged (rejects after `timeoutMs`) */
  waitFor(count: number, timeoutMs?: number): Promise<CaughtMail[]>;
  stop(): Promise<void>;
}

export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<MailCatcher> {
  const mails: CaughtMail[] = [];
  const received: CaughtMail[] = [];
  const refuse = options.refuse ?? new Map<string, 550 | 450>();
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    // plain SMTP on loopback: no STARTTLS (so no certificate), no authentication
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      void (async () => {
        await options.onRcpt?.(address.address);
        const code = refuse.get(address.address.toLowerCase());
        if (!code) return callback();
        const err = Object.assign(new Error(code >= 500 ? 'mailbox unavailable' : 'mailbox busy, try again later'), { responseCode: code });
        callback(err);
      })();
    },
    onData(stream, session, callback) {
      void (async () => {
        try {
          const parsed = await simpleParser(stream);
          const mail: CaughtMail = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            parsed,
            header: (name) => {
              const line = parsed.headerLines.find((h) => h.key === name.toLowerCase());
              return line ? line.line.slice(line.line.indexOf(':') + 1).trim() : undefined;
            },
          };
          received.push(mail);
          await options.onReceived?.(mail);
          mails.push(mail);
          options.onAccepted?.(mail);
          for (const w of waiters) w();
          callback();
        } catch (err) {
          callback(err as Error);
        }
      })();
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  // a sender that vanishes mid-message is no concern of the catcher
  server.on('error', () => {});
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    mails,
    received,
    refuse,
    waitFor: (count, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (mails.length < count) return false;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(mails.slice());
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} mails within ${timeoutMs} ms, got ${mails.length}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        // connections still open (a pooled sender) are cut rather than waited for
        for (const c of server.connections) (c as unknown as { close(): void }).close();
        server.close(() => resolve());
      }),
  };
}

// Run as a program (`node src/dev/mail-catcher.ts`, as `npm run demo` does, in a process of its own so that it
// answers while the demo waits on a command): prints its URL, then each message it accepts, as JSON lines.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const catcher = await startMailCatcher({
    onAccepted: (m) =>
      process.stdout.write(`${JSON.stringify({ to: m.to, subject: m.parsed.subject ?? '', text: m.parsed.text ?? '' })}\n`),
  });
  process.stdout.write(`${JSON.stringify({ url: catcher.url })}\n`);
  process.on('SIGTERM', () => void catcher.stop().then(() => process.exit(0)));
}
