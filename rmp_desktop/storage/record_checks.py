"""What `check`, verify and the windows prove about stored records, wherever the store is.

A store file is read by storage/integrity.py (SQLite's own checks, the schema, the audit chain
and every record rule, with sqlite3 alone). An organisation's PostgreSQL store enforces its own
structure and links and is checked and backed up by its administrators; here the audit chain
and every fixed record's fingerprint are proved through the ORM, as far as the login may read.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from rmp_desktop.store_location import StoreLocation


class Store(Protocol):
    """What these checks use of storage.store.Store (which calls them)."""

    @property
    def location(self) -> StoreLocation: ...

    @property
    def sessions(self) -> sessionmaker[Session]: ...

    @property
    def engine(self) -> Engine: ...


def postgres_findings(store: Store) -> list[str]:
    """What `check` proves on an organisation's store: the audit chain is unbroken up to its
    head, and every fixed record still gives its fingerprint. (SQLite's structure checks and
    storage/integrity.py's file reader do not apply: PostgreSQL enforces its own structure and
    links, and its administrators check and back it up.)"""
    from rmp_desktop.storage import audit
    from rmp_desktop.storage.signoff_repo import SignoffRepository

    with store.sessions() as session:
        chain = audit.verify_chain(session)
    findings = [f"audit log: {p}" for p in chain.problems]
    for check in SignoffRepository.of(store).verify_all_stored():
        findings += [f"record {check.uid[:8]}: {p}" for p in check.problems]
    return findings


def record_problems(store: Store, conversation_ids: Iterable[int]) -> dict[int, list[str]]:
    """The record rules for these records in words; ids without a problem are absent. A store
    file is read by storage.integrity; on PostgreSQL the fingerprint rules run through the ORM."""
    ids = list(conversation_ids)
    if not store.location.is_postgres:
        from rmp_desktop.storage.integrity import check_file_records

        return check_file_records(store.location.sqlite_path, ids)
    from rmp_desktop.storage.signoff_repo import SignoffRepository

    repo = SignoffRepository.of(store)
    found = {cid: list(repo.verify_stored(cid).problems) for cid in ids}
    return {cid: problems for cid, problems in found.items() if problems}


def postgres_notes(store: Store) -> list[str]:
    """What the organisation's store refused when laptops published to it (the audit log's
    "publish_refused" entries), for its administrators: nothing in the store changed, but two
    versions of a record exist somewhere and someone should say which is right."""
    import json

    from sqlalchemy import text

    from rmp_desktop.domain.dates import display_date
    from rmp_desktop.domain.record import short_fingerprint

    notes = []
    with store.engine.connect() as conn:
        rows = conn.execute(text("SELECT at, conversation_uid, detail FROM audit_log "
                                 "WHERE event = 'publish_refused' ORDER BY id")).all()
    for at, uid, detail in rows:
        try:
            said = json.loads(detail)
        except ValueError:
            said = {}
        when = display_date(at.date())
        offered = said.get("offered")
        fingerprint = f" (fingerprint {short_fingerprint(offered)})" if offered else ""
        reason = said.get("reason")
        if reason == "different":
            what = (f"a different record under this identifier{fingerprint} was offered on "
                    f"{when} and refused; the record kept here is unchanged")
        elif reason == "signature_differs":
            what = (f"a different {said.get('role', '')} signature was offered on {when} and "
                    "refused; the record kept here is unchanged")
        else:
            what = (f"a record{fingerprint} was offered on {when} and refused: its content "
                    "does not give the fingerprint it was signed with")
        notes.append(f"record {str(uid)[:8]}: {what} (by the manager with staff uid "
                     f"{said.get('by', 'unknown')})")
    return notes
