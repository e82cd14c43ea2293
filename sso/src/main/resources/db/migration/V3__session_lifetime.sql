-- A sign-in (refresh-token family) has an absolute lifetime: every rotation carries when the family began.
alter table refresh_tokens add column family_started_at timestamptz;
update refresh_tokens t set family_started_at = f.started
from (select family_id, min(issued_at) as started from refresh_tokens group by family_id) f
where f.family_id = t.family_id;
alter table refresh_tokens alter column family_started_at set not null;
