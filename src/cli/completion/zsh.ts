import type { Locale } from '../../core/i18n.ts';
import type { Values, Word } from './hints.ts';
import { keyedCase, q, shScript, walkLoop } from './sh.ts';
import type { CommandSpec } from './spec.ts';

/** "name:description" for _describe, colons in the name escaped. */
function item(name: string, description?: string): string {
  const escaped = name.replace(/:/g, '\\:');
  return q(description ? `${escaped}:${description.replace(/\s+/g, ' ')}` : escaped);
}

function render(v: Values, label: string): string {
  switch (v.kind) {
    case 'words':
      return `_tix_describe ${q(label)} ${v.words.map((w: Word) => item(w.value, w.description)).join(' ')}`;
    case 'dynamic':
      return `_tix_dynamic ${v.what}`;
    case 'files':
      return '_files';
    case 'dirs':
      return '_files -/';
    case 'keyed':
      return keyedCase(v, `_tix_args[${v.on}]`, (inner) => render(inner, label));
  }
}

const header = `#compdef tix
# zsh completion for tix: generated from the command tree by \`tix completion zsh\`; do not edit
# (npm run completions).
#
# Load it from ~/.zshrc, after compinit:
#   source <(tix completion zsh)
# or install it as _tix in a directory of your fpath, before compinit runs:
#   tix completion zsh > "\${fpath[1]}/_tix"
`;

const main = `# _tix_describe LABEL NAME[:DESCRIPTION]...
_tix_describe() {
  local label=$1
  shift
  local -a items
  items=("$@")
  _describe -t values "$label" items
}

# The reader's language, as tix chooses it: TIX_LANG, tix config's lang, LC_ALL, LC_MESSAGES, LANG; English
# by default. Sets _tix_lang to en or fr.
_tix_language() {
  local v conf file=\${TIX_CONFIG_DIR:-\${XDG_CONFIG_HOME:-$HOME/.config}/tix}/config.json
  local -a match mbegin mend
  [[ -r $file && "$(<$file)" =~ '"lang"[[:space:]]*:[[:space:]]*"([^"]*)"' ]] && conf=$match[1]
  _tix_lang=en
  for v in "$TIX_LANG" "$conf" "$LC_ALL" "$LC_MESSAGES" "$LANG"; do
    [[ -z \${v//[[:space:]]/} ]] && continue
    v=\${\${v:l}//[[:space:]]/}
    [[ \${v%%[-_.@]*} == fr ]] && _tix_lang=fr
    return 0
  done
}

# Values only the server knows (ticket ids, request types, establishments, contacts, a type's fields) or the
# config file (profiles), from \`tix __complete\`, told the word typed so far and the --type on the line: it
# gives up within about 1.5 s and prints nothing when offline or logged out.
_tix_dynamic() {
  local line
  local -a pre type items suffix
  [[ -n $_tix_profile ]] && pre=(--profile "$_tix_profile")
  [[ -n $_tix_type ]] && type=(--type "$_tix_type")
  for line in "\${(@f)$(tix "\${pre[@]}" __complete "$1" "\${type[@]}" -- "\${(Q)PREFIX}" 2>/dev/null)}"; do
    [[ -z $line ]] && continue
    if [[ $line == *$'\\t'* ]]; then
      items+=("\${\${line%%$'\\t'*}//:/\\\\:}:\${line#*$'\\t'}")
    else
      items+=("\${line//:/\\\\:}")
    fi
  done
  # "severity=" is a field's name: its value comes next, without a space
  [[ \${items[1]%%:*} == *= ]] && suffix=(-S '')
  (( \${#items} )) && _describe -t "$1" "\${1//-/ }" items "\${suffix[@]}"
}

_tix() {
  local cur=\${words[CURRENT]} cpath='' word want='' mode='' dashdash='' REPLY _tix_profile='' _tix_type=''
  local -a _tix_args reply
  local -i i
${walkLoop('for (( i = 2; i < CURRENT; i++ ))', '${words[i]}')}
  if [[ -z $dashdash && -z $want && $cur == --*=* ]]; then
    compset -P '*='
    _tix_values "$cpath" "\${cur%%=*}"
    return
  fi
  if [[ -n $want && ( $mode == 1 || $cur != -* ) ]]; then
    _tix_values "$cpath" "$want"
    return
  fi
  if [[ -z $dashdash && $cur == -* ]]; then
    _tix_options "$cpath"
    _describe -t options option reply
    return
  fi
  _tix_commands "$cpath"
  if (( \${#reply} )); then
    _describe -t commands 'tix command' reply
    return
  fi
  if ! _tix_values "$cpath" "#$(( \${#_tix_args} + 1 ))"; then
    _tix_options "$cpath"
    _describe -t options option reply
  fi
}

# Autoloaded from fpath, this file is the body of _tix: run it. Sourced, register it.
if [[ \${funcstack[1]} == _tix ]]; then
  _tix "$@"
else
  compdef _tix tix
fi
`;

/**
 * The zsh completion script: the same tables as bash, with descriptions in every language (the reader's is
 * shown), read by a _describe-based function.
 */
export function zshScript(specs: Record<Locale, CommandSpec>): string {
  return shScript(specs, {
    header,
    main,
    render,
    list: (items) => `reply=(${items.map((x) => item(x.name, x.description)).join(' ')})`,
    empty: 'reply=()',
    variable: 'reply (name:description)',
  });
}
