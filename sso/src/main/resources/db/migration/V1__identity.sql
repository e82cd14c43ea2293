-- Identity: users and what hangs off them. One migration per change from here on; never edit this file.

create table users (
    id              bigserial primary key,
    username        varchar(64)  not null unique,
    -- null: no password sign-in (e.g. a provisioned teacher who signs in through Telegram)
    password_hash   varchar(100),
    full_name       varchar(200) not null,
    app             varchar(16)  not null check (app in ('sso', 'traffic', 'services')),
    role            varchar(16)  not null check (role in ('admin', 'staff', 'executor', 'teacher')),
    entity_id       bigint,
    ruz_teacher_id  bigint unique,
    is_active       boolean      not null default true,
    created_at      timestamptz  not null default now(),
    updated_at      timestamptz  not null default now(),
    -- RFC definition of done, item 5: never a traffic teacher without its traffic entity
    constraint users_traffic_teacher_has_entity check (not (app = 'traffic' and role = 'teacher' and entity_id is null))
);
-- one account per domain entity and role
create unique index users_app_role_entity on users (app, role, entity_id) where entity_id is not null;
create index users_app_role on users (app, role);

create table telegram_links (
    user_id            bigint primary key references users (id) on delete cascade,
    telegram_id        bigint      not null unique,
    telegram_username  varchar(64),
    chat_id            bigint,
    linked_at          timestamptz not null default now()
);

-- Refresh tokens are random; only their SHA-256 is stored. A family is one sign-in and all its rotations:
-- presenting a rotated (used) token again revokes the whole family.
create table refresh_tokens (
    id          bigserial primary key,
    user_id     bigint      not null references users (id) on delete cascade,
    family_id   uuid        not null,
    token_hash  bytea       not null unique,
    issued_at   timestamptz not null default now(),
    expires_at  timestamptz not null,
    used_at     timestamptz,
    revoked_at  timestamptz
);
create index refresh_tokens_family on refresh_tokens (family_id);
create index refresh_tokens_expires on refresh_tokens (expires_at);

-- One-time Telegram link codes (hash only), single use, short TTL
create table link_codes (
    code_hash   bytea primary key,
    user_id     bigint      not null references users (id) on delete cascade,
    expires_at  timestamptz not null,
    used_at     timestamptz
);

-- Calling services (traffic, services, the bot): hashed secret and the scopes they may use
create table service_clients (
    client_id    varchar(64)  primary key,
    secret_hash  varchar(100) not null,
    scopes       varchar(500) not null,
    updated_at   timestamptz  not null default now()
);

-- Failed sign-ins per key ('user:<name>', 'addr:<ip>') in a sliding window; shared by all instances
create table login_failures (
    throttle_key   varchar(200) primary key,
    failures       integer     not null,
    window_start   timestamptz not null,
    blocked_until  timestamptz
);

create table audit_log (
    id          bigserial primary key,
    at          timestamptz  not null default now(),
    actor       varchar(128) not null,
    action      varchar(64)  not null,
    target      varchar(128),
    request_id  varchar(128),
    details     jsonb
);
create index audit_log_at on audit_log (at desc);
