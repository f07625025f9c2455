"""The staff member's own space in a store: who I am, my preparation, my plan's progress.

Any store can hold it beside a team (a manager who also has a manager). "I" am an ordinary
person in `staff` (so copies of my signed records belong to me like any record), marked by
the single `my_development` row, which also keeps my manager's name and the packs my
preparation is made with. The preparation is saved as it is typed, one small row per part,
exactly like a conversation's sections; progress notes and done dates on my plan's actions
are kept apart from the signed record, which never changes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Protocol

from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from rmp_desktop.domain.conversation import Status
from rmp_desktop.domain.packs import PackSet
from rmp_desktop.domain.preparation import (
    PARTS,
    Preparation,
    empty_content,
    make_preparation,
)
from rmp_desktop.domain.staff import StaffMember
from rmp_desktop.storage import audit
from rmp_desktop.storage.conversation_repo import ConversationMeta, dumps, snapshot_packs, to_meta
from rmp_desktop.storage.models import (
    Conversation,
    ConversationSection,
    MyDevelopment,
    PlanProgress,
    Staff,
    StaffAlias,
)
from rmp_desktop.storage.staff_repo import StaffRepository, to_member


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


class NotSetUp(LookupError):
    """This store does not know yet who "I" am; the message says how to set it up."""

    def __init__(self) -> None:
        super().__init__("Say who you are first: your name, job title, band and functional "
                         "area (`rmp-desktop my-details`, or My development in the window).")


@dataclass(frozen=True)
class MyDetails:
    member: StaffMember  # me, as a person of this store (uid included)
    manager_name: str
    pack_refs: list[dict[str, Any]]

    def identity(self) -> dict[str, str]:
        """My details as a preparation carries them."""
        m = self.member
        return {"uid": m.uid, "full_name": m.full_name, "preferred_name": m.preferred_name,
                "job_title": m.job_title, "band": m.band, "functional_area": m.functional_area,
                "manager_name": self.manager_name, "assignment_number": m.assignment_number,
                "email": m.email}


@dataclass(frozen=True)
class PlanAction:
    """One action of one of my signed plans, with my progress on it."""

    record_uid: str
    conversation_id: int
    action_id: str
    text: str
    target_date: str
    note: str
    done_on: date | None


class _HasSessions(Protocol):
    @property
    def sessions(self) -> sessionmaker[Session]: ...


class MyDevelopmentRepository:
    def __init__(self, sessions: sessionmaker[Session]):
        self._sessions = sessions
        self._engine = sessions.kw["bind"]

    @classmethod
    def of(cls, store: _HasSessions) -> MyDevelopmentRepository:
        return cls(store.sessions)

    # -- who I am ------------------------------------------------------------------------------

    def me(self) -> MyDetails | None:
        with self._sessions() as session:
            row = session.get(MyDevelopment, 1)
            if row is None:
                return None
            person = session.get(Staff, row.staff_id)
            if person is None:  # the foreign key forbids it; a hand-edited store might not
                return None
            return MyDetails(to_member(person), row.manager_name,
                             json.loads(row.pack_refs or "[]"))

    def require_me(self) -> MyDetails:
        details = self.me()
        if details is None:
            raise NotSetUp()
        return details

    def set_me(self, member: StaffMember, manager_name: str = "", *, packs: PackSet | None = None,
               uid: str | None = None) -> MyDetails:
        """Say who I am: a new person (with `uid` if another store gave one first) or changes
        to my details. `packs`, when given, become the packs my preparation is made with."""
        staff = StaffRepository(self._sessions)
        current = self.me()
        if current is None:
            saved = staff.add(member, uid=uid)
        else:
            saved = staff.update(member.with_changes(id=current.member.id,
                                                     line_manager_id=current.member.line_manager_id,
                                                     archived=False))
        with self._sessions.begin() as session:
            row = session.get(MyDevelopment, 1)
            if row is None:
                row = MyDevelopment(id=1, staff_id=saved.id, created_at=_now(),
                                    updated_at=_now(), pack_refs="[]")
                session.add(row)
            row.manager_name = " ".join(manager_name.split())
            if packs is not None:
                row.pack_refs = dumps(snapshot_packs(session, packs))
            elif not row.pack_refs:
                row.pack_refs = "[]"
            row.updated_at = _now()
        return self.require_me()

    def use_packs(self, packs: PackSet) -> None:
        """The framework packs my preparation is made with (kept, like a conversation's)."""
        with self._sessions.begin() as session:
            row = session.get(MyDevelopment, 1)
            if row is None:
                raise NotSetUp()
            row.pack_refs = dumps(snapshot_packs(session, packs))
            row.updated_at = _now()

    def add_alias(self, uid: str, source: str) -> None:
        """Another store's uid for me (from a record copy), so its next file finds me."""
        me = self.require_me()
        with self._sessions.begin() as session:
            if uid != me.member.uid and session.get(StaffAlias, uid) is None:
                session.add(StaffAlias(uid=uid, staff_id=me.member.id, source=source,
                                       added_at=_now()))

    # -- my preparation ------------------------------------------------------------------------

    def preparation(self) -> dict[str, Any]:
        """My preparation as saved, every part complete; until I first touch looking back,
        it lists my last signed plan's objectives for me to give my view of."""
        content = empty_content()
        with self._engine.connect() as conn:
            for part, body in conn.execute(text("SELECT part, body FROM preparation_parts")):
                if part in content:
                    content[part] = json.loads(body)
            saved = {r[0] for r in conn.execute(text("SELECT part FROM preparation_parts"))}
        if "looking_back" not in saved:
            content["looking_back"]["objectives"] = [
                {"id": o["id"], "text": o["text"], "outcome": "", "evidence": ""}
                for o in self.last_objectives()]
        return content

    def save_part(self, part: str, body: object) -> None:
        """One part as typed: one small row (the hottest write on this side)."""
        if part not in PARTS:
            raise ValueError(f"unknown preparation part {part!r}")
        with self._engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO preparation_parts(part, body, updated_at) VALUES (:p, :b, :at) "
                "ON CONFLICT(part) DO UPDATE SET body = excluded.body, "
                "updated_at = excluded.updated_at"), {"p": part, "b": dumps(body), "at": _now()})

    def start_afresh(self) -> None:
        """An empty preparation for the next conversation (after the last one was held)."""
        with self._engine.begin() as conn:
            conn.execute(text("DELETE FROM preparation_parts"))

    def make_preparation(self, made_at: str | None = None, made_by: str = "") -> tuple[
            Preparation, int]:
        """The preparation as it would be sent, and how many private notes stay behind.

        My progress on the last plan's actions travels with it, from the progress I keep."""
        me = self.require_me()
        content = self.preparation()
        content["progress"] = [
            {"record": a.record_uid, "action": a.action_id, "text": a.text, "note": a.note,
             "done_on": a.done_on.isoformat() if a.done_on else ""}
            for a in self.plan_actions() if a.note.strip() or a.done_on]
        private = sum(1 for n in content["wellbeing"]["notes"]
                      if n.get("share") is not True and str(n.get("text", "")).strip())
        at = made_at or _now().strftime("%Y-%m-%dT%H:%M:%SZ")
        from rmp_desktop.storage.equality_repo import read

        with self._sessions() as session:
            mine = read(session, me.member.uid)
        # My equality monitoring answers go only when I chose to send them.
        equality = mine[0].to_dict() if mine is not None and mine[1] else None
        return make_preparation(me.identity(), me.pack_refs, content, at, made_by,
                                equality), private

    def log_sent(self, prep: Preparation) -> None:
        with self._sessions.begin() as session:
            audit.append(session, "prep_exported", staff_id=self.require_me().member.id,
                         sha256=prep.sha256)

    # -- my records and my plan ----------------------------------------------------------------

    def records(self) -> list[ConversationMeta]:
        """Every record of mine in this store (copies and any held here), newest first."""
        me = self.me()
        if me is None:
            return []
        with self._sessions() as session:
            rows = session.execute(select(Conversation).where(
                Conversation.person_id == me.member.id).order_by(
                Conversation.held_on.desc(), Conversation.id.desc())).scalars()
            return [to_meta(r) for r in rows]

    def newest_signed(self) -> ConversationMeta | None:
        return next((m for m in self.records() if m.status is Status.SIGNED), None)

    def last_objectives(self) -> list[dict[str, Any]]:
        """The objectives of my newest signed plan, for my own view of last period."""
        newest = self.newest_signed()
        if newest is None:
            return []
        plan = self._section(newest.id, "plan")
        return [{"id": str(o.get("id", "")), "text": o.get("text", "")}
                for o in plan.get("objectives", []) if o.get("id") and o.get("text")]

    def plan_actions(self) -> list[PlanAction]:
        """The actions of my newest signed plan, each with my progress on it."""
        newest = self.newest_signed()
        if newest is None:
            return []
        plan = self._section(newest.id, "plan")
        progress = self.progress(newest.id)
        out = []
        for action in plan.get("actions", []):
            action_id = str(action.get("id", ""))
            if not action_id or not action.get("text"):
                continue
            note, done = progress.get(action_id, ("", None))
            out.append(PlanAction(newest.uid, newest.id, action_id, action.get("text", ""),
                                  action.get("target_date", ""), note, done))
        return out

    def progress(self, conversation_id: int) -> dict[str, tuple[str, date | None]]:
        with self._sessions() as session:
            rows = session.execute(select(PlanProgress).where(
                PlanProgress.conversation_id == conversation_id)).scalars()
            return {r.action_id: (r.note, r.done_on) for r in rows}

    def set_progress(self, conversation_id: int, action_id: str, *, note: str | None = None,
                     done_on: date | None | bool = False) -> None:
        """My note and/or done date on one action (done_on=None clears it; False leaves it)."""
        with self._sessions.begin() as session:
            record = session.get(Conversation, conversation_id)
            if record is None or record.status not in (Status.SIGNED.value,
                                                       Status.SUPERSEDED.value):
                raise LookupError("Progress is kept on the actions of a signed record only.")
            plan = session.get(ConversationSection, (conversation_id, "plan"))
            ids = {str(a.get("id")) for a in json.loads(plan.body).get("actions", [])} if plan else set()
            if action_id not in ids:
                raise LookupError("That record's plan has no such action.")
            row = session.get(PlanProgress, (conversation_id, action_id))
            if row is None:
                row = PlanProgress(conversation_id=conversation_id, action_id=action_id, note="")
                session.add(row)
            if note is not None:
                row.note = note
            if not isinstance(done_on, bool):  # False (the default) leaves the date as it is
                row.done_on = done_on
            row.updated_at = _now()

    def _section(self, conversation_id: int, section: str) -> dict[str, Any]:
        with self._sessions() as session:
            row = session.get(ConversationSection, (conversation_id, section))
            return json.loads(row.body) if row else {}
