# Shared by scripts/run, scripts/test and the asset tools: create .venv and install
# the lock files named in VENV_LOCKS (default: the runtime lock requirements.txt;
# scripts/test adds requirements-dev.txt) when one changed since its last install.
# The locks pin every package with its hashes, so pip refuses any other download.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
VENV_LOCKS="${VENV_LOCKS:-requirements.txt}"

# One stamp per lock (.venv/.requirements.sha256 as before, .venv/.requirements-dev.sha256),
# so scripts/run after scripts/test installs nothing again.
lock_stamp() { echo ".venv/.${1%.txt}.sha256"; }
lock_sum() { sha256sum "$1" | cut -d' ' -f1; }

STALE=0
for LOCK in $VENV_LOCKS; do
  STAMP="$(lock_stamp "$LOCK")"
  if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$(lock_sum "$LOCK")" ]; then
    STALE=1
  fi
done
if [ "$STALE" = 1 ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  # One pip run over every lock, so a package two locks share must agree.
  # shellcheck disable=SC2046
  .venv/bin/python -m pip install --quiet --require-hashes $(printf -- '-r %s ' $VENV_LOCKS)
  for LOCK in $VENV_LOCKS; do
    lock_sum "$LOCK" > "$(lock_stamp "$LOCK")"
  done
fi
