import type { Command } from 'commander';

/** Every command teaches by example; test/cli/help.test.ts walks the tree to keep it so. */
export function examples(cmd: Command, lines: string[]): Command {
  return cmd.addHelpText('after', `\nExamples:\n${lines.map((l) => (l.startsWith('#') ? `  ${l}` : `  $ ${l}`)).join('\n')}\n`);
}
