# fish completion for tix: generated from the command tree by `tix completion fish`; do not edit
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
    test -r $dir/config.json; and set conf (string match -r -g '"lang"\s*:\s*"([^"]*)"' <$dir/config.json)
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
# config file (profiles), from `tix __complete`, told the word typed so far and the --type on the line: it
# gives up within about 1.5 s and prints nothing when offline or logged out.
function __tix_dynamic
    __tix_state
    set -l pre
    set -l type
    test -n "$__tix_profile"; and set pre --profile $__tix_profile
    test -n "$__tix_type"; and set type --type $__tix_type
    tix $pre __complete $argv[1] $type -- (commandline -ct) 2>/dev/null
end

# __tix_sub PATH WORD: the subcommand of PATH that WORD names
function __tix_sub
    switch "$argv[1]/$argv[2]"
        case '/serve'
            echo 'serve'
        case '/auth'
            echo 'auth'
        case '/token' '/tokens'
            echo 'token'
        case '/establishment' '/establishments'
            echo 'establishment'
        case '/type' '/types'
            echo 'type'
        case '/ticket' '/tickets'
            echo 'ticket'
        case '/notification' '/notifications'
            echo 'notification'
        case '/settings'
            echo 'settings'
        case '/contact' '/contacts'
            echo 'contact'
        case '/config'
            echo 'config'
        case '/inbox'
            echo 'inbox'
        case '/api'
            echo 'api'
        case '/completion'
            echo 'completion'
        case '/version'
            echo 'version'
        case '/help'
            echo 'help'
        case 'auth/login'
            echo 'login'
        case 'auth/logout'
            echo 'logout'
        case 'auth/status'
            echo 'status'
        case 'auth/token'
            echo 'token'
        case 'token/create'
            echo 'create'
        case 'token/list' 'token/ls'
            echo 'list'
        case 'token/revoke'
            echo 'revoke'
        case 'establishment/list' 'establishment/ls'
            echo 'list'
        case 'type/list' 'type/ls'
            echo 'list'
        case 'type/view' 'type/show'
            echo 'view'
        case 'ticket/create' 'ticket/new'
            echo 'create'
        case 'ticket/list' 'ticket/ls'
            echo 'list'
        case 'ticket/view' 'ticket/show'
            echo 'view'
        case 'ticket/reply' 'ticket/comment'
            echo 'reply'
        case 'ticket/resolve'
            echo 'resolve'
        case 'ticket/close'
            echo 'close'
        case 'ticket/reopen'
            echo 'reopen'
        case 'ticket/read'
            echo 'read'
        case 'ticket/unread'
            echo 'unread'
        case 'ticket/watch'
            echo 'watch'
        case 'ticket/download'
            echo 'download'
        case 'ticket/subscribe'
            echo 'subscribe'
        case 'ticket/unsubscribe'
            echo 'unsubscribe'
        case 'notification/list' 'notification/ls'
            echo 'list'
        case 'notification/set'
            echo 'set'
        case 'settings/list' 'settings/ls'
            echo 'list'
        case 'settings/set'
            echo 'set'
        case 'contact/list' 'contact/ls'
            echo 'list'
        case 'contact/add' 'contact/create'
            echo 'add'
        case 'contact/edit'
            echo 'edit'
        case 'contact/remove' 'contact/rm'
            echo 'remove'
        case 'contact/apply'
            echo 'apply'
        case 'config/list' 'config/ls'
            echo 'list'
        case 'config/get'
            echo 'get'
        case 'config/set'
            echo 'set'
        case 'config/unset'
            echo 'unset'
        case '*'
            echo ''
    end
end

# __tix_arity PATH OPTION: how many values OPTION takes: 0, 1, ? (optional) or * (up to the next option)
function __tix_arity
    switch "$argv[1]/$argv[2]"
        case 'serve/--host'
            echo '1'
        case 'serve/--port'
            echo '1'
        case 'serve/--db'
            echo '1'
        case 'serve/--seed'
            echo '1'
        case 'serve/--catalog'
            echo '1'
        case 'serve/--auto-close-after'
            echo '1'
        case 'serve/--public-url'
            echo '1'
        case 'serve/--smtp'
            echo '1'
        case 'serve/--mail-from'
            echo '1'
        case 'auth login/--provider'
            echo '1'
        case 'auth login/--server'
            echo '1'
        case 'auth login/--email'
            echo '1'
        case 'auth login/--service-desk'
            echo '1'
        case 'auth status/--json'
            echo '?'
        case 'token create/--name'
            echo '1'
        case 'token create/--expires-in'
            echo '1'
        case 'token create/--scope'
            echo '*'
        case 'token create/--json'
            echo '?'
        case 'token list/--json'
            echo '?'
        case 'establishment list/--json'
            echo '?'
        case 'type list/--category'
            echo '1'
        case 'type list/--json'
            echo '?'
        case 'type view/--json'
            echo '?'
        case 'ticket create/--type'
            echo '1'
        case 'ticket create/--establishment'
            echo '1'
        case 'ticket create/--summary'
            echo '1'
        case 'ticket create/--description'
            echo '1'
        case 'ticket create/--description-file'
            echo '1'
        case 'ticket create/--field'
            echo '1'
        case 'ticket create/--attach'
            echo '1'
        case 'ticket create/--idempotency-key'
            echo '1'
        case 'ticket create/--from-json'
            echo '1'
        case 'ticket create/--follow-up'
            echo '1'
        case 'ticket create/--json'
            echo '?'
        case 'ticket list/--status'
            echo '*'
        case 'ticket list/--type'
            echo '1'
        case 'ticket list/--category'
            echo '1'
        case 'ticket list/--establishment'
            echo '1'
        case 'ticket list/--author'
            echo '1'
        case 'ticket list/--search'
            echo '1'
        case 'ticket list/--since'
            echo '1'
        case 'ticket list/--limit'
            echo '1'
        case 'ticket list/--json'
            echo '?'
        case 'ticket list/--ndjson'
            echo '?'
        case 'ticket view/--json'
            echo '?'
        case 'ticket reply/--body'
            echo '1'
        case 'ticket reply/--body-file'
            echo '1'
        case 'ticket reply/--attach'
            echo '1'
        case 'ticket reply/--idempotency-key'
            echo '1'
        case 'ticket reply/--json'
            echo '?'
        case 'ticket resolve/--json'
            echo '?'
        case 'ticket close/--json'
            echo '?'
        case 'ticket reopen/--json'
            echo '?'
        case 'ticket read/--message'
            echo '1'
        case 'ticket read/--status'
            echo '*'
        case 'ticket read/--type'
            echo '1'
        case 'ticket read/--category'
            echo '1'
        case 'ticket read/--establishment'
            echo '1'
        case 'ticket read/--author'
            echo '1'
        case 'ticket read/--search'
            echo '1'
        case 'ticket read/--since'
            echo '1'
        case 'ticket read/--json'
            echo '?'
        case 'ticket watch/--interval'
            echo '1'
        case 'ticket watch/--timeout'
            echo '1'
        case 'ticket download/--output'
            echo '1'
        case 'ticket subscribe/--json'
            echo '?'
        case 'ticket unsubscribe/--json'
            echo '?'
        case 'notification list/--json'
            echo '?'
        case 'notification set/--lang'
            echo '1'
        case 'notification set/--json'
            echo '?'
        case 'settings list/--company'
            echo '1'
        case 'settings list/--json'
            echo '?'
        case 'contact list/--type'
            echo '1'
        case 'contact list/--company'
            echo '1'
        case 'contact list/--json'
            echo '?'
        case 'contact add/--type'
            echo '1'
        case 'contact add/--name'
            echo '1'
        case 'contact add/--email'
            echo '1'
        case 'contact add/--phone'
            echo '1'
        case 'contact add/--json'
            echo '?'
        case 'contact edit/--name'
            echo '1'
        case 'contact edit/--phone'
            echo '1'
        case 'contact edit/--add-email'
            echo '1'
        case 'contact edit/--remove-email'
            echo '1'
        case 'contact edit/--json'
            echo '?'
        case 'contact apply/-f' 'contact apply/--file'
            echo '1'
        case 'contact apply/--json'
            echo '?'
        case 'config list/--json'
            echo '?'
        case 'inbox/--by'
            echo '1'
        case 'inbox/--limit'
            echo '1'
        case 'inbox/--json'
            echo '?'
        case 'api/-X' 'api/--method'
            echo '1'
        case 'api/-f' 'api/--field'
            echo '1'
        case 'api/-H' 'api/--header'
            echo '1'
        case 'api/--input'
            echo '1'
        case 'version/--json'
            echo '?'
        case '*/--profile'
            echo '1'
        case '*'
            echo 0
    end
end

complete -c tix -f

# en
complete -c tix -n '__tix_lang en' -l profile -x -d 'use another saved server/account (also TIX_PROFILE)'
complete -c tix -n '__tix_lang en' -l profile -x -a '(__tix_dynamic profiles)'
complete -c tix -n '__tix_lang en' -l no-input -d 'never prompt; missing input is an error (also TIX_NO_INPUT)'

# tix (root)
complete -c tix -n '__tix_cmd ""; and __tix_lang en' -a 'serve' -d 'Run the reference support backend (SQLite by default; PostgreSQL for several instances)'
complete -c tix -n '__tix_cmd ""; and __tix_lang en' -a 'auth' -d 'Log in and out, show who you are'
complete -c tix -n '__tix_cmd ""; and __tix_lang en' -a 'token' -d 'Personal access tokens for CI and scripts'
complete -c tix -n '__tix_cmd ""; and __tix_lang en' -a 'establishment' -d 'Establishments you administer'
complete -c tix -n '__tix_cmd ""; and __tix_lang en' -a 'type' -d 'The request types and their forms'
complete -c tix -n '__tix_cmd ""; and __tix_lang en' -a 'ticket' -d 'File, list, read and answer support requests'
complete -c tix -n '__tix_cmd ""; and __tix_lang en' -a 'notification' -d 'The e-mails tix serve sends you about tickets: how many, in which language'
complete -c tix -n '__tix_cmd ""; and __tix_lang en' -a 'settings' -d 'Organisation settings (when messages count as read, the contacts\' e-mail language)'
complete -c tix -n '__tix_cmd ""; and __tix_lang en' -a 'contact' -d 'The account\'s contacts by type: commercial, accounting, technical, fraud, chargebacks'
complete -c tix -n '__tix_cmd ""; and __tix_lang en' -a 'config' -d 'Local preferences: default profile, editor, pager, colour, output format, language'
complete -c tix -n '__tix_cmd ""; and __tix_lang en' -a 'inbox' -d 'Tickets with messages you have not read, newest first, with counts (grouped with --by)'
complete -c tix -n '__tix_cmd ""; and __tix_lang en' -a 'api' -d 'Make an authenticated request to the helpdesk\'s API and print the answer (JSON pretty-printed on a terminal)'
complete -c tix -n '__tix_cmd ""; and __tix_lang en' -a 'completion' -d 'Print the shell completion script for bash, zsh or fish (also in completions/)'
complete -c tix -n '__tix_cmd ""; and __tix_lang en' -a 'version' -d 'Print tix\'s version, and with --server the configured server\'s'
complete -c tix -n '__tix_cmd ""; and __tix_lang en' -a 'help' -d 'Help on a command, or on a topic: exit-codes, environment'
complete -c tix -n '__tix_in ""; and __tix_lang en' -s v -l version -d 'print the version'
complete -c tix -n '__tix_in ""; and __tix_lang en' -s h -l help -d 'display help for command'

# tix serve
complete -c tix -n '__tix_in "serve"; and __tix_lang en' -l host -x -d 'address to listen on'
complete -c tix -n '__tix_in "serve"; and __tix_lang en' -l port -x -d 'port to listen on (0 picks a free one)'
complete -c tix -n '__tix_in "serve"; and __tix_lang en' -l db -r -F -d 'SQLite file, :memory:, or postgres://user@host:port/db (default: $TIX_DATABASE_URL, else $XDG_DATA_HOME/tix/tix.db)'
complete -c tix -n '__tix_in "serve"; and __tix_lang en' -l demo -d 'load the demo organisation (adds nothing twice)'
complete -c tix -n '__tix_in "serve"; and __tix_lang en' -l seed -r -F -d 'load an organisation from a JSON file'
complete -c tix -n '__tix_in "serve"; and __tix_lang en' -l catalog -r -F -d 'use the request-type catalog in this JSON file instead of the built-in one'
complete -c tix -n '__tix_in "serve"; and __tix_lang en' -l auto-close-after -x -d 'close resolved tickets after this long'
complete -c tix -n '__tix_in "serve"; and __tix_lang en' -l log -d 'log one line per request to stderr'
complete -c tix -n '__tix_in "serve"; and __tix_lang en' -l public-url -x -d 'the address people reach this server at, for ticket links (default: http://HOST:PORT)'
complete -c tix -n '__tix_in "serve"; and __tix_lang en' -l smtp -x -d 'send notification e-mails through this SMTP server: smtp://host:port (default: $TIX_SMTP_URL)'
complete -c tix -n '__tix_in "serve"; and __tix_lang en' -l mail-from -x -d 'the sender of notification e-mails (default: tix <noreply@HOST of the public URL>)'
complete -c tix -n '__tix_in "serve"; and __tix_lang en' -s h -l help -d 'display help for command'

# tix auth
complete -c tix -n '__tix_cmd "auth"; and __tix_lang en' -a 'login' -d 'Log in to a helpdesk (tix serve by default) and keep the token in the OS keychain'
complete -c tix -n '__tix_cmd "auth"; and __tix_lang en' -a 'logout' -d 'Revoke the session on the server and forget the stored token'
complete -c tix -n '__tix_cmd "auth"; and __tix_lang en' -a 'status' -d 'Show the server and its provider, the account, establishments and where the token comes from'
complete -c tix -n '__tix_cmd "auth"; and __tix_lang en' -a 'token' -d 'Print the token tix uses, for scripts'
complete -c tix -n '__tix_in "auth"; and __tix_lang en' -s h -l help -d 'display help for command'

# tix auth login
complete -c tix -n '__tix_in "auth login"; and __tix_lang en' -l provider -x -d 'the helpdesk behind the server: tix, rt, jira-sm, zendesk (default: the profile\'s, else tix)'
complete -c tix -n '__tix_in "auth login"; and __tix_lang en' -l provider -x -a 'tix rt jira-sm zendesk'
complete -c tix -n '__tix_in "auth login"; and __tix_lang en' -l server -x -d 'server URL (default: the profile\'s, else http://127.0.0.1:8787)'
complete -c tix -n '__tix_in "auth login"; and __tix_lang en' -l email -x -d 'account e-mail'
complete -c tix -n '__tix_in "auth login"; and __tix_lang en' -l password-stdin -d 'read the password from standard input'
complete -c tix -n '__tix_in "auth login"; and __tix_lang en' -l with-token -d 'read a token (e.g. a personal access token) from standard input instead of logging in with a password'
complete -c tix -n '__tix_in "auth login"; and __tix_lang en' -l insecure-storage -d 'store the token in a plain-text file (mode 0600) instead of the OS keychain'
complete -c tix -n '__tix_in "auth login"; and __tix_lang en' -l service-desk -x -d 'the service desk to work in: its project key (SD) or id; needed when you can reach more than one (jira-sm; kept in the profile; TIX_SERVICE_DESK overrides it)'
complete -c tix -n '__tix_in "auth login"; and __tix_lang en' -s h -l help -d 'display help for command'

# tix auth logout
complete -c tix -n '__tix_in "auth logout"; and __tix_lang en' -s h -l help -d 'display help for command'

# tix auth status
complete -c tix -n '__tix_in "auth status"; and __tix_lang en' -l json -d 'print JSON (fields: server, provider, profile, user, company, establishments, tokenSource, token)'
complete -c tix -n '__tix_in "auth status"; and __tix_lang en' -s h -l help -d 'display help for command'

# tix auth token
complete -c tix -n '__tix_in "auth token"; and __tix_lang en' -s h -l help -d 'display help for command'

# tix token
complete -c tix -n '__tix_cmd "token"; and __tix_lang en' -a 'create' -d 'Create a personal access token for CI and scripts (printed once)'
complete -c tix -n '__tix_cmd "token"; and __tix_lang en' -a 'list' -d 'List your personal access tokens'
complete -c tix -n '__tix_cmd "token"; and __tix_lang en' -a 'revoke' -d 'Revoke one of your personal access tokens at once'
complete -c tix -n '__tix_in "token"; and __tix_lang en' -s h -l help -d 'display help for command'

# tix token create
complete -c tix -n '__tix_in "token create"; and __tix_lang en' -l name -x -d 'what the token is for, e.g. ci-incidents'
complete -c tix -n '__tix_in "token create"; and __tix_lang en' -l expires-in -x -d 'lifetime: 30m, 12h, 90d, 6w or 1y (m minutes, h hours, d days, w weeks, y years); at most 366 days'
complete -c tix -n '__tix_in "token create"; and __tix_lang en' -l scope -x -d 'what it may do: tickets:read, tickets:write, contacts:read, contacts:write, settings:read, settings:write'
complete -c tix -n '__tix_in "token create"; and __tix_lang en' -l scope -x -a 'tickets:read tickets:write contacts:read contacts:write settings:read settings:write'
complete -c tix -n '__tix_want "token create" "--scope"; and __tix_lang en' -x -a 'tickets:read tickets:write contacts:read contacts:write settings:read settings:write'
complete -c tix -n '__tix_in "token create"; and __tix_lang en' -l json -d 'print JSON (fields: token, id, name, prefix, scopes, createdAt, expiresAt, lastUsedAt, revokedAt)'
complete -c tix -n '__tix_in "token create"; and __tix_lang en' -s h -l help -d 'display help for command'

# tix token list
complete -c tix -n '__tix_in "token list"; and __tix_lang en' -l json -d 'print JSON (fields: id, name, prefix, scopes, createdAt, expiresAt, lastUsedAt, revokedAt)'
complete -c tix -n '__tix_in "token list"; and __tix_lang en' -s h -l help -d 'display help for command'

# tix token revoke
complete -c tix -n '__tix_in "token revoke"; and __tix_lang en' -s h -l help -d 'display help for command'

# tix establishment
complete -c tix -n '__tix_cmd "establishment"; and __tix_lang en' -a 'list' -d 'List the establishments you administer'
complete -c tix -n '__tix_in "establishment"; and __tix_lang en' -s h -l help -d 'display help for command'

# tix establishment list
complete -c tix -n '__tix_in "establishment list"; and __tix_lang en' -l json -d 'print JSON (fields: siret, siren, name)'
complete -c tix -n '__tix_in "establishment list"; and __tix_lang en' -s h -l help -d 'display help for command'

# tix type
complete -c tix -n '__tix_cmd "type"; and __tix_lang en' -a 'list' -d 'List the request types, by category'
complete -c tix -n '__tix_cmd "type"; and __tix_lang en' -a 'view' -d 'Show a request type\'s form: every field, its kind, whether it is required, and its flag'
complete -c tix -n '__tix_in "type"; and __tix_lang en' -s h -l help -d 'display help for command'

# tix type list
complete -c tix -n '__tix_in "type list"; and __tix_lang en' -l category -x -d 'only this category'
complete -c tix -n '__tix_in "type list"; and __tix_lang en' -l json -d 'print JSON (fields: id, category, label, description, example, irreversible, fields)'
complete -c tix -n '__tix_in "type list"; and __tix_lang en' -s h -l help -d 'display help for command'

# tix type view
complete -c tix -n '__tix_in "type view"; and __tix_lang en' -l json -d 'print the type and its form schema as JSON (fields: id, category, label, description, example, irreversible, fields)'
complete -c tix -n '__tix_in "type view"; and __tix_lang en' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "type view" "1"; and __tix_lang en' -x -a '(__tix_dynamic types)'

# tix ticket
complete -c tix -n '__tix_cmd "ticket"; and __tix_lang en' -a 'create' -d 'File a request: prompts on a terminal, flags or JSON in scripts'
complete -c tix -n '__tix_cmd "ticket"; and __tix_lang en' -a 'list' -d 'List tickets, newest activity first, with filters'
complete -c tix -n '__tix_cmd "ticket"; and __tix_lang en' -a 'view' -d 'Show a ticket: status, establishment, creator, form values, then the conversation'
complete -c tix -n '__tix_cmd "ticket"; and __tix_lang en' -a 'reply' -d 'Answer a ticket (any status but closed); opens your editor on a terminal when no body is given'
complete -c tix -n '__tix_cmd "ticket"; and __tix_lang en' -a 'resolve' -d 'Mark a ticket resolved (it closes by itself after a while; a reply reopens it)'
complete -c tix -n '__tix_cmd "ticket"; and __tix_lang en' -a 'close' -d 'Close a ticket for good (support agents)'
complete -c tix -n '__tix_cmd "ticket"; and __tix_lang en' -a 'reopen' -d 'Reopen a resolved ticket (agents may also reopen a closed one)'
complete -c tix -n '__tix_cmd "ticket"; and __tix_lang en' -a 'read' -d 'Mark messages read: one ticket (up to a message), or every ticket matching filters with --all'
complete -c tix -n '__tix_cmd "ticket"; and __tix_lang en' -a 'unread' -d 'Mark the latest message from someone else unread again, to come back to it'
complete -c tix -n '__tix_cmd "ticket"; and __tix_lang en' -a 'watch' -d 'Wait for new messages on a ticket (or in your inbox) and print them as they arrive'
complete -c tix -n '__tix_cmd "ticket"; and __tix_lang en' -a 'download' -d 'Save a ticket\'s attachments'
complete -c tix -n '__tix_cmd "ticket"; and __tix_lang en' -a 'subscribe' -d 'Receive a ticket\'s e-mail notifications, even one you never wrote on (with the level mine or all)'
complete -c tix -n '__tix_cmd "ticket"; and __tix_lang en' -a 'unsubscribe' -d 'Stop a ticket\'s e-mail notifications, whatever your level; applies to e-mails not sent yet'
complete -c tix -n '__tix_in "ticket"; and __tix_lang en' -s h -l help -d 'display help for command'

# tix ticket create
complete -c tix -n '__tix_in "ticket create"; and __tix_lang en' -l type -x -d 'request type (tix type list)'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang en' -l type -x -a '(__tix_dynamic types)'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang en' -l establishment -x -d 'establishment: its SIRET or its name (not needed when you administer only one)'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang en' -l establishment -x -a '(__tix_dynamic establishments)'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang en' -l summary -x -d 'a concise title'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang en' -l description -x -d 'what happens, steps, error messages'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang en' -l description-file -r -F -d 'read the description from a file, or - for standard input'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang en' -l field -x -d 'any form field (repeat for several; repeat a list field for several values)'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang en' -l field -x -a '(__tix_dynamic fields)'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang en' -l attach -r -F -d 'attach files (repeatable, or separated by commas; at most 10 files of 10 MiB)'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang en' -l idempotency-key -x -d 'a retry with the same key returns the same ticket instead of filing a second one'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang en' -l from-json -r -F -d 'read the whole request from a JSON file, or - for standard input (attachment paths are relative to the file)'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang en' -l follow-up -x -d 'file a new ticket that follows up a closed one (its reference)'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang en' -l follow-up -x -a '(__tix_dynamic ticket-ids)'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang en' -l from-ci -d 'add the CI run (URL, commit, branch, job) from GitHub Actions or GitLab CI to the description; a re-run of the same job files nothing new'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang en' -l dedupe -d 'reply to an open ticket of the same type and establishment with the same summary instead of opening a new one'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang en' -l dry-run -d 'print the request that would be sent, and send nothing'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang en' -l json -d 'print the new ticket as JSON (fields: id, ref, status, statusCategory, type, category, summary, establishment, createdBy, onBehalfOf, createdAt, updatedAt, closedAt, autoClosed, unread, messageCount, fields, followUpOf, url)'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang en' -l web -d 'once filed, open the ticket\'s page in your browser (the web view is read-only: the request is filed here)'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang en' -l recover -d 'reopen the request kept when the last one was not sent (answered No at the end, a network error, Ctrl-C while sending), its answers filled in'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang en' -s h -l help -d 'display help for command'

# tix ticket list
complete -c tix -n '__tix_in "ticket list"; and __tix_lang en' -l status -x -d 'only these statuses: the helpdesk\'s own (tix serve: sent, answered, open, resolved, closed) or categories (new, open, waiting, resolved, closed); repeat or separate with commas'
complete -c tix -n '__tix_in "ticket list"; and __tix_lang en' -l status -x -a '(__tix_dynamic statuses)'
complete -c tix -n '__tix_want "ticket list" "--status"; and __tix_lang en' -x -a '(__tix_dynamic statuses)'
complete -c tix -n '__tix_in "ticket list"; and __tix_lang en' -l type -x -d 'only this request type'
complete -c tix -n '__tix_in "ticket list"; and __tix_lang en' -l type -x -a '(__tix_dynamic types)'
complete -c tix -n '__tix_in "ticket list"; and __tix_lang en' -l category -x -d 'only this category'
complete -c tix -n '__tix_in "ticket list"; and __tix_lang en' -l establishment -x -d 'only this establishment: its SIRET, or its name (or a part of it only one of yours has)'
complete -c tix -n '__tix_in "ticket list"; and __tix_lang en' -l establishment -x -a '(__tix_dynamic establishments)'
complete -c tix -n '__tix_in "ticket list"; and __tix_lang en' -l author -x -d 'only tickets opened by this person'
complete -c tix -n '__tix_in "ticket list"; and __tix_lang en' -l mine -d 'only tickets you opened'
complete -c tix -n '__tix_in "ticket list"; and __tix_lang en' -l search -x -d 'keywords in summaries and messages (accents ignored)'
complete -c tix -n '__tix_in "ticket list"; and __tix_lang en' -l since -x -d 'activity since a date (YYYY-MM-DD, RFC 3339) or a duration ago (7d, 12h)'
complete -c tix -n '__tix_in "ticket list"; and __tix_lang en' -l unread -d 'only tickets with messages you have not read'
complete -c tix -n '__tix_in "ticket list"; and __tix_lang en' -l limit -x -d 'at most this many tickets'
complete -c tix -n '__tix_in "ticket list"; and __tix_lang en' -l all -d 'every matching ticket, fetched page by page'
complete -c tix -n '__tix_in "ticket list"; and __tix_lang en' -l json -d 'print JSON (fields: id, ref, status, statusCategory, type, category, summary, establishment, createdBy, onBehalfOf, createdAt, updatedAt, closedAt, autoClosed, unread, messageCount, fields, followUpOf, url)'
complete -c tix -n '__tix_in "ticket list"; and __tix_lang en' -l ndjson -d 'print one JSON object per line, as pages arrive (same fields as --json)'
complete -c tix -n '__tix_in "ticket list"; and __tix_lang en' -s h -l help -d 'display help for command'

# tix ticket view
complete -c tix -n '__tix_in "ticket view"; and __tix_lang en' -l no-mark-read -d 'never mark the messages read, even when the organisation marks them read on opening'
complete -c tix -n '__tix_in "ticket view"; and __tix_lang en' -l json -d 'print JSON (fields: id, ref, status, statusCategory, type, category, summary, establishment, createdBy, onBehalfOf, createdAt, updatedAt, closedAt, autoClosed, unread, messageCount, fields, followUpOf, url, followUps, messages)'
complete -c tix -n '__tix_in "ticket view"; and __tix_lang en' -l web -d 'open the ticket\'s page in your browser (BROWSER, else the system\'s opener)'
complete -c tix -n '__tix_in "ticket view"; and __tix_lang en' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "ticket view" "1"; and __tix_lang en' -x -a '(__tix_dynamic ticket-ids)'

# tix ticket reply
complete -c tix -n '__tix_in "ticket reply"; and __tix_lang en' -l body -x -d 'the reply'
complete -c tix -n '__tix_in "ticket reply"; and __tix_lang en' -l body-file -r -F -d 'read the reply from a file, or - for standard input'
complete -c tix -n '__tix_in "ticket reply"; and __tix_lang en' -l attach -r -F -d 'attach files (repeatable, or separated by commas)'
complete -c tix -n '__tix_in "ticket reply"; and __tix_lang en' -l idempotency-key -x -d 'a retry with the same key cannot post the reply twice'
complete -c tix -n '__tix_in "ticket reply"; and __tix_lang en' -l dry-run -d 'print the reply that would be sent (as JSON) and send nothing'
complete -c tix -n '__tix_in "ticket reply"; and __tix_lang en' -l json -d 'print JSON (fields: message, ticket)'
complete -c tix -n '__tix_in "ticket reply"; and __tix_lang en' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "ticket reply" "1"; and __tix_lang en' -x -a '(__tix_dynamic ticket-ids)'

# tix ticket resolve
complete -c tix -n '__tix_in "ticket resolve"; and __tix_lang en' -l json -d 'print the ticket as JSON (fields: id, ref, status, statusCategory, type, category, summary, establishment, createdBy, onBehalfOf, createdAt, updatedAt, closedAt, autoClosed, unread, messageCount, fields, followUpOf, url)'
complete -c tix -n '__tix_in "ticket resolve"; and __tix_lang en' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "ticket resolve" "1"; and __tix_lang en' -x -a '(__tix_dynamic ticket-ids)'

# tix ticket close
complete -c tix -n '__tix_in "ticket close"; and __tix_lang en' -l json -d 'print the ticket as JSON (fields: id, ref, status, statusCategory, type, category, summary, establishment, createdBy, onBehalfOf, createdAt, updatedAt, closedAt, autoClosed, unread, messageCount, fields, followUpOf, url)'
complete -c tix -n '__tix_in "ticket close"; and __tix_lang en' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "ticket close" "1"; and __tix_lang en' -x -a '(__tix_dynamic ticket-ids)'

# tix ticket reopen
complete -c tix -n '__tix_in "ticket reopen"; and __tix_lang en' -l json -d 'print the ticket as JSON (fields: id, ref, status, statusCategory, type, category, summary, establishment, createdBy, onBehalfOf, createdAt, updatedAt, closedAt, autoClosed, unread, messageCount, fields, followUpOf, url)'
complete -c tix -n '__tix_in "ticket reopen"; and __tix_lang en' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "ticket reopen" "1"; and __tix_lang en' -x -a '(__tix_dynamic ticket-ids)'

# tix ticket read
complete -c tix -n '__tix_in "ticket read"; and __tix_lang en' -l message -x -d 'only up to this message (from ticket view --json)'
complete -c tix -n '__tix_in "ticket read"; and __tix_lang en' -l all -d 'every ticket with unread messages matching the filters'
complete -c tix -n '__tix_in "ticket read"; and __tix_lang en' -l status -x -d 'only these statuses: the helpdesk\'s own (tix serve: sent, answered, open, resolved, closed) or categories (new, open, waiting, resolved, closed); repeat or separate with commas'
complete -c tix -n '__tix_in "ticket read"; and __tix_lang en' -l status -x -a '(__tix_dynamic statuses)'
complete -c tix -n '__tix_want "ticket read" "--status"; and __tix_lang en' -x -a '(__tix_dynamic statuses)'
complete -c tix -n '__tix_in "ticket read"; and __tix_lang en' -l type -x -d 'only this request type'
complete -c tix -n '__tix_in "ticket read"; and __tix_lang en' -l type -x -a '(__tix_dynamic types)'
complete -c tix -n '__tix_in "ticket read"; and __tix_lang en' -l category -x -d 'only this category'
complete -c tix -n '__tix_in "ticket read"; and __tix_lang en' -l establishment -x -d 'only this establishment: its SIRET, or its name (or a part of it only one of yours has)'
complete -c tix -n '__tix_in "ticket read"; and __tix_lang en' -l establishment -x -a '(__tix_dynamic establishments)'
complete -c tix -n '__tix_in "ticket read"; and __tix_lang en' -l author -x -d 'only tickets opened by this person'
complete -c tix -n '__tix_in "ticket read"; and __tix_lang en' -l mine -d 'only tickets you opened'
complete -c tix -n '__tix_in "ticket read"; and __tix_lang en' -l search -x -d 'keywords in summaries and messages (accents ignored)'
complete -c tix -n '__tix_in "ticket read"; and __tix_lang en' -l since -x -d 'activity since a date (YYYY-MM-DD, RFC 3339) or a duration ago (7d, 12h)'
complete -c tix -n '__tix_in "ticket read"; and __tix_lang en' -l json -d 'print JSON (fields: tickets, messages)'
complete -c tix -n '__tix_in "ticket read"; and __tix_lang en' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "ticket read" "1"; and __tix_lang en' -x -a '(__tix_dynamic ticket-ids)'

# tix ticket unread
complete -c tix -n '__tix_in "ticket unread"; and __tix_lang en' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "ticket unread" "1"; and __tix_lang en' -x -a '(__tix_dynamic ticket-ids)'

# tix ticket watch
complete -c tix -n '__tix_in "ticket watch"; and __tix_lang en' -l interval -x -d 'time between checks (one request each; at least 1s)'
complete -c tix -n '__tix_in "ticket watch"; and __tix_lang en' -l timeout -x -d 'give up after this long (exit 0 if something came meanwhile, else 8)'
complete -c tix -n '__tix_in "ticket watch"; and __tix_lang en' -l exit-on-reply -d 'exit 0 at the first new reply'
complete -c tix -n '__tix_in "ticket watch"; and __tix_lang en' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "ticket watch" "1"; and __tix_lang en' -x -a '(__tix_dynamic ticket-ids)'

# tix ticket download
complete -c tix -n '__tix_in "ticket download"; and __tix_lang en' -l output -x -d 'directory to save into (created if needed)'
complete -c tix -n '__tix_in "ticket download"; and __tix_lang en' -l output -x -a '(__fish_complete_directories (commandline -ct))'
complete -c tix -n '__tix_in "ticket download"; and __tix_lang en' -l clobber -d 'overwrite files that already exist'
complete -c tix -n '__tix_in "ticket download"; and __tix_lang en' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "ticket download" "1"; and __tix_lang en' -x -a '(__tix_dynamic ticket-ids)'

# tix ticket subscribe
complete -c tix -n '__tix_in "ticket subscribe"; and __tix_lang en' -l json -d 'print JSON (fields: ticketId, subscribed, receives, reason, level)'
complete -c tix -n '__tix_in "ticket subscribe"; and __tix_lang en' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "ticket subscribe" "1"; and __tix_lang en' -x -a '(__tix_dynamic ticket-ids)'

# tix ticket unsubscribe
complete -c tix -n '__tix_in "ticket unsubscribe"; and __tix_lang en' -l json -d 'print JSON (fields: ticketId, subscribed, receives, reason, level)'
complete -c tix -n '__tix_in "ticket unsubscribe"; and __tix_lang en' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "ticket unsubscribe" "1"; and __tix_lang en' -x -a '(__tix_dynamic ticket-ids)'

# tix notification
complete -c tix -n '__tix_cmd "notification"; and __tix_lang en' -a 'list' -d 'Show which e-mail notifications you receive, in which language, and the tickets you subscribed to'
complete -c tix -n '__tix_cmd "notification"; and __tix_lang en' -a 'set' -d 'Choose how much e-mail you receive about tickets (all, mine or none) and in which language'
complete -c tix -n '__tix_in "notification"; and __tix_lang en' -s h -l help -d 'display help for command'

# tix notification list
complete -c tix -n '__tix_in "notification list"; and __tix_lang en' -l json -d 'print JSON (fields: email, level, language, languageSource, subscriptions)'
complete -c tix -n '__tix_in "notification list"; and __tix_lang en' -s h -l help -d 'display help for command'

# tix notification set
complete -c tix -n '__tix_in "notification set"; and __tix_lang en' -l lang -x -d 'the language of your e-mails'
complete -c tix -n '__tix_in "notification set"; and __tix_lang en' -l lang -x -a 'en fr'
complete -c tix -n '__tix_in "notification set"; and __tix_lang en' -l json -d 'print JSON (fields: email, level, language, languageSource)'
complete -c tix -n '__tix_in "notification set"; and __tix_lang en' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "notification set" "1"; and __tix_lang en' -x -a 'all mine none'

# tix settings
complete -c tix -n '__tix_cmd "settings"; and __tix_lang en' -a 'list' -d 'Show your organisation\'s settings'
complete -c tix -n '__tix_cmd "settings"; and __tix_lang en' -a 'set' -d 'Change an organisation setting (the company\'s administrators)'
complete -c tix -n '__tix_in "settings"; and __tix_lang en' -s h -l help -d 'display help for command'

# tix settings list
complete -c tix -n '__tix_in "settings list"; and __tix_lang en' -l company -x -d 'the company\'s SIREN (support agents)'
complete -c tix -n '__tix_in "settings list"; and __tix_lang en' -l json -d 'print JSON (fields: company, markRead, language)'
complete -c tix -n '__tix_in "settings list"; and __tix_lang en' -s h -l help -d 'display help for command'

# tix settings set
complete -c tix -n '__tix_in "settings set"; and __tix_lang en' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "settings set" "1"; and __tix_lang en' -x -a 'mark-read language'
complete -c tix -n '__tix_arg "settings set" "2" "1" "mark-read"; and __tix_lang en' -x -a 'manual on-open'
complete -c tix -n '__tix_arg "settings set" "2" "1" "language"; and __tix_lang en' -x -a 'en fr'

# tix contact
complete -c tix -n '__tix_cmd "contact"; and __tix_lang en' -a 'list' -d 'List the company\'s contacts, by type'
complete -c tix -n '__tix_cmd "contact"; and __tix_lang en' -a 'add' -d 'Add a contact (administrators): prompts on a terminal for what is missing'
complete -c tix -n '__tix_cmd "contact"; and __tix_lang en' -a 'edit' -d 'Change a contact (administrators): name, phone, addresses; prompts on a terminal when no flag is given'
complete -c tix -n '__tix_cmd "contact"; and __tix_lang en' -a 'remove' -d 'Remove a contact (administrators): asks to confirm on a terminal, needs --yes otherwise'
complete -c tix -n '__tix_cmd "contact"; and __tix_lang en' -a 'apply' -d 'Make the company\'s contacts those of a file (administrators): shows the plan, then applies it all or nothing'
complete -c tix -n '__tix_in "contact"; and __tix_lang en' -s h -l help -d 'display help for command'

# tix contact list
complete -c tix -n '__tix_in "contact list"; and __tix_lang en' -l type -x -d 'only this type: commercial, accounting, technical, fraud, chargebacks'
complete -c tix -n '__tix_in "contact list"; and __tix_lang en' -l type -x -a 'commercial accounting technical fraud chargebacks'
complete -c tix -n '__tix_in "contact list"; and __tix_lang en' -l company -x -d 'the company\'s SIREN (support agents; administrators see their own company)'
complete -c tix -n '__tix_in "contact list"; and __tix_lang en' -l json -d 'print JSON (fields: id, type, name, emails, phone, createdAt, updatedAt)'
complete -c tix -n '__tix_in "contact list"; and __tix_lang en' -s h -l help -d 'display help for command'

# tix contact add
complete -c tix -n '__tix_in "contact add"; and __tix_lang en' -l type -x -d 'what the contact receives: commercial, accounting, technical, fraud, chargebacks'
complete -c tix -n '__tix_in "contact add"; and __tix_lang en' -l type -x -a 'commercial accounting technical fraud chargebacks'
complete -c tix -n '__tix_in "contact add"; and __tix_lang en' -l name -x -d 'a person or a team, e.g. "Ops team"'
complete -c tix -n '__tix_in "contact add"; and __tix_lang en' -l email -x -d 'an e-mail address; repeat or separate with commas for several (group addresses welcome)'
complete -c tix -n '__tix_in "contact add"; and __tix_lang en' -l phone -x -d 'in international form, e.g. "+33 6 12 34 56 78" (stored as +33612345678)'
complete -c tix -n '__tix_in "contact add"; and __tix_lang en' -l json -d 'print the new contact as JSON (fields: id, type, name, emails, phone, createdAt, updatedAt)'
complete -c tix -n '__tix_in "contact add"; and __tix_lang en' -s h -l help -d 'display help for command'

# tix contact edit
complete -c tix -n '__tix_in "contact edit"; and __tix_lang en' -l name -x -d 'a new name'
complete -c tix -n '__tix_in "contact edit"; and __tix_lang en' -l phone -x -d 'a new phone in international form, e.g. "+33 6 12 34 56 78"; \'\' removes it'
complete -c tix -n '__tix_in "contact edit"; and __tix_lang en' -l clear-phone -d 'remove the phone'
complete -c tix -n '__tix_in "contact edit"; and __tix_lang en' -l add-email -x -d 'add an address (repeatable; commas separate several)'
complete -c tix -n '__tix_in "contact edit"; and __tix_lang en' -l remove-email -x -d 'remove an address (repeatable); a contact keeps at least one'
complete -c tix -n '__tix_in "contact edit"; and __tix_lang en' -l json -d 'print the changed contact as JSON (fields: id, type, name, emails, phone, createdAt, updatedAt)'
complete -c tix -n '__tix_in "contact edit"; and __tix_lang en' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "contact edit" "1"; and __tix_lang en' -x -a '(__tix_dynamic contact-ids)'

# tix contact remove
complete -c tix -n '__tix_in "contact remove"; and __tix_lang en' -s y -l yes -d 'remove without asking'
complete -c tix -n '__tix_in "contact remove"; and __tix_lang en' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "contact remove" "1"; and __tix_lang en' -x -a '(__tix_dynamic contact-ids)'

# tix contact apply
complete -c tix -n '__tix_in "contact apply"; and __tix_lang en' -s f -l file -r -F -d 'the contacts, as JSON: {"contacts": [{"type", "name", "emails", "phone"}]} or a bare array; - for standard input'
complete -c tix -n '__tix_in "contact apply"; and __tix_lang en' -l dry-run -d 'show the plan and change nothing'
complete -c tix -n '__tix_in "contact apply"; and __tix_lang en' -s y -l yes -d 'apply without asking (needed without a terminal when the plan removes contacts)'
complete -c tix -n '__tix_in "contact apply"; and __tix_lang en' -l json -d 'print the plan and the outcome as JSON (fields: plan, applied, fingerprint)'
complete -c tix -n '__tix_in "contact apply"; and __tix_lang en' -s h -l help -d 'display help for command'

# tix config
complete -c tix -n '__tix_cmd "config"; and __tix_lang en' -a 'list' -d 'List the preferences and their values (a default when unset)'
complete -c tix -n '__tix_cmd "config"; and __tix_lang en' -a 'get' -d 'Print a preference: its value, else its default, else nothing (exit 0)'
complete -c tix -n '__tix_cmd "config"; and __tix_lang en' -a 'set' -d 'Set a preference in config.json (checked against its allowed values)'
complete -c tix -n '__tix_cmd "config"; and __tix_lang en' -a 'unset' -d 'Remove a preference from config.json: its default applies again'
complete -c tix -n '__tix_in "config"; and __tix_lang en' -s h -l help -d 'display help for command'

# tix config list
complete -c tix -n '__tix_in "config list"; and __tix_lang en' -l json -d 'print JSON, one field per key, null when unset without a default (fields: profile, editor, pager, color, output, lang)'
complete -c tix -n '__tix_in "config list"; and __tix_lang en' -s h -l help -d 'display help for command'

# tix config get
complete -c tix -n '__tix_in "config get"; and __tix_lang en' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "config get" "1"; and __tix_lang en' -x -a 'profile' -d 'the profile used when neither --profile nor TIX_PROFILE is given'
complete -c tix -n '__tix_arg "config get" "1"; and __tix_lang en' -x -a 'editor' -d 'editor for long text on a terminal (before VISUAL and EDITOR)'
complete -c tix -n '__tix_arg "config get" "1"; and __tix_lang en' -x -a 'pager' -d 'pager for long output on a terminal (after TIX_PAGER, before PAGER); "cat" turns paging off'
complete -c tix -n '__tix_arg "config get" "1"; and __tix_lang en' -x -a 'color' -d 'colour: auto (on terminals), always (also when piped), never; NO_COLOR and CLICOLOR_FORCE still win'
complete -c tix -n '__tix_arg "config get" "1"; and __tix_lang en' -x -a 'output' -d 'json: every command that takes --json prints JSON (all fields) as if --json was given'
complete -c tix -n '__tix_arg "config get" "1"; and __tix_lang en' -x -a 'lang' -d 'language people read: en or fr (after TIX_LANG, before LC_ALL, LC_MESSAGES and LANG); unset: from the environment'

# tix config set
complete -c tix -n '__tix_in "config set"; and __tix_lang en' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "config set" "1"; and __tix_lang en' -x -a 'profile' -d 'the profile used when neither --profile nor TIX_PROFILE is given'
complete -c tix -n '__tix_arg "config set" "1"; and __tix_lang en' -x -a 'editor' -d 'editor for long text on a terminal (before VISUAL and EDITOR)'
complete -c tix -n '__tix_arg "config set" "1"; and __tix_lang en' -x -a 'pager' -d 'pager for long output on a terminal (after TIX_PAGER, before PAGER); "cat" turns paging off'
complete -c tix -n '__tix_arg "config set" "1"; and __tix_lang en' -x -a 'color' -d 'colour: auto (on terminals), always (also when piped), never; NO_COLOR and CLICOLOR_FORCE still win'
complete -c tix -n '__tix_arg "config set" "1"; and __tix_lang en' -x -a 'output' -d 'json: every command that takes --json prints JSON (all fields) as if --json was given'
complete -c tix -n '__tix_arg "config set" "1"; and __tix_lang en' -x -a 'lang' -d 'language people read: en or fr (after TIX_LANG, before LC_ALL, LC_MESSAGES and LANG); unset: from the environment'
complete -c tix -n '__tix_arg "config set" "2" "1" "profile"; and __tix_lang en' -x -a '(__tix_dynamic profiles)'
complete -c tix -n '__tix_arg "config set" "2" "1" "color"; and __tix_lang en' -x -a 'auto always never'
complete -c tix -n '__tix_arg "config set" "2" "1" "output"; and __tix_lang en' -x -a 'auto json'
complete -c tix -n '__tix_arg "config set" "2" "1" "lang"; and __tix_lang en' -x -a 'en fr'

# tix config unset
complete -c tix -n '__tix_in "config unset"; and __tix_lang en' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "config unset" "1"; and __tix_lang en' -x -a 'profile' -d 'the profile used when neither --profile nor TIX_PROFILE is given'
complete -c tix -n '__tix_arg "config unset" "1"; and __tix_lang en' -x -a 'editor' -d 'editor for long text on a terminal (before VISUAL and EDITOR)'
complete -c tix -n '__tix_arg "config unset" "1"; and __tix_lang en' -x -a 'pager' -d 'pager for long output on a terminal (after TIX_PAGER, before PAGER); "cat" turns paging off'
complete -c tix -n '__tix_arg "config unset" "1"; and __tix_lang en' -x -a 'color' -d 'colour: auto (on terminals), always (also when piped), never; NO_COLOR and CLICOLOR_FORCE still win'
complete -c tix -n '__tix_arg "config unset" "1"; and __tix_lang en' -x -a 'output' -d 'json: every command that takes --json prints JSON (all fields) as if --json was given'
complete -c tix -n '__tix_arg "config unset" "1"; and __tix_lang en' -x -a 'lang' -d 'language people read: en or fr (after TIX_LANG, before LC_ALL, LC_MESSAGES and LANG); unset: from the environment'

# tix inbox
complete -c tix -n '__tix_in "inbox"; and __tix_lang en' -l by -x -d 'group by establishment or type'
complete -c tix -n '__tix_in "inbox"; and __tix_lang en' -l by -x -a 'establishment type'
complete -c tix -n '__tix_in "inbox"; and __tix_lang en' -l limit -x -d 'tickets shown, in all or per group (default 30, or 10 per group)'
complete -c tix -n '__tix_in "inbox"; and __tix_lang en' -l all -d 'every ticket with unread messages, not only the newest'
complete -c tix -n '__tix_in "inbox"; and __tix_lang en' -l json -d 'print JSON: { total, items, groups }, each item with all its fields or those given (fields: id, ref, status, statusCategory, type, category, summary, establishment, createdBy, onBehalfOf, createdAt, updatedAt, closedAt, autoClosed, unread, messageCount, fields, followUpOf, url)'
complete -c tix -n '__tix_in "inbox"; and __tix_lang en' -s h -l help -d 'display help for command'

# tix api
complete -c tix -n '__tix_in "api"; and __tix_lang en' -s X -l method -x -d 'HTTP method (default: GET, or POST with --field or --input unless --paginate)'
complete -c tix -n '__tix_in "api"; and __tix_lang en' -s X -l method -x -a 'GET POST PUT PATCH DELETE HEAD'
complete -c tix -n '__tix_in "api"; and __tix_lang en' -s f -l field -x -d 'a parameter (repeatable): a JSON body field, or a query parameter for GET and with --input; true, false, null and numbers become JSON values'
complete -c tix -n '__tix_in "api"; and __tix_lang en' -s H -l header -x -d 'an HTTP header, "Name: value" (repeatable)'
complete -c tix -n '__tix_in "api"; and __tix_lang en' -l input -r -F -d 'the request body, sent as is, from a file or - for standard input'
complete -c tix -n '__tix_in "api"; and __tix_lang en' -l paginate -d 'follow nextCursor and print the items of every page as one JSON array (GET)'
complete -c tix -n '__tix_in "api"; and __tix_lang en' -s i -l include -d 'print the status line and the response headers to stderr'
complete -c tix -n '__tix_in "api"; and __tix_lang en' -s h -l help -d 'display help for command'

# tix completion
complete -c tix -n '__tix_in "completion"; and __tix_lang en' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "completion" "1"; and __tix_lang en' -x -a 'bash zsh fish'

# tix version
complete -c tix -n '__tix_in "version"; and __tix_lang en' -l server -d 'also ask the configured server for its version and API version'
complete -c tix -n '__tix_in "version"; and __tix_lang en' -l json -d 'print JSON (fields: client, server)'
complete -c tix -n '__tix_in "version"; and __tix_lang en' -s h -l help -d 'display help for command'

# tix help
complete -c tix -n '__tix_in "help"; and __tix_lang en' -l json -d 'print the command tree as JSON for tools: commands, arguments, options, examples, and (when logged in) the request-type schemas'
complete -c tix -n '__tix_in "help"; and __tix_lang en' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "help" "1+"; and __tix_lang en' -x -a 'exit-codes environment serve auth token establishment type ticket notification settings contact config inbox api completion version help'

# fr
complete -c tix -n '__tix_lang fr' -l profile -x -d 'utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)'
complete -c tix -n '__tix_lang fr' -l profile -x -a '(__tix_dynamic profiles)'
complete -c tix -n '__tix_lang fr' -l no-input -d 'ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)'

# tix (root)
complete -c tix -n '__tix_cmd ""; and __tix_lang fr' -a 'serve' -d 'Lancer le serveur de support de référence (SQLite par défaut ; PostgreSQL pour plusieurs instances)'
complete -c tix -n '__tix_cmd ""; and __tix_lang fr' -a 'auth' -d 'Se connecter, se déconnecter, savoir qui vous êtes'
complete -c tix -n '__tix_cmd ""; and __tix_lang fr' -a 'token' -d 'Jetons d\'accès personnels pour la CI et les scripts'
complete -c tix -n '__tix_cmd ""; and __tix_lang fr' -a 'establishment' -d 'Les établissements que vous administrez'
complete -c tix -n '__tix_cmd ""; and __tix_lang fr' -a 'type' -d 'Les types de demande et leurs formulaires'
complete -c tix -n '__tix_cmd ""; and __tix_lang fr' -a 'ticket' -d 'Envoyer, lister, lire les demandes au support et y répondre'
complete -c tix -n '__tix_cmd ""; and __tix_lang fr' -a 'notification' -d 'Les e-mails que tix serve vous envoie sur les demandes : combien, en quelle langue'
complete -c tix -n '__tix_cmd ""; and __tix_lang fr' -a 'settings' -d 'Paramètres de l\'organisation (quand un message compte comme lu, la langue des e-mails aux contacts)'
complete -c tix -n '__tix_cmd ""; and __tix_lang fr' -a 'contact' -d 'Les contacts du compte par type : commercial, comptable, technique, fraude, litiges'
complete -c tix -n '__tix_cmd ""; and __tix_lang fr' -a 'config' -d 'Préférences locales : profil par défaut, éditeur, pager, couleur, format de sortie, langue'
complete -c tix -n '__tix_cmd ""; and __tix_lang fr' -a 'inbox' -d 'Les demandes qui ont des messages non lus, les plus récentes d’abord, avec leur nombre (regroupées avec --by)'
complete -c tix -n '__tix_cmd ""; and __tix_lang fr' -a 'api' -d 'Envoyer une requête authentifiée à l\'API de l\'outil de support et afficher la réponse (JSON mis en forme sur un terminal)'
complete -c tix -n '__tix_cmd ""; and __tix_lang fr' -a 'completion' -d 'Afficher le script de complétion pour bash, zsh ou fish (aussi dans completions/)'
complete -c tix -n '__tix_cmd ""; and __tix_lang fr' -a 'version' -d 'Afficher la version de tix, et avec --server celle du serveur configuré'
complete -c tix -n '__tix_cmd ""; and __tix_lang fr' -a 'help' -d 'Aide sur une commande, ou sur un sujet : exit-codes, environment'
complete -c tix -n '__tix_in ""; and __tix_lang fr' -s v -l version -d 'afficher la version'
complete -c tix -n '__tix_in ""; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'

# tix serve
complete -c tix -n '__tix_in "serve"; and __tix_lang fr' -l host -x -d 'adresse sur laquelle écouter'
complete -c tix -n '__tix_in "serve"; and __tix_lang fr' -l port -x -d 'port sur lequel écouter (0 en choisit un libre)'
complete -c tix -n '__tix_in "serve"; and __tix_lang fr' -l db -r -F -d 'fichier SQLite, :memory:, ou postgres://user@hôte:port/base (par défaut : $TIX_DATABASE_URL, sinon $XDG_DATA_HOME/tix/tix.db)'
complete -c tix -n '__tix_in "serve"; and __tix_lang fr' -l demo -d 'charger l\'organisation de démonstration (n\'ajoute rien deux fois)'
complete -c tix -n '__tix_in "serve"; and __tix_lang fr' -l seed -r -F -d 'charger une organisation depuis un fichier JSON'
complete -c tix -n '__tix_in "serve"; and __tix_lang fr' -l catalog -r -F -d 'utiliser le catalogue de types de demande de ce fichier JSON au lieu du catalogue intégré'
complete -c tix -n '__tix_in "serve"; and __tix_lang fr' -l auto-close-after -x -d 'clôturer les demandes résolues après ce délai'
complete -c tix -n '__tix_in "serve"; and __tix_lang fr' -l log -d 'écrire une ligne par requête sur stderr'
complete -c tix -n '__tix_in "serve"; and __tix_lang fr' -l public-url -x -d 'l\'adresse à laquelle on joint ce serveur, pour les liens des demandes (par défaut : http://HÔTE:PORT)'
complete -c tix -n '__tix_in "serve"; and __tix_lang fr' -l smtp -x -d 'envoyer les e-mails de notification par ce serveur SMTP : smtp://hôte:port (par défaut : $TIX_SMTP_URL)'
complete -c tix -n '__tix_in "serve"; and __tix_lang fr' -l mail-from -x -d 'l\'expéditeur des e-mails de notification (par défaut : tix <noreply@HÔTE de l\'adresse publique>)'
complete -c tix -n '__tix_in "serve"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'

# tix auth
complete -c tix -n '__tix_cmd "auth"; and __tix_lang fr' -a 'login' -d 'Se connecter à un outil de support (tix serve par défaut) et garder le jeton dans le trousseau du système'
complete -c tix -n '__tix_cmd "auth"; and __tix_lang fr' -a 'logout' -d 'Révoquer la session sur le serveur et oublier le jeton enregistré'
complete -c tix -n '__tix_cmd "auth"; and __tix_lang fr' -a 'status' -d 'Afficher le serveur et son fournisseur, le compte, les établissements et l\'origine du jeton'
complete -c tix -n '__tix_cmd "auth"; and __tix_lang fr' -a 'token' -d 'Afficher le jeton utilisé par tix, pour les scripts'
complete -c tix -n '__tix_in "auth"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'

# tix auth login
complete -c tix -n '__tix_in "auth login"; and __tix_lang fr' -l provider -x -d 'l\'outil de support derrière le serveur : tix, rt, jira-sm, zendesk (par défaut : celui du profil, sinon tix)'
complete -c tix -n '__tix_in "auth login"; and __tix_lang fr' -l provider -x -a 'tix rt jira-sm zendesk'
complete -c tix -n '__tix_in "auth login"; and __tix_lang fr' -l server -x -d 'adresse du serveur (par défaut : celle du profil, sinon http://127.0.0.1:8787)'
complete -c tix -n '__tix_in "auth login"; and __tix_lang fr' -l email -x -d 'adresse e-mail du compte'
complete -c tix -n '__tix_in "auth login"; and __tix_lang fr' -l password-stdin -d 'lire le mot de passe sur l\'entrée standard'
complete -c tix -n '__tix_in "auth login"; and __tix_lang fr' -l with-token -d 'lire un jeton (par exemple un jeton d\'accès personnel) sur l\'entrée standard au lieu de se connecter avec un mot de passe'
complete -c tix -n '__tix_in "auth login"; and __tix_lang fr' -l insecure-storage -d 'garder le jeton dans un fichier en clair (mode 0600) au lieu du trousseau du système'
complete -c tix -n '__tix_in "auth login"; and __tix_lang fr' -l service-desk -x -d 'le centre de services où travailler : la clé (SD) ou l\'identifiant de son projet ; nécessaire quand vous en atteignez plusieurs (jira-sm ; gardé dans le profil ; TIX_SERVICE_DESK le remplace)'
complete -c tix -n '__tix_in "auth login"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'

# tix auth logout
complete -c tix -n '__tix_in "auth logout"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'

# tix auth status
complete -c tix -n '__tix_in "auth status"; and __tix_lang fr' -l json -d 'afficher en JSON (champs : server, provider, profile, user, company, establishments, tokenSource, token)'
complete -c tix -n '__tix_in "auth status"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'

# tix auth token
complete -c tix -n '__tix_in "auth token"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'

# tix token
complete -c tix -n '__tix_cmd "token"; and __tix_lang fr' -a 'create' -d 'Créer un jeton d\'accès personnel pour la CI et les scripts (affiché une seule fois)'
complete -c tix -n '__tix_cmd "token"; and __tix_lang fr' -a 'list' -d 'Lister vos jetons d\'accès personnels'
complete -c tix -n '__tix_cmd "token"; and __tix_lang fr' -a 'revoke' -d 'Révoquer immédiatement l\'un de vos jetons d\'accès personnels'
complete -c tix -n '__tix_in "token"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'

# tix token create
complete -c tix -n '__tix_in "token create"; and __tix_lang fr' -l name -x -d 'à quoi sert le jeton, par exemple ci-incidents'
complete -c tix -n '__tix_in "token create"; and __tix_lang fr' -l expires-in -x -d 'durée de vie : 30m, 12h, 90d, 6w ou 1y (m minutes, h heures, d ou j jours, w semaines, y années) ; 366 jours au plus'
complete -c tix -n '__tix_in "token create"; and __tix_lang fr' -l scope -x -d 'ce que le jeton permet : tickets:read, tickets:write, contacts:read, contacts:write, settings:read, settings:write'
complete -c tix -n '__tix_in "token create"; and __tix_lang fr' -l scope -x -a 'tickets:read tickets:write contacts:read contacts:write settings:read settings:write'
complete -c tix -n '__tix_want "token create" "--scope"; and __tix_lang fr' -x -a 'tickets:read tickets:write contacts:read contacts:write settings:read settings:write'
complete -c tix -n '__tix_in "token create"; and __tix_lang fr' -l json -d 'afficher en JSON (champs : token, id, name, prefix, scopes, createdAt, expiresAt, lastUsedAt, revokedAt)'
complete -c tix -n '__tix_in "token create"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'

# tix token list
complete -c tix -n '__tix_in "token list"; and __tix_lang fr' -l json -d 'afficher en JSON (champs : id, name, prefix, scopes, createdAt, expiresAt, lastUsedAt, revokedAt)'
complete -c tix -n '__tix_in "token list"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'

# tix token revoke
complete -c tix -n '__tix_in "token revoke"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'

# tix establishment
complete -c tix -n '__tix_cmd "establishment"; and __tix_lang fr' -a 'list' -d 'Lister les établissements que vous administrez'
complete -c tix -n '__tix_in "establishment"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'

# tix establishment list
complete -c tix -n '__tix_in "establishment list"; and __tix_lang fr' -l json -d 'afficher en JSON (champs : siret, siren, name)'
complete -c tix -n '__tix_in "establishment list"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'

# tix type
complete -c tix -n '__tix_cmd "type"; and __tix_lang fr' -a 'list' -d 'Lister les types de demande, par catégorie'
complete -c tix -n '__tix_cmd "type"; and __tix_lang fr' -a 'view' -d 'Afficher le formulaire d\'un type de demande : chaque champ, sa nature, s\'il est obligatoire, et son option'
complete -c tix -n '__tix_in "type"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'

# tix type list
complete -c tix -n '__tix_in "type list"; and __tix_lang fr' -l category -x -d 'seulement cette catégorie'
complete -c tix -n '__tix_in "type list"; and __tix_lang fr' -l json -d 'afficher en JSON (champs : id, category, label, description, example, irreversible, fields)'
complete -c tix -n '__tix_in "type list"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'

# tix type view
complete -c tix -n '__tix_in "type view"; and __tix_lang fr' -l json -d 'afficher le type et le schéma de son formulaire en JSON (champs : id, category, label, description, example, irreversible, fields)'
complete -c tix -n '__tix_in "type view"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'
complete -c tix -n '__tix_arg "type view" "1"; and __tix_lang fr' -x -a '(__tix_dynamic types)'

# tix ticket
complete -c tix -n '__tix_cmd "ticket"; and __tix_lang fr' -a 'create' -d 'Déposer une demande : questions sur un terminal, options ou JSON dans les scripts'
complete -c tix -n '__tix_cmd "ticket"; and __tix_lang fr' -a 'list' -d 'Lister les demandes, les plus récemment actives d\'abord, avec des filtres'
complete -c tix -n '__tix_cmd "ticket"; and __tix_lang fr' -a 'view' -d 'Afficher une demande : statut, établissement, auteur, valeurs du formulaire, puis la conversation'
complete -c tix -n '__tix_cmd "ticket"; and __tix_lang fr' -a 'reply' -d 'Répondre à une demande (sauf clôturée) ; ouvre votre éditeur sur un terminal quand aucun texte n\'est donné'
complete -c tix -n '__tix_cmd "ticket"; and __tix_lang fr' -a 'resolve' -d 'Marquer une demande résolue (elle se clôture d\'elle-même après un temps ; une réponse la rouvre)'
complete -c tix -n '__tix_cmd "ticket"; and __tix_lang fr' -a 'close' -d 'Clôturer une demande définitivement (agents du support)'
complete -c tix -n '__tix_cmd "ticket"; and __tix_lang fr' -a 'reopen' -d 'Rouvrir une demande résolue (les agents peuvent aussi rouvrir une demande clôturée)'
complete -c tix -n '__tix_cmd "ticket"; and __tix_lang fr' -a 'read' -d 'Marquer des messages comme lus : une demande (jusqu’à un message), ou toutes celles qui correspondent aux filtres avec --all'
complete -c tix -n '__tix_cmd "ticket"; and __tix_lang fr' -a 'unread' -d 'Marquer de nouveau non lu le dernier message d\'une autre personne, pour y revenir'
complete -c tix -n '__tix_cmd "ticket"; and __tix_lang fr' -a 'watch' -d 'Attendre les nouveaux messages sur une demande (ou dans votre boîte de réception) et les afficher à leur arrivée'
complete -c tix -n '__tix_cmd "ticket"; and __tix_lang fr' -a 'download' -d 'Enregistrer les pièces jointes d\'une demande'
complete -c tix -n '__tix_cmd "ticket"; and __tix_lang fr' -a 'subscribe' -d 'Recevoir les notifications par e-mail d’une demande, même sans y avoir écrit (avec le niveau mine ou all)'
complete -c tix -n '__tix_cmd "ticket"; and __tix_lang fr' -a 'unsubscribe' -d 'Ne plus recevoir les notifications par e-mail d’une demande, quel que soit votre niveau ; vaut pour les e-mails pas encore envoyés'
complete -c tix -n '__tix_in "ticket"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'

# tix ticket create
complete -c tix -n '__tix_in "ticket create"; and __tix_lang fr' -l type -x -d 'type de demande (tix type list)'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang fr' -l type -x -a '(__tix_dynamic types)'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang fr' -l establishment -x -d 'établissement : son SIRET ou son nom (inutile si vous n\'en administrez qu\'un)'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang fr' -l establishment -x -a '(__tix_dynamic establishments)'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang fr' -l summary -x -d 'un titre concis'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang fr' -l description -x -d 'ce qui se passe, les étapes, les messages d\'erreur'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang fr' -l description-file -r -F -d 'lire la description dans un fichier, ou - pour l\'entrée standard'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang fr' -l field -x -d 'n\'importe quel champ du formulaire (répétez pour plusieurs ; répétez un champ liste pour plusieurs valeurs)'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang fr' -l field -x -a '(__tix_dynamic fields)'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang fr' -l attach -r -F -d 'joindre des fichiers (option répétable, ou séparés par des virgules ; 10 fichiers de 10 Mio au plus)'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang fr' -l idempotency-key -x -d 'une nouvelle tentative avec la même clé renvoie la même demande au lieu d\'en déposer une seconde'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang fr' -l from-json -r -F -d 'lire toute la demande dans un fichier JSON, ou - pour l\'entrée standard (les chemins des pièces jointes partent du dossier du fichier)'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang fr' -l follow-up -x -d 'déposer une nouvelle demande qui fait suite à une demande clôturée (sa référence)'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang fr' -l follow-up -x -a '(__tix_dynamic ticket-ids)'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang fr' -l from-ci -d 'ajouter à la description l\'exécution de CI (URL, commit, branche, job) de GitHub Actions ou GitLab CI ; relancer le même job ne dépose rien de nouveau'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang fr' -l dedupe -d 'répondre à une demande ouverte du même type et du même établissement ayant le même résumé au lieu d\'en ouvrir une nouvelle'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang fr' -l dry-run -d 'afficher la demande qui serait envoyée, sans rien envoyer'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang fr' -l json -d 'afficher la nouvelle demande en JSON (champs : id, ref, status, statusCategory, type, category, summary, establishment, createdBy, onBehalfOf, createdAt, updatedAt, closedAt, autoClosed, unread, messageCount, fields, followUpOf, url)'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang fr' -l web -d 'une fois déposée, ouvrir la page de la demande dans votre navigateur (la vue web est en lecture seule : la demande se dépose ici)'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang fr' -l recover -d 'rouvrir la demande gardée quand la dernière n\'a pas été envoyée (Non à la fin, une erreur réseau, Ctrl-C pendant l\'envoi), ses réponses déjà remplies'
complete -c tix -n '__tix_in "ticket create"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'

# tix ticket list
complete -c tix -n '__tix_in "ticket list"; and __tix_lang fr' -l status -x -d 'seulement ces statuts : ceux du support (tix serve : sent, answered, open, resolved, closed) ou des catégories (new, open, waiting, resolved, closed) ; répétez l’option ou séparez par des virgules'
complete -c tix -n '__tix_in "ticket list"; and __tix_lang fr' -l status -x -a '(__tix_dynamic statuses)'
complete -c tix -n '__tix_want "ticket list" "--status"; and __tix_lang fr' -x -a '(__tix_dynamic statuses)'
complete -c tix -n '__tix_in "ticket list"; and __tix_lang fr' -l type -x -d 'seulement ce type de demande'
complete -c tix -n '__tix_in "ticket list"; and __tix_lang fr' -l type -x -a '(__tix_dynamic types)'
complete -c tix -n '__tix_in "ticket list"; and __tix_lang fr' -l category -x -d 'seulement cette catégorie'
complete -c tix -n '__tix_in "ticket list"; and __tix_lang fr' -l establishment -x -d 'seulement cet établissement : son SIRET, ou son nom (ou une partie que lui seul porte parmi les vôtres)'
complete -c tix -n '__tix_in "ticket list"; and __tix_lang fr' -l establishment -x -a '(__tix_dynamic establishments)'
complete -c tix -n '__tix_in "ticket list"; and __tix_lang fr' -l author -x -d 'seulement les demandes ouvertes par cette personne'
complete -c tix -n '__tix_in "ticket list"; and __tix_lang fr' -l mine -d 'seulement les demandes que vous avez ouvertes'
complete -c tix -n '__tix_in "ticket list"; and __tix_lang fr' -l search -x -d 'mots-clés dans les résumés et les messages (accents ignorés)'
complete -c tix -n '__tix_in "ticket list"; and __tix_lang fr' -l since -x -d 'activité depuis une date (AAAA-MM-JJ, RFC 3339) ou depuis une durée (7d, 12h)'
complete -c tix -n '__tix_in "ticket list"; and __tix_lang fr' -l unread -d 'seulement les demandes qui ont des messages non lus'
complete -c tix -n '__tix_in "ticket list"; and __tix_lang fr' -l limit -x -d 'au plus ce nombre de demandes'
complete -c tix -n '__tix_in "ticket list"; and __tix_lang fr' -l all -d 'toutes les demandes correspondantes, récupérées page par page'
complete -c tix -n '__tix_in "ticket list"; and __tix_lang fr' -l json -d 'afficher en JSON (champs : id, ref, status, statusCategory, type, category, summary, establishment, createdBy, onBehalfOf, createdAt, updatedAt, closedAt, autoClosed, unread, messageCount, fields, followUpOf, url)'
complete -c tix -n '__tix_in "ticket list"; and __tix_lang fr' -l ndjson -d 'afficher un objet JSON par ligne, à mesure que les pages arrivent (mêmes champs que --json)'
complete -c tix -n '__tix_in "ticket list"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'

# tix ticket view
complete -c tix -n '__tix_in "ticket view"; and __tix_lang fr' -l no-mark-read -d 'ne jamais marquer les messages comme lus, même si l\'organisation les marque lus à l\'ouverture'
complete -c tix -n '__tix_in "ticket view"; and __tix_lang fr' -l json -d 'afficher en JSON (champs : id, ref, status, statusCategory, type, category, summary, establishment, createdBy, onBehalfOf, createdAt, updatedAt, closedAt, autoClosed, unread, messageCount, fields, followUpOf, url, followUps, messages)'
complete -c tix -n '__tix_in "ticket view"; and __tix_lang fr' -l web -d 'ouvrir la page de la demande dans votre navigateur (BROWSER, sinon celui du système)'
complete -c tix -n '__tix_in "ticket view"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'
complete -c tix -n '__tix_arg "ticket view" "1"; and __tix_lang fr' -x -a '(__tix_dynamic ticket-ids)'

# tix ticket reply
complete -c tix -n '__tix_in "ticket reply"; and __tix_lang fr' -l body -x -d 'la réponse'
complete -c tix -n '__tix_in "ticket reply"; and __tix_lang fr' -l body-file -r -F -d 'lire la réponse dans un fichier, ou - pour l\'entrée standard'
complete -c tix -n '__tix_in "ticket reply"; and __tix_lang fr' -l attach -r -F -d 'joindre des fichiers (option répétable, ou séparés par des virgules)'
complete -c tix -n '__tix_in "ticket reply"; and __tix_lang fr' -l idempotency-key -x -d 'une nouvelle tentative avec la même clé ne peut pas publier la réponse deux fois'
complete -c tix -n '__tix_in "ticket reply"; and __tix_lang fr' -l dry-run -d 'afficher la réponse qui serait envoyée (en JSON) sans rien envoyer'
complete -c tix -n '__tix_in "ticket reply"; and __tix_lang fr' -l json -d 'afficher en JSON (champs : message, ticket)'
complete -c tix -n '__tix_in "ticket reply"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'
complete -c tix -n '__tix_arg "ticket reply" "1"; and __tix_lang fr' -x -a '(__tix_dynamic ticket-ids)'

# tix ticket resolve
complete -c tix -n '__tix_in "ticket resolve"; and __tix_lang fr' -l json -d 'afficher la demande en JSON (champs : id, ref, status, statusCategory, type, category, summary, establishment, createdBy, onBehalfOf, createdAt, updatedAt, closedAt, autoClosed, unread, messageCount, fields, followUpOf, url)'
complete -c tix -n '__tix_in "ticket resolve"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'
complete -c tix -n '__tix_arg "ticket resolve" "1"; and __tix_lang fr' -x -a '(__tix_dynamic ticket-ids)'

# tix ticket close
complete -c tix -n '__tix_in "ticket close"; and __tix_lang fr' -l json -d 'afficher la demande en JSON (champs : id, ref, status, statusCategory, type, category, summary, establishment, createdBy, onBehalfOf, createdAt, updatedAt, closedAt, autoClosed, unread, messageCount, fields, followUpOf, url)'
complete -c tix -n '__tix_in "ticket close"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'
complete -c tix -n '__tix_arg "ticket close" "1"; and __tix_lang fr' -x -a '(__tix_dynamic ticket-ids)'

# tix ticket reopen
complete -c tix -n '__tix_in "ticket reopen"; and __tix_lang fr' -l json -d 'afficher la demande en JSON (champs : id, ref, status, statusCategory, type, category, summary, establishment, createdBy, onBehalfOf, createdAt, updatedAt, closedAt, autoClosed, unread, messageCount, fields, followUpOf, url)'
complete -c tix -n '__tix_in "ticket reopen"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'
complete -c tix -n '__tix_arg "ticket reopen" "1"; and __tix_lang fr' -x -a '(__tix_dynamic ticket-ids)'

# tix ticket read
complete -c tix -n '__tix_in "ticket read"; and __tix_lang fr' -l message -x -d 'seulement jusqu\'à ce message (voir ticket view --json)'
complete -c tix -n '__tix_in "ticket read"; and __tix_lang fr' -l all -d 'toutes les demandes avec des messages non lus qui correspondent aux filtres'
complete -c tix -n '__tix_in "ticket read"; and __tix_lang fr' -l status -x -d 'seulement ces statuts : ceux du support (tix serve : sent, answered, open, resolved, closed) ou des catégories (new, open, waiting, resolved, closed) ; répétez l’option ou séparez par des virgules'
complete -c tix -n '__tix_in "ticket read"; and __tix_lang fr' -l status -x -a '(__tix_dynamic statuses)'
complete -c tix -n '__tix_want "ticket read" "--status"; and __tix_lang fr' -x -a '(__tix_dynamic statuses)'
complete -c tix -n '__tix_in "ticket read"; and __tix_lang fr' -l type -x -d 'seulement ce type de demande'
complete -c tix -n '__tix_in "ticket read"; and __tix_lang fr' -l type -x -a '(__tix_dynamic types)'
complete -c tix -n '__tix_in "ticket read"; and __tix_lang fr' -l category -x -d 'seulement cette catégorie'
complete -c tix -n '__tix_in "ticket read"; and __tix_lang fr' -l establishment -x -d 'seulement cet établissement : son SIRET, ou son nom (ou une partie que lui seul porte parmi les vôtres)'
complete -c tix -n '__tix_in "ticket read"; and __tix_lang fr' -l establishment -x -a '(__tix_dynamic establishments)'
complete -c tix -n '__tix_in "ticket read"; and __tix_lang fr' -l author -x -d 'seulement les demandes ouvertes par cette personne'
complete -c tix -n '__tix_in "ticket read"; and __tix_lang fr' -l mine -d 'seulement les demandes que vous avez ouvertes'
complete -c tix -n '__tix_in "ticket read"; and __tix_lang fr' -l search -x -d 'mots-clés dans les résumés et les messages (accents ignorés)'
complete -c tix -n '__tix_in "ticket read"; and __tix_lang fr' -l since -x -d 'activité depuis une date (AAAA-MM-JJ, RFC 3339) ou depuis une durée (7d, 12h)'
complete -c tix -n '__tix_in "ticket read"; and __tix_lang fr' -l json -d 'afficher en JSON (champs : tickets, messages)'
complete -c tix -n '__tix_in "ticket read"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'
complete -c tix -n '__tix_arg "ticket read" "1"; and __tix_lang fr' -x -a '(__tix_dynamic ticket-ids)'

# tix ticket unread
complete -c tix -n '__tix_in "ticket unread"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'
complete -c tix -n '__tix_arg "ticket unread" "1"; and __tix_lang fr' -x -a '(__tix_dynamic ticket-ids)'

# tix ticket watch
complete -c tix -n '__tix_in "ticket watch"; and __tix_lang fr' -l interval -x -d 'intervalle entre deux vérifications (une requête chacune ; au moins 1s)'
complete -c tix -n '__tix_in "ticket watch"; and __tix_lang fr' -l timeout -x -d 'abandonner au bout de cette durée (code 0 si quelque chose est arrivé entre-temps, sinon 8)'
complete -c tix -n '__tix_in "ticket watch"; and __tix_lang fr' -l exit-on-reply -d 'terminer (code 0) à la première nouvelle réponse'
complete -c tix -n '__tix_in "ticket watch"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'
complete -c tix -n '__tix_arg "ticket watch" "1"; and __tix_lang fr' -x -a '(__tix_dynamic ticket-ids)'

# tix ticket download
complete -c tix -n '__tix_in "ticket download"; and __tix_lang fr' -l output -x -d 'dossier où enregistrer (créé s\'il le faut)'
complete -c tix -n '__tix_in "ticket download"; and __tix_lang fr' -l output -x -a '(__fish_complete_directories (commandline -ct))'
complete -c tix -n '__tix_in "ticket download"; and __tix_lang fr' -l clobber -d 'remplacer les fichiers qui existent déjà'
complete -c tix -n '__tix_in "ticket download"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'
complete -c tix -n '__tix_arg "ticket download" "1"; and __tix_lang fr' -x -a '(__tix_dynamic ticket-ids)'

# tix ticket subscribe
complete -c tix -n '__tix_in "ticket subscribe"; and __tix_lang fr' -l json -d 'afficher en JSON (champs : ticketId, subscribed, receives, reason, level)'
complete -c tix -n '__tix_in "ticket subscribe"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'
complete -c tix -n '__tix_arg "ticket subscribe" "1"; and __tix_lang fr' -x -a '(__tix_dynamic ticket-ids)'

# tix ticket unsubscribe
complete -c tix -n '__tix_in "ticket unsubscribe"; and __tix_lang fr' -l json -d 'afficher en JSON (champs : ticketId, subscribed, receives, reason, level)'
complete -c tix -n '__tix_in "ticket unsubscribe"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'
complete -c tix -n '__tix_arg "ticket unsubscribe" "1"; and __tix_lang fr' -x -a '(__tix_dynamic ticket-ids)'

# tix notification
complete -c tix -n '__tix_cmd "notification"; and __tix_lang fr' -a 'list' -d 'Afficher les notifications par e-mail que vous recevez, en quelle langue, et les demandes auxquelles vous êtes abonné'
complete -c tix -n '__tix_cmd "notification"; and __tix_lang fr' -a 'set' -d 'Choisir combien d’e-mails vous recevez sur les demandes (all, mine ou none) et en quelle langue'
complete -c tix -n '__tix_in "notification"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'

# tix notification list
complete -c tix -n '__tix_in "notification list"; and __tix_lang fr' -l json -d 'afficher en JSON (champs : email, level, language, languageSource, subscriptions)'
complete -c tix -n '__tix_in "notification list"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'

# tix notification set
complete -c tix -n '__tix_in "notification set"; and __tix_lang fr' -l lang -x -d 'la langue de vos e-mails'
complete -c tix -n '__tix_in "notification set"; and __tix_lang fr' -l lang -x -a 'en fr'
complete -c tix -n '__tix_in "notification set"; and __tix_lang fr' -l json -d 'afficher en JSON (champs : email, level, language, languageSource)'
complete -c tix -n '__tix_in "notification set"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'
complete -c tix -n '__tix_arg "notification set" "1"; and __tix_lang fr' -x -a 'all mine none'

# tix settings
complete -c tix -n '__tix_cmd "settings"; and __tix_lang fr' -a 'list' -d 'Afficher les paramètres de votre organisation'
complete -c tix -n '__tix_cmd "settings"; and __tix_lang fr' -a 'set' -d 'Modifier un paramètre de l\'organisation (administrateurs de l\'entreprise)'
complete -c tix -n '__tix_in "settings"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'

# tix settings list
complete -c tix -n '__tix_in "settings list"; and __tix_lang fr' -l company -x -d 'le SIREN de l\'entreprise (agents du support)'
complete -c tix -n '__tix_in "settings list"; and __tix_lang fr' -l json -d 'afficher en JSON (champs : company, markRead, language)'
complete -c tix -n '__tix_in "settings list"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'

# tix settings set
complete -c tix -n '__tix_in "settings set"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'
complete -c tix -n '__tix_arg "settings set" "1"; and __tix_lang fr' -x -a 'mark-read language'
complete -c tix -n '__tix_arg "settings set" "2" "1" "mark-read"; and __tix_lang fr' -x -a 'manual on-open'
complete -c tix -n '__tix_arg "settings set" "2" "1" "language"; and __tix_lang fr' -x -a 'en fr'

# tix contact
complete -c tix -n '__tix_cmd "contact"; and __tix_lang fr' -a 'list' -d 'Lister les contacts de l\'entreprise, par type'
complete -c tix -n '__tix_cmd "contact"; and __tix_lang fr' -a 'add' -d 'Ajouter un contact (administrateurs) : sur un terminal, demande ce qui manque'
complete -c tix -n '__tix_cmd "contact"; and __tix_lang fr' -a 'edit' -d 'Modifier un contact (administrateurs) : nom, téléphone, adresses ; sur un terminal, sans option, demande les modifications'
complete -c tix -n '__tix_cmd "contact"; and __tix_lang fr' -a 'remove' -d 'Supprimer un contact (administrateurs) : demande confirmation sur un terminal, exige --yes sinon'
complete -c tix -n '__tix_cmd "contact"; and __tix_lang fr' -a 'apply' -d 'Faire des contacts de l\'entreprise ceux d\'un fichier (administrateurs) : montre le plan, puis l\'applique en entier ou pas du tout'
complete -c tix -n '__tix_in "contact"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'

# tix contact list
complete -c tix -n '__tix_in "contact list"; and __tix_lang fr' -l type -x -d 'seulement ce type : commercial (Commercial), accounting (Comptable), technical (Technique), fraud (Fraude), chargebacks (Litiges)'
complete -c tix -n '__tix_in "contact list"; and __tix_lang fr' -l type -x -a 'commercial accounting technical fraud chargebacks'
complete -c tix -n '__tix_in "contact list"; and __tix_lang fr' -l company -x -d 'le SIREN de l\'entreprise (agents du support ; un administrateur voit sa propre entreprise)'
complete -c tix -n '__tix_in "contact list"; and __tix_lang fr' -l json -d 'afficher en JSON (champs : id, type, name, emails, phone, createdAt, updatedAt)'
complete -c tix -n '__tix_in "contact list"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'

# tix contact add
complete -c tix -n '__tix_in "contact add"; and __tix_lang fr' -l type -x -d 'ce que reçoit le contact : commercial (Commercial), accounting (Comptable), technical (Technique), fraud (Fraude), chargebacks (Litiges)'
complete -c tix -n '__tix_in "contact add"; and __tix_lang fr' -l type -x -a 'commercial accounting technical fraud chargebacks'
complete -c tix -n '__tix_in "contact add"; and __tix_lang fr' -l name -x -d 'une personne ou une équipe, par exemple « Équipe technique »'
complete -c tix -n '__tix_in "contact add"; and __tix_lang fr' -l email -x -d 'une adresse e-mail ; répétez l’option ou séparez par des virgules pour en donner plusieurs (une adresse de groupe convient)'
complete -c tix -n '__tix_in "contact add"; and __tix_lang fr' -l phone -x -d 'au format international, par exemple « +33 6 12 34 56 78 » (enregistré comme +33612345678)'
complete -c tix -n '__tix_in "contact add"; and __tix_lang fr' -l json -d 'afficher le nouveau contact en JSON (champs : id, type, name, emails, phone, createdAt, updatedAt)'
complete -c tix -n '__tix_in "contact add"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'

# tix contact edit
complete -c tix -n '__tix_in "contact edit"; and __tix_lang fr' -l name -x -d 'un nouveau nom'
complete -c tix -n '__tix_in "contact edit"; and __tix_lang fr' -l phone -x -d 'un nouveau téléphone au format international, par exemple « +33 6 12 34 56 78 » ; \'\' le retire'
complete -c tix -n '__tix_in "contact edit"; and __tix_lang fr' -l clear-phone -d 'retirer le téléphone'
complete -c tix -n '__tix_in "contact edit"; and __tix_lang fr' -l add-email -x -d 'ajouter une adresse (option répétable ; des virgules en séparent plusieurs)'
complete -c tix -n '__tix_in "contact edit"; and __tix_lang fr' -l remove-email -x -d 'retirer une adresse (option répétable) ; un contact en garde au moins une'
complete -c tix -n '__tix_in "contact edit"; and __tix_lang fr' -l json -d 'afficher le contact modifié en JSON (champs : id, type, name, emails, phone, createdAt, updatedAt)'
complete -c tix -n '__tix_in "contact edit"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'
complete -c tix -n '__tix_arg "contact edit" "1"; and __tix_lang fr' -x -a '(__tix_dynamic contact-ids)'

# tix contact remove
complete -c tix -n '__tix_in "contact remove"; and __tix_lang fr' -s y -l yes -d 'supprimer sans demander'
complete -c tix -n '__tix_in "contact remove"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'
complete -c tix -n '__tix_arg "contact remove" "1"; and __tix_lang fr' -x -a '(__tix_dynamic contact-ids)'

# tix contact apply
complete -c tix -n '__tix_in "contact apply"; and __tix_lang fr' -s f -l file -r -F -d 'les contacts, en JSON : {"contacts": [{"type", "name", "emails", "phone"}]} ou un simple tableau ; - pour l\'entrée standard'
complete -c tix -n '__tix_in "contact apply"; and __tix_lang fr' -l dry-run -d 'montrer le plan sans rien modifier'
complete -c tix -n '__tix_in "contact apply"; and __tix_lang fr' -s y -l yes -d 'appliquer sans demander (nécessaire sans terminal quand le plan supprime des contacts)'
complete -c tix -n '__tix_in "contact apply"; and __tix_lang fr' -l json -d 'afficher le plan et le résultat en JSON (champs : plan, applied, fingerprint)'
complete -c tix -n '__tix_in "contact apply"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'

# tix config
complete -c tix -n '__tix_cmd "config"; and __tix_lang fr' -a 'list' -d 'Lister les préférences et leurs valeurs (la valeur par défaut quand elles ne sont pas définies)'
complete -c tix -n '__tix_cmd "config"; and __tix_lang fr' -a 'get' -d 'Afficher une préférence : sa valeur, sinon sa valeur par défaut, sinon rien (code de sortie 0)'
complete -c tix -n '__tix_cmd "config"; and __tix_lang fr' -a 'set' -d 'Définir une préférence dans config.json (vérifiée selon ses valeurs permises)'
complete -c tix -n '__tix_cmd "config"; and __tix_lang fr' -a 'unset' -d 'Retirer une préférence de config.json : sa valeur par défaut s’applique à nouveau'
complete -c tix -n '__tix_in "config"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'

# tix config list
complete -c tix -n '__tix_in "config list"; and __tix_lang fr' -l json -d 'afficher en JSON, un champ par clé, null quand elle n’est pas définie et n’a pas de valeur par défaut (champs : profile, editor, pager, color, output, lang)'
complete -c tix -n '__tix_in "config list"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'

# tix config get
complete -c tix -n '__tix_in "config get"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'
complete -c tix -n '__tix_arg "config get" "1"; and __tix_lang fr' -x -a 'profile' -d 'the profile used when neither --profile nor TIX_PROFILE is given'
complete -c tix -n '__tix_arg "config get" "1"; and __tix_lang fr' -x -a 'editor' -d 'editor for long text on a terminal (before VISUAL and EDITOR)'
complete -c tix -n '__tix_arg "config get" "1"; and __tix_lang fr' -x -a 'pager' -d 'pager for long output on a terminal (after TIX_PAGER, before PAGER); "cat" turns paging off'
complete -c tix -n '__tix_arg "config get" "1"; and __tix_lang fr' -x -a 'color' -d 'colour: auto (on terminals), always (also when piped), never; NO_COLOR and CLICOLOR_FORCE still win'
complete -c tix -n '__tix_arg "config get" "1"; and __tix_lang fr' -x -a 'output' -d 'json: every command that takes --json prints JSON (all fields) as if --json was given'
complete -c tix -n '__tix_arg "config get" "1"; and __tix_lang fr' -x -a 'lang' -d 'language people read: en or fr (after TIX_LANG, before LC_ALL, LC_MESSAGES and LANG); unset: from the environment'

# tix config set
complete -c tix -n '__tix_in "config set"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'
complete -c tix -n '__tix_arg "config set" "1"; and __tix_lang fr' -x -a 'profile' -d 'the profile used when neither --profile nor TIX_PROFILE is given'
complete -c tix -n '__tix_arg "config set" "1"; and __tix_lang fr' -x -a 'editor' -d 'editor for long text on a terminal (before VISUAL and EDITOR)'
complete -c tix -n '__tix_arg "config set" "1"; and __tix_lang fr' -x -a 'pager' -d 'pager for long output on a terminal (after TIX_PAGER, before PAGER); "cat" turns paging off'
complete -c tix -n '__tix_arg "config set" "1"; and __tix_lang fr' -x -a 'color' -d 'colour: auto (on terminals), always (also when piped), never; NO_COLOR and CLICOLOR_FORCE still win'
complete -c tix -n '__tix_arg "config set" "1"; and __tix_lang fr' -x -a 'output' -d 'json: every command that takes --json prints JSON (all fields) as if --json was given'
complete -c tix -n '__tix_arg "config set" "1"; and __tix_lang fr' -x -a 'lang' -d 'language people read: en or fr (after TIX_LANG, before LC_ALL, LC_MESSAGES and LANG); unset: from the environment'
complete -c tix -n '__tix_arg "config set" "2" "1" "profile"; and __tix_lang fr' -x -a '(__tix_dynamic profiles)'
complete -c tix -n '__tix_arg "config set" "2" "1" "color"; and __tix_lang fr' -x -a 'auto always never'
complete -c tix -n '__tix_arg "config set" "2" "1" "output"; and __tix_lang fr' -x -a 'auto json'
complete -c tix -n '__tix_arg "config set" "2" "1" "lang"; and __tix_lang fr' -x -a 'en fr'

# tix config unset
complete -c tix -n '__tix_in "config unset"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'
complete -c tix -n '__tix_arg "config unset" "1"; and __tix_lang fr' -x -a 'profile' -d 'the profile used when neither --profile nor TIX_PROFILE is given'
complete -c tix -n '__tix_arg "config unset" "1"; and __tix_lang fr' -x -a 'editor' -d 'editor for long text on a terminal (before VISUAL and EDITOR)'
complete -c tix -n '__tix_arg "config unset" "1"; and __tix_lang fr' -x -a 'pager' -d 'pager for long output on a terminal (after TIX_PAGER, before PAGER); "cat" turns paging off'
complete -c tix -n '__tix_arg "config unset" "1"; and __tix_lang fr' -x -a 'color' -d 'colour: auto (on terminals), always (also when piped), never; NO_COLOR and CLICOLOR_FORCE still win'
complete -c tix -n '__tix_arg "config unset" "1"; and __tix_lang fr' -x -a 'output' -d 'json: every command that takes --json prints JSON (all fields) as if --json was given'
complete -c tix -n '__tix_arg "config unset" "1"; and __tix_lang fr' -x -a 'lang' -d 'language people read: en or fr (after TIX_LANG, before LC_ALL, LC_MESSAGES and LANG); unset: from the environment'

# tix inbox
complete -c tix -n '__tix_in "inbox"; and __tix_lang fr' -l by -x -d 'regrouper par établissement (establishment) ou par type (type)'
complete -c tix -n '__tix_in "inbox"; and __tix_lang fr' -l by -x -a 'establishment type'
complete -c tix -n '__tix_in "inbox"; and __tix_lang fr' -l limit -x -d 'demandes affichées, en tout ou par groupe (30 par défaut, ou 10 par groupe)'
complete -c tix -n '__tix_in "inbox"; and __tix_lang fr' -l all -d 'toutes les demandes qui ont des messages non lus, pas seulement les plus récentes'
complete -c tix -n '__tix_in "inbox"; and __tix_lang fr' -l json -d 'afficher en JSON : { total, items, groups }, chaque demande avec tous ses champs ou ceux donnés (champs : id, ref, status, statusCategory, type, category, summary, establishment, createdBy, onBehalfOf, createdAt, updatedAt, closedAt, autoClosed, unread, messageCount, fields, followUpOf, url)'
complete -c tix -n '__tix_in "inbox"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'

# tix api
complete -c tix -n '__tix_in "api"; and __tix_lang fr' -s X -l method -x -d 'méthode HTTP (par défaut : GET, ou POST avec --field ou --input sauf avec --paginate)'
complete -c tix -n '__tix_in "api"; and __tix_lang fr' -s X -l method -x -a 'GET POST PUT PATCH DELETE HEAD'
complete -c tix -n '__tix_in "api"; and __tix_lang fr' -s f -l field -x -d 'un paramètre (répétable) : un champ du corps JSON, ou un paramètre d\'URL pour GET et avec --input ; true, false, null et les nombres deviennent des valeurs JSON'
complete -c tix -n '__tix_in "api"; and __tix_lang fr' -s H -l header -x -d 'un en-tête HTTP, « Nom: valeur » (répétable)'
complete -c tix -n '__tix_in "api"; and __tix_lang fr' -l input -r -F -d 'le corps de la requête, envoyé tel quel, depuis un fichier ou - pour l\'entrée standard'
complete -c tix -n '__tix_in "api"; and __tix_lang fr' -l paginate -d 'suivre nextCursor et afficher les éléments de toutes les pages en un seul tableau JSON (GET)'
complete -c tix -n '__tix_in "api"; and __tix_lang fr' -s i -l include -d 'afficher la ligne d\'état et les en-têtes de la réponse sur stderr'
complete -c tix -n '__tix_in "api"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'

# tix completion
complete -c tix -n '__tix_in "completion"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'
complete -c tix -n '__tix_arg "completion" "1"; and __tix_lang fr' -x -a 'bash zsh fish'

# tix version
complete -c tix -n '__tix_in "version"; and __tix_lang fr' -l server -d 'demander aussi au serveur configuré sa version et celle de son API'
complete -c tix -n '__tix_in "version"; and __tix_lang fr' -l json -d 'afficher en JSON (champs : client, server)'
complete -c tix -n '__tix_in "version"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'

# tix help
complete -c tix -n '__tix_in "help"; and __tix_lang fr' -l json -d 'afficher l\'arbre des commandes en JSON pour les outils : commandes, arguments, options, exemples et (une fois connecté) les schémas des types de demande'
complete -c tix -n '__tix_in "help"; and __tix_lang fr' -s h -l help -d 'afficher l\'aide de la commande'
complete -c tix -n '__tix_arg "help" "1+"; and __tix_lang fr' -x -a 'exit-codes environment serve auth token establishment type ticket notification settings contact config inbox api completion version help'
