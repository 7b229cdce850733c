import type { Command } from 'commander';

const recorded = new WeakMap<Command, string[]>();

/** Every command teaches by example; test/cli/help.test.ts walks the tree to keep it so. */
export function examples(cmd: Command, lines: string[]): Command {
  recorded.set(cmd, [...examplesOf(cmd), ...lines]);
  return cmd.addHelpText('after', `\nExamples:\n${lines.map((l) => (l.startsWith('#') ? `  ${l}` : `  $ ${l}`)).join('\n')}\n`);
}

/** A command's examples as given to examples(): command lines, and comments starting with "#" (tix help --json). */
export function examplesOf(cmd: Command): string[] {
  return recorded.get(cmd) ?? [];
}
