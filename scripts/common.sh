# Shell helpers shared by demo.sh and test.sh; source it, do not run it.

VENV=.venv

say() { printf '==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

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

# Print the Debian package that provides venv's ensurepip for $1, or nothing
# when the interpreter already has it (Debian ships it separately).
venv_package_needed() {
  local python=$1
  if [ ! -x "$VENV/bin/python" ] && ! "$python" -c 'import ensurepip' >/dev/null 2>&1; then
    "$python" -c 'import sys; print("python%d.%d-venv" % sys.version_info[:2])'
  fi
}

# Create $VENV with interpreter $1 if missing, then install requirements file $2.
prepare_venv() {
  local python=$1 requirements=$2
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating $VENV with $("$python" --version)"
    "$python" -m venv "$VENV"
  fi
  say "installing python packages from $requirements"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$requirements"
}
