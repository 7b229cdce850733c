import type { Catalog, RequestType } from '../core/catalog.ts';
import type { Locale } from '../core/i18n.ts';
import type { StatusAction } from '../core/status.ts';
import type { HttpClient, HttpSettings } from './http.ts';
import { type Capability, type ProviderInfo, type ProviderSettings, unsupported } from './provider.ts';
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
  NotificationLevel,
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
} from './types.ts';

export interface WriteOptions {
  /** the same key and the same request give the first result back, never a second write */
  idempotencyKey?: string;
  /**
   * The command made the key just now (the user gave none), so no earlier run can have used it. A provider
   * whose helpdesk keeps no keys looks for an earlier identical write only when the key may be a repeat.
   */
  freshKey?: boolean;
}

export interface Download {
  name: string;
  contentType: string;
  /** hex SHA-256 the helpdesk announced, when it does */
  sha256?: string;
  data: Buffer;
}

/** Filing, finding, reading and answering tickets. */
export interface ListOptions {
  /**
   * Called with the next page's cursor as soon as the helpdesk tells it, before this page's items have all
   * arrived (tix serve's Link header): the caller may ask for the next page while this one is still read.
   * A provider that cannot tell early never calls it; the page's own nextCursor stays the reference.
   */
  onNextCursor?: (cursor: string) => void;
}

export interface TicketsApi {
  list(query: TicketQuery, opts?: ListOptions): Promise<Page<Ticket>>;
  /** markRead 'auto' applies the company's mark-read setting (on-open marks what is returned as read) */
  view(ref: TicketRef, opts?: { markRead?: 'auto' | 'never' }): Promise<TicketWithMessages>;
  /** throws IdempotencyConflictError when the key filed another request */
  create(ticket: NewTicket, opts?: WriteOptions): Promise<Created<Ticket>>;
  /** throws TicketClosedError when the ticket takes no more replies */
  reply(ref: TicketRef, reply: NewReply, opts?: WriteOptions): Promise<Created<Message> & { ticket: Ticket }>;
  changeStatus(ref: TicketRef, action: StatusAction): Promise<Ticket>;
  /** stores a file to attach to a ticket or reply (by the returned id) */
  upload(name: string, data: Uint8Array): Promise<Attachment>;
  download(ref: TicketRef, attachmentId: string): Promise<Download>;
}

/** The request-type catalog and each type's form. */
export interface RequestTypesApi {
  catalog(): Promise<Catalog>;
  requestType(id: string): Promise<RequestType>;
}

/** Which messages each person has read (seed 002). */
export interface ReadStateApi {
  markRead(ref: TicketRef, upToMessageId?: number | string): Promise<number>;
  markUnread(ref: TicketRef): Promise<number | string | null>;
  /** marks read every message of the tickets matching the filters */
  readAll(query: TicketQuery): Promise<ReadResult>;
  /**
   * The inbox counted by the helpdesk in one request: tickets with unread messages and their unread messages,
   * in all and per group, with the newest `limit` tickets of each (default 30, or 10 per group) and the cursor
   * of the rest (the ticket list with `unread` and the group's filter). A helpdesk that cannot count on its side
   * counts in its provider: `tix inbox` makes one call.
   */
  inbox(query: { by?: InboxGrouping; limit?: number }): Promise<InboxSummary>;
}

/** The company's contacts by type (seed 003). */
export interface ContactsApi {
  list(query: ContactQuery): Promise<Contact[]>;
  get(id: number): Promise<Contact>;
  create(contact: NewContact): Promise<Contact>;
  update(id: number, patch: ContactPatch): Promise<Contact>;
  remove(id: number): Promise<void>;
  /** the plan to reach the declared contacts; applied all or nothing unless dryRun */
  apply(input: ContactApplyInput): Promise<ContactApplyResult>;
}

/** Personal access tokens for CI. */
export interface TokensApi {
  create(input: { name: string; expiresInSeconds: number; scopes: string[] }): Promise<CreatedToken>;
  list(): Promise<TokenInfo[]>;
  revoke(id: number): Promise<void>;
}

/** Organisation settings (seed 002). */
export interface SettingsApi {
  get(company?: string): Promise<Settings>;
  update(change: Partial<Pick<Settings, 'markRead' | 'language'>>): Promise<Settings>;
}

/** The user's own e-mail notifications: how much, in which language, and which tickets (tix serve). */
export interface NotificationsApi {
  settings(): Promise<NotificationSettings>;
  update(change: { level?: NotificationLevel; language?: Locale }): Promise<NotificationSettings>;
  /** follows a ticket by e-mail (true) or stops (false), whatever the level */
  subscribe(ref: TicketRef, subscribed: boolean): Promise<TicketSubscription>;
}

/** The establishments the user administers. */
export interface OrganisationApi {
  establishments(): Promise<Establishment[]>;
}

/** Each capability and the part of the Backend that serves it. */
export interface CapabilityApis {
  tickets: TicketsApi;
  requestTypes: RequestTypesApi;
  readState: ReadStateApi;
  contacts: ContactsApi;
  tokens: TokensApi;
  settings: SettingsApi;
  organisation: OrganisationApi;
  notifications: NotificationsApi;
}

/**
 * What the CLI needs from a helpdesk. Every provider gives identity (who am I, log out); each capability it
 * declares is a part of its own, absent otherwise, so a command asks for what it needs (`need`) and a helpdesk
 * that cannot serve it is refused with one message naming the provider. Providers answer with the shapes of
 * src/api/types.ts and throw domain errors (TicketClosedError, IdempotencyConflictError…), never their wire
 * codes; what they return has been cleaned of terminal control characters (src/api/clean.ts).
 */
export interface Backend extends Partial<CapabilityApis> {
  readonly provider: ProviderInfo;
  /** the server as configured (its web address) */
  readonly server: string;
  serverInfo(): Promise<ServerInfo>;
  me(): Promise<Me>;
  /** exchanges an e-mail and password for a token (providers with `login.password`) */
  login?(email: string, password: string, language?: Locale): Promise<LoginResult>;
  /** revokes the session on the helpdesk, when it has sessions */
  logout(): Promise<void>;
  /**
   * At login, once the credential works: checks and completes the provider's login options (`given`, by
   * LoginOption key) and returns the settings the profile keeps, with lines telling the person what was chosen.
   * Providers without login options need not implement it (the given settings are kept as they are).
   */
  profileSettings?(given: ProviderSettings): Promise<{ settings: ProviderSettings; notes: string[] }>;
}

/** The part of the backend that serves a capability, or the provider's refusal (exit 7). */
export function need<C extends Capability>(backend: Backend, capability: C): CapabilityApis[C] {
  const api = backend[capability] as CapabilityApis[C] | undefined;
  if (!api) throw unsupported(backend.provider, capability);
  return api;
}

/** Where and as whom to connect. */
export interface Connection {
  /** the helpdesk's web address as configured */
  server: string;
  /** the stored or given credential; none for an anonymous backend (to log in) */
  credential?: { token: string; email?: string };
  /** the provider's settings from the profile and the environment (its login options, by key) */
  settings?: ProviderSettings;
  /** the generic HTTP settings: timeouts, retries, debug, Ctrl-C */
  http: HttpSettings;
}

/** A provider: its declaration (info, in the main bundle) and its code (loaded on first use). */
export interface ProviderModule {
  info: ProviderInfo;
  /** the helpdesk's backend (src/providers/registry.ts wraps it in the cleaning wrapper) */
  connect(connection: Connection): Backend;
  /** an authenticated HTTP client of its API, for raw calls (tix api) */
  http(connection: Connection): HttpClient;
}

/** What each src/providers/<name>/index.ts exports as `implementation`: the code, given its declaration. */
export interface ProviderImplementation {
  connect(connection: Connection, info: ProviderInfo): Backend;
  http(connection: Connection): HttpClient;
}
