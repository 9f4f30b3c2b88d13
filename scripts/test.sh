#!/usr/bin/env bash
# Install everything the test suite needs on Debian/Ubuntu, then run pytest.
# Usage: bash scripts/test.sh [pytest arguments...]
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

APT_PACKAGES=(mariadb-server redis-server chromium fonts-noto-cjk)
VENV=.venv

say() { printf '==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Root's PATH may lack the sbin folders, and Debian puts mariadbd in /usr/sbin.
have() {
  command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/usr/local/sbin/$1" ]
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

pick_python() {
  if command -v python3.11 >/dev/null 2>&1; then
    echo python3.11
  elif command -v python3 >/dev/null 2>&1 \
      && python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo python3
  else
    die "Python 3.11 or newer not found. Install it: apt-get install python3.11 python3.11-venv"
  fi
}

install_system_packages() {
  local python=$1 binary missing=() packages=("${APT_PACKAGES[@]}")
  for binary in mariadbd redis-server chromium; do
    have "$binary" || missing+=("$binary")
  done
  # Debian splits ensurepip out of the interpreter, and venv needs it.
  if [ ! -x "$VENV/bin/python" ] && ! "$python" -c 'import ensurepip' >/dev/null 2>&1; then
    missing+=(ensurepip)
    packages+=("$("$python" -c 'import sys; print("python%d.%d-venv" % sys.version_info[:2])')")
  fi
  if [ ${#missing[@]} -eq 0 ]; then
    say "system packages present"
    return
  fi
  say "missing: ${missing[*]}; installing ${packages[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${packages[@]}"
}

prepare_venv() {
  local python=$1
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating $VENV with $("$python" --version)"
    "$python" -m venv "$VENV"
  fi
  say "installing python packages from requirements-dev.txt"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r requirements-dev.txt
}

main() {
  local python
  python=$(pick_python)
  install_system_packages "$python"
  prepare_venv "$python"
  say "running pytest $*"
  exec "$VENV/bin/python" -m pytest "$@"
}

main "$@"
