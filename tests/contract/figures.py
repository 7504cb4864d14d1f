#!/usr/bin/env python3
"""Figures for the PostgreSQL backend beside SQLite, same machine, same run.

    cargo build --release --bin accord
    eval "$(scripts/pg.sh start)"
    python3 tests/contract/figures.py [--events 100000] [--runs 5]

Generates a valid programme of N events (50 partnerships, each with
agreements proposed, endorsed by both sides, revised and endorsed again;
reviews with four responses; commitments reported to completion; findings),
then for each backend: `init`, one bulk `append` of the whole file, and
`show --as-of` / `show --as-of --known-at` / `verify` / `export` runs,
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
from datetime import date, timedelta

NOW = "2016-01-01T00:00:00Z"


def generate(n_events, parts=50):
    out = []
    day = date(2008, 1, 1)
    counter = [0]

    def emit(kind, data):
        counter[0] += 1
        if counter[0] % 60 == 0:
            nonlocal_day[0] += timedelta(days=1)
        out.append(
            json.dumps(
                {
                    "id": f"ev-{counter[0]}",
                    "type": kind,
                    "occurred_at": nonlocal_day[0].isoformat(),
                    "data": data,
                }
            )
        )

    nonlocal_day = [day]
    for o in range(20):
        side = "government" if o < 10 else "development_partner"
        emit("organisation.registered", {"org": f"org-{o}", "name": f"Org {o}", "side": side})
        for k in range(2):
            emit("person.registered", {"person": f"p-{o}-{k}", "name": f"P {o} {k}", "org": f"org-{o}"})
    for p in range(parts):
        emit("partnership.established", {"partnership": f"tw-{p}", "name": f"TWG {p}"})
        for o in (p % 10, (p + 1) % 10, 10 + p % 10, 10 + (p + 3) % 10):
            emit("partner.joined", {"partnership": f"tw-{p}", "org": f"org-{o}", "role": "member"})
    r = 0
    while len(out) < n_events:
        for p in range(parts):
            orgs = (p % 10, (p + 1) % 10, 10 + p % 10, 10 + (p + 3) % 10)
            people = [f"p-{o}-0" for o in orgs]
            ag = f"ag-{p}-{r}"
            emit("agreement.proposed", {"agreement": ag, "partnership": f"tw-{p}", "kind": "action_plan",
                                        "title": f"Plan {r}", "text": f"Text {p} {r}", "proposed_by": people[0]})
            for who in people:
                emit("agreement.endorsed", {"agreement": ag, "version": 1, "by": who})
            emit("agreement.revised", {"agreement": ag, "text": f"Text {p} {r} revised", "reason": "review",
                                       "revised_by": people[2]})
            for who in people:
                emit("agreement.endorsed", {"agreement": ag, "version": 2, "by": who})
            rv = f"rv-{p}-{r}"
            emit("review.opened", {"review": rv, "partnership": f"tw-{p}", "kind": "health_check"})
            for i, who in enumerate(people):
                emit("review.response", {"review": rv, "respondent": who,
                                         "scores": {"shared_goal": 1 + (i + r) % 5, "engagement": 1 + (p + i) % 5}})
            emit("review.concluded", {"review": rv, "summary": "done"})
            cm = f"cm-{p}-{r}"
            emit("commitment.made", {"commitment": cm, "partnership": f"tw-{p}", "text": "do it",
                                     "owner": f"org-{orgs[0]}", "due": (nonlocal_day[0] + timedelta(days=90)).isoformat()})
            for _ in range(3):
                emit("commitment.reported", {"commitment": cm, "status": "on_schedule"})
            emit("commitment.reported", {"commitment": cm, "status": "completed"})
            for f in range(3):
                emit("finding.recorded", {"finding": f"fd-{p}-{r}-{f}", "partnership": f"tw-{p}", "origin": "review",
                                          "swot": "strength", "theme": "roles", "text": f"Finding {f}"})
            if len(out) >= n_events:
                break
        r += 1
    return out, nonlocal_day[0]


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
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--bin", default="target/release/accord")
    a = ap.parse_args()
    BIN = a.bin
    pg = os.environ.get("ACCORD_TEST_PG")
    if not pg:
        sys.exit("set ACCORD_TEST_PG (scripts/pg.sh start)")
    lines, last_day = generate(a.events)
    tmp = tempfile.mkdtemp()
    src = os.path.join(tmp, "programme.jsonl")
    with open(src, "w") as f:
        f.write("\n".join(lines) + "\n")
    schema = f"figures_{os.getpid()}"
    subprocess.run(["psql", "-q", pg, "-c", f"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"],
                   check=True)
    sep = "&" if "?" in pg else "?"
    dbs = {"sqlite": os.path.join(tmp, "accord.db"), "postgres": f"{pg}{sep}options=-csearch_path%3D{schema}"}
    mid = (date(2008, 1, 1) + (last_day - date(2008, 1, 1)) / 2).isoformat()
    print(f"{len(lines)} events, {os.path.getsize(src) / 1e6:.1f} MB; as-of {mid}; medians of {a.runs} runs")
    results = {}
    for name, db in dbs.items():
        run(db, ["init"])
        with open(src, "rb") as f:
            t_append, out = run(db, ["append"], stdin=f)
        assert out.decode().startswith(f"appended {len(lines)},"), out
        res = {"append": t_append}
        for label, args in [
            ("show --as-of", ["show", "tw-7", "--as-of", mid, "--json"]),
            ("show --as-of --known-at", ["show", "tw-7", "--as-of", mid, "--known-at", "2016-01-01", "--json"]),
            ("show (today)", ["show", "tw-7", "--json"]),
            ("log --partnership", ["log", "--partnership", "tw-7", "--json"]),
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
