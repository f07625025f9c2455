"""Keeping each person's row of `due_summary` in step with their records.

The team list shows the last signed record and the next date due for thousands of people in
one read, so both are kept per person rather than worked out from every conversation then.
Whatever moves them (a record signed or amended, a record copy taken in, a mid-year review)
calls `refresh` for that person inside its own transaction, so the row and the change are
written together or not at all. `stale_rows` compares every row with a fresh computation and
`refresh_everyone` rewrites them all (the migration that made the table uses it).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime

from sqlalchemy import Date, DateTime, bindparam, text
from sqlalchemy.engine import Connection

from rmp_desktop.domain.dates import from_iso
from rmp_desktop.domain.due import PersonYear, next_due
from rmp_desktop.storage.due_query import person_years

_BATCH = 500


def summary_of(person: PersonYear) -> tuple[date | None, date | None, str] | None:
    """(last signed, next due, what) for a person with a signed record; None without one (no
    row: the team list reads that as an appraisal due now)."""
    if person.last_signed is None:
        return None
    day, what = next_due(person)
    return person.last_signed, day, what.value


def refresh(conn: Connection, person_ids: Iterable[int]) -> None:
    """Rewrite the rows of these people from their records as they are now."""
    ids = sorted(set(person_ids))
    for start in range(0, len(ids), _BATCH):
        chunk = ids[start:start + _BATCH]
        conn.execute(text("DELETE FROM due_summary WHERE staff_id IN :ids")
                     .bindparams(bindparam("ids", expanding=True)), {"ids": chunk})
        _write(conn, person_years(conn, chunk, include_archived=True))


def refresh_everyone(conn: Connection) -> None:
    """Every row again (the migration that made the table; a repair)."""
    conn.execute(text("DELETE FROM due_summary"))
    _write(conn, person_years(conn, None, include_archived=True))


def stale_rows(conn: Connection) -> list[int]:
    """People whose row is not what their records give now (for `check`)."""
    stored = {r[0]: (_day(r[1]), _day(r[2]), r[3]) for r in conn.execute(text(
        "SELECT staff_id, last_signed_on, next_due_on, next_due_what FROM due_summary"))}
    wrong = []
    for person in person_years(conn, None, include_archived=True):
        expected = summary_of(person)
        if stored.pop(person.person_id, None) != expected:
            wrong.append(person.person_id)
    return sorted(wrong + list(stored))


def stale_findings(conn: Connection, *, shown: int = 5) -> list[str]:
    """`check`'s words for rows out of step, naming people by the start of their stable uid
    (never by name) and saying how to put them right."""
    wrong = stale_rows(conn)
    if not wrong:
        return []
    uids = sorted(str(r[0])[:8] for r in conn.execute(
        text("SELECT uid FROM staff WHERE id IN :ids")
        .bindparams(bindparam("ids", expanding=True)), {"ids": wrong[:shown]}))
    more = f" and {len(wrong) - shown} more" if len(wrong) > shown else ""
    people = "1 person" if len(wrong) == 1 else f"{len(wrong)} people"
    return [f"team list: the last signed and next due dates kept for {people} (staff "
            f"{', '.join(uids)}{more}) differ from what their records give; run "
            "`rmp-desktop check --refresh-due` to work them out again from the records"]


def _write(conn: Connection, people: list[PersonYear]) -> None:
    now = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    rows = []
    for person in people:
        summary = summary_of(person)
        if summary is not None:
            rows.append({"sid": person.person_id, "last": summary[0], "next": summary[1],
                         "what": summary[2], "at": now})
    if rows:
        # Typed, so each database gets dates as it stores them (SQLite: ISO text).
        conn.execute(text("INSERT INTO due_summary(staff_id, last_signed_on, next_due_on, "
                          "next_due_what, updated_at) VALUES (:sid, :last, :next, :what, :at)")
                     .bindparams(bindparam("last", type_=Date), bindparam("next", type_=Date),
                                 bindparam("at", type_=DateTime)), rows)


def _day(value: object) -> date | None:
    return from_iso(value)
