import type { Backend, Download, WriteOptions } from '../../api/backend.ts';
import type { HttpClient, RequestOptions } from '../../api/http.ts';
import type {
  Attachment,
  Contact,
  ContactApplyInput,
  ContactApplyResult,
  ContactPatch,
  ContactQuery,
  Created,
  CreatedToken,
  Establishment,
  InboxGrouping,
  InboxSummary,
  LoginResult,
  Me,
  Message,
  NewContact,
  NewReply,
  NewTicket,
  Page,
  ReadResult,
  ServerInfo,
  Settings,
  Ticket,
  TicketQuery,
  TicketWithMessages,
  TokenInfo,
} from '../../api/types.ts';
import type { Catalog, RequestType } from '../../core/catalog.ts';
import { stripControls, stripControlsDeep } from '../../core/text.ts';
import type { StatusAction } from '../../core/status.ts';

/** The backend served by `tix serve`: a thin mapping of the interface onto its REST API. */
export class TixBackend implements Backend {
  private readonly http: HttpClient;

  constructor(http: HttpClient) {
    this.http = http;
  }

  /** Every answer is cleaned of terminal control characters before any command sees it. */
  private async call<T>(method: string, path: string, opts?: RequestOptions): Promise<T> {
    return stripControlsDeep(await this.http.json<T>(method, path, opts));
  }

  get server(): string {
    return this.http.server;
  }

  serverInfo(): Promise<ServerInfo> {
    return this.call('GET', '/meta');
  }

  login(email: string, password: string): Promise<LoginResult> {
    return this.call('POST', '/auth/login', { body: { email, password } });
  }

  logout(): Promise<void> {
    return this.call('POST', '/auth/logout');
  }

  me(): Promise<Me> {
    return this.call('GET', '/me');
  }

  async establishments(): Promise<Establishment[]> {
    return (await this.http.json<Page<Establishment>>('GET', '/establishments')).items;
  }

  createToken(input: { name: string; expiresInSeconds: number; scopes: string[] }): Promise<CreatedToken> {
    return this.call('POST', '/tokens', { body: input, checkHint: 'check with: tix token list' });
  }

  async listTokens(): Promise<TokenInfo[]> {
    return (await this.http.json<Page<TokenInfo>>('GET', '/tokens')).items;
  }

  revokeToken(id: number): Promise<void> {
    return this.call('DELETE', `/tokens/${id}`);
  }

  catalog(): Promise<Catalog> {
    return this.call('GET', '/request-types');
  }

  requestType(id: string): Promise<RequestType> {
    return this.call('GET', `/request-types/${encodeURIComponent(id)}`);
  }

  listTickets(q: TicketQuery): Promise<Page<Ticket>> {
    return this.call('GET', '/tickets', { query: { ...q, status: q.status, limit: q.limit } });
  }

  inbox(q: { by?: InboxGrouping; limit?: number }): Promise<InboxSummary> {
    return this.call('GET', '/inbox', { query: { by: q.by, limit: q.limit } });
  }

  ticket(id: number, opts: { markRead?: 'auto' | 'never' } = {}): Promise<TicketWithMessages> {
    return this.call('GET', `/tickets/${id}`, { query: { markRead: opts.markRead } });
  }

  /** A write whose answer says whether an idempotency key replayed an earlier one. */
  private async created<T>(
    path: string,
    body: unknown,
    opts: WriteOptions & Pick<RequestOptions, 'checkHint'>,
  ): Promise<{ body: T; replayed: boolean; deduplicated: boolean }> {
    const res = await this.http.raw('POST', path, { body, idempotencyKey: opts.idempotencyKey, checkHint: opts.checkHint });
    if (res.status >= 400) throw this.http.errorFor('POST', res);
    return {
      body: stripControlsDeep(JSON.parse(res.body.toString('utf8')) as T),
      replayed: res.headers['idempotent-replayed'] === 'true',
      deduplicated: res.headers['tix-deduplicated'] === 'true',
    };
  }

  async createTicket(ticket: NewTicket, opts: WriteOptions = {}): Promise<Created<Ticket>> {
    const r = await this.created<Ticket>('/tickets', ticket, { ...opts, checkHint: 'check with: tix ticket list --mine --limit 5' });
    return { item: r.body, replayed: r.replayed, deduplicated: r.deduplicated };
  }

  async reply(id: number, reply: NewReply, opts: WriteOptions = {}): Promise<Created<Message> & { ticket: Ticket }> {
    const r = await this.created<{ message: Message; ticket: Ticket }>(`/tickets/${id}/messages`, reply, {
      ...opts,
      checkHint: `check with: tix ticket view ${id}`,
    });
    return { item: r.body.message, ticket: r.body.ticket, replayed: r.replayed };
  }

  changeStatus(id: number, action: StatusAction): Promise<Ticket> {
    return this.call('POST', `/tickets/${id}/${action}`, { checkHint: `check with: tix ticket view ${id}` });
  }

  upload(name: string, data: Uint8Array): Promise<Attachment> {
    // An upload that is lost midway is harmless (an unattached upload is deleted after a day): safe to retry.
    return this.call('POST', '/uploads', { query: { name }, rawBody: data, contentType: 'application/octet-stream', replayable: true });
  }

  async download(ticketId: number, attachmentId: string): Promise<Download> {
    const res = await this.http.raw('GET', `/tickets/${ticketId}/attachments/${encodeURIComponent(attachmentId)}`, {
      headers: { accept: '*/*' },
    });
    if (res.status >= 400) throw this.http.errorFor('GET', res);
    const disposition = String(res.headers['content-disposition'] ?? '');
    const name = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
    return {
      name: stripControls(name ? decodeURIComponent(name) : attachmentId),
      contentType: String(res.headers['content-type'] ?? 'application/octet-stream'),
      sha256: typeof res.headers['x-sha256'] === 'string' ? res.headers['x-sha256'] : undefined,
      data: res.body,
    };
  }

  async markRead(id: number, upToMessageId?: number): Promise<number> {
    return (
      await this.http.json<{ marked: number }>('POST', `/tickets/${id}/read`, {
        body: upToMessageId ? { messageId: upToMessageId } : {},
        replayable: true,
      })
    ).marked;
  }

  async markUnread(id: number): Promise<number | null> {
    return (await this.http.json<{ messageId: number | null }>('POST', `/tickets/${id}/unread`, { replayable: true })).messageId;
  }

  readAll(query: TicketQuery): Promise<ReadResult> {
    // marking read twice is harmless: safe to retry
    return this.call('POST', '/tickets/read', { body: query, replayable: true });
  }

  settings(company?: string): Promise<Settings> {
    return this.call('GET', '/settings', { query: { company } });
  }

  updateSettings(change: Partial<Pick<Settings, 'markRead'>>): Promise<Settings> {
    return this.call('PATCH', '/settings', { body: change });
  }

  async listContacts(q: ContactQuery): Promise<Contact[]> {
    return (await this.http.json<Page<Contact>>('GET', '/contacts', { query: { ...q } })).items;
  }

  contact(id: number): Promise<Contact> {
    return this.call('GET', `/contacts/${id}`);
  }

  // Contact writes carry no idempotency key and are not replayed after a lost answer (a second "add" would be
  // refused as a duplicate, a second "remove this address" as unknown): the user is told how to check instead.
  createContact(contact: NewContact): Promise<Contact> {
    return this.call('POST', '/contacts', { body: contact, checkHint: 'check with: tix contact list' });
  }

  updateContact(id: number, patch: ContactPatch): Promise<Contact> {
    return this.call('PATCH', `/contacts/${id}`, { body: patch, checkHint: 'check with: tix contact list' });
  }

  removeContact(id: number): Promise<void> {
    return this.call('DELETE', `/contacts/${id}`, { checkHint: 'check with: tix contact list' });
  }

  applyContacts(input: ContactApplyInput): Promise<ContactApplyResult> {
    // a dry run changes nothing, so it is as safe to repeat as a read
    return this.call('POST', '/contacts/apply', {
      body: input,
      replayable: input.dryRun,
      checkHint: 'check with: tix contact apply --dry-run with the same file',
    });
  }
}
