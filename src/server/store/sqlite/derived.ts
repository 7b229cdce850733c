// What the SQLite store derives from tickets, messages and read state so that search, the inbox and lists stay
// fast at a million messages. The migration that creates these structures and the store that keeps them up to
// date use the same expressions, from here; changing one of them means a new migration that rebuilds what it
// derives.
//
// 1. Search: one FTS5 document per ticket (its summary and every message, accents folded), whose rowid is the
//    ticket's activity key: the seconds of updated_at in the high bits, the ticket id in the low 31. FTS5 walks
//    a match in rowid order, so "newest activity first" is the index's own order and a common word stops after
//    the first page instead of sorting every match. The document is re-keyed whenever the ticket's activity
//    changes. Tickets that share a second are put in exact (updatedAt, id) order by the store.
//    Each document also carries a few tokens no one can type (a private-use character, then the company,
//    establishment, status, type, category and creator), so that filters narrow the match inside the index: an
//    administrator's search reads their company's documents only. The SQL filters are applied as well: the
//    tokens only make the index skip.
//    FTS5 answers a prefix query by merging the whole doclist of every term with that prefix before returning
//    the first row; `search_terms` lists every term of the index, so a prefix becomes an OR of whole terms that
//    FTS5 reads lazily.
// 2. Unread counts: one row per (ticket, user) with unread messages, for every user who may see the ticket
//    (agents, and the administrators of its establishment), with the ticket's establishment, type and activity
//    copied in so the inbox counts and pages from one index.
// 3. Message counts: tickets.message_count.
//
// PostgreSQL equivalents (postgres/derived.ts): a tsvector per ticket (the tix_search configuration: unaccent,
// then simple) under a GIN index, queried with prefix terms (paie:*), ordered by (updated_at, id) with filters as
// plain WHERE clauses; the same ticket_unread table and indexes; the same message_count column.

/** The high bits of the activity key: whole seconds since 1970, clamped to 32 bits. */
const seconds = (iso: string) => `min(max(coalesce(unixepoch(${iso}), 0), 0), 4294967295)`;

/** The activity key of a ticket with this activity (an RFC 3339 string) and id; ids must stay below 2^31. */
export const searchKeyOf = (updatedAt: string, id: string) => `((${seconds(updatedAt)} << 31) | ${id})`;

/** The activity key of ticket `t`. */
export const SEARCH_KEY = searchKeyOf('t.updated_at', 't.id');

/** The smallest activity key of the second holding the time bound to `?` (an RFC 3339 string). */
export const secondKeyOf = (param: string) => `(${seconds(param)} << 31)`;

const SCOPE = 'char(57344)';

/** A ticket's search document: summary, messages in order, then the scope tokens. */
export const SEARCH_DOCUMENT = `t.summary || char(10)
  || coalesce((SELECT group_concat(body, char(10)) FROM (SELECT body FROM messages WHERE ticket_id = t.id ORDER BY id)), '') || char(10)
  || ${SCOPE} || 'e' || t.establishment_id || ' ' || ${SCOPE} || 's' || t.status || ' ' || ${SCOPE} || 't' || lower(hex(t.type))
  || ' ' || ${SCOPE} || 'c' || lower(hex(t.category)) || ' ' || ${SCOPE} || 'a' || t.created_by
  || ' ' || ${SCOPE} || 'o' || (SELECT company_id FROM establishments WHERE id = t.establishment_id)`;

/** The same scope tokens, for a query. */
export const scopeToken = {
  company: (id: number) => `\uE000o${id}`,
  establishment: (id: number) => `\uE000e${id}`,
  status: (status: string) => `\uE000s${status}`,
  type: (type: string) => `\uE000t${Buffer.from(type, 'utf8').toString('hex')}`,
  category: (category: string) => `\uE000c${Buffer.from(category, 'utf8').toString('hex')}`,
  author: (id: number) => `\uE000a${id}`,
};

export const SEARCH_TABLES = `
  CREATE VIRTUAL TABLE ticket_search USING fts5(
    document, content = '', contentless_delete = 1, detail = 'none', prefix = '1',
    tokenize = 'unicode61 remove_diacritics 2'
  );
  -- every term ever indexed (never the scope tokens): a prefix expands to whole terms
  CREATE TABLE search_terms (term TEXT PRIMARY KEY) WITHOUT ROWID;
  -- the index's tokenizer, for words typed in a search and for filling search_terms
  CREATE VIRTUAL TABLE search_tokenizer USING fts3tokenize('unicode61', 'remove_diacritics=2');
`;

/** Kept in search_terms while an import has not added its terms yet (no search word can be it). */
export const TERMS_INCOMPLETE = '\uE000incomplete';

/** Every term of the search index, but the scope tokens, into the prefix vocabulary. */
export const LEARN_INDEXED_TERMS = `
  CREATE VIRTUAL TABLE temp.indexed_terms USING fts5vocab(main, 'ticket_search', 'row');
  INSERT INTO search_terms (term) SELECT term FROM temp.indexed_terms WHERE substr(term, 1, 1) <> char(57344) ON CONFLICT DO NOTHING;
  DROP TABLE temp.indexed_terms;
`;

/**
 * (Re)indexes the tickets selected by `where` (on `t`), in key order: FTS5 writes out what it holds whenever a
 * rowid comes lower than the one before, and a bulk insert in any other order becomes thousands of small segments
 * to merge (five times the work for a hundred thousand tickets, and growing).
 */
export const indexTickets = (where: string) =>
  `INSERT INTO ticket_search (rowid, document) SELECT ${SEARCH_KEY}, ${SEARCH_DOCUMENT} FROM tickets t WHERE ${where} ORDER BY 1`;

// the unread rows' SQL is the same on both databases
export { unreadRows } from '../shared.ts';

export const UNREAD_TABLE = `
  CREATE TABLE ticket_unread (
    ticket_id INTEGER NOT NULL REFERENCES tickets(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    establishment_id INTEGER NOT NULL,
    type TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    unread INTEGER NOT NULL CHECK (unread > 0),
    PRIMARY KEY (ticket_id, user_id)
  ) WITHOUT ROWID;
`;

export const UNREAD_INDEXES = `
  CREATE INDEX ticket_unread_user ON ticket_unread(user_id, updated_at, ticket_id);
  CREATE INDEX ticket_unread_user_establishment ON ticket_unread(user_id, establishment_id, updated_at, ticket_id, unread);
  CREATE INDEX ticket_unread_user_type ON ticket_unread(user_id, type, updated_at, ticket_id, establishment_id, unread);
`;

/** Prefixes that expand to more whole terms than this are left to FTS5's own prefix query. */
export const MAX_EXPANSION = 300;
