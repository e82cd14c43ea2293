-- The desk's text search ("contained in the student's name, e-mail or group") through a trigram index instead of a scan
-- of the department's applications. pg_trgm is a trusted extension: the database's owner may create it.
create extension if not exists pg_trgm;
create index applications_search on applications using gin (
    (lower(student_name) || ' ' || lower(coalesce(student_email, '')) || ' ' || lower(coalesce(student_group, ''))) gin_trgm_ops);

-- "last changed first" within a department without sorting the department
create index applications_department_updated on applications (department_id, updated_at desc, id desc);
