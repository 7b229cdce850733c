import { spawn } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileTokenGet, fileTokenSet, tokenFilePath } from '../../src/auth/token-file.ts';
import { demoEstablishments as est } from '../../src/server/demo.ts';
import { isolatedEnv, spawnTix, tempDir, tix, tixBin, type Result } from '../helpers/cli.ts';
import { startServe, type ServeProcess } from '../helpers/serve-process.ts';
import { closedPort, json, startStub } from '../helpers/stub.ts';

// Secrets stay secret: passwords and tokens never reach the server log, an error message or a --dry-run;
// the opted-in credentials file is 0600 from its first byte; browsers get no CORS and nothing is cached.

const PASSWORD = 'demo-password';
const PUBLIC_URL = 'https://support.example.test/tix';
const WRONG = `wrong-password-${Math.random().toString(36).slice(2)}`;
const TYPO = `typo-password-${Math.random().toString(36).slice(2)}`;
let server: ServeProcess;
let home: ReturnType<typeof isolatedEnv>;
let session: string;
let pat: string;
/** every tix run of this file, for the checks on what they printed */
const runs: Array<{ args: string[]; r: Result }> = [];

async function run(args: string[], env = home, stdin?: string): Promise<Result> {
  const r = await spawnTix(args, { env, stdin });
  runs.push({ args, r });
  return r;
}

/** An HTTP request with whatever headers a browser would send; the answer's status, headers and body. */
function http(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  // A large body waits for the server's 100 Continue, as curl does: the server may refuse it first (413, 401) and
  // close, and a client still writing then meets EPIPE instead of the answer.
  const large = body !== undefined && body.length > 64 * 1024;
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.url}${path}`,
      { method, headers: large ? { ...headers, expect: '100-continue', 'content-length': String(Buffer.byteLength(body)) } : headers },
      (res) => {
        let data = '';
        res.on('data', (d) => (data += d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: data }));
      },
    );
    req.on('error', reject);
    if (large) {
      req.on('continue', () => req.end(body));
      req.flushHeaders();
    } else req.end(body);
  });
}

beforeAll(async () => {
  const dir = tempDir('tix-security-');
  server = await startServe(['--db', join(dir, 'tix.db'), '--demo', '--port', '0', '--log', '--public-url', PUBLIC_URL], isolatedEnv());
  home = isolatedEnv({ TIX_SERVER: server.url });
  const login = await run(
    ['auth', 'login', '--server', server.url, '--email', 'yann@demo.test', '--password-stdin', '--insecure-storage'],
    home,
    PASSWORD,
  );
  expect(login.code, login.stderr).toBe(0);
  session = fileTokenGet(home.TIX_CONFIG_DIR!, 'default')!.token;
  const created = await run(['token', 'create', '--name', 'ci', '--json', 'token']);
  pat = created.json().token;

  // the traffic whose log is checked below: logins right and wrong, tokens in headers and in a URL
  expect(
    (await run(['auth', 'login', '--server', server.url, '--email', 'sarah@demo.test', '--password-stdin'], isolatedEnv(), WRONG)).code,
  ).toBe(4);
  const ci = isolatedEnv({ TIX_SERVER: server.url, TIX_TOKEN: pat });
  expect(
    (
      await run(
        ['ticket', 'create', '--type', 'question', '--establishment', est.paris.siret, '--summary', 'From CI', '--description', 'd'],
        ci,
      )
    ).code,
  ).toBe(0);
  expect((await run(['ticket', 'list', '--json', 'id'], { ...ci, TIX_DEBUG: '1' })).code).toBe(0);
  expect((await http('GET', `/api/v1/me?access_token=${session}`)).status).toBe(401);
  // the same token percent-encoded, as a browser or a script might send it
  expect((await http('GET', `/api/v1/me?x=1&access_token=${session.replace('_', '%5F')}`)).status).toBe(401);
  expect(
    (
      await http(
        'GET',
        `/api/v1/me?access_token=${encodeURIComponent(session).replace(/[a-z]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)}`,
      )
    ).status,
  ).toBe(401);
  expect(
    (await http('POST', '/api/v1/auth/login', { 'content-type': 'application/json' }, `{"email":"yann@demo.test","password":"${TYPO}"`))
      .status,
  ).toBe(400);
  expect(
    (
      await http(
        'POST',
        '/api/v1/auth/login',
        { 'content-type': 'application/json' },
        JSON.stringify({ email: 'yann@demo.test', password: TYPO }),
      )
    ).status,
  ).toBe(401);
});
afterAll(async () => {
  await server.stop();
});

describe('the server log', () => {
  it('has a line per request on stderr and never a password or a token', async () => {
    // the request log, without the --demo banner (which prints the demo password on purpose)
    const log = server
      .stderr()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .join('\n');
    expect(log).toMatch(/"url":"\/api\/v1\/auth\/login"/);
    expect(log).toMatch(/"statusCode":401/);
    for (const secret of [PASSWORD, WRONG, TYPO, session, pat, session.slice(5), pat.slice(5)]) expect(log).not.toContain(secret);
    // a token pasted into a URL is masked, the rest of the URL kept
    expect(log).toContain('/api/v1/me?access_token=tixs_[redacted]');
    expect(log).toContain('/api/v1/me?x=1&access_token=tixs_[redacted]');
    expect(log).not.toContain(session.slice(5, 20));
    expect(log).not.toMatch(/authorization/i);
  });
});

describe('what tix prints', () => {
  it('never shows a password or a token except where asked to (token create, auth token)', async () => {
    const env = isolatedEnv({ TIX_SERVER: server.url, TIX_TOKEN: pat });
    await run(['auth', 'status'], env);
    await run(['auth', 'status'], home);
    await run(
      ['ticket', 'create', '--type', 'question', '--establishment', est.paris.siret, '--summary', 's', '--description', 'd', '--dry-run'],
      env,
    );
    await run(
      ['ticket', 'create', '--type', 'question', '--establishment', est.paris.siret, '--summary', 's', '--description', 'd', '--dry-run'],
      { ...env, TIX_DEBUG: '1' },
    );
    writeFileSync(
      join(home.HOME!, 'contacts.json'),
      JSON.stringify({ contacts: [{ type: 'technical', name: 'Tech', emails: ['tech@demo.test'] }] }),
    );
    expect((await run(['contact', 'apply', '-f', join(home.HOME!, 'contacts.json'), '--dry-run'], home)).code).toBe(0);
    const printing = runs.filter(
      ({ args }) => !(args[0] === 'token' && args[1] === 'create') && !(args[0] === 'auth' && args[1] === 'token'),
    );
    expect(printing.length).toBeGreaterThan(6);
    for (const { args, r } of printing) {
      for (const secret of [PASSWORD, WRONG, session, pat]) expect(`${r.stdout}${r.stderr}`, `tix ${args.join(' ')}`).not.toContain(secret);
    }
    const token = await spawnTix(['auth', 'token'], { env: home });
    expect(token.stdout.trim()).toBe(session);
  });

  it('error messages do not repeat a rejected token, nor a password in the server URL', async () => {
    const junk = `tixs_${'Q'.repeat(43)}`;
    const rejected = await tix(['ticket', 'list'], { env: isolatedEnv({ TIX_SERVER: server.url, TIX_TOKEN: junk }) });
    expect(rejected.code).toBe(4);
    expect(rejected.stderr).not.toContain(junk);
    const url = `http://bob:url-secret-pw@127.0.0.1:${await closedPort()}`;
    const down = await tix(['ticket', 'list'], { env: isolatedEnv({ TIX_SERVER: url, TIX_TOKEN: junk }) });
    expect(down.code).toBe(6);
    expect(down.stderr).toContain('cannot reach the tix server at http://bob:***@127.0.0.1:');
    expect(down.stderr).not.toContain('url-secret-pw');
    expect(down.stderr).not.toContain(junk);
    const login = await tix(['auth', 'login', '--server', url, '--email', 'bob@demo.test', '--password-stdin'], { stdin: PASSWORD });
    expect(login.code).toBe(2);
    expect(login.stderr).toMatch(/put no user name or password in the server URL/);
    expect(login.stderr).not.toContain(PASSWORD);
  });
});

describe('the credentials file (--insecure-storage)', () => {
  it('is 0600 in a 0700 directory, apart from config.json, which holds no token', () => {
    const dir = home.TIX_CONFIG_DIR!;
    expect(statSync(tokenFilePath(dir)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).not.toContain(session);
  });

  it('is 0600 even under umask 000, replacing a world-readable file left by anything else', async () => {
    const env = isolatedEnv();
    mkdirSync(env.TIX_CONFIG_DIR!, { recursive: true, mode: 0o700 });
    writeFileSync(tokenFilePath(env.TIX_CONFIG_DIR!), '{"tokens":{}}', { mode: 0o644 });
    chmodSync(tokenFilePath(env.TIX_CONFIG_DIR!), 0o666);
    const child = spawn(
      'sh',
      [
        '-c',
        `umask 000; exec "${process.execPath}" "${tixBin}" auth login --server ${server.url} --email sarah@demo.test --password-stdin --insecure-storage`,
      ],
      { env, stdio: ['pipe', 'ignore', 'pipe'] },
    );
    child.stdin.end(PASSWORD);
    expect(await new Promise((r) => child.on('close', r))).toBe(0);
    expect(statSync(tokenFilePath(env.TIX_CONFIG_DIR!)).mode & 0o777).toBe(0o600);
  });

  it('a symlink planted at its path is replaced, never written through', () => {
    for (const content of ['{"tokens":{}}', 'not JSON at all']) {
      const dir = join(tempDir('tix-symlink-'), 'config');
      mkdirSync(dir, { mode: 0o700 });
      const victim = join(dir, '..', 'victim.txt');
      writeFileSync(victim, content, { mode: 0o644 });
      symlinkSync(victim, tokenFilePath(dir));
      const entry = { server: server.url, email: 'yann@demo.test', token: 'tixs_planted-test' };
      if (content.startsWith('{')) {
        fileTokenSet(dir, 'default', entry);
        expect(lstatSync(tokenFilePath(dir)).isSymbolicLink()).toBe(false);
        expect(statSync(tokenFilePath(dir)).mode & 0o777).toBe(0o600);
      } else {
        // a file that is not ours is refused, not overwritten
        expect(() => fileTokenSet(dir, 'default', entry)).toThrow(/is unreadable .* delete it and log in again/);
      }
      expect(readFileSync(victim, 'utf8')).toBe(content);
    }
  });

  it('never exists, even for an instant, with a wider mode or half its content (watched from another process)', async () => {
    const dir = join(tempDir('tix-atomic-'), 'config');
    mkdirSync(dir, { mode: 0o700 });
    // a second process lists and reads the directory as fast as it can while this one rewrites the file
    const watcher = spawn(
      process.execPath,
      [
        '-e',
        `
      const fs = require('fs'); const path = require('path'); const dir = ${JSON.stringify(dir)};
      const seen = { looks: 0, files: 0, wide: [], partial: 0 }; let stop = false;
      process.stdin.on('data', () => { stop = true; }); process.stdin.resume();
      (function look() {
        for (let i = 0; i < 200; i++) {
          seen.looks++;
          for (const name of fs.readdirSync(dir)) {
            try {
              const st = fs.statSync(path.join(dir, name)); seen.files++;
              if (st.mode & 0o077) seen.wide.push(name + ' ' + (st.mode & 0o777).toString(8));
              if (name === 'credentials.json') JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
            } catch (e) { if (e.code !== 'ENOENT' && !(e instanceof SyntaxError)) throw e; if (e instanceof SyntaxError) seen.partial++; }
          }
        }
        if (stop) { process.stdout.write(JSON.stringify(seen)); process.exit(0); } else setImmediate(look);
      })();
    `,
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    let out = '';
    watcher.stdout.on('data', (d) => (out += d));
    const umask = process.umask(0);
    try {
      for (let i = 0; i < 300; i++) {
        fileTokenSet(dir, `profile-${i % 7}`, { server: server.url, email: 'yann@demo.test', token: `tixs_${'x'.repeat(2000)}${i}` });
        await new Promise((r) => setImmediate(r));
      }
    } finally {
      process.umask(umask);
    }
    watcher.stdin.end('stop');
    await new Promise((r) => watcher.on('close', r));
    const seen = JSON.parse(out) as { looks: number; files: number; wide: string[]; partial: number };
    console.log(
      `credentials file: ${seen.looks} looks from another process over 300 rewrites under umask 000, ${seen.files} files seen, ${seen.wide.length} with a wider mode, ${seen.partial} half-written`,
    );
    expect(seen.files).toBeGreaterThan(0);
    expect(seen.wide).toEqual([]);
    expect(seen.partial).toBe(0);
  });
});

describe('browsers and caches', () => {
  const origin = { origin: 'https://evil.example' };
  const noCors = (headers: Record<string, unknown>) =>
    expect(Object.keys(headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);

  it('no CORS headers on an authenticated answer to another origin', async () => {
    const res = await http('GET', '/api/v1/me', { ...origin, authorization: `Bearer ${session}` });
    expect(res.status).toBe(200);
    noCors(res.headers);
  });

  it('a CORS preflight gets no allowance', async () => {
    const res = await http('OPTIONS', '/api/v1/tickets', {
      ...origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    });
    expect(res.status).toBe(404);
    noCors(res.headers);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it.each([
    { what: 'a read', method: 'GET', path: '/api/v1/me', auth: true, status: 200 },
    { what: 'the public OpenAPI document', method: 'GET', path: '/api/v1/openapi.json', auth: false, status: 200 },
    {
      what: 'a write',
      method: 'POST',
      path: '/api/v1/tickets',
      auth: true,
      body: JSON.stringify({ type: 'question', establishment: est.paris.siret, fields: { summary: 'cache', description: 'd' } }),
      status: 201,
    },
    { what: 'no token', method: 'GET', path: '/api/v1/tickets', auth: false, status: 401 },
    { what: 'a missing route', method: 'GET', path: '/api/v1/nope', auth: true, status: 404 },
    { what: 'a validation error', method: 'GET', path: '/api/v1/tickets?limit=0', auth: true, status: 422 },
    { what: 'malformed JSON', method: 'POST', path: '/api/v1/tickets', auth: true, body: '{', status: 400 },
    { what: 'a malformed URL', method: 'GET', path: '/api/v1/tickets/%FF', auth: true, status: 400 },
    {
      what: 'a body too large',
      method: 'POST',
      path: '/api/v1/auth/login',
      auth: false,
      body: JSON.stringify({ email: 'a', password: 'x'.repeat(1_100_000) }),
      status: 413,
    },
  ])('Cache-Control: no-store on $what ($status), and no CORS', async (c) => {
    const res = await http(
      c.method,
      c.path,
      { ...origin, ...(c.auth ? { authorization: `Bearer ${session}` } : {}), ...(c.body ? { 'content-type': 'application/json' } : {}) },
      c.body,
    );
    expect(res.status).toBe(c.status);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    noCors(res.headers);
  });

  it('Cache-Control: no-store even on a request Node refuses (headers over 16 KiB)', async () => {
    const u = new URL(server.url);
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(Number(u.port), u.hostname);
      let data = '';
      socket.on('data', (d) => (data += d));
      socket.on('close', () => resolve(data));
      socket.on('error', () => resolve(data));
      socket.end(`GET /api/v1/me HTTP/1.1\r\nHost: x\r\nOrigin: https://evil.example\r\nX-Junk: ${'a'.repeat(20_000)}\r\n\r\n`);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(answer.toLowerCase()).toContain('cache-control: no-store');
    expect(answer.toLowerCase()).not.toContain('access-control-');
  });
});

describe('ticket URLs (tix serve --public-url)', () => {
  it('are built from --public-url, whatever Host header the request carries', async () => {
    const res = await http(
      'POST',
      '/api/v1/tickets',
      { host: 'evil.example', authorization: `Bearer ${session}`, 'content-type': 'application/json' },
      JSON.stringify({ type: 'question', establishment: est.paris.siret, fields: { summary: 'links', description: 'd' } }),
    );
    expect(res.status).toBe(201);
    const ticket = JSON.parse(res.body);
    expect(ticket.url).toBe(`${PUBLIC_URL}/tickets/${ticket.id}`);
  });

  it('--public-url must be an http(s) URL without credentials, query or fragment', async () => {
    for (const bad of [
      'ftp://example.test',
      'not a url',
      'https://u:p@example.test',
      'https://example.test/?q=1',
      'https://example.test/#x',
    ]) {
      const r = await tix(['serve', '--db', ':memory:', '--port', '0', '--public-url', bad]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toMatch(/--public-url/);
    }
  });
});

describe('answers tix cannot trust', () => {
  it('tix api on a terminal replaces C0 and C1 control characters from the server', async () => {
    const stub = await startStub((_req, res) => json(res, 200, { summary: 'csi \u009b31m red, osc \u009d52;c;x\u009c, esc \u001b[2J' }));
    try {
      const r = await tix(['api', 'tickets/1'], {
        tty: true,
        env: isolatedEnv({ TIX_SERVER: stub.url, TIX_TOKEN: 'tixs_stub', NO_COLOR: '1' }),
      });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('csi');
      expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    } finally {
      await stub.close();
    }
  });

  it('a redirect from the server is a clear error naming the server URL, not a crash', async () => {
    const stub = await startStub((_req, res) => {
      res.writeHead(302, { location: 'https://elsewhere.example/login' });
      res.end();
    });
    try {
      const env = isolatedEnv({ TIX_SERVER: stub.url, TIX_TOKEN: 'tixs_stub' });
      for (const args of [
        ['ticket', 'list'],
        ['ticket', 'view', '1'],
        ['auth', 'status'],
      ]) {
        const r = await tix(args, { env });
        expect(r.stderr, args.join(' ')).not.toMatch(/unexpected|this is a bug/);
        expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
        expect(r.stderr).toMatch(/redirect.*https:\/\/elsewhere\.example\/login/);
        expect(r.stderr).toMatch(/server URL/);
      }
    } finally {
      await stub.close();
    }
  });
});
