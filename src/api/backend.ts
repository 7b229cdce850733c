import type { Catalog, RequestType } from '../core/catalog.ts';
import type { StatusAction } from '../core/status.ts';
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
} from './types.ts';

export interface WriteOptions {
  /** the same key and the same request give the first result back, never a second write */
  idempotencyKey?: string;
}

export interface Download {
  name: string;
  contentType: string;
  sha256?: string;
  data: Buffer;
}

/**
 * What the CLI needs from a support backend. The tix provider speaks to `tix serve`; adapters for other
 * helpdesks implement the same interface, so commands never know which one they talk to.
 */
export interface Backend {
  readonly server: string;
  serverInfo(): Promise<ServerInfo>;
  login(email: string, password: string): Promise<LoginResult>;
  logout(): Promise<void>;
  me(): Promise<Me>;
  establishments(): Promise<Establishment[]>;
  createToken(input: { name: string; expiresInSeconds: number; scopes: string[] }): Promise<CreatedToken>;
  listTokens(): Promise<TokenInfo[]>;
  revokeToken(id: number): Promise<void>;

  catalog(): Promise<Catalog>;
  requestType(id: string): Promise<RequestType>;
  listTickets(query: TicketQuery): Promise<Page<Ticket>>;
  /** the tickets with unread messages, counted by the server, with the newest of each group */
  inbox(query: { by?: InboxGrouping; limit?: number }): Promise<InboxSummary>;
  /** markRead 'auto' applies the company's mark-read setting (on-open marks what is returned as read) */
  ticket(id: number, opts?: { markRead?: 'auto' | 'never' }): Promise<TicketWithMessages>;
  createTicket(ticket: NewTicket, opts?: WriteOptions): Promise<Created<Ticket>>;
  reply(id: number, reply: NewReply, opts?: WriteOptions): Promise<Created<Message> & { ticket: Ticket }>;
  changeStatus(id: number, action: StatusAction): Promise<Ticket>;
  upload(name: string, data: Uint8Array): Promise<Attachment>;
  download(ticketId: number, attachmentId: string): Promise<Download>;
  markRead(id: number, upToMessageId?: number): Promise<number>;
  markUnread(id: number): Promise<number | null>;
  /** marks read every message of the tickets matching the filters */
  readAll(query: TicketQuery): Promise<ReadResult>;
  settings(company?: string): Promise<Settings>;
  updateSettings(change: Partial<Pick<Settings, 'markRead'>>): Promise<Settings>;

  listContacts(query: ContactQuery): Promise<Contact[]>;
  contact(id: number): Promise<Contact>;
  createContact(contact: NewContact): Promise<Contact>;
  updateContact(id: number, patch: ContactPatch): Promise<Contact>;
  removeContact(id: number): Promise<void>;
  /** the plan to reach the declared contacts; applied all or nothing unless dryRun */
  applyContacts(input: ContactApplyInput): Promise<ContactApplyResult>;
}
