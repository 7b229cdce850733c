# bash completion for tix                                   -*- shell-script -*-
# Generated from the command tree by `tix completion bash`: do not edit (npm run completions).
#
# Load it from ~/.bashrc:
#   source <(tix completion bash)
# or install it where bash-completion finds it:
#   tix completion bash > "${BASH_COMPLETION_USER_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/bash-completion}/completions/tix"

# _tix_sub PATH WORD: REPLY is the subcommand of PATH that WORD names, or empty
_tix_sub() {
  case "$1/$2" in
    '/serve') REPLY='serve' ;;
    '/auth') REPLY='auth' ;;
    '/token'|'/tokens') REPLY='token' ;;
    '/establishment'|'/establishments') REPLY='establishment' ;;
    '/type'|'/types') REPLY='type' ;;
    '/ticket'|'/tickets') REPLY='ticket' ;;
    '/notification'|'/notifications') REPLY='notification' ;;
    '/settings') REPLY='settings' ;;
    '/contact'|'/contacts') REPLY='contact' ;;
    '/config') REPLY='config' ;;
    '/inbox') REPLY='inbox' ;;
    '/api') REPLY='api' ;;
    '/completion') REPLY='completion' ;;
    '/version') REPLY='version' ;;
    '/help') REPLY='help' ;;
    'auth/login') REPLY='login' ;;
    'auth/logout') REPLY='logout' ;;
    'auth/status') REPLY='status' ;;
    'auth/token') REPLY='token' ;;
    'token/create') REPLY='create' ;;
    'token/list'|'token/ls') REPLY='list' ;;
    'token/revoke') REPLY='revoke' ;;
    'establishment/list'|'establishment/ls') REPLY='list' ;;
    'type/list'|'type/ls') REPLY='list' ;;
    'type/view'|'type/show') REPLY='view' ;;
    'ticket/create'|'ticket/new') REPLY='create' ;;
    'ticket/list'|'ticket/ls') REPLY='list' ;;
    'ticket/view'|'ticket/show') REPLY='view' ;;
    'ticket/reply'|'ticket/comment') REPLY='reply' ;;
    'ticket/resolve') REPLY='resolve' ;;
    'ticket/close') REPLY='close' ;;
    'ticket/reopen') REPLY='reopen' ;;
    'ticket/read') REPLY='read' ;;
    'ticket/unread') REPLY='unread' ;;
    'ticket/watch') REPLY='watch' ;;
    'ticket/download') REPLY='download' ;;
    'ticket/subscribe') REPLY='subscribe' ;;
    'ticket/unsubscribe') REPLY='unsubscribe' ;;
    'notification/list'|'notification/ls') REPLY='list' ;;
    'notification/set') REPLY='set' ;;
    'settings/list'|'settings/ls') REPLY='list' ;;
    'settings/set') REPLY='set' ;;
    'contact/list'|'contact/ls') REPLY='list' ;;
    'contact/add'|'contact/create') REPLY='add' ;;
    'contact/edit') REPLY='edit' ;;
    'contact/remove'|'contact/rm') REPLY='remove' ;;
    'contact/apply') REPLY='apply' ;;
    'config/list'|'config/ls') REPLY='list' ;;
    'config/get') REPLY='get' ;;
    'config/set') REPLY='set' ;;
    'config/unset') REPLY='unset' ;;
    *) REPLY='' ;;
  esac
}

# _tix_arity PATH OPTION: REPLY is how many values OPTION takes: 0, 1, ? (optional) or * (up to the next option)
_tix_arity() {
  case "$1/$2" in
    'serve/--host') REPLY='1' ;;
    'serve/--port') REPLY='1' ;;
    'serve/--db') REPLY='1' ;;
    'serve/--seed') REPLY='1' ;;
    'serve/--catalog') REPLY='1' ;;
    'serve/--auto-close-after') REPLY='1' ;;
    'serve/--public-url') REPLY='1' ;;
    'serve/--smtp') REPLY='1' ;;
    'serve/--mail-from') REPLY='1' ;;
    'auth login/--provider') REPLY='1' ;;
    'auth login/--server') REPLY='1' ;;
    'auth login/--email') REPLY='1' ;;
    'auth login/--service-desk') REPLY='1' ;;
    'auth status/--json') REPLY='?' ;;
    'token create/--name') REPLY='1' ;;
    'token create/--expires-in') REPLY='1' ;;
    'token create/--scope') REPLY='*' ;;
    'token create/--json') REPLY='?' ;;
    'token list/--json') REPLY='?' ;;
    'establishment list/--json') REPLY='?' ;;
    'type list/--category') REPLY='1' ;;
    'type list/--json') REPLY='?' ;;
    'type view/--json') REPLY='?' ;;
    'ticket create/--type') REPLY='1' ;;
    'ticket create/--establishment') REPLY='1' ;;
    'ticket create/--summary') REPLY='1' ;;
    'ticket create/--description') REPLY='1' ;;
    'ticket create/--description-file') REPLY='1' ;;
    'ticket create/--field') REPLY='1' ;;
    'ticket create/--attach') REPLY='1' ;;
    'ticket create/--idempotency-key') REPLY='1' ;;
    'ticket create/--from-json') REPLY='1' ;;
    'ticket create/--follow-up') REPLY='1' ;;
    'ticket create/--json') REPLY='?' ;;
    'ticket list/--status') REPLY='*' ;;
    'ticket list/--type') REPLY='1' ;;
    'ticket list/--category') REPLY='1' ;;
    'ticket list/--establishment') REPLY='1' ;;
    'ticket list/--author') REPLY='1' ;;
    'ticket list/--search') REPLY='1' ;;
    'ticket list/--since') REPLY='1' ;;
    'ticket list/--limit') REPLY='1' ;;
    'ticket list/--json') REPLY='?' ;;
    'ticket list/--ndjson') REPLY='?' ;;
    'ticket view/--json') REPLY='?' ;;
    'ticket reply/--body') REPLY='1' ;;
    'ticket reply/--body-file') REPLY='1' ;;
    'ticket reply/--attach') REPLY='1' ;;
    'ticket reply/--idempotency-key') REPLY='1' ;;
    'ticket reply/--json') REPLY='?' ;;
    'ticket resolve/--json') REPLY='?' ;;
    'ticket close/--json') REPLY='?' ;;
    'ticket reopen/--json') REPLY='?' ;;
    'ticket read/--message') REPLY='1' ;;
    'ticket read/--status') REPLY='*' ;;
    'ticket read/--type') REPLY='1' ;;
    'ticket read/--category') REPLY='1' ;;
    'ticket read/--establishment') REPLY='1' ;;
    'ticket read/--author') REPLY='1' ;;
    'ticket read/--search') REPLY='1' ;;
    'ticket read/--since') REPLY='1' ;;
    'ticket read/--json') REPLY='?' ;;
    'ticket watch/--interval') REPLY='1' ;;
    'ticket watch/--timeout') REPLY='1' ;;
    'ticket download/--output') REPLY='1' ;;
    'ticket subscribe/--json') REPLY='?' ;;
    'ticket unsubscribe/--json') REPLY='?' ;;
    'notification list/--json') REPLY='?' ;;
    'notification set/--lang') REPLY='1' ;;
    'notification set/--json') REPLY='?' ;;
    'settings list/--company') REPLY='1' ;;
    'settings list/--json') REPLY='?' ;;
    'contact list/--type') REPLY='1' ;;
    'contact list/--company') REPLY='1' ;;
    'contact list/--json') REPLY='?' ;;
    'contact add/--type') REPLY='1' ;;
    'contact add/--name') REPLY='1' ;;
    'contact add/--email') REPLY='1' ;;
    'contact add/--phone') REPLY='1' ;;
    'contact add/--json') REPLY='?' ;;
    'contact edit/--name') REPLY='1' ;;
    'contact edit/--phone') REPLY='1' ;;
    'contact edit/--add-email') REPLY='1' ;;
    'contact edit/--remove-email') REPLY='1' ;;
    'contact edit/--json') REPLY='?' ;;
    'contact apply/-f'|'contact apply/--file') REPLY='1' ;;
    'contact apply/--json') REPLY='?' ;;
    'config list/--json') REPLY='?' ;;
    'inbox/--by') REPLY='1' ;;
    'inbox/--limit') REPLY='1' ;;
    'inbox/--json') REPLY='?' ;;
    'api/-X'|'api/--method') REPLY='1' ;;
    'api/-f'|'api/--field') REPLY='1' ;;
    'api/-H'|'api/--header') REPLY='1' ;;
    'api/--input') REPLY='1' ;;
    'version/--json') REPLY='?' ;;
    *'/--profile') REPLY='1' ;;
    *) REPLY=0 ;;
  esac
}

# _tix_commands PATH: REPLY is the subcommands of PATH
_tix_commands() {
  case "$1" in
    '') REPLY='serve auth token establishment type ticket notification settings contact config inbox api completion version help' ;;
    'auth') REPLY='login logout status token' ;;
    'token') REPLY='create list revoke' ;;
    'establishment') REPLY='list' ;;
    'type') REPLY='list view' ;;
    'ticket') REPLY='create list view reply resolve close reopen read unread watch download subscribe unsubscribe' ;;
    'notification') REPLY='list set' ;;
    'settings') REPLY='list set' ;;
    'contact') REPLY='list add edit remove apply' ;;
    'config') REPLY='list get set unset' ;;
    *) REPLY='' ;;
  esac
}

# _tix_options PATH: REPLY is the options of PATH
_tix_options() {
  case "$1" in
    '') REPLY='-v --version --profile --no-input -h --help' ;;
    'serve') REPLY='--host --port --db --demo --seed --catalog --auto-close-after --log --public-url --smtp --mail-from -h --help --profile --no-input' ;;
    'auth') REPLY='-h --help --profile --no-input' ;;
    'auth login') REPLY='--provider --server --email --password-stdin --with-token --insecure-storage --service-desk -h --help --profile --no-input' ;;
    'auth logout') REPLY='-h --help --profile --no-input' ;;
    'auth status') REPLY='--json -h --help --profile --no-input' ;;
    'auth token') REPLY='-h --help --profile --no-input' ;;
    'token') REPLY='-h --help --profile --no-input' ;;
    'token create') REPLY='--name --expires-in --scope --json -h --help --profile --no-input' ;;
    'token list') REPLY='--json -h --help --profile --no-input' ;;
    'token revoke') REPLY='-h --help --profile --no-input' ;;
    'establishment') REPLY='-h --help --profile --no-input' ;;
    'establishment list') REPLY='--json -h --help --profile --no-input' ;;
    'type') REPLY='-h --help --profile --no-input' ;;
    'type list') REPLY='--category --json -h --help --profile --no-input' ;;
    'type view') REPLY='--json -h --help --profile --no-input' ;;
    'ticket') REPLY='-h --help --profile --no-input' ;;
    'ticket create') REPLY='--type --establishment --summary --description --description-file --field --attach --idempotency-key --from-json --follow-up --from-ci --dedupe --dry-run --json --web --recover -h --help --profile --no-input' ;;
    'ticket list') REPLY='--status --type --category --establishment --author --mine --search --since --unread --limit --all --json --ndjson -h --help --profile --no-input' ;;
    'ticket view') REPLY='--no-mark-read --json --web -h --help --profile --no-input' ;;
    'ticket reply') REPLY='--body --body-file --attach --idempotency-key --dry-run --json -h --help --profile --no-input' ;;
    'ticket resolve') REPLY='--json -h --help --profile --no-input' ;;
    'ticket close') REPLY='--json -h --help --profile --no-input' ;;
    'ticket reopen') REPLY='--json -h --help --profile --no-input' ;;
    'ticket read') REPLY='--message --all --status --type --category --establishment --author --mine --search --since --json -h --help --profile --no-input' ;;
    'ticket unread') REPLY='-h --help --profile --no-input' ;;
    'ticket watch') REPLY='--interval --timeout --exit-on-reply -h --help --profile --no-input' ;;
    'ticket download') REPLY='--output --clobber -h --help --profile --no-input' ;;
    'ticket subscribe') REPLY='--json -h --help --profile --no-input' ;;
    'ticket unsubscribe') REPLY='--json -h --help --profile --no-input' ;;
    'notification') REPLY='-h --help --profile --no-input' ;;
    'notification list') REPLY='--json -h --help --profile --no-input' ;;
    'notification set') REPLY='--lang --json -h --help --profile --no-input' ;;
    'settings') REPLY='-h --help --profile --no-input' ;;
    'settings list') REPLY='--company --json -h --help --profile --no-input' ;;
    'settings set') REPLY='-h --help --profile --no-input' ;;
    'contact') REPLY='-h --help --profile --no-input' ;;
    'contact list') REPLY='--type --company --json -h --help --profile --no-input' ;;
    'contact add') REPLY='--type --name --email --phone --json -h --help --profile --no-input' ;;
    'contact edit') REPLY='--name --phone --clear-phone --add-email --remove-email --json -h --help --profile --no-input' ;;
    'contact remove') REPLY='-y --yes -h --help --profile --no-input' ;;
    'contact apply') REPLY='-f --file --dry-run -y --yes --json -h --help --profile --no-input' ;;
    'config') REPLY='-h --help --profile --no-input' ;;
    'config list') REPLY='--json -h --help --profile --no-input' ;;
    'config get') REPLY='-h --help --profile --no-input' ;;
    'config set') REPLY='-h --help --profile --no-input' ;;
    'config unset') REPLY='-h --help --profile --no-input' ;;
    'inbox') REPLY='--by --limit --all --json -h --help --profile --no-input' ;;
    'api') REPLY='-X --method -f --field -H --header --input --paginate -i --include -h --help --profile --no-input' ;;
    'completion') REPLY='-h --help --profile --no-input' ;;
    'version') REPLY='--server --json -h --help --profile --no-input' ;;
    'help') REPLY='--json -h --help --profile --no-input' ;;
    *) REPLY='' ;;
  esac
}

# _tix_values PATH KEY: candidates for an option (KEY as typed) or the Nth argument (KEY is #N); 1 when there is no such argument
_tix_values() {
  case "$1/$2" in
    'serve/--db') _tix_files ;;
    'serve/--seed') _tix_files ;;
    'serve/--catalog') _tix_files ;;
    'auth login/--provider') _tix_add 'tix rt jira-sm zendesk' ;;
    'token create/--scope') _tix_add 'tickets:read tickets:write contacts:read contacts:write settings:read settings:write' ;;
    'token revoke/#1') : ;;
    'type view/#1') _tix_dynamic types ;;
    'ticket create/--type') _tix_dynamic types ;;
    'ticket create/--establishment') _tix_dynamic establishments ;;
    'ticket create/--description-file') _tix_files ;;
    'ticket create/--field') _tix_dynamic fields ;;
    'ticket create/--attach') _tix_files ;;
    'ticket create/--from-json') _tix_files ;;
    'ticket create/--follow-up') _tix_dynamic ticket-ids ;;
    'ticket list/--status') _tix_dynamic statuses ;;
    'ticket list/--type') _tix_dynamic types ;;
    'ticket list/--establishment') _tix_dynamic establishments ;;
    'ticket view/#1') _tix_dynamic ticket-ids ;;
    'ticket reply/--body-file') _tix_files ;;
    'ticket reply/--attach') _tix_files ;;
    'ticket reply/#1') _tix_dynamic ticket-ids ;;
    'ticket resolve/#1') _tix_dynamic ticket-ids ;;
    'ticket close/#1') _tix_dynamic ticket-ids ;;
    'ticket reopen/#1') _tix_dynamic ticket-ids ;;
    'ticket read/--status') _tix_dynamic statuses ;;
    'ticket read/--type') _tix_dynamic types ;;
    'ticket read/--establishment') _tix_dynamic establishments ;;
    'ticket read/#1') _tix_dynamic ticket-ids ;;
    'ticket unread/#1') _tix_dynamic ticket-ids ;;
    'ticket watch/#1') _tix_dynamic ticket-ids ;;
    'ticket download/--output') _tix_files -d ;;
    'ticket download/#1') _tix_dynamic ticket-ids ;;
    'ticket subscribe/#1') _tix_dynamic ticket-ids ;;
    'ticket unsubscribe/#1') _tix_dynamic ticket-ids ;;
    'notification set/--lang') _tix_add 'en fr' ;;
    'notification set/#1') _tix_add 'all mine none' ;;
    'settings set/#1') _tix_add 'mark-read language' ;;
    'settings set/#2') case "${_tix_args[0]}" in 'mark-read') _tix_add 'manual on-open' ;; 'language') _tix_add 'en fr' ;; esac ;;
    'contact list/--type') _tix_add 'commercial accounting technical fraud chargebacks' ;;
    'contact add/--type') _tix_add 'commercial accounting technical fraud chargebacks' ;;
    'contact edit/#1') _tix_dynamic contact-ids ;;
    'contact remove/#1') _tix_dynamic contact-ids ;;
    'contact apply/-f'|'contact apply/--file') _tix_files ;;
    'config get/#1') _tix_add 'profile editor pager color output lang' ;;
    'config set/#1') _tix_add 'profile editor pager color output lang' ;;
    'config set/#2') case "${_tix_args[0]}" in 'profile') _tix_dynamic profiles ;; 'color') _tix_add 'auto always never' ;; 'output') _tix_add 'auto json' ;; 'lang') _tix_add 'en fr' ;; esac ;;
    'config unset/#1') _tix_add 'profile editor pager color output lang' ;;
    'inbox/--by') _tix_add 'establishment type' ;;
    'api/-X'|'api/--method') _tix_add 'GET POST PUT PATCH DELETE HEAD' ;;
    'api/--input') _tix_files ;;
    'api/#1') : ;;
    'completion/#1') _tix_add 'bash zsh fish' ;;
    'help/#'*) _tix_add 'exit-codes environment serve auth token establishment type ticket notification settings contact config inbox api completion version help' ;;
    *'/--profile') _tix_dynamic profiles ;;
    *) return 1 ;;
  esac
}

# Adds the words of $1 that start with the word being completed. With ':' in COMP_WORDBREAKS,
# "tickets:re" reaches us as "tickets" ":" "re": match the whole word, hand back the part after the break.
_tix_add() {
  local w
  for w in $1; do
    [[ $w == "$_tix_full"* ]] && COMPREPLY+=("${w#"$_tix_cut"}")
  done
}

# File names (or directories with -d).
_tix_files() {
  local f
  compopt -o filenames 2>/dev/null
  while IFS= read -r f; do COMPREPLY+=("$f"); done < <(compgen "${1:--f}" -- "$cur")
}

# A candidate as a shell word: blanks and the shell's special characters escaped (an establishment's name).
_tix_escape() {
  local s=$1 c i specials=$' \t\'"\\$`()&;<>|*?[]!#~{}'
  REPLY=''
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    [[ $specials == *"$c"* ]] && REPLY+='\'
    REPLY+=$c
  done
}

# Values only the server knows (ticket ids, request types, establishments, contacts, a type's fields) or the
# config file (profiles), from `tix __complete`, told the word typed so far and the --type on the line: it
# gives up within about 1.5 s and prints nothing when offline or logged out.
_tix_dynamic() {
  local line
  while IFS= read -r line; do
    line=${line%%$'\t'*}
    [[ -n $line && $line == "$_tix_full"* ]] || continue
    # "severity=" is a field's name: its value comes next, without a space
    [[ $line == *= ]] && compopt -o nospace 2>/dev/null
    _tix_escape "${line#"$_tix_cut"}"
    COMPREPLY+=("$REPLY")
  done < <(tix ${_tix_profile:+--profile "$_tix_profile"} __complete "$1" ${_tix_type:+--type "$_tix_type"} -- "$_tix_full" 2>/dev/null)
}

_tix() {
  local cur=${COMP_WORDS[COMP_CWORD]} cpath='' word want='' mode='' dashdash='' i REPLY
  local _tix_profile='' _tix_type='' _tix_full _tix_cut='' line='' acc re end=$COMP_CWORD
  local -a _tix_args=()
  COMPREPLY=()
  [[ $cur == '=' ]] && cur=''
  if [[ -n ${COMP_LINE-} ]]; then
    line=${COMP_LINE:0:COMP_POINT}
    # the last word as typed: blanks end it unless escaped ("École\ L")
    re='(([^[:space:]\\]|\\.)*)$'
    [[ $line =~ $re ]] && line=${BASH_REMATCH[1]}
    # a value with '=' or ':' in it ("severity=hi", "tickets:re") reaches bash as several words: the walk stops
    # before its first one (an option's own --name=value is left to the walk)
    acc=${COMP_WORDS[COMP_CWORD]}
    if [[ $line != -* ]]; then
      while ((end > 1)) && [[ $acc != "$line" && $line == *"${COMP_WORDS[end - 1]}$acc" ]]; do
        ((end--))
        acc=${COMP_WORDS[end]}$acc
      done
    fi
  fi
  # Which command the words name, which arguments they give, and whether an option waits for its value.
  for ((i = 1; i < end; i++)); do
    word=${COMP_WORDS[i]}
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
      if [[ -z $dashdash && -n $REPLY ]]; then cpath=${cpath:+$cpath }$REPLY; else _tix_args+=("$word"); fi
      continue
    fi
    if [[ $word == -- ]]; then dashdash=1; continue; fi
    [[ $word == *=* ]] && continue
    _tix_arity "$cpath" "$word"
    [[ $REPLY != 0 ]] && want=$word mode=$REPLY
  done
  _tix_full=$cur
  if [[ -n $line ]]; then
    [[ $line == -*=* ]] && line=${line#*=}
    [[ $line == *"$cur" ]] && _tix_full=$line _tix_cut=${line%"$cur"}
    # compared with the candidates as they read, unescaped
    _tix_full=${_tix_full//\\/} _tix_cut=${_tix_cut//\\/}
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
  if ! _tix_values "$cpath" "#$((${#_tix_args[@]} + 1))"; then
    _tix_options "$cpath"
    _tix_add "$REPLY"
  fi
  return 0
}

complete -F _tix tix
