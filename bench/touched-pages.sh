#!/usr/bin/env bash
# How much of a native executable's idle RSS is pages it really touched, and how much is the kernel's read-around and
# fault-around mapping their neighbours. Three ways of starting the same executable, alternating, medians:
#   warm         the file wholly in the page cache (a second instance on a node, or any start after a build)
#   cold         the file evicted from the page cache first (a node's first start): read-around fills the cache
#   cold+random  evicted, and bench/madv-random.c (LD_PRELOAD) sets MADV_RANDOM on every mapping of the file, so each
#                fault reads one page and fault-around finds nothing else cached: RSS = the pages really touched
# Idle RSS 5 s after the first 200 from /health/readiness, its file-backed part per mapping of the executable.
#   bench/touched-pages.sh [--rounds 3] EXECUTABLE PORT [NAME=VALUE ...]      (-Xmx64m is always given)
# e.g. bench/touched-pages.sh schedule/target/schedule-1.0.0-SNAPSHOT-runner 18082 RUZ_BASE_URL=http://127.0.0.1:18090
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=3; [[ "${1:-}" == --rounds ]] && { ROUNDS="$2"; shift 2; }
[[ $# -ge 2 ]] || { sed -n 2,11p "$0"; exit 2; }
BIN="$(realpath "$1")"; PORT="$2"; shift 2
WORK="$(mktemp -d)"; PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
source bench/lib.sh
gcc -shared -fPIC -O2 -o "$WORK/madv-random.so" bench/madv-random.c -ldl
evict() { python3 -c 'import os,sys; fd=os.open(sys.argv[1], os.O_RDONLY); os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED); os.close(fd)' "$BIN"; }

# the executable's mappings of 1 MB or more, in address order (code first, then the image heap's parts): "RSS/size" in MB
mappings() {
  awk -v f="$BIN" '$0 ~ /^[0-9a-f]+-[0-9a-f]+ / {cur = ($6 == f)} cur && /^Size:/ {size = $2} cur && /^Rss:/ && size >= 1024 {
    printf "%s%d/%d", sep, $2 / 1024, size / 1024; sep = ", "} END {print ""}' "/proc/$1/smaps"
}

for _ in $(seq 1 "$ROUNDS"); do
  for mode in warm cold cold+random; do
    preload=()
    [[ "$mode" == cold* ]] && evict
    [[ "$mode" == *random ]] && preload=(LD_PRELOAD="$WORK/madv-random.so")
    [[ "$mode" == warm ]] && cat "$BIN" > /dev/null
    timed_start "$WORK/run.log" "http://127.0.0.1:$PORT/health/readiness" PORT="$PORT" QUARKUS_HTTP_PORT="$PORT" "$@" "${preload[@]}" "$BIN" -Xmx64m
    pid=$STARTED_PID; first=$FIRST_MS
    sleep 5
    echo "$mode|$first|$(rss_mb "$pid")|$(awk '/RssFile/{printf "%.1f", $2/1024}' "/proc/$pid/status")|$(private_mb "$pid")|$(mappings "$pid")" >> "$WORK/rows"
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
done

echo "$(basename "$BIN"), $ROUNDS rounds, medians (per mapping: the last round's)"
echo
echo "| start | first response ms | idle RSS MB | of it file-backed MB | private MB | the executable's mappings ≥ 1 MB, RSS/size MB |"
echo "|---|---:|---:|---:|---:|---|"
for mode in warm cold cold+random; do
  row="| $mode"
  for column in 2 3 4 5; do row+=" | $(awk -F'|' -v m="$mode" -v c="$column" '$1 == m {print $c}' "$WORK/rows" | median)"; done
  echo "$row | $(awk -F'|' -v m="$mode" '$1 == m {last = $6} END {print last}' "$WORK/rows") |"
done
