import { createHash } from 'node:crypto';
import type { FieldProblem } from '../../core/errors.ts';
import type { Created, InboxGrouping, NewReply, Page, ReadResult } from '../../api/types.ts';
import { findType, MAX_ATTACHMENTS, requestProblems, withDefaults, type Catalog, type FieldValues } from '../../core/catalog.ts';
import { siretProblem } from '../../core/identifiers.ts';
import { activeStatuses, statusAfterAction, statusAfterReply, statuses, type Status } from '../../core/lifecycle.ts';
import type { Actor } from '../../core/roles.ts';
import type { StatusAction } from '../../core/status.ts';
import type {
  WireMessage as Message,
  WireNewTicket as NewTicket,
  WireTicket as Ticket,
  WireTicketQuery as TicketQuery,
  WireTicketWithMessages as TicketWithMessages,
  WireInbox,
  WireInboxGroup,
} from '../../providers/tix/wire.ts';
import { ApiError, conflict, forbidden, invalid, notFound } from '../errors.ts';
import type { EstablishmentRow, MessageRecord, PendingUpload, Store, TicketFilter, TicketRecord } from '../store/store.ts';
import { canAccessEstablishment, requireMessageAccess, requireScope, type Clock, type Principal } from './principal.ts';

export interface TicketOptions {
  /** resolved tickets close by themselves after this long */
  autoCloseMs: number;
}

export const defaultTicketOptions: TicketOptions = { autoCloseMs: 7 * 86_400_000 };

/** the largest page of tickets: `ticket list --all` reads in pages this big */
const MAX_PAGE = 1000;
const MAX_BODY = 20000;

/** Ticket rules: who sees what (seed 000), what each type's form needs (seed 004), the status lifecycle. */
export class TicketService {
  private readonly store: Store;
  private readonly clock: Clock;
  private readonly catalog: () => Catalog;
  private readonly options: TicketOptions;
  /** told after a change that wrote a notification event (the notifier sends it then, outside the request) */
  private readonly changed: () => void;

  constructor(
    store: Store,
    clock: Clock,
    catalog: () => Catalog,
    options: TicketOptions = defaultTicketOptions,
    changed: () => void = () => {},
  ) {
    this.store = store;
    this.clock = clock;
    this.catalog = catalog;
    this.options = options;
    this.changed = changed;
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  /**
   * Background work (see background.ts): closes resolved tickets whose delay has passed, a batch at a time, and
   * returns their ids. Every instance runs it; the store gives each ticket to one of them.
   */
  async closeDue(batch = 500): Promise<number[]> {
    const now = this.clock.now();
    const cutoff = new Date(now.getTime() - this.options.autoCloseMs).toISOString();
    return this.store.tickets.closeResolvedBefore(cutoff, now.toISOString(), batch);
  }

  /** The ticket when this user may see it; otherwise the very same 404 as a ticket that does not exist. */
  private async visible(p: Principal, id: number): Promise<TicketRecord> {
    const t = await this.store.tickets.getTicket(id, p.user.id);
    if (!t || !canAccessEstablishment(p, t.establishmentId)) throw notFound(`no ticket #${id}`);
    return t;
  }

  private async visibleEstablishments(p: Principal): Promise<EstablishmentRow[]> {
    return p.role === 'agent' ? this.store.identity.allEstablishments() : this.store.identity.establishmentsByIds([...p.adminOf]);
  }

  async list(p: Principal, q: TicketQuery, baseUrl: string): Promise<Page<Ticket>> {
    requireMessageAccess(p);
    requireScope(p, 'tickets:read');
    const filter = await this.filterFor(p, q);
    if (!filter) return { items: [], nextCursor: null };
    const rows = await this.store.tickets.listTickets(filter);
    const page = rows.slice(0, filter.limit - 1);
    const last = page.at(-1);
    return {
      items: page.map((t) => toTicket(t, baseUrl)),
      nextCursor: rows.length >= filter.limit && last ? encodeCursor(last.updatedAt, last.id) : null,
    };
  }

  /**
   * The inbox counted by the server: tickets with unread messages and their unread messages, in all and per
   * group, with the newest `limit` tickets of each group and the cursor that lists the rest.
   */
  async inbox(p: Principal, q: { by?: InboxGrouping; limit?: number }, baseUrl: string): Promise<WireInbox> {
    requireMessageAccess(p);
    requireScope(p, 'tickets:read');
    const limit = q.limit ?? (q.by ? 10 : 30);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw invalid([{ field: 'limit', message: `from 1 to ${MAX_PAGE}` }]);
    const record = await this.store.tickets.inbox({
      viewerId: p.user.id,
      visible: p.role === 'agent' ? 'all' : [...p.adminOf],
      by: q.by,
      limit,
    });
    const rest = (items: TicketRecord[], tickets: number) => {
      const last = items.at(-1);
      return last && items.length < tickets ? encodeCursor(last.updatedAt, last.id) : null;
    };
    if (!q.by) {
      const all = record.groups[0];
      return {
        total: record.total,
        items: (all?.items ?? []).map((t) => toTicket(t, baseUrl)),
        nextCursor: all ? rest(all.items, all.tickets) : null,
      };
    }
    const establishments = new Map((await this.visibleEstablishments(p)).map((e) => [e.id, e]));
    const groups: WireInboxGroup[] = record.groups.map((g) => {
      const establishment = q.by === 'establishment' ? establishments.get(Number(g.key)) : undefined;
      return {
        key: establishment?.siret ?? String(g.key),
        name: establishment?.name ?? String(g.key),
        tickets: g.tickets,
        messages: g.messages,
        items: g.items.map((t) => toTicket(t, baseUrl)),
        nextCursor: rest(g.items, g.tickets),
      };
    });
    // busiest group first
    groups.sort((a, b) => b.messages - a.messages || a.name.localeCompare(b.name));
    return { total: record.total, items: [], nextCursor: null, groups };
  }

  /** Marks read every message of the tickets matching the filters; says how many tickets and messages. */
  async readAll(p: Principal, q: TicketQuery): Promise<ReadResult> {
    requireMessageAccess(p);
    requireScope(p, 'tickets:read');
    const filter = await this.filterFor(p, { ...q, limit: MAX_PAGE, cursor: undefined, unread: true });
    if (!filter) return { tickets: 0, messages: 0 };
    const ids: number[] = [];
    for (let before: TicketFilter['before']; ; ) {
      const rows = await this.store.tickets.listTickets({ ...filter, before, limit: 1000 });
      ids.push(...rows.map((r) => r.id));
      if (rows.length < 1000) break;
      before = { updatedAt: rows.at(-1)!.updatedAt, id: rows.at(-1)!.id };
    }
    return { tickets: ids.length, messages: await this.store.reads.markTicketsRead(p.user.id, ids) };
  }

  /** The store filter for a query: checked field by field (422), undefined when it can match nothing. */
  private async filterFor(p: Principal, q: TicketQuery): Promise<TicketFilter | undefined> {
    const problems: FieldProblem[] = [];
    const bad = (field: string, message: string) => problems.push({ field, message });
    for (const s of q.status ?? [])
      if (!(statuses as readonly string[]).includes(s)) bad('status', `unknown status "${s}"; one of ${statuses.join(', ')}`);
    const catalog = this.catalog();
    if (q.type && !findType(catalog, q.type)) bad('type', `unknown type "${q.type}"; see GET /request-types`);
    if (q.category && !catalog.categories.some((c) => c.id === q.category))
      bad('category', `unknown category "${q.category}"; one of ${catalog.categories.map((c) => c.id).join(', ')}`);
    let since: string | undefined;
    if (q.since) {
      const at = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(q.since) ? `${q.since}T00:00:00Z` : q.since);
      if (Number.isNaN(at)) bad('since', 'expected a date (YYYY-MM-DD) or an RFC 3339 time');
      else since = new Date(at).toISOString();
    }
    // a mistyped SIRET says so, rather than "not among yours"
    const siretTypo = q.establishment === undefined ? undefined : siretProblem(q.establishment);
    if (siretTypo) bad('establishment', `${q.establishment}: ${siretTypo}`);
    const limit = q.limit ?? 30;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) bad('limit', `from 1 to ${MAX_PAGE}`);
    let before: { updatedAt: string; id: number } | undefined;
    if (q.cursor) {
      before = decodeCursor(q.cursor);
      if (!before) bad('cursor', 'not a cursor this server gave out');
    }
    if (problems.length) throw invalid(problems);

    const visible: TicketFilter['visible'] = p.role === 'agent' ? 'all' : [...p.adminOf];
    let establishmentId: number | undefined;
    if (q.establishment) {
      const est = (await this.visibleEstablishments(p)).find((e) => e.siret === q.establishment);
      if (!est) throw notFound(`no establishment ${q.establishment} among yours`);
      establishmentId = est.id;
    }
    let authorId: number | undefined;
    if (q.mine) authorId = p.user.id;
    else if (q.author) {
      // an unknown author simply matches nothing
      authorId = (await this.store.identity.findUserByEmail(q.author))?.id ?? -1;
    }
    return {
      viewerId: p.user.id,
      visible,
      statuses: q.status as Status[] | undefined,
      type: q.type,
      category: q.category,
      establishmentId,
      authorId,
      search: q.search,
      since,
      unreadOnly: q.unread,
      before,
      // one more than asked: its presence says there is a next page
      limit: limit + 1,
    };
  }

  /**
   * A ticket and its conversation. With `markRead: 'auto'` (what `tix ticket view` asks for) the company's
   * mark-read setting applies: on-open marks what is shown as read. The answer shows the state as found.
   */
  async get(p: Principal, id: number, baseUrl: string, markRead: 'auto' | 'never' = 'never'): Promise<TicketWithMessages> {
    requireMessageAccess(p);
    requireScope(p, 'tickets:read');
    const t = await this.visible(p, id);
    const [messages, followUps] = await Promise.all([this.store.tickets.ticketMessages(id, p.user.id), this.store.tickets.followUpsOf(id)]);
    if (markRead === 'auto' && t.markRead === 'on-open' && t.unread > 0)
      await this.store.reads.markRead(p.user.id, id, messages.at(-1)?.id);
    return {
      ...toTicket(t, baseUrl),
      // the tickets that follow this one up, those this user may see (a closed ticket's way on)
      followUps: followUps.filter((f) => canAccessEstablishment(p, f.establishmentId)).map((f) => f.id),
      messages: messages.map(toMessage),
    };
  }

  async create(
    p: Principal,
    input: NewTicket,
    idempotencyKey: string | undefined,
    baseUrl: string,
  ): Promise<Created<Ticket> & { deduplicated: boolean }> {
    requireMessageAccess(p);
    requireScope(p, 'tickets:write');
    const catalog = this.catalog();
    const type = findType(catalog, input.type);
    if (!type)
      throw invalid([
        { field: 'type', message: `unknown request type "${input.type}"; one of ${catalog.types.map((t) => t.id).join(', ')}` },
      ]);

    let followUp: TicketRecord | undefined;
    if (input.followUpOf !== undefined) {
      followUp = await this.store.tickets.getTicket(input.followUpOf, p.user.id);
      if (!followUp || !canAccessEstablishment(p, followUp.establishmentId))
        throw invalid([{ field: 'followUpOf', message: `no ticket #${input.followUpOf} among yours` }]);
      if (followUp.status !== 'closed') {
        throw invalid([
          {
            field: 'followUpOf',
            message: `#${followUp.id} is ${followUp.status}, not closed: reply there instead (tix ticket reply ${followUp.id})`,
          },
        ]);
      }
    }
    const establishment = await this.establishmentFor(p, input.establishment, followUp);

    if (input.fields.attachments !== undefined)
      throw invalid([{ field: 'fields.attachments', message: 'attachments are upload ids in "attachments", not a form value' }]);
    const uploads = await this.uploads(p, input.attachments ?? []);
    const fields = withDefaults(type, input.fields);
    const problems = requestProblems(
      type,
      { ...fields, ...(uploads.length ? { attachments: uploads.map((u) => u.publicId) } : {}) },
      {
        now: this.clock.now(),
        how: (f) => (f.kind === 'attachments' ? 'upload a file and list its id in "attachments"' : `set fields.${f.id}`),
      },
    );
    if (problems.length) throw invalid(problems);

    const { summary, description, onBehalfOf, ...extra } = fields;
    const at = this.now();
    const result = await this.store.tickets.createTicket({
      establishmentId: establishment.id,
      createdById: p.user.id,
      onBehalfOf: typeof onBehalfOf === 'string' && onBehalfOf.toLowerCase() !== p.user.email ? onBehalfOf.toLowerCase() : null,
      type: type.id,
      category: type.category,
      summary: String(summary),
      fields: extra,
      description: String(description),
      uploadIds: uploads.map((u) => u.id),
      followUpOf: followUp?.id ?? null,
      at,
      idempotency: idempotencyKey
        ? {
            key: idempotencyKey,
            fingerprint: fingerprint({
              op: 'create',
              type: type.id,
              establishment: establishment.id,
              fields,
              files: uploads.map((u) => u.sha256),
              followUpOf: followUp?.id ?? null,
              dedupe: Boolean(input.dedupe),
            }),
          }
        : undefined,
      dedupe: input.dedupe
        ? {
            among: activeStatuses,
            replyStatus: (current) => statusAfterReply(current, p.role === 'agent' ? 'agent' : 'customer') ?? { refused: 'closed' },
          }
        : undefined,
    });
    if ('conflict' in result) throw idempotencyConflict(idempotencyKey!, result.ticketId);
    if ('refused' in result) throw invalid([{ field: 'attachments', message: result.refused }]);
    if (!result.replayed) this.changed();
    const ticket = await this.store.tickets.getTicket(result.ticketId, p.user.id);
    return { item: toTicket(ticket!, baseUrl), replayed: result.replayed, deduplicated: Boolean(result.deduplicated) };
  }

  private async establishmentFor(p: Principal, siret: string | undefined, followUp: TicketRecord | undefined): Promise<EstablishmentRow> {
    const mine = await this.visibleEstablishments(p);
    if (siret) {
      const est = mine.find((e) => e.siret === siret);
      // the same answer whether it exists elsewhere or not at all; a mistyped SIRET says so
      const typo = est ? undefined : siretProblem(siret);
      if (!est)
        throw invalid([{ field: 'establishment', message: typo ? `${siret}: ${typo}` : `${siret} is not one of your establishments` }]);
      return est;
    }
    if (followUp) return mine.find((e) => e.id === followUp.establishmentId)!;
    if (p.role !== 'agent' && mine.length === 1) return mine[0]!;
    throw invalid([
      {
        field: 'establishment',
        message: `is required: give the SIRET of one of ${mine
          .slice(0, 5)
          .map((e) => `${e.siret} (${e.name})`)
          .join(', ')}${mine.length > 5 ? ', …' : ''}`,
      },
    ]);
  }

  /** Uploads named by a request: they must exist, be the caller's, and not be attached elsewhere yet. */
  private async uploads(p: Principal, ids: string[]): Promise<PendingUpload[]> {
    if (ids.length > MAX_ATTACHMENTS) throw invalid([{ field: 'attachments', message: `at most ${MAX_ATTACHMENTS} files per message` }]);
    const unique = [...new Set(ids)];
    const found = await this.store.uploads.uploadsByPublicId(unique);
    const problems = unique.filter((id) => {
      const u = found.find((f) => f.publicId === id);
      return !u || u.userId !== p.user.id || u.messageId !== null;
    });
    if (problems.length)
      throw invalid([{ field: 'attachments', message: `unknown or already used upload ${problems.join(', ')}; upload the file again` }]);
    return unique.map((id) => found.find((f) => f.publicId === id)!);
  }

  async reply(
    p: Principal,
    id: number,
    input: NewReply,
    idempotencyKey: string | undefined,
    baseUrl: string,
  ): Promise<Created<Message> & { ticket: Ticket }> {
    requireMessageAccess(p);
    requireScope(p, 'tickets:write');
    await this.visible(p, id);
    const body = input.body.replace(/\s+$/, '');
    if (body.trim() === '') throw invalid([{ field: 'body', message: 'a reply needs some text' }]);
    if (body.length > MAX_BODY) throw invalid([{ field: 'body', message: `at most ${MAX_BODY} characters (got ${body.length})` }]);
    const uploads = await this.uploads(p, input.attachments ?? []);
    const actor: Actor = p.role === 'agent' ? 'agent' : 'customer';
    const result = await this.store.tickets.addMessage({
      ticketId: id,
      authorId: p.user.id,
      body,
      uploadIds: uploads.map((u) => u.id),
      at: this.now(),
      idempotency: idempotencyKey
        ? { key: idempotencyKey, fingerprint: fingerprint({ op: 'reply', ticket: id, body, files: uploads.map((u) => u.sha256) }) }
        : undefined,
      nextStatus: (current) => statusAfterReply(current, actor) ?? { refused: 'closed' },
    });
    if ('conflict' in result) throw idempotencyConflict(idempotencyKey!, result.ticketId);
    if ('refused' in result) {
      if (result.refused === 'closed') throw closedTicket(id);
      throw invalid([{ field: 'attachments', message: result.refused }]);
    }
    if (!result.replayed) this.changed();
    const messages = await this.store.tickets.ticketMessages(id, p.user.id);
    const ticket = await this.store.tickets.getTicket(id, p.user.id);
    return {
      item: toMessage(messages.find((m) => m.id === result.messageId)!),
      replayed: result.replayed,
      ticket: toTicket(ticket!, baseUrl),
    };
  }

  async act(p: Principal, id: number, action: StatusAction, baseUrl: string): Promise<Ticket> {
    requireMessageAccess(p);
    requireScope(p, 'tickets:write');
    await this.visible(p, id);
    const actor: Actor = p.role === 'agent' ? 'agent' : 'customer';
    let refusal: { refused: 'forbidden' | 'state'; reason: string } | undefined;
    const result = await this.store.tickets.changeStatus(
      id,
      (current) => {
        const next = statusAfterAction(current, action, actor);
        if ('refused' in next) {
          refusal = next;
          return { refused: next.reason };
        }
        return next.status;
      },
      this.now(),
      p.user.id,
    );
    if ('refused' in result) {
      if (refusal?.refused === 'forbidden') throw forbidden(refusal.reason);
      throw conflict('invalid_state', `cannot ${action} ticket #${id}: ${result.refused}`);
    }
    this.changed();
    return toTicket((await this.store.tickets.getTicket(id, p.user.id))!, baseUrl);
  }

  /** An attachment of a ticket the user may see. */
  async attachment(p: Principal, id: number, attachmentId: string) {
    requireMessageAccess(p);
    requireScope(p, 'tickets:read');
    await this.visible(p, id);
    const file = await this.store.uploads.attachmentData(id, attachmentId);
    if (!file) throw notFound(`no attachment ${attachmentId} on ticket #${id}`);
    return file;
  }

  async markRead(p: Principal, id: number, upToMessageId?: number): Promise<number> {
    requireMessageAccess(p);
    requireScope(p, 'tickets:read');
    await this.visible(p, id);
    return this.store.reads.markRead(p.user.id, id, upToMessageId);
  }

  async markUnread(p: Principal, id: number): Promise<number | undefined> {
    requireMessageAccess(p);
    requireScope(p, 'tickets:read');
    await this.visible(p, id);
    return this.store.reads.markLatestUnread(p.user.id, id);
  }
}

export function closedTicket(id: number): ApiError {
  return conflict(
    'ticket_closed',
    `ticket #${id} is closed and takes no more replies; file a follow-up that links to it: tix ticket create --follow-up ${id}`,
  );
}

function idempotencyConflict(key: string, ticketId: number): ApiError {
  return new ApiError(
    409,
    'idempotency_conflict',
    `the idempotency key "${key}" was already used for a different request (on ticket #${ticketId}); use a new key for a new request`,
    { data: { ticketId } },
  );
}

function fingerprint(value: unknown): string {
  return createHash('sha256')
    .update(
      JSON.stringify(value, (_k, v: unknown) =>
        v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
      ),
    )
    .digest('hex');
}

function encodeCursor(updatedAt: string, id: number): string {
  return Buffer.from(JSON.stringify([updatedAt, id])).toString('base64url');
}

function decodeCursor(cursor: string): { updatedAt: string; id: number } | undefined {
  try {
    const [updatedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof updatedAt === 'string' && typeof id === 'number' && Number.isInteger(id) && !Number.isNaN(Date.parse(updatedAt)))
      return { updatedAt, id };
  } catch {
    /* not ours */
  }
  return undefined;
}

export function toTicket(t: TicketRecord, baseUrl: string): Ticket {
  return {
    id: t.id,
    status: t.status,
    type: t.type,
    category: t.category,
    summary: t.summary,
    establishment: { siret: t.siret, name: t.establishmentName },
    createdBy: { email: t.creatorEmail, name: t.creatorName },
    onBehalfOf: t.onBehalfOf ? { email: t.onBehalfOf, name: t.onBehalfOfName } : null,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    closedAt: t.closedAt,
    autoClosed: t.autoClosed,
    unread: t.unread,
    messageCount: t.messageCount,
    fields: t.fields as FieldValues,
    followUpOf: t.followUpOf,
    // the ticket's page in the web view (src/server/web), which a person can open in a browser
    url: `${baseUrl}/tickets/${t.id}`,
  };
}

function toMessage(m: MessageRecord): Message {
  return {
    id: m.id,
    author: { email: m.authorEmail, name: m.authorName, role: m.authorIsAgent ? 'agent' : 'admin' },
    unread: m.unread,
    body: m.body,
    createdAt: m.createdAt,
    attachments: m.attachments.map((a) => ({
      id: a.publicId,
      name: a.filename,
      size: a.size,
      contentType: a.contentType,
      sha256: a.sha256,
    })),
  };
}
