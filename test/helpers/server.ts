import type { FastifyInstance } from 'fastify';
import { afterAll } from 'vitest';
import { API_PREFIX, buildApp, type AppOptions, type Exchange } from '../../src/server/app.ts';
import { demoOrganisation } from '../../src/server/demo.ts';
import { prepareOrganisation } from '../../src/server/organisation-seed.ts';
import type { OrganisationSeed, Store } from '../../src/server/store/store.ts';
import { openTestStore } from './database.ts';
import { loadSpec, validateExchange, type OpenApiSpec } from './openapi.ts';

export interface TestServer {
  url: string;
  app: FastifyInstance;
  store: Store;
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

// Every exchange with a test server is checked against the server's own /api/v1/openapi.json: a test file whose
// traffic breaks the document fails, with each violation listed.
const violations = new Map<string, number>();
afterAll(() => {
  if (violations.size === 0) return;
  const lines = [...violations].map(([problem, times]) => `  ${problem}${times > 1 ? ` (×${times})` : ''}`);
  throw new Error(`the traffic of this test file does not match /api/v1/openapi.json (${violations.size}):\n${lines.join('\n')}`);
});

/**
 * What of an exchange the document must describe. An answer always; the request only when it was accepted:
 * requests the tests make invalid on purpose (no token, bad ids, unknown fields) must be refused with a
 * declared error, and are not violations themselves.
 */
export function openApiProblems(spec: OpenApiSpec, { request, response }: Exchange): string[] {
  if (!request.url.startsWith(`${API_PREFIX}/`)) return [];
  const problems = validateExchange(
    spec,
    { method: request.method, path: request.url, headers: request.headers, body: request.body },
    { status: response.status, headers: response.headers, body: response.body },
  );
  const kept = response.status < 400 ? problems : problems.filter((p) => /^\S+ \([A-Z]+ \S+\) response/.test(p));
  return kept.map((p) => `${p} [answered ${response.status}]`);
}

/**
 * A real tix server on 127.0.0.1 and a free port, over a real database: in-memory SQLite (or the SQLite file
 * `db`), or in the postgres test project a fresh PostgreSQL database of its own.
 */
export async function startTestServer(opts: { demo?: boolean; db?: string; app?: Partial<AppOptions> } = {}): Promise<TestServer> {
  const store = await openTestStore({ sqlitePath: opts.db });
  if (opts.demo !== false) await store.identity.loadOrganisation(await preparedDemo());
  // committed before the test goes on (the SQLite store commits writes in groups)
  await store.flush();
  let spec: OpenApiSpec | undefined;
  const app = await buildApp({
    store,
    ...opts.app,
    onExchange: (exchange) => {
      opts.app?.onExchange?.(exchange);
      for (const problem of spec ? openApiProblems(spec, exchange) : []) violations.set(problem, (violations.get(problem) ?? 0) + 1);
    },
  });
  spec = loadSpec(JSON.parse((await app.inject({ method: 'GET', url: `${API_PREFIX}/openapi.json` })).body));
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

/**
 * Files `count` question tickets ("Bulk 0", "Bulk 1"…, one a second from 2026-01-01, so "Bulk 0" is the
 * oldest) for a demo user in one establishment, straight through the store: a listing of thousands to page
 * through, made in seconds. Committed when it returns.
 */
export async function bulkTickets(s: TestServer, opts: { count: number; email: string; siret: string }): Promise<void> {
  const userId = (await s.store.identity.findUserByEmail(opts.email))!.id;
  const establishmentId = (await s.store.identity.allEstablishments()).find((e) => e.siret === opts.siret)!.id;
  for (let i = 0; i < opts.count; i++)
    await s.store.tickets.createTicket({
      establishmentId,
      createdById: userId,
      onBehalfOf: null,
      type: 'question',
      category: 'general',
      summary: `Bulk ${i}`,
      fields: {},
      description: `Bulk ticket ${i}`,
      uploadIds: [],
      followUpOf: null,
      at: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    });
  await s.store.flush();
}
