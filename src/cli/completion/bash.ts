import type { Values } from './hints.ts';
import { keyedCase, q, shScript, walkLoop } from './sh.ts';
import type { CommandSpec } from './spec.ts';

function render(v: Values): string {
  switch (v.kind) {
    case 'words':
      return `_tix_add ${q(v.words.map((w) => w.value).join(' '))}`;
    case 'dynamic':
      return `_tix_dynamic ${v.what}`;
    case 'files':
      return '_tix_files';
    case 'dirs':
      return '_tix_files -d';
    case 'keyed':
      return keyedCase(v, `_tix_args[${v.on - 1}]`, render);
  }
}

const header = `# bash completion for tix                                   -*- shell-script -*-
# Generated from the command tree by \`tix completion bash\`: do not edit (npm run completions).
#
# Load it from ~/.bashrc:
#   source <(tix completion bash)
# or install it where bash-completion finds it:
#   tix completion bash > "\${BASH_COMPLETION_USER_DIR:-\${XDG_DATA_HOME:-$HOME/.local/share}/bash-completion}/completions/tix"
`;

const main = `# Adds the words of $1 that start with the word being completed. With ':' in COMP_WORDBREAKS,
# "tickets:re" reaches us as "tickets" ":" "re": match the whole word, hand back the part after the break.
_tix_add() {
  local w
  for w in $1; do
    [[ $w == "$_tix_full"* ]] && COMPREPLY+=("\${w#"$_tix_cut"}")
  done
}

# File names (or directories with -d).
_tix_files() {
  local f
  compopt -o filenames 2>/dev/null
  while IFS= read -r f; do COMPREPLY+=("$f"); done < <(compgen "\${1:--f}" -- "$cur")
}

# A candidate as a shell word: blanks and the shell's special characters escaped (an establishment's name).
_tix_escape() {
  local s=$1 c i specials=$' \\t\\'"\\\\$\`()&;<>|*?[]!#~{}'
  REPLY=''
  for ((i = 0; i < \${#s}; i++)); do
    c=\${s:i:1}
    [[ $specials == *"$c"* ]] && REPLY+='\\'
    REPLY+=$c
  done
}

# Values only the server knows (ticket ids, request types, establishments, contacts, a type's fields) or the
# config file (profiles), from \`tix __complete\`, told the word typed so far and the --type on the line: it
# gives up within about 1.5 s and prints nothing when offline or logged out.
_tix_dynamic() {
  local line
  while IFS= read -r line; do
    line=\${line%%$'\\t'*}
    [[ -n $line && $line == "$_tix_full"* ]] || continue
    # "severity=" is a field's name: its value comes next, without a space
    [[ $line == *= ]] && compopt -o nospace 2>/dev/null
    _tix_escape "\${line#"$_tix_cut"}"
    COMPREPLY+=("$REPLY")
  done < <(tix \${_tix_profile:+--profile "$_tix_profile"} __complete "$1" \${_tix_type:+--type "$_tix_type"} -- "$_tix_full" 2>/dev/null)
}

_tix() {
  local cur=\${COMP_WORDS[COMP_CWORD]} cpath='' word want='' mode='' dashdash='' i REPLY
  local _tix_profile='' _tix_type='' _tix_full _tix_cut='' line='' acc re end=$COMP_CWORD
  local -a _tix_args=()
  COMPREPLY=()
  [[ $cur == '=' ]] && cur=''
  if [[ -n \${COMP_LINE-} ]]; then
    line=\${COMP_LINE:0:COMP_POINT}
    # the last word as typed: blanks end it unless escaped ("École\\ L")
    re='(([^[:space:]\\\\]|\\\\.)*)$'
    [[ $line =~ $re ]] && line=\${BASH_REMATCH[1]}
    # a value with '=' or ':' in it ("severity=hi", "tickets:re") reaches bash as several words: the walk stops
    # before its first one (an option's own --name=value is left to the walk)
    acc=\${COMP_WORDS[COMP_CWORD]}
    if [[ $line != -* ]]; then
      while ((end > 1)) && [[ $acc != "$line" && $line == *"\${COMP_WORDS[end - 1]}$acc" ]]; do
        ((end--))
        acc=\${COMP_WORDS[end]}$acc
      done
    fi
  fi
${walkLoop('for ((i = 1; i < end; i++))', '${COMP_WORDS[i]}')}
  _tix_full=$cur
  if [[ -n $line ]]; then
    [[ $line == -*=* ]] && line=\${line#*=}
    [[ $line == *"$cur" ]] && _tix_full=$line _tix_cut=\${line%"$cur"}
    # compared with the candidates as they read, unescaped
    _tix_full=\${_tix_full//\\\\/} _tix_cut=\${_tix_cut//\\\\/}
  fi
  if [[ -n $want && ( $mode == 1 || $cur != -* ) ]]; then
    _tix_values "$cpath" "$want"
    return 0
  fi
  if [[ -z $dashdash && $cur == -* ]]; then
    _tix_options "$cpath"
    _tix_add "$REPLY"
    return 0
  fi
  _tix_commands "$cpath"
  if [[ -n $REPLY ]]; then
    _tix_add "$REPLY"
    return 0
  fi
  if ! _tix_values "$cpath" "#$((\${#_tix_args[@]} + 1))"; then
    _tix_options "$cpath"
    _tix_add "$REPLY"
  fi
  return 0
}

complete -F _tix tix
`;

/** The bash completion script: tables generated from the tree, then the function that reads them. */
export function bashScript(root: CommandSpec): string {
  return shScript(
    { en: root },
    {
      header,
      main,
      render,
      list: (items) => `REPLY=${q(items.map((x) => x.name).join(' '))}`,
      empty: "REPLY=''",
      variable: 'REPLY',
    },
  );
}
