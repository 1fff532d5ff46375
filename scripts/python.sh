#!/usr/bin/env bash
# Runs the project's Python (EVOLVEREC_PYTHON, else .venv, else python3) with the data dir set.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. scripts/data-dir.sh
python="${EVOLVEREC_PYTHON:-}"
[ -n "$python" ] || { [ -x .venv/bin/python ] && python=.venv/bin/python; } || python=python3
exec "$python" "$@"
