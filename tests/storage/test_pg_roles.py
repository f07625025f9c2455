"""Each role of an organisation's PostgreSQL store, connected as itself, trying what it must not.

Two managers with a team each, and an HR/OD lead, all fictional. What the application does as
a manager (the team list, a person, signing) runs through the same code as on a laptop.
"""

from __future__ import annotations

import psycopg
import pytest

from rmp_desktop.domain.staff import StaffMember
from rmp_desktop.storage import pg_admin
from rmp_desktop.storage.person_query import load_person
from rmp_desktop.storage.store import Store
from rmp_desktop.storage.team_query import load_team
from tests.records_support import add_people, ready_conversation, sign_both


@pytest.fixture
def store_kind() -> str:
    return "postgresql"


def person(name: str, manager_id: int | None, number: str) -> StaffMember:
    return StaffMember(full_name=name, band="6", functional_area="employee-relations",
                       line_manager_id=manager_id, assignment_number=number)


@pytest.fixture
def org(store, pg_login):
    """Theo's team (Ewa, with a signed record) and Mari's team (Kofi, with a signed record)."""
    ewa, theo = add_people(store)  # Ewa reports to Theo
    ewa_record = ready_conversation(store, ewa, theo)
    sign_both(store, ewa_record.id)
    mari = store.staff.add(person("Mari Tamm", None, "T-0101"))
    kofi = store.staff.add(person("Kofi Mensah-Owusu", mari.id, "T-0102"))
    kofi_record = ready_conversation(store, kofi, mari)
    sign_both(store, kofi_record.id)
    return {
        "theo": theo, "ewa": ewa, "mari": mari, "kofi": kofi,
        "ewa_record": ewa_record, "kofi_record": kofi_record,
        "theo_url": pg_login("manager", theo.uid), "mari_url": pg_login("manager", mari.uid),
        "lead_url": pg_login("lead"),
    }


@pytest.fixture
def as_theo(org):
    opened = Store(org["theo_url"])
    yield opened
    opened.close()


def raw_as(url: str):
    return psycopg.connect(url, autocommit=True)


# -- managers ------------------------------------------------------------------------------------

def test_a_manager_sees_their_own_team_and_no_one_else(org, as_theo):
    names = {r.full_name for r in load_team(org["theo_url"])}
    assert names == {org["theo"].full_name, org["ewa"].full_name}
    assert {m.full_name for m in as_theo.staff.all()} == names
    assert load_person(org["theo_url"], org["kofi"].id) is None
    assert load_person(org["theo_url"], org["ewa"].id).full_name == org["ewa"].full_name
    assert as_theo.staff.find("kofi") == []
    assert [m.uid for m in as_theo.conversations.all()] == [org["ewa_record"].uid]
    with raw_as(org["theo_url"]) as conn:
        for table in ("conversation_sections", "signatures", "exports"):
            seen = {r[0] for r in conn.execute(f"SELECT conversation_id FROM {table}")}
            assert org["kofi_record"].id not in seen


def test_a_manager_works_on_their_team_through_the_application(org, as_theo):
    added = as_theo.staff.add(StaffMember(full_name="Ilse Varga", band="5",
                                          functional_area="hr-policy"))
    assert added.line_manager_id == org["theo"].id  # joins the team
    assert added.full_name in {r.full_name for r in load_team(org["theo_url"])}
    record = ready_conversation(as_theo, added, org["theo"])
    assert sign_both(as_theo, record.id).fingerprint
    assert as_theo.integrity_report() == []  # the audit chain stays one, across both teams
    with _opened(org["mari_url"]) as mari:
        assert added.full_name not in {m.full_name for m in mari.staff.all()}
        assert mari.integrity_report() == []


class _opened:
    def __init__(self, url):
        self.store = Store(url)

    def __enter__(self):
        return self.store

    def __exit__(self, *exc):
        self.store.close()


@pytest.mark.parametrize("statement", [
    # Another team's person and records: invisible, so nothing to change...
    "UPDATE staff SET job_title = 'Moved' WHERE id = {kofi}",
    "UPDATE conversations SET current_step = 'plan' WHERE id = {kofi_record}",
])
def test_a_manager_cannot_touch_another_team(org, statement):
    with raw_as(org["theo_url"]) as conn:
        cursor = conn.execute(statement.format(kofi=org["kofi"].id,
                                               kofi_record=org["kofi_record"].id))
        assert cursor.rowcount == 0


@pytest.mark.parametrize("statement", [
    # ...and nothing to add to it, or move into it.
    "INSERT INTO conversations(uid, person_id, kind, held_on, created_at, updated_at) VALUES "
    "(md5('x'), {kofi}, 'career', '2026-01-01', now(), now())",
    "INSERT INTO staff(uid, full_name, band, functional_area, line_manager_id, created_at, "
    "updated_at) VALUES (md5('y'), 'Ana Pop', '5', 'hr-policy', {mari}, now(), now())",
    "UPDATE staff SET line_manager_id = {mari} WHERE id = {ewa}",
    "INSERT INTO app_meta(key, value) VALUES ('demo_team', '1')",
])
def test_a_manager_cannot_write_outside_their_team(org, statement):
    with raw_as(org["theo_url"]) as conn, pytest.raises(
            psycopg.errors.InsufficientPrivilege, match="row-level security"):
        conn.execute(statement.format(kofi=org["kofi"].id, mari=org["mari"].id,
                                      ewa=org["ewa"].id))


@pytest.mark.parametrize("statement, refused_by", [
    ("UPDATE signatures SET signer_name = 'Someone' WHERE conversation_id = {own}",
     psycopg.errors.InsufficientPrivilege),
    ("DELETE FROM signatures WHERE conversation_id = {own}", psycopg.errors.InsufficientPrivilege),
    ("UPDATE audit_log SET event = 'created'", psycopg.errors.InsufficientPrivilege),
    ("DELETE FROM audit_log", psycopg.errors.InsufficientPrivilege),
    ("TRUNCATE audit_log", psycopg.errors.InsufficientPrivilege),
    ("DELETE FROM staff WHERE id = {ewa}", psycopg.errors.InsufficientPrivilege),
    ("DROP TRIGGER sections_locked_update ON conversation_sections",
     psycopg.errors.InsufficientPrivilege),
    # Their own signed record: the triggers refuse, whoever asks.
    ("UPDATE conversation_sections SET body = '{{}}' WHERE conversation_id = {own}",
     psycopg.errors.IntegrityError),
    ("UPDATE conversations SET manager_name = 'Someone' WHERE id = {own}",
     psycopg.errors.IntegrityError),
    ("DELETE FROM conversations WHERE id = {own}", psycopg.errors.IntegrityError),
])
def test_no_manager_can_change_a_signed_record_a_signature_or_the_audit_log(org, as_theo,
                                                                            statement, refused_by):
    before = as_theo.conversations.get(org["ewa_record"].id).fingerprint
    with raw_as(org["theo_url"]) as conn, pytest.raises(refused_by):
        conn.execute(statement.format(own=org["ewa_record"].id, ewa=org["ewa"].id))
    assert as_theo.integrity_report() == []
    assert as_theo.conversations.get(org["ewa_record"].id).fingerprint == before


def test_a_login_that_is_no_manager_sees_nothing(org, pg_database):
    with raw_as(pg_database) as admin:
        admin.execute("CREATE ROLE rmp_t_stranger LOGIN")
        admin.execute("GRANT rmp_manager TO rmp_t_stranger")  # a manager role, but no mapping
    try:
        from tests.pg_support import with_user

        assert load_team(with_user(pg_database, "rmp_t_stranger")) == []
    finally:
        with raw_as(pg_database) as admin:
            admin.execute("DROP OWNED BY rmp_t_stranger")
            admin.execute("DROP ROLE rmp_t_stranger")


# -- the HR/OD lead --------------------------------------------------------------------------------

@pytest.mark.parametrize("table", ["staff", "staff_aliases", "conversations",
                                   "conversation_sections", "signatures", "audit_log", "exports",
                                   "app_meta", "pack_snapshots", "preparation_imports",
                                   "plan_progress", "due_summary", "midyear_reviews",
                                   "rmp_access.manager_logins"])
def test_the_lead_cannot_read_people_or_records(org, table):
    with raw_as(org["lead_url"]) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(f"SELECT * FROM {table} LIMIT 1")


def test_the_lead_reads_what_the_owner_puts_in_the_reporting_schema(org, pg_database):
    with raw_as(pg_database) as admin:  # as the reports will be made: by the owner role
        admin.execute("SET ROLE rmp_owner")
        admin.execute("CREATE VIEW reporting.people_by_band AS "
                      "SELECT band, count(*) AS people FROM staff GROUP BY band")
    with raw_as(org["lead_url"]) as conn:
        rows = dict(conn.execute("SELECT band, people FROM reporting.people_by_band").fetchall())
        assert rows == {"6": 2, "7": 1, "8b": 1}
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("CREATE VIEW reporting.mine AS SELECT 1")


# -- the owner, kept apart ----------------------------------------------------------------------

def test_the_schema_belongs_to_an_owner_no_one_logs_in_as(org, pg_database):
    with raw_as(pg_database) as admin:
        owners = {r[0] for r in admin.execute(
            "SELECT tableowner FROM pg_tables WHERE schemaname = 'public'")}
        assert owners == {pg_admin.OWNER_ROLE}
        assert admin.execute("SELECT rolcanlogin FROM pg_roles WHERE rolname = %s",
                             (pg_admin.OWNER_ROLE,)).fetchone() == (False,)
        unsecured = [r[0] for r in admin.execute(
            "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace "
            "AND relkind = 'r' AND NOT relrowsecurity")]
        assert unsecured == []
        for login_url in (org["theo_url"], org["lead_url"]):
            login = login_url.rsplit("@", 1)[0].rsplit("/", 1)[-1]
            assert admin.execute("SELECT pg_has_role(%s, %s, 'MEMBER')",
                                 (login, pg_admin.OWNER_ROLE)).fetchone() == (False,)


def test_access_rules_can_be_applied_again(org, pg_database, as_theo):
    pg_admin.upgrade(pg_database)  # what every upgrade does after migrating
    assert {m.full_name for m in as_theo.staff.all()} == {org["theo"].full_name,
                                                         org["ewa"].full_name}


def test_an_unknown_staff_uid_or_a_reserved_login_is_refused(pg_database):
    with pytest.raises(pg_admin.AdminError, match="32 hexadecimal"):
        pg_admin.add_manager(pg_database, "rmp_t_someone", "not-a-uid")
    with pytest.raises(pg_admin.AdminError, match="cannot be used"):
        pg_admin.add_lead(pg_database, "rmp_owner")
