import type { Command } from 'commander';
import { authError, transientError, type TixError, usageError } from '../core/errors.ts';
import type { Factory } from '../cli/factory.ts';
import { examples } from '../cli/help-text.ts';
import { parseDuration } from '../core/duration.ts';
import { emailProblem } from '../core/identifiers.ts';
import type { IOStreams } from '../io/iostreams.ts';

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
  const cmd = parent
    .command('serve')
    .description('Run the reference support backend (SQLite by default; PostgreSQL for several instances)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 picks a free one)', '8787')
    .option(
      '--db <path|url>',
      'SQLite file, :memory:, or postgres://user@host:port/db (default: $TIX_DATABASE_URL, else $XDG_DATA_HOME/tix/tix.db)',
    )
    .option('--demo', 'load the demo organisation (adds nothing twice)', false)
    .option('--seed <file>', 'load an organisation from a JSON file')
    .option('--catalog <file>', 'use the request-type catalog in this JSON file instead of the built-in one')
    .option('--auto-close-after <duration>', 'close resolved tickets after this long', '7d')
    .option('--log', 'log one line per request to stderr', false)
    .option('--public-url <url>', 'the address people reach this server at, for ticket links (default: http://HOST:PORT)')
    .option('--smtp <url>', 'send notification e-mails through this SMTP server: smtp://host:port (default: $TIX_SMTP_URL)')
    .option('--mail-from <address>', 'the sender of notification e-mails (default: tix <noreply@HOST of the public URL>)')
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
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          throw usageError(`--port must be a number from 0 to 65535, got "${opts.port}"`);
        const autoCloseAfter = parseDuration(opts.autoCloseAfter);
        if (autoCloseAfter === undefined)
          throw usageError(`--auto-close-after: expected a duration such as 7d or 12h, got "${opts.autoCloseAfter}"`);
        if (opts.publicUrl !== undefined) {
          const { publicUrlProblem } = await import('../server/serve.ts');
          const problem = publicUrlProblem(opts.publicUrl);
          if (problem) throw usageError(`--public-url: ${problem}`);
        }
        const smtp = opts.smtp ?? (f.env.TIX_SMTP_URL || undefined);
        if (smtp !== undefined) {
          const { smtpUrlProblem } = await import('../server/notifications/mailer.ts');
          const problem = smtpUrlProblem(smtp);
          if (problem) throw usageError(`${opts.smtp === undefined ? 'TIX_SMTP_URL' : '--smtp'}: ${problem}`);
        }
        let notifyLeaseMs: number | undefined;
        if (f.env.TIX_NOTIFY_LEASE) {
          notifyLeaseMs = parseDuration(f.env.TIX_NOTIFY_LEASE);
          if (notifyLeaseMs === undefined || notifyLeaseMs < 1000)
            throw usageError(`TIX_NOTIFY_LEASE: expected a duration of at least 1s such as 30s or 2m, got "${f.env.TIX_NOTIFY_LEASE}"`);
        }
        if (opts.mailFrom !== undefined) {
          const problem = mailFromProblem(opts.mailFrom);
          if (problem) throw usageError(`--mail-from: ${problem}`);
          if (smtp === undefined) throw usageError('--mail-from needs an SMTP server to send through: add --smtp smtp://host:port');
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
    o.io.err('tix serve: warning: a password in --db is visible to other users of this machine; use TIX_DATABASE_URL or PGPASSWORD\n');
  }
  if (o.smtp && o.env.TIX_SMTP_URL !== o.smtp && hasPassword(o.smtp)) {
    process.title = 'tix serve';
    o.io.err('tix serve: warning: a password in --smtp is visible to other users of this machine; use TIX_SMTP_URL\n');
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
      progress: (line) => o.io.err(`tix serve: ${line}\n`),
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
    if (e.code === 'EADDRINUSE')
      throw usageError(`port ${o.port} on ${o.host} is already in use; pick another with --port, or --port 0 for a free one`);
    throw err;
  }
  // One write, the "listening on" line last: whoever waits for that line (scripts, the demo) has it all.
  let banner = '';
  if (server.loaded.demo) {
    const { DEMO_PASSWORD, demoUsers } = await import('../server/demo.ts');
    const added = server.loaded.demo;
    banner +=
      `demo organisation ${added.users + added.establishments > 0 ? 'loaded' : 'already present'}; every user's password is ${DEMO_PASSWORD}\n` +
      `  ${demoUsers.yann}   admin of École Paris and École Lille\n` +
      `  ${demoUsers.sarah}  admin of École Lille\n` +
      `  ${demoUsers.agent}  support agent\n` +
      `  ${demoUsers.eve}    employee of École Lyon (no access to messages)\n` +
      `try: tix auth login --server ${server.url} --email ${demoUsers.yann}\n`;
  }
  if (server.loaded.seed)
    banner += `seed loaded: ${server.loaded.seed.companies} companies, ${server.loaded.seed.establishments} establishments, ${server.loaded.seed.users} users added\n`;
  // said once, at start: without SMTP, notifications wait in the outbox (sent once a server has --smtp)
  banner += server.mail
    ? `notification e-mails go through ${server.mail.smtp} from ${server.mail.from}\n`
    : `no SMTP server (--smtp or TIX_SMTP_URL): notification e-mails wait in the outbox (${server.pendingNotifications} now)\n`;
  if (!o.publicUrl && ['0.0.0.0', '::'].includes(o.host))
    banner += `ticket links point at ${server.app.services.publicUrl()}; give --public-url the address people reach this server at\n`;
  o.io.err(`${banner}tix serve: listening on ${server.url} (database: ${server.db})\n`);
  await new Promise<void>((resolve) => {
    if (o.signal.aborted) return resolve();
    o.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  o.io.err('tix serve: shutting down\n');
  await server.close();
}

/** Why a --mail-from cannot be a sender: an address, or `Name <address>`. */
function mailFromProblem(text: string): string | undefined {
  const m = /^\s*(?:[^<>@]*<([^<>\s]+)>|([^<>\s]+))\s*$/.exec(text);
  const address = m?.[1] ?? m?.[2];
  if (!address) return `"${text}" is not an address; write it as support@example.com or "Support <support@example.com>"`;
  const problem = emailProblem(address);
  return problem ? `"${address}": ${problem}` : undefined;
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
  const message = `cannot start: ${err.message}`;
  if (err.problem === 'unreachable') return transientError(message, details);
  if (err.problem === 'refused') return authError(message, details);
  return usageError(message, details);
}
