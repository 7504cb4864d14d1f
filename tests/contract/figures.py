#!/usr/bin/env python3
"""Figures for the PostgreSQL backend beside SQLite, same machine, same run.

    cargo build --release --bin accord
    eval "$(scripts/pg.sh start)"
    python3 tests/contract/figures.py [--events 100000] [--runs 5]

Generates the benchmarks' log (`accord generate --events N --partnerships P
--seed 1`: the catalogue's event mix, Zipf-skewed activity, revisions,
retractions, back-dated entries), then for each backend: `init`, one bulk
`append` of the whole file, and `show --as-of` (busiest and median
partnership) / `show --as-of --known-at` / `verify` / `export` runs,
reporting medians. Both logs are then compared through their exports
(they must be byte-identical). Not run by `cargo test`.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date

NOW = "2026-01-15T12:00:00Z"


def generate(n_events, parts):
    """The log of issue 5's benchmarks: `accord generate` (valid, Zipf-skewed
    activity, revisions, retractions, back-dated entries), seed 1."""
    p = subprocess.run(
        [BIN, "generate", "--events", str(n_events), "--partnerships", str(parts), "--seed", "1"],
        capture_output=True,
        check=True,
    )
    lines = p.stdout.decode().splitlines()
    counts = Counter()
    first = last = None
    for line in lines:
        e = json.loads(line)
        day = e["occurred_at"][:10]
        first = day if first is None or day < first else first
        last = day if last is None or day > last else last
        ptn = e["data"].get("partnership")
        if ptn:
            counts[ptn] += 1
    ranked = [p for p, _ in counts.most_common()]
    return lines, date.fromisoformat(first), date.fromisoformat(last), ranked[0], ranked[len(ranked) // 2]


def run(db, args, stdin=None):
    env = dict(os.environ, ACCORD_NOW=NOW, ACCORD_USER="figures", ACCORD_DB=db, NO_COLOR="1")
    t = time.perf_counter()
    p = subprocess.run([BIN] + args, env=env, stdin=stdin, capture_output=True)
    dt = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit(f"{args} failed on {db}: {p.stderr.decode()}")
    return dt, p.stdout


def main():
    global BIN
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--partnerships", type=int, default=50)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--bin", default="target/release/accord")
    a = ap.parse_args()
    BIN = a.bin
    pg = os.environ.get("ACCORD_TEST_PG")
    if not pg:
        sys.exit("set ACCORD_TEST_PG (scripts/pg.sh start)")
    lines, first_day, last_day, busiest, median = generate(a.events, a.partnerships)
    tmp = tempfile.mkdtemp()
    src = os.path.join(tmp, "programme.jsonl")
    with open(src, "w") as f:
        f.write("\n".join(lines) + "\n")
    schema = f"figures_{os.getpid()}"
    subprocess.run(["psql", "-q", pg, "-c", f"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"],
                   check=True)
    sep = "&" if "?" in pg else "?"
    dbs = {"sqlite": os.path.join(tmp, "accord.db"), "postgres": f"{pg}{sep}options=-csearch_path%3D{schema}"}
    mid = (first_day + (last_day - first_day) / 2).isoformat()
    print(
        f"{len(lines)} events over {a.partnerships} partnerships, {os.path.getsize(src) / 1e6:.1f} MB; "
        f"as-of {mid}; busiest partnership {busiest}, median {median}; medians of {a.runs} runs"
    )
    results = {}
    for name, db in dbs.items():
        run(db, ["init"])
        with open(src, "rb") as f:
            t_append, out = run(db, ["append"], stdin=f)
        assert out.decode().startswith(f"appended {len(lines)},"), out
        res = {"append": t_append}
        for label, args in [
            ("show --as-of (busiest)", ["show", busiest, "--as-of", mid, "--json"]),
            ("show --as-of (median)", ["show", median, "--as-of", mid, "--json"]),
            ("show --as-of --known-at", ["show", median, "--as-of", mid, "--known-at", NOW, "--json"]),
            ("show (today)", ["show", median, "--json"]),
            ("log --partnership", ["log", "--partnership", median, "--json"]),
            ("verify", ["verify"]),
            ("export", ["export"]),
        ]:
            times = [run(db, args)[0] for _ in range(a.runs)]
            res[label] = statistics.median(times)
        # One more event on the full log: the cost of a small batch.
        one = json.dumps({"id": "late-1", "type": "finding.recorded", "occurred_at": last_day.isoformat(),
                          "data": {"finding": "late-1", "origin": "document", "swot": "threat", "theme": "other",
                                   "text": "late"}}) + "\n"
        t = time.perf_counter()
        env = dict(os.environ, ACCORD_NOW=NOW, ACCORD_USER="figures", ACCORD_DB=db)
        subprocess.run([BIN, "append"], input=one.encode(), env=env, check=True, capture_output=True)
        res["append 1 event (cold process)"] = time.perf_counter() - t
        results[name] = res
    e1 = run(dbs["sqlite"], ["export"])[1]
    e2 = run(dbs["postgres"], ["export"])[1]
    print("exports byte-identical:", e1 == e2)
    print(f"{'':32} {'SQLite':>10} {'PostgreSQL':>12}")
    for k in results["sqlite"]:
        s, p = results["sqlite"][k], results["postgres"][k]
        print(f"{k:32} {s:9.3f}s {p:11.3f}s")
    n = len(lines)
    print(f"{'append throughput':32} {n / results['sqlite']['append']:8.0f}/s {n / results['postgres']['append']:10.0f}/s")
    subprocess.run(["psql", "-q", pg, "-c", f"DROP SCHEMA {schema} CASCADE"], check=True)


if __name__ == "__main__":
    main()
