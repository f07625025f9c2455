"""Gathering what the due rules read (domain.due.PersonYear) for a team, in a handful of queries.

Portable SQL through SQLAlchemy Core on any connection (a session's, a migration's, or one
opened for the command line): five statements whatever the team's size, each reading only
the columns it needs; the plan and the mid-year reviews are parsed for each person's newest
signed record only.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection

from rmp_desktop.domain.dates import from_iso
from rmp_desktop.domain.due import OpenRecord, PersonYear
from rmp_desktop.domain.midyear import done_actions, latest_progress
from rmp_desktop.domain.staff import fold

APPRAISAL_KINDS = ("appraisal", "both")
CAREER_KINDS = ("career", "both")
_CHUNK = 500  # ids per IN list: well under every database's limit on parameters


def person_years(conn: Connection, person_ids: Iterable[int] | None = None, *,
                 include_archived: bool = False) -> list[PersonYear]:
    """PersonYear for each person named (everyone not archived when None), in name order."""
    people = _people(conn, person_ids, include_archived)
    if not people:
        return []
    ids = [p[0] for p in people]
    signed: dict[int, list[tuple[int, str, str, date, int]]] = {}
    open_records: dict[int, list[OpenRecord]] = {}
    # One pass over these people's conversations by the person index; the status is sorted
    # out here, as a condition on it would lead SQLite to the status index and every record.
    for cid, uid, pid, kind, held_on, version, status in _rows_for(
            conn, "SELECT id, uid, person_id, kind, held_on, version, status FROM conversations "
                  "WHERE person_id IN :ids", ids):
        day = from_iso(held_on)
        if status == "signed" and day is not None:
            signed.setdefault(pid, []).append((cid, uid, kind, day, version))
        elif status in ("draft", "awaiting_signoff"):
            open_records.setdefault(pid, []).append(
                OpenRecord(uid, kind, day or date.min, status))
    newest = {pid: max(rows, key=lambda r: (r[3], r[0])) for pid, rows in signed.items()}
    plan_ids = [row[0] for row in newest.values()]
    plans = {cid: section_body(body) for cid, body in _rows_for(
        conn, "SELECT conversation_id, body FROM conversation_sections "
              "WHERE section = 'plan' AND conversation_id IN :ids", plan_ids)}
    reviews: dict[int, list[tuple[date, dict[str, Any]]]] = {}
    for cid, held_on, body in _rows_for(
            conn, "SELECT conversation_id, held_on, body FROM midyear_reviews "
                  "WHERE conversation_id IN :ids", plan_ids):
        day = from_iso(held_on)
        if day is not None:
            reviews.setdefault(cid, []).append((day, section_body(body)))
    years = []
    for pid, name, uid in people:
        rows = signed.get(pid, [])
        last = newest.get(pid)
        done = done_actions(latest_progress(reviews.get(last[0], []))) if last else frozenset()
        years.append(PersonYear(
            person_id=pid, name=name, uid=uid,
            last_appraisal=max((r[3] for r in rows if r[2] in APPRAISAL_KINDS), default=None),
            last_career=max((r[3] for r in rows if r[2] in CAREER_KINDS), default=None),
            last_signed=last[3] if last else None,
            plan_uid=last[1] if last else "", plan_version=last[4] if last else 1,
            plan=plans.get(last[0], {}) if last else {}, done_actions=done,
            open_records=tuple(sorted(open_records.get(pid, ()), key=lambda o: o.held_on))))
    return years


def midyear_for_plan(conn: Connection, conversation_id: int) -> dict[str, dict[str, Any]]:
    """The newest mid-year word on each action of one signed plan (domain.midyear)."""
    rows = conn.execute(text("SELECT held_on, body FROM midyear_reviews "
                             "WHERE conversation_id = :cid"), {"cid": conversation_id})
    return latest_progress([(day, section_body(body)) for held_on, body in rows
                            if (day := from_iso(held_on)) is not None])


def _people(conn: Connection, person_ids: Iterable[int] | None,
            include_archived: bool) -> list[tuple[int, str, str]]:
    select = ("SELECT id, CASE WHEN preferred_name != '' THEN preferred_name ELSE full_name END "
              "AS name, archived, uid FROM staff")
    if person_ids is None:
        rows = conn.execute(text(select)).all()
    else:
        rows = _rows_for(conn, select + " WHERE id IN :ids", list(person_ids))
    people = [(r[0], r[1], r[3]) for r in rows if include_archived or not r[2]]
    return sorted(people, key=lambda p: (fold(p[1]), p[0]))


def _rows_for(conn: Connection, sql: str, ids: Sequence[int]) -> list[Any]:
    if not ids:
        return []
    statement = text(sql).bindparams(bindparam("ids", expanding=True))
    out: list[Any] = []
    for start in range(0, len(ids), _CHUNK):
        out += conn.execute(statement, {"ids": list(ids[start:start + _CHUNK])}).all()
    return out


def section_body(body: str | None) -> dict[str, Any]:
    """A stored section's JSON as a dict; anything else (damaged, not an object) as empty."""
    try:
        value = json.loads(body or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
