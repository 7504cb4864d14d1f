#!/usr/bin/env bash
# `status` with and without its saved folds, against an earlier build, on
# a copy of a large log (docs/speed.md, "Saved folds").
#
#   scripts/status_folds.sh OLD_ACCORD NEW_ACCORD LOG [ROUNDS]
#   COMMAND="snapshot --stage 2" scripts/status_folds.sh ...   # another reading command
#
# Each round: the old build's status, then the new build's with no saved
# folds (it folds everything and saves), again (from the saved folds),
# after one finding appended to the programme stream, and after one
# appended to a partnership's stream (the partnerships named in
# PARTNERSHIPS, one per round); then both builds' JSON compared byte for
# byte. Prints "wall seconds, peak KB" per line. LOG is changed (events
# appended): give it a copy.
set -euo pipefail
OLD="$1" NEW="$2" DB="$3" ROUNDS="${4:-3}"
export ACCORD_NOW="${ACCORD_NOW:-2026-11-28T00:00:00Z}"
read -r -a P <<< "${PARTNERSHIPS:-twg-agriculture-water twg-health twg-gender-6}"
read -r -a CMD <<< "${COMMAND:-status}"
t() { /usr/bin/time -f "%e s %M KB" "$@" 2>&1 >/dev/null | tail -1; }
one="$(mktemp)"
trap 'rm -f "$one"' EXIT
for i in $(seq 1 "$ROUNDS"); do
  p="${P[$(( (i - 1) % ${#P[@]} ))]}"
  rm -f "$DB.folds"
  echo "round $i old build           $(t "$OLD" --db "$DB" "${CMD[@]}")"
  echo "round $i new, first          $(t "$NEW" --db "$DB" "${CMD[@]}")"
  echo "round $i new, again          $(t "$NEW" --db "$DB" "${CMD[@]}")"
  echo '{"id":"folds-bench-'"$RANDOM$RANDOM"'","type":"finding.recorded","occurred_at":"2025-12-31","data":{"finding":"folds-bench-'"$RANDOM$RANDOM"'","origin":"document","swot":"strength","theme":"roles","text":"One more finding."}}' > "$one"
  "$NEW" --db "$DB" --as bench append "$one" >/dev/null
  echo "round $i after a programme append  $(t "$NEW" --db "$DB" "${CMD[@]}")"
  echo '{"id":"folds-bench-'"$RANDOM$RANDOM"'","type":"finding.recorded","occurred_at":"2025-12-31","data":{"finding":"folds-bench-'"$RANDOM$RANDOM"'","partnership":"'"$p"'","origin":"document","side":"civil_society","swot":"weakness","text":"Minutes arrive late.","theme":"enabling_environment"}}' > "$one"
  "$NEW" --db "$DB" --as bench append "$one" >/dev/null
  echo "round $i after a $p append  $(t "$NEW" --db "$DB" "${CMD[@]}")"
  if cmp -s <("$NEW" --db "$DB" "${CMD[@]}" --json) <("$OLD" --db "$DB" "${CMD[@]}" --json); then
    echo "round $i: the JSON of both builds is identical"
  else
    echo "round $i: THE JSON DIFFERS"
  fi
done
