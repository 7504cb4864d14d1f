#!/usr/bin/env python3
"""What each reading command costs on a log you already have (bench.py
appends its own log first, which on ten million events takes half an hour).

    python3 scripts/read_costs.py ACCORD LOG BUSIEST MEDIAN [DATE]

Runs once each, in this order, on LOG (its `.folds` file is deleted first,
so the first runs fold everything): verify; status (first, again); show of
the BUSIEST and the MEDIAN partnership on three new dates (from DATE on,
default 2014-12-01) then again on the last; history and diff of MEDIAN on
a new date, then again; snapshot --stage 2 --format html (first, again).
Prints one line per run: wall seconds and peak resident memory
(/usr/bin/time). Stdout of the commands goes to /dev/null. Run it on a
copy: it writes LOG.folds. Lone figures on a shared machine: compare
builds in the same run (run it twice, alternating), never across days.
"""

import datetime
import os
import subprocess
import sys


def timed(cmd):
    p = subprocess.run(["/usr/bin/time", "-f", "@@TIME %e %M"] + cmd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}): {p.stderr[-2000:]}")
    line = [l for l in p.stderr.splitlines() if l.startswith("@@TIME")][-1]
    _, s, kb = line.split()
    return float(s), int(kb) / 1024


def main():
    if len(sys.argv) not in (5, 6):
        sys.exit(__doc__)
    accord, log, busiest, median = sys.argv[1:5]
    day = datetime.date.fromisoformat(sys.argv[5] if len(sys.argv) == 6 else "2014-12-01")
    folds = log + ".folds"
    if os.path.exists(folds):
        os.remove(folds)

    def run(name, *args):
        s, mb = timed([accord, "--db", log, *args])
        print(f"| {name} | {s:.2f} s | {mb:.0f} MB |", flush=True)

    print("| command | wall | peak memory |\n|---|---|---|")
    run("verify", "verify")
    run("status, first", "status")
    run("status, again", "status")
    for p in (busiest, median):
        for k in range(3):
            on = (day + datetime.timedelta(days=k)).isoformat()
            run(f"show {p} --as-of {on} (new date)", "show", p, "--as-of", on)
        run(f"show {p} --as-of {on} (again)", "show", p, "--as-of", on)
    on = (day + datetime.timedelta(days=10)).isoformat()
    for name in ("new date", "again"):
        run(f"history {median} --as-of {on} ({name})", "history", median, "--as-of", on)
        run(f"diff {median} --to {on} ({name})", "diff", median, "--from", "2009-06-01", "--to", on)
    out = log + ".snapshot.html"
    for name in ("first", "again"):
        run(f"snapshot --stage 2 --format html ({name})", "snapshot", "--stage", "2",
            "--format", "html", "--out", out)
    os.remove(out)


if __name__ == "__main__":
    main()
