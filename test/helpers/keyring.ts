import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Keyring {
  address: string;
  stop(): Promise<void>;
}

/** A throw-away D-Bus session bus with an unlocked GNOME Keyring on it: a real Secret Service. */
export async function startKeyring(): Promise<Keyring> {
  for (const bin of ['dbus-daemon', 'gnome-keyring-daemon']) {
    if (spawnSync('sh', ['-c', `command -v ${bin}`]).status !== 0)
      throw new Error(`${bin} is not installed (apt-get install dbus gnome-keyring)`);
  }
  const home = mkdtempSync(join(tmpdir(), 'tix-keyring-'));
  const env = {
    ...process.env,
    HOME: home,
    XDG_DATA_HOME: join(home, 'data'),
    XDG_RUNTIME_DIR: home,
    XDG_CONFIG_HOME: join(home, 'config'),
  };
  const dbus = spawnSync(
    'dbus-daemon',
    ['--session', '--fork', '--print-address=1', '--print-pid=1', `--address=unix:path=${join(home, 'bus')}`],
    { env, encoding: 'utf8' },
  );
  if (dbus.status !== 0) throw new Error(`dbus-daemon failed: ${dbus.stderr}`);
  const [address, pid] = dbus.stdout.trim().split('\n');
  const busEnv = { ...env, DBUS_SESSION_BUS_ADDRESS: address! };
  const keyring = spawn('gnome-keyring-daemon', ['--unlock', '--components=secrets', '--foreground'], {
    env: busEnv,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  keyring.stdin.end('test-keyring-password');
  // wait until the Secret Service name is on the bus
  const deadline = Date.now() + 10_000;
  for (;;) {
    const probe = spawnSync(
      'dbus-send',
      [
        '--session',
        '--print-reply',
        '--dest=org.freedesktop.DBus',
        '/org/freedesktop/DBus',
        'org.freedesktop.DBus.NameHasOwner',
        'string:org.freedesktop.secrets',
      ],
      { env: busEnv, encoding: 'utf8' },
    );
    if (probe.stdout.includes('boolean true')) break;
    if (Date.now() > deadline) {
      keyring.kill();
      throw new Error('gnome-keyring-daemon did not register org.freedesktop.secrets in 10 s');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    address: address!,
    stop: async () => {
      keyring.kill();
      try {
        process.kill(Number(pid));
      } catch {
        /* already gone */
      }
      rmSync(home, { recursive: true, force: true });
    },
  };
}
