// The JSON shapes the API speaks and `--json` prints. Field names are part of the public surface
// (camelCase, English, stable): add fields, never rename or remove one.

export type UserRole = 'admin' | 'agent' | 'employee';

export interface Establishment {
  siret: string;
  siren: string;
  name: string;
}

export interface Person {
  email: string;
  name: string;
}

export interface TokenInfo {
  id: number;
  kind: 'session' | 'pat';
  name: string;
  /** the first characters of the token, enough to recognise it */
  prefix: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface Me {
  user: Person & { role: UserRole };
  company: { siren: string; name: string } | null;
  /** the establishments this user administers (all of them for an agent) */
  establishments: Establishment[];
  token: Pick<TokenInfo, 'kind' | 'name' | 'scopes' | 'expiresAt'>;
}

export interface LoginResult {
  token: string;
  expiresAt: string;
  user: Person & { role: UserRole };
}

export interface CreatedToken extends TokenInfo {
  /** shown once, at creation */
  token: string;
}

export interface ServerInfo {
  name: string;
  version: string;
  apiVersion: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Scopes a personal access token can carry. Session tokens from `auth login` carry all of them. */
export const tokenScopes = ['tickets:read', 'tickets:write', 'contacts:read', 'contacts:write', 'settings:write'] as const;
export type TokenScope = (typeof tokenScopes)[number];
export const defaultPatScopes: TokenScope[] = ['tickets:read', 'tickets:write'];

export const API_VERSION = '1';
