import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/vendors/http.ts';
import { startZendeskStub, type ZendeskStub } from '../helpers/vendors/zendesk.ts';

// Self-tests of the Zendesk stub: each endpoint driven with plain HTTP shaped as Zendesk documents it, answers
// checked, and zero violations of the vendor's document; then requests the real service would reject, flagged.
describe('Zendesk stub (end-user Requests API)', () => {
  let zd: ZendeskStub;
  let ann: string;
  const get = (path: string, auth = ann) => call(zd.url, 'GET', path, { auth });
  const send = (method: string, path: string, json: unknown, auth = ann, headers: Record<string, string> = {}) =>
    call(zd.url, method, path, { auth, json, headers });
  const consent = [
    { id: 100, value: '73282932000074' },
    { id: 103, value: true },
  ];

  beforeAll(async () => {
    zd = await startZendeskStub();
    ann = zd.authFor('ann');
  });
  afterEach(() => zd.assertNoViolations());
  afterAll(() => zd.close());

  it('logs in with an API token (Basic email/token:) or an OAuth token (Bearer) and says who is logged in', async () => {
    expect(ann).toBe(`Basic ${Buffer.from('ann@acme.test/token:ann-api-token').toString('base64')}`);
    const me = await get('/api/v2/users/me.json');
    expect(me.body.user).toMatchObject({ id: 1001, email: 'ann@acme.test', role: 'end-user' });
    expect((await get('/api/v2/users/me', zd.authFor('ann', 'oauth'))).body.user.name).toBe('Ann Leroy');
    const password = `Basic ${Buffer.from('ann@acme.test:ann-api-token').toString('base64')}`;
    const refused = await get('/api/v2/users/me.json', password);
    expect(refused).toMatchObject({ status: 401, body: { error: "Couldn't authenticate you" } });
  });

  it('lists the ticket forms and the ticket fields end users may see', async () => {
    const forms = await get('/api/v2/ticket_forms.json');
    expect(forms.body.ticket_forms.map((f: { name: string }) => f.name)).toEqual(['Ask a question', 'Report an incident', 'Billing']);
    const fields = await get('/api/v2/ticket_fields.json');
    const types = fields.body.ticket_fields.map((f: { type: string }) => f.type);
    expect(types).toEqual([
      'subject',
      'description',
      'tickettype',
      'priority',
      'regexp',
      'tagger',
      'multiselect',
      'checkbox',
      'date',
      'integer',
      'decimal',
      'textarea',
      'text',
    ]);
    expect(
      fields.body.ticket_fields.find((f: { id: number }) => f.id === 101).custom_field_options.map((o: { value: string }) => o.value),
    ).toEqual(['payroll', 'time_off', 'documents']);
  });

  it('pages ticket fields with cursors (page[size], meta.has_more, links.next)', async () => {
    const seen: number[] = [];
    let next: string | null = '/api/v2/ticket_fields.json?page[size]=5';
    while (next) {
      const page = await get(next.replace(zd.url, ''));
      seen.push(...page.body.ticket_fields.map((f: { id: number }) => f.id));
      next = page.body.meta.has_more ? page.body.links.next : null;
    }
    expect(seen).toHaveLength(13);
  });

  it('creates a request with a form, custom fields and an Idempotency-Key: a retry gets the same request', async () => {
    const body = {
      request: {
        subject: 'Export fails',
        comment: { body: 'The payroll export stops at 50%.' },
        ticket_form_id: 201,
        priority: 'high',
        custom_fields: [...consent, { id: 101, value: 'payroll' }, { id: 102, value: ['export', 'reports'] }, { id: 105, value: 12 }],
      },
    };
    const before = zd.state.requests.length;
    const first = await send('POST', '/api/v2/requests.json', body, ann, { 'Idempotency-Key': 'k-1' });
    expect(first.status).toBe(201);
    expect(first.headers.get('x-idempotency-lookup')).toBe('miss');
    expect(first.body.request).toMatchObject({
      subject: 'Export fails',
      status: 'new',
      ticket_form_id: 201,
      can_be_solved_by_me: false,
      assignee_id: null,
    });
    const values = Object.fromEntries(first.body.request.custom_fields.map((f: { id: number; value: unknown }) => [f.id, f.value]));
    expect(values).toMatchObject({ 101: 'payroll', 102: ['export', 'reports'], 103: true, 105: '12', 104: null });

    const retry = await send('POST', '/api/v2/requests.json', body, ann, { 'Idempotency-Key': 'k-1' });
    expect(retry.headers.get('x-idempotency-lookup')).toBe('hit');
    expect(retry.body.request.id).toBe(first.body.request.id);
    const conflict = await send('POST', '/api/v2/requests.json', { request: { ...body.request, subject: 'Other' } }, ann, {
      'Idempotency-Key': 'k-1',
    });
    expect(conflict).toMatchObject({ status: 400, body: { error: 'IdempotentRequestError' } });
    expect(zd.state.requests.length).toBe(before + 1);
    expect((await get(`/api/v2/requests/${first.body.request.id}.json`)).body.request.subject).toBe('Export fails');
  });

  it('refuses what Zendesk refuses (422 naming the field), and flags bodies the document does not allow', async () => {
    const missing = await send('POST', '/api/v2/requests', {
      request: { subject: 'No consent', comment: { body: 'x' }, ticket_form_id: 200 },
    });
    expect(missing.status).toBe(422);
    expect(missing.body.details.base.map((d: { description: string }) => d.description)).toEqual([
      'Establishment SIRET: is required',
      'I consent to the processing of my data (GDPR): is required',
    ]);
    const wrong = await send('POST', '/api/v2/requests', {
      request: { subject: 's', comment: { body: 'x' }, ticket_form_id: 200, custom_fields: [...consent, { id: 101, value: 'gardening' }] },
    });
    expect(wrong.body.details.base[0].description).toBe('Product area: must be one of payroll, time_off, documents');
    const hidden = await send('POST', '/api/v2/requests', { request: { subject: 's', comment: { body: 'x' }, ticket_form_id: 203 } });
    expect(hidden.status).toBe(422);

    const noComment = await send('POST', '/api/v2/requests', { request: { subject: 's', status: 'open' } });
    expect(noComment.status).toBe(422);
    expect(zd.takeViolations()).toEqual([
      expect.stringMatching(
        /CreateRequest \(POST \/api\/v2\/requests\) request body \/request: must have required property 'comment'; \/request: must NOT have additional properties \(status\)/,
      ),
    ]);
  });

  it('lists my requests with cursor paging and a status filter, newest first when asked', async () => {
    const all: number[] = [];
    let next: string | null = '/api/v2/requests.json?page[size]=2&sort_order=desc';
    while (next) {
      const page = await get(next.replace(zd.url, ''));
      expect(page.body.requests.length).toBeLessThanOrEqual(2);
      all.push(...page.body.requests.map((r: { id: number }) => r.id));
      next = page.body.meta.has_more ? page.body.links.next : null;
    }
    expect(all).not.toContain(4); // Ben's
    expect(all).toEqual(expect.arrayContaining([1, 2, 3, 5]));
    const done = await get('/api/v2/requests.json?status=solved,closed');
    expect(done.body.requests.map((r: { id: number }) => r.id).sort()).toEqual([2, 3]);
    const offset = await get('/api/v2/requests.json?per_page=2&page=1');
    expect(offset.body).toMatchObject({ count: all.length, previous_page: null });
    expect(offset.body.next_page).toContain('page=2');
  });

  it('shows a request’s public comments with their authors; 404 for another customer’s request', async () => {
    const comments = await get('/api/v2/requests/1/comments.json');
    expect(comments.body.comments.map((c: { body: string }) => c.body)).toEqual([
      'The printer is on fire.',
      'Please step away from the printer.',
    ]);
    expect(comments.body.users.map((u: { name: string }) => u.name)).toEqual(['Ann Leroy', 'Zoe Agent']);
    const one = await get(`/api/v2/requests/1/comments/${comments.body.comments[1].id}.json`);
    expect(one.body.comment.author_id).toBe(2001);
    expect((await get('/api/v2/requests/1.json', zd.authFor('ben'))).status).toBe(404);
  });

  it('searches requests offset-paged, capped at 1,000 results: count tells the search was cut', async () => {
    const found = await get('/api/v2/requests/search.json?query=printer');
    expect(found.body.requests.map((r: { id: number }) => r.id)).toEqual([1]);
    zd.state.seedMany(1050, { requester: 'ann', subject: 'Bulk' });
    const last = await get('/api/v2/requests/search.json?query=bulk&page=10&per_page=100');
    expect(last.body).toMatchObject({ count: 1050, next_page: null });
    expect(last.body.requests).toHaveLength(100);
    const past = await get('/api/v2/requests/search.json?query=bulk&page=11&per_page=100');
    expect(past.status).toBe(422);
    const tooBig = await get('/api/v2/requests/search.json?query=bulk&per_page=500');
    expect(tooBig.status).toBe(200);
    expect(zd.takeViolations()).toEqual([expect.stringMatching(/SearchRequests .*query parameter per_page = 500: must be <= 100/)]);
  });

  it('replies; a reply on a solved request reopens it; a closed request refuses updates', async () => {
    const reply = await send('PUT', '/api/v2/requests/2.json', { request: { comment: { body: 'It happened again.' } } });
    expect(reply.status).toBe(200);
    expect(reply.body.request.status).toBe('open');
    const closed = await send('PUT', '/api/v2/requests/3.json', { request: { comment: { body: 'Hello?' } } });
    expect(closed).toMatchObject({
      status: 422,
      body: { error: 'RecordInvalid', details: { status: [{ description: 'Status: closed prevents ticket update' }] } },
    });
    const status = await send('PUT', '/api/v2/requests/2.json', { request: { status: 'solved' } });
    expect(status.status).toBe(200);
    expect(zd.takeViolations()).toEqual([
      expect.stringMatching(/UpdateRequest .*request body \/request: must NOT have additional properties \(status\)/),
    ]);
  });

  it('marks solved only when can_be_solved_by_me', async () => {
    expect((await get('/api/v2/requests/5.json')).body.request.can_be_solved_by_me).toBe(false);
    const refused = await send('PUT', '/api/v2/requests/5.json', { request: { solved: true } });
    expect(refused.status).toBe(403);
    zd.agent.assign(5);
    expect((await get('/api/v2/requests/5.json')).body.request.can_be_solved_by_me).toBe(true);
    const solved = await send('PUT', '/api/v2/requests/5.json', { request: { solved: 'true', comment: { body: 'Works now, thanks.' } } });
    expect(solved.body.request).toMatchObject({ status: 'solved', solved: true, can_be_solved_by_me: false });
  });

  it('creates a follow-up of a closed request (via_followup_source_id)', async () => {
    const followUp = await send('POST', '/api/v2/requests.json', {
      request: { subject: 'Old question, again', comment: { body: 'Back to it.' }, via_followup_source_id: 3, custom_fields: consent },
    });
    expect(followUp.status).toBe(201);
    expect(followUp.body.request.followup_source_id).toBe(3);
  });

  it('uploads files (token, then comment.uploads) and serves their content', async () => {
    const up = (name: string, text: string, token?: string) =>
      call(zd.url, 'POST', `/api/v2/uploads.json?filename=${encodeURIComponent(name)}${token ? `&token=${token}` : ''}`, {
        auth: ann,
        body: text,
        headers: { 'content-type': 'text/plain' },
      });
    const first = await up('crash.log', 'stack trace');
    expect(first.status).toBe(201);
    const token = first.body.upload.token;
    const second = await up('more.log', 'more', token);
    expect(second.body.upload.attachments.map((a: { file_name: string }) => a.file_name)).toEqual(['crash.log', 'more.log']);

    const reply = await send('PUT', '/api/v2/requests/1.json', { request: { comment: { body: 'Logs attached.', uploads: [token] } } });
    expect(reply.status).toBe(200);
    const comments = await get('/api/v2/requests/1/comments.json?sort=-created_at');
    const [latest] = comments.body.comments;
    expect(latest.attachments.map((a: { file_name: string; size: number }) => [a.file_name, a.size])).toEqual([
      ['crash.log', 11],
      ['more.log', 4],
    ]);
    const content = await call(zd.url, 'GET', latest.attachments[0].content_url.slice(zd.url.length));
    expect(content.body).toBe('stack trace');
    const reused = await send('PUT', '/api/v2/requests/1.json', { request: { comment: { body: 'Again.', uploads: [token] } } });
    expect(reused.status).toBe(422);

    const noName = await call(zd.url, 'POST', '/api/v2/uploads.json', { auth: ann, body: 'x', headers: { 'content-type': 'text/plain' } });
    expect(noName.status).toBe(400);
    expect(zd.takeViolations()).toEqual([expect.stringMatching(/UploadFiles .*required query parameter filename is missing/)]);
  });

  it('misbehaves on demand: 429 without Retry-After, a create whose answer is lost and its retry', async () => {
    zd.faults.rateLimit({ retryAfter: null }).rateLimit({ retryAfter: 2 });
    const first = await get('/api/v2/requests.json');
    expect(first).toMatchObject({ status: 429, body: { error: 'APIRateLimitExceeded' } });
    expect(first.headers.get('retry-after')).toBeNull();
    expect((await get('/api/v2/requests.json')).headers.get('retry-after')).toBe('2');
    expect((await get('/api/v2/requests.json')).status).toBe(200);

    const before = zd.state.requests.length;
    const body = { request: { subject: 'Lost answer', comment: { body: 'x' }, custom_fields: consent } };
    zd.faults.drop({ match: 'POST /api/v2/requests.json', when: 'after' });
    await expect(send('POST', '/api/v2/requests.json', body, ann, { 'Idempotency-Key': 'lost-1' })).rejects.toThrow();
    const retry = await send('POST', '/api/v2/requests.json', body, ann, { 'Idempotency-Key': 'lost-1' });
    expect(retry.headers.get('x-idempotency-lookup')).toBe('hit');
    expect(zd.state.requests.length).toBe(before + 1);
  });

  it('flags an answer that breaks the document too (here, one injected on purpose)', async () => {
    zd.faults.status(200, {
      match: 'GET /api/v2/requests/1.json',
      body: { request: { id: '1', subject: 'x', custom_fields: [{ id: 100, value: {} }] } },
    });
    expect((await get('/api/v2/requests/1.json')).status).toBe(200);
    expect(zd.takeViolations()).toEqual([
      expect.stringMatching(
        /ShowRequest \(GET \/api\/v2\/requests\/\{request_id\}\) response 200 body \/request\/custom_fields\/0\/value: must be string,number,boolean,array,null; \/request\/id: must be integer/,
      ),
    ]);
    expect(zd.exchanges.at(-1)).toMatchObject({ status: 200, responseBody: { request: { id: '1' } } });
  });
});
