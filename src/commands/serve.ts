import type { Command } from 'commander';
import { authError, transientError, type TixError, usageError } from '../core/errors.ts';
import type { Factory } from '../cli/factory.ts';
import { examples } from '../cli/help-text.ts';
import { parseDuration } from '../core/duration.ts';
import { emailProblem } from '../core/identifiers.ts';
import type { LocalText } from '../core/i18n.ts';
import type { IOStreams } from '../io/iostreams.ts';
import { t } from './serve.messages.ts';

export interface Options {
  io: IOStreams;
  env: Record<string, string | undefined>;
  signal: AbortSignal;
  host: string;
  port: number;
  db?: string;
  demo: boolean;
  seed?: string;
  catalog?: string;
  autoCloseAfter?: number;
  log: boolean;
  publicUrl?: string;
  smtp?: string;
  mailFrom?: string;
  /** how long an instance holds a notification it is sending (TIX_NOTIFY_LEASE) */
  notifyLeaseMs?: number;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const l = f.io.locale;
  const cmd = parent
    .command('serve')
    .description(t(l, 'description'))
    .option('--host <host>', t(l, 'host'), '127.0.0.1')
    .option('--port <port>', t(l, 'port'), '8787')
    .option('--db <path|url>', t(l, 'db'))
    .option('--demo', t(l, 'demo'), false)
    .option('--seed <file>', t(l, 'seed'))
    .option('--catalog <file>', t(l, 'catalog'))
    .option('--auto-close-after <duration>', t(l, 'autoCloseAfter'), '7d')
    .option('--log', t(l, 'log'), false)
    .option('--public-url <url>', t(l, 'publicUrl'))
    .option('--smtp <url>', t(l, 'smtp'))
    .option('--mail-from <address>', t(l, 'mailFrom'))
    .action(
      async (opts: {
        host: string;
        port: string;
        db?: string;
        demo: boolean;
        seed?: string;
        catalog?: string;
        autoCloseAfter: string;
        log: boolean;
        publicUrl?: string;
        smtp?: string;
        mailFrom?: string;
      }) => {
        const port = Number(opts.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw usageError(t.text('badPort', { value: opts.port }));
        const autoCloseAfter = parseDuration(opts.autoCloseAfter);
        if (autoCloseAfter === undefined) throw usageError(t.text('badAutoClose', { value: opts.autoCloseAfter }));
        if (opts.publicUrl !== undefined) {
          const { publicUrlProblem } = await import('../server/serve.ts');
          const problem = publicUrlProblem(opts.publicUrl);
          if (problem) throw usageError(t.text('flagProblem', { flag: '--public-url', problem }));
        }
        const smtp = opts.smtp ?? (f.env.TIX_SMTP_URL || undefined);
        if (smtp !== undefined) {
          const { smtpUrlProblem } = await import('../server/notifications/mailer.ts');
          const problem = smtpUrlProblem(smtp);
          if (problem) throw usageError(t.text('flagProblem', { flag: opts.smtp === undefined ? 'TIX_SMTP_URL' : '--smtp', problem }));
        }
        let notifyLeaseMs: number | undefined;
        if (f.env.TIX_NOTIFY_LEASE) {
          notifyLeaseMs = parseDuration(f.env.TIX_NOTIFY_LEASE);
          if (notifyLeaseMs === undefined || notifyLeaseMs < 1000) throw usageError(t.text('badLease', { value: f.env.TIX_NOTIFY_LEASE }));
        }
        if (opts.mailFrom !== undefined) {
          const problem = mailFromProblem(opts.mailFrom);
          if (problem) throw usageError(t.text('flagProblem', { flag: '--mail-from', problem }));
          if (smtp === undefined) throw usageError(t.text('mailFromWithoutSmtp'));
        }
        await runF({
          io: f.io,
          env: f.env,
          signal: f.signal,
          host: opts.host,
          port,
          db: opts.db,
          demo: opts.demo,
          seed: opts.seed,
          catalog: opts.catalog,
          autoCloseAfter,
          log: opts.log,
          publicUrl: opts.publicUrl,
          smtp,
          mailFrom: opts.mailFrom,
          notifyLeaseMs,
        });
      },
    );
  return examples(cmd, [
    'tix serve --demo',
    'tix serve --port 0 --db :memory: --demo',
    'tix serve --db /var/lib/tix/tix.db --seed organisation.json --host 0.0.0.0 --public-url https://support.example.com',
    'TIX_DATABASE_URL=postgres://tix@db.internal:5432/tix tix serve --host 0.0.0.0 --public-url https://support.example.com',
    'TIX_SMTP_URL=smtp://mail.internal:587 tix serve --mail-from "Support <support@example.com>" --public-url https://support.example.com',
  ]);
}

export async function run(o: Options): Promise<void> {
  const { startServer, defaultDatabasePath } = await import('../server/serve.ts');
  const { InvalidFileError } = await import('../server/organisation-seed.ts');
  const { DatabaseUnavailableError, displayDatabase, isPostgresUrl } = await import('../server/store/database-url.ts');
  const db = o.db ?? (o.env.TIX_DATABASE_URL || defaultDatabasePath(o.env));
  // a password given on the command line is readable by every user of the machine (ps): hide it from there at
  // least, and say where it belongs
  if (o.db && isPostgresUrl(o.db) && hasPassword(o.db)) {
    process.title = `tix serve --db ${displayDatabase(o.db)}`;
    o.io.err(`${t(o.io.locale, 'passwordInDb')}\n`);
  }
  if (o.smtp && o.env.TIX_SMTP_URL !== o.smtp && hasPassword(o.smtp)) {
    process.title = 'tix serve';
    o.io.err(`${t(o.io.locale, 'passwordInSmtp')}\n`);
  }
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      host: o.host,
      port: o.port,
      db,
      demo: o.demo,
      seed: o.seed,
      catalog: o.catalog,
      log: o.log,
      // the server's own log lines (a migration, a dropped database connection) are English, like its HTTP answers
      progress: (line) => o.io.err(`${logPrefix}${line}\n`),
      publicUrl: o.publicUrl,
      smtp: o.smtp,
      mailFrom: o.mailFrom,
      app: {
        ...(o.autoCloseAfter === undefined ? {} : { tickets: { autoCloseMs: o.autoCloseAfter } }),
        ...(o.notifyLeaseMs === undefined ? {} : { notifications: { leaseMs: o.notifyLeaseMs } }),
      },
    });
  } catch (err) {
    if (err instanceof InvalidFileError) throw usageError(err.message, { code: 'bad_file', fields: err.problems });
    if (err instanceof DatabaseUnavailableError) throw databaseError(err);
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') throw usageError(t.text('portInUse', { port: String(o.port), host: o.host }));
    throw err;
  }
  // One write, the "listening on" line last: whoever waits for that line (scripts, the demo) has it all. That
  // line reads the same in every language.
  const l = o.io.locale;
  const lines: string[] = [];
  if (server.loaded.demo) {
    const { DEMO_PASSWORD, demoUsers } = await import('../server/demo.ts');
    const added = server.loaded.demo;
    lines.push(t(l, added.users + added.establishments > 0 ? 'demo.loaded' : 'demo.present', { password: DEMO_PASSWORD }));
    const width = Math.max(...Object.values(demoUsers).map((e) => e.length));
    for (const who of ['yann', 'sarah', 'agent', 'eve'] as const) lines.push(`  ${demoUsers[who].padEnd(width)}  ${t(l, `demo.${who}`)}`);
    lines.push(t(l, 'demo.try', { command: `tix auth login --server ${server.url} --email ${demoUsers.yann}` }));
  }
  if (server.loaded.seed) {
    const { companies, establishments, users } = server.loaded.seed;
    lines.push(t(l, 'seedLoaded', { companies, establishments, users }));
  }
  // said once, at start: without SMTP, notifications wait in the outbox (sent once a server has --smtp)
  lines.push(
    server.mail
      ? t(l, 'mailThrough', { smtp: server.mail.smtp, from: server.mail.from })
      : t(l, 'noSmtp', { count: server.pendingNotifications }),
  );
  if (!o.publicUrl && ['0.0.0.0', '::'].includes(o.host)) lines.push(t(l, 'linksPointAt', { url: server.app.services.publicUrl() }));
  lines.push(t(l, 'listening', { url: server.url, db: server.db }));
  o.io.err(`${lines.join('\n')}\n`);
  await new Promise<void>((resolve) => {
    if (o.signal.aborted) return resolve();
    o.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  o.io.err(`${t(l, 'shuttingDown')}\n`);
  await server.close();
}

/** The program's name before each of the server's log lines. */
const logPrefix = 'tix serve: ';

/** Why a --mail-from cannot be a sender: an address, or `Name <address>`. */
function mailFromProblem(text: string): LocalText | undefined {
  const m = /^\s*(?:[^<>@]*<([^<>\s]+)>|([^<>\s]+))\s*$/.exec(text);
  const address = m?.[1] ?? m?.[2];
  if (!address) return t.text('mailFrom.notAddress', { value: text });
  if (!emailProblem(address)) return undefined;
  return t.text('mailFrom.badAddress', { address, problem: (l) => emailProblem(address, l) ?? '' });
}
/** A URL that carries a password (in its user part, or as a `password=` parameter). */
function hasPassword(url: string): boolean {
  try {
    const u = new URL(url);
    return u.password !== '' || u.searchParams.has('password');
  } catch {
    return true;
  }
}

/**
 * A database tix serve cannot use, as the error the CLI prints (no stack trace, never the password): unreachable
 * is transient (exit 6: start again later), a refused login is not permitted (exit 4), the rest is usage (exit 2).
 */
function databaseError(err: { problem: string; message: string; hint?: string }): TixError {
  const details = { code: `database_${err.problem}`, hint: err.hint };
  const message = t.text('cannotStart', { reason: err.message });
  if (err.problem === 'unreachable') return transientError(message, details);
  if (err.problem === 'refused') return authError(message, details);
  return usageError(message, details);
}
