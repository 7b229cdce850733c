import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoEstablishments as est } from '../../src/server/demo.ts';
import { isolatedEnv, spawnTix, tix } from '../helpers/cli.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { allTickets } from '../helpers/store-facts.ts';
import { json, startStub, type Stub } from '../helpers/stub.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const as = async (user: string, extra: Record<string, string> = {}) =>
  isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: await s.tokenFor(`${user}@demo.test`), NO_COLOR: '1', ...extra });
const agentSays = async (id: number, body: string) =>
  s.api('POST', `/tickets/${id}/messages`, { token: await s.tokenFor('agent@demo.test'), body: { body } });
async function lilleTicket(summary: string): Promise<number> {
  const r = await tix(
    [
      'ticket',
      'create',
      '--type',
      'question',
      '--establishment',
      est.lille.siret,
      '--summary',
      summary,
      '--description',
      'Question',
      '--json',
      'id',
    ],
    { env: await as('yann') },
  );
  return r.json().id;
}
const unreadOf = async (user: string, id: number) =>
  (await tix(['ticket', 'view', String(id), '--no-mark-read', '--json', 'unread'], { env: await as(user) })).json().unread;

describe('read state', () => {
  it('is per user: Yann reading a Lille ticket does not clear it for Sarah', async () => {
    const id = await lilleTicket('Read state per user');
    await agentSays(id, 'First answer');
    await agentSays(id, 'Second answer');
    expect(await unreadOf('yann', id)).toBe(2);
    // Yann's own first message counts for Sarah too: someone else wrote it
    expect(await unreadOf('sarah', id)).toBe(3);
    const read = await tix(['ticket', 'read', String(id)], { env: await as('yann') });
    expect(read.stderr).toMatch(new RegExp(`#${id}: 2 messages marked read`));
    expect(await unreadOf('yann', id)).toBe(0);
    expect(await unreadOf('sarah', id)).toBe(3);
    // idempotent
    expect((await tix(['ticket', 'read', String(id), '--json'], { env: await as('yann') })).json()).toEqual({ tickets: 1, messages: 0 });
  });

  it("a message from oneself is never unread; Sarah sees Yann's messages as unread", async () => {
    const id = await lilleTicket('Own messages');
    expect(await unreadOf('yann', id)).toBe(0);
    expect(await unreadOf('sarah', id)).toBe(1);
  });

  it('--message marks read up to one message; unread marks the latest one unread again', async () => {
    const id = await lilleTicket('Partial read');
    await agentSays(id, 'one');
    const two = (await agentSays(id, 'two')).body.message.id;
    const messages = (await tix(['ticket', 'view', String(id), '--no-mark-read', '--json', 'messages'], { env: await as('yann') })).json()
      .messages;
    await tix(['ticket', 'read', String(id), '--message', String(messages[1].id)], { env: await as('yann') });
    expect(await unreadOf('yann', id)).toBe(1);
    await tix(['ticket', 'read', String(id)], { env: await as('yann') });
    const unread = await tix(['ticket', 'unread', String(id)], { env: await as('yann') });
    expect(unread.stderr).toContain(`message ${two} is unread again`);
    expect(await unreadOf('yann', id)).toBe(1);
  });

  it('read --all clears matching tickets and counts what it cleared; --unread lists what is left', async () => {
    const a = await lilleTicket('Bulk A');
    const b = await lilleTicket('Bulk B');
    await agentSays(a, 'answer A');
    await agentSays(b, 'answer B1');
    await agentSays(b, 'answer B2');
    const env = await as('sarah');
    const unread = await tix(['ticket', 'list', '--unread', '--json', 'id,unread'], { env });
    expect(unread.json()).toEqual(
      expect.arrayContaining([
        { id: a, unread: 2 },
        { id: b, unread: 3 },
      ]),
    );
    const bulk = await tix(['ticket', 'read', '--all', '--search', 'Bulk', '--json'], { env });
    expect(bulk.json()).toEqual({ tickets: 2, messages: 5 });
    expect((await tix(['ticket', 'list', '--unread', '--search', 'Bulk', '--json', 'id'], { env })).json()).toEqual([]);
    const usage = await tix(['ticket', 'read'], { env });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/give a ticket number, or --all/);
    expect((await tix(['ticket', 'read', String(a), '--status', 'open'], { env })).code).toBe(2);
  });
});

describe('the mark-read setting (seed 002)', () => {
  afterEach(async () => {
    await tix(['settings', 'set', 'mark-read', 'manual'], { env: await as('yann') });
  });

  it('manual (the default): viewing does not mark read', async () => {
    const env = await as('sarah');
    expect((await tix(['settings', 'list'], { env })).stdout).toBe('mark-read\tmanual\nlanguage\ten\n');
    const id = await lilleTicket('Manual view');
    await tix(['ticket', 'view', String(id)], { env });
    expect(await unreadOf('sarah', id)).toBe(1);
  });

  it('on-open: viewing marks what it shows read, for the viewer only; --no-mark-read never marks', async () => {
    const set = await tix(['settings', 'set', 'mark-read', 'on-open'], { env: await as('sarah') });
    expect(set.stderr).toMatch(/mark-read is now on-open for Écoles Démo/);
    expect((await tix(['settings', 'list', '--json'], { env: await as('yann') })).json()).toEqual({
      company: { siren: '812345676', name: 'Écoles Démo' },
      markRead: 'on-open',
      language: 'en',
    });
    const id = await lilleTicket('On-open view');
    await agentSays(id, 'answer');
    const env = await as('sarah');
    expect((await tix(['ticket', 'view', String(id), '--no-mark-read'], { env })).code).toBe(0);
    expect(await unreadOf('sarah', id)).toBe(2);
    const viewed = await tix(['ticket', 'view', String(id)], { env });
    // the view shows what was new when it opened
    expect(viewed.stdout).toMatch(/2 unread messages/);
    expect(await unreadOf('sarah', id)).toBe(0);
    expect(await unreadOf('yann', id)).toBe(1);
    // JSON views mark too
    await agentSays(id, 'another');
    await tix(['ticket', 'view', String(id), '--json', 'id'], { env });
    expect(await unreadOf('sarah', id)).toBe(0);
  });

  it('only admins change settings; bad keys and values are usage errors', async () => {
    expect((await tix(['settings', 'set', 'mark-read', 'on-open'], { env: await as('eve') })).code).toBe(4);
    expect((await tix(['settings', 'set', 'mark-read', 'on-open'], { env: await as('agent') })).code).toBe(4);
    const bad = await tix(['settings', 'set', 'mark-read', 'sometimes'], { env: await as('yann') });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/mark-read: expected manual or on-open, got "sometimes"/);
    expect((await tix(['settings', 'set', 'colour', 'blue'], { env: await as('yann') })).stderr).toMatch(
      /unknown setting "colour"; settings: mark-read, language/,
    );
    const agent = await tix(['settings', 'list'], { env: await as('agent') });
    expect(agent.code).toBe(2);
    expect((await tix(['settings', 'list', '--company', '812345676', '--json', 'markRead'], { env: await as('agent') })).json()).toEqual({
      markRead: 'manual',
    });
  });
});

describe('tix inbox', () => {
  it('groups the tickets with unread messages, counts them, and empties as they are read', async () => {
    const inboxServer = await startTestServer();
    try {
      const env = (user: string) =>
        inboxServer.tokenFor(`${user}@demo.test`).then((t) => isolatedEnv({ TIX_SERVER: inboxServer.url, TIX_TOKEN: t, NO_COLOR: '1' }));
      const agent = await inboxServer.tokenFor('agent@demo.test');
      const file = async (siret: string, type: string, summary: string, extra: string[] = []) =>
        (
          await tix(
            [
              'ticket',
              'create',
              '--type',
              type,
              '--establishment',
              siret,
              '--summary',
              summary,
              '--description',
              'd',
              ...extra,
              '--json',
              'id',
            ],
            { env: await env('yann') },
          )
        ).json().id as number;
      const p1 = await file(est.paris.siret, 'question', 'Paris question');
      const l1 = await file(est.lille.siret, 'incident', 'Lille incident', ['--field', 'severity=low']);
      const l2 = await file(est.lille.siret, 'question', 'Lille question');
      for (const [id, n] of [
        [p1, 1],
        [l1, 2],
        [l2, 1],
      ] as const)
        for (let i = 0; i < n; i++)
          await inboxServer.api('POST', `/tickets/${id}/messages`, { token: agent, body: { body: `answer ${i}` } });

      const yann = await env('yann');
      const all = await tix(['inbox', '--json'], { env: yann });
      expect(all.json().total).toEqual({ tickets: 3, messages: 4 });
      expect(all.json().items.map((t: { id: number }) => t.id)).toEqual([l2, l1, p1]);
      const byEst = await tix(['inbox', '--by', 'establishment', '--json'], { env: yann });
      expect(byEst.json().groups).toEqual([
        { key: est.lille.siret, name: 'École Lille', tickets: 2, messages: 3, ids: [l2, l1] },
        { key: est.paris.siret, name: 'École Paris', tickets: 1, messages: 1, ids: [p1] },
      ]);
      const byType = await tix(['inbox', '--by', 'type', '--json'], { env: yann });
      expect(byType.json().groups.map((g: { key: string; messages: number }) => [g.key, g.messages])).toEqual([
        ['incident', 2],
        ['question', 2],
      ]);
      // --json FIELDS, like every read command: the items keep those fields; the counts and groups stay whole
      const some = await tix(['inbox', '--by', 'establishment', '--json', 'id,unread'], { env: yann });
      expect(some.code).toBe(0);
      expect(some.json().items).toEqual([
        { id: l2, unread: 1 },
        { id: l1, unread: 2 },
        { id: p1, unread: 1 },
      ]);
      expect(some.json().groups.map((g: { ids: number[] }) => g.ids)).toEqual([[l2, l1], [p1]]);
      const unknown = await tix(['inbox', '--json', 'id,colour'], { env: yann });
      expect(unknown.code).toBe(2);
      expect(unknown.stdout).toBe('');
      expect(unknown.stderr).toMatch(/colour.*summary/s);

      const human = await tix(['inbox', '--by', 'establishment'], { env: yann, tty: true });
      expect(human.stdout).toMatch(
        /^Inbox: 3 tickets, 4 unread messages\n\nÉcole Lille \(81234567600025\): 2 tickets, 3 unread messages\n/,
      );
      const piped = await tix(['inbox', '--by', 'type'], { env: yann });
      expect(piped.stdout.split('\n')[0]).toMatch(/^incident\t\d+\t2\t/);

      // Sarah's inbox is hers: Lille only, and Yann reading does not change it
      await tix(['ticket', 'read', String(l1)], { env: yann });
      expect((await tix(['inbox', '--json'], { env: await env('sarah') })).json().total).toEqual({ tickets: 2, messages: 5 });
      expect((await tix(['inbox', '--json'], { env: yann })).json().total).toEqual({ tickets: 2, messages: 2 });
      await tix(['ticket', 'read', '--all'], { env: yann });
      const empty = await tix(['inbox'], { env: yann, tty: true });
      expect(empty.code).toBe(0);
      expect(empty.stderr).toMatch(/Inbox zero/);
      expect((await tix(['inbox', '--by', 'month'], { env: yann })).code).toBe(2);
    } finally {
      await inboxServer.close();
    }
  });

  it('shows the newest tickets with the counts of all of them; --all pages the rest, in all and per group', async () => {
    const inboxServer = await startTestServer();
    try {
      const yann = isolatedEnv({ TIX_SERVER: inboxServer.url, TIX_TOKEN: await inboxServer.tokenFor('yann@demo.test'), NO_COLOR: '1' });
      // 1,030 tickets with one unread answer each (more than a page of --all), 31 of them in Lille, imported in bulk
      const { identity, tickets } = inboxServer.store;
      const [yannId, agentId] = await Promise.all(
        ['yann@demo.test', 'agent@demo.test'].map(async (e) => (await identity.findUserByEmail(e))!.id),
      );
      const establishmentIds = new Map((await identity.allEstablishments()).map((e) => [e.siret, e.id]));
      const sirets = Array.from({ length: 1030 }, (_, i) => (i % 34 === 0 ? est.lille.siret : est.paris.siret));
      const at = (i: number, s: number) => new Date(Date.UTC(2026, 10, 1) + i * 60_000 + s * 1000).toISOString();
      await tickets.importTickets([
        sirets.map((siret, i) => ({
          establishmentId: establishmentIds.get(siret)!,
          createdById: yannId!,
          type: 'question',
          category: 'general',
          summary: `Many ${i}`,
          fields: {},
          status: 'answered' as const,
          createdAt: at(i, 0),
          updatedAt: at(i, 1),
          resolvedAt: null,
          closedAt: null,
          messages: [
            { authorId: yannId!, body: 'd', createdAt: at(i, 0) },
            { authorId: agentId!, body: 'answer', createdAt: at(i, 1) },
          ],
          readUpTo: [],
        })),
      ]);
      await inboxServer.store.flush();
      // ids in the order of the import, which is the order of activity: newest first is the reverse
      const ids = (await allTickets(inboxServer.store))
        .filter((t) => t.summary.startsWith('Many '))
        .map((t) => t.id)
        .sort((a, b) => a - b);
      expect(ids).toHaveLength(1030);
      const newestFirst = [...ids].reverse();

      const shown = await tix(['inbox', '--limit', '5', '--json'], { env: yann });
      expect(shown.json().total).toEqual({ tickets: 1030, messages: 1030 });
      expect(shown.json().items.map((t: { id: number }) => t.id)).toEqual(newestFirst.slice(0, 5));
      const human = await tix(['inbox'], { env: yann, tty: true });
      expect(human.stdout).toMatch(/^Inbox: 1,030 tickets, 1,030 unread messages\n/);
      expect(human.stderr).toMatch(/Showing the 30 most recent; every one of the 1,030 with --all/);

      const all = await tix(['inbox', '--all', '--json'], { env: yann });
      expect(all.json().items.map((t: { id: number }) => t.id)).toEqual(newestFirst);
      const piped = await tix(['inbox', '--all'], { env: yann });
      expect(
        piped.stdout
          .trimEnd()
          .split('\n')
          .map((l) => Number(l.split('\t')[0])),
      ).toEqual(newestFirst);

      const grouped = await tix(['inbox', '--by', 'establishment', '--limit', '3', '--all', '--json'], { env: yann });
      const lille = ids.filter((_, i) => i % 34 === 0).reverse();
      expect(grouped.json().groups).toEqual([
        { key: est.paris.siret, name: 'École Paris', tickets: 999, messages: 999, ids: newestFirst.filter((id) => !lille.includes(id)) },
        { key: est.lille.siret, name: 'École Lille', tickets: 31, messages: 31, ids: lille },
      ]);
      expect((await tix(['inbox', '--limit', '0'], { env: yann })).code).toBe(2);
    } finally {
      await inboxServer.close();
    }
  }, 240_000);
});

describe('tix ticket watch', () => {
  let stub: Stub | undefined;
  afterEach(async () => {
    await stub?.close();
    stub = undefined;
  });

  it('--exit-on-reply exits 0 after an agent reply made during the wait, and prints it', async () => {
    const id = await lilleTicket('Waiting for support');
    // the reply comes once the watch has read the conversation as it stands (it says so): a reply before that is
    // part of what it starts from, however slowly the process starts on a loaded machine
    let started!: () => void;
    const waiting = new Promise<void>((resolve) => (started = resolve));
    const watching = spawnTix(['ticket', 'watch', String(id), '--interval', '1s', '--timeout', '30s', '--exit-on-reply'], {
      env: await as('sarah'),
      timeoutMs: 40_000,
      onStderr: (all) => all.includes('waiting for replies') && started(),
    });
    await Promise.race([waiting, watching]);
    await agentSays(id, 'Here is your answer');
    const r = await watching;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/── Alex Support \(support\) · .*\nHere is your answer/);
    expect(r.stderr).toMatch(/waiting for replies on #\d+ "Waiting for support"/);
  }, 60_000); // the watch itself may take up to its 30 s timeout on a loaded machine

  it('exits 8 when nothing arrives before the timeout, and does not report its own messages as replies', async () => {
    const id = await lilleTicket('Nobody answers');
    const started = Date.now();
    const watching = tix(['ticket', 'watch', String(id), '--interval', '1s', '--timeout', '2500ms', '--exit-on-reply'], {
      env: await as('sarah'),
    });
    await new Promise((r) => setTimeout(r, 1200));
    await tix(['ticket', 'reply', String(id), '--body', 'my own note'], { env: await as('sarah') });
    const r = await watching;
    expect(r.code).toBe(8);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2400);
    expect(r.stderr).toMatch(/no new reply on #\d+ within/);
    expect(r.errorJson()).toMatchObject({ code: 'watch_timeout', exitCode: 8 });
    expect(r.stdout).toBe('');
  });

  it('watches the inbox without an id', async () => {
    const id = await lilleTicket('Inbox watch');
    const watching = tix(['ticket', 'watch', '--interval', '1s', '--timeout', '20s', '--exit-on-reply'], { env: await as('sarah') });
    await new Promise((r) => setTimeout(r, 1200));
    await agentSays(id, 'Inbox answer');
    const r = await watching;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`#${id} Inbox watch \\(École Lille\\): \\d+ new message`));
  });

  it('sends one request per interval and backs off while the server fails', async () => {
    const ticket = {
      id: 7,
      status: 'open',
      summary: 'Stubbed',
      messages: [
        {
          id: 1,
          author: { email: 'sarah@demo.test', name: 'Sarah', role: 'admin' },
          body: 'q',
          createdAt: '2026-11-22T10:00:00Z',
          attachments: [],
          unread: false,
        },
      ],
    };
    stub = await startStub((req, res, i) => {
      if (req.url === '/api/v1/me') return json(res, 200, { user: { email: 'sarah@demo.test', name: 'Sarah', role: 'admin' } });
      // the first few polls fail: the watcher must slow down, not hammer
      if (i >= 2 && i <= 4) return json(res, 503, { error: { code: 'unavailable', message: 'maintenance' } });
      return json(res, 200, ticket);
    });
    const r = await tix(['ticket', 'watch', '7', '--interval', '1s', '--timeout', '6s'], {
      env: isolatedEnv({ TIX_SERVER: stub.url, TIX_TOKEN: 'x' }),
      http: { retries: 0 },
    });
    expect(r.code).toBe(8);
    const polls = stub.seen.filter((l) => l === 'GET /api/v1/tickets/7');
    // 1 s, then 2 s and 4 s after failures: far fewer than the 6 polls of a fixed 1 s interval
    expect(polls.length).toBeLessThanOrEqual(5);
    expect(polls.length).toBeGreaterThanOrEqual(3);
    expect(r.stderr).toMatch(/maintenance.*next try in 2s/);
  });

  it('refuses a closed ticket (exit 5) and bad durations (exit 2)', async () => {
    const id = await lilleTicket('Closed watch');
    await s.api('POST', `/tickets/${id}/close`, { token: await s.tokenFor('agent@demo.test') });
    expect((await tix(['ticket', 'watch', String(id)], { env: await as('sarah') })).code).toBe(5);
    expect((await tix(['ticket', 'watch', String(id), '--interval', '10ms'], { env: await as('sarah') })).stderr).toMatch(/at least 1s/);
    expect((await tix(['ticket', 'watch', '--timeout', 'soon'], { env: await as('sarah') })).code).toBe(2);
  });
});
