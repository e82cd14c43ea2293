-- services: university departments, their catalogue of services (each with a form), students' applications, replies,
-- files and the history of every application. Statuses are checked here as well as by the enums that write them.

create table departments (
    id           bigserial   primary key,
    name         text        not null,
    description  text        not null default '',
    contact      text        not null default '',
    active       boolean     not null default true,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);
create unique index departments_name on departments (lower(name));

-- People of a department with an SSO account (services/staff, services/executor; entity_id = the row's id).
-- pending_sso: the row exists, SSO does not confirm the account yet (a job finishes it); deleting: the account is
-- being removed from SSO (no access any more; the row goes once SSO confirms).
create table staff (
    id             bigserial   primary key,
    department_id  bigint      not null references departments (id),
    full_name      text        not null,
    username       text,
    status         text        not null default 'pending_sso' check (status in ('pending_sso', 'active', 'deleting')),
    sso_user_id    bigint,
    sso_username   text,
    sso_error      text,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);
create index staff_department on staff (department_id);
create index staff_unsettled on staff (id) where status <> 'active';

create table executors (
    id             bigserial   primary key,
    department_id  bigint      not null references departments (id),
    full_name      text        not null,
    username       text,
    status         text        not null default 'pending_sso' check (status in ('pending_sso', 'active', 'deleting')),
    sso_user_id    bigint,
    sso_username   text,
    sso_error      text,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);
create index executors_department on executors (department_id);
create index executors_unsettled on executors (id) where status <> 'active';

-- The catalogue: what a department does for students, with the form a student fills in (JSON, validated when saved).
create table services (
    id              bigserial   primary key,
    department_id   bigint      not null references departments (id) on delete cascade,
    name            text        not null,
    description     text        not null default '',
    form_schema     jsonb       not null,
    requires_files  boolean     not null default false,
    active          boolean     not null default true,
    ordering        integer     not null default 0,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);
create index services_department on services (department_id, ordering, id);

-- A student's request. department_id is the service's (services never move), kept here for the desk's listings.
-- A retried submit with the same Idempotency-Key finds the first application.
create table applications (
    id               bigserial   primary key,
    service_id       bigint      not null references services (id),
    department_id    bigint      not null references departments (id),
    student_id       bigint      not null,
    student_name     text        not null,
    student_email    text,
    student_group    text,
    form_data        jsonb       not null,
    status           text        not null default 'pending'
                                 check (status in ('pending', 'in_progress', 'completed', 'rejected')),
    executor_id      bigint      references executors (id) on delete set null,
    idempotency_key  text,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    unique (student_id, idempotency_key)
);
create index applications_department on applications (department_id, created_at desc, id desc);
create index applications_department_status on applications (department_id, status, created_at desc, id desc);
create index applications_executor on applications (executor_id, created_at desc, id desc) where executor_id is not null;
create index applications_student on applications (student_id, created_at desc, id desc);
create index applications_service on applications (service_id);

-- Answers of staff and executors (author_id: their row's id; an admin's SSO user id). The name is kept: authors go.
create table replies (
    id              bigserial   primary key,
    application_id  bigint      not null references applications (id) on delete cascade,
    author_kind     text        not null check (author_kind in ('admin', 'staff', 'executor')),
    author_id       bigint      not null,
    author_name     text        not null,
    message         text        not null,
    created_at      timestamptz not null default now()
);
create index replies_application on replies (application_id, id);

-- Files of an application (reply_id null: the student's) or of a reply. The bytes are in file_chunks, in order.
create table files (
    id              bigserial   primary key,
    application_id  bigint      not null references applications (id) on delete cascade,
    reply_id        bigint      references replies (id) on delete cascade,
    field           text,
    name            text        not null,
    content_type    text        not null,
    size            bigint      not null,
    sha256          bytea       not null,
    created_at      timestamptz not null default now()
);
create index files_application on files (application_id, id);

-- Fixed-size pieces (the last one shorter), so that a file is written and read in bounded memory on any instance.
-- Stored uncompressed: the allowed types are compressed already.
create table file_chunks (
    file_id  bigint  not null references files (id) on delete cascade,
    seq      integer not null,
    data     bytea   not null,
    primary key (file_id, seq)
);
alter table file_chunks alter column data set storage external;

-- Every step of an application: who (kind, id, name at the time), what, and the status before and after.
create table history (
    id              bigserial   primary key,
    application_id  bigint      not null references applications (id) on delete cascade,
    actor_kind      text        not null check (actor_kind in ('student', 'admin', 'staff', 'executor', 'system')),
    actor_id        bigint,
    actor_name      text,
    action          text        not null check (action in ('submitted', 'assigned', 'unassigned', 'status_changed', 'replied')),
    from_status     text,
    to_status       text,
    detail          text,
    at              timestamptz not null default now()
);
create index history_application on history (application_id, id);
