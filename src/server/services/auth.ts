import type { LoginResult, Me, UserRole } from '../../api/types.ts';
import { ApiError, unauthorized } from '../errors.ts';
import { decoyHash, hashToken, newToken, verifyPassword } from '../secrets.ts';
import type { Store, UserRow } from '../store/store.ts';
import type { Clock, Principal } from './principal.ts';

export interface AuthOptions {
  /** lifetime of a session token from `auth login` */
  sessionTtlMs: number;
  /** failed logins allowed before the account is slowed down */
  freeFailures: number;
  /** cap of the slow-down between attempts */
  maxLockoutMs: number;
}

export const defaultAuthOptions: AuthOptions = { sessionTtlMs: 30 * 24 * 3600_000, freeFailures: 5, maxLockoutMs: 15 * 60_000 };

export class AuthService {
  private readonly store: Store;
  private readonly clock: Clock;
  private readonly options: AuthOptions;

  constructor(store: Store, clock: Clock, options: AuthOptions = defaultAuthOptions) {
    this.store = store;
    this.clock = clock;
    this.options = options;
  }

  async login(email: string, password: string): Promise<LoginResult> {
    const key = email.trim().toLowerCase();
    await this.refuseWhileLockedOut(key);
    const user = await this.store.identity.findUserByEmail(key);
    // Verify against a decoy when the user is unknown: same cost, same answer, no account enumeration.
    const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
    if (!user || !ok) {
      await this.store.identity.recordLoginFailure(key, this.clock.now().toISOString());
      throw unauthorized('wrong e-mail or password');
    }
    await this.store.identity.clearLoginFailures(key);
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.options.sessionTtlMs).toISOString();
    const t = newToken('session');
    await this.store.identity.insertToken({
      userId: user.id,
      kind: 'session',
      name: 'tix auth login',
      tokenHash: t.hash,
      prefix: t.prefix,
      scopes: ['*'],
      createdAt: now.toISOString(),
      expiresAt,
    });
    return { token: t.token, expiresAt, user: { email: user.email, name: user.name, role: await this.roleOf(user) } };
  }

  /** Repeated failures slow the account down: after the free ones, each waits twice as long (capped). */
  private async refuseWhileLockedOut(key: string): Promise<void> {
    const failures = await this.store.identity.loginFailures(key);
    if (!failures || failures.count < this.options.freeFailures) return;
    const waitMs = Math.min(1000 * 2 ** (failures.count - this.options.freeFailures), this.options.maxLockoutMs);
    const until = Date.parse(failures.lastFailedAt) + waitMs;
    const left = until - this.clock.now().getTime();
    if (left > 0) {
      const seconds = Math.ceil(left / 1000);
      throw new ApiError(429, 'too_many_attempts', `too many failed logins for ${key}; try again in ${seconds}s`, {
        headers: { 'retry-after': String(seconds) },
      });
    }
  }

  async authenticate(authorization: string | undefined): Promise<Principal> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) throw unauthorized();
    const token = await this.store.identity.findTokenByHash(hashToken(match[1]!));
    if (!token) throw unauthorized('this token is not valid on this server; run: tix auth login');
    const now = this.clock.now();
    if (token.revokedAt) throw unauthorized('this token was revoked; run: tix auth login');
    if (Date.parse(token.expiresAt) <= now.getTime()) throw unauthorized('this token has expired; run: tix auth login');
    const user = await this.store.identity.getUser(token.userId);
    if (!user) throw unauthorized();
    // last-used is informative; writing it at most once a minute keeps reads cheap
    if (!token.lastUsedAt || now.getTime() - Date.parse(token.lastUsedAt) > 60_000)
      await this.store.identity.touchToken(token.id, now.toISOString());
    const memberships = await this.store.identity.membershipsOf(user.id);
    const adminOf = new Set(memberships.filter((m) => m.role === 'admin').map((m) => m.establishmentId));
    return { user, role: roleFrom(user, adminOf.size), adminOf, token };
  }

  async logout(p: Principal): Promise<void> {
    await this.store.identity.revokeToken(p.user.id, p.token.id, this.clock.now().toISOString());
  }

  async me(p: Principal): Promise<Me> {
    const company = p.user.companyId === null ? undefined : await this.store.identity.getCompany(p.user.companyId);
    const establishments =
      p.role === 'agent' ? await this.store.identity.allEstablishments() : await this.store.identity.establishmentsByIds([...p.adminOf]);
    return {
      user: { email: p.user.email, name: p.user.name, role: p.role },
      company: company ? { siren: company.siren, name: company.name } : null,
      establishments: establishments.map((e) => ({ siret: e.siret, siren: e.siret.slice(0, 9), name: e.name })),
      token: { kind: p.token.kind, name: p.token.name, scopes: p.token.scopes, expiresAt: p.token.expiresAt },
    };
  }

  private async roleOf(user: UserRow): Promise<UserRole> {
    const memberships = await this.store.identity.membershipsOf(user.id);
    return roleFrom(user, memberships.filter((m) => m.role === 'admin').length);
  }
}

function roleFrom(user: UserRow, adminCount: number): UserRole {
  if (user.role === 'agent') return 'agent';
  return adminCount > 0 ? 'admin' : 'employee';
}
