-- The bot's own state: Telegram updates already handled, chats that blocked the bot, events the notifier has handled
-- (the inbox of common-events) and every delivery it made or decided not to make.

-- Telegram may deliver an update more than once: its update_id is handled once (kept a day)
create table updates (
    update_id    bigint      primary key,
    received_at  timestamptz not null default now()
);
create index updates_received on updates (received_at);

-- a chat whose user blocked the bot (Telegram answered 403): nothing is sent there until the user writes again
create table chats (
    chat_id     bigint      primary key,
    status      text        not null check (status in ('active', 'blocked')),
    changed_at  timestamptz not null default now()
);

-- common-events' inbox: the events a consumer has handled, once each
create table inbox (
    consumer    text        not null,
    event_id    uuid        not null,
    handled_at  timestamptz not null default now(),
    primary key (consumer, event_id)
);
create index inbox_handled on inbox (handled_at);

-- one row per (event, chat): at most one message per recipient for an event, even after a crash and a redelivery
-- (a row left "sending" by a crash is never sent again: Telegram may have delivered it)
create table deliveries (
    id                   bigserial   primary key,
    event_id             uuid        not null,
    event_type           text        not null,
    recipient            text        not null,
    chat_id              bigint      not null,
    text                 text        not null,
    status               text        not null check (status in ('pending', 'sending', 'sent', 'blocked', 'failed', 'skipped')),
    attempts             int         not null default 0,
    error                text,
    telegram_message_id  bigint,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    unique (event_id, chat_id)
);
create index deliveries_pending on deliveries (created_at) where status = 'pending';
create index deliveries_chat on deliveries (chat_id, created_at desc);
