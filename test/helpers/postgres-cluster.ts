import { execFileSync, spawn, type SpawnOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A private PostgreSQL cluster for the tests and the benchmarks: initdb in a temporary directory, started on a
// free port of 127.0.0.1 with password authentication (scram-sha-256), stopped and deleted afterwards. The
// same on CI and on a developer's machine: nothing is installed as a service and no existing cluster is
// touched. When run as root (CI containers), the cluster runs as the `postgres` user, since PostgreSQL refuses
// to run as root.

export interface PostgresCluster {
  /** the superuser's URL, password included (tests only; never printed) */
  url: string;
  host: string;
  port: number;
  user: string;
  password: string;
  dir: string;
  version: string;
  stop(): Promise<void>;
}

/** Where PostgreSQL's server programs are: TIX_PG_BINDIR, `pg_config --bindir`, Debian's layout, or PATH. */
export function postgresBinDir(env: Record<string, string | undefined> = process.env): string | undefined {
  const has = (dir: string) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'));
  if (env.TIX_PG_BINDIR) return has(env.TIX_PG_BINDIR) ? env.TIX_PG_BINDIR : undefined;
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (has(dir)) return dir;
  } catch {
    /* no pg_config */
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => /^\d+$/.test(v) && has(join(debian, v, 'bin')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(debian, versions[0], 'bin');
  }
  for (const dir of (env.PATH ?? '').split(':')) if (dir && has(dir)) return dir;
  return undefined;
}

/** The uid and gid of a system user, from /etc/passwd. */
function systemUser(name: string): { uid: number; gid: number; home: string } | undefined {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) return undefined;
  const [, , uid, gid, , home] = line.split(':');
  return { uid: Number(uid), gid: Number(gid), home: home ?? '/' };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function run(command: string, args: string[], options: SpawnOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${output.trim()}`)),
    );
  });
}

/**
 * Starts a throw-away cluster. Settings favour speed over durability (fsync off): a test database is never
 * worth keeping. `maxConnections` covers parallel test files, each with a small pool, plus served processes.
 */
export async function startPostgresCluster(opts: { maxConnections?: number; durable?: boolean } = {}): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL server programs (initdb, pg_ctl) not found; install PostgreSQL or set TIX_PG_BINDIR');
  const dir = mkdtempSync(join(tmpdir(), 'tix-pg-'));
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? systemUser('postgres') : undefined;
  if (asRoot && !owner) throw new Error('running as root and there is no postgres user to run PostgreSQL as');
  const spawnAs: SpawnOptions = owner
    ? { uid: owner.uid, gid: owner.gid, env: { PATH: process.env.PATH, HOME: owner.home, LANG: 'C.UTF-8' } }
    : { env: { ...process.env, LANG: 'C.UTF-8' } };
  if (owner) chownSync(dir, owner.uid, owner.gid);
  chmodSync(dir, 0o700);
  const user = 'postgres';
  const password = randomBytes(18).toString('base64url');
  const pwfile = join(dir, 'pwfile');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (owner) chownSync(pwfile, owner.uid, owner.gid);
  const data = join(dir, 'data');
  try {
    await run(
      join(bin, 'initdb'),
      [
        '-D',
        data,
        '-U',
        user,
        `--pwfile=${pwfile}`,
        '--auth-host=scram-sha-256',
        '--auth-local=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C.UTF-8',
        '--no-sync',
      ],
      spawnAs,
    );
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  rmSync(pwfile);
  const port = await freePort();
  const settings = [
    `-p ${port}`,
    "-c listen_addresses='127.0.0.1'",
    `-c unix_socket_directories='${dir}'`,
    `-c max_connections=${opts.maxConnections ?? 300}`,
    ...(opts.durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
  ].join(' ');
  try {
    await run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-o', settings, '-w', '-t', '60', 'start'], spawnAs);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const version = execFileSync(join(bin, 'postgres'), ['--version'], { encoding: 'utf8' }).trim();
  let stopped: Promise<void> | undefined;
  return {
    url: `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    host: '127.0.0.1',
    port,
    user,
    password,
    dir,
    version,
    stop: () => {
      stopped ??= run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], spawnAs)
        .catch(() => undefined)
        .then(() => rmSync(dir, { recursive: true, force: true }));
      return stopped;
    },
  };
}
