#!/usr/bin/env python3
"""The cost of signed endorsements (docs/signatures.md, issue 14).

Builds one programme with P people (each with an Ed25519 key made by
ssh-keygen) and A agreements, then N = P x A endorsements twice over: once
unsigned, once each signed by its endorser (`ssh-keygen -Y sign` over the
statement accord prints, format v1). For each of R rounds, in the same run:

- bulk append: a fresh log with the base events, then the N endorsements in
  one `accord append`, timed, unsigned and signed;
- verify: `accord verify` on both logs, timed; the difference is the cost
  of re-checking N signatures, reported as signatures verified per second.

Prints the medians.

    python3 scripts/bench_signatures.py                       # 20 people x 100 agreements, 5 rounds
    python3 scripts/bench_signatures.py --people 10 --agreements 20 --runs 3
    ACCORD_BIN=target/release/accord python3 scripts/bench_signatures.py
"""

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROGRAMME = "Signature benchmark"
DAY = "2010-01-05"
NOW = "2010-06-01T00:00:00Z"


def binary():
    b = os.environ.get("ACCORD_BIN")
    if b:
        return b
    for p in ("target/release/accord", "target/debug/accord"):
        if os.path.exists(os.path.join(ROOT, p)):
            return os.path.join(ROOT, p)
    sys.exit("build accord first (cargo build --release), or set ACCORD_BIN")


def ev(i, t, on, data):
    return json.dumps({"id": i, "type": t, "occurred_at": on, "data": data}, ensure_ascii=False)


def statement(agreement, title, text, person):
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return (f"accord endorsement statement v1\nprogramme: {PROGRAMME}\nagreement: {agreement}\nversion: 1\n"
            f"title: {title}\ntext-sha256: {sha}\nperson: {person}\ndate: {DAY}\n\n"
            f"I, {person}, endorse version 1 of agreement {agreement}, whose text has the SHA-256 above, on {DAY}.\n")


def build(tmp, people, agreements):
    base = [
        ev("b-prog", "programme.defined", "2010-01-01", {"name": PROGRAMME, "objective": "Measure signatures."}),
        ev("b-gov", "organisation.registered", "2010-01-01", {"org": "gov", "name": "Ministry", "side": "government"}),
        ev("b-dp", "organisation.registered", "2010-01-01", {"org": "dp", "name": "Donor", "side": "development_partner"}),
        ev("b-p", "partnership.established", "2010-01-01", {"partnership": "p", "name": "TWG"}),
        ev("b-j1", "partner.joined", "2010-01-01", {"partnership": "p", "org": "gov", "role": "chair"}),
        ev("b-j2", "partner.joined", "2010-01-01", {"partnership": "p", "org": "dp", "role": "member"}),
    ]
    persons = [f"person-{i:03d}" for i in range(people)]
    keys = {}
    for i, who in enumerate(persons):
        base.append(ev(f"b-{who}", "person.registered", "2010-01-01",
                       {"person": who, "name": who, "org": "gov" if i % 2 == 0 else "dp"}))
        key = os.path.join(tmp, who)
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", who, "-f", key], check=True)
        with open(key + ".pub") as f:
            line = " ".join(f.read().split()[:2])
        keys[who] = key
        base.append(ev(f"b-key-{who}", "person.key_added", "2010-01-01", {"person": who, "key": line}))
    ags = []
    for j in range(agreements):
        a, title, text = f"a{j:04d}", f"Agreement {j}", f"Text of agreement {j}.\nSecond line."
        ags.append((a, title, text))
        base.append(ev(f"b-{a}", "agreement.proposed", "2010-01-02",
                       {"agreement": a, "partnership": "p", "kind": "principles", "title": title, "text": text,
                        "proposed_by": persons[0]}))
    # One ssh-keygen per person signs all that person's statements.
    sigs = {}
    for who in persons:
        files = []
        for a, title, text in ags:
            path = os.path.join(tmp, f"st-{who}-{a}.txt")
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(statement(a, title, text, who))
            files.append((a, path))
        subprocess.run(["ssh-keygen", "-q", "-Y", "sign", "-f", keys[who], "-n", "accord-endorsement"]
                       + [p for _, p in files], check=True, capture_output=True)
        for a, path in files:
            with open(path + ".sig") as f:
                sigs[(who, a)] = f.read()
    unsigned, signed = [], []
    for a, _, _ in ags:
        for who in persons:
            d = {"agreement": a, "version": 1, "by": who}
            unsigned.append(ev(f"e-{a}-{who}", "agreement.endorsed", DAY, d))
            signed.append(ev(f"e-{a}-{who}", "agreement.endorsed", DAY, dict(d, signature=sigs[(who, a)])))
    out = {}
    for name, lines in (("base", base), ("unsigned", unsigned), ("signed", signed)):
        out[name] = os.path.join(tmp, name + ".jsonl")
        with open(out[name], "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    return out


def accord(db, *args):
    env = dict(os.environ, ACCORD_NOW=NOW, ACCORD_USER="bench", NO_COLOR="1")
    env.pop("ACCORD_DB", None)
    t = time.perf_counter()
    r = subprocess.run([binary(), "--db", db, *args], env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - t
    if r.returncode != 0:
        sys.exit(f"accord {' '.join(args)} failed ({r.returncode}):\n{r.stdout}{r.stderr}")
    return elapsed, r.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--people", type=int, default=20)
    ap.add_argument("--agreements", type=int, default=100)
    ap.add_argument("--runs", type=int, default=5)
    o = ap.parse_args()
    n = o.people * o.agreements
    with tempfile.TemporaryDirectory() as tmp:
        files = build(tmp, o.people, o.agreements)
        t = {"append unsigned": [], "append signed": [], "verify unsigned": [], "verify signed": []}
        for r in range(o.runs):
            for kind in ("unsigned", "signed"):
                db = os.path.join(tmp, f"{kind}-{r}.db")
                accord(db, "init")
                accord(db, "append", files["base"])
                t[f"append {kind}"].append(accord(db, "append", files[kind])[0])
                elapsed, out = accord(db, "--json", "verify")
                checked = json.loads(out)["signatures_checked"]
                want = n if kind == "signed" else 0
                if checked != want:
                    sys.exit(f"verify checked {checked} signatures, expected {want}")
                t[f"verify {kind}"].append(elapsed)
        med = {k: statistics.median(v) for k, v in t.items()}
        print(f"accord: {binary()}")
        print(f"{n} endorsements ({o.people} people x {o.agreements} agreements), median of {o.runs} runs\n")
        print("| measure | unsigned | signed | ratio |")
        print("|---|---|---|---|")
        for what in ("append", "verify"):
            u, s = med[f"{what} unsigned"], med[f"{what} signed"]
            print(f"| {what} ({n} endorsements) | {u:.3f} s ({n / u:,.0f}/s) | {s:.3f} s ({n / s:,.0f}/s) | {s / u:.2f}x |")
        extra = med["verify signed"] - med["verify unsigned"]
        rate = n / extra if extra > 0 else float("inf")
        print(f"\nsignatures verified per second in verify: {rate:,.0f} "
              f"({n} signatures added {extra:.3f} s to verify)")
        extra = med["append signed"] - med["append unsigned"]
        rate = n / extra if extra > 0 else float("inf")
        print(f"signatures checked per second on append: {rate:,.0f} "
              f"({n} signatures added {extra:.3f} s to the append)")


main()
