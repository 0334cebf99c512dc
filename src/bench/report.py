"""Turns target/bench/results.jsonl, metrics/*.prom and jmh.json into the results of `make bench`."""
import json
import os
import platform
import re
import subprocess
import sys

out, max_rss_kb, rss_before_kb, rss_after_kb, overload_rate = sys.argv[1:6]
env = os.environ.get
rows = [json.loads(line) for line in open(f"{out}/results.jsonl") if line.strip()]
scenarios = {}
for row in rows:
    scenarios.setdefault(row.pop("scenario"), {}).update(row)
SCENARIOS = ["a-baseline", "b-trivial", "c-writes", "d-overload", "e-many-bots", "f-defaults", "g-counter"]
REJECTION = re.compile(r'^webhook_rejections_total\{.*reason="([a-z_]+)".*\} (\S+)$')


def answers(s):
    """Status -> count, and the figures of the scenario's table row, wrk's or the open-loop client's."""
    if "result" in s:
        r = s["result"]
        return {int(k): v for k, v in r["statuses"].items()}, r
    o = s["open_loop"]
    statuses = {int(k): v["count"] for k, v in o["statuses"].items()}
    return statuses, dict(o["all"], rps=o["all"]["count"] / o["seconds"], socket_errors=o["errors"])


def refused(statuses):
    total = sum(statuses.values())
    return sum(v for k, v in statuses.items() if not 200 <= k < 400) / total if total else 0.0


def cpu_per_request(s, key, count):
    before, after = s.get("cpu_before", {}).get(key), s.get("cpu_after", {}).get(key)
    return "–" if before is None or after is None or not count else f"{(after - before) / count:.0f}"


def sums(name, phase, pattern, key_of):
    """The values of the scenario's metrics file lines that match, summed by key_of(match); empty without the file."""
    totals = {}
    try:
        for line in open(f"{out}/metrics/{name}-{phase}.prom"):
            match = pattern.match(line.strip())
            if match:
                key = key_of(match)
                totals[key] = totals.get(key, 0) + float(match.group(2))
    except OSError:
        pass
    return totals


def rejections(name):
    before, after = (sums(name, phase, REJECTION, lambda m: m.group(1)) for phase in ("before", "after"))
    made = {reason: int(after[reason] - before.get(reason, 0)) for reason in after}
    return ", ".join(f"{reason}: {n}" for reason, n in sorted(made.items()) if n) or ("–" if not after else "none")


BUCKET = re.compile(r'^webhook_requests_seconds_bucket\{(.*)\} (\S+)$')


def status_and_bound(match):
    tags = dict(re.findall(r'([a-z_]+)="([^"]*)"', match.group(1)))
    return tags["status"], float("inf") if tags["le"] == "+Inf" else float(tags["le"])


def service_percentiles(name):
    """Status class -> (count, p50 ms, p99 ms) of the service's own webhook.requests histogram over the scenario:
    from the route to the answer, without what the load generator and the sockets add."""
    before, after = (sums(name, phase, BUCKET, status_and_bound) for phase in ("before", "after"))
    result = {}
    for status in sorted({key[0] for key in after}):
        cumulative = sorted((le, after[(status, le)] - before.get((status, le), 0))
                            for (st, le) in after if st == status)
        total = cumulative[-1][1] if cumulative else 0
        if not total:
            continue
        def at(q):
            for le, n in cumulative:
                if n >= q * total:
                    return le * 1000
            return float("inf")
        result[status] = (int(total), at(0.5), at(0.99))
    return result


base = scenarios.get("a-baseline", {}).get("result", {}).get("rps") or 1
cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"], capture_output=True,
                     text=True).stdout.strip()
elapsed = int(env("BENCH_ELAPSED", "0"))
print(f"# bot-webhooks benchmark\n\nMachine: {os.cpu_count()} cores, {cpu}, {platform.system()} "
      f"{platform.release()}; service and baseline JVM flags: `{env('BENCH_JVM_FLAGS')}`; "
      f"load from wrk (2 threads, {env('BENCH_CONNECTIONS')} connections unless said) on 127.0.0.1; "
      f"PostgreSQL: {env('BENCH_POSTGRES')}.\n\n"
      f"Run: {env('BENCH_DURATION')} s per scenario after {env('BENCH_WARMUP')} s of warm-up; "
      f"{elapsed // 60} min {elapsed % 60} s in all.\n")

print("| scenario | req/s | ratio to (a) | p50 ms | p99 ms | p99.9 ms | refused | JVM CPU us/req "
      "| PostgreSQL CPU us/req | of it, this database | socket errors | statuses | refused for |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|")
for name in SCENARIOS:
    s = scenarios.get(name, {})
    if "result" not in s and "open_loop" not in s:
        continue
    statuses, r = answers(s)
    count = sum(statuses.values())
    shown = ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items()))
    print(f"| {name} | {r['rps']:.0f} | {r['rps'] / base:.2f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | "
          f"{r['p999_ms']:.2f} | {refused(statuses):.1%} | {cpu_per_request(s, 'server_us', count)} | "
          f"{cpu_per_request(s, 'pg_us', count)} | {cpu_per_request(s, 'pg_db_us', count)} | "
          f"{r['socket_errors']} | {shown} | {rejections(name) if name != 'a-baseline' else '–'} |")

print("\nrefused: answers neither 2xx nor 3xx, over all answers; refused for: the service's "
      "`webhook.rejections` counters over the scenario. CPU: utime + stime from /proc, sampled right before "
      "and right after the scenario's load, over its answers (refusals included): the JVM that served it "
      "(the baseline's for (a)); PostgreSQL, every process of the cluster (any other database's load too); "
      "of it, this database: its backends (by process title), the postmaster and the cluster's background "
      "processes; a process that exited during the scenario counts in the cluster's figure only.")

d = scenarios.get("d-overload", {}).get("open_loop")
if d:
    print(f"\n(d) overload, open loop at {overload_rate} req/s for {d['seconds']} s: sent {d['sent']}, "
          f"client errors {d['errors']}, requests not sent (four per connection outstanding already, or the client fell behind) {d.get('dropped_by_client', 0)}")
    print("\n| status | count | p50 ms | p99 ms | p99.9 ms |\n|---|---:|---:|---:|---:|")
    for status, st in sorted(d["statuses"].items()):
        print(f"| {status} | {st['count']} | {st['p50_ms']:.2f} | {st['p99_ms']:.2f} | {st['p999_ms']:.2f} |")
    inside = service_percentiles("d-overload")
    if inside:
        print("\nThe same answers as the service timed them (webhook.requests, from the route to the answer; "
              "histogram buckets, so each figure is the bucket's upper bound):\n\n"
              "| status class | count | p50 ms at most | p99 ms at most |\n|---|---:|---:|---:|")
        for status, (count, p50, p99) in inside.items():
            print(f"| {status} | {count} | {p50:.1f} | {p99:.1f} |")

f = scenarios.get("f-defaults", {}).get("result")
if f:
    statuses = {int(k): v for k, v in f["statuses"].items()}
    print(f"\n(f) shipped defaults: a second service given only its port, the admin token and the database, one bot "
          f"with default settings, wrk -c{env('BENCH_DEFAULTS_CONNECTIONS')}: {refused(statuses):.1%} refused "
          f"({rejections('f-defaults')}).", end=" ")
    warmup = scenarios["f-defaults"].get("warmup")
    if warmup:
        print(f"Its service's warm-up ({warmup['seconds']:.0f} s, the same load) was answered "
              f"{', '.join(f'{k}: {v}' for k, v in sorted(warmup['statuses'].items()))}; ", end="")
        waited = scenarios["f-defaults"].get("banned_for_s", 0)
        print(f"(f) began after {waited} s of waiting for 127.0.0.1's ban to lapse." if waited
              else "no ban was in force when (f) began.", end="")
    idle = scenarios.get("f-idle", {})
    if idle.get("cpu_before", {}).get("server_us") is not None and idle.get("cpu_after", {}).get("server_us") is not None:
        used = (idle["cpu_after"]["server_us"] - idle["cpu_before"]["server_us"]) / 1e6
        seconds = idle["cpu_after"]["t"] - idle["cpu_before"]["t"]
        print(f" Idle while (a) to (e) and (g) ran, it used {used:.1f} s of CPU in {seconds:.0f} s.", end="")
    print()

g = scenarios.get("g-counter", {})
if "result" in g and "property_n" in g:
    ok = sum(v for k, v in g["result"]["statuses"].items() if 200 <= int(k) < 300)
    n = g["property_n"]
    print(f"\n(g) contended counter, one bot property read and rewritten by every run, "
          f"wrk -c{env('BENCH_COUNTER_CONNECTIONS')}: n = {n} after {ok} answers 2xx: {ok - n} lost increments "
          f"({(ok - n) / ok if ok else 0:.1%}); runs still in flight when wrk stopped may add up to "
          f"{env('BENCH_COUNTER_CONNECTIONS')} increments no answer was counted for.")

print(f"\nService arguments: `{env('BENCH_SERVICE_ARGS') or 'none (shipped defaults)'}`; (f)'s service: none but "
      f"`--server.port` and `--webhooks.admin-token`.")
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
