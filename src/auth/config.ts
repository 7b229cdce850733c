import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { usageError } from '../api/errors.ts';
import type { Env } from '../io/iostreams.ts';

// Local, non-secret settings: profiles (which server, which account, where its token lives) and preferences.
// Tokens are never stored here. Reads are plain JSON (start-up stays fast); writes go through `conf`, loaded
// only when something changes, which validates against the schema and writes atomically.

export type TokenStorage = 'keychain' | 'file';

export interface Profile {
  server: string;
  email?: string;
  tokenStorage?: TokenStorage;
}

export interface ConfigData {
  defaultProfile?: string;
  profiles?: Record<string, Profile>;
  editor?: string;
  pager?: string;
  color?: 'auto' | 'always' | 'never';
}

export const DEFAULT_SERVER = 'http://127.0.0.1:8787';
export const DEFAULT_PROFILE = 'default';

export function configDir(env: Env): string {
  if (env.TIX_CONFIG_DIR) return env.TIX_CONFIG_DIR;
  return join(env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config'), 'tix');
}

export function configPath(env: Env): string {
  return join(configDir(env), 'config.json');
}

export function readConfig(env: Env): ConfigData {
  const path = configPath(env);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw usageError(`cannot read the config file ${path}: ${(err as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw usageError(`the config file ${path} is not valid JSON (${(err as Error).message})`, {
      code: 'bad_config',
      hint: `fix it by hand, or move it away and log in again: mv ${path} ${path}.broken`,
    });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw usageError(`the config file ${path} must hold a JSON object`, { code: 'bad_config' });
  }
  return data as ConfigData;
}

/** JSON schema of the config file, enforced by `conf` on every write. */
export const configSchema = {
  defaultProfile: { type: 'string', minLength: 1 },
  profiles: {
    type: 'object',
    additionalProperties: {
      type: 'object',
      required: ['server'],
      additionalProperties: false,
      properties: {
        server: { type: 'string', pattern: '^https?://' },
        email: { type: 'string' },
        tokenStorage: { enum: ['keychain', 'file'] },
      },
    },
  },
  editor: { type: 'string', minLength: 1 },
  pager: { type: 'string', minLength: 1 },
  color: { enum: ['auto', 'always', 'never'] },
} as const;

/** Applies a change to the config file through `conf` (schema-checked, atomic). */
export async function updateConfig(env: Env, change: (conf: import('conf').default<ConfigData>) => void): Promise<void> {
  const path = configPath(env);
  readConfig(env); // a hand-broken file is reported by name before conf sees it
  const { default: Conf } = await import('conf');
  let conf: import('conf').default<ConfigData>;
  try {
    conf = new Conf<ConfigData>({
      cwd: configDir(env),
      configName: 'config',
      projectSuffix: '',
      schema: configSchema as never,
      clearInvalidConfig: false,
      accessPropertiesByDotNotation: false,
    });
  } catch (err) {
    throw usageError(`the config file ${path} does not match its schema: ${(err as Error).message}`, { code: 'bad_config' });
  }
  try {
    change(conf);
  } catch (err) {
    if (err instanceof Error && /schema violation/i.test(err.message)) throw usageError(err.message.replace(/^Config schema violation: /, 'invalid setting: '));
    throw err;
  }
}

export function profileName(env: Env, flag: string | undefined, config: ConfigData): string {
  return flag || env.TIX_PROFILE || config.defaultProfile || DEFAULT_PROFILE;
}

/** TIX_SERVER beats the profile, which beats the local `tix serve` default. Trailing slashes are dropped. */
export function serverFor(env: Env, profile: Profile | undefined): string {
  return (env.TIX_SERVER || profile?.server || DEFAULT_SERVER).replace(/\/+$/, '');
}
