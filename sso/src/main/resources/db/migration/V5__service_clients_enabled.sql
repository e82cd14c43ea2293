-- Service clients removed from configuration are disabled at start (kept for the audit trail, never answered).
alter table service_clients add column enabled boolean not null default true;
