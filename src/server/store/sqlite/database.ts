import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';

export type Row = Record<string, SQLInputValue>;

/**
 * One SQLite connection shared by the aggregates of the embedded store. node:sqlite is synchronous, so a method
 * runs start to finish without another request interleaving; a method that writes several rows wraps them in
 * one IMMEDIATE transaction. Prepared statements are cached: preparing is the expensive part of a small query.
 */
export class SqliteDatabase {
  readonly db: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  stmt(sql: string): StatementSync {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  get<T>(sql: string, ...params: SQLInputValue[]): T | undefined {
    return this.stmt(sql).get(...params) as T | undefined;
  }

  all<T>(sql: string, ...params: SQLInputValue[]): T[] {
    return this.stmt(sql).all(...params) as T[];
  }

  run(sql: string, ...params: SQLInputValue[]) {
    return this.stmt(sql).run(...params);
  }

  /** Runs fn in one IMMEDIATE transaction (the write lock taken first); any throw rolls everything back. */
  transaction<T>(fn: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = fn();
      this.db.exec('COMMIT');
      return result;
    } catch (err) {
      this.db.exec('ROLLBACK');
      throw err;
    }
  }
}

/** `?, ?, ?` for a list of n values. */
export const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(',');
