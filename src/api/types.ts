// The client's view of any helpdesk: the shapes providers return and `--json` prints. Field names are part of
// the public surface (camelCase, English, stable): add fields, never rename or remove one. tix serve's own
// wire format is in src/providers/tix/wire.ts; for everything but tickets it is exactly these shapes.
import type { FieldValues } from '../core/catalog.ts';
import type { ContactDraft } from '../core/contact-input.ts';
import type { ContactType } from '../core/contacts.ts';
import type { Locale } from '../core/i18n.ts';
import type { AuthorRole, Role } from '../core/roles.ts';
import type { MarkReadPolicy } from '../core/settings.ts';
import type { StatusCategory } from '../core/status.ts';

export type { FieldValues, MarkReadPolicy, Role, StatusCategory };

export interface Establishment {
  siret: string;
  siren: string;
  name: string;
}

export interface Person {
  email: string;
  name: string;
}

/** session: from tix auth login; pat: a personal access token (tix token create) */
export type TokenKind = 'session' | 'pat';

export interface TokenInfo {
  id: number;
  kind: TokenKind;
  name: string;
  /** the first characters of the token, enough to recognise it */
  prefix: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface Me {
  user: Person & { role: Role };
  company: { siren: string; name: string } | null;
  /** the establishments this user administers (all of them for an agent); none on helpdesks without them */
  establishments: Establishment[];
  /** what the helpdesk says about the token in use, when it says anything */
  token: Pick<TokenInfo, 'kind' | 'name' | 'scopes' | 'expiresAt'> | null;
}

export interface LoginResult {
  token: string;
  expiresAt: string;
  user: Person & { role: Role };
}

export interface CreatedToken extends TokenInfo {
  /** shown once, at creation */
  token: string;
}

export interface ServerInfo {
  name: string;
  version: string;
  apiVersion: string;
}

/**
 * A ticket reference as people type it and providers parse it: `123` on tix serve, Request Tracker and
 * Zendesk, `SD-42` on Jira. Opaque to commands: only the provider knows its syntax.
 */
export type TicketRef = string;

export interface Ticket {
  /** the helpdesk's own id: a number on tix serve (and Request Tracker, Zendesk) */
  id: number | string;
  /** the reference to type in tix commands (`tix ticket view REF`): "42" on tix serve, "SD-42" on Jira */
  ref: TicketRef;
  /** the helpdesk's own status name (tix serve: sent, answered, open, resolved, closed) */
  status: string;
  /** what the status means, the same on every helpdesk: new, open, waiting, resolved, closed */
  statusCategory: StatusCategory;
  type: string;
  category: string;
  summary: string;
  /** null on helpdesks without establishments */
  establishment: { siret: string; name: string } | null;
  createdBy: Person;
  /** the person the request is for, when not its creator */
  onBehalfOf: { email: string; name: string | null } | null;
  createdAt: string;
  updatedAt: string;
  /** when the ticket was closed; null while it is not closed */
  closedAt: string | null;
  /** closed by the server after the auto-close delay (tix serve --auto-close-after), not by someone */
  autoClosed: boolean;
  /** messages from others this user has not read (0 on helpdesks without read state) */
  unread: number;
  /** null where the helpdesk's lists do not count messages (Zendesk): `ticket view` has them all */
  messageCount: number | null;
  /** the form values of the ticket's type, beyond summary and description */
  fields: FieldValues;
  /** the reference of the closed ticket this one follows up (tix serve keeps it a number, like `id`) */
  followUpOf: number | TicketRef | null;
  url: string;
}

export interface Attachment {
  id: string;
  name: string;
  size: number;
  contentType: string;
  /** hex SHA-256 of the content, when the helpdesk gives one (downloads are then checked against it) */
  sha256?: string;
}

export interface Message {
  /** the helpdesk's id, in the order messages were written */
  id: number | string;
  author: Person & { role: AuthorRole };
  /** written by someone else and not read by you (when you opened the ticket) */
  unread: boolean;
  body: string;
  createdAt: string;
  attachments: Attachment[];
}

export interface TicketWithMessages extends Ticket {
  messages: Message[];
  /**
   * the tickets filed as follow-ups of this one, oldest first (the way on from a closed ticket), when the
   * helpdesk links them; tix serve keeps them numbers, like `id`
   */
  followUps?: Array<number | TicketRef>;
}

/** A request to file. `fields` holds every form value, summary and description included. */
export interface NewTicket {
  type: string;
  /** SIRET; may be left out by an admin of a single establishment */
  establishment?: string;
  fields: FieldValues;
  /** ids of uploads (TicketsApi.upload) */
  attachments?: string[];
  /** the closed ticket this one follows up */
  followUpOf?: TicketRef;
  /** reply to an open ticket of the same type and establishment with the same summary instead of opening one */
  dedupe?: boolean;
}

export interface NewReply {
  body: string;
  attachments?: string[];
}

export interface TicketQuery {
  /** the provider's status names (commands turn categories into names first) */
  status?: string[];
  type?: string;
  category?: string;
  /** SIRET */
  establishment?: string;
  author?: string;
  mine?: boolean;
  search?: string;
  /** RFC 3339 or YYYY-MM-DD: activity since */
  since?: string;
  unread?: boolean;
  limit?: number;
  cursor?: string;
}

export type InboxGrouping = 'establishment' | 'type';

/** One group of the inbox: its counts and its newest tickets with unread messages. */
export interface InboxGroup<T = Ticket> {
  /** the establishment's SIRET, or the type */
  key: string;
  name: string;
  tickets: number;
  messages: number;
  /** the newest tickets of the group, newest activity first */
  items: T[];
  /** the rest of the group: the ticket list with `unread` and the group's filter (establishment or type), from this cursor */
  nextCursor: string | null;
}

/** The inbox as the helpdesk counts it: totals, then the newest tickets, in all or per group. */
export interface InboxSummary<T = Ticket> {
  total: { tickets: number; messages: number };
  /** ungrouped: the newest tickets with unread messages (empty when grouped) */
  items: T[];
  /** ungrouped: the rest, the ticket list with `unread` from this cursor */
  nextCursor: string | null;
  /** grouped (`by`): busiest group first */
  groups?: InboxGroup<T>[];
}

/** How many tickets and messages a bulk "mark as read" cleared. */
export interface ReadResult {
  tickets: number;
  messages: number;
}

/** Organisation settings (seed 002). */
export interface Settings {
  company: { siren: string; name: string };
  /** manual: only an explicit "mark as read" clears unread messages; on-open: viewing a ticket does */
  markRead: MarkReadPolicy;
  /** the language of the notification e-mails the company's account contacts receive */
  language: Locale;
}

/** How much e-mail a person wants: every ticket of their establishments, the tickets they follow, or none. */
export const notificationLevels = ['all', 'mine', 'none'] as const;
export type NotificationLevel = (typeof notificationLevels)[number];

/** A person's e-mail notification settings (`tix notification list`). */
export interface NotificationSettings {
  /** where the e-mails go */
  email: string;
  level: NotificationLevel;
  /** the language of the e-mails */
  language: Locale;
  /** chosen (tix notification set --lang), login (the language of the tix that logged in), company (the company's) */
  languageSource: 'chosen' | 'login' | 'company';
  /** the tickets subscribed to or unsubscribed from explicitly, newest first */
  subscriptions: Array<{ ticketId: number; subscribed: boolean; at: string }>;
}

/** Why a person receives a ticket's notifications. */
export type NotificationReason = 'creator' | 'on-behalf' | 'subscriber' | 'follower' | 'all';

/** A ticket subscription as `tix ticket subscribe|unsubscribe` leaves it. */
export interface TicketSubscription {
  ticketId: number;
  subscribed: boolean;
  /** whether the person receives this ticket's notifications now, and why (null when not) */
  receives: boolean;
  reason: NotificationReason | null;
  level: NotificationLevel;
}

/** Answer to a create or a reply: `replayed` is true when an idempotency key matched an earlier request. */
export interface Created<T> {
  item: T;
  replayed: boolean;
  /** the create became a reply to an existing open ticket (dedupe) */
  deduplicated?: boolean;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  /**
   * The helpdesk stops short of every match (Zendesk's search reaches its first 1,000 results): how many match,
   * and how many it lets anyone page through. Set on the pages of such a listing.
   */
  cut?: { total: number; reachable: number };
}

/** An account contact (seed 003): belongs to the company; changes take effect at once. */
export interface Contact {
  id: number;
  type: ContactType;
  name: string;
  /** one or more addresses, lower-cased; group addresses welcome */
  emails: string[];
  /** E.164 (+33612345678), or null */
  phone: string | null;
  createdAt: string;
  updatedAt: string;
}

export type { ContactDraft };

/** What `POST /contacts` takes. The phone may be written loosely (+33 6 12 34 56 78); it is stored as E.164. */
export interface NewContact {
  type: string;
  name: string;
  emails: string[];
  phone?: string | null;
}

/** What `PATCH /contacts/:id` takes: only what changes. `phone: null` removes the phone. */
export interface ContactPatch {
  name?: string;
  phone?: string | null;
  addEmails?: string[];
  removeEmails?: string[];
}

export interface ContactQuery {
  type?: string;
  /** SIREN; required for support agents, who read every company's contacts */
  company?: string;
}

/** What `apply` does to reach the declared contacts: matched by type and name, whatever the case. */
export interface ContactPlan {
  /** id is null in a dry run, the new contact's id once applied */
  add: Array<ContactDraft & { id: number | null }>;
  change: Array<{ id: number; before: ContactDraft; after: ContactDraft }>;
  remove: Contact[];
  /** contacts already as declared */
  unchanged: number;
}

export interface ContactApplyInput {
  contacts: ContactDraft[] | NewContact[];
  dryRun: boolean;
  /** apply only if the plan is still the one with this fingerprint (from a dry run): what was confirmed is what is applied */
  ifFingerprint?: string;
}

export interface ContactApplyResult {
  plan: ContactPlan;
  applied: boolean;
  /** identifies this plan; give it back as ifFingerprint to apply exactly it */
  fingerprint: string;
}

/** Scopes a personal access token can carry. Session tokens from `auth login` carry all of them. */
export const tokenScopes = ['tickets:read', 'tickets:write', 'contacts:read', 'contacts:write', 'settings:read', 'settings:write'] as const;
export type TokenScope = (typeof tokenScopes)[number];
export const defaultPatScopes: TokenScope[] = ['tickets:read', 'tickets:write'];
/** How long a personal access token may live on tix serve (the only helpdesk with tokens): `tix token create` checks it first. */
export const MAX_TOKEN_LIFETIME_DAYS = 366;
/** The longest name a personal access token may have on tix serve. */
export const MAX_TOKEN_NAME_LENGTH = 100;
