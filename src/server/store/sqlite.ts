import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { sqliteMigrations, type Migration } from './sqlite-migrations.ts';
import type { FieldValues } from '../../core/catalog.ts';
import type { Status } from '../../core/lifecycle.ts';
import { SqliteContactStore } from './sqlite/contacts.ts';
import { searchTerms, statusChangeKind } from './shared.ts';
import { placeholders, SqliteDatabase, type Row } from './sqlite/database.ts';
import { SqliteIdentityStore } from './sqlite/identity.ts';
import { insertEvent, SqliteNotificationStore } from './sqlite/notifications.ts';
import { SqliteSettingsStore } from './sqlite/settings.ts';
import { SqliteUploadStore, toAttachment } from './sqlite/uploads.ts';
import type {
  MarkReadPolicy,
  MessageRecord,
  NewMessageRecord,
  NewTicketRecord,
  ReadStateStore,
  Store,
  TicketFilter,
  TicketRecord,
  TicketStore,
  WriteResult,
} from './store.ts';

/**
 * The embedded store: one SQLite file (or memory) for one process. node:sqlite is synchronous, so each method
 * runs start to finish without another request interleaving: a method that writes several rows wraps them in
 * one transaction and is atomic. Tickets, messages and read state live here; the other aggregates in sqlite/.
 */
export class SqliteStore implements Store, TicketStore, ReadStateStore {
  readonly kind = 'sqlite' as const;
  readonly display: string;
  readonly db: DatabaseSync;
  private readonly sql: SqliteDatabase;
  readonly identity: SqliteIdentityStore;
  readonly settings: SqliteSettingsStore;
  readonly contacts: SqliteContactStore;
  readonly uploads: SqliteUploadStore;
  readonly tickets: TicketStore = this;
  readonly reads: ReadStateStore = this;
  readonly notifications: SqliteNotificationStore;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.display = path;
    this.db = new DatabaseSync(path);
    // WAL keeps readers off writers' backs; NORMAL sync is durable across a process crash (kill -9),
    // which is what a server needs; only a power cut can lose the last commits.
    if (path !== ':memory:') this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
    this.db.exec('PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
    migrate(this.db, sqliteMigrations);
    this.sql = new SqliteDatabase(this.db);
    this.identity = new SqliteIdentityStore(this.sql);
    this.settings = new SqliteSettingsStore(this.sql);
    this.contacts = new SqliteContactStore(this.sql);
    this.uploads = new SqliteUploadStore(this.sql);
    this.notifications = new SqliteNotificationStore(this.sql, this.contacts);
  }

  async close(): Promise<void> {
    if (this.db.isOpen) this.db.close();
  }

  private get<T>(sql: string, ...params: SQLInputValue[]): T | undefined {
    return this.sql.get<T>(sql, ...params);
  }

  private all<T>(sql: string, ...params: SQLInputValue[]): T[] {
    return this.sql.all<T>(sql, ...params);
  }

  private run(sql: string, ...params: SQLInputValue[]) {
    return this.sql.run(sql, ...params);
  }

  private transaction<T>(fn: () => T): T {
    return this.sql.transaction(fn);
  }

  // ---- tickets -------------------------------------------------------------------------------------------

  /** An idempotency key already used by this user: the same request replays, another one conflicts. */
  private replay(
    userId: number,
    idem: NewTicketRecord['idempotency'],
  ): { ticketId: number; messageId: number | null; conflict: boolean } | undefined {
    if (!idem) return undefined;
    const row = this.get<Row>(
      'SELECT fingerprint, ticket_id, message_id FROM idempotency_keys WHERE user_id = ? AND key = ?',
      userId,
      idem.key,
    );
    if (!row) return undefined;
    return {
      ticketId: Number(row.ticket_id),
      messageId: row.message_id === null ? null : Number(row.message_id),
      conflict: row.fingerprint !== idem.fingerprint,
    };
  }

  private attachUploads(messageId: number, uploadIds: number[]): void {
    if (uploadIds.length === 0) return;
    const r = this.run(
      `UPDATE uploads SET message_id = ? WHERE message_id IS NULL AND id IN (${placeholders(uploadIds.length)})`,
      messageId,
      ...uploadIds,
    );
    // another request attached one of them first: undo everything rather than attach half
    if (Number(r.changes) !== uploadIds.length) throw new UploadTaken();
  }

  async createTicket(t: NewTicketRecord): Promise<WriteResult<'ticketId'>> {
    try {
      return this.transaction(() => {
        const previous = this.replay(t.createdById, t.idempotency);
        if (previous?.conflict) return { conflict: 'idempotency' as const, ticketId: previous.ticketId };
        if (previous) return { ticketId: previous.ticketId, replayed: true, deduplicated: previous.messageId !== null };
        if (t.dedupe) {
          const same = this.get<Row>(
            `SELECT id, status FROM tickets WHERE establishment_id = ? AND type = ? AND status IN (${placeholders(t.dedupe.among.length)})
             AND lower(trim(summary)) = lower(trim(?)) ORDER BY updated_at DESC, id DESC LIMIT 1`,
            t.establishmentId,
            t.type,
            ...t.dedupe.among,
            t.summary,
          );
          const next = same && t.dedupe.replyStatus(same.status as Status);
          if (same && typeof next === 'string') {
            const ticketId = Number(same.id);
            const messageId = this.insertMessage(ticketId, t.createdById, t.description, t.at);
            this.attachUploads(messageId, t.uploadIds);
            this.updateStatus(ticketId, next, t.at);
            insertEvent(this.sql, { ticketId, kind: 'reply', actorId: t.createdById, status: next, at: t.at });
            if (t.idempotency) {
              this.run(
                'INSERT INTO idempotency_keys (user_id, key, fingerprint, ticket_id, message_id, created_at) VALUES (?, ?, ?, ?, ?, ?)',
                t.createdById,
                t.idempotency.key,
                t.idempotency.fingerprint,
                ticketId,
                messageId,
                t.at,
              );
            }
            return { ticketId, replayed: false, deduplicated: true };
          }
        }
        const ticketId = Number(
          this.get<Row>(
            `INSERT INTO tickets (establishment_id, created_by, on_behalf_of, type, category, summary, fields, status, follow_up_of, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'sent', ?, ?, ?) RETURNING id`,
            t.establishmentId,
            t.createdById,
            t.onBehalfOf,
            t.type,
            t.category,
            t.summary,
            JSON.stringify(t.fields),
            t.followUpOf,
            t.at,
            t.at,
          )!.id,
        );
        const messageId = this.insertMessage(ticketId, t.createdById, t.description, t.at);
        this.attachUploads(messageId, t.uploadIds);
        this.run('INSERT INTO ticket_text (ticket_id, body) VALUES (?, ?)', ticketId, t.summary);
        insertEvent(this.sql, {
          ticketId,
          kind: t.followUpOf === null ? 'created' : 'follow-up',
          actorId: t.createdById,
          status: 'sent',
          at: t.at,
        });
        if (t.idempotency) {
          this.run(
            'INSERT INTO idempotency_keys (user_id, key, fingerprint, ticket_id, message_id, created_at) VALUES (?, ?, ?, ?, NULL, ?)',
            t.createdById,
            t.idempotency.key,
            t.idempotency.fingerprint,
            ticketId,
            t.at,
          );
        }
        return { ticketId, replayed: false };
      });
    } catch (err) {
      if (err instanceof UploadTaken) return { refused: 'an attachment was already used by another message; upload it again' };
      throw err;
    }
  }

  private insertMessage(ticketId: number, authorId: number, body: string, at: string): number {
    const id = Number(
      this.get<Row>(
        'INSERT INTO messages (ticket_id, author_id, body, created_at) VALUES (?, ?, ?, ?) RETURNING id',
        ticketId,
        authorId,
        body,
        at,
      )!.id,
    );
    this.run('INSERT INTO ticket_text (ticket_id, body) VALUES (?, ?)', ticketId, body);
    return id;
  }

  async addMessage(m: NewMessageRecord): Promise<WriteResult<'messageId'>> {
    try {
      return this.transaction(() => {
        const previous = this.replay(m.authorId, m.idempotency);
        if (previous && (previous.conflict || previous.ticketId !== m.ticketId || previous.messageId === null))
          return { conflict: 'idempotency' as const, ticketId: previous.ticketId };
        if (previous) return { messageId: previous.messageId!, replayed: true };
        const row = this.get<Row>('SELECT status FROM tickets WHERE id = ?', m.ticketId);
        if (!row) return { refused: 'no such ticket' };
        const next = m.nextStatus(row.status as Status);
        if (typeof next !== 'string') return next;
        const messageId = this.insertMessage(m.ticketId, m.authorId, m.body, m.at);
        this.attachUploads(messageId, m.uploadIds);
        this.updateStatus(m.ticketId, next, m.at);
        insertEvent(this.sql, { ticketId: m.ticketId, kind: 'reply', actorId: m.authorId, status: next, at: m.at });
        if (m.idempotency) {
          this.run(
            'INSERT INTO idempotency_keys (user_id, key, fingerprint, ticket_id, message_id, created_at) VALUES (?, ?, ?, ?, ?, ?)',
            m.authorId,
            m.idempotency.key,
            m.idempotency.fingerprint,
            m.ticketId,
            messageId,
            m.at,
          );
        }
        return { messageId, replayed: false };
      });
    } catch (err) {
      if (err instanceof UploadTaken) return { refused: 'an attachment was already used by another message; upload it again' };
      throw err;
    }
  }

  private updateStatus(ticketId: number, status: Status, at: string): void {
    this.run(
      `UPDATE tickets SET status = ?, updated_at = ?,
         resolved_at = CASE WHEN ? = 'resolved' THEN coalesce(CASE WHEN status = 'resolved' THEN resolved_at END, ?) ELSE NULL END,
         closed_at = CASE WHEN ? = 'closed' THEN coalesce(closed_at, ?) ELSE NULL END,
         auto_closed = CASE WHEN status = 'closed' AND ? = 'closed' THEN auto_closed ELSE 0 END
       WHERE id = ?`,
      status,
      at,
      status,
      at,
      status,
      at,
      status,
      ticketId,
    );
  }

  async changeStatus(
    ticketId: number,
    decide: (current: Status) => Status | { refused: string },
    at: string,
    actorId?: number,
  ): Promise<{ status: Status } | { refused: string }> {
    return this.transaction(() => {
      const row = this.get<Row>('SELECT status FROM tickets WHERE id = ?', ticketId);
      if (!row) return { refused: 'no such ticket' };
      const next = decide(row.status as Status);
      if (typeof next !== 'string') return next;
      if (next !== row.status) this.updateStatus(ticketId, next, at);
      const kind = statusChangeKind(row.status as Status, next);
      if (kind) insertEvent(this.sql, { ticketId, kind, actorId: actorId ?? null, status: next, at });
      return { status: next };
    });
  }

  async closeResolvedBefore(cutoff: string, at: string, limit: number): Promise<number[]> {
    // one writer at a time on SQLite: the UPDATE itself is the claim
    return this.transaction(() => {
      const ids = this.all<Row>(
        `UPDATE tickets SET status = 'closed', closed_at = ?, auto_closed = 1
         WHERE id IN (SELECT id FROM tickets WHERE status = 'resolved' AND resolved_at <= ? ORDER BY resolved_at LIMIT ?)
         RETURNING id`,
        at,
        cutoff,
        limit,
      ).map((r) => Number(r.id));
      for (const ticketId of ids) insertEvent(this.sql, { ticketId, kind: 'auto-closed', actorId: null, status: 'closed', at });
      return ids;
    });
  }

  private ticketSelect(where: string, order = ''): string {
    return `SELECT t.*, e.siret, e.name AS establishment_name, u.email AS creator_email, u.name AS creator_name, ob.name AS on_behalf_of_name, c.mark_read,
        (SELECT count(*) FROM messages m WHERE m.ticket_id = t.id) AS message_count,
        (SELECT count(*) FROM messages m WHERE m.ticket_id = t.id AND m.author_id <> ?1
           AND NOT EXISTS (SELECT 1 FROM message_reads r WHERE r.user_id = ?1 AND r.message_id = m.id)) AS unread
      FROM tickets t
      JOIN establishments e ON e.id = t.establishment_id
      JOIN companies c ON c.id = e.company_id
      JOIN users u ON u.id = t.created_by
      LEFT JOIN users ob ON ob.email = t.on_behalf_of AND ob.company_id = e.company_id
      WHERE ${where} ${order}`;
  }

  async getTicket(id: number, viewerId: number): Promise<TicketRecord | undefined> {
    const row = this.get<Row>(this.ticketSelect('t.id = ?2'), viewerId, id);
    return row && toTicket(row);
  }

  async listTickets(f: TicketFilter): Promise<TicketRecord[]> {
    const where: string[] = [];
    const params: SQLInputValue[] = [f.viewerId];
    const add = (sql: string, ...values: SQLInputValue[]) => {
      // numbered parameters: ?1 is the viewer, the rest follow in order
      where.push(sql.replace(/\?(?!\d)/g, () => `?${params.push(values.shift()!)}`));
    };
    if (f.visible !== 'all') {
      if (f.visible.length === 0) return [];
      add(`t.establishment_id IN (${placeholders(f.visible.length)})`, ...f.visible);
    }
    if (f.statuses?.length) add(`t.status IN (${placeholders(f.statuses.length)})`, ...f.statuses);
    if (f.type) add('t.type = ?', f.type);
    if (f.category) add('t.category = ?', f.category);
    if (f.establishmentId !== undefined) add('t.establishment_id = ?', f.establishmentId);
    if (f.authorId !== undefined) add('t.created_by = ?', f.authorId);
    if (f.since) add('t.updated_at >= ?', f.since);
    if (f.search !== undefined) {
      const match = ftsQuery(f.search);
      // a search made only of punctuation matches nothing (rather than everything)
      if (match === undefined) return [];
      add('t.id IN (SELECT ticket_id FROM ticket_text WHERE ticket_text MATCH ?)', match);
    }
    if (f.unreadOnly) {
      where.push(`EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = t.id AND m.author_id <> ?1
        AND NOT EXISTS (SELECT 1 FROM message_reads r WHERE r.user_id = ?1 AND r.message_id = m.id))`);
    }
    if (f.before) add('(t.updated_at < ? OR (t.updated_at = ? AND t.id < ?))', f.before.updatedAt, f.before.updatedAt, f.before.id);
    const sql = this.ticketSelect(
      where.length ? where.join(' AND ') : '1 = 1',
      `ORDER BY t.updated_at DESC, t.id DESC LIMIT ${Math.max(1, Math.min(f.limit, 1000))}`,
    );
    return this.all<Row>(sql, ...params).map(toTicket);
  }

  async ticketMessages(ticketId: number, viewerId: number): Promise<MessageRecord[]> {
    const rows = this.all<Row>(
      `SELECT m.*, u.email, u.name, u.role,
         (m.author_id <> ?1 AND NOT EXISTS (SELECT 1 FROM message_reads r WHERE r.user_id = ?1 AND r.message_id = m.id)) AS unread
       FROM messages m JOIN users u ON u.id = m.author_id WHERE m.ticket_id = ?2 ORDER BY m.id`,
      viewerId,
      ticketId,
    );
    const files = this.all<Row>(
      `SELECT up.message_id, up.public_id, up.filename, up.content_type, up.size, up.sha256 FROM uploads up
       JOIN messages m ON m.id = up.message_id WHERE m.ticket_id = ? ORDER BY up.id`,
      ticketId,
    );
    return rows.map((r) => ({
      id: Number(r.id),
      ticketId: Number(r.ticket_id),
      authorId: Number(r.author_id),
      authorEmail: String(r.email),
      authorName: String(r.name),
      authorIsAgent: r.role === 'agent',
      unread: Number(r.unread) === 1,
      body: String(r.body),
      createdAt: String(r.created_at),
      attachments: files.filter((f) => Number(f.message_id) === Number(r.id)).map(toAttachment),
    }));
  }

  async markRead(userId: number, ticketId: number, upToMessageId?: number): Promise<number> {
    return Number(
      this.run(
        `INSERT INTO message_reads (user_id, message_id)
       SELECT ?, id FROM messages WHERE ticket_id = ? AND author_id <> ? AND id <= ?
       ON CONFLICT DO NOTHING`,
        userId,
        ticketId,
        userId,
        upToMessageId ?? Number.MAX_SAFE_INTEGER,
      ).changes,
    );
  }

  async markTicketsRead(userId: number, ticketIds: number[]): Promise<number> {
    if (ticketIds.length === 0) return 0;
    return this.transaction(() => {
      let changed = 0;
      // in slices: SQLite caps the number of bound parameters
      for (let i = 0; i < ticketIds.length; i += 500) {
        const slice = ticketIds.slice(i, i + 500);
        changed += Number(
          this.run(
            `INSERT INTO message_reads (user_id, message_id)
           SELECT ?, id FROM messages WHERE author_id <> ? AND ticket_id IN (${slice.map(() => '?').join(',')})
           ON CONFLICT DO NOTHING`,
            userId,
            userId,
            ...slice,
          ).changes,
        );
      }
      return changed;
    });
  }

  async markLatestUnread(userId: number, ticketId: number): Promise<number | undefined> {
    const row = this.get<Row>('SELECT max(id) AS id FROM messages WHERE ticket_id = ? AND author_id <> ?', ticketId, userId);
    if (!row || row.id === null) return undefined;
    this.run('DELETE FROM message_reads WHERE user_id = ? AND message_id = ?', userId, Number(row.id));
    return Number(row.id);
  }
}

function migrate(db: DatabaseSync, migrations: Migration[]): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as Row[]).map((r) => Number(r.version)));
  const newest = Math.max(0, ...applied);
  const known = Math.max(0, ...migrations.map((m) => m.version));
  if (newest > known) {
    throw new Error(`this database has schema version ${newest}, newer than this tix knows (${known}); upgrade tix`);
  }
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(m.sql);
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
  }
}

class UploadTaken extends Error {}

/**
 * Keywords to an FTS5 query that cannot be misread as syntax: each word becomes a quoted prefix term, all
 * required. Quotes, stars, NEAR( and the like are only ever text. Undefined when no word is left.
 */
export function ftsQuery(words: string): string | undefined {
  const terms = searchTerms(words);
  if (terms.length === 0) return undefined;
  return terms.map((t) => `"${t}"*`).join(' AND ');
}

function toTicket(r: Row): TicketRecord {
  return {
    id: Number(r.id),
    establishmentId: Number(r.establishment_id),
    siret: String(r.siret),
    establishmentName: String(r.establishment_name),
    createdById: Number(r.created_by),
    creatorEmail: String(r.creator_email),
    creatorName: String(r.creator_name),
    onBehalfOf: r.on_behalf_of === null ? null : String(r.on_behalf_of),
    onBehalfOfName: r.on_behalf_of_name === null ? null : String(r.on_behalf_of_name),
    type: String(r.type),
    category: String(r.category),
    summary: String(r.summary),
    fields: JSON.parse(String(r.fields)) as FieldValues,
    status: r.status as Status,
    followUpOf: r.follow_up_of === null ? null : Number(r.follow_up_of),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    resolvedAt: r.resolved_at === null ? null : String(r.resolved_at),
    closedAt: r.closed_at === null ? null : String(r.closed_at),
    autoClosed: Number(r.auto_closed) === 1,
    unread: Number(r.unread),
    messageCount: Number(r.message_count),
    markRead: r.mark_read as MarkReadPolicy,
  };
}
