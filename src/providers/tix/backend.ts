import type {
  Backend,
  ContactsApi,
  Download,
  NotificationsApi,
  OrganisationApi,
  ReadStateApi,
  RequestTypesApi,
  SettingsApi,
  TicketsApi,
  TokensApi,
  WriteOptions,
} from '../../api/backend.ts';
import type { IncomingHttpHeaders } from 'node:http';
import type { HttpClient, RequestOptions } from '../../api/http.ts';
import type { ProviderInfo } from '../../api/provider.ts';
import type {
  Attachment,
  Contact,
  ContactApplyResult,
  CreatedToken,
  Establishment,
  LoginResult,
  Me,
  Message,
  NotificationSettings,
  Page,
  ReadResult,
  ServerInfo,
  Settings,
  Ticket,
  TicketQuery,
  TicketRef,
  TicketSubscription,
  TicketWithMessages,
  TokenInfo,
} from '../../api/types.ts';
import type { Catalog, RequestType } from '../../core/catalog.ts';
import type { Locale } from '../../core/i18n.ts';
import { IdempotencyConflictError, TicketClosedError, type TixError, usageError } from '../../core/errors.ts';
import type { WireInbox, WireMessage, WireNewTicket, WireReply, WireTicket, WireTicketWithMessages } from './wire.ts';

/**
 * The backend served by `tix serve`: a thin mapping of the interface onto its REST API. Tickets gain their
 * reference and status category; tix's wire error codes become domain errors. (Control characters are
 * cleaned by the wrapper every provider goes through, src/api/clean.ts.)
 */
export class TixBackend implements Backend {
  readonly provider: ProviderInfo;
  private readonly http: HttpClient;
  readonly tickets: TicketsApi;
  readonly requestTypes: RequestTypesApi;
  readonly readState: ReadStateApi;
  readonly contacts: ContactsApi;
  readonly tokens: TokensApi;
  readonly settings: SettingsApi;
  readonly organisation: OrganisationApi;
  readonly notifications: NotificationsApi;

  constructor(provider: ProviderInfo, http: HttpClient) {
    this.provider = provider;
    this.http = http;
    const call = <T>(method: string, path: string, opts?: RequestOptions) => this.call<T>(method, path, opts);
    const show = (ref: TicketRef) => provider.showRef(ref);

    this.tickets = {
      list: async (q, opts = {}) => {
        const { onNextCursor } = opts;
        const onHeaders = onNextCursor
          ? (status: number, headers: IncomingHttpHeaders) => {
              const cursor = status === 200 ? nextCursorOf(headers.link) : undefined;
              if (cursor) onNextCursor(cursor);
            }
          : undefined;
        const page = await call<Page<WireTicket>>('GET', '/tickets', { query: { ...q }, onHeaders });
        return { items: page.items.map((t) => toTicket(provider, t)), nextCursor: page.nextCursor };
      },
      view: async (ref, opts = {}) =>
        toTicketWithMessages(
          provider,
          await call<WireTicketWithMessages>('GET', `/tickets/${idOf(ref)}`, { query: { markRead: opts.markRead } }),
        ),
      create: async (ticket, opts = {}) => {
        const { followUpOf, ...rest } = ticket;
        const body: WireNewTicket = { ...rest, ...(followUpOf !== undefined ? { followUpOf: idOf(followUpOf) } : {}) };
        const r = await this.created<WireTicket>('/tickets', body, { ...opts, checkHint: 'check with: tix ticket list --mine --limit 5' });
        return { item: toTicket(provider, r.body), replayed: r.replayed, deduplicated: r.deduplicated };
      },
      reply: async (ref, reply, opts = {}) => {
        const r = await this.created<WireReply>(`/tickets/${idOf(ref)}/messages`, reply, {
          ...opts,
          checkHint: `check with: tix ticket view ${ref}`,
          closed: { shown: show(ref), ref },
        });
        return { item: toMessage(r.body.message), ticket: toTicket(provider, r.body.ticket), replayed: r.replayed };
      },
      changeStatus: async (ref, action) =>
        toTicket(
          provider,
          await call<WireTicket>('POST', `/tickets/${idOf(ref)}/${action}`, { checkHint: `check with: tix ticket view ${ref}` }),
        ),
      // An upload that is lost midway is harmless (an unattached upload is deleted after a day): safe to retry.
      upload: (name, data) =>
        call<Attachment>('POST', '/uploads', { query: { name }, rawBody: data, contentType: 'application/octet-stream', replayable: true }),
      download: async (ref, attachmentId) => {
        const res = await http.raw('GET', `/tickets/${idOf(ref)}/attachments/${encodeURIComponent(attachmentId)}`, {
          headers: { accept: '*/*' },
        });
        if (res.status >= 300) throw http.errorFor('GET', res);
        const disposition = String(res.headers['content-disposition'] ?? '');
        const name = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
        const file: Download = {
          name: name ? decodeURIComponent(name) : attachmentId,
          contentType: String(res.headers['content-type'] ?? 'application/octet-stream'),
          sha256: typeof res.headers['x-sha256'] === 'string' ? res.headers['x-sha256'] : undefined,
          data: res.body,
        };
        return file;
      },
    };

    this.requestTypes = {
      catalog: () => call<Catalog>('GET', '/request-types'),
      requestType: (id) => call<RequestType>('GET', `/request-types/${encodeURIComponent(id)}`),
    };

    this.readState = {
      markRead: async (ref, upTo) =>
        (
          await call<{ marked: number }>('POST', `/tickets/${idOf(ref)}/read`, {
            body: upTo === undefined ? {} : { messageId: Number(upTo) },
            replayable: true,
          })
        ).marked,
      markUnread: async (ref) =>
        (await call<{ messageId: number | null }>('POST', `/tickets/${idOf(ref)}/unread`, { replayable: true })).messageId,
      // marking read twice is harmless: safe to retry
      readAll: (query: TicketQuery) => call<ReadResult>('POST', '/tickets/read', { body: query, replayable: true }),
      inbox: async (q) => {
        const inbox = await call<WireInbox>('GET', '/inbox', { query: { by: q.by, limit: q.limit } });
        const tickets = (items: WireTicket[]) => items.map((t) => toTicket(provider, t));
        return {
          total: inbox.total,
          items: tickets(inbox.items),
          nextCursor: inbox.nextCursor,
          groups: inbox.groups?.map((g) => ({ ...g, items: tickets(g.items) })),
        };
      },
    };

    // Contact writes carry no idempotency key and are not replayed after a lost answer (a second "add" would be
    // refused as a duplicate, a second "remove this address" as unknown): the user is told how to check instead.
    this.contacts = {
      list: async (q) => (await call<Page<Contact>>('GET', '/contacts', { query: { ...q } })).items,
      get: (id) => call<Contact>('GET', `/contacts/${id}`),
      create: (contact) => call<Contact>('POST', '/contacts', { body: contact, checkHint: 'check with: tix contact list' }),
      update: (id, patch) => call<Contact>('PATCH', `/contacts/${id}`, { body: patch, checkHint: 'check with: tix contact list' }),
      remove: (id) => call<void>('DELETE', `/contacts/${id}`, { checkHint: 'check with: tix contact list' }),
      // a dry run changes nothing, so it is as safe to repeat as a read
      apply: (input) =>
        call<ContactApplyResult>('POST', '/contacts/apply', {
          body: input,
          replayable: input.dryRun,
          checkHint: 'check with: tix contact apply --dry-run with the same file',
        }),
    };

    this.tokens = {
      create: (input) => call<CreatedToken>('POST', '/tokens', { body: input, checkHint: 'check with: tix token list' }),
      list: async () => (await call<Page<TokenInfo>>('GET', '/tokens')).items,
      revoke: (id) => call<void>('DELETE', `/tokens/${id}`),
    };

    this.settings = {
      get: (company) => call<Settings>('GET', '/settings', { query: { company } }),
      update: (change) => call<Settings>('PATCH', '/settings', { body: change }),
    };

    this.organisation = {
      establishments: async () => (await call<Page<Establishment>>('GET', '/establishments')).items,
    };

    // setting a preference or a subscription twice leaves the same state: safe to retry
    this.notifications = {
      settings: () => call<NotificationSettings>('GET', '/notification-settings'),
      update: (change) => call<NotificationSettings>('PATCH', '/notification-settings', { body: change, replayable: true }),
      subscribe: (ref, subscribed) =>
        call<TicketSubscription>('POST', `/tickets/${idOf(ref)}/${subscribed ? 'subscribe' : 'unsubscribe'}`, { replayable: true }),
    };
  }

  get server(): string {
    return this.http.server;
  }

  serverInfo(): Promise<ServerInfo> {
    return this.call('GET', '/meta');
  }

  login(email: string, password: string, language?: Locale): Promise<LoginResult> {
    // the language of this tix: the user's notification e-mails are in it until they choose one
    return this.call('POST', '/auth/login', { body: language ? { email, password, language } : { email, password } });
  }

  logout(): Promise<void> {
    return this.call('POST', '/auth/logout');
  }

  me(): Promise<Me> {
    return this.call('GET', '/me');
  }

  private async call<T>(method: string, path: string, opts?: RequestOptions): Promise<T> {
    const res = await this.http.raw(method, path, opts);
    if (res.status >= 300) throw this.error(method, res);
    if (res.status === 204 || res.body.length === 0) return undefined as T;
    return JSON.parse(res.body.toString('utf8')) as T;
  }

  /** A write whose answer says whether an idempotency key replayed an earlier one. */
  private async created<T>(
    path: string,
    body: unknown,
    opts: WriteOptions & Pick<RequestOptions, 'checkHint'> & { closed?: { shown: string; ref: TicketRef } },
  ): Promise<{ body: T; replayed: boolean; deduplicated: boolean }> {
    const res = await this.http.raw('POST', path, { body, idempotencyKey: opts.idempotencyKey, checkHint: opts.checkHint });
    if (res.status >= 300) throw this.error('POST', res, opts.closed);
    return {
      body: JSON.parse(res.body.toString('utf8')) as T,
      replayed: res.headers['idempotent-replayed'] === 'true',
      deduplicated: res.headers['tix-deduplicated'] === 'true',
    };
  }

  /** tix's wire codes that mean something to commands become domain errors; the rest keep their code. */
  private error(method: string, res: Parameters<HttpClient['errorFor']>[1], closed?: { shown: string; ref: TicketRef }): TixError {
    const err = this.http.errorFor(method, res);
    if (err.code === 'ticket_closed' && closed) return new TicketClosedError(closed.shown, closed.ref, { status: err.status, cause: err });
    if (err.code === 'idempotency_conflict') {
      const earlier = err.data?.ticketId;
      return new IdempotencyConflictError(err.message, typeof earlier === 'number' ? String(earlier) : undefined, {
        status: err.status,
        data: err.data,
      });
    }
    return err;
  }
}

/** A reference of tix serve is a ticket number; parsed by the provider's parseRef before it gets here. */
function idOf(ref: TicketRef): number {
  const n = Number(ref);
  if (!Number.isSafeInteger(n) || n <= 0) throw usageError(`expected a ticket number (a positive number), got "${ref}"`);
  return n;
}

/** The cursor of a Link header's rel="next" address (RFC 8288), as tix serve sends with a page that has a next. */
export function nextCursorOf(link: string | string[] | undefined): string | undefined {
  const next = link && /<([^>]*)>\s*;\s*rel="?next"?/.exec([link].flat().join(', '))?.[1];
  if (!next) return undefined;
  try {
    return new URL(next, 'http://x').searchParams.get('cursor') ?? undefined;
  } catch {
    return undefined;
  }
}

function toTicket(info: ProviderInfo, w: WireTicket): Ticket {
  const { id, status, ...rest } = w;
  return {
    id,
    ref: String(id),
    status,
    // a status this client does not know (a newer server) counts as support's turn
    statusCategory: info.statuses.find((s) => s.name === status)?.category ?? 'open',
    ...rest,
  };
}

function toMessage(m: WireMessage): Message {
  return m;
}

function toTicketWithMessages(info: ProviderInfo, w: WireTicketWithMessages): TicketWithMessages {
  const { messages, ...ticket } = w;
  return { ...toTicket(info, ticket), messages: messages.map(toMessage) };
}
