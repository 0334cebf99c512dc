#!/usr/bin/env bash
# `make bench`: the service against a bare WebFlux baseline, same JVM flags, loaded by wrk from a
# separate process on 127.0.0.1; then JMH microbenchmarks. Bounded: about 6 minutes in all.
# Results: printed, and written to target/bench/results.md (+ raw JSON lines in target/bench/).
set -euo pipefail
cd "$(dirname "$0")/../.."

OUT=target/bench
DURATION=${BENCH_DURATION:-20}        # seconds per scenario
WARMUP=${BENCH_WARMUP:-90}            # seconds of JIT warm-up on the service (C2 is still busy after 30 s here)
CONNECTIONS=${BENCH_CONNECTIONS:-32}  # wrk connections (the service admits as many at once, below)
JVM_FLAGS=${BENCH_JVM_FLAGS:--Xms384m -Xmx384m -XX:+UseParallelGC -XX:MaxMetaspaceSize=128m}
SERVICE_PORT=18080
BASELINE_PORT=18090
ADMIN_TOKEN=bench-admin-token
# All load comes from 127.0.0.1: exempt it from the per-address ban filter, let one bot use the whole
# pipeline (the per-bot fairness cap would otherwise answer most of a single bot's load 503), and admit
# as many webhooks at once as wrk keeps open, so that (d) refuses the excess instead of queueing it.
SERVICE_ARGS=${BENCH_SERVICE_ARGS:---webhooks.admission.ban-exempt-ips=127.0.0.1 --webhooks.pipeline.max-in-flight-per-bot=1000 --webhooks.pipeline.max-concurrent-webhooks=32}

command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk; }
command -v python3 >/dev/null || { apt-get update -q && apt-get install -y -q python3; }
rm -rf "$OUT" && mkdir -p "$OUT"
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$OUT/classpath.txt"
CP="target/test-classes:target/classes:$(cat "$OUT/classpath.txt")"

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# The service: the configured PostgreSQL (WEBHOOKS_DATABASE_*) if set, else a fresh embedded one.
java $JVM_FLAGS -cp "$CP" -Dwebhooks.dev.embedded-postgres-dir="$OUT/postgres" \
  dev.botwebhooks.DevBotWebhooksApplication --server.port=$SERVICE_PORT --webhooks.admin-token=$ADMIN_TOKEN \
  --logging.level.root=WARN $SERVICE_ARGS > "$OUT/service.log" 2>&1 &
service_pid=$!; pids+=("$service_pid")
java $JVM_FLAGS -cp "$CP" dev.botwebhooks.bench.BaselineServer $BASELINE_PORT > "$OUT/baseline.log" 2>&1 &
pids+=("$!")

for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$SERVICE_PORT/readyz" >/dev/null 2>&1 && \
    curl -fs "http://127.0.0.1:$BASELINE_PORT/v1/bots/1/new-webhook" >/dev/null 2>&1 && break
  sleep 1
done
curl -fs "http://127.0.0.1:$SERVICE_PORT/readyz" >/dev/null || { tail -50 "$OUT/service.log"; exit 1; }

# Bots, commands, users and URLs, through the admin API as a user would make them.
python3 src/bench/setup_bots.py "http://127.0.0.1:$SERVICE_PORT" "$ADMIN_TOKEN" "$OUT"

max_rss=0
sample_rss() { local rss; rss=$(ps -o rss= -p "$service_pid" | tr -d ' '); [ -n "$rss" ] && [ "$rss" -gt "$max_rss" ] && max_rss=$rss; true; }

run_wrk() { # name seconds urls-file [method body] [connections]
  local name=$1 seconds=$2 urls=$3 method=${4:-GET} body=${5:-} conns=${6:-$CONNECTIONS}
  local first; first=$(head -n 1 "$urls")
  local host="http://127.0.0.1:$SERVICE_PORT"
  [ "$name" = "a-baseline" ] || [ "$name" = "warmup-baseline" ] && host="http://127.0.0.1:$BASELINE_PORT"
  BENCH_URLS="$urls" BENCH_METHOD="$method" BENCH_BODY="$body" \
    wrk -t2 -c"$conns" -d"${seconds}s" --timeout 10s -s src/bench/wrk-report.lua "$host$first" > "$OUT/$name.txt" 2>&1 &
  local wrk_pid=$!
  while kill -0 "$wrk_pid" 2>/dev/null; do sample_rss; sleep 1; done
  wait "$wrk_pid"
  grep '^BENCH_RESULT' "$OUT/$name.txt" | sed "s/^BENCH_RESULT /{\"scenario\":\"$name\",\"result\":/; s/\$/}/" >> "$OUT/results.jsonl"
}

echo "warm-up: ${WARMUP}s on the service, 10s on the baseline"
run_wrk warmup-service "$WARMUP" "$OUT/urls-trivial.txt"
run_wrk warmup-baseline 10 "$OUT/urls-trivial.txt"
run_wrk warmup-writes 10 "$OUT/urls-writes.txt" POST '{"order":42,"amount":10.5}'
: > "$OUT/results.jsonl"
rss_before=$(ps -o rss= -p "$service_pid" | tr -d ' ')

run_wrk a-baseline "$DURATION" "$OUT/urls-trivial.txt"
run_wrk b-trivial "$DURATION" "$OUT/urls-trivial.txt"
run_wrk c-writes "$DURATION" "$OUT/urls-writes.txt" POST '{"order":42,"amount":10.5}'
run_wrk e-many-bots "$DURATION" "$OUT/urls-many-bots.txt"

# (d) open-loop at three times what (b) reached, so most of it must be refused.
b_rps=$(python3 -c "import json;print(int(float([json.loads(l) for l in open('$OUT/results.jsonl') if '\"b-trivial\"' in l][0]['result']['rps'])))")
overload_rate=$(( b_rps * 3 ))
echo "d-overload: open loop at ${overload_rate}/s"
java -Xmx256m -cp "$CP" dev.botwebhooks.bench.OpenLoopLoad "http://127.0.0.1:$SERVICE_PORT$(head -n 1 "$OUT/urls-trivial.txt")" \
  "$overload_rate" "$DURATION" 2000 > "$OUT/d-overload.txt" 2>&1 &
load_pid=$!
while kill -0 "$load_pid" 2>/dev/null; do sample_rss; sleep 1; done
wait "$load_pid" || true
rss_after=$(ps -o rss= -p "$service_pid" | tr -d ' ')
grep '^{' "$OUT/d-overload.txt" | sed 's/^/{"scenario":"d-overload","open_loop":/; s/$/}/' >> "$OUT/results.jsonl"

echo "JMH microbenchmarks"
java -cp "$CP" org.openjdk.jmh.Main -rf json -rff "$OUT/jmh.json" 'dev.botwebhooks.bench.*Benchmark' \
  > "$OUT/jmh.txt" 2>&1

python3 src/bench/report.py "$OUT" "$max_rss" "$rss_before" "$rss_after" "$overload_rate" | tee "$OUT/results.md"
