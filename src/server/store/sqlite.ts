import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { sqliteMigrations, type Migration } from './sqlite-migrations.ts';
import type {
  CompanyRow,
  EstablishmentRow,
  LoginFailures,
  MembershipRow,
  NewToken,
  OrganisationSeed,
  SeedResult,
  Store,
  TokenKind,
  TokenRow,
  UserRow,
} from './store.ts';

type Row = Record<string, SQLInputValue>;

/**
 * The embedded store. node:sqlite is synchronous, so each method runs start to finish without another request
 * interleaving: a method that writes several rows wraps them in one transaction and is atomic.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly db: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new DatabaseSync(path);
    // WAL keeps readers off writers' backs; NORMAL sync is durable across a process crash (kill -9),
    // which is what a server needs; only a power cut can lose the last commits.
    if (path !== ':memory:') this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
    this.db.exec('PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
    migrate(this.db, sqliteMigrations);
  }

  async close(): Promise<void> {
    if (this.db.isOpen) this.db.close();
  }

  /** Prepared statements are cached: preparing is the expensive part of a small query. */
  protected stmt(sql: string): StatementSync {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  protected get<T>(sql: string, ...params: SQLInputValue[]): T | undefined {
    return this.stmt(sql).get(...params) as T | undefined;
  }

  protected all<T>(sql: string, ...params: SQLInputValue[]): T[] {
    return this.stmt(sql).all(...params) as T[];
  }

  protected run(sql: string, ...params: SQLInputValue[]) {
    return this.stmt(sql).run(...params);
  }

  /** Runs fn in one IMMEDIATE transaction; any throw rolls everything back. */
  protected transaction<T>(fn: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = fn();
      this.db.exec('COMMIT');
      return result;
    } catch (err) {
      this.db.exec('ROLLBACK');
      throw err;
    }
  }

  async loadOrganisation(seed: OrganisationSeed): Promise<SeedResult> {
    return this.transaction(() => {
      const result: SeedResult = { companies: 0, establishments: 0, users: 0 };
      const establishmentIds = new Map<string, number>();
      let lastCompanyId: number | null = null;
      for (const company of seed.companies) {
        const inserted = this.run('INSERT INTO companies (siren, name) VALUES (?, ?) ON CONFLICT (siren) DO NOTHING', company.siren, company.name);
        result.companies += Number(inserted.changes);
        const companyId = this.get<{ id: number }>('SELECT id FROM companies WHERE siren = ?', company.siren)!.id;
        lastCompanyId = companyId;
        for (const est of company.establishments) {
          const r = this.run('INSERT INTO establishments (company_id, siret, name) VALUES (?, ?, ?) ON CONFLICT (siret) DO NOTHING', companyId, est.siret, est.name);
          result.establishments += Number(r.changes);
          establishmentIds.set(est.siret, this.get<{ id: number }>('SELECT id FROM establishments WHERE siret = ?', est.siret)!.id);
        }
      }
      for (const user of seed.users) {
        const sirets = [...user.admin, ...user.employee];
        // A customer belongs to the company of its establishments; agents belong to none.
        const companyId = user.role === 'agent' ? null : (sirets.length > 0 ? this.companyOfSiret(sirets[0]!) : lastCompanyId);
        const r = this.run(
          'INSERT INTO users (email, name, role, company_id, password_hash) VALUES (?, ?, ?, ?, ?) ON CONFLICT (email) DO NOTHING',
          user.email.toLowerCase(), user.name, user.role, companyId, user.passwordHash,
        );
        result.users += Number(r.changes);
        if (r.changes === 0) continue; // an existing user keeps its password and memberships
        const userId = Number(r.lastInsertRowid);
        for (const [role, list] of [['admin', user.admin], ['employee', user.employee]] as const) {
          for (const siret of list) {
            const estId = establishmentIds.get(siret) ?? this.get<{ id: number }>('SELECT id FROM establishments WHERE siret = ?', siret)?.id;
            if (estId === undefined) throw new Error(`unknown establishment ${siret}`);
            this.run('INSERT INTO memberships (user_id, establishment_id, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', userId, estId, role);
          }
        }
      }
      return result;
    });
  }

  private companyOfSiret(siret: string): number | null {
    return this.get<{ company_id: number }>('SELECT company_id FROM establishments WHERE siret = ?', siret)?.company_id ?? null;
  }

  async findUserByEmail(email: string): Promise<UserRow | undefined> {
    const row = this.get<Row>('SELECT * FROM users WHERE email = ?', email.toLowerCase());
    return row && toUser(row);
  }

  async getUser(id: number): Promise<UserRow | undefined> {
    const row = this.get<Row>('SELECT * FROM users WHERE id = ?', id);
    return row && toUser(row);
  }

  async membershipsOf(userId: number): Promise<MembershipRow[]> {
    return this.all<Row>('SELECT establishment_id, role FROM memberships WHERE user_id = ? ORDER BY establishment_id', userId).map((r) => ({
      establishmentId: Number(r.establishment_id),
      role: r.role as MembershipRow['role'],
    }));
  }

  async getCompany(id: number): Promise<CompanyRow | undefined> {
    return this.get<CompanyRow>('SELECT id, siren, name FROM companies WHERE id = ?', id);
  }

  async establishmentsByIds(ids: number[]): Promise<EstablishmentRow[]> {
    if (ids.length === 0) return [];
    return this.all<Row>(`SELECT * FROM establishments WHERE id IN (${ids.map(() => '?').join(',')}) ORDER BY name`, ...ids).map(toEstablishment);
  }

  async allEstablishments(): Promise<EstablishmentRow[]> {
    return this.all<Row>('SELECT * FROM establishments ORDER BY name').map(toEstablishment);
  }

  async insertToken(t: NewToken): Promise<TokenRow> {
    const r = this.run(
      'INSERT INTO tokens (user_id, kind, name, token_hash, prefix, scopes, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      t.userId, t.kind, t.name, t.tokenHash, t.prefix, JSON.stringify(t.scopes), t.createdAt, t.expiresAt,
    );
    return { ...t, id: Number(r.lastInsertRowid), lastUsedAt: null, revokedAt: null };
  }

  async findTokenByHash(hash: string): Promise<TokenRow | undefined> {
    const row = this.get<Row>('SELECT * FROM tokens WHERE token_hash = ?', hash);
    return row && toToken(row);
  }

  async touchToken(id: number, at: string): Promise<void> {
    this.run('UPDATE tokens SET last_used_at = ? WHERE id = ?', at, id);
  }

  async listTokens(userId: number, kind: TokenKind): Promise<TokenRow[]> {
    return this.all<Row>('SELECT * FROM tokens WHERE user_id = ? AND kind = ? ORDER BY id', userId, kind).map(toToken);
  }

  async revokeToken(userId: number, id: number, at: string): Promise<boolean> {
    const r = this.run('UPDATE tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL', at, id, userId);
    return r.changes > 0;
  }

  async loginFailures(key: string): Promise<LoginFailures | undefined> {
    const row = this.get<Row>('SELECT count, last_failed_at FROM login_failures WHERE key = ?', key);
    return row && { count: Number(row.count), lastFailedAt: String(row.last_failed_at) };
  }

  async recordLoginFailure(key: string, at: string): Promise<LoginFailures> {
    const row = this.get<Row>(
      `INSERT INTO login_failures (key, count, last_failed_at) VALUES (?, 1, ?)
       ON CONFLICT (key) DO UPDATE SET count = count + 1, last_failed_at = excluded.last_failed_at
       RETURNING count, last_failed_at`,
      key, at,
    )!;
    return { count: Number(row.count), lastFailedAt: String(row.last_failed_at) };
  }

  async clearLoginFailures(key: string): Promise<void> {
    this.run('DELETE FROM login_failures WHERE key = ?', key);
  }
}

function migrate(db: DatabaseSync, migrations: Migration[]): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as Row[]).map((r) => Number(r.version)));
  const newest = Math.max(0, ...applied);
  const known = Math.max(0, ...migrations.map((m) => m.version));
  if (newest > known) {
    throw new Error(`this database has schema version ${newest}, newer than this tix knows (${known}); upgrade tix`);
  }
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
      db.exec('COMMIT');
    } catch (err) {
      db.exec('ROLLBACK');
      throw err;
    }
  }
}

function toUser(r: Row): UserRow {
  return {
    id: Number(r.id),
    email: String(r.email),
    name: String(r.name),
    role: r.role as UserRow['role'],
    companyId: r.company_id === null ? null : Number(r.company_id),
    passwordHash: String(r.password_hash),
  };
}

function toEstablishment(r: Row): EstablishmentRow {
  return { id: Number(r.id), companyId: Number(r.company_id), siret: String(r.siret), name: String(r.name) };
}

function toToken(r: Row): TokenRow {
  return {
    id: Number(r.id),
    userId: Number(r.user_id),
    kind: r.kind as TokenKind,
    name: String(r.name),
    tokenHash: String(r.token_hash),
    prefix: String(r.prefix),
    scopes: JSON.parse(String(r.scopes)) as string[],
    createdAt: String(r.created_at),
    expiresAt: String(r.expires_at),
    lastUsedAt: r.last_used_at === null ? null : String(r.last_used_at),
    revokedAt: r.revoked_at === null ? null : String(r.revoked_at),
  };
}
