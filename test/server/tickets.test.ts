import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/core/catalog.ts';
import { demoEstablishments as est } from '../../src/server/demo.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const clock = {
  at: Date.parse('2026-11-22T10:00:00Z'),
  now() {
    return new Date(this.at);
  },
};
let s: TestServer;
let yann: string, sarah: string, agent: string, eve: string;

beforeAll(async () => {
  s = await startTestServer({ app: { clock } });
  [yann, sarah, agent, eve] = await Promise.all(['yann', 'sarah', 'agent', 'eve'].map((u) => s.tokenFor(`${u}@demo.test`)));
});
afterAll(() => s.close());

const incident = (establishment: string, summary = 'Login page returns 500', extra: Record<string, unknown> = {}) => ({
  type: 'incident',
  establishment,
  fields: { summary, description: 'Since 9:00 every login fails with "Service unavailable".', severity: 'high', ...extra },
});

async function file(token: string, body: unknown, headers: Record<string, string> = {}) {
  clock.at += 1000;
  return s.api('POST', '/tickets', { token, body, headers });
}

describe('filing a ticket', () => {
  it('creates a ticket whose first message is the description, status sent', async () => {
    const res = await file(
      yann,
      incident(est.paris.siret, 'Login page returns 500', { url: 'https://app.example.com/login', gdprConsent: true }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'sent',
      type: 'incident',
      category: 'technical',
      summary: 'Login page returns 500',
      establishment: { siret: est.paris.siret, name: 'École Paris' },
      createdBy: { email: 'yann@demo.test', name: 'Yann Le Goff' },
      fields: { severity: 'high', url: 'https://app.example.com/login', gdprConsent: true, shareWithAccountManager: false },
      unread: 0,
      messageCount: 1,
      followUpOf: null,
      onBehalfOf: null,
    });
    // the ticket's web page, not its JSON address: a person can open it
    expect(res.body.url).toMatch(new RegExp(`^http://[^/]+/tickets/${res.body.id}$`));
    const view = await s.api('GET', `/tickets/${res.body.id}`, { token: yann });
    expect(view.body.messages).toEqual([
      expect.objectContaining({
        body: 'Since 9:00 every login fails with "Service unavailable".',
        author: { email: 'yann@demo.test', name: 'Yann Le Goff', role: 'admin' },
        attachments: [],
      }),
    ]);
  });

  it('reports every problem of a request at once, by field (422)', async () => {
    const res = await file(yann, {
      type: 'user-deletion',
      establishment: est.paris.siret,
      fields: { summary: 'Delete John', employeeUrls: ['not a url'], irreversibleAck: false, colour: 'red' },
    });
    expect(res.status).toBe(422);
    const problems = Object.fromEntries(res.body.error.fields.map((f: { field: string; message: string }) => [f.field, f.message]));
    expect(problems).toMatchObject({
      colour: expect.stringMatching(/not a field of user-deletion/),
      description: expect.stringMatching(/is required/),
      employeeUrls: expect.stringMatching(/not an http\(s\) URL/),
      businessJustification: expect.stringMatching(/is required/),
      irreversibleAck: expect.stringMatching(/acknowledged explicitly/),
    });
  });

  it('refuses unknown types, wrong value types and dates in the past', async () => {
    expect((await file(yann, { type: 'nope', establishment: est.paris.siret, fields: {} })).body.error.fields[0]).toMatchObject({
      field: 'type',
    });
    const wrong = await file(yann, { ...incident(est.paris.siret), fields: { summary: 5 } });
    expect(wrong.status).toBe(422);
    const past = await file(yann, {
      type: 'sql-report',
      establishment: est.paris.siret,
      fields: { summary: 'Q1 attendance', description: 'By department', desiredDate: '2020-01-01' },
    });
    expect(past.body.error.fields).toEqual([{ field: 'desiredDate', message: 'a date from today (2026-11-22) on' }]);
  });

  it('needs the establishment when the user has several; takes the only one otherwise', async () => {
    const { establishment: _, ...withoutEst } = incident(est.lille.siret);
    const many = await file(yann, withoutEst);
    expect(many.status).toBe(422);
    expect(many.body.error.fields[0].message).toMatch(/is required: give the SIRET of one of/);
    const one = await file(sarah, withoutEst);
    expect(one.status).toBe(201);
    expect(one.body.establishment.siret).toBe(est.lille.siret);
  });

  it("cannot file for an establishment that is not the user's, and says nothing of whether it exists", async () => {
    const other = await file(sarah, incident(est.paris.siret));
    const none = await file(sarah, incident('73282932000074'));
    expect(other.status).toBe(422);
    expect(other.body.error.fields[0].message).toBe(`${est.paris.siret} is not one of your establishments`);
    expect(none.body.error.fields[0].message).toBe('73282932000074 is not one of your establishments');
  });

  it('an employee cannot file (403)', async () => {
    expect((await file(eve, incident(est.lyon.siret))).status).toBe(403);
  });

  it('every type of the catalog can be filed with its required fields', async () => {
    const upload = async () =>
      (
        await s.app.inject({
          method: 'POST',
          url: '/api/v1/uploads?name=card.pdf',
          headers: { authorization: `Bearer ${yann}`, 'content-type': 'application/octet-stream' },
          payload: Buffer.from('%PDF-1.4 card'),
        })
      ).json().id;
    for (const type of defaultCatalog.types) {
      const fields: Record<string, unknown> = {};
      let attachments: string[] | undefined;
      for (const f of type.fields.filter((x) => x.required)) {
        if (f.kind === 'attachments') attachments = [await upload()];
        else
          fields[f.id] = {
            text: `a ${f.id}`,
            longtext: `the ${f.id}`,
            url: 'https://example.com',
            email: 'a@b.co',
            date: '2026-12-31',
            number: '12',
            choice: f.choices?.[0]?.value,
            multichoice: f.choices?.slice(0, 1).map((c) => c.value),
            boolean: true,
            urls: ['https://example.com/e/1'],
          }[f.kind];
      }
      const res = await file(yann, { type: type.id, establishment: est.paris.siret, fields, ...(attachments ? { attachments } : {}) });
      expect(res.status, `${type.id}: ${JSON.stringify(res.body)}`).toBe(201);
    }
  });
});

describe('idempotency keys', () => {
  it('twenty concurrent creates with the same key make one ticket', async () => {
    const body = incident(est.lille.siret, 'CI run 1234 failed');
    const results = await Promise.all(
      Array.from({ length: 20 }, () => s.api('POST', '/tickets', { token: yann, body, headers: { 'idempotency-key': 'ci-run-1234' } })),
    );
    const ids = new Set(results.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200 && r.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
    const listed = await s.api('GET', `/tickets?search=${encodeURIComponent('CI run 1234')}`, { token: yann });
    expect(listed.body.items).toHaveLength(1);
  });

  it('the same key with a different request is a conflict (409)', async () => {
    await s.api('POST', '/tickets', {
      token: yann,
      body: incident(est.lille.siret, 'first'),
      headers: { 'idempotency-key': 'k-conflict' },
    });
    const second = await s.api('POST', '/tickets', {
      token: yann,
      body: incident(est.lille.siret, 'second'),
      headers: { 'idempotency-key': 'k-conflict' },
    });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('idempotency_conflict');
  });

  it('keys are per user', async () => {
    const a = await s.api('POST', '/tickets', {
      token: yann,
      body: incident(est.lille.siret, 'shared key'),
      headers: { 'idempotency-key': 'same' },
    });
    const b = await s.api('POST', '/tickets', {
      token: sarah,
      body: incident(est.lille.siret, 'shared key'),
      headers: { 'idempotency-key': 'same' },
    });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(a.body.id).not.toBe(b.body.id);
  });
});

describe('visibility (seed 000)', () => {
  let paris: number, lilleBySarah: number;
  beforeAll(async () => {
    paris = (await file(yann, incident(est.paris.siret, 'Paris only problem'))).body.id;
    lilleBySarah = (await file(sarah, incident(est.lille.siret, 'Lille problem by Sarah'))).body.id;
  });

  it("Yann sees Paris and Lille tickets, Sarah's included, and can act on them", async () => {
    const list = await s.api('GET', '/tickets?limit=100', { token: yann });
    const ids = list.body.items.map((t: { id: number }) => t.id);
    expect(ids).toContain(paris);
    expect(ids).toContain(lilleBySarah);
    expect((await s.api('POST', `/tickets/${lilleBySarah}/messages`, { token: yann, body: { body: 'Same here in Paris' } })).status).toBe(
      201,
    );
  });

  it('Sarah never sees Paris: not by list, view, reply, search, attachment or guessed id', async () => {
    const list = await s.api('GET', '/tickets?limit=100', { token: sarah });
    expect(list.body.items.every((t: { establishment: { siret: string } }) => t.establishment.siret === est.lille.siret)).toBe(true);
    const search = await s.api('GET', '/tickets?search=Paris%20only', { token: sarah });
    expect(search.body.items).toEqual([]);
    const view = await s.api('GET', `/tickets/${paris}`, { token: sarah });
    const missing = await s.api('GET', '/tickets/999999', { token: sarah });
    expect(view.status).toBe(404);
    expect(view.body).toEqual({ error: { code: 'not_found', message: `no ticket #${paris}` } });
    expect(missing.body).toEqual({ error: { code: 'not_found', message: 'no ticket #999999' } });
    expect((await s.api('POST', `/tickets/${paris}/messages`, { token: sarah, body: { body: 'hi' } })).status).toBe(404);
    expect((await s.api('POST', `/tickets/${paris}/resolve`, { token: sarah })).status).toBe(404);
    expect((await s.api('GET', `/tickets/${paris}/attachments/up_x`, { token: sarah })).status).toBe(404);
    expect((await s.api('GET', `/tickets?establishment=${est.paris.siret}`, { token: sarah })).status).toBe(404);
    expect((await s.api('POST', '/tickets', { token: sarah, body: { ...incident(est.lille.siret), followUpOf: paris } })).status).toBe(422);
  });

  it('the agent sees everything', async () => {
    expect((await s.api('GET', `/tickets/${paris}`, { token: agent })).status).toBe(200);
  });

  it('an employee gets 403 on tickets', async () => {
    expect((await s.api('GET', '/tickets', { token: eve })).status).toBe(403);
  });
});

describe('conversation and status lifecycle', () => {
  it('sent -> answered (agent) -> open (customer) -> resolved -> reopened by a reply -> closed, then replies refused', async () => {
    const t = (await file(yann, incident(est.paris.siret, 'Lifecycle'))).body.id;
    const reply = async (token: string, body: string) => s.api('POST', `/tickets/${t}/messages`, { token, body: { body } });
    expect((await reply(yann, 'More details')).body.ticket.status).toBe('sent');
    expect((await reply(agent, 'We are on it')).body.ticket.status).toBe('answered');
    expect((await reply(yann, 'Thanks, still failing')).body.ticket.status).toBe('open');
    expect((await s.api('POST', `/tickets/${t}/resolve`, { token: agent })).body.status).toBe('resolved');
    expect((await reply(yann, 'It is back')).body.ticket.status).toBe('open');
    expect((await s.api('POST', `/tickets/${t}/resolve`, { token: yann })).body.status).toBe('resolved');
    // customers do not close; agents do
    const customerClose = await s.api('POST', `/tickets/${t}/close`, { token: yann });
    expect(customerClose.status).toBe(403);
    expect(customerClose.body.error.message).toMatch(/only support agents close tickets/);
    expect((await s.api('POST', `/tickets/${t}/close`, { token: agent })).body.status).toBe('closed');
    const refused = await reply(yann, 'one more thing');
    expect(refused.status).toBe(409);
    expect(refused.body.error).toEqual({
      code: 'ticket_closed',
      message: `ticket #${t} is closed and takes no more replies; file a follow-up that links to it: tix ticket create --follow-up ${t}`,
    });
    expect((await reply(agent, 'agent too')).status).toBe(409);
    // a customer cannot reopen a closed ticket, an agent can
    expect((await s.api('POST', `/tickets/${t}/reopen`, { token: yann })).status).toBe(409);
    const view = await s.api('GET', `/tickets/${t}`, { token: yann });
    expect(view.body.messages.map((m: { author: { role: string } }) => m.author.role)).toEqual([
      'admin',
      'admin',
      'agent',
      'admin',
      'admin',
    ]);

    const followUp = await file(yann, { ...incident(est.paris.siret, 'Lifecycle, again'), followUpOf: t });
    expect(followUp.status).toBe(201);
    expect(followUp.body.followUpOf).toBe(t);
    const notClosed = await file(yann, { ...incident(est.paris.siret, 'x'), followUpOf: followUp.body.id });
    expect(notClosed.body.error.fields[0].message).toMatch(/is sent, not closed: reply there instead/);

    expect((await s.api('POST', `/tickets/${t}/reopen`, { token: agent })).body.status).toBe('open');
  });

  it('resolved tickets close by themselves after the delay (7 days by default), by the background task, not on reads', async () => {
    const t = (await file(yann, incident(est.paris.siret, 'Auto close'))).body.id;
    const resolved = await s.api('POST', `/tickets/${t}/resolve`, { token: yann });
    expect(resolved.body).toMatchObject({ status: 'resolved', closedAt: null, autoClosed: false });
    clock.at += 6 * 86_400_000;
    await s.app.services.background.runAll();
    expect((await s.api('GET', `/tickets/${t}`, { token: yann })).body.status).toBe('resolved');
    clock.at += 2 * 86_400_000;
    // past the delay, a read alone changes nothing: background work is never done on a request
    expect((await s.api('GET', `/tickets/${t}`, { token: yann })).body.status).toBe('resolved');
    expect(await s.app.services.background.runAll()).toMatchObject({ 'auto-close': 1 });
    const closed = (await s.api('GET', `/tickets/${t}`, { token: yann })).body;
    expect(closed).toMatchObject({ status: 'closed', closedAt: new Date(clock.at).toISOString(), autoClosed: true });
    expect((await s.api('POST', `/tickets/${t}/messages`, { token: yann, body: { body: 'late' } })).status).toBe(409);
    // a second run finds nothing left to do
    expect(await s.app.services.background.runAll()).toMatchObject({ 'auto-close': 0 });
    // reopened by an agent and closed by hand: no longer "closed automatically"
    await s.api('POST', `/tickets/${t}/reopen`, { token: agent });
    const reopened = (await s.api('GET', `/tickets/${t}`, { token: agent })).body;
    expect(reopened).toMatchObject({ status: 'open', closedAt: null, autoClosed: false });
    clock.at += 1000;
    expect((await s.api('POST', `/tickets/${t}/close`, { token: agent })).body).toMatchObject({
      status: 'closed',
      closedAt: new Date(clock.at).toISOString(),
      autoClosed: false,
    });
  });

  it('a reply needs text and names the field', async () => {
    const t = (await file(yann, incident(est.paris.siret, 'Empty reply'))).body.id;
    const res = await s.api('POST', `/tickets/${t}/messages`, { token: yann, body: { body: '   ' } });
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toEqual([{ field: 'body', message: 'a reply needs some text' }]);
  });
});

describe('listing and search', () => {
  it('finds words in message bodies, accent-insensitively ("cloture" finds "Clôturé")', async () => {
    const t = (await file(sarah, incident(est.lille.siret, 'Export bloqué'))).body.id;
    await s.api('POST', `/tickets/${t}/messages`, { token: agent, body: { body: 'Le dossier est Clôturé côté paie.' } });
    for (const q of ['cloture', 'CLÔTURÉ', 'cote paie', 'bloque']) {
      const res = await s.api('GET', `/tickets?search=${encodeURIComponent(q)}`, { token: sarah });
      expect(
        res.body.items.map((i: { id: number }) => i.id),
        q,
      ).toContain(t);
    }
  });

  it('treats search syntax as text: quotes, stars and NEAR( are harmless', async () => {
    for (const q of ['"', '*', 'NEAR(', 'a OR b', '"unterminated', 'x AND', '^', ':', '(((']) {
      const res = await s.api('GET', `/tickets?search=${encodeURIComponent(q)}`, { token: yann });
      expect(res.status, q).toBe(200);
    }
  });

  it('filters by status, type, category, establishment, author, mine and since', async () => {
    const q = async (query: string) =>
      (await s.api('GET', `/tickets?limit=100&${query}`, { token: yann })).body.items as Array<Record<string, any>>;
    expect((await q('status=resolved,closed')).every((t) => ['resolved', 'closed'].includes(t.status))).toBe(true);
    expect((await q('status=sent&status=open')).every((t) => ['sent', 'open'].includes(t.status))).toBe(true);
    expect((await q('type=sql-report')).every((t) => t.type === 'sql-report')).toBe(true);
    expect((await q('category=security')).every((t) => t.category === 'security')).toBe(true);
    expect((await q(`establishment=${est.lille.siret}`)).every((t) => t.establishment.siret === est.lille.siret)).toBe(true);
    expect((await q('author=sarah@demo.test')).every((t) => t.createdBy.email === 'sarah@demo.test')).toBe(true);
    expect((await q('mine=true')).every((t) => t.createdBy.email === 'yann@demo.test')).toBe(true);
    expect(await q('since=2100-01-01')).toEqual([]);
    const bad = await s.api('GET', '/tickets?status=pending&type=nope&since=yesterday&limit=0', { token: yann });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['status', 'type', 'since', 'limit']);
  });

  it('pages with a cursor, newest activity first, with no gaps or repeats', async () => {
    const all: number[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: Array<{ id: number; updatedAt: string }>; nextCursor: string | null } } = await s.api(
        'GET',
        `/tickets?limit=7${cursor ? `&cursor=${cursor}` : ''}`,
        { token: agent },
      );
      all.push(...res.body.items.map((i) => i.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    const once = await s.api('GET', '/tickets?limit=100', { token: agent });
    expect(all).toEqual(once.body.items.map((i: { id: number }) => i.id));
    expect(new Set(all).size).toBe(all.length);
    const times = once.body.items.map((i: { updatedAt: string }) => i.updatedAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect((await s.api('GET', '/tickets?cursor=garbage', { token: agent })).status).toBe(422);
  });
});

describe('attachments', () => {
  it('uploads, sniffs the content type from the bytes, attaches and downloads', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
    const up = await s.app.inject({
      method: 'POST',
      url: '/api/v1/uploads?name=../../etc/screen.png',
      headers: { authorization: `Bearer ${yann}`, 'content-type': 'text/plain' },
      payload: png,
    });
    expect(up.statusCode).toBe(201);
    const upload = up.json();
    expect(upload).toMatchObject({ name: 'screen.png', size: png.length, contentType: 'image/png' });
    const t = await file(yann, { ...incident(est.paris.siret, 'With screenshot'), attachments: [upload.id] });
    expect(t.status).toBe(201);
    const view = await s.api('GET', `/tickets/${t.body.id}`, { token: yann });
    expect(view.body.messages[0].attachments).toEqual([
      { id: upload.id, name: 'screen.png', size: png.length, contentType: 'image/png', sha256: upload.sha256 },
    ]);
    const dl = await s.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${t.body.id}/attachments/${upload.id}`,
      headers: { authorization: `Bearer ${yann}` },
    });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(png)).toBe(true);
    expect(dl.headers['content-disposition']).toBe("attachment; filename*=UTF-8''screen.png");
    // an upload attaches once, and only by its owner
    expect((await file(yann, { ...incident(est.paris.siret, 'Reuse'), attachments: [upload.id] })).status).toBe(422);
    const sarahUp = (
      await s.app.inject({
        method: 'POST',
        url: '/api/v1/uploads?name=a.txt',
        headers: { authorization: `Bearer ${sarah}`, 'content-type': 'application/octet-stream' },
        payload: 'hello',
      })
    ).json();
    expect(sarahUp.contentType).toBe('text/plain; charset=utf-8');
    expect((await file(yann, { ...incident(est.paris.siret, 'Steal'), attachments: [sarahUp.id] })).status).toBe(422);
  });

  it('refuses files over 10 MiB (413, the limit named) and empty ones', async () => {
    const big = await s.app.inject({
      method: 'POST',
      url: '/api/v1/uploads?name=big.bin',
      headers: { authorization: `Bearer ${yann}`, 'content-type': 'application/octet-stream' },
      payload: Buffer.alloc(10 * 1024 * 1024 + 1),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.message).toMatch(/10 MiB/);
    const empty = await s.app.inject({
      method: 'POST',
      url: '/api/v1/uploads?name=e',
      headers: { authorization: `Bearer ${yann}`, 'content-type': 'application/octet-stream' },
      payload: Buffer.alloc(0),
    });
    expect(empty.statusCode).toBe(422);
  });
});

describe('request types', () => {
  it('serves the catalog with each form as data', async () => {
    const res = await s.api('GET', '/request-types', { token: yann });
    expect(res.body.categories.map((c: { id: string }) => c.id)).toEqual(['general', 'technical', 'billing', 'security']);
    const ids = res.body.types.map((t: { id: string }) => t.id);
    for (const id of [
      'question',
      'ui-translation',
      'improvement',
      'api-integration',
      'incident',
      'sql-report',
      'billing-question',
      'billing-details',
      'user-deletion',
      'mfa-reset',
      'document',
      'subscription',
      'product-error',
      'how-to',
      'calculation',
    ])
      expect(ids).toContain(id);
    const api = (await s.api('GET', '/request-types/api-integration', { token: yann })).body;
    expect(api.fields.map((f: { id: string }) => f.id)).toEqual(expect.arrayContaining(['endpointUrl', 'impact']));
    expect((await s.api('GET', '/request-types/user-deletion', { token: yann })).body.irreversible).toBe(true);
  });
});

describe('read state and settings (API)', () => {
  it('marks per message and per user; markRead=auto follows the company setting', async () => {
    const t = (await file(yann, incident(est.lille.siret, 'Read state API'))).body.id;
    await s.api('POST', `/tickets/${t}/messages`, { token: agent, body: { body: 'answer' } });
    const plain = await s.api('GET', `/tickets/${t}?markRead=auto`, { token: sarah });
    expect(plain.body.messages.map((m: { unread: boolean }) => m.unread)).toEqual([true, true]);
    // manual (default): nothing changed
    expect((await s.api('GET', `/tickets/${t}`, { token: sarah })).body.unread).toBe(2);
    expect((await s.api('PATCH', '/settings', { token: sarah, body: { markRead: 'on-open' } })).body.markRead).toBe('on-open');
    await s.api('GET', `/tickets/${t}?markRead=auto`, { token: sarah });
    expect((await s.api('GET', `/tickets/${t}`, { token: sarah })).body.unread).toBe(0);
    expect((await s.api('GET', `/tickets/${t}`, { token: yann })).body.unread).toBe(1);
    await s.api('PATCH', '/settings', { token: sarah, body: { markRead: 'manual' } });
  });

  it('settings: unknown values are 422, another company is 404, employees 403', async () => {
    expect((await s.api('PATCH', '/settings', { token: yann, body: { markRead: 'always' } })).status).toBe(422);
    expect((await s.api('PATCH', '/settings', { token: yann, body: {} })).status).toBe(422);
    expect((await s.api('GET', '/settings?company=732829320', { token: yann })).status).toBe(404);
    expect((await s.api('GET', '/settings', { token: eve })).status).toBe(403);
    expect((await s.api('GET', '/settings?company=732829320', { token: agent })).status).toBe(404);
  });

  it('bulk read takes the list filters and refuses unknown ones', async () => {
    const res = await s.api('POST', '/tickets/read', { token: sarah, body: { status: ['sent'], search: 'Read state' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ tickets: expect.any(Number), messages: expect.any(Number) });
    expect((await s.api('POST', '/tickets/read', { token: sarah, body: { limit: 5 } })).status).toBe(422);
  });
});
