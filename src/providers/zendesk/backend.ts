import type { Backend, Download, RequestTypesApi, TicketsApi } from '../../api/backend.ts';
import { HttpClient, type HttpSettings, type RawResponse, type RequestOptions, retryDelay, sleep } from '../../api/http.ts';
import type { ProviderInfo } from '../../api/provider.ts';
import type {
  Attachment,
  Me,
  Message,
  NewTicket,
  Page,
  Person,
  ServerInfo,
  Ticket,
  TicketQuery,
  TicketRef,
  TicketWithMessages,
} from '../../api/types.ts';
import { notFoundError, TicketClosedError, TixError } from '../../core/errors.ts';
import { sniffContentType } from '../../core/filenames.ts';
import { ZendeskForms } from './forms.ts';
import { wording, zendeskErrors } from './messages.ts';
import type {
  ZdAttachment,
  ZdComment,
  ZdCommentsPage,
  ZdPaging,
  ZdRequest,
  ZdRequestsPage,
  ZdTicketField,
  ZdTicketForm,
  ZdUser,
} from './wire.ts';

/**
 * Zendesk keeps an idempotency key two hours (its Ticketing API introduction): an identical request or reply of
 * yours younger than that counts as the one a repeated key filed, when the key may be a repeat.
 */
const KEY_LIFETIME_MS = 2 * 3600_000;
/** Search Requests pages by offset, 100 at most per page. */
const SEARCH_PAGE = 100;
/** Lists page by cursor, 100 at most per page. */
const LIST_PAGE = 100;
/** How many of the newest requests or comments a look for an earlier write reads. */
const RECENT = 25;

/** Where a listing is: Zendesk's own position (a cursor, or a search page) and how many of its rows were used. */
type Position = { mode: 'list'; after: string | null; skip: number } | { mode: 'search'; page: number; skip: number };

interface Comments {
  comments: ZdComment[];
  /** Zendesk's time when it answered (its Date header): how old a comment is, whatever this machine's clock says */
  serverNow: number;
  /** the authors, side-loaded: name, and whether they are agents */
  users: Map<number, { name: string; agent: boolean }>;
}

/**
 * The end-user Requests API of a Zendesk account as tix's backend: forms as request types, requests as tickets,
 * public comments as messages. Zendesk's wire errors become domain errors (messages.ts); creates and replies
 * are never sent twice where Zendesk cannot tell (see writeOnce).
 */
export class ZendeskBackend implements Backend {
  readonly provider: ProviderInfo;
  readonly tickets: TicketsApi;
  readonly requestTypes: RequestTypesApi;
  private readonly http: HttpClient;
  private readonly httpSettings: HttpSettings;
  /** a credential goes with every request (only `tix version --server` asks without one) */
  private readonly loggedIn: boolean;
  private user?: Promise<ZdUser>;
  private forms?: Promise<ZendeskForms>;

  constructor(provider: ProviderInfo, http: HttpClient, settings: HttpSettings, loggedIn: boolean) {
    this.provider = provider;
    this.http = http;
    this.httpSettings = settings;
    this.loggedIn = loggedIn;
    this.requestTypes = {
      catalog: async () => (await this.loadForms()).catalog,
      requestType: async (id) => {
        const forms = await this.loadForms();
        const form = forms.form(id);
        if (!form) throw zendeskErrors.unknownType(id, forms.typeIds(), 'type');
        return form.type;
      },
    };
    this.tickets = {
      list: (q) => this.list(q),
      view: (ref) => this.view(ref),
      create: (t, opts = {}) => this.create(t, opts),
      reply: (ref, reply, opts = {}) => this.reply(ref, reply.body, reply.attachments ?? [], opts),
      changeStatus: (ref, action) => this.changeStatus(ref, action),
      upload: (name, data) => this.upload(name, data),
      download: (ref, attachmentId) => this.download(ref, attachmentId),
    };
  }

  get server(): string {
    return this.http.server;
  }

  /**
   * Zendesk does not say its version: an answer of the account's API (even refusing these credentials) shows it is
   * there. Its API answers nobody anonymously, so nothing is asked without a credential.
   */
  async serverInfo(): Promise<ServerInfo> {
    if (!this.loggedIn) throw zendeskErrors.notLoggedIn(this.http.server);
    const res = await this.http.raw('GET', '/api/v2/users/me');
    if (res.status >= 300 && res.status !== 401 && res.status !== 403) throw this.error('GET', res);
    return { name: 'Zendesk', version: 'Support API', apiVersion: '2' };
  }

  async me(): Promise<Me> {
    const u = await this.whoAmI();
    return {
      user: { email: u.email ?? '', name: u.name, role: u.role === 'end-user' ? 'customer' : 'agent' },
      company: null,
      establishments: [],
      token: null,
    };
  }

  /** API tokens and OAuth tokens are managed in Zendesk's admin centre, not by the one who uses them. */
  async logout(): Promise<void> {}

  // --- reading -----------------------------------------------------------------------------------------------------

  /**
   * Without --search, Zendesk's List Requests (yours and those you are copied on), newest activity first, by cursor.
   * With it, Search Requests over your organisation's requests as you may see them, by offset pages, which stops
   * at 1,000 results (`cut` says so). Filters Zendesk does not take (type, since, author) are applied here.
   */
  private async list(q: TicketQuery): Promise<Page<Ticket>> {
    if (q.establishment) throw zendeskErrors.noEstablishments();
    const wanted = Math.max(1, q.limit ?? 30);
    let at: Position = q.cursor
      ? decodeCursor(q.cursor)
      : q.search
        ? { mode: 'search', page: 1, skip: 0 }
        : { mode: 'list', after: null, skip: 0 };
    const items: Ticket[] = [];
    let cut: Page<Ticket>['cut'];
    // The page first, alone: a retry after a busy answer must not ride on a connection another request opened.
    for (;;) {
      const page = at.mode === 'list' ? await this.listPage(at.after, q.status) : await this.searchPage(at.page, q.search ?? '', q.status);
      const [me, forms] = await Promise.all([this.whoAmI(), this.loadForms()]);
      const keep = this.filter(q, me, forms);
      if (page.cut) cut = page.cut;
      for (let i = at.skip; i < page.rows.length; i++) {
        const row = page.rows[i]!;
        // newest activity first: past --since, nothing later in a list is newer
        if (at.mode === 'list' && q.since && Date.parse(row.updated_at) < Date.parse(q.since)) return { items, nextCursor: null };
        if (!keep(row)) continue;
        items.push(this.toTicket(row, forms, me));
        if (items.length === wanted) {
          const more = i + 1 < page.rows.length || page.next !== null;
          const nextCursor = i + 1 < page.rows.length ? encodeCursor({ ...at, skip: i + 1 }) : page.next ? encodeCursor(page.next) : null;
          return { items, nextCursor: more ? nextCursor : null, ...(cut ? { cut } : {}) };
        }
      }
      if (!page.next) return { items, nextCursor: null, ...(cut ? { cut } : {}) };
      at = page.next;
    }
  }

  private filter(q: TicketQuery, me: ZdUser, forms: ZendeskForms): (r: ZdRequest) => boolean {
    if (q.type && !forms.form(q.type)) throw zendeskErrors.unknownType(q.type, forms.typeIds());
    const type = q.type ? forms.form(q.type)!.type.id : undefined;
    if (q.author && q.author.trim().toLowerCase() !== (me.email ?? '').toLowerCase()) throw zendeskErrors.authorNotMe(q.author);
    const mine = q.mine || Boolean(q.author);
    const since = q.since ? Date.parse(q.since) : undefined;
    return (r) =>
      (!type || forms.typeOf(r) === type) &&
      (!q.category || q.category === wording.category.id) &&
      (!mine || r.requester_id === me.id) &&
      (since === undefined || Date.parse(r.updated_at) >= since);
  }

  private async listPage(
    after: string | null,
    status?: string[],
  ): Promise<{ rows: ZdRequest[]; next: Position | null; cut?: Page<Ticket>['cut'] }> {
    const page = await this.get<ZdRequestsPage>('/api/v2/requests', {
      sort_by: 'updated_at',
      sort_order: 'desc',
      'page[size]': LIST_PAGE,
      'page[after]': after ?? undefined,
      status: status?.length ? status.join(',') : undefined,
    });
    const cursor = page.meta?.after_cursor;
    return { rows: page.requests, next: page.meta?.has_more && cursor ? { mode: 'list', after: cursor, skip: 0 } : null };
  }

  private async searchPage(pageNumber: number, words: string, status?: string[]) {
    const me = await this.whoAmI();
    const res = await this.http.raw('GET', '/api/v2/requests/search', {
      query: {
        query: words,
        page: pageNumber,
        per_page: SEARCH_PAGE,
        // the organisation's requests too, as far as Zendesk lets this user see them (shared organisations)
        organization_id: me.organization_id ?? undefined,
        status: status?.length ? status.join(',') : undefined,
        sort_by: 'updated_at',
        sort_order: 'desc',
      },
    });
    // a page past the 1,000 results Zendesk reaches: the end of what can be listed
    if (res.status === 422 && pageNumber > 1) return { rows: [], next: null };
    if (res.status >= 300) throw this.error('GET', res);
    const page = JSON.parse(res.body.toString('utf8')) as ZdRequestsPage;
    const rows = [...page.requests].sort((a, b) => Date.parse(b.updated_at) - Date.parse(a.updated_at));
    const next: Position | null = page.next_page ? { mode: 'search', page: pageNumber + 1, skip: 0 } : null;
    // Zendesk counts every match but pages through its first 1,000 only: the last page says what was left out
    const total = page.count ?? 0;
    const reached = (pageNumber - 1) * SEARCH_PAGE + page.requests.length;
    return { rows, next, ...(!next && total > reached ? { cut: { total, reachable: reached } } : {}) };
  }

  private async view(ref: TicketRef): Promise<TicketWithMessages> {
    const id = idOf(ref);
    const shown = this.provider.showRef(ref);
    const [request, comments, me, forms] = await Promise.all([
      this.request(id, shown),
      this.comments(id, shown),
      this.whoAmI(),
      this.loadForms(),
    ]);
    const messages = comments.comments.filter((c) => c.public !== false).map((c) => this.toMessage(c, comments.users, me));
    const ticket = this.toTicket(request, forms, me, comments.users);
    return { ...ticket, messageCount: messages.length, messages };
  }

  private async request(id: number, shown: string): Promise<ZdRequest> {
    return (await this.get<{ request: ZdRequest }>(`/api/v2/requests/${id}`, {}, shown)).request;
  }

  /** Every public comment, oldest first, with its authors. */
  private async comments(id: number, shown: string): Promise<Comments> {
    const out: Comments = { comments: [], users: new Map(), serverNow: Date.now() };
    let after: string | undefined;
    do {
      const page = await this.get<ZdCommentsPage>(
        `/api/v2/requests/${id}/comments`,
        { 'page[size]': LIST_PAGE, 'page[after]': after },
        shown,
      );
      out.comments.push(...page.comments);
      for (const u of page.users ?? []) out.users.set(u.id, { name: u.name, agent: u.agent === true });
      after = page.meta?.has_more && page.meta.after_cursor ? page.meta.after_cursor : undefined;
    } while (after);
    return out;
  }

  /** The newest public comments, newest first. */
  private async latestComments(id: number, shown: string): Promise<Comments> {
    const query = { sort: '-created_at', 'page[size]': RECENT };
    const { body: page, serverNow } = await this.getDated<ZdCommentsPage>(`/api/v2/requests/${id}/comments`, query, shown);
    const users = new Map((page.users ?? []).map((u) => [u.id, { name: u.name, agent: u.agent === true }]));
    return { comments: page.comments, users, serverNow };
  }

  /** The newest requests this user filed or is copied on, newest first, and Zendesk's time. */
  private async recentRequests(): Promise<{ requests: ZdRequest[]; serverNow: number }> {
    const query = { sort_by: 'created_at', sort_order: 'desc', 'page[size]': RECENT };
    const { body, serverNow } = await this.getDated<ZdRequestsPage>('/api/v2/requests', query);
    return { requests: body.requests, serverNow };
  }

  // --- writing -----------------------------------------------------------------------------------------------------

  private async create(ticket: NewTicket, opts: { idempotencyKey?: string; freshKey?: boolean }) {
    if (ticket.establishment) throw zendeskErrors.noEstablishments();
    const [forms, me] = await Promise.all([this.loadForms(), this.whoAmI()]);
    const form = forms.form(ticket.type);
    if (!form) throw zendeskErrors.unknownType(ticket.type, forms.typeIds());
    const subject = String(ticket.fields.summary ?? '').trim();
    const body = String(ticket.fields.description ?? '');
    if (ticket.dedupe) {
      const open = await this.openTwin(forms, me, form.type.id, subject);
      if (open) {
        const replied = await this.reply(String(open.id), body, ticket.attachments ?? [], opts);
        return { item: replied.ticket, replayed: replied.replayed, deduplicated: true };
      }
    }
    const request = {
      subject,
      comment: { body, ...(ticket.attachments?.length ? { uploads: ticket.attachments } : {}) },
      ...forms.toZendesk(form, ticket.fields),
      ...(ticket.followUpOf !== undefined ? { via_followup_source_id: idOf(ticket.followUpOf) } : {}),
    };
    const same = (r: ZdRequest) => r.requester_id === me.id && sameText(r.subject, subject) && sameText(r.description ?? '', body);
    const key = opts.idempotencyKey;
    const recent = await this.recentRequests();
    // A key the user gave may be a repeat of a run whose request was filed: Zendesk may not say (see the README).
    if (key && !opts.freshKey) {
      const earlier = recent.requests.find((r) => same(r) && recent.serverNow - Date.parse(r.created_at) < KEY_LIFETIME_MS);
      if (earlier) return { item: this.toTicket(earlier, forms, me), replayed: true };
    }
    const newest = Math.max(0, ...recent.requests.map((r) => r.id));
    const sent = await this.writeOnce(
      'POST',
      '/api/v2/requests',
      { body: { request }, ...(key ? { headers: { 'Idempotency-Key': key } } : {}) },
      async () => (await this.recentRequests()).requests.find((r) => r.id > newest && same(r)),
      'create',
      zendeskErrors.checkCreate,
    );
    if ('found' in sent) return { item: this.toTicket(sent.found, forms, me), replayed: false };
    const res = sent.res;
    if (res.status >= 300) {
      const err = this.error('POST', res);
      throw err.code === 'idempotency_conflict' && key
        ? zendeskErrors.idempotencyConflict(key, { status: res.status, data: err.data })
        : err;
    }
    const created = (JSON.parse(res.body.toString('utf8')) as { request: ZdRequest }).request;
    return { item: this.toTicket(created, forms, me), replayed: res.headers['x-idempotency-lookup'] === 'hit' };
  }

  /** --dedupe: an open request of this user on the same form with the same subject. */
  private async openTwin(forms: ZendeskForms, me: ZdUser, type: string, subject: string): Promise<ZdRequest | undefined> {
    const page = await this.listPage(null, ['new', 'open', 'pending', 'hold']);
    return page.rows.find((r) => r.requester_id === me.id && forms.typeOf(r) === type && sameText(r.subject, subject));
  }

  private async reply(ref: TicketRef, body: string, uploads: string[], opts: { idempotencyKey?: string; freshKey?: boolean }) {
    const id = idOf(ref);
    const shown = this.provider.showRef(ref);
    const [me, forms, latest] = await Promise.all([this.whoAmI(), this.loadForms(), this.latestComments(id, shown)]);
    const isThisReply = (c: ZdComment) =>
      c.author_id === me.id && sameText(c.body, body) && (c.attachments?.length ?? 0) === uploads.length;
    // A key the user gave may be a repeat of a run whose reply was posted: Zendesk keeps no key for replies.
    const last = latest.comments[0];
    if (
      opts.idempotencyKey &&
      !opts.freshKey &&
      last &&
      isThisReply(last) &&
      latest.serverNow - Date.parse(last.created_at) < KEY_LIFETIME_MS
    ) {
      const request = await this.request(id, shown);
      return { item: this.toMessage(last, latest.users, me), ticket: this.toTicket(request, forms, me), replayed: true };
    }
    const before = new Set(latest.comments.map((c) => c.id));
    const posted = async () => {
      const now = await this.latestComments(id, shown);
      const comment = now.comments.find((c) => !before.has(c.id) && isThisReply(c));
      return comment && { comment, users: now.users };
    };
    const sent = await this.writeOnce(
      'PUT',
      `/api/v2/requests/${id}`,
      { body: { request: { comment: { body, ...(uploads.length ? { uploads } : {}) } } } },
      posted,
      'reply',
      zendeskErrors.checkReply(ref),
    );
    let request: ZdRequest;
    if ('found' in sent) request = await this.request(id, shown);
    else {
      const res = sent.res;
      if (res.status === 404) throw zendeskErrors.notFound(shown, { status: 404 });
      // Zendesk refuses any update of a closed request (422): said as tix says it, with the way on
      if (res.status === 422 && (await this.request(id, shown)).status === 'closed')
        throw new TicketClosedError(shown, ref, { status: 422, data: { ref } });
      if (res.status >= 300) throw this.error('PUT', res);
      request = (JSON.parse(res.body.toString('utf8')) as { request: ZdRequest }).request;
    }
    const found = 'found' in sent ? sent.found : await posted();
    const item: Message = found
      ? this.toMessage(found.comment, found.users, me)
      : // posted, but not among the newest comments yet (a busy request): what was sent
        {
          id: '',
          author: { ...this.person(me.id, me), role: me.role === 'end-user' ? 'customer' : 'agent' },
          unread: false,
          body,
          createdAt: request.updated_at,
          attachments: [],
        };
    return { item, ticket: this.toTicket(request, forms, me), replayed: false };
  }

  private async changeStatus(ref: TicketRef, action: 'resolve' | 'close' | 'reopen'): Promise<Ticket> {
    if (action === 'close') throw zendeskErrors.cannotClose(ref);
    if (action === 'reopen') throw zendeskErrors.cannotReopen(ref);
    const id = idOf(ref);
    const shown = this.provider.showRef(ref);
    const [request, forms, me] = await Promise.all([this.request(id, shown), this.loadForms(), this.whoAmI()]);
    if (request.status === 'solved') return this.toTicket(request, forms, me);
    if (request.status === 'closed') throw zendeskErrors.closedNotSolvable(shown, ref);
    if (!request.can_be_solved_by_me) throw zendeskErrors.notSolvable(shown, ref);
    // solving twice is solving once: the client may send it again after a lost answer
    const res = await this.http.raw('PUT', `/api/v2/requests/${id}`, { body: { request: { solved: true } } });
    if (res.status === 403) throw zendeskErrors.notSolvable(shown, ref, { status: 403 });
    if (res.status >= 300) throw this.error('PUT', res, shown);
    return this.toTicket((JSON.parse(res.body.toString('utf8')) as { request: ZdRequest }).request, forms, me);
  }

  /** Each file gets its own upload token; the comment that attaches them lists the tokens. */
  private async upload(name: string, data: Uint8Array): Promise<Attachment> {
    const res = await this.http.raw('POST', '/api/v2/uploads', {
      query: { filename: name },
      rawBody: data,
      contentType: await sniffContentType(data),
      // an upload that is lost midway is harmless: an unused token expires after an hour
      replayable: true,
    });
    if (res.status >= 300) throw this.error('POST', res);
    const { upload } = JSON.parse(res.body.toString('utf8')) as { upload: { token: string; attachment: ZdAttachment } };
    return {
      id: upload.token,
      name: upload.attachment.file_name,
      size: upload.attachment.size,
      contentType: upload.attachment.content_type,
    };
  }

  /**
   * An attachment's content_url. The credentials go only to the account's own address: Zendesk may answer with a
   * redirect to its file storage, followed without them.
   */
  private async download(ref: TicketRef, attachmentId: string): Promise<Download> {
    const id = idOf(ref);
    const shown = this.provider.showRef(ref);
    const { comments } = await this.comments(id, shown);
    const attachment = comments.flatMap((c) => c.attachments ?? []).find((a) => String(a.id) === attachmentId);
    if (!attachment) throw notFoundError(`request ${shown} has no attachment ${attachmentId}`, { code: 'not_found' });
    let url = new URL(attachment.content_url, this.http.server);
    for (let hop = 0; ; hop++) {
      const own = url.origin === new URL(this.http.server).origin;
      const client = own ? this.http : new HttpClient({ ...this.httpSettings, server: url.origin, wording: wording.server });
      try {
        const res = await client.raw('GET', `${url.pathname}${url.search}`, { headers: { accept: '*/*' } });
        const location = res.headers.location;
        if (res.status >= 300 && res.status < 400 && typeof location === 'string' && hop < 3) {
          url = new URL(location, url);
          continue;
        }
        if (res.status >= 300) throw own ? this.error('GET', res) : client.errorFor('GET', res);
        return { name: attachment.file_name, contentType: attachment.content_type, data: res.body };
      } finally {
        if (!own) client.close();
      }
    }
  }

  /**
   * Sends a create or a reply, which Zendesk may not deduplicate (an end-user update takes no key; whether Create
   * Request honours Idempotency-Key is not documented). The client sends it once; when its answer is lost or
   * Zendesk fails (5xx), it looks for what the write would have made before sending it again, so that a retry
   * never files twice. A 429 refused it before any work: the HTTP client waits and sends it again by itself.
   */
  private async writeOnce<F>(
    method: 'POST' | 'PUT',
    path: string,
    opts: RequestOptions,
    look: () => Promise<F | undefined>,
    what: 'create' | 'reply',
    checkHint: string,
  ): Promise<{ res: RawResponse } | { found: F }> {
    const retries = this.httpSettings.retries ?? 3;
    for (let attempt = 0; ; attempt++) {
      let res: RawResponse | undefined;
      let lost: TixError | undefined;
      try {
        res = await this.http.raw(method, path, { ...opts, replayable: false, checkHint });
      } catch (err) {
        if (!(err instanceof TixError) || err.code !== 'outcome_unknown') throw err;
        lost = err;
      }
      if (res && res.status < 500) return { res };
      const failure = () => lost ?? this.error(method, res!);
      let found: F | undefined;
      try {
        found = await look();
      } catch {
        throw failure();
      }
      if (found !== undefined) return { found };
      if (attempt >= retries) throw lost ? zendeskErrors.outcomeUnknown(what, checkHint, lost) : failure();
      await this.pause(res ? retryAfterMs(res) : undefined, attempt);
    }
  }

  private pause(asked: number | undefined, attempt: number): Promise<void> {
    const max = this.httpSettings.maxRetryDelayMs ?? 10_000;
    return sleep(asked !== undefined && asked <= max ? asked : retryDelay(this.httpSettings, attempt), this.httpSettings.signal);
  }

  // --- plumbing ----------------------------------------------------------------------------------------------------

  private async get<T>(path: string, query: Record<string, string | number | undefined>, shown?: string): Promise<T> {
    return (await this.getDated<T>(path, query, shown)).body;
  }

  /** A read, with Zendesk's time when it answered (this machine's, when it does not say). */
  private async getDated<T>(path: string, query: Record<string, string | number | undefined>, shown?: string) {
    const res = await this.http.raw('GET', path, { query });
    if (res.status >= 300) throw this.error('GET', res, shown);
    const date = Date.parse(String(res.headers.date ?? ''));
    return { body: JSON.parse(res.body.toString('utf8')) as T, serverNow: Number.isNaN(date) ? Date.now() : date };
  }

  /** Zendesk's answer as a domain error: a request not found names it; a 401 says how to log in again. */
  private error(method: string, res: RawResponse, shown?: string): TixError {
    const err = this.http.errorFor(method, res);
    if (res.status === 404 && shown) return zendeskErrors.notFound(shown, { status: 404, data: err.data });
    if (res.status === 401) return zendeskErrors.rejected(err);
    return err;
  }

  private whoAmI(): Promise<ZdUser> {
    this.user ??= this.get<{ user: ZdUser }>('/api/v2/users/me', {}).then((r) => r.user);
    return this.user;
  }

  private loadForms(): Promise<ZendeskForms> {
    this.forms ??= (async () => {
      const [forms, fields] = await Promise.all([this.ticketForms(), this.ticketFields()]);
      return new ZendeskForms(forms, fields);
    })();
    return this.forms;
  }

  /** Accounts on plans without ticket forms answer 403 or 404: their requests have the one default form. */
  private async ticketForms(): Promise<ZdTicketForm[]> {
    const res = await this.http.raw('GET', '/api/v2/ticket_forms');
    if (res.status === 403 || res.status === 404) return [];
    if (res.status >= 300) throw this.error('GET', res);
    return (JSON.parse(res.body.toString('utf8')) as { ticket_forms: ZdTicketForm[] }).ticket_forms;
  }

  private async ticketFields(): Promise<ZdTicketField[]> {
    const fields: ZdTicketField[] = [];
    let after: string | undefined;
    do {
      const page = await this.get<{ ticket_fields: ZdTicketField[]; meta?: ZdPaging['meta'] }>('/api/v2/ticket_fields', {
        'page[size]': LIST_PAGE,
        'page[after]': after,
      });
      fields.push(...page.ticket_fields);
      after = page.meta?.has_more && page.meta.after_cursor ? page.meta.after_cursor : undefined;
    } while (after);
    return fields;
  }

  private person(userId: number, me: ZdUser, users?: Comments['users']): Person {
    // Zendesk shows end users nobody's e-mail address but their own
    if (userId === me.id) return { email: me.email ?? '', name: me.name };
    return { email: '', name: users?.get(userId)?.name ?? '' };
  }

  private toTicket(r: ZdRequest, forms: ZendeskForms, me: ZdUser, users?: Comments['users']): Ticket {
    // a status this client does not know (a custom one) counts as support's turn
    const statusCategory = this.provider.statuses.find((s) => s.name === r.status)?.category ?? 'open';
    return {
      id: r.id,
      ref: String(r.id),
      status: r.status,
      statusCategory,
      type: forms.typeOf(r),
      category: wording.category.id,
      summary: r.subject,
      establishment: null,
      createdBy: this.person(r.requester_id, me, users),
      onBehalfOf: null,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      // a closed request can no longer be updated: its last update is when it closed. Zendesk closes solved
      // requests by itself after a delay, but the Requests API does not say whether this one was
      closedAt: statusCategory === 'closed' ? r.updated_at : null,
      autoClosed: false,
      unread: 0,
      // Zendesk's request lists do not count comments: ticket view has them all
      messageCount: null,
      fields: forms.valuesOf(r),
      followUpOf: r.followup_source_id ? String(r.followup_source_id) : null,
      // the request's page in the account's help centre
      url: `${this.http.server}/hc/requests/${r.id}`,
    };
  }

  private toMessage(c: ZdComment, users: Comments['users'], me: ZdUser): Message {
    const author = users.get(c.author_id);
    const agent = author ? author.agent : c.author_id !== me.id;
    return {
      id: c.id,
      author: { ...this.person(c.author_id, me, users), role: agent ? 'agent' : 'customer' },
      unread: false,
      body: c.body,
      createdAt: c.created_at,
      attachments: (c.attachments ?? []).map((a) => ({ id: String(a.id), name: a.file_name, size: a.size, contentType: a.content_type })),
    };
  }
}

/** A request id, as info.parseRef gave it. */
function idOf(ref: TicketRef): number {
  const n = Number(String(ref).replace(/^#/, ''));
  if (!Number.isSafeInteger(n) || n <= 0) throw zendeskErrors.notFound(`#${ref}`);
  return n;
}

/** Zendesk may reflow what it was sent: the same words in the same order are the same text. */
function sameText(a: string, b: string): boolean {
  return a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();
}

function retryAfterMs(res: RawResponse): number | undefined {
  const header = res.headers['retry-after'];
  const seconds = typeof header === 'string' ? Number(header) : Number.NaN;
  return Number.isFinite(seconds) ? Math.max(0, seconds * 1000) : undefined;
}

function encodeCursor(at: Position): string {
  return Buffer.from(JSON.stringify(at)).toString('base64url');
}

function decodeCursor(cursor: string): Position {
  try {
    const at = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Position;
    if (at.mode === 'list' && (typeof at.after === 'string' || at.after === null) && Number.isInteger(at.skip)) return at;
    if (at.mode === 'search' && Number.isInteger(at.page) && at.page >= 1 && Number.isInteger(at.skip)) return at;
  } catch {
    /* not ours */
  }
  throw zendeskErrors.badCursor();
}
