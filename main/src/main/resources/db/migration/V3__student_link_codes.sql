-- One-time codes for a student's Telegram deep link (t.me/<bot>?start=<code>), completed by the bot; kept as SHA-256.
create table student_link_codes (
    code_hash   bytea       primary key,
    student_id  bigint      not null references students (id) on delete cascade,
    expires_at  timestamptz not null,
    used_at     timestamptz
);
create index student_link_codes_student on student_link_codes (student_id);
