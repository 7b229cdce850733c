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
import { environmentVariableNames, t } from './help.messages.ts';

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

/** Every environment variable tix reads, with its meaning in English. README's table is checked against this list by a test. */
export const environmentVariables: Array<{ name: string; meaning: string }> = environmentVariableNames.map((name) => ({
  name,
  meaning: t('en', `env.${name}`),
}));

/** `tree` builds the whole command tree (every noun with its verbs); program.ts passes it in. */
export function register(parent: Command, f: Factory, tree: () => Command, runF = run): Command {
  const l = f.io.locale;
  const cmd = parent
    .command('help')
    .description(t(l, 'description'))
    .addArgument(
      completeWith(
        new Argument('[topic...]', t(l, 'topic')),
        words(['exit-codes', 'environment', ...parent.commands.map((c) => c.name())]),
      ),
    )
    .option('--json', t(l, 'json'))
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
  const l = o.io.locale;
  if (first === 'exit-codes') {
    o.io.out(`${t(l, 'exitCodes.title')}\n`);
    for (const e of exitCodeMeanings) o.io.out(`  ${String(e.code).padStart(3)}  ${t(l, `exit.${e.name}`)}\n`);
    return;
  }
  if (first === 'environment') {
    o.io.out(`${t(l, 'environment.title')}\n`);
    const width = Math.max(...environmentVariableNames.map((name) => name.length));
    for (const name of environmentVariableNames) o.io.out(`  ${name.padEnd(width)}  ${t(l, `env.${name}`)}\n`);
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
    if (!next) throw usageError(t.text('noTopic', { words: words.join(' '), commands: root.commands.map((c) => c.name()).join(', ') }));
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
