#!/usr/bin/env bash
# Smoke-test the frozen application: it starts offscreen on a temporary data folder, creates the
# demo team, and runs every window-less command this build has (checked in its --help), including
# export -> verify of a signed record and backup -> restore. Exits non-zero on the first failure.
# Usage: packaging/smoke.sh [path/to/rmp-desktop]   (default dist/rmp-desktop/rmp-desktop)
set -euo pipefail
cd "$(dirname "$0")/.."

app=${1:-dist/rmp-desktop/rmp-desktop}
[ -x "$app" ] || { echo "smoke: no frozen program at $app; run packaging/build.sh first" >&2; exit 1; }
data=$(mktemp -d "${TMPDIR:-/tmp}/rmp-smoke.XXXXXX")
trap 'rm -rf "$data"' EXIT
export QT_QPA_PLATFORM=offscreen
unset RMP_DESKTOP_DATA_DIR
step() { echo "smoke: $*"; }
fail() { echo "smoke: FAILED: $*" >&2; exit 1; }
run() { "$app" --data-dir "$data" "$@"; }

want=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' rmp_desktop/__init__.py)
got=$("$app" --version)
[ "$got" = "rmp-desktop $want" ] || fail "--version said '$got', expected 'rmp-desktop $want'"
step "--version: $got"

help=$("$app" --help)
has() { grep -Eq "^    $1 " <<<"$help"; }

has demo || fail "this build has no demo command"
run demo >/dev/null || fail "demo"
step "demo team created in $data"
[ "$(stat -c %a "$data/rmp-desktop.sqlite3")" = 600 ] || fail "the store is readable by others"

if has check; then run check >/dev/null || fail "check"; step "check: healthy"; fi

if has records && has export; then
  record=$(run records --json | python3 -c \
    'import json, sys; print(next((r["id"] for r in json.load(sys.stdin) if r["status"] == "signed"), ""))')
  if [ -n "$record" ]; then
    run export "$record" --out "$data/record.pdf" >/dev/null || fail "export $record"
    [ "$(head -c 5 "$data/record.pdf")" = "%PDF-" ] || fail "export wrote no PDF"
    step "export: record $record -> $(stat -c %s "$data/record.pdf") bytes"
    if has verify; then run verify "$data/record.pdf" >/dev/null || fail "verify"; step "verify: matches"; fi
  else
    step "export: skipped (the demo made no signed record)"
  fi
fi

if has backup; then
  run backup --to "$data/copy.sqlite3" >/dev/null || fail "backup --to"
  [ "$(stat -c %a "$data/copy.sqlite3")" = 600 ] || fail "the backup is readable by others"
  step "backup: $(stat -c %s "$data/copy.sqlite3") bytes"
  if has restore; then
    run restore "$data/copy.sqlite3" --yes >/dev/null || fail "restore --yes"
    run check >/dev/null || fail "check after restore"
    step "restore: done, store healthy"
  fi
fi

# The window: it must start and keep running until stopped (it has no quit-after flag).
set +e
timeout -s TERM 8 "$app" --data-dir "$data" >"$data/window.out" 2>&1
code=$?
set -e
if [ "$code" -ne 124 ] || grep -q "Traceback" "$data/window.out"; then
  cat "$data/window.out" >&2
  fail "the window did not stay up (exit $code)"
fi
step "window: started offscreen and ran until stopped"
echo "smoke: all passed"
