import pg from 'pg';
import { inject } from 'vitest';
import { SqliteStore } from '../../src/server/store/sqlite.ts';
import type { Store } from '../../src/server/store/store.ts';
import { skipUnless } from './strict.ts';

// Which database the suites of this vitest project run on: the `sqlite` project runs every file on SQLite, the
// `postgres` project runs the server and store suites again on PostgreSQL (test/vitest.config.ts). Each test
// server or store on PostgreSQL gets a database of its own, copied from a template that already has the schema
// (CREATE DATABASE … TEMPLATE), and dropped when it closes: files run in parallel without seeing each other.

export type TestDatabaseKind = 'sqlite' | 'postgres';

export const testDatabaseKind: TestDatabaseKind = process.env.TIX_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

/** The template every test database is copied from; created by the global setup with the schema applied. */
export const TEMPLATE_DATABASE = 'tix_template';

/** The superuser URL of the test cluster (global setup), '' when PostgreSQL is not available. */
export function postgresAdminUrl(): string {
  return inject('postgresUrl');
}

/**
 * True when the PostgreSQL tests of this file must be skipped (PostgreSQL not available, and not in CI). Under
 * TIX_TEST_STRICT=1 a missing PostgreSQL fails the file instead.
 */
export function skipWithoutPostgres(): boolean {
  return skipUnless(postgresAdminUrl() !== '', `PostgreSQL (${inject('postgresProblem') || 'not started'})`);
}

/** The URL of another database on the test cluster (same user and password). */
export function databaseUrl(admin: string, database: string): string {
  const url = new URL(admin);
  url.pathname = `/${database}`;
  return url.toString();
}

let counter = 0;

/** A fresh database with the schema, for one test server or store; drop() deletes it. */
export async function freshPostgresDatabase(opts: { empty?: boolean } = {}): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const admin = postgresAdminUrl();
  if (!admin) throw new Error('PostgreSQL is not available to this test run');
  const name = `tix_test_${process.pid}_${++counter}_${Date.now().toString(36)}`;
  await adminQuery(admin, opts.empty ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
  let dropped: Promise<void> | undefined;
  return {
    url: databaseUrl(admin, name),
    name,
    drop: () => {
      dropped ??= adminQuery(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      return dropped;
    },
  };
}

/** One statement on the cluster's maintenance database, as the superuser (creating and dropping databases). */
export async function adminQuery(admin: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A store on this project's database: in-memory SQLite (or a file, `sqlitePath`), or a fresh PostgreSQL database.
 * close() closes it and, on PostgreSQL, drops its database.
 */
export async function openTestStore(opts: { sqlitePath?: string } = {}): Promise<Store> {
  if (testDatabaseKind === 'sqlite') return new SqliteStore(opts.sqlitePath ?? ':memory:');
  const { PostgresStore } = await import('../../src/server/store/postgres.ts');
  const database = await freshPostgresDatabase();
  const store = await PostgresStore.open(database.url, { poolSize: 5 });
  const close = store.close.bind(store);
  return Object.assign(store, {
    close: async () => {
      await close();
      await database.drop();
    },
  });
}

/**
 * `count` stores over one database, each with its own connections, as several `tix serve` processes have: a
 * fresh PostgreSQL database opened `count` times, or one SQLite file opened `count` times. close() closes them
 * all and deletes the database.
 */
export async function openSharedStores(count: number): Promise<{ stores: Store[]; close(): Promise<void> }> {
  if (testDatabaseKind === 'sqlite') {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'tix-store-'));
    const stores = Array.from({ length: count }, () => new SqliteStore(join(dir, 'tix.db')));
    return {
      stores,
      close: async () => {
        for (const s of stores) await s.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const { PostgresStore } = await import('../../src/server/store/postgres.ts');
  const database = await freshPostgresDatabase();
  const stores = await Promise.all(Array.from({ length: count }, () => PostgresStore.open(database.url, { poolSize: 8 })));
  return {
    stores,
    close: async () => {
      for (const s of stores) await s.close();
      await database.drop();
    },
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
    postgresProblem: string;
  }
}
