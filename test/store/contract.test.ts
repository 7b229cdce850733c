import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeStatuses, statusAfterReply, type Status } from '../../src/core/lifecycle.ts';
import { demoEstablishments as est } from '../../src/server/demo.ts';
import type { LoginThrottleState, NewTicketRecord, Store } from '../../src/server/store/store.ts';
import { openSharedStores, skipWithoutPostgres, testDatabaseKind } from '../helpers/database.ts';
import { preparedDemo } from '../helpers/server.ts';

// The store contract: what every store promises (src/server/store/store.ts), checked on SQLite and on PostgreSQL
// (the `sqlite` and `postgres` projects run this same file). Three stores share one database, each with its own
// connections, as three `tix serve` processes do: what one writes, the others see, and the guarantees hold when
// they write at once.

const skip = testDatabaseKind === 'postgres' && skipWithoutPostgres();
let shared: Awaited<ReturnType<typeof openSharedStores>>;
let a: Store, b: Store, c: Store;
const ids = { yann: 0, sarah: 0, agent: 0, paris: 0, lille: 0 };
let clock = Date.parse('2026-11-22T10:00:00Z');
/** a later time at each call: the order of writes is the order of their times */
const tick = () => {
  clock += 1000;
  return new Date(clock).toISOString();
};

beforeAll(async () => {
  if (skip) return;
  shared = await openSharedStores(3);
  [a, b, c] = shared.stores as [Store, Store, Store];
  await a.identity.loadOrganisation(await preparedDemo());
  for (const user of ['yann', 'sarah', 'agent'] as const) ids[user] = (await a.identity.findUserByEmail(`${user}@demo.test`))!.id;
  const all = await a.identity.allEstablishments();
  ids.paris = all.find((e) => e.siret === est.paris.siret)!.id;
  ids.lille = all.find((e) => e.siret === est.lille.siret)!.id;
});
afterAll(() => shared?.close());

const ticket = (over: Partial<NewTicketRecord> = {}): NewTicketRecord => ({
  establishmentId: ids.paris,
  createdById: ids.yann,
  onBehalfOf: null,
  type: 'question',
  category: 'general',
  summary: `Summary ${randomUUID()}`,
  fields: {},
  description: 'The description',
  uploadIds: [],
  followUpOf: null,
  at: tick(),
  ...over,
});

const reply = (ticketId: number, authorId: number, body: string, key?: string) => ({
  ticketId,
  authorId,
  body,
  uploadIds: [],
  at: tick(),
  ...(key ? { idempotency: { key, fingerprint: `reply ${ticketId} ${body}` } } : {}),
  nextStatus: (current: Status) => statusAfterReply(current, authorId === ids.agent ? 'agent' : 'customer') ?? { refused: 'closed' },
});

/** what a login admission sees of these keys now, admitting nothing */
async function statesOf(s: Store, keys: string[], at: string): Promise<LoginThrottleState[]> {
  let seen: LoginThrottleState[] = [];
  await s.identity.admitLogin(
    keys,
    (states) => {
      seen = states;
      return 'no';
    },
    at,
    30_000,
  );
  return seen;
}

const created = (r: Awaited<ReturnType<Store['tickets']['createTicket']>>) => {
  if (!('ticketId' in r)) throw new Error(`not created: ${JSON.stringify(r)}`);
  return r.ticketId;
};

describe.skipIf(skip)(`store contract (${testDatabaseKind})`, () => {
  describe('identity and tokens', () => {
    it('loading an organisation twice, even from two instances at once, adds it once', async () => {
      const again = await Promise.all([
        b.identity.loadOrganisation(await preparedDemo()),
        c.identity.loadOrganisation(await preparedDemo()),
      ]);
      expect(again).toEqual([
        { companies: 0, establishments: 0, users: 0 },
        { companies: 0, establishments: 0, users: 0 },
      ]);
      expect((await b.identity.allEstablishments()).map((e) => e.name)).toEqual(['École Lille', 'École Lyon', 'École Paris']);
      expect(await c.identity.membershipsOf(ids.yann)).toEqual([
        { establishmentId: Math.min(ids.paris, ids.lille), role: 'admin' },
        { establishmentId: Math.max(ids.paris, ids.lille), role: 'admin' },
      ]);
    });

    it('a token written by one instance is found by another; revoked once when two revoke it at once', async () => {
      const token = await a.identity.insertToken({
        userId: ids.sarah,
        kind: 'pat',
        name: 'ci',
        tokenHash: `hash-${randomUUID()}`,
        prefix: 'tixp_abc',
        scopes: ['tickets:read', 'tickets:write'],
        createdAt: tick(),
        expiresAt: '2027-11-22T10:00:00.000Z',
      });
      expect(await b.identity.findTokenByHash(token.tokenHash)).toEqual(token);
      const at = tick();
      await c.identity.touchToken(token.id, at);
      expect((await a.identity.listTokens(ids.sarah, 'pat')).find((t) => t.id === token.id)).toMatchObject({
        lastUsedAt: at,
        revokedAt: null,
      });
      const revoked = await Promise.all([a, b, c].map((s) => s.identity.revokeToken(ids.sarah, token.id, tick())));
      expect(revoked.filter(Boolean)).toHaveLength(1);
      expect(await a.identity.revokeToken(ids.yann, token.id, tick())).toBe(false);
    });

    it('login throttling: admissions decided with the keys locked, on every instance at once; outcomes counted', async () => {
      const keys = [`address 192.0.2.${Math.floor(Math.random() * 200)}`, `account sarah@demo.test ${randomUUID()}`];
      const at = tick();
      // ten attempts at once on three instances, three admitted at most while their passwords are checked
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          [a, b, c][i % 3]!.identity.admitLogin(
            keys,
            (states) => (states.every((s) => s.count + s.pending < 3) ? 'admit' : 'busy'),
            at,
            30_000,
          ),
        ),
      );
      expect(answers.filter((x) => x === 'admit')).toHaveLength(3);
      expect(await statesOf(a, keys, at)).toEqual([
        { count: 0, lastFailedAt: null, pending: 3 },
        { count: 0, lastFailedAt: null, pending: 3 },
      ]);
      // the three fail: counted on both keys, no longer pending
      const failedAt = tick();
      await Promise.all([a, b, c].map((s) => s.identity.settleLogin(keys, { failed: true, clear: [] }, failedAt, 3_600_000)));
      expect(await statesOf(b, keys, tick())).toEqual([
        { count: 3, lastFailedAt: failedAt, pending: 0 },
        { count: 3, lastFailedAt: failedAt, pending: 0 },
      ]);
      // an attempt admitted by a process that died stops counting once its time is up
      await c.identity.admitLogin(keys, () => 'admit', tick(), 1000);
      expect((await statesOf(a, keys, new Date(clock + 5000).toISOString())).map((s) => s.pending)).toEqual([0, 0]);
      // a success clears its account key; a failure an hour after the last one counts from one again
      await a.identity.settleLogin(keys, { failed: false, clear: [keys[1]!] }, tick(), 3_600_000);
      const later = new Date(clock + 2 * 3_600_000).toISOString();
      await b.identity.settleLogin(keys, { failed: true, clear: [] }, later, 3_600_000);
      expect(await statesOf(c, keys, later)).toEqual([
        { count: 1, lastFailedAt: later, pending: 0 },
        { count: 1, lastFailedAt: later, pending: 0 },
      ]);
    });
    it('login throttling: rows that count for nothing any more are forgotten; recent failures and pending attempts are kept', async () => {
      const old = [`address 203.0.113.${Math.floor(Math.random() * 200)}`, `account ghost-${randomUUID()}@demo.test`];
      const recent = [`account recent-${randomUUID()}@demo.test`];
      const pending = [`account pending-${randomUUID()}@demo.test`];
      const failedAt = tick();
      await a.identity.settleLogin(old, { failed: true, clear: [] }, failedAt, 3_600_000);
      const later = new Date(Date.parse(failedAt) + 2 * 3_600_000).toISOString();
      await b.identity.settleLogin(recent, { failed: true, clear: [] }, later, 3_600_000);
      await c.identity.admitLogin(pending, () => 'admit', failedAt, 4 * 3_600_000);
      // an hour after `later`: the first failures are more than an hour old, the recent one is not
      const now = new Date(Date.parse(later) + 1000).toISOString();
      const cutoff = new Date(Date.parse(now) - 3_600_000).toISOString();
      let forgotten = 0;
      for (let n = -1; n !== 0; forgotten += n) n = await [a, b][forgotten % 2]!.identity.forgetSettledLogins(cutoff, now, 1);
      expect(forgotten).toBeGreaterThanOrEqual(2);
      expect(await statesOf(a, old, now)).toEqual([
        { count: 0, lastFailedAt: null, pending: 0 },
        { count: 0, lastFailedAt: null, pending: 0 },
      ]);
      expect(await statesOf(b, recent, now)).toEqual([{ count: 1, lastFailedAt: later, pending: 0 }]);
      expect((await statesOf(c, pending, now))[0]!.pending).toBe(1);
    });
    it('login throttling: logins that succeed and forget their address key, while others are admitted on it, never find it missing', async () => {
      // every login from one address shares that key: a settled success deletes its row while another admission
      // makes and locks it (on PostgreSQL that raced into a missing row and a 500)
      const address = `address 198.51.100.${Math.floor(Math.random() * 200)}`;
      const login = async (i: number) => {
        const s = [a, b, c][i % 3]!;
        const keys = [address, `account user${i}@demo.test ${randomUUID()}`];
        const answer = await s.identity.admitLogin(keys, (states) => (states.length === 2 ? 'admit' : 'missing'), tick(), 30_000);
        if (answer !== 'admit') return answer;
        await s.identity.settleLogin(keys, { failed: false, clear: keys }, tick(), 3_600_000);
        return answer;
      };
      const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => login(i)));
      expect(answers.every((x) => x === 'admit')).toBe(true);
      expect(await statesOf(a, [address], tick())).toEqual([{ count: 0, lastFailedAt: null, pending: 0 }]);
    });
  });

  describe('tickets: idempotency keys and dedupe, decided in the write', () => {
    it('twenty creates with one key, spread over three instances at once, make one ticket', async () => {
      const t = ticket();
      const key = `key-${randomUUID()}`;
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => [a, b, c][i % 3]!.tickets.createTicket({ ...t, idempotency: { key, fingerprint: 'same' } })),
      );
      const ticketIds = new Set(results.map(created));
      expect(ticketIds.size).toBe(1);
      expect(results.filter((r) => 'replayed' in r && !r.replayed)).toHaveLength(1);
      expect(results.filter((r) => 'replayed' in r && r.replayed)).toHaveLength(19);
      const found = await c.tickets.listTickets({ viewerId: ids.yann, visible: 'all', search: t.summary.split(' ')[1], limit: 10 });
      expect(found.map((x) => x.id)).toEqual([...ticketIds]);
      expect(found[0]).toMatchObject({ messageCount: 1, status: 'sent', autoClosed: false, closedAt: null });
    });

    it('the same key with another request is a conflict naming the first ticket, and writes nothing', async () => {
      const key = `key-${randomUUID()}`;
      const first = created(await a.tickets.createTicket(ticket({ idempotency: { key, fingerprint: 'one' } })));
      const summary = `Other ${randomUUID()}`;
      expect(await b.tickets.createTicket(ticket({ summary, idempotency: { key, fingerprint: 'two' } }))).toEqual({
        conflict: 'idempotency',
        ticketId: first,
      });
      expect(await c.tickets.listTickets({ viewerId: ids.yann, visible: 'all', search: summary.split(' ')[1], limit: 10 })).toEqual([]);
      // a reply may not reuse a create's key either
      expect(await b.tickets.addMessage(reply(first, ids.yann, 'x', key))).toEqual({ conflict: 'idempotency', ticketId: first });
    });

    it('ten identical --dedupe reports at once, with different keys, make one ticket and nine replies', async () => {
      const summary = `Nightly export failed ${randomUUID()}`;
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          [a, b, c][i % 3]!.tickets.createTicket(
            ticket({
              summary,
              description: `run ${i}`,
              idempotency: { key: `dedupe-${randomUUID()}`, fingerprint: `run ${i}` },
              dedupe: { among: activeStatuses, replyStatus: (s) => statusAfterReply(s, 'customer') ?? { refused: 'closed' } },
            }),
          ),
        ),
      );
      const ticketIds = new Set(results.map(created));
      expect(ticketIds.size).toBe(1);
      expect(results.filter((r) => 'deduplicated' in r && r.deduplicated)).toHaveLength(9);
      const [id] = [...ticketIds];
      const messages = await b.tickets.ticketMessages(id!, ids.yann);
      expect(messages.map((m) => m.body).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `run ${i}`).sort());
      // a closed ticket takes no report: the next one opens a new ticket
      await a.tickets.changeStatus(id!, () => 'closed', tick());
      const after = created(
        await c.tickets.createTicket(
          ticket({
            summary,
            dedupe: { among: activeStatuses, replyStatus: (s) => statusAfterReply(s, 'customer') ?? { refused: 'closed' } },
          }),
        ),
      );
      expect(after).not.toBe(id);
    });

    it('replies with keys: once each when retried on several instances at once; a replay answers even after the ticket closed', async () => {
      const id = created(await a.tickets.createTicket(ticket()));
      const keys = Array.from({ length: 5 }, () => `reply-${randomUUID()}`);
      const results = await Promise.all(
        keys.flatMap((key, k) => [a, b, c].map((s) => s.tickets.addMessage(reply(id, k % 2 ? ids.agent : ids.yann, `body ${key}`, key)))),
      );
      const messageIds = results.map((r) => ('messageId' in r ? r.messageId : -1));
      expect(new Set(messageIds).size).toBe(5);
      expect(messageIds).not.toContain(-1);
      const messages = await b.tickets.ticketMessages(id, ids.yann);
      expect(messages).toHaveLength(6);
      expect((await c.tickets.getTicket(id, ids.yann))!.messageCount).toBe(6);
      await a.tickets.changeStatus(id, () => 'closed', tick());
      expect(await b.tickets.addMessage(reply(id, ids.yann, 'late'))).toEqual({ refused: 'closed' });
      // the retry of a reply that was acknowledged before the close still gets its answer
      expect(await c.tickets.addMessage(reply(id, ids.yann, `body ${keys[0]}`, keys[0]))).toEqual({
        messageId: messageIds[0],
        replayed: true,
      });
    });

    it('an upload is attached to one message: of two writes naming it at once, one is refused and leaves nothing behind', async () => {
      const publicId = `up_${randomUUID()}`;
      await a.uploads.insertUpload({
        publicId,
        userId: ids.yann,
        filename: 'log.txt',
        contentType: 'text/plain',
        size: 3,
        sha256: 'x',
        data: Buffer.from('log'),
        at: tick(),
      });
      const pendingBefore = (await b.uploads.pendingUploads(ids.yann)).count;
      const [upload] = await b.uploads.uploadsByPublicId([publicId]);
      const summaries = [`With file ${randomUUID()}`, `With file ${randomUUID()}`];
      const keys = [`file-${randomUUID()}`, `file-${randomUUID()}`];
      const results = await Promise.all(
        [b, c].map((s, i) =>
          s.tickets.createTicket(
            ticket({ summary: summaries[i], uploadIds: [upload!.id], idempotency: { key: keys[i]!, fingerprint: 'f' } }),
          ),
        ),
      );
      expect(results.filter((r) => 'ticketId' in r)).toHaveLength(1);
      expect(results.filter((r) => 'refused' in r)).toEqual([
        { refused: 'an attachment was already used by another message; upload it again' },
      ]);
      expect((await a.uploads.pendingUploads(ids.yann)).count).toBe(pendingBefore - 1);
      // the refused create wrote nothing, not even its key: the same key works for a new attempt
      const loser = results.findIndex((r) => 'refused' in r);
      expect(
        await a.tickets.listTickets({ viewerId: ids.yann, visible: 'all', search: summaries[loser]!.split(' ')[2], limit: 5 }),
      ).toEqual([]);
      expect('ticketId' in (await a.tickets.createTicket(ticket({ idempotency: { key: keys[loser]!, fingerprint: 'g' } })))).toBe(true);
      const winner = created(results[1 - loser]!);
      const file = await c.uploads.attachmentData(winner, publicId);
      expect(file && Buffer.from(file.data).toString()).toBe('log');
      expect(await c.uploads.attachmentData(winner + 1_000_000, publicId)).toBeUndefined();
    });
  });

  describe('status changes and background work', () => {
    it('the auto-close sweep, run by three instances at once, closes each due ticket exactly once', async () => {
      const resolvedAt = tick();
      const due: number[] = [];
      for (let i = 0; i < 30; i++) {
        const id = created(await a.tickets.createTicket(ticket({ at: resolvedAt })));
        await a.tickets.changeStatus(id, () => 'resolved', resolvedAt);
        due.push(id);
      }
      const later = created(await a.tickets.createTicket(ticket()));
      await a.tickets.changeStatus(later, () => 'resolved', tick());
      const closedAt = tick();
      const sweeps: number[][] = [];
      await Promise.all(
        [a, b, c].map(async (s) => {
          for (;;) {
            const closed = await s.tickets.closeResolvedBefore(resolvedAt, closedAt, 4);
            sweeps.push(closed);
            if (closed.length < 4) return;
          }
        }),
      );
      const all = sweeps.flat();
      expect(all.filter((id) => due.includes(id)).sort((x, y) => x - y)).toEqual(due);
      expect(new Set(all).size).toBe(all.length);
      expect(all).not.toContain(later);
      expect(await b.tickets.getTicket(due[0]!, ids.yann)).toMatchObject({ status: 'closed', closedAt, autoClosed: true });
      expect(await b.tickets.getTicket(later, ids.yann)).toMatchObject({ status: 'resolved', closedAt: null, autoClosed: false });
    });

    it('a reply racing the auto-close: either the reply reopens the ticket, or the ticket closes and refuses it', async () => {
      for (let round = 0; round < 5; round++) {
        const resolvedAt = tick();
        const id = created(await a.tickets.createTicket(ticket({ at: resolvedAt })));
        await a.tickets.changeStatus(id, () => 'resolved', resolvedAt);
        const closedAt = tick();
        const [replied, closed] = await Promise.all([
          b.tickets.addMessage(reply(id, ids.yann, `still broken ${round}`)),
          c.tickets.closeResolvedBefore(resolvedAt, closedAt, 1000),
        ]);
        const t = (await a.tickets.getTicket(id, ids.yann))!;
        if ('messageId' in replied) {
          expect(closed).not.toContain(id);
          expect(t).toMatchObject({ status: 'open', autoClosed: false });
        } else {
          expect(replied).toEqual({ refused: 'closed' });
          expect(closed).toContain(id);
          expect(t).toMatchObject({ status: 'closed', autoClosed: true, messageCount: 1 });
        }
      }
    });

    it('status changes decided against the current status, one at a time', async () => {
      const id = created(await a.tickets.createTicket(ticket()));
      // ten instances each move sent -> answered -> open -> … by one step: no step is lost or doubled
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          [a, b, c][i % 3]!.tickets.changeStatus(
            id,
            (current): Status =>
              current === 'sent' ? 'answered' : current === 'answered' ? 'open' : current === 'open' ? 'resolved' : 'closed',
            tick(),
          ),
        ),
      );
      const steps = results.flatMap((r) => ('status' in r ? [r.status] : []));
      expect(steps.filter((s) => s === 'answered')).toHaveLength(1);
      expect(steps.filter((s) => s === 'open')).toHaveLength(1);
      expect(steps.filter((s) => s === 'resolved')).toHaveLength(1);
      expect((await b.tickets.getTicket(id, ids.yann))!.status).toBe('closed');
      expect(await c.tickets.changeStatus(id, () => ({ refused: 'no' }), tick())).toEqual({ refused: 'no' });
      expect(await c.tickets.changeStatus(999_999_999, () => 'open', tick())).toEqual({ refused: 'no such ticket' });
    });
  });

  describe('read state', () => {
    it('marking read from several instances at once marks each message once; unread again marks the latest', async () => {
      const id = created(await a.tickets.createTicket(ticket({ createdById: ids.sarah, establishmentId: ids.lille })));
      for (let i = 0; i < 6; i++) await a.tickets.addMessage(reply(id, i % 2 ? ids.agent : ids.sarah, `m${i}`));
      // for Yann, co-admin of Lille, all 7 messages are someone else's
      expect((await b.tickets.getTicket(id, ids.yann))!.unread).toBe(7);
      expect((await b.tickets.getTicket(id, ids.sarah))!.unread).toBe(3);
      const changed = await Promise.all([a, b, c].map((s) => s.reads.markRead(ids.yann, id)));
      expect(changed.reduce((x, y) => x + y, 0)).toBe(7);
      expect((await c.tickets.getTicket(id, ids.yann))!.unread).toBe(0);
      // Yann's reading is Yann's: Sarah still has hers unread
      expect((await c.tickets.getTicket(id, ids.sarah))!.unread).toBe(3);
      const latest = await a.reads.markLatestUnread(ids.yann, id);
      const messages = await b.tickets.ticketMessages(id, ids.yann);
      expect(latest).toBe(messages.at(-1)!.id);
      expect(messages.filter((m) => m.unread).map((m) => m.id)).toEqual([latest]);
      expect(await c.reads.markRead(ids.sarah, id, messages[2]!.id)).toBe(1);
      expect(await a.reads.markTicketsRead(ids.sarah, [id])).toBe(2);
      expect(await b.reads.markTicketsRead(ids.sarah, [id])).toBe(0);
    });
  });

  describe('search and listing', () => {
    it('finds words, accents and case aside, every word, each a prefix; newest activity first; query syntax is text', async () => {
      const tag = randomUUID().replace(/-/g, '').slice(0, 10);
      const first = created(
        await a.tickets.createTicket(ticket({ summary: `Export bloqué ${tag}`, description: `La clôture mensuelle échoue ${tag}` })),
      );
      const second = created(await b.tickets.createTicket(ticket({ summary: `Clôturé ${tag}`, description: `L'ÉLÈVE est absent ${tag}` })));
      await c.tickets.addMessage(reply(first, ids.agent, `Réponse: jean-pierre@example.com ${tag}`));
      const search = async (words: string) =>
        (await b.tickets.listTickets({ viewerId: ids.yann, visible: 'all', search: `${words} ${tag}`, limit: 10 })).map((t) => t.id);
      expect(await search('cloture')).toEqual([first, second]);
      expect(await search('CLÔTURE mensuelle')).toEqual([first]);
      expect(await search('bloq')).toEqual([first]);
      expect(await search('eleve')).toEqual([second]);
      expect(await search("l'élève")).toEqual([second]);
      expect(await search('jean-pierre')).toEqual([first]);
      expect(await search('example.com')).toEqual([first]);
      expect(await search('nowhere')).toEqual([]);
      // the query syntax of either database is only ever text: punctuation is no word, words are words
      for (const punctuation of ['"', '*', "')", '&', '|', '!', ':*', '<->', '\\', '(', '-'])
        expect(await search(punctuation), punctuation).toEqual([first, second]);
      for (const words of ['NEAR(', 'cloture" OR "x', 'zq:*', 'mensuelle & !x']) expect(await search(words), words).toEqual([]);
      expect(await b.tickets.listTickets({ viewerId: ids.yann, visible: 'all', search: '"*: ()', limit: 10 })).toEqual([]);
    });

    it('writes made together (one refused midway) are found at once, each ticket once, under its newest activity', async () => {
      const tag = randomUUID().replace(/-/g, '').slice(0, 10);
      const older = created(await a.tickets.createTicket(ticket({ summary: `Together ${tag} older` })));
      const changed = created(await a.tickets.createTicket(ticket({ summary: `Together ${tag} changed` })));
      const publicId = `up_${randomUUID()}`;
      await a.uploads.insertUpload({
        publicId,
        userId: ids.yann,
        filename: 'f.txt',
        contentType: 'text/plain',
        size: 1,
        sha256: 'f',
        data: Buffer.from('f'),
        at: tick(),
      });
      const [upload] = await a.uploads.uploadsByPublicId([publicId]);
      await a.tickets.addMessage({ ...reply(older, ids.agent, `first ${tag}`), uploadIds: [upload!.id] });
      // without waiting for a commit in between: replies, one refused (its upload is taken) and rolled back, a status change
      const results = await Promise.all([
        a.tickets.addMessage(reply(changed, ids.agent, `réponse ${tag}`)),
        a.tickets.addMessage({ ...reply(changed, ids.yann, `refused ${tag}`), uploadIds: [upload!.id] }),
        a.tickets.addMessage(reply(changed, ids.yann, `merci ${tag}`)),
        a.tickets.changeStatus(changed, () => 'resolved', tick()),
      ]);
      expect(results[1]).toEqual({ refused: 'an attachment was already used by another message; upload it again' });
      const search = (s: Store, words: string) =>
        s.tickets.listTickets({ viewerId: ids.yann, visible: 'all', search: `${words} ${tag}`, limit: 10 }).then((r) => r.map((t) => t.id));
      // (on PostgreSQL the four run at once: whichever wrote last decided the status)
      const status = (await a.tickets.getTicket(changed, ids.yann))!.status;
      // (the older ticket, answered by the agent, may share it)
      const withStatus = (await a.tickets.getTicket(older, ids.yann))!.status === status ? [changed, older] : [changed];
      for (const s of [a, b]) {
        expect(await search(s, 'together')).toEqual([changed, older]);
        expect(await search(s, 'merci reponse')).toEqual([changed]);
        expect(await search(s, 'refused')).toEqual([]);
        expect(
          (await s.tickets.listTickets({ viewerId: ids.yann, visible: 'all', search: tag, statuses: [status], limit: 10 })).map(
            (t) => t.id,
          ),
        ).toEqual(withStatus);
      }
    });

    it('filters by visibility, status, type, author and time, and pages by (activity, id) without gaps or repeats', async () => {
      const tag = randomUUID().replace(/-/g, '').slice(0, 10);
      const made: number[] = [];
      for (let i = 0; i < 12; i++)
        made.push(
          created(
            await [a, b, c][i % 3]!.tickets.createTicket(
              ticket({
                summary: `Paged ${tag} ${i}`,
                establishmentId: i % 2 ? ids.lille : ids.paris,
                createdById: i % 2 ? ids.sarah : ids.yann,
                type: i % 4 === 0 ? 'incident' : 'question',
                category: i % 4 === 0 ? 'technical' : 'general',
              }),
            ),
          ),
        );
      const base = { viewerId: ids.yann, search: tag };
      const pages: number[] = [];
      for (let before: { updatedAt: string; id: number } | undefined; ; ) {
        const page = await [a, b, c][pages.length % 3]!.tickets.listTickets({ ...base, visible: 'all', before, limit: 5 });
        pages.push(...page.map((t) => t.id));
        if (page.length < 5) break;
        before = { updatedAt: page.at(-1)!.updatedAt, id: page.at(-1)!.id };
      }
      expect(pages).toEqual([...made].reverse());
      const lille = await b.tickets.listTickets({ ...base, visible: [ids.lille], limit: 100 });
      expect(lille.map((t) => t.id)).toEqual(made.filter((_, i) => i % 2).reverse());
      expect((await c.tickets.listTickets({ ...base, visible: [], limit: 100 })).length).toBe(0);
      expect((await c.tickets.listTickets({ ...base, visible: 'all', type: 'incident', limit: 100 })).length).toBe(3);
      expect((await c.tickets.listTickets({ ...base, visible: 'all', category: 'technical', limit: 100 })).length).toBe(3);
      expect((await c.tickets.listTickets({ ...base, visible: 'all', authorId: ids.sarah, limit: 100 })).length).toBe(6);
      await a.tickets.changeStatus(made[0]!, () => 'resolved', tick());
      expect((await c.tickets.listTickets({ ...base, visible: 'all', statuses: ['resolved'], limit: 100 })).map((t) => t.id)).toEqual([
        made[0],
      ]);
      const since = (await a.tickets.getTicket(made[0]!, ids.yann))!.updatedAt;
      expect((await c.tickets.listTickets({ ...base, visible: 'all', since, limit: 100 })).map((t) => t.id)).toEqual([made[0]]);
      expect((await c.tickets.listTickets({ ...base, visible: 'all', unreadOnly: true, limit: 100 })).map((t) => t.id)).toEqual(
        made.filter((_, i) => i % 2).reverse(),
      );
    });
  });

  describe('uploads', () => {
    it('forgets stale uploads never attached, and only those', async () => {
      const old = `up_${randomUUID()}`;
      const fresh = `up_${randomUUID()}`;
      for (const [publicId, at] of [
        [old, '2020-01-01T00:00:00.000Z'],
        [fresh, tick()],
      ] as const)
        await a.uploads.insertUpload({
          publicId,
          userId: ids.sarah,
          filename: 'f',
          contentType: 'text/plain',
          size: 1,
          sha256: 's',
          data: Buffer.from('f'),
          at,
        });
      expect(await b.uploads.deleteStaleUploads('2021-01-01T00:00:00.000Z')).toBeGreaterThanOrEqual(1);
      expect((await c.uploads.uploadsByPublicId([old, fresh])).map((u) => u.publicId)).toEqual([fresh]);
    });
  });

  describe('contacts', () => {
    const companyOf = async () => (await a.identity.companyBySiren('812345676'))!.id;
    const draft = (name: string, emails = ['ops@ecoles-demo.fr']) => ({ type: 'technical' as const, name, emails, phone: null });

    it('two instances adding the same contact at once: one is added, the other is told it exists', async () => {
      const company = await companyOf();
      const name = `Ops ${randomUUID()}`;
      const results = await Promise.all([a, b, c].map((s) => s.contacts.insertContact(company, draft(name), tick())));
      expect(results.filter((r) => 'id' in r)).toHaveLength(1);
      expect(results.filter((r) => 'duplicate' in r)).toHaveLength(2);
      const again = await a.contacts.insertContact(company, draft(name.toLowerCase()), tick());
      expect(again).toEqual({ duplicate: expect.objectContaining({ name }) });
    });

    it('apply is all or nothing, and two applies at once leave exactly the declared set', async () => {
      const company = await companyOf();
      const all = (s: Store) => s.contacts.listContacts(company);
      // a plan whose second addition breaks the uniqueness rule: the first addition is not kept either
      const before = await all(a);
      const name = `Twice ${randomUUID()}`;
      await expect(
        b.contacts.applyContacts(company, () => ({ add: [draft(name), draft(name)], change: [], remove: [] }), {
          at: tick(),
          dryRun: false,
        }),
      ).rejects.toThrow();
      expect(await all(c)).toEqual(before);
      // a dry run writes nothing
      const dry = await c.contacts.applyContacts(company, () => ({ add: [draft(`Dry ${randomUUID()}`)], change: [], remove: [] }), {
        at: tick(),
        dryRun: true,
      });
      expect(dry).toMatchObject({ addedIds: [] });
      expect(await all(a)).toEqual(before);
      // two instances make the contacts the same declared set at once: planned against what each finds
      const desired = [draft(`Declared A ${randomUUID()}`), draft(`Declared B ${randomUUID()}`, ['b@ecoles-demo.fr'])];
      const key = (x: { type: string; name: string }) => `${x.type}\n${x.name.toLowerCase()}`;
      await Promise.all(
        [a, b].map((s) =>
          s.contacts.applyContacts(
            company,
            (current) => ({
              add: desired.filter((d) => !current.some((x) => key(x) === key(d))),
              change: [],
              remove: current.filter((x) => !desired.some((d) => key(d) === key(x))).map((x) => x.id),
            }),
            { at: tick(), dryRun: false },
          ),
        ),
      );
      expect((await all(c)).map((x) => x.name).sort()).toEqual(desired.map((d) => d.name).sort());
    });

    it('an update decides against the contact as it is now: two instances adding addresses at once both keep theirs', async () => {
      const company = await companyOf();
      const made = await a.contacts.insertContact(company, draft(`Merge ${randomUUID()}`), tick());
      if (!('id' in made)) throw new Error('not added');
      await Promise.all(
        ['x@ecoles-demo.fr', 'y@ecoles-demo.fr', 'z@ecoles-demo.fr'].map((email, i) =>
          [a, b, c][i]!.contacts.updateContact(company, made.id, (current) => ({ ...current, emails: [...current.emails, email] }), tick()),
        ),
      );
      expect((await b.contacts.getContact(company, made.id))!.emails.sort()).toEqual(
        ['ops@ecoles-demo.fr', 'x@ecoles-demo.fr', 'y@ecoles-demo.fr', 'z@ecoles-demo.fr'].sort(),
      );
      expect(await c.contacts.deleteContact(company, made.id)).toBe(true);
      expect(await a.contacts.deleteContact(company, made.id)).toBe(false);
      expect(await b.contacts.getContact(company, made.id)).toBeUndefined();
    });
  });

  describe('settings', () => {
    it('a change made on one instance is what every instance reads', async () => {
      const company = (await a.identity.companyBySiren('812345676'))!;
      await b.settings.setMarkRead(company.id, 'on-open');
      expect((await c.identity.getCompany(company.id))!.markRead).toBe('on-open');
      await c.settings.setMarkRead(company.id, 'manual');
      expect((await a.identity.companyBySiren('812345676'))!.markRead).toBe('manual');
    });
  });
});
