import type { Command } from 'commander';
import type { Locale } from '../core/i18n.ts';
import { t } from './messages.ts';

const recorded = new WeakMap<Command, string[]>();
const programLocales = new WeakMap<Command, Locale>();

/** The language the program's help is read in (set once on the root by buildProgram). */
export function setProgramLocale(program: Command, locale: Locale): void {
  programLocales.set(program, locale);
}

function localeOf(cmd: Command): Locale {
  let root = cmd;
  while (root.parent) root = root.parent;
  return programLocales.get(root) ?? 'en';
}

/**
 * Every command teaches by example; test/cli/help.test.ts walks the tree to keep it so. Lines are command
 * lines, or comments starting with "#" (in the reader's language: the caller writes them from its catalog).
 */
export function examples(cmd: Command, lines: string[]): Command {
  recorded.set(cmd, [...examplesOf(cmd), ...lines]);
  return cmd.addHelpText(
    'after',
    () => `\n${t(localeOf(cmd), 'help.examples')}\n${lines.map((l) => (l.startsWith('#') ? `  ${l}` : `  $ ${l}`)).join('\n')}\n`,
  );
}

/** A command's examples as given to examples(): command lines, and comments starting with "#" (tix help --json). */
export function examplesOf(cmd: Command): string[] {
  return recorded.get(cmd) ?? [];
}
