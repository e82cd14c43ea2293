-- One service's database, least privilege: run as a superuser (or the database's owner) in that database, with
--   psql -v owner=<db>_owner -v app=<db>_app -v db=<db> -f least-privilege.sql
-- The owner role owns the database and the schema and runs the migrations (Flyway, as the service started once with
-- QUARKUS_INIT_AND_EXIT=true); the app role, which the service runs as, reads and writes the owner's tables and uses its
-- sequences: no DDL, no other database. Safe to run again (./campus up --least-privilege, compose's and Kubernetes'
-- database set-up).
revoke all on database :"db" from public;
grant connect, temporary on database :"db" to :"app";
alter schema public owner to :"owner";
revoke create on schema public from public;
grant usage on schema public to :"app";
-- what the owner's migrations create from now on, and what they created before
alter default privileges for role :"owner" in schema public grant select, insert, update, delete on tables to :"app";
alter default privileges for role :"owner" in schema public grant usage, select on sequences to :"app";
grant select, insert, update, delete on all tables in schema public to :"app";
grant usage, select on all sequences in schema public to :"app";
