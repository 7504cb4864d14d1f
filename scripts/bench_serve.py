#!/usr/bin/env python3
"""Load benchmark of `accord serve` (a benchmark, not a timed test).

usage: scripts/bench_serve.py [--clients N] [--seconds S] [--events E]
                              [--partnerships P] [--work DIR] [--no-build]

Builds the release binary, then serves two logs in turn: the built-in example
(`accord init --example cambodia`) and a generated one (`accord generate
--events E --partnerships P --seed 1`, appended). For each route, N clients
(threads, each on its own connection per request, as browsers without
keep-alive) ask it again and again for S seconds. Prints, per log and route,
the latency of the first load (the page built from the log, as after every
append), then under load the requests per second, the p50 and p99 latency
and the count (the page kept while the log is unchanged); then the server's
peak resident memory (VmHWM, for the whole run on that log).

The clients are Python threads: for routes that answer in well under a
millisecond the client, not the server, can be the bound; the figures of the
heavy routes (those that fold the whole log) are the server's own.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import http.client

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOW = "2026-01-01T00:00:00Z"


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def env():
    e = dict(os.environ)
    e.pop("ACCORD_DB", None)
    e.pop("ACCORD_SERVE_TOKEN", None)
    e["ACCORD_NOW"] = NOW
    e["ACCORD_USER"] = "bench"
    return e


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, env=env(), **kw)


def first_json(accord, db, kind):
    out = run([accord, "--db", db, "list", kind, "--json"], capture_output=True, text=True).stdout
    return json.loads(out.splitlines()[0])


def serve(accord, db):
    p = subprocess.Popen([accord, "--db", db, "serve", "--listen", "127.0.0.1:0"],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env(), text=True)
    line = p.stdout.readline().strip()
    assert line.startswith("listening on http://"), line
    host, port = line[len("listening on http://"):].rstrip("/").rsplit(":", 1)
    return p, host, int(port)


def peak_rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def hammer(host, port, path, clients, seconds):
    """N clients asking `path` for `seconds`: latencies (s) and failures."""
    lat, bad = [], []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client():
        mine, wrong = [], 0
        while time.monotonic() < deadline:
            t0 = time.perf_counter()
            c = http.client.HTTPConnection(host, port, timeout=600)
            c.request("GET", path)
            r = c.getresponse()
            r.read()
            c.close()
            mine.append(time.perf_counter() - t0)
            if r.status != 200:
                wrong += 1
        with lock:
            lat.extend(mine)
            bad.append(wrong)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return lat, sum(bad), time.monotonic() - t0


def hammer_once(host, port, path):
    """One request alone: its latency (s)."""
    t0 = time.perf_counter()
    c = http.client.HTTPConnection(host, port, timeout=600)
    c.request("GET", path)
    r = c.getresponse()
    r.read()
    c.close()
    return time.perf_counter() - t0, r.status, None


def pct(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def bench_log(accord, db, label, clients, seconds):
    p = first_json(accord, db, "partnerships")["partnership"]
    a = first_json(accord, db, "agreements")["agreement"]
    routes = [
        "/",
        f"/partnerships/{p}",
        f"/partnerships/{p}?as_of=2010-01-01",
        f"/api/partnerships/{p}",
        f"/partnerships/{p}/history",
        f"/agreements/{a}",
        "/stages/1",
        "/log",
        f"/log?partnership={p}",
        "/verify",
    ]
    proc, host, port = serve(accord, db)
    rows = []
    try:
        for r in routes:
            # The first load builds the page (as after every append); the
            # clients then get it from the pages kept while the log is unchanged.
            first, _, _ = hammer_once(host, port, r)
            lat, bad, took = hammer(host, port, r, clients, seconds)
            rows.append((r, first * 1000, len(lat) / took, pct(lat, 0.5) * 1000, pct(lat, 0.99) * 1000,
                         len(lat), bad))
            log(f"{label} {r}: {len(lat) / took:,.1f} req/s, p50 {pct(lat, .5) * 1000:.1f} ms")
        rss = peak_rss_mb(proc.pid)
    finally:
        proc.kill()
        proc.wait()
    return rows, rss


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=5)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--partnerships", type=int, default=50)
    ap.add_argument("--work")
    ap.add_argument("--no-build", action="store_true")
    a = ap.parse_args()
    if not a.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "accord"], cwd=ROOT, check=True)
    accord = os.path.join(ROOT, "target", "release", "accord")
    work = a.work or tempfile.mkdtemp(prefix="accord-bench-serve-")
    os.makedirs(work, exist_ok=True)
    try:
        example = os.path.join(work, "example.db")
        big = os.path.join(work, "generated.db")
        events = os.path.join(work, "events.jsonl")
        for f in (example, big):
            if os.path.exists(f):
                os.remove(f)
        run([accord, "--db", example, "init", "--example", "cambodia"], stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        run([accord, "generate", "--events", str(a.events), "--partnerships", str(a.partnerships),
             "--seed", "1", "--out", events])
        run([accord, "--db", big, "init"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        run([accord, "--db", big, "append", events], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        results = []
        for label, db in (("example", example), (f"generated {a.events:,}", big)):
            results.append((label, *bench_log(accord, db, label, a.clients, a.seconds)))
    finally:
        if not a.work:
            shutil.rmtree(work, ignore_errors=True)
    cores = os.cpu_count()
    print(f"accord serve, release build; {a.clients} clients for {a.seconds:g} s per route; "
          f"{cores} cores shared with the clients\n")
    for label, rows, rss in results:
        print(f"### {label} (server peak RSS {rss:,.0f} MB)\n")
        print("| route | first load ms | req/s | p50 ms | p99 ms | requests | non-200 |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for r, first, rps, p50, p99, n, bad in rows:
            print(f"| `{r}` | {first:,.1f} | {rps:,.1f} | {p50:,.1f} | {p99:,.1f} | {n:,} | {bad} |")
        print()


if __name__ == "__main__":
    main()
