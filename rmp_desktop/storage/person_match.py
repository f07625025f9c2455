"""Finding the person an exchange file is about, never by a guess.

In order: the stable uid (or a uid another store gave them, kept as an alias), then the
assignment number (ESR's identifier), then the email address; a match on the name alone,
or several matches, is a question for the user with the candidates, never an answer.
A file whose identifiers point at two different people is refused as the wrong person.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from rmp_desktop.domain.staff import StaffMember, fold
from rmp_desktop.storage.models import Staff, StaffAlias
from rmp_desktop.storage.staff_repo import to_member

FOUND, CHOOSE, NONE = "found", "choose", "none"


class WrongPerson(ValueError):
    """The file's identifiers name someone other than the person it would go to."""


@dataclass(frozen=True)
class PersonMatch:
    status: str  # FOUND, CHOOSE or NONE
    person: StaffMember | None = None
    how: str = ""  # "identifier", "assignment number", "email", "name", "your choice"
    candidates: list[StaffMember] = field(default_factory=list)


def find_person(session: Session, identity: dict[str, str]) -> PersonMatch:
    """The person `identity` (uid, full_name, preferred_name, assignment_number, email) is."""
    by_uid = _by_uid(session, identity.get("uid", ""))
    number = (identity.get("assignment_number") or "").strip()
    by_number = _by_number(session, number)
    if by_uid is not None:
        if by_number is not None and by_number.id != by_uid.id:
            raise WrongPerson(
                f"This file names two different people: its identifier is "
                f"{_name(by_uid)}'s, but its assignment number {number} is "
                f"{_name(by_number)}'s. Nothing was changed; check with the sender.")
        return PersonMatch(FOUND, to_member(by_uid), "identifier")
    if by_number is not None:
        return PersonMatch(FOUND, to_member(by_number), "assignment number")
    email = (identity.get("email") or "").strip().lower()
    if email:
        rows = session.execute(select(Staff).where(func.lower(Staff.email) == email)
                               .order_by(Staff.id)).scalars().all()
        if len(rows) == 1:
            return PersonMatch(FOUND, to_member(rows[0]), "email")
        if len(rows) > 1:
            return PersonMatch(CHOOSE, how="email", candidates=[to_member(r) for r in rows])
    named = _by_name(session, identity.get("full_name", ""))
    if named:
        return PersonMatch(CHOOSE, how="name", candidates=[to_member(r) for r in named])
    return PersonMatch(NONE)


def check_choice(session: Session, identity: dict[str, str], chosen: Staff) -> None:
    """Refuse a chosen person whom the file's own identifiers contradict."""
    by_uid = _by_uid(session, identity.get("uid", ""))
    if by_uid is not None and by_uid.id != chosen.id:
        raise WrongPerson(f"This file is from {_name(by_uid)}, not {_name(chosen)}. "
                          "Nothing was changed.")
    number = (identity.get("assignment_number") or "").strip()
    if number and chosen.assignment_number and chosen.assignment_number.upper() != number.upper():
        raise WrongPerson(f"This file carries assignment number {number}, but "
                          f"{_name(chosen)}'s is {chosen.assignment_number}. Nothing was "
                          "changed; check with the sender.")


def remember_uid(session: Session, staff_id: int, uid: str, source: str) -> bool:
    """Keep another store's uid for this person, so its next file matches at once."""
    if not uid:
        return False
    own = session.execute(select(Staff.id).where(Staff.uid == uid)).scalar()
    if own is not None or session.get(StaffAlias, uid) is not None:
        return False
    session.add(StaffAlias(uid=uid, staff_id=staff_id, source=source,
                           added_at=datetime.now(UTC).replace(tzinfo=None, microsecond=0)))
    session.flush()
    return True


def _by_uid(session: Session, uid: str) -> Staff | None:
    if not uid:
        return None
    row = session.execute(select(Staff).where(Staff.uid == uid)).scalar()
    if row is not None:
        return row
    alias = session.get(StaffAlias, uid)
    return session.get(Staff, alias.staff_id) if alias is not None else None


def _by_number(session: Session, number: str) -> Staff | None:
    if not number:
        return None
    return session.execute(select(Staff).where(
        func.upper(Staff.assignment_number) == number.upper()).limit(1)).scalar()


def _by_name(session: Session, full_name: str) -> list[Staff]:
    wanted = fold(" ".join(full_name.split()))
    if not wanted:
        return []
    first = wanted.split()[0]
    rows = session.execute(select(Staff).where(or_(
        Staff.search_text.like(f"{first}%"), Staff.search_text.like(f"% {first}%")))
        .order_by(Staff.id)).scalars()
    return [r for r in rows if fold(" ".join(r.full_name.split())) == wanted]


def _name(row: Staff) -> str:
    return (row.preferred_name or "").strip() or row.full_name
