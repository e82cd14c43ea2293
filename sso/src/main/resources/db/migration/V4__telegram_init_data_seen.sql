-- Telegram Mini App sign-in: each initData is accepted once. Its SHA-256 is kept until it would be too old anyway.
create table telegram_init_data_seen (
    digest      bytea       primary key,
    expires_at  timestamptz not null
);
create index telegram_init_data_seen_expires on telegram_init_data_seen (expires_at);
