// The store is the only place that knows how data is kept. Every method is one atomic unit: services check
// access and rules, then call one method, so a request never leaves half its writes behind. The interface is
// asynchronous so a networked database (PostgreSQL) can stand behind it without changing the services.

export type UserRole = 'customer' | 'agent';
export type MembershipRole = 'admin' | 'employee';
export type TokenKind = 'session' | 'pat';

export interface CompanyRow {
  id: number;
  siren: string;
  name: string;
}

export interface EstablishmentRow {
  id: number;
  companyId: number;
  siret: string;
  name: string;
}

export interface UserRow {
  id: number;
  email: string;
  name: string;
  role: UserRole;
  companyId: number | null;
  passwordHash: string;
}

export interface MembershipRow {
  establishmentId: number;
  role: MembershipRole;
}

export interface TokenRow {
  id: number;
  userId: number;
  kind: TokenKind;
  name: string;
  tokenHash: string;
  /** first characters of the token, shown in listings so people can tell tokens apart */
  prefix: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface NewToken {
  userId: number;
  kind: TokenKind;
  name: string;
  tokenHash: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string;
}

export interface LoginFailures {
  count: number;
  lastFailedAt: string;
}

/** An organisation to load (`--demo`, `--seed FILE`), already validated; passwords already hashed. */
export interface OrganisationSeed {
  companies: Array<{ siren: string; name: string; establishments: Array<{ siret: string; name: string }> }>;
  users: Array<{
    email: string;
    name: string;
    role: UserRole;
    passwordHash: string;
    /** SIRETs this user administers */
    admin: string[];
    /** SIRETs this user belongs to without access to messages */
    employee: string[];
  }>;
}

export interface SeedResult {
  companies: number;
  establishments: number;
  users: number;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  close(): Promise<void>;

  loadOrganisation(seed: OrganisationSeed): Promise<SeedResult>;
  findUserByEmail(email: string): Promise<UserRow | undefined>;
  getUser(id: number): Promise<UserRow | undefined>;
  membershipsOf(userId: number): Promise<MembershipRow[]>;
  getCompany(id: number): Promise<CompanyRow | undefined>;
  establishmentsByIds(ids: number[]): Promise<EstablishmentRow[]>;
  allEstablishments(): Promise<EstablishmentRow[]>;

  insertToken(token: NewToken): Promise<TokenRow>;
  findTokenByHash(hash: string): Promise<TokenRow | undefined>;
  touchToken(id: number, at: string): Promise<void>;
  listTokens(userId: number, kind: TokenKind): Promise<TokenRow[]>;
  /** true when a live token of this user was revoked now */
  revokeToken(userId: number, id: number, at: string): Promise<boolean>;

  loginFailures(key: string): Promise<LoginFailures | undefined>;
  recordLoginFailure(key: string, at: string): Promise<LoginFailures>;
  clearLoginFailures(key: string): Promise<void>;
}
