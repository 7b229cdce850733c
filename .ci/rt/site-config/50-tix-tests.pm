# Request Tracker 5 policy for tix's tests: what a self-service helpdesk looks like to its customers.
# Loaded after the instance file that rt.sh writes (database path, port); see .ci/rt/rt.sh.

# (Mail: the instance file, written by rt.sh, appends what RT would send to the state dir's outgoing.mbox.)

# Keyword search in ticket content through TicketSQL ("Content LIKE 'word'"). RT indexes content only on
# PostgreSQL, MySQL/MariaDB and Oracle; on SQLite the search is unindexed: a case-insensitive substring match
# on every attachment (fine for tests, and a new reply is searchable at once, unlike an index that
# rt-fulltext-indexer must refresh).
Set(%FullTextSearch, Enable => 1, Indexed => 0);

# Every REST2 request checks its token or password against a bcrypt hash: at RT's cost (12) that alone takes a
# quarter of a second on a fast machine and a second on the shared two-core one under load, for each request. The
# test instance hashes its fixture passwords and tokens at bcrypt's lowest cost instead; what RT does is unchanged.
Set($BcryptCost, 4);

# Logs to the server's stderr (the state dir's rt-server.log), not syslog.
Set($LogToSyslog, undef);
Set($LogToSTDERR, 'warning');

# The customer lifecycle: RT's default statuses and transitions, with two rights of its own so that a customer
# can resolve and reopen his ticket without ModifyTicket (which would also let him edit subject, queue, owner...).
Set(%Lifecycles,
    support => {
        initial  => [qw(new)],
        active   => [qw(open stalled)],
        inactive => [qw(resolved rejected deleted)],
        defaults => {
            on_create           => 'new',
            approved            => 'open',
            denied              => 'rejected',
            reminder_on_open    => 'open',
            reminder_on_resolve => 'resolved',
        },
        transitions => {
            ''       => [qw(new open resolved)],
            new      => [qw(open stalled resolved rejected deleted)],
            open     => [qw(new stalled resolved rejected deleted)],
            stalled  => [qw(new open resolved rejected deleted)],
            resolved => [qw(new open stalled rejected deleted)],
            rejected => [qw(new open stalled resolved deleted)],
            deleted  => [qw(new open stalled resolved rejected)],
        },
        rights => {
            '* -> resolved'    => 'ResolveTicket',
            'resolved -> open' => 'ReopenTicket',
            '* -> deleted'     => 'DeleteTicket',
            '* -> *'           => 'ModifyTicket',
        },
        actions => [
            'new -> open'      => { label => 'Open It', update => 'Respond' },
            'new -> resolved'  => { label => 'Resolve', update => 'Comment' },
            'new -> rejected'  => { label => 'Reject',  update => 'Respond' },
            'new -> deleted'   => { label => 'Delete' },
            'open -> stalled'  => { label => 'Stall',   update => 'Comment' },
            'open -> resolved' => { label => 'Resolve', update => 'Comment' },
            'open -> rejected' => { label => 'Reject',  update => 'Respond' },
            'stalled -> open'  => { label => 'Open It' },
            'resolved -> open' => { label => 'Re-open', update => 'Comment' },
            'rejected -> open' => { label => 'Re-open', update => 'Comment' },
            'deleted -> open'  => { label => 'Undelete' },
        ],
    },
);

1;
