"""The team list, read with the standard library's sqlite3 alone.

This is the first thing the window shows, so it must not wait for SQLAlchemy to
import: one read-only query, columns not objects, returned as plain tuples.
"""

from __future__ import annotations

import gc
import sqlite3
from pathlib import Path
from typing import NamedTuple


class TeamRow(NamedTuple):
    id: int
    name: str  # preferred name if given, else full name
    full_name: str
    job_title: str
    band: str
    functional_area: str
    archived: bool
    last_conversation: str  # ISO date of the newest conversation, or ""
    search_text: str  # folded: what search matches


TEAM_SQL = """
SELECT s.id,
       CASE WHEN s.preferred_name != '' THEN s.preferred_name ELSE s.full_name END,
       s.full_name, s.job_title, s.band, s.functional_area, s.archived,
       COALESCE((SELECT max(c.held_on) FROM conversations c WHERE c.person_id = s.id), ''),
       s.search_text
FROM staff s
"""


def load_team(path: Path) -> list[TeamRow]:
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    # 100,000 new rows would set the cyclic garbage collector scanning again and again
    # (a third of the read); none of them can be in a cycle, so it rests meanwhile.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return list(map(TeamRow._make, conn.execute(TEAM_SQL).fetchall()))
    finally:
        if collecting:
            gc.enable()
        conn.close()
