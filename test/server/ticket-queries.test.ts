// The fast query paths (search in the per-ticket index keyed by activity, --unread from the unread rows, the inbox
// counted by the server) give exactly what a plain reading of tickets, messages and read state gives, for every
// filter and every combination of them, both kinds of viewer, page by page. The data set is built through the
// store's ordinary writes (creates, replies, status changes, reads, unreads, auto-close, dedupe) and its bulk
// import, with tickets that share a second or a millisecond of activity. It runs on SQLite and on PostgreSQL (the
// test project chooses): the reference reads the same base tables with the same SQL on both. On both, the unread
// counts the store kept equal a recount from messages and read state; on SQLite, a copy of the data set from before
// the scale migration, upgraded by it, answers the same. No timing is measured here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeStatuses, statusAfterReply, statuses, type Status } from '../../src/core/lifecycle.ts';
import { dataSetOrganisation, organisationSeed, prng, TextGenerator, ticketBatches } from '../../src/dev/scale-data.ts';
import { buildApp } from '../../src/server/app.ts';
import { newToken } from '../../src/server/secrets.ts';
import { unreadRows as postgresUnreadRows } from '../../src/server/store/postgres/derived.ts';
import type { PostgresStore } from '../../src/server/store/postgres.ts';
import { migrate, SqliteStore } from '../../src/server/store/sqlite.ts';
import { unreadRows as sqliteUnreadRows } from '../../src/server/store/sqlite/derived.ts';
import { SCALE_MIGRATION, sqliteMigrations } from '../../src/server/store/sqlite-migrations.ts';
import type { Store } from '../../src/server/store/store.ts';
import { openTestStore, skipWithoutPostgres, testDatabaseKind } from '../helpers/database.ts';
import { unreadDisagreements } from '../helpers/ledger.ts';

const org = dataSetOrganisation();
const T0 = Date.parse('2026-03-02T08:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

let dir: string;
let store: Store;

/** The store's database read directly, for the reference (`?` placeholders on both databases). */
async function rows<T = Record<string, any>>(sql: string, ...params: Array<string | number>): Promise<T[]> {
  if (store instanceof SqliteStore) return store.db.prepare(sql).all(...params) as T[];
  let n = 0;
  return (await (store as PostgresStore).database.query(
    sql.replace(/\?/g, () => `$${++n}`),
    params,
  )) as T[];
}
let app: FastifyInstance;
const bearer = new Map<string, string>();
const userIds = new Map<string, number>();
const estIds = new Map<string, number>();

/** 350 made-up words starting with "za": more than the store expands, so "za" goes to FTS5's own prefix query. */
const zaWords = Array.from(
  { length: 350 },
  (_, i) =>
    `za${i
      .toString(26)
      .padStart(3, '0')
      .replace(/\d/g, (d) => 'qrstuvwxyz'[Number(d)]!)}`,
);

/** Words the searches below look for, with and without accents, split by apostrophes and hyphens. */
const SPICE = ['Clôturé', 'clôture', "l'école", 'kouign-amann', 'factures', 'Facture', 'xylophène', 'Noël', 'NEAR(', '"quoted"', 'paie'];

async function buildDataSet(): Promise<void> {
  await store.identity.loadOrganisation(organisationSeed(org, 'not-a-password-hash'));
  for (const r of await rows<{ id: number; email: string }>('SELECT id, email FROM users')) userIds.set(r.email, r.id);
  for (const r of await rows<{ id: number; siret: string }>('SELECT id, siret FROM establishments')) estIds.set(r.siret, r.id);
  const random = prng(11);
  const text = new TextGenerator(12);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const agents = ['agent1@scale.test', 'agent2@scale.test'].map((e) => userIds.get(e)!);
  const admins = new Map<number, number[]>();
  for (const m of await rows<{ user_id: number; establishment_id: number }>(
    "SELECT user_id, establishment_id FROM memberships WHERE role = 'admin' ORDER BY user_id",
  ))
    admins.set(m.establishment_id, [...(admins.get(m.establishment_id) ?? []), m.user_id]);
  const adminsOf = (establishmentId: number) => admins.get(establishmentId) ?? [];

  // 1. the bulk import, as the benchmark loads its data set
  await store.tickets.importTickets(
    ticketBatches(
      org,
      { establishments: estIds, users: userIds },
      { tickets: 60, messagesPerTicket: 4, seed: 3, start: new Date(T0 - 40 * 86_400_000), spanDays: 30 },
      25,
    ),
  );

  // 2. ordinary writes, with ties: every fifth ticket shares the second of the one before, every seventh its millisecond
  let at = T0;
  const created: number[] = [];
  for (let i = 0; i < 140; i++) {
    at += i % 7 === 6 ? 0 : i % 5 === 4 ? 137 : 1000 + Math.floor(random() * 40_000);
    const establishmentId = pick([...estIds.values()]);
    const creator = pick(adminsOf(establishmentId));
    const type = pick(['question', 'incident', 'billing-question', 'how-to']);
    const category = { question: 'general', incident: 'technical', 'billing-question': 'billing', 'how-to': 'general' }[type]!;
    const spice = random() < 0.4 ? ` ${pick(SPICE)}` : '';
    const summary = `${text.summary()}${random() < 0.2 ? spice : ''}`;
    const description = `${text.body()}${spice}${i % 23 === 0 ? ` ${zaWords.slice((i / 23) * 60, (i / 23) * 60 + 60).join(' ')}` : ''}`;
    const r = await store.tickets.createTicket({
      establishmentId,
      createdById: creator,
      onBehalfOf: null,
      type,
      category,
      summary,
      fields: {},
      description,
      uploadIds: [],
      followUpOf: null,
      at: iso(at),
      idempotency: { key: `k${i}`, fingerprint: `f${i}` },
    });
    if ('ticketId' in r) created.push(r.ticketId);
  }
  // a create that becomes a reply to an active ticket with the same summary
  const [twin] = await rows<Record<string, string & number>>(
    "SELECT establishment_id, type, category, summary FROM tickets WHERE status = 'sent' ORDER BY id LIMIT 1",
  );
  at += 500;
  await store.tickets.createTicket({
    establishmentId: twin.establishment_id,
    createdById: adminsOf(twin.establishment_id)[0]!,
    onBehalfOf: null,
    type: twin.type,
    category: twin.category,
    summary: twin.summary,
    fields: {},
    description: 'Même problème ce matin, clôture bloquée.',
    uploadIds: [],
    followUpOf: null,
    at: iso(at),
    dedupe: { among: activeStatuses, replyStatus: (current) => statusAfterReply(current, 'customer') ?? { refused: 'closed' } },
  });

  // 3. replies, status changes and read state, in time order, some in the same second as another write
  const all = (await rows<{ id: number }>('SELECT id FROM tickets ORDER BY id')).map((r) => r.id);
  for (let n = 0; n < 420; n++) {
    at += random() < 0.15 ? 0 : random() < 0.3 ? 211 : 700 + Math.floor(random() * 20_000);
    const ticketId = pick(all);
    const [{ establishment_id: establishmentId }] = (await rows('SELECT establishment_id FROM tickets WHERE id = ?', ticketId)) as [
      { establishment_id: number },
    ];
    const roll = random();
    if (roll < 0.45) {
      const byAgent = random() < 0.55;
      const author = byAgent ? pick(agents) : pick(adminsOf(establishmentId));
      await store.tickets.addMessage({
        ticketId,
        authorId: author,
        body: `${text.body()}${random() < 0.3 ? ` ${pick(SPICE)}` : ''}`,
        uploadIds: [],
        at: iso(at),
        nextStatus: (current) => statusAfterReply(current, byAgent ? 'agent' : 'customer') ?? { refused: 'closed' },
      });
    } else if (roll < 0.55) {
      const next = pick<Status>(['resolved', 'resolved', 'closed', 'open']);
      await store.tickets.changeStatus(ticketId, () => next, iso(at));
    } else if (roll < 0.8) {
      const viewer = pick([...agents, ...adminsOf(establishmentId)]);
      const messages = await rows<{ id: number }>('SELECT id FROM messages WHERE ticket_id = ? ORDER BY id', ticketId);
      await store.reads.markRead(viewer, ticketId, random() < 0.5 ? undefined : pick(messages).id);
    } else if (roll < 0.9) {
      await store.reads.markLatestUnread(pick([...agents, ...adminsOf(establishmentId)]), ticketId);
    } else {
      const viewer = pick(agents);
      await store.reads.markTicketsRead(viewer, [ticketId, pick(all), pick(all)]);
    }
  }
  // resolved long enough ago close by themselves
  await store.tickets.closeResolvedBefore(iso(at - 4 * 3_600_000), iso(at), 10_000);
  // 4. a support agent who joins afterwards: everything is unread for them
  await store.identity.loadOrganisation({
    companies: [],
    users: [{ email: 'agent3@scale.test', name: 'Anaïs Nouvelle', role: 'agent', passwordHash: 'x', admin: [], employee: [] }],
  });
  userIds.set('agent3@scale.test', (await store.identity.findUserByEmail('agent3@scale.test'))!.id);
}

// ---- the reference: a plain reading of the base tables ------------------------------------------------------

interface RefTicket {
  id: number;
  establishmentId: number;
  createdBy: number;
  type: string;
  category: string;
  status: Status;
  updatedAt: string;
  tokens: string[];
  messages: Array<{ id: number; authorId: number }>;
}

/** The tokenizer's rule, written out: accents and case folded; letters, digits and private-use characters kept, anything else splits. */
function tokens(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}\p{Co}]+/u)
    .filter(Boolean);
}

async function readReference() {
  const tickets = new Map<number, RefTicket>();
  for (const t of await rows<Record<string, string & number>>('SELECT * FROM tickets ORDER BY id'))
    tickets.set(t.id, {
      id: t.id,
      establishmentId: t.establishment_id,
      createdBy: t.created_by,
      type: t.type,
      category: t.category,
      status: t.status as Status,
      updatedAt: t.updated_at,
      tokens: tokens(t.summary),
      messages: [],
    });
  for (const m of await rows<{ id: number; ticket_id: number; author_id: number; body: string }>('SELECT * FROM messages ORDER BY id')) {
    const t = tickets.get(m.ticket_id)!;
    t.messages.push({ id: m.id, authorId: m.author_id });
    t.tokens.push(...tokens(m.body));
  }
  const reads = new Set(
    (await rows<{ user_id: number; message_id: number }>('SELECT * FROM message_reads')).map((r) => `${r.user_id}:${r.message_id}`),
  );
  const users = new Map(
    (await rows<{ id: number; email: string; role: string }>('SELECT id, email, role FROM users')).map((u) => [u.email, u]),
  );
  const adminOf = await rows<{ user_id: number; establishment_id: number }>(
    "SELECT user_id, establishment_id FROM memberships WHERE role = 'admin'",
  );
  const sirets = new Map((await rows<{ id: number; siret: string }>('SELECT id, siret FROM establishments')).map((e) => [e.siret, e.id]));
  const visible = (userId: number, role: string) =>
    role === 'agent' ? [...sirets.values()] : adminOf.filter((m) => m.user_id === userId).map((m) => m.establishment_id);
  const unread = (userId: number, t: RefTicket) =>
    t.messages.filter((m) => m.authorId !== userId && !reads.has(`${userId}:${m.id}`)).length;
  return { tickets, users, sirets, visible, unread };
}
type Reference = Awaited<ReturnType<typeof readReference>>;

interface Query {
  status?: Status[];
  type?: string;
  category?: string;
  establishment?: string;
  author?: string;
  mine?: boolean;
  search?: string;
  since?: string;
  unread?: boolean;
}

/** The search rule: every word; within a word every piece but the last whole, the last a prefix of some word. */
function matches(ticketTokens: string[], search: string): boolean | 'nothing' {
  const words = search
    .replace(/\p{Co}/gu, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .map(tokens)
    .filter((w) => w.length > 0);
  if (words.length === 0) return 'nothing';
  const whole = new Set(ticketTokens);
  return words.every((pieces) => pieces.slice(0, -1).every((p) => whole.has(p)) && ticketTokens.some((t) => t.startsWith(pieces.at(-1)!)));
}

function expected(ref: Reference, email: string, q: Query): Array<{ id: number; unread: number; messageCount: number }> | 'not_found' {
  const user = ref.users.get(email)!;
  const visible = new Set(ref.visible(user.id, user.role));
  const establishment = q.establishment === undefined ? undefined : ref.sirets.get(q.establishment);
  if (q.establishment !== undefined && (establishment === undefined || !visible.has(establishment))) return 'not_found';
  const author = q.mine ? user.id : q.author === undefined ? undefined : (ref.users.get(q.author)?.id ?? -1);
  const since = q.since === undefined ? undefined : new Date(Date.parse(q.since)).toISOString();
  return [...ref.tickets.values()]
    .filter(
      (t) =>
        visible.has(t.establishmentId) &&
        (!q.status || q.status.includes(t.status)) &&
        (!q.type || t.type === q.type) &&
        (!q.category || t.category === q.category) &&
        (establishment === undefined || t.establishmentId === establishment) &&
        (author === undefined || t.createdBy === author) &&
        (!since || t.updatedAt >= since) &&
        (!q.unread || ref.unread(user.id, t) > 0) &&
        (q.search === undefined || matches(t.tokens, q.search) === true),
    )
    .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : b.id - a.id))
    .map((t) => ({ id: t.id, unread: ref.unread(user.id, t), messageCount: t.messages.length }));
}

// ---- the API, page by page ----------------------------------------------------------------------------------

async function get(email: string, path: string, params: Record<string, string | number | boolean | undefined>) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) qs.set(k, String(v));
  const res = await app.inject({ method: 'GET', url: `/api/v1${path}?${qs}`, headers: { authorization: `Bearer ${bearer.get(email)}` } });
  return { status: res.statusCode, body: res.json() };
}

async function listed(email: string, q: Query, limit: number) {
  const out: Array<{ id: number; unread: number; messageCount: number }> = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 500; pages++) {
    const res = await get(email, '/tickets', { ...q, status: q.status?.join(','), limit, cursor });
    if (res.status === 404) return 'not_found' as const;
    expect(res.status, `${JSON.stringify(q)} limit ${limit}: ${JSON.stringify(res.body)}`).toBe(200);
    out.push(...res.body.items.map((t: Record<string, number>) => ({ id: t.id, unread: t.unread, messageCount: t.messageCount })));
    if (!res.body.nextCursor) return out;
    cursor = res.body.nextCursor;
  }
  throw new Error('more than 500 pages');
}

const VIEWERS = ['agent1@scale.test', 'nord@scale.test', 'boss@scale.test', 'paris@scale.test', 'agent3@scale.test'];
const SEARCHES = [
  'paie',
  'PAIE',
  'cloture',
  'clôturé',
  'Clôture bloquée',
  'paie facture',
  'factur',
  'facture',
  "l'école",
  'l ecole',
  'kouign-amann',
  'kouign',
  'xylophene',
  'noel',
  'za',
  'zaqqr',
  'NEAR(',
  '"quoted"',
  '*',
  '" OR ',
  'zzzzqx',
  'p',
  'de la',
  '\uE000e1',
  'kouign"amann',
  'x\uE000paie',
];

function queries(ref: Reference): Query[] {
  const random = prng(5);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const sirets = [...ref.sirets.keys()];
  const since = iso(T0 + 2 * 3_600_000);
  const singles: Query[] = [
    {},
    { unread: true },
    { since },
    { mine: true },
    { author: 'paris@scale.test' },
    { author: 'nobody@scale.test' },
    { type: 'incident' },
    { category: 'general' },
    ...statuses.map((s) => ({ status: [s] })),
    { status: ['answered', 'closed'] },
    ...sirets.map((establishment) => ({ establishment })),
    ...SEARCHES.map((search) => ({ search })),
  ];
  // every combination of the filters (each subset of the eight, with values drawn for it): 255 queries
  const filters: Array<(q: Query) => void> = [
    (q) => {
      q.status = [pick(statuses), ...(random() < 0.3 ? [pick(statuses)] : [])];
    },
    (q) => {
      q.type = pick(['question', 'incident', 'how-to']);
    },
    (q) => {
      q.category = pick(['general', 'technical', 'billing']);
    },
    (q) => {
      q.establishment = pick(sirets);
    },
    (q) => {
      if (random() < 0.5) q.mine = true;
      else q.author = pick([...VIEWERS, 'nobody@scale.test']);
    },
    (q) => {
      q.search = pick(SEARCHES);
    },
    (q) => {
      q.since = since;
    },
    (q) => {
      q.unread = true;
    },
  ];
  const combos: Query[] = [];
  for (let subset = 1; subset < 1 << filters.length; subset++) {
    const q: Query = {};
    filters.forEach((apply, i) => {
      if (subset & (1 << i)) apply(q);
    });
    combos.push(q);
  }
  return [...singles, ...combos];
}

const skip = testDatabaseKind === 'postgres' && skipWithoutPostgres();

beforeAll(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'tix-queries-'));
  store = await openTestStore({ sqlitePath: join(dir, 'tix.db') });
  await buildDataSet();
  await store.flush();
  // nothing closes by itself while the test reads: the data set is what it is
  app = await buildApp({ store, tickets: { autoCloseMs: 100 * 365 * 86_400_000 } });
  for (const [email, id] of userIds) {
    const t = newToken('session');
    await store.identity.insertToken({
      userId: id,
      kind: 'session',
      name: 'test',
      tokenHash: t.hash,
      prefix: t.prefix,
      scopes: ['*'],
      createdAt: iso(Date.now()),
      expiresAt: iso(Date.now() + 86_400_000),
    });
    bearer.set(email, t.token);
  }
}, 120_000);
afterAll(async () => {
  await app?.close();
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// generous: each test walks thousands of pages in-process, and the machine is shared
describe.skipIf(skip)(
  `ticket queries at scale give what a plain reading of the tables gives (${testDatabaseKind})`,
  { timeout: 240_000 },
  () => {
    it('the data set has what the comparison needs: ties, every status, unread and read tickets, prefixes past the expansion limit', async () => {
      const ref = await readReference();
      const times = [...ref.tickets.values()].map((t) => t.updatedAt);
      expect(new Set(times.map((t) => t.slice(0, 19))).size).toBeLessThan(times.length);
      expect(new Set(times).size).toBeLessThan(times.length);
      expect(new Set([...ref.tickets.values()].map((t) => t.status))).toEqual(new Set(statuses));
      const agent = ref.users.get('agent1@scale.test')!;
      const unread = [...ref.tickets.values()].filter((t) => ref.unread(agent.id, t) > 0).length;
      expect(unread).toBeGreaterThan(20);
      expect(unread).toBeLessThan(ref.tickets.size);
      // SQLite expands a prefix to the whole terms it starts, up to a limit: "za" starts more than that
      if (store instanceof SqliteStore)
        expect(
          (store.db.prepare("SELECT count(*) AS n FROM search_terms WHERE term >= 'za' AND term < 'zb'").get() as { n: number }).n,
        ).toBeGreaterThan(300);
    });

    it("the unread counts the store kept, at each ticket's activity, are a recount from messages and read state", async () => {
      const derivation = store instanceof SqliteStore ? sqliteUnreadRows('1 = 1') : postgresUnreadRows('true');
      const kept = await rows('SELECT count(*) AS n FROM ticket_unread');
      expect(Number(kept[0]!.n)).toBeGreaterThan(100);
      expect(await rows(unreadDisagreements(derivation))).toEqual([]);
    });

    it.each(VIEWERS)('lists, filters and searches page by page as %s', async (email) => {
      const ref = await readReference();
      const random = prng(email.length);
      for (const q of queries(ref)) {
        const limit = [3, 7, 50, 1000][Math.floor(random() * 4)]!;
        expect(await listed(email, q, limit), `${email} ${JSON.stringify(q)} limit ${limit}`).toEqual(expected(ref, email, q));
      }
    });

    it.each(VIEWERS)('counts the inbox and pages each group to its end as %s', async (email) => {
      const ref = await readReference();
      const all = expected(ref, email, { unread: true });
      if (all === 'not_found') throw new Error('unreachable');
      const sum = (list: typeof all) => ({ tickets: list.length, messages: list.reduce((n, t) => n + t.unread, 0) });
      for (const limit of [1, 4, 30]) {
        const plain = await get(email, '/inbox', { limit });
        expect(plain.body.total).toEqual(sum(all));
        expect(plain.body.items.map((t: { id: number }) => t.id)).toEqual(all.slice(0, limit).map((t) => t.id));
        const rest = plain.body.nextCursor ? await listedFrom(email, {}, plain.body.nextCursor) : [];
        expect([...plain.body.items.map((t: { id: number }) => t.id), ...rest]).toEqual(all.map((t) => t.id));
        for (const by of ['establishment', 'type'] as const) {
          const grouped = await get(email, '/inbox', { by, limit });
          expect(grouped.body.total).toEqual(sum(all));
          const keys = by === 'establishment' ? [...ref.sirets.keys()] : [...new Set([...ref.tickets.values()].map((t) => t.type))];
          const want = keys
            .map((key) => {
              const list = expected(ref, email, { unread: true, ...(by === 'establishment' ? { establishment: key } : { type: key }) });
              return { key, list: list === 'not_found' ? [] : list };
            })
            .filter((g) => g.list.length > 0);
          expect(grouped.body.groups.map((g: { key: string }) => g.key).sort()).toEqual(want.map((g) => g.key).sort());
          for (const g of grouped.body.groups as Array<{
            key: string;
            tickets: number;
            messages: number;
            items: Array<{ id: number }>;
            nextCursor: string | null;
          }>) {
            const list = want.find((w) => w.key === g.key)!.list;
            expect({ tickets: g.tickets, messages: g.messages }).toEqual(sum(list));
            const filter = by === 'establishment' ? { establishment: g.key } : { type: g.key };
            const more = g.nextCursor ? await listedFrom(email, filter, g.nextCursor) : [];
            expect([...g.items.map((t) => t.id), ...more]).toEqual(list.map((t) => t.id));
          }
          // busiest group first
          const messages = grouped.body.groups.map((g: { messages: number }) => g.messages);
          expect(messages).toEqual([...messages].sort((a, b) => b - a));
        }
      }
    });

    // PostgreSQL's migration builds its unread rows with the very SQL the recount above checks
    if (testDatabaseKind === 'sqlite')
      it('a database from before the scale migration, upgraded by it, answers the same', async () => {
        if (!(store instanceof SqliteStore)) throw new Error('unreachable');
        const old = join(dir, 'v4.db');
        const v4 = new DatabaseSync(old);
        migrate(
          v4,
          sqliteMigrations.filter((m) => m.version < SCALE_MIGRATION),
        );
        v4.exec(`ATTACH '${join(dir, 'tix.db')}' AS built`);
        const v4Ticket =
          'id, establishment_id, created_by, on_behalf_of, type, category, summary, fields, status, follow_up_of, created_at, updated_at, resolved_at, closed_at, auto_closed';
        for (const [table, columns] of [
          ['companies', '*'],
          ['establishments', '*'],
          ['users', '*'],
          ['memberships', '*'],
          ['tickets', v4Ticket],
          ['messages', '*'],
          ['message_reads', '*'],
          ['idempotency_keys', '*'],
        ])
          v4.exec(`INSERT INTO main.${table} SELECT ${columns} FROM built.${table}`);
        v4.exec(`INSERT INTO ticket_text (ticket_id, body) SELECT id, summary FROM tickets UNION ALL SELECT ticket_id, body FROM messages`);
        v4.exec('DETACH built');
        v4.close();
        const said: string[] = [];
        const upgraded = new SqliteStore(old, { log: (line) => said.push(line) });
        try {
          expect(said[0]).toMatch(new RegExp(`^upgrading the database to schema version ${SCALE_MIGRATION} .*: \\d+ messages`));
          expect(said.at(-1)).toMatch(new RegExp(`^upgraded to schema version ${SCALE_MIGRATION} in [\\d.]+ s$`));
          const dump = (db: DatabaseSync, sql: string) => db.prepare(sql).all();
          for (const sql of [
            'SELECT * FROM ticket_unread ORDER BY ticket_id, user_id',
            'SELECT id, message_count FROM tickets ORDER BY id',
            'SELECT CAST(id AS TEXT) AS key FROM ticket_search_docsize ORDER BY id',
            'SELECT term FROM search_terms ORDER BY term',
          ])
            expect(dump(upgraded.db, sql), sql).toEqual(dump(store.db, sql));
          for (const email of ['agent1@scale.test', 'nord@scale.test']) {
            const viewer = upgraded.db.prepare('SELECT id, role FROM users WHERE email = ?').get(email) as { id: number; role: string };
            const visible =
              viewer.role === 'agent'
                ? 'all'
                : (
                    upgraded.db
                      .prepare("SELECT establishment_id FROM memberships WHERE user_id = ? AND role = 'admin'")
                      .all(viewer.id) as Array<{
                      establishment_id: number;
                    }>
                  ).map((r) => r.establishment_id);
            for (const search of SEARCHES) {
              const filter = { viewerId: viewer.id, visible, search, limit: 1001 } as const;
              expect(
                (await upgraded.tickets.listTickets(filter)).map((t) => [t.id, t.unread]),
                search,
              ).toEqual((await store.tickets.listTickets(filter)).map((t) => [t.id, t.unread]));
            }
          }
        } finally {
          await upgraded.close();
        }
      });
  },
);

async function listedFrom(email: string, filter: Query, cursor: string): Promise<number[]> {
  const ids: number[] = [];
  for (let next: string | null = cursor; next; ) {
    const res = await get(email, '/tickets', { ...filter, status: filter.status?.join(','), unread: true, limit: 5, cursor: next });
    expect(res.status).toBe(200);
    ids.push(...res.body.items.map((t: { id: number }) => t.id));
    next = res.body.nextCursor;
  }
  return ids;
}
