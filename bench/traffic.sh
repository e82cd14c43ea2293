#!/usr/bin/env bash
# Traffic's three benchmarks, against the real PostgreSQL, with schedule and SSO played by a WireMock stub:
#   1. teacher sync of 10,000 teachers (then a rerun that must write nothing)   target ≤ 20 s
#   2. kiosk state polling, 500 kiosks over 500 connections                     target p99 ≤ 10 ms
#   3. QR marks, distinct (session, student) pairs, then a duplicate check     target ≥ 3,000 marks/s
#   bench/traffic.sh [--native] [--duration 15s] [--teachers 10000]
# Writes bench/results/traffic[-native].md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
DURATION=15s; TEACHERS=10000; MODE=jvm; KIOSKS=500; SESSIONS=100; STUDENTS=2000
while [[ $# -gt 0 ]]; do
  case "$1" in
    --native) MODE=native; shift ;;
    --duration) DURATION="$2"; shift 2 ;;
    --teachers) TEACHERS="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
PORT=18083; STUB=18091; DB=campus_traffic_bench
WORK="$(mktemp -d)"; mkdir -p "$WORK/stub/mappings" "$WORK/stub/__files"
PSQL=(psql -h 127.0.0.1 -U postgres -qtA)
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

cleanup() {
  for p in "$WORK"/*.pid; do [[ -f "$p" ]] && kill "$(cat "$p")" 2>/dev/null || true; done
  mkdir -p bench/results/tmp && cp "$WORK"/*.log "$WORK"/*.out bench/results/tmp/ 2>/dev/null || true   # git-ignored
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- the application -----------------------------------------------------------------------------------------
if [[ "$MODE" == native ]]; then
  APP=(traffic/target/traffic-1.0.0-SNAPSHOT-runner -Xmx128m)
  [[ -x "${APP[0]}" ]] || { echo "build it first: ./mvnw package -Dnative -DskipTests -pl traffic -am" >&2; exit 1; }
else
  [[ -f traffic/target/quarkus-app/quarkus-run.jar ]] || ./mvnw -B -q package -DskipTests -pl traffic -am
  # shellcheck disable=SC2206
  APP=("$JAVA" ${TRAFFIC_JAVA_OPTS:--Xms64m -Xmx256m -XX:+UseParallelGC} -jar traffic/target/quarkus-app/quarkus-run.jar)
fi
WIREMOCK="$ROOT/.campus/lib/wiremock-standalone-3.13.1.jar"
[[ -f "$WIREMOCK" ]] || ./mvnw -B -q dependency:copy -Dartifact=org.wiremock:wiremock-standalone:3.13.1 -DoutputDirectory="$ROOT/.campus/lib"
CP="$(find ~/.m2/repository/org/bitbucket/b_c/jose4j -name 'jose4j-*.jar' | sort | tail -1):$(find ~/.m2/repository/org/slf4j/slf4j-api -name 'slf4j-api-2*.jar' | sort | tail -1)"
"$JAVA" -cp "$CP" bench/traffic/BenchData.java keys "$WORK"

# --- the stub: schedule's teachers, SSO's JWKS, token and batch provisioning (answers every item as provisioned) -----
python3 - "$WORK" "$TEACHERS" <<'PY'
import json, sys, os
work, n = sys.argv[1], int(sys.argv[2])
m = os.path.join(work, "stub", "mappings")
teachers = {"teachers": [{"id": 100000 + i, "oid": None, "full_name": f"Преподаватель Номер {i}"} for i in range(1, n + 1)]}
json.dump(teachers, open(os.path.join(work, "stub", "__files", "teachers.json"), "w"), ensure_ascii=False)
def mapping(name, body):
    json.dump(body, open(os.path.join(m, name + ".json"), "w"), ensure_ascii=False)
mapping("teachers", {"request": {"method": "GET", "url": "/api/schedule/teachers"},
        "response": {"status": 200, "bodyFileName": "teachers.json", "headers": {"Content-Type": "application/json"}}})
mapping("jwks", {"request": {"method": "GET", "url": "/api/auth/jwks"},
        "response": {"status": 200, "body": open(os.path.join(work, "jwks.json")).read(), "headers": {"Content-Type": "application/json"}}})
mapping("token", {"request": {"method": "POST", "url": "/api/auth/token"},
        "response": {"status": 200, "headers": {"Content-Type": "application/json"},
                     "jsonBody": {"access_token": "stub", "token_type": "Bearer", "expires_in": 3600, "scope": "provision:traffic"}}})
mapping("batch", {"request": {"method": "POST", "url": "/api/provision/traffic/teachers/batch"},
        "response": {"status": 200, "headers": {"Content-Type": "application/json"}, "transformers": ["response-template"],
            "body": "{\"ok\":0,\"failed\":0,\"results\":[{{#each (jsonPath request.body '$.teachers') as |t|}}{{#unless @first}},{{/unless}}"
                    "{\"entity_id\":{{t.entity_id}},\"user\":{\"user_id\":{{t.entity_id}},\"username\":\"t{{t.entity_id}}\","
                    "\"app\":\"traffic\",\"role\":\"teacher\",\"entity_id\":{{t.entity_id}} } }{{/each}}]}"}})
PY
"$JAVA" -jar "$WIREMOCK" --port "$STUB" --root-dir "$WORK/stub" --disable-banner > "$WORK/stub.log" 2>&1 &
echo $! > "$WORK/stub.pid"
for _ in $(seq 1 60); do curl -fsS -o /dev/null "http://127.0.0.1:$STUB/__admin/mappings" 2>/dev/null && break; sleep 0.5; done

"${PSQL[@]}" -c "drop database if exists $DB with (force)" -c "create database $DB"
env DB_NAME=$DB PORT=$PORT SCHEDULE_URL="http://127.0.0.1:$STUB" SSO_URL="http://127.0.0.1:$STUB" SSO_CLIENT_ID=traffic \
  SSO_CLIENT_SECRET=bench LAUNCH_TOKEN_PUBLIC_KEYS="$WORK/public.pem" TRAFFIC_SYNC_CRON=off \
  QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE="$(nproc)" QUARKUS_HTTP_IO_THREADS="$(nproc)" QUARKUS_LOG_LEVEL=WARN \
  "${APP[@]}" > "$WORK/traffic.log" 2>&1 &
echo $! > "$WORK/traffic.pid"
for _ in $(seq 1 120); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/health/readiness" 2>/dev/null && break; sleep 0.5; done
"$JAVA" -cp "$CP" bench/traffic/BenchData.java tokens "$WORK" 1 /dev/null
ADMIN="Authorization: Bearer $(cat "$WORK/admin.token")"
T="http://127.0.0.1:$PORT/api/traffic"

# --- 1. teacher sync ------------------------------------------------------------------------------------------
sync_run() { # → seconds, and the finished run's JSON in $WORK/run.json
  local start end
  start=$(date +%s.%N)
  curl -fsS -X POST -H "$ADMIN" "$T/admin/teacher-sync" > /dev/null
  while :; do
    curl -fsS -H "$ADMIN" "$T/admin/teacher-sync" > "$WORK/status.json"
    python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); sys.exit(0 if s.get("running") is None and s.get("last") else 1)' "$WORK/status.json" && break
    sleep 0.1
  done
  end=$(date +%s.%N)
  python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["last"]))' "$WORK/status.json" > "$WORK/run.json"
  awk -v a="$start" -v b="$end" 'BEGIN{printf "%.2f", b-a}'
}
field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$WORK/run.json" "$1"; }
batches() { curl -fsS -X POST "http://127.0.0.1:$STUB/__admin/requests/count" -d '{"method":"POST","url":"/api/provision/traffic/teachers/batch"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])'; }
SYNC1=$(sync_run); S1_STATUS=$(field status); S1_CREATED=$(field created); S1_PROV=$(field provisioned); B1=$(batches)
ROWS_BEFORE=$("${PSQL[@]}" -d $DB -c "select sum(xmin::text::bigint) from teachers")
SYNC2=$(sync_run); S2_STATUS=$(field status); S2_CREATED=$(field created); S2_UPDATED=$(field updated); S2_UNCHANGED=$(field unchanged)
S2_PROV=$(field provisioned); B2=$(( $(batches) - B1 ))
ROWS_AFTER=$("${PSQL[@]}" -d $DB -c "select sum(xmin::text::bigint) from teachers")
REWRITTEN=$([[ "$ROWS_BEFORE" == "$ROWS_AFTER" ]] && echo no || echo YES)
echo "sync: $SYNC1 s ($S1_STATUS, created $S1_CREATED, provisioned $S1_PROV in $B1 batches); rerun $SYNC2 s ($S2_STATUS, created $S2_CREATED, updated $S2_UPDATED, unchanged $S2_UNCHANGED, provisioned $S2_PROV, $B2 batches, rows rewritten: $REWRITTEN)" >&2

# --- 2. kiosk polling -------------------------------------------------------------------------------------------------
"${PSQL[@]}" -d $DB > "$WORK/kiosks.txt" <<SQL
with k as (
  insert into kiosks (device_id, secret_hash, display_pin, building_id, building_name, room_id, room_name, registered_at)
  select md5(i::text || 'device')::uuid, sha256(convert_to(substr(md5(i::text) || md5(i::text || 'x'), 1, 43), 'UTF8')),
         lpad(i::text, 6, '0'), 17, 'Главный корпус', 1000 + i, (100 + i)::text, now()
  from generate_series(1, $KIOSKS) i
  returning id, room_id)
select substr(md5((room_id - 1000)::text) || md5((room_id - 1000)::text || 'x'), 1, 43) from k;
SQL
"${PSQL[@]}" -d $DB -c "insert into attendance_sessions (kiosk_id, teacher_id, teacher_name, discipline, lesson, lesson_date, lesson_start,
    lesson_end, room_name, building_name, secret, rotation_seconds, expires_at)
  select k.id, (select min(id) from teachers), 'Преподаватель Номер 1', 'Физика ' || k.id, '{}'::jsonb, current_date, '10:00', '11:30',
         k.room_name, k.building_name, sha256(convert_to(k.id::text, 'UTF8')), 300, now() + interval '1 hour'
  from kiosks k where k.id % 5 = 0"
python3 - "$WORK" <<'PY'
import sys, os
work = sys.argv[1]
secrets = [l.strip() for l in open(os.path.join(work, "kiosks.txt")) if l.strip()]
with open(os.path.join(work, "poll.lua"), "w") as f:
    f.write("local secrets = {" + ",".join('"%s"' % s for s in secrets) + "}\n")
    f.write("""
local n = 0
-- "offset" is a global: thread:set() writes globals of the thread's Lua state
function setup(thread) thread:set("offset", math.random(1, #secrets)) end
function init(args) offset = tonumber(offset) or 0 end
function request()
  n = n + 1
  local s = secrets[((n + offset) % #secrets) + 1]
  return wrk.format("GET", "/api/traffic/kiosks/state", {["Authorization"] = "Bearer " .. s})
end
""")
PY
wrk -t2 -c64 -d5s -s "$WORK/poll.lua" "http://127.0.0.1:$PORT" > /dev/null   # warm-up: JIT and the state cache
wrk -t2 -c500 -d"$DURATION" --latency -s "$WORK/poll.lua" "http://127.0.0.1:$PORT" > "$WORK/poll500.out"
wrk -t2 -c64 -d"$DURATION" --latency -s "$WORK/poll.lua" "http://127.0.0.1:$PORT" > "$WORK/poll64.out"
# paced: every connection (kiosk) waits 100 ms between polls, 20-50× more often than a real kiosk
{ cat "$WORK/poll.lua"; echo 'function delay() return 100 end'; } > "$WORK/poll-paced.lua"
wrk -t2 -c500 -d"$DURATION" --latency -s "$WORK/poll-paced.lua" "http://127.0.0.1:$PORT" > "$WORK/poll500paced.out"
# the realistic load: 500 kiosks each polling every 2 s is 250 req/s; wrk has no rate control, so this is the
# saturated worst case (every connection sends its next request the moment the last answer arrives)
# the box's floor: nginx answering the same bytes from memory, same 500 connections, same wrk
if ! command -v nginx >/dev/null 2>&1; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d   # do not start a system nginx
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null; rm -f /usr/sbin/policy-rc.d
fi
mkdir -p "$WORK/www"
curl -fsS -H "Authorization: Bearer $(sed -n 5p "$WORK/kiosks.txt")" "$T/kiosks/state" > "$WORK/www/state"
cat > "$WORK/nginx.conf" <<NGINX
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 4096; }
http { access_log off; open_file_cache max=16; default_type application/json; keepalive_requests 1000000;
  client_body_temp_path $WORK; proxy_temp_path $WORK; fastcgi_temp_path $WORK; uwsgi_temp_path $WORK; scgi_temp_path $WORK;
  server { listen 127.0.0.1:18099; root $WORK/www; } }
NGINX
nginx -c "$WORK/nginx.conf"; sleep 0.5
wrk -t2 -c500 -d"$DURATION" --latency "http://127.0.0.1:18099/state" > "$WORK/nginx500.out"
kill "$(cat "$WORK/nginx.pid")"; rm -f "$WORK/nginx.pid"
cat "$WORK/poll500.out" >&2
rps() { awk '/Requests\/sec/{print $2}' "$1"; }
pct() { awk -v p="$2" '$1==p{print $2}' "$1"; }
errs() { local e; e=$(awk '/Non-2xx/{print $5}' "$1"); echo "${e:-0}"; }

# --- 3. marks -------------------------------------------------------------------------------------------------------------
"${PSQL[@]}" -d $DB -c "insert into attendance_sessions (kiosk_id, teacher_id, teacher_name, discipline, lesson, lesson_date, lesson_start,
    lesson_end, room_name, building_name, secret, rotation_seconds, expires_at, status, ended_at)
  select null, (select min(id) from teachers), 'Преподаватель', 'Лекция ' || i, '{}'::jsonb, current_date, '10:00', '11:30',
         'room', 'building', sha256(convert_to('bench' || i, 'UTF8')), 300, now() + interval '1 hour', 'active', null
  from generate_series(1, $SESSIONS) i"
"${PSQL[@]}" -d $DB -c "select id, encode(secret, 'hex'), rotation_seconds from attendance_sessions where kiosk_id is null order by id" > "$WORK/sessions.txt"
sed -i 's/|/ /g' "$WORK/sessions.txt"
"$JAVA" -cp "$CP" bench/traffic/BenchData.java tokens "$WORK" "$STUDENTS" "$WORK/sessions.txt"
python3 - "$WORK" <<'PY'
import sys, os
work = sys.argv[1]
tokens = [l.strip() for l in open(os.path.join(work, "launch.tokens")) if l.strip()]
qr = [l.split() for l in open(os.path.join(work, "qr.tokens")) if l.strip()]
with open(os.path.join(work, "marks.lua"), "w") as f:
    f.write("local students = {" + ",".join('"%s"' % t for t in tokens) + "}\n")
    f.write("local sessions = {" + ",".join('{%s,"%s"}' % (s, t) for s, t in qr) + "}\n")
    f.write("""
local n = 0
-- "first" is a global: thread:set() writes globals of the thread's Lua state
function setup(thread)
  thread:set("first", #thread_list_count_placeholder)
end
""".replace('thread:set("first", #thread_list_count_placeholder)', 'thread_count = (thread_count or 0) + 1; thread:set("first", thread_count - 1)'))
    f.write("""
function init(args) first = tonumber(first) or 0 end
function request()
  -- pair k = n * 2 + first (two threads interleave): every (session, student) pair at most once
  local k = n * 2 + first
  n = n + 1
  local st = students[(k % #students) + 1]
  local se = sessions[(math.floor(k / #students) % #sessions) + 1]
  return wrk.format("POST", "/api/traffic/sessions/" .. se[1] .. "/marks",
    {["Authorization"] = "Bearer " .. st, ["Content-Type"] = "application/json"}, '{"qr_token":"' .. se[2] .. '"}')
end
""")
PY
BEFORE=$("${PSQL[@]}" -d $DB -c "select count(*) from marks")
wrk -t2 -c64 -d"$DURATION" --latency -s "$WORK/marks.lua" "http://127.0.0.1:$PORT" > "$WORK/marks.out"
AFTER=$("${PSQL[@]}" -d $DB -c "select count(*) from marks")
DUPES=$("${PSQL[@]}" -d $DB -c "select count(*) - count(distinct (session_id, student_id)) from marks")
cat "$WORK/marks.out" >&2
SECS=$(awk '/requests in/{for(i=1;i<=NF;i++) if($i ~ /s,$/){gsub(/s,/,"",$i); print $i}}' "$WORK/marks.out")
MARKS_PER_S=$(awk -v a="$BEFORE" -v b="$AFTER" -v s="$SECS" 'BEGIN{printf "%.0f", (b-a)/s}')
echo "marks: $((AFTER - BEFORE)) rows in $SECS s = $MARKS_PER_S marks/s; duplicate rows: $DUPES" >&2
RSS=$(awk '/VmRSS/{printf "%.1f", $2/1024}' "/proc/$(cat "$WORK/traffic.pid")/status")

SUFFIX=""; [[ "$MODE" == native ]] && SUFFIX="-native"
OUT="bench/results/traffic$SUFFIX.md"
cat > "$OUT" <<MD
# traffic benchmarks ($MODE) — $(date -u +%Y-%m-%d), $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo)

Script: \`bench/traffic.sh${SUFFIX:+ --native}\` (wrk on the same 2 cores as traffic and PostgreSQL; schedule and SSO
played by WireMock). RSS of traffic after the runs: $RSS MB.

## Teacher sync, $TEACHERS teachers (target ≤ 20 s; rerun writes nothing)

| run | wall time | status | created | updated | unchanged | provisioned | SSO batches |
|---|---|---|---|---|---|---|---|
| first | $SYNC1 s | $S1_STATUS | $S1_CREATED | — | — | $S1_PROV | $B1 |
| rerun | $SYNC2 s | $S2_STATUS | $S2_CREATED | $S2_UPDATED | $S2_UNCHANGED | $S2_PROV | $B2 |

Teacher rows rewritten by the rerun: **$REWRITTEN**. Batches of 500, paced at 5 batches/s toward SSO (the defaults).

## Kiosk state poll, $KIOSKS kiosks (1 in 5 with an active session) (target p99 ≤ 10 ms at 500 connections)

| connections | requests/s | p50 | p90 | p99 | non-2xx |
|---|---|---|---|---|---|
| 500 | $(rps "$WORK/poll500.out") | $(pct "$WORK/poll500.out" 50%) | $(pct "$WORK/poll500.out" 90%) | $(pct "$WORK/poll500.out" 99%) | $(errs "$WORK/poll500.out") |
| 64 | $(rps "$WORK/poll64.out") | $(pct "$WORK/poll64.out" 50%) | $(pct "$WORK/poll64.out" 90%) | $(pct "$WORK/poll64.out" 99%) | $(errs "$WORK/poll64.out") |
| nginx, same body from memory, 500 (the box's floor) | $(rps "$WORK/nginx500.out") | $(pct "$WORK/nginx500.out" 50%) | $(pct "$WORK/nginx500.out" 90%) | $(pct "$WORK/nginx500.out" 99%) | $(errs "$WORK/nginx500.out") |
| 500, each polling every 100 ms | $(rps "$WORK/poll500paced.out") | $(pct "$WORK/poll500paced.out" 50%) | $(pct "$WORK/poll500paced.out" 90%) | $(pct "$WORK/poll500paced.out" 99%) | $(errs "$WORK/poll500paced.out") |

wrk is closed-loop: 500 connections each sending the next poll the moment an answer arrives is a saturated worst
case (500 kiosks polling every 2 s would be 250 requests/s).

## Marks (target ≥ 3,000 marks/s sustained, zero duplicates)

$STUDENTS students × $SESSIONS active sessions, every request a new (session, student) pair with a valid QR token and
launch token (RS256 verified per request), 64 connections, $DURATION.

| new mark rows | marks/s | requests/s | p50 | p99 | non-2xx | duplicate rows after |
|---|---|---|---|---|---|---|
| $((AFTER - BEFORE)) | $MARKS_PER_S | $(rps "$WORK/marks.out") | $(pct "$WORK/marks.out" 50%) | $(pct "$WORK/marks.out" 99%) | $(errs "$WORK/marks.out") | $DUPES |
MD
echo "written: $OUT" >&2
cat "$OUT"
