#!/usr/bin/env bash
# Schedule's native executable in variants, side by side in one run (alternating rounds, medians): start (exec → first 200
# from /health/readiness), idle RSS and its private part (RssAnon) 3 s later, then a cache hit under wrk (2 threads,
# 32 connections, 10 s after a 5 s warm-up): requests/s, p99 and CPU per request (the process's own user+system time).
#   bench/native-levers.sh [--rounds 3] "label|executable|extra args" ...       (-Xmx64m is always given)
# e.g. a default build against one built with -Dquarkus.native.additional-build-args=-Os, and the default with -Xmn4m:
#   bench/native-levers.sh "default|/tmp/schedule-default|" "-Os|/tmp/schedule-os|" "-Xmn4m|/tmp/schedule-default|-Xmn4m"
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=3; [[ "${1:-}" == --rounds ]] && { ROUNDS="$2"; shift 2; }
[[ $# -gt 0 ]] || { sed -n 2,7p "$0"; exit 2; }
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
WORK="$(mktemp -d)"; STUB_PORT=18090; PORT=18082
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
source bench/lib.sh
bench_ruz_stub "$STUB_PORT"
URL="http://127.0.0.1:$PORT/api/schedule/groups/35384/week?date=2026-11-18"

for round in $(seq 1 "$ROUNDS"); do
  for item in "$@"; do
    IFS='|' read -r label bin extra <<< "$item"
    # shellcheck disable=SC2086 # extra is a list of flags
    timed_start "$WORK/run.log" "http://127.0.0.1:$PORT/health/readiness" PORT="$PORT" RUZ_BASE_URL="http://127.0.0.1:$STUB_PORT" "$bin" -Xmx64m $extra
    pid=$STARTED_PID; first=$FIRST_MS
    sleep 3
    rss=$(rss_mb "$pid"); private=$(private_mb "$pid")
    curl -fsS -o /dev/null "$URL"; wrk -t2 -c32 -d5s "$URL" >/dev/null
    before=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    out=$(wrk -t2 -c32 -d10s --latency "$URL")
    after=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    requests=$(awk '/requests in/{print $1}' <<< "$out")
    echo "$label|$first|$rss|$private|$(awk '/Requests\/sec/{print $2}' <<< "$out")|$(awk '$1=="99%"{print $2}' <<< "$out")|$(( (after - before) * 1000000 / $(getconf CLK_TCK) / requests ))" >> "$WORK/rows"
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
done

echo "| variant | first response ms | idle RSS MB | private MB | requests/s | p99 | CPU µs per request |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for item in "$@"; do
  label="${item%%|*}"
  row="| $label"
  # p99 keeps wrk's unit ("6.42ms"): median's numeric sort reads the number before it (wrk gives the same unit here)
  for column in 2 3 4 5 6 7; do
    row+=" | $(awk -F'|' -v l="$label" -v c="$column" '$1 == l {print $c}' "$WORK/rows" | median)"
  done
  echo "$row |"
done
