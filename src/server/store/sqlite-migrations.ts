// Versioned schema for the SQLite store. Append only: a shipped migration is never edited, a new version
// is added instead. Types stay portable (INTEGER, TEXT; JSON kept as TEXT; times as RFC 3339 UTC text,
// which sorts in time order) so the PostgreSQL store can mirror them.

import { indexTickets, LEARN_INDEXED_TERMS, SEARCH_TABLES, UNREAD_INDEXES, UNREAD_TABLE, unreadRows } from './sqlite/derived.ts';

export interface Migration {
  version: number;
  name: string;
  /** one script, or named steps that are reported as they run (a migration that rebuilds data on a large database) */
  sql: string | Array<{ step: string; sql: string }>;
}

/** The migration that builds what search, the inbox and lists need at scale (issue 13): a long one on a large database. */
export const SCALE_MIGRATION = 7;

export const sqliteMigrations: Migration[] = [
  {
    version: 1,
    name: 'organisation, users and tokens',
    sql: `
      CREATE TABLE companies (
        id INTEGER PRIMARY KEY,
        siren TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL
      );
      CREATE TABLE establishments (
        id INTEGER PRIMARY KEY,
        company_id INTEGER NOT NULL REFERENCES companies(id),
        siret TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL
      );
      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('customer', 'agent')),
        company_id INTEGER REFERENCES companies(id),
        password_hash TEXT NOT NULL
      );
      CREATE TABLE memberships (
        user_id INTEGER NOT NULL REFERENCES users(id),
        establishment_id INTEGER NOT NULL REFERENCES establishments(id),
        role TEXT NOT NULL CHECK (role IN ('admin', 'employee')),
        PRIMARY KEY (user_id, establishment_id)
      );
      CREATE TABLE tokens (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id),
        kind TEXT NOT NULL CHECK (kind IN ('session', 'pat')),
        name TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        prefix TEXT NOT NULL,
        scopes TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        last_used_at TEXT,
        revoked_at TEXT
      );
      CREATE INDEX tokens_user ON tokens(user_id, kind);
      CREATE TABLE login_failures (
        key TEXT PRIMARY KEY,
        count INTEGER NOT NULL,
        last_failed_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'tickets, messages, attachments, read state, idempotency keys, keyword search',
    sql: `
      CREATE TABLE tickets (
        id INTEGER PRIMARY KEY,
        establishment_id INTEGER NOT NULL REFERENCES establishments(id),
        created_by INTEGER NOT NULL REFERENCES users(id),
        on_behalf_of TEXT,
        type TEXT NOT NULL,
        category TEXT NOT NULL,
        summary TEXT NOT NULL,
        fields TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('sent', 'answered', 'open', 'resolved', 'closed')),
        follow_up_of INTEGER REFERENCES tickets(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        resolved_at TEXT,
        closed_at TEXT
      );
      CREATE INDEX tickets_activity ON tickets(updated_at DESC, id DESC);
      CREATE INDEX tickets_establishment_activity ON tickets(establishment_id, updated_at DESC, id DESC);
      CREATE INDEX tickets_resolved ON tickets(status, resolved_at);
      CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        ticket_id INTEGER NOT NULL REFERENCES tickets(id),
        author_id INTEGER NOT NULL REFERENCES users(id),
        body TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX messages_ticket ON messages(ticket_id, id);
      CREATE TABLE uploads (
        id INTEGER PRIMARY KEY,
        public_id TEXT NOT NULL UNIQUE,
        user_id INTEGER NOT NULL REFERENCES users(id),
        message_id INTEGER REFERENCES messages(id),
        filename TEXT NOT NULL,
        content_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        data BLOB NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX uploads_message ON uploads(message_id);
      CREATE TABLE message_reads (
        user_id INTEGER NOT NULL REFERENCES users(id),
        message_id INTEGER NOT NULL REFERENCES messages(id),
        PRIMARY KEY (user_id, message_id)
      ) WITHOUT ROWID;
      CREATE TABLE idempotency_keys (
        user_id INTEGER NOT NULL REFERENCES users(id),
        key TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        ticket_id INTEGER NOT NULL REFERENCES tickets(id),
        message_id INTEGER REFERENCES messages(id),
        created_at TEXT NOT NULL,
        PRIMARY KEY (user_id, key)
      );
      -- one row per ticket summary and per message body; accents folded so "cloture" finds "Clôturé"
      CREATE VIRTUAL TABLE ticket_text USING fts5(ticket_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2');
    `,
  },
  {
    version: 3,
    name: 'account contacts',
    sql: `
      -- seed 003: a company's contacts by type; emails as a JSON array of lower-cased addresses, phone as E.164.
      -- name_key is the name trimmed and lower-cased (Unicode-aware, computed by the application) so a company
      -- cannot have two contacts of one type whose names differ only by case. AUTOINCREMENT: contacts are
      -- deleted, and the id of a removed contact must never name another one (tix contact remove 7, twice).
      CREATE TABLE contacts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        company_id INTEGER NOT NULL REFERENCES companies(id),
        type TEXT NOT NULL CHECK (type IN ('commercial', 'accounting', 'technical', 'fraud', 'chargebacks')),
        name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        emails TEXT NOT NULL,
        phone TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX contacts_company_type_name ON contacts(company_id, type, name_key);
    `,
  },
  {
    version: 4,
    name: 'organisation setting: when messages count as read',
    sql: `
      ALTER TABLE companies ADD COLUMN mark_read TEXT NOT NULL DEFAULT 'manual' CHECK (mark_read IN ('manual', 'on-open'));
    `,
  },
  {
    version: 5,
    name: 'tickets closed automatically; login attempts being checked',
    sql: `
      -- 1 when the server closed the ticket after the auto-close delay, 0 when someone closed it (or it is open)
      ALTER TABLE tickets ADD COLUMN auto_closed INTEGER NOT NULL DEFAULT 0 CHECK (auto_closed IN (0, 1));
      -- login throttling per key: failures, and attempts admitted whose password is being checked (until
      -- pending_until, in case their process died); replaces login_failures
      CREATE TABLE login_throttle (
        key TEXT PRIMARY KEY,
        count INTEGER NOT NULL DEFAULT 0,
        last_failed_at TEXT,
        pending INTEGER NOT NULL DEFAULT 0,
        pending_until TEXT
      );
      INSERT INTO login_throttle (key, count, last_failed_at) SELECT key, count, last_failed_at FROM login_failures;
      DROP TABLE login_failures;
    `,
  },
  {
    version: 6,
    name: 'e-mail notifications: outbox, deliveries, preferences, subscriptions; the company language',
    sql: `
      -- the language of the e-mails the company's account contacts receive
      ALTER TABLE companies ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'fr'));
      -- the outbox: one row per change people are told about, written in the transaction of the change. A worker
      -- leases it (lease_owner until lease_until), sends its deliveries, and settles it (done_at) once none is
      -- pending; next_attempt_at says when it is due (again).
      CREATE TABLE notification_events (
        id INTEGER PRIMARY KEY,
        ticket_id INTEGER NOT NULL REFERENCES tickets(id),
        kind TEXT NOT NULL CHECK (kind IN ('created', 'follow-up', 'reply', 'resolved', 'closed', 'auto-closed', 'reopened')),
        actor_id INTEGER REFERENCES users(id),
        status TEXT NOT NULL,
        at TEXT NOT NULL,
        next_attempt_at TEXT NOT NULL,
        lease_owner TEXT,
        lease_until TEXT,
        done_at TEXT
      );
      CREATE INDEX notification_events_due ON notification_events(next_attempt_at) WHERE done_at IS NULL;
      CREATE INDEX notification_events_ticket ON notification_events(ticket_id, id);
      -- one row per event and address: a refused address fails its own row only
      CREATE TABLE notification_deliveries (
        id INTEGER PRIMARY KEY,
        event_id INTEGER NOT NULL REFERENCES notification_events(id) ON DELETE CASCADE,
        address TEXT NOT NULL,
        user_id INTEGER REFERENCES users(id),
        reason TEXT NOT NULL,
        locale TEXT NOT NULL CHECK (locale IN ('en', 'fr')),
        state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed', 'cancelled')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        last_error TEXT,
        sent_at TEXT,
        UNIQUE (event_id, address)
      );
      CREATE TABLE notification_preferences (
        user_id INTEGER PRIMARY KEY REFERENCES users(id),
        level TEXT NOT NULL DEFAULT 'mine' CHECK (level IN ('all', 'mine', 'none')),
        language TEXT CHECK (language IN ('en', 'fr')),
        -- 1 once chosen (tix notification set --lang): a login's language hint no longer changes it
        language_chosen INTEGER NOT NULL DEFAULT 0 CHECK (language_chosen IN (0, 1)),
        updated_at TEXT NOT NULL
      );
      -- tix ticket subscribe|unsubscribe, and unsubscribe links: by address, so a contact's address can leave too
      CREATE TABLE ticket_subscriptions (
        ticket_id INTEGER NOT NULL REFERENCES tickets(id),
        address TEXT NOT NULL,
        subscribed INTEGER NOT NULL CHECK (subscribed IN (0, 1)),
        at TEXT NOT NULL,
        PRIMARY KEY (ticket_id, address)
      );
      CREATE INDEX ticket_subscriptions_address ON ticket_subscriptions(address);
      CREATE TABLE server_secrets (
        name TEXT PRIMARY KEY,
        value BLOB NOT NULL
      );
    `,
  },
  {
    version: SCALE_MIGRATION,
    name: 'at scale: search documents per ticket in activity order, unread counts per user, message counts',
    // rebuilds from tickets, messages and read state: about a minute per million messages (see README, Growth)
    sql: [
      {
        step: 'message counts',
        sql: `
          ALTER TABLE tickets ADD COLUMN message_count INTEGER NOT NULL DEFAULT 0;
          UPDATE tickets SET message_count = (SELECT count(*) FROM messages m WHERE m.ticket_id = tickets.id);
          CREATE INDEX users_role ON users(role);
          CREATE INDEX memberships_establishment ON memberships(establishment_id, role);
        `,
      },
      { step: 'unread counts per user', sql: `${UNREAD_TABLE}; ${unreadRows('1 = 1')}; ${UNREAD_INDEXES}` },
      { step: 'search documents per ticket', sql: `DROP TABLE ticket_text; ${SEARCH_TABLES}; ${indexTickets('1 = 1')};` },
      { step: 'search vocabulary', sql: LEARN_INDEXED_TERMS },
    ],
  },
];
