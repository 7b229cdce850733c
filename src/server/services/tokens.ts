import { MAX_TOKEN_LIFETIME_DAYS, MAX_TOKEN_NAME_LENGTH, tokenScopes, type CreatedToken, type TokenInfo } from '../../api/types.ts';
import { oneLineProblem } from '../../core/text.ts';
import { forbidden, invalid, notFound } from '../errors.ts';
import { newToken } from '../secrets.ts';
import type { Store, TokenRow } from '../store/store.ts';
import type { Clock, Principal } from './principal.ts';

export const MAX_PAT_LIFETIME_MS = MAX_TOKEN_LIFETIME_DAYS * 86_400_000;

/** Personal access tokens: named, scoped, expiring credentials for CI and scripts. */
export class TokenService {
  private readonly store: Store;
  private readonly clock: Clock;

  constructor(store: Store, clock: Clock) {
    this.store = store;
    this.clock = clock;
  }

  async create(p: Principal, input: { name: string; expiresInSeconds: number; scopes: string[] }): Promise<CreatedToken> {
    requireSession(p, 'create');
    const problems = [];
    const name = input.name.trim();
    const nameProblem = name.length > MAX_TOKEN_NAME_LENGTH ? `at most ${MAX_TOKEN_NAME_LENGTH} characters` : oneLineProblem(input.name);
    if (nameProblem) problems.push({ field: 'name', message: `${nameProblem}; name the token for what it is for, e.g. "ci-incidents"` });
    const lifetime = input.expiresInSeconds * 1000;
    if (!Number.isInteger(input.expiresInSeconds) || lifetime < 60_000 || lifetime > MAX_PAT_LIFETIME_MS) {
      problems.push({ field: 'expiresInSeconds', message: `a token lives between 1 minute and ${MAX_TOKEN_LIFETIME_DAYS} days` });
    }
    const unknown = input.scopes.filter((s) => !(tokenScopes as readonly string[]).includes(s));
    if (unknown.length > 0 || input.scopes.length === 0) {
      problems.push({
        field: 'scopes',
        message: `${unknown.length ? `unknown scope ${unknown.join(', ')}; ` : ''}choose from ${tokenScopes.join(', ')}`,
      });
    }
    if (problems.length) throw invalid(problems);
    const now = this.clock.now();
    const t = newToken('pat');
    const row = await this.store.identity.insertToken({
      userId: p.user.id,
      kind: 'pat',
      name,
      tokenHash: t.hash,
      prefix: t.prefix,
      scopes: [...new Set(input.scopes)],
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + lifetime).toISOString(),
    });
    return { ...tokenInfo(row), token: t.token };
  }

  async list(p: Principal): Promise<TokenInfo[]> {
    requireSession(p, 'list');
    return (await this.store.identity.listTokens(p.user.id, 'pat')).map(tokenInfo);
  }

  async revoke(p: Principal, id: number): Promise<void> {
    requireSession(p, 'revoke');
    const revoked = await this.store.identity.revokeToken(p.user.id, id, this.clock.now().toISOString());
    if (!revoked) throw notFound(`no active token ${id} among yours`, { resource: 'token', id });
  }
}

/**
 * A leaked CI token must not mint more tokens, see them, or revoke the others (the user's login session among
 * them, which would lock the user out of the way to revoke the leak): only an interactive session can.
 */
function requireSession(p: Principal, verb: string): void {
  if (p.token.kind !== 'session')
    throw forbidden(
      `personal access tokens cannot manage tokens (${verb}); log in with tix auth login and run it from that session`,
      'pat_tokens',
    );
  // the web view's sessions are read-only: they manage no tokens either
  if (!p.token.scopes.includes('*'))
    throw forbidden(
      `this session is read-only and cannot manage tokens (${verb}); log in with tix auth login and run it from that session`,
      'read_only_session',
    );
}

export function tokenInfo(t: TokenRow): TokenInfo {
  return {
    id: t.id,
    kind: t.kind,
    name: t.name,
    prefix: t.prefix,
    scopes: t.scopes,
    createdAt: t.createdAt,
    expiresAt: t.expiresAt,
    lastUsedAt: t.lastUsedAt,
    revokedAt: t.revokedAt,
  };
}
