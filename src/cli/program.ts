import { Command, Option } from 'commander';
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
import { colorWanted } from '../io/iostreams.ts';
import { VERSION } from '../version.ts';
import type { ConfigData } from '../auth/config.ts';
import type { Factory } from './factory.ts';

export { createFactory } from './factory.ts';
import { examples } from './help-text.ts';

interface Noun {
  name: string;
  plural?: string;
  description: string;
  examples: string[];
  verbs(cmd: Command, f: Factory): void;
}

/** The nouns and their verbs. Nouns are singular with a plural alias; each verb lives in its own file. */
const nouns: Noun[] = [
  {
    name: 'auth',
    description: 'Log in and out, show who you are',
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
    description: 'Personal access tokens for CI and scripts',
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
    description: 'Establishments you administer',
    examples: ['tix establishment list'],
    verbs: (cmd, f) => establishmentList.register(cmd, f),
  },
  {
    name: 'type',
    plural: 'types',
    description: 'The request types and their forms',
    examples: ['tix type list', 'tix type view incident'],
    verbs: (cmd, f) => {
      typeList.register(cmd, f);
      typeView.register(cmd, f);
    },
  },
  {
    name: 'ticket',
    plural: 'tickets',
    description: 'File, list, read and answer support requests',
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
    description: 'The e-mails tix serve sends you about tickets: how many, in which language',
    examples: ['tix notification list', 'tix notification set mine --lang fr', 'tix ticket unsubscribe 42'],
    verbs: (cmd, f) => {
      notificationList.register(cmd, f);
      notificationSet.register(cmd, f);
    },
  },
  {
    name: 'settings',
    description: "Organisation settings (when messages count as read, the contacts' e-mail language)",
    examples: ['tix settings list', 'tix settings set mark-read on-open'],
    verbs: (cmd, f) => {
      settingsList.register(cmd, f);
      settingsSet.register(cmd, f);
    },
  },
  {
    name: 'contact',
    plural: 'contacts',
    description: "The account's contacts by type: commercial, accounting, technical, fraud, chargebacks",
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
    description: 'Local preferences: default profile, editor, pager, colour, output format',
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
  const program = new Command('tix')
    .description('Support tickets and account contacts from the command line')
    .version(VERSION, '-v, --version', 'print the version')
    .addOption(new Option('--profile <name>', 'use another saved server/account (also TIX_PROFILE)'))
    .option('--no-input', 'never prompt; missing input is an error (also TIX_NO_INPUT)')
    .helpCommand(false)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => f.io.out(s),
      writeErr: (s) => f.io.err(s),
      outputError: (s, write) => write(f.io.colorStderr ? `\u001b[31m${s}\u001b[39m` : s),
    });
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
    const cmd = program.command(n.name).description(n.description).helpCommand(false);
    if (n.plural) cmd.alias(n.plural);
    examples(cmd, n.examples);
    if (!invoked || invoked === n) n.verbs(cmd, f);
  }
  inbox.register(program, f);
  api.register(program, f);
  completion.register(program, f, () => buildProgram(f));
  version.register(program, f);
  help.register(program, f, () => buildProgram(f));
  complete.register(program, f);
  return program;
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
