#!/usr/bin/env bash
# Checks the demo's HTML the way a reader sees it: builds the demo with the
# clock pinned, opens stage 2's report in headless Chromium and asserts the
# rendered page has the report's title, its tables and its SVG charts; opens
# the programme's front page (index.html) and asserts its stage timeline, each
# stage's key figures and the links to both formats of every stage report;
# then prints both to A4 PDF and takes screenshots.
#
#   scripts/check_html.sh            # uses ./target/debug/accord (builds it if needed)
#   ACCORD_BIN=path/to/accord scripts/check_html.sh
#   KEEP=1 scripts/check_html.sh     # keep the output folder and print where it is
#
# Then renders the bilingual report (stage 3, --lang km,en), prints it to A4
# and fails unless its Khmer was drawn with a Khmer font (needs one installed:
# .ci/run installs fonts-khmeros when `fc-list :lang=km` is empty).
#
# Installs Chromium with apt-get when it is missing (Debian package `chromium`).
set -euo pipefail
cd "$(dirname "$0")/.."

CHECK=check_html
# shellcheck source=lib/browser.sh
. scripts/lib/browser.sh

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
for chart in timeline heatmap commitments; do
    grep -q "<svg[^>]*class=\"chart $chart\"" "$DOM" || fail "no $chart chart"
done
svgs=$(grep -o '<svg' "$DOM" | wc -l)
[ "$svgs" -ge 3 ] || fail "only $svgs SVG charts"
# Stage 2 follows the first reviews: one review per partnership is no
# trend, so a sentence stands where empty charts would be.
if grep -q '<svg[^>]*class="chart trend"' "$DOM"; then fail "stage 2 draws a trend of one review"; fi
grep -q 'A trend needs two reviews with responses' "$DOM" || fail "stage 2 does not say why there is no trend"
# The head the report names is the log's own (`accord head`: SEQ HASH).
read -r HEAD_SEQ HEAD_HASH < <("$BIN" --db "$WORK/demo/accord.db" head)
grep -q "seq $HEAD_SEQ" "$DOM" && grep -q "$HEAD_HASH" "$DOM" \
    || fail "the page does not name the log head it was built from ($HEAD_SEQ $HEAD_HASH)"
if grep -q '<script' "$DOM"; then fail "the page contains a script"; fi

# Stage 4: partnerships with two reviews have trend panels, with a legend
# that tells the series apart by colour, dash pattern and marker.
chromium --dump-dom "file://$WORK/demo/stage-4.html" >"$WORK/dom-4.html" || fail "chromium could not open stage 4"
trends=$(grep -o '<svg[^>]*class="chart trend"' "$WORK/dom-4.html" | wc -l)
[ "$trends" -ge 2 ] || fail "stage 4 has only $trends trend charts"
grep -q '<ul class="legend">' "$WORK/dom-4.html" || fail "stage 4's trends have no legend"

# The front page: the timeline chart, every stage with its key figures, and
# links to both formats of its report (files the demo wrote).
INDEX="$WORK/demo/index.html"
[ -s "$INDEX" ] || fail "the demo wrote no $INDEX"
chromium --dump-dom "file://$INDEX" >"$WORK/index-dom.html" || fail "chromium could not open index.html"
IDOM="$WORK/index-dom.html"
grep -q '<h1>Making Partnerships Effective</h1>' "$IDOM" || fail "index.html: no programme heading"
grep -q '<svg[^>]*class="chart timeline"' "$IDOM" || fail "index.html: no stage timeline chart"
stages=0
for n in 1 2 3 4; do
    for ext in html md km-en.html; do
        grep -q "<a href=\"stage-$n.$ext\">" "$IDOM" || fail "index.html: no link to stage-$n.$ext"
        [ -s "$WORK/demo/stage-$n.$ext" ] || fail "index.html links to stage-$n.$ext, which the demo did not write"
    done
    grep -q "<section class=\"stage-entry\" id=\"stage-$n\">" "$IDOM" || fail "index.html: no entry for stage $n"
    stages=$((stages + 1))
done
figures=$(grep -o '<div class="figures">' "$IDOM" | wc -l)
[ "$figures" -eq 4 ] || fail "index.html: $figures sets of key figures, not 4"
if grep -q '<script' "$IDOM"; then fail "index.html contains a script"; fi
chromium --print-to-pdf="$WORK/index.pdf" --no-pdf-header-footer "file://$INDEX" >/dev/null \
    || fail "chromium could not print index.html"
head -c 4 "$WORK/index.pdf" | grep -q '%PDF' || fail "printing index.html gave no PDF"
chromium --screenshot="$WORK/index.png" --window-size=1280,2000 "file://$INDEX" >/dev/null \
    || fail "chromium could not take a screenshot of index.html"
isize=$(wc -c <"$WORK/index.png")
[ "$isize" -gt 30000 ] || fail "the index.html screenshot is nearly empty ($isize bytes)"

chromium --print-to-pdf="$WORK/stage-2.pdf" --no-pdf-header-footer "file://$PAGE" >/dev/null \
    || fail "chromium could not print the page"
head -c 4 "$WORK/stage-2.pdf" | grep -q '%PDF' || fail "printing gave no PDF"
pages=$(grep -ac '/Type /Page$\|/Type /Page[^s]' "$WORK/stage-2.pdf" || true)

chromium --screenshot="$WORK/stage-2.png" --window-size=1280,2400 "file://$PAGE" >/dev/null \
    || fail "chromium could not take a screenshot"
size=$(wc -c <"$WORK/stage-2.png")
[ "$size" -gt 50000 ] || fail "the screenshot is nearly empty ($size bytes)"

# The bilingual report (Khmer first, `--lang km,en`), printed to A4: its
# Khmer must be drawn with a font that has Khmer glyphs. Chromium embeds in the
# PDF exactly the fonts it drew with; without a Khmer font it draws Khmer as
# empty boxes in a Latin font, and no Khmer font is embedded, so this fails.
[ -n "$(fc-list :lang=km family 2>/dev/null)" ] \
    || fail "no Khmer font installed (fc-list :lang=km is empty): apt-get install fonts-khmeros (or fonts-noto-core)"
KM="$WORK/stage-3-km-en.html"
ACCORD_NOW=2010-12-31T12:00:00Z "$BIN" snapshot --db "$WORK/demo/accord.db" --stage 3 \
    --format html --lang km,en --out "$KM" 2>/dev/null || fail "accord could not write the bilingual report"
chromium --dump-dom "file://$KM" >"$WORK/dom-km.html" || fail "chromium could not open the bilingual report"
grep -q '<html lang="km">' "$WORK/dom-km.html" || fail "the bilingual report is not marked lang=km"
grep -q '<span lang="km">ការគ្របដណ្តប់</span> / <span lang="en">Coverage</span>' "$WORK/dom-km.html" \
    || fail "the bilingual report has no Khmer heading with each half marked with its language"
grep -q '<text [^>]*lang="en">Planned</text>' "$WORK/dom-km.html" \
    || fail "the bilingual report's timeline legend is not in both languages"
# The example's Khmer translations are read, marked, and listed in the annex.
grep -Eq 'ដីធ្លី(</span>)?‡' "$WORK/dom-km.html" || fail "the bilingual report does not read the example's Khmer TWG names"
grep -q 'id="translations"' "$WORK/dom-km.html" || fail "the bilingual report has no annex of translations"
chromium --print-to-pdf="$WORK/stage-3-km-en.pdf" --no-pdf-header-footer "file://$KM" >/dev/null \
    || fail "chromium could not print the bilingual report"
head -c 4 "$WORK/stage-3-km-en.pdf" | grep -q '%PDF' || fail "printing the bilingual report gave no PDF"
KM_FONTS=$(pdffonts "$WORK/stage-3-km-en.pdf" 2>/dev/null | awk 'NR > 2 { print $1 }' | grep -i 'khmer' | sort -u | tr '\n' ' ')
[ -n "$KM_FONTS" ] || fail "the bilingual report's Khmer was drawn without a Khmer font (missing glyphs); fonts used: $(pdffonts "$WORK/stage-3-km-en.pdf" | awk 'NR > 2 { print $1 }' | tr '\n' ' ')"
km_pages=$(pdfinfo "$WORK/stage-3-km-en.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
km_size=$(pdfinfo "$WORK/stage-3-km-en.pdf" 2>/dev/null | awk '/^Page size:/ { print $3 "x" $5 }')
chromium --screenshot="$WORK/stage-3-km-en.png" --window-size=1280,2400 "file://$KM" >/dev/null \
    || fail "chromium could not take a screenshot of the bilingual report"

echo "check_html: ok: stage 2: title, $tables tables, $svgs SVG charts, no one-review trends; stage 4: $trends trend charts; printed to PDF (${pages:-?} A4 pages); screenshot $size bytes"
echo "check_html: ok: bilingual stage 3 (km,en): lang=km, Khmer drawn with $KM_FONTS; printed to PDF (${km_pages:-?} pages, ${km_size:-?} pt)"
echo "check_html: ok: index.html: timeline chart, $stages stages with key figures and links to HTML and Markdown; printed to PDF; screenshot $isize bytes"
