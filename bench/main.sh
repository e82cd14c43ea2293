#!/usr/bin/env bash
# main: launch tokens issued per second (POST /api/main/miniapps/traffic/launch: a student look-up and an RS256
# signature) and GET /api/main/me under load (p99), for the JVM app or the native executable. main runs alone (neither
# call needs another service) against the local PostgreSQL's campus_main; a bench student is inserted there and its
# session token minted with the runner's launch key (what main signs with).
# Writes bench/results/main[-native].md.
#   bench/main.sh [--native] [--duration 20s] [--connections 16]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=20s; CONNECTIONS=16; NATIVE=""; SUFFIX=""; LABEL="JVM (ParallelGC, -Xmx256m)"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --native) NATIVE=--native; SUFFIX=-native; LABEL="native (-Xmx128m)"; shift ;;
    --duration) DURATION="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
WORK="$(mktemp -d)"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
trap '[[ -n "${PID:-}" ]] && kill "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT

mkdir -p .campus/keys/launch
[[ -f .campus/keys/launch/private.pem ]] || (umask 077; openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out .campus/keys/launch/private.pem 2>/dev/null)
psql -h 127.0.0.1 -U postgres -tAc "select 1 from pg_database where datname='campus_main'" | grep -q 1 || psql -h 127.0.0.1 -U postgres -qc "create database campus_main"
if [[ -n "$NATIVE" ]]; then
  [[ -x main/target/main-1.0.0-SNAPSHOT-runner ]] || { echo "build it first: ./mvnw package -Dnative -DskipTests -pl main -am" >&2; exit 1; }
  CMD=(main/target/main-1.0.0-SNAPSHOT-runner -Xmx128m)
else
  [[ -f main/target/quarkus-app/quarkus-run.jar ]] || ./mvnw -B -q package -DskipTests -pl main -am
  CMD=("$JAVA_HOME/bin/java" -Xms32m -Xmx256m -XX:+UseParallelGC -jar main/target/quarkus-app/quarkus-run.jar)
fi
MAIN_LAUNCH_TOKEN_PRIVATE_KEY=.campus/keys/launch/private.pem MAIN_GRADEBOOK_KEY="$(openssl rand -base64 32)" \
  QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE="$(nproc)" QUARKUS_HTTP_IO_THREADS="$(nproc)" QUARKUS_LOG_LEVEL=WARN \
  "${CMD[@]}" > "$WORK/main.log" 2>&1 &
PID=$!
MAIN=http://127.0.0.1:8085
for _ in $(seq 1 120); do curl -fsS -o /dev/null "$MAIN/health/readiness" 2>/dev/null && break; sleep 0.5; done
curl -fsS -o /dev/null "$MAIN/health/readiness" || { cat "$WORK/main.log" >&2; exit 1; }
STUDENT=$(psql -h 127.0.0.1 -U postgres -d campus_main -qtAc \
  "insert into students (cas_user, full_name, email, group_name) values ('bench.$(date +%s%N)@edu.example', 'Bench Student', 'bench@edu.example', '5130904/20102') returning id")
TOKEN=$(./campus launch-token "$STUDENT" main)
curl -fsS "$MAIN/api/main/me" -H "Authorization: Bearer $TOKEN" >/dev/null

cat > "$WORK/launch.lua" <<LUA
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer $TOKEN"
LUA
cat > "$WORK/me.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $TOKEN"
LUA
run() { # name script path -> RPS P50 P99 NON2XX
  wrk -t2 -c"$CONNECTIONS" -d5s -s "$WORK/$2" "$MAIN$3" >/dev/null
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$WORK/$2" "$MAIN$3" > "$WORK/$1.out"
  cat "$WORK/$1.out" >&2
  printf '%s %s %s %s\n' "$(awk '/Requests\/sec/{print $2}' "$WORK/$1.out")" "$(awk '$1=="50%"{print $2}' "$WORK/$1.out")" \
    "$(awk '$1=="99%"{print $2}' "$WORK/$1.out")" "$(awk '/Non-2xx/{print $5}' "$WORK/$1.out" | grep . || echo 0)"
}
read -r L_RPS L_P50 L_P99 L_BAD <<< "$(run launch launch.lua /api/main/miniapps/traffic/launch)"
read -r M_RPS M_P50 M_P99 M_BAD <<< "$(run me me.lua /api/main/me)"
RSS=$(ps -o rss= -p "$PID" | awk '{printf "%d MB", $1/1024}')

{
  echo "# main: launch tokens and the profile under load, $LABEL"
  echo
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, wrk -t2 -c$CONNECTIONS -d$DURATION on the same machine (wrk shares the"
  echo "cores with main); main alone against the local PostgreSQL, $LABEL, event loops = cores. One run: compare the"
  echo "two rows with each other and with the other build's file, not with other machines."
  echo
  echo "| measure | requests/s | p50 | p99 | non-2xx |"
  echo "|---|---|---|---|---|"
  echo "| \`POST /api/main/miniapps/traffic/launch\` (verify the session token, read the student, sign RS256) | **$L_RPS** | $L_P50 | $L_P99 | $L_BAD |"
  echo "| \`GET /api/main/me\` (verify, read the student and its Telegram link) | **$M_RPS** | $M_P50 | $M_P99 | $M_BAD |"
  echo
  echo "main's RSS after the load: $RSS. A launch is CPU-bound by its RSA-2048 signature (the ratio of the two rows is"
  echo "the signature's cost); the profile is a token check and two indexed reads."
} | tee "bench/results/main$SUFFIX.md"
