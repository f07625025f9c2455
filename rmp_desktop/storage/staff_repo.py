"""Reading and writing staff members."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, sessionmaker

from rmp_desktop.domain.staff import StaffMember, fold, validate
from rmp_desktop.storage import audit
from rmp_desktop.storage.models import Staff


class ValidationFailed(ValueError):
    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def search_text_for(member: StaffMember) -> str:
    return fold(" ".join(filter(None, (member.full_name, member.preferred_name, member.job_title))))


def to_member(row: Staff) -> StaffMember:
    return StaffMember(
        id=row.id, full_name=row.full_name, preferred_name=row.preferred_name,
        job_title=row.job_title, band=row.band, functional_area=row.functional_area,
        line_manager_id=row.line_manager_id, start_date=row.start_date, email=row.email,
        assignment_number=row.assignment_number or "", archived=row.archived, uid=row.uid)


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
    row.search_text = search_text_for(member)
    row.updated_at = _now()


@dataclass(frozen=True)
class ImportOutcome:
    added: int
    updated: int
    unchanged: int


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
        match = " ".join(f'"{w}"*' for w in words)
        sql = "SELECT rowid FROM staff_fts WHERE staff_fts MATCH :m ORDER BY rank"
        if limit:
            sql += f" LIMIT {int(limit)}"
        with self._sessions() as session:
            return [r[0] for r in session.execute(text(sql), {"m": match})]

    def find(self, query: str) -> list[StaffMember]:
        ids = self.search_ids(query)
        if not ids:
            return []
        with self._sessions() as session:
            rows = session.execute(select(Staff).where(Staff.id.in_(ids))).scalars()
            by_id = {r.id: to_member(r) for r in rows}
        return [by_id[i] for i in ids if i in by_id]

    def import_all(self, members: Sequence[StaffMember]) -> ImportOutcome:
        """Add or update every member in one transaction: all of them, or none on any error."""
        added = updated = unchanged = 0
        with self._sessions.begin() as session:
            for member in members:
                existing = self._match(session, member)
                if existing is None:
                    self._insert(session, member)
                    added += 1
                    continue
                before = to_member(existing)
                merged = member.with_changes(id=existing.id, uid=existing.uid,
                                             archived=existing.archived,
                                             line_manager_id=existing.line_manager_id,
                                             preferred_name=member.preferred_name or existing.preferred_name)
                if merged == before:
                    unchanged += 1
                else:
                    _apply(existing, merged)
                    updated += 1
            audit.append(session, "imported", added=added, updated=updated)
        return ImportOutcome(added, updated, unchanged)

    def existing_assignment_numbers(self, numbers: Iterable[str]) -> set[str]:
        wanted = [n for n in numbers if n]
        if not wanted:
            return set()
        with self._sessions() as session:
            rows = session.execute(select(Staff.assignment_number)
                                   .where(Staff.assignment_number.in_(wanted)))
            return {r[0] for r in rows}

    # -- helpers -------------------------------------------------------------------------------

    def _insert(self, session: Session, member: StaffMember, *, uid: str | None = None) -> Staff:
        self._check(session, member)
        row = Staff(created_at=_now(), uid=uid or uuid.uuid4().hex)
        _apply(row, member)
        session.add(row)
        session.flush()
        return row

    @staticmethod
    def _check(session: Session, member: StaffMember) -> None:
        errors = validate(member)
        number = member.assignment_number.strip()
        if number and not errors:
            clash = session.execute(select(Staff.id).where(Staff.assignment_number == number)).scalar()
            if clash is not None and clash != member.id:
                errors.add("assignment_number",
                           f"Assignment number {number} already belongs to someone else; check it.")
        if errors:
            raise ValidationFailed(errors.messages)

    @staticmethod
    def _match(session: Session, member: StaffMember) -> Staff | None:
        # The assignment number identifies a person; without one, name and email do.
        number = member.assignment_number.strip()
        if number:
            return session.execute(select(Staff).where(Staff.assignment_number == number)).scalar()
        query = select(Staff).where(Staff.assignment_number.is_(None),
                                    Staff.search_text.like(fold(member.full_name) + "%"),
                                    Staff.email == member.email.strip())
        for row in session.execute(query).scalars():
            if fold(row.full_name) == fold(member.full_name):
                return row
        return None
