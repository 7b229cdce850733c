import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { sqliteMigrations, type Migration } from './sqlite-migrations.ts';
import { Checkpointer, FALLBACK_CHECKPOINT_PAGES } from './sqlite/checkpoints.ts';
import { SqliteContactStore } from './sqlite/contacts.ts';
import { SqliteDatabase, type Row } from './sqlite/database.ts';
import { SqliteIdentityStore } from './sqlite/identity.ts';
import { SqliteNotificationStore } from './sqlite/notifications.ts';
import { SqliteSettingsStore } from './sqlite/settings.ts';
import { SqliteTicketStore } from './sqlite/tickets.ts';
import { SqliteUploadStore } from './sqlite/uploads.ts';
import type { Store } from './store.ts';

/**
 * The embedded store: one SQLite file (or memory) for one process, each aggregate in sqlite/ over one
 * connection. node:sqlite is synchronous, so each method runs start to finish without another request
 * interleaving; writes are grouped into one commit per turn of the event loop (sqlite/database.ts), and the
 * server answers only after flush().
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly display: string;
  readonly db: DatabaseSync;
  private readonly sql: SqliteDatabase;
  readonly identity: SqliteIdentityStore;
  readonly settings: SqliteSettingsStore;
  readonly contacts: SqliteContactStore;
  readonly uploads: SqliteUploadStore;
  readonly tickets: SqliteTicketStore;
  readonly reads: SqliteTicketStore;
  readonly notifications: SqliteNotificationStore;
  private readonly checkpoints?: Checkpointer;

  /** `log` receives what a long upgrade of the schema says as it runs (tix serve prints it on stderr). */
  constructor(path: string, options: { log?: (line: string) => void } = {}) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.display = path;
    this.db = new DatabaseSync(path);
    // WAL keeps readers off writers' backs; NORMAL sync is durable across a process crash (kill -9),
    // which is what a server needs; only a power cut can lose the last commits.
    if (path !== ':memory:') this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
    this.db.exec('PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
    migrate(this.db, sqliteMigrations, options.log);
    // statistics for the query planner, gathered only where they are missing or stale (quick, bounded)
    this.db.exec('PRAGMA optimize = 0x10002');
    this.sql = new SqliteDatabase(this.db);
    if (path !== ':memory:') {
      // checkpoints leave the event loop for a thread of their own (sqlite/checkpoints.ts)
      this.db.exec(`PRAGMA wal_autocheckpoint = ${FALLBACK_CHECKPOINT_PAGES}`);
      const checkpoints = new Checkpointer(path);
      this.checkpoints = checkpoints;
      this.sql.afterCommit(() => checkpoints.committed());
    }
    this.identity = new SqliteIdentityStore(this.sql);
    this.settings = new SqliteSettingsStore(this.sql);
    this.contacts = new SqliteContactStore(this.sql);
    this.uploads = new SqliteUploadStore(this.sql);
    this.tickets = new SqliteTicketStore(this.sql);
    this.reads = this.tickets;
    this.notifications = new SqliteNotificationStore(this.sql, this.contacts);
  }

  flush(): Promise<void> {
    return this.sql.flush();
  }

  async close(): Promise<void> {
    await this.checkpoints?.stop();
    await this.sql.close();
  }
}

/**
 * Brings the schema up to date, one transaction per migration: a failed or interrupted upgrade leaves the
 * previous version intact and runs again at the next start. A migration that rebuilds data on a database that
 * already holds tickets says so first, then reports each step: on a large database it takes minutes, during
 * which nothing else can use the database.
 */
export function migrate(db: DatabaseSync, migrations: Migration[], log: (line: string) => void = () => {}): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as Row[]).map((r) => Number(r.version)));
  const newest = Math.max(0, ...applied);
  const known = Math.max(0, ...migrations.map((m) => m.version));
  if (newest > known) {
    throw new Error(`this database has schema version ${newest}, newer than this tix knows (${known}); upgrade tix`);
  }
  const messages = () => {
    const hasMessages = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'messages'").get();
    return hasMessages ? Number((db.prepare('SELECT max(id) AS n FROM messages').get() as Row).n ?? 0) : 0;
  };
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    const steps = typeof m.sql === 'string' ? [{ step: m.name, sql: m.sql }] : m.sql;
    const size = steps.length > 1 ? messages() : 0;
    const say = size > 0 ? log : () => {};
    say(
      `upgrading the database to schema version ${m.version} (${m.name}): ${size.toLocaleString('en')} messages, about a minute per million; ` +
        'the database is busy until it is done, and an interrupted upgrade starts over at the next start',
    );
    const started = performance.now();
    db.exec('BEGIN IMMEDIATE');
    try {
      for (const [i, step] of steps.entries()) {
        const stepStarted = performance.now();
        db.exec(step.sql);
        say(`  ${i + 1}/${steps.length} ${step.step}: ${((performance.now() - stepStarted) / 1000).toFixed(1)} s`);
      }
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
      db.exec('COMMIT');
    } catch (err) {
      db.exec('ROLLBACK');
      throw err;
    }
    say(`upgraded to schema version ${m.version} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}
