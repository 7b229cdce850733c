import type {
  CompanyRow,
  EstablishmentRow,
  IdentityStore,
  LoginThrottleState,
  MembershipRow,
  NewToken,
  OrganisationSeed,
  SeedResult,
  TokenKind,
  TokenRow,
  UserRow,
} from '../store.ts';
import type { PgDatabase, Queryable, Row } from './database.ts';
import { unreadRows } from './derived.ts';

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
        // what the new user sees arrived before them: all of it unread
        await tx.query(unreadRows('true', '$1'), [inserted.id]);
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
    return this.db.one<CompanyRow>('SELECT id, siren, name, mark_read AS "markRead", language FROM companies WHERE id = $1', [id]);
  }

  async companyBySiren(siren: string): Promise<CompanyRow | undefined> {
    return this.db.one<CompanyRow>('SELECT id, siren, name, mark_read AS "markRead", language FROM companies WHERE siren = $1', [siren]);
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

  async admitLogin<R>(
    keys: string[],
    decide: (states: LoginThrottleState[]) => 'admit' | R,
    at: string,
    pendingTtlMs: number,
  ): Promise<'admit' | R> {
    const sorted = [...new Set(keys)].sort();
    return this.db.transaction(async (tx) => {
      // The keys' rows, made if missing and locked, in one order (no deadlock between two admissions), in one
      // statement: an insert that did nothing followed by SELECT … FOR UPDATE found no row when a settled login
      // deleted it in between (every login from one address shares its key), and answered 500.
      const rows = await tx.query(
        `INSERT INTO login_throttle (key) SELECT k FROM unnest($1::text[]) AS k ORDER BY k
         ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key
         RETURNING key, count, last_failed_at, CASE WHEN pending_until > $2 THEN pending ELSE 0 END AS pending`,
        [sorted, at],
      );
      const byKey = new Map(rows.map((r) => [String(r.key), r]));
      const answer = decide(
        keys.map((key) => {
          const r = byKey.get(key)!;
          return { count: Number(r.count), lastFailedAt: r.last_failed_at ?? null, pending: Number(r.pending) };
        }),
      );
      if (answer === 'admit')
        await tx.query(
          `UPDATE login_throttle SET pending = CASE WHEN pending_until > $2 THEN pending + 1 ELSE 1 END,
             pending_until = $2::timestamptz + make_interval(secs => $3::double precision / 1000)
           WHERE key = ANY($1::text[])`,
          [sorted, at, pendingTtlMs],
        );
      return answer;
    });
  }

  async settleLogin(keys: string[], outcome: { failed: boolean; clear: string[] }, at: string, forgetAfterMs: number): Promise<void> {
    const sorted = [...new Set(keys)].sort();
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO login_throttle (key, count, last_failed_at)
         SELECT k, CASE WHEN $2 THEN 1 ELSE 0 END, CASE WHEN $2 THEN $3::timestamptz END FROM unnest($1::text[]) AS k ORDER BY k
         ON CONFLICT (key) DO UPDATE SET
           pending = CASE WHEN login_throttle.pending_until > $3 AND login_throttle.pending > 0 THEN login_throttle.pending - 1 ELSE 0 END,
           count = CASE WHEN NOT $2 THEN login_throttle.count
             WHEN login_throttle.last_failed_at IS NULL
               OR login_throttle.last_failed_at < $3::timestamptz - make_interval(secs => $4::double precision / 1000) THEN 1
             ELSE login_throttle.count + 1 END,
           last_failed_at = CASE WHEN $2 THEN $3::timestamptz ELSE login_throttle.last_failed_at END`,
        [sorted, outcome.failed, at, forgetAfterMs],
      );
      if (outcome.clear.length)
        await tx.query('UPDATE login_throttle SET count = 0, last_failed_at = NULL WHERE key = ANY($1::text[])', [outcome.clear]);
      // nothing left to remember: no row
      await tx.query('DELETE FROM login_throttle WHERE key = ANY($1::text[]) AND count = 0 AND pending = 0', [sorted]);
    });
  }
  async forgetSettledLogins(failedBefore: string, at: string, batch: number): Promise<number> {
    // SKIP LOCKED: rows a login holds right now are its business; they are looked at again next time
    return this.db.run(
      `DELETE FROM login_throttle WHERE key IN (
         SELECT key FROM login_throttle
         WHERE (last_failed_at IS NULL OR last_failed_at < $1) AND (pending = 0 OR pending_until IS NULL OR pending_until <= $2)
         LIMIT $3 FOR UPDATE SKIP LOCKED)`,
      [failedBefore, at, batch],
    );
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
