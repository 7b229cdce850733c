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
    set -l dashdash ''
    set -l tokens (commandline -opc)
    for word in $tokens[2..-1]
        if test -n "$__tix_want"
            if test "$__tix_mode" = 1; or not string match -q -- '-*' $word
                test "$__tix_want" = --profile; and set -g __tix_profile $word
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

# Values only the server knows (ticket ids, request types) or the config file (profiles), from
# `tix __complete`: it gives up within about 1.5 s and prints nothing when offline or logged out.
function __tix_dynamic
    __tix_state
    set -l pre
    test -n "$__tix_profile"; and set pre --profile $__tix_profile
    tix $pre __complete $argv[1] 2>/dev/null
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
complete -c tix -l profile -x -d 'use another saved server/account (also TIX_PROFILE)'
complete -c tix -l profile -x -a '(__tix_dynamic profiles)'
complete -c tix -l no-input -d 'never prompt; missing input is an error (also TIX_NO_INPUT)'

# tix (root)
complete -c tix -n '__tix_cmd ""' -a 'serve' -d 'Run the reference support backend (SQLite by default; PostgreSQL for several instances)'
complete -c tix -n '__tix_cmd ""' -a 'auth' -d 'Log in and out, show who you are'
complete -c tix -n '__tix_cmd ""' -a 'token' -d 'Personal access tokens for CI and scripts'
complete -c tix -n '__tix_cmd ""' -a 'establishment' -d 'Establishments you administer'
complete -c tix -n '__tix_cmd ""' -a 'type' -d 'The request types and their forms'
complete -c tix -n '__tix_cmd ""' -a 'ticket' -d 'File, list, read and answer support requests'
complete -c tix -n '__tix_cmd ""' -a 'notification' -d 'The e-mails tix serve sends you about tickets: how many, in which language'
complete -c tix -n '__tix_cmd ""' -a 'settings' -d 'Organisation settings (when messages count as read, the contacts\' e-mail language)'
complete -c tix -n '__tix_cmd ""' -a 'contact' -d 'The account\'s contacts by type: commercial, accounting, technical, fraud, chargebacks'
complete -c tix -n '__tix_cmd ""' -a 'config' -d 'Local preferences: default profile, editor, pager, colour, output format, language'
complete -c tix -n '__tix_cmd ""' -a 'inbox' -d 'Tickets with messages you have not read, newest first, with counts (grouped with --by)'
complete -c tix -n '__tix_cmd ""' -a 'api' -d 'Make an authenticated request to the helpdesk\'s API and print the answer (JSON pretty-printed on a terminal)'
complete -c tix -n '__tix_cmd ""' -a 'completion' -d 'Print the shell completion script for bash, zsh or fish (also in completions/)'
complete -c tix -n '__tix_cmd ""' -a 'version' -d 'Print tix\'s version, and with --server the configured server\'s'
complete -c tix -n '__tix_cmd ""' -a 'help' -d 'Help on a command, or on a topic: exit-codes, environment'
complete -c tix -n '__tix_in ""' -s v -l version -d 'print the version'
complete -c tix -n '__tix_in ""' -s h -l help -d 'display help for command'

# tix serve
complete -c tix -n '__tix_in "serve"' -l host -x -d 'address to listen on'
complete -c tix -n '__tix_in "serve"' -l port -x -d 'port to listen on (0 picks a free one)'
complete -c tix -n '__tix_in "serve"' -l db -r -F -d 'SQLite file, :memory:, or postgres://user@host:port/db (default: $TIX_DATABASE_URL, else $XDG_DATA_HOME/tix/tix.db)'
complete -c tix -n '__tix_in "serve"' -l demo -d 'load the demo organisation (adds nothing twice)'
complete -c tix -n '__tix_in "serve"' -l seed -r -F -d 'load an organisation from a JSON file'
complete -c tix -n '__tix_in "serve"' -l catalog -r -F -d 'use the request-type catalog in this JSON file instead of the built-in one'
complete -c tix -n '__tix_in "serve"' -l auto-close-after -x -d 'close resolved tickets after this long'
complete -c tix -n '__tix_in "serve"' -l log -d 'log one line per request to stderr'
complete -c tix -n '__tix_in "serve"' -l public-url -x -d 'the address people reach this server at, for ticket links (default: http://HOST:PORT)'
complete -c tix -n '__tix_in "serve"' -l smtp -x -d 'send notification e-mails through this SMTP server: smtp://host:port (default: $TIX_SMTP_URL)'
complete -c tix -n '__tix_in "serve"' -l mail-from -x -d 'the sender of notification e-mails (default: tix <noreply@HOST of the public URL>)'
complete -c tix -n '__tix_in "serve"' -s h -l help -d 'display help for command'

# tix auth
complete -c tix -n '__tix_cmd "auth"' -a 'login' -d 'Log in to a helpdesk (tix serve by default) and keep the token in the OS keychain'
complete -c tix -n '__tix_cmd "auth"' -a 'logout' -d 'Revoke the session on the server and forget the stored token'
complete -c tix -n '__tix_cmd "auth"' -a 'status' -d 'Show the server and its provider, the account, establishments and where the token comes from'
complete -c tix -n '__tix_cmd "auth"' -a 'token' -d 'Print the token tix uses, for scripts'
complete -c tix -n '__tix_in "auth"' -s h -l help -d 'display help for command'

# tix auth login
complete -c tix -n '__tix_in "auth login"' -l provider -x -d 'the helpdesk behind the server: tix, rt, jira-sm, zendesk (default: the profile\'s, else tix)'
complete -c tix -n '__tix_in "auth login"' -l provider -x -a 'tix rt jira-sm zendesk'
complete -c tix -n '__tix_in "auth login"' -l server -x -d 'server URL (default: the profile\'s, else http://127.0.0.1:8787)'
complete -c tix -n '__tix_in "auth login"' -l email -x -d 'account e-mail'
complete -c tix -n '__tix_in "auth login"' -l password-stdin -d 'read the password from standard input'
complete -c tix -n '__tix_in "auth login"' -l with-token -d 'read a token (e.g. a personal access token) from standard input instead of logging in with a password'
complete -c tix -n '__tix_in "auth login"' -l insecure-storage -d 'store the token in a plain-text file (mode 0600) instead of the OS keychain'
complete -c tix -n '__tix_in "auth login"' -l service-desk -x -d 'the service desk to work in: its project key (SD) or id; needed when you can reach more than one (jira-sm; kept in the profile; TIX_SERVICE_DESK overrides it)'
complete -c tix -n '__tix_in "auth login"' -s h -l help -d 'display help for command'

# tix auth logout
complete -c tix -n '__tix_in "auth logout"' -s h -l help -d 'display help for command'

# tix auth status
complete -c tix -n '__tix_in "auth status"' -l json -d 'print JSON (fields: server, provider, profile, user, company, establishments, tokenSource, token)'
complete -c tix -n '__tix_in "auth status"' -s h -l help -d 'display help for command'

# tix auth token
complete -c tix -n '__tix_in "auth token"' -s h -l help -d 'display help for command'

# tix token
complete -c tix -n '__tix_cmd "token"' -a 'create' -d 'Create a personal access token for CI and scripts (printed once)'
complete -c tix -n '__tix_cmd "token"' -a 'list' -d 'List your personal access tokens'
complete -c tix -n '__tix_cmd "token"' -a 'revoke' -d 'Revoke one of your personal access tokens at once'
complete -c tix -n '__tix_in "token"' -s h -l help -d 'display help for command'

# tix token create
complete -c tix -n '__tix_in "token create"' -l name -x -d 'what the token is for, e.g. ci-incidents'
complete -c tix -n '__tix_in "token create"' -l expires-in -x -d 'lifetime: 30d, 12h, 1y (at most 366 days)'
complete -c tix -n '__tix_in "token create"' -l scope -x -d 'what it may do: tickets:read, tickets:write, contacts:read, contacts:write, settings:read, settings:write'
complete -c tix -n '__tix_in "token create"' -l scope -x -a 'tickets:read tickets:write contacts:read contacts:write settings:read settings:write'
complete -c tix -n '__tix_want "token create" "--scope"' -x -a 'tickets:read tickets:write contacts:read contacts:write settings:read settings:write'
complete -c tix -n '__tix_in "token create"' -l json -d 'print JSON (fields: token, id, name, prefix, scopes, createdAt, expiresAt, lastUsedAt, revokedAt)'
complete -c tix -n '__tix_in "token create"' -s h -l help -d 'display help for command'

# tix token list
complete -c tix -n '__tix_in "token list"' -l json -d 'print JSON (fields: id, name, prefix, scopes, createdAt, expiresAt, lastUsedAt, revokedAt)'
complete -c tix -n '__tix_in "token list"' -s h -l help -d 'display help for command'

# tix token revoke
complete -c tix -n '__tix_in "token revoke"' -s h -l help -d 'display help for command'

# tix establishment
complete -c tix -n '__tix_cmd "establishment"' -a 'list' -d 'List the establishments you administer'
complete -c tix -n '__tix_in "establishment"' -s h -l help -d 'display help for command'

# tix establishment list
complete -c tix -n '__tix_in "establishment list"' -l json -d 'print JSON (fields: siret, siren, name)'
complete -c tix -n '__tix_in "establishment list"' -s h -l help -d 'display help for command'

# tix type
complete -c tix -n '__tix_cmd "type"' -a 'list' -d 'List the request types, by category'
complete -c tix -n '__tix_cmd "type"' -a 'view' -d 'Show a request type\'s form: every field, its kind, whether it is required, and its flag'
complete -c tix -n '__tix_in "type"' -s h -l help -d 'display help for command'

# tix type list
complete -c tix -n '__tix_in "type list"' -l category -x -d 'only this category'
complete -c tix -n '__tix_in "type list"' -l json -d 'print JSON (fields: id, category, label, description, example, irreversible, fields)'
complete -c tix -n '__tix_in "type list"' -s h -l help -d 'display help for command'

# tix type view
complete -c tix -n '__tix_in "type view"' -l json -d 'print the type and its form schema as JSON (fields: id, category, label, description, example, irreversible, fields)'
complete -c tix -n '__tix_in "type view"' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "type view" "1"' -x -a '(__tix_dynamic types)'

# tix ticket
complete -c tix -n '__tix_cmd "ticket"' -a 'create' -d 'File a request: prompts on a terminal, flags or JSON in scripts'
complete -c tix -n '__tix_cmd "ticket"' -a 'list' -d 'List tickets, newest activity first, with filters'
complete -c tix -n '__tix_cmd "ticket"' -a 'view' -d 'Show a ticket: status, establishment, creator, form values, then the conversation'
complete -c tix -n '__tix_cmd "ticket"' -a 'reply' -d 'Answer a ticket (any status but closed); opens your editor on a terminal when no body is given'
complete -c tix -n '__tix_cmd "ticket"' -a 'resolve' -d 'Mark a ticket resolved (it closes by itself after a while; a reply reopens it)'
complete -c tix -n '__tix_cmd "ticket"' -a 'close' -d 'Close a ticket for good (support agents)'
complete -c tix -n '__tix_cmd "ticket"' -a 'reopen' -d 'Reopen a resolved ticket (agents may also reopen a closed one)'
complete -c tix -n '__tix_cmd "ticket"' -a 'read' -d 'Mark messages read: one ticket (up to a message), or every ticket matching filters with --all'
complete -c tix -n '__tix_cmd "ticket"' -a 'unread' -d 'Mark the latest message from someone else unread again, to come back to it'
complete -c tix -n '__tix_cmd "ticket"' -a 'watch' -d 'Wait for new messages on a ticket (or in your inbox) and print them as they arrive'
complete -c tix -n '__tix_cmd "ticket"' -a 'download' -d 'Save a ticket\'s attachments'
complete -c tix -n '__tix_cmd "ticket"' -a 'subscribe' -d 'Receive a ticket\'s e-mail notifications, even one you never wrote on (with the level mine or all)'
complete -c tix -n '__tix_cmd "ticket"' -a 'unsubscribe' -d 'Stop a ticket\'s e-mail notifications, whatever your level; applies to e-mails not sent yet'
complete -c tix -n '__tix_in "ticket"' -s h -l help -d 'display help for command'

# tix ticket create
complete -c tix -n '__tix_in "ticket create"' -l type -x -d 'request type (tix type list)'
complete -c tix -n '__tix_in "ticket create"' -l type -x -a '(__tix_dynamic types)'
complete -c tix -n '__tix_in "ticket create"' -l establishment -x -d 'establishment: its SIRET or its name (not needed when you administer only one)'
complete -c tix -n '__tix_in "ticket create"' -l summary -x -d 'a concise title'
complete -c tix -n '__tix_in "ticket create"' -l description -x -d 'what happens, steps, error messages'
complete -c tix -n '__tix_in "ticket create"' -l description-file -r -F -d 'read the description from a file, or - for standard input'
complete -c tix -n '__tix_in "ticket create"' -l field -x -d 'any form field (repeat for several; repeat a list field for several values)'
complete -c tix -n '__tix_in "ticket create"' -l attach -r -F -d 'attach files (repeatable, or separated by commas; at most 10 files of 10 MiB)'
complete -c tix -n '__tix_in "ticket create"' -l idempotency-key -x -d 'a retry with the same key returns the same ticket instead of filing a second one'
complete -c tix -n '__tix_in "ticket create"' -l from-json -r -F -d 'read the whole request from a JSON file, or - for standard input (attachment paths are relative to the file)'
complete -c tix -n '__tix_in "ticket create"' -l follow-up -x -d 'file a new ticket that follows up a closed one (its reference)'
complete -c tix -n '__tix_in "ticket create"' -l follow-up -x -a '(__tix_dynamic ticket-ids)'
complete -c tix -n '__tix_in "ticket create"' -l from-ci -d 'add the CI run (URL, commit, branch, job) from GitHub Actions or GitLab CI to the description; a re-run of the same job files nothing new'
complete -c tix -n '__tix_in "ticket create"' -l dedupe -d 'reply to an open ticket of the same type and establishment with the same summary instead of opening a new one'
complete -c tix -n '__tix_in "ticket create"' -l dry-run -d 'print the request that would be sent, and send nothing'
complete -c tix -n '__tix_in "ticket create"' -l json -d 'print the new ticket as JSON (fields: id, ref, status, statusCategory, type, category, summary, establishment, createdBy, onBehalfOf, createdAt, updatedAt, closedAt, autoClosed, unread, messageCount, fields, followUpOf, url)'
complete -c tix -n '__tix_in "ticket create"' -l web -d 'once filed, open the ticket\'s page in your browser (the web view is read-only: the request is filed here)'
complete -c tix -n '__tix_in "ticket create"' -l recover -d 'reopen the request kept when the last one was not sent (answered No at the end, a network error, Ctrl-C while sending), its answers filled in'
complete -c tix -n '__tix_in "ticket create"' -s h -l help -d 'display help for command'

# tix ticket list
complete -c tix -n '__tix_in "ticket list"' -l status -x -d 'only these statuses: the helpdesk\'s own (tix serve: sent, answered, open, resolved, closed) or categories (new, open, waiting, resolved, closed); repeat or separate with commas'
complete -c tix -n '__tix_in "ticket list"' -l status -x -a '(__tix_dynamic statuses)'
complete -c tix -n '__tix_want "ticket list" "--status"' -x -a '(__tix_dynamic statuses)'
complete -c tix -n '__tix_in "ticket list"' -l type -x -d 'only this request type'
complete -c tix -n '__tix_in "ticket list"' -l type -x -a '(__tix_dynamic types)'
complete -c tix -n '__tix_in "ticket list"' -l category -x -d 'only this category'
complete -c tix -n '__tix_in "ticket list"' -l establishment -x -d 'only this establishment: its SIRET, or its name (or a part of it only one of yours has)'
complete -c tix -n '__tix_in "ticket list"' -l author -x -d 'only tickets opened by this person'
complete -c tix -n '__tix_in "ticket list"' -l mine -d 'only tickets you opened'
complete -c tix -n '__tix_in "ticket list"' -l search -x -d 'keywords in summaries and messages (accents ignored)'
complete -c tix -n '__tix_in "ticket list"' -l since -x -d 'activity since a date (YYYY-MM-DD, RFC 3339) or a duration ago (7d, 12h)'
complete -c tix -n '__tix_in "ticket list"' -l unread -d 'only tickets with messages you have not read'
complete -c tix -n '__tix_in "ticket list"' -l limit -x -d 'at most this many tickets'
complete -c tix -n '__tix_in "ticket list"' -l all -d 'every matching ticket, fetched page by page'
complete -c tix -n '__tix_in "ticket list"' -l json -d 'print JSON (fields: id, ref, status, statusCategory, type, category, summary, establishment, createdBy, onBehalfOf, createdAt, updatedAt, closedAt, autoClosed, unread, messageCount, fields, followUpOf, url)'
complete -c tix -n '__tix_in "ticket list"' -l ndjson -d 'print one JSON object per line, as pages arrive (same fields as --json)'
complete -c tix -n '__tix_in "ticket list"' -s h -l help -d 'display help for command'

# tix ticket view
complete -c tix -n '__tix_in "ticket view"' -l no-mark-read -d 'never mark the messages read, even when the organisation marks them read on opening'
complete -c tix -n '__tix_in "ticket view"' -l json -d 'print JSON (fields: id, ref, status, statusCategory, type, category, summary, establishment, createdBy, onBehalfOf, createdAt, updatedAt, closedAt, autoClosed, unread, messageCount, fields, followUpOf, url, followUps, messages)'
complete -c tix -n '__tix_in "ticket view"' -l web -d 'open the ticket\'s page in your browser (BROWSER, else the system\'s opener)'
complete -c tix -n '__tix_in "ticket view"' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "ticket view" "1"' -x -a '(__tix_dynamic ticket-ids)'

# tix ticket reply
complete -c tix -n '__tix_in "ticket reply"' -l body -x -d 'the reply'
complete -c tix -n '__tix_in "ticket reply"' -l body-file -r -F -d 'read the reply from a file, or - for standard input'
complete -c tix -n '__tix_in "ticket reply"' -l attach -r -F -d 'attach files (repeatable, or separated by commas)'
complete -c tix -n '__tix_in "ticket reply"' -l idempotency-key -x -d 'a retry with the same key cannot post the reply twice'
complete -c tix -n '__tix_in "ticket reply"' -l dry-run -d 'print the reply that would be sent (as JSON) and send nothing'
complete -c tix -n '__tix_in "ticket reply"' -l json -d 'print JSON (fields: message, ticket)'
complete -c tix -n '__tix_in "ticket reply"' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "ticket reply" "1"' -x -a '(__tix_dynamic ticket-ids)'

# tix ticket resolve
complete -c tix -n '__tix_in "ticket resolve"' -l json -d 'print the ticket as JSON (fields: id, ref, status, statusCategory, type, category, summary, establishment, createdBy, onBehalfOf, createdAt, updatedAt, closedAt, autoClosed, unread, messageCount, fields, followUpOf, url)'
complete -c tix -n '__tix_in "ticket resolve"' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "ticket resolve" "1"' -x -a '(__tix_dynamic ticket-ids)'

# tix ticket close
complete -c tix -n '__tix_in "ticket close"' -l json -d 'print the ticket as JSON (fields: id, ref, status, statusCategory, type, category, summary, establishment, createdBy, onBehalfOf, createdAt, updatedAt, closedAt, autoClosed, unread, messageCount, fields, followUpOf, url)'
complete -c tix -n '__tix_in "ticket close"' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "ticket close" "1"' -x -a '(__tix_dynamic ticket-ids)'

# tix ticket reopen
complete -c tix -n '__tix_in "ticket reopen"' -l json -d 'print the ticket as JSON (fields: id, ref, status, statusCategory, type, category, summary, establishment, createdBy, onBehalfOf, createdAt, updatedAt, closedAt, autoClosed, unread, messageCount, fields, followUpOf, url)'
complete -c tix -n '__tix_in "ticket reopen"' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "ticket reopen" "1"' -x -a '(__tix_dynamic ticket-ids)'

# tix ticket read
complete -c tix -n '__tix_in "ticket read"' -l message -x -d 'only up to this message (from ticket view --json)'
complete -c tix -n '__tix_in "ticket read"' -l all -d 'every ticket with unread messages matching the filters'
complete -c tix -n '__tix_in "ticket read"' -l status -x -d 'only these statuses: the helpdesk\'s own (tix serve: sent, answered, open, resolved, closed) or categories (new, open, waiting, resolved, closed); repeat or separate with commas'
complete -c tix -n '__tix_in "ticket read"' -l status -x -a '(__tix_dynamic statuses)'
complete -c tix -n '__tix_want "ticket read" "--status"' -x -a '(__tix_dynamic statuses)'
complete -c tix -n '__tix_in "ticket read"' -l type -x -d 'only this request type'
complete -c tix -n '__tix_in "ticket read"' -l type -x -a '(__tix_dynamic types)'
complete -c tix -n '__tix_in "ticket read"' -l category -x -d 'only this category'
complete -c tix -n '__tix_in "ticket read"' -l establishment -x -d 'only this establishment: its SIRET, or its name (or a part of it only one of yours has)'
complete -c tix -n '__tix_in "ticket read"' -l author -x -d 'only tickets opened by this person'
complete -c tix -n '__tix_in "ticket read"' -l mine -d 'only tickets you opened'
complete -c tix -n '__tix_in "ticket read"' -l search -x -d 'keywords in summaries and messages (accents ignored)'
complete -c tix -n '__tix_in "ticket read"' -l since -x -d 'activity since a date (YYYY-MM-DD, RFC 3339) or a duration ago (7d, 12h)'
complete -c tix -n '__tix_in "ticket read"' -l json -d 'print JSON (fields: tickets, messages)'
complete -c tix -n '__tix_in "ticket read"' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "ticket read" "1"' -x -a '(__tix_dynamic ticket-ids)'

# tix ticket unread
complete -c tix -n '__tix_in "ticket unread"' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "ticket unread" "1"' -x -a '(__tix_dynamic ticket-ids)'

# tix ticket watch
complete -c tix -n '__tix_in "ticket watch"' -l interval -x -d 'time between checks (one request each; at least 1s)'
complete -c tix -n '__tix_in "ticket watch"' -l timeout -x -d 'give up after this long (exit 0 if something came meanwhile, else 8)'
complete -c tix -n '__tix_in "ticket watch"' -l exit-on-reply -d 'exit 0 at the first new reply'
complete -c tix -n '__tix_in "ticket watch"' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "ticket watch" "1"' -x -a '(__tix_dynamic ticket-ids)'

# tix ticket download
complete -c tix -n '__tix_in "ticket download"' -l output -x -d 'directory to save into (created if needed)'
complete -c tix -n '__tix_in "ticket download"' -l output -x -a '(__fish_complete_directories (commandline -ct))'
complete -c tix -n '__tix_in "ticket download"' -l clobber -d 'overwrite files that already exist'
complete -c tix -n '__tix_in "ticket download"' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "ticket download" "1"' -x -a '(__tix_dynamic ticket-ids)'

# tix ticket subscribe
complete -c tix -n '__tix_in "ticket subscribe"' -l json -d 'print JSON (fields: ticketId, subscribed, receives, reason, level)'
complete -c tix -n '__tix_in "ticket subscribe"' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "ticket subscribe" "1"' -x -a '(__tix_dynamic ticket-ids)'

# tix ticket unsubscribe
complete -c tix -n '__tix_in "ticket unsubscribe"' -l json -d 'print JSON (fields: ticketId, subscribed, receives, reason, level)'
complete -c tix -n '__tix_in "ticket unsubscribe"' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "ticket unsubscribe" "1"' -x -a '(__tix_dynamic ticket-ids)'

# tix notification
complete -c tix -n '__tix_cmd "notification"' -a 'list' -d 'Show which e-mail notifications you receive, in which language, and the tickets you subscribed to'
complete -c tix -n '__tix_cmd "notification"' -a 'set' -d 'Choose how much e-mail you receive about tickets (all, mine or none) and in which language'
complete -c tix -n '__tix_in "notification"' -s h -l help -d 'display help for command'

# tix notification list
complete -c tix -n '__tix_in "notification list"' -l json -d 'print JSON (fields: email, level, language, languageSource, subscriptions)'
complete -c tix -n '__tix_in "notification list"' -s h -l help -d 'display help for command'

# tix notification set
complete -c tix -n '__tix_in "notification set"' -l lang -x -d 'the language of your e-mails'
complete -c tix -n '__tix_in "notification set"' -l lang -x -a 'en fr'
complete -c tix -n '__tix_in "notification set"' -l json -d 'print JSON (fields: email, level, language, languageSource)'
complete -c tix -n '__tix_in "notification set"' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "notification set" "1"' -x -a 'all mine none'

# tix settings
complete -c tix -n '__tix_cmd "settings"' -a 'list' -d 'Show your organisation\'s settings'
complete -c tix -n '__tix_cmd "settings"' -a 'set' -d 'Change an organisation setting (the company\'s administrators)'
complete -c tix -n '__tix_in "settings"' -s h -l help -d 'display help for command'

# tix settings list
complete -c tix -n '__tix_in "settings list"' -l company -x -d 'the company (support agents)'
complete -c tix -n '__tix_in "settings list"' -l json -d 'print JSON (fields: company, markRead, language)'
complete -c tix -n '__tix_in "settings list"' -s h -l help -d 'display help for command'

# tix settings set
complete -c tix -n '__tix_in "settings set"' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "settings set" "1"' -x -a 'mark-read language'
complete -c tix -n '__tix_arg "settings set" "2" "1" "mark-read"' -x -a 'manual on-open'
complete -c tix -n '__tix_arg "settings set" "2" "1" "language"' -x -a 'en fr'

# tix contact
complete -c tix -n '__tix_cmd "contact"' -a 'list' -d 'List the company\'s contacts, by type'
complete -c tix -n '__tix_cmd "contact"' -a 'add' -d 'Add a contact (administrators): prompts on a terminal for what is missing'
complete -c tix -n '__tix_cmd "contact"' -a 'edit' -d 'Change a contact (administrators): name, phone, addresses; prompts on a terminal when no flag is given'
complete -c tix -n '__tix_cmd "contact"' -a 'remove' -d 'Remove a contact (administrators): asks to confirm on a terminal, needs --yes otherwise'
complete -c tix -n '__tix_cmd "contact"' -a 'apply' -d 'Make the company\'s contacts those of a file (administrators): shows the plan, then applies it all or nothing'
complete -c tix -n '__tix_in "contact"' -s h -l help -d 'display help for command'

# tix contact list
complete -c tix -n '__tix_in "contact list"' -l type -x -d 'only this type: commercial, accounting, technical, fraud, chargebacks'
complete -c tix -n '__tix_in "contact list"' -l type -x -a 'commercial accounting technical fraud chargebacks'
complete -c tix -n '__tix_in "contact list"' -l company -x -d 'the company\'s SIREN (support agents; administrators see their own company)'
complete -c tix -n '__tix_in "contact list"' -l json -d 'print JSON (fields: id, type, name, emails, phone, createdAt, updatedAt)'
complete -c tix -n '__tix_in "contact list"' -s h -l help -d 'display help for command'

# tix contact add
complete -c tix -n '__tix_in "contact add"' -l type -x -d 'what the contact receives: commercial, accounting, technical, fraud, chargebacks'
complete -c tix -n '__tix_in "contact add"' -l type -x -a 'commercial accounting technical fraud chargebacks'
complete -c tix -n '__tix_in "contact add"' -l name -x -d 'a person or a team, e.g. "Ops team"'
complete -c tix -n '__tix_in "contact add"' -l email -x -d 'an e-mail address; repeat or separate with commas for several (group addresses welcome)'
complete -c tix -n '__tix_in "contact add"' -l phone -x -d 'in international form, e.g. "+33 6 12 34 56 78" (stored as +33612345678)'
complete -c tix -n '__tix_in "contact add"' -l json -d 'print the new contact as JSON (fields: id, type, name, emails, phone, createdAt, updatedAt)'
complete -c tix -n '__tix_in "contact add"' -s h -l help -d 'display help for command'

# tix contact edit
complete -c tix -n '__tix_in "contact edit"' -l name -x -d 'a new name'
complete -c tix -n '__tix_in "contact edit"' -l phone -x -d 'a new phone in international form, e.g. "+33 6 12 34 56 78"; \'\' removes it'
complete -c tix -n '__tix_in "contact edit"' -l clear-phone -d 'remove the phone'
complete -c tix -n '__tix_in "contact edit"' -l add-email -x -d 'add an address (repeatable; commas separate several)'
complete -c tix -n '__tix_in "contact edit"' -l remove-email -x -d 'remove an address (repeatable); a contact keeps at least one'
complete -c tix -n '__tix_in "contact edit"' -l json -d 'print the changed contact as JSON (fields: id, type, name, emails, phone, createdAt, updatedAt)'
complete -c tix -n '__tix_in "contact edit"' -s h -l help -d 'display help for command'

# tix contact remove
complete -c tix -n '__tix_in "contact remove"' -s y -l yes -d 'remove without asking'
complete -c tix -n '__tix_in "contact remove"' -s h -l help -d 'display help for command'

# tix contact apply
complete -c tix -n '__tix_in "contact apply"' -s f -l file -r -F -d 'the contacts, as JSON: {"contacts": [{"type", "name", "emails", "phone"}]} or a bare array; - for standard input'
complete -c tix -n '__tix_in "contact apply"' -l dry-run -d 'show the plan and change nothing'
complete -c tix -n '__tix_in "contact apply"' -s y -l yes -d 'apply without asking (needed without a terminal when the plan removes contacts)'
complete -c tix -n '__tix_in "contact apply"' -l json -d 'print the plan and the outcome as JSON (fields: plan, applied, fingerprint)'
complete -c tix -n '__tix_in "contact apply"' -s h -l help -d 'display help for command'

# tix config
complete -c tix -n '__tix_cmd "config"' -a 'list' -d 'List the preferences and their values (a default when unset)'
complete -c tix -n '__tix_cmd "config"' -a 'get' -d 'Print a preference: its value, else its default, else nothing (exit 0)'
complete -c tix -n '__tix_cmd "config"' -a 'set' -d 'Set a preference in config.json (checked against its allowed values)'
complete -c tix -n '__tix_cmd "config"' -a 'unset' -d 'Remove a preference from config.json: its default applies again'
complete -c tix -n '__tix_in "config"' -s h -l help -d 'display help for command'

# tix config list
complete -c tix -n '__tix_in "config list"' -l json -d 'print JSON, one field per key, null when unset without a default (fields: profile, editor, pager, color, output, lang)'
complete -c tix -n '__tix_in "config list"' -s h -l help -d 'display help for command'

# tix config get
complete -c tix -n '__tix_in "config get"' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "config get" "1"' -x -a 'profile' -d 'the profile used when neither --profile nor TIX_PROFILE is given'
complete -c tix -n '__tix_arg "config get" "1"' -x -a 'editor' -d 'editor for long text on a terminal (before VISUAL and EDITOR)'
complete -c tix -n '__tix_arg "config get" "1"' -x -a 'pager' -d 'pager for long output on a terminal (after TIX_PAGER, before PAGER); "cat" turns paging off'
complete -c tix -n '__tix_arg "config get" "1"' -x -a 'color' -d 'colour: auto (on terminals), always (also when piped), never; NO_COLOR and CLICOLOR_FORCE still win'
complete -c tix -n '__tix_arg "config get" "1"' -x -a 'output' -d 'json: every command that takes --json prints JSON (all fields) as if --json was given'
complete -c tix -n '__tix_arg "config get" "1"' -x -a 'lang' -d 'language people read: en or fr (after TIX_LANG, before LC_ALL, LC_MESSAGES and LANG); unset: from the environment'

# tix config set
complete -c tix -n '__tix_in "config set"' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "config set" "1"' -x -a 'profile' -d 'the profile used when neither --profile nor TIX_PROFILE is given'
complete -c tix -n '__tix_arg "config set" "1"' -x -a 'editor' -d 'editor for long text on a terminal (before VISUAL and EDITOR)'
complete -c tix -n '__tix_arg "config set" "1"' -x -a 'pager' -d 'pager for long output on a terminal (after TIX_PAGER, before PAGER); "cat" turns paging off'
complete -c tix -n '__tix_arg "config set" "1"' -x -a 'color' -d 'colour: auto (on terminals), always (also when piped), never; NO_COLOR and CLICOLOR_FORCE still win'
complete -c tix -n '__tix_arg "config set" "1"' -x -a 'output' -d 'json: every command that takes --json prints JSON (all fields) as if --json was given'
complete -c tix -n '__tix_arg "config set" "1"' -x -a 'lang' -d 'language people read: en or fr (after TIX_LANG, before LC_ALL, LC_MESSAGES and LANG); unset: from the environment'
complete -c tix -n '__tix_arg "config set" "2" "1" "profile"' -x -a '(__tix_dynamic profiles)'
complete -c tix -n '__tix_arg "config set" "2" "1" "color"' -x -a 'auto always never'
complete -c tix -n '__tix_arg "config set" "2" "1" "output"' -x -a 'auto json'
complete -c tix -n '__tix_arg "config set" "2" "1" "lang"' -x -a 'en fr'

# tix config unset
complete -c tix -n '__tix_in "config unset"' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "config unset" "1"' -x -a 'profile' -d 'the profile used when neither --profile nor TIX_PROFILE is given'
complete -c tix -n '__tix_arg "config unset" "1"' -x -a 'editor' -d 'editor for long text on a terminal (before VISUAL and EDITOR)'
complete -c tix -n '__tix_arg "config unset" "1"' -x -a 'pager' -d 'pager for long output on a terminal (after TIX_PAGER, before PAGER); "cat" turns paging off'
complete -c tix -n '__tix_arg "config unset" "1"' -x -a 'color' -d 'colour: auto (on terminals), always (also when piped), never; NO_COLOR and CLICOLOR_FORCE still win'
complete -c tix -n '__tix_arg "config unset" "1"' -x -a 'output' -d 'json: every command that takes --json prints JSON (all fields) as if --json was given'
complete -c tix -n '__tix_arg "config unset" "1"' -x -a 'lang' -d 'language people read: en or fr (after TIX_LANG, before LC_ALL, LC_MESSAGES and LANG); unset: from the environment'

# tix inbox
complete -c tix -n '__tix_in "inbox"' -l by -x -d 'group by establishment or type'
complete -c tix -n '__tix_in "inbox"' -l by -x -a 'establishment type'
complete -c tix -n '__tix_in "inbox"' -l limit -x -d 'tickets shown, in all or per group (default 30, or 10 per group)'
complete -c tix -n '__tix_in "inbox"' -l all -d 'every ticket with unread messages, not only the newest'
complete -c tix -n '__tix_in "inbox"' -l json -d 'print JSON: { total, items, groups }'
complete -c tix -n '__tix_in "inbox"' -s h -l help -d 'display help for command'

# tix api
complete -c tix -n '__tix_in "api"' -s X -l method -x -d 'HTTP method (default: GET, or POST with --field or --input unless --paginate)'
complete -c tix -n '__tix_in "api"' -s X -l method -x -a 'GET POST PUT PATCH DELETE HEAD'
complete -c tix -n '__tix_in "api"' -s f -l field -x -d 'a parameter (repeatable): a JSON body field, or a query parameter for GET and with --input; true, false, null and numbers become JSON values'
complete -c tix -n '__tix_in "api"' -s H -l header -x -d 'an HTTP header, "Name: value" (repeatable)'
complete -c tix -n '__tix_in "api"' -l input -r -F -d 'the request body, sent as is, from a file or - for standard input'
complete -c tix -n '__tix_in "api"' -l paginate -d 'follow nextCursor and print the items of every page as one JSON array (GET)'
complete -c tix -n '__tix_in "api"' -s i -l include -d 'print the status line and the response headers to stderr'
complete -c tix -n '__tix_in "api"' -s h -l help -d 'display help for command'

# tix completion
complete -c tix -n '__tix_in "completion"' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "completion" "1"' -x -a 'bash zsh fish'

# tix version
complete -c tix -n '__tix_in "version"' -l server -d 'also ask the configured server for its version and API version'
complete -c tix -n '__tix_in "version"' -l json -d 'print JSON (fields: client, server)'
complete -c tix -n '__tix_in "version"' -s h -l help -d 'display help for command'

# tix help
complete -c tix -n '__tix_in "help"' -l json -d 'print the command tree as JSON for tools: commands, arguments, options, examples, and (when logged in) the request-type schemas'
complete -c tix -n '__tix_in "help"' -s h -l help -d 'display help for command'
complete -c tix -n '__tix_arg "help" "1+"' -x -a 'exit-codes environment serve auth token establishment type ticket notification settings contact config inbox api completion version help'
