#!/usr/bin/env python3
"""What each appended row pays in SQLite: the same rows inserted by one prepared
statement in one transaction into accord's events table, then without the
replace-guard trigger, without the two plain indexes, and with neither (the
three B-trees of sqlite_limit.py). Prints rows per CPU-second, best of two.

usage: scripts/bench_btrees.py EVENTS.jsonl [ROWS]   (EVENTS from `accord generate`)
"""
import hashlib, json, os, sqlite3, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
N = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
rows = []
for i, l in enumerate(open(sys.argv[1])):
    if i >= N:
        break
    e = json.loads(l); h = hashlib.sha256(l.encode()).digest()
    rows.append((i + 1, str(e.get("id", i)), e["type"], f"s{i % 200}", i // 200 + 1, e["occurred_at"],
                 "2026-01-01T00:00:00.000000Z", "gen", None, json.dumps(e["data"]), 1, h, h))
N = len(rows)
schema = open(os.path.join(ROOT, "events", "sql", "schema_v1.sql")).read()
trigger = schema[schema.index("CREATE TRIGGER events_refuse_replace"):]
base = schema[:schema.index("-- Reading a time range")]
indexes = ("CREATE INDEX events_by_occurred_at ON events (occurred_at);\n"
           "CREATE INDEX events_by_recorded_by ON events (recorded_by);\n")
variants = {"accord (5 B-trees + replace trigger)": base + indexes + trigger,
            "without the replace trigger": base + indexes,
            "without the two plain indexes": base + trigger,
            "3 B-trees, no trigger (as sqlite_limit.py)": base}
work = tempfile.mkdtemp(prefix="accord-btrees-")
for name, sql in variants.items():
    best = None
    for _ in range(2):
        p = os.path.join(work, "bt.db")
        for s in ("", "-wal", "-shm"):
            if os.path.exists(p + s):
                os.remove(p + s)
        con = sqlite3.connect(p, isolation_level=None)
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "temp_store=MEMORY"):
            con.execute("PRAGMA " + pragma)
        con.executescript(sql)
        t = time.process_time()
        con.execute("BEGIN IMMEDIATE")
        con.executemany("INSERT INTO events (seq, id, type, stream, stream_version, occurred_at, recorded_at, "
                        "recorded_by, source, data, schema_version, prev_hash, hash) "
                        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        con.execute("COMMIT")
        cpu = time.process_time() - t
        best = cpu if best is None else min(best, cpu)
        con.close()
    print(f"{name}: {N / best:,.0f} rows per CPU-second ({best:.2f} s CPU for {N:,} rows)")
for s in ("", "-wal", "-shm"):
    if os.path.exists(os.path.join(work, "bt.db") + s):
        os.remove(os.path.join(work, "bt.db") + s)
os.rmdir(work)
