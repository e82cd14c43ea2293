#!/usr/bin/env bash
# Events end to end: services' outbox → its relay → RabbitMQ → the bot's notifier (inbox, delivery rows) → a fake Bot API.
# services (JVM) runs only for its relay: events are written straight into its outbox with SQL, as submits' transactions
# would, at a steady rate or in one burst. The bot (JVM) asks a WireMock fake of main for each student's chat and sends to
# a WireMock fake of Telegram. Everything runs on this machine (2 cores shared by PostgreSQL, RabbitMQ, WireMock, both
# services). Latency = the delivery row's "sent" time − the outbox row's creation (both from PostgreSQL's clock).
#   phase 1: Telegram's limits lifted (BOT_TELEGRAM_GLOBAL_PER_SECOND=100000): what the pipeline itself does
#   phase 2: Telegram's limits (30/s in all, 1/s per chat): the notifier's throughput and the busiest second
# Writes bench/results/events.md.
#   bench/events.sh [--steady 3000] [--rate 100] [--burst 3000] [--limited 600]
set -euo pipefail
cd "$(dirname "$0")/.."
STEADY=3000; RATE=100; BURST=3000; LIMITED=600
while [[ $# -gt 0 ]]; do
  case "$1" in
    --steady) STEADY="$2"; shift 2 ;;
    --rate) RATE="$2"; shift 2 ;;
    --burst) BURST="$2"; shift 2 ;;
    --limited) LIMITED="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
WORK="$(mktemp -d)"
WM_PORT=18098
VHOST=campus-bench
SVC_DB=campus_services_bench
BOT_DB=campus_bot_bench
PSQL=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qtA)
trap 'for p in ${SVC_PID:-} ${BOT_PID:-} ${WM_PID:-}; do kill "$p" 2>/dev/null; done; cp "$WORK"/*.log /tmp/ 2>/dev/null; rm -rf "$WORK"' EXIT

for m in services bot; do
  [[ -f $m/target/quarkus-app/quarkus-run.jar ]] || ./mvnw -B -q package -DskipTests -pl $m -am
done
jar=".campus/lib/wiremock-standalone-3.13.1.jar"
[[ -f $jar ]] || ./mvnw -B -q dependency:copy -Dartifact=org.wiremock:wiremock-standalone:3.13.1 -DoutputDirectory=.campus/lib

# --- fakes: main (a student's chat = 10^9 + student id), SSO's token, Telegram's sendMessage -------------------------
mkdir -p "$WORK/wm/mappings"
cat > "$WORK/wm/mappings/fakes.json" <<'JSON'
{"mappings": [
 {"request": {"method": "POST", "url": "/api/auth/token"},
  "response": {"status": 200, "headers": {"Content-Type": "application/json"},
               "jsonBody": {"access_token": "bench", "token_type": "Bearer", "expires_in": 86400, "scope": "telegram:link telegram:notify"}}},
 {"request": {"method": "GET", "urlPathPattern": "/api/main/internal/telegram/students/[0-9]+"},
  "response": {"status": 200, "headers": {"Content-Type": "application/json"}, "transformers": ["response-template"],
               "body": "{\"telegram_id\":{{math 1000000000 '+' request.pathSegments.[5]}},\"username\":\"s\",\"linked_at\":\"2026-12-01T00:00:00Z\"}"}},
 {"request": {"method": "POST", "urlPathPattern": "/bot[^/]+/sendMessage"},
  "response": {"status": 200, "headers": {"Content-Type": "application/json"},
               "jsonBody": {"ok": true, "result": {"message_id": 1, "date": 1700000000, "chat": {"id": 1, "type": "private"}}}}}
]}
JSON
"$JAVA" -Xmx256m -jar "$jar" --port $WM_PORT --root-dir "$WORK/wm" --disable-banner --no-request-journal \
  --container-threads 32 > "$WORK/wiremock.log" 2>&1 &
WM_PID=$!

# --- databases and a vhost of the bench's own ----------------------------------------------------------------------
for db in $SVC_DB $BOT_DB; do "${PSQL[@]}" -d postgres -c "drop database if exists $db with (force)" -c "create database $db"; done
rabbitmqctl -q delete_vhost $VHOST >/dev/null 2>&1 || true
rabbitmqctl -q add_vhost $VHOST >/dev/null && rabbitmqctl -q set_permissions -p $VHOST guest '.*' '.*' '.*' >/dev/null
BROKER="amqp://guest:guest@127.0.0.1:5672/$VHOST"

ready() { for _ in $(seq 1 120); do curl -fsS -o /dev/null "$1/health/readiness" 2>/dev/null && return 0; sleep 0.5; done; return 1; }
COMMON_ENV=(QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE="$(nproc)" QUARKUS_HTTP_IO_THREADS="$(nproc)" QUARKUS_LOG_LEVEL=WARN RABBITMQ_URL="$BROKER")
env "${COMMON_ENV[@]}" DB_NAME=$SVC_DB SERVICES_SSO_RETRY_EVERY=off \
  "$JAVA" -Xms32m -Xmx256m -XX:+UseParallelGC -jar services/target/quarkus-app/quarkus-run.jar > "$WORK/services.log" 2>&1 &
SVC_PID=$!
ready http://127.0.0.1:8084 || { cat "$WORK/services.log" >&2; exit 1; }

start_bot() {
  env "${COMMON_ENV[@]}" DB_NAME=$BOT_DB SSO_URL=http://127.0.0.1:$WM_PORT MAIN_URL=http://127.0.0.1:$WM_PORT \
    TELEGRAM_API_URL=http://127.0.0.1:$WM_PORT TELEGRAM_BOT_TOKEN=1:bench TELEGRAM_WEBHOOK_SECRET=bench \
    SSO_CLIENT_ID=bot SSO_CLIENT_SECRET=bench BOT_TELEGRAM_GLOBAL_PER_SECOND="$1" \
    "$JAVA" -Xms32m -Xmx256m -XX:+UseParallelGC -jar bot/target/quarkus-app/quarkus-run.jar > "$WORK/bot-$1.log" 2>&1 &
  BOT_PID=$!
  ready http://127.0.0.1:8086 || { cat "$WORK/bot-$1.log" >&2; exit 1; }
}

# events $1 .. $2 (student ids, so every event has its own chat), $3 per batch, a batch every $4 seconds
emit() {
  "${PSQL[@]}" -d $SVC_DB <<SQL
do \$\$
declare first bigint := $1; last bigint := $2; batch int := $3;
begin
  while first <= last loop
    insert into outbox (id, routing_key, payload, created_at)
      select u.id, 'services.application.status_changed',
             jsonb_build_object('id', u.id, 'type', 'services.application.status_changed', 'version', 1,
               'occurred_at', clock_timestamp(), 'data', jsonb_build_object('application_id', u.s, 'department_id', 1,
               'student_id', u.s, 'from', 'pending', 'to', 'in_progress', 'by', 'executor')),
             clock_timestamp()
      from (select gen_random_uuid() as id, s from generate_series(first, least(first + batch - 1, last)) s) u;
    perform pg_notify('campus_outbox', '');
    commit;
    first := first + batch;
    perform pg_sleep($4);
  end loop;
end \$\$;
SQL
}

wait_sent() { # $1 = expected deliveries in total
  local deadline=$((SECONDS + 600))
  while (( SECONDS < deadline )); do
    [[ $("${PSQL[@]}" -d $BOT_DB -c "select count(*) from deliveries where status = 'sent'") -ge $1 ]] && return 0
    sleep 0.5
  done
  echo "timed out waiting for $1 deliveries" >&2; exit 1
}

# per-event latency (ms) and the run's span, from the two databases; prints "count p50 p99 max events_per_s busiest_second"
measure() { # $1 = first student id, $2 = last
  "${PSQL[@]}" -d $SVC_DB -c "copy (select id, extract(epoch from created_at) from outbox) to stdout with csv" > "$WORK/outbox.csv"
  "${PSQL[@]}" -d $BOT_DB -c "copy (select event_id, extract(epoch from updated_at) from deliveries where status = 'sent'
      and chat_id between 1000000000 + $1 and 1000000000 + $2) to stdout with csv" > "$WORK/sent.csv"
  python3 - "$WORK/outbox.csv" "$WORK/sent.csv" <<'PY'
import csv, sys, collections
created = {r[0]: float(r[1]) for r in csv.reader(open(sys.argv[1]))}
sent = [(r[0], float(r[1])) for r in csv.reader(open(sys.argv[2]))]
lat = sorted((t - created[i]) * 1000 for i, t in sent)
q = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))]
start = min(created[i] for i, _ in sent); end = max(t for _, t in sent)
per_second = collections.Counter(int(t) for _, t in sent)
print(f"{len(lat)} {q(0.5):.0f} {q(0.99):.0f} {lat[-1]:.0f} {len(lat) / (end - start):.0f} {max(per_second.values())}")
PY
}

echo "phase 1: limits lifted (after a warm-up of 1,000 events, not counted)"
start_bot 100000
WARM=1000
emit 900000001 $((900000000 + WARM)) 100 0.2
wait_sent $WARM
emit 1 "$STEADY" $((RATE / 10)) 0.1
wait_sent $((WARM + STEADY))
read -r S_N S_P50 S_P99 S_MAX S_RATE S_PEAK < <(measure 1 "$STEADY")
B0=$((STEADY + 1)); B1=$((STEADY + BURST))
emit $B0 $B1 "$BURST" 0
wait_sent $((WARM + STEADY + BURST))
read -r B_N B_P50 B_P99 B_MAX B_RATE B_PEAK < <(measure $B0 $B1)
kill $BOT_PID; wait $BOT_PID 2>/dev/null || true

echo "phase 2: Telegram's limits"
start_bot 30
L0=$((B1 + 1)); L1=$((B1 + LIMITED))
emit $L0 $L1 "$LIMITED" 0
wait_sent $((WARM + STEADY + BURST + LIMITED))
read -r L_N L_P50 L_P99 L_MAX L_RATE L_PEAK < <(measure $L0 $L1)
RELAY=$("${PSQL[@]}" -d $SVC_DB -c "select round(count(*) / extract(epoch from max(sent_at) - min(created_at))) from outbox
    where (payload->'data'->>'student_id')::bigint between $B0 and $B1")

cat > bench/results/events.md <<MD
# Events end to end: outbox → relay → RabbitMQ → notifier → Bot API (JVM)

$(date -u +%Y-%m-%d), bench/events.sh on this machine ($(nproc) cores, shared by PostgreSQL, RabbitMQ, WireMock and both
services). services (its relay only) and the bot as JVM apps (ParallelGC, -Xmx256m); main and Telegram are WireMock fakes.
Each event is a status change of another student (so another chat); 1,000 events warm the JVMs up first. Latency: the delivery's "sent" time minus the outbox
row's creation, both from PostgreSQL's clock.

| run | events | delivered/s | latency p50 | p99 | max | busiest second |
|---|---|---|---|---|---|---|
| steady ${RATE}/s, limits lifted | $S_N | $S_RATE | $S_P50 ms | $S_P99 ms | $S_MAX ms | $S_PEAK |
| burst of $BURST, limits lifted | $B_N | $B_RATE | $B_P50 ms | $B_P99 ms | $B_MAX ms | $B_PEAK |
| burst of $LIMITED, Telegram's limits (30/s, 1/s per chat) | $L_N | $L_RATE | $L_P50 ms | $L_P99 ms | $L_MAX ms | $L_PEAK |

The relay alone published the burst of $BURST at $RELAY events/s (outbox row created → broker confirmed and marked sent).
MD
cat bench/results/events.md
