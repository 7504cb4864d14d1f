#!/usr/bin/env bash
# The stress harnesses at full size (issue 6): crash trials, I/O faults,
# concurrent writers, tampering, hostile input, schema evolution,
# read-only access, CSV escaping. `cargo test` runs them at CI size; this
# runs them at full size, in a release build, one test at a time, and
# prints the figures each one reports.
#
#   scripts/stress.sh                       # everything, full size
#   scripts/stress.sh stress_crash          # one harness
#   ACCORD_STRESS_SEED=42 scripts/stress.sh # another seed (each harness prints its own)
#
# The full-disk and read-only-media cases mount a tmpfs and need root;
# without it they print SKIPPED. Takes tens of minutes on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."

report=target/stress-report
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=('stress_*')
    rm -rf "$report"
fi
args=()
for t in "${targets[@]}"; do
    args+=(--test "$t")
done

start=$(date +%s)
status=0
# Without the release profile's whole-program optimisation (Cargo.toml):
# every test binary would pay it again (minutes each on two cores), and
# the stress figures were all measured without it.
CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    ACCORD_STRESS_FULL=1 cargo test --release --no-fail-fast "${args[@]}" -- --test-threads=1 || status=$?
end=$(date +%s)

echo
echo "================ stress figures (full size, $((end - start)) s) ================"
cat "$report"/*.txt
exit $status
