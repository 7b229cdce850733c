import pg from 'pg';
import { DatabaseUnavailableError, displayDatabase } from '../database-url.ts';

/** Where a URL leads once libpq's defaults (PGHOST, PGPORT, PGUSER, PGDATABASE) are applied. */
export interface PostgresTarget {
  host: string;
  port: number;
  database: string;
  user: string;
}

export function postgresTarget(url: string): PostgresTarget {
  // a Client only parses until connect() is called: the same defaults the pool will use
  const c = new pg.Client({ connectionString: url });
  return { host: c.host, port: c.port, database: c.database ?? c.user ?? '', user: c.user ?? '' };
}

const where = (t: PostgresTarget) => `PostgreSQL at ${t.host}:${t.port} (database "${t.database}", user "${t.user}")`;

/**
 * A failed first connection, in words that name the server and the database and say what to check. Never the
 * password, and never pg's own message when it could quote the URL.
 */
export function explainConnectError(err: unknown, t: PostgresTarget): DatabaseUnavailableError {
  const e = err as NodeJS.ErrnoException & { code?: string; message: string };
  const code = e.code ?? '';
  switch (code) {
    case 'ECONNREFUSED':
      return new DatabaseUnavailableError(
        'unreachable',
        `cannot reach ${where(t)}: connection refused`,
        'is PostgreSQL running, and listening on this host and port?',
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new DatabaseUnavailableError('unreachable', `cannot reach ${where(t)}: the host name "${t.host}" does not resolve`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
    case 'ECONNRESET':
      return new DatabaseUnavailableError('unreachable', `cannot reach ${where(t)}: ${code}`);
    case '28P01':
    case '28000':
      return new DatabaseUnavailableError(
        'refused',
        `${where(t)} refused the connection: ${code === '28P01' ? 'wrong password' : 'this user may not connect from here (pg_hba.conf)'}`,
        'check the user and password in TIX_DATABASE_URL (or PGPASSWORD)',
      );
    case '3D000':
      return new DatabaseUnavailableError(
        'missing',
        `${where(t)}: the database "${t.database}" does not exist`,
        `create it first: createdb -h ${t.host} -p ${t.port} -U ${t.user} ${t.database}`,
      );
    case '57P03':
    case '53300':
      return new DatabaseUnavailableError(
        'unreachable',
        `${where(t)} does not accept connections now (${code === '53300' ? 'too many connections' : 'starting up or shutting down'})`,
      );
  }
  if (/timeout|terminated/i.test(e.message))
    return new DatabaseUnavailableError('unreachable', `cannot reach ${where(t)}: no answer within ${CONNECT_TIMEOUT_MS / 1000} s`);
  if (/SASL|password must be a string/i.test(e.message))
    return new DatabaseUnavailableError(
      'refused',
      `${where(t)} asks for a password and none was given`,
      'put it in TIX_DATABASE_URL (postgres://user:password@host:port/db) or in PGPASSWORD',
    );
  // unknown: pg's message is safe only when it cannot hold the URL
  return new DatabaseUnavailableError(
    'unreachable',
    `cannot use ${where(t)}: ${code ? `${code} ` : ''}${e.message.includes('@') ? 'connection failed' : e.message}`,
  );
}

/** the first connection, at start-up: a database that does not answer by then stops tix serve */
const CONNECT_TIMEOUT_MS = 10_000;
/** later connections, and a free connection of the pool: a busy database is waited for, not failed at once */
const POOL_TIMEOUT_MS = 30_000;

// PostgreSQL error codes after which the same transaction may simply run again.
const RETRYABLE = new Set(['40001', '40P01']);

export interface Queryable {
  query<T = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  one<T = Row>(sql: string, params?: unknown[]): Promise<T | undefined>;
  /** runs a statement and returns how many rows it changed */
  run(sql: string, params?: unknown[]): Promise<number>;
}

/**
 * Thrown inside a transaction to roll it back and make the transaction answer `value` instead: a refusal
 * decided after something was already written (an idempotency key claimed, then a closed ticket).
 */
export class RollbackWith<T> extends Error {
  readonly value: T;
  constructor(value: T) {
    super('rolled back');
    this.value = value;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: a row is typed by the SQL that selects it; each reader converts its columns
export type Row = Record<string, any>;

/** What a pool's clients return for the types tix reads: numbers for bigint and count(*), ISO strings for times. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === pg.types.builtins.INT8) return (v: string) => Number(v);
    if (oid === pg.types.builtins.TIMESTAMPTZ) return (v: string) => toIso(v);
    return pg.types.getTypeParser(oid, format as 'text');
  }) as typeof pg.types.getTypeParser,
};

/** "2026-11-22 10:00:00.123+00" (the session speaks UTC) to "2026-11-22T10:00:00.123Z". */
function toIso(v: string): string {
  const d = new Date(v.replace(' ', 'T').replace(/\+00$/, 'Z'));
  return Number.isNaN(d.getTime()) ? v : d.toISOString();
}

/**
 * A pool of connections to one PostgreSQL database, and transactions on it. Sessions speak UTC; bigints come back
 * as numbers (ids and counts stay far below 2^53).
 */
export class PgDatabase implements Queryable {
  readonly pool: pg.Pool;
  readonly target: PostgresTarget;
  readonly display: string;

  private constructor(pool: pg.Pool, target: PostgresTarget, display: string) {
    this.pool = pool;
    this.target = target;
    this.display = display;
  }

  /**
   * Opens the pool and checks the first connection, so a wrong URL, password or database stops `tix serve` at once
   * with a clear message (DatabaseUnavailableError), within CONNECT_TIMEOUT_MS (10 s).
   */
  static async open(url: string, opts: { max?: number; onError?: (err: Error) => void } = {}): Promise<PgDatabase> {
    let target: PostgresTarget;
    try {
      target = postgresTarget(url);
    } catch {
      throw new DatabaseUnavailableError(
        'invalid',
        `${displayDatabase(url)} is not a PostgreSQL URL tix can read`,
        'write it as postgres://user@host:port/database',
      );
    }
    const config = {
      connectionString: url,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      application_name: 'tix serve',
      options: '-c timezone=UTC',
      types,
    };
    // the first connection on its own, so that a failed one is closed at once: a pool would leave a socket the
    // server keeps open until its authentication timeout (a minute) when the password is missing
    const first = new pg.Client(config);
    try {
      await first.connect();
    } catch (err) {
      await first.end().catch(() => undefined);
      throw explainConnectError(err, target);
    }
    await first.end();
    const pool = new pg.Pool({ ...config, connectionTimeoutMillis: POOL_TIMEOUT_MS, max: opts.max ?? 10, idleTimeoutMillis: 30_000 });
    // an idle connection dropped by the server (a restart, a failover) is replaced on next use; say so
    pool.on('error', (err) => opts.onError?.(err));
    return new PgDatabase(pool, target, displayDatabase(url));
  }

  async query<T = Row>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pool.query(sql, params)).rows as T[];
  }

  async one<T = Row>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    return (await this.query<T>(sql, params))[0];
  }

  async run(sql: string, params: unknown[] = []): Promise<number> {
    return (await this.pool.query(sql, params)).rowCount ?? 0;
  }

  /**
   * Runs fn in one transaction on one connection (READ COMMITTED unless asked otherwise): committed when fn
   * returns, rolled back when it throws (a RollbackWith answers its value). A serialization failure or a deadlock runs the whole of fn again (up to
   * 5 times), and so does an error whose code is in `retryOn` (a unique violation lost to a concurrent writer, which
   * the next run sees and answers), so fn must not act outside the database before it returns.
   */
  async transaction<T>(
    fn: (tx: Queryable) => Promise<T>,
    opts: { isolation?: 'serializable' | 'repeatable read'; retryOn?: string[] } = {},
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      let broken = false;
      try {
        await client.query(opts.isolation ? `BEGIN ISOLATION LEVEL ${opts.isolation.toUpperCase()}` : 'BEGIN');
        const tx: Queryable = {
          query: async <R>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as R[],
          one: async <R>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0] as R | undefined,
          run: async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rowCount ?? 0,
        };
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true; // the connection is gone: do not give it back to the pool
        }
        if (err instanceof RollbackWith) return err.value as T;
        const code = (err as { code?: string }).code;
        if (code && (RETRYABLE.has(code) || opts.retryOn?.includes(code)) && attempt < 5) {
          await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
          continue;
        }
        throw err;
      } finally {
        client.release(broken);
      }
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
