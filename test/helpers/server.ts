import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../../src/server/app.ts';
import { demoOrganisation } from '../../src/server/demo.ts';
import { prepareOrganisation } from '../../src/server/organisation-seed.ts';
import { SqliteStore } from '../../src/server/store/sqlite.ts';
import type { OrganisationSeed } from '../../src/server/store/store.ts';

export interface TestServer {
  url: string;
  app: FastifyInstance;
  store: SqliteStore;
  close(): Promise<void>;
  /** a session token for a demo user, straight from the API */
  tokenFor(email: string): Promise<string>;
  /** calls the API as a user (or anonymously) and returns status and parsed body */
  api(
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any; headers: Record<string, string> }>;
}

// Hashing the demo passwords (scrypt) once per test file rather than once per server keeps the suite quick.
let demoSeed: Promise<OrganisationSeed> | undefined;
export function preparedDemo(): Promise<OrganisationSeed> {
  demoSeed ??= prepareOrganisation(demoOrganisation, 'demo');
  return demoSeed;
}

/** A real tix server on 127.0.0.1 and a free port, over a real (in-memory or file) SQLite database. */
export async function startTestServer(opts: { demo?: boolean; db?: string; app?: Partial<AppOptions> } = {}): Promise<TestServer> {
  const store = new SqliteStore(opts.db ?? ':memory:');
  if (opts.demo !== false) await store.loadOrganisation(await preparedDemo());
  // committed before a test writes to store.db itself (the store commits writes in groups)
  await store.flush();
  const app = await buildApp({ store, ...opts.app });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const tokens = new Map<string, string>();
  const server: TestServer = {
    url,
    app,
    store,
    close: async () => {
      await app.close();
      await store.close();
    },
    api: async (method, path, o = {}) => {
      const res = await app.inject({
        method: method as 'GET',
        url: `/api/v1${path}`,
        headers: { ...(o.token ? { authorization: `Bearer ${o.token}` } : {}), ...o.headers },
        ...(o.body !== undefined ? { payload: o.body as object } : {}),
      });
      let body: unknown = res.body;
      try {
        body = JSON.parse(res.body);
      } catch {
        /* not JSON */
      }
      return { status: res.statusCode, body, headers: res.headers as Record<string, string> };
    },
    tokenFor: async (email) => {
      const cached = tokens.get(email);
      if (cached) return cached;
      const res = await server.api('POST', '/auth/login', { body: { email, password: 'demo-password' } });
      if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
      tokens.set(email, res.body.token);
      return res.body.token as string;
    },
  };
  return server;
}
