/**
 * A stub of Zendesk's end-user Requests API (`/api/v2`), for the provider's contract tests. Every request and
 * answer is checked against Zendesk's OpenAPI document (patched: ./specs.ts); call `stub.assertNoViolations()` in
 * afterEach. The guide for provider authors is ./README.md; in short:
 *
 *   const zd = await startZendeskStub();
 *   // log in as ann: Basic base64("ann@acme.test/token:ann-api-token"), or Bearer ann-oauth-token
 *   zd.faults.rateLimit({ times: 1, retryAfter: null });     // a 429 without Retry-After
 *   zd.agent.setStatus(3, 'closed');                          // what an agent (or the automation) would do
 *   zd.state.seedMany(1100, { requester: 'ann' });           // past the search cap of 1,000 results
 *   afterEach(() => zd.assertNoViolations());  afterAll(() => zd.close());
 *
 * Endpoints played (operationIds of the document; every path also with `.json`): ShowCurrentUser (users/me),
 * ListTicketForms, ListTicketFields, ListRequests, SearchRequests, ShowRequest, CreateRequest, UpdateRequest,
 * ListComments, ShowComment, UploadFiles; outside the document, the attachments' content_url downloads.
 */
import { createHash } from 'node:crypto';
import { Faults, type StubRequest, type StubResponse, type StubServer, startStubServer } from './stub-server.ts';
import { zendeskSpec } from './specs.ts';

export type ZendeskStatus = 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';

export interface ZendeskUser {
  id: number;
  name: string;
  email: string;
  /** Basic "email/token:apiToken" */
  apiToken: string;
  /** Bearer OAuth access token */
  oauthToken: string;
  role: 'end-user' | 'agent';
  organizationId: number | null;
}

export interface ZendeskField {
  id: number;
  type: string;
  title: string;
  title_in_portal: string;
  description: string;
  visible_in_portal: boolean;
  editable_in_portal: boolean;
  required_in_portal: boolean;
  active: boolean;
  position: number;
  regexp_for_validation?: string | null;
  custom_field_options?: { id: number; name: string; value: string }[];
  system_field_options?: { name: string; value: string }[];
  removable: boolean;
}

export interface ZendeskForm {
  id: number;
  name: string;
  display_name: string;
  default: boolean;
  active: boolean;
  end_user_visible: boolean;
  position: number;
  ticket_field_ids: number[];
}

export interface ZendeskAttachment {
  id: number;
  file_name: string;
  content_type: string;
  content: Buffer;
  token: string;
}

export interface ZendeskComment {
  id: number;
  authorId: number;
  body: string;
  public: boolean;
  createdAt: Date;
  attachments: ZendeskAttachment[];
}

export interface ZendeskRequest {
  id: number;
  subject: string;
  status: ZendeskStatus;
  type: 'question' | 'incident' | 'problem' | 'task' | null;
  priority: 'low' | 'normal' | 'high' | 'urgent' | null;
  requesterId: number;
  collaboratorIds: number[];
  organizationId: number | null;
  assigneeId: number | null;
  ticketFormId: number | null;
  customFields: Record<number, unknown>;
  followupSourceId: number | null;
  createdAt: Date;
  updatedAt: Date;
  comments: ZendeskComment[];
}

/** An organization; end users see (and may answer) each other's requests only when it shares them. */
export interface ZendeskOrganization {
  id: number;
  name: string;
  /** "Users can view all tickets in this organization" */
  sharedTickets: boolean;
  /** ... "and add comments to them" */
  sharedComments: boolean;
}

/** How the stub's clock runs: from a fixed date, a minute per event (the default), or with real time. */
export interface ZendeskStubOptions {
  clock?: 'fixed' | 'real';
}

interface Upload {
  token: string;
  ownerId: number;
  attachments: ZendeskAttachment[];
  used: boolean;
}

// --- fixtures ------------------------------------------------------------------------------------------------------

function seedFields(): ZendeskField[] {
  let position = 0;
  const f = (id: number, type: string, title: string, extra: Partial<ZendeskField> = {}): ZendeskField => ({
    id,
    type,
    title,
    title_in_portal: title,
    description: '',
    visible_in_portal: true,
    editable_in_portal: true,
    required_in_portal: false,
    active: true,
    position: position++,
    removable: true,
    ...extra,
  });
  const options = (...names: string[]) =>
    names.map((name, i) => ({ id: 9000 + i + names.length * 10, name, value: name.toLowerCase().replace(/\W+/g, '_') }));
  return [
    f(10, 'subject', 'Subject', { required_in_portal: true, removable: false }),
    f(11, 'description', 'Description', { required_in_portal: true, removable: false }),
    f(12, 'status', 'Status', { visible_in_portal: false, editable_in_portal: false, removable: false }),
    f(13, 'tickettype', 'Type', {
      removable: false,
      system_field_options: ['Question', 'Incident', 'Problem', 'Task'].map((n) => ({ name: n, value: n.toLowerCase() })),
    }),
    f(14, 'priority', 'Priority', {
      removable: false,
      system_field_options: ['Low', 'Normal', 'High', 'Urgent'].map((n) => ({ name: n, value: n.toLowerCase() })),
    }),
    f(15, 'group', 'Group', { visible_in_portal: false, editable_in_portal: false, removable: false }),
    f(16, 'assignee', 'Assignee', { visible_in_portal: false, editable_in_portal: false, removable: false }),
    f(100, 'regexp', 'Establishment SIRET', { required_in_portal: true, regexp_for_validation: '^\\d{14}$', description: '14 digits' }),
    f(101, 'tagger', 'Product area', { custom_field_options: options('Payroll', 'Time off', 'Documents') }),
    f(102, 'multiselect', 'Affected modules', { custom_field_options: options('Export', 'Import', 'Reports') }),
    f(103, 'checkbox', 'I consent to the processing of my data (GDPR)', { required_in_portal: true }),
    f(104, 'date', 'Desired date'),
    f(105, 'integer', 'Affected users'),
    f(106, 'decimal', 'Amount (EUR)'),
    f(107, 'textarea', 'Business justification'),
    f(108, 'text', 'Endpoint URL'),
    f(109, 'text', 'Internal notes', { visible_in_portal: false, editable_in_portal: false }),
  ];
}

function seedForms(): ZendeskForm[] {
  const form = (id: number, name: string, fieldIds: number[], extra: Partial<ZendeskForm> = {}): ZendeskForm => ({
    id,
    name,
    display_name: name,
    default: false,
    active: true,
    end_user_visible: true,
    position: id - 200,
    ticket_field_ids: fieldIds,
    ...extra,
  });
  return [
    form(200, 'Ask a question', [10, 11, 100, 101, 103], { default: true }),
    form(201, 'Report an incident', [10, 11, 14, 100, 101, 102, 105, 108, 103]),
    form(202, 'Billing', [10, 11, 100, 106, 104, 107, 103]),
    form(203, 'Agents only', [10, 11, 109], { end_user_visible: false }),
  ];
}

function seedUsers(): ZendeskUser[] {
  const u = (id: number, name: string, email: string, role: ZendeskUser['role'] = 'end-user'): ZendeskUser => {
    const first = email.split('@')[0];
    return {
      id,
      name,
      email,
      apiToken: `${first}-api-token`,
      oauthToken: `${first}-oauth-token`,
      role,
      organizationId: role === 'agent' ? null : 5001,
    };
  };
  return [u(1001, 'Ann Leroy', 'ann@acme.test'), u(1002, 'Ben Petit', 'ben@acme.test'), u(2001, 'Zoe Agent', 'zoe@support.test', 'agent')];
}

// --- state ---------------------------------------------------------------------------------------------------------

export class ZendeskState {
  users = seedUsers();
  /** 5001 (Ann's and Ben's) shares nothing by default: `organization(5001).sharedTickets = true` to share */
  organizations: ZendeskOrganization[] = [{ id: 5001, name: 'Acme', sharedTickets: false, sharedComments: false }];
  fields = seedFields();
  forms = seedForms();
  requests: ZendeskRequest[] = [];
  uploads = new Map<string, Upload>();
  /** Idempotency-Key -> the body it came with and the answer given (Zendesk keeps them two hours) */
  idempotency = new Map<string, { bodyHash: string; answer: StubResponse }>();
  /** the most results Search Requests reaches (offset-paged; pages past it answer 422) */
  searchCap = 1000;
  #next = { request: 1, comment: 5001, attachment: 7001, upload: 1 };
  #clock = Date.parse('2026-11-02T09:00:00Z');
  readonly #realClock: boolean;

  constructor(o: ZendeskStubOptions = {}) {
    this.#realClock = o.clock === 'real';
    const [ann, ben, zoe] = [this.user('ann').id, this.user('ben').id, this.user('zoe').id];
    const fields = { 100: '73282932000074', 103: true };
    const printer = this.addRequest({
      requesterId: ann,
      subject: 'Printer on fire',
      body: 'The printer is on fire.',
      type: 'incident',
      ticketFormId: 201,
      customFields: { ...fields, 101: 'documents' },
    });
    printer.status = 'open';
    printer.assigneeId = zoe;
    this.addComment(printer.id, { authorId: zoe, body: 'Please step away from the printer.', public: true });
    this.addComment(printer.id, { authorId: zoe, body: 'Internal: third fire this month.', public: false });
    const password = this.addRequest({
      requesterId: ann,
      subject: 'Password reset',
      body: 'I forgot my password.',
      type: 'question',
      ticketFormId: 200,
      customFields: fields,
    });
    this.addComment(password.id, { authorId: zoe, body: 'Done: check your inbox.', public: true });
    password.status = 'solved';
    password.assigneeId = zoe;
    const old = this.addRequest({
      requesterId: ann,
      subject: 'Old question',
      body: 'Answered long ago.',
      type: 'question',
      ticketFormId: 200,
      customFields: fields,
    });
    old.status = 'closed';
    const invoice = this.addRequest({
      requesterId: ben,
      subject: 'Invoice for October',
      body: 'Where is it?',
      type: 'question',
      ticketFormId: 202,
      customFields: fields,
    });
    invoice.status = 'pending';
    invoice.assigneeId = zoe;
    this.addRequest({
      requesterId: ann,
      subject: 'Export is slow',
      body: 'Exports take minutes.',
      type: null,
      ticketFormId: 200,
      customFields: fields,
    });
  }

  user(nameOrEmail: string | number): ZendeskUser {
    const u = this.users.find((x) => x.id === nameOrEmail || x.email === nameOrEmail || x.email.split('@')[0] === nameOrEmail);
    if (!u) throw new Error(`no Zendesk user ${nameOrEmail}`);
    return u;
  }

  request(id: number): ZendeskRequest | undefined {
    return this.requests.find((r) => r.id === id);
  }

  organization(id: number): ZendeskOrganization {
    const o = this.organizations.find((x) => x.id === id);
    if (!o) throw new Error(`no Zendesk organization ${id}`);
    return o;
  }

  /** Each event a moment after the last: a minute on the fixed clock; a second at least on the real one (whole
   * seconds, as Zendesk's timestamps have them), so that `--since 1d` means something. */
  now(): Date {
    this.#clock = this.#realClock ? Math.max(Math.floor(Date.now() / 1000) * 1000, this.#clock + 1000) : this.#clock + 60_000;
    return new Date(this.#clock);
  }

  addRequest(o: {
    requesterId: number;
    subject: string;
    body: string;
    type?: ZendeskRequest['type'];
    priority?: ZendeskRequest['priority'];
    ticketFormId?: number | null;
    customFields?: Record<number, unknown>;
    followupSourceId?: number | null;
    attachments?: ZendeskAttachment[];
  }): ZendeskRequest {
    const createdAt = this.now();
    const requester = this.user(o.requesterId);
    const request: ZendeskRequest = {
      id: this.#next.request++,
      subject: o.subject,
      status: 'new',
      type: o.type ?? null,
      priority: o.priority ?? null,
      requesterId: requester.id,
      collaboratorIds: [],
      organizationId: requester.organizationId,
      assigneeId: null,
      ticketFormId: o.ticketFormId ?? null,
      customFields: o.customFields ?? {},
      followupSourceId: o.followupSourceId ?? null,
      createdAt,
      updatedAt: createdAt,
      comments: [],
    };
    this.requests.push(request);
    this.addComment(request.id, { authorId: requester.id, body: o.body, public: true, attachments: o.attachments });
    return request;
  }

  addComment(id: number, o: { authorId: number; body: string; public: boolean; attachments?: ZendeskAttachment[] }): ZendeskComment {
    const request = this.mustRequest(id);
    const comment: ZendeskComment = {
      id: this.#next.comment++,
      authorId: o.authorId,
      body: o.body,
      public: o.public,
      createdAt: this.now(),
      attachments: o.attachments ?? [],
    };
    request.comments.push(comment);
    request.updatedAt = comment.createdAt;
    return comment;
  }

  /** Adds `count` requests at once (e.g. past the search cap of 1,000). */
  seedMany(count: number, o: { requester?: string; subject?: string } = {}): void {
    const requesterId = this.user(o.requester ?? 'ann').id;
    for (let i = 1; i <= count; i++)
      this.addRequest({ requesterId, subject: `${o.subject ?? 'Bulk request'} ${i}`, body: `Bulk request number ${i}.` });
  }

  newAttachment(fileName: string, contentType: string, content: Buffer, token: string): ZendeskAttachment {
    return { id: this.#next.attachment++, file_name: fileName, content_type: contentType, content, token };
  }

  newUploadToken(): string {
    return `upload${String(this.#next.upload++).padStart(4, '0')}LXJdriewLBP8JrtzzkN7Ne4k6`;
  }

  mustRequest(id: number): ZendeskRequest {
    const r = this.request(id);
    if (!r) throw new Error(`no request ${id}`);
    return r;
  }
}

// --- HTTP ----------------------------------------------------------------------------------------------------------

export interface ZendeskStub extends StubServer {
  state: ZendeskState;
  faults: Faults;
  /** what an agent, a trigger or the automation does in Zendesk (outside the end-user API) */
  agent: {
    setStatus(id: number, status: ZendeskStatus): void;
    reply(id: number, body: string, o?: { public?: boolean }): void;
    /** assigns the request to the agent (can_be_solved_by_me needs an assignee) */
    assign(id: number): void;
  };
  /** Authorization header for a seeded user: Basic "email/token:apiToken" (default) or Bearer OAuth token */
  authFor(user: string, how?: 'token' | 'oauth'): string;
}

export async function startZendeskStub(o: ZendeskStubOptions = {}): Promise<ZendeskStub> {
  const state = new ZendeskState(o);
  // the fixtures were dated on the fixed clock: on the real one, they happened just now
  if (o.clock === 'real') for (const r of state.requests) r.createdAt = r.updatedAt = state.now();
  const faults = new Faults(() => ({ error: 'APIRateLimitExceeded', description: 'Number of allowed API requests per minute exceeded' }));
  let base = '';
  const server = await startStubServer({
    spec: zendeskSpec(),
    faults,
    handle: (req) => handle(req, state, base),
    outside: (req) => req.path.startsWith('/attachments/'),
  });
  base = server.url;
  const zoe = state.user('zoe').id;
  return Object.assign(server, {
    state,
    faults,
    agent: {
      setStatus: (id: number, status: ZendeskStatus) => {
        const r = state.mustRequest(id);
        r.status = status;
        r.updatedAt = state.now();
      },
      reply: (id: number, body: string, o: { public?: boolean } = {}) => {
        const r = state.mustRequest(id);
        state.addComment(id, { authorId: zoe, body, public: o.public ?? true });
        if (r.status === 'new') r.status = 'open';
      },
      assign: (id: number) => {
        const r = state.mustRequest(id);
        r.assigneeId = zoe;
        if (r.status === 'new') r.status = 'open';
      },
    },
    authFor(name: string, how: 'token' | 'oauth' = 'token') {
      const u = state.user(name);
      return how === 'oauth' ? `Bearer ${u.oauthToken}` : `Basic ${Buffer.from(`${u.email}/token:${u.apiToken}`).toString('base64')}`;
    },
  });
}

interface Ctx {
  req: StubRequest;
  state: ZendeskState;
  me: ZendeskUser;
  base: string;
}

const error = (status: number, errorName: string, description?: string, details?: unknown): StubResponse => ({
  status,
  body: { error: errorName, ...(description ? { description } : {}), ...(details ? { details } : {}) },
});
const notFound = () => error(404, 'RecordNotFound', 'Not found');
const invalid = (details: Record<string, { description: string }[]>) => error(422, 'RecordInvalid', 'Record validation errors', details);

function authenticate(req: StubRequest, state: ZendeskState): ZendeskUser | undefined {
  const [scheme, value = ''] = (req.headers.authorization ?? '').split(' ');
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const m = /^(.+)\/token:(.*)$/.exec(decoded);
    // password authentication is turned off for the API on current accounts: only API tokens
    return m ? state.users.find((u) => u.email === m[1] && u.apiToken === m[2]) : undefined;
  }
  if (/^bearer$/i.test(scheme)) return state.users.find((u) => u.oauthToken === value);
  return undefined;
}

async function handle(req: StubRequest, state: ZendeskState, base: string): Promise<StubResponse> {
  const download = /^\/attachments\/token\/([^/]+)\/$/.exec(req.path);
  if (download && req.method === 'GET') {
    for (const upload of state.uploads.values()) {
      const a = upload.attachments.find((x) => x.token === download[1]);
      if (a) return { status: 200, headers: { 'content-type': a.content_type }, body: a.content };
    }
    return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not found' };
  }
  const me = authenticate(req, state);
  if (!me) return error(401, "Couldn't authenticate you");
  const ctx: Ctx = { req, state, me, base };
  const path = req.path.replace(/\.json$/, '');
  const m = /^\/api\/v2\/(.+)$/.exec(path);
  if (!m) return notFound();
  const parts = m[1].split('/');
  const route = `${req.method} ${parts.map((p) => (/^\d+$/.test(p) ? '*' : p)).join('/')}`;
  const id = Number(parts[1]);

  switch (route) {
    case 'GET users/me':
      return { status: 200, body: { user: userJson(ctx, me) } };
    case 'GET ticket_forms': {
      const forms = state.forms.filter((f) => me.role === 'agent' || (f.end_user_visible && f.active));
      return {
        status: 200,
        body: { ticket_forms: forms.map((f) => formJson(ctx, f)), next_page: null, previous_page: null, count: forms.length },
      };
    }
    case 'GET ticket_fields': {
      const fields = state.fields.filter((f) => me.role === 'agent' || f.visible_in_portal);
      return list(
        ctx,
        'ticket_fields',
        fields.map((f) => fieldJson(ctx, f)),
      );
    }
    case 'GET requests': {
      const statuses = req.query.get('status')?.split(',');
      const mine = visibleRequests(ctx).filter((r) => !statuses || statuses.includes(r.status));
      const sortBy = req.query.get('sort_by') === 'created_at' ? 'createdAt' : 'updatedAt';
      const descending = req.query.get('sort_order') === 'desc' || req.query.get('sort')?.startsWith('-');
      mine.sort((a, b) => (a[sortBy].getTime() - b[sortBy].getTime()) * (descending ? -1 : 1));
      return list(
        ctx,
        'requests',
        mine.map((r) => requestJson(ctx, r)),
      );
    }
    case 'GET requests/search':
      return search(ctx);
    case 'POST requests':
      return createRequest(ctx);
    case 'GET requests/*': {
      const r = visibleRequest(ctx, id);
      return r ? { status: 200, body: { request: requestJson(ctx, r) } } : notFound();
    }
    case 'PUT requests/*':
      return updateRequest(ctx, id);
    case 'GET requests/*/comments': {
      const r = visibleRequest(ctx, id);
      if (!r) return notFound();
      const comments = r.comments.filter((c) => c.public);
      if (req.query.get('sort') === '-created_at' || req.query.get('sort_order') === 'desc') comments.reverse();
      const answer = list(
        ctx,
        'comments',
        comments.map((c) => commentJson(ctx, c)),
      );
      const authors = [...new Set(comments.map((c) => c.authorId))].map((a) => state.user(a));
      (answer.body as Record<string, unknown>).users = authors.map((u) => ({
        id: u.id,
        name: u.name,
        agent: u.role === 'agent',
        organization_id: u.organizationId,
      }));
      return answer;
    }
    case 'GET requests/*/comments/*': {
      const r = visibleRequest(ctx, id);
      const c = r?.comments.find((x) => x.public && x.id === Number(parts[3]));
      return c ? { status: 200, body: { comment: commentJson(ctx, c) } } : notFound();
    }
    case 'POST uploads':
      return upload(ctx);
    default:
      return notFound();
  }
}

/** What List Requests holds for an end user: their requests and those they are CC'd on (agents: all). */
function visibleRequests(ctx: Ctx): ZendeskRequest[] {
  return ctx.state.requests.filter((r) => ctx.me.role === 'agent' || r.requesterId === ctx.me.id || r.collaboratorIds.includes(ctx.me.id));
}

/** Also the requests of the user's organization when it shares them (to read; to comment, when it shares comments). */
function mayReach(ctx: Ctx, r: ZendeskRequest, to: 'read' | 'comment'): boolean {
  if (ctx.me.role === 'agent' || r.requesterId === ctx.me.id || r.collaboratorIds.includes(ctx.me.id)) return true;
  const org = ctx.state.organizations.find((o) => o.id === ctx.me.organizationId);
  return org !== undefined && r.organizationId === org.id && (to === 'read' ? org.sharedTickets : org.sharedTickets && org.sharedComments);
}

/** End users reach their own requests, those they are CC'd on, and their shared organization's; anything else is
 * 404, not 403. */
function visibleRequest(ctx: Ctx, id: number, to: 'read' | 'comment' = 'read'): ZendeskRequest | undefined {
  const r = ctx.state.request(id);
  return r && mayReach(ctx, r, to) ? r : undefined;
}

/** Lists: cursor pagination with page[size] (at most 100), offset pagination otherwise (page, per_page). */
function list(ctx: Ctx, key: string, all: unknown[]): StubResponse {
  const q = ctx.req.query;
  const url = (params: Record<string, string>) => {
    const u = new URLSearchParams(q);
    for (const [k, v] of Object.entries(params)) u.set(k, v);
    for (const k of ['page[after]', 'page[before]']) if (!(k in params)) u.delete(k);
    return `${ctx.base}${ctx.req.path}?${u}`;
  };
  if (q.has('page[size]')) {
    const size = Number(q.get('page[size]'));
    if (!Number.isInteger(size) || size < 1 || size > 100)
      return error(400, 'InvalidPaginationParameter', 'page[size] must be between 1 and 100');
    const after = q.get('page[after]');
    const start = after ? decodeCursor(after) : 0;
    if (start === undefined) return error(400, 'InvalidPaginationParameter', 'page[after] is not a valid cursor');
    const values = all.slice(start, start + size);
    const hasMore = start + values.length < all.length;
    const afterCursor = values.length ? encodeCursor(start + values.length) : null;
    const beforeCursor = start > 0 ? encodeCursor(Math.max(0, start - size)) : null;
    return {
      status: 200,
      body: {
        [key]: values,
        meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: beforeCursor },
        links: {
          next: hasMore && afterCursor ? url({ 'page[after]': afterCursor }) : null,
          prev: beforeCursor ? url({ 'page[before]': beforeCursor }) : null,
        },
      },
    };
  }
  const perPage = Math.min(100, Math.max(1, Number(q.get('per_page') ?? 100) || 100));
  const page = Math.max(1, Number(q.get('page') ?? 1) || 1);
  const values = all.slice((page - 1) * perPage, page * perPage);
  return {
    status: 200,
    body: {
      [key]: values,
      next_page: page * perPage < all.length ? url({ page: String(page + 1), per_page: String(perPage) }) : null,
      previous_page: page > 1 ? url({ page: String(page - 1), per_page: String(perPage) }) : null,
      count: all.length,
    },
  };
}

const encodeCursor = (n: number) => Buffer.from(`offset:${n}`).toString('base64url');
function decodeCursor(cursor: string): number | undefined {
  const m = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : undefined;
}

/** Search Requests: offset-paged only, at most 100 per page, and never past `searchCap` (1,000) results: a page
 * beyond answers 422. `count` is the real number of matches, so a client can tell the search was cut. */
function search(ctx: Ctx): StubResponse {
  const q = ctx.req.query;
  const words = (q.get('query') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const statuses = q.get('status')?.split(',');
  // organization_id: that organization's requests the user may read (the stub's choice: the document does not say
  // what an end user who may not see the organization's requests gets; here, their own requests in it)
  const organization = q.has('organization_id') ? Number(q.get('organization_id')) : undefined;
  const scope =
    organization === undefined
      ? visibleRequests(ctx)
      : ctx.state.requests.filter((r) => r.organizationId === organization && mayReach(ctx, r, 'read'));
  const matches = scope
    .filter((r) => q.get('cc_id') !== 'true' || r.collaboratorIds.includes(ctx.me.id))
    .filter((r) => !statuses || statuses.includes(r.status))
    .filter((r) => {
      const text = [r.subject, ...r.comments.filter((c) => c.public).map((c) => c.body)].join(' ').toLowerCase();
      return words.every((w) => text.includes(w));
    })
    .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
  const perPage = Math.min(100, Math.max(1, Number(q.get('per_page') ?? 100) || 100));
  const page = Math.max(1, Number(q.get('page') ?? 1) || 1);
  const reachable = Math.min(matches.length, ctx.state.searchCap);
  if ((page - 1) * perPage >= ctx.state.searchCap) {
    return error(
      422,
      'InsufficientResourceError',
      `Search Requests returns at most ${ctx.state.searchCap} results: page ${page} is past them`,
    );
  }
  const values = matches.slice((page - 1) * perPage, Math.min(page * perPage, reachable));
  const u = (p: number) => {
    const params = new URLSearchParams(q);
    params.set('page', String(p));
    params.set('per_page', String(perPage));
    return `${ctx.base}${ctx.req.path}?${params}`;
  };
  return {
    status: 200,
    body: {
      requests: values.map((r) => requestJson(ctx, r)),
      next_page: page * perPage < reachable ? u(page + 1) : null,
      previous_page: page > 1 ? u(page - 1) : null,
      count: matches.length,
    },
  };
}

// --- JSON shapes ---------------------------------------------------------------------------------------------------

function userJson(ctx: Ctx, u: ZendeskUser) {
  return {
    id: u.id,
    url: `${ctx.base}/api/v2/users/${u.id}.json`,
    name: u.name,
    email: u.email,
    role: u.role,
    organization_id: u.organizationId,
    locale: 'en-US',
    locale_id: 1,
    time_zone: 'Paris',
    iana_time_zone: 'Europe/Paris',
    verified: true,
    active: true,
    created_at: '2026-01-05T08:00:00Z',
    authenticity_token: 'stub-csrf-token',
  };
}

function formJson(ctx: Ctx, f: ZendeskForm) {
  return {
    ...f,
    raw_name: f.name,
    raw_display_name: f.display_name,
    in_all_brands: true,
    restricted_brand_ids: [],
    end_user_conditions: [],
    agent_conditions: [],
    url: `${ctx.base}/api/v2/ticket_forms/${f.id}.json`,
    created_at: '2026-01-05T08:00:00Z',
    updated_at: '2026-01-05T08:00:00Z',
  };
}

function fieldJson(ctx: Ctx, f: ZendeskField) {
  return {
    ...f,
    raw_title: f.title,
    raw_title_in_portal: f.title_in_portal,
    raw_description: f.description,
    required: false,
    collapsed_for_agents: false,
    agent_description: '',
    tag: null,
    regexp_for_validation: f.regexp_for_validation ?? null,
    url: `${ctx.base}/api/v2/ticket_fields/${f.id}.json`,
    created_at: '2026-01-05T08:00:00Z',
    updated_at: '2026-01-05T08:00:00Z',
  };
}

function canBeSolvedByMe(ctx: Ctx, r: ZendeskRequest): boolean {
  return r.requesterId === ctx.me.id && r.assigneeId !== null && r.type !== 'problem' && r.status !== 'solved' && r.status !== 'closed';
}

function requestJson(ctx: Ctx, r: ZendeskRequest) {
  const visibleFields = ctx.state.fields.filter((f) => f.id >= 100 && f.visible_in_portal);
  return {
    id: r.id,
    url: `${ctx.base}/api/v2/requests/${r.id}.json`,
    subject: r.subject,
    description: r.comments[0]?.body ?? '',
    status: r.status,
    type: r.type,
    priority: r.priority,
    requester_id: r.requesterId,
    organization_id: r.organizationId,
    assignee_id: r.assigneeId,
    group_id: null,
    collaborator_ids: r.collaboratorIds,
    email_cc_ids: r.collaboratorIds,
    ticket_form_id: r.ticketFormId,
    custom_fields: visibleFields.map((f) => ({ id: f.id, value: (r.customFields[f.id] ?? null) as string | null })),
    followup_source_id: r.followupSourceId,
    can_be_solved_by_me: canBeSolvedByMe(ctx, r),
    solved: r.status === 'solved' || r.status === 'closed',
    is_public: true,
    due_at: null,
    recipient: null,
    via: { channel: 'api', source: { from: {}, to: {}, rel: null } },
    created_at: r.createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    updated_at: r.updatedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}

function attachmentJson(ctx: Ctx, a: ZendeskAttachment) {
  const contentUrl = `${ctx.base}/attachments/token/${a.token}/?name=${encodeURIComponent(a.file_name)}`;
  return {
    id: a.id,
    file_name: a.file_name,
    content_type: a.content_type,
    size: a.content.length,
    content_url: contentUrl,
    mapped_content_url: contentUrl,
    url: `${ctx.base}/api/v2/attachments/${a.id}.json`,
    inline: false,
    deleted: false,
    malware_access_override: false,
    malware_scan_result: 'malware_not_found',
    thumbnails: [],
  };
}

function commentJson(ctx: Ctx, c: ZendeskComment) {
  return {
    id: c.id,
    type: 'Comment',
    author_id: c.authorId,
    body: c.body,
    html_body: `<div class="zd-comment"><p>${c.body.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p></div>`,
    plain_body: c.body,
    public: c.public,
    attachments: c.attachments.map((a) => attachmentJson(ctx, a)),
    created_at: c.createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}

// --- writes --------------------------------------------------------------------------------------------------------

/** Checks custom field values as Zendesk does for end users; returns the normalised values or the problems. */
function checkCustomFields(
  ctx: Ctx,
  formId: number | null,
  input: { id: number; value: unknown }[],
): { values: Record<number, unknown> } | { problems: Record<string, { description: string }[]> } {
  const form = ctx.state.forms.find((f) => f.id === formId);
  const allowed = new Set(form ? form.ticket_field_ids : ctx.state.fields.map((f) => f.id));
  const problems: Record<string, { description: string }[]> = {};
  const values: Record<number, unknown> = {};
  const say = (f: ZendeskField, description: string) => {
    problems.base ??= [];
    problems.base.push({ description: `${f.title_in_portal}: ${description}` });
  };
  for (const { id, value } of input) {
    const f = ctx.state.fields.find((x) => x.id === id);
    if (!f?.editable_in_portal || !allowed.has(id)) {
      problems.base ??= [];
      problems.base.push({ description: `Field ${id} is not a field end users can set on this form` });
      continue;
    }
    if (value === null || value === '') continue;
    const options = (f.custom_field_options ?? []).map((o) => o.value);
    switch (f.type) {
      case 'checkbox':
        if (typeof value !== 'boolean') say(f, 'must be true or false');
        else values[id] = value;
        break;
      case 'tagger':
        if (typeof value !== 'string' || !options.includes(value)) say(f, `must be one of ${options.join(', ')}`);
        else values[id] = value;
        break;
      case 'multiselect':
        if (!Array.isArray(value) || !value.every((v) => options.includes(v))) say(f, `must be a list of ${options.join(', ')}`);
        else values[id] = value;
        break;
      case 'date':
        if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) say(f, 'must be a date (YYYY-MM-DD)');
        else values[id] = value;
        break;
      case 'integer':
        if (!/^-?\d+$/.test(String(value)) || typeof value === 'boolean') say(f, 'must be a whole number');
        else values[id] = String(value);
        break;
      case 'decimal':
        if (!/^-?\d+(\.\d+)?$/.test(String(value)) || typeof value === 'boolean') say(f, 'must be a number');
        else values[id] = String(value);
        break;
      case 'regexp':
        if (typeof value !== 'string' || !new RegExp(f.regexp_for_validation ?? '').test(value)) say(f, `is invalid (${f.description})`);
        else values[id] = value;
        break;
      default:
        if (typeof value !== 'string') say(f, 'must be text');
        else values[id] = value;
    }
  }
  for (const f of ctx.state.fields) {
    if (
      f.id >= 100 &&
      f.required_in_portal &&
      f.visible_in_portal &&
      allowed.has(f.id) &&
      (values[f.id] === undefined || values[f.id] === false)
    ) {
      say(f, 'is required');
    }
  }
  return Object.keys(problems).length ? { problems } : { values };
}

/** Takes upload tokens: each may be used once, by the user who uploaded it. */
function takeUploads(ctx: Ctx, tokens: unknown): ZendeskAttachment[] | StubResponse {
  const list = Array.isArray(tokens) ? tokens : [];
  const uploads = list.map((t) => ctx.state.uploads.get(String(t)));
  const bad = list.filter((_t, i) => !uploads[i] || uploads[i].used || uploads[i].ownerId !== ctx.me.id);
  // the stub's choice: an unusable token is refused rather than silently dropped, so a provider notices
  if (bad.length) return invalid({ base: [{ description: `Upload token(s) ${bad.join(', ')} are invalid or already used` }] });
  for (const u of uploads) u!.used = true;
  return uploads.flatMap((u) => u!.attachments);
}

function createRequest(ctx: Ctx): StubResponse {
  const key = ctx.req.headers['idempotency-key'] as string | undefined;
  const bodyHash = createHash('sha256').update(ctx.req.raw).digest('hex');
  if (key) {
    const seen = ctx.state.idempotency.get(`${ctx.me.id}:${key}`);
    if (seen && seen.bodyHash !== bodyHash)
      return error(400, 'IdempotentRequestError', 'The Idempotency-Key was used with a different request body');
    if (seen) return { ...seen.answer, headers: { ...seen.answer.headers, 'x-idempotency-lookup': 'hit' } };
  }
  const answer = createRequestOnce(ctx);
  if (key && answer.status === 201) {
    answer.headers = { ...answer.headers, 'x-idempotency-lookup': 'miss' };
    ctx.state.idempotency.set(`${ctx.me.id}:${key}`, { bodyHash, answer });
  }
  return answer;
}

function createRequestOnce(ctx: Ctx): StubResponse {
  const request = (ctx.req.body as { request?: Record<string, any> } | undefined)?.request;
  if (!request || typeof request !== 'object') return error(400, 'InvalidEndpoint', 'Expected {"request": {...}}');
  const body = request.comment?.body ?? request.comment?.html_body;
  if (typeof body !== 'string' || body.trim() === '') return invalid({ description: [{ description: 'Description: cannot be blank' }] });
  const formId = request.ticket_form_id ?? ctx.state.forms.find((f) => f.default)?.id ?? null;
  const form = ctx.state.forms.find((f) => f.id === formId);
  if (!form?.end_user_visible || !form.active)
    return invalid({ ticket_form_id: [{ description: `Ticket form ${formId} is not available to end users` }] });
  const subject = typeof request.subject === 'string' ? request.subject.trim() : '';
  if (!subject) return invalid({ subject: [{ description: 'Subject: cannot be blank' }] });
  const checked = checkCustomFields(ctx, form.id, request.custom_fields ?? request.fields ?? []);
  if ('problems' in checked) return invalid(checked.problems);
  const attachments = takeUploads(ctx, request.comment?.uploads);
  if (!Array.isArray(attachments)) return attachments;
  // via_followup_source_id only works with a closed request the user can see; on any other it has no effect
  const source = typeof request.via_followup_source_id === 'number' ? visibleRequest(ctx, request.via_followup_source_id) : undefined;
  const created = ctx.state.addRequest({
    requesterId: ctx.me.id,
    subject,
    body,
    type: request.type ?? null,
    priority: request.priority ?? null,
    ticketFormId: form.id,
    customFields: checked.values,
    followupSourceId: source?.status === 'closed' ? source.id : null,
    attachments,
  });
  return {
    status: 201,
    headers: { location: `${ctx.base}/api/v2/requests/${created.id}.json` },
    body: { request: requestJson(ctx, created) },
  };
}

function updateRequest(ctx: Ctx, id: number): StubResponse {
  const r = visibleRequest(ctx, id, 'comment');
  if (!r) return notFound();
  const update = (ctx.req.body as { request?: Record<string, any> } | undefined)?.request;
  if (!update || typeof update !== 'object') return error(400, 'InvalidEndpoint', 'Expected {"request": {...}}');
  if (r.status === 'closed') return invalid({ status: [{ description: 'Status: closed prevents ticket update' }] });
  const solving = update.solved === true || update.solved === 'true';
  if (solving && !canBeSolvedByMe(ctx, r))
    return error(403, 'Forbidden', 'You cannot mark this request as solved (can_be_solved_by_me is false)');
  if (update.comment) {
    const body = update.comment.body ?? update.comment.html_body;
    if (typeof body !== 'string' || body.trim() === '') return invalid({ comment: [{ description: 'Comment: cannot be blank' }] });
    const attachments = takeUploads(ctx, update.comment.uploads);
    if (!Array.isArray(attachments)) return attachments;
    ctx.state.addComment(r.id, { authorId: ctx.me.id, body, public: true, attachments });
    // an end user's reply puts a pending or solved request back in the agents' hands
    if (!solving && (r.status === 'pending' || r.status === 'solved' || r.status === 'hold')) r.status = 'open';
  }
  for (const c of update.additional_collaborators ?? []) {
    const u = ctx.state.users.find((x) => x.id === c || x.email === c || x.email === c?.email);
    if (u && !r.collaboratorIds.includes(u.id)) r.collaboratorIds.push(u.id);
  }
  if (solving) r.status = 'solved';
  r.updatedAt = ctx.state.now();
  return { status: 200, body: { request: requestJson(ctx, r) } };
}

function upload(ctx: Ctx): StubResponse {
  const filename = ctx.req.query.get('filename');
  if (!filename) return error(400, 'InvalidValue', 'filename is required');
  if (!Buffer.isBuffer(ctx.req.body) || ctx.req.body.length === 0) return invalid({ base: [{ description: 'The file is empty' }] });
  const contentType = (ctx.req.headers['content-type'] ?? 'application/binary').split(';')[0];
  const existing = ctx.req.query.get('token');
  let target = existing ? ctx.state.uploads.get(existing) : undefined;
  if (existing && (!target || target.used || target.ownerId !== ctx.me.id)) return notFound();
  if (!target) {
    target = { token: ctx.state.newUploadToken(), ownerId: ctx.me.id, attachments: [], used: false };
    ctx.state.uploads.set(target.token, target);
  }
  const attachment = ctx.state.newAttachment(filename, contentType, ctx.req.body, `${target.token}${target.attachments.length}`);
  target.attachments.push(attachment);
  return {
    status: 201,
    body: {
      upload: {
        token: target.token,
        attachment: attachmentJson(ctx, attachment),
        attachments: target.attachments.map((a) => attachmentJson(ctx, a)),
      },
    },
  };
}
