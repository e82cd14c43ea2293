#!/usr/bin/env bash
# A lecture start through the gateway, on the whole platform the runner starts (least privilege, upstream stub), once with
# one instance of each service and once with two of schedule, traffic, services and main, in the same run:
#   50 kiosks polling every second, 50 sessions opened within 30 s, 1,500 students marking within 60 s
#   (bench/lecture-start/LectureStart.java: p50/p99/max per step, lost or duplicated marks, CPU per mark from /proc).
#   bench/lecture-start.sh [--native]        writes bench/results/lecture-start[-native].md
# Stops a platform of its own state when done; a './campus up' platform must be stopped first (same ports).
set -euo pipefail
cd "$(dirname "$0")/.."
NATIVE=(); SUFFIX=""
[[ "${1:-}" == --native ]] && { NATIVE=(--native); SUFFIX="-native"; }
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export CAMPUS_STATE="$PWD/bench/results/tmp/lecture-start" CAMPUS_DB_PREFIX=bench_
# the harness comes from one address: the per-address limits that protect the kiosk endpoints would refuse it
export TRAFFIC_KIOSK_INITS_PER_MINUTE=100000 TRAFFIC_PIN_LOOKUPS_PER_MINUTE=100000
OUT="bench/results/lecture-start$SUFFIX.md"
trap './campus down >/dev/null 2>&1 || true' EXIT

{
  echo "# Lecture start through the gateway ($(date -u +%Y-%m-%d), $(nproc) cores, ${NATIVE[*]:-JVM} builds)"
  echo
  echo "Made by \`bench/lecture-start.sh ${NATIVE[*]}\`: the runner's platform (\`--stub-upstreams --least-privilege\`), every request"
  echo "over HTTPS through the gateway (nginx), the load generator (JDK HttpClient on virtual threads, HTTP/1.1) on the same"
  echo "2 cores as everything else: absolute figures are this box's, the two configurations are measured one after the other"
  echo "in the same run. p50/p99/max are per request of each step; CPU is what each process used while the marks ran,"
  echo "divided by the mark requests: it includes the kiosks' polls of those 60 s (about 3,000) and the JIT compiling the"
  echo "freshly started JVMs (nothing warms them first: a lecture start after a deploy is like this)."
  echo
} > "$OUT"
for replicas in 1 2; do
  ./campus reset >/dev/null
  ./campus up --stub-upstreams --least-privilege --replicas "$replicas" "${NATIVE[@]}" | grep -E "built|error" || true
  pids="$(cat "$CAMPUS_STATE/run/traffic.pid")"
  [[ "$replicas" == 2 ]] && pids+=",$(cat "$CAMPUS_STATE/run/traffic-2.pid")"
  label="one instance of each service"; [[ "$replicas" == 2 ]] && label="two of schedule, traffic, services and main"
  "$JAVA_HOME/bin/java" bench/lecture-start/LectureStart.java "$CAMPUS_STATE" "$OUT" "$label" "$pids"
  ./campus down >/dev/null
done
echo "written: $OUT"
