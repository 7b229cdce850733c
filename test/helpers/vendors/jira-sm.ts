/**
 * A stub of Jira Service Management's customer-side REST API (`/rest/servicedeskapi`), for the provider's contract
 * tests. Every request and answer is checked against Atlassian's OpenAPI document (patched: ./specs.ts); call
 * `stub.assertNoViolations()` in afterEach. The guide for provider authors is ./README.md; in short:
 *
 *   const jsm = await startJiraSmStub();                        // Cloud; { deployment: 'datacenter' } for DC
 *   // log in as alice: Basic base64("alice@acme.test:alice-api-token")  (DC: Bearer alice-pat)
 *   jsm.faults.rateLimit({ times: 2, retryAfter: 1 });          // the next two requests get 429
 *   jsm.agent.setStatus('SD-1', 'Waiting for customer');        // what an agent would do in Jira
 *   afterEach(() => jsm.assertNoViolations());  afterAll(() => jsm.close());
 *
 * Endpoints played (operationIds of the document): getInfo, getServiceDesks, getServiceDeskById,
 * getRequestTypeGroups, getRequestTypes, getRequestTypeById, getRequestTypeFields, getCustomers, createCustomerRequest,
 * getCustomerRequests, getCustomerRequestByIdOrKey, getCustomerRequestStatus, getRequestComments,
 * createRequestComment, getCustomerTransitions, performCustomerTransition, attachTemporaryFile, createAttachment,
 * getAttachmentsForRequest, getAttachmentContent; outside the document, Jira platform's GET /rest/api/3/myself
 * (Cloud) and /rest/api/2/myself (both).
 */
import { Faults, type StubRequest, type StubResponse, type StubServer, startStubServer } from './stub-server.ts';
import { jiraSmSpec } from './specs.ts';

const API = '/rest/servicedeskapi';

export type StatusCategory = 'NEW' | 'INDETERMINATE' | 'DONE';

/** The workflow of the seeded service desk: each status, its category, and the transitions offered to customers. */
export const JSM_STATUSES: Record<string, { category: StatusCategory; transitions: { id: string; name: string; to: string }[] }> = {
  'Waiting for support': { category: 'NEW', transitions: [{ id: '11', name: 'Cancel request', to: 'Canceled' }] },
  'In progress': { category: 'INDETERMINATE', transitions: [] },
  'Waiting for customer': { category: 'INDETERMINATE', transitions: [{ id: '21', name: 'Resolve this issue', to: 'Resolved' }] },
  Resolved: { category: 'DONE', transitions: [{ id: '31', name: 'Reopen', to: 'Waiting for support' }] },
  Canceled: { category: 'DONE', transitions: [] },
  Closed: { category: 'DONE', transitions: [] },
};

export interface JsmUser {
  accountId: string;
  /** Data Center's user name (Basic username:password there) */
  name: string;
  email: string;
  displayName: string;
  /** Cloud: Basic e-mail + API token */
  apiToken: string;
  /** Data Center: Bearer personal access token */
  pat: string;
  password: string;
  /** agents may raise requests on behalf of customers; customers may not */
  agent: boolean;
  timeZone: string;
}

export interface JsmField {
  fieldId: string;
  name: string;
  description?: string;
  required: boolean;
  visible: boolean;
  jiraSchema: { type: string; system?: string; custom?: string; customId?: number; items?: string };
  validValues: { value: string; label: string; children: [] }[];
  defaultValues: { value: string; label: string; children: [] }[];
}

export interface JsmRequestType {
  id: string;
  serviceDeskId: string;
  name: string;
  description: string;
  helpText: string;
  groupIds: string[];
  issueTypeId: string;
  fields: JsmField[];
}

export interface JsmComment {
  id: string;
  body: string;
  public: boolean;
  authorId: string;
  created: Date;
  attachmentIds: string[];
}

export interface JsmAttachment {
  id: string;
  filename: string;
  mimeType: string;
  content: Buffer;
  authorId: string;
  created: Date;
}

export interface JsmRequest {
  issueId: string;
  issueKey: string;
  serviceDeskId: string;
  requestTypeId: string;
  reporterId: string;
  participantIds: string[];
  /** the customer organizations the request is shared with: their members see it */
  organizationIds: string[];
  created: Date;
  updated: Date;
  /** requestFieldValues as sent (Jira field id -> value) */
  fields: Record<string, unknown>;
  statusHistory: { status: string; date: Date }[];
  comments: JsmComment[];
  attachments: JsmAttachment[];
  /** when set, replaces the workflow's customer transitions for this request (tests of "not offered") */
  transitionsOverride?: { id: string; name: string; to: string }[];
}

interface TemporaryAttachment {
  id: string;
  serviceDeskId: string;
  ownerId: string;
  filename: string;
  mimeType: string;
  content: Buffer;
}

// --- fixtures ------------------------------------------------------------------------------------------------------

const SYSTEM = 'com.atlassian.jira.plugin.system.customfieldtypes';
const option = (value: string, label: string) => ({ value, label, children: [] as [] });

function field(fieldId: string, name: string, jiraSchema: JsmField['jiraSchema'], extra: Partial<JsmField> = {}): JsmField {
  return { fieldId, name, required: false, visible: true, jiraSchema, validValues: [], defaultValues: [], ...extra };
}

const summary = (name = 'Summary') => field('summary', name, { type: 'string', system: 'summary' }, { required: true });
const description = (name = 'Description', required = true) =>
  field('description', name, { type: 'string', system: 'description' }, { required });
const attachment = () => field('attachment', 'Attachment', { type: 'array', items: 'attachment', system: 'attachment' });
const gdpr = () =>
  field(
    'customfield_10050',
    'Consent to data collection and use (GDPR)',
    { type: 'array', items: 'option', custom: `${SYSTEM}:multicheckboxes`, customId: 10050 },
    { required: true, validValues: [option('10100', 'I consent')] },
  );
const share = () =>
  field(
    'customfield_10051',
    'Share with my account manager',
    { type: 'option', custom: `${SYSTEM}:radiobuttons`, customId: 10051 },
    { validValues: [option('10110', 'Yes'), option('10111', 'No')], defaultValues: [option('10111', 'No')] },
  );
const justification = () =>
  field(
    'customfield_10052',
    'Business justification',
    { type: 'string', custom: `${SYSTEM}:textarea`, customId: 10052 },
    { required: true },
  );
const employeeUrls = () =>
  field('customfield_10070', 'Employee URL(s)', { type: 'string', custom: `${SYSTEM}:textarea`, customId: 10070 }, { required: true });
const irreversible = () =>
  field(
    'customfield_10071',
    'I understand this action is irreversible',
    { type: 'array', items: 'option', custom: `${SYSTEM}:multicheckboxes`, customId: 10071 },
    { required: true, validValues: [option('10120', 'Yes')] },
  );
// a field the request type keeps hidden from customers: providers must leave it out of forms
const routing = () =>
  field(
    'customfield_10090',
    'Routing team',
    { type: 'option', custom: `${SYSTEM}:select`, customId: 10090 },
    { visible: false, validValues: [option('10130', 'Tier 1'), option('10131', 'Tier 2')], defaultValues: [option('10130', 'Tier 1')] },
  );

/** Seed 004's portal: four groups, ten request types, forms with every field kind a provider must map. */
function seedRequestTypes(): JsmRequestType[] {
  const t = (id: string, groupIds: string[], name: string, fields: JsmField[], issueTypeId = '10001'): JsmRequestType => ({
    id,
    serviceDeskId: '1',
    name,
    description: `${name} (seed 004)`,
    helpText: '',
    groupIds,
    issueTypeId,
    fields,
  });
  return [
    t('10', ['1'], 'Ask a question', [summary('Question'), description(), gdpr(), share(), routing()]),
    t('11', ['1'], 'User interface or translation problem', [
      summary(),
      description('Describe the problem'),
      attachment(),
      gdpr(),
      share(),
    ]),
    t('12', ['1'], 'Improvement', [
      summary(),
      description('Details'),
      justification(),
      field('labels', 'Labels', { type: 'array', items: 'string', system: 'labels' }),
      share(),
    ]),
    t(
      '20',
      ['2'],
      'API or integrations',
      [
        summary(),
        field('customfield_10060', 'Endpoint URL', { type: 'string', custom: `${SYSTEM}:url`, customId: 10060 }, { required: true }),
        field(
          'customfield_10061',
          'Impact',
          { type: 'option', custom: `${SYSTEM}:select`, customId: 10061 },
          {
            required: true,
            validValues: [option('10140', 'Low'), option('10141', 'Medium'), option('10142', 'High'), option('10143', 'Critical')],
          },
        ),
        description(),
        attachment(),
        gdpr(),
        share(),
      ],
      '10002',
    ),
    t(
      '21',
      ['2'],
      'Incident',
      [
        summary(),
        description(),
        field(
          'priority',
          'Severity',
          { type: 'priority', system: 'priority' },
          {
            required: true,
            validValues: [option('1', 'Highest'), option('2', 'High'), option('3', 'Medium'), option('4', 'Low')],
            defaultValues: [option('3', 'Medium')],
          },
        ),
        field('customfield_10063', 'URL', { type: 'string', custom: `${SYSTEM}:url`, customId: 10063 }),
        field('customfield_10065', 'Affected users', { type: 'number', custom: `${SYSTEM}:float`, customId: 10065 }),
        field(
          'customfield_10066',
          'Affected modules',
          { type: 'array', items: 'option', custom: `${SYSTEM}:multiselect`, customId: 10066 },
          { validValues: [option('10150', 'Payroll'), option('10151', 'Time off'), option('10152', 'Documents')] },
        ),
        attachment(),
        gdpr(),
        share(),
      ],
      '10003',
    ),
    t('22', ['2'], 'SQL report request', [
      summary(),
      description(),
      field(
        'customfield_10064',
        'When do you need this report',
        { type: 'date', custom: `${SYSTEM}:datepicker`, customId: 10064 },
        { required: true },
      ),
      attachment(),
      gdpr(),
      share(),
    ]),
    t('30', ['3'], 'Billing question', [summary(), description(), attachment(), gdpr(), share()]),
    t('31', ['3'], 'Change VAT or billing name', [summary(), description('Describe the change'), attachment(), gdpr(), share()]),
    t('40', ['4'], 'User deletion', [summary(), description(), employeeUrls(), justification(), gdpr(), irreversible(), share()]),
    t('41', ['4'], 'MFA reset', [summary(), description(), employeeUrls(), gdpr(), irreversible(), share()]),
    {
      id: '50',
      serviceDeskId: '2',
      name: 'Get IT help',
      description: 'A second service desk, to choose with --service-desk',
      helpText: '',
      groupIds: ['5'],
      issueTypeId: '10001',
      fields: [summary(), description('Description', false), attachment()],
    },
    {
      // a form with a required choice and no consent box: what the provider contract suite files
      id: '51',
      serviceDeskId: '2',
      name: 'Report a problem',
      description: 'Something is broken',
      helpText: '',
      groupIds: ['6'],
      issueTypeId: '10003',
      fields: [
        summary(),
        description(),
        field(
          'customfield_10080',
          'Urgency',
          { type: 'option', custom: `${SYSTEM}:select`, customId: 10080 },
          { required: true, validValues: [option('10160', 'Low'), option('10161', 'High')] },
        ),
        attachment(),
      ],
    },
  ];
}

export const JSM_SERVICE_DESKS = [
  { id: '1', projectId: '10000', projectKey: 'SD', projectName: 'Customer support' },
  { id: '2', projectId: '10001', projectKey: 'IT', projectName: 'IT help' },
];

export const JSM_GROUPS: Record<string, { id: string; name: string }[]> = {
  '1': [
    { id: '1', name: 'General requests' },
    { id: '2', name: 'Technical requests' },
    { id: '3', name: 'Billing' },
    { id: '4', name: 'Security and privacy' },
  ],
  '2': [
    { id: '5', name: 'IT' },
    { id: '6', name: 'Problems' },
  ],
};

/** Customer organizations: Alice and Bob work for Acme. */
export const JSM_ORGANIZATIONS = [{ id: '1', name: 'Acme', members: ['qm:0b1c2d3e-alice', 'qm:0b1c2d3e-bob'] }];

function seedUsers(): JsmUser[] {
  const u = (accountId: string, name: string, displayName: string, email: string, agent = false): JsmUser => ({
    accountId,
    name,
    email,
    displayName,
    apiToken: `${name}-api-token`,
    pat: `${name}-pat`,
    password: `${name}-password`,
    agent,
    timeZone: 'Europe/Paris',
  });
  return [
    u('qm:0b1c2d3e-alice', 'alice', 'Alice Martin', 'alice@acme.test'),
    u('qm:0b1c2d3e-bob', 'bob', 'Bob Durand', 'bob@acme.test'),
    u('5b10ac8d82e05b22cc7d4ef5', 'carol', 'Carol Agent', 'carol@support.test', true),
  ];
}

// --- state ---------------------------------------------------------------------------------------------------------

export class JiraSmState {
  users = seedUsers();
  serviceDesks = JSM_SERVICE_DESKS;
  groups = JSM_GROUPS;
  requestTypes = seedRequestTypes();
  requests: JsmRequest[] = [];
  organizations = JSM_ORGANIZATIONS;
  /** the project setting "share new requests with the customer's organizations" (the portal's default choice) */
  shareWithOrganization = true;
  temporary = new Map<string, TemporaryAttachment>();
  /** the most items one page holds, whatever `limit` asks (the service caps it; clients must follow isLastPage) */
  maxPageSize = 50;
  #next = { issue: 10001, comment: 20001, attachment: 30001, temp: 1 };
  #clock: number;

  /** `clockStart`: the time of the first event (default 2026-11-02 09:00 UTC); each event moves the clock a minute */
  constructor(clockStart = Date.parse('2026-11-02T09:00:00Z')) {
    this.#clock = clockStart;
    const alice = this.user('alice').accountId;
    const bob = this.user('bob').accountId;
    const carol = this.user('carol').accountId;
    const incident = this.addRequest({
      reporterId: alice,
      requestTypeId: '21',
      fields: { summary: 'Login page returns 503', description: 'Since 9:00 nobody can log in.', priority: { id: '2' } },
    });
    this.addComment(incident.issueKey, { authorId: carol, body: 'We are looking into it.', public: true });
    this.addComment(incident.issueKey, { authorId: carol, body: 'Internal: the load balancer again.', public: false });
    const question = this.addRequest({
      reporterId: alice,
      requestTypeId: '10',
      fields: { summary: 'How do I export payslips?', description: 'Where?' },
    });
    this.addComment(question.issueKey, { authorId: carol, body: 'Reports > Payslips > Export.', public: true });
    this.setStatus(question.issueKey, 'Resolved');
    const billing = this.addRequest({
      reporterId: bob,
      requestTypeId: '30',
      fields: { summary: 'Invoice 2026-10 is missing', description: 'Not in the list.' },
    });
    this.setStatus(billing.issueKey, 'Waiting for customer');
    const old = this.addRequest({
      reporterId: alice,
      requestTypeId: '30',
      fields: { summary: 'Old invoice question', description: 'Answered long ago.' },
    });
    this.setStatus(old.issueKey, 'Closed');
  }

  user(name: string): JsmUser {
    const u = this.users.find((x) => x.name === name || x.email === name || x.accountId === name);
    if (!u) throw new Error(`no JSM user ${name}`);
    return u;
  }

  request(key: string): JsmRequest | undefined {
    return this.requests.find((r) => r.issueKey === key || r.issueId === key);
  }

  now(): Date {
    this.#clock += 60_000; // a minute per event: orders are stable and visible
    return new Date(this.#clock);
  }

  addRequest(o: {
    reporterId: string;
    requestTypeId: string;
    fields: Record<string, unknown>;
    participantIds?: string[];
    organizationIds?: string[];
  }): JsmRequest {
    const type = this.requestTypes.find((t) => t.id === o.requestTypeId);
    if (!type) throw new Error(`no request type ${o.requestTypeId}`);
    const desk = this.serviceDesks.find((d) => d.id === type.serviceDeskId)!;
    const created = this.now();
    const number = this.requests.filter((r) => r.serviceDeskId === desk.id).length + 1;
    const request: JsmRequest = {
      issueId: String(this.#next.issue++),
      issueKey: `${desk.projectKey}-${number}`,
      serviceDeskId: desk.id,
      requestTypeId: type.id,
      reporterId: o.reporterId,
      participantIds: o.participantIds ?? [],
      organizationIds: o.organizationIds ?? [],
      created,
      updated: created,
      fields: o.fields,
      statusHistory: [{ status: 'Waiting for support', date: created }],
      comments: [],
      attachments: [],
    };
    this.requests.push(request);
    return request;
  }

  addComment(key: string, o: { authorId: string; body: string; public: boolean; attachmentIds?: string[] }): JsmComment {
    const request = this.mustRequest(key);
    const comment: JsmComment = {
      id: String(this.#next.comment++),
      body: o.body,
      public: o.public,
      authorId: o.authorId,
      created: this.now(),
      attachmentIds: o.attachmentIds ?? [],
    };
    request.comments.push(comment);
    request.updated = comment.created;
    return comment;
  }

  setStatus(key: string, status: string): void {
    if (!JSM_STATUSES[status]) throw new Error(`no status ${status} (known: ${Object.keys(JSM_STATUSES).join(', ')})`);
    const request = this.mustRequest(key);
    const date = this.now();
    request.statusHistory.push({ status, date });
    request.updated = date;
  }

  status(request: JsmRequest): string {
    return request.statusHistory[request.statusHistory.length - 1].status;
  }

  transitions(request: JsmRequest): { id: string; name: string; to: string }[] {
    return request.transitionsOverride ?? JSM_STATUSES[this.status(request)].transitions;
  }

  /** the organizations a user is a member of */
  organizationsOf(accountId: string): string[] {
    return this.organizations.filter((o) => o.members.includes(accountId)).map((o) => o.id);
  }

  newAttachmentId(): string {
    return String(this.#next.attachment++);
  }

  newTemporaryId(): string {
    return `temp${8186986881700442965n + BigInt(this.#next.temp++)}`;
  }

  mustRequest(key: string): JsmRequest {
    const r = this.request(key);
    if (!r) throw new Error(`no request ${key}`);
    return r;
  }
}

// --- HTTP ----------------------------------------------------------------------------------------------------------

export interface JiraSmStub extends StubServer {
  state: JiraSmState;
  faults: Faults;
  /** what an agent does in Jira (outside the customer API): status changes, comments, transitions offered */
  agent: {
    setStatus(key: string, status: string): void;
    comment(key: string, body: string, o?: { public?: boolean }): void;
    /** replaces the transitions offered to customers on this request ([] offers none) */
    offerTransitions(key: string, transitions: { id: string; name: string; to: string }[]): void;
  };
  /** Authorization header values for a seeded user: Cloud Basic (e-mail + API token) or Data Center Bearer PAT */
  authFor(user: string): string;
}

export interface JiraSmOptions {
  /** cloud (default): Basic e-mail + API token only; datacenter: Bearer PAT, or Basic user name + password */
  deployment?: 'cloud' | 'datacenter';
  /** the time of the first event, in epoch ms (default 2026-11-02 09:00 UTC): tests of "activity since" start it now */
  clockStart?: number;
}

export async function startJiraSmStub(options: JiraSmOptions = {}): Promise<JiraSmStub> {
  const deployment = options.deployment ?? 'cloud';
  const state = new JiraSmState(options.clockStart);
  const faults = new Faults(() => errorBody('Rate limit exceeded.', 'rate.limit.exceeded'));
  let base = '';
  const server = await startStubServer({ spec: jiraSmSpec(), faults, handle: (req) => handle(req, state, deployment, base) });
  base = server.url;
  return Object.assign(server, {
    state,
    faults,
    agent: {
      setStatus: (key: string, status: string) => state.setStatus(key, status),
      comment: (key: string, body: string, o: { public?: boolean } = {}) => {
        state.addComment(key, { authorId: state.user('carol').accountId, body, public: o.public ?? true });
      },
      offerTransitions: (key: string, transitions: { id: string; name: string; to: string }[]) => {
        state.mustRequest(key).transitionsOverride = transitions;
      },
    },
    authFor(name: string) {
      const u = state.user(name);
      return deployment === 'cloud' ? basic(u.email, u.apiToken) : `Bearer ${u.pat}`;
    },
  });
}

export function basic(user: string, secret: string): string {
  return `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;
}

function errorBody(errorMessage: string, i18nKey = 'sd.error'): unknown {
  return { errorMessage, i18nErrorMessage: { i18nKey, parameters: [] } };
}

const fail = (status: number, message: string, key?: string): StubResponse => ({ status, body: errorBody(message, key) });

function authenticate(req: StubRequest, state: JiraSmState, deployment: string): JsmUser | undefined {
  const header = req.headers.authorization ?? '';
  const [scheme, value = ''] = header.split(' ');
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const [login, secret] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
    return state.users.find((u) =>
      deployment === 'cloud' ? u.email === login && u.apiToken === secret : u.name === login && u.password === secret,
    );
  }
  // Cloud's Bearer tokens are OAuth 2.0 tokens that only work through api.atlassian.com, not on the site's address
  if (/^bearer$/i.test(scheme) && deployment === 'datacenter') return state.users.find((u) => u.pat === value);
  return undefined;
}

async function handle(req: StubRequest, state: JiraSmState, deployment: string, base: string): Promise<StubResponse> {
  const p = req.path;
  if (req.method === 'GET' && p === `${API}/info`) {
    return {
      status: 200,
      body: { version: '10.3.0', platformVersion: '10003000', isLicensedForUse: true, _links: { self: `${base}${API}/info` } },
    };
  }
  const me = authenticate(req, state, deployment);
  if (!me) return fail(401, 'Client must be authenticated to access this resource.', 'sd.auth.required');
  const ctx: Ctx = { req, state, me, base };

  const myself = /^\/rest\/api\/(2|3)\/myself$/.exec(p);
  if (myself && req.method === 'GET') {
    if (myself[1] === '3' && deployment === 'datacenter') return { status: 404, body: errorBody('Not found') };
    return { status: 200, body: userJson(ctx, me, deployment) };
  }
  if (!p.startsWith(`${API}/`)) return fail(404, 'Not found');
  const parts = p
    .slice(API.length + 1)
    .split('/')
    .map(decodeURIComponent);
  const route = `${req.method} ${parts.map((s, i) => (i % 2 === 1 ? '*' : s)).join('/')}`;

  switch (route) {
    case 'GET servicedesk':
      return paged(
        ctx,
        state.serviceDesks.map((d) => deskJson(ctx, d)),
      );
    case 'GET servicedesk/*': {
      const desk = findDesk(state, parts[1]);
      return desk ? { status: 200, body: deskJson(ctx, desk) } : fail(404, 'The service desk does not exist.');
    }
    case 'GET servicedesk/*/customer': {
      const desk = findDesk(state, parts[1]);
      if (!desk) return fail(404, 'The service desk does not exist.');
      // experimental in the document, and for agents: customers may not browse other customers
      if (!me.agent) return fail(403, 'You do not have permission to view the customers of this service desk.');
      const query = req.query.get('query')?.toLowerCase() ?? '';
      const customers = state.users.filter(
        (u) => !u.agent && (u.email.toLowerCase().includes(query) || u.displayName.toLowerCase().includes(query)),
      );
      return paged(
        ctx,
        customers.map((u) => customerJson(ctx, u.accountId)),
      );
    }
    case 'GET servicedesk/*/requesttypegroup': {
      const desk = findDesk(state, parts[1]);
      return desk ? paged(ctx, state.groups[desk.id]) : fail(404, 'The service desk does not exist.');
    }
    case 'GET servicedesk/*/requesttype': {
      const desk = findDesk(state, parts[1]);
      if (!desk) return fail(404, 'The service desk does not exist.');
      const group = req.query.get('groupId');
      const search = req.query.get('searchQuery')?.toLowerCase();
      const types = state.requestTypes
        .filter(
          (t) =>
            t.serviceDeskId === desk.id && (!group || t.groupIds.includes(group)) && (!search || t.name.toLowerCase().includes(search)),
        )
        .map((t) => requestTypeJson(ctx, t));
      return paged(ctx, types);
    }
    case 'GET servicedesk/*/requesttype/*':
    case 'GET servicedesk/*/requesttype/*/field': {
      const desk = findDesk(state, parts[1]);
      const type = desk && state.requestTypes.find((t) => t.id === parts[3] && t.serviceDeskId === desk.id);
      if (!type) return fail(404, 'The request type does not exist.');
      if (parts.length === 4) return { status: 200, body: requestTypeJson(ctx, type) };
      return { status: 200, body: fieldsJson(ctx, type) };
    }
    case 'POST request':
      return createRequest(ctx);
    case 'GET request':
      return listRequests(ctx);
    case 'GET request/*': {
      const request = visibleRequest(ctx, parts[1]);
      return request ? { status: 200, body: requestJson(ctx, request, expands(req)) } : notFound();
    }
    case 'GET request/*/status': {
      const request = visibleRequest(ctx, parts[1]);
      return request
        ? paged(
            ctx,
            [...request.statusHistory].reverse().map((s) => statusJson(s)),
          )
        : notFound();
    }
    case 'GET request/*/comment': {
      const request = visibleRequest(ctx, parts[1]);
      if (!request) return notFound();
      const wantPublic = req.query.get('public') !== 'false';
      const wantInternal = req.query.get('internal') !== 'false' && me.agent;
      const comments = request.comments.filter((c) => (c.public ? wantPublic : wantInternal)).map((c) => commentJson(ctx, request, c));
      return paged(ctx, comments);
    }
    case 'POST request/*/comment':
      return addComment(ctx, parts[1]);
    case 'GET request/*/transition': {
      const request = visibleRequest(ctx, parts[1]);
      if (!request) return notFound();
      const offered = isReporterOrParticipant(request, me) ? state.transitions(request) : [];
      return paged(
        ctx,
        offered.map((t) => ({ id: t.id, name: t.name })),
      );
    }
    case 'POST request/*/transition':
      return performTransition(ctx, parts[1]);
    case 'POST servicedesk/*/attachTemporaryFile':
      return attachTemporaryFile(ctx, parts[1]);
    case 'POST request/*/attachment':
      return createAttachment(ctx, parts[1]);
    case 'GET request/*/attachment': {
      const request = visibleRequest(ctx, parts[1]);
      return request
        ? paged(
            ctx,
            request.attachments.filter((a) => isPublicAttachment(request, a)).map((a) => attachmentJson(ctx, request, a)),
          )
        : notFound();
    }
    case 'GET request/*/attachment/*': {
      const request = visibleRequest(ctx, parts[1]);
      const found = request?.attachments.find((a) => a.id === parts[3] && isPublicAttachment(request, a));
      if (!found) return fail(404, 'The attachment does not exist.');
      return { status: 200, headers: { 'content-type': found.mimeType }, body: found.content };
    }
    default:
      return fail(404, `The stub does not play ${req.method} ${p}`);
  }
}

interface Ctx {
  req: StubRequest;
  state: JiraSmState;
  me: JsmUser;
  base: string;
}

const notFound = () => fail(404, 'The request does not exist or you do not have permission to see it.', 'sd.request.not.found');

function findDesk(state: JiraSmState, idOrKey: string) {
  return state.serviceDesks.find((d) => d.id === idOrKey || d.projectKey === idOrKey || d.projectId === idOrKey);
}

function isReporterOrParticipant(request: JsmRequest, user: JsmUser): boolean {
  return request.reporterId === user.accountId || request.participantIds.includes(user.accountId);
}

/** Customers see the requests they raised, take part in, or that are shared with their organizations; agents see
 * them all. Others get 404, not 403. */
function visibleRequest(ctx: Ctx, key: string): JsmRequest | undefined {
  const request = ctx.state.request(key);
  if (!request) return undefined;
  const shared = request.organizationIds.some((id) => ctx.state.organizationsOf(ctx.me.accountId).includes(id));
  return ctx.me.agent || shared || isReporterOrParticipant(request, ctx.me) ? request : undefined;
}

function isPublicAttachment(request: JsmRequest, a: JsmAttachment): boolean {
  const comment = request.comments.find((c) => c.attachmentIds.includes(a.id));
  return !comment || comment.public;
}

function expands(req: StubRequest): Set<string> {
  return new Set(req.query.getAll('expand').flatMap((e) => e.split(',')));
}

function paged<T>(ctx: Ctx, all: T[]): StubResponse {
  const start = Math.max(0, Number(ctx.req.query.get('start') ?? 0) || 0);
  const asked = Number(ctx.req.query.get('limit') ?? 50) || 50;
  const limit = Math.max(1, Math.min(asked, ctx.state.maxPageSize));
  const values = all.slice(start, start + limit);
  const isLastPage = start + values.length >= all.length;
  const self = `${ctx.base}${ctx.req.path}`;
  const link = (s: number) => {
    const q = new URLSearchParams(ctx.req.query);
    q.set('start', String(s));
    q.set('limit', String(limit));
    return `${self}?${q}`;
  };
  return {
    status: 200,
    body: {
      _expands: [],
      size: values.length,
      start,
      limit,
      isLastPage,
      _links: {
        base: ctx.base,
        context: '',
        self: link(start),
        ...(isLastPage ? {} : { next: link(start + limit) }),
        ...(start > 0 ? { prev: link(Math.max(0, start - limit)) } : {}),
      },
      values,
    },
  };
}

function date(d: Date) {
  const iso = d.toISOString();
  return {
    iso8601: iso.replace(/\.\d{3}Z$/, '+0000'),
    jira: iso.replace(/Z$/, '+0000'),
    friendly: d.toUTCString(),
    epochMillis: d.getTime(),
  };
}

function userJson(ctx: Ctx, u: JsmUser, deployment = 'cloud') {
  if (deployment === 'datacenter') {
    return {
      self: `${ctx.base}/rest/api/2/user?username=${u.name}`,
      key: u.name,
      name: u.name,
      emailAddress: u.email,
      displayName: u.displayName,
      active: true,
      timeZone: u.timeZone,
    };
  }
  return {
    self: `${ctx.base}/rest/api/3/user?accountId=${encodeURIComponent(u.accountId)}`,
    accountId: u.accountId,
    accountType: u.agent ? 'atlassian' : 'customer',
    emailAddress: u.email,
    displayName: u.displayName,
    active: true,
    timeZone: u.timeZone,
    locale: 'en_US',
  };
}

function customerJson(ctx: Ctx, accountId: string) {
  const u = ctx.state.user(accountId);
  const self = `${ctx.base}/rest/api/2/user?accountId=${encodeURIComponent(u.accountId)}`;
  return {
    accountId: u.accountId,
    emailAddress: u.email,
    displayName: u.displayName,
    active: true,
    timeZone: u.timeZone,
    _links: { jiraRest: self, self, avatarUrls: {} },
  };
}

function deskJson(ctx: Ctx, d: (typeof JSM_SERVICE_DESKS)[number]) {
  return { ...d, _links: { self: `${ctx.base}${API}/servicedesk/${d.id}` } };
}

function requestTypeJson(ctx: Ctx, t: JsmRequestType) {
  return {
    _expands: ['field'],
    id: t.id,
    name: t.name,
    description: t.description,
    helpText: t.helpText,
    issueTypeId: t.issueTypeId,
    serviceDeskId: t.serviceDeskId,
    portalId: t.serviceDeskId,
    groupIds: t.groupIds,
    icon: { id: '10500', _links: { iconUrls: {} } },
    _links: { self: `${ctx.base}${API}/servicedesk/${t.serviceDeskId}/requesttype/${t.id}` },
  };
}

function fieldsJson(ctx: Ctx, t: JsmRequestType) {
  return {
    canRaiseOnBehalfOf: ctx.me.agent,
    canAddRequestParticipants: true,
    requestTypeFields: t.fields.map((f) => ({
      fieldId: f.fieldId,
      name: f.name,
      description: f.description ?? '',
      required: f.required,
      visible: f.visible,
      jiraSchema: f.jiraSchema,
      validValues: f.validValues,
      defaultValues: f.defaultValues,
      presetValues: [],
    })),
  };
}

function statusJson(s: { status: string; date: Date }) {
  return { status: s.status, statusCategory: JSM_STATUSES[s.status].category, statusDate: date(s.date) };
}

function commentJson(ctx: Ctx, request: JsmRequest, c: JsmComment) {
  const attachments = request.attachments.filter((a) => c.attachmentIds.includes(a.id)).map((a) => attachmentJson(ctx, request, a));
  return {
    id: c.id,
    body: c.body,
    public: c.public,
    author: customerJson(ctx, c.authorId),
    created: date(c.created),
    attachments: { size: attachments.length, start: 0, limit: 50, isLastPage: true, values: attachments },
    _links: { self: `${ctx.base}${API}/request/${request.issueId}/comment/${c.id}` },
  };
}

function attachmentJson(ctx: Ctx, request: JsmRequest, a: JsmAttachment) {
  const url = `${ctx.base}${API}/request/${request.issueKey}/attachment/${a.id}`;
  return {
    filename: a.filename,
    author: customerJson(ctx, a.authorId),
    created: date(a.created),
    size: a.content.length,
    mimeType: a.mimeType,
    _links: { self: url, content: url, jiraRest: `${ctx.base}/rest/api/2/attachment/${a.id}` },
  };
}

function displayValue(f: JsmField | undefined, value: unknown): unknown {
  if (!f) return value;
  const lookup = (v: { id?: string; value?: string; name?: string }) => {
    const o = f.validValues.find((x) => x.value === v.id || x.label === v.value || x.label === v.name);
    return o ? { id: o.value, value: o.label, self: '' } : v;
  };
  if (f.jiraSchema.type === 'option' || f.jiraSchema.type === 'priority') return lookup(value as { id?: string });
  if (f.jiraSchema.items === 'option' && Array.isArray(value)) return value.map((v) => lookup(v));
  return value;
}

function requestJson(ctx: Ctx, r: JsmRequest, expand: Set<string>) {
  const type = ctx.state.requestTypes.find((t) => t.id === r.requestTypeId)!;
  const status = ctx.state.status(r);
  const last = r.statusHistory[r.statusHistory.length - 1];
  const closed = status === 'Closed';
  const isCustomer = !ctx.me.agent;
  const body: Record<string, unknown> = {
    _expands: ['participant', 'status', 'sla', 'requestType', 'serviceDesk', 'attachment', 'action', 'comment'],
    issueId: r.issueId,
    issueKey: r.issueKey,
    requestTypeId: r.requestTypeId,
    serviceDeskId: r.serviceDeskId,
    createdDate: date(r.created),
    reporter: customerJson(ctx, r.reporterId),
    requestFieldValues: type.fields
      .filter((f) => f.visible && r.fields[f.fieldId] !== undefined)
      .map((f) => ({ fieldId: f.fieldId, label: f.name, value: displayValue(f, r.fields[f.fieldId]) })),
    currentStatus: { status, statusCategory: JSM_STATUSES[status].category, statusDate: date(last.date) },
    _links: {
      jiraRest: `${ctx.base}/rest/api/2/issue/${r.issueId}`,
      web: `${ctx.base}/servicedesk/customer/portal/${r.serviceDeskId}/${r.issueKey}`,
      self: `${ctx.base}${API}/request/${r.issueId}`,
      agent: `${ctx.base}/browse/${r.issueKey}`,
    },
  };
  const pageOf = (values: unknown[]) => ({ size: values.length, start: 0, limit: 50, isLastPage: true, values });
  if (expand.has('requestType')) body.requestType = requestTypeJson(ctx, type);
  if (expand.has('serviceDesk')) body.serviceDesk = deskJson(ctx, findDesk(ctx.state, r.serviceDeskId)!);
  if (expand.has('status')) body.status = pageOf([...r.statusHistory].reverse().map(statusJson));
  if (expand.has('participant')) body.participants = pageOf(r.participantIds.map((id) => customerJson(ctx, id)));
  if (expand.has('comment')) body.comments = pageOf(r.comments.filter((c) => c.public || !isCustomer).map((c) => commentJson(ctx, r, c)));
  if (expand.has('attachment'))
    body.attachments = pageOf(r.attachments.filter((a) => isPublicAttachment(r, a)).map((a) => attachmentJson(ctx, r, a)));
  if (expand.has('action')) {
    body.actions = {
      addAttachment: { allowed: !closed },
      addComment: { allowed: !closed },
      addParticipant: { allowed: !closed },
      removeParticipant: { allowed: !closed },
    };
  }
  return body;
}

// --- writes --------------------------------------------------------------------------------------------------------

/** Checks requestFieldValues against the request type's form as JSM does; returns the first problem. */
function checkFieldValues(type: JsmRequestType, values: Record<string, unknown>): string | undefined {
  for (const [id, value] of Object.entries(values)) {
    const f = type.fields.find((x) => x.fieldId === id);
    if (!f) return `Field '${id}' cannot be set. It is not on the appropriate screen, or unknown.`;
    const optionOk = (v: unknown) =>
      typeof v === 'object' &&
      v !== null &&
      f.validValues.some(
        (o) =>
          o.value === (v as { id?: string }).id || o.label === (v as { value?: string }).value || o.label === (v as { name?: string }).name,
      );
    const t = f.jiraSchema;
    let ok = true;
    if (t.type === 'string') ok = typeof value === 'string' && (t.custom?.endsWith(':url') ? /^https?:\/\/\S+$/.test(value) : true);
    else if (t.type === 'number') ok = typeof value === 'number';
    else if (t.type === 'date') ok = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
    else if (t.type === 'option' || t.type === 'priority') ok = optionOk(value);
    else if (t.type === 'array' && t.items === 'option') ok = Array.isArray(value) && value.every(optionOk);
    else if (t.type === 'array' && t.items === 'string')
      ok = Array.isArray(value) && value.every((v) => typeof v === 'string' && !/\s/.test(v));
    else if (t.items === 'attachment') return `Field '${id}': attachments are added after creation, through temporary files.`;
    if (!ok) return `Field '${f.name}' (${id}) has an invalid value: ${JSON.stringify(value)}.`;
  }
  const missing = type.fields.filter(
    (f) => f.required && f.visible && f.fieldId !== 'attachment' && isEmpty(values[f.fieldId]) && f.defaultValues.length === 0,
  );
  if (missing.length) return `Your request could not be created. ${missing.map((f) => `${f.name} is required.`).join(' ')}`;
  return undefined;
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

function createRequest(ctx: Ctx): StubResponse {
  const body = ctx.req.body as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object') return fail(400, 'The request body is not valid JSON.');
  const desk = findDesk(ctx.state, String(body.serviceDeskId ?? ''));
  if (!desk) return fail(400, 'serviceDeskId: the service desk does not exist.');
  const type = ctx.state.requestTypes.find((t) => t.id === String(body.requestTypeId ?? '') && t.serviceDeskId === desk.id);
  if (!type) return fail(400, 'requestTypeId: the request type does not exist in this service desk.');
  let reporterId = ctx.me.accountId;
  if (body.raiseOnBehalfOf !== undefined) {
    if (!ctx.me.agent)
      return fail(
        400,
        'You do not have permission to raise requests on behalf of other customers.',
        'sd.request.create.raiseonbehalfof.no.permission',
      );
    const other = ctx.state.users.find((u) => u.accountId === body.raiseOnBehalfOf || u.email === body.raiseOnBehalfOf);
    if (!other) return fail(400, `raiseOnBehalfOf: no customer ${body.raiseOnBehalfOf}.`);
    reporterId = other.accountId;
  }
  const values = (body.requestFieldValues ?? {}) as Record<string, unknown>;
  const problem = checkFieldValues(type, values);
  if (problem) return fail(400, problem, 'sd.request.create.field.invalid');
  const withDefaults = { ...values };
  for (const f of type.fields) {
    if (withDefaults[f.fieldId] === undefined && f.defaultValues.length) {
      withDefaults[f.fieldId] =
        f.jiraSchema.type === 'array' ? f.defaultValues.map((d) => ({ id: d.value })) : { id: f.defaultValues[0].value };
    }
  }
  const request = ctx.state.addRequest({
    reporterId,
    requestTypeId: type.id,
    fields: withDefaults,
    participantIds: ((body.requestParticipants as string[] | undefined) ?? []).filter((id) =>
      ctx.state.users.some((u) => u.accountId === id),
    ),
    organizationIds: ctx.state.shareWithOrganization ? ctx.state.organizationsOf(reporterId) : [],
  });
  return { status: 201, body: requestJson(ctx, request, new Set()) };
}

function listRequests(ctx: Ctx): StubResponse {
  const q = ctx.req.query;
  if (q.get('requestTypeId') && !q.get('serviceDeskId')) return fail(400, 'requestTypeId requires serviceDeskId.');
  const ownership = new Set(q.getAll('requestOwnership'));
  const status = q.get('requestStatus') ?? 'ALL_REQUESTS';
  const term = q.get('searchTerm')?.toLowerCase().replace(/\*/g, '');
  const list = ctx.state.requests.filter((r) => {
    const owned = r.reporterId === ctx.me.accountId;
    const participating = r.participantIds.includes(ctx.me.accountId);
    const mine = ctx.state.organizationsOf(ctx.me.accountId);
    const organization = q.get('organizationId');
    const shared =
      (ownership.has('ALL_ORGANIZATIONS') && r.organizationIds.some((id) => mine.includes(id))) ||
      (ownership.has('ORGANIZATION') && organization !== null && mine.includes(organization) && r.organizationIds.includes(organization));
    if (
      ownership.size
        ? !((ownership.has('OWNED_REQUESTS') && owned) || (ownership.has('PARTICIPATED_REQUESTS') && participating) || shared)
        : !(owned || participating)
    ) {
      return false;
    }
    const category = JSM_STATUSES[ctx.state.status(r)].category;
    if (status === 'OPEN_REQUESTS' && category === 'DONE') return false;
    if (status === 'CLOSED_REQUESTS' && category !== 'DONE') return false;
    if (q.get('serviceDeskId') && r.serviceDeskId !== q.get('serviceDeskId')) return false;
    if (q.get('requestTypeId') && r.requestTypeId !== q.get('requestTypeId')) return false;
    if (
      term &&
      !String(r.fields.summary ?? '')
        .toLowerCase()
        .includes(term)
    )
      return false;
    return true;
  });
  list.sort((a, b) => b.updated.getTime() - a.updated.getTime());
  const expand = expands(ctx.req);
  return paged(
    ctx,
    list.map((r) => requestJson(ctx, r, expand)),
  );
}

function addComment(ctx: Ctx, key: string): StubResponse {
  const request = visibleRequest(ctx, key);
  if (!request) return notFound();
  const body = ctx.req.body as { body?: unknown; public?: unknown } | undefined;
  if (typeof body?.body !== 'string' || body.body.trim() === '') return fail(400, 'The comment body is required.');
  if (body.public === false && !ctx.me.agent)
    return fail(400, 'Customers can only add public comments.', 'sd.comment.internal.no.permission');
  const status = ctx.state.status(request);
  if (status === 'Closed') return fail(400, 'This request is closed: comments cannot be added. Raise a new request.', 'sd.request.closed');
  const comment = ctx.state.addComment(request.issueKey, { authorId: ctx.me.accountId, body: body.body, public: body.public !== false });
  // the service desk's default automation: a customer's reply puts the request back in the agents' queue
  if (!ctx.me.agent && (status === 'Waiting for customer' || status === 'Resolved'))
    ctx.state.setStatus(request.issueKey, 'Waiting for support');
  return { status: 201, body: commentJson(ctx, request, comment) };
}

function performTransition(ctx: Ctx, key: string): StubResponse {
  const request = visibleRequest(ctx, key);
  if (!request) return notFound();
  const body = ctx.req.body as { id?: unknown; additionalComment?: { body?: string } } | undefined;
  const offered = isReporterOrParticipant(request, ctx.me) ? ctx.state.transitions(request) : [];
  const transition = offered.find((t) => t.id === String(body?.id ?? ''));
  if (!transition) {
    return fail(
      400,
      `The transition '${body?.id}' is not available for request ${request.issueKey} (offered: ${offered.map((t) => `${t.id} ${t.name}`).join(', ') || 'none'}).`,
      'sd.transition.invalid',
    );
  }
  if (body?.additionalComment?.body)
    ctx.state.addComment(request.issueKey, { authorId: ctx.me.accountId, body: body.additionalComment.body, public: true });
  request.transitionsOverride = undefined;
  ctx.state.setStatus(request.issueKey, transition.to);
  return { status: 204 };
}

async function attachTemporaryFile(ctx: Ctx, deskId: string): Promise<StubResponse> {
  const desk = findDesk(ctx.state, deskId);
  if (!desk) return fail(404, 'The service desk does not exist.');
  if (ctx.req.headers['x-atlassian-token'] !== 'no-check')
    return { status: 403, headers: { 'content-type': 'text/plain' }, body: 'XSRF check failed' };
  const form = ctx.req.body;
  if (!(form instanceof FormData)) return fail(400, 'Expected a multipart/form-data body with parts named file.');
  const files = form.getAll('file').filter((f): f is File => typeof f !== 'string');
  if (files.length === 0) return fail(400, 'No part named file.');
  const temporaryAttachments = [];
  for (const file of files) {
    const id = ctx.state.newTemporaryId();
    ctx.state.temporary.set(id, {
      id,
      serviceDeskId: desk.id,
      ownerId: ctx.me.accountId,
      filename: file.name,
      mimeType: file.type || 'application/octet-stream',
      content: Buffer.from(await file.arrayBuffer()),
    });
    temporaryAttachments.push({ temporaryAttachmentId: id, fileName: file.name });
  }
  return { status: 201, body: { temporaryAttachments } };
}

function createAttachment(ctx: Ctx, key: string): StubResponse {
  const request = visibleRequest(ctx, key);
  if (!request) return notFound();
  if (ctx.state.status(request) === 'Closed') return fail(400, 'This request is closed: attachments cannot be added.', 'sd.request.closed');
  const body = ctx.req.body as { temporaryAttachmentIds?: string[]; public?: boolean; additionalComment?: { body?: string } } | undefined;
  const ids = body?.temporaryAttachmentIds ?? [];
  if (ids.length === 0) return fail(400, 'temporaryAttachmentIds is required.');
  if (body?.public === false && !ctx.me.agent) return fail(400, 'Customers can only add public attachments.');
  const temps = ids.map((id) => ctx.state.temporary.get(id));
  const bad = ids.filter(
    (_id, i) => !temps[i] || temps[i].ownerId !== ctx.me.accountId || temps[i].serviceDeskId !== request.serviceDeskId,
  );
  if (bad.length)
    return fail(400, `Temporary attachment(s) ${bad.join(', ')} do not exist or have expired.`, 'sd.attachment.temporary.invalid');
  const attachments = temps.map((t) => {
    ctx.state.temporary.delete(t!.id); // a temporary file is used once
    const a: JsmAttachment = {
      id: ctx.state.newAttachmentId(),
      filename: t!.filename,
      mimeType: t!.mimeType,
      content: t!.content,
      authorId: ctx.me.accountId,
      created: ctx.state.now(),
    };
    request.attachments.push(a);
    return a;
  });
  // JSM records attachments through a comment that links them
  const text = [body?.additionalComment?.body, ...attachments.map((a) => `[^${a.filename}]`)].filter(Boolean).join('\n\n');
  const comment = ctx.state.addComment(request.issueKey, {
    authorId: ctx.me.accountId,
    body: text,
    public: true,
    attachmentIds: attachments.map((a) => a.id),
  });
  const values = attachments.map((a) => attachmentJson(ctx, request, a));
  return {
    status: 201,
    body: {
      attachments: { size: values.length, start: 0, limit: 50, isLastPage: true, values },
      comment: commentJson(ctx, request, comment),
    },
  };
}
