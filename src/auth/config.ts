import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { defaultProvider, type ProviderName, type ProviderSettings, parseProviderName, providerNames } from '../api/provider.ts';
import { usageError } from '../core/errors.ts';
import type { Env } from '../io/iostreams.ts';

// Local, non-secret settings: profiles (which server, which account, where its token lives) and preferences.
// Tokens are never stored here. Reads are plain JSON (start-up stays fast); writes go through `conf`, loaded
// only when something changes, which validates against the schema and writes atomically.

export type TokenStorage = 'keychain' | 'file';

export interface Profile {
  server: string;
  /** the helpdesk behind the server (tix auth login --provider); tix serve when absent */
  provider?: ProviderName;
  email?: string;
  tokenStorage?: TokenStorage;
  /** what the provider asked for at login (its login options, e.g. Jira's service desk) and keeps */
  settings?: ProviderSettings;
}

export const colorValues = ['auto', 'always', 'never'] as const;
export const outputValues = ['auto', 'json'] as const;

export interface ConfigData {
  defaultProfile?: string;
  profiles?: Record<string, Profile>;
  editor?: string;
  pager?: string;
  color?: (typeof colorValues)[number];
  /** `json`: every command that takes --json behaves as if it was given */
  output?: (typeof outputValues)[number];
}

/** The preferences `tix config` reads and writes (the profiles map belongs to `tix auth login/logout`). */
export interface PreferenceKey {
  /** the name users type: tix config set KEY VALUE */
  key: string;
  /** where it lives in config.json */
  field: 'defaultProfile' | 'editor' | 'pager' | 'color' | 'output';
  description: string;
  /** the accepted values, when they are a fixed set */
  values?: readonly string[];
  /** what applies when it is unset */
  default?: string;
}

export const preferenceKeys: readonly PreferenceKey[] = [
  {
    key: 'profile',
    field: 'defaultProfile',
    description: 'the profile used when neither --profile nor TIX_PROFILE is given',
    default: 'default',
  },
  { key: 'editor', field: 'editor', description: 'editor for long text on a terminal (before VISUAL and EDITOR)' },
  {
    key: 'pager',
    field: 'pager',
    description: 'pager for long output on a terminal (after TIX_PAGER, before PAGER); "cat" turns paging off',
  },
  {
    key: 'color',
    field: 'color',
    values: colorValues,
    default: 'auto',
    description: 'colour: auto (on terminals), always (also when piped), never; NO_COLOR and CLICOLOR_FORCE still win',
  },
  {
    key: 'output',
    field: 'output',
    values: outputValues,
    default: 'auto',
    description: 'json: every command that takes --json prints JSON (all fields) as if --json was given',
  },
];

/** The preference a key names; an unknown key is a usage error listing the valid ones. */
export function findPreference(key: string): PreferenceKey {
  const found = preferenceKeys.find((k) => k.key === key || k.field === key);
  if (found) return found;
  const valid = preferenceKeys.map((k) => k.key).join(', ');
  if (key === 'profiles')
    throw usageError(`profiles are not a preference: tix auth login and tix auth logout manage them; keys: ${valid}`, {
      code: 'unknown_key',
    });
  throw usageError(`unknown config key "${key}"; keys: ${valid}`, {
    code: 'unknown_key',
    hint: 'tix config list shows every key and its value',
  });
}

/** A preference's value: the one set in config.json, else its default (undefined when it has none). */
export function preferenceValue(config: ConfigData, k: PreferenceKey): string | undefined {
  return config[k.field] ?? k.default;
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
  // a hand-broken file is named, with the way out; never a stack trace
  const broken = {
    code: 'bad_config',
    hint: `fix it by hand, or move it away and log in again: mv ${path} ${path}.broken`,
    data: { file: path },
  };
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw usageError(`the config file ${path} is not valid JSON (${(err as Error).message})`, broken);
  }
  const problems = schemaProblems(data, { type: 'object', properties: configSchema }, '');
  if (problems.length > 0)
    throw usageError(`the config file ${path} has invalid settings:\n${problems.map((p) => `  ${p}`).join('\n')}`, broken);
  return data as ConfigData;
}

interface Schema {
  type?: 'object' | 'string';
  minLength?: number;
  pattern?: string;
  enum?: readonly string[];
  required?: readonly string[];
  properties?: Readonly<Record<string, Schema>>;
  additionalProperties?: false | Schema;
}

/**
 * Checks a value against the subset of JSON Schema that configSchema uses. Reads stay cheap (conf and its
 * validator load only for writes) and a hand-edited file is reported by key, e.g. `color: must be one of …`.
 */
function schemaProblems(value: unknown, schema: Schema, at: string): string[] {
  const where = at || 'the file';
  if (schema.enum && !schema.enum.includes(value as string))
    return [`${where}: must be one of ${schema.enum.join(', ')} (found ${JSON.stringify(value)})`];
  if (schema.type === 'string') {
    if (typeof value !== 'string') return [`${where}: must be a string (found ${JSON.stringify(value)})`];
    if (schema.minLength && value.length < schema.minLength) return [`${where}: must not be empty`];
    if (schema.pattern && !new RegExp(schema.pattern).test(value))
      return [`${where}: must match ${schema.pattern} (found ${JSON.stringify(value)})`];
  }
  if (schema.type !== 'object') return [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${where}: must be a JSON object`];
  const record = value as Record<string, unknown>;
  const problems = (schema.required ?? []).filter((k) => !(k in record)).map((k) => `${at ? `${at}.` : ''}${k}: is required`);
  for (const [key, v] of Object.entries(record)) {
    const sub = schema.properties?.[key] ?? schema.additionalProperties;
    const path = at ? `${at}.${key}` : key;
    if (sub === false) problems.push(`${path}: is not a known setting`);
    else if (sub) problems.push(...schemaProblems(v, sub, path));
  }
  return problems;
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
        provider: { enum: providerNames },
        email: { type: 'string' },
        tokenStorage: { enum: ['keychain', 'file'] },
        settings: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
  },
  editor: { type: 'string', minLength: 1 },
  pager: { type: 'string', minLength: 1 },
  color: { enum: colorValues },
  output: { enum: outputValues },
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
    if (err instanceof Error && /schema violation/i.test(err.message))
      throw usageError(err.message.replace(/^Config schema violation: /, 'invalid setting: '));
    throw err;
  }
}

export function profileName(env: Env, flag: string | undefined, config: ConfigData): string {
  return flag || env.TIX_PROFILE || config.defaultProfile || DEFAULT_PROFILE;
}

/** TIX_PROVIDER beats the profile's provider, which beats tix serve. */
export function providerFor(env: Env, profile: Profile | undefined): ProviderName {
  if (env.TIX_PROVIDER?.trim()) return parseProviderName(env.TIX_PROVIDER, 'TIX_PROVIDER');
  return profile?.provider ?? defaultProvider;
}

/** TIX_SERVER beats the profile, which beats the local `tix serve` default. Trailing slashes are dropped. */
export function serverFor(env: Env, profile: Profile | undefined): string {
  return (env.TIX_SERVER || profile?.server || DEFAULT_SERVER).replace(/\/+$/, '');
}
