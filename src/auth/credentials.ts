import type { ProviderName, ProviderSettings } from '../api/provider.ts';
import type { Env } from '../io/iostreams.ts';
import { configDir, type ConfigData, providerFor, serverFor, type TokenStorage, updateConfig } from './config.ts';
import { keychainDelete, keychainGet, keychainSet } from './keychain.ts';
import { fileTokenDelete, fileTokenGet, fileTokenSet } from './token-file.ts';

export type TokenSource = 'env' | 'keychain' | 'file';

export interface Session {
  profile: string;
  server: string;
  provider: ProviderName;
  email?: string;
  token: string;
  source: TokenSource;
  /** the provider's settings kept in the profile (environment overrides are applied by the factory) */
  settings: ProviderSettings;
}

/**
 * Finds the token to use: TIX_TOKEN, else the profile's keychain entry, else its opted-in file. A keychain
 * that cannot be read is an error (exit 4), never a reason to carry on without a token. A stored token is
 * only ever sent to the server it was issued by: with TIX_SERVER pointing elsewhere it stays unused.
 */
export async function resolveSession(env: Env, profileName: string, config: ConfigData): Promise<Session | undefined> {
  const profile = config.profiles?.[profileName];
  const server = serverFor(env, profile);
  const provider = providerFor(env, profile);
  // like a stored token, the profile's settings (a service desk…) belong to its own server
  const settings = profile && serverFor({}, profile) === server ? (profile.settings ?? {}) : {};
  // TIX_EMAIL goes with TIX_TOKEN for helpdesks whose tokens are sent with the account's e-mail (Jira Cloud)
  if (env.TIX_TOKEN) {
    const email = env.TIX_EMAIL?.trim() || profile?.email;
    return { profile: profileName, server, provider, email, token: env.TIX_TOKEN.trim(), source: 'env', settings };
  }
  if (!profile?.email || serverFor({}, profile) !== server) return undefined;
  if (profile.tokenStorage === 'file') {
    const entry = fileTokenGet(configDir(env), profileName);
    return entry && entry.server === server
      ? { profile: profileName, server, provider, email: entry.email, token: entry.token, source: 'file', settings }
      : undefined;
  }
  const token = await keychainGet(server, profile.email);
  return token ? { profile: profileName, server, provider, email: profile.email, token, source: 'keychain', settings } : undefined;
}

/** Stores the token first, then records the profile: a failed keychain write leaves nothing behind. */
export async function saveSession(
  env: Env,
  profileName: string,
  s: { server: string; provider: ProviderName; email: string; token: string; settings?: ProviderSettings },
  storage: TokenStorage,
  previous?: ConfigData,
): Promise<void> {
  if (storage === 'keychain') await keychainSet(s.server, s.email, s.token);
  else fileTokenSet(configDir(env), profileName, { server: s.server, email: s.email, token: s.token });
  await updateConfig(env, (conf) => {
    const profiles = { ...(conf.get('profiles') ?? {}) };
    profiles[profileName] = {
      server: s.server,
      provider: s.provider,
      email: s.email,
      tokenStorage: storage,
      ...(s.settings && Object.keys(s.settings).length ? { settings: s.settings } : {}),
    };
    conf.set('profiles', profiles);
  });
  // A login that moved the token from one store to the other must not leave the old copy behind.
  const old = previous?.profiles?.[profileName];
  if (storage === 'keychain') fileTokenDelete(configDir(env), profileName);
  else if (old?.email && old.tokenStorage !== 'file') await keychainDelete(serverFor({}, old), old.email).catch(() => false);
}

/** Forgets the profile's stored token wherever it is; keeps its server and settings so `auth login` can reuse them. */
export async function forgetSession(env: Env, profileName: string, config: ConfigData): Promise<void> {
  const profile = config.profiles?.[profileName];
  if (!profile) return;
  if (profile.tokenStorage === 'file') fileTokenDelete(configDir(env), profileName);
  else if (profile.email) await keychainDelete(serverFor({}, profile), profile.email);
  await updateConfig(env, (conf) => {
    const profiles = { ...(conf.get('profiles') ?? {}) };
    profiles[profileName] = {
      server: profile.server,
      ...(profile.provider ? { provider: profile.provider } : {}),
      ...(profile.settings ? { settings: profile.settings } : {}),
    };
    conf.set('profiles', profiles);
  });
}
