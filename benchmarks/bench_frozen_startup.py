"""Start-up of the frozen build (dist/rmp-desktop) against the source tree, same machine, same run.

Each measurement is a fresh process:
  --version           spawn to exit; argument parsing only: the cost of starting the program;
  --data-dir D check  spawn to exit; a window-less command that opens a store (the demo team),
                      checks it and reports: SQLAlchemy and the storage code included;
  --data-dir D        the window: spawn until it listens for a second launch (its
                      single-instance socket appears, just before the window is shown), found
                      by polling the socket file every 0.5 ms; then it is stopped.
Runs are interleaved (frozen, source, frozen, ...) after one warm-up each, so machine noise
and the file cache hit both alike. Prints medians and the frozen / source ratio.

    packaging/build.sh && python benchmarks/bench_frozen_startup.py [--runs 9] [--app PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_APP = ROOT / "dist" / "rmp-desktop" / ("rmp-desktop.exe" if os.name == "nt" else "rmp-desktop")


def timed(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return elapsed


def timed_window(cmd: list[str], env: dict, socket: Path) -> float:
    socket.unlink(missing_ok=True)  # a stopped window leaves its socket file behind
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    try:
        while not socket.exists():
            if proc.poll() is not None:
                raise RuntimeError(f"the window exited ({proc.returncode}):\n"
                                   f"{proc.stderr.read()[-2000:]}")
            if time.perf_counter() - start > 60:
                raise RuntimeError("the window did not start within 60 s")
            time.sleep(0.0005)
        return time.perf_counter() - start
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        proc.stderr.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--app", type=Path, default=DEFAULT_APP, help="the frozen program")
    parser.add_argument("--json", metavar="FILE", help="also write the figures here")
    args = parser.parse_args()
    if not args.app.exists():
        print(f"skipped: no frozen build at {args.app}. Build it first with packaging/build.sh.")
        return 0

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("RMP_DESKTOP_DATA_DIR", None)
    frozen = [str(args.app)]
    source = [sys.executable, "-m", "rmp_desktop"]
    figures: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="rmp-bench-frozen-") as data:
        subprocess.run([*source, "--data-dir", data, "demo"], cwd=ROOT, env=env, check=True,
                       capture_output=True)
        cases = {"--version": ["--version"], "check (window-less, opens the store)":
                 ["--data-dir", data, "check"]}
        for name, argv in cases.items():
            timed(frozen + argv, env)  # warm-up: file cache, PyInstaller's first unpack
            timed(source + argv, env)
            ours, theirs = [], []
            for _ in range(args.runs):
                ours.append(timed(frozen + argv, env))
                theirs.append(timed(source + argv, env))
            figures[name] = {"frozen_ms": statistics.median(ours) * 1000,
                             "source_ms": statistics.median(theirs) * 1000}
        if sys.platform.startswith("linux"):  # elsewhere the socket is not a file to watch
            sys.path.insert(0, str(ROOT))
            from rmp_desktop.paths import AppPaths

            socket = Path(tempfile.gettempdir()) / AppPaths(Path(data)).lock_name
            argv = ["--data-dir", data]
            timed_window(frozen + argv, env, socket)
            timed_window(source + argv, env, socket)
            ours, theirs = [], []
            for _ in range(args.runs):
                ours.append(timed_window(frozen + argv, env, socket))
                theirs.append(timed_window(source + argv, env, socket))
            figures["window (until it is about to show)"] = {
                "frozen_ms": statistics.median(ours) * 1000,
                "source_ms": statistics.median(theirs) * 1000}
    print(f"start-up, frozen build against the source tree, median of {args.runs} interleaved runs")
    for name, f in figures.items():
        ratio = f["frozen_ms"] / f["source_ms"]
        f["ratio"] = ratio
        print(f"  {name:<40} frozen {f['frozen_ms']:7.1f} ms   source {f['source_ms']:7.1f} ms   "
              f"ratio {ratio:4.2f}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
