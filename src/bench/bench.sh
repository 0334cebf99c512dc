#!/usr/bin/env bash
# `make bench`: the service against a bare WebFlux baseline, same JVM flags, loaded by wrk from a
# separate process on 127.0.0.1; then JMH microbenchmarks. Bounded: about 8 minutes in all.
# Around each scenario's load it samples CPU time (cpu.py) of the JVM that serves it and of its
# PostgreSQL, and the service's refusal counters, so results hold CPU per request next to req/s.
# Results: printed, and written to target/bench/results.md (+ raw JSON lines in target/bench/).
set -euo pipefail
cd "$(dirname "$0")/../.."
started=$SECONDS

OUT=target/bench
MVN=${MVN:-mvn -B}
DURATION=${BENCH_DURATION:-20}        # seconds per scenario
WARMUP=${BENCH_WARMUP:-90}            # seconds of JIT warm-up on the service (C2 is still busy after 30 s here)
CONNECTIONS=${BENCH_CONNECTIONS:-32}  # wrk connections (the service admits as many at once, below)
JMH=${BENCH_JMH-dev.botwebhooks.bench.*Benchmark}  # JMH benchmarks to run (a regular expression); empty: none
JVM_FLAGS=${BENCH_JVM_FLAGS:--Xms384m -Xmx384m -XX:+UseParallelGC -XX:MaxMetaspaceSize=128m}
# Ports free right now: a fixed one may be another bench's or service's on a shared machine.
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
SERVICE_PORT=$(free_port)
DEFAULTS_PORT=$(free_port)            # (f): a second service, shipped defaults
# Actuator (/readyz, /actuator/prometheus) of each service, on its management port.
SERVICE_MANAGEMENT_PORT=$(free_port)
DEFAULTS_MANAGEMENT_PORT=$(free_port)
BASELINE_PORT=$(free_port)
ADMIN_TOKEN=bench-admin-token
# The shipped defaults serve the bench: all load comes from 127.0.0.1, which answered requests never get
# banned, and a lone bot may use every worker but the spare. Extra service arguments, if any, go here.
SERVICE_ARGS=${BENCH_SERVICE_ARGS:-}
DEFAULTS_CONNECTIONS=64               # (f): one bot, shipped defaults
COUNTER_CONNECTIONS=16                # (g): one bot property, read and rewritten by every run
# (d): the open-loop client's connections, under the service's max-connections (1024), each with at most four
# requests outstanding; a request due past that is counted as not sent.
OVERLOAD_CONNECTIONS=${BENCH_OVERLOAD_CONNECTIONS:-512}
# (f) still checks that 127.0.0.1 is not banned after its warm-up (banned_for_s in the results: 0 expected).
DEFAULTS_WARMUP=$(( WARMUP < 30 ? WARMUP : 30 ))

command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk; }
command -v python3 >/dev/null || { apt-get update -q && apt-get install -y -q python3; }
rm -rf "$OUT" && mkdir -p "$OUT/metrics"
$MVN -q -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$OUT/classpath.txt"
CP="target/test-classes:target/classes:$(cat "$OUT/classpath.txt")"

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# The configured PostgreSQL (WEBHOOKS_DATABASE_*) if set, else a fresh embedded one per service.
if [ -n "${WEBHOOKS_DATABASE_HOST:-}" ]; then
  DATABASE=${WEBHOOKS_DATABASE_NAME:-webhooks}
  POSTGRES="the configured one, ${WEBHOOKS_DATABASE_HOST}:${WEBHOOKS_DATABASE_PORT:-5432}/$DATABASE, shared by both services"
else
  DATABASE=postgres
  POSTGRES="embedded, one per service (data in $OUT/postgres and $OUT/postgres-defaults)"
fi
postmaster_of() { # embedded-data-dir: the postmaster's pid, empty when it cannot be watched from here
  if [ -n "${WEBHOOKS_DATABASE_HOST:-}" ]; then python3 src/bench/cpu.py postmaster --psql || true
  else python3 src/bench/cpu.py postmaster "$1" 2>/dev/null || true; fi
}

start_service() { # port management-port embedded-data-dir log [service arguments]: sets started_pid
  local port=$1 management_port=$2 data=$3 log=$4; shift 4
  java $JVM_FLAGS -cp "$CP" -Dwebhooks.dev.embedded-postgres-dir="$data" dev.botwebhooks.DevBotWebhooksApplication \
    --server.port="$port" --management.server.port="$management_port" --webhooks.admin-token=$ADMIN_TOKEN "$@" > "$log" 2>&1 &
  started_pid=$!; pids+=("$started_pid")
}
wait_ready() { # pid url log
  for _ in $(seq 1 120); do
    kill -0 "$1" 2>/dev/null || break
    curl -fs "$2" >/dev/null 2>&1 && return 0
    sleep 1
  done
  tail -50 "$3"; exit 1
}
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# shellcheck disable=SC2086 # SERVICE_ARGS is a list of arguments
start_service $SERVICE_PORT $SERVICE_MANAGEMENT_PORT "$OUT/postgres" "$OUT/service.log" --logging.level.root=WARN $SERVICE_ARGS
service_pid=$started_pid
java $JVM_FLAGS -cp "$CP" dev.botwebhooks.bench.BaselineServer $BASELINE_PORT > "$OUT/baseline.log" 2>&1 &
baseline_pid=$!; pids+=("$baseline_pid")
wait_ready "$service_pid" "http://127.0.0.1:$SERVICE_MANAGEMENT_PORT/readyz" "$OUT/service.log"
wait_ready "$baseline_pid" "http://127.0.0.1:$BASELINE_PORT/v1/bots/1/new-webhook" "$OUT/baseline.log"
# (f)'s service: nothing set but its port, the admin token and the database. Started once the first
# is up, so two embedded PostgreSQLs never pick a port at the same time.
start_service $DEFAULTS_PORT $DEFAULTS_MANAGEMENT_PORT "$OUT/postgres-defaults" "$OUT/service-defaults.log"
defaults_pid=$started_pid

# Bots, commands, users and URLs, through the admin API as a user would make them.
python3 src/bench/setup_bots.py "http://127.0.0.1:$SERVICE_PORT" "$ADMIN_TOKEN" "$OUT" relaxed
wait_ready "$defaults_pid" "http://127.0.0.1:$DEFAULTS_MANAGEMENT_PORT/readyz" "$OUT/service-defaults.log"
python3 src/bench/setup_bots.py "http://127.0.0.1:$DEFAULTS_PORT" "$ADMIN_TOKEN" "$OUT" defaults
service_pg=$(postmaster_of "$OUT/postgres")
defaults_pg=$(postmaster_of "$OUT/postgres-defaults")

max_rss=0
rss_kb() { local key value _; while read -r key value _; do [ "$key" = VmRSS: ] && echo "$value" && return; done 2>/dev/null < "/proc/$1/status" || true; }
sample_rss() { local rss; rss=$(rss_kb "$service_pid"); [ -n "$rss" ] && [ "$rss" -gt "$max_rss" ] && max_rss=$rss; true; }

wrk_load() { # name port urls-file method body connections seconds
  local name=$1 port=$2 urls=$3 method=$4 body=$5 conns=$6 seconds=$7
  BENCH_URLS="$urls" BENCH_METHOD="$method" BENCH_BODY="$body" \
    wrk -t2 -c"$conns" -d"${seconds}s" --timeout 10s -s src/bench/wrk-report.lua \
    "http://127.0.0.1:$port$(head -n 1 "$urls")" > "$OUT/$name.txt" 2>&1
}
open_loop() { # rate seconds
  java -Xmx512m -cp "$CP" dev.botwebhooks.bench.OpenLoopLoad "http://127.0.0.1:$SERVICE_PORT$(head -n 1 "$OUT/urls-trivial.txt")" \
    "$1" "$2" "$OVERLOAD_CONNECTIONS" > "$OUT/d-overload.txt" 2>&1
}
jsonl() { echo "$1" >> "$OUT/results.jsonl"; }

# name server-pid postmaster-pid management-port command...: runs the load, CPU and refusal counters sampled
# right before and right after it (the baseline has no PostgreSQL and no counters: empty arguments).
measure() {
  local name=$1 server=$2 pg=$3 port=$4; shift 4
  [ -z "$port" ] || curl -fs "http://127.0.0.1:$port/actuator/prometheus" > "$OUT/metrics/$name-before.prom" || true
  jsonl "{\"scenario\":\"$name\",\"cpu_before\":$(python3 src/bench/cpu.py sample "$server" "$pg" "$DATABASE")}"
  "$@" &
  local load=$!
  while kill -0 "$load" 2>/dev/null; do sample_rss; sleep 0.2; done
  wait "$load" || true
  jsonl "{\"scenario\":\"$name\",\"cpu_after\":$(python3 src/bench/cpu.py sample "$server" "$pg" "$DATABASE")}"
  [ -z "$port" ] || curl -fs "http://127.0.0.1:$port/actuator/prometheus" > "$OUT/metrics/$name-after.prom" || true
  grep '^BENCH_RESULT' "$OUT/$name.txt" 2>/dev/null \
    | sed "s/^BENCH_RESULT /{\"scenario\":\"$name\",\"result\":/; s/\$/}/" >> "$OUT/results.jsonl" || true
}

: > "$OUT/results.jsonl"
echo "warm-up: ${DEFAULTS_WARMUP}s on (f)'s service, ${WARMUP}s on the service, 10s on the baseline"
# (f)'s first: its ban runs out, and its JIT compiler falls idle, while the other warm-ups run.
wrk_load warmup-defaults $DEFAULTS_PORT "$OUT/urls-defaults.txt" GET "" $DEFAULTS_CONNECTIONS "$DEFAULTS_WARMUP"
wrk_load warmup-service $SERVICE_PORT "$OUT/urls-trivial.txt" GET "" "$CONNECTIONS" "$WARMUP"
wrk_load warmup-baseline $BASELINE_PORT "$OUT/urls-trivial.txt" GET "" "$CONNECTIONS" 10
wrk_load warmup-writes $SERVICE_PORT "$OUT/urls-writes.txt" POST '{"order":42,"amount":10.5}' "$CONNECTIONS" 10
rss_before=$(rss_kb "$service_pid")
jsonl "{\"scenario\":\"f-idle\",\"cpu_before\":$(python3 src/bench/cpu.py sample "$defaults_pid")}"

echo "a, b, c, e, g: ${DURATION}s each"
measure a-baseline "$baseline_pid" "" "" \
  wrk_load a-baseline $BASELINE_PORT "$OUT/urls-trivial.txt" GET "" "$CONNECTIONS" "$DURATION"
measure b-trivial "$service_pid" "$service_pg" $SERVICE_MANAGEMENT_PORT \
  wrk_load b-trivial $SERVICE_PORT "$OUT/urls-trivial.txt" GET "" "$CONNECTIONS" "$DURATION"
measure c-writes "$service_pid" "$service_pg" $SERVICE_MANAGEMENT_PORT \
  wrk_load c-writes $SERVICE_PORT "$OUT/urls-writes.txt" POST '{"order":42,"amount":10.5}' "$CONNECTIONS" "$DURATION"
measure e-many-bots "$service_pid" "$service_pg" $SERVICE_MANAGEMENT_PORT \
  wrk_load e-many-bots $SERVICE_PORT "$OUT/urls-many-bots.txt" GET "" "$CONNECTIONS" "$DURATION"
measure g-counter "$service_pid" "$service_pg" $SERVICE_MANAGEMENT_PORT \
  wrk_load g-counter $SERVICE_PORT "$OUT/urls-counter.txt" GET "" $COUNTER_CONNECTIONS "$DURATION"
sleep 1 # runs whose answers wrk no longer waited for commit meanwhile
jsonl "{\"scenario\":\"g-counter\",\"property_n\":$(python3 src/bench/setup_bots.py "http://127.0.0.1:$SERVICE_PORT" "$ADMIN_TOKEN" "$OUT" counter)}"

# (d) open-loop at three times what (b) reached, so most of it must be refused.
b_rps=$(python3 -c "import json;print(int(float([json.loads(l) for l in open('$OUT/results.jsonl') if '\"b-trivial\",\"result\"' in l][0]['result']['rps'])))")
overload_rate=$(( b_rps * 3 ))
echo "d-overload: open loop at ${overload_rate}/s"
measure d-overload "$service_pid" "$service_pg" $SERVICE_MANAGEMENT_PORT open_loop "$overload_rate" "$DURATION"
rss_after=$(rss_kb "$service_pid")
{ grep '^{' "$OUT/d-overload.txt" || echo "(d)'s client printed no result; its output is in $OUT/d-overload.txt" >&2; } | sed 's/^/{"scenario":"d-overload","open_loop":/; s/$/}/' >> "$OUT/results.jsonl"

jsonl "{\"scenario\":\"f-idle\",\"cpu_after\":$(python3 src/bench/cpu.py sample "$defaults_pid")}"
# (f) alone on the machine: the first service and the baseline stop.
stop "$service_pid"; stop "$baseline_pid"
defaults_url="http://127.0.0.1:$DEFAULTS_PORT$(head -n 1 "$OUT/urls-defaults.txt")"
banned_for=0
while [ "$banned_for" -lt 90 ] && \
  [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$defaults_url")" = 429 ]; do
  sleep 1; banned_for=$(( banned_for + 1 ))
done
grep '^BENCH_RESULT' "$OUT/warmup-defaults.txt" \
  | sed "s/^BENCH_RESULT /{\"scenario\":\"f-defaults\",\"banned_for_s\":$banned_for,\"warmup\":/; s/\$/}/" >> "$OUT/results.jsonl"
echo "f-defaults: ${DURATION}s, wrk -c$DEFAULTS_CONNECTIONS, one bot, shipped defaults"
measure f-defaults "$defaults_pid" "$defaults_pg" $DEFAULTS_MANAGEMENT_PORT \
  wrk_load f-defaults $DEFAULTS_PORT "$OUT/urls-defaults.txt" GET "" $DEFAULTS_CONNECTIONS "$DURATION"
stop "$defaults_pid"

if [ -n "$JMH" ]; then
  echo "JMH microbenchmarks"
  java -cp "$CP" org.openjdk.jmh.Main -rf json -rff "$OUT/jmh.json" "$JMH" > "$OUT/jmh.txt" 2>&1
fi

BENCH_JVM_FLAGS="$JVM_FLAGS" BENCH_SERVICE_ARGS="$SERVICE_ARGS" BENCH_CONNECTIONS="$CONNECTIONS" \
  BENCH_DURATION="$DURATION" BENCH_WARMUP="$WARMUP" BENCH_POSTGRES="$POSTGRES" \
  BENCH_DEFAULTS_CONNECTIONS="$DEFAULTS_CONNECTIONS" BENCH_COUNTER_CONNECTIONS="$COUNTER_CONNECTIONS" \
  BENCH_ELAPSED=$(( SECONDS - started )) \
  python3 src/bench/report.py "$OUT" "$max_rss" "${rss_before:-0}" "${rss_after:-0}" "$overload_rate" | tee "$OUT/results.md"
