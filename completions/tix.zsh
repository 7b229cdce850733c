#compdef tix
# zsh completion for tix: generated from the command tree by `tix completion zsh`; do not edit
# (npm run completions).
#
# Load it from ~/.zshrc, after compinit:
#   source <(tix completion zsh)
# or install it as _tix in a directory of your fpath, before compinit runs:
#   tix completion zsh > "${fpath[1]}/_tix"

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

# _tix_commands PATH: reply (name:description) is the subcommands of PATH
_tix_commands_en() {
  case "$1" in
    '') reply=('serve:Run the reference support backend (SQLite by default; PostgreSQL for several instances)' 'auth:Log in and out, show who you are' 'token:Personal access tokens for CI and scripts' 'establishment:Establishments you administer' 'type:The request types and their forms' 'ticket:File, list, read and answer support requests' 'notification:The e-mails tix serve sends you about tickets: how many, in which language' 'settings:Organisation settings (when messages count as read, the contacts'\'' e-mail language)' 'contact:The account'\''s contacts by type: commercial, accounting, technical, fraud, chargebacks' 'config:Local preferences: default profile, editor, pager, colour, output format, language' 'inbox:Tickets with messages you have not read, newest first, with counts (grouped with --by)' 'api:Make an authenticated request to the helpdesk'\''s API and print the answer (JSON pretty-printed on a terminal)' 'completion:Print the shell completion script for bash, zsh or fish (also in completions/)' 'version:Print tix'\''s version, and with --server the configured server'\''s' 'help:Help on a command, or on a topic: exit-codes, environment') ;;
    'auth') reply=('login:Log in to a helpdesk (tix serve by default) and keep the token in the OS keychain' 'logout:Revoke the session on the server and forget the stored token' 'status:Show the server and its provider, the account, establishments and where the token comes from' 'token:Print the token tix uses, for scripts') ;;
    'token') reply=('create:Create a personal access token for CI and scripts (printed once)' 'list:List your personal access tokens' 'revoke:Revoke one of your personal access tokens at once') ;;
    'establishment') reply=('list:List the establishments you administer') ;;
    'type') reply=('list:List the request types, by category' 'view:Show a request type'\''s form: every field, its kind, whether it is required, and its flag') ;;
    'ticket') reply=('create:File a request: prompts on a terminal, flags or JSON in scripts' 'list:List tickets, newest activity first, with filters' 'view:Show a ticket: status, establishment, creator, form values, then the conversation' 'reply:Answer a ticket (any status but closed); opens your editor on a terminal when no body is given' 'resolve:Mark a ticket resolved (it closes by itself after a while; a reply reopens it)' 'close:Close a ticket for good (support agents)' 'reopen:Reopen a resolved ticket (agents may also reopen a closed one)' 'read:Mark messages read: one ticket (up to a message), or every ticket matching filters with --all' 'unread:Mark the latest message from someone else unread again, to come back to it' 'watch:Wait for new messages on a ticket (or in your inbox) and print them as they arrive' 'download:Save a ticket'\''s attachments' 'subscribe:Receive a ticket'\''s e-mail notifications, even one you never wrote on (with the level mine or all)' 'unsubscribe:Stop a ticket'\''s e-mail notifications, whatever your level; applies to e-mails not sent yet') ;;
    'notification') reply=('list:Show which e-mail notifications you receive, in which language, and the tickets you subscribed to' 'set:Choose how much e-mail you receive about tickets (all, mine or none) and in which language') ;;
    'settings') reply=('list:Show your organisation'\''s settings' 'set:Change an organisation setting (the company'\''s administrators)') ;;
    'contact') reply=('list:List the company'\''s contacts, by type' 'add:Add a contact (administrators): prompts on a terminal for what is missing' 'edit:Change a contact (administrators): name, phone, addresses; prompts on a terminal when no flag is given' 'remove:Remove a contact (administrators): asks to confirm on a terminal, needs --yes otherwise' 'apply:Make the company'\''s contacts those of a file (administrators): shows the plan, then applies it all or nothing') ;;
    'config') reply=('list:List the preferences and their values (a default when unset)' 'get:Print a preference: its value, else its default, else nothing (exit 0)' 'set:Set a preference in config.json (checked against its allowed values)' 'unset:Remove a preference from config.json: its default applies again') ;;
    *) reply=() ;;
  esac
}

# _tix_options PATH: reply (name:description) is the options of PATH
_tix_options_en() {
  case "$1" in
    '') reply=('-v:print the version' '--version:print the version' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)' '-h:display help for command' '--help:display help for command') ;;
    'serve') reply=('--host:address to listen on' '--port:port to listen on (0 picks a free one)' '--db:SQLite file, :memory:, or postgres://user@host:port/db (default: $TIX_DATABASE_URL, else $XDG_DATA_HOME/tix/tix.db)' '--demo:load the demo organisation (adds nothing twice)' '--seed:load an organisation from a JSON file' '--catalog:use the request-type catalog in this JSON file instead of the built-in one' '--auto-close-after:close resolved tickets after this long' '--log:log one line per request to stderr' '--public-url:the address people reach this server at, for ticket links (default: http://HOST:PORT)' '--smtp:send notification e-mails through this SMTP server: smtp://host:port (default: $TIX_SMTP_URL)' '--mail-from:the sender of notification e-mails (default: tix <noreply@HOST of the public URL>)' '-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'auth') reply=('-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'auth login') reply=('--provider:the helpdesk behind the server: tix, rt, jira-sm, zendesk (default: the profile'\''s, else tix)' '--server:server URL (default: the profile'\''s, else http://127.0.0.1:8787)' '--email:account e-mail' '--password-stdin:read the password from standard input' '--with-token:read a token (e.g. a personal access token) from standard input instead of logging in with a password' '--insecure-storage:store the token in a plain-text file (mode 0600) instead of the OS keychain' '--service-desk:the service desk to work in: its project key (SD) or id; needed when you can reach more than one (jira-sm; kept in the profile; TIX_SERVICE_DESK overrides it)' '-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'auth logout') reply=('-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'auth status') reply=('--json:print JSON (fields: server, provider, profile, user, company, establishments, tokenSource, token)' '-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'auth token') reply=('-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'token') reply=('-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'token create') reply=('--name:what the token is for, e.g. ci-incidents' '--expires-in:lifetime: 30m, 12h, 90d, 6w or 1y (m minutes, h hours, d days, w weeks, y years); at most 366 days' '--scope:what it may do: tickets:read, tickets:write, contacts:read, contacts:write, settings:read, settings:write' '--json:print JSON (fields: token, id, name, prefix, scopes, createdAt, expiresAt, lastUsedAt, revokedAt)' '-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'token list') reply=('--json:print JSON (fields: id, name, prefix, scopes, createdAt, expiresAt, lastUsedAt, revokedAt)' '-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'token revoke') reply=('-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'establishment') reply=('-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'establishment list') reply=('--json:print JSON (fields: siret, siren, name)' '-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'type') reply=('-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'type list') reply=('--category:only this category' '--json:print JSON (fields: id, category, label, description, example, irreversible, fields)' '-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'type view') reply=('--json:print the type and its form schema as JSON (fields: id, category, label, description, example, irreversible, fields)' '-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'ticket') reply=('-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'ticket create') reply=('--type:request type (tix type list)' '--establishment:establishment: its SIRET or its name (not needed when you administer only one)' '--summary:a concise title' '--description:what happens, steps, error messages' '--description-file:read the description from a file, or - for standard input' '--field:any form field (repeat for several; repeat a list field for several values)' '--attach:attach files (repeatable, or separated by commas; at most 10 files of 10 MiB)' '--idempotency-key:a retry with the same key returns the same ticket instead of filing a second one' '--from-json:read the whole request from a JSON file, or - for standard input (attachment paths are relative to the file)' '--follow-up:file a new ticket that follows up a closed one (its reference)' '--from-ci:add the CI run (URL, commit, branch, job) from GitHub Actions or GitLab CI to the description; a re-run of the same job files nothing new' '--dedupe:reply to an open ticket of the same type and establishment with the same summary instead of opening a new one' '--dry-run:print the request that would be sent, and send nothing' '--json:print the new ticket as JSON (fields: id, ref, status, statusCategory, type, category, summary, establishment, createdBy, onBehalfOf, createdAt, updatedAt, closedAt, autoClosed, unread, messageCount, fields, followUpOf, url)' '--web:once filed, open the ticket'\''s page in your browser (the web view is read-only: the request is filed here)' '--recover:reopen the request kept when the last one was not sent (answered No at the end, a network error, Ctrl-C while sending), its answers filled in' '-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'ticket list') reply=('--status:only these statuses: the helpdesk'\''s own (tix serve: sent, answered, open, resolved, closed) or categories (new, open, waiting, resolved, closed); repeat or separate with commas' '--type:only this request type' '--category:only this category' '--establishment:only this establishment: its SIRET, or its name (or a part of it only one of yours has)' '--author:only tickets opened by this person' '--mine:only tickets you opened' '--search:keywords in summaries and messages (accents ignored)' '--since:activity since a date (YYYY-MM-DD, RFC 3339) or a duration ago (7d, 12h)' '--unread:only tickets with messages you have not read' '--limit:at most this many tickets' '--all:every matching ticket, fetched page by page' '--json:print JSON (fields: id, ref, status, statusCategory, type, category, summary, establishment, createdBy, onBehalfOf, createdAt, updatedAt, closedAt, autoClosed, unread, messageCount, fields, followUpOf, url)' '--ndjson:print one JSON object per line, as pages arrive (same fields as --json)' '-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'ticket view') reply=('--no-mark-read:never mark the messages read, even when the organisation marks them read on opening' '--json:print JSON (fields: id, ref, status, statusCategory, type, category, summary, establishment, createdBy, onBehalfOf, createdAt, updatedAt, closedAt, autoClosed, unread, messageCount, fields, followUpOf, url, followUps, messages)' '--web:open the ticket'\''s page in your browser (BROWSER, else the system'\''s opener)' '-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'ticket reply') reply=('--body:the reply' '--body-file:read the reply from a file, or - for standard input' '--attach:attach files (repeatable, or separated by commas)' '--idempotency-key:a retry with the same key cannot post the reply twice' '--dry-run:print the reply that would be sent (as JSON) and send nothing' '--json:print JSON (fields: message, ticket)' '-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'ticket resolve') reply=('--json:print the ticket as JSON (fields: id, ref, status, statusCategory, type, category, summary, establishment, createdBy, onBehalfOf, createdAt, updatedAt, closedAt, autoClosed, unread, messageCount, fields, followUpOf, url)' '-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'ticket close') reply=('--json:print the ticket as JSON (fields: id, ref, status, statusCategory, type, category, summary, establishment, createdBy, onBehalfOf, createdAt, updatedAt, closedAt, autoClosed, unread, messageCount, fields, followUpOf, url)' '-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'ticket reopen') reply=('--json:print the ticket as JSON (fields: id, ref, status, statusCategory, type, category, summary, establishment, createdBy, onBehalfOf, createdAt, updatedAt, closedAt, autoClosed, unread, messageCount, fields, followUpOf, url)' '-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'ticket read') reply=('--message:only up to this message (from ticket view --json)' '--all:every ticket with unread messages matching the filters' '--status:only these statuses: the helpdesk'\''s own (tix serve: sent, answered, open, resolved, closed) or categories (new, open, waiting, resolved, closed); repeat or separate with commas' '--type:only this request type' '--category:only this category' '--establishment:only this establishment: its SIRET, or its name (or a part of it only one of yours has)' '--author:only tickets opened by this person' '--mine:only tickets you opened' '--search:keywords in summaries and messages (accents ignored)' '--since:activity since a date (YYYY-MM-DD, RFC 3339) or a duration ago (7d, 12h)' '--json:print JSON (fields: tickets, messages)' '-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'ticket unread') reply=('-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'ticket watch') reply=('--interval:time between checks (one request each; at least 1s)' '--timeout:give up after this long (exit 0 if something came meanwhile, else 8)' '--exit-on-reply:exit 0 at the first new reply' '-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'ticket download') reply=('--output:directory to save into (created if needed)' '--clobber:overwrite files that already exist' '-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'ticket subscribe') reply=('--json:print JSON (fields: ticketId, subscribed, receives, reason, level)' '-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'ticket unsubscribe') reply=('--json:print JSON (fields: ticketId, subscribed, receives, reason, level)' '-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'notification') reply=('-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'notification list') reply=('--json:print JSON (fields: email, level, language, languageSource, subscriptions)' '-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'notification set') reply=('--lang:the language of your e-mails' '--json:print JSON (fields: email, level, language, languageSource)' '-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'settings') reply=('-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'settings list') reply=('--company:the company'\''s SIREN (support agents)' '--json:print JSON (fields: company, markRead, language)' '-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'settings set') reply=('-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'contact') reply=('-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'contact list') reply=('--type:only this type: commercial, accounting, technical, fraud, chargebacks' '--company:the company'\''s SIREN (support agents; administrators see their own company)' '--json:print JSON (fields: id, type, name, emails, phone, createdAt, updatedAt)' '-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'contact add') reply=('--type:what the contact receives: commercial, accounting, technical, fraud, chargebacks' '--name:a person or a team, e.g. "Ops team"' '--email:an e-mail address; repeat or separate with commas for several (group addresses welcome)' '--phone:in international form, e.g. "+33 6 12 34 56 78" (stored as +33612345678)' '--json:print the new contact as JSON (fields: id, type, name, emails, phone, createdAt, updatedAt)' '-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'contact edit') reply=('--name:a new name' '--phone:a new phone in international form, e.g. "+33 6 12 34 56 78"; '\'''\'' removes it' '--clear-phone:remove the phone' '--add-email:add an address (repeatable; commas separate several)' '--remove-email:remove an address (repeatable); a contact keeps at least one' '--json:print the changed contact as JSON (fields: id, type, name, emails, phone, createdAt, updatedAt)' '-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'contact remove') reply=('-y:remove without asking' '--yes:remove without asking' '-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'contact apply') reply=('-f:the contacts, as JSON: {"contacts": [{"type", "name", "emails", "phone"}]} or a bare array; - for standard input' '--file:the contacts, as JSON: {"contacts": [{"type", "name", "emails", "phone"}]} or a bare array; - for standard input' '--dry-run:show the plan and change nothing' '-y:apply without asking (needed without a terminal when the plan removes contacts)' '--yes:apply without asking (needed without a terminal when the plan removes contacts)' '--json:print the plan and the outcome as JSON (fields: plan, applied, fingerprint)' '-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'config') reply=('-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'config list') reply=('--json:print JSON, one field per key, null when unset without a default (fields: profile, editor, pager, color, output, lang)' '-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'config get') reply=('-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'config set') reply=('-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'config unset') reply=('-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'inbox') reply=('--by:group by establishment or type' '--limit:tickets shown, in all or per group (default 30, or 10 per group)' '--all:every ticket with unread messages, not only the newest' '--json:print JSON: { total, items, groups }, each item with all its fields or those given (fields: id, ref, status, statusCategory, type, category, summary, establishment, createdBy, onBehalfOf, createdAt, updatedAt, closedAt, autoClosed, unread, messageCount, fields, followUpOf, url)' '-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'api') reply=('-X:HTTP method (default: GET, or POST with --field or --input unless --paginate)' '--method:HTTP method (default: GET, or POST with --field or --input unless --paginate)' '-f:a parameter (repeatable): a JSON body field, or a query parameter for GET and with --input; true, false, null and numbers become JSON values' '--field:a parameter (repeatable): a JSON body field, or a query parameter for GET and with --input; true, false, null and numbers become JSON values' '-H:an HTTP header, "Name: value" (repeatable)' '--header:an HTTP header, "Name: value" (repeatable)' '--input:the request body, sent as is, from a file or - for standard input' '--paginate:follow nextCursor and print the items of every page as one JSON array (GET)' '-i:print the status line and the response headers to stderr' '--include:print the status line and the response headers to stderr' '-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'completion') reply=('-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'version') reply=('--server:also ask the configured server for its version and API version' '--json:print JSON (fields: client, server)' '-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    'help') reply=('--json:print the command tree as JSON for tools: commands, arguments, options, examples, and (when logged in) the request-type schemas' '-h:display help for command' '--help:display help for command' '--profile:use another saved server/account (also TIX_PROFILE)' '--no-input:never prompt; missing input is an error (also TIX_NO_INPUT)') ;;
    *) reply=() ;;
  esac
}

# _tix_values PATH KEY: candidates for an option (KEY as typed) or the Nth argument (KEY is #N); 1 when there is no such argument
_tix_values_en() {
  case "$1/$2" in
    'serve/--db') _files ;;
    'serve/--seed') _files ;;
    'serve/--catalog') _files ;;
    'auth login/--provider') _tix_describe 'provider' 'tix' 'rt' 'jira-sm' 'zendesk' ;;
    'token create/--scope') _tix_describe 'scope' 'tickets\:read' 'tickets\:write' 'contacts\:read' 'contacts\:write' 'settings\:read' 'settings\:write' ;;
    'token revoke/#1') : ;;
    'type view/#1') _tix_dynamic types ;;
    'ticket create/--type') _tix_dynamic types ;;
    'ticket create/--establishment') _tix_dynamic establishments ;;
    'ticket create/--description-file') _files ;;
    'ticket create/--field') _tix_dynamic fields ;;
    'ticket create/--attach') _files ;;
    'ticket create/--from-json') _files ;;
    'ticket create/--follow-up') _tix_dynamic ticket-ids ;;
    'ticket list/--status') _tix_dynamic statuses ;;
    'ticket list/--type') _tix_dynamic types ;;
    'ticket list/--establishment') _tix_dynamic establishments ;;
    'ticket view/#1') _tix_dynamic ticket-ids ;;
    'ticket reply/--body-file') _files ;;
    'ticket reply/--attach') _files ;;
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
    'ticket download/--output') _files -/ ;;
    'ticket download/#1') _tix_dynamic ticket-ids ;;
    'ticket subscribe/#1') _tix_dynamic ticket-ids ;;
    'ticket unsubscribe/#1') _tix_dynamic ticket-ids ;;
    'notification set/--lang') _tix_describe 'lang' 'en' 'fr' ;;
    'notification set/#1') _tix_describe 'level' 'all' 'mine' 'none' ;;
    'settings set/#1') _tix_describe 'setting' 'mark-read' 'language' ;;
    'settings set/#2') case "${_tix_args[1]}" in 'mark-read') _tix_describe 'value' 'manual' 'on-open' ;; 'language') _tix_describe 'value' 'en' 'fr' ;; esac ;;
    'contact list/--type') _tix_describe 'type' 'commercial' 'accounting' 'technical' 'fraud' 'chargebacks' ;;
    'contact add/--type') _tix_describe 'type' 'commercial' 'accounting' 'technical' 'fraud' 'chargebacks' ;;
    'contact edit/#1') _tix_dynamic contact-ids ;;
    'contact remove/#1') _tix_dynamic contact-ids ;;
    'contact apply/-f'|'contact apply/--file') _files ;;
    'config get/#1') _tix_describe 'key' 'profile:the profile used when neither --profile nor TIX_PROFILE is given' 'editor:editor for long text on a terminal (before VISUAL and EDITOR)' 'pager:pager for long output on a terminal (after TIX_PAGER, before PAGER); "cat" turns paging off' 'color:colour: auto (on terminals), always (also when piped), never; NO_COLOR and CLICOLOR_FORCE still win' 'output:json: every command that takes --json prints JSON (all fields) as if --json was given' 'lang:language people read: en or fr (after TIX_LANG, before LC_ALL, LC_MESSAGES and LANG); unset: from the environment' ;;
    'config set/#1') _tix_describe 'key' 'profile:the profile used when neither --profile nor TIX_PROFILE is given' 'editor:editor for long text on a terminal (before VISUAL and EDITOR)' 'pager:pager for long output on a terminal (after TIX_PAGER, before PAGER); "cat" turns paging off' 'color:colour: auto (on terminals), always (also when piped), never; NO_COLOR and CLICOLOR_FORCE still win' 'output:json: every command that takes --json prints JSON (all fields) as if --json was given' 'lang:language people read: en or fr (after TIX_LANG, before LC_ALL, LC_MESSAGES and LANG); unset: from the environment' ;;
    'config set/#2') case "${_tix_args[1]}" in 'profile') _tix_dynamic profiles ;; 'color') _tix_describe 'value' 'auto' 'always' 'never' ;; 'output') _tix_describe 'value' 'auto' 'json' ;; 'lang') _tix_describe 'value' 'en' 'fr' ;; esac ;;
    'config unset/#1') _tix_describe 'key' 'profile:the profile used when neither --profile nor TIX_PROFILE is given' 'editor:editor for long text on a terminal (before VISUAL and EDITOR)' 'pager:pager for long output on a terminal (after TIX_PAGER, before PAGER); "cat" turns paging off' 'color:colour: auto (on terminals), always (also when piped), never; NO_COLOR and CLICOLOR_FORCE still win' 'output:json: every command that takes --json prints JSON (all fields) as if --json was given' 'lang:language people read: en or fr (after TIX_LANG, before LC_ALL, LC_MESSAGES and LANG); unset: from the environment' ;;
    'inbox/--by') _tix_describe 'by' 'establishment' 'type' ;;
    'api/-X'|'api/--method') _tix_describe 'method' 'GET' 'POST' 'PUT' 'PATCH' 'DELETE' 'HEAD' ;;
    'api/--input') _files ;;
    'api/#1') : ;;
    'completion/#1') _tix_describe 'shell' 'bash' 'zsh' 'fish' ;;
    'help/#'*) _tix_describe 'topic' 'exit-codes' 'environment' 'serve' 'auth' 'token' 'establishment' 'type' 'ticket' 'notification' 'settings' 'contact' 'config' 'inbox' 'api' 'completion' 'version' 'help' ;;
    *'/--profile') _tix_dynamic profiles ;;
    *) return 1 ;;
  esac
}

# _tix_commands PATH: reply (name:description) is the subcommands of PATH
_tix_commands_fr() {
  case "$1" in
    '') reply=('serve:Lancer le serveur de support de référence (SQLite par défaut ; PostgreSQL pour plusieurs instances)' 'auth:Se connecter, se déconnecter, savoir qui vous êtes' 'token:Jetons d'\''accès personnels pour la CI et les scripts' 'establishment:Les établissements que vous administrez' 'type:Les types de demande et leurs formulaires' 'ticket:Envoyer, lister, lire les demandes au support et y répondre' 'notification:Les e-mails que tix serve vous envoie sur les demandes : combien, en quelle langue' 'settings:Paramètres de l'\''organisation (quand un message compte comme lu, la langue des e-mails aux contacts)' 'contact:Les contacts du compte par type : commercial, comptable, technique, fraude, litiges' 'config:Préférences locales : profil par défaut, éditeur, pager, couleur, format de sortie, langue' 'inbox:Les demandes qui ont des messages non lus, les plus récentes d’abord, avec leur nombre (regroupées avec --by)' 'api:Envoyer une requête authentifiée à l'\''API de l'\''outil de support et afficher la réponse (JSON mis en forme sur un terminal)' 'completion:Afficher le script de complétion pour bash, zsh ou fish (aussi dans completions/)' 'version:Afficher la version de tix, et avec --server celle du serveur configuré' 'help:Aide sur une commande, ou sur un sujet : exit-codes, environment') ;;
    'auth') reply=('login:Se connecter à un outil de support (tix serve par défaut) et garder le jeton dans le trousseau du système' 'logout:Révoquer la session sur le serveur et oublier le jeton enregistré' 'status:Afficher le serveur et son fournisseur, le compte, les établissements et l'\''origine du jeton' 'token:Afficher le jeton utilisé par tix, pour les scripts') ;;
    'token') reply=('create:Créer un jeton d'\''accès personnel pour la CI et les scripts (affiché une seule fois)' 'list:Lister vos jetons d'\''accès personnels' 'revoke:Révoquer immédiatement l'\''un de vos jetons d'\''accès personnels') ;;
    'establishment') reply=('list:Lister les établissements que vous administrez') ;;
    'type') reply=('list:Lister les types de demande, par catégorie' 'view:Afficher le formulaire d'\''un type de demande : chaque champ, sa nature, s'\''il est obligatoire, et son option') ;;
    'ticket') reply=('create:Déposer une demande : questions sur un terminal, options ou JSON dans les scripts' 'list:Lister les demandes, les plus récemment actives d'\''abord, avec des filtres' 'view:Afficher une demande : statut, établissement, auteur, valeurs du formulaire, puis la conversation' 'reply:Répondre à une demande (sauf clôturée) ; ouvre votre éditeur sur un terminal quand aucun texte n'\''est donné' 'resolve:Marquer une demande résolue (elle se clôture d'\''elle-même après un temps ; une réponse la rouvre)' 'close:Clôturer une demande définitivement (agents du support)' 'reopen:Rouvrir une demande résolue (les agents peuvent aussi rouvrir une demande clôturée)' 'read:Marquer des messages comme lus : une demande (jusqu’à un message), ou toutes celles qui correspondent aux filtres avec --all' 'unread:Marquer de nouveau non lu le dernier message d'\''une autre personne, pour y revenir' 'watch:Attendre les nouveaux messages sur une demande (ou dans votre boîte de réception) et les afficher à leur arrivée' 'download:Enregistrer les pièces jointes d'\''une demande' 'subscribe:Recevoir les notifications par e-mail d’une demande, même sans y avoir écrit (avec le niveau mine ou all)' 'unsubscribe:Ne plus recevoir les notifications par e-mail d’une demande, quel que soit votre niveau ; vaut pour les e-mails pas encore envoyés') ;;
    'notification') reply=('list:Afficher les notifications par e-mail que vous recevez, en quelle langue, et les demandes auxquelles vous êtes abonné' 'set:Choisir combien d’e-mails vous recevez sur les demandes (all, mine ou none) et en quelle langue') ;;
    'settings') reply=('list:Afficher les paramètres de votre organisation' 'set:Modifier un paramètre de l'\''organisation (administrateurs de l'\''entreprise)') ;;
    'contact') reply=('list:Lister les contacts de l'\''entreprise, par type' 'add:Ajouter un contact (administrateurs) : sur un terminal, demande ce qui manque' 'edit:Modifier un contact (administrateurs) : nom, téléphone, adresses ; sur un terminal, sans option, demande les modifications' 'remove:Supprimer un contact (administrateurs) : demande confirmation sur un terminal, exige --yes sinon' 'apply:Faire des contacts de l'\''entreprise ceux d'\''un fichier (administrateurs) : montre le plan, puis l'\''applique en entier ou pas du tout') ;;
    'config') reply=('list:Lister les préférences et leurs valeurs (la valeur par défaut quand elles ne sont pas définies)' 'get:Afficher une préférence : sa valeur, sinon sa valeur par défaut, sinon rien (code de sortie 0)' 'set:Définir une préférence dans config.json (vérifiée selon ses valeurs permises)' 'unset:Retirer une préférence de config.json : sa valeur par défaut s’applique à nouveau') ;;
    *) reply=() ;;
  esac
}

# _tix_options PATH: reply (name:description) is the options of PATH
_tix_options_fr() {
  case "$1" in
    '') reply=('-v:afficher la version' '--version:afficher la version' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)' '-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande') ;;
    'serve') reply=('--host:adresse sur laquelle écouter' '--port:port sur lequel écouter (0 en choisit un libre)' '--db:fichier SQLite, :memory:, ou postgres://user@hôte:port/base (par défaut : $TIX_DATABASE_URL, sinon $XDG_DATA_HOME/tix/tix.db)' '--demo:charger l'\''organisation de démonstration (n'\''ajoute rien deux fois)' '--seed:charger une organisation depuis un fichier JSON' '--catalog:utiliser le catalogue de types de demande de ce fichier JSON au lieu du catalogue intégré' '--auto-close-after:clôturer les demandes résolues après ce délai' '--log:écrire une ligne par requête sur stderr' '--public-url:l'\''adresse à laquelle on joint ce serveur, pour les liens des demandes (par défaut : http://HÔTE:PORT)' '--smtp:envoyer les e-mails de notification par ce serveur SMTP : smtp://hôte:port (par défaut : $TIX_SMTP_URL)' '--mail-from:l'\''expéditeur des e-mails de notification (par défaut : tix <noreply@HÔTE de l'\''adresse publique>)' '-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'auth') reply=('-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'auth login') reply=('--provider:l'\''outil de support derrière le serveur : tix, rt, jira-sm, zendesk (par défaut : celui du profil, sinon tix)' '--server:adresse du serveur (par défaut : celle du profil, sinon http://127.0.0.1:8787)' '--email:adresse e-mail du compte' '--password-stdin:lire le mot de passe sur l'\''entrée standard' '--with-token:lire un jeton (par exemple un jeton d'\''accès personnel) sur l'\''entrée standard au lieu de se connecter avec un mot de passe' '--insecure-storage:garder le jeton dans un fichier en clair (mode 0600) au lieu du trousseau du système' '--service-desk:le centre de services où travailler : la clé (SD) ou l'\''identifiant de son projet ; nécessaire quand vous en atteignez plusieurs (jira-sm ; gardé dans le profil ; TIX_SERVICE_DESK le remplace)' '-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'auth logout') reply=('-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'auth status') reply=('--json:afficher en JSON (champs : server, provider, profile, user, company, establishments, tokenSource, token)' '-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'auth token') reply=('-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'token') reply=('-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'token create') reply=('--name:à quoi sert le jeton, par exemple ci-incidents' '--expires-in:durée de vie : 30m, 12h, 90d, 6w ou 1y (m minutes, h heures, d ou j jours, w semaines, y années) ; 366 jours au plus' '--scope:ce que le jeton permet : tickets:read, tickets:write, contacts:read, contacts:write, settings:read, settings:write' '--json:afficher en JSON (champs : token, id, name, prefix, scopes, createdAt, expiresAt, lastUsedAt, revokedAt)' '-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'token list') reply=('--json:afficher en JSON (champs : id, name, prefix, scopes, createdAt, expiresAt, lastUsedAt, revokedAt)' '-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'token revoke') reply=('-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'establishment') reply=('-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'establishment list') reply=('--json:afficher en JSON (champs : siret, siren, name)' '-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'type') reply=('-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'type list') reply=('--category:seulement cette catégorie' '--json:afficher en JSON (champs : id, category, label, description, example, irreversible, fields)' '-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'type view') reply=('--json:afficher le type et le schéma de son formulaire en JSON (champs : id, category, label, description, example, irreversible, fields)' '-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'ticket') reply=('-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'ticket create') reply=('--type:type de demande (tix type list)' '--establishment:établissement : son SIRET ou son nom (inutile si vous n'\''en administrez qu'\''un)' '--summary:un titre concis' '--description:ce qui se passe, les étapes, les messages d'\''erreur' '--description-file:lire la description dans un fichier, ou - pour l'\''entrée standard' '--field:n'\''importe quel champ du formulaire (répétez pour plusieurs ; répétez un champ liste pour plusieurs valeurs)' '--attach:joindre des fichiers (option répétable, ou séparés par des virgules ; 10 fichiers de 10 Mio au plus)' '--idempotency-key:une nouvelle tentative avec la même clé renvoie la même demande au lieu d'\''en déposer une seconde' '--from-json:lire toute la demande dans un fichier JSON, ou - pour l'\''entrée standard (les chemins des pièces jointes partent du dossier du fichier)' '--follow-up:déposer une nouvelle demande qui fait suite à une demande clôturée (sa référence)' '--from-ci:ajouter à la description l'\''exécution de CI (URL, commit, branche, job) de GitHub Actions ou GitLab CI ; relancer le même job ne dépose rien de nouveau' '--dedupe:répondre à une demande ouverte du même type et du même établissement ayant le même résumé au lieu d'\''en ouvrir une nouvelle' '--dry-run:afficher la demande qui serait envoyée, sans rien envoyer' '--json:afficher la nouvelle demande en JSON (champs : id, ref, status, statusCategory, type, category, summary, establishment, createdBy, onBehalfOf, createdAt, updatedAt, closedAt, autoClosed, unread, messageCount, fields, followUpOf, url)' '--web:une fois déposée, ouvrir la page de la demande dans votre navigateur (la vue web est en lecture seule : la demande se dépose ici)' '--recover:rouvrir la demande gardée quand la dernière n'\''a pas été envoyée (Non à la fin, une erreur réseau, Ctrl-C pendant l'\''envoi), ses réponses déjà remplies' '-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'ticket list') reply=('--status:seulement ces statuts : ceux du support (tix serve : sent, answered, open, resolved, closed) ou des catégories (new, open, waiting, resolved, closed) ; répétez l’option ou séparez par des virgules' '--type:seulement ce type de demande' '--category:seulement cette catégorie' '--establishment:seulement cet établissement : son SIRET, ou son nom (ou une partie que lui seul porte parmi les vôtres)' '--author:seulement les demandes ouvertes par cette personne' '--mine:seulement les demandes que vous avez ouvertes' '--search:mots-clés dans les résumés et les messages (accents ignorés)' '--since:activité depuis une date (AAAA-MM-JJ, RFC 3339) ou depuis une durée (7d, 12h)' '--unread:seulement les demandes qui ont des messages non lus' '--limit:au plus ce nombre de demandes' '--all:toutes les demandes correspondantes, récupérées page par page' '--json:afficher en JSON (champs : id, ref, status, statusCategory, type, category, summary, establishment, createdBy, onBehalfOf, createdAt, updatedAt, closedAt, autoClosed, unread, messageCount, fields, followUpOf, url)' '--ndjson:afficher un objet JSON par ligne, à mesure que les pages arrivent (mêmes champs que --json)' '-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'ticket view') reply=('--no-mark-read:ne jamais marquer les messages comme lus, même si l'\''organisation les marque lus à l'\''ouverture' '--json:afficher en JSON (champs : id, ref, status, statusCategory, type, category, summary, establishment, createdBy, onBehalfOf, createdAt, updatedAt, closedAt, autoClosed, unread, messageCount, fields, followUpOf, url, followUps, messages)' '--web:ouvrir la page de la demande dans votre navigateur (BROWSER, sinon celui du système)' '-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'ticket reply') reply=('--body:la réponse' '--body-file:lire la réponse dans un fichier, ou - pour l'\''entrée standard' '--attach:joindre des fichiers (option répétable, ou séparés par des virgules)' '--idempotency-key:une nouvelle tentative avec la même clé ne peut pas publier la réponse deux fois' '--dry-run:afficher la réponse qui serait envoyée (en JSON) sans rien envoyer' '--json:afficher en JSON (champs : message, ticket)' '-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'ticket resolve') reply=('--json:afficher la demande en JSON (champs : id, ref, status, statusCategory, type, category, summary, establishment, createdBy, onBehalfOf, createdAt, updatedAt, closedAt, autoClosed, unread, messageCount, fields, followUpOf, url)' '-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'ticket close') reply=('--json:afficher la demande en JSON (champs : id, ref, status, statusCategory, type, category, summary, establishment, createdBy, onBehalfOf, createdAt, updatedAt, closedAt, autoClosed, unread, messageCount, fields, followUpOf, url)' '-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'ticket reopen') reply=('--json:afficher la demande en JSON (champs : id, ref, status, statusCategory, type, category, summary, establishment, createdBy, onBehalfOf, createdAt, updatedAt, closedAt, autoClosed, unread, messageCount, fields, followUpOf, url)' '-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'ticket read') reply=('--message:seulement jusqu'\''à ce message (voir ticket view --json)' '--all:toutes les demandes avec des messages non lus qui correspondent aux filtres' '--status:seulement ces statuts : ceux du support (tix serve : sent, answered, open, resolved, closed) ou des catégories (new, open, waiting, resolved, closed) ; répétez l’option ou séparez par des virgules' '--type:seulement ce type de demande' '--category:seulement cette catégorie' '--establishment:seulement cet établissement : son SIRET, ou son nom (ou une partie que lui seul porte parmi les vôtres)' '--author:seulement les demandes ouvertes par cette personne' '--mine:seulement les demandes que vous avez ouvertes' '--search:mots-clés dans les résumés et les messages (accents ignorés)' '--since:activité depuis une date (AAAA-MM-JJ, RFC 3339) ou depuis une durée (7d, 12h)' '--json:afficher en JSON (champs : tickets, messages)' '-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'ticket unread') reply=('-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'ticket watch') reply=('--interval:intervalle entre deux vérifications (une requête chacune ; au moins 1s)' '--timeout:abandonner au bout de cette durée (code 0 si quelque chose est arrivé entre-temps, sinon 8)' '--exit-on-reply:terminer (code 0) à la première nouvelle réponse' '-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'ticket download') reply=('--output:dossier où enregistrer (créé s'\''il le faut)' '--clobber:remplacer les fichiers qui existent déjà' '-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'ticket subscribe') reply=('--json:afficher en JSON (champs : ticketId, subscribed, receives, reason, level)' '-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'ticket unsubscribe') reply=('--json:afficher en JSON (champs : ticketId, subscribed, receives, reason, level)' '-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'notification') reply=('-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'notification list') reply=('--json:afficher en JSON (champs : email, level, language, languageSource, subscriptions)' '-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'notification set') reply=('--lang:la langue de vos e-mails' '--json:afficher en JSON (champs : email, level, language, languageSource)' '-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'settings') reply=('-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'settings list') reply=('--company:le SIREN de l'\''entreprise (agents du support)' '--json:afficher en JSON (champs : company, markRead, language)' '-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'settings set') reply=('-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'contact') reply=('-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'contact list') reply=('--type:seulement ce type : commercial (Commercial), accounting (Comptable), technical (Technique), fraud (Fraude), chargebacks (Litiges)' '--company:le SIREN de l'\''entreprise (agents du support ; un administrateur voit sa propre entreprise)' '--json:afficher en JSON (champs : id, type, name, emails, phone, createdAt, updatedAt)' '-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'contact add') reply=('--type:ce que reçoit le contact : commercial (Commercial), accounting (Comptable), technical (Technique), fraud (Fraude), chargebacks (Litiges)' '--name:une personne ou une équipe, par exemple « Équipe technique »' '--email:une adresse e-mail ; répétez l’option ou séparez par des virgules pour en donner plusieurs (une adresse de groupe convient)' '--phone:au format international, par exemple « +33 6 12 34 56 78 » (enregistré comme +33612345678)' '--json:afficher le nouveau contact en JSON (champs : id, type, name, emails, phone, createdAt, updatedAt)' '-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'contact edit') reply=('--name:un nouveau nom' '--phone:un nouveau téléphone au format international, par exemple « +33 6 12 34 56 78 » ; '\'''\'' le retire' '--clear-phone:retirer le téléphone' '--add-email:ajouter une adresse (option répétable ; des virgules en séparent plusieurs)' '--remove-email:retirer une adresse (option répétable) ; un contact en garde au moins une' '--json:afficher le contact modifié en JSON (champs : id, type, name, emails, phone, createdAt, updatedAt)' '-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'contact remove') reply=('-y:supprimer sans demander' '--yes:supprimer sans demander' '-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'contact apply') reply=('-f:les contacts, en JSON : {"contacts": [{"type", "name", "emails", "phone"}]} ou un simple tableau ; - pour l'\''entrée standard' '--file:les contacts, en JSON : {"contacts": [{"type", "name", "emails", "phone"}]} ou un simple tableau ; - pour l'\''entrée standard' '--dry-run:montrer le plan sans rien modifier' '-y:appliquer sans demander (nécessaire sans terminal quand le plan supprime des contacts)' '--yes:appliquer sans demander (nécessaire sans terminal quand le plan supprime des contacts)' '--json:afficher le plan et le résultat en JSON (champs : plan, applied, fingerprint)' '-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'config') reply=('-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'config list') reply=('--json:afficher en JSON, un champ par clé, null quand elle n’est pas définie et n’a pas de valeur par défaut (champs : profile, editor, pager, color, output, lang)' '-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'config get') reply=('-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'config set') reply=('-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'config unset') reply=('-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'inbox') reply=('--by:regrouper par établissement (establishment) ou par type (type)' '--limit:demandes affichées, en tout ou par groupe (30 par défaut, ou 10 par groupe)' '--all:toutes les demandes qui ont des messages non lus, pas seulement les plus récentes' '--json:afficher en JSON : { total, items, groups }, chaque demande avec tous ses champs ou ceux donnés (champs : id, ref, status, statusCategory, type, category, summary, establishment, createdBy, onBehalfOf, createdAt, updatedAt, closedAt, autoClosed, unread, messageCount, fields, followUpOf, url)' '-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'api') reply=('-X:méthode HTTP (par défaut : GET, ou POST avec --field ou --input sauf avec --paginate)' '--method:méthode HTTP (par défaut : GET, ou POST avec --field ou --input sauf avec --paginate)' '-f:un paramètre (répétable) : un champ du corps JSON, ou un paramètre d'\''URL pour GET et avec --input ; true, false, null et les nombres deviennent des valeurs JSON' '--field:un paramètre (répétable) : un champ du corps JSON, ou un paramètre d'\''URL pour GET et avec --input ; true, false, null et les nombres deviennent des valeurs JSON' '-H:un en-tête HTTP, « Nom: valeur » (répétable)' '--header:un en-tête HTTP, « Nom: valeur » (répétable)' '--input:le corps de la requête, envoyé tel quel, depuis un fichier ou - pour l'\''entrée standard' '--paginate:suivre nextCursor et afficher les éléments de toutes les pages en un seul tableau JSON (GET)' '-i:afficher la ligne d'\''état et les en-têtes de la réponse sur stderr' '--include:afficher la ligne d'\''état et les en-têtes de la réponse sur stderr' '-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'completion') reply=('-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'version') reply=('--server:demander aussi au serveur configuré sa version et celle de son API' '--json:afficher en JSON (champs : client, server)' '-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    'help') reply=('--json:afficher l'\''arbre des commandes en JSON pour les outils : commandes, arguments, options, exemples et (une fois connecté) les schémas des types de demande' '-h:afficher l'\''aide de la commande' '--help:afficher l'\''aide de la commande' '--profile:utiliser un autre serveur/compte enregistré (aussi TIX_PROFILE)' '--no-input:ne jamais poser de question ; ce qui manque est une erreur (aussi TIX_NO_INPUT)') ;;
    *) reply=() ;;
  esac
}

# _tix_values PATH KEY: candidates for an option (KEY as typed) or the Nth argument (KEY is #N); 1 when there is no such argument
_tix_values_fr() {
  case "$1/$2" in
    'serve/--db') _files ;;
    'serve/--seed') _files ;;
    'serve/--catalog') _files ;;
    'auth login/--provider') _tix_describe 'provider' 'tix' 'rt' 'jira-sm' 'zendesk' ;;
    'token create/--scope') _tix_describe 'scope' 'tickets\:read' 'tickets\:write' 'contacts\:read' 'contacts\:write' 'settings\:read' 'settings\:write' ;;
    'token revoke/#1') : ;;
    'type view/#1') _tix_dynamic types ;;
    'ticket create/--type') _tix_dynamic types ;;
    'ticket create/--establishment') _tix_dynamic establishments ;;
    'ticket create/--description-file') _files ;;
    'ticket create/--field') _tix_dynamic fields ;;
    'ticket create/--attach') _files ;;
    'ticket create/--from-json') _files ;;
    'ticket create/--follow-up') _tix_dynamic ticket-ids ;;
    'ticket list/--status') _tix_dynamic statuses ;;
    'ticket list/--type') _tix_dynamic types ;;
    'ticket list/--establishment') _tix_dynamic establishments ;;
    'ticket view/#1') _tix_dynamic ticket-ids ;;
    'ticket reply/--body-file') _files ;;
    'ticket reply/--attach') _files ;;
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
    'ticket download/--output') _files -/ ;;
    'ticket download/#1') _tix_dynamic ticket-ids ;;
    'ticket subscribe/#1') _tix_dynamic ticket-ids ;;
    'ticket unsubscribe/#1') _tix_dynamic ticket-ids ;;
    'notification set/--lang') _tix_describe 'lang' 'en' 'fr' ;;
    'notification set/#1') _tix_describe 'level' 'all' 'mine' 'none' ;;
    'settings set/#1') _tix_describe 'setting' 'mark-read' 'language' ;;
    'settings set/#2') case "${_tix_args[1]}" in 'mark-read') _tix_describe 'value' 'manual' 'on-open' ;; 'language') _tix_describe 'value' 'en' 'fr' ;; esac ;;
    'contact list/--type') _tix_describe 'type' 'commercial' 'accounting' 'technical' 'fraud' 'chargebacks' ;;
    'contact add/--type') _tix_describe 'type' 'commercial' 'accounting' 'technical' 'fraud' 'chargebacks' ;;
    'contact edit/#1') _tix_dynamic contact-ids ;;
    'contact remove/#1') _tix_dynamic contact-ids ;;
    'contact apply/-f'|'contact apply/--file') _files ;;
    'config get/#1') _tix_describe 'key' 'profile:the profile used when neither --profile nor TIX_PROFILE is given' 'editor:editor for long text on a terminal (before VISUAL and EDITOR)' 'pager:pager for long output on a terminal (after TIX_PAGER, before PAGER); "cat" turns paging off' 'color:colour: auto (on terminals), always (also when piped), never; NO_COLOR and CLICOLOR_FORCE still win' 'output:json: every command that takes --json prints JSON (all fields) as if --json was given' 'lang:language people read: en or fr (after TIX_LANG, before LC_ALL, LC_MESSAGES and LANG); unset: from the environment' ;;
    'config set/#1') _tix_describe 'key' 'profile:the profile used when neither --profile nor TIX_PROFILE is given' 'editor:editor for long text on a terminal (before VISUAL and EDITOR)' 'pager:pager for long output on a terminal (after TIX_PAGER, before PAGER); "cat" turns paging off' 'color:colour: auto (on terminals), always (also when piped), never; NO_COLOR and CLICOLOR_FORCE still win' 'output:json: every command that takes --json prints JSON (all fields) as if --json was given' 'lang:language people read: en or fr (after TIX_LANG, before LC_ALL, LC_MESSAGES and LANG); unset: from the environment' ;;
    'config set/#2') case "${_tix_args[1]}" in 'profile') _tix_dynamic profiles ;; 'color') _tix_describe 'value' 'auto' 'always' 'never' ;; 'output') _tix_describe 'value' 'auto' 'json' ;; 'lang') _tix_describe 'value' 'en' 'fr' ;; esac ;;
    'config unset/#1') _tix_describe 'key' 'profile:the profile used when neither --profile nor TIX_PROFILE is given' 'editor:editor for long text on a terminal (before VISUAL and EDITOR)' 'pager:pager for long output on a terminal (after TIX_PAGER, before PAGER); "cat" turns paging off' 'color:colour: auto (on terminals), always (also when piped), never; NO_COLOR and CLICOLOR_FORCE still win' 'output:json: every command that takes --json prints JSON (all fields) as if --json was given' 'lang:language people read: en or fr (after TIX_LANG, before LC_ALL, LC_MESSAGES and LANG); unset: from the environment' ;;
    'inbox/--by') _tix_describe 'by' 'establishment' 'type' ;;
    'api/-X'|'api/--method') _tix_describe 'method' 'GET' 'POST' 'PUT' 'PATCH' 'DELETE' 'HEAD' ;;
    'api/--input') _files ;;
    'api/#1') : ;;
    'completion/#1') _tix_describe 'shell' 'bash' 'zsh' 'fish' ;;
    'help/#'*) _tix_describe 'topic' 'exit-codes' 'environment' 'serve' 'auth' 'token' 'establishment' 'type' 'ticket' 'notification' 'settings' 'contact' 'config' 'inbox' 'api' 'completion' 'version' 'help' ;;
    *'/--profile') _tix_dynamic profiles ;;
    *) return 1 ;;
  esac
}

# in the reader's language

_tix_commands() {
  local _tix_lang
  _tix_language
  _tix_commands_$_tix_lang "$@"
}

_tix_options() {
  local _tix_lang
  _tix_language
  _tix_options_$_tix_lang "$@"
}

_tix_values() {
  local _tix_lang
  _tix_language
  _tix_values_$_tix_lang "$@"
}

# _tix_describe LABEL NAME[:DESCRIPTION]...
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
  local v conf file=${TIX_CONFIG_DIR:-${XDG_CONFIG_HOME:-$HOME/.config}/tix}/config.json
  local -a match mbegin mend
  [[ -r $file && "$(<$file)" =~ '"lang"[[:space:]]*:[[:space:]]*"([^"]*)"' ]] && conf=$match[1]
  _tix_lang=en
  for v in "$TIX_LANG" "$conf" "$LC_ALL" "$LC_MESSAGES" "$LANG"; do
    [[ -z ${v//[[:space:]]/} ]] && continue
    v=${${v:l}//[[:space:]]/}
    [[ ${v%%[-_.@]*} == fr ]] && _tix_lang=fr
    return 0
  done
}

# Values only the server knows (ticket ids, request types, establishments, contacts, a type's fields) or the
# config file (profiles), from `tix __complete`, told the word typed so far and the --type on the line: it
# gives up within about 1.5 s and prints nothing when offline or logged out.
_tix_dynamic() {
  local line
  local -a pre type items suffix
  [[ -n $_tix_profile ]] && pre=(--profile "$_tix_profile")
  [[ -n $_tix_type ]] && type=(--type "$_tix_type")
  for line in "${(@f)$(tix "${pre[@]}" __complete "$1" "${type[@]}" -- "${(Q)PREFIX}" 2>/dev/null)}"; do
    [[ -z $line ]] && continue
    if [[ $line == *$'\t'* ]]; then
      items+=("${${line%%$'\t'*}//:/\\:}:${line#*$'\t'}")
    else
      items+=("${line//:/\\:}")
    fi
  done
  # "severity=" is a field's name: its value comes next, without a space
  [[ ${items[1]%%:*} == *= ]] && suffix=(-S '')
  (( ${#items} )) && _describe -t "$1" "${1//-/ }" items "${suffix[@]}"
}

_tix() {
  local cur=${words[CURRENT]} cpath='' word want='' mode='' dashdash='' REPLY _tix_profile='' _tix_type=''
  local -a _tix_args reply
  local -i i
  # Which command the words name, which arguments they give, and whether an option waits for its value.
  for (( i = 2; i < CURRENT; i++ )); do
    word=${words[i]}
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
  if [[ -z $dashdash && -z $want && $cur == --*=* ]]; then
    compset -P '*='
    _tix_values "$cpath" "${cur%%=*}"
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
  if (( ${#reply} )); then
    _describe -t commands 'tix command' reply
    return
  fi
  if ! _tix_values "$cpath" "#$(( ${#_tix_args} + 1 ))"; then
    _tix_options "$cpath"
    _describe -t options option reply
  fi
}

# Autoloaded from fpath, this file is the body of _tix: run it. Sourced, register it.
if [[ ${funcstack[1]} == _tix ]]; then
  _tix "$@"
else
  compdef _tix tix
fi
