import { Command, Option } from 'commander';
import * as authLogin from '../commands/auth/login.ts';
import * as authLogout from '../commands/auth/logout.ts';
import * as authStatus from '../commands/auth/status.ts';
import * as authToken from '../commands/auth/token.ts';
import * as establishmentList from '../commands/establishment/list.ts';
import * as help from '../commands/help.ts';
import * as serve from '../commands/serve.ts';
import * as tokenCreate from '../commands/token/create.ts';
import * as tokenList from '../commands/token/list.ts';
import * as tokenRevoke from '../commands/token/revoke.ts';
import * as version from '../commands/version.ts';
import { VERSION } from '../version.ts';
import type { Factory } from './factory.ts';
import { examples } from './help-text.ts';

/** The command tree. Nouns are singular with a plural alias; each verb lives in its own file. */
export function buildProgram(f: Factory): Command {
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
  });
  examples(program, ['tix auth login', 'tix establishment list', 'tix help exit-codes']);

  serve.register(program, f);

  const auth = noun(program, 'auth', 'Log in and out, show who you are', undefined, ['tix auth login', 'tix auth status']);
  authLogin.register(auth, f);
  authLogout.register(auth, f);
  authStatus.register(auth, f);
  authToken.register(auth, f);

  const token = noun(program, 'token', 'Personal access tokens for CI and scripts', 'tokens', ['tix token create --name ci --expires-in 30d', 'tix token list']);
  tokenCreate.register(token, f);
  tokenList.register(token, f);
  tokenRevoke.register(token, f);

  const establishment = noun(program, 'establishment', 'Establishments you administer', 'establishments', ['tix establishment list']);
  establishmentList.register(establishment, f);

  version.register(program, f);
  help.register(program, f);
  return program;
}

function noun(parent: Command, name: string, description: string, plural: string | undefined, usage: string[]): Command {
  const cmd = parent.command(name).description(description);
  if (plural) cmd.alias(plural);
  return examples(cmd, usage);
}
