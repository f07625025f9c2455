"""The team list, read with the standard library's sqlite3 (or libpq, on PostgreSQL) alone.

This is the first thing the window shows, so it must not wait for SQLAlchemy to
import: one read-only query, columns not objects, returned as plain tuples. On an
organisation's store, row-level security leaves a manager's own team in the answer.
"""

from __future__ import annotations

import gc
import os
from typing import TYPE_CHECKING, NamedTuple

from rmp_desktop.storage.dialect import connect

if TYPE_CHECKING:
    from rmp_desktop.store_location import StoreLocation


class TeamRow(NamedTuple):
    id: int
    name: str  # preferred name if given, else full name
    full_name: str
    job_title: str
    band: str
    functional_area: str
    archived: bool  # 0 or 1 from SQLite
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
# Dates are dates there, not text: as ISO text, "" for none, as from SQLite.
TEAM_SQL_PG = (TEAM_SQL.replace("COALESCE(d.last_signed_on, '')",
                                "COALESCE(d.last_signed_on::text, '')")
               .replace("COALESCE(d.next_due_on, '')", "COALESCE(d.next_due_on::text, '')"))
# The same rows as one JSON text, for libpq's single value (storage/libpq_reader.py).
TEAM_JSON_SQL_PG = (
    "SELECT coalesce(json_agg(json_build_array(s.id, "
    "CASE WHEN s.preferred_name != '' THEN s.preferred_name ELSE s.full_name END, "
    "s.full_name, s.job_title, s.band, s.functional_area, s.archived, "
    "COALESCE(d.last_signed_on::text, ''), COALESCE(d.next_due_on::text, ''), "
    "COALESCE(d.next_due_what, ''), s.search_text)), '[]') "
    "FROM staff s LEFT JOIN due_summary d ON d.staff_id = s.id")


def load_person_row(source: StoreLocation | str | os.PathLike[str],
                    person_id: int) -> TeamRow | None:
    """One person's row as the team list shows it (after a signature, say)."""
    conn = connect(source, read_only=True)
    try:
        sql = TEAM_SQL_PG if conn.is_postgres else TEAM_SQL
        row = conn.execute(sql + " WHERE s.id = ?", (person_id,)).fetchone()
    finally:
        conn.close()
    return TeamRow._make(row) if row is not None else None


def rows_from_json(text: str | None) -> list[TeamRow]:
    import json

    return list(map(TeamRow._make, json.loads(text or "[]")))


def load_team(source: StoreLocation | str | os.PathLike[str]) -> list[TeamRow]:
    """Everyone in the store (a StoreLocation, a SQLite path or a PostgreSQL URL); on an
    organisation's store, the team the login may see."""
    from rmp_desktop.store_location import StoreLocation

    location = StoreLocation.of(source)
    if location.is_postgres:
        from rmp_desktop.storage import libpq_reader

        try:
            text = libpq_reader.text_value(location.pg_url, TEAM_JSON_SQL_PG)
        except libpq_reader.LibpqUnavailable:
            pass  # read through psycopg below
        else:
            return rows_from_json(text)
    conn = connect(location, read_only=True)
    # 100,000 new rows would set the cyclic garbage collector scanning again and again
    # (a third of the read); none of them can be in a cycle, so it rests meanwhile.
    collecting = gc.isenabled()
    gc.disable()
    try:
        sql = TEAM_SQL_PG if conn.is_postgres else TEAM_SQL
        return list(map(TeamRow._make, conn.execute(sql).fetchall()))
    finally:
        if collecting:
            gc.enable()
        conn.close()
