// The store is the only place that knows how data is kept. Every method is one atomic unit: services check
// access and rules, then call one method, so a request never leaves half its writes behind. The interface is
// asynchronous so a networked database (PostgreSQL) can stand behind it without changing the services.

import type { TokenKind } from '../../api/types.ts';
import type { FieldValues } from '../../core/catalog.ts';
import type { Status } from '../../core/lifecycle.ts';
import type { AccountKind, MembershipRole } from '../../core/roles.ts';
import type { MarkReadPolicy } from '../../core/settings.ts';
import type { ContactDraft } from '../../core/contact-input.ts';

export type { AccountKind, MarkReadPolicy, MembershipRole, TokenKind };

export interface CompanyRow {
  id: number;
  siren: string;
  name: string;
  /** seed 002: opening a conversation marks it read, or only an explicit "mark as read" does */
  markRead: MarkReadPolicy;
}

export interface EstablishmentRow {
  id: number;
  companyId: number;
  siret: string;
  name: string;
}

export interface UserRow {
  id: number;
  email: string;
  name: string;
  role: AccountKind;
  companyId: number | null;
  passwordHash: string;
}

export interface MembershipRow {
  establishmentId: number;
  role: MembershipRole;
}

export interface TokenRow {
  id: number;
  userId: number;
  kind: TokenKind;
  name: string;
  tokenHash: string;
  /** first characters of the token, shown in listings so people can tell tokens apart */
  prefix: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export type NewToken = Omit<TokenRow, 'id' | 'lastUsedAt' | 'revokedAt'>;

export interface LoginFailures {
  count: number;
  lastFailedAt: string;
}

/** An organisation to load (`--demo`, `--seed FILE`), already validated; passwords already hashed. */
export interface OrganisationSeed {
  companies: Array<{ siren: string; name: string; establishments: Array<{ siret: string; name: string }> }>;
  users: Array<{
    email: string;
    name: string;
    role: AccountKind;
    passwordHash: string;
    /** SIRETs this user administers */
    admin: string[];
    /** SIRETs this user belongs to without access to messages */
    employee: string[];
  }>;
}

export interface SeedResult {
  companies: number;
  establishments: number;
  users: number;
}

/** A ticket as the store reads it: joined with its establishment and people, counted for one viewer. */
export interface TicketRecord {
  id: number;
  establishmentId: number;
  siret: string;
  establishmentName: string;
  createdById: number;
  creatorEmail: string;
  creatorName: string;
  onBehalfOf: string | null;
  onBehalfOfName: string | null;
  type: string;
  category: string;
  summary: string;
  fields: FieldValues;
  status: Status;
  followUpOf: number | null;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
  /** messages by others the viewer has not read */
  unread: number;
  messageCount: number;
  /** the mark-read setting of the ticket's company */
  markRead: MarkReadPolicy;
}

export interface AttachmentRecord {
  publicId: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
}

export interface MessageRecord {
  id: number;
  ticketId: number;
  authorId: number;
  authorEmail: string;
  authorName: string;
  authorIsAgent: boolean;
  /** written by someone else and not read by the viewer */
  unread: boolean;
  body: string;
  createdAt: string;
  attachments: AttachmentRecord[];
}

export interface TicketFilter {
  viewerId: number;
  /** the establishments the viewer may see; 'all' for agents */
  visible: number[] | 'all';
  statuses?: Status[];
  type?: string;
  category?: string;
  establishmentId?: number;
  authorId?: number;
  /**
   * Keywords as the user typed them: a ticket matches when its summary and messages hold every word (accents
   * and case aside; the last piece of each word is a prefix). How they become an index query is the store's
   * business; words with no letter or digit in them match nothing.
   */
  search?: string;
  /** tickets whose last activity (updatedAt) is at or after this instant */
  since?: string;
  /** only tickets with at least one message by someone else the viewer has not read */
  unreadOnly?: boolean;
  /** keyset pagination: tickets strictly older than this (updatedAt, id) */
  before?: { updatedAt: string; id: number };
  limit: number;
}

export type InboxGrouping = 'establishment' | 'type';

export interface InboxQuery {
  viewerId: number;
  /** the establishments the viewer may see; 'all' for agents */
  visible: number[] | 'all';
  by?: InboxGrouping;
  /** tickets per group (or in all, ungrouped), newest activity first */
  limit: number;
}

/**
 * A viewer's unread tickets: counted per group, with the newest tickets of each group. The tickets counted are
 * exactly those `listTickets({ viewerId, visible, unreadOnly: true })` returns; `messages` sums their `unread`.
 */
export interface InboxRecord {
  /** over every group */
  total: { tickets: number; messages: number };
  /**
   * Ungrouped: one group (key null) when the viewer has any unread ticket, none otherwise. Grouped: one group per
   * establishment (key: its id) or type (key: the type) holding at least one, in any order (the service sorts).
   */
  groups: Array<{
    /** the establishment id or the type; null ungrouped */
    key: number | string | null;
    tickets: number;
    messages: number;
    /** the group's newest `limit` tickets, in listTickets' order (updatedAt, then id, descending) */
    items: TicketRecord[];
  }>;
}

export interface Idempotency {
  key: string;
  /** hash of the request; the same key with another request is a conflict */
  fingerprint: string;
}

export interface NewTicketRecord {
  establishmentId: number;
  createdById: number;
  onBehalfOf: string | null;
  type: string;
  category: string;
  summary: string;
  fields: FieldValues;
  /** the first message of the conversation */
  description: string;
  /** upload row ids to attach to the first message */
  uploadIds: number[];
  followUpOf: number | null;
  at: string;
  idempotency?: Idempotency;
  /**
   * When an active ticket of the same establishment and type has the same summary, add the description to it
   * as a reply (status as `replyStatus` decides) instead of opening a new ticket.
   */
  dedupe?: { replyStatus(current: Status): Status | { refused: string } };
}

/**
 * A ticket with its whole history, for bulk loading (the scale benchmark's data set; imports from another
 * helpdesk): written as given, with no rules applied.
 */
export interface ImportedTicket {
  establishmentId: number;
  createdById: number;
  type: string;
  category: string;
  summary: string;
  fields: FieldValues;
  status: Status;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
  /** the conversation, oldest first; the first message is the description */
  messages: Array<{ authorId: number; body: string; createdAt: string }>;
  /** read state: each of these users has read the first `messages` messages (the others' among them) */
  readUpTo: Array<{ userId: number; messages: number }>;
}

export interface NewMessageRecord {
  ticketId: number;
  authorId: number;
  body: string;
  uploadIds: number[];
  at: string;
  idempotency?: Idempotency;
  /** decides the ticket's next status from its current one, inside the transaction; a string refuses */
  nextStatus(current: Status): Status | { refused: string };
}

/** A write's outcome. A key conflict names the ticket the key was first used for (the caller's own). */
export type WriteResult<T extends string> =
  | ({ [K in T]: number } & { replayed: boolean; deduplicated?: boolean })
  | { conflict: 'idempotency'; ticketId: number }
  | { refused: string };

/** The most a user may have uploaded and not yet attached. */
export interface UploadQuota {
  maxCount: number;
  maxBytes: number;
}

export interface PendingUpload extends AttachmentRecord {
  id: number;
  userId: number;
  messageId: number | null;
}

export interface ContactRow extends ContactDraft {
  id: number;
  companyId: number;
  createdAt: string;
  updatedAt: string;
}

/** What `applyContacts` writes: removals, then changes, then additions, all in one transaction. */
export interface ContactChanges {
  add: ContactDraft[];
  change: Array<{ id: number; after: ContactDraft }>;
  remove: number[];
}

/** Another contact of the company already has this type and name (case aside). */
export interface DuplicateContact {
  duplicate: ContactRow;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  close(): Promise<void>;
  /**
   * Resolves once every write made so far is durable; rejects when it could not be. A store may commit writes
   * together after they return (SQLite groups the writes of one turn of the event loop): the server answers a
   * request only after this.
   */
  flush(): Promise<void>;

  loadOrganisation(seed: OrganisationSeed): Promise<SeedResult>;
  findUserByEmail(email: string): Promise<UserRow | undefined>;
  getUser(id: number): Promise<UserRow | undefined>;
  membershipsOf(userId: number): Promise<MembershipRow[]>;
  getCompany(id: number): Promise<CompanyRow | undefined>;
  companyBySiren(siren: string): Promise<CompanyRow | undefined>;
  setMarkRead(companyId: number, policy: MarkReadPolicy): Promise<void>;
  establishmentsByIds(ids: number[]): Promise<EstablishmentRow[]>;
  allEstablishments(): Promise<EstablishmentRow[]>;

  insertToken(token: NewToken): Promise<TokenRow>;
  findTokenByHash(hash: string): Promise<TokenRow | undefined>;
  touchToken(id: number, at: string): Promise<void>;
  listTokens(userId: number, kind: TokenKind): Promise<TokenRow[]>;
  /** true when a live token of this user was revoked now */
  revokeToken(userId: number, id: number, at: string): Promise<boolean>;

  loginFailures(key: string): Promise<LoginFailures | undefined>;
  recordLoginFailure(key: string, at: string): Promise<LoginFailures>;
  clearLoginFailures(key: string): Promise<void>;

  createTicket(t: NewTicketRecord): Promise<WriteResult<'ticketId'>>;
  /**
   * Bulk load (imports, the scale benchmark's data set): tickets with their conversations and read state,
   * written as given, one transaction per batch; returns how many.
   */
  importTickets(batches: Iterable<ImportedTicket[]>, onBatch?: (imported: number) => void): Promise<number>;
  getTicket(id: number, viewerId: number): Promise<TicketRecord | undefined>;
  /**
   * The tickets of `visible` that match every filter given, newest activity first (updatedAt, then id,
   * descending), strictly after `before` in that order, at most `limit`. Each carries the viewer's `unread`
   * (messages by others the viewer has not read) and `messageCount`. This is the hot path at scale: a store
   * must answer a common search word, `unreadOnly` and the first page without reading every matching ticket
   * (SQLite: FTS5 documents per ticket keyed by activity, and unread counts per user kept as messages arrive
   * and are read; see README "Scale"). test/server/ticket-queries.test.ts holds the reference semantics.
   */
  listTickets(filter: TicketFilter): Promise<TicketRecord[]>;
  /**
   * The viewer's tickets with unread messages, counted in all and per group, with the newest `limit` of each
   * group, in one call whose cost does not grow with the number of unread tickets (beyond the counting).
   */
  inbox(q: InboxQuery): Promise<InboxRecord>;
  ticketMessages(ticketId: number, viewerId: number): Promise<MessageRecord[]>;
  addMessage(m: NewMessageRecord): Promise<WriteResult<'messageId'>>;
  /** applies decide() to the current status inside one transaction */
  changeStatus(
    ticketId: number,
    decide: (current: Status) => Status | { refused: string },
    at: string,
  ): Promise<{ status: Status } | { refused: string }>;
  /** closes tickets resolved before the cutoff; returns how many */
  closeResolvedBefore(cutoff: string, at: string): Promise<number>;

  /**
   * Stores an upload unless the user's uploads not yet attached to a message would then exceed `quota`
   * (checked and written in one transaction, so parallel uploads cannot slip past it).
   */
  insertUpload(
    u: {
      publicId: string;
      userId: number;
      filename: string;
      contentType: string;
      size: number;
      sha256: string;
      data: Uint8Array;
      at: string;
    },
    quota?: UploadQuota,
  ): Promise<AttachmentRecord | { overQuota: true }>;
  uploadsByPublicId(publicIds: string[]): Promise<PendingUpload[]>;
  attachmentData(ticketId: number, publicId: string): Promise<(AttachmentRecord & { data: Uint8Array }) | undefined>;
  /** forgets uploads never attached to a message, older than the cutoff */
  deleteStaleUploads(cutoff: string): Promise<number>;

  /** marks read every message by others in the ticket, or only those up to a message; returns how many changed */
  markRead(userId: number, ticketId: number, upToMessageId?: number): Promise<number>;
  /** marks read every message by others in these tickets; returns how many messages changed */
  markTicketsRead(userId: number, ticketIds: number[]): Promise<number>;
  /** marks the latest message by someone else unread again; returns its id */
  markLatestUnread(userId: number, ticketId: number): Promise<number | undefined>;

  /** a company's contacts, oldest first */
  listContacts(companyId: number): Promise<ContactRow[]>;
  /** undefined when the contact does not exist or belongs to another company */
  getContact(companyId: number, id: number): Promise<ContactRow | undefined>;
  insertContact(companyId: number, c: ContactDraft, at: string): Promise<ContactRow | DuplicateContact>;
  /** reads the contact and applies decide() to it inside one transaction; a `problems` answer changes nothing */
  updateContact<P>(
    companyId: number,
    id: number,
    decide: (current: ContactRow) => ContactDraft | { problems: P },
    at: string,
  ): Promise<ContactRow | DuplicateContact | { problems: P } | undefined>;
  /** false when there was no such contact in this company */
  deleteContact(companyId: number, id: number): Promise<boolean>;
  /**
   * Reads every contact of the company, lets plan() decide the changes, and writes them all or none, in one
   * transaction. A dry run stops after plan(). A `refused` answer changes nothing. Returns the ids of the added
   * contacts, in order.
   */
  applyContacts<R>(
    companyId: number,
    plan: (current: ContactRow[]) => ContactChanges | { refused: R },
    opts: { at: string; dryRun: boolean },
  ): Promise<{ changes: ContactChanges; addedIds: number[] } | { refused: R }>;
}
