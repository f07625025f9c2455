"""What the reports gather from a store, on SQLite and on PostgreSQL: every fact counted by hand
from records made through the application (fictional people only)."""

from __future__ import annotations

from datetime import date

import pytest

from rmp_desktop.content.loader import load_builtin
from rmp_desktop.domain.equality import SOURCE_CONSENT, SOURCE_SELF, EqualityAnswers
from rmp_desktop.domain.report_facts import ReportDays, facts, quarter_ends
from rmp_desktop.domain.staff import StaffMember
from rmp_desktop.storage.dialect import connect
from rmp_desktop.storage.equality_repo import EqualityRepository
from rmp_desktop.storage.midyear_repo import MidyearRepository
from rmp_desktop.storage.person_match import remember_uid
from rmp_desktop.storage.report_query import gather
from rmp_desktop.storage.report_source import load_report
from tests.records_support import add_people, ready_conversation, sign_both

ON = date(2027, 2, 1)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_kind(request) -> str:
    return request.param


@pytest.fixture
def team(store):
    """Theo manages Ewa and Kofi (directorate "Corporate"); Ewa has a signed appraisal (6 Oct
    2026) with a mid-year review marking her action done and an older signed career
    conversation (1 Jul 2025); Kofi has a draft only; Lina is archived."""
    ewa, theo = add_people(store)
    kofi = store.staff.add(StaffMember(full_name="Kofi Mensah-Owusu", band="6",
                                       functional_area="hr-policy", line_manager_id=theo.id,
                                       directorate="Corporate"))
    lina = store.staff.add(StaffMember(full_name="Lina Haddad", band="5",
                                       functional_area="hr-policy", line_manager_id=theo.id))
    store.staff.set_archived(lina.id, True)
    store.staff.update(ewa.with_changes(directorate="  Corporate   services "))
    older = ready_conversation(store, ewa, theo, kind="career", held_on=date(2025, 7, 1))
    sign_both(store, older.id)
    record = ready_conversation(store, ewa, theo, kind="appraisal", held_on=date(2026, 10, 6))
    sign_both(store, record.id)
    reviews = MidyearRepository.of(store)
    body = reviews.new_body(record.id)
    body["actions"]["a1"] = {"progress": "done", "note": ""}
    reviews.save(record.id, date(2027, 1, 10), body)
    ready_conversation(store, kofi, theo, held_on=date(2027, 1, 20))  # a draft: not counted
    return {"ewa": ewa, "theo": theo, "kofi": kofi, "lina": lina, "record": record}


def inputs(store):
    with connect(store.location) as conn:
        return {p.key: p for p in gather(conn, ON)}


def test_gathering_reads_each_person_as_the_rules_need_them(store, team):
    gathered = inputs(store)
    assert set(gathered) == {team["ewa"].id, team["theo"].id, team["kofi"].id}, "archived: out"
    ewa = gathered[team["ewa"].id]
    assert (ewa.band, ewa.functional_area, ewa.directorate) == ("7", "employee-relations",
                                                                 "Corporate services")
    assert ewa.manager == team["theo"].full_name
    assert gathered[team["theo"].id].manager == ""
    ends = quarter_ends(ON)
    assert ewa.last_appraisal_at == tuple(date(2026, 10, 6) if e >= date(2026, 10, 6) else None
                                          for e in ends)
    assert ewa.last_career_at == tuple(date(2025, 7, 1) if e >= date(2025, 7, 1) else None
                                       for e in ends)
    assert sum(ewa.held_in_quarter) == 2 and ewa.held_in_quarter[-2] == 1
    assert ewa.newest.held_on == date(2026, 10, 6)
    assert set(ewa.newest.sections) == {"plan", "aspirations", "transition", "talent", "wheel"}
    assert ewa.newest.done_actions == frozenset({"a1"})
    kofi = gathered[team["kofi"].id]
    assert kofi.newest is None and kofi.last_appraisal_at[-1] is None

    counted = facts(ewa, ReportDays.of(ON))
    assert (counted.appraised, counted.career, counted.plan_in_force, counted.edi_objective) == (
        True, False, True, True)
    # Her objectives were due 31 Mar and 31 May 2027, her action's dates have passed but it is
    # done: nothing overdue on 1 Feb 2027.
    assert not counted.plan_overdue and not counted.appraisal_overdue
    assert facts(kofi, ReportDays.of(ON)).appraisal_overdue


def test_equality_answers_reach_the_report_through_the_uid_or_an_alias_never_a_name(store,
                                                                                    team):
    answers = EqualityRepository(store.sessions)
    answers.save_mine(team["ewa"].uid, EqualityAnswers({"ethnic_group": "white-other",
                                                        "disability": "prefer-not"},
                                                       SOURCE_SELF), share=True)
    alias = "ab" * 16  # the uid Kofi's own laptop knows him by
    with store.sessions.begin() as session:
        remember_uid(session, team["kofi"].id, alias, "preparation")
    answers.record_with_consent(alias, EqualityAnswers({"sex": "male"}, SOURCE_CONSENT,
                                                       date(2027, 1, 5)))
    gathered = inputs(store)
    assert gathered[team["ewa"].id].equality == {"ethnic_group": "white-other",
                                                 "disability": "prefer-not"}
    assert gathered[team["kofi"].id].equality == {"sex": "male"}
    assert answers.mine(team["ewa"].uid) == (EqualityAnswers(
        {"ethnic_group": "white-other", "disability": "prefer-not"}, SOURCE_SELF), True)
    with pytest.raises(ValueError, match="consent"):
        answers.record_with_consent(alias, EqualityAnswers({"sex": "male"}, SOURCE_SELF))
    answers.save_mine(team["ewa"].uid, EqualityAnswers({}, SOURCE_SELF), share=False)
    assert answers.mine(team["ewa"].uid) is None, "withdrawing every answer leaves no row"


def test_a_report_from_the_store_is_suppressed_whole(store, team):
    report = load_report(store.location, ON, load_builtin()).report
    coverage = report.table("coverage", "band")
    assert report.people is None, "three people: too few to show"
    assert all(v is None or v % 5 == 0 for table in report.tables for row in table.counts
               for v in row)
    assert coverage.counts[-1][0] is None
    assert report.table("coverage", "directorate").groups == (
        "Corporate", "Corporate services", "No directorate recorded", "All people")
