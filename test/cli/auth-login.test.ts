// What a person meets when logging in goes wrong (issue 10 part 3): a wrong password typed again on a terminal
// (server and e-mail kept), each refusal worded for what it is (wrong password, lockout, busy server), and the
// words around `tix auth` (a second logout, `tix login`, `tix version --server` with the server down, a token
// kept in plain text), in English and French. Machine output stays the same in both languages.
import { screen } from '@inquirer/testing/vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitText } from '../../src/commands/auth/messages.ts';
import { isolatedEnv, type Result, tix } from '../helpers/cli.ts';
import { waitFor } from '../helpers/prompts.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { closedPort, json, startStub, type Stub } from '../helpers/stub.ts';

let s: TestServer;
let stub: Stub | undefined;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

const french = { LANG: 'fr_FR.UTF-8', NO_COLOR: '1' };
const english = { LANG: 'C.UTF-8', NO_COLOR: '1' };
const credentialsFile = (env: Record<string, string | undefined>) => join(env.TIX_CONFIG_DIR!, 'credentials.json');

/**
 * Types a password once the masked prompt waits, empty, on the virtual screen (which shows the prompt being
 * asked: a prompt for anything else, such as the e-mail again, would never match).
 */
async function typePassword(run: Promise<Result>, password: string, prompt = 'Password'): Promise<void> {
  await waitFor(new RegExp(`^\\? ${prompt}$`), run);
  screen.type(password);
  screen.keypress('enter');
}

describe('a wrong password at a terminal', () => {
  it('is asked again, keeping the server and the e-mail; the right one logs in', async () => {
    const env = isolatedEnv(english);
    const run = tix(['auth', 'login', '--server', s.url, '--insecure-storage'], { env, tty: true });
    await waitFor(/E-mail/, run);
    screen.type('sarah@demo.test');
    screen.keypress('enter');
    // no second question for the e-mail, none for the server: the password again, twice
    await typePassword(run, 'not-it');
    await typePassword(run, 'still-not-it');
    await typePassword(run, 'demo-password');
    const r = await run;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('✗ wrong e-mail or password for sarah@demo.test; type the password again (2 tries left)\n');
    expect(r.stderr).toContain('✗ wrong e-mail or password for sarah@demo.test; type the password again (1 try left)\n');
    expect(r.stderr).toMatch(/Logged in to .* as Sarah Martin <sarah@demo\.test> \(admin\)/);
    expect(existsSync(credentialsFile(env))).toBe(true);
  });

  it('in French too; after the last try it ends saying what to check, not to run tix auth login', async () => {
    const env = isolatedEnv(french);
    const run = tix(['auth', 'login', '--server', s.url, '--email', 'yann@demo.test', '--insecure-storage'], { env, tty: true });
    for (const attempt of ['faux-1', 'faux-2', 'faux-3']) await typePassword(run, attempt, 'Mot de passe');
    const r = await run;
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(
      '✗ adresse e-mail ou mot de passe incorrect pour yann@demo.test ; retapez le mot de passe (2 essais restants)\n',
    );
    expect(r.stderr).toContain('(1 essai restant)');
    expect(r.stderr).toMatch(/erreur : adresse e-mail ou mot de passe incorrect\n/);
    expect(r.stderr).toMatch(/astuce : vérifiez l'adresse e-mail \(yann@demo\.test\) et le mot de passe/);
    expect(r.stderr).not.toMatch(/tix auth login/);
    expect(existsSync(credentialsFile(env))).toBe(false);
  });
});

describe('a refused login, each case for what it is', () => {
  it('--password-stdin: a wrong password says what to check (not "run: tix auth login"); the JSON line is the same in both languages', async () => {
    const args = ['auth', 'login', '--server', s.url, '--email', 'eve@demo.test', '--password-stdin', '--insecure-storage'];
    const en = await tix(args, { env: isolatedEnv(english), stdin: 'wrong\n' });
    const fr = await tix(args, { env: isolatedEnv(french), stdin: 'wrong\n' });
    expect(en.code).toBe(4);
    expect(fr.code).toBe(4);
    expect(en.stderr).toMatch(
      /^error: wrong e-mail or password\nhint: check the e-mail \(--email eve@demo\.test\) and the password given on standard input\n/,
    );
    expect(fr.stderr).toMatch(
      /^erreur : adresse e-mail ou mot de passe incorrect\nastuce : vérifiez l'adresse e-mail \(--email eve@demo\.test\)/,
    );
    expect(en.stderr).not.toMatch(/run: tix auth login/);
    expect(en.errorJson()).toEqual(fr.errorJson());
    expect(en.errorJson()).toMatchObject({ code: 'unauthorized', message: 'wrong e-mail or password', exitCode: 4, reason: 'credentials' });
  });

  it('after too many failures: wait N (from Retry-After), never a busy server or idempotency keys (exit 6)', async () => {
    // the server's clock stands still unless the test moves it: a lockout lasts exactly as long as the test says
    const clock = { at: Date.now(), now: () => new Date(clock.at) };
    const locked = await startTestServer({ app: { clock, auth: { freeFailures: 1 } } });
    try {
      const args = ['auth', 'login', '--server', locked.url, '--email', 'agent@demo.test', '--password-stdin', '--insecure-storage'];
      expect((await tix(args, { env: isolatedEnv(english), stdin: 'wrong' })).code).toBe(4);
      // within the lockout: refused before the password is even checked
      const en = await tix(args, { env: isolatedEnv(english), stdin: 'demo-password' });
      const fr = await tix(args, { env: isolatedEnv(french), stdin: 'demo-password' });
      expect(en.code).toBe(6);
      expect(en.stderr).toMatch(/^error: too many failed logins: wait 1 second, then log in again\n/);
      expect(en.stderr).toMatch(/hint: the server refuses logins for this account \(or this address\) for a while/);
      expect(en.stderr).not.toMatch(/busy|idempotency/i);
      expect(fr.code).toBe(6);
      expect(fr.stderr).toMatch(/^erreur : trop de connexions échouées : attendez 1\sseconde, puis reconnectez-vous\n/);
      expect(fr.stderr).not.toMatch(/occupé|idempotence/i);
      expect(en.errorJson()).toMatchObject({ code: 'too_many_attempts', exitCode: 6, status: 429, retryAfter: 1 });
      expect(fr.errorJson()).toEqual(en.errorJson());
      // each failure after a lockout doubles it: after a few, the wait is said in minutes
      for (let lockout = 1; lockout <= 64; lockout *= 2) {
        clock.at += lockout * 1000;
        expect((await tix(args, { env: isolatedEnv(english), stdin: 'wrong' })).code).toBe(4);
      }
      const long = await tix(args, { env: isolatedEnv(english), stdin: 'demo-password' });
      expect(long.errorJson()).toMatchObject({ code: 'too_many_attempts', retryAfter: 128 });
      expect(long.stderr).toMatch(/^error: too many failed logins: wait 3 minutes, then log in again\n/);
    } finally {
      await locked.close();
    }
  });

  it('the wait is said in seconds, or in minutes rounded up, in the reader language', () => {
    expect(waitText('en', 1)).toBe('1 second');
    expect(waitText('en', 45)).toBe('45 seconds');
    expect(waitText('en', 128)).toBe('3 minutes');
    expect(waitText('fr', 900)).toMatch(/^15\sminutes$/);
    expect(waitText('fr', 1)).toMatch(/^1\sseconde$/);
  });

  it('a busy server: it did not check the password, nothing was stored, no word of idempotency keys', async () => {
    stub = await startStub((_req, res) =>
      json(res, 503, { error: { code: 'unavailable', message: 'maintenance' } }, { 'retry-after': '600' }),
    );
    const env = isolatedEnv(english);
    const args = ['auth', 'login', '--server', stub.url, '--email', 'yann@demo.test', '--password-stdin', '--insecure-storage'];
    const en = await tix(args, { env, stdin: 'demo-password' });
    expect(en.code).toBe(6);
    expect(en.stderr).toMatch(/^error: the server is busy and did not check the password \(maintenance\); it asks to wait 10 minutes\n/);
    expect(en.stderr).toMatch(/hint: nothing was stored; log in again in a moment\n/);
    expect(en.stderr).not.toMatch(/idempotency/i);
    const fr = await tix(args, { env: isolatedEnv(french), stdin: 'demo-password' });
    expect(fr.stderr).toMatch(
      /^erreur : le serveur est occupé et n'a pas vérifié le mot de passe \(maintenance\) ; il demande d'attendre 10\sminutes\n/,
    );
    expect(fr.errorJson()).toEqual(en.errorJson());
    expect(existsSync(credentialsFile(env))).toBe(false);
  });

  it('--with-token: a refused token says to check that token', async () => {
    const r = await tix(['auth', 'login', '--server', s.url, '--with-token', '--insecure-storage'], {
      env: isolatedEnv(english),
      stdin: 'tixp_forged',
    });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^error: the server did not accept this token \(the token is not valid on this server\)\n/);
    expect(r.stderr).toMatch(/hint: check the token given on standard input/);
    expect(r.stderr).not.toMatch(/run: tix auth login/);
  });
});

describe('around tix auth', () => {
  it('tix login, tix logout and tix status point to tix auth (exit 2)', async () => {
    for (const verb of ['login', 'logout', 'status']) {
      const en = await tix([verb], { env: isolatedEnv(english) });
      expect(en.code).toBe(2);
      expect(en.stderr).toMatch(new RegExp(`^error: unknown command '${verb}'\\n\\(Did you mean tix auth ${verb}\\?\\)`));
      const fr = await tix([verb], { env: isolatedEnv(french) });
      expect(fr.stderr).toMatch(new RegExp(`^erreur : commande inconnue « ${verb} »\\n\\(Vouliez-vous dire tix auth ${verb} \\?\\)`));
      expect(fr.errorJson()).toEqual(en.errorJson());
    }
  });

  it('a second tix auth logout is a note, not an error (exit 0)', async () => {
    const env = isolatedEnv(english);
    const login = await tix(['auth', 'login', '--server', s.url, '--email', 'yann@demo.test', '--password-stdin', '--insecure-storage'], {
      env,
      stdin: 'demo-password',
    });
    expect(login.code).toBe(0);
    const first = await tix(['auth', 'logout'], { env });
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/✓ Logged out of .* \(yann@demo\.test\)/);
    const second = await tix(['auth', 'logout'], { env });
    expect(second.code).toBe(0);
    expect(second.stdout).toBe('');
    expect(second.stderr).toBe(`not logged in to ${s.url} (profile default): nothing to log out of\n`);
    const fr = await tix(['auth', 'logout'], { env: { ...env, ...french } });
    expect(fr.code).toBe(0);
    expect(fr.stderr).toBe(`vous n'êtes pas connecté à ${s.url} (profil default) : rien à déconnecter\n`);
  });

  it('tix version --server with the server down: the client version, then why the server cannot be reached (exit 6); --json stays valid', async () => {
    const down = `http://127.0.0.1:${await closedPort()}`;
    const plain = await tix(['version', '--server'], { env: isolatedEnv({ ...english, TIX_SERVER: down }) });
    expect(plain.code).toBe(6);
    expect(plain.stdout).toMatch(/^tix version \d+\.\d+\.\d+\n$/);
    expect(plain.stderr).toMatch(/^error: cannot reach .*127\.0\.0\.1.*connection refused/);
    const asJson = await tix(['version', '--server', '--json'], { env: isolatedEnv({ ...french, TIX_SERVER: down }) });
    expect(asJson.code).toBe(6);
    expect(asJson.json()).toEqual({ client: { version: expect.any(String), node: process.versions.node }, server: null });
    expect(asJson.stderr).toMatch(/^erreur : impossible de joindre/);
    expect(asJson.errorJson()).toMatchObject({ code: 'unreachable', exitCode: 6 });
    // and with the server up, both
    const up = await tix(['version', '--server', '--json'], { env: isolatedEnv({ TIX_SERVER: s.url }) });
    expect(up.code).toBe(0);
    expect(up.json().server).toMatchObject({ name: 'tix', url: s.url });
  });

  it('a token kept in plain text is pointed out on stderr each time a command uses it; stdout stays the data', async () => {
    const env = isolatedEnv(english);
    await tix(['auth', 'login', '--server', s.url, '--email', 'sarah@demo.test', '--password-stdin', '--insecure-storage'], {
      env,
      stdin: 'demo-password',
    });
    const warning = `! the token is kept in plain text in ${credentialsFile(env)} (--insecure-storage); tix auth login without that flag moves it to the OS keychain\n`;
    for (const args of [
      ['ticket', 'list', '--json', 'id'],
      ['establishment', 'list', '--json'],
      ['auth', 'status', '--json', 'tokenSource'],
    ]) {
      const r = await tix(args, { env });
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stderr, args.join(' ')).toBe(warning);
      expect(() => r.json()).not.toThrow();
    }
    const fr = await tix(['auth', 'status'], { env: { ...env, ...french } });
    expect(fr.stderr).toMatch(/^! le jeton est gardé en clair dans .*credentials\.json \(--insecure-storage\)/);
    // a token from TIX_TOKEN is not stored anywhere: nothing to point out
    const fromEnv = await tix(['ticket', 'list', '--json', 'id'], {
      env: isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: await s.tokenFor('sarah@demo.test') }),
    });
    expect(fromEnv.stderr).toBe('');
  });
});
