"""One person's details for their page, read with the standard library's sqlite3 (or psycopg)
alone.

Opening a person is something a user waits for; like team_query, this keeps the
read free of SQLAlchemy so the page shows at once even before anything has
been edited.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, NamedTuple

from rmp_desktop.storage.dialect import connect

if TYPE_CHECKING:
    from rmp_desktop.store_location import StoreLocation


class PersonDetails(NamedTuple):
    id: int
    full_name: str
    preferred_name: str
    job_title: str
    band: str
    functional_area: str
    line_manager_id: int | None
    manager_name: str  # preferred name if given, else full name; "" when none
    start_date: str  # ISO date or ""
    email: str
    assignment_number: str
    archived: bool
    conversations: int  # how many conversations they have had, any status
    last_conversation: str  # ISO date of the newest, or ""

    @property
    def display_name(self) -> str:
        return self.preferred_name.strip() or self.full_name.strip()


PERSON_SQL = """
SELECT s.id, s.full_name, s.preferred_name, s.job_title, s.band, s.functional_area,
       s.line_manager_id,
       COALESCE(CASE WHEN m.preferred_name != '' THEN m.preferred_name ELSE m.full_name END, ''),
       COALESCE(s.start_date, ''), s.email, COALESCE(s.assignment_number, ''), s.archived,
       (SELECT count(*) FROM conversations c WHERE c.person_id = s.id),
       COALESCE((SELECT max(c.held_on) FROM conversations c WHERE c.person_id = s.id), '')
FROM staff s LEFT JOIN staff m ON m.id = s.line_manager_id
WHERE s.id = ?
"""
# Dates are dates there, not text.
PERSON_SQL_PG = (PERSON_SQL.replace("COALESCE(s.start_date, '')", "COALESCE(s.start_date::text, '')")
                 .replace("max(c.held_on)", "max(c.held_on)::text"))


def load_person(source: StoreLocation | str | os.PathLike[str],
                person_id: int) -> PersonDetails | None:
    """A StoreLocation, a SQLite path or a PostgreSQL URL; None if no such person (or, on an
    organisation's store, not in your team)."""
    conn = connect(source, read_only=True)
    try:
        sql = PERSON_SQL_PG if conn.is_postgres else PERSON_SQL
        row = conn.execute(sql, (person_id,)).fetchone()
    finally:
        conn.close()
    if row is None:
        return None
    values = list(row)
    values[11] = bool(values[11])
    return PersonDetails._make(values)
