import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isolatedEnv, spawnTix, tempDir, tixBin } from '../helpers/cli.ts';

const children: Array<{ kill(): void }> = [];
afterEach(() => {
  // a failed assertion must not leave a server running
  for (const c of children.splice(0)) c.kill();
});

/** Starts `tix serve` as a real process and waits for its "listening on" line. */
function serve(args: string[], env = isolatedEnv()) {
  const child = spawn(process.execPath, [tixBin, 'serve', '--port', '0', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push({ kill: () => child.kill('SIGKILL') });
  let stderr = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (d) => {
      stderr += d;
      const m = /listening on (http:\/\/\S+)/.exec(stderr);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`tix serve exited ${code}: ${stderr}`)));
  });
  const stop = () =>
    new Promise<number | null>((resolve) => {
      child.on('exit', (code) => resolve(code));
      child.kill('SIGTERM');
    });
  return { url, stop, stderr: () => stderr };
}

describe('tix serve', () => {
  it('serves the demo organisation from a file database, prints the credentials, and stops cleanly', async () => {
    const db = join(tempDir(), 'tix.db');
    const server = serve(['--db', db, '--demo']);
    const url = await server.url;
    expect(server.stderr()).toMatch(/demo organisation loaded; every user's password is demo-password/);
    expect(server.stderr()).toContain('yann@demo.test   admin of École Paris and École Lille');
    const env = isolatedEnv();
    const login = await spawnTix(
      ['auth', 'login', '--server', url, '--email', 'yann@demo.test', '--password-stdin', '--insecure-storage'],
      { env, stdin: 'demo-password' },
    );
    expect(login.code).toBe(0);
    expect((await spawnTix(['establishment', 'list', '--json', 'name'], { env })).json()).toEqual([
      { name: 'École Lille' },
      { name: 'École Paris' },
    ]);
    expect(await server.stop()).toBe(0);

    // a second --demo on the same database adds nothing twice
    const again = serve(['--db', db, '--demo']);
    await again.url;
    expect(again.stderr()).toMatch(/demo organisation already present/);
    await again.stop();
    expect(existsSync(`${db}-wal`) || existsSync(db)).toBe(true);
  });

  it('rejects a bad seed file with the exact path and reason, loading nothing', async () => {
    const dir = tempDir();
    const seed = join(dir, 'org.json');
    writeFileSync(
      seed,
      JSON.stringify({
        companies: [{ siren: '812345676', name: 'ACME', establishments: [{ siret: '81234567600018', name: 'Siège' }] }],
        users: [{ email: 'boss@acme', name: 'Boss', password: 'long-enough', admin: ['81234567600018'] }],
      }),
    );
    const db = join(dir, 'tix.db');
    const r = await spawnTix(['serve', '--port', '0', '--db', db, '--seed', seed]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${seed} is not a valid organisation file, nothing was loaded`);
    expect(r.stderr).toContain('companies[0].establishments[0].siret: this SIRET fails its check digit');
    expect(r.stderr).toContain('users[0].email: not a valid e-mail address');
    expect(existsSync(db)).toBe(false);

    const missing = await spawnTix(['serve', '--port', '0', '--db', db, '--seed', join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json is not a valid organisation file.*\n.*there is no such file/);
    expect(missing.stderr).not.toMatch(/ENOENT/);
    const directory = await spawnTix(['serve', '--port', '0', '--db', db, '--seed', dir]);
    expect(directory.code).toBe(2);
    expect(directory.stderr).toMatch(/is not a valid organisation file.*\n.*it is a directory, not a file/);
  });

  it('loads a good seed file', async () => {
    const dir = tempDir();
    const seed = join(dir, 'org.json');
    writeFileSync(
      seed,
      JSON.stringify({
        companies: [{ siren: '732829320', name: 'ACME', establishments: [{ siret: '73282932000074', name: 'Siège' }] }],
        users: [{ email: 'boss@acme.test', name: 'Boss', password: 'long-enough', admin: ['73282932000074'] }],
      }),
    );
    const server = serve(['--db', join(dir, 'tix.db'), '--seed', seed]);
    const url = await server.url;
    expect(server.stderr()).toMatch(/seed loaded: 1 companies, 1 establishments, 1 users added/);
    const env = isolatedEnv();
    await spawnTix(['auth', 'login', '--server', url, '--email', 'boss@acme.test', '--password-stdin', '--insecure-storage'], {
      env,
      stdin: 'long-enough',
    });
    expect((await spawnTix(['establishment', 'list', '--json', 'siret'], { env })).json()).toEqual([{ siret: '73282932000074' }]);
    await server.stop();
  });

  it('refuses a bad port (exit 2)', async () => {
    expect((await spawnTix(['serve', '--port', 'eighty'])).stderr).toMatch(/--port must be a number/);
  });

  it('a PostgreSQL nobody listens on, or one that never answers: exit 6 within seconds, named, no password, no stack trace', async () => {
    // a port that was free a moment ago
    const closed = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
    const refused = await spawnTix(['serve', '--port', '0', '--db', `postgres://tix:s3cret-pw@127.0.0.1:${closed}/tix`], {
      env: isolatedEnv(),
    });
    expect(refused.code).toBe(6);
    expect(refused.stderr).toContain(`cannot reach PostgreSQL at 127.0.0.1:${closed} (database "tix", user "tix"): connection refused`);
    expect(refused.errorJson()).toMatchObject({ code: 'database_unreachable', exitCode: 6 });
    expect(refused.stderr).not.toContain('s3cret-pw');
    expect(refused.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);

    // accepts the connection and says nothing: the connect timeout ends it
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const mute = await spawnTix(['serve', '--port', '0'], {
        env: isolatedEnv({ TIX_DATABASE_URL: `postgres://tix:s3cret-pw@127.0.0.1:${port}/tix` }),
        timeoutMs: 30_000,
      });
      expect(mute.code).toBe(6);
      expect(mute.stderr).toContain(`cannot reach PostgreSQL at 127.0.0.1:${port} (database "tix", user "tix"): no answer within 10 s`);
      expect(mute.stderr).not.toContain('s3cret-pw');
      expect(mute.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });
});
