import { Argument, type Command } from 'commander';
import { type Locale, locales } from '../core/i18n.ts';
import type { Factory } from '../cli/factory.ts';
import { t } from '../cli/completion/messages.ts';
import { examples } from '../cli/help-text.ts';
import type { IOStreams } from '../io/iostreams.ts';

export const shells = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof shells)[number];

export interface Options {
  io: IOStreams;
  shell: Shell;
  /** the whole command tree, every noun with its verbs, described in `locale` */
  tree: (locale: Locale) => Promise<Command>;
}

/** `tree` builds the whole command tree (every noun with its verbs) in a language; program.ts passes it in. */
export function register(parent: Command, f: Factory, tree: (locale: Locale) => Command, runF = run): Command {
  const l = f.io.locale;
  const cmd = parent
    .command('completion')
    .description(t(l, 'completion.description'))
    .addArgument(new Argument('<shell>', shells.join(', ')).choices(shells))
    .action(async (shell: Shell) => runF({ io: f.io, shell, tree: async (locale) => tree(locale) }));
  return examples(cmd, [
    'tix completion fish > ~/.config/fish/completions/tix.fish',
    t(l, 'completion.bashrc'),
    'source <(tix completion bash)',
    t(l, 'completion.zshrc'),
    'source <(tix completion zsh)',
  ]);
}

// The script is the same whatever the reader's language: zsh and fish carry the descriptions in every
// language and pick the reader's when completing (bash shows no descriptions: English only).
export async function run(o: Options): Promise<void> {
  const { commandSpec } = await import('../cli/completion/spec.ts');
  const specs = Object.fromEntries(await Promise.all(locales.map(async (l) => [l, commandSpec(await o.tree(l))] as const))) as Record<
    Locale,
    ReturnType<typeof commandSpec>
  >;
  if (o.shell === 'bash') o.io.out((await import('../cli/completion/bash.ts')).bashScript(specs.en));
  else if (o.shell === 'zsh') o.io.out((await import('../cli/completion/zsh.ts')).zshScript(specs));
  else o.io.out((await import('../cli/completion/fish.ts')).fishScript(specs));
}
