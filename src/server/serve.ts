import { homedir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, defaultMailFrom, type AppOptions } from './app.ts';
import { demoOrganisation } from './demo.ts';
import { displaySmtpUrl } from './notifications/mailer.ts';
import { readCatalogFile } from './catalog-file.ts';
import { prepareOrganisation, readOrganisationFile } from './organisation-seed.ts';
import { isPostgresUrl } from './store/database-url.ts';
import { SqliteStore } from './store/sqlite.ts';
import type { SeedResult, Store } from './store/store.ts';

export interface ServeOptions {
  host: string;
  port: number;
  /** a SQLite file path, ":memory:", or a postgres:// URL */
  db: string;
  demo?: boolean;
  seed?: string;
  /** a request-type catalog file replacing the built-in one */
  catalog?: string;
  log?: boolean;
  /** what a person should see on stderr (a schema upgrade running, a background task failing) */
  progress?: (line: string) => void;
  /** the address people reach the server at, for the links it gives out; default: the listen address */
  publicUrl?: string;
  /** the SMTP server that sends notification e-mails (smtp://[user:password@]host:port); none: they wait */
  smtp?: string;
  /** the sender of notification e-mails; default: tix <noreply@the public URL's host> */
  mailFrom?: string;
  app?: Partial<AppOptions>;
}

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  store: Store;
  /** the database, as it may be shown (no password) */
  db: string;
  loaded: { demo?: SeedResult; seed?: SeedResult };
  /** how notifications leave: the SMTP server as it may be shown (no credentials) and the sender, or none */
  mail: { smtp: string; from: string } | undefined;
  /** notifications waiting in the outbox at start */
  pendingNotifications: number;
  close(): Promise<void>;
}

export function defaultDatabasePath(env: Record<string, string | undefined>): string {
  return join(env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share'), 'tix', 'tix.db');
}

/**
 * The store a --db names: PostgreSQL for a postgres:// URL (the driver loads only then, so SQLite users never pay
 * for it), SQLite otherwise. A database that cannot be used throws DatabaseUnavailableError.
 */
export async function openStore(db: string, progress?: (line: string) => void): Promise<Store> {
  if (isPostgresUrl(db)) {
    const { PostgresStore } = await import('./store/postgres.ts');
    return PostgresStore.open(db, {
      log: progress,
      onError: (err) => progress?.(`the database dropped an idle connection (${err.message}); it is replaced on next use`),
    });
  }
  return new SqliteStore(db, { log: progress });
}

/**
 * Opens the store, loads the demo or seed organisation, and listens. A bad seed file is rejected before the
 * database is touched, so nothing is half-loaded.
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const seed = options.seed ? await readOrganisationFile(options.seed) : undefined;
  const catalog = options.catalog ? await readCatalogFile(options.catalog) : undefined;
  const demo = options.demo ? await prepareOrganisation(demoOrganisation, 'the demo organisation') : undefined;
  const store = await openStore(options.db, options.progress);
  try {
    const loaded: RunningServer['loaded'] = {};
    if (demo) loaded.demo = await store.identity.loadOrganisation(demo);
    if (seed) loaded.seed = await store.identity.loadOrganisation(seed);
    const app = await buildApp({
      store,
      log: options.log,
      problems: options.progress,
      ...(catalog ? { catalog } : {}),
      ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
      ...options.app,
      notifications: { ...options.app?.notifications, smtp: options.smtp, from: options.mailFrom },
    });
    const address = await app.listen({ host: options.host, port: options.port });
    // background work (auto-close, notifications) runs on every instance; the database gives each piece of it to one
    app.services.background.start();
    return {
      url: address.replace('[::1]', 'localhost'),
      app,
      store,
      db: store.display,
      loaded,
      mail: options.smtp
        ? { smtp: displaySmtpUrl(options.smtp), from: options.mailFrom || defaultMailFrom(app.services.publicUrl()) }
        : undefined,
      pendingNotifications: await store.notifications.pendingEvents(),
      close: async () => {
        await app.close();
        await store.close();
      },
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}

/**
 * Why `text` cannot be the server's public base URL, or undefined: an http(s) URL, perhaps with a path (a
 * reverse proxy's prefix), without credentials, query or fragment.
 */
export function publicUrlProblem(text: string): string | undefined {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return `"${text}" is not a URL; give the address people reach this server at, e.g. https://support.example.com`;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return `${u.protocol} is not http: or https:`;
  if (u.username || u.password) return 'put no user name or password in it';
  if (u.search || u.hash || text.includes('?') || text.includes('#')) return 'a base URL has no query (?) or fragment (#)';
  return undefined;
}
