// Versioned schema for the SQLite store. Append only: a shipped migration is never edited, a new version
// is added instead. Types stay portable (INTEGER, TEXT; JSON kept as TEXT; times as RFC 3339 UTC text,
// which sorts in time order) so the PostgreSQL store can mirror them.

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

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
];
