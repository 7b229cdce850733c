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
import type { StatusAction } from '../../core/status.ts';

/** The backend served by `tix serve`: a thin mapping of the interface onto its REST API. */
export class TixBackend implements Backend {
  private readonly http: HttpClient;

  constructor(http: HttpClient) {
    this.http = http;
  }

  get server(): string {
    return this.http.server;
  }

  serverInfo(): Promise<ServerInfo> {
    return this.http.json('GET', '/meta');
  }

  login(email: string, password: string): Promise<LoginResult> {
    return this.http.json('POST', '/auth/login', { body: { email, password } });
  }

  logout(): Promise<void> {
    return this.http.json('POST', '/auth/logout');
  }

  me(): Promise<Me> {
    return this.http.json('GET', '/me');
  }

  async establishments(): Promise<Establishment[]> {
    return (await this.http.json<Page<Establishment>>('GET', '/establishments')).items;
  }

  createToken(input: { name: string; expiresInSeconds: number; scopes: string[] }): Promise<CreatedToken> {
    return this.http.json('POST', '/tokens', { body: input, checkHint: 'check with: tix token list' });
  }

  async listTokens(): Promise<TokenInfo[]> {
    return (await this.http.json<Page<TokenInfo>>('GET', '/tokens')).items;
  }

  revokeToken(id: number): Promise<void> {
    return this.http.json('DELETE', `/tokens/${id}`);
  }

  catalog(): Promise<Catalog> {
    return this.http.json('GET', '/request-types');
  }

  requestType(id: string): Promise<RequestType> {
    return this.http.json('GET', `/request-types/${encodeURIComponent(id)}`);
  }

  listTickets(q: TicketQuery): Promise<Page<Ticket>> {
    return this.http.json('GET', '/tickets', { query: { ...q, status: q.status, limit: q.limit } });
  }

  ticket(id: number, opts: { markRead?: 'auto' | 'never' } = {}): Promise<TicketWithMessages> {
    return this.http.json('GET', `/tickets/${id}`, { query: { markRead: opts.markRead } });
  }

  /** A write whose answer says whether an idempotency key replayed an earlier one. */
  private async created<T>(path: string, body: unknown, opts: WriteOptions & Pick<RequestOptions, 'checkHint'>): Promise<{ body: T; replayed: boolean; deduplicated: boolean }> {
    const res = await this.http.raw('POST', path, { body, idempotencyKey: opts.idempotencyKey, checkHint: opts.checkHint });
    if (res.status >= 400) throw this.http.errorFor('POST', res);
    return { body: JSON.parse(res.body.toString('utf8')) as T, replayed: res.headers['idempotent-replayed'] === 'true', deduplicated: res.headers['tix-deduplicated'] === 'true' };
  }

  async createTicket(ticket: NewTicket, opts: WriteOptions = {}): Promise<Created<Ticket>> {
    const r = await this.created<Ticket>('/tickets', ticket, { ...opts, checkHint: 'check with: tix ticket list --mine --limit 5' });
    return { item: r.body, replayed: r.replayed, deduplicated: r.deduplicated };
  }

  async reply(id: number, reply: NewReply, opts: WriteOptions = {}): Promise<Created<Message> & { ticket: Ticket }> {
    const r = await this.created<{ message: Message; ticket: Ticket }>(`/tickets/${id}/messages`, reply, { ...opts, checkHint: `check with: tix ticket view ${id}` });
    return { item: r.body.message, ticket: r.body.ticket, replayed: r.replayed };
  }

  changeStatus(id: number, action: StatusAction): Promise<Ticket> {
    return this.http.json('POST', `/tickets/${id}/${action}`, { checkHint: `check with: tix ticket view ${id}` });
  }

  upload(name: string, data: Uint8Array): Promise<Attachment> {
    // An upload that is lost midway is harmless (an unattached upload is deleted after a day): safe to retry.
    return this.http.json('POST', '/uploads', { query: { name }, rawBody: data, contentType: 'application/octet-stream', replayable: true });
  }

  async download(ticketId: number, attachmentId: string): Promise<Download> {
    const res = await this.http.raw('GET', `/tickets/${ticketId}/attachments/${encodeURIComponent(attachmentId)}`, { headers: { accept: '*/*' } });
    if (res.status >= 400) throw this.http.errorFor('GET', res);
    const disposition = String(res.headers['content-disposition'] ?? '');
    const name = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
    return {
      name: name ? decodeURIComponent(name) : attachmentId,
      contentType: String(res.headers['content-type'] ?? 'application/octet-stream'),
      sha256: typeof res.headers['x-sha256'] === 'string' ? res.headers['x-sha256'] : undefined,
      data: res.body,
    };
  }

  async markRead(id: number, upToMessageId?: number): Promise<number> {
    return (await this.http.json<{ marked: number }>('POST', `/tickets/${id}/read`, { body: upToMessageId ? { messageId: upToMessageId } : {}, replayable: true })).marked;
  }

  async markUnread(id: number): Promise<number | null> {
    return (await this.http.json<{ messageId: number | null }>('POST', `/tickets/${id}/unread`, { replayable: true })).messageId;
  }

  readAll(query: TicketQuery): Promise<ReadResult> {
    // marking read twice is harmless: safe to retry
    return this.http.json('POST', '/tickets/read', { body: query, replayable: true });
  }

  settings(company?: string): Promise<Settings> {
    return this.http.json('GET', '/settings', { query: { company } });
  }

  updateSettings(change: Partial<Pick<Settings, 'markRead'>>): Promise<Settings> {
    return this.http.json('PATCH', '/settings', { body: change });
  }

  async listContacts(q: ContactQuery): Promise<Contact[]> {
    return (await this.http.json<Page<Contact>>('GET', '/contacts', { query: { ...q } })).items;
  }

  contact(id: number): Promise<Contact> {
    return this.http.json('GET', `/contacts/${id}`);
  }

  // Contact writes carry no idempotency key and are not replayed after a lost answer (a second "add" would be
  // refused as a duplicate, a second "remove this address" as unknown): the user is told how to check instead.
  createContact(contact: NewContact): Promise<Contact> {
    return this.http.json('POST', '/contacts', { body: contact, checkHint: 'check with: tix contact list' });
  }

  updateContact(id: number, patch: ContactPatch): Promise<Contact> {
    return this.http.json('PATCH', `/contacts/${id}`, { body: patch, checkHint: 'check with: tix contact list' });
  }

  removeContact(id: number): Promise<void> {
    return this.http.json('DELETE', `/contacts/${id}`, { checkHint: 'check with: tix contact list' });
  }

  applyContacts(input: ContactApplyInput): Promise<ContactApplyResult> {
    // a dry run changes nothing, so it is as safe to repeat as a read
    return this.http.json('POST', '/contacts/apply', { body: input, replayable: input.dryRun, checkHint: 'check with: tix contact apply --dry-run with the same file' });
  }
}
