"""Mid-year reviews: dated check-ins on a signed plan, stored apart from the record.

Saving one never touches the record (its rows are locked anyway); it writes the review, an
audit entry on the plan's uid naming the review, and the person's due summary (an action
marked done is no longer due), in one transaction.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from rmp_desktop.domain.conversation import Status
from rmp_desktop.domain.midyear import PROGRESS, empty_review, review_problems
from rmp_desktop.storage import audit, due_summary
from rmp_desktop.storage.conversation_repo import dumps
from rmp_desktop.storage.models import Conversation, ConversationSection, MidyearReview


class _HasSessions(Protocol):
    """A store, as far as this repository needs one."""

    @property
    def sessions(self) -> sessionmaker[Session]: ...


class MidyearRefused(ValueError):
    """The review cannot be saved; the message says why and what to do."""


@dataclass(frozen=True)
class MidyearEntry:
    id: int
    uid: str
    conversation_id: int
    person_id: int
    held_on: date
    body: dict[str, Any]
    updated_at: datetime


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def _entry(row: MidyearReview) -> MidyearEntry:
    return MidyearEntry(row.id, row.uid, row.conversation_id, row.staff_id, row.held_on,
                        json.loads(row.body), row.updated_at)


class MidyearRepository:
    def __init__(self, sessions: sessionmaker[Session]):
        self._sessions = sessions

    @classmethod
    def of(cls, store: _HasSessions) -> MidyearRepository:
        return cls(store.sessions)

    def plan(self, conversation_id: int) -> dict[str, Any]:
        """The plan section of a signed record, as signed."""
        with self._sessions() as session:
            row = session.get(ConversationSection, (conversation_id, "plan"))
            return json.loads(row.body) if row is not None else {}

    def new_body(self, conversation_id: int) -> dict[str, Any]:
        return empty_review(self.plan(conversation_id))

    def for_plan(self, conversation_id: int) -> list[MidyearEntry]:
        """Reviews of one plan, newest first."""
        with self._sessions() as session:
            rows = session.execute(select(MidyearReview).where(
                MidyearReview.conversation_id == conversation_id).order_by(
                MidyearReview.held_on.desc(), MidyearReview.id.desc())).scalars()
            return [_entry(r) for r in rows]

    def get(self, review_id: int) -> MidyearEntry:
        with self._sessions() as session:
            row = session.get(MidyearReview, review_id)
            if row is None:
                raise LookupError(f"no mid-year review with id {review_id}")
            return _entry(row)

    def save(self, conversation_id: int, held_on: date | None, body: dict[str, Any], *,
             review_id: int | None = None) -> MidyearEntry:
        """Keep a review of a signed plan (a new one, or `review_id` again with changes)."""
        with self._sessions.begin() as session:
            plan_row = session.get(Conversation, conversation_id)
            if plan_row is None:
                raise LookupError(f"no conversation with id {conversation_id}")
            if plan_row.status != Status.SIGNED.value:
                raise MidyearRefused("Only a plan signed by both, and not replaced by an "
                                     "amendment, can have a mid-year review.")
            problems = review_problems(body, held_on, plan_row.held_on)
            if problems:
                raise MidyearRefused(" ".join(problems))
            assert held_on is not None
            clean = _clean(body, self._plan_in(session, conversation_id))
            row: MidyearReview | None
            if review_id is None:
                row = MidyearReview(uid=uuid.uuid4().hex, conversation_id=conversation_id,
                                    staff_id=plan_row.person_id, held_on=held_on,
                                    body=dumps(clean), created_at=_now(), updated_at=_now())
                session.add(row)
            else:
                row = session.get(MidyearReview, review_id)
                if row is None or row.conversation_id != conversation_id:
                    raise LookupError(f"no mid-year review {review_id} of this plan")
                row.held_on, row.body, row.updated_at = held_on, dumps(clean), _now()
            session.flush()
            due_summary.refresh(session.connection(), [plan_row.person_id])
            audit.append(session, "midyear_saved", conversation_uid=plan_row.uid,
                         staff_id=plan_row.person_id, review=row.uid)
            return _entry(row)

    @staticmethod
    def _plan_in(session: Session, conversation_id: int) -> dict[str, Any]:
        row = session.get(ConversationSection, (conversation_id, "plan"))
        return json.loads(row.body) if row is not None else {}


def _clean(body: dict[str, Any], plan: dict[str, Any]) -> dict[str, Any]:
    """Only the plan's own actions and objectives, each with a known progress and a note."""
    shape = empty_review(plan)
    for group in ("actions", "objectives"):
        given = body.get(group) or {}
        for item_id in shape[group]:
            entry = given.get(item_id) or {}
            progress = entry.get("progress", "")
            shape[group][item_id] = {"progress": progress if progress in PROGRESS else "",
                                     "note": str(entry.get("note", ""))}
    shape["notes"] = str(body.get("notes", ""))
    return shape
