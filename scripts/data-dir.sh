# Sourced: picks the data directory. EVOLVEREC_DATA_DIR wins; otherwise the workplace's
# ../shared/data when it is there; otherwise the CLI's default download folder.
if [ -z "${EVOLVEREC_DATA_DIR:-}" ] && [ -d "$(pwd)/../shared/data" ]; then
  EVOLVEREC_DATA_DIR="$(cd "$(pwd)/../shared/data" && pwd)"
  export EVOLVEREC_DATA_DIR
fi
