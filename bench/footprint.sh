#!/usr/bin/env bash
# Footprint per service, side by side in one run: the native executable (-Xmx64m), the JVM build, and the JVM build with
# a JDK 25 AOT cache (trained by one start with QUARKUS_INIT_AND_EXIT=true, -XX:AOTCacheOutput — what
# src/native/Dockerfile.jvm does at image build). Per mode: time from exec to the first 200 from /health/readiness
# (the database checked where there is one), median of 3 starts; RSS 5 s after that, idle (median of the 3).
#   bench/footprint.sh [--only SERVICE]       writes bench/results/footprint.md
# Needs the JVM build (./mvnw package -DskipTests) and the native executables (./mvnw package -Dnative -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
ONLY=""; [[ "${1:-}" == --only ]] && ONLY="$2"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
VERSION=1.0.0-SNAPSHOT
WORK="$(mktemp -d)"; STUB_PORT=18090
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

source bench/lib.sh
bench_ruz_stub "$STUB_PORT"
mkdir -p "$WORK/keys/sso"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/launch.pem" 2>/dev/null
GRADEBOOK_KEY="$(openssl rand -base64 32)"

# sso as deployed: the three service clients (their secrets checked at every start)
SSO_CLIENTS="SSO_CLIENTS_TRAFFIC_SECRET=$(openssl rand -hex 24) SSO_CLIENTS_TRAFFIC_SCOPES=provision:traffic"
SSO_CLIENTS+=" SSO_CLIENTS_SERVICES_SECRET=$(openssl rand -hex 24) SSO_CLIENTS_SERVICES_SCOPES=provision:services"
SSO_CLIENTS+=" SSO_CLIENTS_BOT_SECRET=$(openssl rand -hex 24) SSO_CLIENTS_BOT_SCOPES=telegram:link,telegram:notify"

# service | port | env (DB_NAME is footprint_<service> where there is a database)
SERVICES=(
  "schedule|18082|RUZ_BASE_URL=http://127.0.0.1:$STUB_PORT"
  "sso|18081|SSO_JWT_KEY_DIR=$WORK/keys/sso SSO_BOOTSTRAP_ADMIN_PASSWORD=footprint-password-1 $SSO_CLIENTS"
  "traffic|18083|TRAFFIC_SYNC_CRON=off LAUNCH_TOKEN_JWKS_URL=http://127.0.0.1:$STUB_PORT/jwks"
  "services|18084|LAUNCH_TOKEN_JWKS_URL=http://127.0.0.1:$STUB_PORT/jwks"
  "main|18085|MAIN_LAUNCH_TOKEN_PRIVATE_KEY=$WORK/launch.pem MAIN_GRADEBOOK_KEY=$GRADEBOOK_KEY"
  "bot|18086|TELEGRAM_WEBHOOK_SECRET=footprint TELEGRAM_BOT_TOKEN=000000001:footprint"
)

start_once() { # name port env mode → "first_ms rss_mb private_mb"
  local name="$1" port="$2" env="$3" mode="$4" cmd pid first idle private
  case "$mode" in
    native|native-flyway) cmd=("$name/target/$name-$VERSION-runner" -Xmx64m) ;;
    jvm) cmd=("$JAVA_HOME/bin/java" -Xmx64m -XX:+UseParallelGC -jar "$name/target/quarkus-app/quarkus-run.jar") ;;
    aot) cmd=("$JAVA_HOME/bin/java" -XX:AOTCache="$WORK/$name.aot" -Xmx64m -XX:+UseParallelGC -jar "$name/target/quarkus-app/quarkus-run.jar") ;;
  esac
  # deployed, a service does not migrate (its migration step did); native-flyway shows what migrating at start costs
  [[ "$mode" == native-flyway ]] && env="${env/QUARKUS_FLYWAY_MIGRATE_AT_START=false/}"
  timed_start "$WORK/$name-$mode.log" "http://127.0.0.1:$port/health/readiness" PORT="$port" $env "${cmd[@]}" || return 1
  pid=$STARTED_PID; first=$FIRST_MS
  sleep 5
  idle=$(rss_mb "$pid")
  private=$(private_mb "$pid")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$first $idle $private"
}

{
  echo "# Footprint per service ($(date -u +%Y-%m-%d), $(nproc) cores)"
  echo
  echo "Made by \`bench/footprint.sh\`: per service and mode, 3 starts; first response = exec → first 200 from"
  echo "\`/health/readiness\` (the database checked where there is one), idle RSS 5 s later; medians. Migrations run once"
  echo "before, as their own step, as compose, Kubernetes and the runner's \`--least-privilege\` run them (the service started"
  echo "once with \`QUARKUS_INIT_AND_EXIT=true\`, here the JVM build's AOT training start); every start below has"
  echo "\`QUARKUS_FLYWAY_MIGRATE_AT_START=false\` except \`+ Flyway\`, the native executable migrating (validating) at start"
  echo "as a bare \`./campus up\` runs it. Native: \`-Xmx64m\`; private = RssAnon (the rest of RSS is the executable's own"
  echo "pages, clean and shared by every instance on a node). JVM (Temurin 25): \`-Xmx64m -XX:+UseParallelGC\`; JVM + AOT: the"
  echo "same with \`-XX:AOTCache\` from that training start (\`-XX:AOTCacheOutput\`). sso runs as deployed, with its three service"
  echo "clients (traffic, services, bot) configured. Goals (#14): first response ≤ 0.1 s"
  echo "schedule, ≤ 0.2 s the database services; idle RSS ≤ 50 MB schedule, ≤ 70 MB the others (native)."
  echo
  echo "| service | native first ms | native RSS MB | native private MB | native + Flyway first ms | JVM first ms | JVM RSS MB | JVM+AOT first ms | JVM+AOT RSS MB |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  for entry in "${SERVICES[@]}"; do
    IFS='|' read -r name port env <<< "$entry"
    [[ -n "$ONLY" && "$name" != "$ONLY" ]] && continue
    modes=(native native-flyway jvm aot)
    if [[ -d "$name/src/main/resources/db/migration" ]]; then
      psql -h 127.0.0.1 -U postgres -qc "drop database if exists footprint_$name with (force)"
      psql -h 127.0.0.1 -U postgres -qc "create database footprint_$name"
      env="$env DB_NAME=footprint_$name"
    else
      modes=(native none jvm aot)
    fi
    # the migration step and the AOT cache in one: a training start that initialises (Flyway migrates) and exits
    env $env QUARKUS_INIT_AND_EXIT=true "$JAVA_HOME/bin/java" -XX:AOTCacheOutput="$WORK/$name.aot" -Xmx64m -XX:+UseParallelGC \
      -jar "$name/target/quarkus-app/quarkus-run.jar" > "$WORK/$name-train.log" 2>&1 || { echo "training $name failed" >&2; tail "$WORK/$name-train.log" >&2; }
    [[ "$env" == *DB_NAME=* ]] && env="$env QUARKUS_FLYWAY_MIGRATE_AT_START=false"
    row="| $name"
    for mode in "${modes[@]}"; do
      if [[ "$mode" == none ]]; then row+=" | –"; continue; fi
      if [[ "$mode" == native* && ! -x "$name/target/$name-$VERSION-runner" ]]; then
        row+=" | (not built)"; [[ "$mode" == native ]] && row+=" | | "; continue
      fi
      firsts=(); rsss=(); privates=()
      for _ in 1 2 3; do
        read -r f r p < <(start_once "$name" "$port" "$env" "$mode")
        firsts+=("$f"); rsss+=("$r"); privates+=("$p")
      done
      case "$mode" in
        native) row+=" | $(printf '%s\n' "${firsts[@]}" | median) | $(printf '%s\n' "${rsss[@]}" | median) | $(printf '%s\n' "${privates[@]}" | median)" ;;
        native-flyway) row+=" | $(printf '%s\n' "${firsts[@]}" | median)" ;;
        *) row+=" | $(printf '%s\n' "${firsts[@]}" | median) | $(printf '%s\n' "${rsss[@]}" | median)" ;;
      esac
    done
    echo "$row |"
  done
} | tee "$WORK/result.md"
cp "$WORK/result.md" "bench/results/footprint${ONLY:+-$ONLY}.md"
