import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appliedMigrations, postgresMigrations } from '../../src/server/store/postgres/migrations.ts';
import { PgDatabase } from '../../src/server/store/postgres/database.ts';
import { isolatedEnv, spawnTix } from '../helpers/cli.ts';
import { databaseUrl, freshPostgresDatabase, postgresAdminUrl, skipWithoutPostgres } from '../helpers/database.ts';
import { startServe, type ServeProcess } from '../helpers/serve-process.ts';

// `tix serve` as real processes on a real PostgreSQL: the schema applied at start (several processes at once),
// the data kept across restarts, and a database that refuses or cannot be reached stopping the server at once
// with a clear message and never the password.

const skip = skipWithoutPostgres();
const servers: ServeProcess[] = [];
const drops: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop('SIGKILL')));
});
afterAll(async () => {
  for (const drop of drops.splice(0)) await drop();
});

async function emptyDatabase(): Promise<{ url: string; name: string }> {
  const db = await freshPostgresDatabase({ empty: true });
  drops.push(db.drop);
  return db;
}

/** What a person or a log could see of a failed or running server. */
const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);

// several real processes at once on a shared 2-core machine: generous time
describe.skipIf(skip)('tix serve on PostgreSQL', { timeout: 180_000 }, () => {
  let password: string;
  let port: number;
  beforeAll(() => {
    const admin = new URL(postgresAdminUrl());
    password = decodeURIComponent(admin.password);
    port = Number(admin.port);
  });

  it('applies the schema at start, keeps the data across restarts, and names the database without its password', async () => {
    const db = await emptyDatabase();
    const env = isolatedEnv({ TIX_DATABASE_URL: db.url });
    const first = await startServe(['--demo', '--port', '0', '--log'], env);
    servers.push(first);
    expect(first.stderr()).toContain(`database: postgres://postgres@127.0.0.1:${port}/${db.name}`);
    expect(first.stderr()).toMatch(/upgrading the database: 1 organisation, users, tokens/);
    const cli = isolatedEnv({ TIX_SERVER: first.url });
    const login = await spawnTix(['auth', 'login', '--email', 'yann@demo.test', '--password-stdin', '--insecure-storage'], {
      env: cli,
      stdin: 'demo-password',
    });
    expect(login.code, login.stderr).toBe(0);
    const created = await spawnTix(
      [
        'ticket',
        'create',
        '--type',
        'question',
        '--establishment',
        '81234567600017',
        '--summary',
        'Kept in PostgreSQL',
        '--description',
        'x',
        '--json',
        'id',
      ],
      { env: cli },
    );
    expect(created.code, created.stderr).toBe(0);
    expect(await first.stop('SIGTERM')).toBe(0);
    expect(first.stderr()).not.toContain(password);

    // the password on the command line: tix hides it from the process list and says where it belongs
    const second = await startServe(['--db', db.url, '--port', String(first.port), '--log'], isolatedEnv());
    servers.push(second);
    expect(second.stderr()).toMatch(/a password in --db is visible to other users of this machine; use TIX_DATABASE_URL or PGPASSWORD/);
    expect(second.stderr()).not.toMatch(/upgrading the database/);
    expect(readFileSync(`/proc/${second.pid}/cmdline`, 'utf8')).not.toContain(password);
    const list = await spawnTix(['ticket', 'list', '--json', 'summary'], { env: cli });
    expect(list.json()).toEqual([{ summary: 'Kept in PostgreSQL' }]);
    expect(second.stderr()).not.toContain(password);
    noStackTrace(second.stderr());
  });

  it('several processes starting at once on an empty database apply each migration once, and all serve', async () => {
    const db = await emptyDatabase();
    const started = await Promise.all(
      Array.from({ length: 4 }, () => startServe(['--demo', '--port', '0'], isolatedEnv({ TIX_DATABASE_URL: db.url }))),
    );
    servers.push(...started);
    const pg = await PgDatabase.open(db.url, { max: 1 });
    try {
      expect((await appliedMigrations(pg)).map((m) => m.version)).toEqual(postgresMigrations.map((m) => m.version));
    } finally {
      await pg.close();
    }
    // the demo organisation was added once: exactly one of them says "loaded"
    expect(started.filter((s) => /demo organisation loaded/.test(s.stderr()))).toHaveLength(1);
    for (const s of started) {
      const res = await fetch(`${s.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'sarah@demo.test', password: 'demo-password' }),
      });
      expect(res.status).toBe(200);
    }
  });

  it('a refused password stops tix serve at once: exit 4, the server and database named, no password, no stack trace', async () => {
    const db = await emptyDatabase();
    const wrong = new URL(db.url);
    wrong.password = 'not-the-password-1234';
    const r = await spawnTix(['serve', '--port', '0'], { env: isolatedEnv({ TIX_DATABASE_URL: wrong.toString() }), timeoutMs: 60_000 });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(
      `PostgreSQL at 127.0.0.1:${port} (database "${db.name}", user "postgres") refused the connection: wrong password`,
    );
    expect(r.errorJson()).toMatchObject({ code: 'database_refused', exitCode: 4 });
    expect(r.stderr).not.toContain('not-the-password-1234');
    expect(r.stdout).toBe('');
    noStackTrace(r.stderr);

    // no password at all, where the server asks for one
    const none = new URL(db.url);
    none.password = '';
    const r2 = await spawnTix(['serve', '--port', '0', '--db', none.toString()], { env: isolatedEnv(), timeoutMs: 60_000 });
    expect(r2.code).toBe(4);
    expect(r2.stderr).toMatch(/asks for a password and none was given/);
    noStackTrace(r2.stderr);
  });

  it('a database that does not exist: exit 2, with the command that creates it', async () => {
    const url = databaseUrl(postgresAdminUrl(), 'tix_no_such_database');
    const r = await spawnTix(['serve', '--port', '0'], { env: isolatedEnv({ TIX_DATABASE_URL: url }), timeoutMs: 60_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`the database "tix_no_such_database" does not exist`);
    expect(r.stderr).toContain(`hint: create it first: createdb -h 127.0.0.1 -p ${port} -U postgres tix_no_such_database`);
    expect(r.stderr).not.toContain(password);
    noStackTrace(r.stderr);
  });
});
