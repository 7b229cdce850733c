import type { Argument, Command, Option } from 'commander';
import { tokenScopes } from '../../api/types.ts';
import { examplesOf } from '../help-text.ts';
import { completionHint, words, type DynamicKind, type Values } from './hints.ts';

// The command tree as data: what the completion scripts and `tix help --json` are generated from. Built from
// commander's own objects (visible commands, options, arguments, choices), plus what commander cannot know:
// which values complete dynamically (ticket ids, request types) and which take file names.

/** How many values an option takes: none, one, an optional one (`--json [fields]`), or several (`<x...>`). */
export type Arity = 0 | 1 | '?' | '*';

export interface OptionSpec {
  flags: string;
  /** e.g. ["-X", "--method"] */
  names: string[];
  description: string;
  arity: Arity;
  values?: Values;
  default?: unknown;
  /** defined on the root and accepted after any command (--profile, --no-input) */
  global?: boolean;
}

export interface ArgSpec {
  name: string;
  description: string;
  required: boolean;
  variadic: boolean;
  values?: Values;
}

export interface CommandSpec {
  /** "ticket list"; "" for tix itself */
  path: string;
  name: string;
  aliases: string[];
  description: string;
  commands: CommandSpec[];
  options: OptionSpec[];
  args: ArgSpec[];
  examples: string[];
}

const dynamic = (what: DynamicKind): Values => ({ kind: 'dynamic', what });

/**
 * Values by where they appear, "PATH|--option" or "PATH|<argument>": one table rather than hints spread over
 * command files, so a new ticket verb taking `<id>` completes ticket ids without anyone thinking of it.
 */
const rules: Array<{ where: RegExp; values: Values }> = [
  { where: /^ticket [^|]+\|<id>$/, values: dynamic('ticket-ids') },
  { where: /\|--follow-up$/, values: dynamic('ticket-ids') },
  { where: /^ticket [^|]+\|--type$/, values: dynamic('types') },
  { where: /^type view\|<type>$/, values: dynamic('types') },
  // the profile's helpdesk decides its status names: asked of tix __complete statuses (no network call)
  { where: /^ticket [^|]+\|--status$/, values: dynamic('statuses') },
  // SIRETs and names of the user's establishments, contacts by id, a request type's fields (the --type on the line)
  { where: /\|--establishment$/, values: dynamic('establishments') },
  { where: /^contact (edit|remove)\|<id>$/, values: dynamic('contact-ids') },
  { where: /^ticket create\|--field$/, values: dynamic('fields') },
  { where: /\|--scope$/, values: words(tokenScopes) },
  { where: /\|--profile$/, values: dynamic('profiles') },
];

function valuesFor(target: Option | Argument, key: string, placeholder: string, isOption: boolean): Values | undefined {
  const hinted = completionHint(target);
  if (hinted) return hinted;
  if (target.argChoices) return words(target.argChoices);
  const rule = rules.find((r) => r.where.test(key));
  if (rule) return rule.values;
  if (/^(dir|directory)$/i.test(placeholder)) return { kind: 'dirs' };
  // an option's <file> or <path|url>; an argument named file (an argument named path is tix api's URL path)
  if (isOption ? /^(file|path)\b/i.test(placeholder) : placeholder === 'file') return { kind: 'files' };
  return undefined;
}

function arityOf(o: Option): Arity {
  if (o.variadic) return '*';
  if (o.required) return 1;
  return o.optional ? '?' : 0;
}

function optionSpec(o: Option, path: string, global = false): OptionSpec {
  const placeholder = /[<[]([^>\]]+?)(\.\.\.)?[>\]]/.exec(o.flags)?.[1] ?? '';
  const names = [o.short, o.long].filter((n): n is string => Boolean(n));
  const spec: OptionSpec = { flags: o.flags, names, description: o.description, arity: arityOf(o) };
  const values = spec.arity === 0 ? undefined : valuesFor(o, `${path}|${o.long ?? o.short}`, placeholder, true);
  if (values) spec.values = values;
  if (o.defaultValue !== undefined && !o.negate) spec.default = o.defaultValue;
  if (global) spec.global = true;
  return spec;
}

function argSpec(a: Argument, path: string): ArgSpec {
  const spec: ArgSpec = { name: a.name(), description: a.description, required: a.required, variadic: a.variadic };
  const values = valuesFor(a, `${path}|<${a.name()}>`, a.name(), false);
  if (values) spec.values = values;
  return spec;
}

/** The visible tree under `root` (hidden commands such as `__complete` left out), with the root's options inherited. */
export function commandSpec(root: Command): CommandSpec {
  const globals = root.options.filter((o) => !o.hidden && o.long !== '--version');
  const build = (cmd: Command, path: string): CommandSpec => {
    const help = cmd.createHelp();
    const own = help.visibleOptions(cmd).map((o) => optionSpec(o, path));
    const inherited = cmd === root ? [] : globals.map((o) => optionSpec(o, path, true));
    return {
      path,
      name: cmd === root ? cmd.name() : path.split(' ').pop()!,
      aliases: cmd.aliases(),
      description: cmd.description(),
      commands: help
        .visibleCommands(cmd)
        .filter((c) => cmd.commands.includes(c))
        .map((c) => build(c, path ? `${path} ${c.name()}` : c.name())),
      options:
        cmd === root ? own.map((o) => (globals.some((g) => g.flags === o.flags) ? { ...o, global: true } : o)) : [...own, ...inherited],
      args: cmd.registeredArguments.map((a) => argSpec(a, path)),
      examples: examplesOf(cmd),
    };
  };
  return build(root, '');
}

/** Every command of the tree, parents before children. */
export function flatten(spec: CommandSpec): CommandSpec[] {
  return [spec, ...spec.commands.flatMap(flatten)];
}

/** The fixed set of values, when there is one (help --json shows them as `choices`). */
export function choicesOf(values: Values | undefined): string[] | undefined {
  return values?.kind === 'words' ? values.words.map((w) => w.value) : undefined;
}
