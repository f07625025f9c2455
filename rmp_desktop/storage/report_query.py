"""Gathering what the reports count (domain.report_facts.PersonInput), in seven plain queries.

SQL written once for both databases (`?` placeholders, through storage.dialect.DbConnection),
whatever the number of people: the staff, their aliases, the equality monitoring answers,
one aggregate over every signed conversation (the newest appraisal and career conversation on
or before each quarter's end, and the conversations held in each quarter), then each person's
newest signed record on or before the report's day, with only the sections the reports read
and its mid-year reviews. Each query reads only the columns it needs; no rule is in the SQL
(what counts, and when, is domain.report_facts').

Names are read only for line managers, as the labels of the "by manager" breakdown; the
people counted are known by a key that never leaves this process. Whoever runs this reads
what their login may: on an organisation's store a manager's login reads their own team (and
only the equality answers it entered), the owner everyone; the HR/OD lead never runs it (they
read storage.report_publish's suppressed tables).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from rmp_desktop.domain.dates import from_iso
from rmp_desktop.domain.equality import QUESTION_IDS
from rmp_desktop.domain.midyear import done_actions, latest_progress
from rmp_desktop.domain.report_facts import QUARTERS, NewestRecord, PersonInput, quarter_ends
from rmp_desktop.domain.staff import fold
from rmp_desktop.storage.dialect import DbConnection
from rmp_desktop.storage.due_query import section_body

PIPELINE_SECTIONS = ("plan", "aspirations", "transition", "talent", "wheel")
OTHER_MANAGER = "A manager outside this view"

_APPRAISAL = "kind IN ('appraisal', 'both')"
_CAREER = "kind IN ('career', 'both')"


def gather(conn: DbConnection, on: date, *, sections: Sequence[str] = PIPELINE_SECTIONS,
           quarters: int = QUARTERS, records: bool = True) -> list[PersonInput]:
    """Everyone not archived, as PersonInput for a report as at `on`; without their newest
    records when `records` is false (the trends count only dates)."""
    day = _day_param(conn)
    people = conn.execute(
        "SELECT s.id, s.uid, s.band, s.functional_area, s.directorate, s.line_manager_id, "
        "s.start_date, m.id, m.full_name FROM staff s LEFT JOIN staff m "
        "ON m.id = s.line_manager_id WHERE NOT s.archived").fetchall()
    if not people:
        return []
    managers = _manager_labels((r[5], r[7], r[8]) for r in people)
    equality = _equality(conn, {r[1]: r[0] for r in people})
    ends = quarter_ends(on, quarters)
    timeline = _timeline(conn, ends, day)
    newest = _newest_records(conn, on, day, sections) if records else {}
    nothing = ((None,) * len(ends), (None,) * len(ends), (0,) * len(ends))
    out = []
    for pid, _uid, band, area, directorate, manager_id, start, _mid, _mname in people:
        dates = timeline.get(pid, nothing)
        out.append(PersonInput(
            key=pid, band=band, functional_area=area, directorate=directorate or "",
            manager=managers.get(manager_id, "") if manager_id is not None else "",
            started=from_iso(start), equality=equality.get(pid, {}),
            last_appraisal_at=dates[0], last_career_at=dates[1], held_in_quarter=dates[2],
            newest=newest.get(pid)))
    return out


def _day_param(conn: DbConnection) -> Any:
    """How a date is passed: SQLite keeps dates as ISO text, PostgreSQL as dates."""
    if conn.is_postgres:
        return lambda d: d
    return lambda d: d.isoformat()


def _manager_labels(rows: Iterable[tuple[int | None, int | None, str | None]]
                    ) -> dict[int, str]:
    """A label per line manager: their name (numbered when two share one), or a plain
    description when this login cannot see their row."""
    names: dict[int, str] = {}
    for manager_id, seen_id, name in rows:
        if manager_id is None or manager_id in names:
            continue
        names[manager_id] = " ".join((name or "").split()) if seen_id is not None else ""
    labels: dict[int, str] = {}
    taken: dict[str, int] = {}
    for manager_id in sorted(names, key=lambda i: (fold(names[i]), i)):
        name = names[manager_id] or OTHER_MANAGER
        if name == OTHER_MANAGER:
            labels[manager_id] = name
            continue
        taken[name] = taken.get(name, 0) + 1
        labels[manager_id] = name if taken[name] == 1 else f"{name} ({taken[name]})"
    return labels


def _equality(conn: DbConnection, by_uid: dict[str, int]) -> dict[int, dict[str, str]]:
    """{person: {question: answer}} from rows keyed by their uid or an alias of it; the
    newest row wins when a person has two."""
    for alias, staff_id in conn.execute("SELECT uid, staff_id FROM staff_aliases").fetchall():
        by_uid.setdefault(alias, staff_id)
    columns = ", ".join(QUESTION_IDS)
    found: dict[int, tuple[str, dict[str, str]]] = {}
    for row in conn.execute(f"SELECT staff_uid, updated_at, {columns} "
                            "FROM equality_monitoring").fetchall():
        person = by_uid.get(row[0])
        if person is None:
            continue
        stamp = str(row[1])
        if person in found and found[person][0] >= stamp:
            continue
        found[person] = (stamp, {q: v for q, v in zip(QUESTION_IDS, row[2:], strict=True) if v})
    return {person: answers for person, (_stamp, answers) in found.items()}


def _timeline(conn: DbConnection, ends: Sequence[date], day: Any
              ) -> dict[int, tuple[tuple[date | None, ...], tuple[date | None, ...],
                                   tuple[int, ...]]]:
    """Per person: the newest signed appraisal and career conversation held on or before
    each quarter's end, and how many signed conversations were held in each quarter."""
    columns: list[str] = []
    params: list[Any] = []
    for end in ends:
        columns.append(f"max(CASE WHEN {_APPRAISAL} AND held_on <= ? THEN held_on END)")
        params.append(day(end))
    for end in ends:
        columns.append(f"max(CASE WHEN {_CAREER} AND held_on <= ? THEN held_on END)")
        params.append(day(end))
    starts = [_quarter_start(end) for end in ends]
    for start, end in zip(starts, ends, strict=True):
        columns.append("sum(CASE WHEN held_on >= ? AND held_on <= ? THEN 1 ELSE 0 END)")
        params += [day(start), day(end)]
    rows = conn.execute(f"SELECT person_id, {', '.join(columns)} FROM conversations "
                        "WHERE status = 'signed' GROUP BY person_id", params).fetchall()
    n = len(ends)
    if rows and conn.is_postgres:  # dates come back as dates
        return {row[0]: (row[1:1 + n], row[1 + n:1 + 2 * n], row[1 + 2 * n:1 + 3 * n])
                for row in rows}
    return {row[0]: (tuple(from_iso(v) for v in row[1:1 + n]),
                     tuple(from_iso(v) for v in row[1 + n:1 + 2 * n]),
                     tuple(int(v or 0) for v in row[1 + 2 * n:1 + 3 * n])) for row in rows}


def _quarter_start(end: date) -> date:
    return date(end.year, 3 * ((end.month - 1) // 3) + 1, 1)


_NEWEST = ("SELECT person_id, id, held_on FROM (SELECT person_id, id, held_on, "
           "ROW_NUMBER() OVER (PARTITION BY person_id ORDER BY held_on DESC, id DESC) AS rn "
           "FROM conversations WHERE status = 'signed' AND held_on <= ?) ranked WHERE rn = 1")


def _newest_records(conn: DbConnection, on: date, day: Any,
                    sections: Sequence[str]) -> dict[int, NewestRecord]:
    newest = {pid: (cid, from_iso(held)) for pid, cid, held
              in conn.execute(_NEWEST, [day(on)]).fetchall()}
    bodies: dict[int, dict[str, Any]] = {}
    if sections:
        marks = ", ".join("?" for _ in sections)
        for cid, section, body in conn.execute(
                f"SELECT s.conversation_id, s.section, s.body FROM conversation_sections s "
                f"JOIN ({_NEWEST}) n ON n.id = s.conversation_id WHERE s.section IN ({marks})",
                [day(on), *sections]).fetchall():
            bodies.setdefault(cid, {})[section] = section_body(body)
    reviews: dict[int, list[tuple[date, dict[str, Any]]]] = {}
    if "plan" in sections:
        for cid, held, body in conn.execute(
                f"SELECT m.conversation_id, m.held_on, m.body FROM midyear_reviews m "
                f"JOIN ({_NEWEST}) n ON n.id = m.conversation_id", [day(on)]).fetchall():
            when = from_iso(held)
            if when is not None:
                reviews.setdefault(cid, []).append((when, section_body(body)))
    out = {}
    for pid, (cid, held_on) in newest.items():
        if held_on is None:
            continue
        done = done_actions(latest_progress(reviews[cid])) if cid in reviews else frozenset()
        out[pid] = NewestRecord(held_on, bodies.get(cid, {}), done)
    return out
