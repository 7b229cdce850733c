// The Jira Service Management backend: tix's interface on the customer side of JSM (/rest/servicedeskapi).
// Requests are tickets (referenced by their Jira key), request types and their groups are the catalog, public
// comments are the conversation, customer transitions are resolve / close / reopen. JSM has no idempotency keys:
// every create and reply carries an invisible mark of its key (./markers.ts), looked for before writing and
// after a lost answer, so that no retry files twice.
import { randomUUID } from 'node:crypto';
import { extname } from 'node:path';
import type { Backend, Connection, Download, RequestTypesApi, TicketsApi } from '../../api/backend.ts';
import { HttpClient, type Query, type RawResponse, type RequestOptions } from '../../api/http.ts';
import { type ProviderInfo, type ProviderSettings, unsupported } from '../../api/provider.ts';
import type {
  Attachment,
  Created,
  Me,
  Message,
  NewReply,
  NewTicket,
  Page,
  ServerInfo,
  Ticket,
  TicketQuery,
  TicketWithMessages,
} from '../../api/types.ts';
import type { Catalog, Category, RequestType } from '../../core/catalog.ts';
import {
  authError,
  ExitCode,
  fieldsError,
  notFoundError,
  stateError,
  TicketClosedError,
  TixError,
  transientError,
  usageError,
} from '../../core/errors.ts';
import { acceptsReplies, type StatusAction, type StatusCategory } from '../../core/status.ts';
import { formOf, fromJiraValues, jiraText, type JsmForm, ON_BEHALF_OF, slug, toJiraValues } from './forms.ts';
import { authScheme } from './http.ts';
import { hasMarker, withMarker, withoutMarkers } from './markers.ts';
import { say } from './messages.ts';
import { categoryOf } from './statuses.ts';
import type {
  JsmAttachment,
  JsmComment,
  JsmDate,
  JsmInfo,
  JsmPage,
  JsmRequest,
  JsmRequestCreate,
  JsmRequestType,
  JsmRequestTypeFields,
  JsmRequestTypeGroup,
  JsmServiceDesk,
  JsmTemporaryAttachments,
  JsmTransition,
  JsmUser,
} from './wire.ts';

/** The customer API under the site's address. */
export const API = '/rest/servicedeskapi';
/** What tix asks per page; the service may give fewer (it caps `limit`), so pages are followed by isLastPage. */
const PAGE = 50;
/** How many times a write whose answer was lost is looked for, then sent again. */
const WRITE_ATTEMPTS = 3;
/** How many request-type forms are fetched at once (JSM rate-limits bursts). */
const PARALLEL = 4;

/** A request type with the id tix gives it (its name as a slug) and its category (its first group). */
interface IndexedType {
  id: string;
  category: string;
  jira: JsmRequestType;
}

interface TypeIndex {
  categories: Category[];
  types: IndexedType[];
}

/** A file given to upload(): sent to the service desk of the request it goes with, when it is known. */
interface PendingFile {
  name: string;
  data: Uint8Array;
}

export class JsmBackend implements Backend {
  readonly provider: ProviderInfo;
  readonly tickets: TicketsApi;
  readonly requestTypes: RequestTypesApi;
  private readonly http: HttpClient;
  private readonly connection: Connection;
  private desk?: Promise<JsmServiceDesk>;
  private myself?: Promise<JsmUser>;
  private readonly indexes = new Map<string, Promise<TypeIndex>>();
  private readonly forms = new Map<string, Promise<JsmForm>>();
  private readonly files = new Map<string, PendingFile>();

  constructor(provider: ProviderInfo, http: HttpClient, connection: Connection) {
    this.provider = provider;
    this.http = http;
    this.connection = connection;
    this.tickets = {
      list: (q) => this.list(q),
      view: (ref) => this.view(ref),
      create: (t, opts = {}) => this.create(t, opts.idempotencyKey),
      reply: (ref, r, opts = {}) => this.reply(ref, r, opts.idempotencyKey),
      changeStatus: (ref, action) => this.changeStatus(ref, action),
      upload: async (name, data) => this.upload(name, data),
      download: (ref, id) => this.download(ref, id),
    };
    this.requestTypes = {
      catalog: () => this.catalog(),
      requestType: (id) => this.requestType(id),
    };
  }

  get server(): string {
    return this.http.server;
  }

  // --- identity ------------------------------------------------------------------------------------------------

  async serverInfo(): Promise<ServerInfo> {
    const info = await this.get<JsmInfo>(`${API}/info`);
    return { name: this.provider.displayName, version: info.version ?? 'unknown', apiVersion: 'servicedeskapi' };
  }

  async me(): Promise<Me> {
    const u = await this.whoAmI();
    // e-mails may be hidden by the person's privacy settings: the login's e-mail, else the user name, stands in
    const email = u.emailAddress || this.connection.credential?.email || u.name || u.accountId || '';
    // tix works on JSM's customer side, whatever the account is in Jira
    return { user: { email, name: u.displayName ?? email, role: 'customer' }, company: null, establishments: [], token: null };
  }

  /** JSM has no sessions: API tokens and personal access tokens are revoked in Atlassian's or Jira's settings. */
  async logout(): Promise<void> {}

  async profileSettings(given: ProviderSettings): Promise<{ settings: ProviderSettings; notes: string[] }> {
    const desk = await this.findDesk(given.serviceDesk);
    this.desk = Promise.resolve(desk);
    return {
      settings: { serviceDesk: desk.id, auth: authScheme(this.connection) },
      notes: [say.deskChosen(say.desk(desk), given.serviceDesk === undefined)],
    };
  }

  private whoAmI(): Promise<JsmUser> {
    // Jira platform's /rest/api/2/myself answers on Cloud and Data Center alike (Data Center has no /3)
    this.myself ??= this.get<JsmUser>('/rest/api/2/myself');
    return this.myself;
  }

  /** The profile's service desk, or the only one the account can reach. */
  private serviceDesk(): Promise<JsmServiceDesk> {
    this.desk ??= this.findDesk(this.connection.settings?.serviceDesk);
    return this.desk;
  }

  private async findDesk(wanted: string | undefined): Promise<JsmServiceDesk> {
    if (wanted !== undefined) {
      const res = await this.http.raw('GET', `${API}/servicedesk/${encodeURIComponent(wanted)}`);
      if (res.status < 300) return parse<JsmServiceDesk>(res);
      if (res.status !== 404) throw this.http.errorFor('GET', res);
      const desks = await this.all<JsmServiceDesk>(`${API}/servicedesk`);
      throw usageError(say.noSuchDesk(wanted, desks.map(say.desk)), {
        code: 'unknown_service_desk',
        data: { serviceDesks: desks.map((d) => d.projectKey) },
      });
    }
    const desks = await this.all<JsmServiceDesk>(`${API}/servicedesk`);
    if (desks.length === 1) return desks[0]!;
    if (desks.length === 0) throw authError(say.noDesk(), { code: 'no_service_desk' });
    throw usageError(say.chooseDesk(desks.map(say.desk)), {
      code: 'service_desk_required',
      hint: say.chooseDeskHint(desks[0]!.projectKey),
      data: { serviceDesks: desks.map((d) => d.projectKey) },
    });
  }

  // --- request types -------------------------------------------------------------------------------------------

  private async catalog(): Promise<Catalog> {
    const desk = await this.serviceDesk();
    const index = await this.typeIndex(desk.id);
    const types = await mapLimit(index.types, PARALLEL, (t) => this.requestTypeOf(desk.id, t));
    return { categories: index.categories.filter((c) => types.some((t) => t.category === c.id)), types };
  }

  private async requestType(id: string): Promise<RequestType> {
    const desk = await this.serviceDesk();
    const index = await this.typeIndex(desk.id);
    const found = index.types.find((t) => t.id === id);
    if (!found)
      throw notFoundError(
        say.unknownType(
          id,
          index.types.map((t) => t.id),
        ),
        { code: 'unknown_type', hint: say.typeListHint() },
      );
    return this.requestTypeOf(desk.id, found);
  }

  private async requestTypeOf(deskId: string, t: IndexedType): Promise<RequestType> {
    const form = await this.form(deskId, t.jira.id);
    return {
      id: t.id,
      category: t.category,
      label: jiraText(t.jira.name),
      description: jiraText(t.jira.description || t.jira.helpText || ''),
      ...(form.irreversible ? { irreversible: true } : {}),
      fields: form.fields,
    };
  }

  /** A desk's groups and request types, with tix's ids: names as slugs, made unique with the Jira id when two collide. */
  private typeIndex(deskId: string): Promise<TypeIndex> {
    let index = this.indexes.get(deskId);
    if (!index) {
      index = (async () => {
        const [groups, types] = await Promise.all([
          this.all<JsmRequestTypeGroup>(`${API}/servicedesk/${deskId}/requesttypegroup`),
          this.all<JsmRequestType>(`${API}/servicedesk/${deskId}/requesttype`),
        ]);
        const categoryIds = uniqueIds(groups.map((g) => ({ name: g.name, id: g.id })));
        const categories: Category[] = groups.map((g, i) => ({ id: categoryIds[i]!, label: jiraText(g.name), description: jiraText('') }));
        const other: Category = {
          id: 'other',
          label: { en: 'Other', fr: 'Autres' },
          description: { en: 'request types in no group', fr: 'types de demande hors groupe' },
        };
        const typeIds = uniqueIds(types.map((t) => ({ name: t.name, id: t.id })));
        const indexed = types.map((t, i) => {
          const group = groups.findIndex((g) => t.groupIds?.includes(g.id));
          return { id: typeIds[i]!, category: group >= 0 ? categoryIds[group]! : other.id, jira: t };
        });
        if (indexed.some((t) => t.category === other.id) && !categories.some((c) => c.id === other.id)) categories.push(other);
        return { categories, types: indexed };
      })();
      index.catch(() => this.indexes.delete(deskId));
      this.indexes.set(deskId, index);
    }
    return index;
  }

  private form(deskId: string, typeId: string): Promise<JsmForm> {
    const key = `${deskId}/${typeId}`;
    let form = this.forms.get(key);
    if (!form) {
      form = this.get<JsmRequestTypeFields>(`${API}/servicedesk/${deskId}/requesttype/${typeId}/field`).then(formOf);
      form.catch(() => this.forms.delete(key));
      this.forms.set(key, form);
    }
    return form;
  }

  // --- listing and reading -------------------------------------------------------------------------------------

  private async list(q: TicketQuery): Promise<Page<Ticket>> {
    // JSM's customers have no establishments, and tix keeps no read state there
    if (q.establishment) throw unsupported(this.provider, 'organisation');
    if (q.unread) throw unsupported(this.provider, 'readState');
    const desk = await this.serviceDesk();
    const index = await this.typeIndex(desk.id);
    const typeIds = this.typeFilter(index, q);
    const since = q.since === undefined ? undefined : Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(q.since) ? `${q.since}T00:00:00Z` : q.since);
    const limit = q.limit ?? 30;
    const query: Query = {
      serviceDeskId: desk.id,
      // the customer's own requests, those they take part in, and those shared with their organizations
      requestOwnership: q.mine ? ['OWNED_REQUESTS'] : ['OWNED_REQUESTS', 'PARTICIPATED_REQUESTS', 'ALL_ORGANIZATIONS'],
      requestStatus: requestStatusFor(q.status),
      requestTypeId: typeIds?.size === 1 ? [...typeIds][0] : undefined,
      searchTerm: q.search?.trim() || undefined,
      // comments give each request its last activity and its message count
      expand: 'comment',
    };
    const items: Ticket[] = [];
    let start = Number(q.cursor ?? 0) || 0;
    for (;;) {
      const page = await this.get<JsmPage<JsmRequest>>(`${API}/request`, { query: { ...query, start, limit: PAGE } });
      const first = page.start ?? start;
      let allBefore = since !== undefined && page.values.length > 0;
      for (const [i, r] of page.values.entries()) {
        const t = await this.ticketOf(r, r.comments?.values ?? []);
        const recent = since === undefined || Date.parse(t.updatedAt) >= since;
        if (recent) allBefore = false;
        if (!recent || !this.matches(t, r, q, typeIds)) continue;
        items.push(t);
        if (items.length === limit) {
          const more = i < page.values.length - 1 || !page.isLastPage;
          return { items, nextCursor: more ? String(first + i + 1) : null };
        }
      }
      // newest activity first: a page with nothing as recent as --since ends the search
      if (page.isLastPage || page.values.length === 0 || allBefore) return { items, nextCursor: null };
      start = first + page.values.length;
    }
  }

  /** The request-type ids --type and --category stand for (undefined: any). */
  private typeFilter(index: TypeIndex, q: TicketQuery): Set<string> | undefined {
    let ids: Set<string> | undefined;
    if (q.type !== undefined) {
      const t = index.types.find((x) => x.id === q.type);
      if (!t)
        throw usageError(
          `--type: ${say.unknownType(
            q.type,
            index.types.map((x) => x.id),
          )}`,
          {
            code: 'unknown_type',
            hint: say.typeListHint(),
          },
        );
      ids = new Set([t.jira.id]);
    }
    if (q.category !== undefined) {
      if (!index.categories.some((c) => c.id === q.category))
        throw usageError(
          say.unknownCategory(
            q.category,
            index.categories.map((c) => c.id),
          ),
          { hint: say.typeListHint() },
        );
      const inCategory = index.types.filter((t) => t.category === q.category).map((t) => t.jira.id);
      ids = new Set(inCategory.filter((id) => !ids || ids.has(id)));
    }
    return ids;
  }

  /** What JSM cannot filter: several statuses or types, the author. */
  private matches(t: Ticket, r: JsmRequest, q: TicketQuery, typeIds: Set<string> | undefined): boolean {
    if (typeIds && !typeIds.has(r.requestTypeId)) return false;
    if (q.author && t.createdBy.email.toLowerCase() !== q.author.trim().toLowerCase()) return false;
    if (q.status && !statusMatches(this.provider, t, q.status)) return false;
    return true;
  }

  private async view(ref: string): Promise<TicketWithMessages> {
    const r = await this.request(ref, { expand: 'participant' });
    const [comments, attachments] = await Promise.all([
      this.comments(r.issueKey),
      this.all<JsmAttachment>(`${API}/request/${enc(r.issueKey)}/attachment`),
    ]);
    const ticket = await this.ticketOf(r, comments);
    const customers = await this.customerIds(r);
    // files attached without a comment (by an agent in Jira) go with the request itself
    const inComments = new Set(comments.flatMap((c) => (c.attachments?.values ?? []).map(attachmentId)));
    const first: Message = {
      id: '0',
      author: { ...person(r.reporter), role: 'customer' },
      unread: false,
      body: descriptionOf(r),
      createdAt: time(r.createdDate),
      attachments: attachments.filter((a) => !inComments.has(attachmentId(a))).map(toAttachment),
    };
    return { ...ticket, messages: [first, ...comments.map((c) => toMessage(c, customers))] };
  }

  /** Who is on the customer's side of a request: its reporter, its participants, portal-only customers, and me. */
  private async customerIds(r: JsmRequest & { participants?: JsmPage<JsmUser> }): Promise<(u: JsmUser | undefined) => boolean> {
    const me = await this.whoAmI();
    const ids = new Set([userId(r.reporter), userId(me), ...(r.participants?.values ?? []).map(userId)].filter(Boolean));
    // Cloud's portal-only customers have account ids that start with qm:
    return (u) => ids.has(userId(u)) || Boolean(u?.accountId?.startsWith('qm:'));
  }

  private comments(key: string): Promise<JsmComment[]> {
    // the public conversation only, as the customer sees it (an agent's token would also see internal notes)
    // (written out: the HTTP client leaves `false` parameters out)
    return this.all<JsmComment>(`${API}/request/${enc(key)}/comment`, { public: 'true', internal: 'false', expand: 'attachment' });
  }

  private async request(ref: string, query: Query = {}): Promise<JsmRequest> {
    const res = await this.http.raw('GET', `${API}/request/${enc(ref)}`, { query });
    if (res.status === 404) throw notFoundError(say.requestNotFound(ref), { status: 404 });
    if (res.status >= 300) throw this.http.errorFor('GET', res);
    return parse<JsmRequest>(res);
  }

  /** A request as a tix ticket, with its public comments (for its last activity and message count). */
  private async ticketOf(r: JsmRequest, comments: JsmComment[]): Promise<Ticket> {
    const index = await this.typeIndex(r.serviceDeskId).catch(() => undefined);
    const type = index?.types.find((t) => t.jira.id === r.requestTypeId);
    const form = await this.form(r.serviceDeskId, r.requestTypeId).catch(() => undefined);
    const status = r.currentStatus?.status ?? 'unknown';
    const values = r.requestFieldValues ?? [];
    const description = descriptionOf(r);
    const times = [time(r.createdDate), time(r.currentStatus?.statusDate), ...comments.map((c) => time(c.created))].filter(Boolean);
    const statusCategory = categoryOf(status, r.currentStatus?.statusCategory);
    return {
      id: Number(r.issueId) || r.issueId,
      ref: r.issueKey,
      status,
      statusCategory,
      type: type?.id ?? `type-${r.requestTypeId}`,
      category: type?.category ?? 'other',
      summary: String(values.find((v) => v.fieldId === 'summary')?.value ?? ''),
      establishment: null,
      createdBy: person(r.reporter),
      onBehalfOf: null,
      createdAt: time(r.createdDate),
      updatedAt: times.sort().at(-1) ?? time(r.createdDate),
      // a closed request was closed when it entered its current status; Jira does not say who or what closed it
      closedAt: statusCategory === 'closed' ? time(r.currentStatus?.statusDate) || null : null,
      autoClosed: false,
      unread: 0,
      messageCount: 1 + comments.length,
      fields: fromJiraValues(form, values),
      followUpOf: followUpOf(description),
      url: r._links?.web ?? `${this.server}/browse/${r.issueKey}`,
    };
  }

  // --- filing --------------------------------------------------------------------------------------------------

  private async create(ticket: NewTicket, key: string | undefined): Promise<Created<Ticket>> {
    const desk = await this.serviceDesk();
    const index = await this.typeIndex(desk.id);
    const type = index.types.find((t) => t.id === ticket.type);
    if (!type)
      throw usageError(
        `--type: ${say.unknownType(
          ticket.type,
          index.types.map((t) => t.id),
        )}`,
        {
          code: 'unknown_type',
          hint: say.typeListHint(),
        },
      );
    const form = await this.form(desk.id, type.jira.id);
    const summary = String(ticket.fields.summary ?? '');
    const given = String(ticket.fields.description ?? '');
    // JSM has no link a customer can make between requests: a follow-up says which request it continues in its
    // first line, which tix reads back (followUpOf)
    const description = ticket.followUpOf ? `${say.followUpLine(ticket.followUpOf)}\n\n${given}` : given;
    // the description carries the follow-up line and the key's mark, when the form has one
    const hasDescription = form.jira.has('description');
    const { values, problems } = toJiraValues(form, { ...ticket.fields, ...(hasDescription ? { description } : {}) });
    if (problems.length) throw fieldsError(problems, 'cannot file the request');

    if (ticket.dedupe) {
      const open = await this.findOpen(desk.id, type.jira.id, summary);
      if (open) {
        const replied = await this.reply(open.ref, { body: given, attachments: ticket.attachments }, key);
        return { item: replied.ticket, replayed: replied.replayed, deduplicated: true };
      }
    }

    const body: JsmRequestCreate = {
      serviceDeskId: desk.id,
      requestTypeId: type.jira.id,
      requestFieldValues: { ...values, ...(key && hasDescription ? { description: withMarker(description, key) } : {}) },
    };
    const onBehalfOf = ticket.fields[ON_BEHALF_OF];
    if (typeof onBehalfOf === 'string' && onBehalfOf.trim()) body.raiseOnBehalfOf = await this.accountIdOf(desk.id, onBehalfOf.trim());

    const started = Date.now();
    const find = (afterFailure: boolean) =>
      key === undefined
        ? Promise.resolve(undefined)
        : this.findFiled(desk.id, type.jira.id, key, afterFailure ? { summary, description, since: started } : undefined);
    // a key used before (a re-run with the same --idempotency-key) gives the request it filed
    const earlier = await find(false);
    if (earlier) return { item: await this.ticketOf(earlier, await this.comments(earlier.issueKey)), replayed: true };
    const filed = await this.writeOnce('the new request', key, say.checkList(), key !== undefined, {
      send: () => this.post<JsmRequest>(`${API}/request`, body, say.createRefused),
      find: () => find(true),
    });
    const r = filed.item;
    if (ticket.attachments?.length) {
      try {
        await this.attach(r, ticket.attachments);
      } catch (err) {
        throw new TixError(err instanceof TixError ? err.exitCode : ExitCode.failure, say.filedButNotAttached(r.issueKey), {
          code: 'attachments_failed',
          cause: err,
          hint: say.filedButNotAttachedHint(r.issueKey),
          data: { ref: r.issueKey, reason: err instanceof Error ? err.message : String(err) },
        });
      }
    }
    const full = await this.request(r.issueKey);
    return { item: await this.ticketOf(full, await this.comments(r.issueKey)), replayed: filed.replayed };
  }

  /** An Atlassian account id for raiseOnBehalfOf: an e-mail is looked up among the desk's customers. */
  private async accountIdOf(deskId: string, who: string): Promise<string> {
    if (!who.includes('@')) return who;
    const customers = await this.get<JsmPage<JsmUser>>(`${API}/servicedesk/${deskId}/customer`, {
      query: { query: who, limit: PAGE },
      headers: { 'X-ExperimentalApi': 'opt-in' },
    });
    const found = customers.values.find((u) => u.emailAddress?.toLowerCase() === who.toLowerCase());
    if (!found?.accountId)
      throw usageError(`${ON_BEHALF_OF}: ${say.noSuchCustomer(who)}`, {
        fields: [{ field: ON_BEHALF_OF, message: say.noSuchCustomer(who) }],
      });
    return found.accountId;
  }

  /**
   * The request a key filed, by its mark. After a failed attempt of this very command, a request of the same
   * summary and description filed since it began counts too (in case a site were to drop the invisible mark).
   */
  private async findFiled(
    deskId: string,
    typeId: string,
    key: string,
    sameRun?: { summary: string; description: string; since: number },
  ): Promise<JsmRequest | undefined> {
    const me = userId(await this.whoAmI());
    const words = sameRunWords(sameRun?.summary);
    const base = { serviceDeskId: deskId, requestTypeId: typeId, requestOwnership: ['OWNED_REQUESTS'], limit: PAGE };
    const isIt = (r: JsmRequest) => {
      const text = String(r.requestFieldValues?.find((v) => v.fieldId === 'description')?.value ?? '');
      if (hasMarker(text, key)) return true;
      if (!sameRun || userId(r.reporter) !== me) return false;
      const summary = String(r.requestFieldValues?.find((v) => v.fieldId === 'summary')?.value ?? '');
      return summary === sameRun.summary && withoutMarkers(text) === sameRun.description && epoch(r.createdDate) >= sameRun.since - 60_000;
    };
    // the summary's words narrow the search; the most recent requests of the type are the fallback
    for (const query of [...(words ? [{ ...base, searchTerm: words }] : []), base]) {
      const page = await this.get<JsmPage<JsmRequest>>(`${API}/request`, { query });
      const found = page.values.find(isIt);
      if (found) return found;
    }
    return undefined;
  }

  /** An open request of the type with the same summary, for --dedupe. */
  private async findOpen(deskId: string, typeId: string, summary: string): Promise<Ticket | undefined> {
    const page = await this.get<JsmPage<JsmRequest>>(`${API}/request`, {
      query: {
        serviceDeskId: deskId,
        requestTypeId: typeId,
        requestStatus: 'OPEN_REQUESTS',
        requestOwnership: ['OWNED_REQUESTS', 'PARTICIPATED_REQUESTS', 'ALL_ORGANIZATIONS'],
        searchTerm: sameRunWords(summary),
        limit: PAGE,
      },
    });
    const same = page.values.find(
      (r) =>
        String(r.requestFieldValues?.find((v) => v.fieldId === 'summary')?.value ?? '')
          .trim()
          .toLowerCase() === summary.trim().toLowerCase(),
    );
    return same ? this.ticketOf(same, []) : undefined;
  }

  // --- answering -----------------------------------------------------------------------------------------------

  private async reply(ref: string, reply: NewReply, key: string | undefined): Promise<Created<Message> & { ticket: Ticket }> {
    const r = await this.request(ref, { expand: ['action', 'participant'] });
    const customers = await this.customerIds(r);
    const find = async () => {
      if (key === undefined) return undefined;
      const found = (await this.comments(r.issueKey)).find((c) => hasMarker(c.body, key));
      return found && toMessage(found, customers);
    };
    const done = async (item: Message, replayed: boolean) => {
      const fresh = await this.request(r.issueKey);
      return { item, replayed, ticket: await this.ticketOf(fresh, await this.comments(r.issueKey)) };
    };
    // a reply posted before (the same --idempotency-key) is the answer, whatever the request's state now
    const earlier = await find();
    if (earlier) return done(earlier, true);
    const closed = () => new TicketClosedError(r.issueKey, r.issueKey, { data: { status: r.currentStatus?.status } });
    const ticketLike = {
      status: r.currentStatus?.status ?? '',
      statusCategory: categoryOf(r.currentStatus?.status ?? '', r.currentStatus?.statusCategory),
    };
    if (!acceptsReplies(this.provider.statuses, ticketLike) || r.actions?.addComment?.allowed === false) throw closed();

    const body = withMarker(reply.body, key);
    const posted = await this.writeOnce('the reply', key, say.checkView(r.issueKey), key !== undefined, {
      send: async () => {
        try {
          // with files, JSM takes the reply as the comment that attaches them: one comment, as people expect
          if (reply.attachments?.length) return (await this.attach(r, reply.attachments, body))!;
          return await this.post<JsmComment>(`${API}/request/${enc(r.issueKey)}/comment`, { body, public: true }, say.replyRefused);
        } catch (err) {
          // refused: closed meanwhile (by an agent, or by automation) is the likely reason; JSM says it beforehand
          if (err instanceof TixError && err.status === 400) {
            const now = await this.request(r.issueKey, { expand: 'action' });
            if (now.actions?.addComment?.allowed === false) throw closed();
          }
          throw err;
        }
      },
      find: async () => {
        if (key === undefined) return undefined;
        return (await this.comments(r.issueKey)).find((c) => hasMarker(c.body, key));
      },
    });
    return done(toMessage(posted.item, customers), posted.replayed);
  }

  private async changeStatus(ref: string, action: StatusAction): Promise<Ticket> {
    const r = await this.request(ref);
    const offered = await this.all<JsmTransition>(`${API}/request/${enc(r.issueKey)}/transition`);
    const transition = offered.find((t) => TRANSITION_NAMES[action].test(t.name));
    const status = r.currentStatus?.status ?? 'unknown';
    if (!transition) {
      throw stateError(
        say.notOffered(
          say.actionWords[action],
          r.issueKey,
          status,
          offered.map((t) => t.name),
        ),
        {
          code: 'transition_not_offered',
          hint: say.notOfferedHint(),
          data: { ref: r.issueKey, status, offered: offered.map((t) => t.name) },
        },
      );
    }
    // a transition sent again once it landed is refused (no longer offered): safe to send again
    await this.writeOnce(`the transition "${transition.name}"`, undefined, say.checkView(r.issueKey), true, {
      send: async () => {
        const res = await this.http.raw('POST', `${API}/request/${enc(r.issueKey)}/transition`, {
          body: { id: transition.id },
          checkHint: say.checkView(r.issueKey),
        });
        if (res.status === 400) {
          const err = this.http.errorFor('POST', res);
          throw stateError(say.transitionRefused(err.message), { code: 'transition_refused', status: 400, data: { ref: r.issueKey } });
        }
        if (res.status >= 300) throw this.http.errorFor('POST', res);
        return true;
      },
      // a transition that landed moved the request on
      find: async () => ((await this.request(r.issueKey)).currentStatus?.status !== status ? true : undefined),
    });
    const fresh = await this.request(r.issueKey);
    return this.ticketOf(fresh, await this.comments(r.issueKey));
  }

  // --- files ---------------------------------------------------------------------------------------------------

  /**
   * JSM keeps uploads as temporary files of one service desk, which is the request's: the file is held here
   * and sent when the request (or reply) it goes with is known.
   */
  private upload(name: string, data: Uint8Array): Attachment {
    const id = `pending-${randomUUID()}`;
    this.files.set(id, { name, data });
    return { id, name, size: data.byteLength, contentType: contentTypeOf(name) };
  }

  /** Two steps: the files become temporary files of the request's desk, then the request's attachments. */
  private async attach(r: JsmRequest, ids: string[], comment?: string): Promise<JsmComment | undefined> {
    const files = ids.map((id) => {
      const file = this.files.get(id);
      if (!file) throw new Error(`no pending upload ${id}`);
      return file;
    });
    const form = await multipart(files);
    // an unused temporary file is dropped by JSM after a while: sending the files again is harmless
    const temporary = await this.call<JsmTemporaryAttachments>('POST', `${API}/servicedesk/${r.serviceDeskId}/attachTemporaryFile`, {
      rawBody: form.body,
      contentType: form.contentType,
      // multipart bodies are guarded against cross-site requests: JSM wants this header
      headers: { 'X-Atlassian-Token': 'no-check' },
      replayable: true,
    });
    const result = await this.post<{ comment?: JsmComment }>(
      `${API}/request/${enc(r.issueKey)}/attachment`,
      {
        temporaryAttachmentIds: temporary.temporaryAttachments.map((t) => t.temporaryAttachmentId),
        public: true,
        ...(comment !== undefined ? { additionalComment: { body: comment } } : {}),
      },
      say.replyRefused,
    );
    for (const id of ids) this.files.delete(id);
    return result.comment;
  }

  private async download(ref: string, attachmentId: string): Promise<Download> {
    const path = `${API}/request/${enc(ref)}/attachment/${enc(attachmentId)}`;
    let res = await this.http.raw('GET', path, { headers: { accept: '*/*' } });
    // Cloud may send the content from Atlassian's media service: follow that one redirect, without credentials
    const location = res.headers.location;
    if (res.status >= 301 && res.status <= 308 && typeof location === 'string') {
      const target = new URL(location, this.http.server);
      const anonymous = new HttpClient({ ...this.connection.http, server: target.origin });
      try {
        res = await anonymous.raw('GET', `${target.pathname}${target.search}`, { headers: { accept: '*/*' } });
      } finally {
        anonymous.close();
      }
    }
    if (res.status === 404) throw notFoundError(say.requestNotFound(`${ref} attachment ${attachmentId}`), { status: 404 });
    if (res.status >= 300) throw this.http.errorFor('GET', res);
    return { name: attachmentId, contentType: String(res.headers['content-type'] ?? 'application/octet-stream'), data: res.body };
  }

  // --- HTTP ----------------------------------------------------------------------------------------------------

  private get<T>(path: string, opts: RequestOptions = {}): Promise<T> {
    return this.call<T>('GET', path, opts);
  }

  private async call<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const res = await this.http.raw(method, path, opts);
    if (res.status >= 300) throw this.http.errorFor(method, res);
    return parse<T>(res);
  }

  /** A write JSM cannot replay; 400 is JSM refusing it, worded for the person. */
  private async post<T>(path: string, body: unknown, refused: (message: string) => string): Promise<T> {
    const res = await this.http.raw('POST', path, { body });
    if (res.status === 400) {
      const err = this.http.errorFor('POST', res);
      throw usageError(refused(err.message), { code: 'refused', status: 400, fields: err.fields, data: err.data });
    }
    if (res.status >= 300) throw this.http.errorFor('POST', res);
    return parse<T>(res);
  }

  /** Every item of a paged list, following isLastPage (the service may give fewer per page than asked). */
  private async all<T>(path: string, query: Query = {}): Promise<T[]> {
    const items: T[] = [];
    for (let start = 0; ; ) {
      const page = await this.get<JsmPage<T>>(path, { query: { ...query, start, limit: PAGE } });
      items.push(...page.values);
      if (page.isLastPage !== false || page.values.length === 0) return items;
      start = (page.start ?? start) + page.values.length;
    }
  }

  /**
   * A write without an idempotency key of JSM's: sent once; when its answer is lost (the connection, a 5xx), it
   * is looked for (`find`, by the key's mark) and sent again only when not found.
   */
  private async writeOnce<T>(
    what: string,
    key: string | undefined,
    checkHint: string,
    /** whether sending again is safe once `find` did not find it (a create or reply needs its key's mark) */
    resend: boolean,
    o: { send: () => Promise<T>; find: () => Promise<T | undefined> },
  ): Promise<{ item: T; replayed: boolean }> {
    let lost: TixError | undefined;
    for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
      if (lost) {
        await pause(this.pauseMs(attempt), this.connection.http.signal);
        const found = await o.find();
        if (found !== undefined) return { item: found, replayed: true };
        if (!resend) break;
      }
      try {
        return { item: await o.send(), replayed: false };
      } catch (err) {
        if (!(err instanceof TixError) || !outcomeUnknown(err)) throw err;
        lost = err;
      }
    }
    throw transientError(say.outcomeUnknown(what), {
      code: 'outcome_unknown',
      cause: lost,
      status: lost?.status,
      hint: key ? say.outcomeUnknownHint(key) : checkHint,
      data: key ? { idempotencyKey: key } : undefined,
    });
  }

  private pauseMs(attempt: number): number {
    const min = this.connection.http.minRetryDelayMs ?? 300;
    return Math.min(min * 2 ** attempt, this.connection.http.maxRetryDelayMs ?? 10_000);
  }
}

// --- helpers -------------------------------------------------------------------------------------------------------

/** The words of customer transitions each status change stands for (JSM's shipped workflows, in English). */
const TRANSITION_NAMES: Record<StatusAction, RegExp> = {
  resolve: /resolv|mark as done|^done$|complete|solved/i,
  close: /cancel|close|withdraw/i,
  reopen: /re-?open|open again|not (resolved|fixed)/i,
};

/** A write whose answer was lost, or a server error after which it may have been applied. */
function outcomeUnknown(err: TixError): boolean {
  return err.code === 'outcome_unknown' || [500, 502, 503, 504].includes(err.status ?? 0);
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

function parse<T>(res: RawResponse): T {
  if (res.status === 204 || res.body.length === 0) return undefined as T;
  return JSON.parse(res.body.toString('utf8')) as T;
}

function enc(part: string): string {
  return encodeURIComponent(part);
}

/** tix ids from names ("Ask a question" → ask-a-question), each unique: a second one takes the Jira id. */
function uniqueIds(items: Array<{ name: string; id: string }>): string[] {
  const seen = new Set<string>();
  return items.map(({ name, id }) => {
    let s = slug(name);
    if (!/^[a-z]/.test(s)) s = `t-${s}`.replace(/-$/, '');
    if (seen.has(s)) s = `${s.slice(0, 30)}-${slug(id)}`;
    seen.add(s);
    return s;
  });
}

/** JSM's requestStatus for the wanted status names: open, closed (DONE), or all. */
function requestStatusFor(names: string[] | undefined): string | undefined {
  if (!names?.length) return undefined;
  const done = names.map((n) => ['resolved', 'closed'].includes(categoryOf(n, undefined)));
  if (done.every(Boolean)) return 'CLOSED_REQUESTS';
  if (!done.some(Boolean)) return 'OPEN_REQUESTS';
  return 'ALL_REQUESTS';
}

/**
 * Whether a ticket's status is among the wanted names. A status tix does not know (a site's own workflow) is
 * in when every known status of its category is wanted: `--status waiting` then finds it too.
 */
function statusMatches(info: ProviderInfo, t: Ticket, wanted: string[]): boolean {
  if (wanted.includes(t.status)) return true;
  if (info.statuses.some((s) => s.name.toLowerCase() === t.status.toLowerCase()))
    return wanted.some((w) => w.toLowerCase() === t.status.toLowerCase());
  const sameCategory = info.statuses.filter((s) => s.category === (t.statusCategory as StatusCategory)).map((s) => s.name);
  return sameCategory.length > 0 && sameCategory.every((n) => wanted.includes(n));
}

/** Up to eight words of a summary, for JSM's searchTerm (which searches summaries). */
function sameRunWords(summary: string | undefined): string | undefined {
  const words = summary?.match(/[\p{L}\p{N}]+/gu)?.slice(0, 8);
  return words?.length ? words.join(' ') : undefined;
}

function epoch(d: JsmDate | undefined): number {
  if (d?.epochMillis !== undefined) return d.epochMillis;
  const text = d?.iso8601 ?? d?.jira;
  return text ? Date.parse(text.replace(/([+-]\d\d)(\d\d)$/, '$1:$2')) : Number.NaN;
}

/** RFC 3339 in UTC, as every tix date. */
function time(d: JsmDate | undefined): string {
  const ms = epoch(d);
  return Number.isNaN(ms) ? '' : new Date(ms).toISOString();
}

function userId(u: JsmUser | undefined): string {
  return u?.accountId ?? u?.key ?? u?.name ?? u?.emailAddress ?? '';
}

function person(u: JsmUser | undefined): { email: string; name: string } {
  const email = u?.emailAddress ?? '';
  return { email, name: u?.displayName ?? (email || userId(u)) };
}

function descriptionOf(r: JsmRequest): string {
  return withoutMarkers(String(r.requestFieldValues?.find((v) => v.fieldId === 'description')?.value ?? ''));
}

function followUpOf(description: string): string | null {
  return /^Follow-up to ([A-Z][A-Z0-9_]*-[1-9]\d*)\b/.exec(description)?.[1] ?? null;
}

/** An attachment's id: the document gives it none of its own, its links end with it. */
function attachmentId(a: JsmAttachment): string {
  const link = a._links?.content ?? a._links?.self ?? a._links?.jiraRest ?? '';
  return /\/attachment\/([^/?#]+)/.exec(link)?.[1] ?? a.filename;
}

function toAttachment(a: JsmAttachment): Attachment {
  return { id: attachmentId(a), name: a.filename, size: a.size, contentType: a.mimeType ?? 'application/octet-stream' };
}

function toMessage(c: JsmComment, isCustomer: (u: JsmUser | undefined) => boolean): Message {
  const attachments = (c.attachments?.values ?? []).map(toAttachment);
  // JSM links the files of a comment in its text ([^name]); tix lists them apart
  let body = withoutMarkers(c.body);
  for (const a of attachments) body = body.split(`[^${a.name}]`).join('');
  return {
    id: c.id,
    author: { ...person(c.author), role: isCustomer(c.author) ? 'customer' : 'agent' },
    unread: false,
    body: body.trim(),
    createdAt: time(c.created),
    attachments,
  };
}

const CONTENT_TYPES: Record<string, string> = {
  '.txt': 'text/plain',
  '.log': 'text/plain',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.zip': 'application/zip',
};

function contentTypeOf(name: string): string {
  return CONTENT_TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream';
}

/** A multipart/form-data body whose parts are all named `file`, as attachTemporaryFile wants (Node's own encoder). */
async function multipart(files: PendingFile[]): Promise<{ body: Buffer; contentType: string }> {
  const form = new FormData();
  for (const f of files) form.append('file', new Blob([f.data], { type: contentTypeOf(f.name) }), f.name);
  const encoded = new Response(form);
  return { body: Buffer.from(await encoded.arrayBuffer()), contentType: encoded.headers.get('content-type') ?? 'multipart/form-data' };
}
