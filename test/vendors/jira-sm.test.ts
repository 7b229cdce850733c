import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/vendors/http.ts';
import { basic, type JiraSmStub, startJiraSmStub } from '../helpers/vendors/jira-sm.ts';

// Self-tests of the JSM stub: each endpoint driven with plain HTTP shaped as Atlassian documents it, answers
// checked, and zero violations of the vendor's document; then requests the real service would reject, flagged.
const API = '/rest/servicedeskapi';

describe('Jira Service Management stub (Cloud)', () => {
  let jsm: JiraSmStub;
  let alice: string;
  const get = (path: string, auth = alice) => call(jsm.url, 'GET', path, { auth });
  const post = (path: string, json: unknown, auth = alice) => call(jsm.url, 'POST', path, { auth, json });

  beforeAll(async () => {
    jsm = await startJiraSmStub();
    alice = jsm.authFor('alice');
  });
  afterEach(() => jsm.assertNoViolations());
  afterAll(() => jsm.close());

  it('logs in with Basic e-mail + API token and says who is logged in (Jira platform /rest/api/3/myself)', async () => {
    expect(alice).toBe(basic('alice@acme.test', 'alice-api-token'));
    const me = await get('/rest/api/3/myself');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      accountId: 'qm:0b1c2d3e-alice',
      emailAddress: 'alice@acme.test',
      displayName: 'Alice Martin',
      accountType: 'customer',
    });
    expect((await get(`${API}/info`, '')).body.version).toBe('10.3.0');
  });

  it('refuses a wrong token, a Bearer token on Cloud, and no credentials (the last breaks the document)', async () => {
    expect((await get(`${API}/servicedesk`, basic('alice@acme.test', 'wrong'))).status).toBe(401);
    expect((await get(`${API}/servicedesk`, 'Bearer alice-pat')).status).toBe(401);
    const anonymous = await get(`${API}/servicedesk`, '');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errorMessage).toMatch(/authenticated/);
    expect(jsm.takeViolations()).toEqual([
      expect.stringMatching(/getServiceDesks .*no credentials the operation accepts .*got no Authorization header/),
    ]);
  });

  it('lists service desks, the four request-type groups of seed 004 and the request types of a group', async () => {
    const desks = await get(`${API}/servicedesk`);
    expect(desks.body.values.map((d: { projectKey: string }) => d.projectKey)).toEqual(['SD', 'IT']);
    const groups = await get(`${API}/servicedesk/1/requesttypegroup`);
    expect(groups.body.values.map((g: { name: string }) => g.name)).toEqual([
      'General requests',
      'Technical requests',
      'Billing',
      'Security and privacy',
    ]);
    const technical = await get(`${API}/servicedesk/1/requesttype?groupId=2`);
    expect(technical.body.values.map((t: { name: string }) => t.name)).toEqual(['API or integrations', 'Incident', 'SQL report request']);
    expect((await get(`${API}/servicedesk/1/requesttype`)).body.size).toBe(10);
    expect((await get(`${API}/servicedesk/SD`)).body.projectName).toBe('Customer support');
  });

  it('serves each form: jiraSchema types, validValues, required, defaultValues, hidden fields', async () => {
    const incident = await get(`${API}/servicedesk/1/requesttype/21/field`);
    expect(incident.status).toBe(200);
    expect(incident.body.canRaiseOnBehalfOf).toBe(false);
    const byId = Object.fromEntries(incident.body.requestTypeFields.map((f: { fieldId: string }) => [f.fieldId, f]));
    expect(byId.summary).toMatchObject({ required: true, jiraSchema: { type: 'string', system: 'summary' } });
    expect(byId.priority).toMatchObject({
      required: true,
      jiraSchema: { type: 'priority' },
      defaultValues: [{ value: '3', label: 'Medium' }],
    });
    expect(byId.customfield_10065.jiraSchema.type).toBe('number');
    expect(byId.customfield_10066).toMatchObject({
      jiraSchema: { type: 'array', items: 'option' },
      validValues: [{ label: 'Payroll' }, { label: 'Time off' }, { label: 'Documents' }],
    });
    expect(byId.attachment.jiraSchema).toMatchObject({ type: 'array', items: 'attachment' });
    const question = await get(`${API}/servicedesk/1/requesttype/10/field`);
    expect(question.body.requestTypeFields.find((f: { fieldId: string }) => f.fieldId === 'customfield_10090').visible).toBe(false);
    const sql = await get(`${API}/servicedesk/1/requesttype/22/field`);
    expect(sql.body.requestTypeFields.find((f: { fieldId: string }) => f.fieldId === 'customfield_10064').jiraSchema.type).toBe('date');
    expect((await get(`${API}/servicedesk/1/requesttype/50/field`)).status).toBe(404);
  });

  it('creates a request from requestFieldValues and shows it with its status category', async () => {
    const created = await post(`${API}/request`, {
      serviceDeskId: '1',
      requestTypeId: '21',
      requestFieldValues: {
        summary: 'Payroll export fails',
        description: 'Error 500 on export.',
        priority: { id: '2' },
        customfield_10063: 'https://app.example.com/payroll',
        customfield_10065: 12,
        customfield_10066: [{ id: '10150' }],
        customfield_10050: [{ id: '10100' }],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      issueKey: expect.stringMatching(/^SD-\d+$/),
      currentStatus: { status: 'Waiting for support', statusCategory: 'NEW' },
    });
    const key = created.body.issueKey;
    const view = await get(`${API}/request/${key}?expand=requestType,status,action,participant`);
    expect(view.body.requestType.name).toBe('Incident');
    expect(view.body.actions.addComment.allowed).toBe(true);
    const values = Object.fromEntries(view.body.requestFieldValues.map((v: { fieldId: string; value: unknown }) => [v.fieldId, v.value]));
    expect(values.priority).toMatchObject({ id: '2', value: 'High' });
    expect(values.customfield_10051).toMatchObject({ value: 'No' }); // the form's default
    expect(values.customfield_10090).toBeUndefined(); // hidden from customers
  });

  it('refuses what JSM refuses: a missing required field, a value of the wrong kind, raiseOnBehalfOf by a customer', async () => {
    const missing = await post(`${API}/request`, { serviceDeskId: '1', requestTypeId: '22', requestFieldValues: { summary: 'Q1 report' } });
    expect(missing.status).toBe(400);
    expect(missing.body.errorMessage).toMatch(/Description is required\. When do you need this report is required\./);
    const wrongKind = await post(`${API}/request`, {
      serviceDeskId: '1',
      requestTypeId: '21',
      requestFieldValues: { summary: 's', description: 'd', customfield_10065: 'twelve', customfield_10050: [{ id: '10100' }] },
    });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.errorMessage).toMatch(/Affected users/);
    const onBehalf = await post(`${API}/request`, {
      serviceDeskId: '1',
      requestTypeId: '10',
      raiseOnBehalfOf: 'qm:0b1c2d3e-bob',
      requestFieldValues: {},
    });
    expect(onBehalf.status).toBe(400);
    expect(onBehalf.body.errorMessage).toMatch(/on behalf/);
  });

  it('lets an agent raise a request on behalf of a customer, who then sees it', async () => {
    const carol = jsm.authFor('carol');
    expect((await get(`${API}/servicedesk/1/requesttype/30/field`, carol)).body.canRaiseOnBehalfOf).toBe(true);
    const created = await post(
      `${API}/request`,
      {
        serviceDeskId: '1',
        requestTypeId: '30',
        raiseOnBehalfOf: 'qm:0b1c2d3e-bob',
        requestFieldValues: { summary: 'Raised for Bob', description: 'd', customfield_10050: [{ id: '10100' }] },
      },
      carol,
    );
    expect(created.status).toBe(201);
    expect(created.body.reporter.emailAddress).toBe('bob@acme.test');
    expect((await get(`${API}/request/${created.body.issueKey}`, jsm.authFor('bob'))).status).toBe(200);
  });

  it('lists my requests by status, by type within a desk, by search term, page by page', async () => {
    const open = await get(`${API}/request?requestStatus=OPEN_REQUESTS`);
    expect(open.body.values.every((r: any) => r.currentStatus.statusCategory !== 'DONE')).toBe(true);
    const closed = await get(`${API}/request?requestStatus=CLOSED_REQUESTS`);
    expect(closed.body.values.map((r: any) => r.currentStatus.status).sort()).toEqual(['Closed', 'Resolved']);
    const billing = await get(`${API}/request?serviceDeskId=1&requestTypeId=30`);
    expect(billing.body.values.map((r: any) => r.requestFieldValues[0].value)).toEqual(['Old invoice question']);
    const search = await get(`${API}/request?searchTerm=payslip*`);
    expect(search.body.values.map((r: any) => r.issueKey)).toEqual(['SD-2']);

    const all = await get(`${API}/request`);
    const first = await get(`${API}/request?start=0&limit=2`);
    expect(first.body).toMatchObject({ start: 0, limit: 2, size: 2, isLastPage: false });
    expect(first.body._links.next).toContain('start=2');
    const last = await get(`${API}/request?start=${all.body.size - 1}&limit=2`);
    expect(last.body).toMatchObject({ size: 1, isLastPage: true });
    expect(all.body.values.map((r: any) => r.issueKey)).not.toContain('SD-3'); // Bob's
  });

  it('shares a new request with its reporter’s organization: a colleague lists it (ALL_ORGANIZATIONS) and sees it', async () => {
    const bob = jsm.authFor('bob');
    const created = await post(`${API}/request`, {
      serviceDeskId: '1',
      requestTypeId: '30',
      requestFieldValues: { summary: 'Shared with Acme', description: 'd', customfield_10050: [{ id: '10100' }] },
    });
    const key = created.body.issueKey;
    expect((await get(`${API}/request/${key}`, bob)).status).toBe(200);
    const own = await get(`${API}/request?requestOwnership=OWNED_REQUESTS`, bob);
    expect(own.body.values.map((r: any) => r.issueKey)).not.toContain(key);
    const shared = await get(`${API}/request?requestOwnership=OWNED_REQUESTS&requestOwnership=ALL_ORGANIZATIONS`, bob);
    expect(shared.body.values.map((r: any) => r.issueKey)).toContain(key);
    const one = await get(`${API}/request?requestOwnership=ORGANIZATION&organizationId=1`, bob);
    // earlier tests' requests of Alice's are shared with Acme too; the seeded ones were raised before sharing
    expect(one.body.values.map((r: any) => r.issueKey)).toContain(key);
    expect(one.body.values.map((r: any) => r.issueKey)).not.toContain('SD-1');
    // seeded requests were raised before: not shared (Bob still cannot see Alice's SD-1)
    expect((await get(`${API}/request/SD-1`, bob)).status).toBe(404);
    expect((await get(`${API}/request/${key}`, jsm.authFor('carol'))).status).toBe(200);
  });

  it('lists a desk’s customers to agents (getCustomers, experimental), not to customers', async () => {
    const carol = jsm.authFor('carol');
    const found = await call(jsm.url, 'GET', `${API}/servicedesk/1/customer?query=bob@acme`, {
      auth: carol,
      headers: { 'X-ExperimentalApi': 'opt-in' },
    });
    expect(found.status).toBe(200);
    expect(found.body.values.map((u: any) => u.accountId)).toEqual(['qm:0b1c2d3e-bob']);
    const refused = await call(jsm.url, 'GET', `${API}/servicedesk/1/customer`, {
      auth: alice,
      headers: { 'X-ExperimentalApi': 'opt-in' },
    });
    expect(refused.status).toBe(403);
  });

  it('starts its clock when told (for tests of activity since a date)', async () => {
    const now = Date.now();
    const other = await startJiraSmStub({ clockStart: now });
    try {
      const created = await call(other.url, 'POST', `${API}/request`, {
        auth: other.authFor('alice'),
        json: { serviceDeskId: '2', requestTypeId: '50', requestFieldValues: { summary: 'Now' } },
      });
      expect(created.body.createdDate.epochMillis).toBeGreaterThanOrEqual(now);
      other.assertNoViolations();
    } finally {
      await other.close();
    }
  });

  it('caps the page size, so a client must follow isLastPage rather than count', async () => {
    jsm.state.maxPageSize = 2;
    try {
      const page = await get(`${API}/request?limit=50`);
      expect(page.body).toMatchObject({ limit: 2, size: 2, isLastPage: false });
    } finally {
      jsm.state.maxPageSize = 50;
    }
  });

  it('answers 400 to requestTypeId without serviceDeskId, as the document’s prose requires', async () => {
    expect((await get(`${API}/request?requestTypeId=30`)).status).toBe(400);
  });

  it('shows a request: status history, public comments only, 404 for another customer’s request', async () => {
    const view = await get(`${API}/request/SD-1?expand=comment,status`);
    expect(view.body.status.values[0]).toMatchObject({ status: 'Waiting for support', statusCategory: 'NEW' });
    expect(view.body.comments.values.map((c: any) => c.body)).toEqual(['We are looking into it.']);
    const comments = await get(`${API}/request/SD-1/comment?public=true&internal=false`);
    expect(comments.body.values).toHaveLength(1);
    expect((await get(`${API}/request/SD-1/comment`, jsm.authFor('carol'))).body.values).toHaveLength(2);
    expect((await get(`${API}/request/SD-1`, jsm.authFor('bob'))).status).toBe(404);
    expect((await get(`${API}/request/SD-1/status`)).body.values[0].statusCategory).toBe('NEW');
  });

  it('adds a public comment; a reply while waiting for the customer goes back to support; closed refuses', async () => {
    const bob = jsm.authFor('bob');
    const reply = await post(`${API}/request/SD-3/comment`, { body: 'Here is the invoice number.', public: true }, bob);
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ body: 'Here is the invoice number.', public: true, author: { emailAddress: 'bob@acme.test' } });
    expect((await get(`${API}/request/SD-3`, bob)).body.currentStatus.status).toBe('Waiting for support');

    const internal = await post(`${API}/request/SD-1/comment`, { body: 'psst', public: false });
    expect(internal.status).toBe(400);
    const closed = await post(`${API}/request/SD-4/comment`, { body: 'Still there?', public: true });
    expect(closed.status).toBe(400);
    expect(closed.body.errorMessage).toMatch(/closed/);
    expect((await get(`${API}/request/SD-4?expand=action`)).body.actions.addComment.allowed).toBe(false);
  });

  it('offers customer transitions by status and refuses one that is not offered', async () => {
    const created = await post(`${API}/request`, {
      serviceDeskId: '1',
      requestTypeId: '30',
      requestFieldValues: { summary: 'Transition me', description: 'd', customfield_10050: [{ id: '10100' }] },
    });
    const key = created.body.issueKey;
    expect((await get(`${API}/request/${key}/transition`)).body.values).toEqual([{ id: '11', name: 'Cancel request' }]);
    const refused = await post(`${API}/request/${key}/transition`, { id: '21' });
    expect(refused.status).toBe(400);
    expect(refused.body.errorMessage).toMatch(/not available .*offered: 11 Cancel request/);

    jsm.agent.setStatus(key, 'Waiting for customer');
    expect((await get(`${API}/request/${key}/transition`)).body.values).toEqual([{ id: '21', name: 'Resolve this issue' }]);
    const resolved = await post(`${API}/request/${key}/transition`, { id: '21', additionalComment: { body: 'Fixed, thanks.' } });
    expect(resolved.status).toBe(204);
    expect((await get(`${API}/request/${key}`)).body.currentStatus).toMatchObject({ status: 'Resolved', statusCategory: 'DONE' });
    expect((await post(`${API}/request/${key}/transition`, { id: '31' })).status).toBe(204);

    jsm.agent.offerTransitions(key, []);
    expect((await get(`${API}/request/${key}/transition`)).body.values).toEqual([]);
    expect((await post(`${API}/request/${key}/transition`, { id: '11' })).status).toBe(400);
  });

  it('attaches files in two steps: temporary file (X-Atlassian-Token: no-check), then the request', async () => {
    const form = () => {
      const f = new FormData();
      f.append('file', new Blob(['hello, world'], { type: 'text/plain' }), 'hello.txt');
      return f;
    };
    const xsrf = await call(jsm.url, 'POST', `${API}/servicedesk/1/attachTemporaryFile`, { auth: alice, body: form() });
    expect(xsrf.status).toBe(403);
    expect(jsm.takeViolations()).toEqual([
      expect.stringMatching(/attachTemporaryFile .*required header parameter X-Atlassian-Token is missing/),
      expect.stringMatching(/attachTemporaryFile .*response 403: content type text\/plain is not declared/),
    ]);

    const temp = await call(jsm.url, 'POST', `${API}/servicedesk/1/attachTemporaryFile`, {
      auth: alice,
      body: form(),
      headers: { 'X-Atlassian-Token': 'no-check' },
    });
    expect(temp.status).toBe(201);
    const [{ temporaryAttachmentId, fileName }] = temp.body.temporaryAttachments;
    expect(fileName).toBe('hello.txt');
    const attached = await post(`${API}/request/SD-1/attachment`, {
      temporaryAttachmentIds: [temporaryAttachmentId],
      public: true,
      additionalComment: { body: 'The log.' },
    });
    expect(attached.status).toBe(201);
    expect(attached.body.attachments.values[0]).toMatchObject({ filename: 'hello.txt', size: 12, mimeType: 'text/plain' });
    expect(attached.body.comment.body).toContain('[^hello.txt]');
    expect((await post(`${API}/request/SD-1/attachment`, { temporaryAttachmentIds: [temporaryAttachmentId], public: true })).status).toBe(
      400,
    ); // used once

    const list = await get(`${API}/request/SD-1/attachment`);
    const url = list.body.values.at(-1)._links.content as string;
    const content = await call(jsm.url, 'GET', url.slice(jsm.url.length), { auth: alice });
    expect(content.body).toBe('hello, world');
  });

  it('flags requests the real service would reject: wrong field types, unknown properties', async () => {
    const bad = await post(`${API}/request`, { serviceDeskId: 1, requestTypeId: '10', fields: {}, requestFieldValues: { summary: 'x' } });
    expect(bad.status).toBe(400);
    expect(jsm.takeViolations()).toEqual([
      expect.stringMatching(
        /createCustomerRequest \(POST \/rest\/servicedeskapi\/request\) request body \/: must NOT have additional properties \(fields\); \/serviceDeskId: must be string/,
      ),
    ]);
    expect((await get(`${API}/request?start=first`)).status).toBe(200);
    expect(jsm.takeViolations()).toEqual([expect.stringMatching(/getCustomerRequests .*query parameter start = "first": must be integer/)]);
  });

  it('misbehaves on demand: 429 storms with and without Retry-After, 503, dropped connections', async () => {
    jsm.faults.rateLimit({ times: 2, retryAfter: 3 }).rateLimit({ retryAfter: null });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await get(`${API}/servicedesk`));
    expect(answers.map((a) => a.status)).toEqual([429, 429, 429, 200]);
    expect(answers.map((a) => a.headers.get('retry-after'))).toEqual(['3', '3', null, null]);

    jsm.faults.status(503, { match: 'GET /rest/servicedeskapi/request/*', body: { errorMessage: 'Service unavailable' } });
    expect((await get(`${API}/servicedesk`)).status).toBe(200); // does not match
    expect((await get(`${API}/request/SD-1`)).status).toBe(503);
    jsm.takeViolations(); // 503 is not in the document: the test of a provider expects it

    const before = jsm.state.requests.length;
    const create = {
      serviceDeskId: '1',
      requestTypeId: '30',
      requestFieldValues: { summary: 'Dropped', description: 'd', customfield_10050: [{ id: '10100' }] },
    };
    jsm.faults.drop({ match: 'POST /rest/servicedeskapi/request' });
    await expect(post(`${API}/request`, create)).rejects.toThrow();
    expect(jsm.state.requests.length).toBe(before);
    jsm.faults.drop({ match: 'POST /rest/servicedeskapi/request', when: 'after' });
    await expect(post(`${API}/request`, create)).rejects.toThrow();
    expect(jsm.state.requests.length).toBe(before + 1); // filed, though the client never heard
    expect(jsm.exchanges.at(-1)).toMatchObject({ method: 'POST', path: `${API}/request`, status: undefined });
  });
  it('flags an answer that breaks the document too (here, one injected on purpose)', async () => {
    jsm.faults.status(200, {
      match: 'GET /rest/servicedeskapi/request/SD-1',
      body: { issueKey: 'SD-1', currentStatus: { status: 'Open', statusCategory: 'OPEN' }, summary: 'x' },
    });
    expect((await get(`${API}/request/SD-1`)).status).toBe(200);
    expect(jsm.takeViolations()).toEqual([
      expect.stringMatching(
        /getCustomerRequestByIdOrKey .*response 200 body \/: must NOT have additional properties \(summary\); \/currentStatus\/statusCategory: must be equal to one of the allowed values \("UNDEFINED", "NEW", "INDETERMINATE", "DONE"\)/,
      ),
    ]);
  });
});

describe('Jira Service Management stub (Data Center)', () => {
  let jsm: JiraSmStub;
  beforeAll(async () => {
    jsm = await startJiraSmStub({ deployment: 'datacenter' });
  });
  afterEach(() => jsm.assertNoViolations());
  afterAll(() => jsm.close());

  it('logs in with a Bearer personal access token, or Basic user name + password; /rest/api/2/myself only', async () => {
    expect(jsm.authFor('alice')).toBe('Bearer alice-pat');
    const me = await call(jsm.url, 'GET', '/rest/api/2/myself', { auth: 'Bearer alice-pat' });
    expect(me.body).toMatchObject({ name: 'alice', emailAddress: 'alice@acme.test' });
    expect((await call(jsm.url, 'GET', '/rest/api/3/myself', { auth: 'Bearer alice-pat' })).status).toBe(404);
    expect((await call(jsm.url, 'GET', `${API}/servicedesk`, { auth: basic('alice', 'alice-password') })).status).toBe(200);
    expect((await call(jsm.url, 'GET', `${API}/servicedesk`, { auth: basic('alice@acme.test', 'alice-api-token') })).status).toBe(401);
  });
});
