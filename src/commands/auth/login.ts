import { type Command, Option } from 'commander';
import type { Backend, ProviderModule } from '../../api/backend.ts';
import type { Me } from '../../api/types.ts';
import { type LoginOption, type ProviderName, type ProviderSettings, parseProviderName, providerNames } from '../../api/provider.ts';
import { type ConfigData, configDir, type TokenStorage } from '../../auth/config.ts';
import { saveSession } from '../../auth/credentials.ts';
import { tokenFilePath } from '../../auth/token-file.ts';
import { completeWith, words } from '../../cli/completion/hints.ts';
import type { Factory } from '../../cli/factory.ts';
import { t as common } from '../../cli/messages.ts';
import { examples } from '../../cli/help-text.ts';
import { authError, ExitCode, type FieldProblem, fieldsError, TixError, transientError, usageError } from '../../core/errors.ts';
import { type LocalText, localeFromEnv, pickText, verbatim } from '../../core/i18n.ts';
import { problem } from '../../core/messages.ts';
import { readAll } from '../../io/files.ts';
import type { Env, IOStreams } from '../../io/iostreams.ts';
import { askSecret, askText } from '../../io/prompter.ts';
import { availableProviders, providerInfo } from '../../providers/registry.ts';
import { roleText, t, waitText } from './messages.ts';

/** How many times a person at a terminal may type the password before the command ends. */
const PASSWORD_TRIES = 3;

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
  const l = f.io.locale;
  const cmd = parent
    .command('login')
    .description(t(l, 'login.description'))
    .addOption(
      completeWith(new Option('--provider <name>', t(l, 'login.provider', { providers: providerNames.join(', ') })), words(providerNames)),
    )
    .option('--server <url>', t(l, 'login.server'))
    .option('--email <email>', t(l, 'login.email'))
    .option('--password-stdin', t(l, 'login.passwordStdin'))
    .option('--with-token', t(l, 'login.withToken'))
    .option('--insecure-storage', t(l, 'login.insecureStorage'));
  // each provider's own options (e.g. Jira's --service-desk), declared in its info.ts
  const options = loginOptions();
  for (const [flag, { option, providers }] of options)
    cmd.option(
      `--${flag} <${option.valueName}>`,
      t(l, 'login.providerOption', { description: pickText(option.description, l), providers: providers.join(', '), env: option.env }),
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
    `# ${t(l, 'login.example.otherHelpdesk')}`,
    'echo "$RT_TOKEN" | tix auth login --provider rt --server https://rt.example.com/rt --with-token',
    'echo "$ZENDESK_API_TOKEN" | tix auth login --provider zendesk --server https://acme.zendesk.com --email me@acme.com --with-token',
    `# ${t(l, 'login.example.jira')}`,
    'echo "$JIRA_API_TOKEN" | tix auth login --provider jira-sm --server https://acme.atlassian.net --email me@acme.com --with-token --service-desk SD',
    `# ${t(l, 'login.example.noKeychain')}`,
    'tix auth login --insecure-storage',
  ]);
}

export async function run(o: Options): Promise<void> {
  const l = o.io.locale;
  if (o.passwordStdin && o.withToken) throw usageError(t.text('login.stdinAndToken'));
  const providerName = o.provider === undefined ? o.defaultProvider : parseProviderName(o.provider, '--provider');
  // a provider not in this version of tix is refused before anything is asked
  const { info } = await o.loadProvider(providerName);
  const interactive = o.io.canPrompt && !o.passwordStdin && !o.withToken;
  const given = givenSettings(o, providerName, info.loginOptions ?? [], info.displayName);
  if (o.withToken && !info.login.token) throw usageError(t.text('login.passwordOnly', { provider: info.displayName }));
  if (!o.withToken && !info.login.password) throw usageError(t.text('login.tokenOnly', { provider: info.displayName, name: info.name }));

  let server =
    o.server ??
    (interactive
      ? await askText(o.io, t(l, 'login.prompt.server'), {
          default: o.defaultServer,
          validate: (v) => serverProblem(v)?.(l) ?? true,
        })
      : o.defaultServer);
  const problemText = serverProblem(server);
  if (problemText) throw usageError(t.text('login.serverFlag', { problem: problemText }));
  server = server.trim().replace(/\/+$/, '');

  let token: string;
  let backend: Backend;
  let me: Me;
  if (o.withToken) {
    token = (await readAll(o.io.stdin)).trim();
    if (!token) throw usageError(t.text('login.noToken'), { hint: verbatim('echo "$TIX_PAT" | tix auth login --with-token') });
    if (info.login.credential) token = info.login.credential(token, o.email);
    // the e-mail goes with the token for helpdesks that want both (Jira Cloud's API tokens)
    backend = await o.backendFor(server, { provider: providerName, token, email: o.email, settings: given });
    // Ask who the token belongs to before keeping it: a token the server rejects is never stored.
    me = await backend.me().catch((err: unknown) => {
      throw tokenRefused(err);
    });
  } else {
    const missing: FieldProblem[] = [];
    if (!o.email && !interactive) missing.push(problem('--email', t.text('login.missing.email')));
    if (!o.passwordStdin && !interactive) missing.push(problem('--password-stdin', t.text('login.missing.password')));
    if (missing.length) throw fieldsError(missing, t.text('login.noTerminal'));
    const email = o.email ?? (await askText(o.io, t(l, 'login.prompt.email')));
    const anonymous = await o.backendFor(server, { provider: providerName });
    if (!anonymous.login) throw usageError(t.text('login.noPasswordLogin', { provider: info.displayName }));
    // On a terminal a wrong password is typed again (server and e-mail kept), a few times; anything else ends.
    for (let tries = 1; ; tries++) {
      const password = o.passwordStdin
        ? (await readAll(o.io.stdin)).replace(/\r?\n$/, '')
        : await askSecret(o.io, t(l, 'login.prompt.password'));
      if (!password) throw usageError(t.text('login.emptyStdin'));
      try {
        token = (await anonymous.login(email, password, localeFromEnv(o.env))).token;
        break;
      } catch (err) {
        const left = PASSWORD_TRIES - tries;
        if (isWrongPassword(err) && !o.passwordStdin && left > 0) {
          o.io.err(`${o.io.errColors.red(t(l, 'login.wrong.again', { email, count: left }))}\n`);
          continue;
        }
        throw refusedLogin(err, email, o.passwordStdin);
      }
    }
    backend = await o.backendFor(server, { provider: providerName, token, email, settings: given });
    // Ask who the token belongs to before keeping it: a token the server rejects is never stored.
    me = await backend.me();
  }

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
    throw authError(t.text('login.cannotStore', { reason: (err as Error).message }), { cause: err });
  }

  o.io.err(
    `${t(l, 'login.done', { server, provider: info.displayName, name: me.user.name, email: me.user.email, role: roleText(l, me.user.role) })}\n`,
  );
  for (const note of notes) o.io.err(`✓ ${note}\n`);
  if (storage === 'file') o.io.err(`${t(l, 'login.plainText', { path: tokenFilePath(configDir(o.env)) })}\n`);
  else o.io.err(`${t(l, 'login.keychain')}\n`);
}

/** The helpdesk refused the e-mail and password (and not the server, or a lockout). */
function isWrongPassword(err: unknown): boolean {
  return err instanceof TixError && err.exitCode === ExitCode.auth && err.code === 'unauthorized';
}

/**
 * Why a login with a password failed, each case for what it is: the person has just run tix auth login, so
 * "run tix auth login" helps no one. A wrong password says what to check; a lockout, how long to wait (from
 * Retry-After); a busy server, that nothing was kept. Code, status and data stay as the helpdesk gave them.
 */
function refusedLogin(err: unknown, email: string, fromStdin: boolean): unknown {
  if (!(err instanceof TixError)) return err;
  const details = { code: err.code, status: err.status, data: err.data, fields: err.fields, cause: err };
  if (isWrongPassword(err))
    return authError(t.text('login.wrong'), {
      ...details,
      hint: t.text(fromStdin ? 'login.wrong.hint.stdin' : 'login.wrong.hint.prompt', { email }),
    });
  const retryAfter = typeof err.data?.retryAfter === 'number' ? err.data.retryAfter : undefined;
  const wait: LocalText | undefined = retryAfter === undefined ? undefined : (locale) => waitText(locale, retryAfter);
  if (err.code === 'too_many_attempts')
    return transientError(wait ? t.text('login.lockedOut', { wait }) : verbatim(err.message), {
      ...details,
      hint: t.text('login.lockedOut.hint'),
    });
  if (typeof err.data?.busyMessage === 'string') {
    const message = err.data.busyMessage;
    return transientError(wait ? t.text('login.busy.retryAfter', { message, wait }) : t.text('login.busy', { message }), {
      ...details,
      hint: t.text('login.busy.hint'),
    });
  }
  return err;
}

/**
 * A token given with --with-token that tix serve refuses (it says why: invalid, revoked, expired): check that
 * token, logging in again is not the way. Other helpdesks' refusals already say what to fix: kept as they are.
 */
function tokenRefused(err: unknown): unknown {
  if (!(err instanceof TixError) || !isWrongPassword(err)) return err;
  const reason = err.data?.reason;
  if (reason !== 'invalid' && reason !== 'revoked' && reason !== 'expired') return err;
  return authError(t.text('login.tokenRefused', { reason: (locale) => common(locale, `unauthorized.${reason}`) }), {
    code: err.code,
    status: err.status,
    data: err.data,
    cause: err,
    hint: t.text('login.tokenRefused.hint'),
  });
}

/** What is wrong with a server URL, in the reader's language; undefined when it will do. */
function serverProblem(value: string): LocalText | undefined {
  if (!value.includes('://')) return t.text('login.server.scheme', { example: value.trim() || '127.0.0.1:8787' });
  try {
    const u = new URL(value.trim());
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return t.text('login.server.protocol', { value });
    // tix authenticates with its token; a password in the URL would only end up in config.json and in messages
    if (u.username || u.password) return t.text('login.server.credentials');
    return undefined;
  } catch {
    return t.text('login.server.invalid', { value });
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
    if (!option)
      throw usageError(t.text('login.optionOfOther', { flag, provider: displayName, name: provider }), { code: 'unknown_option' });
    if (!value.trim()) throw usageError(t.text('login.optionEmpty', { flag }));
    given[option.key] = value.trim();
  }
  return given;
}
