#!/usr/bin/env bash
# Native vs JVM, same run, per service: time from process start to the first successful API response,
# RSS idle and after a short load, requests/s on one read endpoint.
#   bench/native-vs-jvm.sh [--duration 15s] [--only SERVICE]
# Needs both artifacts: ./mvnw package -DskipTests and ./mvnw package -Dnative -DskipTests (GRAALVM_HOME set).
# Targets (2-core box): native first response ≤ 0.1 s (schedule), ≤ 0.2 s (database services); idle RSS ≤ 60 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=15s; ONLY=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
VERSION=1.0.0-SNAPSHOT
STUB_PORT=8090
WORK="$(mktemp -d)"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

# service | port | read endpoint (a cache hit after the first call) | extra env
SERVICES=(
  "schedule|8082|/api/schedule/groups/35384/week?date=2026-11-18|RUZ_BASE_URL=http://127.0.0.1:$STUB_PORT"
  "sso|8081|/api/auth/jwks|DB_NAME=campus_sso SSO_JWT_KEY_DIR=$PWD/.campus/keys/sso"
  "traffic|8083|/health/readiness|DB_NAME=campus_traffic TRAFFIC_SYNC_CRON=off"
)

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

source bench/lib.sh
bench_ruz_stub "$STUB_PORT"

measure() { # name port endpoint env mode → one table row
  local name="$1" port="$2" endpoint="$3" env="$4" mode="$5" cmd start pid first_ms idle load rps
  if [[ "$mode" == native ]]; then
    cmd=("$name/target/$name-$VERSION-runner" -Xmx128m)
  else
    cmd=("$JAVA_HOME/bin/java" -Xms32m -Xmx256m -XX:+UseParallelGC -jar "$name/target/quarkus-app/quarkus-run.jar")
  fi
  [[ -x "${cmd[0]}" || -f "${cmd[-1]}" ]] || { echo "| $name | $mode | (not built) | | | |"; return; }
  timed_start "$WORK/$name-$mode.log" "http://127.0.0.1:$port$endpoint" PORT="$port" $env "${cmd[@]}" || return 1
  pid=$STARTED_PID; first_ms=$FIRST_MS
  sleep 3
  idle=$(rss_mb "$pid")
  wrk -t2 -c64 -d"$DURATION" "http://127.0.0.1:$port$endpoint" > "$WORK/wrk.out"
  rps=$(awk '/Requests\/sec/{print $2}' "$WORK/wrk.out")
  load=$(rss_mb "$pid")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "| $name | $mode | $first_ms | $idle | $load | $rps |"
}

{
  echo "# Native vs JVM"
  echo
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores. First response: process start → first 200 on the endpoint"
  echo "(which includes one call to the local RUZ stub). Load: \`wrk -t2 -c64 -d$DURATION\` on the same endpoint (cache hits)."
  echo "JVM: Temurin 25, \`-Xms32m -Xmx256m -XX:+UseParallelGC\`; native: \`-Xmx128m\`; event loops = cores (as ./campus runs them)."
  echo
  echo "| service | mode | first response ms | RSS idle MB | RSS after load MB | requests/s |"
  echo "|---|---|---:|---:|---:|---:|"
  for entry in "${SERVICES[@]}"; do
    IFS='|' read -r name port endpoint env <<< "$entry"
    [[ -n "$ONLY" && "$name" != "$ONLY" ]] && continue
    if [[ "$env" == *campus_* ]]; then psql -h 127.0.0.1 -U postgres -tAc "select 1 from pg_database where datname='campus_$name'" | grep -q 1 || psql -h 127.0.0.1 -U postgres -qc "create database campus_$name"; fi
    measure "$name" "$port" "$endpoint" "$env" jvm
    measure "$name" "$port" "$endpoint" "$env" native
  done
} | tee "$WORK/result.md"
cp "$WORK/result.md" "bench/results/native-vs-jvm${ONLY:+-$ONLY}.md"
