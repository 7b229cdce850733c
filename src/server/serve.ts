import { homedir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from './app.ts';
import { demoOrganisation } from './demo.ts';
import { readCatalogFile } from './catalog-file.ts';
import { prepareOrganisation, readOrganisationFile } from './organisation-seed.ts';
import { SqliteStore } from './store/sqlite.ts';
import type { SeedResult, Store } from './store/store.ts';

export interface ServeOptions {
  host: string;
  port: number;
  /** a file path, ":memory:", or later a postgres:// URL */
  db: string;
  demo?: boolean;
  seed?: string;
  /** a request-type catalog file replacing the built-in one */
  catalog?: string;
  log?: boolean;
  /** what a long upgrade of the database says while it runs, before the server listens */
  progress?: (line: string) => void;
  /** the address people reach the server at, for the links it gives out; default: the listen address */
  publicUrl?: string;
  app?: Partial<AppOptions>;
}

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  store: Store;
  db: string;
  loaded: { demo?: SeedResult; seed?: SeedResult };
  close(): Promise<void>;
}

export function defaultDatabasePath(env: Record<string, string | undefined>): string {
  return join(env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share'), 'tix', 'tix.db');
}

export function openStore(db: string, progress?: (line: string) => void): Store {
  if (/^postgres(ql)?:\/\//i.test(db)) {
    throw new Error('PostgreSQL is not supported by this version of tix serve yet; use a SQLite file path or :memory:');
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
  const store = openStore(options.db, options.progress);
  try {
    const loaded: RunningServer['loaded'] = {};
    if (demo) loaded.demo = await store.loadOrganisation(demo);
    if (seed) loaded.seed = await store.loadOrganisation(seed);
    const app = await buildApp({
      store,
      log: options.log,
      ...(catalog ? { catalog } : {}),
      ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
      ...options.app,
    });
    const address = await app.listen({ host: options.host, port: options.port });
    // Resolved tickets also close when something touches them; this sweep keeps idle databases tidy too.
    const sweep = setInterval(() => void app.services.tickets.closeDue().catch((err) => app.log.error(err)), 60_000);
    sweep.unref();
    return {
      url: address.replace('[::1]', 'localhost'),
      app,
      store,
      db: options.db,
      loaded,
      close: async () => {
        clearInterval(sweep);
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
