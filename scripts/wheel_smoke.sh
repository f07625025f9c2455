#!/usr/bin/env bash
# Build the wheel with pip, install it into a fresh virtual environment outside the source
# tree, and run the program from there: --version, demo, check, records, and the window
# offscreen until it has shown the team. A package or data file missing from the wheel fails
# here, where running from the source tree would never notice.
# Usage: scripts/wheel_smoke.sh   (uses .venv/bin/python to build, as scripts/setup.sh makes it)
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-.venv/bin/python}
work=$(mktemp -d "${TMPDIR:-/tmp}/rmp-wheel.XXXXXX")
trap 'rm -rf "$work"' EXIT
step() { echo "wheel: $*"; }
fail() { echo "wheel: FAILED: $*" >&2; exit 1; }

"$python" -m pip wheel --quiet --no-deps --wheel-dir "$work/dist" . \
  || fail "pip wheel could not build the package"
wheel=$(ls "$work"/dist/rmp_desktop-*.whl)
step "built $(basename "$wheel")"

"$python" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet "$wheel" || fail "the wheel did not install"
step "installed into a fresh virtual environment"

# From a folder with no source tree, so only the installed package can be imported.
cd "$work"
app="$work/venv/bin/rmp-desktop"
data="$work/data"
unset RMP_DESKTOP_DATA_DIR
export QT_QPA_PLATFORM=offscreen
where=$("$work/venv/bin/python" -c 'import rmp_desktop; print(rmp_desktop.__file__)')
case "$where" in "$work/venv/"*) ;; *) fail "rmp_desktop was imported from $where" ;; esac

got=$("$app" --version) || fail "--version"
step "--version: $got"
"$app" --data-dir "$data" demo >/dev/null || fail "demo"
step "demo team created"
"$app" --data-dir "$data" check >/dev/null || fail "check"
step "check: healthy"
count=$("$app" --data-dir "$data" records --json \
  | "$work/venv/bin/python" -c 'import json, sys; print(len(json.load(sys.stdin)))') \
  || fail "records"
[ "$count" -gt 0 ] || fail "records listed nothing after demo"
step "records: $count"
RMP_DESKTOP_QUIT_AFTER_START=1 timeout 60 "$app" --data-dir "$data" >"$work/window.out" 2>&1 \
  || { cat "$work/window.out" >&2; fail "the window did not start, show the team and close"; }
if grep -q "Traceback" "$work/window.out"; then cat "$work/window.out" >&2; fail "window"; fi
step "window: painted offscreen, showed the team and closed"
echo "wheel: all passed"
