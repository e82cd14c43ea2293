-- SSO's word on traffic's accounts (sso.user.deactivated|activated|deleted, consumed with an inbox): an account SSO
-- deactivated or deleted stops acting here at once, not when its token expires (every admin and teacher request checks
-- this table; activation removes the row).
create table inactive_accounts (
    user_id  bigint      primary key,
    since    timestamptz not null default now()
);

-- common-events' inbox: the events a consumer has handled, once each
create table inbox (
    consumer    text        not null,
    event_id    uuid        not null,
    handled_at  timestamptz not null default now(),
    primary key (consumer, event_id)
);
create index inbox_handled on inbox (handled_at);
