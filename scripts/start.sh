#!/usr/bin/env bash
# The first run: sets up (no test browser), fetches ml-100k if it is not there, runs a small `nas`
# evolution on it with the local runner (configs/first-run.json: the seed, then 2 generations of
# 2 candidates, 2 epochs each, a 3-minute wall budget for proposing), then writes the run's report
# page and prints where it is.
# Arguments go to `evolverec run` (e.g. --allow-unsandboxed where no sandbox can start).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --without-browser
. scripts/data-dir.sh
data_dir="${EVOLVEREC_DATA_DIR:-$HOME/.cache/evolverec/data}"
if [ ! -f "$data_dir/ml-100k/u.data" ]; then
  npm run --silent evolverec -- data get ml-100k --data-dir "$data_dir"
fi
run_id="first-run-$(date -u +%Y%m%dT%H%M%SZ)"
npm run --silent evolverec -- run --config configs/first-run.json --run-id "$run_id" \
  --data-dir "$data_dir" "$@"
report="$(npm run --silent evolverec -- report "$run_id")"
echo "The report of run $run_id: $report"
