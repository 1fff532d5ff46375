#!/usr/bin/env bash
# Every check: Python lint and tests (trainer), TypeScript typecheck, lint and tests.
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
