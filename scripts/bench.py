#!/usr/bin/env python3
"""accord's whole-command benchmarks, each beside its baseline in the same run.

usage: scripts/bench.py [--events N] [--partnerships P] [--runs R] [--work DIR]
                        [--small-events M] [--accord BINARY]
                        [--no-build] [--no-pyes] [--no-divan]

Generates a programme log (`accord generate`), then runs R rounds; in each
round the baseline and accord run one after the other (machines are shared
and noisy: medians of alternating runs, never a lone figure):

  bulk append   accord append FILE          vs sqlite_limit.py FILE (SQLite's own insert cost)
                                            and pyes_bench.py N P (Python eventsourcing)
  verify        accord verify               goal >= 1,000,000 events/s
  replay        accord status (folds every projection over the whole log)
                                            vs pyes_bench.py's replay
  show --as-of  accord show P --as-of D     goal median < 20 ms (busiest and a median partnership),
                                            a new date each run (folds, saves its report), then
                                            the same date again (from the saved report)
  one append    accord append of 1 event into the big log (rebuilds the rule state)
  snapshot      accord snapshot --format html (when the command exists), then again
                (from the shares it saved)

plus single durable appends through the library (`cargo bench --bench append`).
Peak memory is /usr/bin/time's maximum resident set size, goal < 200 MB;
the read commands' peak memory is also measured on a log a tenth the size
(--small-events) and compared (issue 16: at most 1.5x).
Prints a Markdown table: median, baseline, ratio, issue 16's last figure,
goal, met?
"""

import argparse
import datetime
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOW = "2026-01-01T00:00:00Z"


def find_baselines():
    for d in [os.environ.get("ACCORD_BASELINES", ""),
              os.path.join(ROOT, "..", "shared", "bench"),
              os.path.join(ROOT, "shared", "bench")]:
        if d and os.path.isfile(os.path.join(d, "sqlite_limit.py")):
            return os.path.abspath(d)
    sys.exit("cannot find sqlite_limit.py: set ACCORD_BASELINES to the folder holding it")


def timed(cmd, env=None, stdin=None):
    """Runs cmd under /usr/bin/time; returns (seconds, max RSS in MB, stdout)."""
    e = dict(os.environ, ACCORD_NOW=NOW, **(env or {}))
    fmt = "@@TIME %e %M"
    # The output goes to a file, as `accord show … > report.txt` would, and
    # is read and decoded after the clock stops: through a pipe, Python's
    # reading of the busiest partnership's 14 MB `show` in 32 KiB pieces
    # added 6-10 ms to accord's time, and decoding it about 45 ms.
    with tempfile.TemporaryFile() as out:
        t0 = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-f", fmt] + cmd, env=e, stdin=stdin,
                           stdout=out, stderr=subprocess.PIPE)
        wall = time.perf_counter() - t0
        out.seek(0)
        stdout = out.read().decode("utf-8", "replace")
    stderr = p.stderr.decode("utf-8", "replace")
    m = re.search(r"@@TIME ([\d.]+) (\d+)", stderr)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({p.returncode}): {stderr[-2000:]}")
    rss = int(m.group(2)) / 1024 if m else float("nan")
    return wall, rss, stdout


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--partnerships", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--show-runs", type=int, default=7)
    ap.add_argument("--work", default=None, help="scratch folder (default: a temporary one)")
    ap.add_argument("--small-events", type=int, default=None,
                    help="the smaller log of the peak-memory row (default: a tenth of --events; 0 skips it)")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--accord", default=None,
                    help="the accord binary to measure (default: this tree's release build); an older build gives the figures before a change")
    ap.add_argument("--no-pyes", action="store_true")
    ap.add_argument("--no-divan", action="store_true")
    ap.add_argument("--pyes-python", default=os.environ.get("PYES_PYTHON", "/tmp/pyes/bin/python"))
    a = ap.parse_args()
    n, p = a.events, a.partnerships
    base = find_baselines()
    if not a.no_build and not a.accord:
        subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "accord"], cwd=ROOT, check=True)
    accord = os.path.abspath(a.accord) if a.accord else os.path.join(ROOT, "target", "release", "accord")
    work = a.work or tempfile.mkdtemp(prefix="accord-bench-")
    os.makedirs(work, exist_ok=True)
    events = os.path.join(work, "events.jsonl")
    log(f"work folder {work}; N={n:,} P={p} runs={a.runs}")

    gen_s, gen_rss, _ = timed([accord, "generate", "--events", str(n), "--partnerships", str(p),
                               "--seed", str(a.seed), "--out", events])
    log(f"generated {n:,} events in {gen_s:.2f} s")

    pyes = None
    if not a.no_pyes:
        if not os.path.exists(a.pyes_python):
            log("installing the eventsourcing library into /tmp/pyes")
            subprocess.run([sys.executable, "-m", "venv", "/tmp/pyes"], check=False)
            subprocess.run(["/tmp/pyes/bin/pip", "install", "-q", "eventsourcing"], check=False)
        if os.path.exists(a.pyes_python):
            pyes = a.pyes_python
        else:
            log("eventsourcing is not available: its rows stay empty")

    r = {k: [] for k in ["limit", "append", "append_rss", "pyes_append", "pyes_replay", "verify",
                          "verify_rss", "replay", "replay_rss", "show_top", "show_mid", "show_rss",
                          "one", "one_rss", "snap", "snap_rss", "limit_rss", "pyes_rss",
                          "status_saved", "status_saved_rss", "status_one", "status_one_rss",
                          "show_top_again", "show_mid_again", "show_again_rss",
                          "snap_again", "snap_again_rss", "harness"]}
    db = os.path.join(work, "accord.db")
    has_snapshot = subprocess.run([accord, "snapshot", "--help"], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL).returncode == 0
    top, mid, as_of = pick_partnerships(events, p)
    for run in range(a.runs):
        # Bulk append: the near-limit baseline, then accord, on the same file.
        lim_db = os.path.join(work, "limit.db")
        rm_db(lim_db)
        _, rss, out = timed([sys.executable, os.path.join(base, "sqlite_limit.py"), events, lim_db])
        r["limit"].append(float(re.search(r"([\d,]+) rows/s", out).group(1).replace(",", "")))
        r["limit_rss"].append(rss)
        rm_db(lim_db)
        rm_db(db)
        timed([accord, "--db", db, "init"])
        s, rss, out = timed([accord, "--db", db, "--as", "gen", "append", events])
        assert f"appended {n}, skipped 0" in out, out
        r["append"].append(n / s)
        r["append_rss"].append(rss)
        log(f"round {run + 1}: limit {r['limit'][-1]:,.0f}/s, accord append {n / s:,.0f}/s")
        if pyes:
            pdb = os.path.join(work, "pyes.db")
            rm_db(pdb)
            _, rss, out = timed([pyes, os.path.join(base, "pyes_bench.py"), str(n), str(p), pdb])
            m = re.search(r"append ([\d,]+) ev/s, replay ([\d,]+) ev/s", out)
            r["pyes_append"].append(float(m.group(1).replace(",", "")))
            r["pyes_replay"].append(float(m.group(2).replace(",", "")))
            r["pyes_rss"].append(rss)
            rm_db(pdb)
            log(f"round {run + 1}: eventsourcing append {r['pyes_append'][-1]:,.0f}/s replay {r['pyes_replay'][-1]:,.0f}/s")
        s, rss, out = timed([accord, "--db", db, "verify"])
        assert out.startswith("ok"), out
        r["verify"].append(n / s)
        r["verify_rss"].append(rss)
        s, rss, _ = timed([accord, "--db", db, "status"])
        r["replay"].append(n / s)
        r["replay_rss"].append(rss)
        # The same status again: from the folds the first one saved.
        s, rss, _ = timed([accord, "--db", db, "status"])
        r["status_saved"].append(s)
        r["status_saved_rss"].append(rss)
        # What the harness itself adds to every figure: `/usr/bin/time`
        # and Python's subprocess around a program that does nothing.
        for _ in range(a.show_runs):
            r["harness"].append(timed(["/bin/true"])[0] * 1000)
        # `show` on a new date each run (as the web view asks, date after
        # date: each folds and saves its report), then again on that date
        # (from the saved report).
        day = datetime.date.fromisoformat(as_of)
        for k in range(a.show_runs):
            on = (day + datetime.timedelta(days=k + 7 * run * a.show_runs)).isoformat()
            for key, part in (("show_top", top), ("show_mid", mid)):
                s, rss, _ = timed([accord, "--db", db, "show", part, "--as-of", on])
                r[key].append(s * 1000)
                r["show_rss"].append(rss)
                s, rss, _ = timed([accord, "--db", db, "show", part, "--as-of", on])
                r[key + "_again"].append(s * 1000)
                r["show_again_rss"].append(rss)
        if has_snapshot:
            s, rss, _ = timed([accord, "--db", db, "snapshot", "--stage", "2", "--format", "html",
                               "--out", os.path.join(work, "snapshot.html")])
            r["snap"].append(s)
            r["snap_rss"].append(rss)
            # The same report again: from the shares the first one saved.
            s, rss, _ = timed([accord, "--db", db, "snapshot", "--stage", "2", "--format", "html",
                               "--out", os.path.join(work, "snapshot.html")])
            r["snap_again"].append(s)
            r["snap_again_rss"].append(rss)
        one = os.path.join(work, "one.jsonl")
        with open(one, "w") as f:
            f.write('{"id":"bench-one-%d","type":"finding.recorded","occurred_at":"2025-12-31",'
                    '"data":{"finding":"bench-one-%d","origin":"document","swot":"strength",'
                    '"theme":"roles","text":"One more finding, appended to a large log."}}\n' % (run, run))
        s, rss, out = timed([accord, "--db", db, "--as", "gen", "append", one])
        r["one"].append(s * 1000)
        r["one_rss"].append(rss)
        # Status after that append: one stream changed (the programme's).
        s, rss, _ = timed([accord, "--db", db, "status"])
        r["status_one"].append(s)
        r["status_one_rss"].append(rss)
        log(f"round {run + 1}: verify {r['verify'][-1]:,.0f}/s, replay {r['replay'][-1]:,.0f}/s, "
            f"show {median(r['show_top'][-a.show_runs:]):.0f}/{median(r['show_mid'][-a.show_runs:]):.0f} ms, "
            f"one append {r['one'][-1]:.0f} ms")

    small_n = n // 10 if a.small_events is None else a.small_events
    small = peak_memory(accord, work, small_n, p, a.seed, has_snapshot) if small_n else None
    durable = None if a.no_divan else divan_single_append()
    rows = table(r, n, p, a.runs, a.show_runs, top, mid, as_of, durable, has_snapshot, gen_s)
    rows += memory_rows(r, n, small_n, small)
    print("\n".join(rows))
    if not a.work:
        shutil.rmtree(work, ignore_errors=True)


# Issue 16's "last" column: the figures its goals were set against
# (1,000,000 events over 200 partnerships, 2026-11-27).
LAST = {
    "show_mid_ms": 214, "show_top_ms": 1482, "status_s": 4.1, "status_mb": 1034,
    "snap_s": 4.4, "snap_mb": 871, "append_ratio": 0.32, "verify": 613_000, "memory_ratio": 10,
}


def peak_memory(accord, work, n, p, seed, has_snapshot):
    """Peak RSS (MB) of each read command on a log of n events, for the
    row that compares peak memory at two sizes (goal: at most 1.5x)."""
    events = os.path.join(work, "small.jsonl")
    db = os.path.join(work, "small.db")
    rm_db(db)
    timed([accord, "generate", "--events", str(n), "--partnerships", str(p), "--seed", str(seed),
           "--out", events])
    timed([accord, "--db", db, "init"])
    timed([accord, "--db", db, "--as", "gen", "append", events])
    top, mid, as_of = pick_partnerships(events, p)
    out = {}
    for key, cmd in (("verify", ["verify"]), ("replay", ["status"]),
                     ("show", ["show", top, "--as-of", as_of])):
        out[key] = timed([accord, "--db", db] + cmd)[1]
    if has_snapshot:
        out["snap"] = timed([accord, "--db", db, "snapshot", "--stage", "2", "--format", "html",
                             "--out", os.path.join(work, "small.html")])[1]
    rm_db(db)
    os.remove(events)
    log(f"peak memory at {n:,} events: " + ", ".join(f"{k} {v:.0f} MB" for k, v in out.items()))
    return out


def memory_rows(r, n, small_n, small):
    """The peak-memory row: each read command's peak RSS at n events
    beside the same at small_n, and the ratio (issue 16's goal: <= 1.5x)."""
    if not small:
        return []
    rows = ["", f"Peak memory, {n:,} events against {small_n:,} (issue 16: last ~{LAST['memory_ratio']}x, goal <= 1.5x):",
            "", "| command | at large | at small | ratio | met? |", "|---|---|---|---|---|"]
    for key, name, big_key in (("verify", "`verify`", "verify_rss"), ("replay", "`status`", "replay_rss"),
                               ("show", "`show --as-of` (busiest)", "show_rss"),
                               ("snap", "`snapshot --format html`", "snap_rss")):
        if key not in small or not r[big_key]:
            continue
        big = max(r[big_key])
        ratio = big / small[key]
        rows.append(f"| {name} | {big:.0f} MB | {small[key]:.0f} MB | {ratio:.1f}x | {'yes' if ratio <= 1.5 else '**no**'} |")
    return rows


def rm_db(path):
    # With the saved folds of `status` beside it (`<log>.folds`).
    for suffix in ("", "-wal", "-shm", ".folds"):
        try:
            os.remove(path + suffix)
        except FileNotFoundError:
            pass


def pick_partnerships(events, p):
    """The busiest partnership, one of median activity, and an as-of date halfway through."""
    import collections
    import json
    counts = collections.Counter()
    dates = []
    with open(events) as f:
        for i, line in enumerate(f):
            e = json.loads(line)
            pid = e["data"].get("partnership")
            if e["type"] == "partnership.established":
                counts[pid] += 0
            if isinstance(pid, str):
                counts[pid] += 1
            if i % 1000 == 0:
                dates.append(e["occurred_at"][:10])
    ranked = [k for k, _ in counts.most_common()]
    return ranked[0], ranked[len(ranked) // 2], sorted(dates)[len(dates) // 2]


def divan_single_append():
    """Runs the divan bench of single durable appends; returns events/s (median)."""
    p = subprocess.run(["cargo", "bench", "--quiet", "--bench", "append"], cwd=ROOT,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    # divan prints e.g. "│  2.345 ms  │ ... " per column: fastest, slowest, median, mean.
    for line in p.stdout.splitlines():
        if "durable_single_event" in line:
            times = re.findall(r"([\d.]+) (ns|µs|us|ms|s)\b", line)
            if len(times) >= 3:
                v, unit = times[2]
                sec = float(v) * {"ns": 1e-9, "µs": 1e-6, "us": 1e-6, "ms": 1e-3, "s": 1}[unit]
                return 1 / sec
    log("could not read the divan output:\n" + p.stdout[-2000:])
    return None


def table(r, n, p, runs, show_runs, top, mid, as_of, durable, has_snapshot, gen_s):
    def f(x, fmt="{:,.0f}"):
        return "n/a" if x is None else fmt.format(x)

    def ok(b):
        return "n/a" if b is None else ("yes" if b else "**no**")

    lim, app = median(r["limit"]), median(r["append"])
    pa, pr = median(r["pyes_append"]), median(r["pyes_replay"])
    ver, rep = median(r["verify"]), median(r["replay"])
    st, sm = median(r["show_top"]), median(r["show_mid"])
    sta, sma = median(r["show_top_again"]), median(r["show_mid_again"])
    one, snap = median(r["one"]), median(r["snap"])
    mx = lambda k: max(r[k]) if r[k] else None
    rows = [
        f"Benchmarks: {n:,} generated events over {p} partnerships (`accord generate --seed 1`, "
        f"{gen_s:.1f} s to generate); medians of {runs} alternating rounds"
        f" ({show_runs} `show` runs per round); as-of {as_of}.",
        "",
        "| what | accord (median) | baseline (median) | ratio | issue 16 last | goal | met? | peak RSS |",
        "|---|---|---|---|---|---|---|---|",
        f"| bulk append, events/s | {f(app)} | sqlite_limit.py {f(lim)} rows/s | {f(app / lim if lim and app else None, '{:.0%}')} "
        f"| {LAST['append_ratio']:.0%} | >= 60% | {ok(app / lim >= 0.6 if lim and app else None)} | {f(mx('append_rss'), '{:.0f} MB')} (limit.py {f(mx('limit_rss'), '{:.0f} MB')}) |",
        f"| bulk append vs eventsourcing | {f(app)} | eventsourcing {f(pa)} ev/s | {f(app / pa if pa and app else None, '{:.1f}x')} "
        f"| 1.7x | >= 3x | {ok(app / pa >= 3 if pa and app else None)} | (eventsourcing {f(mx('pyes_rss'), '{:.0f} MB')}) |",
        f"| single durable appends (library, divan), events/s | {f(durable)} | — | — | — | — | — | — |",
        f"| full replay of every projection (`status`, first run: folds and saves), events/s | {f(rep)} | eventsourcing replay {f(pr)} ev/s "
        f"| {f(rep / pr if pr and rep else None, '{:.1f}x')} | 243,240/s ({LAST['status_s']} s, {LAST['status_mb']} MB) | >= 1,000,000/s (< 1 s, < 300 MB) | {ok(rep >= 1e6 if rep else None)} | {f(mx('replay_rss'), '{:.0f} MB')} |",
        f"| `status` again, from its saved folds, s | {f(median(r['status_saved']), '{:.2f}')} | — | — | {LAST['status_s']} s | < 1 s, < 300 MB "
        f"| {ok(median(r['status_saved']) < 1 and mx('status_saved_rss') < 300 if r['status_saved'] else None)} | {f(mx('status_saved_rss'), '{:.0f} MB')} |",
        f"| `status` after one event appended (programme stream folded again), s | {f(median(r['status_one']), '{:.2f}')} | — | — | {LAST['status_s']} s | < 1 s, < 300 MB "
        f"| {ok(median(r['status_one']) < 1 and mx('status_one_rss') < 300 if r['status_one'] else None)} | {f(mx('status_one_rss'), '{:.0f} MB')} |",
        f"| `show {top} --as-of` (busiest; a new date each run: folds and saves), ms | {f(st, '{:.0f}')} | — | — | {LAST['show_top_ms']:,} ms | < 50 ms | {ok(st < 50 if st else None)} | {f(mx('show_rss'), '{:.0f} MB')} (both) |",
        f"| `show {mid} --as-of` (median activity; a new date each run), ms | {f(sm, '{:.0f}')} | — | — | {LAST['show_mid_ms']} ms | < 20 ms | {ok(sm < 20 if sm else None)} | |",
        f"| `show {top} --as-of` again on the same date (its saved report), ms | {f(sta, '{:.0f}')} | — | — | {LAST['show_top_ms']:,} ms | < 50 ms | {ok(sta < 50 if sta else None)} | {f(mx('show_again_rss'), '{:.0f} MB')} (both) |",
        f"| `show {mid} --as-of` again on the same date, ms | {f(sma, '{:.0f}')} | — | — | {LAST['show_mid_ms']} ms | < 20 ms | {ok(sma < 20 if sma else None)} | |",
        f"| `verify`, events/s | {f(ver)} | — | — | {LAST['verify']:,}/s | >= 1,000,000/s | {ok(ver >= 1e6 if ver else None)} | {f(mx('verify_rss'), '{:.0f} MB')} |",
        f"| `snapshot --format html` (first run: folds and saves), s | {f(snap, '{:.2f}') if has_snapshot else 'not built yet'} | — | — | {LAST['snap_s']} s, {LAST['snap_mb']} MB | < 2 s, < 300 MB "
        f"| {ok(snap < 2 and mx('snap_rss') < 300 if snap else None)} | {f(mx('snap_rss'), '{:.0f} MB')} |",
        f"| `snapshot --format html` again (its saved shares; the directory and programme folded), s | {f(median(r['snap_again']), '{:.2f}')} | — | — | {LAST['snap_s']} s, {LAST['snap_mb']} MB | < 2 s, < 300 MB "
        f"| {ok(median(r['snap_again']) < 2 and mx('snap_again_rss') < 300 if r['snap_again'] else None)} | {f(mx('snap_again_rss'), '{:.0f} MB')} |",
        f"| append 1 event to the {n:,}-event log, ms | {f(one, '{:.0f}')} | — | — | 449 ms | — | — | {f(mx('one_rss'), '{:.0f} MB')} |",
        "",
        f"Every time above includes the harness's own: `/usr/bin/time /bin/true` run the same way takes "
        f"{f(median(r['harness']), '{:.1f}')} ms (median of {len(r['harness'])}), counted in each `show` figure.",
        "Peak RSS goal: < 200 MB for every accord command (issue 16: `status` and `snapshot` < 300 MB).",
        f"Reproduce: `python3 scripts/bench.py --events {n} --partnerships {p} --runs {runs}`",
    ]
    return rows


def log(msg):
    print(msg, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
