import { Argument, type Command } from 'commander';
import type { Factory } from '../cli/factory.ts';
import { examples } from '../cli/help-text.ts';
import type { IOStreams } from '../io/iostreams.ts';

export const shells = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof shells)[number];

export interface Options {
  io: IOStreams;
  shell: Shell;
  /** the whole command tree, every noun with its verbs */
  tree: () => Promise<Command>;
}

/** `tree` builds the whole command tree (every noun with its verbs); program.ts passes it in. */
export function register(parent: Command, f: Factory, tree: () => Command, runF = run): Command {
  const cmd = parent
    .command('completion')
    .description('Print the shell completion script for bash, zsh or fish (also in completions/)')
    .addArgument(new Argument('<shell>', shells.join(', ')).choices(shells))
    .action(async (shell: Shell) => runF({ io: f.io, shell, tree: async () => tree() }));
  return examples(cmd, [
    'tix completion fish > ~/.config/fish/completions/tix.fish',
    '# bash: in ~/.bashrc',
    'source <(tix completion bash)',
    '# zsh: in ~/.zshrc, after compinit',
    'source <(tix completion zsh)',
  ]);
}

export async function run(o: Options): Promise<void> {
  const [{ commandSpec }, tree] = await Promise.all([import('../cli/completion/spec.ts'), o.tree()]);
  const spec = commandSpec(tree);
  if (o.shell === 'bash') o.io.out((await import('../cli/completion/bash.ts')).bashScript(spec));
  else if (o.shell === 'zsh') o.io.out((await import('../cli/completion/zsh.ts')).zshScript(spec));
  else o.io.out((await import('../cli/completion/fish.ts')).fishScript(spec));
}
