import { type Command, Option } from 'commander';
import type { Backend, ProviderModule } from '../../api/backend.ts';
import { type LoginOption, type ProviderName, type ProviderSettings, parseProviderName, providerNames } from '../../api/provider.ts';
import { type ConfigData, configDir, type TokenStorage } from '../../auth/config.ts';
import { saveSession } from '../../auth/credentials.ts';
import { tokenFilePath } from '../../auth/token-file.ts';
import { completeWith, words } from '../../cli/completion/hints.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import { authError, type FieldProblem, fieldsError, TixError, usageError } from '../../core/errors.ts';
import { localeFromEnv } from '../../core/i18n.ts';
import { readAll } from '../../io/files.ts';
import type { Env, IOStreams } from '../../io/iostreams.ts';
import { askSecret, askText } from '../../io/prompter.ts';
import { availableProviders, providerInfo } from '../../providers/registry.ts';

export interface Options {
  io: IOStreams;
  env: Env;
  profile: string;
  config: ConfigData;
  /** --provider, or undefined for the profile's (else tix) */
  provider?: string;
  defaultProvider: ProviderName;
  /** --server, or undefined to use (and on a terminal, offer) the profile's */
  server?: string;
  defaultServer: string;
  email?: string;
  passwordStdin: boolean;
  withToken: boolean;
  insecureStorage: boolean;
  /** the providers' own login options that were given, by flag (e.g. { "service-desk": "SD" }) */
  providerOptions: Record<string, string>;
  loadProvider: (name: ProviderName) => Promise<ProviderModule>;
  backendFor: Factory['backendFor'];
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent
    .command('login')
    .description('Log in to a helpdesk (tix serve by default) and keep the token in the OS keychain')
    .addOption(
      completeWith(
        new Option('--provider <name>', `the helpdesk behind the server: ${providerNames.join(', ')} (default: the profile's, else tix)`),
        words(providerNames),
      ),
    )
    .option('--server <url>', "server URL (default: the profile's, else http://127.0.0.1:8787)")
    .option('--email <email>', 'account e-mail')
    .option('--password-stdin', 'read the password from standard input')
    .option('--with-token', 'read a token (e.g. a personal access token) from standard input instead of logging in with a password')
    .option('--insecure-storage', 'store the token in a plain-text file (mode 0600) instead of the OS keychain');
  // each provider's own options (e.g. Jira's --service-desk), declared in its info.ts
  const options = loginOptions();
  for (const [flag, { option, providers }] of options)
    cmd.option(
      `--${flag} <${option.valueName}>`,
      `${option.description} (${providers.join(', ')}; kept in the profile; ${option.env} overrides it)`,
    );
  cmd.action(
    async (
      opts: {
        provider?: string;
        server?: string;
        email?: string;
        passwordStdin?: boolean;
        withToken?: boolean;
        insecureStorage?: boolean;
      } & Record<string, unknown>,
    ) => {
      const providerOptions: Record<string, string> = {};
      for (const flag of options.keys()) {
        const value = opts[camelCase(flag)];
        if (typeof value === 'string') providerOptions[flag] = value;
      }
      await runF({
        io: f.io,
        env: f.env,
        profile: f.profile(),
        config: f.config(),
        provider: opts.provider,
        defaultProvider: f.providerName(),
        server: opts.server,
        defaultServer: f.server(),
        email: opts.email,
        passwordStdin: Boolean(opts.passwordStdin),
        withToken: Boolean(opts.withToken),
        insecureStorage: Boolean(opts.insecureStorage),
        providerOptions,
        loadProvider: f.loadProvider,
        backendFor: f.backendFor,
      });
    },
  );
  return examples(cmd, [
    'tix auth login',
    'tix auth login --server http://127.0.0.1:8787 --email yann@demo.test',
    'printf %s "$PASSWORD" | tix auth login --email yann@demo.test --password-stdin',
    'echo "$TIX_PAT" | tix auth login --server https://support.example.com --with-token',
    '# another helpdesk: the profile remembers which',
    'echo "$RT_TOKEN" | tix auth login --provider rt --server https://rt.example.com/rt --with-token',
    'echo "$ZENDESK_API_TOKEN" | tix auth login --provider zendesk --server https://acme.zendesk.com --email me@acme.com --with-token',
    '# Jira Service Management Cloud: your e-mail and an API token; Data Center: a personal access token alone',
    'echo "$JIRA_API_TOKEN" | tix auth login --provider jira-sm --server https://acme.atlassian.net --email me@acme.com --with-token --service-desk SD',
    '# no keychain on this machine (a container, a CI runner): opt in to a 0600 file',
    'tix auth login --insecure-storage',
  ]);
}

export async function run(o: Options): Promise<void> {
  if (o.passwordStdin && o.withToken) throw usageError('--password-stdin and --with-token cannot be combined: choose one way to log in');
  const providerName = o.provider === undefined ? o.defaultProvider : parseProviderName(o.provider, '--provider');
  // a provider not in this version of tix is refused before anything is asked
  const { info } = await o.loadProvider(providerName);
  const interactive = o.io.canPrompt && !o.passwordStdin && !o.withToken;
  const given = givenSettings(o, providerName, info.loginOptions ?? [], info.displayName);
  if (o.withToken && !info.login.token)
    throw usageError(`--with-token: ${info.displayName} logs in with an e-mail and password: use --email and --password-stdin`);
  if (!o.withToken && !info.login.password)
    throw usageError(`${info.displayName} logs in with a token: pipe it to tix auth login --provider ${info.name} --with-token`);

  let server =
    o.server ??
    (interactive
      ? await askText(o.io, 'Server URL', { default: o.defaultServer, validate: (v) => serverProblem(v) ?? true })
      : o.defaultServer);
  const problem = serverProblem(server);
  if (problem) throw usageError(`--server: ${problem}`);
  server = server.trim().replace(/\/+$/, '');

  let token: string;
  let backend: Backend;
  if (o.withToken) {
    token = (await readAll(o.io.stdin)).trim();
    if (!token) throw usageError('--with-token: no token on standard input', { hint: 'echo "$TIX_PAT" | tix auth login --with-token' });
    if (info.login.credential) token = info.login.credential(token, o.email);
    // the e-mail goes with the token for helpdesks that want both (Jira Cloud's API tokens)
    backend = await o.backendFor(server, { provider: providerName, token, email: o.email, settings: given });
  } else {
    const missing: FieldProblem[] = [];
    if (!o.email && !interactive) missing.push({ field: '--email', message: 'the account e-mail is required' });
    if (!o.passwordStdin && !interactive)
      missing.push({ field: '--password-stdin', message: 'pipe the password on standard input (or use --with-token)' });
    if (missing.length) throw fieldsError(missing, 'cannot log in without a terminal to prompt on');
    const email = o.email ?? (await askText(o.io, 'E-mail'));
    const password = o.passwordStdin ? (await readAll(o.io.stdin)).replace(/\r?\n$/, '') : await askSecret(o.io, 'Password');
    if (!password) throw usageError('--password-stdin: standard input was empty');
    const anonymous = await o.backendFor(server, { provider: providerName });
    if (!anonymous.login) throw usageError(`${info.displayName} cannot log in with a password: use --with-token`);
    token = (await anonymous.login(email, password, localeFromEnv(o.env))).token;
    backend = await o.backendFor(server, { provider: providerName, token, email, settings: given });
  }

  // Ask who the token belongs to before keeping it: a token the server rejects is never stored.
  const me = await backend.me();
  const email = me.user.email;
  // the provider checks and completes its own options (e.g. which service desk) before anything is kept
  const { settings, notes } = backend.profileSettings ? await backend.profileSettings(given) : { settings: given, notes: [] };
  const storage: TokenStorage = o.insecureStorage ? 'file' : 'keychain';
  try {
    await saveSession(o.env, o.profile, { server, provider: providerName, email, token, settings }, storage, o.config);
  } catch (err) {
    // A session we cannot keep is revoked at once rather than left valid on the server.
    if (!o.withToken) await backend.logout().catch(() => undefined);
    if (err instanceof TixError) throw err;
    throw authError(`could not store the token: ${(err as Error).message}`, { cause: err });
  }

  o.io.err(`✓ Logged in to ${server} (${info.displayName}) as ${me.user.name} <${me.user.email}> (${me.user.role})\n`);
  for (const note of notes) o.io.err(`✓ ${note}\n`);
  if (storage === 'file') {
    o.io.err(
      `! The token is stored in plain text in ${tokenFilePath(configDir(o.env))} (mode 0600). Anyone who can read that file can act as you.\n`,
    );
  } else {
    o.io.err('✓ Token stored in the OS keychain\n');
  }
}

function serverProblem(value: string): string | undefined {
  if (!value.includes('://')) return `expected a URL with its scheme, e.g. http://${value.trim() || '127.0.0.1:8787'}`;
  try {
    const u = new URL(value.trim());
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return `expected an http:// or https:// URL, got "${value}"`;
    // tix authenticates with its token; a password in the URL would only end up in config.json and in messages
    if (u.username || u.password)
      return 'put no user name or password in the server URL: tix logs in with --email and a password or token on standard input';
    return undefined;
  } catch {
    return `expected a URL such as http://127.0.0.1:8787, got "${value}"`;
  }
}

/** Every provider's login options by flag, with the providers that take each (two may share a flag). */
function loginOptions(): Map<string, { option: LoginOption; providers: string[] }> {
  const byFlag = new Map<string, { option: LoginOption; providers: string[] }>();
  for (const name of availableProviders())
    for (const option of providerInfo(name).loginOptions ?? []) {
      const entry = byFlag.get(option.flag) ?? { option, providers: [] };
      entry.providers.push(name);
      byFlag.set(option.flag, entry);
    }
  return byFlag;
}

function camelCase(flag: string): string {
  return flag.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
}

/**
 * The provider settings to check at login: the profile's (same server and provider: a new login keeps the
 * service desk chosen before), then the flags given. A flag of another provider is a usage error.
 */
function givenSettings(o: Options, provider: ProviderName, own: readonly LoginOption[], displayName: string): ProviderSettings {
  const previous = o.config.profiles?.[o.profile];
  const server = (o.server ?? o.defaultServer).trim().replace(/\/+$/, '');
  const given: ProviderSettings =
    previous && previous.provider === provider && previous.server === server ? { ...(previous.settings ?? {}) } : {};
  for (const [flag, value] of Object.entries(o.providerOptions)) {
    const option = own.find((x) => x.flag === flag);
    if (!option) throw usageError(`--${flag}: ${displayName} (provider ${provider}) takes no --${flag}`, { code: 'unknown_option' });
    if (!value.trim()) throw usageError(`--${flag}: expected a value`);
    given[option.key] = value.trim();
  }
  return given;
}
