// The store is the only place that knows how data is kept, split by aggregate (identity and tokens, settings,
// contacts, uploads, tickets and messages, read state), each with a SQLite and a PostgreSQL implementation.
// Services check access and rules, then call one method, so a request never leaves half its writes behind; they
// never build SQL or a search query: filters are data (see TicketFilter). The concurrency guarantees are stated
// on Store below.

import type { TokenKind } from '../../api/types.ts';
import type { FieldValues } from '../../core/catalog.ts';
import type { Status } from '../../core/lifecycle.ts';
import type { AccountKind, MembershipRole } from '../../core/roles.ts';
import type { MarkReadPolicy } from '../../core/settings.ts';
import type { ContactDraft } from '../../core/contact-input.ts';
import type { Locale } from '../../core/i18n.ts';

export type { AccountKind, MarkReadPolicy, MembershipRole, TokenKind };

export interface CompanyRow {
  id: number;
  siren: string;
  name: string;
  /** seed 002: opening a conversation marks it read, or only an explicit "mark as read" does */
  markRead: MarkReadPolicy;
  /** the language of the e-mails its account contacts receive */
  language: Locale;
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

/** A login throttle key (an address, an account from an address), as every instance sees it. */
export interface LoginThrottleState {
  /** failed attempts counted, and when the last one was */
  count: number;
  lastFailedAt: string | null;
  /** attempts admitted whose password is still being checked */
  pending: number;
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
  /** closed by the server after the auto-close delay, not by someone */
  autoClosed: boolean;
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
  dedupe?: {
    /** the statuses a ticket must have to take the report (the active ones) */
    among: readonly Status[];
    replyStatus(current: Status): Status | { refused: string };
  };
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

/**
 * Concurrency guarantees, for every aggregate below and both databases (SQLite for one process, PostgreSQL for
 * several processes over one database):
 * - Each method is one atomic unit: it commits all its writes or none, so a request never leaves half its
 *   writes behind, whichever process or connection runs it and whatever other process is killed meanwhile.
 * - A method that takes a `decide`/`plan` callback calls it inside its transaction with what it read locked
 *   against concurrent writers of the same rows, and writes what the callback decided before anyone else can
 *   change those rows. On PostgreSQL a transaction that meets a serialization failure or a deadlock runs again
 *   from the start, so a callback may be called more than once: it must be a pure function of its arguments
 *   (it may record its last answer for the caller, nothing else).
 * - Once a method's promise resolves, every later call, from any process, sees its writes (read-your-writes
 *   across instances); reads never see a write that was not committed.
 * - Uniqueness the rules need (idempotency keys, a contact's type and name, an upload attached once) is held by
 *   unique constraints and row locks in the database, not by the process, so it holds across instances.
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** the database as it may be shown in logs: a path, or a URL without its password */
  readonly display: string;
  readonly identity: IdentityStore;
  readonly settings: SettingsStore;
  readonly contacts: ContactStore;
  readonly uploads: UploadStore;
  readonly tickets: TicketStore;
  readonly reads: ReadStateStore;
  readonly notifications: NotificationStore;
  /**
   * Resolves once every write made so far is durable; rejects when it could not be. A store may commit writes
   * together after they return (SQLite groups the writes of one turn of the event loop): the server answers a
   * request only after this. PostgreSQL commits each write before it returns: nothing to wait for.
   */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** The organisation (companies, establishments), people (users, memberships) and their credentials. */
export interface IdentityStore {
  /** adds what is missing, keeps what exists (an existing user keeps its password and memberships); one transaction */
  loadOrganisation(seed: OrganisationSeed): Promise<SeedResult>;
  findUserByEmail(email: string): Promise<UserRow | undefined>;
  getUser(id: number): Promise<UserRow | undefined>;
  membershipsOf(userId: number): Promise<MembershipRow[]>;
  getCompany(id: number): Promise<CompanyRow | undefined>;
  companyBySiren(siren: string): Promise<CompanyRow | undefined>;
  /** by name */
  establishmentsByIds(ids: number[]): Promise<EstablishmentRow[]>;
  /** by name */
  allEstablishments(): Promise<EstablishmentRow[]>;

  insertToken(token: NewToken): Promise<TokenRow>;
  findTokenByHash(hash: string): Promise<TokenRow | undefined>;
  touchToken(id: number, at: string): Promise<void>;
  listTokens(userId: number, kind: TokenKind): Promise<TokenRow[]>;
  /** true when a live token of this user was revoked now; revoking twice, even at once from two instances, is true once */
  revokeToken(userId: number, id: number, at: string): Promise<boolean>;

  /**
   * Login throttling, held in the database so that it holds whichever instance an attempt reaches. In one
   * transaction with the keys' rows locked, decide() sees each key's failures and attempts pending (admitted,
   * not settled, for less than `pendingTtlMs`: a process killed while checking a password stops counting then);
   * answering 'admit' counts the attempt as pending on every key. Returns decide's answer.
   */
  admitLogin<R>(
    keys: string[],
    decide: (states: LoginThrottleState[]) => 'admit' | R,
    at: string,
    pendingTtlMs: number,
  ): Promise<'admit' | R>;
  /**
   * Ends an admitted attempt: no longer pending on its keys; when it failed, one more failure on each (a count
   * whose last failure is older than `forgetAfterMs` starts again at one); `clear` keys lose their failures.
   */
  settleLogin(keys: string[], outcome: { failed: boolean; clear: string[] }, at: string, forgetAfterMs: number): Promise<void>;
  /**
   * Deletes up to `batch` login throttle rows that remember nothing any more: no failure since `failedBefore`
   * (older ones count for nothing) and no attempt pending at `at`. Failed logins from many addresses (or for
   * many made-up accounts) would otherwise leave a row each, for ever. Returns how many it deleted.
   */
  forgetSettledLogins(failedBefore: string, at: string, batch: number): Promise<number>;
}

/** Organisation settings (seed 002), one row per company. */
export interface SettingsStore {
  setMarkRead(companyId: number, policy: MarkReadPolicy): Promise<void>;
  setLanguage(companyId: number, language: Locale): Promise<void>;
}

/** A company's account contacts (seed 003). */
export interface ContactStore {
  /** a company's contacts, oldest first */
  listContacts(companyId: number): Promise<ContactRow[]>;
  /** undefined when the contact does not exist or belongs to another company */
  getContact(companyId: number, id: number): Promise<ContactRow | undefined>;
  /** refused as a duplicate when the company has a contact of this type and name, even one added at this very moment */
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
   * transaction that holds the company's contacts against concurrent changes. A dry run stops after plan(). A
   * `refused` answer changes nothing. Returns the ids of the added contacts, in order.
   */
  applyContacts<R>(
    companyId: number,
    plan: (current: ContactRow[]) => ContactChanges | { refused: R },
    opts: { at: string; dryRun: boolean },
  ): Promise<{ changes: ContactChanges; addedIds: number[] } | { refused: R }>;
}

/** Files uploaded before the ticket or reply that attaches them; their bytes live in the database. */
export interface UploadStore {
  /**
   * Stores an upload unless the user's uploads not yet attached to a message would then exceed `quota`
   * (checked and written in one transaction, the user's pending uploads held, so parallel uploads, on one
   * instance or several, cannot slip past it).
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
  /** how many files, and bytes, a user uploaded that no message has attached yet */
  pendingUploads(userId: number): Promise<{ count: number; bytes: number }>;
  /** an attachment of a message of this ticket, with its bytes */
  attachmentData(ticketId: number, publicId: string): Promise<(AttachmentRecord & { data: Uint8Array }) | undefined>;
  /** forgets uploads never attached to a message, older than the cutoff */
  deleteStaleUploads(cutoff: string): Promise<number>;
}

/**
 * Tickets and their conversations. Writes decide idempotency keys, `dedupe` and the status in the same
 * transaction as the write: a key is used once even when two instances receive the same request at once (the
 * second answers with the first one's result), and two `dedupe` creates of the same summary make one ticket.
 * Attaching uploads is part of the same transaction: an upload is attached to one message at most. Every change
 * people are told about writes its notification event (the outbox, NotificationStore) in the same transaction:
 * a ticket filed (`created`, or `follow-up`), a reply (`reply`, also a `dedupe` create that became one). A replay
 * of an idempotency key writes nothing, so it tells nobody twice.
 */
export interface TicketStore {
  createTicket(t: NewTicketRecord): Promise<WriteResult<'ticketId'>>;
  /**
   * Bulk load (imports, the scale benchmark's data set): tickets with their conversations and read state,
   * written as given, one transaction per batch; returns how many. Not for a database other instances write to
   * at the same time (ids are taken in blocks).
   */
  importTickets(batches: Iterable<ImportedTicket[]>, onBatch?: (imported: number) => void): Promise<number>;
  getTicket(id: number, viewerId: number): Promise<TicketRecord | undefined>;
  /** the tickets filed as follow-ups of this one, oldest first, with their establishment (for access checks) */
  followUpsOf(ticketId: number): Promise<Array<{ id: number; establishmentId: number }>>;
  /**
   * The tickets of `visible` that match every filter given, newest activity first (updatedAt, then id,
   * descending), strictly after `before` in that order, at most `limit`. Each carries the viewer's `unread`
   * (messages by others the viewer has not read) and `messageCount`. This is the hot path at scale: a store
   * must answer a common search word, `unreadOnly` and the first page without reading every matching ticket
   * (SQLite: FTS5 documents per ticket keyed by activity; PostgreSQL: a tsvector per ticket under GIN, or the
   * activity index; both: unread counts per user kept as messages arrive and are read; see README "Scale").
   * test/server/ticket-queries.test.ts holds the reference semantics and runs on both.
   */
  listTickets(filter: TicketFilter): Promise<TicketRecord[]>;
  /**
   * The viewer's tickets with unread messages, counted in all and per group, with the newest `limit` of each
   * group, in one call whose cost does not grow with the number of unread tickets (beyond the counting).
   */
  inbox(q: InboxQuery): Promise<InboxRecord>;
  ticketMessages(ticketId: number, viewerId: number): Promise<MessageRecord[]>;
  addMessage(m: NewMessageRecord): Promise<WriteResult<'messageId'>>;
  /**
   * Applies decide() to the current status inside one transaction, the ticket locked. A change of status by
   * `actorId` writes its notification event (resolved, closed, reopened) in the same transaction.
   */
  changeStatus(
    ticketId: number,
    decide: (current: Status) => Status | { refused: string },
    at: string,
    actorId?: number,
  ): Promise<{ status: Status } | { refused: string }>;
  /**
   * Background work: closes (automatically) at most `limit` tickets resolved at or before the cutoff and returns
   * their ids. Each ticket is closed by exactly one call, whichever instance makes it: instances running this at
   * once take disjoint tickets (rows being closed by another are skipped, not waited for). Each closing writes its
   * `auto-closed` notification event in the same transaction.
   */
  closeResolvedBefore(cutoff: string, at: string, limit: number): Promise<number[]>;
}

/** Read state per user and message (seed 002). Marking is idempotent: marking twice, or from two instances, is marking once. */
export interface ReadStateStore {
  /** marks read every message by others in the ticket, or only those up to a message; returns how many changed */
  markRead(userId: number, ticketId: number, upToMessageId?: number): Promise<number>;
  /** marks read every message by others in these tickets; returns how many messages changed */
  markTicketsRead(userId: number, ticketIds: number[]): Promise<number>;
  /** marks the latest message by someone else unread again; returns its id */
  markLatestUnread(userId: number, ticketId: number): Promise<number | undefined>;
}

// ---- e-mail notifications ------------------------------------------------------------------------------------

/** What happened to a ticket, as its notification event says. */
export const notificationKinds = ['created', 'follow-up', 'reply', 'resolved', 'closed', 'auto-closed', 'reopened'] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** How much e-mail a person wants: every ticket of their establishments, the tickets they follow, or none. */
export const notificationLevels = ['all', 'mine', 'none'] as const;
export type NotificationLevel = (typeof notificationLevels)[number];

export interface NotificationPreferences {
  level: NotificationLevel;
  /** null until the person chooses or a login hints at one */
  language: Locale | null;
  /** chosen with `tix notification set --lang`: a login's hint no longer changes it */
  languageChosen: boolean;
}

export interface SubscriptionRow {
  ticketId: number;
  address: string;
  subscribed: boolean;
  at: string;
}

/** Everything needed to decide who hears about an event and what they read, read at send time. */
export interface NotificationContext {
  event: {
    id: number;
    ticketId: number;
    kind: NotificationKind;
    /** who made the change; null when the server did (auto-close) */
    actorId: number | null;
    status: Status;
    at: string;
  };
  actor: { id: number; email: string; name: string; role: AccountKind } | null;
  ticket: {
    id: number;
    summary: string;
    type: string;
    category: string;
    establishmentId: number;
    establishmentName: string;
    siret: string;
    companyId: number;
    companyName: string;
    companyLanguage: Locale;
    createdById: number;
    onBehalfOf: string | null;
    followUpOf: number | null;
  };
  /**
   * The people who may hear about it: the establishment's administrators, the ticket's creator, its on-behalf-of
   * person, whoever wrote on it, and any user whose address is one of the company's contacts; with their role,
   * company, administration of the ticket's establishment, preferences. For a follow-up, writing on the closed
   * ticket it follows counts as writing on it.
   */
  people: Array<{
    id: number;
    email: string;
    name: string;
    role: AccountKind;
    companyId: number | null;
    adminHere: boolean;
    wrote: boolean;
    preferences: NotificationPreferences;
  }>;
  /** explicit subscriptions and unsubscriptions of this ticket (for a follow-up, the followed ticket's after) */
  subscriptions: SubscriptionRow[];
  /** the company's contacts */
  contacts: ContactRow[];
}

/** One address an event is sent to. */
export interface Recipient {
  address: string;
  /** the user behind the address, when it is one */
  userId: number | null;
  /** why it receives the mail: creator, on-behalf, follower, subscriber, all, contact:TYPE */
  reason: string;
  locale: Locale;
}

export type DeliveryState = 'pending' | 'sent' | 'failed' | 'cancelled';

export interface DeliveryRow extends Recipient {
  id: number;
  eventId: number;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  sentAt: string | null;
}

/** What became of one attempt to send a delivery. */
export type DeliveryOutcome =
  | { state: 'sent'; at: string }
  | { state: 'failed'; error: string; at: string }
  | { state: 'retry'; error: string; nextAttemptAt: string };

/**
 * The outbox of e-mail notifications (events written by the ticket writes, in their transactions), one delivery
 * row per event and address, people's preferences and subscriptions.
 *
 * Delivery guarantees: events are claimed with a lease (`lease_until`, an owner); on PostgreSQL with
 * `FOR UPDATE SKIP LOCKED`, so instances claiming at once take disjoint events and never wait for each other; on
 * SQLite in one IMMEDIATE transaction. Only the lease's owner changes the event's deliveries; a worker renews its
 * lease before each send and stops when it lost it. A delivery is marked sent right after the SMTP server
 * accepted it: a process that dies between the two leaves it pending, and the next lease sends it again with the
 * same Message-ID (at least once; exactly once unless a process dies in that window).
 */
export interface NotificationStore {
  /**
   * Claims at most `limit` events due at `now` whose lease is free or expired, for `owner` until `leaseUntil`;
   * returns their ids, oldest first. Instances claiming at once get disjoint events.
   */
  claimEvents(now: string, owner: string, leaseUntil: string, limit: number): Promise<number[]>;
  /** extends the lease; false when `owner` no longer holds it */
  renewLease(eventId: number, owner: string, leaseUntil: string): Promise<boolean>;
  /** what deciding recipients and writing the mail need, read now; undefined for an unknown event */
  eventContext(eventId: number): Promise<NotificationContext | undefined>;
  /**
   * Makes the event's deliveries those of `wanted`, if `owner` holds the lease (else 'lost'), in one transaction:
   * adds the addresses not there yet (pending, due now), cancels the pending ones no longer wanted, updates the
   * reason and language of the others; with `giveUpError`, fails every pending one with it instead. Sent, failed
   * and cancelled deliveries stay as they are. Returns the pending deliveries due at `now`.
   */
  syncDeliveries(eventId: number, owner: string, wanted: Recipient[], now: string, giveUpError?: string): Promise<DeliveryRow[] | 'lost'>;
  /** records an attempt's outcome (pending deliveries only: one cancelled meanwhile stays cancelled) */
  settleDelivery(deliveryId: number, outcome: DeliveryOutcome): Promise<void>;
  /**
   * Ends `owner`'s lease. After its deliveries were synced and tried: the event is done (at `now`) when none of
   * them is pending, otherwise due again when its earliest pending one is. With `postponeUntil` (an event not
   * tried, the SMTP server being down): only due again then.
   */
  releaseEvent(eventId: number, owner: string, now: string, postponeUntil?: string): Promise<void>;
  /** events not done yet (what waits in the outbox) */
  pendingEvents(): Promise<number>;
  /** an event's deliveries, by id (tests and the operator) */
  deliveries(eventId: number): Promise<DeliveryRow[]>;
  /** the events of a ticket, oldest first (tests and the operator) */
  ticketEvents(ticketId: number): Promise<Array<NotificationContext['event'] & { doneAt: string | null }>>;
  /** a delivery by id, for its unsubscribe link; with its ticket */
  delivery(deliveryId: number): Promise<(DeliveryRow & { ticketId: number }) | undefined>;
  /** forgets events done before the cutoff, with their deliveries; returns how many events */
  deleteDoneBefore(cutoff: string): Promise<number>;

  /** a user's preferences (the defaults when never set) */
  preferences(userId: number): Promise<NotificationPreferences>;
  /** changes what is given; `language` chosen this way is no longer changed by a login's hint */
  setPreferences(userId: number, change: { level?: NotificationLevel; language?: Locale }, at: string): Promise<NotificationPreferences>;
  /** the language a login hinted at, kept unless the user chose one */
  noteLoginLanguage(userId: number, language: Locale, at: string): Promise<void>;
  /** subscribes or unsubscribes an address to a ticket's notifications (the last word wins) */
  setSubscription(ticketId: number, address: string, subscribed: boolean, at: string): Promise<void>;
  /** an address's explicit subscriptions and unsubscriptions, newest first */
  subscriptionsOf(address: string): Promise<SubscriptionRow[]>;
  /**
   * The server's secret for `name` (unsubscribe links), made once and kept in the database so every instance
   * signs alike.
   */
  secret(name: string): Promise<Buffer>;
}
