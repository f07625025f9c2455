"""Importing into a store that already holds people: nothing blanked, renamed or doubled."""

from __future__ import annotations

from datetime import date

import pytest

from rmp_desktop.domain.staff import StaffMember
from rmp_desktop.domain.staff_import import parse_staff_text
from rmp_desktop.domain.staff_import_plan import describe
from rmp_desktop.storage.errors import ImportConflicts, PeopleChanged

FULL = "Name,Job title,Band,Functional area,Email,Assignment number,Start date\n"


def rows(text: str):
    parsed = parse_staff_text(text)
    assert parsed.ok, parsed.errors
    return parsed.rows


def everyone(store) -> dict[str, StaffMember]:
    return {m.full_name: m.with_changes(id=None) for m in store.staff.all()}


@pytest.fixture
def team(store):
    store.staff.import_rows(rows(
        FULL + "Adaeze Okonkwo,Head of OD,8c,Organisational development,adaeze@example.nhs.uk,"
               "E-100,2018-04-01\n"
               "Björn Løvland,Recruiter,5,Recruitment and resourcing,,E-200,\n"
               "Zainab Al-Farsi,EDI Lead,7,EDI,zainab@example.nhs.uk,,\n"))
    return everyone(store)


def test_a_missing_column_leaves_every_detail_as_it_is(store, team):
    outcome = store.staff.import_rows(rows(
        "Name,Band,Functional area,Assignment number\n"
        "Adaeze Okonkwo,8c,Organisational development,E-100\n"
        "Björn Løvland,5,Recruitment and resourcing,E-200\n"))
    assert (outcome.added, outcome.updated, outcome.unchanged) == (0, 0, 2)
    assert everyone(store) == team  # job titles, emails and start dates all kept


def test_an_empty_cell_leaves_the_detail_as_it_is_and_a_value_changes_it(store, team):
    plan = store.staff.preview_import(rows(
        FULL + "Adaeze Okonkwo,,8d,Organisational development,,E-100,\n"))
    [update] = plan.updates
    assert [(c.field, c.old, c.new) for c in update.changes] == [("band", "8c", "8d")]
    assert describe(plan) == ["0 to add, 1 to update, 0 already up to date.", "", "To update:",
                              "  line 2: Adaeze Okonkwo: band 8c → 8d"]
    store.staff.import_rows(rows(FULL + "Adaeze Okonkwo,,8d,Organisational development,,E-100,\n"))
    after = everyone(store)["Adaeze Okonkwo"]
    assert after.band == "8d" and after.job_title == "Head of OD"
    assert after.email == "adaeze@example.nhs.uk" and after.start_date == date(2018, 4, 1)


def test_a_number_that_belongs_to_someone_else_is_a_conflict_never_a_rename(store, team):
    text = FULL + ("Kwame Mensah,Partner,6,HR business partnering,,E-200,\n"
                   "Ife Adeyemi,Officer,4,HR policy,,E-300,\n")
    with pytest.raises(ImportConflicts) as refused:
        store.staff.import_rows(rows(text))
    [conflict] = refused.value.plan.conflicts
    assert conflict.line == 2
    assert "E-200 belongs to Björn Løvland" in conflict.reason and "Kwame Mensah" in conflict.reason
    assert everyone(store) == team  # nothing at all, not even Ife
    outcome = store.staff.import_rows(rows(text), leave_out_conflicts=True)
    assert (outcome.added, outcome.left_out) == (1, 1)
    after = everyone(store)
    assert after["Björn Løvland"] == team["Björn Løvland"] and "Kwame Mensah" not in after


def test_assignment_numbers_match_without_regard_to_case(store, team):
    outcome = store.staff.import_rows(rows(
        FULL + "Björn Løvland,Senior Recruiter,5,Recruitment and resourcing,,e-200,\n"))
    assert (outcome.added, outcome.updated) == (0, 1)
    after = everyone(store)["Björn Løvland"]
    assert after.job_title == "Senior Recruiter" and after.assignment_number == "E-200"


def test_a_person_first_imported_without_a_number_and_then_with_one_is_one_person(store, team):
    outcome = store.staff.import_rows(rows(
        FULL + "Zainab Al-Farsi,EDI Lead,7,EDI,zainab@example.nhs.uk,E-400,\n"))
    assert (outcome.added, outcome.updated) == (0, 1)
    assert len(store.staff.all()) == 3
    assert everyone(store)["Zainab Al-Farsi"].assignment_number == "E-400"


def test_a_name_written_without_its_accents_finds_the_person_and_keeps_the_accents(store, team):
    outcome = store.staff.import_rows(rows(
        FULL + "Bjorn Lovland,Recruiter,5,Recruitment and resourcing,,E-200,\n"))
    assert (outcome.added, outcome.updated, outcome.unchanged) == (0, 0, 1)
    assert "Björn Løvland" in everyone(store)


def test_namesakes_the_file_cannot_tell_apart_are_a_conflict(store, team):
    store.staff.add(StaffMember(full_name="Zainab Al-Farsi", band="5", functional_area="hr-policy",
                                email="z.alfarsi@example.nhs.uk"))
    plan = store.staff.preview_import(rows("Name,Band,Functional area\n"
                                           "Zainab Al-Farsi,7,EDI\n"))
    [conflict] = plan.conflicts
    assert conflict.reason.startswith("2 people called Zainab Al-Farsi are in the application")
    other_email = store.staff.preview_import(rows(
        "Name,Band,Functional area,Email\nAdaeze Okonkwo,8c,OD,a.okonkwo@example.nhs.uk\n"))
    assert "with another email address" in other_email.conflicts[0].reason
    twice = store.staff.preview_import(rows(
        "Name,Band,Functional area,Assignment number\n"
        "Adaeze Okonkwo,8c,OD,E-100\nAdaeze Okonkwo,8c,OD,\n"))
    assert twice.conflicts[0].reason.startswith("this row and line 2 both describe Adaeze")


def test_the_preview_writes_nothing_and_a_changed_store_is_noticed(store, team):
    text = FULL + "Ife Adeyemi,Officer,4,HR policy,,E-300,\n"
    with store.engine.connect() as conn:
        from sqlalchemy import text as sql

        audit_before = conn.execute(sql("SELECT count(*) FROM audit_log")).scalar()
    plan = store.staff.preview_import(rows(text))
    assert plan.summary() == "1 to add, 0 to update, 0 already up to date"
    assert everyone(store) == team
    with store.engine.connect() as conn:
        assert conn.execute(sql("SELECT count(*) FROM audit_log")).scalar() == audit_before
    store.staff.add(StaffMember(full_name="Ife Adeyemi", band="4", functional_area="hr-policy",
                                assignment_number="E-300"))  # someone else, meanwhile
    with pytest.raises(PeopleChanged):
        store.staff.import_rows(rows(text), expected=plan)
    assert len(store.staff.all()) == 4


def test_a_failure_while_writing_leaves_nothing_half_imported(store, team, monkeypatch):
    from rmp_desktop.storage import audit

    def broken(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(audit, "append", broken)
    with pytest.raises(OSError):
        store.staff.import_rows(rows(FULL + "Ife Adeyemi,Officer,4,HR policy,,E-300,\n"
                                            "Björn Løvland,Lead,6,Recruitment,,E-200,\n"))
    monkeypatch.undo()
    assert everyone(store) == team
    assert store.integrity_report() == []


def test_archived_people_are_updated_and_stay_archived(store, team):
    bjorn = store.staff.find("lovland")[0]
    store.staff.set_archived(bjorn.id, True)
    plan = store.staff.preview_import(rows(FULL + "Björn Løvland,Lead,5,Recruitment,,E-200,\n"))
    assert "Björn Løvland (archived): job title “Recruiter” → “Lead”" in describe(plan)[3]
    store.staff.import_rows(rows(FULL + "Björn Løvland,Lead,5,Recruitment,,E-200,\n"))
    after = store.staff.get(bjorn.id)
    assert after.archived and after.job_title == "Lead" and after.uid == bjorn.uid


def test_imported_people_are_found_by_search_and_the_store_checks_out(store, team):
    store.staff.import_rows(rows(FULL + "Siobhán Ní Bhriain,OD Practitioner,6,OD,,E-500,\n"))
    assert [m.full_name for m in store.staff.find("siobhan practitioner")] == ["Siobhán Ní Bhriain"]
    store.staff.import_rows(rows(FULL + "Siobhán Ní Bhriain,Coach,6,OD,,E-500,\n"))
    assert store.staff.find("practitioner") == []
    assert [m.full_name for m in store.staff.find("coach")] == ["Siobhán Ní Bhriain"]
    assert len({m.uid for m in store.staff.all()}) == 4
    assert store.integrity_report() == []
