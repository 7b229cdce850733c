import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { sqliteMigrations, type Migration } from './sqlite-migrations.ts';
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
 * interleaving: a method that writes several rows wraps them in one transaction and is atomic.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly db: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new DatabaseSync(path);
    // WAL keeps readers off writers' backs; NORMAL sync is durable across a process crash (kill -9),
    // which is what a server needs; only a power cut can lose the last commits.
    if (path !== ':memory:') this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
    this.db.exec('PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
    migrate(this.db, sqliteMigrations);
  }

  async close(): Promise<void> {
    if (this.db.isOpen) this.db.close();
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

  /** Runs fn in one IMMEDIATE transaction; any throw rolls everything back. */
  protected transaction<T>(fn: () => T): T {
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
    this.run('UPDATE tokens SET last_used_at = ? WHERE id = ?', at, id);
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
            const messageId = this.insertMessage(ticketId, t.createdById, t.description, t.at);
            this.attachUploads(messageId, t.uploadIds);
            this.updateStatus(ticketId, next, t.at);
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
      if (next !== row.status) this.updateStatus(ticketId, next, at);
      return { status: next };
    });
  }

  async closeResolvedBefore(cutoff: string, at: string): Promise<number> {
    return Number(
      this.run("UPDATE tickets SET status = 'closed', closed_at = ? WHERE status = 'resolved' AND resolved_at <= ?", at, cutoff).changes,
    );
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
      add(`t.establishment_id IN (${f.visible.map(() => '?').join(',')})`, ...f.visible);
    }
    if (f.statuses?.length) add(`t.status IN (${f.statuses.map(() => '?').join(',')})`, ...f.statuses);
    if (f.type) add('t.type = ?', f.type);
    if (f.category) add('t.category = ?', f.category);
    if (f.establishmentId !== undefined) add('t.establishment_id = ?', f.establishmentId);
    if (f.authorId !== undefined) add('t.created_by = ?', f.authorId);
    if (f.since) add('t.updated_at >= ?', f.since);
    if (f.match) add('t.id IN (SELECT ticket_id FROM ticket_text WHERE ticket_text MATCH ?)', f.match);
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
