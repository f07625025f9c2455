"""Shared makings for the sign-off, audit, export and verification tests (fictional people only)."""

from __future__ import annotations

import sqlite3
from datetime import date

from rmp_desktop.content.loader import load_builtin
from rmp_desktop.domain.staff import StaffMember
from rmp_desktop.storage.signoff_repo import SignoffRepository

PERSON = StaffMember(full_name="Ewa Brzęczyszczykiewicz-Ødegård", preferred_name="Ewa",
                     job_title="Senior HR Adviser", band="7",
                     functional_area="employee-relations", assignment_number="T-0001")
MANAGER = StaffMember(full_name="Θεόδωρος Καραγιάννης", preferred_name="Theo",
                      job_title="Head of Employee Relations", band="8b",
                      functional_area="employee-relations", assignment_number="T-0002")
EMPLOYEE_SIGNER = "Ewa Brzęczyszczykiewicz-Ødegård"
MANAGER_SIGNER = "Θεόδωρος Καραγιάννης"


def add_people(store) -> tuple[StaffMember, StaffMember]:
    manager = store.staff.add(MANAGER)
    person = store.staff.add(PERSON.with_changes(line_manager_id=manager.id))
    return person, manager


def fill_ready(store, conversation_id: int) -> None:
    """The least a plan needs to be signed, with recognisable words in it."""
    store.conversations.save_section(conversation_id, "reflection", {
        "went_well": "Mediation pilot resolved four disputes early.",
        "was_hard": "Case volume in the winter.", "proud_of": "", "hopes": ""})
    store.conversations.save_section(conversation_id, "plan", {
        "objectives": [
            {"id": "o1", "text": "Launch the early resolution service",
             "measure": "Service live in two divisions", "due": "2027-03-31", "edi": False},
            {"id": "o2", "text": "Train ten managers in fair investigations",
             "measure": "Ten managers trained and rated confident", "due": "2027-05-31",
             "edi": True}],
        "actions": [
            {"id": "a1", "text": "Shadow the deputy director at a tribunal hearing",
             "gap": {"kind": "avenue", "ref": "shadowing"}, "support": "Time agreed",
             "success_measure": "Hearing attended", "owner": "Ewa", "target_date": "2027-01-20",
             "review_date": "2026-12-15", "suggested": False}],
        "dismissed_suggestions": []})
    store.conversations.save_section(conversation_id, "summary", {
        "employee_comments": "Agreed.", "comments_visited": True})


def ready_conversation(store, person: StaffMember, manager: StaffMember, *, packs=None,
                       kind: str = "appraisal", held_on: date = date(2026, 10, 6)):
    meta = store.conversations.create(person.id, kind, held_on, manager_name=manager.full_name,
                                      manager_id=manager.id, packs=packs or load_builtin())
    fill_ready(store, meta.id)
    return meta


def sign_both(store, conversation_id: int):
    repo = SignoffRepository.of(store)
    repo.sign(conversation_id, "employee", EMPLOYEE_SIGNER, True,
              strokes=[[(0.1, 0.5), (0.4, 0.2), (0.8, 0.6)]])
    return repo.sign(conversation_id, "manager", MANAGER_SIGNER, True)


def raw(where):
    """A plain connection, as someone editing the store behind the application's back would use:
    the SQLite file, or (for AppPaths whose store is on PostgreSQL) the database as its
    superuser. SQL takes `?` placeholders on both."""
    from rmp_desktop.storage.dialect import POSTGRESQL, DbConnection

    location = getattr(where, "location", None)
    if location is not None and location.is_postgres:
        import psycopg

        return DbConnection(psycopg.connect(location.url, autocommit=True), POSTGRESQL)
    conn = sqlite3.connect(getattr(where, "store", where), isolation_level=None)
    conn.execute("PRAGMA busy_timeout=5000")
    return conn


# Which table each immutability trigger guards (PostgreSQL's DROP TRIGGER names the table).
TRIGGER_TABLES = {"sections": "conversation_sections", "conversations": "conversations",
                  "signatures": "signatures", "audit_log": "audit_log"}


def drop_trigger(conn, name: str) -> None:
    """Drop a trigger as someone with the file (or the database's superuser) could."""
    if isinstance(conn, sqlite3.Connection):
        conn.execute(f"DROP TRIGGER {name}")
        return
    table = next(t for prefix, t in TRIGGER_TABLES.items() if name.startswith(prefix + "_"))
    conn.execute(f"DROP TRIGGER {name} ON {table}")
