#!/usr/bin/env python3
"""`accord show` on a new date each run, for two builds, alternating.

    python3 scripts/show_dates.py LOG OLD_ACCORD NEW_ACCORD PARTNERSHIPS ROUNDS

PARTNERSHIPS is a comma-separated list of ids. Each round runs each build
on each partnership three times, each on a date not asked before (from
2012-01-02 on, one day apart), then again on that date (its saved report).
Stdout goes to /dev/null. Prints the median wall time of each (build,
partnership, new/again) in milliseconds. The machine is shared and noisy:
compare the two builds of the same run, not figures across runs.

Both builds write `LOG.folds` beside the log: run it on a copy.
"""

import datetime
import os
import statistics
import subprocess
import sys
import time


def main():
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    db, old, new, parts, rounds = sys.argv[1:]
    times = {}
    k = 0
    for _ in range(int(rounds)):
        for accord in (old, new):
            for p in parts.split(","):
                for _ in range(3):
                    k += 1
                    day = (datetime.date(2012, 1, 1) + datetime.timedelta(days=k)).isoformat()
                    for when in ("new", "again"):
                        start = time.perf_counter()
                        subprocess.run([accord, "--db", db, "show", p, "--as-of", day],
                                       stdout=subprocess.DEVNULL, check=True)
                        ms = (time.perf_counter() - start) * 1000
                        times.setdefault((os.path.basename(accord), p, when), []).append(ms)
    for (accord, p, when), v in sorted(times.items()):
        print(f"{accord:12} {p:16} {when:6} median {statistics.median(v):7.1f} ms "
              f"(n={len(v)}, min {min(v):.1f}, max {max(v):.1f})")


if __name__ == "__main__":
    main()
