"""Importing a staff list of 100,000 people, against parsing the CSV and inserting the rows with
plain executemany on the same schema, in the same run. Target: at most 3 times the baseline.

The file is what Excel saves as "CSV UTF-8": a byte-order mark, CRLF, quotes where needed,
accented names from many languages, every column the application reads. Each run starts
from a fresh copy of the same empty store (migrated once), so the runs are alike.

  baseline  read the bytes, decode, csv.reader, make each row's tuple (a uid, the folded search
            text the team search needs), one executemany INSERT into `staff` in one transaction
            with the store's own pragmas (WAL, synchronous=FULL), commit
  import    read_staff_file (decode, check every row) + Store + import_rows (the plan against
            the people already there, bulk insert, audit entry) - what `import-staff` does
  again     the same file imported again into the filled store: all 100,000 unchanged
  changed   a file where one person in ten has a new job title: 10,000 updates

    python benchmarks/bench_import.py [--people 100000] [--runs 5]
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.support import FAMILY, GIVEN, TITLES  # noqa: E402
from rmp_desktop.domain.staff import BANDS, FUNCTIONAL_AREAS, fold  # noqa: E402
from rmp_desktop.domain.staff_import import read_staff_file  # noqa: E402
from rmp_desktop.storage import bootstrap  # noqa: E402
from rmp_desktop.storage.engine import apply_pragmas  # noqa: E402
from rmp_desktop.storage.store import Store  # noqa: E402

TARGET = 3.0
HEADER = ["Name", "Job title", "Band", "Functional area", "Email", "Assignment number",
          "Start date"]


def write_list(path: Path, people: int, *, seed: int = 5, changed_every: int = 0) -> None:
    rng = random.Random(seed)
    areas = list(FUNCTIONAL_AREAS.values())
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")  # Excel's quoting: only where needed
    writer.writerow(HEADER)
    for i in range(people):
        name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)} {i}"
        title = rng.choice(TITLES)
        if changed_every and i % changed_every == 0:
            title = "Senior " + title
        writer.writerow([name, title, rng.choice(BANDS), rng.choice(areas),
                         f"person{i}@example.nhs.uk", f"{10_000_000 + i}-1",
                         f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1995, 2024)}"])
    path.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))


def baseline(csv_path: Path, store: Path) -> None:
    text = csv_path.read_bytes().decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader)
    now = "2026-01-01 09:00:00.000000"
    rows = [(uuid.uuid4().hex, name, title, band, area, email, number, start,
             fold(f"{name} {title}"), now, now)
            for name, title, band, area, email, number, start in reader]
    conn = sqlite3.connect(store, isolation_level=None)
    apply_pragmas(conn)
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO staff(uid, full_name, job_title, band, functional_area, email, "
        "assignment_number, start_date, search_text, created_at, updated_at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
    conn.execute("COMMIT")
    conn.close()


def ours(csv_path: Path, store_path: Path, expect: tuple[int, int, int]) -> None:
    parsed = read_staff_file(csv_path)
    assert parsed.ok, parsed.errors[:3]
    store = Store(store_path)
    try:
        outcome = store.staff.import_rows(parsed.rows)
    finally:
        store.close()
    assert (outcome.added, outcome.updated, outcome.unchanged) == expect, outcome


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def fresh(template: Path, folder: Path, name: str) -> Path:
    target = folder / name
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, target)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        template = folder / "empty.sqlite3"
        bootstrap.prepare(template, folder / "backups")
        staff_list, changed_list = folder / "staff.csv", folder / "changed.csv"
        write_list(staff_list, args.people)
        write_list(changed_list, args.people, changed_every=10)
        print(f"{args.people:,} people, {staff_list.stat().st_size / 1e6:.1f} MB of CSV; "
              f"median of {args.runs} runs each, interleaved")

        base, imports, again, changed = [], [], [], []
        tenth = args.people // 10
        for _ in range(args.runs):
            base.append(timed(lambda: baseline(staff_list, fresh(template, folder, "b.sqlite3"))))
            target = fresh(template, folder, "o.sqlite3")
            imports.append(timed(lambda t=target: ours(staff_list, t, (args.people, 0, 0))))
            filled = folder / "filled.sqlite3"
            shutil.copyfile(target, filled)
            again.append(timed(lambda t=target: ours(staff_list, t, (0, 0, args.people))))
            changed.append(timed(lambda f=filled: ours(changed_list, f,
                                                       (0, tenth, args.people - tenth))))
        b = statistics.median(base)
        for name, samples in (("import into an empty store", imports),
                              ("the same file again (all unchanged)", again),
                              ("one in ten changed (updates)", changed)):
            med = statistics.median(samples)
            verdict = "" if name != "import into an empty store" else (
                "  ok" if med / b <= TARGET else f"  OVER target {TARGET}")
            print(f"{name:<38} {med:7.2f} s  baseline {b:6.2f} s  ratio {med / b:5.2f}{verdict}")


if __name__ == "__main__":
    main()
