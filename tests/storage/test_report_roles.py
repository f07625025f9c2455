"""Reports and equality monitoring on an organisation's PostgreSQL store: each role, connected
as itself, trying what it must not (fictional people only)."""

from __future__ import annotations

from datetime import date

import psycopg
import pytest

from rmp_desktop.content.loader import load_builtin
from rmp_desktop.domain.equality import SOURCE_CONSENT, EqualityAnswers
from rmp_desktop.domain.staff import StaffMember
from rmp_desktop.storage.equality_repo import AnswersHeldElsewhere, EqualityRepository
from rmp_desktop.storage.report_publish import NothingPublished, publish
from rmp_desktop.storage.report_source import load_report
from rmp_desktop.storage.store import Store
from rmp_desktop.store_location import StoreLocation
from tests.records_support import add_people, ready_conversation, sign_both

ON = date(2027, 2, 1)


@pytest.fixture
def store_kind() -> str:
    return "postgresql"


@pytest.fixture
def org(store, pg_login):
    """Theo's team (Ewa, signed) and Mari's (Kofi); a lead; Ewa's answers entered by Theo with
    her consent, Kofi's by Mari with his."""
    ewa, theo = add_people(store)
    sign_both(store, ready_conversation(store, ewa, theo).id)
    mari = store.staff.add(StaffMember(full_name="Mari Tamm", band="7", functional_area="edi"))
    kofi = store.staff.add(StaffMember(full_name="Kofi Mensah-Owusu", band="6",
                                       functional_area="hr-policy", line_manager_id=mari.id))
    urls = {"theo_url": pg_login("manager", theo.uid), "mari_url": pg_login("manager", mari.uid),
            "lead_url": pg_login("lead")}
    for url, person, answer in ((urls["theo_url"], ewa, "black-caribbean"),
                                (urls["mari_url"], kofi, "asian-other")):
        manager = Store(url)
        try:
            EqualityRepository(manager.sessions).record_with_consent(
                person.uid, EqualityAnswers({"ethnic_group": answer}, SOURCE_CONSENT,
                                            date(2027, 1, 5)))
        finally:
            manager.close()
    return {"ewa": ewa, "theo": theo, "mari": mari, "kofi": kofi, **urls}


def as_login(url: str):
    return psycopg.connect(url, autocommit=True)


def refused(url: str, sql: str) -> None:
    with as_login(url) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(sql)


def test_the_lead_reads_published_suppressed_figures_and_nothing_else(org, pg_database):
    lead = org["lead_url"]
    for table in ("equality_monitoring", "staff", "conversations", "conversation_sections",
                  "signatures", "preparation_imports", "midyear_reviews", "due_summary",
                  "audit_log", "staff_aliases"):
        refused(lead, f"SELECT * FROM public.{table}")
    with pytest.raises(NothingPublished):
        load_report(StoreLocation.of(lead), ON, load_builtin())
    publish(pg_database, ON, load_builtin(), made_by="tests")
    view = load_report(StoreLocation.of(lead), date(2030, 1, 1), load_builtin())
    report = view.report
    assert view.published
    assert report.on == ON and report.scope == "everyone on the organisation's store"
    with as_login(lead) as conn:
        stored = conn.execute("SELECT body FROM reporting.published_reports").fetchone()[0]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM reporting.published_reports")
    counts = [v for t in stored["tables"] for r in t["rows"] for v in r["counts"]]
    assert all(v is None or v % 5 == 0 for v in counts)
    assert "Ewa" not in str(stored) and org["ewa"].uid not in str(stored)
    # Four people: every count of one to seven hidden.
    assert report.people is None


def test_a_manager_reads_back_only_the_equality_answers_they_entered(org):
    with as_login(org["theo_url"]) as conn:
        rows = conn.execute("SELECT staff_uid, ethnic_group, entered_by "
                            "FROM equality_monitoring").fetchall()
        assert rows == [(org["ewa"].uid, "black-caribbean", conn.info.user)]
        # Kofi is not in Theo's team: no answers for him, under any name.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO equality_monitoring(staff_uid, sex, source, consent_on, "
                         "updated_at) VALUES (%s, 'male', 'consent', '2027-01-05', now())",
                         (org["kofi"].uid,))
        # Claiming another login as the one who entered a row changes nothing: the database
        # writes who it was.
        conn.execute("UPDATE equality_monitoring SET entered_by = 'someone_else'")
        assert conn.execute("SELECT entered_by FROM equality_monitoring").fetchone()[0] == \
            conn.info.user
        refused(org["theo_url"], "SELECT * FROM reporting.published_reports")
    with as_login(org["mari_url"]) as conn:
        assert [r[0] for r in conn.execute("SELECT staff_uid FROM equality_monitoring")] == [
            org["kofi"].uid]
        assert conn.execute("UPDATE equality_monitoring SET sex = 'female' WHERE staff_uid = %s",
                            (org["ewa"].uid,)).rowcount == 0


def test_answers_someone_else_entered_are_left_as_they_are(org, store):
    # Kofi moves to Theo's team; the answers Mari entered with his consent stay hers.
    store.staff.update(org["kofi"].with_changes(line_manager_id=org["theo"].id))
    theo = Store(org["theo_url"])
    try:
        theo_repo = EqualityRepository(theo.sessions)
        with pytest.raises(AnswersHeldElsewhere, match="left as they are"):
            theo_repo.record_with_consent(org["kofi"].uid, EqualityAnswers(
                {"ethnic_group": "white-british"}, SOURCE_CONSENT, date(2027, 1, 6)))
    finally:
        theo.close()


def test_a_manager_reports_on_their_own_team_live(org):
    view = load_report(StoreLocation.of(org["theo_url"]), ON, load_builtin())
    report = view.report
    assert not view.published
    assert report.scope == "your team on the organisation's store"
    assert report.people is None  # two people
