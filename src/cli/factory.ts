import type { Backend, ProviderModule } from '../api/backend.ts';
import type { HttpClient, HttpSettings } from '../api/http.ts';
import { type Capability, type ProviderInfo, type ProviderName, type ProviderSettings, unsupported } from '../api/provider.ts';
import { type ConfigData, configDir, profileName, providerFor, readConfig, serverFor } from '../auth/config.ts';
import { resolveSession, type Session } from '../auth/credentials.ts';
import { tokenFilePath } from '../auth/token-file.ts';
import { authError } from '../core/errors.ts';
import { type Env, type IOStreams, truthy } from '../io/iostreams.ts';
import { connect, loadProvider, providerInfo } from '../providers/registry.ts';
import { t } from './messages.ts';

/**
 * The lazily built dependencies commands share. Nothing here is created until a command asks for it, so
 * `tix --version` loads neither the keychain, nor the HTTP client, nor the config file, nor any provider.
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
  /** the helpdesk behind it (TIX_PROVIDER, else the profile's, else tix) */
  providerName(): ProviderName;
  /** what that provider declares (statuses, references, capabilities): read before anything is sent */
  providerInfo(): ProviderInfo;
  /** that provider with its code, loaded on first use */
  provider(): Promise<ProviderModule>;
  /** a provider's code by name (tix auth login --provider) */
  loadProvider(name: ProviderName): Promise<ProviderModule>;
  /** the stored or injected credential; throws exit 4 with the login hint when there is none */
  session(): Promise<Session>;
  /**
   * An authenticated backend for the current profile. What the command needs is checked first, before any
   * credential is read: a helpdesk that cannot serve it is refused at once (exit 7) with its name.
   */
  backend(...needs: Capability[]): Promise<Backend>;
  /** a backend for an explicit server and provider, optionally with a credential (login) and HTTP settings */
  backendFor(
    server: string,
    opts?: { provider?: ProviderName; token?: string; email?: string; settings?: ProviderSettings; http?: Partial<HttpSettings> },
  ): Promise<Backend>;
  /** the authenticated HTTP client of the current session's API, for raw calls (tix api) */
  http(options?: Partial<HttpSettings>): Promise<HttpClient>;
  /** an authenticated backend that gives up fast (no retries, short timeouts): completion and help --json */
  quickBackend(): Promise<Backend>;
}

/** At most about 1.5 s, whatever the network does: completions must never hang a shell. */
export const QUICK_HTTP: Partial<HttpSettings> = { retries: 0, connectTimeoutMs: 1000, requestTimeoutMs: 1500 };

export interface FactoryOverrides {
  /** tests shorten timeouts and retry delays */
  http?: Partial<HttpSettings>;
  /** bin/tix.js aborts it on SIGINT / SIGTERM */
  signal?: AbortSignal;
  /** tests: this provider serves every profile, whatever it names (the in-memory helpdesk of the fast tier) */
  provider?: ProviderModule;
}

export function createFactory(io: IOStreams, env: Env, overrides: FactoryOverrides = {}): Factory {
  let config: ConfigData | undefined;
  let session: Promise<Session> | undefined;
  let backend: Promise<Backend> | undefined;
  const providers = new Map<ProviderName, Promise<ProviderModule>>();
  const debug = truthy(env.TIX_DEBUG) ? (line: string) => io.err(`[debug] ${line}\n`) : undefined;
  const load = (name: ProviderName) => {
    if (overrides.provider) return Promise.resolve(overrides.provider);
    const loaded = providers.get(name) ?? loadProvider(name);
    providers.set(name, loaded);
    return loaded;
  };
  const settings = (http?: Partial<HttpSettings>): HttpSettings => ({ env, debug, signal: f.signal, ...overrides.http, ...http });

  const f: Factory = {
    io,
    env,
    signal: overrides.signal ?? new AbortController().signal,
    globals: {},
    config: () => (config ??= readConfig(env)),
    profile: () => profileName(env, f.globals.profile, f.config()),
    server: () => serverFor(env, f.config().profiles?.[f.profile()]),
    providerName: () => providerFor(env, f.config().profiles?.[f.profile()]),
    providerInfo: () => overrides.provider?.info ?? providerInfo(f.providerName()),
    provider: () => load(f.providerName()),
    loadProvider: load,
    session: () =>
      (session ??= (async () => {
        const s = await resolveSession(env, f.profile(), f.config());
        if (!s) {
          throw authError(t.text('notLoggedIn', { server: f.server(), profile: f.profile() }), {
            code: 'not_logged_in',
            hint: t.text('notLoggedIn.hint', { server: f.server() }),
          });
        }
        // the opt-in to a plain-text token is pointed out each time a command uses it (stderr: stdout stays data)
        if (s.source === 'file') io.err(`${t(io.locale, 'plainTextToken', { path: tokenFilePath(configDir(env)) })}\n`);
        return s;
      })()),
    backend: async (...needs) => {
      // what the helpdesk cannot do is refused before any credential is read
      const info = f.providerInfo();
      const missing = needs.find((c) => !info.capabilities.includes(c));
      if (missing) throw unsupported(info, missing);
      // the provider's code loads while the keychain is read
      const code = f.provider();
      code.catch(() => undefined); // its failure is reported by backendFor, after the session's
      const s = await f.session();
      backend ??= f.backendFor(s.server, { provider: s.provider, token: s.token, email: s.email, settings: s.settings });
      return backend;
    },
    backendFor: async (server, opts = {}) => {
      const provider = await load(opts.provider ?? f.providerName());
      return connect(provider, {
        server,
        credential: opts.token === undefined ? undefined : { token: opts.token, email: opts.email },
        settings: withEnvironment(env, provider.info, opts.settings ?? {}),
        http: settings(opts.http),
      });
    },
    http: async (options) => {
      const s = await f.session();
      const provider = await load(s.provider);
      return provider.http({
        server: s.server,
        credential: { token: s.token, email: s.email },
        settings: withEnvironment(env, provider.info, s.settings),
        http: settings(options),
      });
    },
    quickBackend: async () => {
      const s = await f.session();
      return f.backendFor(s.server, { provider: s.provider, token: s.token, email: s.email, settings: s.settings, http: QUICK_HTTP });
    },
  };
  return f;
}

/** A provider's settings with the environment's overrides (each login option's variable, e.g. TIX_SERVICE_DESK). */
function withEnvironment(env: Env, info: ProviderInfo, settings: ProviderSettings): ProviderSettings {
  const out = { ...settings };
  for (const option of info.loginOptions ?? []) {
    const value = env[option.env]?.trim();
    if (value) out[option.key] = value;
  }
  return out;
}
