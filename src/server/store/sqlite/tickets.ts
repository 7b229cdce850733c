import type { SQLInputValue } from 'node:sqlite';
import type { FieldValues } from '../../../core/catalog.ts';
import type { Status } from '../../../core/lifecycle.ts';
import { statusChangeKind } from '../shared.ts';
import type {
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
import { placeholders, type Row, type SqliteDatabase } from './database.ts';
import {
  indexTickets,
  LEARN_INDEXED_TERMS,
  MAX_EXPANSION,
  searchKeyOf,
  scopeToken,
  secondKeyOf,
  TERMS_INCOMPLETE,
  unreadRows,
} from './derived.ts';
import { insertEvent } from './notifications.ts';
import { toAttachment } from './uploads.ts';

/**
 * Tickets, messages and read state on SQLite, with what they derive for search, the inbox and lists at scale
 * (derived.ts). One writer at a time (the process); writes join the open group of writes (database.ts).
 */
export class SqliteTicketStore implements TicketStore, ReadStateStore {
  private readonly sql: SqliteDatabase;

  /**
   * Tickets whose search document is written when the group of writes commits, with the activity they are
   * indexed under now (null: not indexed yet). FTS5 writes what it holds as a new segment of the index at every
   * savepoint, that is at every request of a group: written together at the commit, a group's documents make
   * one segment, and the index merges a sixteenth as many. Rebuilt from the tickets table then, so that a
   * request rolled back leaves nothing wrong: its ticket is gone, or indexed again as it is.
   */
  private readonly unindexed = new Map<number, string | null>();

  constructor(sql: SqliteDatabase) {
    this.sql = sql;
    this.completeTerms();
    sql.beforeCommit(() => this.indexChanged());
  }

  /** A ticket's search document is to be rewritten at the commit (read before the change: the key it has now). */
  private searchDocumentChanges(ticketId: number, isNew = false): void {
    if (this.unindexed.has(ticketId)) return;
    const indexedAt = isNew ? null : (this.get<Row>('SELECT updated_at FROM tickets WHERE id = ?', ticketId)?.updated_at ?? null);
    this.unindexed.set(ticketId, indexedAt === null ? null : String(indexedAt));
  }

  /** The search documents of the tickets changed since the last commit, out of the index under their old key, in under the new. */
  private indexChanged(): void {
    if (this.unindexed.size === 0) return;
    const changed = [...this.unindexed];
    this.unindexed.clear();
    for (const [id, indexedAt] of changed)
      if (indexedAt !== null) this.run(`DELETE FROM ticket_search WHERE rowid = ${searchKeyOf('?1', '?2')}`, indexedAt, id);
    this.run(indexTickets('t.id IN (SELECT value FROM json_each(?))'), JSON.stringify(changed.map(([id]) => id)));
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

  private flush(): Promise<void> {
    return this.sql.flush();
  }

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
            const messageId = this.reindexing(ticketId, () => {
              const id = this.insertMessage(ticketId, t.createdById, t.description, t.at);
              this.updateStatus(ticketId, next, t.at);
              return id;
            });
            this.attachUploads(messageId, t.uploadIds);
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
        this.learnTerms(t.summary);
        const messageId = this.insertMessage(ticketId, t.createdById, t.description, t.at);
        this.attachUploads(messageId, t.uploadIds);
        this.searchDocumentChanges(ticketId, true);
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
      this.sql.db.exec(LEARN_INDEXED_TERMS);
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
    this.searchDocumentChanges(ticketId);
    const result = change();
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
      if (next !== row.status) this.reindexing(ticketId, () => this.updateStatus(ticketId, next, at));
      const kind = statusChangeKind(row.status as Status, next);
      if (kind) insertEvent(this.sql, { ticketId, kind, actorId: actorId ?? null, status: next, at });
      return { status: next };
    });
  }

  async closeResolvedBefore(cutoff: string, at: string, limit: number): Promise<number[]> {
    // one writer at a time on SQLite: reading the due tickets and closing them in one transaction is the claim
    return this.transaction(() => {
      const due = this.all<Row>(
        "SELECT id FROM tickets WHERE status = 'resolved' AND resolved_at <= ? ORDER BY resolved_at LIMIT ?",
        cutoff,
        limit,
      ).map((r) => Number(r.id));
      // the activity does not change, the status token of the search document does
      for (const id of due)
        this.reindexing(id, () => this.run("UPDATE tickets SET status = 'closed', closed_at = ?, auto_closed = 1 WHERE id = ?", at, id));
      // each closing and its notification event commit together
      for (const ticketId of due) insertEvent(this.sql, { ticketId, kind: 'auto-closed', actorId: null, status: 'closed', at });
      return due;
    });
  }

  async getTicket(id: number, viewerId: number): Promise<TicketRecord | undefined> {
    const row = this.get<Row>(`SELECT ${TICKET_COLUMNS} FROM tickets t ${TICKET_JOINS} ${UNREAD_JOIN} WHERE t.id = ?2`, viewerId, id);
    return row && toTicket(row);
  }

  async followUpsOf(ticketId: number): Promise<Array<{ id: number; establishmentId: number }>> {
    return this.all<{ id: number; establishment_id: number }>(
      'SELECT id, establishment_id FROM tickets WHERE follow_up_of = ? ORDER BY id',
      ticketId,
    ).map((r) => ({ id: Number(r.id), establishmentId: Number(r.establishment_id) }));
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
      // what this connection changed and has not committed yet is found too
      if (this.unindexed.size) {
        if (this.sql.db.isTransaction) this.indexChanged();
        else this.transaction(() => this.indexChanged());
      }
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
      return toTickets(
        this.sql.arrays(
          `SELECT ${TICKET_COLUMNS} FROM ticket_unread r INDEXED BY ${index} CROSS JOIN tickets t ON t.id = r.ticket_id ${TICKET_JOINS}
           WHERE ${['r.user_id = ?1', ...unreadWhere].join(' AND ')} ORDER BY r.updated_at DESC, r.ticket_id DESC LIMIT ${limit}`,
          ...params,
        ),
      );
    }

    // the activity index gives the order; within one establishment, that establishment's part of it
    const index = f.establishmentId !== undefined ? 'tickets_establishment_activity' : 'tickets_activity';
    return toTickets(
      this.sql.arrays(
        `SELECT ${TICKET_COLUMNS} FROM tickets t INDEXED BY ${index} ${TICKET_JOINS} ${UNREAD_JOIN}
         WHERE ${where.length ? where.join(' AND ') : '1 = 1'} ORDER BY t.updated_at DESC, t.id DESC LIMIT ${limit}`,
        ...params,
      ),
    );
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
  return ticketFrom((column) => r[column]);
}

/** Rows read as arrays (SqliteDatabase.arrays): the same tickets, built without naming each row's columns. */
function toTickets({ rows, at }: { rows: SQLInputValue[][]; at: Record<string, number> }): TicketRecord[] {
  return rows.map((row) => ticketFrom((column) => row[at[column]!]));
}

function ticketFrom(r: (column: string) => SQLInputValue | undefined): TicketRecord {
  return {
    id: Number(r('id')),
    establishmentId: Number(r('establishment_id')),
    siret: String(r('siret')),
    establishmentName: String(r('establishment_name')),
    createdById: Number(r('created_by')),
    creatorEmail: String(r('creator_email')),
    creatorName: String(r('creator_name')),
    onBehalfOf: r('on_behalf_of') === null ? null : String(r('on_behalf_of')),
    onBehalfOfName: r('on_behalf_of_name') === null ? null : String(r('on_behalf_of_name')),
    type: String(r('type')),
    category: String(r('category')),
    summary: String(r('summary')),
    fields: JSON.parse(String(r('fields'))) as FieldValues,
    status: r('status') as Status,
    followUpOf: r('follow_up_of') === null ? null : Number(r('follow_up_of')),
    createdAt: String(r('created_at')),
    updatedAt: String(r('updated_at')),
    resolvedAt: r('resolved_at') === null ? null : String(r('resolved_at')),
    closedAt: r('closed_at') === null ? null : String(r('closed_at')),
    autoClosed: Number(r('auto_closed')) === 1,
    unread: Number(r('unread')),
    messageCount: Number(r('message_count')),
    markRead: r('mark_read') as MarkReadPolicy,
  };
}
