import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const clock = {
  at: Date.now(),
  now() {
    return new Date(this.at);
  },
};
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ app: { clock } });
});
afterAll(() => s.close());

describe('login and sessions', () => {
  it('exchanges a password for a session token and tells who it belongs to', async () => {
    const login = await s.api('POST', '/auth/login', { body: { email: 'Yann@Demo.test', password: 'demo-password' } });
    expect(login.status).toBe(200);
    expect(login.body.token).toMatch(/^tixs_/);
    expect(login.body.user).toEqual({ email: 'yann@demo.test', name: 'Yann Le Goff', role: 'admin' });
    const me = await s.api('GET', '/me', { token: login.body.token });
    expect(me.status).toBe(200);
    expect(me.body.establishments.map((e: { name: string }) => e.name).sort()).toEqual(['École Lille', 'École Paris']);
    expect(me.body.company).toEqual({ siren: '812345676', name: 'Écoles Démo' });
  });

  it('refuses a wrong password and an unknown e-mail the same way', async () => {
    const wrong = await s.api('POST', '/auth/login', { body: { email: 'sarah@demo.test', password: 'nope' } });
    const unknown = await s.api('POST', '/auth/login', { body: { email: 'nobody@demo.test', password: 'nope' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error).toEqual({ code: 'unauthorized', message: 'wrong e-mail or password', reason: 'credentials' });
  });

  it('slows repeated failed logins down with 429 and Retry-After, then lets the right password in', async () => {
    const email = 'eve@demo.test';
    for (let i = 0; i < 5; i++) expect((await s.api('POST', '/auth/login', { body: { email, password: `bad-${i}` } })).status).toBe(401);
    const locked = await s.api('POST', '/auth/login', { body: { email, password: 'demo-password' } });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.body.error.code).toBe('too_many_attempts');
    clock.at += 2000;
    expect((await s.api('POST', '/auth/login', { body: { email, password: 'demo-password' } })).status).toBe(200);
  });

  it('stores only hashes of passwords and tokens', async () => {
    const token = await s.tokenFor('sarah@demo.test');
    for (const email of ['yann@demo.test', 'sarah@demo.test', 'agent@demo.test', 'eve@demo.test']) {
      const user = (await s.store.identity.findUserByEmail(email))!;
      expect(user.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$/);
      expect(user.passwordHash).not.toContain('demo-password');
    }
    const sarah = (await s.store.identity.findUserByEmail('sarah@demo.test'))!;
    const stored = await s.store.identity.listTokens(sarah.id, 'session');
    expect(stored.length).toBeGreaterThan(0);
    const dump = JSON.stringify(stored);
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(token.slice(9));
  });

  it('logout revokes the token', async () => {
    const login = await s.api('POST', '/auth/login', { body: { email: 'sarah@demo.test', password: 'demo-password' } });
    expect((await s.api('POST', '/auth/logout', { token: login.body.token })).status).toBe(204);
    const after = await s.api('GET', '/me', { token: login.body.token });
    expect(after.status).toBe(401);
    expect(after.body.error.message).toMatch(/revoked.*tix auth login/);
  });

  it('expired tokens are refused', async () => {
    const token = (await s.api('POST', '/auth/login', { body: { email: 'sarah@demo.test', password: 'demo-password' } })).body.token;
    clock.at += 31 * 86_400_000;
    const res = await s.api('GET', '/me', { token });
    clock.at -= 31 * 86_400_000;
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/expired/);
  });

  it('a token from another server means nothing here', async () => {
    const other = await startTestServer();
    try {
      const foreign = await other.tokenFor('yann@demo.test');
      const res = await s.api('GET', '/me', { token: foreign });
      expect(res.status).toBe(401);
      expect(res.body.error.message).toMatch(/not valid on this server/);
    } finally {
      await other.close();
    }
  });
});

describe('personal access tokens', () => {
  it('are created with scopes and expiry, listed without their secret, and revoked', async () => {
    const session = await s.tokenFor('yann@demo.test');
    const created = await s.api('POST', '/tokens', {
      token: session,
      body: { name: 'ci', expiresInSeconds: 3600, scopes: ['tickets:write'] },
    });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^tixp_/);
    expect(created.body.scopes).toEqual(['tickets:write']);
    const list = await s.api('GET', '/tokens', { token: session });
    const listed = list.body.items.find((t: { id: number }) => t.id === created.body.id);
    expect(listed.name).toBe('ci');
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);

    const me = await s.api('GET', '/me', { token: created.body.token });
    expect(me.body.token).toMatchObject({ kind: 'pat', name: 'ci', scopes: ['tickets:write'] });
    // a PAT cannot mint more tokens
    const minted = await s.api('POST', '/tokens', { token: created.body.token, body: { name: 'x' } });
    expect(minted.status).toBe(403);

    expect((await s.api('DELETE', `/tokens/${created.body.id}`, { token: session })).status).toBe(204);
    expect((await s.api('GET', '/me', { token: created.body.token })).status).toBe(401);
    // revoking someone else's (or a missing) token is a 404
    expect((await s.api('DELETE', `/tokens/${created.body.id}`, { token: await s.tokenFor('sarah@demo.test') })).status).toBe(404);
  });

  it('reject unknown scopes, bad lifetimes and unknown fields, naming each field', async () => {
    const session = await s.tokenFor('yann@demo.test');
    const res = await s.api('POST', '/tokens', {
      token: session,
      body: { name: 'x', scopes: ['root'], expiresInSeconds: 5, colour: 'red' },
    });
    expect(res.status).toBe(422);
    const fields = res.body.error.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['scopes.0', 'expiresInSeconds', 'colour']));
  });
});

describe('establishments and access', () => {
  it('Sarah sees École Lille only; Yann sees Paris and Lille; the agent sees all', async () => {
    const names = async (email: string) =>
      (await s.api('GET', '/establishments', { token: await s.tokenFor(email) })).body.items.map((e: { name: string }) => e.name).sort();
    expect(await names('sarah@demo.test')).toEqual(['École Lille']);
    expect(await names('yann@demo.test')).toEqual(['École Lille', 'École Paris']);
    expect(await names('agent@demo.test')).toEqual(['École Lille', 'École Lyon', 'École Paris']);
  });

  it('an employee is not permitted (403)', async () => {
    clock.at += 3_600_000; // past Eve's login slow-down from the test above
    const res = await s.api('GET', '/establishments', { token: await s.tokenFor('eve@demo.test') });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/no administrator access/);
  });

  it('requires a token', async () => {
    const res = await s.api('GET', '/establishments');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });
});

describe('HTTP hygiene', () => {
  it('answers errors in the envelope, with no-store and no CORS', async () => {
    const res = await s.api('GET', '/nope', { headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: 'no route GET /api/v1/nope' } });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('limits body sizes (413) and refuses malformed JSON and invalid UTF-8 (400)', async () => {
    const big = await s.api('POST', '/auth/login', { body: { email: 'x@y.z', password: 'a'.repeat(2 * 1024 * 1024) } });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('body_too_large');
    const bad = await s.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expect(bad.statusCode).toBe(400);
    const utf8 = await s.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]),
    });
    expect(utf8.statusCode).toBe(400);
    expect(JSON.parse(utf8.body).error.code).toBe('invalid_utf8');
  });

  it('publishes an OpenAPI document generated from the routes', async () => {
    const res = await s.api('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/auth/login', '/me', '/tokens', '/tokens/{id}', '/establishments']),
    );
    expect(res.body.paths['/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual(['email', 'password']);
  });
});

describe('login throttle upkeep', () => {
  it('the background task forgets failed logins an hour after the last one, and only then', async () => {
    const ghosts = Array.from({ length: 3 }, (_, i) => `ghost-${i}-${Date.now()}@demo.test`);
    for (const email of ghosts) expect((await s.api('POST', '/auth/login', { body: { email, password: 'guess' } })).status).toBe(401);
    // still counting: nothing of theirs is forgotten
    const before = await s.app.services.background.runAll();
    clock.at += 2 * 3_600_000;
    try {
      const after = await s.app.services.background.runAll();
      expect(after['login-throttle-cleanup']! - before['login-throttle-cleanup']!).toBeGreaterThanOrEqual(ghosts.length);
      expect((await s.app.services.background.runAll())['login-throttle-cleanup']).toBe(0);
      // a login after the clean-up is throttled as before, from its first failure
      expect((await s.api('POST', '/auth/login', { body: { email: ghosts[0], password: 'again' } })).status).toBe(401);
    } finally {
      clock.at -= 2 * 3_600_000;
    }
  });
});
