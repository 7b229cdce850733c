import type { UserRole } from '../../api/types.ts';
import { forbidden } from '../errors.ts';
import type { TokenRow, UserRow } from '../store/store.ts';

/** Who is calling, as the services see it: the user, what they administer, and what their token allows. */
export interface Principal {
  user: UserRow;
  role: UserRole;
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

export function requireScope(p: Principal, scope: string): void {
  if (p.token.scopes.includes('*') || p.token.scopes.includes(scope)) return;
  throw forbidden(`this token lacks the ${scope} scope; create one with: tix token create --name NAME --scope ${scope}`);
}

/** Seed 000: only administrators (and support agents) reach messages. */
export function requireMessageAccess(p: Principal): void {
  if (p.role === 'employee') throw forbidden('your account has no administrator access to any establishment, so it cannot reach support messages; ask an administrator of your establishment');
}
