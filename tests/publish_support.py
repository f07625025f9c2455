"""Laptops and an organisation's store for the publishing tests (fictional people only).

A laptop is a SQLite store in its own data folder; the organisation's store is the test's
PostgreSQL database (tests/pg_support.py), read back as its superuser.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import psycopg

from rmp_desktop.content.loader import load_builtin
from rmp_desktop.domain.staff import StaffMember
from rmp_desktop.storage import bootstrap
from rmp_desktop.storage.store import Store
from tests.records_support import MANAGER, PERSON, fill_ready, ready_conversation, sign_both

TEAM = (
    StaffMember(full_name="Aroha Ngata", job_title="HR Adviser", band="5",
                functional_area="hr-policy", assignment_number="T-0003"),
    StaffMember(full_name="Dmitri Sokolov", job_title="Workforce Analyst", band="6",
                functional_area="workforce-intelligence", assignment_number="T-0004"),
    StaffMember(full_name="Leilani Kahale", job_title="Recruitment Coordinator", band="4",
                functional_area="recruitment-resourcing", assignment_number="T-0005"),
)


def open_laptop(folder: Path) -> Store:
    path = folder / "rmp-desktop.sqlite3"
    folder.mkdir(parents=True, exist_ok=True)
    bootstrap.prepare(path, folder / "backups")
    return Store(path)


def make_team(laptop: Store, *, manager_uid: str | None = None) -> dict:
    """Theo (the manager), Ewa and three more in his team."""
    theo = laptop.staff.add(MANAGER, uid=manager_uid)
    ewa = laptop.staff.add(PERSON.with_changes(line_manager_id=theo.id))
    others = [laptop.staff.add(m.with_changes(line_manager_id=theo.id)) for m in TEAM]
    return {"theo": theo, "ewa": ewa, "team": [ewa, *others]}


def signed_record(laptop: Store, person: StaffMember, manager: StaffMember, *,
                  held_on: date = date(2026, 10, 6), kind: str = "appraisal"):
    meta = ready_conversation(laptop, person, manager, held_on=held_on, kind=kind)
    return sign_both(laptop, meta.id)


def awaiting_record(laptop: Store, person: StaffMember, manager: StaffMember, *,
                    held_on: date = date(2026, 11, 2)):
    from rmp_desktop.storage.signoff_repo import SignoffRepository
    from tests.records_support import EMPLOYEE_SIGNER

    meta = ready_conversation(laptop, person, manager, held_on=held_on)
    return SignoffRepository.of(laptop).sign(meta.id, "employee", EMPLOYEE_SIGNER, True)


def draft_record(laptop: Store, person: StaffMember, manager: StaffMember):
    meta = laptop.conversations.create(person.id, "career", date(2026, 11, 20),
                                       manager_name=manager.full_name, manager_id=manager.id,
                                       packs=load_builtin())
    fill_ready(laptop, meta.id)
    return meta


def org_rows(url: str, sql: str, params: tuple = ()) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(sql, params).fetchall()


def laptop_rows(laptop: Store, sql: str) -> list[tuple]:
    from sqlalchemy import text

    with laptop.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


def org_records(url: str) -> dict[str, tuple]:
    """uid -> (status, fingerprint, sections {name: text}, signatures {(role, name)}) as the
    organisation's store holds them."""
    out = {}
    for cid, uid, status, fingerprint in org_rows(
            url, "SELECT id, uid, status, fingerprint FROM conversations"):
        sections = dict(org_rows(url, "SELECT section, body FROM conversation_sections "
                                      "WHERE conversation_id = %s", (cid,)))
        signatures = set(org_rows(url, "SELECT role, signer_name, fingerprint FROM signatures "
                                       "WHERE conversation_id = %s", (cid,)))
        out[uid] = (status, fingerprint, sections, signatures)
    return out


def laptop_records(laptop: Store, *, fixed_only: bool = True) -> dict[str, tuple]:
    """The same shape, from the laptop."""
    out = {}
    where = "WHERE status != 'draft'" if fixed_only else ""
    for cid, uid, status, fingerprint in laptop_rows(
            laptop, f"SELECT id, uid, status, fingerprint FROM conversations {where}"):
        sections = dict(laptop_rows(laptop, "SELECT section, body FROM conversation_sections "
                                            f"WHERE conversation_id = {cid}"))
        signatures = set(laptop_rows(laptop, "SELECT role, signer_name, fingerprint FROM "
                                             f"signatures WHERE conversation_id = {cid}"))
        out[uid] = (status, fingerprint, sections, signatures)
    return out
