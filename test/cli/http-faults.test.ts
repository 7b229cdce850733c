import { afterEach, describe, expect, it } from 'vitest';
import { isolatedEnv, tix } from '../helpers/cli.ts';
import { closedPort, json, startStub, type Stub } from '../helpers/stub.ts';

let stub: Stub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});
const envFor = (url: string) => isolatedEnv({ TIX_SERVER: url, TIX_TOKEN: 'tixs_test' });
const page = { items: [{ siret: '81234567600025', siren: '812345676', name: 'École Lille' }], nextCursor: null };

describe('HTTP client against a misbehaving server', () => {
  it('retries a 503 storm, honouring Retry-After, then exits 6 saying the server is busy', async () => {
    stub = await startStub((_req, res) =>
      json(res, 503, { error: { code: 'unavailable', message: 'maintenance' } }, { 'retry-after': '0' }),
    );
    const r = await tix(['establishment', 'list'], { env: envFor(stub.url) });
    expect(r.code).toBe(6);
    expect(stub.seen).toHaveLength(4); // the first try and three retries
    expect(r.stderr).toMatch(/maintenance \(the server is busy or unavailable; it asks to retry after 0s\)/);
    expect(r.errorJson()).toMatchObject({ exitCode: 6, status: 503 });
  });

  it('recovers when the storm passes', async () => {
    stub = await startStub((_req, res, i) =>
      i < 2 ? json(res, 429, { error: { code: 'slow_down', message: 'slow down' } }, { 'retry-after': '0' }) : json(res, 200, page),
    );
    const r = await tix(['establishment', 'list', '--json', 'name'], { env: envFor(stub.url) });
    expect(r.code).toBe(0);
    expect(r.json()).toEqual([{ name: 'École Lille' }]);
    expect(stub.seen).toHaveLength(3);
  });

  it('gives up at once when the server asks for a longer pause than we wait', async () => {
    stub = await startStub((_req, res) =>
      json(res, 429, { error: { code: 'slow_down', message: 'slow down' } }, { 'retry-after': '3600' }),
    );
    const r = await tix(['establishment', 'list'], { env: envFor(stub.url) });
    expect(r.code).toBe(6);
    expect(stub.seen).toHaveLength(1);
    expect(r.stderr).toMatch(/retry after 3600s/);
  });

  it('a 500 that persists is exit 1, not 6', async () => {
    stub = await startStub((_req, res) => json(res, 500, { error: { code: 'internal', message: 'boom' } }));
    const r = await tix(['establishment', 'list'], { env: envFor(stub.url) });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/server error 500: boom/);
  });

  it('a refused connection names the server it tried (exit 6)', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const r = await tix(['establishment', 'list'], { env: envFor(url) });
    expect(r.code).toBe(6);
    expect(r.stderr).toContain(`cannot reach the tix server at ${url}: connection refused`);
    expect(r.errorJson()).toMatchObject({ code: 'unreachable', server: url, network: 'ECONNREFUSED' });
  });

  it('a POST without an idempotency key is not replayed when its answer is lost: outcome unknown, exit 6', async () => {
    stub = await startStub((req, res) => (req.method === 'POST' ? res.socket?.destroy() : json(res, 200, { items: [], nextCursor: null })));
    const r = await tix(['token', 'create', '--name', 'ci'], { env: envFor(stub.url) });
    expect(r.code).toBe(6);
    expect(stub.seen).toEqual(['POST /api/v1/tokens']);
    expect(r.stderr).toMatch(/failed after the request was sent .*the outcome is unknown\nhint: check with: tix token list/);
    expect(r.errorJson().code).toBe('outcome_unknown');
  });

  it('a server that never answers times out (exit 6)', async () => {
    stub = await startStub(() => undefined);
    const r = await tix(['establishment', 'list'], { env: envFor(stub.url), http: { requestTimeoutMs: 200, retries: 1 } });
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(/no answer in time/);
    expect(stub.seen).toHaveLength(2);
  });

  it('sends requests through HTTPS_PROXY/HTTP_PROXY unless NO_PROXY matches', async () => {
    stub = await startStub((_req, res) => json(res, 200, page));
    const env = { ...envFor('http://tix.example.invalid'), HTTP_PROXY: stub.url };
    const r = await tix(['establishment', 'list', '--json', 'name'], { env });
    expect(r.code).toBe(0);
    expect(stub.seen).toEqual(['GET http://tix.example.invalid/api/v1/establishments']);
    const bypass = await tix(['establishment', 'list'], { env: { ...env, NO_PROXY: 'tix.example.invalid' }, http: { retries: 0 } });
    expect(bypass.code).toBe(6);
    expect(stub.seen).toHaveLength(1);
  });
});
