#!/usr/bin/env bash
# services: the desk's listing over a department with 100,000 applications (filters, text search, deep pages; p99 at
# 64 connections) and students' submits with a 1 MB PDF (submits per second), for the JVM app or the native
# executable. services runs alone against its own bench database (campus_services_bench, seeded here with SQL); the
# SSO keys it verifies staff tokens with are served as a static JWKS (python3 -m http.server), the students' launch
# tokens are checked against a local public key. Tokens are signed here with openssl.
# Writes bench/results/services[-native].md.
#   bench/services.sh [--native] [--duration 20s] [--applications 100000]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=20s; APPS=100000; NATIVE=""; SUFFIX=""; LABEL="JVM (ParallelGC, -Xmx256m)"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --native) NATIVE=--native; SUFFIX=-native; LABEL="native (-Xmx128m)"; shift ;;
    --duration) DURATION="$2"; shift 2 ;;
    --applications) APPS="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
WORK="$(mktemp -d)"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
trap 'for p in ${PID:-} ${JWKS_PID:-}; do kill "$p" 2>/dev/null; done; cp "$WORK/services.log" /tmp/bench-services.log 2>/dev/null; rm -rf "$WORK"' EXIT
DB=campus_services_bench
PSQL=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qtA)

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
# the RFC 7638 thumbprint of an RSA key's public half (the kid main puts on its launch tokens)
thumbprint() {
  local n
  n=$(openssl rsa -in "$1" -noout -modulus 2>/dev/null | cut -d= -f2 | xxd -r -p | b64url)
  printf '{"e":"AQAB","kty":"RSA","n":"%s"}' "$n" | openssl dgst -sha256 -binary | b64url
}
# a JWT signed RS256 with key $1 under kid $2, payload $3
jwt() {
  local header payload
  header=$(printf '{"alg":"RS256","typ":"JWT","kid":"%s"}' "$2" | b64url)
  payload=$(printf '%s' "$3" | b64url)
  printf '%s.%s.%s' "$header" "$payload" "$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$1" | b64url)"
}

# --- keys: "SSO" (served as a JWKS) and "main" (a public key file) -------------------------------------------------
for k in sso main; do openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/$k.pem" 2>/dev/null; done
openssl pkey -in "$WORK/main.pem" -pubout -out "$WORK/main.pub.pem"
N=$(openssl rsa -in "$WORK/sso.pem" -noout -modulus 2>/dev/null | cut -d= -f2 | xxd -r -p | b64url)
mkdir -p "$WORK/jwks/api/auth"
printf '{"keys":[{"kty":"RSA","kid":"bench-sso","use":"sig","alg":"RS256","e":"AQAB","n":"%s"}]}' "$N" > "$WORK/jwks/api/auth/jwks"
(cd "$WORK/jwks" && exec python3 -m http.server 18099 --bind 127.0.0.1) > "$WORK/jwks.log" 2>&1 &
JWKS_PID=$!

# --- the database: one department, four services, a staff member, APPS applications over 2,000 students -----------
"${PSQL[@]}" -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"
if [[ -n "$NATIVE" ]]; then
  [[ -x services/target/services-1.0.0-SNAPSHOT-runner ]] || { echo "build it first: ./mvnw package -Dnative -DskipTests -pl services -am" >&2; exit 1; }
  CMD=(services/target/services-1.0.0-SNAPSHOT-runner -Xmx128m)
else
  [[ -f services/target/quarkus-app/quarkus-run.jar ]] || ./mvnw -B -q package -DskipTests -pl services -am
  CMD=("$JAVA_HOME/bin/java" -Xms32m -Xmx256m -XX:+UseParallelGC -jar services/target/quarkus-app/quarkus-run.jar)
fi
DB_NAME=$DB SSO_URL=http://127.0.0.1:18099 LAUNCH_TOKEN_PUBLIC_KEYS="$WORK/main.pub.pem" \
  SERVICES_SSO_RETRY_EVERY=off QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE="$(nproc)" QUARKUS_HTTP_IO_THREADS="$(nproc)" \
  QUARKUS_LOG_LEVEL=WARN "${CMD[@]}" > "$WORK/services.log" 2>&1 &
PID=$!
SVC=http://127.0.0.1:8084
for _ in $(seq 1 120); do curl -fsS -o /dev/null "$SVC/health/readiness" 2>/dev/null && break; sleep 0.5; done
curl -fsS -o /dev/null "$SVC/health/readiness" || { cat "$WORK/services.log" >&2; exit 1; }
SEED_STARTED=$SECONDS
"${PSQL[@]}" -d $DB <<SQL
insert into departments (name) values ('Деканат');
insert into services (department_id, name, form_schema, ordering)
  select 1, 'Справка ' || i, '{"fields":[{"name":"reason","label":"Причина","type":"select","required":true,"options":["visa","work"]},{"name":"scan","label":"Скан","type":"file"}]}', i
  from generate_series(1, 4) i;
insert into staff (department_id, full_name, status, sso_user_id) values (1, 'Bench Staff', 'active', 9001);
insert into executors (department_id, full_name, status, sso_user_id)
  select 1, 'Исполнитель ' || i, 'active', 9100 + i from generate_series(1, 20) i;
insert into applications (service_id, department_id, student_id, student_name, student_email, student_group, form_data, status,
                          executor_id, created_at, updated_at)
  select 1 + i % 4, 1, 1 + i % 2000, 'Студент ' || (1 + i % 2000), 's' || (1 + i % 2000) || '@edu.example',
         '5130904/' || (10000 + i % 300), '{"reason":"visa"}',
         (array['pending','in_progress','completed','rejected'])[1 + i % 4], case when i % 3 = 0 then 1 + i % 20 end,
         now() - make_interval(secs => $APPS - i), now() - make_interval(secs => $APPS - i)
  from generate_series(1, $APPS) i;
insert into history (application_id, actor_kind, actor_id, actor_name, action, to_status)
  select id, 'student', student_id, student_name, 'submitted', 'pending' from applications;
vacuum analyze;
SQL
SEED_SECONDS=$((SECONDS - SEED_STARTED))
NOW=$(date +%s)
STAFF=$(jwt "$WORK/sso.pem" bench-sso "$(printf '{"iss":"campus-sso","sub":"9001","username":"bench","full_name":"Bench Staff","app":"services","role":"staff","entity_id":1,"iat":%d,"exp":%d}' "$NOW" "$((NOW + 3600))")")
STUDENT=$(jwt "$WORK/main.pem" "$(thumbprint "$WORK/main.pem")" "$(printf '{"iss":"campus-main","aud":"services","sub":"777777","name":"Bench Student","email":"b@edu.example","group":"5130904/10101","iat":%d,"exp":%d}' "$NOW" "$((NOW + 3600))")")
curl -fsS "$SVC/api/services/desk/applications?size=1" -H "Authorization: Bearer $STAFF" | head -c 300 >&2; echo >&2

# the listing: the desk's usual questions in turn — the newest page, a status, a service, an executor, unassigned,
# a name search, a page deep in the list
cat > "$WORK/list.lua" <<LUA
local paths = {
  "/api/services/desk/applications",
  "/api/services/desk/applications?status=pending&page=3",
  "/api/services/desk/applications?service_id=2&status=in_progress",
  "/api/services/desk/applications?executor_id=7",
  "/api/services/desk/applications?unassigned=true&sort=-updated_at",
  "/api/services/desk/applications?q=%D1%81%D1%82%D1%83%D0%B4%D0%B5%D0%BD%D1%82%201234",
  "/api/services/desk/applications?page=900&size=100&sort=created_at",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], {["Authorization"] = "Bearer $STAFF"})
end
LUA
# the submit: multipart with the answers and a 1 MB PDF, a new application each time (no Idempotency-Key)
python3 - "$WORK/submit.body" <<'PY'
import sys
boundary = b"----campus-bench-boundary"
pdf = b"%PDF-1.7\n" + b"x" * (1024 * 1024 - 9)
body = (b"--" + boundary + b"\r\nContent-Disposition: form-data; name=\"form\"\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n"
        + '{"reason":"visa"}'.encode() + b"\r\n--" + boundary
        + b"\r\nContent-Disposition: form-data; name=\"scan\"; filename=\"scan.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
        + pdf + b"\r\n--" + boundary + b"--\r\n")
open(sys.argv[1], "wb").write(body)
PY
cat > "$WORK/submit.lua" <<LUA
local f = io.open("$WORK/submit.body", "rb")
wrk.method = "POST"
wrk.body = f:read("*all")
f:close()
wrk.headers["Authorization"] = "Bearer $STUDENT"
wrk.headers["Content-Type"] = "multipart/form-data; boundary=----campus-bench-boundary"
LUA
curl -sS -o /dev/null -w 'one submit: %{http_code}\n' "$SVC/api/services/catalog/1/applications" -H "Authorization: Bearer $STUDENT" \
  -H "Content-Type: multipart/form-data; boundary=----campus-bench-boundary" --data-binary @"$WORK/submit.body" >&2

run() { # name script connections path -> RPS P50 P99 NON2XX
  wrk -t2 -c"$3" -d5s -s "$WORK/$2" "$SVC$4" >/dev/null
  wrk -t2 -c"$3" -d"$DURATION" --latency -s "$WORK/$2" "$SVC$4" > "$WORK/$1.out"
  cat "$WORK/$1.out" >&2
  printf '%s %s %s %s\n' "$(awk '/Requests\/sec/{print $2}' "$WORK/$1.out")" "$(awk '$1=="50%"{print $2}' "$WORK/$1.out")" \
    "$(awk '$1=="99%"{print $2}' "$WORK/$1.out")" "$(awk '/Non-2xx/{print $5}' "$WORK/$1.out" | grep . || echo 0)"
}
read -r L_RPS L_P50 L_P99 L_BAD <<< "$(run list list.lua 64 /)"
read -r S_RPS S_P50 S_P99 S_BAD <<< "$(run submit submit.lua 16 /api/services/catalog/1/applications)"
RSS=$(ps -o rss= -p "$PID" | awk '{printf "%d MB", $1/1024}')
STORED=$("${PSQL[@]}" -d $DB -c "select count(*) || ' files, ' || pg_size_pretty(sum(size)) from files")

{
  echo "# services: the desk's listing over $APPS applications, and submits with a 1 MB file, $LABEL"
  echo
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores; wrk -t2 -d$DURATION on the same machine (wrk and PostgreSQL share the"
  echo "cores with services); services alone against the local PostgreSQL, $LABEL, event loops = cores. One department"
  echo "holds all $APPS applications (seeded with SQL in ${SEED_SECONDS} s, with their history rows), 4 services, 20 executors."
  echo "The listing cycles through seven desk queries: the newest page, a status (page 3), service + status, one"
  echo "executor's, unassigned by last change, a name search (contains, case-insensitive) and page 900 of 100. Every"
  echo "answer carries the total count. One run: compare rows with each other and with the other build's file."
  echo
  echo "| measure | connections | requests/s | p50 | p99 | non-2xx |"
  echo "|---|---|---|---|---|---|"
  echo "| \`GET /api/services/desk/applications\` (7 queries in turn, staff token, own row checked) | 64 | **$L_RPS** | $L_P50 | **$L_P99** | $L_BAD |"
  echo "| \`POST /api/services/catalog/1/applications\` (multipart, 1 MB PDF: sniffed, SHA-256, 4 pieces in PostgreSQL) | 16 | **$S_RPS** | $S_P50 | $S_P99 | $S_BAD |"
  echo
  echo "services' RSS after the load: $RSS. Stored by the submits: $STORED."
} | tee "bench/results/services$SUFFIX.md"
