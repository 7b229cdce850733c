// Sending by SMTP, through nodemailer, loaded only when `tix serve` has an SMTP server to use. One SMTP
// transaction per delivery (one recipient each), so the server's refusal of one address fails that delivery
// only. Errors are sorted by what they mean for the outbox: this address is refused for good, this address
// should be tried later, or the SMTP server cannot be used now (every delivery waits).
import type { OutgoingMail } from './compose.ts';

export type SendFailure =
  /** the server refused this recipient or this message for good (5xx): the delivery fails */
  | 'refused'
  /** the server asked to try this recipient or this message again later (4xx) */
  | 'later'
  /** no SMTP service now (unreachable, timed out, authentication, the sender refused): everything waits */
  | 'unavailable';

export class SendError extends Error {
  readonly failure: SendFailure;
  constructor(failure: SendFailure, message: string) {
    super(message);
    this.failure = failure;
  }
}

export interface Mailer {
  /** the SMTP server as it may be shown: smtp://host:port, never the credentials */
  readonly display: string;
  /** resolves once the SMTP server accepted the message; throws SendError */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** Why an SMTP URL cannot be used, or undefined. It never quotes the URL, which may hold a password. */
export function smtpUrlProblem(text: string): string | undefined {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return 'not a URL; write it as smtp://host:port or smtps://user:password@host:465';
  }
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') return `${u.protocol} is not smtp: or smtps:`;
  if (!u.hostname) return 'the URL names no host; write it as smtp://host:port';
  return undefined;
}

/** The SMTP URL without user name or password. */
export function displaySmtpUrl(text: string): string {
  const u = new URL(text);
  return `${u.protocol}//${u.host}`;
}

/** How long the SMTP server gets: to connect and greet, and for each step of a transaction. */
const CONNECT_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 30_000;

/** A mailer for smtp://[user:password@]host[:port] (STARTTLS when offered) or smtps:// (TLS from the start). */
export async function smtpMailer(url: string): Promise<Mailer> {
  const u = new URL(url);
  const secure = u.protocol === 'smtps:';
  const nodemailer = await import('nodemailer');
  const transport = nodemailer.createTransport({
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    ...(u.username ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } } : {}),
    pool: true,
    maxConnections: 1,
    connectionTimeout: CONNECT_TIMEOUT_MS,
    greetingTimeout: CONNECT_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
  });
  return {
    display: displaySmtpUrl(url),
    send: async (mail) => {
      try {
        await transport.sendMail({
          from: mail.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: mail.messageId,
          inReplyTo: mail.inReplyTo,
          references: mail.references,
          headers: mail.headers,
        });
      } catch (err) {
        throw sendError(err);
      }
    },
    close: () => transport.close(),
  };
}

/** A nodemailer error, sorted. */
export function sendError(err: unknown): SendError {
  const e = err as { code?: string; command?: string; responseCode?: number; message?: string };
  const message = String(e.message ?? err).slice(0, 500);
  const about = e.command === 'RCPT TO' || (e.command === 'DATA' && e.code === 'EMESSAGE');
  // 421 closes the connection: the service is going away, not this message's problem
  if (about && typeof e.responseCode === 'number' && e.responseCode !== 421)
    return new SendError(e.responseCode >= 500 ? 'refused' : 'later', message);
  return new SendError('unavailable', message);
}
