import type {
  CompanyRow,
  EstablishmentRow,
  IdentityStore,
  LoginFailures,
  MembershipRow,
  NewToken,
  OrganisationSeed,
  SeedResult,
  TokenKind,
  TokenRow,
  UserRow,
} from '../store.ts';
import { placeholders, type Row, type SqliteDatabase } from './database.ts';

/** Organisation, people, tokens and login throttling on SQLite. */
export class SqliteIdentityStore implements IdentityStore {
  private readonly sql: SqliteDatabase;

  constructor(sql: SqliteDatabase) {
    this.sql = sql;
  }

  async loadOrganisation(seed: OrganisationSeed): Promise<SeedResult> {
    const sql = this.sql;
    return sql.transaction(() => {
      const result: SeedResult = { companies: 0, establishments: 0, users: 0 };
      const establishmentIds = new Map<string, number>();
      let lastCompanyId: number | null = null;
      for (const company of seed.companies) {
        const inserted = sql.run(
          'INSERT INTO companies (siren, name) VALUES (?, ?) ON CONFLICT (siren) DO NOTHING',
          company.siren,
          company.name,
        );
        result.companies += Number(inserted.changes);
        const companyId = sql.get<{ id: number }>('SELECT id FROM companies WHERE siren = ?', company.siren)!.id;
        lastCompanyId = companyId;
        for (const est of company.establishments) {
          const r = sql.run(
            'INSERT INTO establishments (company_id, siret, name) VALUES (?, ?, ?) ON CONFLICT (siret) DO NOTHING',
            companyId,
            est.siret,
            est.name,
          );
          result.establishments += Number(r.changes);
          establishmentIds.set(est.siret, sql.get<{ id: number }>('SELECT id FROM establishments WHERE siret = ?', est.siret)!.id);
        }
      }
      for (const user of seed.users) {
        const sirets = [...user.admin, ...user.employee];
        // A customer belongs to the company of its establishments; agents belong to none.
        const companyId = user.role === 'agent' ? null : sirets.length > 0 ? this.companyOfSiret(sirets[0]!) : lastCompanyId;
        const r = sql.run(
          'INSERT INTO users (email, name, role, company_id, password_hash) VALUES (?, ?, ?, ?, ?) ON CONFLICT (email) DO NOTHING',
          user.email.toLowerCase(),
          user.name,
          user.role,
          companyId,
          user.passwordHash,
        );
        result.users += Number(r.changes);
        if (r.changes === 0) continue; // an existing user keeps its password and memberships
        const userId = Number(r.lastInsertRowid);
        for (const [role, list] of [
          ['admin', user.admin],
          ['employee', user.employee],
        ] as const) {
          for (const siret of list) {
            const estId =
              establishmentIds.get(siret) ?? sql.get<{ id: number }>('SELECT id FROM establishments WHERE siret = ?', siret)?.id;
            if (estId === undefined) throw new Error(`unknown establishment ${siret}`);
            sql.run(
              'INSERT INTO memberships (user_id, establishment_id, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
              userId,
              estId,
              role,
            );
          }
        }
      }
      return result;
    });
  }

  private companyOfSiret(siret: string): number | null {
    return this.sql.get<{ company_id: number }>('SELECT company_id FROM establishments WHERE siret = ?', siret)?.company_id ?? null;
  }

  async findUserByEmail(email: string): Promise<UserRow | undefined> {
    const row = this.sql.get<Row>('SELECT * FROM users WHERE email = ?', email.toLowerCase());
    return row && toUser(row);
  }

  async getUser(id: number): Promise<UserRow | undefined> {
    const row = this.sql.get<Row>('SELECT * FROM users WHERE id = ?', id);
    return row && toUser(row);
  }

  async membershipsOf(userId: number): Promise<MembershipRow[]> {
    return this.sql
      .all<Row>('SELECT establishment_id, role FROM memberships WHERE user_id = ? ORDER BY establishment_id', userId)
      .map((r) => ({ establishmentId: Number(r.establishment_id), role: r.role as MembershipRow['role'] }));
  }

  async getCompany(id: number): Promise<CompanyRow | undefined> {
    return this.sql.get<CompanyRow>('SELECT id, siren, name, mark_read AS markRead FROM companies WHERE id = ?', id);
  }

  async companyBySiren(siren: string): Promise<CompanyRow | undefined> {
    return this.sql.get<CompanyRow>('SELECT id, siren, name, mark_read AS markRead FROM companies WHERE siren = ?', siren);
  }

  async establishmentsByIds(ids: number[]): Promise<EstablishmentRow[]> {
    if (ids.length === 0) return [];
    return this.sql
      .all<Row>(`SELECT * FROM establishments WHERE id IN (${placeholders(ids.length)}) ORDER BY name`, ...ids)
      .map(toEstablishment);
  }

  async allEstablishments(): Promise<EstablishmentRow[]> {
    return this.sql.all<Row>('SELECT * FROM establishments ORDER BY name').map(toEstablishment);
  }

  async insertToken(t: NewToken): Promise<TokenRow> {
    const r = this.sql.run(
      'INSERT INTO tokens (user_id, kind, name, token_hash, prefix, scopes, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      t.userId,
      t.kind,
      t.name,
      t.tokenHash,
      t.prefix,
      JSON.stringify(t.scopes),
      t.createdAt,
      t.expiresAt,
    );
    return { ...t, id: Number(r.lastInsertRowid), lastUsedAt: null, revokedAt: null };
  }

  async findTokenByHash(hash: string): Promise<TokenRow | undefined> {
    const row = this.sql.get<Row>('SELECT * FROM tokens WHERE token_hash = ?', hash);
    return row && toToken(row);
  }

  async touchToken(id: number, at: string): Promise<void> {
    this.sql.run('UPDATE tokens SET last_used_at = ? WHERE id = ?', at, id);
  }

  async listTokens(userId: number, kind: TokenKind): Promise<TokenRow[]> {
    return this.sql.all<Row>('SELECT * FROM tokens WHERE user_id = ? AND kind = ? ORDER BY id', userId, kind).map(toToken);
  }

  async revokeToken(userId: number, id: number, at: string): Promise<boolean> {
    const r = this.sql.run('UPDATE tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL', at, id, userId);
    return r.changes > 0;
  }

  async loginFailures(key: string): Promise<LoginFailures | undefined> {
    const row = this.sql.get<Row>('SELECT count, last_failed_at FROM login_failures WHERE key = ?', key);
    return row && { count: Number(row.count), lastFailedAt: String(row.last_failed_at) };
  }

  async recordLoginFailure(key: string, at: string): Promise<LoginFailures> {
    const row = this.sql.get<Row>(
      `INSERT INTO login_failures (key, count, last_failed_at) VALUES (?, 1, ?)
       ON CONFLICT (key) DO UPDATE SET count = count + 1, last_failed_at = excluded.last_failed_at
       RETURNING count, last_failed_at`,
      key,
      at,
    )!;
    return { count: Number(row.count), lastFailedAt: String(row.last_failed_at) };
  }

  async clearLoginFailures(key: string): Promise<void> {
    this.sql.run('DELETE FROM login_failures WHERE key = ?', key);
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
