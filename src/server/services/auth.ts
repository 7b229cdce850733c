import type { LoginResult, Me } from '../../api/types.ts';
import type { Locale } from '../../core/i18n.ts';
import type { Role } from '../../core/roles.ts';
import { ApiError, unauthorized } from '../errors.ts';
import { decoyHash, hashToken, newToken, verifyPassword } from '../secrets.ts';
import type { Store, UserRow } from '../store/store.ts';
import type { Clock, Principal } from './principal.ts';

export interface AuthOptions {
  /** lifetime of a session token from `auth login` */
  sessionTtlMs: number;
  /** failed logins for one account from one client address before that pair is slowed down */
  freeFailures: number;
  /** failed logins from one client address, whatever the accounts, before the address is slowed down */
  freeFailuresPerAddress: number;
  /** cap of the slow-down between attempts */
  maxLockoutMs: number;
  /** failures are forgotten after this long without another one */
  forgetFailuresAfterMs: number;
}

export const defaultAuthOptions: AuthOptions = {
  sessionTtlMs: 30 * 24 * 3600_000,
  freeFailures: 5,
  freeFailuresPerAddress: 20,
  maxLockoutMs: 15 * 60_000,
  forgetFailuresAfterMs: 3600_000,
};

/** An attempt admitted and not settled counts as pending this long at most (its process may have died). */
const PENDING_TTL_MS = 30_000;
/** how often an attempt waiting for the outcome of pending ones looks again */
const PENDING_POLL_MS = 25;

/** One throttled key: failures and attempts being checked, counted in the store for every instance. */
interface Throttle {
  key: string;
  free: number;
  /** the message of the 429, before "try again in Ns" */
  refusal: string;
}

export class AuthService {
  private readonly store: Store;
  private readonly clock: Clock;
  private readonly options: AuthOptions;

  constructor(store: Store, clock: Clock, options: AuthOptions = defaultAuthOptions) {
    this.store = store;
    this.clock = clock;
    this.options = options;
  }

  /**
   * Login throttling (README, "Login throttling"): failures are counted per account *and* client address, and
   * per client address whatever the account. Someone guessing a known user's password from elsewhere slows
   * down only their own address, never the user's. Each attempt is counted before the password is verified,
   * so parallel guesses cannot all slip in while the first ones are being checked. The counts live in the store:
   * several instances behind a load balancer throttle as one. `session` names the session, sets its lifetime and
   * what it may do: the web view's sessions are shorter than the CLI's, and read-only. `language` is the language
   * of the tix that logs in: the user's notification e-mails are in it until they choose one.
   */
  async login(
    email: string,
    password: string,
    clientAddress: string,
    session: { name: string; ttlMs: number; scopes: string[] } = {
      name: 'tix auth login',
      ttlMs: this.options.sessionTtlMs,
      scopes: ['*'],
    },
    language?: Locale,
  ): Promise<LoginResult> {
    const account = email.trim().toLowerCase();
    const address = addressKey(clientAddress);
    const throttles: Throttle[] = [
      { key: `address ${address}`, free: this.options.freeFailuresPerAddress, refusal: 'too many failed logins from your address' },
      { key: `account ${account} from ${address}`, free: this.options.freeFailures, refusal: `too many failed logins for ${account}` },
    ];
    await this.admit(throttles);
    let user: UserRow | undefined;
    let ok = false;
    try {
      user = await this.store.identity.findUserByEmail(account);
      // Verify against a decoy when the user is unknown: same cost, same answer, no account enumeration.
      ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
    } finally {
      // the outcome goes to the store with the end of the attempt: a failure counts on both keys, a success
      // clears its account-and-address count (an error counts as a failure: it proved nothing)
      await this.store.identity.settleLogin(
        throttles.map((t) => t.key),
        { failed: !(user && ok), clear: user && ok ? [throttles[1]!.key] : [] },
        this.clock.now().toISOString(),
        this.options.forgetFailuresAfterMs,
      );
    }
    if (!user || !ok) throw unauthorized('wrong e-mail or password', false, 'credentials');
    const now = this.clock.now();
    if (language) await this.store.notifications.noteLoginLanguage(user.id, language, now.toISOString());
    const expiresAt = new Date(now.getTime() + session.ttlMs).toISOString();
    const t = newToken('session');
    await this.store.identity.insertToken({
      userId: user.id,
      kind: 'session',
      name: session.name,
      tokenHash: t.hash,
      prefix: t.prefix,
      scopes: session.scopes,
      createdAt: now.toISOString(),
      expiresAt,
    });
    return { token: t.token, expiresAt, user: { email: user.email, name: user.name, role: await this.roleOf(user) } };
  }

  /**
   * Admits an attempt or throws 429. After its free failures a key waits 1 s, then twice as long after each
   * further failure (capped), and then admits one attempt at a time. Attempts being checked count like
   * failures: one that would exceed the free ones waits for their outcome (a burst of right passwords goes
   * through, a burst of wrong ones meets 429). The store decides and counts in one transaction with the keys'
   * rows locked, so two requests, on one instance or two, never both take the last free attempt.
   */
  /**
   * Background work: forgets up to `batch` login throttle rows with nothing left to count (no failure within
   * forgetFailuresAfterMs, none pending), which admit() already reads as no row; returns how many.
   */
  async forgetSettledLogins(batch: number): Promise<number> {
    const now = this.clock.now();
    const failedBefore = new Date(now.getTime() - this.options.forgetFailuresAfterMs).toISOString();
    return this.store.identity.forgetSettledLogins(failedBefore, now.toISOString(), batch);
  }

  private async admit(throttles: Throttle[]): Promise<void> {
    for (;;) {
      const now = this.clock.now().getTime();
      const answer = await this.store.identity.admitLogin(
        throttles.map((t) => t.key),
        (states) => {
          let pending = false;
          for (const [i, t] of throttles.entries()) {
            const state = states[i]!;
            const last = state.lastFailedAt ? Date.parse(state.lastFailedAt) : 0;
            const count = !state.lastFailedAt || now - last > this.options.forgetFailuresAfterMs ? 0 : state.count;
            if (count + state.pending < t.free || pending) continue;
            if (state.pending > 0) {
              pending = true;
              continue;
            }
            const waitMs = Math.min(1000 * 2 ** (count - t.free), this.options.maxLockoutMs) - (now - last);
            if (waitMs > 0) return { refused: t, seconds: Math.ceil(waitMs / 1000) };
          }
          return pending ? ('wait' as const) : ('admit' as const);
        },
        new Date(now).toISOString(),
        PENDING_TTL_MS,
      );
      if (answer === 'admit') return;
      if (answer !== 'wait')
        throw new ApiError(429, 'too_many_attempts', `${answer.refused.refusal}; try again in ${answer.seconds}s`, {
          headers: { 'retry-after': String(answer.seconds) },
        });
      // the outcome of the attempts being checked decides: they settle in the store, on whichever instance
      await new Promise((resolve) => setTimeout(resolve, PENDING_POLL_MS + Math.random() * PENDING_POLL_MS));
    }
  }

  async authenticate(authorization: string | undefined): Promise<Principal> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) throw unauthorized();
    const token = await this.store.identity.findTokenByHash(hashToken(match[1]!));
    if (!token) throw unauthorized('this token is not valid on this server; run: tix auth login', true);
    const now = this.clock.now();
    if (token.revokedAt) throw unauthorized('this token was revoked; run: tix auth login', true, 'revoked');
    if (Date.parse(token.expiresAt) <= now.getTime()) throw unauthorized('this token has expired; run: tix auth login', true, 'expired');
    const user = await this.store.identity.getUser(token.userId);
    if (!user) throw unauthorized('this token is not valid on this server; run: tix auth login', true);
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

  private async roleOf(user: UserRow): Promise<Role> {
    const memberships = await this.store.identity.membershipsOf(user.id);
    return roleFrom(user, memberships.filter((m) => m.role === 'admin').length);
  }
}

function roleFrom(user: UserRow, adminCount: number): Role {
  if (user.role === 'agent') return 'agent';
  return adminCount > 0 ? 'admin' : 'employee';
}

/**
 * The client address a login counts against: an IPv4 address as is, an IPv6 address by its /64 network (one
 * subscriber usually holds a whole /64, and could otherwise rotate through it).
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
