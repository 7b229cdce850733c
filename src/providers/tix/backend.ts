import type { Backend } from '../../api/backend.ts';
import type { HttpClient } from '../../api/http.ts';
import type { CreatedToken, Establishment, LoginResult, Me, Page, ServerInfo, TokenInfo } from '../../api/types.ts';

/** The backend served by `tix serve`: a thin mapping of the interface onto its REST API. */
export class TixBackend implements Backend {
  private readonly http: HttpClient;

  constructor(http: HttpClient) {
    this.http = http;
  }

  get server(): string {
    return this.http.server;
  }

  serverInfo(): Promise<ServerInfo> {
    return this.http.json('GET', '/meta');
  }

  login(email: string, password: string): Promise<LoginResult> {
    return this.http.json('POST', '/auth/login', { body: { email, password } });
  }

  logout(): Promise<void> {
    return this.http.json('POST', '/auth/logout');
  }

  me(): Promise<Me> {
    return this.http.json('GET', '/me');
  }

  async establishments(): Promise<Establishment[]> {
    return (await this.http.json<Page<Establishment>>('GET', '/establishments')).items;
  }

  createToken(input: { name: string; expiresInSeconds: number; scopes: string[] }): Promise<CreatedToken> {
    return this.http.json('POST', '/tokens', { body: input, checkHint: 'check with: tix token list' });
  }

  async listTokens(): Promise<TokenInfo[]> {
    return (await this.http.json<Page<TokenInfo>>('GET', '/tokens')).items;
  }

  revokeToken(id: number): Promise<void> {
    return this.http.json('DELETE', `/tokens/${id}`);
  }
}
