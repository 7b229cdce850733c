import { type Argument, Command, Option } from 'commander';
import * as api from '../commands/api.ts';
import * as authLogin from '../commands/auth/login.ts';
import * as authLogout from '../commands/auth/logout.ts';
import * as authStatus from '../commands/auth/status.ts';
import * as authToken from '../commands/auth/token.ts';
import * as contactAdd from '../commands/contact/add.ts';
import * as contactApply from '../commands/contact/apply.ts';
import * as contactEdit from '../commands/contact/edit.ts';
import * as contactList from '../commands/contact/list.ts';
import * as contactRemove from '../commands/contact/remove.ts';
import * as complete from '../commands/complete.ts';
import * as completion from '../commands/completion.ts';
import * as configGet from '../commands/config/get.ts';
import * as configList from '../commands/config/list.ts';
import * as configSet from '../commands/config/set.ts';
import * as configUnset from '../commands/config/unset.ts';
import * as establishmentList from '../commands/establishment/list.ts';
import * as help from '../commands/help.ts';
import * as serve from '../commands/serve.ts';
import * as ticketStatus from '../commands/ticket/change-status.ts';
import * as ticketCreate from '../commands/ticket/create.ts';
import * as ticketDownload from '../commands/ticket/download.ts';
import * as ticketList from '../commands/ticket/list.ts';
import * as ticketRead from '../commands/ticket/read.ts';
import * as ticketUnread from '../commands/ticket/unread.ts';
import * as ticketWatch from '../commands/ticket/watch.ts';
import * as inbox from '../commands/inbox.ts';
import * as settingsList from '../commands/settings/list.ts';
import * as settingsSet from '../commands/settings/set.ts';
import * as ticketReply from '../commands/ticket/reply.ts';
import * as ticketSubscribe from '../commands/ticket/subscribe.ts';
import * as ticketUnsubscribe from '../commands/ticket/unsubscribe.ts';
import * as notificationList from '../commands/notification/list.ts';
import * as notificationSet from '../commands/notification/set.ts';
import * as ticketView from '../commands/ticket/view.ts';
import * as tokenCreate from '../commands/token/create.ts';
import * as tokenList from '../commands/token/list.ts';
import * as tokenRevoke from '../commands/token/revoke.ts';
import * as typeList from '../commands/type/list.ts';
import * as typeView from '../commands/type/view.ts';
import * as version from '../commands/version.ts';
import { colorWanted, type IOStreams } from '../io/iostreams.ts';
import { VERSION } from '../version.ts';
import type { ConfigData } from '../auth/config.ts';
import { type Locale, resolveLocale } from '../core/i18n.ts';
import type { Factory } from './factory.ts';
import { examples, setProgramLocale } from './help-text.ts';
import { t } from './messages.ts';

export { createFactory } from './factory.ts';

interface Noun {
  name: string;
  plural?: string;
  description:
    | 'noun.auth'
    | 'noun.token'
    | 'noun.establishment'
    | 'noun.type'
    | 'noun.ticket'
    | 'noun.settings'
    | 'noun.notification'
    | 'noun.contact'
    | 'noun.config';
  examples: string[];
  verbs(cmd: Command, f: Factory): void;
}

/** The nouns and their verbs. Nouns are singular with a plural alias; each verb lives in its own file. */
const nouns: Noun[] = [
  {
    name: 'auth',
    description: 'noun.auth',
    examples: ['tix auth login', 'tix auth status'],
    verbs: (cmd, f) => {
      authLogin.register(cmd, f);
      authLogout.register(cmd, f);
      authStatus.register(cmd, f);
      authToken.register(cmd, f);
    },
  },
  {
    name: 'token',
    plural: 'tokens',
    description: 'noun.token',
    examples: ['tix token create --name ci --expires-in 30d', 'tix token list'],
    verbs: (cmd, f) => {
      tokenCreate.register(cmd, f);
      tokenList.register(cmd, f);
      tokenRevoke.register(cmd, f);
    },
  },
  {
    name: 'establishment',
    plural: 'establishments',
    description: 'noun.establishment',
    examples: ['tix establishment list'],
    verbs: (cmd, f) => establishmentList.register(cmd, f),
  },
  {
    name: 'type',
    plural: 'types',
    description: 'noun.type',
    examples: ['tix type list', 'tix type view incident'],
    verbs: (cmd, f) => {
      typeList.register(cmd, f);
      typeView.register(cmd, f);
    },
  },
  {
    name: 'ticket',
    plural: 'tickets',
    description: 'noun.ticket',
    examples: ['tix ticket create', 'tix ticket list', 'tix ticket view 42', 'tix ticket reply 42'],
    verbs: (cmd, f) => {
      ticketCreate.register(cmd, f);
      ticketList.register(cmd, f);
      ticketView.register(cmd, f);
      ticketReply.register(cmd, f);
      for (const action of ['resolve', 'close', 'reopen'] as const) ticketStatus.register(cmd, f, action);
      ticketRead.register(cmd, f);
      ticketUnread.register(cmd, f);
      ticketWatch.register(cmd, f);
      ticketDownload.register(cmd, f);
      ticketSubscribe.register(cmd, f);
      ticketUnsubscribe.register(cmd, f);
    },
  },
  {
    name: 'notification',
    plural: 'notifications',
    description: 'noun.notification',
    examples: ['tix notification list', 'tix notification set mine --lang fr', 'tix ticket unsubscribe 42'],
    verbs: (cmd, f) => {
      notificationList.register(cmd, f);
      notificationSet.register(cmd, f);
    },
  },
  {
    name: 'settings',
    description: 'noun.settings',
    examples: ['tix settings list', 'tix settings set mark-read on-open'],
    verbs: (cmd, f) => {
      settingsList.register(cmd, f);
      settingsSet.register(cmd, f);
    },
  },
  {
    name: 'contact',
    plural: 'contacts',
    description: 'noun.contact',
    examples: [
      'tix contact list',
      'tix contact add',
      'tix contact edit 3 --add-email oncall@example.com',
      'tix contact apply -f contacts.json --dry-run',
    ],
    verbs: (cmd, f) => {
      contactList.register(cmd, f);
      contactAdd.register(cmd, f);
      contactEdit.register(cmd, f);
      contactRemove.register(cmd, f);
      contactApply.register(cmd, f);
    },
  },
  {
    name: 'config',
    description: 'noun.config',
    examples: ['tix config list', 'tix config set editor "code --wait"', 'tix config set output json'],
    verbs: (cmd, f) => {
      configList.register(cmd, f);
      configGet.register(cmd, f);
      configSet.register(cmd, f);
      configUnset.register(cmd, f);
    },
  },
];

/**
 * The command tree. Given the arguments, only the invoked noun gets its verbs: building every command with
 * commander costs milliseconds that `tix ticket list` should not pay. Without arguments (help, completion
 * scripts, `help --json`) the whole tree is built.
 */
export function buildProgram(f: Factory, argv?: string[]): Command {
  if (argv) adoptConfiguredLanguage(f);
  const l = f.io.locale;
  const program = new Command('tix')
    .description(t(l, 'program.description'))
    .version(VERSION, '-v, --version', t(l, 'program.version'))
    .helpOption('-h, --help', t(l, 'program.help'))
    .addOption(new Option('--profile <name>', t(l, 'program.profile')))
    .option('--no-input', t(l, 'program.noInput'))
    .helpCommand(false)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureHelp(localizedHelp(l))
    .configureOutput({
      writeOut: (s) => f.io.out(s),
      writeErr: (s) => f.io.err(s),
      outputError: (s, write) => write(f.io.errColors.red(commanderMessage(s, l))),
    });
  setProgramLocale(program, l);
  program.hook('preAction', (_root, action) => {
    const globals = action.optsWithGlobals() as { profile?: string; input?: boolean };
    f.globals.profile = globals.profile;
    if (globals.input === false) {
      f.io.noInput = true;
      f.io.canPrompt = false;
    }
    applyPreferences(f, action);
  });
  examples(program, ['tix auth login', 'tix ticket create', 'tix ticket list --status open', 'tix help exit-codes']);

  serve.register(program, f);
  const invoked = argv && invokedNoun(argv);
  for (const n of nouns) {
    const cmd = program.command(n.name).description(t(l, n.description)).helpCommand(false);
    if (n.plural) cmd.alias(n.plural);
    examples(cmd, n.examples);
    if (!invoked || invoked === n) n.verbs(cmd, f);
  }
  inbox.register(program, f);
  api.register(program, f);
  // help --json is for tools: built from the English tree, whatever the reader's language; completion scripts carry
  // every language (zsh and fish show descriptions in the reader's)
  completion.register(program, f, (locale) => inLocale(f.io, locale, () => buildProgram(f)));
  version.register(program, f);
  help.register(program, f, () => inEnglish(f.io, () => buildProgram(f)));
  complete.register(program, f);
  return program;
}

/** Builds something (the command tree for tools) in English, whatever the reader's language. */
function inEnglish<T>(io: IOStreams, build: () => T): T {
  return inLocale(io, 'en', build);
}

/** Builds something (a command tree) in a given language, whatever the reader's. */
function inLocale<T>(io: IOStreams, locale: Locale, build: () => T): T {
  const reader = io.locale;
  io.locale = locale;
  try {
    return build();
  } finally {
    io.locale = reader;
  }
}

/**
 * tix config's `lang` comes between TIX_LANG and the POSIX variables. A config file that cannot be read is
 * left to the commands that need it: they report it by name.
 */
function adoptConfiguredLanguage(f: Factory): void {
  let configured: string | undefined;
  try {
    configured = f.config().lang;
  } catch {
    return;
  }
  f.io.locale = resolveLocale(f.env, configured);
}

/** Commander's help in the reader's language: its headings, and defaults and choices of options. */
function localizedHelp(l: Locale) {
  const titles: Record<string, string> = {
    'Usage:': t(l, 'help.usage'),
    'Arguments:': t(l, 'help.arguments'),
    'Options:': t(l, 'help.options'),
    'Commands:': t(l, 'help.commands'),
    'Global Options:': t(l, 'help.globalOptions'),
  };
  const extras = (
    description: string,
    o: { argChoices?: string[]; defaultValue?: unknown; defaultValueDescription?: string },
    show: boolean,
  ) => {
    const extra: string[] = [];
    if (o.argChoices) extra.push(t(l, 'help.choices', { values: o.argChoices.join(', ') }));
    // an empty list or false says nothing a reader needs ("(default: [])" on a repeatable flag)
    const value = o.defaultValue;
    if (show && value !== undefined && value !== false && !(Array.isArray(value) && value.length === 0))
      extra.push(t(l, 'help.default', { value: o.defaultValueDescription ?? (Array.isArray(value) ? value.join(' ') : String(value)) }));
    return extra.length ? `${description} (${extra.join(', ')})`.trim() : description;
  };
  return {
    styleTitle: (title: string) => titles[title] ?? title,
    optionDescription: (o: Option) => extras(o.description, o, o.required || o.optional),
    argumentDescription: (a: Argument) => extras(a.description, a, true),
  };
}

const authVerbs = ['login', 'logout', 'status'];

/** Commander's own error messages (unknown command, missing argument…) in the reader's language. */
export function commanderMessage(text: string, l: Locale): string {
  const label = `${t(l, 'error.label')} `;
  const line = text.replace(/^error: /, '').replace(/\n$/, '');
  const [first = '', suggestion] = line.split('\n');
  const suggest = () => {
    const m = /^\(Did you mean (one of )?(.+)\?\)$/.exec(suggestion ?? '');
    if (!m) return '';
    return `\n${m[1] ? t(l, 'commander.didYouMeanOneOf', { suggestions: m[2]! }) : t(l, 'commander.didYouMean', { suggestion: m[2]! })}`;
  };
  // commander's English sentences, each with what it becomes in the reader's language
  const known: Array<[RegExp, (m: RegExpExecArray) => string]> = [
    [
      /^unknown command '(.+)'$/,
      // `tix login`, `tix logout`, `tix status`: the verbs of `tix auth`, which other CLIs have at the top
      (m) =>
        t(l, 'commander.unknownCommand', { name: m[1]! }) +
        (authVerbs.includes(m[1]!) ? `\n${t(l, 'commander.didYouMean', { suggestion: `tix auth ${m[1]}` })}` : suggest()),
    ],
    [/^unknown option '(.+)'$/, (m) => t(l, 'commander.unknownOption', { name: m[1]! }) + suggest()],
    [/^missing required argument '(.+)'$/, (m) => t(l, 'commander.missingArgument', { name: m[1]! })],
    [/^option '(.+)' argument missing$/, (m) => t(l, 'commander.optionMissingArgument', { flags: m[1]! })],
    [/^required option '(.+)' not specified$/, (m) => t(l, 'commander.missingMandatoryOption', { flags: m[1]! })],
    [
      /^too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+): (.*)\.$/,
      (m) =>
        t(l, 'commander.excessArguments', {
          where: m[1] ? t(l, 'commander.excessWhere', { name: m[1] }) : '',
          count: Number(m[2]),
          expected: Number(m[2]),
          received: Number(m[3]),
          details: m[4]!,
        }),
    ],
    [/^(.+) cannot be used with (.+)$/, (m) => t(l, 'commander.conflictingOption', { option: m[1]!, other: m[2]! })],
    [
      /^option '(.+)' argument '(.*)' is invalid\. Allowed choices are (.+)\.$/,
      (m) => t(l, 'commander.invalidOptionValue', { flags: m[1]!, value: m[2]!, choices: m[3]! }),
    ],
    [
      /^command-argument value '(.*)' is invalid for argument '(.+)'\. Allowed choices are (.+)\.$/,
      (m) => t(l, 'commander.invalidArgumentValue', { value: m[1]!, name: m[2]!, choices: m[3]! }),
    ],
  ];
  let out: string | undefined;
  for (const [pattern, render] of known) {
    const m = pattern.exec(first);
    if (m) {
      out = render(m);
      break;
    }
  }
  // anything else keeps commander's English
  return `${label}${out ?? line}\n`;
}

/**
 * The preferences of `tix config` that change every command: colour (NO_COLOR and CLICOLOR_FORCE still win)
 * and `output json`, which gives every command that takes `--json [fields]` a bare --json unless it was given.
 * A config file that cannot be read is left to the commands that need it: they report it by name.
 */
function applyPreferences(f: Factory, action: Command): void {
  let config: ConfigData;
  try {
    config = f.config();
  } catch {
    return;
  }
  if (config.color && config.color !== 'auto') {
    f.io.color = colorWanted(f.io.isStdoutTTY, f.env, config.color);
    f.io.colorStderr = colorWanted(f.io.isStderrTTY, f.env, config.color);
  }
  if (
    config.output === 'json' &&
    action.getOptionValue('json') === undefined &&
    action.options.some((o) => o.attributeName() === 'json' && o.optional)
  ) {
    action.setOptionValueWithSource('json', true, 'config');
  }
}

/** The noun the arguments invoke, skipping global options; undefined for anything else (help, typos…). */
function invokedNoun(argv: string[]): Noun | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--profile') i++;
    else if (!arg.startsWith('-')) return nouns.find((n) => n.name === arg || n.plural === arg);
  }
  return undefined;
}
