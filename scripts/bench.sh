#!/usr/bin/env bash
# accord's benchmarks with one command; prints a Markdown table.
#   scripts/bench.sh                                # 1,000,000 events over 200 partnerships, 3 rounds
#   scripts/bench.sh --events 100000 --runs 1       # a quick run
# Options: see `scripts/bench.py --help`. Needs python3 and /usr/bin/time
# (apt-get install time); installs the eventsourcing baseline into /tmp/pyes.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/time ]; then
  echo "bench: /usr/bin/time is missing (apt-get install time)" >&2
  exit 2
fi
exec python3 scripts/bench.py "$@"
