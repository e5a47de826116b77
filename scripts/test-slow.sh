#!/usr/bin/env bash
# `npm test` on a machine made half as fast: one busy process per core takes
# half of every core's time from the tests, as a machine of half the speed
# would. Runs the whole suite N times in a row (default 3) and stops at the
# first failure; budgets are not raised, so a pass here means the defaults
# hold on a slower machine. Usage: npm run test:slow [-- N]
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-3}"
hogs=()
stop_hogs() { [ "${#hogs[@]}" -eq 0 ] || kill "${hogs[@]}" 2>/dev/null || true; }
trap stop_hogs EXIT
for _ in $(seq "$(nproc)"); do
  yes >/dev/null &
  hogs+=("$!")
done

for run in $(seq "$runs"); do
  started=$(date +%s)
  if ! npm test; then
    echo "test:slow: run $run of $runs failed after $(($(date +%s) - started)) s" >&2
    exit 1
  fi
  echo "test:slow: run $run of $runs passed in $(($(date +%s) - started)) s"
done
