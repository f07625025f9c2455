"""The store: loading the team list against the fastest honest raw sqlite3 read of the same
rows, and name search through FTS5 (accents folded) against LIKE (which cannot fold them).

The team list's baseline is the faster of two raw reads that give exactly the rows the list
shows (checked equal): the one join, and the two tables scanned apart and joined in a dict.

    python benchmarks/bench_store.py
"""

from __future__ import annotations

import random
import sqlite3
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.support import build_store, median_of, report  # noqa: E402
from rmp_desktop.storage.store import Store  # noqa: E402
from rmp_desktop.storage.team_query import TEAM_SQL, load_team  # noqa: E402


def main() -> None:
    for people in (10_000, 100_000):
        with tempfile.TemporaryDirectory() as tmp:
            path = build_store(Path(tmp) / "store.sqlite3", people, conversations=people // 2)
            keep_due_dates(path)
            measure(path, people)


def keep_due_dates(path: Path, share: float = 0.8) -> None:
    """Most people in a store in use have a signed record, so the team list's kept dates
    (due_summary) hold a row for them, and the read joins real rows."""
    rng = random.Random(5)
    conn = sqlite3.connect(path)
    ids = [r[0] for r in conn.execute("SELECT id FROM staff")]
    rows = []
    for i in ids:
        if rng.random() < share:
            signed = date(2024, 1, 1) + timedelta(days=rng.randint(0, 900))
            rows.append((i, signed.isoformat(), (signed + timedelta(days=365)).isoformat(),
                         "appraisal", "2026-01-01 09:00:00"))
    conn.executemany("INSERT INTO due_summary(staff_id, last_signed_on, next_due_on, "
                     "next_due_what, updated_at) VALUES (?,?,?,?,?)", rows)
    conn.commit()
    conn.close()


def measure(path: Path, people: int) -> None:
    def raw_join():
        conn = sqlite3.connect(path)
        rows = conn.execute(TEAM_SQL).fetchall()
        conn.close()
        return rows

    def raw_scans():
        conn = sqlite3.connect(path)
        due = {r[0]: r[1:] for r in conn.execute(
            "SELECT staff_id, COALESCE(last_signed_on, ''), COALESCE(next_due_on, ''), "
            "COALESCE(next_due_what, '') FROM due_summary")}
        none = ("", "", "")
        rows = [(i, preferred or full, full, title, band, area, archived,
                 *due.get(i, none), search)
                for i, preferred, full, title, band, area, archived, search in conn.execute(
                    "SELECT id, preferred_name, full_name, job_title, band, functional_area, "
                    "archived, search_text FROM staff")]
        conn.close()
        return rows

    ours = sorted(tuple(r) for r in load_team(path))
    assert ours == sorted(raw_join()) == sorted(raw_scans()) and len(ours) == people
    print(f"\n{people:,} people")
    baselines = {"one join": median_of(raw_join, 9), "two scans": median_of(raw_scans, 9)}
    fastest = min(baselines, key=baselines.__getitem__)
    report(f"load the team list (ours / raw sqlite3, {fastest})",
           median_of(lambda: load_team(path), 9), baselines[fastest], target=1.3)

    store = Store(path)
    conn = sqlite3.connect(path)
    like = "SELECT id FROM staff WHERE search_text LIKE ?"
    fts_hits = store.staff.search_ids("nguyen")
    like_hits = conn.execute(like, ("%nguyen%",)).fetchall()
    accented = conn.execute("SELECT count(*) FROM staff WHERE full_name LIKE ?",
                            ("%nguyen%",)).fetchone()[0]
    print(f"  'nguyen': FTS5 finds {len(fts_hits)}; LIKE on the written names finds "
          f"{accented} (it cannot fold 'Nguyễn')")
    assert len(fts_hits) == len(like_hits) > accented
    report("search 'nguyen' (FTS5 / LIKE over folded text)",
           median_of(lambda: store.staff.search_ids("nguyen"), 21),
           median_of(lambda: conn.execute(like, ("%nguyen%",)).fetchall(), 21))
    report("search 'zuk' prefix (FTS5 / LIKE over folded text)",
           median_of(lambda: store.staff.search_ids("zuk"), 21),
           median_of(lambda: conn.execute(like, ("%zuk%",)).fetchall(), 21))
    conn.close()
    store.close()


if __name__ == "__main__":
    main()
