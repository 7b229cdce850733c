import type { Command } from 'commander';
import { exitCodeMeanings, usageError } from '../api/errors.ts';
import type { Factory } from '../cli/factory.ts';
import { examples } from '../cli/help-text.ts';
import type { IOStreams } from '../io/iostreams.ts';

export interface Options {
  io: IOStreams;
  topic: string[];
  root: Command;
}

/** Every environment variable tix reads. README's table is checked against this list by a test. */
export const environmentVariables: Array<{ name: string; meaning: string }> = [
  { name: 'TIX_SERVER', meaning: 'server URL; overrides the profile\'s (a stored token is only sent to the server it came from)' },
  { name: 'TIX_TOKEN', meaning: 'token to use instead of the stored one (CI: a personal access token from a secret)' },
  { name: 'TIX_PROFILE', meaning: 'profile to use, like --profile' },
  { name: 'TIX_CONFIG_DIR', meaning: 'directory of config.json (and credentials.json with --insecure-storage); default $XDG_CONFIG_HOME/tix' },
  { name: 'TIX_NO_INPUT', meaning: 'never prompt, like --no-input: missing input is an error (exit 2)' },
  { name: 'TIX_DEBUG', meaning: 'log HTTP requests and retries to stderr; print stack traces of unexpected errors' },
  { name: 'NO_COLOR', meaning: 'disable colour' },
  { name: 'CLICOLOR_FORCE', meaning: 'colour even when output is not a terminal (also FORCE_COLOR)' },
  { name: 'FORCE_HYPERLINK', meaning: '1 or 0: show ticket numbers as terminal hyperlinks (OSC 8) or not, whatever the terminal' },
  { name: 'TIX_PAGER', meaning: 'pager for long output on a terminal (then PAGER; "cat" disables paging)' },
  { name: 'EDITOR', meaning: 'editor for long text on a terminal (VISUAL first)' },
  { name: 'HTTPS_PROXY', meaning: 'proxy for HTTPS requests (also HTTP_PROXY); NO_PROXY lists hosts that bypass it' },
  { name: 'XDG_CONFIG_HOME', meaning: 'base of the default config directory' },
  { name: 'XDG_DATA_HOME', meaning: 'base of tix serve\'s default database ($XDG_DATA_HOME/tix/tix.db)' },
];

export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent
    .command('help')
    .description('Help on a command, or on a topic: exit-codes, environment')
    .argument('[topic...]', 'a command (e.g. "ticket create") or a topic')
    .action(async (topic: string[]) => runF({ io: f.io, topic, root: parent }));
  return examples(cmd, ['tix help exit-codes', 'tix help environment', 'tix help auth login']);
}

export async function run(o: Options): Promise<void> {
  const [first] = o.topic;
  if (first === 'exit-codes') {
    o.io.out('Exit codes (stable; scripts may rely on them):\n');
    for (const e of exitCodeMeanings) o.io.out(`  ${String(e.code).padStart(3)}  ${e.meaning}\n`);
    return;
  }
  if (first === 'environment') {
    o.io.out('Environment variables:\n');
    const width = Math.max(...environmentVariables.map((v) => v.name.length));
    for (const v of environmentVariables) o.io.out(`  ${v.name.padEnd(width)}  ${v.meaning}\n`);
    return;
  }
  let cmd = o.root;
  for (const word of o.topic) {
    const next = cmd.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (!next) throw usageError(`no help topic or command "${o.topic.join(' ')}"; topics: exit-codes, environment; commands: ${o.root.commands.map((c) => c.name()).join(', ')}`);
    cmd = next;
  }
  cmd.outputHelp(); // written through the program's configured output, examples included
}
