// What the PostgreSQL store derives from tickets, messages and read state so that the inbox, --unread and lists
// stay fast at a million messages: the same design as SQLite's (sqlite/derived.ts), in PostgreSQL's terms.
// The migration that creates these structures and the store that keeps them up to date use the same SQL, from
// here; changing one of them means a new migration that rebuilds what it derives.
//
// 1. Search: tickets.search, a tsvector of the summary and every message, folded by the tix_search text search
//    configuration (unaccent, then simple: lower case, no stemming), grown in the transaction of each message,
//    under a GIN index. The planner chooses per query between the GIN index (a rare word: its few matches, then
//    sorted) and the activity index (a common word: tickets newest first until a page matches); the column's
//    finer statistics let it tell them apart. Filters are plain WHERE clauses.
// 2. Unread counts: one row per (ticket, user) with unread messages, for every user who may see the ticket
//    (agents, and the administrators of its establishment), with the ticket's establishment, type and activity
//    copied in so the inbox counts and pages from one index without reading a ticket.
// 3. Message counts: tickets.message_count.

// the unread rows' SQL is the same on both databases
export { unreadRows } from '../shared.ts';

export const UNREAD_TABLE = `
  CREATE TABLE ticket_unread (
    ticket_id bigint NOT NULL REFERENCES tickets(id),
    user_id bigint NOT NULL REFERENCES users(id),
    establishment_id bigint NOT NULL,
    type text NOT NULL,
    -- the ticket's updated_at, kept equal to it by every write that moves it
    updated_at timestamptz NOT NULL,
    unread integer NOT NULL CHECK (unread > 0),
    PRIMARY KEY (ticket_id, user_id)
  );
`;

/** Each in the order a page reads (newest activity first), with what the counts need: index-only scans. */
export const UNREAD_INDEXES = `
  CREATE INDEX ticket_unread_user ON ticket_unread(user_id, updated_at DESC, ticket_id DESC) INCLUDE (establishment_id, unread);
  CREATE INDEX ticket_unread_user_establishment ON ticket_unread(user_id, establishment_id, updated_at DESC, ticket_id DESC) INCLUDE (unread);
  CREATE INDEX ticket_unread_user_type ON ticket_unread(user_id, type, updated_at DESC, ticket_id DESC) INCLUDE (establishment_id, unread);
`;
