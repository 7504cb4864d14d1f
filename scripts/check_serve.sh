#!/usr/bin/env bash
# Checks `accord serve` the way a reader uses it, in headless Chromium: starts
# the server on the built-in example (a free loopback port; the first line it
# prints is the address), opens the programme's page, follows its link to a
# partnership, changes the as-of date in the page's form and sees the state
# change, follows a link to an agreement and sees its texts and endorsements,
# follows a link to a stage report; every step asserts the DOM as Chromium
# rendered it. The form is a GET form, so changing its date is loading the
# address it submits to (built from the form's own action and field name, as
# found in the DOM). Screenshots (and the partnership printed to A4 PDF) are
# kept under target/serve-screens/.
#
#   scripts/check_serve.sh            # uses ./target/debug/accord (builds it if needed)
#   ACCORD_BIN=path/to/accord scripts/check_serve.sh
#
# Installs Chromium with apt-get when it is missing (Debian package `chromium`).
set -euo pipefail
cd "$(dirname "$0")/.."

CHECK=check_serve
# shellcheck source=lib/browser.sh
. scripts/lib/browser.sh

SHOTS="${CARGO_TARGET_DIR:-target}/serve-screens"
rm -rf "$SHOTS"
mkdir -p "$SHOTS"
WORK=$(mktemp -d)
PROFILE=$(mktemp -d)
SERVER=""
cleanup() {
    if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
    rm -rf "$PROFILE" "$WORK"
}
trap cleanup EXIT

export ACCORD_NOW=2010-12-31T12:00:00Z
"$BIN" --db "$WORK/accord.db" init --example cambodia >/dev/null 2>&1 || fail "accord init --example failed"
"$BIN" --db "$WORK/accord.db" serve --listen 127.0.0.1:0 >"$WORK/out" 2>"$WORK/err" &
SERVER=$!
for _ in $(seq 1 100); do
    [ -s "$WORK/out" ] && break
    sleep 0.1
done
BASE=$(sed -n '1s#^listening on \(http://[^/]*\)/$#\1#p' "$WORK/out")
[ -n "$BASE" ] || fail "the server printed no address: $(cat "$WORK/out" "$WORK/err")"

chromium() {
    timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$PROFILE" "$@" 2>/dev/null
}

# open NAME PATH: renders BASE/PATH, keeps its DOM in $WORK/NAME.html and a
# screenshot in $SHOTS/NAME.png.
open() {
    chromium --dump-dom "$BASE$2" >"$WORK/$1.html" || fail "chromium could not open $2"
    [ -s "$WORK/$1.html" ] || fail "$2 rendered nothing"
    if grep -q '<script' "$WORK/$1.html"; then fail "$2 contains a script"; fi
    chromium --screenshot="$SHOTS/$1.png" --window-size=1280,1600 "$BASE$2" >/dev/null \
        || fail "chromium could not take a screenshot of $2"
    DOM="$WORK/$1.html"
}

# href PATTERN: the first link in $DOM whose address matches PATTERN.
href() {
    grep -o "href=\"$1\"" "$DOM" | head -1 | sed 's/^href="//; s/"$//; s/&amp;/\&/g'
}

# 1. The programme: its name, stages and partnerships, with links onward.
open home /
grep -q '<h1>Making Partnerships Effective</h1>' "$DOM" || fail "/: no programme heading"
links=$(grep -o 'href="/partnerships/[^"/]*"' "$DOM" | sort -u | wc -l)
[ "$links" -ge 10 ] || fail "/: only $links partnership links"
STAGE=$(href '/stages/2')
[ -n "$STAGE" ] || fail "/: no link to stage 2's report"

# 2. Follow the link to the Health TWG.
P=$(href '/partnerships/twg-health')
[ -n "$P" ] || fail "/: no link to twg-health"
open partnership "$P"
grep -q '<h1>Technical Working Group on Health</h1>' "$DOM" || fail "$P: no heading"
grep -q 'As of 31 Dec 2010' "$DOM" || fail "$P: not as of today"
grep -q '9 Jun 2010' "$DOM" || fail "$P: pp-health's version 2 (adopted 9 Jun 2010) is not shown"

# 3. Change the as-of date in the form (a GET form: its action and field).
ACTION=$(grep -o '<form class="when" method="get" action="[^"]*"' "$DOM" | head -1 | sed 's/.*action="//; s/"$//')
[ -n "$ACTION" ] || fail "$P: no date form"
grep -q '<input type="date" name="as_of"' "$DOM" || fail "$P: the form has no as_of date field"
open as-of "$ACTION?as_of=2009-09-11&known_at="
grep -q 'As of 11 Sep 2009' "$DOM" || fail "as of 2009-09-11: the state is not of that date"
grep -q 'name="as_of" value="2009-09-11"' "$DOM" || fail "as of 2009-09-11: the form does not show the date chosen"
if grep -q '9 Jun 2010' "$DOM"; then fail "as of 2009-09-11: shows version 2 of pp-health, adopted later"; fi

# 4. Follow the link to an agreement: every version's text and its endorsers.
A=$(href '/agreements/pp-health')
[ -n "$A" ] || fail "$P: no link to pp-health"
open agreement "$A"
grep -q 'Version 1 — adopted 11 Sep 2009' "$DOM" || fail "$A: no version 1"
grep -q 'Version 2 — adopted 9 Jun 2010' "$DOM" || fail "$A: no version 2"
grep -q 'Partnership principles of the TWG on Health' "$DOM" || fail "$A: no text"
grep -q 'Endorsed by:' "$DOM" && grep -q 'Lead Facilitator, TWG on Health (lead-health)' "$DOM" \
    || fail "$A: no endorsements"

# 5. Follow the link to stage 2's report: the snapshot with its charts.
open stage "$STAGE"
grep -q '<title>Stage 2 progress snapshot' "$DOM" || fail "$STAGE: no report title"
svgs=$(grep -o '<svg' "$DOM" | wc -l)
[ "$svgs" -ge 3 ] || fail "$STAGE: only $svgs SVG charts"

# 6. The events and the proof.
open log /log
grep -q '<table class="log">' "$DOM" || fail "/log: no table of events"
open verify /verify
grep -q 'hash chain intact' "$DOM" || fail "/verify: the chain is not said intact"

# Printing a page gives A4.
chromium --print-to-pdf="$SHOTS/partnership.pdf" --no-pdf-header-footer "$BASE$P" >/dev/null \
    || fail "chromium could not print $P"
head -c 4 "$SHOTS/partnership.pdf" | grep -q '%PDF' || fail "printing $P gave no PDF"
grep -aq '/MediaBox \[0 0 594\.9[0-9]* 841\.9[0-9]*\]' "$SHOTS/partnership.pdf" \
    || fail "printing $P did not give A4 pages"
if grep -aq '/MediaBox \[0 0 6[01][0-9]' "$SHOTS/partnership.pdf"; then fail "printing $P gave Letter pages"; fi

for s in home partnership as-of agreement stage log verify; do
    size=$(wc -c <"$SHOTS/$s.png")
    [ "$size" -gt 20000 ] || fail "the screenshot of $s is nearly empty ($size bytes)"
done
echo "check_serve: ok: / ($links partnership links) → $P → as of 2009-09-11 → $A → $STAGE ($svgs charts) → /log → /verify; screenshots in $SHOTS"
