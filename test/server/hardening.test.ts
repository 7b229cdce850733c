import { connect } from 'node:net';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEstablishments as est } from '../../src/server/demo.ts';
import { prepareOrganisation } from '../../src/server/organisation-seed.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// The holes a hostile pass against tix serve found (issue 9, part 4), one describe per hole: each test failed
// on the server as it was before the fix.

const clock = {
  at: Date.parse('2026-11-30T10:00:00Z'),
  now() {
    return new Date(this.at);
  },
};
let s: TestServer;
let yann: string;
let sarah: string;
const ACME = { siren: '732829320', siret: '73282932000074' };

beforeAll(async () => {
  s = await startTestServer({ app: { clock, uploads: { maxPendingCount: 3, maxPendingBytes: 64 * 1024 } } });
  await s.store.identity.loadOrganisation(
    await prepareOrganisation(
      {
        companies: [{ siren: ACME.siren, name: 'ACME', establishments: [{ siret: ACME.siret, name: 'Siège' }] }],
        users: [{ email: 'boss@acme.test', name: 'Bernadette Boss', password: 'demo-password', admin: [ACME.siret] }],
      },
      'test',
    ),
  );
  yann = await s.tokenFor('yann@demo.test');
  sarah = await s.tokenFor('sarah@demo.test');
});
afterAll(() => s.close());

const login = (email: string, password: string, from = '127.0.0.1') =>
  s.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: from,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ email, password }),
  });
const status = (r: { statusCode: number }) => r.statusCode;
const ticketBody = (summary: string, extra: Record<string, unknown> = {}) => ({
  type: 'question',
  establishment: est.paris.siret,
  fields: { summary, description: 'details', ...extra },
});

describe('login throttling', () => {
  it('counts each attempt before checking the password: 20 parallel wrong guesses meet 429s', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => login('sarah@demo.test', `wrong-${i}`, '10.1.0.1')));
    const statuses = answers.map(status);
    expect(statuses.filter((c) => c === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((c) => c === 429).length).toBeGreaterThanOrEqual(15);
    const refused = answers.find((a) => a.statusCode === 429)!;
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('a burst of right passwords is not throttled: attempts past the free ones wait for the outcome of the others', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, () => login('agent@demo.test', 'demo-password', '10.1.0.2')));
    expect(answers.map(status)).toEqual(Array(12).fill(200));
  });

  it('slows down an address that sprays passwords over many accounts', async () => {
    const from = '10.2.0.1';
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push(status(await login(`nobody-${i}@demo.test`, 'guess', from)));
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.slice(20)).toEqual(Array(5).fill(429));
    // even the right password of a real account waits, from that address
    const right = await login('yann@demo.test', 'demo-password', from);
    expect(right.statusCode).toBe(429);
    expect(JSON.parse(right.body).error.message).toMatch(/too many failed logins from your address; try again in \d+s/);
  });

  it('an IPv6 client is counted by its /64 network, so it cannot rotate addresses to spray', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push(status(await login(`v6-${i}@demo.test`, 'guess', `2001:db8:1:2::${(i + 1).toString(16)}`)));
    expect(statuses.at(-1)).toBe(429);
  });

  it('nobody locks a known user out by guessing on purpose: the guesser slows down, the user logs in', async () => {
    for (let i = 0; i < 12; i++) await login('yann@demo.test', `guess-${i}`, '10.3.0.1');
    expect(status(await login('yann@demo.test', 'demo-password', '10.3.0.1'))).toBe(429);
    // Yann, from his own address, is not affected
    expect(status(await login('yann@demo.test', 'demo-password', '10.3.0.2'))).toBe(200);
    // and the guesser's address waits at most 15 minutes after its last guess
    clock.at += 15 * 60_000 + 1000;
    expect(status(await login('yann@demo.test', 'demo-password', '10.3.0.1'))).toBe(200);
  });
});

describe('personal access tokens manage no tokens; scopes gate reads', () => {
  let session: string;
  let sessionId: number;
  let pat: string;
  let otherId: number;
  beforeAll(async () => {
    const r = await s.api('POST', '/auth/login', { body: { email: 'sarah@demo.test', password: 'demo-password' } });
    session = r.body.token;
    const create = async (name: string, scopes: string[]) =>
      (await s.api('POST', '/tokens', { token: session, body: { name, scopes } })).body as { id: number; token: string };
    const all = await create('all', ['tickets:read', 'tickets:write', 'contacts:read', 'contacts:write', 'settings:write']);
    pat = all.token;
    otherId = (await create('other', ['tickets:read'])).id;
    const sarahId = (await s.store.identity.findUserByEmail('sarah@demo.test'))!.id;
    sessionId = (await s.store.identity.listTokens(sarahId, 'session')).at(-1)!.id;
  });

  it('a PAT cannot list tokens, revoke another token, or revoke the login session', async () => {
    expect((await s.api('GET', '/tokens', { token: pat })).status).toBe(403);
    expect((await s.api('DELETE', `/tokens/${otherId}`, { token: pat })).status).toBe(403);
    const killSession = await s.api('DELETE', `/tokens/${sessionId}`, { token: pat });
    expect(killSession.status).toBe(403);
    expect(killSession.body.error.message).toMatch(/personal access tokens cannot manage tokens/);
    expect((await s.api('GET', '/me', { token: session })).status).toBe(200);
    expect((await s.api('GET', '/tokens', { token: session })).body.items.map((t: { id: number }) => t.id)).toContain(otherId);
  });

  it('reading settings needs the settings:read scope; establishments need a tickets scope', async () => {
    const scoped = async (scopes: string[]) => (await s.api('POST', '/tokens', { token: session, body: { name: 'x', scopes } })).body.token;
    const contactsOnly = await scoped(['contacts:read']);
    const settings = await s.api('GET', '/settings', { token: contactsOnly });
    expect(settings.status).toBe(403);
    expect(settings.body.error.message).toMatch(/settings:read/);
    expect((await s.api('GET', '/settings', { token: await scoped(['settings:read']) })).status).toBe(200);
    expect((await s.api('GET', '/establishments', { token: contactsOnly })).status).toBe(403);
    expect((await s.api('GET', '/establishments', { token: await scoped(['tickets:write']) })).status).toBe(200);
  });
});

describe('authentication comes before the body', () => {
  it('an anonymous POST /tickets {} is 401, not a list of missing fields', async () => {
    const res = await s.api('POST', '/tickets', { body: {} });
    expect(res.status).toBe(401);
    const junk = await s.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: { 'content-type': 'application/json' },
      payload: '{',
    });
    expect(junk.statusCode).toBe(401);
  });

  /** Sends `head` (and `body`), returns the first status line the server answers with. */
  function firstAnswer(head: string, body = ''): Promise<string> {
    const u = new URL(s.url);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(u.port), u.hostname);
      let data = '';
      socket.on('data', (d) => {
        data += d;
        if (data.includes('\r\n')) {
          resolve(data.split('\r\n')[0]!);
          socket.destroy();
        }
      });
      socket.on('error', reject);
      socket.write(head + body);
    });
  }
  const upload = (headers: string) =>
    `POST /api/v1/uploads?name=big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n${headers}\r\n`;

  it('an anonymous 10 MiB upload gets its 401 before the body is sent', async () => {
    // only 1 KiB of the announced 10 MiB is ever sent: the answer must not wait for the rest
    expect(await firstAnswer(upload(`Content-Length: ${10 * 1024 * 1024}\r\n`), 'x'.repeat(1024))).toBe('HTTP/1.1 401 Unauthorized');
  });

  it('never promises 100 Continue without a valid token, or for a body over the limit', async () => {
    expect(await firstAnswer(upload('Content-Length: 2000\r\nExpect: 100-continue\r\n'))).toBe('HTTP/1.1 401 Unauthorized');
    const auth = `Authorization: Bearer ${yann}\r\n`;
    expect(await firstAnswer(upload(`${auth}Content-Length: ${20 * 1024 * 1024}\r\nExpect: 100-continue\r\n`))).toBe(
      'HTTP/1.1 413 Payload Too Large',
    );
    expect(await firstAnswer(upload(`${auth}Content-Length: 2000\r\nExpect: 100-continue\r\n`))).toBe('HTTP/1.1 100 Continue');
  });

  it('401 answers say how to authenticate: WWW-Authenticate: Bearer (RFC 6750), and whether the token was refused', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{}, 'Bearer realm="tix"'],
      [{ authorization: 'Basic eDp5' }, 'Bearer realm="tix"'],
      [{ authorization: 'Bearer tixs_nope' }, 'Bearer realm="tix", error="invalid_token"'],
    ];
    for (const [headers, challenge] of cases) {
      const res = await s.api('GET', '/me', { headers });
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe(challenge);
    }
    const wrongPassword = await login('nobody@demo.test', 'x', '10.9.0.1');
    expect(wrongPassword.statusCode).toBe(401);
    expect(wrongPassword.headers['www-authenticate']).toBe('Bearer realm="tix"');
  });
});

describe('onBehalfOf', () => {
  it('names people of the caller’s company only; any other address looks exactly like an unknown one', async () => {
    const file = async (onBehalfOf: string) =>
      (await s.api('POST', '/tickets', { token: yann, body: ticketBody(`for ${onBehalfOf}`, { onBehalfOf }) })).body.onBehalfOf;
    expect(await file('sarah@demo.test')).toEqual({ email: 'sarah@demo.test', name: 'Sarah Martin' });
    const elsewhere = await file('boss@acme.test');
    const nobody = await file('nobody-at-all@acme.test');
    expect(elsewhere).toEqual({ email: 'boss@acme.test', name: null });
    expect(nobody).toEqual({ email: 'nobody-at-all@acme.test', name: null });
  });
});

describe('request bodies', () => {
  it('refuse duplicate JSON keys (400), at any depth, on public routes too', async () => {
    const send = (url: string, payload: string, token?: string) =>
      s.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        payload,
      });
    const cases: Array<[string, string, string | undefined]> = [
      ['/api/v1/tickets', `{"type":"question","type":"incident","fields":{"summary":"s","description":"d"}}`, yann],
      ['/api/v1/tickets', `{"type":"question","fields":{"summary":"s","description":"d","summary":"t"}}`, yann],
      // the same key spelled with an escape is the same key
      ['/api/v1/tickets', `{"type":"question","fields":{"summary":"s","description":"d","\\u0073ummary":"t"}}`, yann],
      ['/api/v1/auth/login', `{"email":"yann@demo.test","password":"x","password":"demo-password"}`, undefined],
    ];
    for (const [url, payload, token] of cases) {
      const res = await send(url, payload, token);
      expect(res.statusCode, payload).toBe(400);
      expect(JSON.parse(res.body).error).toMatchObject({ code: 'duplicate_key' });
      expect(JSON.parse(res.body).error.message).toMatch(/appears twice/);
    }
    // the same key in two different objects is fine
    const ok = await send('/api/v1/tickets', JSON.stringify(ticketBody('two objects', { onBehalfOf: 'sarah@demo.test' })), yann);
    expect(ok.statusCode).toBe(201);
  });

  const hostile = {
    'whitespace only': '   ',
    newline: 'one\ntwo',
    ESC: 'red \u001b[31m',
    BEL: 'ding \u0007',
    C1: 'csi \u009b31m',
    'right-to-left override': 'invoice\u202Efdp.exe',
    'isolate U+2066': 'a\u2066b',
  };

  it.each(Object.entries(hostile))('one-line fields refuse %s (summary, token, contact and file names)', async (_what, text) => {
    const summary = await s.api('POST', '/tickets', { token: yann, body: ticketBody(text) });
    expect(summary.status).toBe(422);
    expect(summary.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['summary']);
    const token = await s.api('POST', '/tokens', { token: yann, body: { name: text } });
    expect(token.status).toBe(422);
    expect(token.body.error.fields[0].field).toBe('name');
    const contact = await s.api('POST', '/contacts', { token: yann, body: { type: 'technical', name: text, emails: ['t@demo.test'] } });
    expect(contact.status).toBe(422);
    expect(contact.body.error.fields[0].field).toBe('name');
    if (text.trim() !== '') {
      const upload = await s.app.inject({
        method: 'POST',
        url: `/api/v1/uploads?name=${encodeURIComponent(text)}`,
        headers: { authorization: `Bearer ${yann}`, 'content-type': 'application/octet-stream' },
        payload: Buffer.from('data'),
      });
      expect(upload.statusCode).toBe(422);
      expect(JSON.parse(upload.body).error.fields[0].field).toBe('name');
    }
  });

  it('a seed file refuses the same in company, establishment and user names', async () => {
    const seed = {
      companies: [{ siren: ACME.siren, name: 'ACME\u202e', establishments: [{ siret: ACME.siret, name: 'Siège\nbis' }] }],
      users: [{ email: 'x@acme.test', name: '  ', password: 'demo-password', admin: [ACME.siret] }],
    };
    await expect(prepareOrganisation(seed, 'test')).rejects.toMatchObject({
      problems: [
        { field: 'companies[0].name', message: expect.stringMatching(/override \(U\+202E\)/) },
        { field: 'companies[0].establishments[0].name', message: expect.stringMatching(/control character \(U\+000A\)/) },
        { field: 'users[0].name', message: expect.any(String) },
      ],
    });
  });

  it('a description and a reply stay multi-line', async () => {
    const res = await s.api('POST', '/tickets', {
      token: yann,
      body: { ...ticketBody('multi-line'), fields: { summary: 'ok', description: 'a\nb' } },
    });
    expect(res.status).toBe(201);
  });
});

describe('ids are decimal', () => {
  it('/tickets/0x1, /1e0, /01, /1.0 are not ticket 1', async () => {
    const one = await s.api('POST', '/tickets', { token: yann, body: ticketBody('ticket for ids') });
    const id = one.body.id as number;
    expect((await s.api('GET', `/tickets/${id}`, { token: yann })).status).toBe(200);
    for (const spelled of [`0x${id.toString(16)}`, `${id}e0`, `0${id}`, `${id}.0`, `+${id}`, `%20${id}`]) {
      const res = await s.api('GET', `/tickets/${spelled}`, { token: yann });
      expect([400, 404], spelled).toContain(res.status);
      expect(res.body.error.code).toBe('not_found');
    }
    const limit = await s.api('GET', '/tickets?limit=0x5', { token: yann });
    expect(limit.status).toBe(422);
    expect(limit.body.error.fields[0].field).toBe('limit');
  });

  it('DELETE /tokens/0x5 revokes nothing', async () => {
    const created = await s.api('POST', '/tokens', { token: sarah, body: { name: 'hex-target' } });
    const hex = `0x${created.body.id.toString(16)}`;
    expect((await s.api('DELETE', `/tokens/${hex}`, { token: sarah })).status).toBe(404);
    expect((await s.api('GET', '/me', { token: created.body.token })).status).toBe(200);
  });
});

describe('ticket URLs', () => {
  it('come from the public base URL, never from the Host header', async () => {
    const res = await s.api('POST', '/tickets', { token: yann, body: ticketBody('host header'), headers: { host: 'evil.example' } });
    expect(res.status).toBe(201);
    expect(res.body.url).toBe(`${s.url}/tickets/${res.body.id}`);
    const forwarded = await s.api('GET', `/tickets/${res.body.id}`, {
      token: yann,
      headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
    });
    expect(forwarded.body.url).toBe(`${s.url}/tickets/${res.body.id}`);
  });

  it('use --public-url when given (a path prefix kept, a trailing slash not doubled)', async () => {
    const other = await startTestServer({ app: { publicUrl: 'https://support.example.com/tix/' } });
    try {
      const token = await other.tokenFor('yann@demo.test');
      const res = await other.api('POST', '/tickets', { token, body: ticketBody('public url') });
      expect(res.body.url).toBe(`https://support.example.com/tix/tickets/${res.body.id}`);
    } finally {
      await other.close();
    }
  });
});

describe('pending uploads', () => {
  const upload = (token: string, bytes: number) =>
    s.app.inject({
      method: 'POST',
      url: '/api/v1/uploads?name=f.bin',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      payload: Buffer.alloc(bytes, 1),
    } as InjectOptions);

  it('are bounded per user, in number and in bytes, with the limit in the error', async () => {
    const agent = await s.tokenFor('agent@demo.test');
    for (let i = 0; i < 3; i++) expect((await upload(agent, 10)).statusCode).toBe(201);
    const fourth = await upload(agent, 10);
    expect(fourth.statusCode).toBe(409);
    const error = JSON.parse(fourth.body).error;
    expect(error.code).toBe('too_many_uploads');
    expect(error.message).toMatch(/3 files or 64 KiB/);
    // bytes: two files of 40 KiB are more than 64 KiB
    const boss = (await s.api('POST', '/auth/login', { body: { email: 'boss@acme.test', password: 'demo-password' } })).body.token;
    expect((await upload(boss, 40 * 1024)).statusCode).toBe(201);
    expect((await upload(boss, 40 * 1024)).statusCode).toBe(409);
    // another user is not affected
    expect((await upload(yann, 10)).statusCode).toBe(201);
    // parallel uploads cannot slip past the bound
    const parallel = await Promise.all(Array.from({ length: 6 }, () => upload(sarah, 10)));
    const stored = parallel.filter((r) => r.statusCode === 201).map((r) => JSON.parse(r.body).id as string);
    expect(stored.length).toBe(3);
    // attaching an upload to a ticket makes room for another
    const attached = await s.api('POST', '/tickets', {
      token: sarah,
      body: { ...ticketBody('with a file'), establishment: est.lille.siret, attachments: [stored[0]] },
    });
    expect(attached.status).toBe(201);
    expect((await upload(sarah, 10)).statusCode).toBe(201);
  });
});
