import { DatabaseSync } from 'node:sqlite';
import { unreadRows as postgresUnreadRows } from '../../src/server/store/postgres/derived.ts';
import { SEARCH_KEY, unreadRows as sqliteUnreadRows } from '../../src/server/store/sqlite/derived.ts';

/** How one run of a tix command ended. */
export interface Outcome {
  code: number;
  /** the HTTP status the CLI reported in its JSON error line, if any */
  status?: number;
  /** the error code of that line (e.g. outcome_unknown) */
  error?: string;
  ms: number;
}

export type OpKind = 'create' | 'reply' | 'list' | 'read' | 'status';

/** One operation of a load run, as the log of acknowledged operations keeps it. */
export interface OpRecord {
  worker: number;
  seq: number;
  kind: OpKind;
  user: string;
  args: string[];
  /** exit codes that are a correct answer (e.g. 5 for a reply to a ticket an agent just closed) */
  expect: number[];
  key?: string;
  /** the text a create (its description) or a reply (its body) wrote: unique, so the database can be searched for it */
  marker?: string;
  /** the target ticket, or for a create the ticket it acknowledged */
  ticketId?: number;
  /** the acknowledged reply */
  messageId?: number;
  /** the write attached a file whose content is the marker */
  attachment?: boolean;
  startedAt: number;
  first: Outcome;
  /** the same command again, with the same idempotency key, after an unknown outcome (exit 6) */
  retry?: Outcome;
  /** an exit code the operation did not allow, a stale read, another establishment's data */
  problem?: string;
}

export const finalOutcome = (r: OpRecord): Outcome => r.retry ?? r.first;
const isWrite = (r: OpRecord) => r.kind === 'create' || r.kind === 'reply';
export const acknowledged = (r: OpRecord): boolean =>
  isWrite(r) && finalOutcome(r).code === 0 && (r.kind === 'create' ? r.ticketId !== undefined : r.messageId !== undefined);

export interface LedgerReport {
  /** acknowledged writes checked */
  creates: number;
  replies: number;
  /** writes whose outcome stayed unknown (exit 6) and that the database shows were applied */
  landedUnknown: number;
  rows: { tickets: number; messages: number; idempotencyKeys: number; uploads: number };
  /** an acknowledged write missing from the database */
  lost: string[];
  /** a write present more than once */
  duplicated: string[];
  /** rows that point nowhere or miss a part (a ticket without its first message, a search entry, a key) */
  halfWritten: string[];
  /** a write the CLI reported as refused, or that no operation made, present in the database */
  phantom: string[];
  /** rows that contradict each other or the rules (status after the last message, a reply after closing) */
  inconsistent: string[];
  integrity: string;
  ok: boolean;
}

type Row = Record<string, any>;

/**
 * What the check reads of a tix database, the same rows whichever database it is. Each source also checks what
 * only its database has: SQLite's integrity_check and foreign keys, each database's derived data (search entries,
 * message counts) against the rows it is derived from.
 */
export interface LedgerSource {
  /** "ok", or what the database's own consistency check found */
  integrity(): Promise<string>;
  /** rows that point nowhere, derived data that disagrees with its rows */
  halfWritten(): Promise<string[]>;
  /** id, status, closed_at, creator (e-mail) */
  tickets(): Promise<Row[]>;
  /** id, ticket_id, body, created_at, author (e-mail), role; by id */
  messages(): Promise<Row[]>;
  /** email, key, ticket_id, message_id */
  keys(): Promise<Row[]>;
  /** id, message_id, text (the file's bytes as text) */
  uploads(): Promise<Row[]>;
  close(): Promise<void>;
}

/**
 * The unread rows a database keeps (ticket_unread) that differ from a recount from messages and read state (the
 * store's own derivation, without its INSERT), or whose activity is not their ticket's.
 */
export function unreadDisagreements(derivation: string): string {
  const recount = derivation.replace(/^\s*INSERT INTO ticket_unread \([^)]*\)/, '');
  return `WITH want AS (${recount}), have AS (SELECT r.ticket_id, r.user_id, r.unread, r.updated_at = t.updated_at AS current
      FROM ticket_unread r JOIN tickets t ON t.id = r.ticket_id)
    SELECT coalesce(w.ticket_id, h.ticket_id) AS ticket_id, coalesce(w.user_id, h.user_id) AS user_id, w.unread AS want, h.unread AS have, h.current
    FROM want w FULL JOIN have h ON h.ticket_id = w.ticket_id AND h.user_id = w.user_id
    WHERE w.unread IS DISTINCT FROM h.unread OR NOT h.current`;
}

const unreadProblem = (r: Row) =>
  `ticket #${r.ticket_id}: ${r.have ?? 0} unread counted for user ${r.user_id}, ${r.want ?? 0} in fact${r.have !== null && !r.current ? ', at an old activity' : ''}`;

/** A SQLite database file, opened read-only (the server may still be running). */
export function sqliteLedgerSource(path: string): LedgerSource {
  const db = new DatabaseSync(path, { readOnly: true });
  const all = (sql: string) => db.prepare(sql).all() as Row[];
  return {
    integrity: async () =>
      all('PRAGMA integrity_check')
        .map((r) => String(Object.values(r)[0]))
        .join('; '),
    halfWritten: async () => {
      const problems = all('PRAGMA foreign_key_check').map((fk) => `${fk.table} row ${fk.rowid} points to a missing ${fk.parent}`);
      // one search document per ticket, under the ticket's current activity key; message counts
      for (const r of all(`SELECT t.id, t.message_count, (SELECT count(*) FROM messages m WHERE m.ticket_id = t.id) AS n,
          EXISTS (SELECT 1 FROM ticket_search_docsize d WHERE d.id = ${SEARCH_KEY}) AS indexed FROM tickets t`)) {
        if (Number(r.indexed) !== 1) problems.push(`ticket #${r.id}: not in the search index under its latest activity`);
        if (Number(r.message_count) !== Number(r.n)) problems.push(`ticket #${r.id}: counts ${r.message_count} messages for ${r.n}`);
      }
      const documents = Number(all('SELECT count(*) AS n FROM ticket_search_docsize')[0]!.n);
      const tickets = Number(all('SELECT count(*) AS n FROM tickets')[0]!.n);
      if (documents !== tickets) problems.push(`${documents} search documents for ${tickets} tickets`);
      for (const r of all(unreadDisagreements(sqliteUnreadRows('1 = 1')))) problems.push(unreadProblem(r));
      return problems;
    },
    tickets: async () => all('SELECT t.id, t.status, t.closed_at, u.email AS creator FROM tickets t JOIN users u ON u.id = t.created_by'),
    messages: async () =>
      all(
        'SELECT m.id, m.ticket_id, m.body, m.created_at, u.email AS author, u.role FROM messages m JOIN users u ON u.id = m.author_id ORDER BY m.id',
      ),
    keys: async () => all('SELECT u.email, k.key, k.ticket_id, k.message_id FROM idempotency_keys k JOIN users u ON u.id = k.user_id'),
    uploads: async () => all('SELECT id, message_id, CAST(data AS TEXT) AS text FROM uploads'),
    close: async () => db.close(),
  };
}

/**
 * A PostgreSQL database, through the store's own connection settings (times as RFC 3339 text). Everything is read
 * in one REPEATABLE READ transaction: one snapshot, even while servers keep writing.
 */
export async function postgresLedgerSource(url: string): Promise<LedgerSource> {
  const { PgDatabase } = await import('../../src/server/store/postgres/database.ts');
  const db = await PgDatabase.open(url, { max: 1 });
  const client = await db.pool.connect();
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  const query = async (sql: string) => (await client.query(sql)).rows as Row[];
  return {
    // PostgreSQL checks its constraints (foreign keys included) on every write
    integrity: async () => 'ok',
    halfWritten: async () => {
      const problems: string[] = [];
      for (const r of await query(`SELECT t.id, t.message_count, (SELECT count(*) FROM messages m WHERE m.ticket_id = t.id) AS n
          FROM tickets t WHERE t.message_count <> (SELECT count(*) FROM messages m WHERE m.ticket_id = t.id)`))
        problems.push(`ticket #${r.id}: counts ${r.message_count} messages for ${r.n}`);
      // every text of a ticket is found in its search document, as a phrase
      for (const r of await query(`SELECT t.id, m.id AS message_id FROM messages m JOIN tickets t ON t.id = m.ticket_id
          WHERE NOT t.search @@ phraseto_tsquery('tix_search', regexp_replace(lower(m.body), '[^[:alnum:]]+', ' ', 'g'))
          UNION ALL
          SELECT t.id, NULL FROM tickets t
          WHERE NOT t.search @@ phraseto_tsquery('tix_search', regexp_replace(lower(t.summary), '[^[:alnum:]]+', ' ', 'g'))`))
        problems.push(
          `ticket #${r.id}: ${r.message_id === null ? 'its summary' : `message ${r.message_id}`} is not in its search document`,
        );
      for (const r of await query(unreadDisagreements(postgresUnreadRows('true')))) problems.push(unreadProblem(r));
      for (const r of await query('SELECT user_id, key FROM idempotency_keys WHERE ticket_id IS NULL'))
        problems.push(`idempotency key ${r.key} of user ${r.user_id} points to no ticket`);
      return problems;
    },
    tickets: () => query('SELECT t.id, t.status, t.closed_at, u.email AS creator FROM tickets t JOIN users u ON u.id = t.created_by'),
    messages: () =>
      query(
        'SELECT m.id, m.ticket_id, m.body, m.created_at, u.email AS author, u.role FROM messages m JOIN users u ON u.id = m.author_id ORDER BY m.id',
      ),
    keys: () => query('SELECT u.email, k.key, k.ticket_id, k.message_id FROM idempotency_keys k JOIN users u ON u.id = k.user_id'),
    uploads: () => query("SELECT id, message_id, convert_from(data, 'UTF8') AS text FROM uploads"),
    close: async () => {
      await client.query('COMMIT');
      client.release();
      await db.close();
    },
  };
}

/** The source for a database as `tix serve --db` names it: a PostgreSQL URL or a SQLite file. */
export async function ledgerSource(db: string): Promise<LedgerSource> {
  return /^postgres(ql)?:/i.test(db) ? postgresLedgerSource(db) : sqliteLedgerSource(db);
}

/**
 * Checks a tix database (a SQLite file, or a PostgreSQL URL) against the log of operations a load run made: every
 * acknowledged ticket and reply is there exactly once, nothing refused was written, nothing is half-written, the
 * status rules held. The server may still be running. `partial`: the log of a run still going on (or cut by a
 * crash), whose writes in flight are not in it yet: rows the log does not explain are not counted.
 */
export async function checkLedger(db: string, records: OpRecord[], opts: { partial?: boolean } = {}): Promise<LedgerReport> {
  const source = await ledgerSource(db);
  try {
    return await check(source, records, Boolean(opts.partial));
  } finally {
    await source.close();
  }
}

async function check(source: LedgerSource, records: OpRecord[], partial: boolean): Promise<LedgerReport> {
  const lost: string[] = [];
  const duplicated: string[] = [];
  const halfWritten: string[] = [];
  const phantom: string[] = [];
  const inconsistent: string[] = [];

  const integrity = await source.integrity();
  halfWritten.push(...(await source.halfWritten()));

  const tickets = new Map((await source.tickets()).map((t) => [Number(t.id), t]));
  const messages = await source.messages();
  const keys = await source.keys();
  const uploads = await source.uploads();

  const byTicket = new Map<number, Row[]>();
  const byBody = new Map<string, Row[]>();
  const messageById = new Map<number, Row>();
  for (const m of messages) {
    messageById.set(Number(m.id), m);
    byTicket.set(Number(m.ticket_id), [...(byTicket.get(Number(m.ticket_id)) ?? []), m]);
    byBody.set(String(m.body), [...(byBody.get(String(m.body)) ?? []), m]);
  }
  const keyOf = new Map(keys.map((k) => [`${k.email}\u0000${k.key}`, k]));
  const attachedTo = new Map<number, Row[]>();
  for (const u of uploads)
    if (u.message_id !== null) attachedTo.set(Number(u.message_id), [...(attachedTo.get(Number(u.message_id)) ?? []), u]);

  // 1. Structure: every ticket has its first message by its creator (its derived data: each source's halfWritten).
  for (const [id, t] of tickets) {
    const ms = byTicket.get(id) ?? [];
    if (ms.length === 0) {
      halfWritten.push(`ticket #${id} has no message`);
      continue;
    }
    if (ms[0]!.author !== t.creator) inconsistent.push(`ticket #${id}: first message by ${ms[0]!.author}, ticket by ${t.creator}`);
    // 2. Status rules: a conversation waiting on someone says whose turn it is; nothing is added after closing.
    const last = ms.at(-1)!;
    const waiting = ['sent', 'answered', 'open'].includes(t.status);
    if (waiting && ms.length === 1 && t.status !== 'sent') inconsistent.push(`ticket #${id} is ${t.status} with no reply`);
    if (waiting && ms.length > 1 && (t.status === 'answered') !== (last.role === 'agent')) {
      inconsistent.push(`ticket #${id} is ${t.status} but its last message is by ${last.author}`);
    }
    if (t.status === 'closed' && t.closed_at && ms.some((m) => m.created_at > t.closed_at))
      inconsistent.push(`ticket #${id} got a message after it was closed`);
  }
  for (const k of keys) {
    if (!tickets.has(Number(k.ticket_id))) halfWritten.push(`idempotency key ${k.key} points to missing ticket #${k.ticket_id}`);
    if (k.message_id !== null && Number(messageById.get(Number(k.message_id))?.ticket_id) !== Number(k.ticket_id))
      halfWritten.push(`idempotency key ${k.key} points to message ${k.message_id}, not on ticket #${k.ticket_id}`);
  }

  // 3. The log against the database.
  let creates = 0;
  let replies = 0;
  let landedUnknown = 0;
  const markers = new Set<string>();
  const keyed = new Set<string>();
  for (const r of records.filter(isWrite)) {
    const what = `${r.kind} ${r.key} by ${r.user}`;
    const found = byBody.get(r.marker!) ?? [];
    markers.add(r.marker!);
    const final = finalOutcome(r);
    if (found.length > 1) duplicated.push(`${what}: ${found.length} messages (${found.map((m) => m.id).join(', ')})`);
    if (acknowledged(r)) {
      if (r.kind === 'create') creates++;
      else replies++;
      keyed.add(`${r.user}\u0000${r.key}`);
      const key = keyOf.get(`${r.user}\u0000${r.key}`);
      if (found.length === 0) {
        lost.push(
          `${what}: acknowledged as ${r.kind === 'create' ? `ticket #${r.ticketId}` : `message ${r.messageId}`}, not in the database`,
        );
        continue;
      }
      const m = found[0]!;
      if (r.kind === 'create') {
        if (!tickets.has(r.ticketId!)) lost.push(`${what}: ticket #${r.ticketId} is missing`);
        if (Number(m.ticket_id) !== r.ticketId || Number(byTicket.get(r.ticketId!)?.[0]?.id) !== Number(m.id))
          inconsistent.push(`${what}: acknowledged ticket #${r.ticketId}, its description is message ${m.id} of ticket #${m.ticket_id}`);
        if (!key || Number(key.ticket_id) !== r.ticketId || key.message_id !== null)
          inconsistent.push(`${what}: the idempotency key does not name ticket #${r.ticketId}`);
      } else {
        if (Number(m.id) !== r.messageId || Number(m.ticket_id) !== r.ticketId)
          inconsistent.push(`${what}: acknowledged message ${r.messageId} on #${r.ticketId}, found ${m.id} on #${m.ticket_id}`);
        if (!key || Number(key.message_id) !== r.messageId)
          inconsistent.push(`${what}: the idempotency key does not name message ${r.messageId}`);
      }
      if (m.author !== r.user) inconsistent.push(`${what}: written as ${m.author}`);
      const files = attachedTo.get(Number(m.id)) ?? [];
      if (r.attachment && files.length !== 1) (files.length ? duplicated : lost).push(`${what}: ${files.length} attachments instead of 1`);
      if (files.some((f) => f.text !== r.marker))
        inconsistent.push(`${what}: an attachment of message ${m.id} holds another operation's file`);
    } else if (final.code === 6) {
      // unknown outcome: applied or not, but at most once
      if (found.length > 0) {
        landedUnknown++;
        keyed.add(`${r.user}\u0000${r.key}`);
      }
    } else if (found.length > 0) {
      phantom.push(`${what}: refused (exit ${final.code}) but written as message ${found[0]!.id}`);
    }
    // a reply refused because the ticket is closed: the ticket must be closed
    if (r.kind === 'reply' && final.code === 5 && tickets.get(r.ticketId!)?.status !== 'closed')
      inconsistent.push(`${what}: refused as closed, but #${r.ticketId} is ${tickets.get(r.ticketId!)?.status}`);
  }
  // 4. Nothing the log does not explain: every message and key a run made comes from one of its writes.
  if (!partial) {
    const runs = [...new Set(records.filter(isWrite).map((r) => `${r.key!.replace(/-w\d+-\d+$/, '')}-w`))];
    const ofRun = (text: string) => runs.some((run) => text.includes(run));
    for (const m of messages) {
      if (ofRun(String(m.body)) && !markers.has(String(m.body)))
        phantom.push(`message ${m.id} on #${m.ticket_id} was written by no operation of the run: ${String(m.body).slice(0, 80)}`);
    }
    const runKeys = keys.filter((k) => ofRun(String(k.key)));
    if (runKeys.length !== keyed.size)
      inconsistent.push(`${runKeys.length} idempotency keys stored for ${keyed.size} applied creates and replies`);
  }

  return {
    creates,
    replies,
    landedUnknown,
    rows: { tickets: tickets.size, messages: messages.length, idempotencyKeys: keys.length, uploads: uploads.length },
    lost,
    duplicated,
    halfWritten,
    phantom,
    inconsistent,
    integrity,
    ok: integrity === 'ok' && [lost, duplicated, halfWritten, phantom, inconsistent].every((l) => l.length === 0),
  };
}

/**
 * Writes the CLI said never left ("nothing was sent", error code unreachable) that the database holds anyway:
 * a false claim that would make a script retry without its key and file twice. Run before any retry.
 */
export async function claimedUnsentButApplied(db: string, records: OpRecord[]): Promise<string[]> {
  const claims = records.filter((r) => isWrite(r) && r.first.code === 6 && r.first.error === 'unreachable');
  if (claims.length === 0) return [];
  const source = await ledgerSource(db);
  try {
    const byBody = new Map((await source.messages()).map((m) => [String(m.body), m]));
    return claims.flatMap((r) => {
      const m = byBody.get(r.marker!);
      return m ? [`${r.kind} ${r.key} by ${r.user}: the CLI said nothing was sent, but it is message ${m.id} on #${m.ticket_id}`] : [];
    });
  } finally {
    await source.close();
  }
}

/** One paragraph for people: counts, then each problem on its own line. */
export function describeLedger(l: LedgerReport): string {
  const lines = [
    `database check: ${l.creates} acknowledged tickets and ${l.replies} acknowledged replies; ` +
      `lost ${l.lost.length}, duplicated ${l.duplicated.length}, half-written ${l.halfWritten.length}, phantom ${l.phantom.length}, inconsistent ${l.inconsistent.length}; ` +
      `integrity_check ${l.integrity}${l.landedUnknown ? `; ${l.landedUnknown} unknown outcomes had landed (once each)` : ''}`,
    `  rows: ${l.rows.tickets} tickets, ${l.rows.messages} messages, ${l.rows.idempotencyKeys} idempotency keys, ${l.rows.uploads} uploads`,
  ];
  for (const [name, list] of Object.entries({
    lost: l.lost,
    duplicated: l.duplicated,
    'half-written': l.halfWritten,
    phantom: l.phantom,
    inconsistent: l.inconsistent,
  })) {
    for (const p of list.slice(0, 20)) lines.push(`  ${name}: ${p}`);
    if (list.length > 20) lines.push(`  … and ${list.length - 20} more ${name}`);
  }
  return lines.join('\n');
}
