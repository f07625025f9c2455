#!/usr/bin/env bash
# Build the one-folder application with PyInstaller into dist/rmp-desktop and print its size.
# Usage: packaging/build.sh            (uses .venv, or $PYTHON if set)
# The same spec builds on Windows and macOS (run PyInstaller with packaging/rmp-desktop.spec there).
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-.venv/bin/python}
if [ ! -x "$python" ]; then
  echo "No Python at $python: run scripts/setup.sh first, or set PYTHON." >&2
  exit 1
fi
if ! "$python" -c "import PyInstaller" 2>/dev/null; then
  echo "Installing PyInstaller into $(dirname "$(dirname "$python")")…"
  "$python" -m pip install -q "pyinstaller>=6.10"
fi

rm -rf build/rmp-desktop dist/rmp-desktop
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build packaging/rmp-desktop.spec

app=dist/rmp-desktop
[ -x "$app/rmp-desktop" ] || [ -f "$app/rmp-desktop.exe" ] || { echo "build failed: no $app/rmp-desktop" >&2; exit 1; }
size_bytes=$(du -sb "$app" | cut -f1)
size_mb=$(( (size_bytes + 524287) / 1048576 ))
echo "Built $app: ${size_mb} MB ($size_bytes bytes) in $(find "$app" -type f | wc -l) files."
limit_mb=${RMP_SIZE_LIMIT_MB:-200}
if [ "$size_mb" -ge "$limit_mb" ]; then
  echo "The build is ${size_mb} MB, over the ${limit_mb} MB limit." >&2
  exit 1
fi
