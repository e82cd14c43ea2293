#!/usr/bin/env bash
# A/B of schedule's cache-hit path: this tree against another revision, side by side in one run.
#   bench/ab-schedule.sh <base-revision> [--rounds 5] [--duration 10s] [--connections 64] [--out results/ab-schedule.md] [--a-env 'VAR=value ...']
# Builds the base revision's schedule in a temporary git worktree, starts both JVM apps with the runner's flags
# against one RUZ stub (./campus), warms both, then alternates wrk rounds (A, B, A, B, ...) and reports medians and
# CPU per request of each. Writes bench/results/ab-schedule.md (or --out, relative to bench/).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
BASE="${1:?usage: bench/ab-schedule.sh <base-revision> [--rounds N] [--duration 10s] [--connections N]}"; shift
ROUNDS=5; DURATION=10s; CONNECTIONS=64; OUT=results/ab-schedule.md; A_ENV=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --a-env) A_ENV="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
WORK="$(mktemp -d)"; BASE_TREE="$WORK/base"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; ./campus down >/dev/null 2>&1 || true
  git worktree remove --force "$BASE_TREE" >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT

QUERY="/api/schedule/groups/35384/week?date=2026-11-18"
./campus down >/dev/null 2>&1 || true
./campus up --stub-upstreams >/dev/null            # builds this tree, starts the RUZ stub (and the services)
kill "$(cat .campus/run/schedule.pid)"; sleep 1    # schedule runs below, twice, with identical flags

git worktree add --detach "$BASE_TREE" "$BASE" >/dev/null
(cd "$BASE_TREE" && ./mvnw -B -q package -DskipTests -pl schedule -am)

start() { # jar port [VAR=value ...] → pid
  env ${3:-} RUZ_BASE_URL=http://127.0.0.1:8090 PORT="$2" QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE="$(nproc)" QUARKUS_HTTP_IO_THREADS="$(nproc)" \
    nohup "$JAVA_HOME/bin/java" -Xms32m -Xmx256m -XX:+UseParallelGC -jar "$1" > "$WORK/$2.log" 2>&1 &
  echo $!
}
A_PID=$(start "$ROOT/schedule/target/quarkus-app/quarkus-run.jar" 18082 "$A_ENV"); PIDS+=("$A_PID")
B_PID=$(start "$BASE_TREE/schedule/target/quarkus-app/quarkus-run.jar" 18092); PIDS+=("$B_PID")
for port in 18082 18092; do
  for _ in $(seq 1 120); do curl -fsS -o /dev/null "http://127.0.0.1:$port/health/readiness" 2>/dev/null && break; sleep 0.5; done
  curl -fsS -o /dev/null "http://127.0.0.1:$port$QUERY"
done

to_ms() { awk -v v="$1" 'BEGIN{ if (v ~ /us$/) {sub(/us$/,"",v); printf "%.3f", v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v); printf "%.3f", v} else if (v ~ /s$/) {sub(/s$/,"",v); printf "%.3f", v*1000} else print v }'; }
median() { sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
round() { # port pid → "rps p99_ms cpu_us_per_request"
  local before after rps p99 requests
  before=$(cpu_ticks "$2")
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$1$QUERY" > "$WORK/wrk.out"
  after=$(cpu_ticks "$2")
  rps=$(awk '/Requests\/sec/{print $2}' "$WORK/wrk.out")
  p99=$(to_ms "$(awk '$1=="99%"{print $2}' "$WORK/wrk.out")")
  requests=$(awk '/requests in/{print $1}' "$WORK/wrk.out")
  echo "$rps $p99 $(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN{printf "%.2f", t / hz * 1e6 / n}')"
}
# warm-up (JIT) for both, then alternate
wrk -t2 -c"$CONNECTIONS" -d20s "http://127.0.0.1:18082$QUERY" >/dev/null
wrk -t2 -c"$CONNECTIONS" -d20s "http://127.0.0.1:18092$QUERY" >/dev/null
: > "$WORK/a"; : > "$WORK/b"
for _ in $(seq 1 "$ROUNDS"); do
  round 18082 "$A_PID" >> "$WORK/a"
  round 18092 "$B_PID" >> "$WORK/b"
done
col() { cut -d' ' -f"$1" "$2" | median; }
{
  echo "# schedule cache hit: this tree (A) vs $BASE (B), side by side"
  echo
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores; both as JVM apps with the runner's flags (ParallelGC, event loops = cores),"
  echo "one RUZ stub; \`wrk -t2 -c$CONNECTIONS -d$DURATION --latency\` on \`GET $QUERY\` (a cache hit), a 20 s warm-up each, then"
  echo "$ROUNDS alternating rounds (A, B, A, B, ...); medians. CPU per request = the process's CPU time during a round / its requests."
  echo "wrk shares the 2 cores with the server under test; compare the two rows, not the absolute numbers."
  echo
  echo "| build | requests/s | p99 ms | CPU µs/request |"
  echo "|---|---:|---:|---:|"
  echo "| A: $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes')${A_ENV:+ with $A_ENV} | $(col 1 "$WORK/a") | $(col 2 "$WORK/a") | $(col 3 "$WORK/a") |"
  echo "| B: $(git rev-parse --short "$BASE") | $(col 1 "$WORK/b") | $(col 2 "$WORK/b") | $(col 3 "$WORK/b") |"
  echo
  echo "- rounds A (rps p99 cpu): $(paste -sd ';' "$WORK/a")"
  echo "- rounds B (rps p99 cpu): $(paste -sd ';' "$WORK/b")"
} > "$WORK/result.md"
cat "$WORK/result.md"
cp "$WORK/result.md" "bench/$OUT"
