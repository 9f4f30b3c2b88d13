#!/usr/bin/env bash
# Install the Python packages and run the bot with demo data on embedded
# defaults (SQLite under instance/, an in-process stand-in for Redis), beside
# the local WeChat sandbox on port 5001 that stands in for WeChat's servers.
# Usage: bash scripts/demo.sh
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

  source scripts/demo.env
  say "starting the WeChat sandbox on http://127.0.0.1:5001"
  "$VENV/bin/python" run.py sandbox --port 5001 &
  SANDBOX_PID=$!
  trap 'kill "$SANDBOX_PID" 2>/dev/null || true' EXIT

  say "starting the server on http://127.0.0.1:5000; open http://127.0.0.1:5000/h5/"
  say "in another terminal: source scripts/demo.env && .venv/bin/python run.py chat"
  "$VENV/bin/python" run.py serve "$@"
}

main "$@"
