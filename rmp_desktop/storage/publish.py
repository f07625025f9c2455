"""Publishing a laptop's signed records to the organisation's PostgreSQL store.

    report = publish(store, url)        # the laptop's Store, the organisation store's address

One batch (storage/publish_batch.py) is one transaction on the organisation's store: the
store's own function takes it (storage/pg_publish.py; it recomputes every fingerprint, see
storage/pg_record_rules.py), the people concerned have their due dates worked out again
there, and it commits; only then does the laptop note, in one transaction of its own, what
was taken and when (the store's time) or what was refused and why. So a network that drops
half-way loses at most the batch in flight, which the next publish sends again; and a batch
the store took whose answer was lost is simply found there next time ("already there"),
never doubled: records are keyed by their uid and fingerprint, people by their uids.
Equality monitoring answers travel in a part of the first batch of their own, keyed by uid;
the laptop notes a hash per uid (`published_equality`), and only counts reach the report,
the log and the audit chain.

`on_step(stage, done, total)` is called at each step ("sending", "sent", "committed",
"noted"), for a progress bar, and lets a test stop the work at any of them.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, text

from rmp_desktop.domain.record import short_fingerprint, short_uid
from rmp_desktop.storage import pg_publish as server
from rmp_desktop.storage.publish_batch import (
    PUBLISHED,
    REFUSED,
    Batch,
    HeldBack,
    NotMapped,
    find_me,
    managers_here,
    read_pending,
)
from rmp_desktop.storage.store import Store
from rmp_desktop.store_location import StoreLocation

log = logging.getLogger(__name__)

Step = Callable[[str, int, int], object]
# Refusals that may clear by themselves: sent again next time rather than noted as refused.
_NOT_YET = (server.EARLIER_MISSING,)


class PublishError(RuntimeError):
    """Publishing stopped; the message says why and what to do. `reachable` is False when the
    organisation's store could not be reached at all (the background publisher stays quiet)."""

    def __init__(self, message: str, *, reachable: bool = True,
                 report: PublishReport | None = None):
        super().__init__(message)
        self.reachable = reachable
        self.report = report


@dataclass(frozen=True)
class Refusal:
    uid: str  # the record's (or the person's) uid
    words: str


@dataclass
class PublishReport:
    where: str  # the organisation's store, in words
    at: str | None = None  # the store's time (UTC, ISO 8601) of the last batch it took
    published: int = 0  # records taken, or moved on (a signature, a status), this time
    already: int = 0  # records already there as they are
    people: int = 0  # people taken (added, updated or found)
    refused: list[Refusal] = field(default_factory=list)
    held_back: list[HeldBack] = field(default_factory=list)
    waiting: int = 0  # records that wait for the version they amend
    # Refused by the store on an earlier publish and not offered again (nothing changed).
    still_refused: list[HeldBack] = field(default_factory=list)
    # Equality monitoring answers, as counts only: never whose, never what.
    equality_sent: int = 0  # people whose answers the store now holds as they are here
    equality_removed: int = 0  # people whose withdrawn answers it removed
    equality_refused: int = 0

    @property
    def nothing_to_do(self) -> bool:
        return not (self.published or self.already or self.refused or self.held_back
                    or self.waiting or self.equality_sent or self.equality_removed
                    or self.equality_refused)

    def summary(self) -> str:
        """One paragraph for a status line or a terminal."""
        if self.nothing_to_do and self.still_refused:
            return (f"Nothing new to publish to {self.where}; "
                    f"{_count(len(self.still_refused), 'record')} it refused before "
                    f"{'is' if len(self.still_refused) == 1 else 'are'} still not published.")
        if self.nothing_to_do:
            return f"Everything signed is already published to {self.where}."
        parts = [f"Published {_count(self.published, 'record')} to {self.where}"]
        if self.already:
            parts.append(f"{_count(self.already, 'record')} already there")
        if self.refused or self.held_back:
            parts.append(f"{_count(len(self.refused) + len(self.held_back), 'record or person', 'records or people')} not published")
        if self.waiting:
            parts.append(f"{_count(self.waiting, 'amendment')} waiting for the version "
                         "it amends")
        if self.equality_sent:
            parts.append("equality monitoring answers for "
                         f"{_count(self.equality_sent, 'person', 'people')}, kept apart to be "
                         "counted only")
        if self.equality_removed:
            parts.append("withdrawn equality monitoring answers removed for "
                         f"{_count(self.equality_removed, 'person', 'people')}")
        return "; ".join(parts) + "."

    def problems(self) -> list[str]:
        equality = ([f"The organisation's store did not take the equality monitoring answers "
                     f"of {_count(self.equality_refused, 'person', 'people')}: answers someone "
                     "else entered are on record there, or the person is not in your team "
                     "there. They are left as they are; they go again when they change here."]
                    if self.equality_refused else [])
        return ([r.words for r in self.refused] + [h.words for h in self.held_back]
                + [h.words for h in self.still_refused] + equality)


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def publish(store: Store, url: str, *, on_step: Step | None = None,
            check_first: bool = True, per_batch: int | None = None,
            connect_timeout: int | None = None) -> PublishReport:
    """Send what the organisation store at `url` does not hold yet; see the module's doc.
    `check_first=False` skips this laptop's own check of each record (tests show the store
    refuses a bad record by itself); `connect_timeout` (seconds) gives up sooner on a store
    out of reach (the background publisher)."""
    from sqlalchemy.exc import DBAPIError

    from rmp_desktop.storage.pg_connect import make_pg_engine

    location = StoreLocation.of(url)
    if not location.is_postgres:
        raise PublishError("The organisation's store must be a PostgreSQL address "
                           "(postgresql://server/database).")
    if store.location.is_postgres:
        raise PublishError("This window already works on an organisation's store: its "
                           "records are there, with nothing to publish.")
    where = location.describe()
    step = on_step or (lambda *_args: None)
    engine = make_pg_engine(location.pg_url, connect_timeout=connect_timeout,
                            hide_parameters=True, pool_size=1, max_overflow=0)
    report = PublishReport(where)
    try:
        who = _whoami(engine, where)
        try:
            me_id = find_me(store, who["staff_uid"])
        except NotMapped:
            raise PublishError(_not_mapped(store, who["staff_uid"], where)) from None
        kwargs = {"per_batch": per_batch} if per_batch else {}
        pending = read_pending(store, who["store_uid"], me_id, check_first=check_first,
                               **kwargs)
        report.held_back = list(pending.held_back)
        report.still_refused = list(pending.still_refused)
        total = len(pending.batches)
        for index, batch in enumerate(pending.batches):
            step("sending", index, total)
            try:
                with engine.begin() as conn:
                    answer = json.loads(conn.execute(
                        text("SELECT rmp_access.publish(CAST(:batch AS jsonb))::text"),
                        {"batch": batch.payload()}).scalar_one())
                    step("sent", index, total)
                    _refresh_due(conn, batch, answer)
                step("committed", index, total)
            except DBAPIError as exc:
                raise PublishError(_lost(exc, where, index, total), report=report) from exc
            _note(store, batch, answer, report)
            step("noted", index + 1, total)
    finally:
        engine.dispose()
    log.info("published: %d taken, %d already there, %d refused, %d held back; equality "
             "answers: %d sent, %d withdrawn, %d refused", report.published, report.already,
             len(report.refused), len(report.held_back), report.equality_sent,
             report.equality_removed, report.equality_refused)
    return report


# -- talking to the organisation's store ---------------------------------------------------------

def _whoami(engine: Any, where: str) -> dict[str, Any]:
    from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError

    try:
        with engine.connect() as conn:
            found = conn.execute(text("SELECT rmp_access.whoami()::text")).scalar()
    except OperationalError as exc:
        raise PublishError(f"The organisation's store ({where}) cannot be reached just now "
                           f"({_first_line(exc)}). Nothing was sent; publish again when you "
                           "are connected.", reachable=False) from exc
    except ProgrammingError as exc:
        raise PublishError(f"{where} does not take published records from this login "
                           f"({_first_line(exc)}). Check the address of the organisation's "
                           "store, or ask its administrators to run `rmp-desktop store-admin "
                           "upgrade` and to add your login as a manager.") from exc
    except DBAPIError as exc:
        raise PublishError(f"The organisation's store ({where}) refused the connection "
                           f"({_first_line(exc)}). Nothing was sent.") from exc
    if found is None:
        raise PublishError(f"Your login is not a manager on the organisation's store ({where}). "
                           "Ask its administrators to run `rmp-desktop store-admin add-manager "
                           "LOGIN --staff-uid UID` with your login and your staff uid.")
    who: dict[str, Any] = json.loads(found)
    if not who.get("store_uid"):
        raise PublishError(f"{where} has no store identifier: ask its administrators to run "
                           "`rmp-desktop store-admin upgrade`.")
    return who


def _not_mapped(store: Store, staff_uid: str, where: str) -> str:
    managers = managers_here(store)
    known = "; ".join(f"{name}: {uid}" for name, uid in managers) or "nobody yet"
    return (f"The organisation's store ({where}) knows your login as staff uid {staff_uid}, "
            "but no one on this laptop has that identifier. Ask its administrators to map your "
            "login to your own uid here with `rmp-desktop store-admin add-manager LOGIN "
            f"--staff-uid UID`. The managers on this laptop are: {known}.")


def _lost(exc: Exception, where: str, index: int, total: int) -> str:
    kept = (f" The first {_count(index, 'batch', 'batches')} of {total} are kept there."
            if index else "")
    return (f"The connection to the organisation's store ({where}) was lost while publishing "
            f"({_first_line(exc)}).{kept} Nothing is half-written: publish again to send the "
            "rest; nothing is sent twice.")


def _first_line(exc: BaseException) -> str:
    words = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return words[0] if words else type(exc).__name__


def _refresh_due(conn: Any, batch: Batch, answer: dict[str, Any]) -> None:
    """What is due for the people whose records moved, worked out again on the organisation's
    store, in the same transaction (its team list reads that)."""
    from rmp_desktop.storage import due_summary

    moved = {r["person_uid"] for r in batch.records
             if answer["records"].get(r["uid"], {}).get("moved")}
    uids = [answer["people"][u]["uid"] for u in moved if u in answer["people"]]
    if not uids:
        return
    ids = [row[0] for row in conn.execute(
        text("SELECT id FROM staff WHERE uid IN :uids").bindparams(
            bindparam("uids", expanding=True)), {"uids": uids})]
    due_summary.refresh(conn, ids)


# -- noting on the laptop what the store took -------------------------------------------------

def _note(store: Store, batch: Batch, answer: dict[str, Any], report: PublishReport) -> None:
    """The store's answer, kept on the laptop in one transaction, and counted in `report`.
    Written as two upserts (a row per person and per record), not object by object: the
    laptop's bookkeeping is part of what a publish waits for."""
    from sqlalchemy.dialects.sqlite import insert

    from rmp_desktop.storage import audit
    from rmp_desktop.storage.models import Publication, PublishedEquality, PublishedPerson
    from rmp_desktop.storage.person_match import remember_uid

    at = datetime.fromisoformat(answer["at"])
    store_uid = answer["store_uid"]
    report.at = answer["at"]
    names = {p["uid"]: (p["preferred_name"] or p["full_name"]) for p in batch.people}
    people: list[dict[str, Any]] = []
    learnt: list[tuple[int, str]] = []  # (staff id here, the organisation's uid for them)
    for laptop_uid, staff_id in batch.person_ids.items():
        said = answer["people"].get(laptop_uid, {})
        row = {"staff_id": staff_id, "store_uid": store_uid, "at": at,
               "details_sha256": batch.person_hashes[laptop_uid],
               "outcome": PUBLISHED, "note": ""}
        if said.get("outcome") == PUBLISHED:
            report.people += 1
            if said.get("uid") and said["uid"] != laptop_uid:
                learnt.append((staff_id, said["uid"]))
        else:
            row["outcome"] = REFUSED
            row["note"] = _person_words(names.get(laptop_uid, ""), said.get("reason", ""))
            report.refused.append(Refusal(laptop_uid, row["note"]))
        people.append(row)
    records: list[dict[str, Any]] = []
    taken = refused = 0
    for record in batch.records:
        said = answer["records"].get(record["uid"], {})
        if said.get("reason") in _NOT_YET:
            report.waiting += 1
            continue
        row = {"conversation_id": batch.record_ids[record["uid"]], "store_uid": store_uid,
               "at": at, "fingerprint": record["fingerprint"], "status": record["status"],
               "outcome": PUBLISHED, "note": ""}
        if said.get("outcome") == PUBLISHED:
            taken += 1
            if said.get("moved"):
                report.published += 1
            else:
                report.already += 1
        else:
            refused += 1
            row["outcome"] = REFUSED
            row["note"] = record_words(record["uid"], names.get(record["person_uid"], ""), said)
            report.refused.append(Refusal(record["uid"], row["note"]))
        records.append(row)
    equality = _equality_noted(batch, answer, store_uid, at, report)
    with store.sessions.begin() as session:
        for model, key, rows in ((PublishedPerson, "staff_id", people),
                                 (Publication, "conversation_id", records),
                                 (PublishedEquality, "staff_uid", equality)):
            if rows:
                upsert = insert(model)
                session.execute(upsert.on_conflict_do_update(
                    index_elements=[key],
                    set_={c: upsert.excluded[c] for c in rows[0] if c != key}), rows)
        for staff_id, uid in learnt:
            remember_uid(session, staff_id, uid, "organisation")
        audit.append(session, "publish_sent", store=store_uid, taken=taken, refused=refused,
                     equality=len(equality))


def _equality_noted(batch: Batch, answer: dict[str, Any], store_uid: str, at: datetime,
                    report: PublishReport) -> list[dict[str, Any]]:
    """A bookkeeping row per equality uid the store answered for (the hash of what went, so
    it is not sent again unchanged; a refusal too, said once), counted in `report`."""
    rows = []
    for uid, digest in batch.equality_hashes.items():
        outcome = answer.get("equality", {}).get(uid, {}).get("outcome")
        if outcome is None:
            continue  # no answer for it: it goes again next time
        if outcome == PUBLISHED:
            report.equality_sent += 1
        elif outcome == "removed":
            report.equality_removed += 1
        else:
            report.equality_refused += 1
        rows.append({"staff_uid": uid, "store_uid": store_uid, "answers_sha256": digest,
                     "outcome": PUBLISHED if outcome in (PUBLISHED, "removed") else REFUSED,
                     "at": at})
    return rows


def _person_words(name: str, reason: str) -> str:
    if reason == server.OTHER_TEAM:
        return (f"{name} is on the organisation's store in another manager's team (or in "
                "none), so neither they nor their records were published. Ask the store's "
                "administrators to place them in your team.")
    return f"{name} was not published ({reason or 'no answer'})."


def record_words(uid: str, name: str, said: dict[str, Any]) -> str:
    """Why the organisation's store refused a record, in words (kept on the laptop)."""
    short = short_uid(uid)
    reason = said.get("reason", "")
    whose = f" of {name}" if name else ""
    if reason == server.DIFFERENT:
        kept = said.get("kept")
        theirs = f" (fingerprint {short_fingerprint(kept)})" if kept else ""
        return (f"Record {short}{whose} was refused: the organisation's store already holds a "
                f"different record under the same identifier{theirs}. Neither was changed; "
                "the store's administrators have a note of it. Ask them which one is right.")
    if reason == server.FINGERPRINT:
        return (f"Record {short}{whose} was refused: the organisation's store worked out its "
                "fingerprint from its content and it does not match the one it was signed "
                "with. Run rmp-desktop check on this laptop.")
    if reason == server.PERSON_REFUSED:
        return (f"Record {short}{whose} was not published because the person could not be "
                "(see above).")
    if reason == server.SIGNATURE_DIFFERS:
        return (f"Record {short}{whose} was refused: the organisation's store holds a "
                "different signature for it. Nothing was changed; the store's administrators "
                "have a note of it.")
    if reason == server.PACK_MISSING:
        return (f"Record {short}{whose} was refused: a framework pack it used was not taken "
                "by the organisation's store. Run rmp-desktop check on this laptop.")
    detail = said.get("detail") or reason or "no answer"
    return f"Record {short}{whose} was refused by the organisation's store: {detail}."
