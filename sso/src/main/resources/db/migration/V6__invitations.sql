-- One-time invitations: a person provisioned by a domain service (or re-invited by an admin) sets their own password
-- with the code. 192-bit codes, kept as SHA-256 only; re-issuing spends every earlier code of the account.
create table invitations (
    code_hash   bytea       primary key,
    user_id     bigint      not null references users (id) on delete cascade,
    issued_by   text        not null,
    issued_at   timestamptz not null default now(),
    expires_at  timestamptz not null,
    used_at     timestamptz
);
create index invitations_user on invitations (user_id) where used_at is null;
