# RT initialdata for tix's tests (loaded by `.ci/rt/rt.sh reset` with rt-setup-database-5 --action insert).
# A small self-service helpdesk: five queues, two customer organisations, one agent. Names and passwords here
# are the ones rt.sh writes into the env file, next to each user's REST2 token.
#
# RT has no organisations. One is modelled as a user-defined group named like the members' Organization field,
# and a ticket's "Organization" custom role holds the requestor's organisation group (a scrip fills it on create),
# so colleagues see each other's tickets through that role and nobody else's.

my @customer_queues = ('Support', 'Billing', 'Questions', 'Feedback');
# the queues where a client can record its idempotency keys (Feedback has none: how tix copies without them)
my @keyed_queues = ('Support', 'Billing', 'Questions');

@Queues = (
    {   Name        => 'Support',
        Description => 'Questions and incidents',
        Lifecycle   => 'support',
        CorrespondAddress => 'support@rt.tix.test',
        CommentAddress    => 'support-comment@rt.tix.test',
    },
    {   Name        => 'Billing',
        Description => 'Invoices and payments',
        Lifecycle   => 'support',
        CorrespondAddress => 'billing@rt.tix.test',
        CommentAddress    => 'billing-comment@rt.tix.test',
    },
    # a form of a summary and a description, nothing more
    {   Name        => 'Questions',
        Description => 'General questions',
        Lifecycle   => 'support',
        CorrespondAddress => 'questions@rt.tix.test',
        CommentAddress    => 'questions-comment@rt.tix.test',
    },
    # no custom field at all, not even the idempotency keys'
    {   Name        => 'Feedback',
        Description => 'Ideas and opinions',
        Lifecycle   => 'support',
        CorrespondAddress => 'feedback@rt.tix.test',
        CommentAddress    => 'feedback-comment@rt.tix.test',
    },
    # Customers see this queue but may not file in it: request types are the queues one can create tickets in.
    {   Name        => 'Internal',
        Description => 'Staff only',
        Lifecycle   => 'default',
    },
);

sub values_of { my $n = 0; [ map { { Name => $_, SortOrder => ++$n } } @_ ] }

@CustomFields = (
    # select list -> choices; with RT's mandatory pattern -> a required choice
    {   Name        => 'Severity',
        Description => 'How much the problem stops your work',
        Type        => 'SelectSingle',
        LookupType  => 'RT::Queue-RT::Ticket',
        ApplyTo     => ['Support'],
        Values      => values_of('Low', 'Normal', 'High', 'Critical'),
        Pattern     => '(?#Mandatory).',
    },
    # several values from a list -> choices, multiple
    {   Name        => 'Products',
        Description => 'Products concerned',
        Type        => 'SelectMultiple',
        LookupType  => 'RT::Queue-RT::Ticket',
        ApplyTo     => ['Support'],
        Values      => values_of('Web portal', 'Mobile app', 'API'),
    },
    # RT's idiom for a required field: the pattern '(?#Mandatory).' -> required text
    {   Name        => 'Establishment',
        Description => 'Establishment (site) the request is about',
        Type        => 'FreeformSingle',
        LookupType  => 'RT::Queue-RT::Ticket',
        ApplyTo     => ['Billing'],
        Pattern     => '(?#Mandatory).',
    },
    # one line of free text -> text
    {   Name        => 'Reference',
        Description => 'Your own reference for this request',
        Type        => 'FreeformSingle',
        LookupType  => 'RT::Queue-RT::Ticket',
        ApplyTo     => ['Support'],
    },
    # a text area -> multi-line text
    {   Name        => 'Steps to reproduce',
        Description => 'What you did, what you expected, what happened',
        Type        => 'TextSingle',
        LookupType  => 'RT::Queue-RT::Ticket',
        ApplyTo     => ['Support'],
    },
    # a date -> date
    {   Name        => 'Desired date',
        Description => 'When you need this done',
        Type        => 'DateSingle',
        LookupType  => 'RT::Queue-RT::Ticket',
        ApplyTo     => ['Support'],
    },
    # a pattern that is not the mandatory idiom: (?#message)regex
    {   Name        => 'Invoice number',
        Description => 'The invoice this is about',
        Type        => 'FreeformSingle',
        LookupType  => 'RT::Queue-RT::Ticket',
        ApplyTo     => ['Billing'],
        Pattern     => '(?#INV- and digits, e.g. INV-2024)^INV-[0-9]+$',
    },
    # Where a client records its idempotency key, so that a retried create or reply can be looked up before it is
    # sent again (RT itself has no idempotency keys). One on the ticket, one on each reply (a transaction CF).
    {   Name        => 'Idempotency-Key',
        Description => 'Client-generated key of the request that created this ticket',
        Type        => 'FreeformSingle',
        LookupType  => 'RT::Queue-RT::Ticket',
        ApplyTo     => [@keyed_queues],
    },
    {   Name        => 'Idempotency-Key',
        Description => 'Client-generated key of the request that added this reply',
        Type        => 'FreeformSingle',
        LookupType  => 'RT::Queue-RT::Ticket-RT::Transaction',
        ApplyTo     => [@keyed_queues],
    },
);

@CustomRoles = (
    {   Name        => 'Organization',
        Description => "The requestor's organisation: its members follow the ticket",
        MaxValues   => 0,    # a multi-member role may hold groups
        ApplyTo     => [@customer_queues],
    },
);

@Groups = (
    { Name => 'Acme Corp',      Description => 'Customer organisation' },
    { Name => 'Globex',         Description => 'Customer organisation' },
    { Name => 'Support agents', Description => 'Staff answering customers' },
);

@Users = (
    {   Name => 'alice@acme.test', EmailAddress => 'alice@acme.test', RealName => 'Alice Martin',
        Organization => 'Acme Corp', Password => 'alice-password', Privileged => 0 },
    {   Name => 'bob@acme.test', EmailAddress => 'bob@acme.test', RealName => 'Bob Durand',
        Organization => 'Acme Corp', Password => 'bob-password', Privileged => 0 },
    {   Name => 'carol@globex.test', EmailAddress => 'carol@globex.test', RealName => 'Carol Petit',
        Organization => 'Globex', Password => 'carol-password', Privileged => 0 },
    {   Name => 'agent@rt.tix.test', EmailAddress => 'agent@rt.tix.test', RealName => 'Agent Smith',
        Password => 'agent-password', Privileged => 1 },
);

my @customer_role_rights = qw(ShowTicket ReplyToTicket ResolveTicket ReopenTicket);
my @agent_rights = qw(SeeQueue CreateTicket ShowTicket ShowTicketComments ReplyToTicket CommentOnTicket
    ModifyTicket OwnTicket TakeTicket StealTicket DeleteTicket ResolveTicket ReopenTicket ShowOutgoingEmail
    Watch WatchAsAdminCc SeeCustomField SetInitialCustomField ModifyCustomField);

@ACL = (
    # everyone (customers included) may see the customer queues and file tickets there
    ( map { my $q = $_; map { { Queue => $q, Right => $_, GroupDomain => 'SystemInternal', GroupType => 'Everyone' } }
            qw(SeeQueue CreateTicket) } @customer_queues ),
    # ... and see the staff queue, without CreateTicket
    { Queue => 'Internal', Right => 'SeeQueue', GroupDomain => 'SystemInternal', GroupType => 'Everyone' },

    # a customer acts on the tickets he requested, and on those of his organisation
    ( map { my $q = $_; map { { Queue => $q, Right => $_, GroupDomain => 'RT::Queue-Role', GroupType => 'Requestor' } }
            @customer_role_rights } @customer_queues ),
    ( map { my $q = $_; map { { Queue => $q, Right => $_, GroupDomain => 'RT::Queue-Role', CustomRole => 'Organization' } }
            @customer_role_rights } @customer_queues ),

    # ticket custom fields: seen, and set when filing (not changed afterwards)
    ( map { my $cf = $_; map { { CF => $cf, LookupType => 'RT::Queue-RT::Ticket', Right => $_,
            GroupDomain => 'SystemInternal', GroupType => 'Everyone' } } qw(SeeCustomField SetInitialCustomField) }
        'Severity', 'Products', 'Establishment', 'Reference', 'Steps to reproduce', 'Desired date', 'Invoice number',
        'Idempotency-Key' ),
    # the reply's key is written just after the reply is recorded: that is a modification of the transaction
    ( map { { CF => 'Idempotency-Key', LookupType => 'RT::Queue-RT::Ticket-RT::Transaction', Right => $_,
            GroupDomain => 'SystemInternal', GroupType => 'Everyone' } } qw(SeeCustomField ModifyCustomField) ),

    # agents: everything on every queue
    ( map { { Right => $_, GroupDomain => 'UserDefined', GroupId => 'Support agents' } } @agent_rights ),
);

@Final = (
    sub {
        my $agents = RT::Group->new(RT->SystemUser);
        $agents->LoadUserDefinedGroup('Support agents');
        my %members = (
            'Acme Corp'      => ['alice@acme.test', 'bob@acme.test'],
            'Globex'         => ['carol@globex.test'],
            'Support agents' => ['agent@rt.tix.test'],
        );
        for my $group_name (sort keys %members) {
            my $group = RT::Group->new(RT->SystemUser);
            $group->LoadUserDefinedGroup($group_name) or die "no group $group_name\n";
            for my $user_name (@{ $members{$group_name} }) {
                my $user = RT::User->new(RT->SystemUser);
                $user->Load($user_name) or die "no user $user_name\n";
                my ($ok, $msg) = $group->AddMember($user->PrincipalId);
                die "$user_name in $group_name: $msg\n" unless $ok;
            }
        }
    },
);

@Scrips = (
    {   Description    => 'On Create, the requestors\' organisations follow the ticket',
        Queue          => [@customer_queues],
        ScripCondition => 'On Create',
        ScripAction    => 'User Defined',
        Template       => 'Blank',
        CustomPrepareCode => 'return 1;',
        CustomCommitCode  => <<'PERL',
my $ticket = $self->TicketObj;
my ($role) = grep { $_->Name eq 'Organization' } @{ $ticket->QueueObj->CustomRoles->ItemsArrayRef };
return 1 unless $role;
my $requestors = $ticket->Requestors->UserMembersObj;
while (my $user = $requestors->Next) {
    next unless length($user->Organization // '');
    my $group = RT::Group->new(RT->SystemUser);
    $group->LoadUserDefinedGroup($user->Organization);
    next unless $group->id;
    my ($ok, $msg) = $ticket->AddRoleMember(Type => $role->GroupType, Principal => $group->PrincipalObj);
    RT->Logger->error("Organization role for ticket " . $ticket->id . ": $msg") unless $ok;
}
return 1;
PERL
    },
);

1;
