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
    last_signed: str  # ISO date of the newest signed record, or ""
    next_due: str  # ISO date the next thing is due (domain.due.next_due), or "" for now
    next_due_what: str  # a domain.due.What value; "" when nothing is signed yet
    search_text: str  # folded: what search matches


# One row per person from `due_summary` (kept by storage.due_summary), so the two dates cost a
# join on a key rather than a pass over everyone's conversations.
TEAM_SQL = """
SELECT s.id,
       CASE WHEN s.preferred_name != '' THEN s.preferred_name ELSE s.full_name END,
       s.full_name, s.job_title, s.band, s.functional_area, s.archived,
       COALESCE(d.last_signed_on, ''), COALESCE(d.next_due_on, ''), COALESCE(d.next_due_what, ''),
       s.search_text
FROM staff s LEFT JOIN due_summary d ON d.staff_id = s.id
"""


def load_person_row(path: Path, person_id: int) -> TeamRow | None:
    """One person's row as the team list shows it (after a signature, say)."""
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    try:
        row = conn.execute(TEAM_SQL + " WHERE s.id = ?", (person_id,)).fetchone()
    finally:
        conn.close()
    return TeamRow._make(row) if row is not None else None


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
