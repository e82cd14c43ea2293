#!/usr/bin/env bash
# CPU microseconds the server process spends per request under wrk: steadier than requests/s on a shared VM.
#   bench/cpu-per-request.sh PID URL [duration]
set -euo pipefail
pid="$1"; url="$2"; duration="${3:-10s}"
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
wrk -t2 -c64 -d5s "$url" >/dev/null
before=$(ticks)
out=$(wrk -t2 -c64 -d"$duration" --latency "$url")
after=$(ticks)
requests=$(awk '/requests in/{print $1}' <<< "$out")
rps=$(awk '/Requests\/sec/{print $2}' <<< "$out")
p99=$(awk '$1=="99%"{print $2}' <<< "$out")
awk -v t=$((after - before)) -v hz="$hz" -v n="$requests" -v rps="$rps" -v p99="$p99" \
  'BEGIN{printf "%.1f us CPU/request, %s req/s, p99 %s\n", t/hz*1e6/n, rps, p99}'
