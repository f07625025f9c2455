"""Report numbers against a population counted by hand (fictional, no names: reports have none).

On 15 Jun 2027, forty people:
  A  20 people, band 5, employee relations: appraisals signed on 5 Jan 2026 and 10 Jan 2027;
     career conversations (held with the 2027 appraisal) for 10 of them; the 2027 plan has an
     objective due 31 Dec 2027, a measurable EDI objective for 12 of them. Ethnic group: 10
     White British, 10 Black African.
  B  17 people, band 6, HR policy: one appraisal, 1 Mar 2025, whose plan's objective was due
     31 Dec 2025 (overdue). Ethnic group: 15 White British, 2 Indian.
  C  3 people, band 8a, HR policy: nothing signed. Ethnic group: 1 Black Caribbean, 2 not
     given (one preferred not to say).
"""

from __future__ import annotations

from datetime import date

import pytest

from rmp_desktop.domain.report_facts import NewestRecord, PersonInput, quarter_ends
from rmp_desktop.domain.report_model import TOTAL_LABEL, from_json
from rmp_desktop.domain.report_tables import build_report

ON = date(2027, 6, 15)
ENDS = quarter_ends(ON)


def newest_by(dates: list[date], end: date) -> date | None:
    return max((d for d in dates if d <= end), default=None)


def person(key: int, band: str, area: str, appraisals: list[date], careers: list[date],
           plan: dict | None, ethnic: str | None) -> PersonInput:
    held = sorted(set(appraisals) | set(careers))
    starts = [date(e.year, 3 * ((e.month - 1) // 3) + 1, 1) for e in ENDS]
    return PersonInput(
        key=key, band=band, functional_area=area,
        equality={"ethnic_group": ethnic} if ethnic else {},
        last_appraisal_at=tuple(newest_by(appraisals, e) for e in ENDS),
        last_career_at=tuple(newest_by(careers, e) for e in ENDS),
        held_in_quarter=tuple(sum(1 for d in held if s <= d <= e)
                              for s, e in zip(starts, ENDS, strict=True)),
        newest=NewestRecord(held[-1], {"plan": plan}) if plan is not None else None)


def objective(due: str, edi: bool) -> dict:
    return {"id": "o1", "text": "An objective", "measure": "How it is known", "due": due,
            "edi": edi}


@pytest.fixture(scope="module")
def report():
    people = []
    for i in range(20):
        people.append(person(
            i, "5", "employee-relations", [date(2026, 1, 5), date(2027, 1, 10)],
            [date(2027, 1, 10)] if i < 10 else [],
            {"objectives": [objective("2027-12-31", i < 12)], "actions": []},
            "white-british" if i % 2 == 0 else "black-african"))
    for i in range(17):
        people.append(person(
            100 + i, "6", "hr-policy", [date(2025, 3, 1)], [],
            {"objectives": [objective("2025-12-31", True)], "actions": []},
            "white-british" if i < 15 else "asian-indian"))
    for i, ethnic in enumerate(("black-caribbean", "prefer-not", None)):
        people.append(person(200 + i, "8a", "hr-policy", [], [], None, ethnic))
    return build_report(people, ON, scope="a test")


def row(table, group):
    return [table.cell_text(table.groups.index(group), c) for c in range(len(table.columns))]


def test_coverage_by_band_hides_the_group_of_three_and_what_would_give_it_away(report):
    table = report.table("coverage", "band")
    assert [c.key for c in table.columns] == ["people", "appraised", "career", "plan", "edi",
                                              "appraisal_overdue", "plan_overdue"]
    assert table.groups == ("Band 5", "Band 6", "Band 8a", TOTAL_LABEL)
    # Band 8a (3 people) is hidden whole; one more count in each column hides it from
    # subtraction: band 6's people, and band 5's appraisals, career conversations, plans and
    # EDI objectives (band 6 has none of those to hide instead).
    assert row(table, "Band 5") == ["20", "*", "*", "*", "*", "0 (0%)", "0 (0%)"]
    assert row(table, "Band 6") == ["*", "0 (*)", "0 (*)", "0 (*)", "0 (*)", "*", "*"]
    assert row(table, "Band 8a") == ["*"] * 7
    assert row(table, TOTAL_LABEL) == ["40", "20 (50%)", "10 (25%)", "20 (50%)", "10 (25%)",
                                       "20 (50%)", "15 (38%)"]


def test_every_section_counts_everyone_and_the_pipeline_reads_the_newest_record(report):
    aspirations = report.table("aspirations", "functional_area")
    # Employee relations: group A, all with a signed record; HR policy: B with, C without.
    assert row(aspirations, "Employee relations")[:2] == ["20", "20 (100%)"]
    assert row(aspirations, "HR policy")[:2] == ["20", "15 (75%)"]
    for section in ("readiness", "avenues"):
        assert report.table(section, "band").counts[-1][0] == 40
    assert report.table("talent", "band") is None, "no one placed on the grid: not used"


def test_equality_breakdowns_count_only_answers_given(report):
    table = report.table("coverage", "ethnic_heading")
    assert table.groups == ("White", "Mixed or multiple ethnic groups", "Asian or Asian British",
                            "Black, Black British, Caribbean or African", "Other ethnic group",
                            "Not given", TOTAL_LABEL)
    # White: 10 of A and 15 of B; Black: 10 of A and 1 of C; Asian 2; not given 2. Five of
    # each of A's halves had a career conversation: hidden.
    assert row(table, "White")[:3] == ["25", "10 (40%)", "*"]
    assert row(table, "Black, Black British, Caribbean or African")[:3] == [
        "10", "10 (100%)", "*"]
    assert row(table, "Asian or Asian British") == ["*"] * 7
    assert row(table, "Not given") == ["*"] * 7
    assert row(table, "Mixed or multiple ethnic groups")[0] == "0"
    wres = report.table("coverage", "ethnicity_wres")
    # 13 in minority ethnic groups; with the 2 not given hidden, it is hidden too.
    assert [row(wres, g)[0] for g in wres.groups] == ["25", "*", "*", "40"]
    assert report.breakdown("disability") is None, "no one gave it: no breakdown"


def test_trends_by_quarter(report):
    trends = report.table("trends")
    assert trends.groups[0] == "Jul–Sept 2025" and trends.groups[-1] == "Apr–Jun 2027 (to 15 Jun)"
    appraised = [trends.cell_text(r, 1) for r in range(len(trends.groups))]
    # B's 2025 appraisal lasts until 1 Mar 2026; A's January appraisals from 2026 on.
    assert appraised == ["15 (38%)", "15 (38%)", "20 (50%)", "20 (50%)", "20 (50%)",
                         "20 (50%)", "20 (50%)", "20 (50%)"]
    held = [trends.counts[r][3] for r in range(len(trends.groups))]
    assert held == [0, 0, 20, 0, 0, 0, 20, 0]


def test_the_report_survives_its_own_json_and_refuses_a_true_count(report):
    again = from_json(report.to_json())
    assert again.tables == report.tables and again.on == ON
    tampered = report.to_json().replace('"counts":[20,', '"counts":[19,', 1)
    with pytest.raises(ValueError, match="not in the shape"):
        from_json(tampered)
