#!/usr/bin/env bash
# Checks the stage snapshot's HTML the way a reader sees it: builds the demo
# with the clock pinned, opens stage 2's report in headless Chromium, and
# asserts the rendered page has the report's title, its tables and its SVG
# charts; then prints it to PDF and takes a screenshot.
#
#   scripts/check_html.sh            # uses ./target/debug/accord (builds it if needed)
#   ACCORD_BIN=path/to/accord scripts/check_html.sh
#   KEEP=1 scripts/check_html.sh     # keep the output folder and print where it is
#
# Installs Chromium with apt-get when it is missing (Debian package `chromium`).
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "check_html: FAIL: $*" >&2; exit 1; }

find_chromium() {
    for c in chromium chromium-browser google-chrome google-chrome-stable; do
        if command -v "$c" >/dev/null 2>&1; then command -v "$c"; return 0; fi
    done
    return 1
}

if ! CHROMIUM=$(find_chromium); then
    echo "check_html: chromium not found; installing it with apt-get" >&2
    SUDO=""
    if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null \
        || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium-browser >/dev/null
    CHROMIUM=$(find_chromium) || fail "could not install chromium"
fi

BIN=${ACCORD_BIN:-}
if [ -z "$BIN" ]; then
    cargo build --quiet --bin accord
    BIN="${CARGO_TARGET_DIR:-target}/debug/accord"
fi
[ -x "$BIN" ] || fail "no accord binary at $BIN"

WORK=$(mktemp -d)
PROFILE=$(mktemp -d)
cleanup() {
    rm -rf "$PROFILE"
    if [ "${KEEP:-}" = 1 ]; then echo "check_html: output kept in $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

ACCORD_NOW=2010-12-31T12:00:00Z "$BIN" demo --out "$WORK/demo" >/dev/null
PAGE="$WORK/demo/stage-2.html"
[ -s "$PAGE" ] || fail "the demo wrote no $PAGE"

chromium() {
    timeout 180 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$PROFILE" "$@" 2>/dev/null
}

chromium --dump-dom "file://$PAGE" >"$WORK/dom.html" || fail "chromium could not open the page"
DOM="$WORK/dom.html"
[ -s "$DOM" ] || fail "chromium rendered nothing"

grep -q '<title>Stage 2 progress snapshot: Strategic Meeting on Making Partnerships Effective' "$DOM" \
    || fail "the page has no title"
grep -q '<h1>Strategic Meeting on Making Partnerships Effective</h1>' "$DOM" || fail "no heading"
for table in coverage agreement-matrix annex; do
    grep -q "<table class=\"$table\"" "$DOM" || fail "no $table table"
done
tables=$(grep -o '<table' "$DOM" | wc -l)
[ "$tables" -ge 8 ] || fail "only $tables tables"
for chart in timeline heatmap trend commitments; do
    grep -q "<svg[^>]*class=\"chart $chart\"" "$DOM" || fail "no $chart chart"
done
svgs=$(grep -o '<svg' "$DOM" | wc -l)
[ "$svgs" -ge 12 ] || fail "only $svgs SVG charts"
grep -q 'seq 659' "$DOM" || fail "the page does not name the log head it was built from"
if grep -q '<script' "$DOM"; then fail "the page contains a script"; fi

chromium --print-to-pdf="$WORK/stage-2.pdf" --no-pdf-header-footer "file://$PAGE" >/dev/null \
    || fail "chromium could not print the page"
head -c 4 "$WORK/stage-2.pdf" | grep -q '%PDF' || fail "printing gave no PDF"
pages=$(grep -ac '/Type /Page$\|/Type /Page[^s]' "$WORK/stage-2.pdf" || true)

chromium --screenshot="$WORK/stage-2.png" --window-size=1280,2400 "file://$PAGE" >/dev/null \
    || fail "chromium could not take a screenshot"
size=$(wc -c <"$WORK/stage-2.png")
[ "$size" -gt 50000 ] || fail "the screenshot is nearly empty ($size bytes)"

echo "check_html: ok: title, $tables tables, $svgs SVG charts; printed to PDF (${pages:-?} A4 pages); screenshot $size bytes"
