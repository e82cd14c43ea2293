# Shared by the start-up benchmarks (footprint.sh, native-vs-jvm.sh); sourced, not run. The caller keeps PIDS (an array of
# what to kill on exit), WORK (a scratch directory) and JAVA_HOME.

# RUZ's stub (schedule's test mappings) on the given port, waited for
bench_ruz_stub() {
  local port="$1" jar=".campus/lib/wiremock-standalone-3.13.1.jar"
  [[ -f "$jar" ]] || ./mvnw -B -q dependency:copy -Dartifact=org.wiremock:wiremock-standalone:3.13.1 -DoutputDirectory=.campus/lib
  "$JAVA_HOME/bin/java" -jar "$jar" --port "$port" --root-dir schedule/src/test/resources/ruz-stub --disable-banner >/dev/null 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 40); do curl -fsS -o /dev/null "http://127.0.0.1:$port/__admin/mappings" 2>/dev/null && return; sleep 0.5; done
  echo "the RUZ stub did not start" >&2; return 1
}

rss_mb() { awk '/VmRSS/{printf "%.1f", $2/1024}' "/proc/$1/status"; }
# the process's own part of its RSS (anonymous memory: heap, stacks), without the executable's and libraries' file pages
private_mb() { awk '/RssAnon/{printf "%.1f", $2/1024}' "/proc/$1/status"; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# timed_start LOG URL COMMAND... — starts COMMAND (an env prefix is part of it) in the background with the event loops and
# I/O threads the runner gives it (one per core), polls URL every 2 ms; sets STARTED_PID and FIRST_MS (exec → first 2xx)
timed_start() {
  local log="$1" url="$2" start; shift 2
  start=$(date +%s%N)
  env QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE="$(nproc)" QUARKUS_HTTP_IO_THREADS="$(nproc)" "$@" > "$log" 2>&1 &
  STARTED_PID=$!; PIDS+=("$STARTED_PID")
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    kill -0 "$STARTED_PID" 2>/dev/null || { echo "$* died" >&2; tail "$log" >&2; return 1; }
    sleep 0.002
  done
  FIRST_MS=$(( ($(date +%s%N) - start) / 1000000 ))
}
