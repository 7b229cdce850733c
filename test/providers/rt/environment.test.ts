// The real Request Tracker 5 that tix's RT provider is tested against (.ci/rt/), proved through RT's own REST2 with
// plain HTTP: the fixtures, and the facts about REST2 the provider relies on (test/providers/rt/README.md).
import { beforeAll, describe, expect, it } from 'vitest';
import { RT_REQUIREMENT, RT_START_TIMEOUT, type Rt, type RtUserKey, rtInstalled, startRt, uniqueWord } from '../../helpers/rt.ts';
import { skipUnless } from '../../helpers/strict.ts';

const skip = skipUnless(rtInstalled(), RT_REQUIREMENT);

// generous: every request is a Perl worker on a shared two-core machine
describe.skipIf(skip)('Request Tracker 5 test environment (REST2)', { timeout: 180_000 }, () => {
  let rt: Rt;
  beforeAll(async () => {
    rt = await startRt();
  }, RT_START_TIMEOUT);

  const email = (user: RtUserKey) => rt.users[user].name;

  async function create(user: RtUserKey, fields: Record<string, unknown>): Promise<string> {
    const res = await rt.request(user, 'POST', '/ticket', {
      Queue: 'Support',
      ContentType: 'text/plain',
      Requestor: email(user),
      ...fields,
      CustomFields: { Severity: 'Normal', ...(fields.CustomFields as object) },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  }

  async function search(user: RtUserKey, query: string, params: Record<string, string> = {}) {
    const qs = new URLSearchParams({ query, fields: 'Subject,Status,LastUpdated', ...params });
    const res = await rt.request(user, 'GET', `/tickets?${qs}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { page: number; per_page: number; count: number; items: { id: string; Subject: string; Status: string }[] };
  }
  const ids = async (user: RtUserKey, query: string, params?: Record<string, string>) =>
    (await search(user, query, params)).items.map((t) => t.id);

  async function correspond(user: RtUserKey, id: string, body: Record<string, unknown>) {
    return rt.request(user, 'POST', `/ticket/${id}/correspond`, { ContentType: 'text/plain', ...body });
  }
  const statusOf = async (id: string) => (await rt.request('agent', 'GET', `/ticket/${id}`)).body.Status as string;

  it('request types: the queues a customer may create tickets in carry a "create" link; Internal is visible without one', async () => {
    for (const user of ['alice', 'bob', 'carol'] as const) {
      const all = await rt.request(user, 'GET', '/queues/all');
      expect(all.status).toBe(200);
      const queues = await Promise.all(all.body.items.map((q: { _url: string }) => rt.request(user, 'GET', q._url)));
      const creatable = queues.filter((q) => q.body._hyperlinks.some((l: any) => l.ref === 'create' && l.type === 'ticket'));
      expect(queues.map((q) => q.body.Name).sort()).toEqual(['Billing', 'Feedback', 'Internal', 'Questions', 'Support']); // not General
      expect(creatable.map((q) => q.body.Name).sort()).toEqual(['Billing', 'Feedback', 'Questions', 'Support']);
    }
    const refused = await rt.request('alice', 'POST', '/ticket', { Queue: 'Internal', Subject: 'x', Requestor: email('alice') });
    expect(refused).toMatchObject({ status: 403, body: { message: "No permission to create tickets in the queue 'Internal'" } });
  });

  it("the queues' ticket custom fields cover what tix maps (choices, text, required, date, multi-line, none)", async () => {
    const queue = (await rt.request('alice', 'GET', '/queue/Support')).body;
    expect(queue.Lifecycle).toBe('support');
    const fields = await Promise.all(queue.TicketCustomFields.map((cf: { _url: string }) => rt.request('alice', 'GET', cf._url)));
    const byName = Object.fromEntries(fields.map((f) => [f.body.Name, f.body]));
    expect(Object.keys(byName).sort()).toEqual([
      'Desired date',
      'Idempotency-Key',
      'Products',
      'Reference',
      'Severity',
      'Steps to reproduce',
    ]);
    expect(byName.Severity).toMatchObject({
      Type: 'Select',
      MaxValues: '1',
      Values: ['Low', 'Normal', 'High', 'Critical'],
      Pattern: '(?#Mandatory).',
    });
    expect(byName.Products).toMatchObject({ Type: 'Select', MaxValues: '0', Values: ['Web portal', 'Mobile app', 'API'] });
    expect(byName.Reference).toMatchObject({ Type: 'Freeform', MaxValues: '1', Pattern: '' });
    expect(byName['Steps to reproduce']).toMatchObject({ Type: 'Text', MaxValues: '1' });
    expect(byName['Desired date']).toMatchObject({ Type: 'Date', MaxValues: '1' });
    expect(queue.TicketTransactionCustomFields.map((cf: { name: string }) => cf.name)).toEqual(['Idempotency-Key']);

    const billing = (await rt.request('alice', 'GET', '/queue/Billing')).body;
    const invoice = billing.TicketCustomFields.find((cf: { name: string }) => cf.name === 'Invoice number');
    expect((await rt.request('alice', 'GET', invoice._url)).body.Pattern).toBe('(?#INV- and digits, e.g. INV-2024)^INV-[0-9]+$');
    const establishment = billing.TicketCustomFields.find((cf: { name: string }) => cf.name === 'Establishment');
    expect((await rt.request('alice', 'GET', establishment._url)).body).toMatchObject({
      Type: 'Freeform',
      MaxValues: '1',
      Pattern: '(?#Mandatory).',
    });
    // Questions: a summary and a description (and the idempotency keys); Feedback: no custom field at all
    const questions = (await rt.request('alice', 'GET', '/queue/Questions')).body;
    expect(questions.TicketCustomFields.map((cf: { name: string }) => cf.name)).toEqual(['Idempotency-Key']);
    expect(questions.TicketTransactionCustomFields.map((cf: { name: string }) => cf.name)).toEqual(['Idempotency-Key']);
    const feedback = (await rt.request('alice', 'GET', '/queue/Feedback')).body;
    expect([...feedback.TicketCustomFields, ...feedback.TicketTransactionCustomFields]).toEqual([]);
  });

  it('REST2 enforces neither mandatory fields nor select values nor patterns: it files the ticket and drops bad values', async () => {
    const res = await rt.request('alice', 'POST', '/ticket', {
      Queue: 'Support',
      Subject: uniqueWord('unchecked'),
      Requestor: email('alice'),
      Content: 'the mandatory Severity with a value that is not in the list',
      ContentType: 'text/plain',
      CustomFields: { Severity: 'Apocalyptic', 'No such field': 'x' },
    });
    expect(res.status).toBe(201);
    const billing = await rt.request('alice', 'POST', '/ticket', {
      Queue: 'Billing',
      Subject: uniqueWord('unchecked'),
      Requestor: email('alice'),
      // no value for the mandatory Establishment, an invoice number that does not match the pattern
      CustomFields: { 'Invoice number': '12' },
    });
    expect(billing.status).toBe(201);
    for (const id of [res.body.id, billing.body.id]) {
      const ticket = (await rt.request('alice', 'GET', `/ticket/${id}`)).body;
      const values = Object.fromEntries(ticket.CustomFields.map((cf: any) => [cf.name, cf.values]));
      expect(values.Severity ?? []).toEqual([]);
      expect(values['Invoice number'] ?? []).toEqual([]);
      expect(values.Establishment ?? []).toEqual([]);
    }
  });

  it('create with Requestor and custom fields; without Requestor the customer cannot see his own ticket', async () => {
    const word = uniqueWord();
    const id = await create('alice', {
      Subject: `VPN down ${word}`,
      Content: 'The VPN refuses connections.',
      CustomFields: {
        Severity: 'High',
        Products: ['Web portal', 'API'],
        Reference: 'ACME-42',
        'Steps to reproduce': '1. connect\n2. fail',
        'Desired date': '2026-12-24',
      },
    });
    const ticket = await rt.request('alice', 'GET', `/ticket/${id}`);
    expect(ticket.status).toBe(200);
    expect(ticket.body).toMatchObject({ Subject: `VPN down ${word}`, Status: 'new', Requestor: [{ id: email('alice') }] });
    const values = Object.fromEntries(ticket.body.CustomFields.map((cf: any) => [cf.name, cf.values]));
    expect(values).toMatchObject({
      Severity: ['High'],
      Products: ['Web portal', 'API'],
      Reference: ['ACME-42'],
      'Steps to reproduce': ['1. connect\n2. fail'],
      'Desired date': ['2026-12-24'],
    });

    const orphan = await rt.request('alice', 'POST', '/ticket', { Queue: 'Support', Subject: `no requestor ${word}` });
    expect(orphan.status).toBe(201);
    expect(await rt.request('alice', 'GET', `/ticket/${orphan.body.id}`)).toMatchObject({ status: 403, body: { message: 'Forbidden' } });
    expect(await ids('alice', `Subject LIKE '${word}'`)).toEqual([id]);
  });

  it("colleagues see each other's tickets through the Organization role; another organisation sees none of them", async () => {
    const word = uniqueWord();
    const alices = await create('alice', { Subject: `alice ${word}`, Content: 'from alice' });
    const bobs = await create('bob', { Subject: `bob ${word}`, Content: 'from bob' });
    const carols = await create('carol', { Subject: `carol ${word}`, Content: 'from carol' });

    const org = (await rt.request('agent', 'GET', `/ticket/${alices}?fields[RT::CustomRole-1]=Name`)).body;
    expect(org['RT::CustomRole-1']).toMatchObject([{ type: 'group' }]);

    expect(await ids('alice', `Subject LIKE '${word}'`, { orderby: 'id' })).toEqual([alices, bobs]);
    expect(await ids('bob', `Subject LIKE '${word}'`, { orderby: 'id' })).toEqual([alices, bobs]);
    expect(await ids('carol', `Subject LIKE '${word}'`)).toEqual([carols]);
    expect(await ids('agent', `Subject LIKE '${word}'`, { orderby: 'id' })).toEqual([alices, bobs, carols]);

    expect((await rt.request('bob', 'GET', `/ticket/${alices}`)).status).toBe(200);
    expect((await correspond('bob', alices, { Content: 'bob answers on alice’s ticket' })).status).toBe(201);
    for (const id of [alices, bobs]) {
      expect(await rt.request('carol', 'GET', `/ticket/${id}`)).toMatchObject({ status: 403, body: { message: 'Forbidden' } });
      // elsewhere RT does not say 403: a reply is refused with 400, the history and attachments are just empty
      expect(await correspond('carol', id, { Content: 'intrusion' })).toMatchObject({
        status: 400,
        body: { message: 'Permission Denied' },
      });
      expect(await rt.request('carol', 'GET', `/ticket/${id}/history`)).toMatchObject({ status: 200, body: { items: [] } });
      expect(await rt.request('carol', 'GET', `/ticket/${id}/attachments`)).toMatchObject({ status: 200, body: { items: [] } });
    }
    expect(await rt.request('alice', 'GET', `/ticket/${carols}`)).toMatchObject({ status: 403 });
  });

  it('TicketSQL: requestor, queue and status filters, newest activity first, paging', async () => {
    const word = uniqueWord();
    const first = await create('alice', { Subject: `one ${word}` });
    const second = await create('bob', { Subject: `two ${word}` });
    const third = await create('alice', { Subject: `three ${word}`, Queue: 'Billing' });
    // activity on the first ticket makes it the most recently updated (LastUpdated has one-second resolution)
    await new Promise((r) => setTimeout(r, 1100));
    expect((await correspond('agent', first, { Content: 'news' })).status).toBe(201);

    const mine = `Subject LIKE '${word}' AND Requestor.id = '__CurrentUser__'`;
    expect(await ids('alice', mine, { orderby: 'id' })).toEqual([first, third]);
    expect(await ids('bob', mine)).toEqual([second]);
    expect(await ids('bob', `Subject LIKE '${word}' AND Requestor.EmailAddress = '${email('alice')}'`, { orderby: 'id' })).toEqual([
      first,
      third,
    ]);
    expect(await ids('alice', `Subject LIKE '${word}' AND Queue = 'Billing'`)).toEqual([third]);
    expect(await ids('alice', `Subject LIKE '${word}' AND Status = 'open'`)).toEqual([first]); // the agent's reply opened it
    expect(await ids('alice', `Subject LIKE '${word}' AND Status = '__Active__'`, { orderby: 'id' })).toEqual([first, second, third]);
    expect(await ids('alice', `Subject LIKE '${word}' AND Status = '__Inactive__'`)).toEqual([]);

    const newest = await ids('alice', `Subject LIKE '${word}'`, { orderby: 'LastUpdated', order: 'DESC' });
    expect(newest[0]).toBe(first);
    const page1 = await search('alice', `Subject LIKE '${word}'`, { orderby: 'id', per_page: '2', page: '1' });
    const page2 = await search('alice', `Subject LIKE '${word}'`, { orderby: 'id', per_page: '2', page: '2' });
    expect(page1).toMatchObject({ page: 1, per_page: 2, count: 2 });
    expect((page1 as any).next_page).toContain('page=2');
    expect([...page1.items, ...page2.items].map((t) => t.id)).toEqual([first, second, third]);
  });

  it('keyword search: subject and the content of a correspondence (unindexed full-text search on SQLite)', async () => {
    const inSubject = uniqueWord('subj');
    const inReply = uniqueWord('reply');
    const id = await create('alice', { Subject: `Printer ${inSubject}`, Content: 'The printer jams.' });
    expect((await correspond('agent', id, { Content: `Try the ${inReply} tray.` })).status).toBe(201);

    for (const user of ['alice', 'bob'] as const) {
      expect(await ids(user, `Subject LIKE '${inSubject}' OR Content LIKE '${inSubject}'`)).toEqual([id]);
      expect(await ids(user, `Subject LIKE '${inReply}' OR Content LIKE '${inReply}'`)).toEqual([id]);
      expect(await ids(user, `Content LIKE '${inReply.toUpperCase()}'`)).toEqual([id]); // ASCII: case-insensitive
    }
    expect(await ids('carol', `Content LIKE '${inReply}'`)).toEqual([]);
  });

  it('keyword search limits on SQLite: accented words are not found in content; internal comments do match', async () => {
    const word = uniqueWord();
    const id = await create('alice', { Subject: `Écran noir ${word}`, Content: `Réseau coupé à l’école ${word}` });
    // non-ASCII text is stored quoted-printable on SQLite (and PostgreSQL), so LIKE never sees "Réseau"
    expect(await ids('alice', `Content LIKE 'Réseau' AND Subject LIKE '${word}'`)).toEqual([]);
    expect(await ids('alice', `Content LIKE '${word}'`)).toEqual([id]);
    // ... and its soft line breaks (at 76 columns) can cut an ASCII word in two: "é aaa…a split=\nword"
    const cut = uniqueWord('cut');
    const cutId = await create('alice', { Subject: `cut ${word}`, Content: `é ${'a'.repeat(60)} ${cut} end` });
    expect(await ids('alice', `Content LIKE '${cut}'`)).toEqual([]);
    expect(await ids('alice', `Content LIKE '${cut.slice(0, 5)}' AND Subject LIKE '${word}'`)).toEqual([cutId]);
    // the subject is plain text: accented words match, with SQLite's ASCII-only case folding
    expect(await ids('alice', `Subject LIKE 'Écran' AND Subject LIKE '${word}'`)).toEqual([id]);
    expect(await ids('alice', `Subject LIKE 'écran' AND Subject LIKE '${word}'`)).toEqual([]);

    const secret = uniqueWord('internal');
    expect((await rt.request('agent', 'POST', `/ticket/${id}/comment`, { Content: secret, ContentType: 'text/plain' })).status).toBe(201);
    expect(await ids('alice', `Content LIKE '${secret}'`)).toEqual([id]);
  });

  it('history: customers see create and correspond transactions with their content, never internal comments', async () => {
    const word = uniqueWord();
    const id = await create('alice', { Subject: `history ${word}`, Content: 'First message' });
    expect((await correspond('agent', id, { Content: 'Agent answer' })).status).toBe(201);
    expect(
      (await rt.request('agent', 'POST', `/ticket/${id}/comment`, { Content: 'internal note', ContentType: 'text/plain' })).status,
    ).toBe(201);
    expect((await correspond('alice', id, { Content: 'Customer reply' })).status).toBe(201);
    expect(await rt.request('alice', 'POST', `/ticket/${id}/comment`, { Content: 'x', ContentType: 'text/plain' })).toMatchObject({
      status: 400,
      body: { message: 'Permission Denied' },
    });

    const history = await rt.request(
      'alice',
      'GET',
      `/ticket/${id}/history?per_page=100&fields=Type,Creator,Created&fields[Creator]=RealName,EmailAddress`,
    );
    expect(history.status).toBe(200);
    const messages = history.body.items.filter((t: any) => ['Create', 'Correspond', 'Comment'].includes(t.Type));
    expect(messages.map((t: any) => [t.Type, t.Creator.EmailAddress])).toEqual([
      ['Create', email('alice')],
      ['Correspond', email('agent')],
      ['Correspond', email('alice')],
    ]);
    expect(messages[1].Creator.RealName).toBe('Agent Smith');

    const parts = await rt.request(
      'alice',
      'GET',
      `/ticket/${id}/attachments?per_page=100&fields=TransactionId,ContentType,Filename,Content`,
    );
    const bodies = parts.body.items.filter((a: any) => a.ContentType === 'text/plain' && !a.Filename).map((a: any) => a.Content);
    expect(bodies).toEqual(['First message', 'Agent answer', 'Customer reply']);
    const agentView = await rt.request('agent', 'GET', `/ticket/${id}/attachments?per_page=100&fields=Content`);
    expect(agentView.body.items.map((a: any) => a.Content)).toContain('internal note');
  });

  it('attachments: sent base64 with a reply, listed with the ticket, downloaded base64', async () => {
    const id = await create('alice', { Subject: uniqueWord('attach'), Content: 'see the log' });
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0x10, 0x0a]);
    const reply = await correspond('alice', id, {
      Content: 'log and screenshot attached',
      Attachments: [
        { FileName: 'vpn.log', FileType: 'text/plain', FileContent: Buffer.from('line 1\nline 2\n').toString('base64') },
        { FileName: 'screen.png', FileType: 'image/png', FileContent: bytes.toString('base64') },
      ],
    });
    expect(reply.status).toBe(201);
    expect(reply.headers.get('location')).toMatch(/\/REST\/2\.0\/transaction\/\d+$/);

    const listed = await rt.request(
      'bob',
      'GET',
      `/ticket/${id}/attachments?per_page=100&fields=Filename,ContentType,ContentLength,TransactionId`,
    );
    const files = listed.body.items.filter((a: any) => a.Filename);
    expect(files.map((a: any) => [a.Filename, a.ContentType, a.ContentLength])).toEqual([
      ['vpn.log', 'text/plain', '14'],
      ['screen.png', 'image/png', '8'],
    ]);
    const png = await rt.request('bob', 'GET', files[1]._url);
    expect(png.body).toMatchObject({ Filename: 'screen.png', ContentType: 'image/png' });
    expect(Buffer.from(png.body.Content, 'base64')).toEqual(bytes);
    expect(await rt.request('carol', 'GET', files[1]._url)).toMatchObject({ status: 403 });
  });

  it('lifecycle: customers resolve and reopen (ResolveTicket, ReopenTicket), cannot stall or reject; a reply reopens', async () => {
    const id = await create('alice', { Subject: uniqueWord('lifecycle'), Content: 'help' });
    const lifecycleLinks = async (user: RtUserKey) =>
      (await rt.request(user, 'GET', `/ticket/${id}`)).body._hyperlinks.filter((l: any) => l.ref === 'lifecycle').map((l: any) => l.to);
    expect(await lifecycleLinks('alice')).toEqual(['resolved']);
    expect((await lifecycleLinks('agent')).sort()).toEqual(['deleted', 'open', 'rejected', 'resolved']);

    expect(await rt.request('alice', 'PUT', `/ticket/${id}`, { Status: 'resolved' })).toMatchObject({
      status: 200,
      body: [`Ticket ${id}: Status changed from 'new' to 'resolved'`],
    });
    expect(await lifecycleLinks('bob')).toEqual(['open']);
    expect((await rt.request('bob', 'PUT', `/ticket/${id}`, { Status: 'open' })).body).toEqual([
      `Ticket ${id}: Status changed from 'resolved' to 'open'`,
    ]);
    // refusals are 200 with a message, and the status stays
    for (const Status of ['stalled', 'rejected']) {
      expect(await rt.request('alice', 'PUT', `/ticket/${id}`, { Status })).toMatchObject({
        status: 200,
        body: [`Ticket ${id}: Permission Denied`],
      });
    }
    expect(await rt.request('alice', 'PUT', `/ticket/${id}`, { Subject: 'hijacked' })).toMatchObject({
      body: [`Ticket ${id}: Permission Denied`],
    });
    expect(await statusOf(id)).toBe('open');

    // a reply may carry the status change; a reply on resolved (or rejected) reopens
    expect((await correspond('alice', id, { Content: 'works now', Status: 'resolved' })).body).toEqual([
      'Correspondence added',
      "Status changed from 'open' to 'resolved'",
    ]);
    expect((await correspond('bob', id, { Content: 'broken again' })).status).toBe(201);
    expect(await statusOf(id)).toBe('open');
    expect((await rt.request('agent', 'PUT', `/ticket/${id}`, { Status: 'rejected' })).status).toBe(200);
    expect((await correspond('alice', id, { Content: 'why?' })).status).toBe(201);
    expect(await statusOf(id)).toBe('open');
    // ... but a reply on stalled stays stalled
    expect((await rt.request('agent', 'PUT', `/ticket/${id}`, { Status: 'stalled' })).status).toBe(200);
    expect((await correspond('alice', id, { Content: 'any news?' })).status).toBe(201);
    expect(await statusOf(id)).toBe('stalled');
  });

  it("idempotency keys: the create's key on a ticket custom field, a reply's on a transaction custom field, both searchable", async () => {
    const createKey = uniqueWord('key');
    const id = await create('alice', { Subject: uniqueWord('idem'), CustomFields: { 'Idempotency-Key': createKey } });
    expect(await ids('alice', `'CF.{Idempotency-Key}' = '${createKey}'`)).toEqual([id]);
    expect(await ids('bob', `'CF.{Idempotency-Key}' = '${createKey}'`)).toEqual([id]);
    expect(await ids('carol', `'CF.{Idempotency-Key}' = '${createKey}'`)).toEqual([]);

    const replyKey = uniqueWord('key');
    const reply = await correspond('alice', id, { Content: 'once only', TxnCustomFields: { 'Idempotency-Key': replyKey } });
    expect(reply.body).toEqual(['Correspondence added', 'Custom fields updated']);
    const txnId = reply.headers.get('location')!.split('/').at(-1);
    const query = `ObjectType = 'RT::Ticket' AND ObjectId = ${id} AND Type = 'Correspond' AND CF.{Idempotency-Key} = '${replyKey}'`;
    const found = await rt.request('alice', 'GET', `/transactions?${new URLSearchParams({ query })}`);
    expect(found.status).toBe(200);
    expect(found.body.items.map((t: any) => t.id)).toEqual([txnId]);
    expect(await ids('alice', `'TxnCF.{Idempotency-Key}' = '${replyKey}'`)).toEqual([id]);
    const carolSees = await rt.request('carol', 'GET', `/transactions?${new URLSearchParams({ query })}`);
    expect(carolSees.body.items).toEqual([]);
  });

  it("errors: RT's statuses and messages", async () => {
    const anonymous = await fetch(`${rt.rest2}/tickets?query=id>0`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ message: 'Unauthorized' });
    const badToken = await fetch(`${rt.rest2}/tickets?query=id>0`, { headers: { authorization: 'token 1-1-0000' } });
    expect(badToken.status).toBe(401);
    const basic = await fetch(`${rt.rest2}/queues/all`, {
      headers: { authorization: `Basic ${Buffer.from(`${email('alice')}:${rt.users.alice.password}`).toString('base64')}` },
    });
    expect(basic.status).toBe(200);

    expect(await rt.request('alice', 'GET', '/ticket/999999999')).toMatchObject({ status: 404, body: { message: 'Not Found' } });
    const badQuery = await rt.request('alice', 'GET', `/tickets?${new URLSearchParams({ query: 'Bogus = 1' })}`);
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.message).toMatch(/^Unknown field: Bogus/);
    expect(await rt.request('alice', 'POST', '/ticket', { Subject: 'no queue' })).toMatchObject({
      status: 400,
      body: { message: 'Could not create ticket. Queue not set' },
    });
    const malformed = await fetch(`${rt.rest2}/ticket`, {
      method: 'POST',
      headers: { authorization: `token ${rt.users.alice.token}`, 'content-type': 'application/json' },
      body: '{"Subject":',
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { message: string }).message).toMatch(/^JSON parse error/);
    const id = await create('alice', { Subject: uniqueWord('errors') });
    expect(await correspond('alice', id, { Content: 'no type', ContentType: '' })).toMatchObject({
      status: 400,
      body: { message: 'ContentType is a required field for application/json' },
    });
    // a customer's DELETE is refused with an empty 500, not a 403
    expect((await rt.request('alice', 'DELETE', `/ticket/${id}`)).status).toBe(500);
    expect(await statusOf(id)).toBe('new');
  });
});
