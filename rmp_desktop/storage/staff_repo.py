"""Reading and writing staff members."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import cast

from sqlalchemy import Table, func, insert, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from rmp_desktop.domain.staff import StaffMember, fold, validate
from rmp_desktop.domain.staff_import import ImportRow
from rmp_desktop.domain.staff_import_plan import (
    UPDATABLE,
    ImportPlan,
    KnownPerson,
    Update,
    plan_import,
)
from rmp_desktop.storage import audit
from rmp_desktop.storage.dialect import POSTGRESQL, name_of, search_statement
from rmp_desktop.storage.errors import ImportConflicts, PeopleChanged, ValidationFailed
from rmp_desktop.storage.models import Staff


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def search_text_for(member: StaffMember) -> str:
    return fold(" ".join(filter(None, (member.full_name, member.preferred_name, member.job_title))))


def to_member(row: Staff) -> StaffMember:
    return StaffMember(
        id=row.id, full_name=row.full_name, preferred_name=row.preferred_name,
        job_title=row.job_title, band=row.band, functional_area=row.functional_area,
        line_manager_id=row.line_manager_id, start_date=row.start_date, email=row.email,
        assignment_number=row.assignment_number or "", archived=row.archived, uid=row.uid,
        directorate=row.directorate or "")


def _apply(row: Staff, member: StaffMember) -> None:
    row.full_name = member.full_name.strip()
    row.preferred_name = member.preferred_name.strip()
    row.job_title = member.job_title.strip()
    row.band = member.band
    row.functional_area = member.functional_area
    row.line_manager_id = member.line_manager_id
    row.start_date = member.start_date
    row.email = member.email.strip()
    row.assignment_number = member.assignment_number.strip() or None
    row.archived = member.archived
    row.directorate = " ".join(member.directorate.split())
    row.search_text = search_text_for(member)
    row.updated_at = _now()


@dataclass(frozen=True)
class ImportOutcome:
    added: int
    updated: int
    unchanged: int
    left_out: int = 0  # conflicting rows, left as they are


_KNOWN_COLUMNS = (Staff.id, Staff.full_name, Staff.preferred_name, Staff.job_title, Staff.band,
                  Staff.functional_area, Staff.email, Staff.assignment_number, Staff.start_date,
                  Staff.archived, Staff.directorate)
_STAFF_TABLE = cast(Table, Staff.__table__)  # a declared model's table, for Core's executemany


def _known_people(session: Session) -> list[KnownPerson]:
    # One plain query, no ORM objects: a staff list of 100,000 is matched in memory.
    return [KnownPerson(staff_id, name, preferred or "", title or "", band, area, email or "",
                        number or "", start, bool(archived), directorate or "")
            for staff_id, name, preferred, title, band, area, email, number, start, archived,
            directorate in session.execute(select(*_KNOWN_COLUMNS))]


def _new_row(member: StaffMember, now: datetime) -> dict[str, object]:
    return {"uid": uuid.uuid4().hex, "full_name": member.full_name,
            "preferred_name": member.preferred_name, "job_title": member.job_title,
            "band": member.band, "functional_area": member.functional_area,
            "line_manager_id": None, "start_date": member.start_date, "email": member.email,
            "assignment_number": member.assignment_number or None, "archived": False,
            "directorate": member.directorate,
            "search_text": search_text_for(member), "created_at": now, "updated_at": now}


def _updated_row(planned: Update, now: datetime) -> dict[str, object]:
    person = planned.person
    values = {name: getattr(person, name) for name in UPDATABLE}
    values.update({change.field: change.new for change in planned.changes})
    values["assignment_number"] = values["assignment_number"] or None
    values["search_text"] = fold(" ".join(filter(None, (
        person.full_name, values["preferred_name"], values["job_title"]))))
    return {"id": person.id, "updated_at": now, **values}


class StaffRepository:
    def __init__(self, sessions: sessionmaker[Session]):
        self._sessions = sessions

    def add(self, member: StaffMember, *, uid: str | None = None) -> StaffMember:
        """A new person with a new uid, or with `uid` when another store already gave one
        (`member.uid` is ignored: a copy of someone is a new person)."""
        with self._sessions.begin() as session:
            row = self._insert(session, member, uid=uid)
            audit.append(session, "created", staff_id=row.id, what="person")
            return to_member(row)

    def update(self, member: StaffMember) -> StaffMember:
        if member.id is None:
            raise ValueError("update needs a saved person")
        with self._sessions.begin() as session:
            self._check(session, member)
            row = session.get(Staff, member.id)
            if row is None:
                raise LookupError(f"no person with id {member.id}")
            was_archived = row.archived
            _apply(row, member)
            if member.archived and not was_archived:
                audit.append(session, "archived", staff_id=row.id, what="person")
            return to_member(row)

    def set_archived(self, staff_id: int, archived: bool) -> StaffMember:
        member = self.get(staff_id)
        return self.update(member.with_changes(archived=archived))

    def get(self, staff_id: int) -> StaffMember:
        with self._sessions() as session:
            row = session.get(Staff, staff_id)
            if row is None:
                raise LookupError(f"no person with id {staff_id}")
            return to_member(row)

    def all(self, *, include_archived: bool = True) -> list[StaffMember]:
        with self._sessions() as session:
            query = select(Staff).order_by(Staff.full_name)
            if not include_archived:
                query = query.where(Staff.archived.is_(False))
            return [to_member(r) for r in session.execute(query).scalars()]

    def count(self, *, include_archived: bool = False) -> int:
        with self._sessions() as session:
            query = select(func.count()).select_from(Staff)
            if not include_archived:
                query = query.where(Staff.archived.is_(False))
            return session.execute(query).scalar_one()

    def search_ids(self, query: str, limit: int | None = None) -> list[int]:
        """Ids whose name or title has words starting with every word of `query`, accents ignored."""
        words = re.findall(r"\w+", fold(query))
        if not words:
            return []
        with self._sessions() as session:
            sql, params = search_statement(name_of(session), words, limit)
            return [r[0] for r in session.execute(text(sql), params)]

    def find(self, query: str) -> list[StaffMember]:
        ids = self.search_ids(query)
        if not ids:
            return []
        with self._sessions() as session:
            rows = session.execute(select(Staff).where(Staff.id.in_(ids))).scalars()
            by_id = {r.id: to_member(r) for r in rows}
        return [by_id[i] for i in ids if i in by_id]

    # -- importing a staff list ----------------------------------------------------------------

    def preview_import(self, rows: Sequence[ImportRow]) -> ImportPlan:
        """What importing `rows` would change, read in one query; nothing is written."""
        with self._sessions() as session:
            return plan_import(rows, _known_people(session))

    def import_rows(self, rows: Sequence[ImportRow], *, expected: ImportPlan | None = None,
                    leave_out_conflicts: bool = False) -> ImportOutcome:
        """Apply the plan for `rows` in one transaction: every change, or none.

        The plan is made again inside the transaction. With `expected` (the preview the
        user accepted), a different plan means the store changed meanwhile: PeopleChanged,
        nothing written. Conflicting rows raise ImportConflicts unless `leave_out_conflicts`,
        which leaves them as they are and applies the rest."""
        with self._sessions.begin() as session:
            plan = plan_import(rows, _known_people(session))
            if expected is not None and plan.key() != expected.key():
                raise PeopleChanged("The people in the application changed since the preview "
                                   "was made. Nothing was imported; look at the new preview "
                                   "and import again.")
            if plan.conflicts and not leave_out_conflicts:
                raise ImportConflicts(plan)
            now = _now()
            if plan.additions:
                # Core, not the ORM's bulk path: plain executemany, a fifth of the cost per row.
                session.execute(insert(_STAFF_TABLE),
                                [_new_row(a.member, now) for a in plan.additions])
            if plan.updates:
                session.execute(update(Staff), [_updated_row(u, now) for u in plan.updates])
            audit.append(session, "imported", added=len(plan.additions),
                         updated=len(plan.updates), conflicts_left_out=len(plan.conflicts))
        return ImportOutcome(len(plan.additions), len(plan.updates), len(plan.unchanged),
                             len(plan.conflicts))

    # -- helpers -------------------------------------------------------------------------------

    @staticmethod
    def _insert(session: Session, member: StaffMember, *, uid: str | None = None) -> Staff:
        """The checks and the insert of one person, inside the caller's transaction."""
        StaffRepository._check(session, member)
        row = Staff(created_at=_now(), uid=uid or uuid.uuid4().hex)
        _apply(row, member)
        session.add(row)
        session.flush()
        if row.line_manager_id is None and name_of(session) == POSTGRESQL:
            # On an organisation's store, someone a manager adds joins their team (a trigger).
            session.refresh(row, ["line_manager_id"])
        return row

    @staticmethod
    def _check(session: Session, member: StaffMember) -> None:
        errors = validate(member)
        number = member.assignment_number.strip()
        if number and not errors:
            # Numbers are ASCII letters, digits and dashes, so lower() is the same everywhere.
            clash = session.execute(select(Staff.id).where(
                func.lower(Staff.assignment_number) == number.lower())).scalar()
            if clash is not None and clash != member.id:
                errors.add("assignment_number",
                           f"Assignment number {number} already belongs to someone else; check it.")
        if errors:
            raise ValidationFailed(errors.messages)
