#!/usr/bin/env bash
# Cache-hit throughput of schedule against a static server answering the same bytes from memory.
#   bench/schedule-cache-hit.sh [--native] [--duration 10s] [--rounds 3] [--connections 64]
# Starts the RUZ stub and schedule through ./campus, warms the cache, serves the identical body with nginx
# (open_file_cache: from memory), runs wrk against both in the same run, writes bench/results/schedule-cache-hit.md.
# Targets (2-core box): schedule ≥ 0.6 × nginx requests/s, schedule p99 ≤ 5 ms at 64 connections.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
DURATION=10s; ROUNDS=3; CONNECTIONS=64; MODE=jvm; NATIVE_FLAG=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --native) MODE=native; NATIVE_FLAG=(--native); shift ;;
    --duration) DURATION="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
PATH_UNDER_TEST="/api/schedule/groups/35384/week"
URL_QUERY="?date=2026-11-18"
STATIC_PORT=18089
WORK="$(mktemp -d)"

need() { command -v "$1" >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }; }
need wrk wrk
if ! command -v nginx >/dev/null 2>&1; then
  # installing must not start a system nginx on port 80
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  need nginx nginx-light
  rm -f /usr/sbin/policy-rc.d
fi

cleanup() { [[ -f "$WORK/nginx.pid" ]] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true; ./campus down >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT

./campus down >/dev/null 2>&1 || true
./campus up --stub-upstreams "${NATIVE_FLAG[@]}"

# warm: the first call fills the cache, the rest must be hits
curl -fsS "http://127.0.0.1:8082$PATH_UNDER_TEST$URL_QUERY" -o "$WORK/body.json"
[[ "$(curl -fsS -o /dev/null -D - "http://127.0.0.1:8082$PATH_UNDER_TEST$URL_QUERY" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-cache"{print $2}')" == HIT ]] \
  || { echo "warm-up did not produce a cache hit" >&2; exit 1; }
BYTES=$(wc -c < "$WORK/body.json")

mkdir -p "$WORK/www$(dirname "$PATH_UNDER_TEST")"
cp "$WORK/body.json" "$WORK/www$PATH_UNDER_TEST"
cat > "$WORK/nginx.conf" <<NGINX
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  open_file_cache max=16 inactive=1h; open_file_cache_valid 1h;
  sendfile on; tcp_nopush on; keepalive_requests 1000000;
  default_type application/json;
  client_body_temp_path $WORK; proxy_temp_path $WORK; fastcgi_temp_path $WORK; uwsgi_temp_path $WORK; scgi_temp_path $WORK;
  server { listen 127.0.0.1:$STATIC_PORT; root $WORK/www; }
}
NGINX
nginx -c "$WORK/nginx.conf"
sleep 0.5
cmp <(curl -fsS "http://127.0.0.1:$STATIC_PORT$PATH_UNDER_TEST$URL_QUERY") "$WORK/body.json"

run_wrk() { # url → "rps p50_ms p99_ms"
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$1" > "$WORK/wrk.out"
  local rps p50 p99
  rps=$(awk '/Requests\/sec/{print $2}' "$WORK/wrk.out")
  p50=$(awk '$1=="50%"{print $2}' "$WORK/wrk.out")
  p99=$(awk '$1=="99%"{print $2}' "$WORK/wrk.out")
  echo "$rps $(to_ms "$p50") $(to_ms "$p99")"
}
to_ms() { awk -v v="$1" 'BEGIN{ if (v ~ /us$/) {sub(/us$/,"",v); printf "%.3f", v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v); printf "%.3f", v} else if (v ~ /s$/) {sub(/s$/,"",v); printf "%.3f", v*1000} else print v }'; }
median() { sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }

S_URL="http://127.0.0.1:8082$PATH_UNDER_TEST$URL_QUERY"
N_URL="http://127.0.0.1:$STATIC_PORT$PATH_UNDER_TEST$URL_QUERY"
# warm-up (JIT, connections), then alternate rounds so that the VM's drift hits both servers alike
wrk -t2 -c"$CONNECTIONS" -d20s "$S_URL" >/dev/null
wrk -t2 -c"$CONNECTIONS" -d5s "$N_URL" >/dev/null
: > "$WORK/s.rounds"; : > "$WORK/n.rounds"
for round in $(seq 1 "$ROUNDS"); do
  run_wrk "$S_URL" >> "$WORK/s.rounds"
  run_wrk "$N_URL" >> "$WORK/n.rounds"
done
S_RPS=$(cut -d' ' -f1 "$WORK/s.rounds" | median); S_P50=$(cut -d' ' -f2 "$WORK/s.rounds" | median); S_P99=$(cut -d' ' -f3 "$WORK/s.rounds" | median)
N_RPS=$(cut -d' ' -f1 "$WORK/n.rounds" | median); N_P50=$(cut -d' ' -f2 "$WORK/n.rounds" | median); N_P99=$(cut -d' ' -f3 "$WORK/n.rounds" | median)
CPU_PER_REQUEST=$(bench/cpu-per-request.sh "$(cat .campus/run/schedule.pid)" "$S_URL" "$DURATION" | cut -d' ' -f1)
RATIO=$(awk -v a="$S_RPS" -v b="$N_RPS" 'BEGIN{printf "%.2f", a/b}')
RATIO_OK=$(awk -v r="$RATIO" 'BEGIN{print (r >= 0.6) ? "met" : "NOT met"}')
P99_OK=$(awk -v p="$S_P99" 'BEGIN{print (p <= 5) ? "met" : "NOT met"}')
SCHED_HITS=$(curl -fsS http://127.0.0.1:8082/q/metrics | awk '/^schedule_cache_requests_total\{kind="timetable",result="hit"\}/{print $2}')
RUZ_CALLS=$(curl -fsS "http://127.0.0.1:8090/__admin/requests/count" -H 'Content-Type: application/json' -d '{"method":"GET","urlPath":"/scheduler/35384"}' | tr -dc '0-9')

{
  echo "# Schedule cache hit vs static nginx"
  echo
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; schedule as $MODE;"
  echo "\`wrk -t2 -c$CONNECTIONS -d$DURATION --latency\`, $ROUNDS alternating rounds per server after a warm-up, medians;"
  echo "wrk runs on the same 2 cores as the server under test."
  echo "Endpoint \`GET $PATH_UNDER_TEST$URL_QUERY\`, $BYTES bytes of JSON; nginx serves the same bytes (open_file_cache, 2 workers)."
  echo
  echo "| server | requests/s | p50 ms | p99 ms |"
  echo "|---|---:|---:|---:|"
  echo "| schedule ($MODE, cache hit) | $S_RPS | $S_P50 | $S_P99 |"
  echo "| nginx (static) | $N_RPS | $N_P50 | $N_P99 |"
  echo
  echo "- ratio schedule/nginx: **$RATIO** (target ≥ 0.6: $RATIO_OK)"
  echo "- schedule p99: **$S_P99 ms** (target ≤ 5 ms: $P99_OK)"
  echo "- schedule CPU per request (process CPU time / requests): $CPU_PER_REQUEST µs"
  echo "- rounds (rps p50 p99), schedule: $(paste -sd ';' "$WORK/s.rounds"); nginx: $(paste -sd ';' "$WORK/n.rounds")"
  echo "- RUZ stub calls for that week during the whole run: $RUZ_CALLS (cache hits counted by schedule: $SCHED_HITS)"
} > "$WORK/result.md"
cat "$WORK/result.md"
cp "$WORK/result.md" "bench/results/schedule-cache-hit-$MODE.md"
