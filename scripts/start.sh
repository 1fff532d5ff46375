#!/usr/bin/env bash
# Quick start: set up, fetch ml-100k if it is not there, and evaluate the seed program
# (SASRec) through the harness on it: validation metrics, training curve, ONNX export.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/data-dir.sh
data_dir="${EVOLVEREC_DATA_DIR:-$HOME/.cache/evolverec/data}"
if [ ! -f "$data_dir/ml-100k/u.data" ]; then
  npm run --silent evolverec -- data get ml-100k --data-dir "$data_dir"
fi
npm run --silent evolverec -- eval --program programs/sasrec --dataset ml-100k \
  --data-dir "$data_dir" --max-epochs "${EVOLVEREC_MAX_EPOCHS:-40}" "$@"
