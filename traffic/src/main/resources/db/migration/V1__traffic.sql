-- Traffic: teachers, kiosks, attendance sessions, marks, teacher-sync runs.

-- Teachers of attendance. revision counts local changes; sso_revision is the revision SSO last confirmed, so
-- "needs provisioning" is sso_revision is distinct from revision (resumable: a failed run leaves them pending).
create table teachers (
    id              bigserial primary key,
    full_name       text        not null check (length(full_name) between 1 and 200),
    ruz_teacher_id  bigint      unique check (ruz_teacher_id > 0),
    revision        integer     not null default 1,
    sso_revision    integer,
    sso_user_id     bigint,
    sso_username    text,
    sso_error       text,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);
create index teachers_sso_pending on teachers (id) where sso_revision is distinct from revision;
create index teachers_name on teachers (lower(full_name));

-- Door kiosks. The device secret is 256 random bits: stored as its SHA-256 (a slow hash buys nothing at that
-- entropy and would cost every poll). PINs are unique among the kiosks that hold one.
create table kiosks (
    id                bigserial primary key,
    device_id         uuid        not null unique,
    secret_hash       bytea       not null unique,
    registration_pin  text        unique check (registration_pin ~ '^[0-9]{6}$'),
    display_pin       text        not null unique check (display_pin ~ '^[0-9]{6}$'),
    building_id       bigint,
    building_name     text,
    room_id           bigint,
    room_name         text,
    registered_at     timestamptz,
    created_at        timestamptz not null default now(),
    last_seen_at      timestamptz,
    check ((registered_at is null) = (room_id is null)),
    check ((registered_at is null) = (registration_pin is not null))
);
create index kiosks_room on kiosks (room_id) where room_id is not null;

create table attendance_sessions (
    id                bigserial primary key,
    kiosk_id          bigint      references kiosks (id) on delete set null,
    teacher_id        bigint      references teachers (id) on delete set null,
    teacher_name      text        not null,
    discipline        text        not null,
    lesson            jsonb       not null,
    lesson_date       date        not null,
    lesson_start      text,
    lesson_end        text,
    room_name         text,
    building_name     text,
    secret            bytea       not null check (length(secret) = 32),
    rotation_seconds  integer     not null check (rotation_seconds between 2 and 300),
    status            text        not null default 'active' check (status in ('active', 'closed', 'expired')),
    started_at        timestamptz not null default now(),
    expires_at        timestamptz not null,
    ended_at          timestamptz,
    check ((status = 'active') = (ended_at is null))
);
-- one active session per kiosk, enforced by the database
create unique index attendance_sessions_one_active on attendance_sessions (kiosk_id) where status = 'active';
create index attendance_sessions_teacher on attendance_sessions (teacher_id, started_at desc);
create index attendance_sessions_expiring on attendance_sessions (expires_at) where status = 'active';

create table marks (
    session_id     bigint      not null references attendance_sessions (id) on delete cascade,
    student_id     bigint      not null check (student_id > 0),
    student_name   text,
    student_email  text,
    student_group  text,
    marked_at      timestamptz not null default now(),
    method         text        not null check (method in ('qr', 'manual')),
    marked_by      text        not null,
    primary key (session_id, student_id)
);

-- Teacher sync runs. At most one is running (the unique index elects the runner across instances); a runner
-- that stops beating its heartbeat is taken over.
create table teacher_sync_runs (
    id            bigserial primary key,
    trigger       text        not null check (trigger in ('scheduled', 'manual')),
    status        text        not null check (status in ('running', 'succeeded', 'failed', 'abandoned')),
    started_at    timestamptz not null default now(),
    heartbeat_at  timestamptz not null default now(),
    finished_at   timestamptz,
    fetched       integer     not null default 0,
    created       integer     not null default 0,
    updated       integer     not null default 0,
    unchanged     integer     not null default 0,
    provisioned   integer     not null default 0,
    failed        integer     not null default 0,
    pending       integer     not null default 0,
    stopped_at_teacher_id bigint,
    error         text
);
create unique index teacher_sync_runs_one_running on teacher_sync_runs ((true)) where status = 'running';
create index teacher_sync_runs_recent on teacher_sync_runs (id desc);
