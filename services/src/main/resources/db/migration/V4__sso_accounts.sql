-- A staff member or executor whose SSO account was deactivated (or deleted in SSO, not through services) stops acting
-- at once: 'inactive' (sso.user.* events, consumed with an inbox). Only pending and deleting rows are the retry job's.
alter table staff drop constraint staff_status_check;
alter table staff add constraint staff_status_check check (status in ('pending_sso', 'active', 'inactive', 'deleting'));
alter table executors drop constraint executors_status_check;
alter table executors add constraint executors_status_check check (status in ('pending_sso', 'active', 'inactive', 'deleting'));
drop index staff_unsettled;
create index staff_unsettled on staff (id) where status in ('pending_sso', 'deleting');
drop index executors_unsettled;
create index executors_unsettled on executors (id) where status in ('pending_sso', 'deleting');

-- common-events' inbox: the events a consumer has handled, once each
create table inbox (
    consumer    text        not null,
    event_id    uuid        not null,
    handled_at  timestamptz not null default now(),
    primary key (consumer, event_id)
);
create index inbox_handled on inbox (handled_at);
