import type { CreatedToken, Establishment, LoginResult, Me, ServerInfo, TokenInfo } from './types.ts';

/**
 * What the CLI needs from a support backend. The tix provider speaks to `tix serve`; adapters for other
 * helpdesks implement the same interface, so commands never know which one they talk to.
 */
export interface Backend {
  readonly server: string;
  serverInfo(): Promise<ServerInfo>;
  login(email: string, password: string): Promise<LoginResult>;
  logout(): Promise<void>;
  me(): Promise<Me>;
  establishments(): Promise<Establishment[]>;
  createToken(input: { name: string; expiresInSeconds: number; scopes: string[] }): Promise<CreatedToken>;
  listTokens(): Promise<TokenInfo[]>;
  revokeToken(id: number): Promise<void>;
}
