// The REST API of tix serve (/api/v1) as JSON: what the server sends and the tix provider reads, declared once
// for both sides. Everything but tickets has exactly the client's shapes (src/api/types.ts): tix serve is the
// reference model. Tickets differ: the wire has numeric ids and tix's own five statuses, and no `ref` or
// `statusCategory` (the provider adds them).
import type { Attachment, InboxGroup, InboxSummary, Message, NewTicket, Ticket, TicketQuery } from '../../api/types.ts';
import type { Status } from '../../core/lifecycle.ts';
import type { AuthorRole } from '../../core/roles.ts';

export const API_VERSION = '1';

export interface WireTicket extends Omit<Ticket, 'id' | 'ref' | 'status' | 'statusCategory' | 'establishment' | 'followUpOf'> {
  id: number;
  status: Status;
  establishment: { siret: string; name: string };
  /** the closed ticket this one follows up */
  followUpOf: number | null;
}

export interface WireMessage extends Omit<Message, 'id' | 'author' | 'attachments'> {
  id: number;
  /** tix serve's customers are admins (only admins reach messages) */
  author: Message['author'] & { role: Extract<AuthorRole, 'admin' | 'agent'> };
  attachments: WireAttachment[];
}

export interface WireAttachment extends Attachment {
  sha256: string;
}

export interface WireTicketWithMessages extends WireTicket {
  /** the tickets that follow this one up (visible to the reader) */
  followUps: number[];
  messages: WireMessage[];
}

/** What `POST /tickets` takes. */
export interface WireNewTicket extends Omit<NewTicket, 'followUpOf'> {
  followUpOf?: number;
}

/** The query of `GET /tickets` (and the body of `POST /tickets/read`). */
export interface WireTicketQuery extends Omit<TicketQuery, 'status'> {
  status?: Status[];
}

/** The answer to `POST /tickets/:id/messages`. */
export interface WireReply {
  message: WireMessage;
  ticket: WireTicket;
}

/** The answer to `GET /inbox`: counted by the server, the newest tickets of each group. */
export type WireInbox = InboxSummary<WireTicket>;
export type WireInboxGroup = InboxGroup<WireTicket>;

/** The error envelope of every 4xx and 5xx answer. */
export interface WireError {
  error: { code: string; message: string; fields?: Array<{ field: string; message: string }> } & Record<string, unknown>;
}
