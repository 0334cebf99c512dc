"""Turns target/bench/results.jsonl and jmh.json into the results table of `make bench`."""
import json
import os
import platform
import subprocess
import sys

out, max_rss_kb, rss_before_kb, rss_after_kb, overload_rate = sys.argv[1:6]
rows = [json.loads(line) for line in open(f"{out}/results.jsonl") if line.strip()]
wrk = {r["scenario"]: r["result"] for r in rows if "result" in r}
base = wrk.get("a-baseline", {}).get("rps") or 1

cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"], capture_output=True,
                     text=True).stdout.strip()
print(f"# bot-webhooks benchmark\n\nMachine: {os.cpu_count()} cores, {cpu}, {platform.system()} "
      f"{platform.release()}; service and baseline JVM flags: `{os.environ.get('BENCH_JVM_FLAGS', '-Xms384m -Xmx384m -XX:+UseParallelGC -XX:MaxMetaspaceSize=128m')}`; "
      f"load from wrk (2 threads, {os.environ.get('BENCH_CONNECTIONS', '32')} connections) on 127.0.0.1.\n")
print("| scenario | req/s | ratio to (a) | p50 ms | p99 ms | p99.9 ms | socket errors | statuses |")
print("|---|---:|---:|---:|---:|---:|---:|---|")
for name in ["a-baseline", "b-trivial", "c-writes", "e-many-bots"]:
    r = wrk.get(name)
    if not r:
        continue
    statuses = ", ".join(f"{k}: {v}" for k, v in sorted(r["statuses"].items()))
    print(f"| {name} | {r['rps']:.0f} | {r['rps'] / base:.2f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | "
          f"{r['p999_ms']:.2f} | {r['socket_errors']} | {statuses} |")

for r in rows:
    if r["scenario"] == "d-overload":
        o = r["open_loop"]
        print(f"\n(d) overload, open loop at {overload_rate} req/s for {o['seconds']} s: sent {o['sent']}, "
              f"client errors {o['errors']}, ticks the client could not send {o.get('dropped_by_client', 0)}")
        print("\n| status | count | p50 ms | p99 ms | p99.9 ms |\n|---|---:|---:|---:|---:|")
        for status, s in sorted(o["statuses"].items()):
            print(f"| {status} | {s['count']} | {s['p50_ms']:.2f} | {s['p99_ms']:.2f} | {s['p999_ms']:.2f} |")

print(f"\nService arguments: `{os.environ.get('BENCH_SERVICE_ARGS', '--webhooks.admission.ban-exempt-ips=127.0.0.1 --webhooks.pipeline.max-in-flight-per-bot=1000 --webhooks.pipeline.max-concurrent-webhooks=32')}`.")
print(f"\nService RSS: max {int(max_rss_kb) // 1024} MB under load; {int(rss_before_kb) // 1024} MB before (d), "
      f"{int(rss_after_kb) // 1024} MB after (d).")

try:
    jmh = json.load(open(f"{out}/jmh.json"))
    print("\n| JMH benchmark | score | error | unit |\n|---|---:|---:|---|")
    for b in jmh:
        m = b["primaryMetric"]
        print(f"| {b['benchmark'].split('.')[-2]}.{b['benchmark'].split('.')[-1]} | {m['score']:.2f} | "
              f"{m['scoreError']:.2f} | {m['scoreUnit']} |")
except (OSError, ValueError):
    print("\n(JMH results missing: see target/bench/jmh.txt)")
