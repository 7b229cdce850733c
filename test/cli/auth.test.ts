import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedEnv, tix } from '../helpers/cli.ts';
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

describe('tix auth with --insecure-storage (a 0600 file, opted into)', () => {
  it('logs in, reports status, prints the token, logs out and revokes', async () => {
    const env = isolatedEnv();
    const login = await tix(['auth', 'login', '--server', s.url, '--email', 'yann@demo.test', '--password-stdin', '--insecure-storage'], {
      env,
      stdin: 'demo-password\n',
    });
    expect(login.code).toBe(0);
    expect(login.stderr).toMatch(/Logged in to .* as Yann Le Goff <yann@demo.test> \(admin\)/);
    expect(login.stderr).toMatch(/plain text .*credentials\.json \(mode 0600\)/);
    const file = join(env.TIX_CONFIG_DIR!, 'credentials.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const config = JSON.parse(readFileSync(join(env.TIX_CONFIG_DIR!, 'config.json'), 'utf8'));
    // the profile records its provider (tix auth login --provider, tix serve by default)
    expect(config.profiles.default).toEqual({ server: s.url, provider: 'tix', email: 'yann@demo.test', tokenStorage: 'file' });
    expect(JSON.stringify(config)).not.toMatch(/tixs_/);

    const status = await tix(['auth', 'status', '--json'], { env });
    expect(status.code).toBe(0);
    expect(status.json()).toMatchObject({
      server: s.url,
      provider: 'tix',
      profile: 'default',
      tokenSource: 'file',
      user: { email: 'yann@demo.test', role: 'admin' },
    });
    expect(status.stderr).toMatch(/plain text/);

    const token = await tix(['auth', 'token'], { env });
    expect(token.stdout.trim()).toMatch(/^tixs_/);
    expect(JSON.parse(readFileSync(file, 'utf8')).tokens.default.token).toBe(token.stdout.trim());

    const logout = await tix(['auth', 'logout'], { env });
    expect(logout.code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).tokens).toEqual({});
    // revoked on the server too
    expect((await s.api('GET', '/me', { token: token.stdout.trim() })).status).toBe(401);

    const after = await tix(['auth', 'status'], { env });
    expect(after.code).toBe(4);
    expect(after.stderr).toMatch(/not logged in to .*hint: run: tix auth login/s);
  });

  it('a wrong password exits 4 and stores nothing', async () => {
    const env = isolatedEnv();
    const r = await tix(['auth', 'login', '--server', s.url, '--email', 'sarah@demo.test', '--password-stdin', '--insecure-storage'], {
      env,
      stdin: 'wrong',
    });
    expect(r.code).toBe(4);
    expect(r.errorJson()).toMatchObject({ code: 'unauthorized', message: 'wrong e-mail or password', exitCode: 4 });
    expect(() => statSync(join(env.TIX_CONFIG_DIR!, 'credentials.json'))).toThrow();
  });

  it('without a terminal, lists every missing input at once (exit 2)', async () => {
    const r = await tix(['auth', 'login', '--server', s.url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--email: .*\n.*--password-stdin/);
    expect(r.errorJson().fields.map((f: { field: string }) => f.field)).toEqual(['--email', '--password-stdin']);
  });

  it('rejects a server that is not a URL (exit 2)', async () => {
    const r = await tix(['auth', 'login', '--server', 'localhost:8787', '--with-token'], { stdin: 'x' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--server: expected a URL with its scheme, e.g. http:\/\/localhost:8787/);
  });

  it('--with-token logs in with a personal access token read from stdin', async () => {
    const pat = (await s.api('POST', '/tokens', { token: await s.tokenFor('sarah@demo.test'), body: { name: 'script' } })).body.token;
    const env = isolatedEnv();
    const r = await tix(['auth', 'login', '--server', s.url, '--with-token', '--insecure-storage'], { env, stdin: `${pat}\n` });
    expect(r.code).toBe(0);
    const status = await tix(['auth', 'status', '--json', 'user,token'], { env });
    expect(status.json()).toEqual({
      user: { email: 'sarah@demo.test', name: 'Sarah Martin', role: 'admin' },
      token: expect.objectContaining({ kind: 'pat', name: 'script' }),
    });
  });

  it('--with-token refuses a token the server rejects, storing nothing', async () => {
    const env = isolatedEnv();
    const r = await tix(['auth', 'login', '--server', s.url, '--with-token', '--insecure-storage'], { env, stdin: 'tixp_forged' });
    expect(r.code).toBe(4);
    expect(() => statSync(join(env.TIX_CONFIG_DIR!, 'credentials.json'))).toThrow();
  });
});

describe('TIX_TOKEN and TIX_SERVER', () => {
  it('TIX_TOKEN overrides stored credentials and is reported as the source', async () => {
    const env = isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: await s.tokenFor('sarah@demo.test') });
    const r = await tix(['auth', 'status', '--json', 'tokenSource,user'], { env });
    expect(r.json()).toMatchObject({ tokenSource: 'env', user: { email: 'sarah@demo.test' } });
    const logout = await tix(['auth', 'logout'], { env });
    expect(logout.code).toBe(2);
    expect(logout.stderr).toMatch(/unset TIX_TOKEN/);
  });

  it('a stored token is never sent to another server named by TIX_SERVER', async () => {
    const env = isolatedEnv();
    await tix(['auth', 'login', '--server', s.url, '--email', 'yann@demo.test', '--password-stdin', '--insecure-storage'], {
      env,
      stdin: 'demo-password',
    });
    const elsewhere = await tix(['establishment', 'list'], { env: { ...env, TIX_SERVER: 'http://127.0.0.1:9' } });
    expect(elsewhere.code).toBe(4);
    expect(elsewhere.stderr).toMatch(/not logged in to http:\/\/127.0.0.1:9/);
  });

  it('an expired or revoked TIX_TOKEN gets exit 4, saying so and how to replace it (not tix auth login)', async () => {
    const token = (await s.api('POST', '/auth/login', { body: { email: 'yann@demo.test', password: 'demo-password' } })).body.token;
    const env = isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: token });
    clock.at += 40 * 86_400_000;
    const expired = await tix(['establishment', 'list'], { env });
    clock.at -= 40 * 86_400_000;
    expect(expired.code).toBe(4);
    expect(expired.stderr).toMatch(
      /TIX_TOKEN has expired.*\nhint: replace TIX_TOKEN: create a token from a logged-in session \(tix token create/,
    );
    expect(expired.stderr).not.toMatch(/tix auth login/);

    await s.api('POST', '/auth/logout', { token });
    const revoked = await tix(['auth', 'status'], { env });
    expect(revoked.code).toBe(4);
    expect(revoked.errorJson()).toMatchObject({ exitCode: 4, code: 'unauthorized', tokenSource: 'env' });
    expect(revoked.errorJson().hint).toMatch(/^replace TIX_TOKEN/);
    expect(revoked.stderr).toMatch(/TIX_TOKEN was revoked/);
    // the same in French, the JSON line unchanged
    const french = await tix(['auth', 'status'], { env: { ...env, LANG: 'fr_FR.UTF-8' } });
    expect(french.stderr).toMatch(/TIX_TOKEN a été révoqué/);
    expect(french.errorJson()).toEqual(revoked.errorJson());
  });
});

describe('profiles', () => {
  it('--profile and TIX_PROFILE keep servers and accounts apart', async () => {
    const other = await startTestServer();
    try {
      const env = isolatedEnv();
      await tix(['auth', 'login', '--server', s.url, '--email', 'yann@demo.test', '--password-stdin', '--insecure-storage'], {
        env,
        stdin: 'demo-password',
      });
      await tix(
        [
          '--profile',
          'other',
          'auth',
          'login',
          '--server',
          other.url,
          '--email',
          'sarah@demo.test',
          '--password-stdin',
          '--insecure-storage',
        ],
        { env, stdin: 'demo-password' },
      );
      const a = await tix(['auth', 'status', '--json', 'server,user'], { env });
      const b = await tix(['auth', 'status', '--json', 'server,user'], { env: { ...env, TIX_PROFILE: 'other' } });
      const c = await tix(['auth', 'status', '--profile', 'other', '--json', 'server'], { env });
      expect(a.json()).toMatchObject({ server: s.url, user: { email: 'yann@demo.test' } });
      expect(b.json()).toMatchObject({ server: other.url, user: { email: 'sarah@demo.test' } });
      expect(c.json()).toEqual({ server: other.url });
    } finally {
      await other.close();
    }
  });
});

describe('providers', () => {
  it('the profile records its provider; auth status shows it, to people and to scripts', async () => {
    const env = isolatedEnv();
    const login = await tix(
      ['auth', 'login', '--provider', 'tix', '--server', s.url, '--email', 'sarah@demo.test', '--password-stdin', '--insecure-storage'],
      { env, stdin: 'demo-password' },
    );
    expect(login.code, login.stderr).toBe(0);
    expect(login.stderr).toMatch(/Logged in to .* \(tix serve\) as Sarah/);
    const config = JSON.parse(readFileSync(join(env.TIX_CONFIG_DIR!, 'config.json'), 'utf8'));
    expect(config.profiles.default.provider).toBe('tix');
    const text = await tix(['auth', 'status'], { env });
    expect(text.stdout).toContain(`${s.url} (profile default, provider tix: tix serve)`);
    expect((await tix(['auth', 'status', '--json', 'provider'], { env })).json()).toEqual({ provider: 'tix' });
    // logging out forgets the token and keeps where (and what) the server is
    expect((await tix(['auth', 'logout'], { env })).code).toBe(0);
    const after = JSON.parse(readFileSync(join(env.TIX_CONFIG_DIR!, 'config.json'), 'utf8'));
    expect(after.profiles.default).toEqual({ server: s.url, provider: 'tix' });
  });

  it('TIX_PROVIDER names the helpdesk in CI; an unknown provider is a usage error, wherever it is named', async () => {
    const token = await s.tokenFor('sarah@demo.test');
    const ci = await tix(['ticket', 'list', '--limit', '1', '--json', 'ref'], {
      env: isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: token, TIX_PROVIDER: 'tix' }),
    });
    expect(ci.code, ci.stderr).toBe(0);
    const rt = await tix(['contact', 'list'], { env: isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: token, TIX_PROVIDER: 'rt' }) });
    expect(rt.code).toBe(7);
    const bogus = await tix(['ticket', 'list'], { env: isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: token, TIX_PROVIDER: 'otrs' }) });
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toMatch(/TIX_PROVIDER: unknown provider "otrs"; one of tix, rt, jira-sm, zendesk/);
    const flag = await tix(['auth', 'login', '--provider', 'otrs', '--server', s.url, '--with-token'], { stdin: 'x' });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/--provider: unknown provider "otrs"/);
  });
});

describe('tix token', () => {
  it('creates a PAT (printed once), lists it and revokes it', async () => {
    const env = isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: await s.tokenFor('yann@demo.test') });
    const created = await tix(['token', 'create', '--name', 'ci-incidents', '--expires-in', '30d', '--scope', 'tickets:write'], { env });
    expect(created.code).toBe(0);
    const pat = created.stdout.trim();
    expect(pat).toMatch(/^tixp_/);
    const list = await tix(['token', 'list', '--json', 'id,name,scopes,revokedAt'], { env });
    const mine = list.json().find((t: { name: string }) => t.name === 'ci-incidents');
    expect(mine).toMatchObject({ scopes: ['tickets:write'], revokedAt: null });
    const tsv = await tix(['token', 'list'], { env });
    expect(tsv.stdout).toMatch(new RegExp(`^${mine.id}\tci-incidents\ttixp_[\\w-]{4}\ttickets:write\tactive\t`, 'm'));
    expect((await tix(['token', 'revoke', String(mine.id)], { env })).code).toBe(0);
    expect((await s.api('GET', '/me', { token: pat })).status).toBe(401);
    const again = await tix(['token', 'revoke', String(mine.id)], { env });
    expect(again.code).toBe(3);
  });

  it('validates its flags before calling the server', async () => {
    const env = isolatedEnv({ TIX_SERVER: 'http://127.0.0.1:9', TIX_TOKEN: 'x' });
    expect((await tix(['token', 'create', '--name', 'x', '--expires-in', 'soon'], { env })).stderr).toMatch(
      /--expires-in: expected a duration/,
    );
    const scope = await tix(['token', 'create', '--name', 'x', '--scope', 'admin'], { env });
    expect(scope.code).toBe(2);
    expect(scope.stderr).toMatch(/--scope: unknown admin; choose from tickets:read/);
    expect((await tix(['token', 'revoke', 'abc'], { env })).code).toBe(2);
  });
});
