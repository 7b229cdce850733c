import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isolatedEnv, spawnTix } from '../helpers/cli.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { liveTokens } from '../helpers/store-facts.ts';
import { skipUnless } from '../helpers/strict.ts';

// The real binary against a real Secret Service (gnome-keyring on a private D-Bus, see global-setup.ts).
const dbusAddress = inject('dbusAddress');
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

describe.skipIf(skipUnless(Boolean(dbusAddress), 'a Secret Service (dbus + gnome-keyring)'))(
  'OS keychain (GNOME Keyring over D-Bus)',
  () => {
    it('login keeps the token in the keychain only: no file under the config dir holds it', async () => {
      const env = isolatedEnv({ DBUS_SESSION_BUS_ADDRESS: dbusAddress });
      const login = await spawnTix(['auth', 'login', '--server', s.url, '--email', 'yann@demo.test', '--password-stdin'], {
        env,
        stdin: 'demo-password\n',
      });
      expect(login.stderr).toMatch(/Token stored in the OS keychain/);
      expect(login.code).toBe(0);
      const token = (await spawnTix(['auth', 'token'], { env })).stdout.trim();
      expect(token).toMatch(/^tixs_/);
      const files = filesUnder(env.TIX_CONFIG_DIR!);
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) expect(readFileSync(f, 'utf8')).not.toContain(token);

      // the Secret Service itself holds it, under the server's name
      const lookup = spawnSync('secret-tool', ['lookup', 'service', `tix:${s.url}`, 'username', 'yann@demo.test'], {
        env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: dbusAddress },
        encoding: 'utf8',
      });
      if (lookup.error === undefined) expect(lookup.stdout.trim()).toBe(token);

      const status = await spawnTix(['auth', 'status', '--json', 'tokenSource'], { env });
      expect(status.json()).toEqual({ tokenSource: 'keychain' });
      const list = await spawnTix(['establishment', 'list'], { env });
      expect(list.stdout).toContain('École Paris');

      expect((await spawnTix(['auth', 'logout'], { env })).code).toBe(0);
      const after = await spawnTix(['auth', 'status'], { env });
      expect(after.code).toBe(4);
      expect((await s.api('GET', '/me', { token })).status).toBe(401);
    });

    it('a keychain that cannot be read fails with exit 4 and never sends the request unauthenticated', async () => {
      const env = isolatedEnv({ DBUS_SESSION_BUS_ADDRESS: dbusAddress });
      expect(
        (
          await spawnTix(['auth', 'login', '--server', s.url, '--email', 'sarah@demo.test', '--password-stdin'], {
            env,
            stdin: 'demo-password',
          })
        ).code,
      ).toBe(0);
      const broken = await spawnTix(['establishment', 'list'], { env: { ...env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' } });
      expect(broken.code).toBe(4);
      expect(broken.stderr).toMatch(/the OS keychain is not usable: no D-Bus session bus/);
      expect(broken.stdout).toBe('');
    });

    it('in French: login, status and logout read French; a token in the keychain is not pointed out as plain text', async () => {
      const env = isolatedEnv({ DBUS_SESSION_BUS_ADDRESS: dbusAddress, LANG: 'fr_FR.UTF-8', NO_COLOR: '1' });
      const login = await spawnTix(['auth', 'login', '--server', s.url, '--email', 'sarah@demo.test', '--password-stdin'], {
        env,
        stdin: 'demo-password\n',
      });
      expect(login.code, login.stderr).toBe(0);
      expect(login.stderr).toBe(
        `✓ Connecté à ${s.url} (tix serve) en tant que Sarah Martin <sarah@demo.test> (administrateur)\n✓ Jeton enregistré dans le trousseau du système\n`,
      );
      const status = await spawnTix(['auth', 'status'], { env });
      expect(status.code).toBe(0);
      expect(status.stderr).toBe('');
      expect(status.stdout).toMatch(/Jeton : session venant du trousseau du système, expire le /);
      const list = await spawnTix(['establishment', 'list', '--json', 'name'], { env });
      expect(list.stderr).toBe('');
      expect((await spawnTix(['auth', 'logout'], { env })).stderr).toBe(`✓ Déconnecté de ${s.url} (sarah@demo.test)\n`);
      const again = await spawnTix(['auth', 'logout'], { env });
      expect(again.code).toBe(0);
      expect(again.stderr).toBe(`vous n'êtes pas connecté à ${s.url} (profil default) : rien à déconnecter\n`);
    });
  },
);

describe('without a usable keychain', () => {
  it('login exits 4, says why and the two ways on, writes nothing and revokes the session it got', async () => {
    const env = isolatedEnv({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' });
    const before = await liveTokens(s.store, 'yann@demo.test', 'session');
    const r = await spawnTix(['auth', 'login', '--server', s.url, '--email', 'yann@demo.test', '--password-stdin'], {
      env,
      stdin: 'demo-password',
    });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/the OS keychain is not usable: no D-Bus session bus is reachable/);
    expect(r.stderr).toMatch(/--insecure-storage/);
    expect(r.stderr).toMatch(/TIX_TOKEN/);
    expect(r.errorJson()).toMatchObject({ code: 'keychain_unavailable', exitCode: 4 });
    expect(filesUnder(env.TIX_CONFIG_DIR!)).toEqual([]);
    const after = await liveTokens(s.store, 'yann@demo.test', 'session');
    expect(after).toBe(before);
  });

  it('--insecure-storage is the explicit way on: a 0600 file and a warning', async () => {
    const env = isolatedEnv({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' });
    const r = await spawnTix(['auth', 'login', '--server', s.url, '--email', 'yann@demo.test', '--password-stdin', '--insecure-storage'], {
      env,
      stdin: 'demo-password',
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/stored in plain text/);
    expect(statSync(join(env.TIX_CONFIG_DIR!, 'credentials.json')).mode & 0o777).toBe(0o600);
    expect((await spawnTix(['establishment', 'list', '--json', 'name'], { env })).json()).toHaveLength(2);
  });
});
