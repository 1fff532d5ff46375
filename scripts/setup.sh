#!/usr/bin/env bash
# Installs everything the project needs into .venv (Python) and node_modules (npm).
# Idempotent: a second run only checks. Set EVOLVEREC_PYTHON to use another interpreter.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
# torch==2.13.0 resolves to the CPU build on this machine's disk; the GPU image pins CUDA.
.venv/bin/pip install --quiet --disable-pip-version-check -r trainer/requirements-dev.txt
.venv/bin/pip install --quiet --disable-pip-version-check --no-deps -e trainer

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
