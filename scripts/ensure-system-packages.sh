#!/bin/sh
# Makes sure the Debian programs the tests drive are there: Chromium at /usr/bin/chromium (the
# HTML views' browser tests, through playwright-core; we never download Playwright's browsers)
# and Spin (the model checker that cross-checks the simulator's verdicts). Idempotent: does
# nothing when both are present. Installs with apt only when we are root; otherwise says what to
# run and fails.
set -eu

missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
command -v spin >/dev/null 2>&1 || missing="$missing spin"

if [ -z "$missing" ]; then
  echo "system packages: chromium and spin present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "missing:$missing, and this is not root." >&2
  echo "Install with: sudo apt-get update && sudo apt-get install -y$missing" >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "missing:$missing, and apt-get is not available; install them with your package manager." >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
# shellcheck disable=SC2086
apt-get install -y $missing

[ -x /usr/bin/chromium ] || { echo "apt-get ran but /usr/bin/chromium is still missing" >&2; exit 1; }
command -v spin >/dev/null 2>&1 || { echo "apt-get ran but spin is still missing" >&2; exit 1; }
echo "system packages: chromium and spin installed"
