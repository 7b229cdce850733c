import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { sqliteMigrations, type Migration } from './sqlite-migrations.ts';
import {
  indexTickets,
  LEARN_INDEXED_TERMS,
  MAX_EXPANSION,
  SEARCH_KEY,
  scopeToken,
  secondKeyOf,
  TERMS_INCOMPLETE,
  unreadRows,
} from './sqlite-derived.ts';
import type { FieldValues } from '../../core/catalog.ts';
import type { Status } from '../../core/lifecycle.ts';
import type { ContactDraft } from '../../core/contact-input.ts';
import { contactNameKey } from '../../core/contacts.ts';
import type {
  AttachmentRecord,
  CompanyRow,
  ContactChanges,
  ContactRow,
  DuplicateContact,
  EstablishmentRow,
  ImportedTicket,
  InboxQuery,
  InboxRecord,
  LoginFailures,
  MarkReadPolicy,
  MembershipRow,
  MessageRecord,
  NewMessageRecord,
  NewTicketRecord,
  NewToken,
  OrganisationSeed,
  PendingUpload,
  UploadQuota,
  SeedResult,
  Store,
  TicketFilter,
  TicketRecord,
  TokenKind,
  TokenRow,
  UserRow,
  WriteResult,
} from './store.ts';

type Row = Record<string, SQLInputValue>;

/**
 * The embedded store. node:sqlite is synchronous, so each method runs start to finish without another request
 * interleaving: a method that writes several rows wraps them in one savepoint and is atomic.
 *
 * Group commit: the writes made until the event loop turns share one transaction, committed once (a savepoint
 * each, so one request's failure undoes only its own writes). A commit rewrites every page a transaction
 * touched; creates arriving together touch the same pages (the newest end of each index, the search index's
 * structure), so one commit for all of them writes a sixth of the bytes. Nothing is acknowledged before its
 * commit: the server answers only after `flush()`.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly db: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();
  /** the open group of writes, committed when the event loop turns */
  private group?: { committed: Promise<void>; settle: (err?: unknown) => void };

  /** `log` receives what a long upgrade of the schema says as it runs (tix serve prints it on stderr). */
  constructor(path: string, options: { log?: (line: string) => void } = {}) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new DatabaseSync(path);
    // WAL keeps readers off writers' backs; NORMAL sync is durable across a process crash (kill -9),
    // which is what a server needs; only a power cut can lose the last commits.
    if (path !== ':memory:') this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
    this.db.exec('PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
    migrate(this.db, sqliteMigrations, options.log);
    // statistics for the query planner, gathered only where they are missing or stale (quick, bounded)
    this.db.exec('PRAGMA optimize = 0x10002');
    this.completeTerms();
  }

  async close(): Promise<void> {
    if (!this.db.isOpen) return;
    await this.flush();
    this.db.exec('PRAGMA optimize');
    this.db.close();
  }

  /** Resolves once every write made so far is committed; rejects when their commit failed. */
  flush(): Promise<void> {
    return this.group?.committed ?? Promise.resolve();
  }

  private commitGroup(): void {
    const group = this.group;
    if (!group) return;
    this.group = undefined;
    try {
      if (this.db.isTransaction) this.db.exec('COMMIT');
      group.settle();
    } catch (err) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      group.settle(err);
    }
  }

  /** Prepared statements are cached: preparing is the expensive part of a small query. */
  protected stmt(sql: string): StatementSync {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  protected get<T>(sql: string, ...params: SQLInputValue[]): T | undefined {
    return this.stmt(sql).get(...params) as T | undefined;
  }

  protected all<T>(sql: string, ...params: SQLInputValue[]): T[] {
    return this.stmt(sql).all(...params) as T[];
  }

  protected run(sql: string, ...params: SQLInputValue[]) {
    return this.stmt(sql).run(...params);
  }

  /**
   * Runs fn atomically: in a savepoint of the open group of writes (opening one when none is), rolled back to
   * on any throw. The group commits when the event loop turns.
   */
  protected transaction<T>(fn: () => T): T {
    if (!this.group) {
      this.db.exec('BEGIN IMMEDIATE');
      let settle!: (err?: unknown) => void;
      const committed = new Promise<void>((resolve, reject) => {
        settle = (err) => (err === undefined ? resolve() : reject(err));
      });
      // a failed commit is reported to whoever flushes; nobody flushing is not an unhandled rejection
      committed.catch(() => {});
      this.group = { committed, settle };
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
        this.group = undefined;
        lost?.settle(err);
      }
      throw err;
    }
  }

  async loadOrganisation(seed: OrganisationSeed): Promise<SeedResult> {
    return this.transaction(() => {
      const result: SeedResult = { companies: 0, establishments: 0, users: 0 };
      const establishmentIds = new Map<string, number>();
      let lastCompanyId: number | null = null;
      for (const company of seed.companies) {
        const inserted = this.run(
          'INSERT INTO companies (siren, name) VALUES (?, ?) ON CONFLICT (siren) DO NOTHING',
          company.siren,
          company.name,
        );
        result.companies += Number(inserted.changes);
        const companyId = this.get<{ id: number }>('SELECT id FROM companies WHERE siren = ?', company.siren)!.id;
        lastCompanyId = companyId;
        for (const est of company.establishments) {
          const r = this.run(
            'INSERT INTO establishments (company_id, siret, name) VALUES (?, ?, ?) ON CONFLICT (siret) DO NOTHING',
            companyId,
            est.siret,
            est.name,
          );
          result.establishments += Number(r.changes);
          establishmentIds.set(est.siret, this.get<{ id: number }>('SELECT id FROM establishments WHERE siret = ?', est.siret)!.id);
        }
      }
      for (const user of seed.users) {
        const sirets = [...user.admin, ...user.employee];
        // A customer belongs to the company of its establishments; agents belong to none.
        const companyId = user.role === 'agent' ? null : sirets.length > 0 ? this.companyOfSiret(sirets[0]!) : lastCompanyId;
        const r = this.run(
          'INSERT INTO users (email, name, role, company_id, password_hash) VALUES (?, ?, ?, ?, ?) ON CONFLICT (email) DO NOTHING',
          user.email.toLowerCase(),
          user.name,
          user.role,
          companyId,
          user.passwordHash,
        );
        result.users += Number(r.changes);
        if (r.changes === 0) continue; // an existing user keeps its password and memberships
        const userId = Number(r.lastInsertRowid);
        for (const [role, list] of [
          ['admin', user.admin],
          ['employee', user.employee],
        ] as const) {
          for (const siret of list) {
            const estId =
              establishmentIds.get(siret) ?? this.get<{ id: number }>('SELECT id FROM establishments WHERE siret = ?', siret)?.id;
            if (estId === undefined) throw new Error(`unknown establishment ${siret}`);
            this.run(
              'INSERT INTO memberships (user_id, establishment_id, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
              userId,
              estId,
              role,
            );
          }
        }
        // what the new user sees arrived before them: all of it unread
        this.run(unreadRows('1 = 1', '?1'), userId);
      }
      return result;
    });
  }

  private companyOfSiret(siret: string): number | null {
    return this.get<{ company_id: number }>('SELECT company_id FROM establishments WHERE siret = ?', siret)?.company_id ?? null;
  }

  async findUserByEmail(email: string): Promise<UserRow | undefined> {
    const row = this.get<Row>('SELECT * FROM users WHERE email = ?', email.toLowerCase());
    return row && toUser(row);
  }

  async getUser(id: number): Promise<UserRow | undefined> {
    const row = this.get<Row>('SELECT * FROM users WHERE id = ?', id);
    return row && toUser(row);
  }

  async membershipsOf(userId: number): Promise<MembershipRow[]> {
    return this.all<Row>('SELECT establishment_id, role FROM memberships WHERE user_id = ? ORDER BY establishment_id', userId).map((r) => ({
      establishmentId: Number(r.establishment_id),
      role: r.role as MembershipRow['role'],
    }));
  }

  async getCompany(id: number): Promise<CompanyRow | undefined> {
    return this.get<CompanyRow>('SELECT id, siren, name, mark_read AS markRead FROM companies WHERE id = ?', id);
  }

  async companyBySiren(siren: string): Promise<CompanyRow | undefined> {
    return this.get<CompanyRow>('SELECT id, siren, name, mark_read AS markRead FROM companies WHERE siren = ?', siren);
  }

  async setMarkRead(companyId: number, policy: MarkReadPolicy): Promise<void> {
    this.run('UPDATE companies SET mark_read = ? WHERE id = ?', policy, companyId);
  }

  async establishmentsByIds(ids: number[]): Promise<EstablishmentRow[]> {
    if (ids.length === 0) return [];
    return this.all<Row>(`SELECT * FROM establishments WHERE id IN (${ids.map(() => '?').join(',')}) ORDER BY name`, ...ids).map(
      toEstablishment,
    );
  }

  async allEstablishments(): Promise<EstablishmentRow[]> {
    return this.all<Row>('SELECT * FROM establishments ORDER BY name').map(toEstablishment);
  }

  async insertToken(t: NewToken): Promise<TokenRow> {
    const r = this.run(
      'INSERT INTO tokens (user_id, kind, name, token_hash, prefix, scopes, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      t.userId,
      t.kind,
      t.name,
      t.tokenHash,
      t.prefix,
      JSON.stringify(t.scopes),
      t.createdAt,
      t.expiresAt,
    );
    return { ...t, id: Number(r.lastInsertRowid), lastUsedAt: null, revokedAt: null };
  }

  async findTokenByHash(hash: string): Promise<TokenRow | undefined> {
    const row = this.get<Row>('SELECT * FROM tokens WHERE token_hash = ?', hash);
    return row && toToken(row);
  }

  async touchToken(id: number, at: string): Promise<void> {
    // with the request's other writes: one commit
    this.transaction(() => this.run('UPDATE tokens SET last_used_at = ? WHERE id = ?', at, id));
  }

  async listTokens(userId: number, kind: TokenKind): Promise<TokenRow[]> {
    return this.all<Row>('SELECT * FROM tokens WHERE user_id = ? AND kind = ? ORDER BY id', userId, kind).map(toToken);
  }

  async revokeToken(userId: number, id: number, at: string): Promise<boolean> {
    const r = this.run('UPDATE tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL', at, id, userId);
    return r.changes > 0;
  }

  async loginFailures(key: string): Promise<LoginFailures | undefined> {
    const row = this.get<Row>('SELECT count, last_failed_at FROM login_failures WHERE key = ?', key);
    return row && { count: Number(row.count), lastFailedAt: String(row.last_failed_at) };
  }

  async recordLoginFailure(key: string, at: string): Promise<LoginFailures> {
    const row = this.get<Row>(
      `INSERT INTO login_failures (key, count, last_failed_at) VALUES (?, 1, ?)
       ON CONFLICT (key) DO UPDATE SET count = count + 1, last_failed_at = excluded.last_failed_at
       RETURNING count, last_failed_at`,
      key,
      at,
    )!;
    return { count: Number(row.count), lastFailedAt: String(row.last_failed_at) };
  }

  async clearLoginFailures(key: string): Promise<void> {
    this.run('DELETE FROM login_failures WHERE key = ?', key);
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
      `UPDATE uploads SET message_id = ? WHERE message_id IS NULL AND id IN (${uploadIds.map(() => '?').join(',')})`,
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
            `SELECT id, status FROM tickets WHERE establishment_id = ? AND type = ? AND status IN ('sent', 'answered', 'open')
             AND lower(trim(summary)) = lower(trim(?)) ORDER BY updated_at DESC, id DESC LIMIT 1`,
            t.establishmentId,
            t.type,
            t.summary,
          );
          const next = same && t.dedupe.replyStatus(same.status as Status);
          if (same && typeof next === 'string') {
            const ticketId = Number(same.id);
            const messageId = this.reindexing(ticketId, () => {
              const id = this.insertMessage(ticketId, t.createdById, t.description, t.at);
              this.updateStatus(ticketId, next, t.at);
              return id;
            });
            this.attachUploads(messageId, t.uploadIds);
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
        this.learnTerms(t.summary);
        const messageId = this.insertMessage(ticketId, t.createdById, t.description, t.at);
        this.attachUploads(messageId, t.uploadIds);
        this.run(indexTickets('t.id = ?'), ticketId);
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

  async importTickets(batches: Iterable<ImportedTicket[]>, onBatch?: (imported: number) => void): Promise<number> {
    let imported = 0;
    // The prefix vocabulary is read from the index once, at the end: reading every word of a million messages
    // costs more than the rest of the import. Until then a marker says it is incomplete, so that a store opened
    // after an interrupted import completes it.
    this.transaction(() => this.run('INSERT INTO search_terms (term) VALUES (?) ON CONFLICT DO NOTHING', TERMS_INCOMPLETE));
    for (const batch of batches) {
      // one transaction per batch: the write-ahead log stays the size of a batch
      if (batch.length === 0) continue;
      this.transaction(() => {
        const { first, last } = this.importBatch(batch);
        // the derived rows of the batch, with the same SQL as the migration that introduced them
        const range = 't.id BETWEEN ?1 AND ?2';
        this.run(unreadRows(range), first, last);
        this.run(indexTickets(range), first, last);
        imported += batch.length;
      });
      await this.flush();
      onBatch?.(imported);
    }
    this.completeTerms();
    await this.flush();
    return imported;
  }

  /** Every term of the search index into the prefix vocabulary, if an import left it incomplete. */
  private completeTerms(): void {
    if (!this.get('SELECT 1 FROM search_terms WHERE term = ?', TERMS_INCOMPLETE)) return;
    this.transaction(() => {
      this.db.exec(LEARN_INDEXED_TERMS);
      this.run('DELETE FROM search_terms WHERE term = ?', TERMS_INCOMPLETE);
    });
  }

  /**
   * A batch of tickets, messages and read state, each table in one statement over a JSON array (a statement per
   * row costs more than the row): ids are given explicitly, this transaction being the only writer.
   */
  private importBatch(batch: ImportedTicket[]): { first: number; last: number } {
    const first = Number(this.get<Row>('SELECT coalesce(max(id), 0) + 1 AS id FROM tickets')!.id);
    let messageId = Number(this.get<Row>('SELECT coalesce(max(id), 0) + 1 AS id FROM messages')!.id);
    const messages: unknown[] = [];
    const reads: number[][] = [];
    for (const [i, t] of batch.entries()) {
      const ids = t.messages.map((m) => {
        messages.push([messageId, first + i, m.authorId, m.body, m.createdAt]);
        return messageId++;
      });
      for (const r of t.readUpTo)
        for (let m = 0; m < Math.min(r.messages, ids.length); m++)
          if (t.messages[m]!.authorId !== r.userId) reads.push([r.userId, ids[m]!]);
    }
    this.run(
      `INSERT INTO tickets (id, establishment_id, created_by, type, category, summary, fields, status, created_at, updated_at, resolved_at, closed_at, message_count)
       SELECT ?2 + key, value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6, value->>7, value->>8, value->>9, value->>10, value->>11
       FROM json_each(?1)`,
      JSON.stringify(
        batch.map((t) => [
          t.establishmentId,
          t.createdById,
          t.type,
          t.category,
          t.summary,
          JSON.stringify(t.fields),
          t.status,
          t.createdAt,
          t.updatedAt,
          t.resolvedAt,
          t.closedAt,
          t.messages.length,
        ]),
      ),
      first,
    );
    this.run(
      `INSERT INTO messages (id, ticket_id, author_id, body, created_at)
       SELECT value->>0, value->>1, value->>2, value->>3, value->>4 FROM json_each(?)`,
      JSON.stringify(messages),
    );
    this.run('INSERT INTO message_reads (user_id, message_id) SELECT value->>0, value->>1 FROM json_each(?)', JSON.stringify(reads));
    return { first, last: first + batch.length - 1 };
  }

  /** Adds the terms of a new text to the prefix vocabulary (search_terms), as the migration does: no scope token. */
  private learnTerms(text: string): void {
    this.run(
      `INSERT INTO search_terms (term) SELECT DISTINCT token FROM search_tokenizer WHERE input = ? AND substr(token, 1, 1) <> char(57344)
       ON CONFLICT DO NOTHING`,
      text,
    );
  }

  /**
   * A change to a ticket's activity, status or text: its search document leaves the index under the old key
   * and comes back under the new one, and its unread rows follow its activity.
   */
  private reindexing<T>(ticketId: number, change: () => T): T {
    this.run(`DELETE FROM ticket_search WHERE rowid = (SELECT ${SEARCH_KEY} FROM tickets t WHERE t.id = ?)`, ticketId);
    const result = change();
    this.run(indexTickets('t.id = ?'), ticketId);
    this.run('UPDATE ticket_unread SET updated_at = (SELECT updated_at FROM tickets WHERE id = ?1) WHERE ticket_id = ?1', ticketId);
    return result;
  }

  /** A new message: counted, searchable, and unread for everyone else who sees the ticket. */
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
    this.run('UPDATE tickets SET message_count = message_count + 1 WHERE id = ?', ticketId);
    this.run(
      `INSERT INTO ticket_unread (ticket_id, user_id, establishment_id, type, updated_at, unread)
       SELECT t.id, v.id, t.establishment_id, t.type, t.updated_at, 1 FROM tickets t
       JOIN (SELECT id FROM users WHERE role = 'agent'
             UNION SELECT user_id FROM memberships WHERE role = 'admin' AND establishment_id = (SELECT establishment_id FROM tickets WHERE id = ?1)) v
         ON v.id <> ?2
       WHERE t.id = ?1
       ON CONFLICT (ticket_id, user_id) DO UPDATE SET unread = unread + 1`,
      ticketId,
      authorId,
    );
    this.learnTerms(body);
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
        const messageId = this.reindexing(m.ticketId, () => {
          const id = this.insertMessage(m.ticketId, m.authorId, m.body, m.at);
          this.updateStatus(m.ticketId, next, m.at);
          return id;
        });
        this.attachUploads(messageId, m.uploadIds);
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
         closed_at = CASE WHEN ? = 'closed' THEN coalesce(closed_at, ?) ELSE NULL END
       WHERE id = ?`,
      status,
      at,
      status,
      at,
      status,
      at,
      ticketId,
    );
  }

  async changeStatus(
    ticketId: number,
    decide: (current: Status) => Status | { refused: string },
    at: string,
  ): Promise<{ status: Status } | { refused: string }> {
    return this.transaction(() => {
      const row = this.get<Row>('SELECT status FROM tickets WHERE id = ?', ticketId);
      if (!row) return { refused: 'no such ticket' };
      const next = decide(row.status as Status);
      if (typeof next !== 'string') return next;
      if (next !== row.status) this.reindexing(ticketId, () => this.updateStatus(ticketId, next, at));
      return { status: next };
    });
  }

  async closeResolvedBefore(cutoff: string, at: string): Promise<number> {
    // usually none: one indexed look-up on every request
    if (!this.get<Row>("SELECT 1 FROM tickets WHERE status = 'resolved' AND resolved_at <= ? LIMIT 1", cutoff)) return 0;
    return this.transaction(() => {
      const due = this.all<Row>("SELECT id FROM tickets WHERE status = 'resolved' AND resolved_at <= ?", cutoff).map((r) => Number(r.id));
      // the activity does not change, the status token of the search document does
      for (const id of due) this.reindexing(id, () => this.run("UPDATE tickets SET status = 'closed', closed_at = ? WHERE id = ?", at, id));
      return due.length;
    });
  }

  async getTicket(id: number, viewerId: number): Promise<TicketRecord | undefined> {
    const row = this.get<Row>(`SELECT ${TICKET_COLUMNS} FROM tickets t ${TICKET_JOINS} ${UNREAD_JOIN} WHERE t.id = ?2`, viewerId, id);
    return row && toTicket(row);
  }

  /** Tickets by id, in the order given. */
  private ticketsByIds(ids: number[], viewerId: number): TicketRecord[] {
    if (ids.length === 0) return [];
    const rows = this.all<Row>(
      `SELECT ${TICKET_COLUMNS} FROM tickets t ${TICKET_JOINS} ${UNREAD_JOIN} WHERE t.id IN (${ids.map((_, i) => `?${i + 2}`).join(',')})`,
      viewerId,
      ...ids,
    );
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    return ids.flatMap((id) => (byId.has(id) ? [toTicket(byId.get(id)!)] : []));
  }

  /**
   * Three ways to read tickets newest activity first, each walking an index in that order and stopping after
   * the page: a search walks the search index (documents keyed by activity), --unread walks the viewer's unread
   * rows, anything else walks tickets by activity. The filters are the same SQL in all three.
   */
  async listTickets(f: TicketFilter): Promise<TicketRecord[]> {
    if (f.visible !== 'all' && f.visible.length === 0) return [];
    const limit = Math.max(1, Math.min(f.limit, MAX_LIST));
    const params: SQLInputValue[] = [f.viewerId];
    const p = (value: SQLInputValue) => `?${params.push(value)}`;
    const where: string[] = [];
    // `+`: the visibility test must not steer SQLite away from the index that gives the order
    if (f.visible !== 'all') where.push(`+t.establishment_id IN (${f.visible.map(p).join(',')})`);
    if (f.statuses?.length) where.push(`t.status IN (${f.statuses.map(p).join(',')})`);
    if (f.type) where.push(`t.type = ${p(f.type)}`);
    if (f.category) where.push(`t.category = ${p(f.category)}`);
    if (f.establishmentId !== undefined) where.push(`t.establishment_id = ${p(f.establishmentId)}`);
    if (f.authorId !== undefined) where.push(`t.created_by = ${p(f.authorId)}`);
    if (f.since) where.push(`t.updated_at >= ${p(f.since)}`);
    if (f.before) where.push(`(t.updated_at, t.id) < (${p(f.before.updatedAt)}, ${p(f.before.id)})`);

    if (f.search !== undefined) {
      const match = this.searchMatch(f.search, f);
      if (match === undefined) return [];
      where.push(`s.ticket_search MATCH ${p(match)}`);
      // the same bounds on the activity key, so the index starts and stops in the right place
      if (f.before) where.push(`s.rowid <= (${secondKeyOf(p(f.before.updatedAt))} | 2147483647)`);
      if (f.since) where.push(`s.rowid >= ${secondKeyOf(p(f.since))}`);
      if (f.unreadOnly) where.push('r.user_id IS NOT NULL');
      const sql = (extra: string, tail: string) =>
        `SELECT ${TICKET_COLUMNS}, s.rowid >> 31 AS key_second FROM ticket_search s CROSS JOIN tickets t ON t.id = (s.rowid & 2147483647)
         ${TICKET_JOINS} ${UNREAD_JOIN} WHERE ${[...where, extra].join(' AND ')} ORDER BY s.rowid DESC ${tail}`;
      const rows = this.all<Row>(sql('1 = 1', `LIMIT ${limit}`), ...params);
      if (rows.length < limit) return rows.sort(byActivity).map(toTicket);
      // The key orders tickets by whole second, then id; within the last second of the page, the exact order
      // (milliseconds, then id) may bring in a ticket the key placed after the page: read the rest of that
      // second and sort the page exactly.
      const last = rows.at(-1)!;
      const second = Number(last.key_second);
      const rest = this.all<Row>(
        sql(`s.rowid >= (${p(second)} << 31) AND s.rowid < ((${p(second)} << 31) | ${p(Number(last.id))})`, ''),
        ...params,
      );
      return [...rows, ...rest].sort(byActivity).slice(0, limit).map(toTicket);
    }

    if (f.unreadOnly) {
      // the viewer's unread rows carry the ticket's establishment, type and activity: the index gives the order
      const unreadWhere = where.map((w) =>
        w.startsWith('+t.establishment_id') ? w.replace('+t.establishment_id', 'r.establishment_id') : w,
      );
      if (f.establishmentId !== undefined) unreadWhere.push(`r.establishment_id = ${p(f.establishmentId)}`);
      if (f.type) unreadWhere.push(`r.type = ${p(f.type)}`);
      if (f.since) unreadWhere.push(`r.updated_at >= ${p(f.since)}`);
      if (f.before) unreadWhere.push(`(r.updated_at, r.ticket_id) < (${p(f.before.updatedAt)}, ${p(f.before.id)})`);
      // the index whose order is the page's: by user, or within one establishment or type
      const index =
        f.establishmentId !== undefined ? 'ticket_unread_user_establishment' : f.type ? 'ticket_unread_user_type' : 'ticket_unread_user';
      return this.all<Row>(
        `SELECT ${TICKET_COLUMNS} FROM ticket_unread r INDEXED BY ${index} CROSS JOIN tickets t ON t.id = r.ticket_id ${TICKET_JOINS}
         WHERE ${['r.user_id = ?1', ...unreadWhere].join(' AND ')} ORDER BY r.updated_at DESC, r.ticket_id DESC LIMIT ${limit}`,
        ...params,
      ).map(toTicket);
    }

    // the activity index gives the order; within one establishment, that establishment's part of it
    const index = f.establishmentId !== undefined ? 'tickets_establishment_activity' : 'tickets_activity';
    return this.all<Row>(
      `SELECT ${TICKET_COLUMNS} FROM tickets t INDEXED BY ${index} ${TICKET_JOINS} ${UNREAD_JOIN}
       WHERE ${where.length ? where.join(' AND ') : '1 = 1'} ORDER BY t.updated_at DESC, t.id DESC LIMIT ${limit}`,
      ...params,
    ).map(toTicket);
  }

  /**
   * The FTS5 query for a search: every word required; within a word (split where the tokenizer splits), every
   * piece but the last is a whole term and the last is a prefix, expanded to the whole terms it starts; then
   * the filters as scope tokens. Undefined when nothing can match.
   */
  private searchMatch(search: string, f: TicketFilter): string | undefined {
    const quote = (term: string) => `"${term.replaceAll('"', '""')}"`;
    const parts: string[] = [];
    for (const word of search
      .replace(/\p{Co}/gu, ' ')
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, MAX_SEARCH_WORDS)) {
      const tokens = this.all<Row>('SELECT token FROM search_tokenizer WHERE input = ?', word).map((r) => String(r.token));
      if (tokens.length === 0) continue;
      for (const whole of tokens.slice(0, -1)) parts.push(quote(whole));
      const prefix = tokens.at(-1)!;
      const terms = this.all<Row>(
        'SELECT term FROM search_terms WHERE term >= ?1 AND term < ?1 || char(1114111) ORDER BY term LIMIT ?2',
        prefix,
        MAX_EXPANSION + 1,
      ).map((r) => String(r.term));
      if (terms.length === 0) return undefined;
      parts.push(terms.length > MAX_EXPANSION ? `${quote(prefix)}*` : `(${terms.map(quote).join(' OR ')})`);
      if (parts.length >= MAX_SEARCH_TERMS) break;
    }
    if (parts.length === 0) return undefined;
    // A scope token names a row by its id: an id no row has (the service's -1 for an unknown author) matches
    // nothing, and its "-" would split the token into a phrase, which this index (detail = none) refuses.
    const real = (id: number | undefined) => id === undefined || (Number.isSafeInteger(id) && id > 0);
    if (!real(f.authorId) || !real(f.establishmentId)) return undefined;
    const anyOf = (tokens: string[]) => `(${tokens.map(quote).join(' OR ')})`;
    // the viewer's companies (usually one): each scope token costs a seek per match, a company is one token
    if (f.visible !== 'all') {
      const companies = this.all<Row>(
        `SELECT DISTINCT company_id FROM establishments WHERE id IN (${f.visible.map(() => '?').join(',')})`,
        ...f.visible,
      ).map((r) => Number(r.company_id));
      parts.push(anyOf(companies.map(scopeToken.company)));
    }
    if (f.establishmentId !== undefined) parts.push(quote(scopeToken.establishment(f.establishmentId)));
    if (f.statuses?.length) parts.push(anyOf(f.statuses.map(scopeToken.status)));
    if (f.type) parts.push(quote(scopeToken.type(f.type)));
    if (f.category) parts.push(quote(scopeToken.category(f.category)));
    if (f.authorId !== undefined) parts.push(quote(scopeToken.author(f.authorId)));
    return parts.join(' AND ');
  }

  async inbox(q: InboxQuery): Promise<InboxRecord> {
    if (q.visible !== 'all' && q.visible.length === 0) return { total: { tickets: 0, messages: 0 }, groups: [] };
    const visible = q.visible === 'all' ? '' : `AND establishment_id IN (${q.visible.map((id) => Number(id)).join(',')})`;
    const column = q.by === 'establishment' ? 'establishment_id' : q.by === 'type' ? 'type' : undefined;
    // counted from an index that holds the unread counts: no ticket is read
    const counts = this.all<Row>(
      `SELECT ${column ?? 'NULL'} AS k, count(*) AS tickets, coalesce(sum(unread), 0) AS messages
       FROM ticket_unread INDEXED BY ${column === 'type' ? 'ticket_unread_user_type' : 'ticket_unread_user_establishment'}
       WHERE user_id = ?1 ${visible} ${column ? `GROUP BY ${column}` : ''}`,
      q.viewerId,
    );
    const total = { tickets: 0, messages: 0 };
    const groups: InboxRecord['groups'] = [];
    for (const c of counts) {
      const key = c.k === null ? null : column === 'establishment_id' ? Number(c.k) : String(c.k);
      total.tickets += Number(c.tickets);
      total.messages += Number(c.messages);
      if (Number(c.tickets) === 0) continue;
      const index = column === 'type' ? 'ticket_unread_user_type' : column ? 'ticket_unread_user_establishment' : 'ticket_unread_user';
      const ids = this.all<Row>(
        `SELECT ticket_id FROM ticket_unread INDEXED BY ${index} WHERE user_id = ?1 ${column ? `AND ${column} = ?2` : ''} ${visible}
         ORDER BY updated_at DESC, ticket_id DESC LIMIT ${Math.max(1, Math.min(q.limit, MAX_LIST))}`,
        q.viewerId,
        ...(column ? [key] : []),
      ).map((r) => Number(r.ticket_id));
      groups.push({ key, tickets: Number(c.tickets), messages: Number(c.messages), items: this.ticketsByIds(ids, q.viewerId) });
    }
    return { total, groups };
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

  async insertUpload(
    u: {
      publicId: string;
      userId: number;
      filename: string;
      contentType: string;
      size: number;
      sha256: string;
      data: Uint8Array;
      at: string;
    },
    quota?: UploadQuota,
  ): Promise<AttachmentRecord | { overQuota: true }> {
    return this.transaction(() => {
      if (quota) {
        const pending = this.get<Row>(
          'SELECT count(*) AS n, coalesce(sum(size), 0) AS bytes FROM uploads WHERE message_id IS NULL AND user_id = ?',
          u.userId,
        )!;
        if (Number(pending.n) + 1 > quota.maxCount || Number(pending.bytes) + u.size > quota.maxBytes) return { overQuota: true as const };
      }
      this.run(
        'INSERT INTO uploads (public_id, user_id, filename, content_type, size, sha256, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        u.publicId,
        u.userId,
        u.filename,
        u.contentType,
        u.size,
        u.sha256,
        u.data,
        u.at,
      );
      return { publicId: u.publicId, filename: u.filename, contentType: u.contentType, size: u.size, sha256: u.sha256 };
    });
  }

  async uploadsByPublicId(publicIds: string[]): Promise<PendingUpload[]> {
    if (publicIds.length === 0) return [];
    return this.all<Row>(
      `SELECT id, user_id, message_id, public_id, filename, content_type, size, sha256 FROM uploads WHERE public_id IN (${publicIds.map(() => '?').join(',')})`,
      ...publicIds,
    ).map((r) => ({
      ...toAttachment(r),
      id: Number(r.id),
      userId: Number(r.user_id),
      messageId: r.message_id === null ? null : Number(r.message_id),
    }));
  }

  async attachmentData(ticketId: number, publicId: string): Promise<(AttachmentRecord & { data: Uint8Array }) | undefined> {
    const row = this.get<Row>(
      'SELECT up.* FROM uploads up JOIN messages m ON m.id = up.message_id WHERE m.ticket_id = ? AND up.public_id = ?',
      ticketId,
      publicId,
    );
    return row && { ...toAttachment(row), data: row.data as Uint8Array };
  }

  async deleteStaleUploads(cutoff: string): Promise<number> {
    return Number(this.run('DELETE FROM uploads WHERE message_id IS NULL AND created_at < ?', cutoff).changes);
  }

  /** The viewer's unread row for a ticket, recounted from the messages and read state. */
  private recountUnread(userId: number, ticketId: number): void {
    this.run('DELETE FROM ticket_unread WHERE ticket_id = ? AND user_id = ?', ticketId, userId);
    this.run(unreadRows('t.id = ?1', '?2'), ticketId, userId);
  }

  async markRead(userId: number, ticketId: number, upToMessageId?: number): Promise<number> {
    return this.transaction(() => {
      const changed = Number(
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
      if (changed > 0) this.recountUnread(userId, ticketId);
      return changed;
    });
  }

  async markTicketsRead(userId: number, ticketIds: number[]): Promise<number> {
    if (ticketIds.length === 0) return 0;
    return this.transaction(() => {
      let changed = 0;
      // in slices: SQLite caps the number of bound parameters
      for (let i = 0; i < ticketIds.length; i += 500) {
        const slice = ticketIds.slice(i, i + 500);
        const list = slice.map(() => '?').join(',');
        changed += Number(
          this.run(
            `INSERT INTO message_reads (user_id, message_id)
           SELECT ?, id FROM messages WHERE author_id <> ? AND ticket_id IN (${list})
           ON CONFLICT DO NOTHING`,
            userId,
            userId,
            ...slice,
          ).changes,
        );
        // every message by someone else is read now
        this.run(`DELETE FROM ticket_unread WHERE user_id = ? AND ticket_id IN (${list})`, userId, ...slice);
      }
      return changed;
    });
  }

  async markLatestUnread(userId: number, ticketId: number): Promise<number | undefined> {
    return this.transaction(() => {
      const row = this.get<Row>('SELECT max(id) AS id FROM messages WHERE ticket_id = ? AND author_id <> ?', ticketId, userId);
      if (!row || row.id === null) return undefined;
      if (this.run('DELETE FROM message_reads WHERE user_id = ? AND message_id = ?', userId, Number(row.id)).changes > 0)
        this.recountUnread(userId, ticketId);
      return Number(row.id);
    });
  }

  // ---- contacts ------------------------------------------------------------------------------------------

  async listContacts(companyId: number): Promise<ContactRow[]> {
    return this.all<Row>('SELECT * FROM contacts WHERE company_id = ? ORDER BY id', companyId).map(toContact);
  }

  async getContact(companyId: number, id: number): Promise<ContactRow | undefined> {
    const row = this.get<Row>('SELECT * FROM contacts WHERE company_id = ? AND id = ?', companyId, id);
    return row && toContact(row);
  }

  /** Another contact of the company with this type and name, case aside. */
  private sameNamedContact(companyId: number, c: ContactDraft, exceptId = 0): ContactRow | undefined {
    const row = this.get<Row>(
      'SELECT * FROM contacts WHERE company_id = ? AND type = ? AND name_key = ? AND id <> ?',
      companyId,
      c.type,
      contactNameKey(c.name),
      exceptId,
    );
    return row && toContact(row);
  }

  private insertContactRow(companyId: number, c: ContactDraft, at: string): number {
    return Number(
      this.get<Row>(
        'INSERT INTO contacts (company_id, type, name, name_key, emails, phone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id',
        companyId,
        c.type,
        c.name,
        contactNameKey(c.name),
        JSON.stringify(c.emails),
        c.phone,
        at,
        at,
      )!.id,
    );
  }

  private updateContactRow(id: number, c: ContactDraft, at: string): void {
    this.run(
      'UPDATE contacts SET name = ?, name_key = ?, emails = ?, phone = ?, updated_at = ? WHERE id = ?',
      c.name,
      contactNameKey(c.name),
      JSON.stringify(c.emails),
      c.phone,
      at,
      id,
    );
  }

  async insertContact(companyId: number, c: ContactDraft, at: string): Promise<ContactRow | DuplicateContact> {
    return this.transaction(() => {
      const duplicate = this.sameNamedContact(companyId, c);
      if (duplicate) return { duplicate };
      return toContact(this.get<Row>('SELECT * FROM contacts WHERE id = ?', this.insertContactRow(companyId, c, at))!);
    });
  }

  async updateContact<P>(
    companyId: number,
    id: number,
    decide: (current: ContactRow) => ContactDraft | { problems: P },
    at: string,
  ): Promise<ContactRow | DuplicateContact | { problems: P } | undefined> {
    return this.transaction(() => {
      const row = this.get<Row>('SELECT * FROM contacts WHERE company_id = ? AND id = ?', companyId, id);
      if (!row) return undefined;
      const current = toContact(row);
      const next = decide(current);
      if ('problems' in next) return next;
      const duplicate = this.sameNamedContact(companyId, next, id);
      if (duplicate) return { duplicate };
      const unchanged =
        next.name === current.name && next.phone === current.phone && JSON.stringify(next.emails) === JSON.stringify(current.emails);
      if (unchanged) return current;
      this.updateContactRow(id, next, at);
      return { ...current, ...next, updatedAt: at };
    });
  }

  async deleteContact(companyId: number, id: number): Promise<boolean> {
    return Number(this.run('DELETE FROM contacts WHERE company_id = ? AND id = ?', companyId, id).changes) > 0;
  }

  async applyContacts<R>(
    companyId: number,
    plan: (current: ContactRow[]) => ContactChanges | { refused: R },
    opts: { at: string; dryRun: boolean },
  ): Promise<{ changes: ContactChanges; addedIds: number[] } | { refused: R }> {
    return this.transaction(() => {
      const changes = plan(this.all<Row>('SELECT * FROM contacts WHERE company_id = ? ORDER BY id', companyId).map(toContact));
      if ('refused' in changes) return changes;
      if (opts.dryRun) return { changes, addedIds: [] };
      for (const id of changes.remove) this.run('DELETE FROM contacts WHERE company_id = ? AND id = ?', companyId, id);
      for (const c of changes.change) this.updateContactRow(c.id, c.after, opts.at);
      return { changes, addedIds: changes.add.map((c) => this.insertContactRow(companyId, c, opts.at)) };
    });
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

class UploadTaken extends Error {}

/** The most tickets one read returns: the service's largest page and one more (which says a next page exists). */
const MAX_LIST = 1001;
const MAX_SEARCH_WORDS = 20;
const MAX_SEARCH_TERMS = 32;

/** A ticket as every read returns it; ?1 is the viewer. */
const TICKET_COLUMNS = `t.*, e.siret, e.name AS establishment_name, u.email AS creator_email, u.name AS creator_name,
  ob.name AS on_behalf_of_name, c.mark_read, coalesce(r.unread, 0) AS unread`;
// CROSS JOIN keeps the tables in the order written: the driving table (and its index, which gives the order)
// stays the outer loop whatever the planner's statistics say; the others are looked up by key.
const TICKET_JOINS = `CROSS JOIN establishments e ON e.id = t.establishment_id
  CROSS JOIN companies c ON c.id = e.company_id
  CROSS JOIN users u ON u.id = t.created_by
  LEFT JOIN users ob ON ob.email = t.on_behalf_of AND ob.company_id = e.company_id`;
const UNREAD_JOIN = 'LEFT JOIN ticket_unread r ON r.ticket_id = t.id AND r.user_id = ?1';

/** Newest activity first: updatedAt (RFC 3339 UTC text sorts in time order), then id. */
function byActivity(a: Row, b: Row): number {
  const au = String(a.updated_at);
  const bu = String(b.updated_at);
  return au < bu ? 1 : au > bu ? -1 : Number(b.id) - Number(a.id);
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
    unread: Number(r.unread),
    messageCount: Number(r.message_count),
    markRead: r.mark_read as MarkReadPolicy,
  };
}

function toAttachment(r: Row): AttachmentRecord {
  return {
    publicId: String(r.public_id),
    filename: String(r.filename),
    contentType: String(r.content_type),
    size: Number(r.size),
    sha256: String(r.sha256),
  };
}

function toUser(r: Row): UserRow {
  return {
    id: Number(r.id),
    email: String(r.email),
    name: String(r.name),
    role: r.role as UserRow['role'],
    companyId: r.company_id === null ? null : Number(r.company_id),
    passwordHash: String(r.password_hash),
  };
}

function toEstablishment(r: Row): EstablishmentRow {
  return { id: Number(r.id), companyId: Number(r.company_id), siret: String(r.siret), name: String(r.name) };
}

function toContact(r: Row): ContactRow {
  return {
    id: Number(r.id),
    companyId: Number(r.company_id),
    type: r.type as ContactRow['type'],
    name: String(r.name),
    emails: JSON.parse(String(r.emails)) as string[],
    phone: r.phone === null ? null : String(r.phone),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}

function toToken(r: Row): TokenRow {
  return {
    id: Number(r.id),
    userId: Number(r.user_id),
    kind: r.kind as TokenKind,
    name: String(r.name),
    tokenHash: String(r.token_hash),
    prefix: String(r.prefix),
    scopes: JSON.parse(String(r.scopes)) as string[],
    createdAt: String(r.created_at),
    expiresAt: String(r.expires_at),
    lastUsedAt: r.last_used_at === null ? null : String(r.last_used_at),
    revokedAt: r.revoked_at === null ? null : String(r.revoked_at),
  };
}
