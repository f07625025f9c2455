"""Bringing a checked preparation into the person's conversation, in one transaction.

    outcome = import_preparation(store, prep, file_sha256, packs)

finds the person (storage.person_match: never a guess; a question comes back as
NEEDS_CHOICE with the candidates), then merges into their open draft, or a new draft made
with `packs`, and records the import (what the preparation held, and the merge result with
its conflicts) and an audit entry with the file's hash, all or nothing. A preparation
already brought in for that person (same content hash) changes nothing. Conflicts wait in
the store until the user chooses (`pending_conflicts`, `resolve_conflict`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from rmp_desktop.domain.conversation import STEP_IDS, Status, merged
from rmp_desktop.domain.dates import display_date
from rmp_desktop.domain.packs import PackSet
from rmp_desktop.domain.prep_merge import DRAFT, PREPARATION, MergeResult, choose, merge
from rmp_desktop.domain.preparation import Preparation
from rmp_desktop.domain.staff import StaffMember
from rmp_desktop.domain.wording import counted
from rmp_desktop.storage import audit
from rmp_desktop.storage.conversation_repo import create_in_session, dumps
from rmp_desktop.storage.errors import RecordLocked
from rmp_desktop.storage.models import (
    Conversation,
    ConversationSection,
    MyDevelopment,
    PackSnapshot,
    PreparationImport,
    Staff,
)
from rmp_desktop.storage.packs_for_record import packs_for_refs
from rmp_desktop.storage.person_match import (
    CHOOSE,
    FOUND,
    WrongPerson,
    check_choice,
    find_person,
    remember_uid,
)
from rmp_desktop.storage.staff_repo import to_member

IMPORTED, REPEAT, NEEDS_CHOICE, NOT_FOUND = "imported", "repeat", "needs_choice", "not_found"
__all__ = ["DRAFT", "PREPARATION", "ImportOutcome", "WrongPerson", "import_preparation",
           "pending_conflicts", "resolve_conflict"]


class _HasSessions(Protocol):
    @property
    def sessions(self) -> sessionmaker[Session]: ...


@dataclass(frozen=True)
class ImportOutcome:
    status: str  # IMPORTED, REPEAT, NEEDS_CHOICE or NOT_FOUND
    message: str  # plain words for the user
    person: StaffMember | None = None
    matched_by: str = ""
    candidates: list[StaffMember] = field(default_factory=list)
    conversation_id: int | None = None
    new_draft: bool = False
    result: MergeResult | None = None


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def import_preparation(store: _HasSessions, prep: Preparation, file_sha256: str, packs: PackSet, *,
                       person_id: int | None = None, new_person: bool = False,
                       today: date | None = None, preview: bool = False) -> ImportOutcome:
    """Bring `prep` in. `person_id` is the user's answer to a question; `new_person` adds
    someone the store does not know yet from the file's details.

    With `preview`, everything is worked out exactly as for real and then rolled back: the
    outcome says what would come in (its conversation id is None for a draft not yet made),
    and the store is left as it was."""
    session = store.sessions()
    try:
        outcome = _bring_in(session, prep, file_sha256, packs, person_id, new_person,
                            today or date.today())
        if preview:
            session.rollback()
            if outcome.new_draft:
                outcome = replace(outcome, conversation_id=None)
        else:
            session.commit()
        return outcome
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def _bring_in(session: Session, prep: Preparation, file_sha256: str, packs: PackSet,
              person_id: int | None, new_person: bool, today: date) -> ImportOutcome:
    found = _person(session, prep, person_id, new_person)
    if isinstance(found, ImportOutcome):
        return found  # a question or "nobody", nothing written
    person, how = found
    earlier = session.execute(select(PreparationImport).where(
        PreparationImport.staff_id == person.id,
        PreparationImport.content_sha256 == prep.sha256).limit(1)).scalar()
    if earlier is not None:
        when = display_date(earlier.imported_at)
        return ImportOutcome(REPEAT, f"This preparation was already brought in on {when}; "
                                     "nothing has changed.", to_member(person), how,
                             conversation_id=earlier.conversation_id)
    remember_uid(session, person.id, prep.person["uid"], "preparation")
    row, new_draft = _open_draft(session, person, prep, packs, today)
    sections = {s.section: s for s in session.execute(select(ConversationSection).where(
        ConversationSection.conversation_id == row.id)).scalars()}
    document = merged({k: json.loads(v.body) for k, v in sections.items()})
    base = _latest_content(session, row.id)
    conversation_packs = packs_for_refs(json.loads(row.pack_refs or "[]"),
                                        lambda fp: _snapshot(session, fp)).packs
    result = merge(document, prep.content, conversation_packs, base=base)
    at = _now()
    for section in STEP_IDS:
        body = dumps(result.document[section])
        existing = sections.get(section)
        if existing is None:
            session.add(ConversationSection(conversation_id=row.id, section=section,
                                            body=body, updated_at=at))
        elif existing.body != body:
            existing.body = body
            existing.updated_at = at
    row.updated_at = at
    session.add(PreparationImport(
        conversation_id=row.id, staff_id=person.id, source=prep.source,
        file_sha256=file_sha256, content_sha256=prep.sha256, made_at=prep.made_at,
        imported_at=at, content=dumps(prep.stored_dict()),
        result=dumps(result.to_dict())))
    answers_kept = None
    if prep.equality is not None:  # their own table only, never beside the conversation
        from rmp_desktop.storage.equality_repo import record_from_preparation

        answers_kept = record_from_preparation(session, person.uid, prep.equality)
    audit.append(session, "prep_imported", conversation_uid=row.uid, staff_id=person.id,
                 sha256=file_sha256, content_sha256=prep.sha256, source=prep.source,
                 filled=len(result.filled), conflicts=len(result.conflicts),
                 gone=len(result.gone), new_draft=new_draft)
    message = _summary(result, new_draft)
    if answers_kept is True:
        message += (" The equality monitoring answers it carried are kept apart, to be "
                    "counted in reports only.")
    elif answers_kept is False:
        message += (" The equality monitoring answers it carried were not kept: answers "
                    "someone else entered for this person are on record.")
    return ImportOutcome(IMPORTED, message, to_member(person), how,
                         conversation_id=row.id, new_draft=new_draft, result=result)


def _person(session: Session, prep: Preparation, person_id: int | None,
            new_person: bool) -> tuple[Staff, str] | ImportOutcome:
    """The person the preparation is for and how they were found, or the question to ask."""
    identity = prep.person
    if person_id is not None:
        chosen = session.get(Staff, person_id)
        if chosen is None:
            raise LookupError(f"no person with id {person_id}")
        check_choice(session, identity, chosen)
        return chosen, "your choice"
    match = find_person(session, identity)
    if match.status == FOUND and match.person is not None:
        row = session.get(Staff, match.person.id)
        if row is not None:
            return row, match.how
    if new_person and match.status != FOUND:
        return _add_person(session, identity), "added"
    if match.status == CHOOSE:
        names = ", ".join(_describe(c) for c in match.candidates)
        return ImportOutcome(
            NEEDS_CHOICE, f"More than one person could be {identity['full_name']}, or only "
                          f"the {match.how} matches, so say who it is: {names}.",
            candidates=match.candidates, matched_by=match.how)
    return ImportOutcome(
        NOT_FOUND, f"No one in this store matches {identity['full_name']} (by identifier, "
                   "assignment number, email or name). Add them to the team first, or bring "
                   "the preparation in as a new person.")


def _add_person(session: Session, identity: dict[str, str]) -> Staff:
    from rmp_desktop.storage.staff_repo import StaffRepository

    member = StaffMember(full_name=identity["full_name"], preferred_name=identity["preferred_name"],
                         job_title=identity["job_title"], band=identity["band"],
                         functional_area=identity["functional_area"], email=identity["email"],
                         assignment_number=identity["assignment_number"])
    # The repository's own checks and insert, inside this transaction.
    row = StaffRepository._insert(session, member, uid=identity["uid"])
    audit.append(session, "created", staff_id=row.id, what="person", source="preparation")
    return row


def _open_draft(session: Session, person: Staff, prep: Preparation, packs: PackSet,
                today: date) -> tuple[Conversation, bool]:
    """The person's newest open draft (not an amendment), or a new one."""
    row = session.execute(select(Conversation).where(
        Conversation.person_id == person.id, Conversation.status == Status.DRAFT.value,
        Conversation.supersedes_id.is_(None)).order_by(
        Conversation.held_on.desc(), Conversation.id.desc()).limit(1)).scalar()
    if row is not None:
        return row, False
    mine = session.get(MyDevelopment, 1)
    manager = ""
    if mine is not None and mine.staff_id != person.id:
        me = session.get(Staff, mine.staff_id)
        manager = me.full_name if me is not None else ""
    manager = manager or prep.person["manager_name"]
    return create_in_session(session, person.id, "both", today, manager_name=manager,
                             packs=packs), True


def _latest_content(session: Session, conversation_id: int) -> dict[str, Any] | None:
    body = session.execute(select(PreparationImport.content).where(
        PreparationImport.conversation_id == conversation_id).order_by(
        PreparationImport.id.desc()).limit(1)).scalar()
    return json.loads(body)["content"] if body else None


def _snapshot(session: Session, fingerprint: str) -> dict[str, Any] | None:
    row = session.get(PackSnapshot, fingerprint)
    return json.loads(row.body) if row else None


def _describe(member: StaffMember) -> str:
    extra = member.assignment_number or member.email or member.job_title
    return f"{member.full_name} (id {member.id}{', ' + extra if extra else ''})"


def _summary(result: MergeResult, new_draft: bool) -> str:
    where = "a new draft conversation" if new_draft else "the open draft conversation"
    parts = [f"Brought the preparation into {where}: {counted(len(result.filled), 'answer')} filled in"]
    if result.unchanged:
        parts.append(f"{len(result.unchanged)} already the same")
    if result.conflicts:
        parts.append(f"{len(result.conflicts)} differ from what the draft says and wait for "
                     "you to choose")
    if result.gone:
        parts.append(f"{len(result.gone)} no longer in the framework packs (kept with the "
                     "import, not placed in the conversation)")
    return "; ".join(parts) + "."


# -- conflicts waiting for a choice ------------------------------------------------------------

def pending_conflicts(store: _HasSessions, conversation_id: int) -> list[dict[str, Any]]:
    """Conflicts of every import into this draft that the user has not settled yet."""
    with store.sessions() as session:
        rows = session.execute(select(PreparationImport.id, PreparationImport.result).where(
            PreparationImport.conversation_id == conversation_id).order_by(
            PreparationImport.id)).all()
    waiting: dict[str, dict[str, Any]] = {}
    for import_id, body in rows:
        for conflict in json.loads(body).get("conflicts", []):
            if conflict.get("resolved"):
                waiting.pop(conflict["id"], None)
            else:
                waiting[conflict["id"]] = {**conflict, "import_id": import_id}
    return list(waiting.values())


def resolve_conflict(store: _HasSessions, conversation_id: int, conflict_id: str,
                     keep: str) -> dict[str, Any]:
    """Settle one conflict: keep the draft's words (DRAFT) or the preparation's (PREPARATION).
    Returns the conversation's new document."""
    if keep not in (DRAFT, PREPARATION):
        raise ValueError(f"keep must be {DRAFT!r} or {PREPARATION!r}")
    with store.sessions.begin() as session:
        row = session.get(Conversation, conversation_id)
        if row is None:
            raise LookupError(f"no conversation with id {conversation_id}")
        if row.status != Status.DRAFT.value:
            raise RecordLocked("This record is signed and cannot be changed; start an "
                               "amendment to change it.")
        imports = session.execute(select(PreparationImport).where(
            PreparationImport.conversation_id == conversation_id).order_by(
            PreparationImport.id.desc())).scalars().all()
        for imp in imports:
            result = json.loads(imp.result)
            conflict = next((c for c in result.get("conflicts", [])
                             if c["id"] == conflict_id and not c.get("resolved")), None)
            if conflict is not None:
                break
        else:
            raise LookupError("That difference has already been settled, or was never there.")
        sections = {s.section: s for s in session.execute(select(ConversationSection).where(
            ConversationSection.conversation_id == conversation_id)).scalars()}
        document = choose(merged({k: json.loads(v.body) for k, v in sections.items()}),
                          conflict, keep)
        section = conflict["section"]
        sections[section].body = dumps(document[section])
        sections[section].updated_at = _now()
        for other in imports:  # the same place may wait in an older import too
            body = json.loads(other.result)
            for c in body.get("conflicts", []):
                if c["id"] == conflict_id and not c.get("resolved"):
                    c["resolved"] = keep
            other.result = dumps(body)
        row.updated_at = _now()
        return document
