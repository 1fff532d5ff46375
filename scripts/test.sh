#!/usr/bin/env bash
# Every check: Python lint and tests (trainer), TypeScript typecheck, lint and tests, cdk synth.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/data-dir.sh

.venv/bin/ruff check trainer programs bench
.venv/bin/ruff format --check trainer programs bench
(cd trainer && ../.venv/bin/python -m pytest -q)
npm run --silent typecheck
npm run --silent lint
npx vitest run
# The stack synthesises offline, every function bundled by the local esbuild, the layer pruned.
npm run --silent synth > /dev/null
rm -rf cdk.out
