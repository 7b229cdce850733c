import type { Backend } from '../api/backend.ts';
import { authError } from '../core/errors.ts';
import { HttpClient, type HttpClientOptions } from '../api/http.ts';
import { profileName, readConfig, serverFor, type ConfigData } from '../auth/config.ts';
import { resolveSession, type Session } from '../auth/credentials.ts';
import { TixBackend } from '../providers/tix/backend.ts';
import { truthy, type Env, type IOStreams } from '../io/iostreams.ts';

/**
 * The lazily built dependencies commands share. Nothing here is created until a command asks for it, so
 * `tix --version` loads neither the keychain, nor the HTTP client, nor the config file.
 */
export interface Factory {
  io: IOStreams;
  env: Env;
  /** aborted on Ctrl-C / SIGTERM: long-running commands (serve, watch) stop cleanly when it fires */
  signal: AbortSignal;
  /** global flags (--profile), set by main before the command runs */
  globals: { profile?: string };
  config(): ConfigData;
  profile(): string;
  /** the server this profile talks to (TIX_SERVER, else the profile's, else the local default) */
  server(): string;
  /** the stored or injected credential; throws exit 4 with the login hint when there is none */
  session(): Promise<Session>;
  /** an authenticated backend for the current profile */
  backend(): Promise<Backend>;
  /** a backend for an explicit server, optionally with a token (used by login) and HTTP settings */
  backendFor(server: string, token?: string, http?: Partial<HttpClientOptions>): Promise<Backend>;
  /** the authenticated HTTP client of the current session, for raw calls (tix api) */
  http(options?: Partial<HttpClientOptions>): Promise<HttpClient>;
  /** an authenticated backend that gives up fast (no retries, short timeouts): completion and help --json */
  quickBackend(): Promise<Backend>;
}

/** At most about 1.5 s, whatever the network does: completions must never hang a shell. */
export const QUICK_HTTP: Partial<HttpClientOptions> = { retries: 0, connectTimeoutMs: 1000, requestTimeoutMs: 1500 };

export interface FactoryOverrides {
  /** tests shorten timeouts and retry delays */
  http?: Partial<HttpClientOptions>;
  /** bin/tix.js aborts it on SIGINT / SIGTERM */
  signal?: AbortSignal;
}

export function createFactory(io: IOStreams, env: Env, overrides: FactoryOverrides = {}): Factory {
  let config: ConfigData | undefined;
  let session: Promise<Session> | undefined;
  let backend: Promise<Backend> | undefined;
  const debug = truthy(env.TIX_DEBUG) ? (line: string) => io.err(`[debug] ${line}\n`) : undefined;

  const f: Factory = {
    io,
    env,
    signal: overrides.signal ?? new AbortController().signal,
    globals: {},
    config: () => (config ??= readConfig(env)),
    profile: () => profileName(env, f.globals.profile, f.config()),
    server: () => serverFor(env, f.config().profiles?.[f.profile()]),
    session: () =>
      (session ??= (async () => {
        const s = await resolveSession(env, f.profile(), f.config());
        if (!s) {
          throw authError(`not logged in to ${f.server()} (profile ${f.profile()})`, {
            code: 'not_logged_in',
            hint: `run: tix auth login --server ${f.server()}, or set TIX_TOKEN`,
          });
        }
        return s;
      })()),
    backend: () =>
      (backend ??= (async () => {
        const s = await f.session();
        return f.backendFor(s.server, s.token);
      })()),
    backendFor: async (server, token, http) => {
      return new TixBackend(await httpClient(server, token, http));
    },
    http: async (options) => {
      const s = await f.session();
      return httpClient(s.server, s.token, options);
    },
    quickBackend: async () => {
      const s = await f.session();
      return f.backendFor(s.server, s.token, QUICK_HTTP);
    },
  };
  async function httpClient(server: string, token: string | undefined, http?: Partial<HttpClientOptions>): Promise<HttpClient> {
    return new HttpClient({ server, token, env, debug, signal: f.signal, ...overrides.http, ...http });
  }
  return f;
}
