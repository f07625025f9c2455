"""What this laptop has published of each record, and when, as the history and `records` show it.

Read from `publications` (written by storage/publish.py once the organisation's store has
answered). A record is "published" when the store took it as it is now (same fingerprint
and status); a record whose status moved since (signed by the second person, or amended)
waits to go again; a refused one keeps the store's reason in words. Drafts never go.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Engine

from rmp_desktop.domain.dates import display_date

PUBLISHED, REFUSED, WAITING, STAYS = "published", "refused", "waiting", "stays"


@dataclass(frozen=True)
class PublicationState:
    state: str  # PUBLISHED, REFUSED, WAITING (fixed, not there as it is now) or STAYS (draft)
    at: datetime | None = None  # when the organisation's store took it (its time, UTC)
    note: str = ""  # the store's reason, for a refused record

    def inline(self) -> str:
        """A few words beside a record's status (never colour alone); "" for a draft."""
        if self.state == PUBLISHED and self.at is not None:
            return f"published {display_date(self.at.date())}"
        if self.state == REFUSED:
            return "⚠ refused by the organisation's store"
        if self.state == WAITING:
            return "not yet published"
        return ""

    def words(self) -> str:
        """A sentence: a tooltip, or what a screen reader says."""
        if self.state == PUBLISHED and self.at is not None:
            return (f"Published to the organisation's store on {display_date(self.at.date())} "
                    f"at {self.at:%H:%M} UTC.")
        if self.state == REFUSED:
            return f"Not published: {self.note}"
        if self.state == WAITING:
            return "Not published yet as it is now; it goes with the next publish."
        return "A draft stays on this laptop; it is published once it is signed."


def states_for(engine: Engine, conversation_ids: Iterable[int]) -> dict[int, PublicationState]:
    """The publication state of each of these conversations."""
    ids = sorted(set(conversation_ids))
    if not ids:
        return {}
    out: dict[int, PublicationState] = {}
    query = text("SELECT c.id, c.status, c.fingerprint, p.status, p.fingerprint, p.outcome, "
                 "p.note, p.at FROM conversations c LEFT JOIN publications p "
                 "ON p.conversation_id = c.id WHERE c.id IN :ids").bindparams(
        bindparam("ids", expanding=True))
    with engine.connect() as conn:
        for cid, status, fingerprint, sent_status, sent_fp, outcome, note, at in conn.execute(
                query, {"ids": ids}):
            out[cid] = _state(status, fingerprint, sent_status, sent_fp, outcome, note, at)
    return out


def _state(status: str, fingerprint: str | None, sent_status: str | None,
           sent_fingerprint: str | None, outcome: str | None, note: str | None,
           at: object) -> PublicationState:
    if status == "draft":
        return PublicationState(STAYS)
    when = at if isinstance(at, datetime) else (datetime.fromisoformat(str(at)) if at else None)
    if outcome is None or sent_status != status or sent_fingerprint != fingerprint:
        return PublicationState(WAITING)
    if outcome == REFUSED:
        return PublicationState(REFUSED, when, note or "")
    return PublicationState(PUBLISHED, when)


def anything_published(engine: Engine) -> bool:
    """Whether this store has ever published (so the history shows a column for it)."""
    with engine.connect() as conn:
        return conn.execute(text("SELECT 1 FROM publications LIMIT 1")).first() is not None
