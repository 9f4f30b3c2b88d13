#!/usr/bin/env bash
# Install the Python packages and run the bot with demo data on embedded
# defaults (SQLite under instance/, an in-process stand-in for Redis).
# Usage: bash scripts/demo.sh [--host HOST] [--port PORT]
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/common.sh

main() {
  local python venv_package
  python=$(pick_python)

  venv_package=$(venv_package_needed "$python")
  if [ -n "$venv_package" ]; then
    say "installing $venv_package"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$venv_package"
  fi
  prepare_venv "$python" requirements.txt

  say "creating the database with demo data"
  "$VENV/bin/python" run.py init-db --demo

  # The dev login lets a browser open the H5 pages as a demo patient
  # without a WeChat account.
  export SITE_DEV_LOGIN="${SITE_DEV_LOGIN:-true}"
  say "starting the server; open http://127.0.0.1:5000/h5/ or, in another terminal: .venv/bin/python run.py chat"
  exec "$VENV/bin/python" run.py serve "$@"
}

main "$@"
