import { Argument, type Command } from 'commander';
import type { Backend } from '../api/backend.ts';
import type { ProviderInfo } from '../api/provider.ts';
import type { OptionSpec } from '../cli/completion/spec.ts';
import { exitCodeMeanings, usageError } from '../core/errors.ts';
import { statusWords } from '../core/status.ts';
import { completeWith, words } from '../cli/completion/hints.ts';
import type { Factory } from '../cli/factory.ts';
import { examples } from '../cli/help-text.ts';
import type { IOStreams } from '../io/iostreams.ts';

export interface Options {
  io: IOStreams;
  topic: string[];
  root: Command;
  json: boolean;
  /** the whole command tree, every noun with its verbs (help --json) */
  tree: () => Promise<Command>;
  /** a backend that gives up fast, for the request-type schemas of help --json */
  backend: () => Promise<Backend>;
  /** what the profile's provider declares: the --status words of help --json */
  providerInfo: () => ProviderInfo;
}

/** Every environment variable tix reads. README's table is checked against this list by a test. */
export const environmentVariables: Array<{ name: string; meaning: string }> = [
  { name: 'TIX_SERVER', meaning: "server URL; overrides the profile's (a stored token is only sent to the server it came from)" },
  { name: 'TIX_TOKEN', meaning: 'token to use instead of the stored one (CI: a personal access token from a secret)' },
  { name: 'TIX_PROFILE', meaning: 'profile to use, like --profile' },
  {
    name: 'TIX_PROVIDER',
    meaning: "the helpdesk behind TIX_SERVER: tix (default), rt, jira-sm, zendesk; overrides the profile's (CI with TIX_TOKEN)",
  },
  {
    name: 'TIX_EMAIL',
    meaning: "the account's e-mail that goes with TIX_TOKEN for helpdesks whose tokens are sent with it (Jira Cloud: Basic)",
  },
  {
    name: 'TIX_SERVICE_DESK',
    meaning: "Jira Service Management: the service desk to work in (project key or id); overrides the profile's",
  },
  {
    name: 'TIX_CONFIG_DIR',
    meaning: 'directory of config.json (and credentials.json with --insecure-storage); default $XDG_CONFIG_HOME/tix',
  },
  {
    name: 'TIX_LANG',
    meaning: 'fr or en: the language people read (before tix config lang, LC_ALL, LC_MESSAGES, LANG); machine output never changes',
  },
  { name: 'TIX_NO_INPUT', meaning: 'never prompt, like --no-input: missing input is an error (exit 2)' },
  { name: 'TIX_DEBUG', meaning: 'log HTTP requests and retries to stderr; print stack traces of unexpected errors' },
  { name: 'NO_COLOR', meaning: 'disable colour' },
  { name: 'CLICOLOR_FORCE', meaning: 'colour even when output is not a terminal (also FORCE_COLOR)' },
  { name: 'FORCE_HYPERLINK', meaning: '1 or 0: show ticket numbers as terminal hyperlinks (OSC 8) or not, whatever the terminal' },
  { name: 'TIX_PAGER', meaning: 'pager for long output on a terminal (then PAGER; "cat" disables paging)' },
  { name: 'EDITOR', meaning: 'editor for long text on a terminal (VISUAL first)' },
  {
    name: 'BROWSER',
    meaning: "browser command for --web (the page's URL replaces %s in it, or comes last); default: xdg-open, open or start",
  },
  { name: 'HTTPS_PROXY', meaning: 'proxy for HTTPS requests (also HTTP_PROXY); NO_PROXY lists hosts that bypass it' },
  { name: 'XDG_CONFIG_HOME', meaning: 'base of the default config directory' },
  { name: 'XDG_DATA_HOME', meaning: "base of tix serve's default database ($XDG_DATA_HOME/tix/tix.db)" },
  {
    name: 'TIX_DATABASE_URL',
    meaning: "tix serve's database when --db is not given: postgres://user:password@host:port/db, or a SQLite path",
  },
  {
    name: 'PGPASSWORD',
    meaning: 'tix serve: the PostgreSQL password when the URL has none (also PGHOST, PGPORT, PGUSER, PGDATABASE)',
  },
  {
    name: 'TIX_SMTP_URL',
    meaning: "tix serve's SMTP server for notification e-mails when --smtp is not given: smtp://user:password@host:port",
  },
  {
    name: 'TIX_NOTIFY_LEASE',
    meaning: 'tix serve: how long an instance holds a notification it is sending before another may take it over (default 2m)',
  },
];

/** `tree` builds the whole command tree (every noun with its verbs); program.ts passes it in. */
export function register(parent: Command, f: Factory, tree: () => Command, runF = run): Command {
  const cmd = parent
    .command('help')
    .description('Help on a command, or on a topic: exit-codes, environment')
    .addArgument(
      completeWith(
        new Argument('[topic...]', 'a command (e.g. "ticket create") or a topic'),
        words(['exit-codes', 'environment', ...parent.commands.map((c) => c.name())]),
      ),
    )
    .option(
      '--json',
      'print the command tree as JSON for tools: commands, arguments, options, examples, and (when logged in) the request-type schemas',
    )
    .action(async (topic: string[], opts: { json?: boolean }) => {
      await runF({
        io: f.io,
        topic,
        root: parent,
        json: Boolean(opts.json),
        tree: async () => tree(),
        backend: f.quickBackend,
        providerInfo: f.providerInfo,
      });
    });
  return examples(cmd, [
    'tix help exit-codes',
    'tix help environment',
    'tix help auth login',
    "tix help --json | jq -r '.commands[].path'",
    'tix help --json ticket create',
  ]);
}

export async function run(o: Options): Promise<void> {
  if (o.json) return printTree(o);
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
  findCommand(o.root, o.topic).cmd.outputHelp(); // written through the program's configured output, examples included
}

/** The command the words name (aliases too), and its canonical path. */
function findCommand(root: Command, words: string[]): { cmd: Command; path: string } {
  let cmd = root;
  const path: string[] = [];
  for (const word of words) {
    const next = cmd.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (!next)
      throw usageError(
        `no help topic or command "${words.join(' ')}"; topics: exit-codes, environment; commands: ${root.commands.map((c) => c.name()).join(', ')}`,
      );
    cmd = next;
    path.push(next.name());
  }
  return { cmd, path: path.join(' ') };
}

/** tix help --json [COMMAND…]: the tree (or the part under COMMAND) as data; request types only when the server answers. */
async function printTree(o: Options): Promise<void> {
  const [{ commandSpec, flatten, choicesOf }, { VERSION }, root] = await Promise.all([
    import('../cli/completion/spec.ts'),
    import('../version.ts'),
    o.tree(),
  ]);
  const spec = commandSpec(root);
  const { path: under } = findCommand(root, o.topic);
  // --status words depend on the profile's helpdesk: its own statuses, then the categories
  let statuses: string[] | undefined;
  try {
    statuses = statusWords(o.providerInfo().statuses);
  } catch {
    /* a provider not in this version of tix: no choices to list */
  }
  const options = (list: OptionSpec[]) =>
    list.map((opt) => {
      const choices = opt.values?.kind === 'dynamic' && opt.values.what === 'statuses' ? statuses : choicesOf(opt.values);
      return {
        flags: opt.flags,
        description: opt.description,
        ...(choices ? { choices } : {}),
        ...(opt.default !== undefined ? { default: opt.default } : {}),
      };
    });
  const commands = flatten(spec).filter((c) => c.path !== '' && (under === '' || c.path === under || c.path.startsWith(`${under} `)));
  const requestTypes = await o
    .backend()
    .then((b) => b.requestTypes?.catalog() ?? null)
    .catch(() => null);
  const tree = {
    version: VERSION,
    globalOptions: options(spec.options),
    commands: commands.map((c) => ({
      path: c.path,
      aliases: c.aliases,
      description: c.description,
      arguments: c.args.map((a) => {
        const choices = choicesOf(a.values);
        return { name: a.name, description: a.description, required: a.required, variadic: a.variadic, ...(choices ? { choices } : {}) };
      }),
      // the options of the command itself: global ones are listed once, and every command has --help
      options: options(c.options.filter((opt) => !opt.global && !opt.names.includes('--help'))),
      examples: c.examples,
    })),
    requestTypes,
  };
  o.io.out(`${JSON.stringify(tree, null, 2)}\n`);
}
