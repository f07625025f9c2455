"""What importing a staff list would change, worked out from plain rows and plain people:
who is found by which rule, what counts as a change, and the preview's words in full."""

from __future__ import annotations

from datetime import date

import pytest

from rmp_desktop.domain.staff import StaffMember
from rmp_desktop.domain.staff_import import ImportRow
from rmp_desktop.domain.staff_import_plan import (
    Addition,
    Change,
    Conflict,
    ImportPlan,
    KnownPerson,
    Update,
    describe,
    plan_import,
)


def person(id_: int, name: str, *, number: str = "", email: str = "", **details: object) -> KnownPerson:
    values: dict[str, object] = {
        "preferred_name": "", "job_title": "Adviser", "band": "5",
        "functional_area": "hr-policy", "start_date": None, "archived": False}
    values.update(details)
    return KnownPerson(id=id_, full_name=name, email=email, assignment_number=number,
                       **values)  # type: ignore[arg-type]


def row(line: int, name: str, **values: object) -> ImportRow:
    return ImportRow(line, name, {"band": "5", "functional_area": "hr-policy", **values})


def found(plan: ImportPlan) -> list[tuple[int, int]]:
    """(line, person id) for every row that found someone, changed or not."""
    return sorted([*plan.unchanged, *((u.line, u.person.id) for u in plan.updates)])


AMA = person(1, "Ama Owusu", number="A-1", email="ama@example.nhs.uk")


# -- finding the person -------------------------------------------------------------------------


def test_an_assignment_number_finds_its_owner_whatever_its_case():
    plan = plan_import([row(2, "Ama Owusu", assignment_number=" a-1 ")], [AMA])
    assert (plan.unchanged, plan.updates, plan.additions, plan.conflicts) == ([(2, 1)], [], [], [])


def test_a_number_that_belongs_to_someone_of_another_name_is_a_conflict_never_a_rename():
    plan = plan_import([row(4, "Kofi Mensah", assignment_number="A-1"), row(5, "Wei Zhang")],
                       [AMA])
    assert [a.line for a in plan.additions] == [5]
    assert plan.conflicts == [Conflict(4, (
        "the assignment number A-1 belongs to Ama Owusu in the application, but this row names "
        "Kofi Mensah. Check the number; if the person has changed their name, change it in the "
        "application first, then import again."))]
    assert plan.changes_anything


def test_the_same_name_written_without_its_accents_is_the_same_person():
    chloe = person(3, "Chloé  Dubois", number="C-3")
    plan = plan_import([row(2, "chloe dubois", assignment_number="C-3")], [chloe])
    assert plan.unchanged == [(2, 3)]


def test_a_new_number_finds_the_one_namesake_who_has_none_and_gives_it_to_them():
    before = person(5, "Wei Zhang", email="wei@example.nhs.uk")
    plan = plan_import([row(2, "Wei Zhang", assignment_number="W-5", email="WEI@example.nhs.uk")],
                       [before])
    assert plan.updates == [Update(2, before, (Change("assignment_number", "", "W-5"),))]


@pytest.mark.parametrize(("stored_email", "row_email", "finds"), [
    ("wei@example.nhs.uk", "", True),  # the row has no email to tell them apart
    ("", "wei@example.nhs.uk", True),  # the store has none
    ("wei@example.nhs.uk", "Wei@Example.nhs.uk", True),
    ("wei@example.nhs.uk", "other@example.nhs.uk", False),  # someone else: added
])
def test_a_new_number_finds_an_unnumbered_namesake_only_with_a_matching_or_missing_email(
        stored_email, row_email, finds):
    stored = person(5, "Wei Zhang", email=stored_email)
    values = {"assignment_number": "W-5", **({"email": row_email} if row_email else {})}
    plan = plan_import([row(2, "Wei Zhang", **values)], [stored])
    assert found(plan) == ([(2, 5)] if finds else [])
    assert [a.line for a in plan.additions] == ([] if finds else [2])


def test_a_new_number_never_goes_to_a_namesake_who_has_a_number_already():
    plan = plan_import([row(2, "Ama Owusu", assignment_number="A-2")], [AMA])
    assert [a.member.assignment_number for a in plan.additions] == ["A-2"]


def test_a_new_number_with_two_unnumbered_namesakes_is_a_conflict():
    people = [person(5, "Wei Zhang"), person(6, "Wei Zhang"), person(7, "Wei Zhang", number="Z")]
    plan = plan_import([row(9, "Wei Zhang", assignment_number="W-5")], people)
    assert [str(c) for c in plan.conflicts] == [
        "line 9: 2 people called Wei Zhang have no assignment number in the application, so it "
        "is not clear which one this number belongs to. Give them their numbers in the "
        "application first."]


def test_a_row_without_a_number_or_namesake_is_someone_new():
    plan = plan_import([row(2, "Kofi Mensah")], [AMA])
    assert [(a.line, a.member.full_name) for a in plan.additions] == [(2, "Kofi Mensah")]


@pytest.mark.parametrize(("people", "row_email", "finds"), [
    ([AMA], "", 1),  # the one namesake
    ([AMA], "AMA@example.nhs.uk", 1),  # and their email
    ([AMA, person(2, "Ama Owusu", email="owusu@example.nhs.uk")], "ama@example.nhs.uk", 1),
    ([person(2, "Ama Owusu")], "ama@example.nhs.uk", 2),  # the only one, with no email stored
])
def test_a_row_without_a_number_finds_the_one_person_of_that_name_and_email(people, row_email,
                                                                             finds):
    values = {"email": row_email} if row_email else {}
    plan = plan_import([row(3, "Ama Owusu", **values)], people)
    assert found(plan) == [(3, finds)] and plan.conflicts == [] and plan.additions == []


def test_a_namesake_with_another_email_is_a_conflict():
    plan = plan_import([row(3, "Ama Owusu", email="other@example.nhs.uk")], [AMA])
    assert [str(c) for c in plan.conflicts] == [
        "line 3: Ama Owusu is in the application with another email address. If this is the "
        "same person, add their assignment number to the file; if it is someone else of the same "
        "name, add both people's numbers."]


@pytest.mark.parametrize(("people", "row_email"), [
    ([AMA, person(2, "Ama Owusu")], ""),
    ([AMA, person(2, "Ama Owusu", email="ama@example.nhs.uk")], "ama@example.nhs.uk"),
    # One has another email and one none: the file cannot say it is the one without.
    ([AMA, person(2, "Ama Owusu")], "other@example.nhs.uk"),
])
def test_two_namesakes_the_row_cannot_tell_apart_are_a_conflict(people, row_email):
    values = {"email": row_email} if row_email else {}
    plan = plan_import([row(3, "Ama Owusu", **values)], people)
    assert [str(c) for c in plan.conflicts] == [
        "line 3: 2 people called Ama Owusu are in the application, so it is not clear which one "
        "this row means. Add assignment numbers to the file."]


def test_two_rows_that_find_the_same_person_are_a_conflict():
    plan = plan_import([row(2, "Ama Owusu", assignment_number="A-1"),
                        row(7, "Ama Owusu", job_title="Lead"), row(8, "Kofi Mensah")], [AMA])
    assert plan.unchanged == [(2, 1)]
    assert [a.line for a in plan.additions] == [8]  # the rows after a conflict are planned too
    assert [str(c) for c in plan.conflicts] == [
        "line 7: this row and line 2 both describe Ama Owusu; keep one of them, or add "
        "assignment numbers if they are two people."]


# -- what changes -------------------------------------------------------------------------------


def test_only_the_details_a_row_has_are_compared_and_the_name_never_changes():
    stored = person(1, "Siobhán O'Neill", number="S-1", email="s@example.nhs.uk",
                    preferred_name="Shiv", job_title="Adviser", band="6",
                    functional_area="employee-relations", start_date=date(2020, 1, 6),
                    directorate="Corporate")
    same = ImportRow(2, "Siobhan O'Neill", {"assignment_number": "s-1",
                                             "email": "S@Example.NHS.uk"})
    assert plan_import([same], [stored]).unchanged == [(2, 1)]

    changed = ImportRow(2, "Siobhan O'Neill", {
        "assignment_number": "S-1", "preferred_name": "Siobhán", "job_title": "Senior Adviser",
        "band": "7", "functional_area": "business-partnering", "email": "so@example.nhs.uk",
        "start_date": date(2021, 4, 1), "directorate": "Medicine"})
    [update] = plan_import([changed], [stored]).updates
    assert update.changes == (
        Change("preferred_name", "Shiv", "Siobhán"),
        Change("job_title", "Adviser", "Senior Adviser"),
        Change("band", "6", "7"),
        Change("functional_area", "employee-relations", "business-partnering"),
        Change("email", "s@example.nhs.uk", "so@example.nhs.uk"),
        Change("start_date", date(2020, 1, 6), date(2021, 4, 1)),
        Change("directorate", "Corporate", "Medicine"))


def test_a_number_is_given_to_someone_who_had_none_but_never_changed_by_case():
    stored = person(1, "Ama Owusu", email="ama@example.nhs.uk")
    [update] = plan_import([row(2, "Ama Owusu", assignment_number="a-1")], [stored]).updates
    assert update.changes == (Change("assignment_number", "", "a-1"),)


def test_a_new_person_has_every_detail_the_row_gives():
    full = ImportRow(2, "Kofi Mensah", {
        "band": "8a", "functional_area": "edi", "preferred_name": "Kof", "job_title": "Lead",
        "email": "k@example.nhs.uk", "assignment_number": "K-2", "directorate": "Surgery",
        "start_date": date(2022, 3, 4)})
    bare = ImportRow(3, "Wei Zhang", {"band": "VSM", "functional_area": "hr-policy"})
    plan = plan_import([full, bare], [])
    assert plan.additions == [
        Addition(2, StaffMember(full_name="Kofi Mensah", preferred_name="Kof", job_title="Lead",
                                band="8a", functional_area="edi", email="k@example.nhs.uk",
                                assignment_number="K-2", directorate="Surgery",
                                start_date=date(2022, 3, 4))),
        Addition(3, StaffMember(full_name="Wei Zhang", band="VSM", functional_area="hr-policy",
                                preferred_name="", job_title="", email="",
                                assignment_number="", directorate="", start_date=None))]
    assert plan.changes_anything


# -- the plan in words --------------------------------------------------------------------------


def test_the_preview_names_every_change_in_words():
    stored = person(1, "Ama Owusu", number="A-1", email="", job_title="", band="5",
                    functional_area="hr-policy", archived=True)
    other = person(2, "Kofi Mensah", number="K-2", functional_area="odd-area",
                   start_date=date(2020, 1, 6))
    plan = plan_import([
        row(2, "Ama Owusu", assignment_number="A-1", band="6", job_title="Lead",
            email="ama@example.nhs.uk", functional_area="edi"),
        row(3, "Kofi Mensah", assignment_number="K-2", functional_area="edi",
            start_date=date(2021, 3, 31)),
        row(4, "Wei Zhang", band="VSM", functional_area="medical-staffing", assignment_number="W-4"),
        row(5, "Ana Silva", band="2"),
        row(6, "Zed Other", assignment_number="A-1"),
    ], [stored, other])

    assert describe(plan) == [
        "2 to add, 2 to update, 0 already up to date, 1 conflict.",
        "",
        "To add:",
        "  line 4: Wei Zhang (band VSM, Medical staffing, assignment W-4)",
        "  line 5: Ana Silva (band 2, HR policy)",
        "",
        "To update:",
        "  line 2: Ama Owusu (archived): job title (empty) → “Lead”; band 5 → 6; "
        "functional area HR policy → Equality, diversity and inclusion; "
        "email address (empty) → “ama@example.nhs.uk”",
        "  line 3: Kofi Mensah: functional area odd-area → Equality, diversity and inclusion; "
        "start date 6 Jan 2020 → 31 Mar 2021",
        "",
        "Conflicts (nothing is changed for these rows):",
        "  line 6: the assignment number A-1 belongs to Ama Owusu in the application, but this "
        "row names Zed Other. Check the number; if the person has changed their name, change it "
        "in the application first, then import again.",
    ]
    assert str(Change("start_date", None, date(2021, 3, 31))) == "start date (empty) → 31 Mar 2021"
    assert str(Change("directorate", "Surgery", "")) == "directorate “Surgery” → (empty)"


def test_a_long_preview_shows_the_first_of_each_list_and_how_many_more():
    plan = plan_import([row(n, f"Person {n}") for n in range(2, 1_205)], [])
    lines = describe(plan, limit=2)
    assert lines == ["1,203 to add, 0 to update, 0 already up to date.", "", "To add:",
                     "  line 2: Person 2 (band 5, HR policy)",
                     "  line 3: Person 3 (band 5, HR policy)", "  … and 1,201 more"]
    assert len(describe(plan)) == 3 + 1_203
    assert describe(plan, limit=1_203)[-1] == "  line 1204: Person 1204 (band 5, HR policy)"


def test_the_summary_counts_with_thousands_and_plural_conflicts():
    plan = ImportPlan(unchanged=[(n, n) for n in range(1_000)],
                      conflicts=[Conflict(2, "a"), Conflict(3, "b")])
    assert plan.summary() == "0 to add, 0 to update, 1,000 already up to date, 2 conflicts"
    assert describe(ImportPlan()) == ["0 to add, 0 to update, 0 already up to date."]
    assert not ImportPlan(unchanged=[(2, 1)]).changes_anything
    assert ImportPlan(updates=[Update(2, AMA, ())]).changes_anything


def test_the_plan_key_is_what_it_would_do():
    rows = [row(2, "Ama Owusu", assignment_number="A-1", band="6"), row(3, "Kofi Mensah"),
            row(4, "Zed", assignment_number="A-1")]
    plan = plan_import(rows, [AMA])
    assert plan.key() == (
        ((3, StaffMember(full_name="Kofi Mensah", band="5", functional_area="hr-policy")),),
        ((1, (Change("band", "5", "6"),)),),
        (plan.conflicts[0],))
    assert plan_import(rows, [AMA]).key() == plan.key()
