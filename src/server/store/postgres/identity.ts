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
import type { PgDatabase, Queryable, Row } from './database.ts';

/** Organisation, people, tokens and login throttling on PostgreSQL. */
export class PgIdentityStore implements IdentityStore {
  private readonly db: PgDatabase;

  constructor(db: PgDatabase) {
    this.db = db;
  }

  async loadOrganisation(seed: OrganisationSeed): Promise<SeedResult> {
    // several instances may load the same seed at start-up: ON CONFLICT DO NOTHING makes the second a no-op
    return this.db.transaction(async (tx) => {
      const result: SeedResult = { companies: 0, establishments: 0, users: 0 };
      const establishmentIds = new Map<string, number>();
      let lastCompanyId: number | null = null;
      for (const company of seed.companies) {
        const inserted = await tx.query('INSERT INTO companies (siren, name) VALUES ($1, $2) ON CONFLICT (siren) DO NOTHING RETURNING id', [
          company.siren,
          company.name,
        ]);
        result.companies += inserted.length;
        const companyId = Number((await tx.one('SELECT id FROM companies WHERE siren = $1', [company.siren]))!.id);
        lastCompanyId = companyId;
        for (const est of company.establishments) {
          const r = await tx.query(
            'INSERT INTO establishments (company_id, siret, name) VALUES ($1, $2, $3) ON CONFLICT (siret) DO NOTHING RETURNING id',
            [companyId, est.siret, est.name],
          );
          result.establishments += r.length;
          establishmentIds.set(est.siret, Number((await tx.one('SELECT id FROM establishments WHERE siret = $1', [est.siret]))!.id));
        }
      }
      for (const user of seed.users) {
        const sirets = [...user.admin, ...user.employee];
        // A customer belongs to the company of its establishments; agents belong to none.
        const companyId = user.role === 'agent' ? null : sirets.length > 0 ? await companyOfSiret(tx, sirets[0]!) : lastCompanyId;
        const inserted = await tx.one(
          `INSERT INTO users (email, name, role, company_id, password_hash) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (email) DO NOTHING RETURNING id`,
          [user.email.toLowerCase(), user.name, user.role, companyId, user.passwordHash],
        );
        if (!inserted) continue; // an existing user keeps its password and memberships
        result.users++;
        for (const [role, list] of [
          ['admin', user.admin],
          ['employee', user.employee],
        ] as const) {
          for (const siret of list) {
            const estId =
              establishmentIds.get(siret) ?? (await tx.one<{ id: number }>('SELECT id FROM establishments WHERE siret = $1', [siret]))?.id;
            if (estId === undefined) throw new Error(`unknown establishment ${siret}`);
            await tx.query('INSERT INTO memberships (user_id, establishment_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
              inserted.id,
              estId,
              role,
            ]);
          }
        }
      }
      return result;
    });
  }

  async findUserByEmail(email: string): Promise<UserRow | undefined> {
    const row = await this.db.one('SELECT * FROM users WHERE email = $1', [email.toLowerCase()]);
    return row && toUser(row);
  }

  async getUser(id: number): Promise<UserRow | undefined> {
    const row = await this.db.one('SELECT * FROM users WHERE id = $1', [id]);
    return row && toUser(row);
  }

  async membershipsOf(userId: number): Promise<MembershipRow[]> {
    const rows = await this.db.query('SELECT establishment_id, role FROM memberships WHERE user_id = $1 ORDER BY establishment_id', [
      userId,
    ]);
    return rows.map((r) => ({ establishmentId: Number(r.establishment_id), role: r.role as MembershipRow['role'] }));
  }

  async getCompany(id: number): Promise<CompanyRow | undefined> {
    return this.db.one<CompanyRow>('SELECT id, siren, name, mark_read AS "markRead" FROM companies WHERE id = $1', [id]);
  }

  async companyBySiren(siren: string): Promise<CompanyRow | undefined> {
    return this.db.one<CompanyRow>('SELECT id, siren, name, mark_read AS "markRead" FROM companies WHERE siren = $1', [siren]);
  }

  async establishmentsByIds(ids: number[]): Promise<EstablishmentRow[]> {
    if (ids.length === 0) return [];
    return (await this.db.query('SELECT * FROM establishments WHERE id = ANY($1::bigint[]) ORDER BY name COLLATE "C"', [ids])).map(
      toEstablishment,
    );
  }

  async allEstablishments(): Promise<EstablishmentRow[]> {
    return (await this.db.query('SELECT * FROM establishments ORDER BY name COLLATE "C"')).map(toEstablishment);
  }

  async insertToken(t: NewToken): Promise<TokenRow> {
    const row = await this.db.one(
      `INSERT INTO tokens (user_id, kind, name, token_hash, prefix, scopes, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [t.userId, t.kind, t.name, t.tokenHash, t.prefix, t.scopes, t.createdAt, t.expiresAt],
    );
    return { ...t, id: Number(row!.id), lastUsedAt: null, revokedAt: null };
  }

  async findTokenByHash(hash: string): Promise<TokenRow | undefined> {
    const row = await this.db.one('SELECT * FROM tokens WHERE token_hash = $1', [hash]);
    return row && toToken(row);
  }

  async touchToken(id: number, at: string): Promise<void> {
    await this.db.query('UPDATE tokens SET last_used_at = $1 WHERE id = $2', [at, id]);
  }

  async listTokens(userId: number, kind: TokenKind): Promise<TokenRow[]> {
    return (await this.db.query('SELECT * FROM tokens WHERE user_id = $1 AND kind = $2 ORDER BY id', [userId, kind])).map(toToken);
  }

  async revokeToken(userId: number, id: number, at: string): Promise<boolean> {
    // the row lock of the UPDATE makes a concurrent second revocation find revoked_at set: it changes nothing
    const rows = await this.db.query(
      'UPDATE tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL RETURNING id',
      [at, id, userId],
    );
    return rows.length > 0;
  }

  async loginFailures(key: string): Promise<LoginFailures | undefined> {
    const row = await this.db.one('SELECT count, last_failed_at FROM login_failures WHERE key = $1', [key]);
    return row && { count: Number(row.count), lastFailedAt: String(row.last_failed_at) };
  }

  async recordLoginFailure(key: string, at: string): Promise<LoginFailures> {
    const row = await this.db.one(
      `INSERT INTO login_failures (key, count, last_failed_at) VALUES ($1, 1, $2)
       ON CONFLICT (key) DO UPDATE SET count = login_failures.count + 1, last_failed_at = excluded.last_failed_at
       RETURNING count, last_failed_at`,
      [key, at],
    );
    return { count: Number(row!.count), lastFailedAt: String(row!.last_failed_at) };
  }

  async clearLoginFailures(key: string): Promise<void> {
    await this.db.query('DELETE FROM login_failures WHERE key = $1', [key]);
  }
}

async function companyOfSiret(tx: Queryable, siret: string): Promise<number | null> {
  const row = await tx.one('SELECT company_id FROM establishments WHERE siret = $1', [siret]);
  return row ? Number(row.company_id) : null;
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
    scopes: r.scopes as string[],
    createdAt: String(r.created_at),
    expiresAt: String(r.expires_at),
    lastUsedAt: r.last_used_at ?? null,
    revokedAt: r.revoked_at ?? null,
  };
}
