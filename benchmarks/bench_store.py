"""The store: loading the team list against the same query through raw sqlite3, and name
search through FTS5 (accents folded) against LIKE (which cannot fold them).

    python benchmarks/bench_store.py
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.support import build_store, median_of, report  # noqa: E402
from rmp_desktop.storage.store import Store  # noqa: E402
from rmp_desktop.storage.team_query import TEAM_SQL, load_team  # noqa: E402


def main() -> None:
    for people in (10_000, 100_000):
        with tempfile.TemporaryDirectory() as tmp:
            measure(build_store(Path(tmp) / "store.sqlite3", people, conversations=people // 2),
                    people)


def measure(path: Path, people: int) -> None:
    def raw_query():
        conn = sqlite3.connect(path)
        rows = conn.execute(TEAM_SQL).fetchall()
        conn.close()
        return rows

    assert len(load_team(path)) == len(raw_query()) == people
    print(f"\n{people:,} people")
    report("load the team list (ours / raw sqlite3)", median_of(lambda: load_team(path), 9),
           median_of(raw_query, 9), target=1.3)

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
