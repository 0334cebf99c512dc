"""CPU time of the processes a `make bench` scenario loads, from /proc/<pid>/stat (utime + stime).

  cpu.py postmaster DATA_DIR   pid of the embedded PostgreSQL whose data directory that is
  cpu.py postmaster --psql     pid of the postmaster of the configured PostgreSQL (WEBHOOKS_DATABASE_*),
                               when it runs on this machine; prints nothing otherwise
  cpu.py sample SERVER_PID [POSTMASTER_PID DATABASE]
                               one JSON line: the time, and microseconds of the server JVM; PostgreSQL's whole cluster
                               (the postmaster, its live children, and through its cutime+cstime the
                               children that exited); and the part of it that serves DATABASE
                               (its backends, the postmaster and the background processes no database owns)
"""
import json
import os
import re
import subprocess
import sys
import time

TICK_US = 1_000_000 / os.sysconf("SC_CLK_TCK")
# A backend's process title: "postgres: [CLUSTER_NAME: ]USER DATABASE HOST(PORT) ACTIVITY" ([local] for a socket).
BACKEND = re.compile(r"^postgres: (?:\S+: )?\S+ (\S+) (?:\S+\(\d+\)|\[local\])")
AUTOVACUUM_WORKER = re.compile(r"^postgres: (?:\S+: )?autovacuum worker (\S+)")


def stat(pid):
    """(ppid, utime + stime, cutime + cstime) in ticks, or None once the process is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[1]), int(fields[11]) + int(fields[12]), int(fields[13]) + int(fields[14])


def title(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return ""


def database_of(pid):
    """The database a PostgreSQL child process works for, or None for the cluster's background processes."""
    text = title(pid)
    match = BACKEND.match(text) or AUTOVACUUM_WORKER.match(text)
    return match.group(1) if match else None


def postgres(postmaster, database):
    own = stat(postmaster)
    if own is None:
        return {}
    cluster = own[1] + own[2]
    serving = own[1]
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        child = stat(entry)
        if child is None or child[0] != postmaster:
            continue
        cluster += child[1]
        owner = database_of(entry)
        if owner is None or owner == database:
            serving += child[1]
    return {"pg_us": round(cluster * TICK_US), "pg_db_us": round(serving * TICK_US)}


def sample(args):
    server = stat(int(args[0]))
    result = {"t": round(time.time(), 3), "server_us": None if server is None else round(server[1] * TICK_US)}
    if len(args) >= 3 and args[1]:
        result.update(postgres(int(args[1]), args[2]))
    print(json.dumps(result))


def postmaster(args):
    if args[0] != "--psql":
        with open(os.path.join(args[0], "postmaster.pid")) as f:
            print(f.readline().strip())
        return
    env = dict(os.environ, PGPASSWORD=os.environ.get("WEBHOOKS_DATABASE_PASSWORD", ""))
    # Any background process's parent is the postmaster; the checkpointer always runs.
    try:
        found = subprocess.run(["psql", "-X", "-tA", "-h", os.environ["WEBHOOKS_DATABASE_HOST"],
                                "-p", os.environ.get("WEBHOOKS_DATABASE_PORT", "5432"),
                                "-U", os.environ.get("WEBHOOKS_DATABASE_USERNAME", "webhooks"),
                                "-d", os.environ.get("WEBHOOKS_DATABASE_NAME", "webhooks"),
                                "-c", "SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer'"],
                               capture_output=True, text=True, env=env).stdout.strip()
    except FileNotFoundError:
        return
    checkpointer = stat(found) if found.isdigit() else None
    # A PostgreSQL on another machine (or in a container with its own pids) cannot be measured from here.
    if checkpointer is not None and "checkpointer" in title(found):
        print(checkpointer[0])


if __name__ == "__main__":
    {"sample": sample, "postmaster": postmaster}[sys.argv[1]](sys.argv[2:])
