"""`rmp-desktop check` on a big store, against SQLite's own checks of the same file.

A store that passes every check (benchmarks/consistent_store.py: people, conversations of
ten sections each, every other one signed by both with its real fingerprint, signatures and
the audit chain) is built once in a work folder and kept for later runs. Then, interleaved:

  baseline  `PRAGMA integrity_check` + `PRAGMA foreign_key_check` on a fresh sqlite3
            connection: what SQLite alone needs to say the file is sound;
  check     storage.integrity.check_store: those two, the search index, the schema against
            its revision, the audit chain, every record rule and every signed record's
            fingerprint recomputed (target: at most 5 times the baseline).

Memory: the check runs in a child process on the full store and on one a quarter its size;
the peak resident size of both is printed (target: flat as the store grows).

    python benchmarks/bench_check.py [--people 100000] [--conversations 100000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.consistent_store import build_consistent_store  # noqa: E402

TARGET = 5.0

_CHILD = """
import resource, sys
sys.path.insert(0, sys.argv[2])
from pathlib import Path
from rmp_desktop.storage.integrity import check_store
assert check_store(Path(sys.argv[1])) == []
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def store_for(work: Path, people: int, conversations: int) -> Path:
    path = work / f"check-{people}-{conversations}.sqlite3"
    if not path.exists():
        start = time.perf_counter()
        partial = path.with_name("." + path.name)
        for stale in work.glob("." + path.name + "*"):
            stale.unlink()
        build_consistent_store(partial, people, conversations)
        os.replace(partial, path)
        print(f"built {path.name} ({path.stat().st_size / 1e6:.0f} MB) in "
              f"{time.perf_counter() - start:.0f} s")
    return path


def baseline(path: Path) -> None:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


def full_check(path: Path) -> None:
    from rmp_desktop.storage.integrity import check_store

    findings = check_store(path)
    assert findings == [], [str(f) for f in findings[:3]]


def timed(fn, path: Path) -> float:
    start = time.perf_counter()
    fn(path)
    return time.perf_counter() - start


def peak_rss_mb(path: Path) -> float:
    out = subprocess.run([sys.executable, "-c", _CHILD, str(path), str(ROOT)], check=True,
                         capture_output=True, text=True).stdout
    return int(out.strip().splitlines()[-1]) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "rmp-bench-check"))
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    path = store_for(work, args.people, args.conversations)
    size = path.stat().st_size / 1e6
    full_check(path)  # the schema reference is built once per process, as in the command
    times: dict[str, list[float]] = {"baseline": [], "check": []}
    for _ in range(args.runs):
        times["baseline"].append(timed(baseline, path))
        times["check"].append(timed(full_check, path))
    base, check = (statistics.median(times[k]) for k in ("baseline", "check"))
    sections = args.conversations * 10
    print(f"store: {args.people:,} people, {args.conversations:,} conversations, {sections:,} "
          f"sections, {size:.0f} MB; median of {args.runs}")
    print(f"  SQLite integrity_check + foreign_key_check: {base:.2f} s")
    print(f"  check_store (everything `check` proves):   {check:.2f} s")
    print(f"  ratio: {check / base:.2f} (target at most {TARGET:g})")
    quarter = store_for(work, args.people // 4, args.conversations // 4)
    small, big = peak_rss_mb(quarter), peak_rss_mb(path)
    print(f"  peak memory of a check: {small:.0f} MB at a quarter of the size, {big:.0f} MB at "
          f"full size ({big / small:.2f}x for 4x the data)")
    print(f"  load: {open('/proc/loadavg').read().strip()}" if os.path.exists("/proc/loadavg")
          else "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
