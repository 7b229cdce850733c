// The JSON shapes the API speaks and `--json` prints. Field names are part of the public surface
// (camelCase, English, stable): add fields, never rename or remove one.
import type { ContactDraft } from '../core/contact-input.ts';
import type { ContactType } from '../core/contacts.ts';

export type UserRole = 'admin' | 'agent' | 'employee';

export interface Establishment {
  siret: string;
  siren: string;
  name: string;
}

export interface Person {
  email: string;
  name: string;
}

export interface TokenInfo {
  id: number;
  kind: 'session' | 'pat';
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
  user: Person & { role: UserRole };
  company: { siren: string; name: string } | null;
  /** the establishments this user administers (all of them for an agent) */
  establishments: Establishment[];
  token: Pick<TokenInfo, 'kind' | 'name' | 'scopes' | 'expiresAt'>;
}

export interface LoginResult {
  token: string;
  expiresAt: string;
  user: Person & { role: UserRole };
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

export type Status = 'sent' | 'answered' | 'open' | 'resolved' | 'closed';
export type FieldValues = Record<string, string | boolean | string[]>;

export interface Ticket {
  id: number;
  status: Status;
  type: string;
  category: string;
  summary: string;
  establishment: { siret: string; name: string };
  createdBy: Person;
  /** the person the request is for, when not its creator */
  onBehalfOf: { email: string; name: string | null } | null;
  createdAt: string;
  updatedAt: string;
  /** messages from others this user has not read */
  unread: number;
  messageCount: number;
  /** the form values of the ticket's type, beyond summary and description */
  fields: FieldValues;
  /** the closed ticket this one follows up */
  followUpOf: number | null;
  url: string;
}

export interface Attachment {
  id: string;
  name: string;
  size: number;
  contentType: string;
  sha256: string;
}

export interface Message {
  id: number;
  author: Person & { role: UserRole };
  /** written by someone else and not read by you (when you opened the ticket) */
  unread: boolean;
  body: string;
  createdAt: string;
  attachments: Attachment[];
}

export interface TicketWithMessages extends Ticket {
  messages: Message[];
}

/** What `POST /tickets` takes. `fields` holds every form value, summary and description included. */
export interface NewTicket {
  type: string;
  /** SIRET; may be left out by an admin of a single establishment */
  establishment?: string;
  fields: FieldValues;
  /** upload ids from POST /uploads */
  attachments?: string[];
  followUpOf?: number;
  /** reply to an open ticket of the same type and establishment with the same summary instead of opening one */
  dedupe?: boolean;
}

export interface NewReply {
  body: string;
  attachments?: string[];
}

export interface TicketQuery {
  status?: Status[];
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
export interface InboxGroup {
  /** the establishment's SIRET, or the type */
  key: string;
  name: string;
  tickets: number;
  messages: number;
  items: Ticket[];
  /** the rest of the group: `GET /tickets?unread=true&establishment=KEY` (or `&type=KEY`) with this cursor */
  nextCursor: string | null;
}

/** The inbox as the server counts it (`GET /inbox`): totals, then the newest tickets, in all or per group. */
export interface InboxSummary {
  total: { tickets: number; messages: number };
  /** ungrouped: the newest tickets with unread messages (empty when grouped) */
  items: Ticket[];
  /** ungrouped: the rest, `GET /tickets?unread=true` with this cursor */
  nextCursor: string | null;
  /** grouped (`by`): busiest group first */
  groups?: InboxGroup[];
}

/** How many tickets and messages a bulk "mark as read" cleared. */
export interface ReadResult {
  tickets: number;
  messages: number;
}

export type MarkReadPolicy = 'manual' | 'on-open';

/** Organisation settings (seed 002). */
export interface Settings {
  company: { siren: string; name: string };
  /** manual: only an explicit "mark as read" clears unread messages; on-open: viewing a ticket does */
  markRead: MarkReadPolicy;
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
export const tokenScopes = ['tickets:read', 'tickets:write', 'contacts:read', 'contacts:write', 'settings:write'] as const;
export type TokenScope = (typeof tokenScopes)[number];
export const defaultPatScopes: TokenScope[] = ['tickets:read', 'tickets:write'];

export const API_VERSION = '1';
