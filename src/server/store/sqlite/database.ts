import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';

export type Row = Record<string, SQLInputValue>;

/** Databases of this process with a group of writes not committed yet (see SqliteDatabase). */
const openGroups = new Set<SqliteDatabase>();

/**
 * One SQLite connection shared by the aggregates of the embedded store. node:sqlite is synchronous, so a method
 * runs start to finish without another request interleaving; a method that writes several rows wraps them in
 * transaction() and is atomic. Prepared statements are cached: preparing is the expensive part of a small query.
 *
 * Group commit: the writes made until the event loop turns share one transaction, committed once (a savepoint
 * each, so one request's failure undoes only its own writes). A commit rewrites every page a transaction
 * touched; creates arriving together touch the same pages (the newest end of each index, the search index's
 * structure), so one commit for all of them writes a sixth of the bytes. Nothing is acknowledged before its
 * commit: the server answers only after `flush()`.
 *
 * Another connection to the same file in this process (tests open several stores over one file, as several
 * instances would) commits any open group of the others before it reads or writes: it sees their writes, and
 * never waits, synchronously, for a lock that only this thread could release.
 */
export class SqliteDatabase {
  readonly db: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();
  private readonly arrayStatements = new Map<string, { statement: StatementSync; at: Record<string, number> }>();
  /** the open group of writes, committed when the event loop turns */
  private group?: { committed: Promise<void>; settle: (err?: unknown) => void };
  private readonly commitWork: Array<() => void> = [];
  private readonly committedTells: Array<() => void> = [];

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  stmt(sql: string): StatementSync {
    this.commitOthers();
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

  /**
   * The rows as arrays, and each column's position by name. node:sqlite otherwise builds an object per row
   * and names every column of it again: a third of the store's time for a page of 250 tickets.
   */
  arrays(sql: string, ...params: SQLInputValue[]): { rows: SQLInputValue[][]; at: Record<string, number> } {
    this.commitOthers();
    let s = this.arrayStatements.get(sql);
    if (!s) {
      const statement = this.db.prepare(sql);
      statement.setReturnArrays(true);
      s = { statement, at: Object.fromEntries(statement.columns().map((c, i) => [c.name, i])) };
      this.arrayStatements.set(sql, s);
    }
    return { rows: s.statement.all(...params) as unknown as SQLInputValue[][], at: s.at };
  }

  /** Another connection's open group of writes commits before this one reads or writes (see openGroups). */
  private commitOthers(): void {
    if (openGroups.size > (this.group ? 1 : 0)) for (const other of openGroups) if (other !== this) other.commitGroup();
  }

  run(sql: string, ...params: SQLInputValue[]) {
    return this.stmt(sql).run(...params);
  }

  /** Resolves once every write made so far is committed; rejects when their commit failed. */
  flush(): Promise<void> {
    return this.group?.committed ?? Promise.resolve();
  }

  /**
   * Work that joins the open group of writes just before it commits, outside any request's savepoint: the
   * search index is written there once per group (see SqliteTicketStore). Its failure fails the whole group.
   */
  beforeCommit(work: () => void): void {
    this.commitWork.push(work);
  }

  /** Told after each commit of a group (the checkpoints' thread counts them). */
  afterCommit(tell: () => void): void {
    this.committedTells.push(tell);
  }

  private commitGroup(): void {
    const group = this.group;
    if (!group) return;
    try {
      if (this.db.isTransaction) {
        for (const work of this.commitWork) work();
        this.db.exec('COMMIT');
      }
      this.endGroup();
      group.settle();
      for (const tell of this.committedTells) tell();
    } catch (err) {
      this.endGroup();
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      group.settle(err);
    }
  }

  private endGroup(): void {
    this.group = undefined;
    openGroups.delete(this);
  }

  /**
   * Runs fn atomically: in a savepoint of the open group of writes (opening one, with the write lock, when none
   * is), rolled back to on any throw. The group commits when the event loop turns.
   */
  transaction<T>(fn: () => T): T {
    if (!this.group) {
      for (const other of openGroups) other.commitGroup();
      this.db.exec('BEGIN IMMEDIATE');
      let settle!: (err?: unknown) => void;
      const committed = new Promise<void>((resolve, reject) => {
        settle = (err) => (err === undefined ? resolve() : reject(err));
      });
      // a failed commit is reported to whoever flushes; nobody flushing is not an unhandled rejection
      committed.catch(() => {});
      this.group = { committed, settle };
      openGroups.add(this);
      setImmediate(() => this.commitGroup());
    }
    this.db.exec('SAVEPOINT write');
    try {
      const result = fn();
      this.db.exec('RELEASE write');
      return result;
    } catch (err) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK TO write; RELEASE write');
      else {
        // an error that ended the whole transaction (disk full, I/O) took the group's other writes with it
        const lost = this.group;
        this.endGroup();
        lost?.settle(err);
      }
      throw err;
    }
  }

  /** Commits what is pending, then closes the connection. */
  async close(): Promise<void> {
    if (!this.db.isOpen) return;
    const pending = this.flush();
    this.commitGroup();
    await pending;
    this.db.exec('PRAGMA optimize');
    this.db.close();
  }
}

/** `?, ?, ?` for a list of n values. */
export const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(',');
