#!/usr/bin/env bash
# Install everything the test suite needs on Debian/Ubuntu, then run pytest.
# Usage: bash scripts/test.sh [pytest arguments...]
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

source scripts/common.sh

# Fonts so that Chinese and emoji render in the browser tests' screenshots.
APT_PACKAGES=(mariadb-server redis-server chromium fonts-noto-cjk fonts-noto-color-emoji)

# Root's PATH may lack the sbin folders, and Debian puts mariadbd in /usr/sbin.
have() {
  command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/usr/local/sbin/$1" ]
}

installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

install_system_packages() {
  local python=$1 binary package missing=() packages=("${APT_PACKAGES[@]}")
  for binary in mariadbd redis-server chromium; do
    have "$binary" || missing+=("$binary")
  done
  for package in fonts-noto-cjk fonts-noto-color-emoji; do
    installed "$package" || missing+=("$package")
  done
  local venv_package
  venv_package=$(venv_package_needed "$python")
  if [ -n "$venv_package" ]; then
    missing+=(ensurepip)
    packages+=("$venv_package")
  fi
  if [ ${#missing[@]} -eq 0 ]; then
    say "system packages present"
    return
  fi
  say "missing: ${missing[*]}; installing ${packages[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${packages[@]}"
}

main() {
  local python
  python=$(pick_python)
  install_system_packages "$python"
  prepare_venv "$python" requirements-dev.txt
  say "running pytest $*"
  exec "$VENV/bin/python" -m pytest "$@"
}

main "$@"
