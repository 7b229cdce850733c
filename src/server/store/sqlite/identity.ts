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
import { placeholders, type Row, type SqliteDatabase } from './database.ts';
import { unreadRows } from './derived.ts';

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
        // what the new user sees arrived before them: all of it unread
        sql.run(unreadRows('1 = 1', '?1'), userId);
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
    return this.sql.get<CompanyRow>('SELECT id, siren, name, mark_read AS markRead, language FROM companies WHERE id = ?', id);
  }

  async companyBySiren(siren: string): Promise<CompanyRow | undefined> {
    return this.sql.get<CompanyRow>('SELECT id, siren, name, mark_read AS markRead, language FROM companies WHERE siren = ?', siren);
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
    // with the request's other writes: one commit
    this.sql.transaction(() => this.sql.run('UPDATE tokens SET last_used_at = ? WHERE id = ?', at, id));
  }

  async listTokens(userId: number, kind: TokenKind): Promise<TokenRow[]> {
    return this.sql.all<Row>('SELECT * FROM tokens WHERE user_id = ? AND kind = ? ORDER BY id', userId, kind).map(toToken);
  }

  async revokeToken(userId: number, id: number, at: string): Promise<boolean> {
    const r = this.sql.run('UPDATE tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL', at, id, userId);
    return r.changes > 0;
  }

  async admitLogin<R>(
    keys: string[],
    decide: (states: LoginThrottleState[]) => 'admit' | R,
    at: string,
    pendingTtlMs: number,
  ): Promise<'admit' | R> {
    return this.sql.transaction(() => {
      const states = keys.map((key): LoginThrottleState => {
        const r = this.sql.get<Row>('SELECT count, last_failed_at, pending, pending_until FROM login_throttle WHERE key = ?', key);
        return {
          count: r ? Number(r.count) : 0,
          lastFailedAt: r?.last_failed_at ? String(r.last_failed_at) : null,
          pending: r?.pending_until && String(r.pending_until) > at ? Number(r.pending) : 0,
        };
      });
      const answer = decide(states);
      if (answer === 'admit') {
        const until = new Date(Date.parse(at) + pendingTtlMs).toISOString();
        for (const key of keys)
          this.sql.run(
            `INSERT INTO login_throttle (key, pending, pending_until) VALUES (?1, 1, ?2)
             ON CONFLICT (key) DO UPDATE SET pending = CASE WHEN pending_until > ?3 THEN pending + 1 ELSE 1 END, pending_until = ?2`,
            key,
            until,
            at,
          );
      }
      return answer;
    });
  }

  async settleLogin(keys: string[], outcome: { failed: boolean; clear: string[] }, at: string, forgetAfterMs: number): Promise<void> {
    const forgotten = new Date(Date.parse(at) - forgetAfterMs).toISOString();
    this.sql.transaction(() => {
      for (const key of keys)
        this.sql.run(
          `INSERT INTO login_throttle (key, count, last_failed_at) VALUES (?1, ?2, CASE WHEN ?2 = 1 THEN ?3 END)
           ON CONFLICT (key) DO UPDATE SET
             pending = CASE WHEN pending_until > ?3 AND pending > 0 THEN pending - 1 ELSE 0 END,
             count = CASE WHEN ?2 = 0 THEN count WHEN last_failed_at IS NULL OR last_failed_at < ?4 THEN 1 ELSE count + 1 END,
             last_failed_at = CASE WHEN ?2 = 1 THEN ?3 ELSE last_failed_at END`,
          key,
          outcome.failed ? 1 : 0,
          at,
          forgotten,
        );
      for (const key of outcome.clear) this.sql.run('UPDATE login_throttle SET count = 0, last_failed_at = NULL WHERE key = ?', key);
      // nothing left to remember: no row
      for (const key of keys) this.sql.run('DELETE FROM login_throttle WHERE key = ? AND count = 0 AND pending = 0', key);
    });
  }

  async forgetSettledLogins(failedBefore: string, at: string, batch: number): Promise<number> {
    return this.sql.transaction(() =>
      Number(
        this.sql.run(
          `DELETE FROM login_throttle WHERE key IN (
             SELECT key FROM login_throttle
             WHERE (last_failed_at IS NULL OR last_failed_at < ?1) AND (pending = 0 OR pending_until IS NULL OR pending_until <= ?2)
             LIMIT ?3)`,
          failedBefore,
          at,
          batch,
        ).changes,
      ),
    );
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
