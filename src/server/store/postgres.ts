import { PgContactStore } from './postgres/contacts.ts';
import { PgDatabase } from './postgres/database.ts';
import { PgIdentityStore } from './postgres/identity.ts';
import { migratePostgres } from './postgres/migrations.ts';
import { PgNotificationStore } from './postgres/notifications.ts';
import { PgSettingsStore } from './postgres/settings.ts';
import { PgTicketStore } from './postgres/tickets.ts';
import { PgUploadStore } from './postgres/uploads.ts';
import type { Store } from './store.ts';

export interface PostgresStoreOptions {
  /** connections this process keeps at most (10 by default) */
  poolSize?: number;
  /** what the schema upgrade says as it runs */
  log?: (line: string) => void;
  /** a connection the server dropped while idle (it is replaced on next use) */
  onError?: (err: Error) => void;
}

/**
 * The store for several `tix serve` processes over one PostgreSQL database. The processes keep nothing of
 * their own: tickets, attachments (bytea), read state, idempotency keys, login failures and background work
 * all live in the database, and so does the outbox of e-mail notifications.
 */
export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  readonly display: string;
  readonly database: PgDatabase;
  readonly identity: PgIdentityStore;
  readonly settings: PgSettingsStore;
  readonly contacts: PgContactStore;
  readonly uploads: PgUploadStore;
  readonly tickets: PgTicketStore;
  readonly reads: PgTicketStore;
  readonly notifications: PgNotificationStore;

  private constructor(db: PgDatabase) {
    this.database = db;
    this.display = db.display;
    this.identity = new PgIdentityStore(db);
    this.settings = new PgSettingsStore(db);
    this.contacts = new PgContactStore(db);
    this.uploads = new PgUploadStore(db);
    this.tickets = new PgTicketStore(db);
    this.reads = this.tickets;
    this.notifications = new PgNotificationStore(db, this.contacts);
  }

  /**
   * Connects (a wrong URL, password or database fails within seconds with DatabaseUnavailableError) and brings
   * the schema up to date under an advisory lock, so several processes may start at once.
   */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const db = await PgDatabase.open(url, { max: options.poolSize, onError: options.onError });
    try {
      await migratePostgres(db, undefined, options.log);
    } catch (err) {
      await db.close();
      throw err;
    }
    return new PostgresStore(db);
  }

  /** Each write is committed before it returns. */
  async flush(): Promise<void> {}

  async close(): Promise<void> {
    await this.database.close();
  }
}
