import type { Backend, Download, RequestTypesApi, TicketsApi, WriteOptions } from '../../api/backend.ts';
import type { HttpClient, Query, RawResponse, RequestOptions } from '../../api/http.ts';
import type { ProviderInfo } from '../../api/provider.ts';
import type {
  Attachment,
  Created,
  LoginResult,
  Me,
  Message,
  NewReply,
  NewTicket,
  Page,
  Person,
  ServerInfo,
  Ticket,
  TicketQuery,
  TicketRef,
  TicketWithMessages,
} from '../../api/types.ts';
import { type Catalog, requestProblems } from '../../core/catalog.ts';
import { fieldsError, TixError } from '../../core/errors.ts';
import type { AuthorRole } from '../../core/roles.ts';
import { acceptsReplies, type StatusAction } from '../../core/status.ts';
import { isRtAnswer, KEY_FIELD, rtErrors, rtMessages } from './errors.ts';
import { fromCustomFields, type QueueForm, queueCategory, queueForm, toCustomFields, typeId } from './forms.ts';
import { basicCredential, parseCredential, type RtCredential, webAddress } from './http.ts';
import { once, type Settings } from './once.ts';
import { all, any, customField, keywords, quote, rtTime, sinceTime } from './ticketsql.ts';
import type {
  RtAttachment,
  RtAttachmentPart,
  RtCustomField,
  RtNewReply,
  RtNewTicket,
  RtPage,
  RtPerson,
  RtQueue,
  RtQueueItem,
  RtTicket,
  RtTransaction,
  RtUser,
} from './wire.ts';

/** What a search asks of each ticket: everything a Ticket shows, in one request. */
const TICKET_FIELDS: Query = {
  fields: 'Subject,Status,Queue,Creator,Created,LastUpdated,CustomFields,Requestor,Cc,RefersTo',
  'fields[Queue]': 'Name',
  'fields[Creator]': 'Name,EmailAddress,RealName',
  'fields[Requestor]': 'Name,EmailAddress,RealName',
  'fields[Cc]': 'Name,EmailAddress,RealName',
  'fields[CustomFields]': 'Type,MaxValues',
};

/** REST2 gives at most 100 records a page. */
const MAX_PAGE = 100;

/** What `changeStatus` asks RT for: `close` is RT's rejected, the one final status a ticket reaches by hand. */
const targetStatus: Record<StatusAction, string> = { resolve: 'resolved', reopen: 'open', close: 'rejected' };

interface Caller {
  user: RtUser;
  /** RT's "privileged": staff; otherwise a self-service customer */
  staff: boolean;
}

/** A file to send with the next create or reply: RT takes attachments inline, so "uploading" keeps it here. */
interface PendingFile {
  attachment: Attachment;
  data: Uint8Array;
}

/**
 * The backend of a Request Tracker 5, through REST2. Request types are the queues the user can file tickets in;
 * tickets are found with TicketSQL and read from their history. Every answer of RT becomes tix's shapes, every
 * refusal a domain error (errors.ts). RT has no idempotency keys: creates and replies record tix's key in a
 * custom field and look it up before any retry (once.ts). One backend serves one command: what it learns
 * (the caller, the queues' forms) is kept for the command's next calls.
 */
export class RtBackend implements Backend {
  readonly provider: ProviderInfo;
  readonly tickets: TicketsApi;
  readonly requestTypes: RequestTypesApi;
  private readonly http: HttpClient;
  private readonly credential: RtCredential | undefined;
  /** a client for another credential (logging in with a password) */
  private readonly withCredential: (token: string) => HttpClient;
  private readonly retrySettings: Settings;
  private caller?: Promise<Caller>;
  private queues?: Promise<RtQueueItem[]>;
  private readonly forms = new Map<string, Promise<QueueForm>>();
  private readonly customFields = new Map<string, Promise<RtCustomField>>();
  private readonly staff = new Map<string, Promise<boolean>>();
  private readonly pending = new Map<string, PendingFile>();
  /** the last status seen of each ticket (by view): reply checks it without asking again */
  private readonly seen = new Map<string, RtTicket>();
  /** RT's clock, from the Date of its last answer: when looking for what an earlier attempt filed */
  private clock?: { server: number; local: number };

  constructor(
    provider: ProviderInfo,
    http: HttpClient,
    opts: { credential?: string; withCredential: (token: string) => HttpClient; settings: Settings },
  ) {
    this.provider = provider;
    this.http = http;
    this.credential = opts.credential === undefined ? undefined : parseCredential(opts.credential);
    this.withCredential = opts.withCredential;
    this.retrySettings = opts.settings;
    this.tickets = {
      list: (q) => this.list(q),
      view: (ref) => this.view(ref),
      create: (t, o) => this.create(t, o),
      reply: (ref, r, o) => this.reply(ref, r, o),
      changeStatus: (ref, action) => this.changeStatus(ref, action),
      upload: async (name, data) => this.upload(name, data),
      download: (ref, id) => this.download(ref, id),
    };
    this.requestTypes = {
      catalog: () => this.catalog(),
      requestType: async (id) => (await this.form(id, 'view')).type,
    };
  }

  get server(): string {
    return webAddress(this.http.server);
  }

  // ── who and where ──────────────────────────────────────────────────────────────────────────────────────────

  async serverInfo(): Promise<ServerInfo> {
    const about = await this.call<{ Version?: string }>('GET', '/rt');
    return { name: 'Request Tracker', version: about.Version ?? 'unknown', apiVersion: 'REST2' };
  }

  async me(): Promise<Me> {
    const { user, staff } = await this.whoAmI();
    return {
      user: { ...person({ ...user, id: String(user.id) }), role: staff ? 'agent' : 'customer' },
      company: null,
      establishments: [],
      token: null,
    };
  }

  /**
   * RT cannot issue a token over REST2: a password login keeps the user name and password (in the keychain, like
   * a token) and sends them with each request. Checked here, so a wrong password is never stored.
   */
  async login(user: string, password: string): Promise<LoginResult> {
    const token = basicCredential(user, password);
    const http = this.withCredential(token);
    try {
      const res = await http.raw('GET', `/user/${encodeURIComponent(user)}`);
      if (res.status >= 300) throw this.error('GET', res, {}, http);
      const found = JSON.parse(res.body.toString('utf8')) as RtUser;
      return { token, expiresAt: '', user: { ...person({ ...found, id: String(found.id) }), role: isStaff(found) ? 'agent' : 'customer' } };
    } finally {
      http.close();
    }
  }

  /** REST2 has no sessions to end; an auth token is revoked in RT's web interface. */
  async logout(): Promise<void> {}

  private whoAmI(): Promise<Caller> {
    this.caller ??= (async () => {
      const c = this.credential;
      if (!c) throw rtErrors.credentialsRefused(401);
      const who = c.kind === 'basic' ? c.user : c.userId;
      if (!who) throw rtErrors.notAToken();
      const user = await this.call<RtUser>('GET', `/user/${encodeURIComponent(who)}`);
      return { user, staff: isStaff(user) };
    })();
    return this.caller;
  }

  // ── request types ──────────────────────────────────────────────────────────────────────────────────────────

  private async catalog(): Promise<Catalog> {
    const queues = await this.creatableQueues();
    const forms = await Promise.all(queues.map((q) => this.queueForm(q.id)));
    return { categories: [queueCategory], types: forms.map((f) => f.type) };
  }

  /** The queues the user may see, each with whether he may file there (REST2's "create" link says so). */
  private allQueues(): Promise<RtQueueItem[]> {
    this.queues ??= this.collect<RtQueueItem>('/queues/all', { fields: 'Name,Description,Lifecycle,Disabled,_hyperlinks' });
    return this.queues;
  }

  private async creatableQueues(): Promise<RtQueueItem[]> {
    return (await this.allQueues()).filter(
      (q) => q.Disabled !== '1' && (q._hyperlinks ?? []).some((l) => l.ref === 'create' && l.type === 'ticket'),
    );
  }

  /** The queue a type names (its id, or the queue's own name); `use` says how an unknown one is reported. */
  private async form(type: string, use: 'filter' | 'view' | 'create'): Promise<QueueForm> {
    const queue = await this.queueNamed(type);
    if (!queue) {
      const known = (await this.creatableQueues()).map((q) => typeId(q.Name));
      throw use === 'view' ? rtErrors.typeNotFound(type, known) : rtErrors.unknownType(type, known);
    }
    return this.queueForm(queue.id);
  }

  private async queueNamed(type: string): Promise<RtQueueItem | undefined> {
    const wanted = type.trim().toLowerCase();
    const queues = await this.creatableQueues();
    return queues.find((q) => typeId(q.Name) === wanted) ?? queues.find((q) => q.Name.toLowerCase() === wanted);
  }

  private queueForm(id: string): Promise<QueueForm> {
    let form = this.forms.get(id);
    if (!form) {
      form = (async () => {
        const queue = await this.call<RtQueue>('GET', `/queue/${id}`);
        const definitions = await this.customFieldDefinitions((queue.TicketCustomFields ?? []).map((cf) => String(cf.id)));
        return queueForm(queue, definitions);
      })();
      this.forms.set(id, form);
    }
    return form;
  }

  /** The custom fields' definitions: one search for all of them, then each select list for its values. */
  private async customFieldDefinitions(ids: string[]): Promise<Map<string, RtCustomField>> {
    const missing = ids.filter((id) => !this.customFields.has(id));
    if (missing.length) {
      const found = this.collect<RtCustomField>('/customfields', {
        query: JSON.stringify([{ field: 'id', operator: 'IN', value: missing.map(Number) }]),
        fields: 'Name,Type,MaxValues,Pattern,Description,EntryHint,LookupType,Disabled',
      });
      for (const id of missing)
        this.customFields.set(
          id,
          found.then(async (all) => {
            const cf = all.find((c) => String(c.id) === id);
            if (!cf) throw new Error(`custom field ${id} vanished`);
            // a select list's values are only in the field itself
            return cf.Type === 'Select' ? this.call<RtCustomField>('GET', `/customfield/${id}`) : cf;
          }),
        );
    }
    const out = new Map<string, RtCustomField>();
    await Promise.all(
      ids.map(async (id) => {
        const cf = await this.customFields.get(id)!.catch(() => undefined);
        if (cf) out.set(id, cf);
      }),
    );
    return out;
  }

  // ── tickets ────────────────────────────────────────────────────────────────────────────────────────────────

  private async list(q: TicketQuery): Promise<Page<Ticket>> {
    const clauses: string[] = [];
    if (q.status?.length) clauses.push(any(q.status.map((s) => `Status = ${quote(s)}`)));
    if (q.type) clauses.push(`Queue = ${quote((await this.form(q.type, 'filter')).queue.name)}`);
    if (q.category && q.category !== queueCategory.id) throw rtErrors.unknownCategory(q.category, queueCategory.id);
    if (q.establishment) throw rtErrors.noEstablishments();
    if (q.author) clauses.push(`Requestor.EmailAddress = ${quote(q.author)}`);
    if (q.mine) clauses.push(`Requestor.id = '__CurrentUser__'`);
    if (q.search) clauses.push(...keywords(q.search));
    if (q.since) {
      const since = sinceTime(q.since);
      if (since) clauses.push(`LastUpdated >= ${quote(since)}`);
    }
    // the page size rides in the cursor: the next page must be cut the same way
    const [page, perPage] = q.cursor ? q.cursor.split(':').map(Number) : [1, Math.min(q.limit ?? 30, MAX_PAGE)];
    const res = await this.call<RtPage<RtTicket>>('GET', '/tickets', {
      query: {
        // RT answers nothing to an empty query
        query: clauses.length ? all(clauses) : 'id > 0',
        ...TICKET_FIELDS,
        orderby: ['LastUpdated', 'id'],
        order: ['DESC', 'DESC'],
        page: page!,
        per_page: perPage!,
      },
    });
    // customers get no total (RT will not count what they may not see): a full page may have a next one
    const more = res.total === null ? res.count === res.per_page : res.page * res.per_page < res.total;
    return { items: res.items.map((t) => this.toTicket(t)), nextCursor: more ? `${res.page + 1}:${res.per_page}` : null };
  }

  /** One ticket as a search finds it; RT hides a ticket the user may not see (and a deleted one) from searches. */
  private async ticket(ref: TicketRef): Promise<RtTicket> {
    const page = await this.call<RtPage<RtTicket>>('GET', '/tickets', { query: { query: `id = ${idOf(ref)}`, ...TICKET_FIELDS } });
    const found = page.items[0];
    if (!found) throw rtErrors.ticketNotFound(ref);
    this.seen.set(ref, found);
    return found;
  }

  private async view(ref: TicketRef): Promise<TicketWithMessages> {
    const id = idOf(ref);
    const [ticket, history, bodies, files, caller] = await Promise.all([
      this.ticket(ref),
      // customers never get internal comments; support does: only what the customer sees is a message
      this.collect<RtTransaction>(`/ticket/${id}/history`, {
        query: JSON.stringify([
          { field: 'Type', value: 'Create' },
          { field: 'Type', value: 'Correspond' },
        ]),
        fields: 'Type,Creator,Created',
        'fields[Creator]': 'Name,EmailAddress,RealName',
      }),
      this.collect<RtAttachmentPart>(`/ticket/${id}/attachments`, {
        query: JSON.stringify([
          { field: 'Filename', operator: 'IS', value: 'NULL' },
          { field: 'ContentType', operator: 'LIKE', value: 'text/' },
        ]),
        fields: 'TransactionId,ContentType,Content',
      }),
      this.collect<RtAttachmentPart>(`/ticket/${id}/attachments`, {
        query: JSON.stringify([{ field: 'Filename', operator: 'IS NOT', value: 'NULL' }]),
        fields: 'TransactionId,ContentType,Filename,ContentLength',
      }),
      this.whoAmI(),
    ]);
    const customers = new Set([...(ticket.Requestor ?? []), ...(ticket.Cc ?? [])].map((p) => nameOf(p)));
    if (!caller.staff) customers.add(caller.user.Name.toLowerCase());
    const messages: Message[] = [];
    for (const txn of history) {
      const author = txn.Creator;
      messages.push({
        id: Number(txn.id),
        author: { ...person(author), role: await this.roleOf(author, customers, caller) },
        unread: false,
        body: bodyOf(bodies.filter((p) => p.TransactionId === txn.id)),
        createdAt: txn.Created,
        attachments: files
          .filter((p) => p.TransactionId === txn.id && p.Filename)
          .map((p) => ({ id: p.id, name: p.Filename!, size: Number(p.ContentLength ?? 0), contentType: p.ContentType })),
      });
    }
    return { ...this.toTicket(ticket, messages.length), messages };
  }

  /**
   * Who wrote a message. Requestors and Cc are the customer's side, and so is the caller when he is one; support
   * sees everyone's RT "privileged" flag, but a customer cannot: to him, anyone else who writes is support.
   */
  private async roleOf(author: RtPerson, customers: Set<string>, caller: Caller): Promise<AuthorRole> {
    const name = nameOf(author);
    if (customers.has(name)) return 'customer';
    if (!caller.staff) return 'agent';
    let staff = this.staff.get(name);
    if (!staff) {
      staff = this.call<RtUser>('GET', `/user/${encodeURIComponent(author.Name ?? author.id)}`).then(isStaff, () => true);
      this.staff.set(name, staff);
    }
    return (await staff) ? 'agent' : 'customer';
  }

  private async create(t: NewTicket, opts: WriteOptions = {}): Promise<Created<Ticket>> {
    const form = await this.form(t.type, 'create');
    const problems = requestProblems(form.type, { ...t.fields, ...(t.attachments?.length ? { attachments: t.attachments } : {}) });
    if (problems.length) throw fieldsError(problems, 'cannot file the request');
    if (t.establishment) throw rtErrors.noEstablishments();
    const key = opts.idempotencyKey;
    if (key && !opts.freshKey && !form.ticketKey) throw rtErrors.keysUnavailable(form.queue.name, 'ticket');
    const { user } = await this.whoAmI();
    const subject = String(t.fields.summary ?? '');
    const body: RtNewTicket = {
      Queue: form.queue.name,
      Subject: subject,
      // REST2 does not make the caller the requestor, and without it a customer cannot see his own ticket
      Requestor: user.EmailAddress || user.Name,
      Content: String(t.fields.description ?? ''),
      ContentType: 'text/plain',
      CustomFields: { ...toCustomFields(form, t.fields), ...(key && form.ticketKey ? { [KEY_FIELD]: key } : {}) },
      ...(t.attachments?.length ? { Attachments: await this.files(t.attachments) } : {}),
      // RT links it only when the user may modify both tickets (support); customers get the subject's mention
      ...(t.followUpOf !== undefined ? { RefersTo: String(idOf(t.followUpOf)) } : {}),
    };
    const since = this.serverNow() - 2000;
    const { result, replayed } = await once<RtTicket>(this.retrySettings, {
      what: 'ticket',
      key: key ?? '',
      check: 'tix ticket list --mine --limit 5',
      // a key the user gave may have filed a ticket in an earlier run; a key made for this command cannot have
      lookFirst: Boolean(key && !opts.freshKey),
      send: () => this.http.raw('POST', '/ticket', { body }),
      find: () => this.findTicket(form, subject, key && form.ticketKey ? key : undefined, since),
      done: async (res) => this.ticket(String((JSON.parse(res.body.toString('utf8')) as { id: string }).id)),
      fail: (res) => this.error('POST', res, { queue: form.queue.name }),
    });
    return { item: this.toTicket(result), replayed };
  }

  /**
   * What an earlier attempt of this create filed: the ticket carrying its key (another request under that key
   * is a conflict); in a queue without the key field, a ticket of the caller in that queue with that subject,
   * filed since the first attempt.
   */
  private async findTicket(form: QueueForm, subject: string, key: string | undefined, since: number): Promise<RtTicket | undefined> {
    const query = key
      ? `${customField(KEY_FIELD)} = ${quote(key)}`
      : all([
          `Requestor.id = '__CurrentUser__'`,
          `Queue = ${quote(form.queue.name)}`,
          `Subject = ${quote(subject)}`,
          `Created >= ${quote(rtTime(new Date(since)))}`,
        ]);
    const page = await this.call<RtPage<RtTicket>>('GET', '/tickets', {
      query: { query, ...TICKET_FIELDS, orderby: 'id', order: 'ASC' },
    });
    const found = page.items[0];
    if (found && key && (found.Queue.Name !== form.queue.name || found.Subject !== subject))
      throw rtErrors.idempotencyConflict(key, found.id, 'ticket');
    return found;
  }

  private async reply(ref: TicketRef, r: NewReply, opts: WriteOptions = {}): Promise<Created<Message> & { ticket: Ticket }> {
    const id = idOf(ref);
    const ticket = this.seen.get(ref) ?? (await this.ticket(ref));
    const queue = await this.queueForm(ticket.Queue.id).catch(() => undefined);
    const replyKey = queue?.replyKey ?? false;
    const key = opts.idempotencyKey;
    if (key && !opts.freshKey && !replyKey) throw rtErrors.keysUnavailable(ticket.Queue.Name ?? ticket.Queue.id, 'reply');
    const closed = !acceptsReplies(this.provider.statuses, { status: ticket.Status, statusCategory: this.category(ticket.Status) });
    const { user } = await this.whoAmI();
    const body: RtNewReply = {
      Content: r.body,
      ContentType: 'text/plain',
      ...(r.attachments?.length ? { Attachments: await this.files(r.attachments) } : {}),
      ...(key && replyKey ? { TxnCustomFields: { [KEY_FIELD]: key } } : {}),
    };
    const since = this.serverNow() - 2000;
    const find = () => this.findReply(id, r.body, key && replyKey ? key : undefined, user.Name, since);
    // RT would take a reply on a rejected ticket and reopen it: tix refuses, unless the reply is already there
    if (closed) {
      if (key && !opts.freshKey && (await find())) return this.replyResult(id, (await find())!, true);
      throw rtErrors.closed(ref);
    }
    const { result, replayed } = await once<string>(this.retrySettings, {
      what: 'reply',
      key: key ?? '',
      check: `tix ticket view ${ref}`,
      lookFirst: Boolean(key && !opts.freshKey),
      send: () => this.http.raw('POST', `/ticket/${id}/correspond`, { body }),
      find,
      done: async (res) => transactionOf(res),
      fail: (res) => this.error('POST', res, { ticket: ref, action: 'reply' }),
    });
    return this.replyResult(id, result, replayed);
  }

  /**
   * The reply an earlier attempt posted: the transaction carrying its key (another text under that key is a
   * conflict); without the key field, a reply of the caller with the same text since the first attempt.
   */
  private async findReply(id: number, text: string, key: string | undefined, author: string, since: number): Promise<string | undefined> {
    const query = all([
      `ObjectType = 'RT::Ticket'`,
      `ObjectId = ${id}`,
      `Type = 'Correspond'`,
      ...(key ? [`CF.{${KEY_FIELD}} = ${quote(key)}`] : [`Creator = ${quote(author)}`, `Created >= ${quote(rtTime(new Date(since)))}`]),
    ]);
    const txns = await this.collect<RtTransaction>('/transactions', { query, fields: 'Created' });
    if (txns.length === 0) return undefined;
    const texts = await this.collect<RtAttachmentPart>(`/ticket/${id}/attachments`, {
      query: JSON.stringify([
        { field: 'TransactionId', operator: 'IN', value: txns.map((t) => Number(t.id)) },
        { field: 'Filename', operator: 'IS', value: 'NULL' },
        { field: 'ContentType', operator: 'LIKE', value: 'text/' },
      ]),
      fields: 'TransactionId,ContentType,Content',
    });
    const same = txns.find((t) => sameText(bodyOf(texts.filter((p) => p.TransactionId === t.id)), text));
    if (key && !same) throw rtErrors.idempotencyConflict(key, String(id), 'reply');
    return same?.id;
  }

  private async replyResult(id: number, txn: string, replayed: boolean): Promise<Created<Message> & { ticket: Ticket }> {
    const [ticket, parts, caller] = await Promise.all([
      this.ticket(String(id)),
      this.collect<RtAttachmentPart>(`/transaction/${txn}/attachments`, {
        fields: 'TransactionId,ContentType,Filename,ContentLength,Content,Created',
      }),
      this.whoAmI(),
    ]);
    const texts = parts.filter((p) => !p.Filename && p.ContentType.startsWith('text/'));
    const message: Message = {
      id: Number(txn),
      author: { ...person({ ...caller.user, id: String(caller.user.id) }), role: caller.staff ? 'agent' : 'customer' },
      unread: false,
      body: bodyOf(texts),
      createdAt: parts[0]?.Created ?? new Date().toISOString(),
      attachments: parts
        .filter((p) => p.Filename)
        .map((p) => ({ id: p.id, name: p.Filename!, size: Number(p.ContentLength ?? 0), contentType: p.ContentType })),
    };
    return { item: message, ticket: this.toTicket(ticket), replayed };
  }

  private async changeStatus(ref: TicketRef, action: StatusAction): Promise<Ticket> {
    const wanted = targetStatus[action];
    // RT answers 200 to a refused change, and says why among its messages
    const res = await this.http.raw('PUT', `/ticket/${idOf(ref)}`, {
      body: { Status: wanted },
      checkHint: `check with: tix ticket view ${ref}`,
    });
    if (res.status >= 300) throw this.error('PUT', res, { ticket: ref });
    const said = rtMessages(res);
    if (said.some((m) => /Permission Denied/i.test(m))) throw rtErrors.permissionDenied(action, ref, res.status);
    const changed = said.some((m) => /Status changed|already the current value/i.test(m));
    // RT says nothing at all when the ticket already has that status
    if (!changed && said.length === 0) {
      const current = await this.ticket(ref);
      if (current.Status === wanted) return this.toTicket(current);
    }
    if (!changed) {
      const refusal = said.find((m) => /status/i.test(m));
      throw refusal
        ? rtErrors.statusRefused(ref, wanted, refusal.replace(/^Ticket \d+: /, ''))
        : rtErrors.unexpected(`${action} ticket ${this.provider.showRef(ref)}`, said);
    }
    return this.toTicket(await this.ticket(ref));
  }

  private async upload(name: string, data: Uint8Array): Promise<Attachment> {
    const { sniffContentType } = await import('../../core/filenames.ts');
    const attachment: Attachment = {
      id: `pending-${this.pending.size + 1}`,
      name,
      size: data.byteLength,
      contentType: await sniffContentType(data),
    };
    this.pending.set(attachment.id, { attachment, data });
    return attachment;
  }

  private async files(ids: string[]): Promise<Array<{ FileName: string; FileType: string; FileContent: string }>> {
    return ids.map((id) => {
      const file = this.pending.get(id);
      if (!file) throw new TixError(1, `no file ${id} waiting to be sent`);
      return {
        FileName: file.attachment.name,
        FileType: file.attachment.contentType,
        FileContent: Buffer.from(file.data).toString('base64'),
      };
    });
  }

  private async download(ref: TicketRef, attachmentId: string): Promise<Download> {
    if (!/^\d+$/.test(attachmentId)) throw rtErrors.attachmentNotFound(ref, attachmentId);
    const a = await this.call<RtAttachment>('GET', `/attachment/${attachmentId}`, {}, { attachment: { ref, id: attachmentId } });
    return {
      name: a.Filename || `attachment-${attachmentId}`,
      contentType: a.ContentType,
      data: Buffer.from(a.Content ?? '', 'base64'),
    };
  }

  // ── mapping ────────────────────────────────────────────────────────────────────────────────────────────────

  private category(status: string): Ticket['statusCategory'] {
    // a status of a lifecycle tix does not know counts as support's turn
    return this.provider.statuses.find((s) => s.name === status)?.category ?? 'open';
  }

  private toTicket(t: RtTicket, messageCount = 0): Ticket {
    const statusCategory = this.category(t.Status);
    const creator = person(t.Creator);
    const requestor = t.Requestor?.[0];
    const onBehalf = requestor && nameOf(requestor) !== nameOf(t.Creator) ? person(requestor) : undefined;
    return {
      id: Number(t.id),
      ref: String(t.id),
      status: t.Status,
      statusCategory,
      type: typeId(t.Queue.Name ?? t.Queue.id),
      category: queueCategory.id,
      summary: t.Subject,
      establishment: null,
      createdBy: creator,
      onBehalfOf: onBehalf ? { email: onBehalf.email, name: onBehalf.name } : null,
      createdAt: t.Created,
      updatedAt: t.LastUpdated,
      // a closed (rejected, deleted) RT ticket changes no more: its last update is when it closed; RT closes nothing by itself
      closedAt: statusCategory === 'closed' ? t.LastUpdated : null,
      autoClosed: false,
      // RT keeps no read state
      unread: 0,
      // counted when the conversation is read (view); a search does not count transactions
      messageCount,
      fields: fromCustomFields(t.CustomFields),
      followUpOf: referredTicket(t.RefersTo),
      url: `${this.server}/Ticket/Display.html?id=${t.id}`,
    };
  }

  // ── HTTP ───────────────────────────────────────────────────────────────────────────────────────────────────

  private async call<T>(method: string, path: string, opts: RequestOptions = {}, context: ErrorContext = {}): Promise<T> {
    const res = await this.http.raw(method, path, opts);
    this.noteClock(res);
    if (res.status >= 300) throw this.error(method, res, context);
    return JSON.parse(res.body.toString('utf8')) as T;
  }

  /** Every page of a collection (REST2 gives no next page to customers: a full page may have one). */
  private async collect<T>(path: string, query: Query): Promise<T[]> {
    const items: T[] = [];
    for (let page = 1; page <= 50; page++) {
      const res = await this.call<RtPage<T>>('GET', path, { query: { ...query, page, per_page: MAX_PAGE } });
      items.push(...res.items);
      if (res.count < res.per_page || (res.total !== null && page * res.per_page >= res.total)) break;
    }
    return items;
  }

  /** RT's answer as tix's error, in tix's words (errors.ts). */
  private error(method: string, res: RawResponse, context: ErrorContext, http = this.http): TixError {
    const said = rtMessages(res);
    if (res.status === 401) return rtErrors.credentialsRefused(res.status);
    if (!isRtAnswer(res) && (res.status === 404 || res.status === 405)) return rtErrors.notRest2(http.base, res.status);
    if (context.ticket && (res.status === 403 || res.status === 404)) return rtErrors.ticketNotFound(context.ticket, res.status);
    if (context.attachment && (res.status === 403 || res.status === 404))
      return rtErrors.attachmentNotFound(context.attachment.ref, context.attachment.id, res.status);
    if (context.ticket && context.action && said.some((m) => /Permission Denied/i.test(m)))
      return rtErrors.permissionDenied(context.action, context.ticket, res.status);
    if (context.queue && res.status === 403) return rtErrors.createRefused(context.queue, res.status);
    return http.errorFor(method, res);
  }

  private noteClock(res: RawResponse): void {
    const date = Date.parse(String(res.headers.date ?? ''));
    if (!Number.isNaN(date)) this.clock = { server: date, local: Date.now() };
  }

  /** RT's time now, as well as its last answer tells (to the second); this machine's when RT has not answered yet. */
  private serverNow(): number {
    return this.clock ? this.clock.server + (Date.now() - this.clock.local) : Date.now();
  }
}

interface ErrorContext {
  ticket?: TicketRef;
  action?: 'reply';
  queue?: string;
  attachment?: { ref: TicketRef; id: string };
}

/** A reference of Request Tracker is a ticket number (info.parseRef checked it before anything was sent). */
function idOf(ref: TicketRef): number {
  const n = Number(ref);
  if (!Number.isSafeInteger(n) || n <= 0) throw rtErrors.ticketNotFound(ref);
  return n;
}

function isStaff(user: RtUser): boolean {
  return String(user.Privileged ?? '0') === '1';
}

function nameOf(p: RtPerson): string {
  return (p.Name ?? p.id).toLowerCase();
}

function person(p: RtPerson): Person {
  const name = p.Name ?? p.id;
  return { email: p.EmailAddress || name, name: p.RealName || name };
}

/** The text of a message: its plain-text parts (or its HTML one, as text). */
function bodyOf(parts: RtAttachmentPart[]): string {
  const plain = parts.filter((p) => p.ContentType.startsWith('text/plain')).map((p) => p.Content ?? '');
  if (plain.length) return plain.join('\n\n').replace(/\s+$/, '');
  const html = parts.find((p) => p.ContentType.startsWith('text/html'))?.Content;
  return html ? htmlText(html) : '';
}

function htmlText(html: string): string {
  return html
    .replace(/<(br|\/p|\/div|\/li)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** RT keeps a message as sent, but line ends and trailing space may differ. */
function sameText(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\r\n/g, '\n').replace(/\s+$/, '');
  return norm(a) === norm(b);
}

/** The reply's transaction, from `Location: /rt/REST/2.0/transaction/123`. */
function transactionOf(res: RawResponse): string {
  const m = /\/transaction\/(\d+)$/.exec(String(res.headers.location ?? ''));
  if (!m) throw rtErrors.unexpected('say which reply it recorded', rtMessages(res));
  return m[1]!;
}

/** "fsck.com-rt://example.com/ticket/41" → "41" */
function referredTicket(links: RtTicket['RefersTo']): string | null {
  for (const link of [links ?? []].flat()) {
    const m = /\/ticket\/(\d+)$/.exec(String(link));
    if (m) return m[1]!;
  }
  return null;
}
