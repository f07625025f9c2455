"""What reports count about one person, rule by rule, on fixed days (fictional data, no names)."""

from __future__ import annotations

from datetime import date

import pytest

from rmp_desktop.content.loader import load_builtin
from rmp_desktop.domain.report_facts import (
    ANOTHER_GRID,
    NewestRecord,
    PersonFacts,
    PersonInput,
    Readiness,
    ReportDays,
    avenues_in_use,
    facts,
    quarter_ends,
    quarter_label,
    readiness,
    talent_box,
)

ON = date(2027, 6, 15)
DAYS = ReportDays.of(ON)
YEAR_AGO = date(2026, 6, 15)  # the earliest day still current on ON


@pytest.fixture(scope="module")
def packs():
    return load_builtin()


def test_eight_quarter_ends_up_to_the_reports_day():
    assert quarter_ends(ON) == (
        date(2025, 9, 30), date(2025, 12, 31), date(2026, 3, 31), date(2026, 6, 30),
        date(2026, 9, 30), date(2026, 12, 31), date(2027, 3, 31), ON)
    assert quarter_ends(date(2027, 4, 1), 3) == (date(2026, 12, 31), date(2027, 3, 31),
                                                 date(2027, 4, 1))
    assert quarter_ends(date(2027, 3, 31), 2) == (date(2026, 12, 31), date(2027, 3, 31))
    assert quarter_ends(date(2027, 1, 1), 2) == (date(2026, 12, 31), date(2027, 1, 1))
    assert quarter_ends(ON, 1) == (ON,)


def test_quarter_labels_and_the_current_quarter_so_far():
    assert quarter_label(ON, ON) == "Apr–Jun 2027 (to 15 Jun)"
    assert quarter_label(date(2027, 3, 31), ON) == "Jan–Mar 2027"
    assert quarter_label(date(2026, 9, 30), ON) == "Jul–Sept 2026"
    assert quarter_label(date(2026, 12, 31), ON) == "Oct–Dec 2026"
    # A report made on a quarter's last day covers the whole quarter.
    assert quarter_label(date(2026, 12, 31), date(2026, 12, 31)) == "Oct–Dec 2026"
    assert quarter_label(date(2027, 3, 31), date(2027, 3, 31)) == "Jan–Mar 2027"
    assert quarter_label(date(2026, 12, 30), date(2026, 12, 30)) == "Oct–Dec 2026 (to 30 Dec)"
    assert quarter_label(date(2026, 11, 2), date(2026, 11, 2)) == "Oct–Dec 2026 (to 2 Nov)"
    assert quarter_label(date(2027, 5, 1), ON) == "Apr–Jun 2027"


def test_the_days_a_report_counts_on():
    assert DAYS.on == ON and DAYS.ends == quarter_ends(ON)
    assert DAYS.since[-1] == YEAR_AGO
    assert DAYS.since[0] == date(2024, 9, 30)
    assert DAYS.all_quarters == (True,) * 8
    assert ReportDays.of(ON, 3).ends == quarter_ends(ON, 3)
    assert ReportDays.of(date(2028, 2, 29), 1).since == (date(2027, 3, 1),)


def person(**kwargs) -> PersonInput:
    return PersonInput(key=1, band="6", functional_area="hr-policy", **kwargs)


def test_someone_with_nothing_signed_counts_only_as_overdue():
    found = facts(person(), DAYS)
    assert found == PersonFacts(person(), False, False, False, False, True, False, False,
                                frozenset(), None, None, frozenset(), (True,) * 8,
                                (False,) * 8, (False,) * 8)


def test_an_appraisal_counts_from_its_day_for_twelve_months_at_each_quarter_end():
    # Newest appraisal on or before each quarter end, oldest first (only the last two given).
    on_day = facts(person(last_appraisal_at=(date(2027, 1, 10), YEAR_AGO)), DAYS)
    assert on_day.appraised and not on_day.appraisal_overdue
    assert on_day.appraised_at == (False,) * 6 + (True, True)
    assert not on_day.career and on_day.career_at == (False,) * 8
    day_before = facts(person(last_appraisal_at=(date(2026, 6, 14),),
                              last_career_at=(date(2026, 6, 14),)), DAYS)
    assert not day_before.appraised and day_before.appraisal_overdue
    assert not day_before.career
    later = facts(person(last_career_at=(ON,)), DAYS)
    assert later.career and later.career_at == (False,) * 7 + (True,)
    after = facts(person(last_appraisal_at=(date(2027, 6, 16),)), DAYS)
    assert not after.appraised, "a day after the report's day is not yet held"


def test_quarters_before_someone_started_count_nothing():
    assert facts(person(started=date(2025, 9, 30)), DAYS).counted_in == (True,) * 8
    assert facts(person(started=date(2025, 10, 1)), DAYS).counted_in == (False,) + (True,) * 7
    assert facts(person(started=date(2026, 12, 31)), DAYS).counted_in == (
        (False,) * 5 + (True,) * 3)
    assert facts(person(started=date(2027, 6, 16)), DAYS).counted_in == (False,) * 8


def signed(held_on: date = date(2027, 1, 10), done: frozenset[str] = frozenset(),
           **sections) -> NewestRecord:
    return NewestRecord(held_on, sections, done)


def objective(**kwargs) -> dict:
    return {"id": "o1", "text": "Lead the review", **kwargs}


def test_a_plan_is_in_force_for_twelve_months_with_an_objective_or_an_action():
    def in_force(record: NewestRecord) -> bool:
        return facts(person(newest=record), DAYS).plan_in_force

    assert in_force(signed(plan={"objectives": [objective()]}))
    assert in_force(signed(plan={"actions": [{"id": "a1"}]}))
    assert in_force(signed(YEAR_AGO, plan={"actions": [{"id": "a1"}]}))
    assert not in_force(signed(date(2026, 6, 14), plan={"actions": [{"id": "a1"}]}))
    assert not in_force(signed(date(2027, 6, 16), plan={"actions": [{"id": "a1"}]}))
    assert not in_force(signed(plan={"objectives": [], "actions": ["a1"]}))
    assert not in_force(signed(plan={"objectives": {"id": "o1"}}))
    assert not in_force(signed(plan="not a section"))
    found = facts(person(newest=signed(plan={})), DAYS)
    assert found.has_record and not found.plan_in_force and not found.plan_overdue


def test_a_measurable_edi_objective_is_marked_edi_with_a_measure_written():
    def edi(*objectives: dict, held_on: date = date(2027, 1, 10)) -> bool:
        return facts(person(newest=signed(held_on, plan={"objectives": list(objectives)})),
                     DAYS).edi_objective

    assert edi(objective(edi=False), objective(edi=True, measure="Staff survey"))
    assert not edi(objective(edi=True, measure="  "))
    assert not edi(objective(edi=True))
    assert not edi(objective(edi="yes", measure="Survey"))
    assert not edi(objective(edi=True, measure="Survey"), held_on=date(2026, 6, 14))


def test_plan_dates_are_overdue_once_passed_unless_a_review_marked_them_done():
    def overdue(plan: dict, done: frozenset[str] = frozenset()) -> bool:
        return facts(person(newest=signed(plan=plan, done=done)), DAYS).plan_overdue

    assert overdue({"objectives": [objective(due="2027-06-14")]})
    assert not overdue({"objectives": [objective(due="2027-06-15")]})
    assert overdue({"actions": [{"id": "a1", "review_date": "2027-01-31"}]})
    assert not overdue({"actions": [{"id": "a1", "target_date": "2027-01-31"}]},
                       frozenset({"a1"}))
    # An old plan still has its dates: overdue does not need the plan to be in force.
    assert facts(person(newest=signed(date(2025, 1, 1), plan={
        "objectives": [objective(due="2025-12-31")]})), DAYS).plan_overdue


def test_the_pipeline_reads_the_newest_signed_record(packs):
    record = signed(
        aspirations={"directions": ["stretch", "depth", "sideways", 3]},
        transition={"transition": "transition-1", "expectations": {}},
        talent={"included": True, "grid": packs.talent.id,
                "manager": {"across": "growth-stretch", "up": "impact-strong"}},
        wheel={"avenues": {"coaching": "active", "mentoring": "planned", "shadowing": "done",
                           "networks": "not_considered"}})
    found = facts(person(newest=record), DAYS, transitions=packs.transitions, grid=packs.talent)
    assert found.has_record
    assert found.directions == frozenset({"stretch", "depth"})
    assert found.readiness == Readiness("transition-1", False)
    assert found.talent_box == "Ready to step up"
    assert found.avenues_in_use == frozenset({"coaching", "mentoring"})
    # Without the packs, the grid is another grid and readiness counts what was rated.
    alone = facts(person(newest=record), DAYS)
    assert alone.talent_box == ANOTHER_GRID
    assert alone.readiness == Readiness("transition-1", False)
    empty = facts(person(newest=signed(aspirations={"directions": "stretch"})), DAYS)
    assert empty.directions == frozenset() and empty.readiness is None
    assert empty.talent_box is None and empty.avenues_in_use == frozenset()


def ratings(demonstrating: int, other: int = 0) -> dict:
    found = {f"e{i}": "demonstrating" for i in range(demonstrating)}
    found.update({f"o{i}": "developing" for i in range(other)})
    return found


def test_demonstrating_most_is_two_thirds_of_the_transitions_expectations(packs):
    transitions = packs.transitions  # transition-1 has 14 expectations: 10 is two thirds
    assert readiness({"transition": "transition-1", "expectations": ratings(10)},
                     transitions) == Readiness("transition-1", True)
    assert readiness({"transition": "transition-1", "expectations": ratings(9)},
                     transitions) == Readiness("transition-1", False)
    # Without the pack, out of those rated: 2 of 3 is enough, 1 of 2 is not.
    assert readiness({"transition": "t", "expectations": ratings(2, 1)}, None).demonstrating_most
    assert not readiness({"transition": "t", "expectations": ratings(1, 1)},
                         None).demonstrating_most
    assert readiness({"transition": "t", "expectations": ratings(6, 3)}, None).demonstrating_most
    assert not readiness({"transition": "t", "expectations": ratings(5, 3)},
                         None).demonstrating_most
    assert readiness({"transition": "t"}, None) == Readiness("t", False)
    assert readiness({"transition": "t", "expectations": ["e1"]}, None) == Readiness("t", False)
    # A transition the pack no longer has: out of those rated.
    assert readiness({"transition": "gone", "expectations": ratings(2, 1)},
                     transitions) == Readiness("gone", True)
    assert readiness({"transition": ""}, transitions) is None
    assert readiness({"transition": None}, transitions) is None
    assert readiness({}, None) is None


def test_the_talent_box_is_the_managers_placement_on_the_grid_in_use(packs):
    grid = packs.talent

    def placed(**section) -> str | None:
        return talent_box(section, grid)

    view = {"across": "growth-depth", "up": "impact-building"}
    assert placed(included=True, grid=grid.id, manager=view) == "Settling in"
    assert placed(included=False, grid=grid.id, manager=view) is None
    assert placed(grid=grid.id, manager=view) is None
    assert placed(included=True, grid=grid.id, manager="growth-depth") is None
    assert placed(included=True, grid=grid.id, manager={"across": "growth-depth"}) is None
    assert placed(included=True, grid=grid.id, manager={"up": "impact-building"}) is None
    assert placed(included=True, grid=grid.id, manager={"across": "", "up": "x"}) is None
    assert placed(included=True, grid="another.grid", manager=view) == ANOTHER_GRID
    assert placed(included=True, manager=view) == ANOTHER_GRID
    assert placed(included=True, grid=grid.id,
                  manager={"across": "growth-up", "up": "impact-building"}) == ANOTHER_GRID
    assert talent_box({"included": True, "grid": grid.id, "manager": view}, None) == ANOTHER_GRID
    assert ANOTHER_GRID == "Placed on another grid"


def test_avenues_in_use_are_planned_or_active():
    assert avenues_in_use({"avenues": {"a": "planned", "b": "active", "c": "done",
                                       "d": "not_considered", 5: "active"}}) == frozenset(
        {"a", "b", "5"})
    assert avenues_in_use({"avenues": ["a"]}) == frozenset()
    assert avenues_in_use({}) == frozenset()


def test_the_reports_day_itself_counts_for_appraisals_careers_and_plans():
    found = facts(person(last_appraisal_at=(ON,), last_career_at=(YEAR_AGO,),
                         newest=signed(ON, plan={"actions": [{"id": "a1"}]})), DAYS)
    assert found.appraised and found.career and found.plan_in_force
    assert not found.appraisal_overdue
    assert found.appraised_at[-2:] == (False, True)


def test_the_last_quarter_decides_what_counts_today_with_or_without_a_record():
    # Appraised and had a career conversation in this quarter only (after 31 Mar 2027).
    spring = date(2027, 4, 1)
    for newest in (None, signed()):
        found = facts(person(last_appraisal_at=(None, spring), last_career_at=(None, spring),
                             newest=newest), DAYS)
        assert (found.appraised, found.career, found.appraisal_overdue) == (True, True, False)
        # Appraised last quarter, and nothing since: still current, but the last quarter's
        # own figure comes from the newest one on or before its end.
        earlier = facts(person(last_appraisal_at=(date(2026, 5, 1), date(2026, 5, 1)),
                               last_career_at=(date(2026, 5, 1), date(2026, 5, 1)),
                               newest=newest), DAYS)
        assert (earlier.appraised, earlier.career, earlier.appraisal_overdue) == (
            False, False, True)
        assert earlier.appraised_at[-2:] == (True, False)


def test_readiness_counts_out_of_the_packs_expectations_when_the_packs_are_given(packs):
    record = signed(transition={"transition": "transition-1", "expectations": ratings(9)})
    assert facts(person(newest=record), DAYS, transitions=packs.transitions).readiness == (
        Readiness("transition-1", False))
    assert facts(person(newest=record), DAYS).readiness == Readiness("transition-1", True)


def test_a_single_expectation_demonstrated_is_most_of_one():
    assert readiness({"transition": "t", "expectations": {"e": "demonstrating"}},
                     None) == Readiness("t", True)
    assert readiness({"transition": "t", "expectations": {"e": "developing"}},
                     None) == Readiness("t", False)


@pytest.mark.parametrize(("end", "label"), [
    (date(2027, 1, 15), "Jan–Mar 2027 (to 15 Jan)"), (date(2027, 4, 1), "Apr–Jun 2027 (to 1 Apr)"),
    (date(2026, 7, 31), "Jul–Sept 2026 (to 31 Jul)"), (date(2026, 10, 9), "Oct–Dec 2026 (to 9 Oct)"),
    (date(2027, 2, 28), "Jan–Mar 2027 (to 28 Feb)"), (date(2026, 8, 1), "Jul–Sept 2026 (to 1 Aug)"),
])
def test_the_current_quarter_is_named_from_any_of_its_months(end, label):
    assert quarter_label(end, end) == label
