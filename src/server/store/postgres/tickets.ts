import type { Status } from '../../../core/lifecycle.ts';
import { statusChangeKind } from '../shared.ts';
import type {
  Idempotency,
  ImportedTicket,
  InboxQuery,
  InboxRecord,
  MarkReadPolicy,
  MessageRecord,
  NewMessageRecord,
  NewTicketRecord,
  ReadStateStore,
  TicketFilter,
  TicketRecord,
  TicketStore,
  WriteResult,
} from '../store.ts';
import { type PgDatabase, type Queryable, RollbackWith, type Row } from './database.ts';
import { unreadRows } from './derived.ts';
import { insertEvent } from './notifications.ts';
import { toAttachment } from './uploads.ts';

/** The users a new message of a ticket of establishment `est` is unread for: agents and the establishment's administrators. */
const viewersOf = (est: string) =>
  `(SELECT id FROM users WHERE role = 'agent' UNION SELECT user_id FROM memberships WHERE role = 'admin' AND establishment_id = ${est})`;

/** The most tickets one read returns: the service's largest page and one more (which says a next page exists). */
const MAX_LIST = 1001;

const UPLOAD_TAKEN = { refused: 'an attachment was already used by another message; upload it again' } as const;

/**
 * A ticket's new status (parameter `status`) at a time (parameter `at`), in an UPDATE of tickets: the activity
 * moves, the resolution and closing times follow the status, and a ticket is "closed automatically" only while
 * the auto-close's closing stands.
 */
const statusChange = (status: string, at: string) => `status = ${status}::text, updated_at = ${at}::timestamptz,
  resolved_at = CASE WHEN ${status}::text = 'resolved' THEN coalesce(CASE WHEN status = 'resolved' THEN resolved_at END, ${at}::timestamptz) END,
  closed_at = CASE WHEN ${status}::text = 'closed' THEN coalesce(closed_at, ${at}::timestamptz) END,
  auto_closed = (status = 'closed' AND ${status}::text = 'closed' AND auto_closed)`;

/**
 * Tickets, messages and read state on PostgreSQL, for several instances at once. Each write is one READ
 * COMMITTED transaction that:
 * - claims its idempotency key first (INSERT … ON CONFLICT DO NOTHING on the key's primary key): a second
 *   request with the same key, on any instance, waits for the first to commit and answers with its result;
 * - locks the ticket it changes (SELECT … FOR UPDATE) before deciding its next status, so replies, status changes
 *   and the auto-close of one ticket take turns;
 * - for `dedupe`, takes a transaction advisory lock on (establishment, type, summary) before looking for the
 *   ticket to reply to, so two identical reports at once make one ticket;
 * - attaches uploads only if none was attached meanwhile (all of them, or the transaction rolls back).
 */
export class PgTicketStore implements TicketStore, ReadStateStore {
  private readonly db: PgDatabase;

  constructor(db: PgDatabase) {
    this.db = db;
  }

  /**
   * Claims an idempotency key for this transaction, or returns what the key already did. The INSERT waits for a
   * transaction holding the same key to end, so what it finds is committed.
   */
  private async claimKey(
    tx: Queryable,
    userId: number,
    idem: Idempotency | undefined,
    at: string,
  ): Promise<{ ticketId: number; messageId: number | null; conflict: boolean } | undefined> {
    if (!idem) return undefined;
    const claimed = await tx.one(
      `INSERT INTO idempotency_keys (user_id, key, fingerprint, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
      [userId, idem.key, idem.fingerprint, at],
    );
    if (claimed) return undefined;
    const row = (await tx.one('SELECT fingerprint, ticket_id, message_id FROM idempotency_keys WHERE user_id = $1 AND key = $2', [
      userId,
      idem.key,
    ]))!;
    return {
      ticketId: Number(row.ticket_id),
      messageId: row.message_id === null ? null : Number(row.message_id),
      conflict: row.fingerprint !== idem.fingerprint,
    };
  }

  private async attachUploads(tx: Queryable, messageId: number, uploadIds: number[]): Promise<void> {
    if (uploadIds.length === 0) return;
    const attached = await tx.run('UPDATE uploads SET message_id = $1 WHERE message_id IS NULL AND id = ANY($2::bigint[])', [
      messageId,
      uploadIds,
    ]);
    // another request attached one of them first: undo everything rather than attach half
    if (attached !== uploadIds.length) throw new RollbackWith(UPLOAD_TAKEN);
  }

  /**
   * A reply in one statement: the message, and the ticket's new status, activity, count and search document (one
   * new version of the ticket's row); one more unread message for everyone else who sees the ticket, and the
   * ticket's unread rows moved to its new activity; the idempotency key, when there is one, points to the message.
   */
  private async insertReply(
    tx: Queryable,
    r: { ticketId: number; authorId: number; body: string; at: string; status: Status; idempotency?: Idempotency },
  ): Promise<number> {
    const row = await tx.one(
      `WITH m AS (INSERT INTO messages (ticket_id, author_id, body, created_at) VALUES ($1, $2, $3, $4) RETURNING id),
         t AS (UPDATE tickets SET ${statusChange('$6', '$4')}, message_count = message_count + 1, search = search || to_tsvector('tix_search', $5)
               WHERE id = $1 RETURNING establishment_id, type),
         u AS (INSERT INTO ticket_unread (ticket_id, user_id, establishment_id, type, updated_at, unread)
               SELECT $1, v.id, t.establishment_id, t.type, $4, 1 FROM t CROSS JOIN LATERAL ${viewersOf('t.establishment_id')} v(id) WHERE v.id <> $2
               ON CONFLICT (ticket_id, user_id) DO UPDATE SET unread = ticket_unread.unread + 1, updated_at = excluded.updated_at),
         own AS (UPDATE ticket_unread SET updated_at = $4 WHERE ticket_id = $1 AND user_id = $2),
         k AS (UPDATE idempotency_keys SET ticket_id = $1, message_id = (SELECT id FROM m) WHERE user_id = $2 AND key = $7)
       SELECT id FROM m`,
      [r.ticketId, r.authorId, r.body, r.at, searchText(r.body), r.status, r.idempotency?.key ?? null],
    );
    return Number(row!.id);
  }

  /** A new status moves the ticket's activity, and its unread rows with it. */
  private async updateStatus(tx: Queryable, ticketId: number, status: Status, at: string): Promise<void> {
    await tx.query(
      `WITH t AS (UPDATE tickets SET ${statusChange('$2', '$3')} WHERE id = $1)
       UPDATE ticket_unread SET updated_at = $3 WHERE ticket_id = $1`,
      [ticketId, status, at],
    );
  }

  async createTicket(t: NewTicketRecord): Promise<WriteResult<'ticketId'>> {
    return this.db.transaction<WriteResult<'ticketId'>>(async (tx) => {
      const previous = await this.claimKey(tx, t.createdById, t.idempotency, t.at);
      if (previous?.conflict) throw new RollbackWith({ conflict: 'idempotency' as const, ticketId: previous.ticketId });
      if (previous) return { ticketId: previous.ticketId, replayed: true, deduplicated: previous.messageId !== null };
      if (t.dedupe) {
        // identical reports take turns from here to commit; different ones do not wait for each other
        await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
          `dedupe\n${t.establishmentId}\n${t.type}\n${t.summary.trim().toLowerCase()}`,
        ]);
        const same = await tx.one(
          `SELECT id, status FROM tickets WHERE establishment_id = $1 AND type = $2 AND status = ANY($3::text[])
           AND lower(btrim(summary)) = lower(btrim($4)) ORDER BY updated_at DESC, id DESC LIMIT 1 FOR UPDATE`,
          [t.establishmentId, t.type, t.dedupe.among, t.summary],
        );
        const next = same && t.dedupe.replyStatus(same.status as Status);
        if (same && typeof next === 'string') {
          const ticketId = Number(same.id);
          const messageId = await this.insertReply(tx, {
            ticketId,
            authorId: t.createdById,
            body: t.description,
            at: t.at,
            status: next,
            idempotency: t.idempotency,
          });
          await this.attachUploads(tx, messageId, t.uploadIds);
          await insertEvent(tx, { ticketId, kind: 'reply', actorId: t.createdById, status: next, at: t.at });
          return { ticketId, replayed: false, deduplicated: true };
        }
      }
      // the ticket, its first message and the key in one statement: one round trip, one version of each row
      const row = await tx.one(
        `WITH t AS (
           INSERT INTO tickets (establishment_id, created_by, on_behalf_of, type, category, summary, fields, status, follow_up_of,
             created_at, updated_at, message_count, search)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'sent', $8, $9, $9, 1, to_tsvector('tix_search', $10)) RETURNING id),
         m AS (INSERT INTO messages (ticket_id, author_id, body, created_at) SELECT id, $2, $11, $9 FROM t RETURNING id, ticket_id),
         u AS (INSERT INTO ticket_unread (ticket_id, user_id, establishment_id, type, updated_at, unread)
               SELECT t.id, v.id, $1, $4, $9, 1 FROM t CROSS JOIN LATERAL ${viewersOf('$1')} v(id) WHERE v.id <> $2),
         k AS (UPDATE idempotency_keys SET ticket_id = (SELECT id FROM t) WHERE user_id = $2 AND key = $12)
       SELECT ticket_id, id AS message_id FROM m`,
        [
          t.establishmentId,
          t.createdById,
          t.onBehalfOf,
          t.type,
          t.category,
          t.summary,
          JSON.stringify(t.fields),
          t.followUpOf,
          t.at,
          `${searchText(t.summary)} ${searchText(t.description)}`,
          t.description,
          t.idempotency?.key ?? null,
        ],
      );
      const ticketId = Number(row!.ticket_id);
      await this.attachUploads(tx, Number(row!.message_id), t.uploadIds);
      await insertEvent(tx, {
        ticketId,
        kind: t.followUpOf === null ? 'created' : 'follow-up',
        actorId: t.createdById,
        status: 'sent',
        at: t.at,
      });
      return { ticketId, replayed: false };
    });
  }

  /**
   * Bulk load: tickets with their conversations and read state, written as given, one transaction per batch,
   * each table in one statement per batch (arrays unnested); returns how many.
   */
  async importTickets(batches: Iterable<ImportedTicket[]>, onBatch?: (imported: number) => void): Promise<number> {
    let imported = 0;
    for (const batch of batches) {
      await this.db.transaction(async (tx) => {
        const nextIds = async (table: string, n: number) =>
          (await tx.query(`SELECT nextval(pg_get_serial_sequence('${table}', 'id')) AS id FROM generate_series(1, $1)`, [n])).map((r) =>
            Number(r.id),
          );
        const ticketIds = await nextIds('tickets', batch.length);
        await tx.query(
          `INSERT INTO tickets (id, establishment_id, created_by, type, category, summary, fields, status, created_at, updated_at,
             resolved_at, closed_at, message_count, search)
           SELECT id, est, creator, type, category, summary, fields, status, created_at, updated_at, resolved_at, closed_at, messages,
             to_tsvector('tix_search', text)
           FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::json[], $8::text[],
             $9::timestamptz[], $10::timestamptz[], $11::timestamptz[], $12::timestamptz[], $13::int[], $14::text[])
             AS t(id, est, creator, type, category, summary, fields, status, created_at, updated_at, resolved_at, closed_at, messages, text)`,
          [
            ticketIds,
            batch.map((t) => t.establishmentId),
            batch.map((t) => t.createdById),
            batch.map((t) => t.type),
            batch.map((t) => t.category),
            batch.map((t) => t.summary),
            batch.map((t) => JSON.stringify(t.fields)),
            batch.map((t) => t.status),
            batch.map((t) => t.createdAt),
            batch.map((t) => t.updatedAt),
            batch.map((t) => t.resolvedAt),
            batch.map((t) => t.closedAt),
            batch.map((t) => t.messages.length),
            batch.map((t) => [t.summary, ...t.messages.map((m) => m.body)].map(searchText).join(' ')),
          ],
        );
        const messageIds = await nextIds(
          'messages',
          batch.reduce((n, t) => n + t.messages.length, 0),
        );
        const rows = batch.flatMap((t, i) => t.messages.map((m) => ({ ...m, ticketId: ticketIds[i]! })));
        await tx.query(
          `INSERT INTO messages (id, ticket_id, author_id, body, created_at)
           SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::timestamptz[])`,
          [messageIds, rows.map((m) => m.ticketId), rows.map((m) => m.authorId), rows.map((m) => m.body), rows.map((m) => m.createdAt)],
        );
        const reads: Array<[number, number]> = [];
        let first = 0;
        for (const t of batch) {
          for (const r of t.readUpTo)
            for (let i = 0; i < Math.min(r.messages, t.messages.length); i++)
              if (t.messages[i]!.authorId !== r.userId) reads.push([r.userId, messageIds[first + i]!]);
          first += t.messages.length;
        }
        await tx.query('INSERT INTO message_reads (user_id, message_id) SELECT * FROM unnest($1::bigint[], $2::bigint[])', [
          reads.map((r) => r[0]),
          reads.map((r) => r[1]),
        ]);
        // the derived rows of the batch, with the same SQL as the migration that introduced them
        await tx.query(unreadRows('t.id = ANY($1::bigint[])'), [ticketIds]);
      });
      imported += batch.length;
      onBatch?.(imported);
    }
    // statistics for the planner (which words are rare) and the visibility map (index-only counts) right away,
    // rather than when autovacuum comes by
    await this.db.query('VACUUM (ANALYZE) tickets, messages, message_reads, ticket_unread');
    return imported;
  }

  async addMessage(m: NewMessageRecord): Promise<WriteResult<'messageId'>> {
    return this.db.transaction<WriteResult<'messageId'>>(async (tx) => {
      const previous = await this.claimKey(tx, m.authorId, m.idempotency, m.at);
      if (previous && (previous.conflict || previous.ticketId !== m.ticketId || previous.messageId === null))
        throw new RollbackWith({ conflict: 'idempotency' as const, ticketId: previous.ticketId });
      if (previous) return { messageId: previous.messageId!, replayed: true };
      const row = await tx.one('SELECT status FROM tickets WHERE id = $1 FOR UPDATE', [m.ticketId]);
      if (!row) throw new RollbackWith({ refused: 'no such ticket' });
      const next = m.nextStatus(row.status as Status);
      if (typeof next !== 'string') throw new RollbackWith(next);
      const messageId = await this.insertReply(tx, { ...m, status: next });
      await this.attachUploads(tx, messageId, m.uploadIds);
      await insertEvent(tx, { ticketId: m.ticketId, kind: 'reply', actorId: m.authorId, status: next, at: m.at });
      return { messageId, replayed: false };
    });
  }

  async changeStatus(
    ticketId: number,
    decide: (current: Status) => Status | { refused: string },
    at: string,
    actorId?: number,
  ): Promise<{ status: Status } | { refused: string }> {
    return this.db.transaction(async (tx) => {
      const row = await tx.one('SELECT status FROM tickets WHERE id = $1 FOR UPDATE', [ticketId]);
      if (!row) return { refused: 'no such ticket' };
      const next = decide(row.status as Status);
      if (typeof next !== 'string') return next;
      if (next !== row.status) await this.updateStatus(tx, ticketId, next, at);
      const kind = statusChangeKind(row.status as Status, next);
      if (kind) await insertEvent(tx, { ticketId, kind, actorId: actorId ?? null, status: next, at });
      return { status: next };
    });
  }

  async closeResolvedBefore(cutoff: string, at: string, limit: number): Promise<number[]> {
    // SKIP LOCKED: instances sweeping at once take disjoint tickets; a ticket being replied to is left for the
    // next sweep, which finds it reopened or still resolved
    // the closings and their notification events commit together
    const rows = await this.db.query(
      `WITH closed AS (
         UPDATE tickets SET status = 'closed', closed_at = $1, auto_closed = true
         WHERE id IN (
           SELECT id FROM tickets WHERE status = 'resolved' AND resolved_at <= $2 ORDER BY resolved_at LIMIT $3 FOR UPDATE SKIP LOCKED
         ) AND status = 'resolved'
         RETURNING id
       ), told AS (
         INSERT INTO notification_events (ticket_id, kind, actor_id, status, at, next_attempt_at)
         SELECT id, 'auto-closed', NULL, 'closed', $1, $1 FROM closed
       )
       SELECT id FROM closed`,
      [at, cutoff, limit],
    );
    return rows.map((r) => Number(r.id));
  }

  /**
   * A ticket as every read returns it, $1 being the viewer. `from` drives the read: tickets (t) with the viewer's
   * unread row (r) looked up, or the viewer's unread rows (r) with their tickets.
   */
  private ticketSelect(where: string, order = '', from = UNREAD_LOOKUP): string {
    return `SELECT t.id, t.establishment_id, t.created_by, t.on_behalf_of, t.type, t.category, t.summary, t.fields, t.status,
        t.follow_up_of, t.created_at, t.updated_at, t.resolved_at, t.closed_at, t.auto_closed, t.message_count,
        e.siret, e.name AS establishment_name, u.email AS creator_email, u.name AS creator_name, ob.name AS on_behalf_of_name, c.mark_read,
        coalesce(r.unread, 0) AS unread
      FROM ${from}
      JOIN establishments e ON e.id = t.establishment_id
      JOIN companies c ON c.id = e.company_id
      JOIN users u ON u.id = t.created_by
      LEFT JOIN users ob ON ob.email = t.on_behalf_of AND ob.company_id = e.company_id
      WHERE ${where} ${order}`;
  }

  async getTicket(id: number, viewerId: number): Promise<TicketRecord | undefined> {
    const row = await this.db.one(this.ticketSelect('t.id = $2'), [viewerId, id]);
    return row && toTicket(row);
  }

  async followUpsOf(ticketId: number): Promise<Array<{ id: number; establishmentId: number }>> {
    const rows = await this.db.query('SELECT id, establishment_id FROM tickets WHERE follow_up_of = $1 ORDER BY id', [ticketId]);
    return rows.map((r) => ({ id: Number(r.id), establishmentId: Number(r.establishment_id) }));
  }

  /** Tickets by id, in the order given. */
  private async ticketsByIds(ids: number[], viewerId: number): Promise<TicketRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.query(this.ticketSelect('t.id = ANY($2::bigint[])'), [viewerId, ids]);
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    return ids.flatMap((id) => (byId.has(id) ? [toTicket(byId.get(id)!)] : []));
  }

  /**
   * Newest activity first, walking an index in that order and stopping after the page: --unread walks the
   * viewer's unread rows (which carry the ticket's establishment, type and activity), anything else walks
   * tickets by activity, or the search index's few matches for a rare word (the planner decides).
   */
  async listTickets(f: TicketFilter): Promise<TicketRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [f.viewerId];
    // $1 is the viewer; each filter's values follow
    const add = (sql: string, ...values: unknown[]) => where.push(sql.replace(/\?/g, () => `$${params.push(values.shift())}`));
    if (f.visible !== 'all') {
      if (f.visible.length === 0) return [];
      add('t.establishment_id = ANY(?::bigint[])', f.visible);
    }
    if (f.statuses?.length) add('t.status = ANY(?::text[])', f.statuses);
    if (f.type) add('t.type = ?', f.type);
    if (f.category) add('t.category = ?', f.category);
    if (f.establishmentId !== undefined) add('t.establishment_id = ?', f.establishmentId);
    if (f.authorId !== undefined) add('t.created_by = ?', f.authorId);
    if (f.since) add('t.updated_at >= ?', f.since);
    if (f.search !== undefined) {
      const query = tsQuery(f.search);
      // a search made only of punctuation matches nothing (rather than everything)
      if (query === undefined) return [];
      add("t.search @@ to_tsquery('tix_search', ?)", query);
    }
    const limit = Math.max(1, Math.min(f.limit, MAX_LIST));
    if (f.unreadOnly) {
      // the unread row's copies of the ticket's establishment, type and activity: the index gives the order
      const unread = where.map((w) => w.replace(/^t\.(establishment_id|type|updated_at) /, 'r.$1 '));
      if (f.before)
        unread.push(`(r.updated_at, r.ticket_id) < ($${params.push(f.before.updatedAt)}::timestamptz, $${params.push(f.before.id)})`);
      const sql = this.ticketSelect(
        ['r.user_id = $1', ...unread].join(' AND '),
        `ORDER BY r.updated_at DESC, r.ticket_id DESC LIMIT ${limit}`,
        'ticket_unread r JOIN tickets t ON t.id = r.ticket_id',
      );
      return (await this.db.query(sql, params)).map(toTicket);
    }
    if (f.before) add('(t.updated_at, t.id) < (?::timestamptz, ?)', f.before.updatedAt, f.before.id);
    const sql = this.ticketSelect(where.length ? where.join(' AND ') : 'true', `ORDER BY t.updated_at DESC, t.id DESC LIMIT ${limit}`);
    return (await this.db.query(sql, params)).map(toTicket);
  }

  /** Three round trips whatever the number of groups: the counts, the newest ids of every group, their tickets. */
  async inbox(q: InboxQuery): Promise<InboxRecord> {
    if (q.visible !== 'all' && q.visible.length === 0) return { total: { tickets: 0, messages: 0 }, groups: [] };
    const params: unknown[] = [q.viewerId];
    const visible = q.visible === 'all' ? '' : `AND establishment_id = ANY($${params.push(q.visible)}::bigint[])`;
    const column = q.by === 'establishment' ? 'establishment_id' : q.by === 'type' ? 'type' : undefined;
    // counted from the unread rows' indexes: no ticket is read
    const counts = await this.db.query(
      `SELECT ${column ?? 'NULL'} AS k, count(*) AS tickets, coalesce(sum(unread), 0) AS messages
       FROM ticket_unread WHERE user_id = $1 ${visible} ${column ? `GROUP BY ${column}` : ''}`,
      params,
    );
    const keyOf = (k: unknown) => (k === null ? null : column === 'establishment_id' ? Number(k) : String(k));
    const present = counts.filter((c) => Number(c.tickets) > 0);
    const limit = Math.max(1, Math.min(q.limit, MAX_LIST));
    // the newest `limit` of each group, each group walking its own part of the index
    const newest = column
      ? await this.db.query(
          `SELECT g.k, x.ticket_id FROM unnest($${params.length + 1}::${column === 'type' ? 'text' : 'bigint'}[]) WITH ORDINALITY AS g(k, n)
           CROSS JOIN LATERAL (SELECT ticket_id, updated_at FROM ticket_unread WHERE user_id = $1 ${visible} AND ${column} = g.k
             ORDER BY updated_at DESC, ticket_id DESC LIMIT ${limit}) x
           ORDER BY g.n, x.updated_at DESC, x.ticket_id DESC`,
          [...params, present.map((c) => c.k)],
        )
      : present.length
        ? await this.db.query(
            `SELECT NULL AS k, ticket_id FROM ticket_unread WHERE user_id = $1 ${visible} ORDER BY updated_at DESC, ticket_id DESC LIMIT ${limit}`,
            params,
          )
        : [];
    const tickets = new Map(
      (
        await this.ticketsByIds(
          newest.map((r) => Number(r.ticket_id)),
          q.viewerId,
        )
      ).map((t) => [t.id, t]),
    );
    const total = { tickets: 0, messages: 0 };
    for (const c of counts) {
      total.tickets += Number(c.tickets);
      total.messages += Number(c.messages);
    }
    return {
      total,
      groups: present.map((c) => ({
        key: keyOf(c.k),
        tickets: Number(c.tickets),
        messages: Number(c.messages),
        items: newest
          .filter((r) => keyOf(r.k) === keyOf(c.k))
          .flatMap((r) => (tickets.has(Number(r.ticket_id)) ? [tickets.get(Number(r.ticket_id))!] : [])),
      })),
    };
  }

  async ticketMessages(ticketId: number, viewerId: number): Promise<MessageRecord[]> {
    const rows = await this.db.query(
      `SELECT m.id, m.ticket_id, m.author_id, m.body, m.created_at, u.email, u.name, u.role,
         (m.author_id <> $1 AND NOT EXISTS (SELECT 1 FROM message_reads r WHERE r.user_id = $1 AND r.message_id = m.id)) AS unread
       FROM messages m JOIN users u ON u.id = m.author_id WHERE m.ticket_id = $2 ORDER BY m.id`,
      [viewerId, ticketId],
    );
    const files = await this.db.query(
      `SELECT up.message_id, up.public_id, up.filename, up.content_type, up.size, up.sha256 FROM uploads up
       JOIN messages m ON m.id = up.message_id WHERE m.ticket_id = $1 ORDER BY up.id`,
      [ticketId],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      ticketId: Number(r.ticket_id),
      authorId: Number(r.author_id),
      authorEmail: String(r.email),
      authorName: String(r.name),
      authorIsAgent: r.role === 'agent',
      unread: r.unread === true,
      body: String(r.body),
      createdAt: String(r.created_at),
      attachments: files.filter((f) => Number(f.message_id) === Number(r.id)).map(toAttachment),
    }));
  }

  // Read state changes take the ticket's row in share mode: no message comes in (replies lock it for update)
  // while the viewer's unread row is recounted, so the count is exact; readers of other tickets never wait.

  /** The viewer's unread row for a ticket, recounted from the messages and read state. */
  private async recountUnread(tx: Queryable, userId: number, ticketId: number): Promise<void> {
    await tx.query('DELETE FROM ticket_unread WHERE ticket_id = $1 AND user_id = $2', [ticketId, userId]);
    await tx.query(`${unreadRows('t.id = $1', '$2')} ON CONFLICT (ticket_id, user_id) DO UPDATE SET unread = excluded.unread`, [
      ticketId,
      userId,
    ]);
  }

  async markRead(userId: number, ticketId: number, upToMessageId?: number): Promise<number> {
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT 1 FROM tickets WHERE id = $1 FOR SHARE', [ticketId]);
      const changed = await tx.run(
        `INSERT INTO message_reads (user_id, message_id)
         SELECT $1, id FROM messages WHERE ticket_id = $2 AND author_id <> $1 AND id <= $3
         ON CONFLICT DO NOTHING`,
        [userId, ticketId, upToMessageId ?? Number.MAX_SAFE_INTEGER],
      );
      if (changed > 0) await this.recountUnread(tx, userId, ticketId);
      return changed;
    });
  }

  async markTicketsRead(userId: number, ticketIds: number[]): Promise<number> {
    if (ticketIds.length === 0) return 0;
    return this.db.transaction(async (tx) => {
      // in id order: two bulk reads at once take the rows in the same order
      await tx.query('SELECT 1 FROM tickets WHERE id = ANY($1::bigint[]) ORDER BY id FOR SHARE', [ticketIds]);
      const changed = await tx.run(
        `INSERT INTO message_reads (user_id, message_id)
         SELECT $1, id FROM messages WHERE author_id <> $1 AND ticket_id = ANY($2::bigint[])
         ON CONFLICT DO NOTHING`,
        [userId, ticketIds],
      );
      // every message by someone else is read now
      await tx.query('DELETE FROM ticket_unread WHERE user_id = $1 AND ticket_id = ANY($2::bigint[])', [userId, ticketIds]);
      return changed;
    });
  }

  async markLatestUnread(userId: number, ticketId: number): Promise<number | undefined> {
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT 1 FROM tickets WHERE id = $1 FOR SHARE', [ticketId]);
      const row = await tx.one('SELECT max(id) AS id FROM messages WHERE ticket_id = $1 AND author_id <> $2', [ticketId, userId]);
      if (!row || row.id === null) return undefined;
      if ((await tx.run('DELETE FROM message_reads WHERE user_id = $1 AND message_id = $2', [userId, Number(row.id)])) > 0)
        await this.recountUnread(tx, userId, ticketId);
      return Number(row.id);
    });
  }
}

/**
 * The text the index sees: lower case (in JavaScript, whatever the database's locale), every run of characters
 * that are not letters or digits a space. The parser then finds exactly the words SQLite's tokenizer finds, and
 * tix_search folds their accents (unaccent).
 */
export function searchText(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ');
}

/** As on SQLite: at most this many words, and the words that give this many terms. */
const MAX_SEARCH_WORDS = 20;
const MAX_SEARCH_TERMS = 32;

/**
 * Keywords to a tsquery for to_tsquery('tix_search', …), the same matches as SQLite's (sqlite/tickets.ts): every
 * word required; within a word (split where the text has anything but letters and digits: "jean-pie",
 * "l'école"), every piece but the last a whole word and the last a prefix. Only letters and digits reach the
 * query, so nothing typed can be read as tsquery syntax. Undefined when no word is left.
 */
export function tsQuery(words: string): string | undefined {
  const terms: string[] = [];
  for (const word of words
    .replace(/\p{Co}/gu, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, MAX_SEARCH_WORDS)) {
    const pieces = searchText(word).trim().split(' ').filter(Boolean);
    if (pieces.length === 0) continue;
    terms.push(...pieces.slice(0, -1), `${pieces.at(-1)}:*`);
    if (terms.length >= MAX_SEARCH_TERMS) break;
  }
  return terms.length ? terms.join(' & ') : undefined;
}

/** tickets with the viewer's ($1) unread row, when there is one */
const UNREAD_LOOKUP = 'tickets t LEFT JOIN ticket_unread r ON r.ticket_id = t.id AND r.user_id = $1';

function toTicket(r: Row): TicketRecord {
  return {
    id: Number(r.id),
    establishmentId: Number(r.establishment_id),
    siret: String(r.siret),
    establishmentName: String(r.establishment_name),
    createdById: Number(r.created_by),
    creatorEmail: String(r.creator_email),
    creatorName: String(r.creator_name),
    onBehalfOf: r.on_behalf_of ?? null,
    onBehalfOfName: r.on_behalf_of_name ?? null,
    type: String(r.type),
    category: String(r.category),
    summary: String(r.summary),
    fields: r.fields,
    status: r.status as Status,
    followUpOf: r.follow_up_of === null ? null : Number(r.follow_up_of),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    resolvedAt: r.resolved_at ?? null,
    closedAt: r.closed_at ?? null,
    autoClosed: r.auto_closed === true,
    unread: Number(r.unread),
    messageCount: Number(r.message_count),
    markRead: r.mark_read as MarkReadPolicy,
  };
}
