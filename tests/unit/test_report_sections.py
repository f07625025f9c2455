"""Every section and breakdown of a report, against a population counted by hand.

Fictional and without names (reports have none). On 15 Jun 2027, 29 people:
  P  12 people, band 7, HR policy, directorate " Workforce ", manager's team "Team Amber",
     sex female. Appraisals signed 12 Jan 2026 and 10 Jan 2027, a career conversation with
     the second. The newest record (10 Jan 2027): an EDI objective with a measure, due
     31 Dec 2027; aiming at stretch and breadth; career transition 1 with 10 of its 14
     expectations demonstrated; placed "Ready to step up" on the grid; coaching active and
     mentoring planned.
  Q  9 people, band 8a, equality, diversity and inclusion, no directorate or manager
     recorded, sex male. One appraisal, 1 Mar 2025, whose objective was due 31 Dec 2025; aiming
     at depth; career transition 2 with 3 expectations rated, all demonstrated (of its 17);
     placed on another grid;
     shadowing planned, coaching done.
  R  8 people, no band, an area this version does not know ("legal-odd"), directorate
     "Workforce", "Team Amber", no equality answers, started 1 Nov 2026, nothing signed.
Every count is 8 or more, so nothing is hidden and each is rounded: 12 -> 10, 9 -> 10,
8 -> 10, 17 -> 15, 21 -> 20, 29 -> 30.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from rmp_desktop.content.loader import load_builtin
from rmp_desktop.domain.report_facts import ANOTHER_GRID, NewestRecord, PersonInput, quarter_ends
from rmp_desktop.domain.report_model import TOTAL_LABEL, Breakdown, Column
from rmp_desktop.domain.report_tables import DEFINITIONS, REPORTS, SECTIONS, build_report

ON = date(2027, 6, 15)
ENDS = quarter_ends(ON)
MADE = datetime(2027, 6, 15, 8, 0, 0)
RECENT = ("2026-09-30", "2026-12-31", "2027-03-31", "2027-06-15")
RECENT_LABELS = ("Jul–Sept 2026", "Oct–Dec 2026", "Jan–Mar 2027", "Apr–Jun 2027 (to 15 Jun)")


@pytest.fixture(scope="module")
def packs():
    return load_builtin()


def newest_by(dates: list[date], end: date) -> date | None:
    return max((d for d in dates if d <= end), default=None)


def demonstrating(count: int, of: int) -> dict:
    return {f"e{i}": "demonstrating" if i < count else "developing" for i in range(of)}


def group_p(key: int, packs) -> PersonInput:
    appraisals = [date(2026, 1, 12), date(2027, 1, 10)]
    record = NewestRecord(date(2027, 1, 10), {
        "plan": {"objectives": [{"id": "o1", "edi": True, "measure": "Survey",
                                 "due": "2027-12-31"}]},
        "aspirations": {"directions": ["stretch", "breadth"]},
        "transition": {"transition": "transition-1", "expectations": demonstrating(10, 14)},
        "talent": {"included": True, "grid": packs.talent.id,
                   "manager": {"across": "growth-stretch", "up": "impact-strong"}},
        "wheel": {"avenues": {"coaching": "active", "mentoring": "planned"}}})
    return PersonInput(
        key=key, band="7", functional_area="hr-policy", directorate=" Workforce ",
        manager="Team Amber", equality={"sex": "female"},
        last_appraisal_at=tuple(newest_by(appraisals, e) for e in ENDS),
        last_career_at=tuple(newest_by([date(2027, 1, 10)], e) for e in ENDS),
        # Only the last five quarters gathered: the first three are padded with none held.
        held_in_quarter=(0, 0, 0, 1, 0), newest=record)


def group_q(key: int) -> PersonInput:
    record = NewestRecord(date(2025, 3, 1), {
        "plan": {"objectives": [{"id": "o1", "due": "2025-12-31"}]},
        "aspirations": {"directions": ["depth"]},
        # All three rated are demonstrated, but transition 2 has 17 expectations.
        "transition": {"transition": "transition-2", "expectations": demonstrating(3, 3)},
        "talent": {"included": True, "grid": "another.grid",
                   "manager": {"across": "growth-depth", "up": "impact-steady"}},
        "wheel": {"avenues": {"shadowing": "planned", "coaching": "done"}}})
    return PersonInput(
        key=key, band="8a", functional_area="edi", equality={"sex": "male"},
        last_appraisal_at=tuple(newest_by([date(2025, 3, 1)], e) for e in ENDS),
        last_career_at=(None,) * 8,
        # Ten quarters gathered: the two before the first counted are left out.
        held_in_quarter=(1, 1, 0, 0, 0, 0, 0, 0, 0, 0), newest=record)


def group_r(key: int) -> PersonInput:
    return PersonInput(key=key, band="", functional_area="legal-odd", directorate="Workforce",
                       manager="Team Amber", started=date(2026, 11, 1),
                       equality={"sex": PREFER_NOT_SAY}, held_in_quarter=(0, 0, 0))


PREFER_NOT_SAY = "prefer-not"


def population(packs) -> list[PersonInput]:
    return ([group_p(i, packs) for i in range(12)] + [group_q(100 + i) for i in range(9)]
            + [group_r(200 + i) for i in range(8)])


@pytest.fixture  # made afresh for each test, so each test reaches the rules it checks
def report(packs):
    return build_report(population(packs), ON, scope="a test", packs=packs, made_at=MADE,
                        made_by="rmp_desktop test")


def cells(table) -> dict[str, list[str]]:
    return {g: [table.cell_text(r, c) for c in range(len(table.columns))]
            for r, g in enumerate(table.groups)}


def test_the_report_as_a_whole(report):
    assert report.on == ON and report.made_at == MADE and report.scope == "a test"
    assert report.made_by == "rmp_desktop test"
    assert report.people == 30
    assert report.breakdowns == (
        Breakdown("band", "Band"), Breakdown("functional_area", "Functional area"),
        Breakdown("directorate", "Directorate"), Breakdown("manager", "Manager"),
        Breakdown("sex", "Sex", equality=True))
    assert report.sections == SECTIONS
    assert [s for s, _t in SECTIONS] == ["coverage", "aspirations", "readiness", "talent",
                                         "avenues", "trend_by_group", "trends"]
    assert report.notes == DEFINITIONS and len(DEFINITIONS) == 6
    assert [(t.section, t.breakdown) for t in report.tables] == [
        (s, b.id) for b in report.breakdowns for s, _t in SECTIONS[:-1]] + [("trends", "")]
    for table in report.tables:
        assert table.title == dict(SECTIONS)[table.section]
        assert table.group_title == ("Quarter" if table.section == "trends"
                                     else report.breakdown(table.breakdown).title)
        assert table.hidden_cells == 0
        assert table.has_total is (table.section != "trends")


def test_each_sections_note(report):
    notes = {t.section: t.note for t in report.tables if t.breakdown in ("band", "")}
    assert notes == {
        "coverage": "",
        "aspirations": "Directions may be combined, so they add up to more than the people "
                       "with a signed record.",
        "readiness": "People whose newest signed record names a career transition of the "
                     "High Potential Scheme, and of those, how many demonstrate most of its "
                     "expectations.",
        "talent": "Counts only, from the manager's placement in each newest signed record "
                  "that included the step; never shown for a person.",
        "avenues": "Share of people with a signed record who planned or actively pursue each "
                   "avenue.",
        "trend_by_group": "Appraisal in the last 12 months at each quarter's end.",
        "trends": "Everyone on the staff at each quarter's end (as far as start dates are "
                  "known), counted by the same rules as on the report's day."}


def test_coverage_by_band(report):
    table = report.table("coverage", "band")
    assert table.columns == (
        Column("people", "People"),
        Column("appraised", "Appraisal in the last 12 months", "people"),
        Column("career", "Career conversation in the last 12 months", "people"),
        Column("plan", "Signed plan in force", "people"),
        Column("edi", "Measurable EDI objective", "people"),
        Column("appraisal_overdue", "Appraisal overdue or never held", "people"),
        Column("plan_overdue", "Plan dates overdue", "people"))
    assert cells(table) == {
        "Band 7": ["10", "10 (100%)", "10 (100%)", "10 (100%)", "10 (100%)", "0 (0%)",
                   "0 (0%)"],
        "Band 8a": ["10", "0 (0%)", "0 (0%)", "0 (0%)", "0 (0%)", "10 (100%)", "10 (100%)"],
        "No band": ["10", "0 (0%)", "0 (0%)", "0 (0%)", "0 (0%)", "10 (100%)", "0 (0%)"],
        TOTAL_LABEL: ["30", "10 (33%)", "10 (33%)", "10 (33%)", "10 (33%)", "15 (50%)",
                      "10 (33%)"]}


def test_aspirations_by_band(report):
    table = report.table("aspirations", "band")
    assert table.columns == (
        Column("people", "People"), Column("has_record", "With a signed record", "people"),
        Column("depth", "Depth", "has_record", "grow in the current role"),
        Column("breadth", "Breadth", "has_record", "move across"),
        Column("stretch", "Stretch", "has_record", "step up"))
    assert cells(table) == {
        "Band 7": ["10", "10 (100%)", "0 (0%)", "10 (100%)", "10 (100%)"],
        "Band 8a": ["10", "10 (100%)", "10 (100%)", "0 (0%)", "0 (0%)"],
        "No band": ["10", "0 (0%)", "0 (*)", "0 (*)", "0 (*)"],
        TOTAL_LABEL: ["30", "20 (67%)", "10 (50%)", "10 (50%)", "10 (50%)"]}


def test_readiness_by_band_for_each_transition_of_the_pack(report):
    table = report.table("readiness", "band")
    assert table.columns == (
        Column("people", "People"),
        Column("aiming:transition-1", "Aiming at Career transition 1", "people"),
        Column("ready:transition-1", "Demonstrating most", "aiming:transition-1"),
        Column("aiming:transition-2", "Aiming at Career transition 2", "people"),
        Column("ready:transition-2", "Demonstrating most", "aiming:transition-2"))
    assert cells(table) == {
        "Band 7": ["10", "10 (100%)", "10 (100%)", "0 (0%)", "0 (*)"],
        "Band 8a": ["10", "0 (0%)", "0 (*)", "10 (100%)", "0 (0%)"],
        "No band": ["10", "0 (0%)", "0 (*)", "0 (0%)", "0 (*)"],
        TOTAL_LABEL: ["30", "10 (33%)", "10 (100%)", "10 (33%)", "0 (0%)"]}


def test_talent_by_band_in_the_grids_own_order_and_another_grid_last(report, packs):
    table = report.table("talent", "band")
    boxes = [b.name for b in packs.talent.boxes]
    assert table.columns == (
        Column("people", "People"), Column("placed", "Placed on the grid", "people"),
        *(Column(f"box:{b}", b, "placed") for b in [*boxes, ANOTHER_GRID]))
    rest = ["0 (0%)"] * 8
    assert boxes[-1] == "Ready to step up"
    assert cells(table) == {
        "Band 7": ["10", "10 (100%)", *rest, "10 (100%)", "0 (0%)"],
        "Band 8a": ["10", "10 (100%)", *rest, "0 (0%)", "10 (100%)"],
        "No band": ["10", "0 (0%)", *["0 (*)"] * 10],
        TOTAL_LABEL: ["30", "20 (67%)", *rest, "10 (50%)", "10 (50%)"]}


def test_avenues_by_band_for_every_avenue_of_the_wheel(report, packs):
    table = report.table("avenues", "band")
    avenues = [(a.id, a.name) for a in packs.wheel.avenues]
    assert table.columns == (
        Column("people", "People"), Column("has_record", "With a signed record", "people"),
        *(Column(f"avenue:{i}", name, "has_record") for i, name in avenues))
    ids = [i for i, _name in avenues]

    def row(people: str, record: str, used: dict[str, str], rest: str) -> list[str]:
        return [people, record, *(used.get(i, rest) for i in ids)]

    assert cells(table) == {
        "Band 7": row("10", "10 (100%)", {"coaching": "10 (100%)", "mentoring": "10 (100%)"},
                      "0 (0%)"),
        "Band 8a": row("10", "10 (100%)", {"shadowing": "10 (100%)"}, "0 (0%)"),
        "No band": row("10", "0 (0%)", {}, "0 (*)"),
        TOTAL_LABEL: row("30", "20 (67%)", {"coaching": "10 (50%)", "mentoring": "10 (50%)",
                                            "shadowing": "10 (50%)"}, "0 (0%)")}


def test_appraisal_coverage_over_the_last_year_by_band(report):
    table = report.table("trend_by_group", "band")
    columns = []
    for end, label in zip(RECENT, RECENT_LABELS, strict=True):
        columns += [Column(f"people:{end}", f"People, {label}"),
                    Column(f"appraised:{end}", f"Appraised, {label}", f"people:{end}")]
    assert table.columns == tuple(columns)
    # R started on 1 Nov 2026: not counted at the end of September.
    assert cells(table) == {
        "Band 7": ["10", "10 (100%)"] * 4,
        "Band 8a": ["10", "0 (0%)"] * 4,
        "No band": ["0", "0 (*)"] + ["10", "0 (0%)"] * 3,
        TOTAL_LABEL: ["20", "10 (50%)"] + ["30", "10 (33%)"] * 3}


def test_trends_by_quarter_for_everyone(report):
    table = report.table("trends")
    assert table.columns == (
        Column("people", "People"),
        Column("appraised", "Appraisal in the last 12 months", "people"),
        Column("career", "Career conversation in the last 12 months", "people"),
        Column("held", "Signed conversations held in the quarter"))
    assert table.groups == ("Jul–Sept 2025", "Oct–Dec 2025", "Jan–Mar 2026", "Apr–Jun 2026",
                            *RECENT_LABELS)
    # Q's 2025 appraisal is current until 1 Mar 2026; P's from 12 Jan 2026. Of P's
    # conversations only the last five quarters were gathered: the one of Jan-Mar 2027.
    assert [cells(table)[g] for g in table.groups] == [
        ["20", "10 (50%)", "0 (0%)", "0"], ["20", "10 (50%)", "0 (0%)", "0"],
        ["20", "10 (50%)", "0 (0%)", "0"], ["20", "10 (50%)", "0 (0%)", "0"],
        ["20", "10 (50%)", "0 (0%)", "0"], ["30", "10 (33%)", "0 (0%)", "0"],
        ["30", "10 (33%)", "10 (33%)", "10"], ["30", "10 (33%)", "10 (33%)", "0"]]


def test_organisation_breakdowns_list_known_groups_first_and_nothing_recorded_last(report):
    area = report.table("coverage", "functional_area")
    assert area.groups == ("HR policy", "Equality, diversity and inclusion", "legal-odd",
                           TOTAL_LABEL)
    assert [r[0] for r in cells(area).values()] == ["10", "10", "10", "30"]
    directorate = report.table("coverage", "directorate")
    assert directorate.groups == ("Workforce", "No directorate recorded", TOTAL_LABEL)
    assert cells(directorate)["Workforce"][:2] == ["20", "10 (50%)"]
    assert cells(directorate)["No directorate recorded"][:2] == ["10", "0 (0%)"]
    manager = report.table("aspirations", "manager")
    assert manager.groups == ("Team Amber", "No line manager recorded", TOTAL_LABEL)
    assert cells(manager)["Team Amber"] == ["20", "10 (50%)", "0 (0%)", "10 (100%)",
                                            "10 (100%)"]
    assert cells(manager)["No line manager recorded"][:3] == ["10", "10 (100%)", "10 (100%)"]
    assert manager.group_title == "Manager"


def test_an_equality_breakdown_lists_every_group_and_not_given_last(report):
    sex = report.table("readiness", "sex")
    assert sex.groups == ("Female", "Male", "Not given", TOTAL_LABEL)
    assert cells(sex) == {
        "Female": ["10", "10 (100%)", "10 (100%)", "0 (0%)", "0 (*)"],
        "Male": ["10", "0 (0%)", "0 (*)", "10 (100%)", "0 (0%)"],
        "Not given": ["10", "0 (0%)", "0 (*)", "0 (0%)", "0 (*)"],
        TOTAL_LABEL: ["30", "10 (33%)", "10 (100%)", "10 (33%)", "0 (0%)"]}


def test_without_equality_there_are_no_equality_breakdowns(packs):
    report = build_report(population(packs), ON, scope="", packs=packs, made_at=MADE,
                          equality=False)
    assert [b.id for b in report.breakdowns] == ["band", "functional_area", "directorate",
                                                 "manager"]
    assert report.made_by == ""


def test_one_report_on_its_own_has_only_its_sections(packs):
    people = population(packs)
    coverage = build_report(people, ON, scope="", packs=packs, made_at=MADE,
                            sections=REPORTS["coverage"])
    assert coverage.sections == (("coverage", "Coverage"),)
    assert {t.section for t in coverage.tables} == {"coverage"}
    assert cells(coverage.table("coverage", "sex"))["Female"][:2] == ["10", "10 (100%)"]
    pipeline = build_report(people, ON, scope="", packs=packs, made_at=MADE,
                            sections=REPORTS["pipeline"])
    assert [s for s, _t in pipeline.sections] == ["aspirations", "readiness", "talent",
                                                  "avenues"]
    assert cells(pipeline.table("talent", "band"))["Band 7"][:2] == ["10", "10 (100%)"]
    trends = build_report(people, ON, scope="", packs=packs, made_at=MADE,
                          sections=REPORTS["trends"])
    assert [t.section for t in trends.tables][-1] == "trends"
    assert {t.section for t in trends.tables} == {"trend_by_group", "trends"}
    assert cells(trends.table("trend_by_group", "band"))["No band"][:2] == ["0", "0 (*)"]
    talent_only = build_report(people, ON, scope="", packs=packs, made_at=MADE,
                               sections=("talent",))
    assert cells(talent_only.table("talent", "band"))["Band 8a"][-1] == "10 (100%)"


def test_without_packs_transitions_boxes_and_avenues_come_from_the_records(packs):
    report = build_report(population(packs), ON, scope="", made_at=MADE)
    readiness = report.table("readiness", "band")
    assert [c.label for c in readiness.columns] == [
        "People", "Aiming at transition-1", "Demonstrating most", "Aiming at transition-2",
        "Demonstrating most"]
    # Without the pack, readiness is out of the expectations rated: P 10 of 14 still most.
    assert cells(readiness)["Band 7"] == ["10", "10 (100%)", "10 (100%)", "0 (0%)", "0 (*)"]
    # ... and Q demonstrates all three rated, where the pack counts 3 of 17.
    assert cells(readiness)["Band 8a"] == ["10", "0 (0%)", "0 (*)", "10 (100%)", "10 (100%)"]
    talent = report.table("talent", "band")
    assert [c.key for c in talent.columns] == ["people", "placed", f"box:{ANOTHER_GRID}"]
    assert cells(talent)[TOTAL_LABEL] == ["30", "20 (67%)", "20 (100%)"]
    avenues = report.table("avenues", "band")
    assert [c.key for c in avenues.columns] == ["people", "has_record", "avenue:coaching",
                                                "avenue:mentoring", "avenue:shadowing"]
    assert [c.label for c in avenues.columns][2:] == ["coaching", "mentoring", "shadowing"]


def test_no_one_placed_means_no_talent_section(packs):
    people = [group_q(i) for i in range(9)]
    placed_nowhere = [PersonInput(**{**p.__dict__, "newest": NewestRecord(
        p.newest.held_on, {**p.newest.sections, "talent": {"included": False}})})
        for p in people]
    report = build_report(placed_nowhere, ON, scope="", packs=packs, made_at=MADE)
    assert report.table("talent", "band") is None
    assert report.table("avenues", "band") is not None
    assert report.breakdowns == (Breakdown("band", "Band"),
                                 Breakdown("functional_area", "Functional area"),
                                 Breakdown("sex", "Sex", equality=True))


def test_a_grid_that_holds_another_grid_box_by_name_lists_it_once(packs):
    # Without packs the boxes are those placed, sorted; ANOTHER_GRID is among them.
    people = [group_p(i, packs) for i in range(9)] + [group_q(100 + i) for i in range(9)]
    report = build_report(people, ON, scope="", made_at=MADE)
    assert [c.key for c in report.table("talent", "band").columns] == [
        "people", "placed", f"box:{ANOTHER_GRID}"]
    with_pack = build_report(people, ON, scope="", packs=packs, made_at=MADE)
    keys = [c.key for c in with_pack.table("talent", "band").columns]
    assert keys.count(f"box:{ANOTHER_GRID}") == 1 and keys[-1] == f"box:{ANOTHER_GRID}"
    only_grid = [group_p(i, packs) for i in range(9)]
    keys = [c.key for c in build_report(only_grid, ON, scope="", packs=packs, made_at=MADE)
            .table("talent", "band").columns]
    assert f"box:{ANOTHER_GRID}" not in keys and len(keys) == 11


def test_groups_not_known_in_advance_sort_without_case_or_accents():
    names = ["beta", "Éclair", "Zeta", "alpha", "Alpha", "delta"]
    people = [PersonInput(key=i * 10 + j, band="5", functional_area="hr-policy",
                          directorate=name, manager=name)
              for i, name in enumerate(names) for j in range(8)]
    report = build_report(people, ON, scope="", made_at=MADE, equality=False)
    for breakdown in ("directorate", "manager"):
        assert report.table("coverage", breakdown).groups == (
            "Alpha", "alpha", "beta", "delta", "Éclair", "Zeta", TOTAL_LABEL)
    assert report.table("coverage", "band").groups == ("Band 5", TOTAL_LABEL)
    assert report.people == 50


def test_bands_in_their_own_order_and_no_band_after_them():
    people = [PersonInput(key=i * 10 + j, band=band, functional_area="hr-policy")
              for i, band in enumerate(("", "VSM", "8a", "2")) for j in range(8)]
    report = build_report(people, ON, scope="", made_at=MADE)
    assert report.table("coverage", "band").groups == (
        "Band 2", "Band 8a", "Very senior manager", "No band", TOTAL_LABEL)


def test_a_small_total_hides_enough_of_its_groups():
    # Five people, all female: the total and Female are hidden, so Male's 0 may show.
    people = [PersonInput(key=i, band="5", functional_area="hr-policy",
                          equality={"sex": "female"}) for i in range(5)]
    report = build_report(people, ON, scope="", made_at=MADE)
    assert [r[0] for r in cells(report.table("coverage", "sex")).values()] == [
        "*", "0", "0", "*"]
    assert report.people is None


def test_a_quarter_of_few_people_hides_what_is_counted_of_them():
    people = [PersonInput(key=i, band="5", functional_area="hr-policy",
                          last_appraisal_at=(None,) * 8, last_career_at=(None,) * 8,
                          held_in_quarter=(0,) * 8) for i in range(5)]
    trends = build_report(people, ON, scope="", made_at=MADE).table("trends")
    assert [cells(trends)[g] for g in trends.groups] == [["*", "*", "*", "0"]] * 8


def test_nothing_recorded_is_listed_last_only_when_someone_is_in_it():
    people = [PersonInput(key=i, band="5", functional_area="hr-policy", directorate="Zeta",
                          manager="Team Zeta", equality={"sex": "female"}) for i in range(8)]
    report = build_report(people, ON, scope="", made_at=MADE)
    assert report.table("coverage", "directorate").groups == ("Zeta", TOTAL_LABEL)
    assert report.table("coverage", "manager").groups == ("Team Zeta", TOTAL_LABEL)
    assert report.table("coverage", "sex").groups == ("Female", "Male", "Not given",
                                                      TOTAL_LABEL)
    assert [r[0] for r in cells(report.table("coverage", "sex")).values()] == [
        "10", "0", "0", "10"]


def test_an_answer_given_only_as_prefer_not_to_say_makes_no_breakdown():
    people = [PersonInput(key=i, band="5", functional_area="hr-policy",
                          equality={"sex": "prefer-not", "disability": "yes" if i else ""})
              for i in range(8)]
    report = build_report(people, ON, scope="", made_at=MADE)
    assert [b.id for b in report.breakdowns] == ["band", "functional_area", "disability"]
    assert report.table("coverage", "disability").groups == ("Yes", "No", "Not given",
                                                             TOTAL_LABEL)
    assert cells(report.table("coverage", "disability"))["Yes"][0] == "*"


def test_a_report_made_without_a_time_is_stamped_now_to_the_second():
    before = datetime.now().replace(microsecond=0)
    report = build_report([], ON, scope="")
    assert before <= report.made_at <= datetime.now()
    assert report.made_at.microsecond == 0
    assert report.people == 0
