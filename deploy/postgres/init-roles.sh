#!/bin/bash
# First start of a service's PostgreSQL container (docker-entrypoint-initdb.d): POSTGRES_USER (<service>_owner) owns the
# database and runs the migrations; <service>_app, with CAMPUS_APP_PASSWORD, is what the service connects as: it reads and
# writes the owner's tables, and changes no schema (least-privilege.sql).
set -euo pipefail
app="${POSTGRES_DB}_app"
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d "$POSTGRES_DB" -v app="$app" -v password="${CAMPUS_APP_PASSWORD:?set the app role password}" <<'SQL'
create role :"app" login password :'password';
SQL
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d "$POSTGRES_DB" -v owner="$POSTGRES_USER" -v app="$app" -v db="$POSTGRES_DB" \
  -f /campus/least-privilege.sql
