import type { Locale } from '../../core/i18n.ts';
import type { Values } from './hints.ts';
import { flatten, type CommandSpec, type OptionSpec } from './spec.ts';

// The tables bash and zsh share: both read `case` statements the same way, so the command tree becomes
// functions that answer "which subcommand is this word", "how many values does this flag take" and "what
// completes here". Only how a list of candidates is handed to the shell differs (bash.ts, zsh.ts).

/** A single-quoted word for sh-like shells. */
export function q(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function pattern(path: string, keys: string[]): string {
  return keys.map((k) => q(`${path}/${k}`)).join('|');
}

/** The tree's options that are not inherited from the root (those are matched once, for every path). */
export function ownOptions(cmd: CommandSpec): OptionSpec[] {
  return cmd.options.filter((o) => !o.global);
}

export function globalOptions(root: CommandSpec): OptionSpec[] {
  return root.options.filter((o) => o.global);
}

function caseFunction(name: string, comment: string, arms: string[], fallback: string): string {
  return [`# ${comment}`, `${name}() {`, '  case "$1/$2" in', ...arms.map((a) => `    ${a}`), `    *) ${fallback} ;;`, '  esac', '}'].join(
    '\n',
  );
}

/** `_tix_sub PATH WORD`: REPLY is the canonical subcommand of PATH that WORD names (aliases too), or ''. */
export function subFunction(root: CommandSpec): string {
  const arms = flatten(root).flatMap((cmd) =>
    cmd.commands.map((c) => `${pattern(cmd.path, [c.name, ...c.aliases])}) REPLY=${q(c.name)} ;;`),
  );
  return caseFunction('_tix_sub', '_tix_sub PATH WORD: REPLY is the subcommand of PATH that WORD names, or empty', arms, "REPLY=''");
}

/** `_tix_arity PATH OPTION`: REPLY is 0, 1, ? (an optional value) or * (values up to the next option). */
export function arityFunction(root: CommandSpec): string {
  const arm = (path: string, o: OptionSpec) =>
    `${path === '*' ? o.names.map((n) => `*${q(`/${n}`)}`).join('|') : pattern(path, o.names)}) REPLY=${q(String(o.arity))} ;;`;
  const arms = [
    ...flatten(root).flatMap((cmd) =>
      ownOptions(cmd)
        .filter((o) => o.arity !== 0)
        .map((o) => arm(cmd.path, o)),
    ),
    ...globalOptions(root)
      .filter((o) => o.arity !== 0)
      .map((o) => arm('*', o)),
  ];
  return caseFunction(
    '_tix_arity',
    '_tix_arity PATH OPTION: REPLY is how many values OPTION takes: 0, 1, ? (optional) or * (up to the next option)',
    arms,
    'REPLY=0',
  );
}

/**
 * `_tix_values PATH KEY`: adds the candidates for an option's value (KEY is the option as typed) or for the
 * Nth argument (KEY is #N); returns 1 when PATH takes no such argument (the caller offers options instead).
 * `render` turns a set of values into the shell's code; `label` names them (zsh shows it).
 */
export function valuesFunction(root: CommandSpec, render: (v: Values, label: string) => string, name = '_tix_values'): string {
  const arms: string[] = [];
  for (const cmd of flatten(root)) {
    for (const o of ownOptions(cmd))
      if (o.values) arms.push(`${pattern(cmd.path, o.names)}) ${render(o.values, o.names.at(-1)!.replace(/^-+/, ''))} ;;`);
    if (cmd.commands.length > 0) continue;
    cmd.args.forEach((a, i) => {
      const key = a.variadic ? `${q(`${cmd.path}/#`)}*` : pattern(cmd.path, [`#${i + 1}`]);
      arms.push(`${key}) ${a.values ? render(a.values, a.name) : ':'} ;;`);
    });
  }
  for (const o of globalOptions(root))
    if (o.values)
      arms.push(`${o.names.map((n) => `*${q(`/${n}`)}`).join('|')}) ${render(o.values, o.names.at(-1)!.replace(/^-+/, ''))} ;;`);
  return caseFunction(
    name,
    '_tix_values PATH KEY: candidates for an option (KEY as typed) or the Nth argument (KEY is #N); 1 when there is no such argument',
    arms,
    'return 1',
  );
}

/** For `keyed` values: a `case` on an earlier argument, each arm rendered with `render`. */
export function keyedCase(v: Extract<Values, { kind: 'keyed' }>, array: string, render: (v: Values) => string): string {
  const arms = Object.entries(v.cases).map(([key, values]) => `${q(key)}) ${render(values)} ;;`);
  return `case "\${${array}}" in ${arms.join(' ')} esac`;
}

/** `_tix_list PATH`: REPLY / reply gets the subcommands or the options of PATH, rendered by the caller. */
function listFunction(
  name: string,
  comment: string,
  root: CommandSpec,
  items: (cmd: CommandSpec) => string | undefined,
  fallback: string,
): string {
  const arms = flatten(root).flatMap((cmd) => {
    const body = items(cmd);
    return body === undefined ? [] : [`${q(cmd.path)}) ${body} ;;`];
  });
  return [`# ${comment}`, `${name}() {`, '  case "$1" in', ...arms.map((a) => `    ${a}`), `    *) ${fallback} ;;`, '  esac', '}'].join(
    '\n',
  );
}

/**
 * The loop both shells run over the words before the cursor: which command they name (aliases resolved), the
 * arguments given, whether an option still waits for its value, and the --profile (and --type, whose fields
 * `--field` completes) to ask `tix __complete` with.
 * A lone "=" is how bash splits "--status=open" (COMP_WORDBREAKS); zsh never sees one.
 */
export function walkLoop(loop: string, word: string): string {
  return `  # Which command the words name, which arguments they give, and whether an option waits for its value.
  ${loop}; do
    word=${word}
    if [[ -n $want ]]; then
      if [[ $word == '=' ]]; then mode=1; continue; fi
      if [[ $mode == 1 || $word != -* ]]; then
        [[ $want == --profile ]] && _tix_profile=$word
        [[ $want == --type ]] && _tix_type=$word
        [[ $mode == '*' ]] || want=''
        continue
      fi
      want=''
    fi
    if [[ -n $dashdash || $word != -* ]]; then
      [[ $word == '=' ]] && { ((i++)); continue; }
      _tix_sub "$cpath" "$word"
      if [[ -z $dashdash && -n $REPLY ]]; then cpath=\${cpath:+$cpath }$REPLY; else _tix_args+=("$word"); fi
      continue
    fi
    if [[ $word == -- ]]; then dashdash=1; continue; fi
    [[ $word == *=* ]] && continue
    _tix_arity "$cpath" "$word"
    [[ $REPLY != 0 ]] && want=$word mode=$REPLY
  done`;
}

/**
 * Each language's functions that describe (subcommands, options, values), suffixed with the language when there
 * are several, and a function of the plain name that calls the reader's (`_tix_language` sets `_tix_lang`).
 */
function describing(specs: Partial<Record<Locale, CommandSpec>>, make: (root: CommandSpec, suffix: string) => string, names: string[]) {
  const entries = Object.entries(specs) as Array<[Locale, CommandSpec]>;
  if (entries.length === 1) return make(entries[0]![1], '');
  return [
    ...entries.map(([l, root]) => make(root, `_${l}`)),
    "# in the reader's language",
    ...names.map((name) => `${name}() {\n  local _tix_lang\n  _tix_language\n  ${name}_$_tix_lang "$@"\n}`),
  ].join('\n\n');
}

/** What differs between the bash and the zsh script; the tables around it are the same. */
export interface Flavour {
  header: string;
  /** the function that walks the words and hands the candidates to the shell */
  main: string;
  render: (v: Values, label: string) => string;
  /** the code that puts a list of names (with what they do) in REPLY / reply */
  list: (items: Array<{ name: string; description: string }>) => string;
  /** the same for no names */
  empty: string;
  /** "REPLY" or "reply", for the comments */
  variable: string;
}

/** The script, from the tree described in one language (bash) or in several (zsh picks the reader's). */
export function shScript(specs: Partial<Record<Locale, CommandSpec>> & { en: CommandSpec }, f: Flavour): string {
  const root = specs.en;
  const described = (tree: CommandSpec, suffix: string) =>
    [
      listFunction(
        `_tix_commands${suffix}`,
        `_tix_commands PATH: ${f.variable} is the subcommands of PATH`,
        tree,
        (c) => (c.commands.length ? f.list(c.commands) : undefined),
        f.empty,
      ),
      '',
      listFunction(
        `_tix_options${suffix}`,
        `_tix_options PATH: ${f.variable} is the options of PATH`,
        tree,
        (c) => f.list(c.options.flatMap((o) => o.names.map((name) => ({ name, description: o.description })))),
        f.empty,
      ),
      '',
      valuesFunction(tree, f.render, `_tix_values${suffix}`),
    ].join('\n');
  return [
    f.header,
    subFunction(root),
    '',
    arityFunction(root),
    '',
    describing(specs, described, ['_tix_commands', '_tix_options', '_tix_values']),
    '',
    f.main,
  ].join('\n');
}
