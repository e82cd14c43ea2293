-- The transactional outbox (common-events): events written with the change they report, published by the relay.
create table outbox (
    id           uuid        primary key,
    routing_key  text        not null,
    payload      jsonb       not null,
    traceparent  text,
    created_at   timestamptz not null default now(),
    sent_at      timestamptz
);
create index outbox_pending on outbox (created_at, id) where sent_at is null;
create index outbox_sent on outbox (sent_at) where sent_at is not null;
