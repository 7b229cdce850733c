import type { TokenScope } from '../../api/types.ts';
import type { Role } from '../../core/roles.ts';
import { sirenProblem } from '../../core/identifiers.ts';
import { forbidden, invalid, notFound } from '../errors.ts';
import type { CompanyRow, Store, TokenRow, UserRow } from '../store/store.ts';

/** Who is calling, as the services see it: the user, what they administer, and what their token allows. */
export interface Principal {
  user: UserRow;
  role: Role;
  /** establishments this user administers; agents see every establishment without being listed here */
  adminOf: Set<number>;
  token: TokenRow;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function canAccessEstablishment(p: Principal, establishmentId: number): boolean {
  return p.role === 'agent' || p.adminOf.has(establishmentId);
}

/** The token carries one of `scopes` (a session carries them all). */
export function requireScope(p: Principal, ...scopes: TokenScope[]): void {
  if (p.token.scopes.includes('*') || scopes.some((s) => p.token.scopes.includes(s))) return;
  throw forbidden(
    `this token lacks the ${scopes.join(' or ')} scope; create one with: tix token create --name NAME ${scopes.map((s) => `--scope ${s}`).join(' ')}`,
    'missing_scope',
    { scopes },
  );
}

/** Seed 000: only administrators (and support agents) reach messages. */
export function requireMessageAccess(p: Principal): void {
  if (p.role === 'employee')
    throw forbidden(
      'your account has no administrator access to any establishment, so it cannot reach support messages; ask an administrator of your establishment',
      'no_establishment',
    );
}

/**
 * The company a company-wide request is about: the caller's own, or, for a support agent, the one named by
 * SIREN (`agentHint` says how to name it). Another company's SIREN answers like one that does not exist.
 */
export async function companyFor(store: Store, p: Principal, siren: string | undefined, agentHint: string): Promise<CompanyRow> {
  if (p.role === 'agent') {
    if (siren === undefined || siren === '') throw invalid([{ field: 'company', message: `is required for support agents: ${agentHint}` }]);
    const problem = sirenProblem(siren);
    if (problem) throw invalid([{ field: 'company', message: problem }]);
    const company = await store.identity.companyBySiren(siren);
    if (!company) throw notFound(`no company with SIREN ${siren}`, { resource: 'company', id: siren });
    return company;
  }
  const own = p.user.companyId === null ? undefined : await store.identity.getCompany(p.user.companyId);
  if (!own || (siren !== undefined && siren !== own.siren))
    throw siren === undefined
      ? notFound('your account belongs to no company')
      : notFound(`no company with SIREN ${siren} among yours`, { resource: 'company', id: siren });
  return own;
}
