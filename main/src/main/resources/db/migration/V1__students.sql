-- main: the student's own corner. Students are ours (numeric id); the CAS user is their external key.
create table students (
    id                  bigserial primary key,
    cas_user            text        not null unique,
    full_name           text,
    email               text,
    group_name          text,
    ruz_group_id        bigint,
    faculty             text,
    record_book_number  text,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    last_login_at       timestamptz
);

-- One Telegram account <-> one student.
create table student_telegram_links (
    student_id          bigint      primary key references students (id) on delete cascade,
    telegram_id         bigint      not null unique,
    telegram_username   text,
    linked_at           timestamptz not null default now()
);

-- initData already used (sign-in or link), until it would be refused as stale anyway.
create table telegram_init_data_seen (
    digest      bytea       primary key,
    expires_at  timestamptz not null
);
create index telegram_init_data_seen_expires on telegram_init_data_seen (expires_at);

-- Refresh tokens of student sessions (SHA-256 only), one family per sign-in; a CAS sign-in keeps its service
-- ticket's hash so that CAS single logout ends it.
create table student_sessions (
    id                  bigserial   primary key,
    student_id          bigint      not null references students (id) on delete cascade,
    family_id           uuid        not null,
    token_hash          bytea       not null unique,
    cas_ticket_hash     bytea,
    issued_at           timestamptz not null,
    family_started_at   timestamptz not null,
    expires_at          timestamptz not null,
    used_at             timestamptz,
    revoked_at          timestamptz
);
create index student_sessions_family on student_sessions (family_id);
create index student_sessions_ticket on student_sessions (cas_ticket_hash) where cas_ticket_hash is not null;
create index student_sessions_expires on student_sessions (expires_at);

-- The record-book upstream's session of a student (cookies, AES-GCM under MAIN_GRADEBOOK_KEY: nonce || ciphertext),
-- never the password.
create table gradebook_connections (
    student_id          bigint      primary key references students (id) on delete cascade,
    session_sealed      bytea       not null,
    connected_at        timestamptz not null,
    expires_at          timestamptz not null
);

-- The last record book read from upstream, parsed (served, marked stale, while upstream cannot answer).
create table gradebook_snapshots (
    student_id          bigint      primary key references students (id) on delete cascade,
    book                jsonb       not null,
    fetched_at          timestamptz not null
);
