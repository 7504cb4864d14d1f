#!/usr/bin/env bash
# Times `accord import` of a 20,000-row commitments sheet on a small log:
# once with 40 rows that break a rule (unknown owner; every one reported,
# nothing recorded), once clean (all recorded), once again (re-import: a
# no-op), and the dry run of the clean sheet.
# Usage: scripts/import-bench.sh [path/to/accord]   (default target/debug/accord)
set -euo pipefail
ACCORD=${1:-target/debug/accord}
ROWS=${ROWS:-20000}
BAD=${BAD:-40}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ACCORD_DB="$work/accord.db" ACCORD_USER=bench ACCORD_NOW=2010-01-31T12:00:00Z
"$ACCORD" init >/dev/null 2>&1
"$ACCORD" append >/dev/null <<'JSON'
{"id":"b01","type":"organisation.registered","occurred_at":"2009-06-01","data":{"org":"moh","name":"Ministry of Health","side":"government"}}
{"id":"b02","type":"organisation.registered","occurred_at":"2009-06-01","data":{"org":"who","name":"World Health Organization","side":"development_partner"}}
{"id":"b07","type":"partnership.established","occurred_at":"2009-06-01","data":{"partnership":"health","name":"TWG Health","host":"moh"}}
{"id":"b08","type":"partner.joined","occurred_at":"2009-06-01","data":{"partnership":"health","org":"moh","role":"chair"}}
{"id":"b09","type":"partner.joined","occurred_at":"2009-06-01","data":{"partnership":"health","org":"who","role":"lead_facilitator"}}
JSON
every=$(( ROWS / BAD ))
make_sheet() { # $1: file, $2: 1 to put bad rows in
  { echo "commitment,partnership,text,owner,due,date"
    for i in $(seq 1 "$ROWS"); do
      owner=moh
      if [ "$2" = 1 ] && [ $(( i % every )) = 0 ]; then owner=nobody; fi
      echo "c-$i,health,Commitment number $i,$owner,2010-06-30,2009-10-02"
    done; } > "$1"
}
make_sheet "$work/bad.csv" 1
make_sheet "$work/good.csv" 0
t() { /usr/bin/time -o "$work/time" -f "%e s wall, %U s user + %S s sys" "$@" >/dev/null 2>&1 || true; printf "%s  %s\n" "$(cat "$work/time" | tail -1)" "${*: -1}"; }
echo "$ROWS rows, $BAD bad:"
t "$ACCORD" import "$work/bad.csv"
"$ACCORD" import "$work/bad.csv" 2>&1 | head -1 || true
t "$ACCORD" import --dry-run "$work/good.csv"
t "$ACCORD" import "$work/good.csv"
echo "events in the log: $("$ACCORD" log | wc -l)"
t "$ACCORD" import "$work/good.csv"
"$ACCORD" import "$work/good.csv" 2>&1 | head -2 || true
