import type { Locale } from '../../core/i18n.ts';
import type { Values } from './hints.ts';
import { flatten, type CommandSpec, type OptionSpec } from './spec.ts';

/** A single-quoted fish string. */
function fq(s: string): string {
  return `'${s.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/** A condition calling one of the helper functions below, its arguments double-quoted (single-quoted by `complete`). */
function cond(fn: string, ...args: Array<string | number>): string {
  return [fn, ...args.map((a) => `"${a}"`)].join(' ');
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** `complete` lines (after `head`: the command, condition, option) that offer `values` (`-x`: no file names unless asked for). */
function valueLines(head: string, v: Values): string[] {
  switch (v.kind) {
    case 'words':
      return v.words.some((w) => w.description)
        ? v.words.map((w) => `${head} -x -a ${fq(w.value)}${w.description ? ` -d ${fq(oneLine(w.description))}` : ''}`)
        : [`${head} -x -a ${fq(v.words.map((w) => w.value).join(' '))}`];
    case 'dynamic':
      return [`${head} -x -a ${fq(`(__tix_dynamic ${v.what})`)}`];
    case 'files':
      return [`${head} -r -F`];
    case 'dirs':
      return [`${head} -x -a ${fq('(__fish_complete_directories (commandline -ct))')}`];
    case 'keyed':
      return [];
  }
}

function optionLines(condition: string, o: OptionSpec): string[] {
  const short = o.names.find((n) => /^-[^-]$/.test(n));
  const long = o.names.find((n) => n.startsWith('--'));
  const option = `complete -c tix -n ${fq(condition)}${short ? ` -s ${short.slice(1)}` : ''}${long ? ` -l ${long.slice(2)}` : ''}`;
  // an optional value (--json [fields]) is only ever given as --json=fields to fish: treat it as a flag
  if (o.arity === 0 || o.arity === '?') return [`${option} -d ${fq(oneLine(o.description))}`];
  const v = o.values;
  if (v?.kind === 'files') return [`${option} -r -F -d ${fq(oneLine(o.description))}`];
  // the description on the option alone: on a line with -a, fish would show it beside every value too
  return [`${option} -x -d ${fq(oneLine(o.description))}`, ...(v && v.kind !== 'keyed' ? valueLines(option, v) : [])];
}

const helpers = `# fish completion for tix: generated from the command tree by \`tix completion fish\`; do not edit
# (npm run completions).
#
# Load it once:     tix completion fish | source
# or install it:    tix completion fish > ~/.config/fish/completions/tix.fish

# Walks the command line once per completion: sets __tix_path (the command named so far), __tix_args (its
# arguments), __tix_want and __tix_mode (an option waiting for its value, and how many it takes), __tix_profile.
function __tix_state
    set -l line (commandline -pc | string collect)
    if set -q __tix_line; and test "$__tix_line" = "$line"
        return 0
    end
    set -g __tix_line $line
    set -g __tix_path ''
    set -g __tix_args
    set -g __tix_want ''
    set -g __tix_mode ''
    set -g __tix_profile ''
    set -g __tix_type ''
    set -g __tix_lang (__tix_language)
    set -l dashdash ''
    set -l tokens (commandline -opc)
    for word in $tokens[2..-1]
        if test -n "$__tix_want"
            if test "$__tix_mode" = 1; or not string match -q -- '-*' $word
                test "$__tix_want" = --profile; and set -g __tix_profile $word
                test "$__tix_want" = --type; and set -g __tix_type $word
                test "$__tix_mode" = '*'; or set -g __tix_want ''
                continue
            end
            set -g __tix_want ''
        end
        if test -n "$dashdash"; or not string match -q -- '-*' $word
            set -l sub (__tix_sub "$__tix_path" $word)
            if test -z "$dashdash" -a -n "$sub"
                set -g __tix_path (string trim -- "$__tix_path $sub")
            else
                set -ga __tix_args $word
            end
            continue
        end
        if test "$word" = --
            set dashdash 1
            continue
        end
        string match -q -- '*=*' $word; and continue
        set -l arity (__tix_arity "$__tix_path" $word)
        if test "$arity" != 0
            set -g __tix_want $word
            set -g __tix_mode $arity
        end
    end
end

# __tix_in PATH: the command line has named PATH (its options apply)
function __tix_in
    __tix_state
    test "$__tix_path" = "$argv[1]"
end

# __tix_cmd PATH: a subcommand of PATH is expected here
function __tix_cmd
    __tix_in $argv[1]; and test -z "$__tix_want"
end

# __tix_arg PATH N [M WORD]: the Nth argument of PATH is expected here (N+: the Nth or any later one),
# and with M WORD, only when the Mth argument is WORD
function __tix_arg
    __tix_cmd $argv[1]; or return 1
    set -l n (string replace '+' '' -- $argv[2])
    set -l at (math (count $__tix_args) + 1)
    if string match -q -- '*+' $argv[2]
        test $at -ge $n; or return 1
    else
        test $at -eq $n; or return 1
    end
    test (count $argv) -lt 4; or test "$__tix_args[$argv[3]]" = "$argv[4]"
end

# __tix_want PATH OPTION: OPTION takes several values and is still taking them
function __tix_want
    __tix_in $argv[1]; and test "$__tix_mode" = '*'; and contains -- "$__tix_want" $argv[2..-1]
end

# The reader's language, as tix chooses it: TIX_LANG, tix config's lang, LC_ALL, LC_MESSAGES, LANG; English
# by default.
function __tix_language
    set -l dir ~/.config/tix
    set -q XDG_CONFIG_HOME; and test -n "$XDG_CONFIG_HOME"; and set dir $XDG_CONFIG_HOME/tix
    set -q TIX_CONFIG_DIR; and test -n "$TIX_CONFIG_DIR"; and set dir $TIX_CONFIG_DIR
    set -l conf
    test -r $dir/config.json; and set conf (string match -r -g '"lang"\\s*:\\s*"([^"]*)"' <$dir/config.json)
    for v in "$TIX_LANG" "$conf[1]" "$LC_ALL" "$LC_MESSAGES" "$LANG"
        set v (string lower -- (string trim -- $v))
        test -n "$v"; or continue
        if test (string replace -r '[-_.@].*' '' -- $v) = fr
            echo fr
        else
            echo en
        end
        return 0
    end
    echo en
end

# __tix_lang L: the reader's language is L (the descriptions in L are the ones shown)
function __tix_lang
    __tix_state
    test "$__tix_lang" = "$argv[1]"
end

# Values only the server knows (ticket ids, request types, establishments, contacts, a type's fields) or the
# config file (profiles), from \`tix __complete\`, told the word typed so far and the --type on the line: it
# gives up within about 1.5 s and prints nothing when offline or logged out.
function __tix_dynamic
    __tix_state
    set -l pre
    set -l type
    test -n "$__tix_profile"; and set pre --profile $__tix_profile
    test -n "$__tix_type"; and set type --type $__tix_type
    tix $pre __complete $argv[1] $type -- (commandline -ct) 2>/dev/null
end
`;

function switchFunction(name: string, comment: string, arms: Array<[string[], string]>, fallback: string): string {
  return [
    `# ${comment}`,
    `function ${name}`,
    '    switch "$argv[1]/$argv[2]"',
    ...arms.flatMap(([keys, out]) => [`        case ${keys.map(fq).join(' ')}`, `            echo ${out}`]),
    "        case '*'",
    `            echo ${fallback}`,
    '    end',
    'end',
  ].join('\n');
}

/**
 * The fish completion script: helper functions that walk the command line, then one `complete` line per
 * candidate, per language: each language's lines apply when it is the reader's (fish shows descriptions).
 */
export function fishScript(specs: Record<Locale, CommandSpec>): string {
  const root = specs.en;
  const all = flatten(root);
  const globals = root.options.filter((o) => o.global);
  const sub = switchFunction(
    '__tix_sub',
    '__tix_sub PATH WORD: the subcommand of PATH that WORD names',
    all.flatMap((cmd) => cmd.commands.map((c): [string[], string] => [[c.name, ...c.aliases].map((n) => `${cmd.path}/${n}`), fq(c.name)])),
    "''",
  );
  const arity = switchFunction(
    '__tix_arity',
    '__tix_arity PATH OPTION: how many values OPTION takes: 0, 1, ? (optional) or * (up to the next option)',
    [
      ...all.flatMap((cmd) =>
        cmd.options
          .filter((o) => !o.global && o.arity !== 0)
          .map((o): [string[], string] => [o.names.map((n) => `${cmd.path}/${n}`), fq(String(o.arity))]),
      ),
      ...globals.filter((o) => o.arity !== 0).map((o): [string[], string] => [o.names.map((n) => `*/${n}`), fq(String(o.arity))]),
    ],
    '0',
  );
  const lines: string[] = ['complete -c tix -f'];
  for (const [l, tree] of Object.entries(specs) as Array<[Locale, CommandSpec]>) lines.push('', `# ${l}`, ...completeLines(tree, l));
  return `${[helpers, sub, '', arity, '', ...lines].join('\n')}\n`;
}

/** The `complete` lines of a tree described in language `l`, each applying when `l` is the reader's. */
function completeLines(root: CommandSpec, l: Locale): string[] {
  const when = (condition?: string) => (condition ? `${condition}; and __tix_lang ${l}` : `__tix_lang ${l}`);
  const lines: string[] = root.options.filter((o) => o.global).flatMap((o) => optionLines(when(), o));
  for (const cmd of flatten(root)) {
    lines.push('', `# tix ${cmd.path || '(root)'}`.trimEnd());
    for (const c of cmd.commands)
      lines.push(`complete -c tix -n ${fq(when(cond('__tix_cmd', cmd.path)))} -a ${fq(c.name)} -d ${fq(oneLine(c.description))}`);
    for (const o of cmd.options.filter((x) => !x.global)) {
      lines.push(...optionLines(when(cond('__tix_in', cmd.path)), o));
      if (o.arity === '*' && o.values)
        lines.push(...valueLines(`complete -c tix -n ${fq(when(cond('__tix_want', cmd.path, ...o.names)))}`, o.values));
    }
    if (cmd.commands.length > 0) continue;
    cmd.args.forEach((a, i) => {
      const n = a.variadic ? `${i + 1}+` : String(i + 1);
      const v = a.values;
      if (!v) return;
      if (v.kind !== 'keyed') {
        lines.push(...valueLines(`complete -c tix -n ${fq(when(cond('__tix_arg', cmd.path, n)))}`, v));
        return;
      }
      for (const [key, inner] of Object.entries(v.cases))
        lines.push(...valueLines(`complete -c tix -n ${fq(when(cond('__tix_arg', cmd.path, n, v.on, key)))}`, inner));
    });
  }
  return lines;
}
