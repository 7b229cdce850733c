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

# Values only the server knows (ticket ids, request types) or the config file (profiles), from
# \`tix __complete\`: it gives up within about 1.5 s and prints nothing when offline or logged out.
_tix_dynamic() {
  local line
  while IFS= read -r line; do
    line=\${line%%$'\\t'*}
    [[ -n $line && $line == "$_tix_full"* ]] && COMPREPLY+=("\${line#"$_tix_cut"}")
  done < <(tix \${_tix_profile:+--profile "$_tix_profile"} __complete "$1" 2>/dev/null)
}

_tix() {
  local cur=\${COMP_WORDS[COMP_CWORD]} cpath='' word want='' mode='' dashdash='' i REPLY
  local _tix_profile='' _tix_full _tix_cut='' line
  local -a _tix_args=()
  COMPREPLY=()
  [[ $cur == '=' ]] && cur=''
${walkLoop('for ((i = 1; i < COMP_CWORD; i++))', '${COMP_WORDS[i]}')}
  _tix_full=$cur
  if [[ -n \${COMP_LINE-} ]]; then
    line=\${COMP_LINE:0:COMP_POINT}
    line=\${line##*[[:space:]]}
    [[ $line == -*=* ]] && line=\${line#*=}
    [[ $line == *"$cur" ]] && _tix_full=$line _tix_cut=\${line%"$cur"}
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
  return shScript(root, {
    header,
    main,
    render,
    list: (items) => `REPLY=${q(items.map((x) => x.name).join(' '))}`,
    empty: "REPLY=''",
    variable: 'REPLY',
  });
}
