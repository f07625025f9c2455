"""The reports' charts as data: each bar's and point's figure, and the chart read out in words."""

from __future__ import annotations

from datetime import date, datetime

from rmp_desktop.domain.report_charts import (
    HIDDEN_WORDS,
    Bar,
    BarChart,
    LineChart,
    Series,
    bar_chart,
    charts_for,
    trend_chart,
)
from rmp_desktop.domain.report_model import Breakdown, Column, Report, Table

COVERAGE = Table(
    section="coverage", title="Coverage", breakdown="band", group_title="Band",
    groups=("Band 5", "Band 6", "Band 7", "All people"),
    columns=(Column("people", "People"), Column("appraised", "Appraised", "people"),
             Column("edi", "EDI", "people")),
    counts=((20, 10, 0), (None, 0, None), (0, 0, 0), (40, 20, 5)),
    percents=((None, 50, 0), (None, None, None), (None, None, None), (None, 50, 13)))
ASPIRATIONS = Table(
    section="aspirations", title="Aspirations", breakdown="band", group_title="Band",
    groups=("Band 5", "All people"),
    columns=(Column("people", "People"), Column("has_record", "With a record", "people"),
             Column("stretch", "Stretch", "has_record")),
    counts=((20, None, 10), (40, 30, 15)), percents=((None, None, None), (None, 75, 50)))
TRENDS = Table(
    section="trends", title="Trends by quarter", breakdown="", group_title="Quarter",
    groups=("Jan–Mar 2027", "Apr–Jun 2027 (to 15 May)"),
    columns=(Column("people", "People"), Column("appraised", "Appraised", "people"),
             Column("career", "Career", "people")),
    counts=((40, 20, None), (40, 30, 10)), percents=((None, 50, None), (None, 75, 25)),
    has_total=False)


def report(*tables: Table, breakdowns: tuple[Breakdown, ...] = ()) -> Report:
    return Report(on=date(2027, 5, 15), made_at=datetime(2027, 5, 15, 9), scope="a test",
                  people=40, breakdowns=breakdowns, tables=tables)


def test_a_bar_per_group_with_its_share_and_the_total_marked():
    chart = bar_chart(COVERAGE, "appraised", "Appraised, by band")
    assert chart == BarChart("Appraised, by band", (
        Bar("Band 5", 50, False), Bar("Band 6", None, True), Bar("Band 7", None, False),
        Bar("All people", 50, False, total=True)))
    assert [b.text for b in chart.bars] == ["50%", "*", "–", "50%"]
    assert chart.lines() == ["Appraised, by band.", "Band 5: 50%",
                             f"Band 6: {HIDDEN_WORDS}", "Band 7: –", "All people: 50%"]
    assert HIDDEN_WORDS == "hidden (small numbers)"


def test_a_bar_is_hidden_when_its_base_is_hidden_even_if_its_count_is_not():
    chart = bar_chart(ASPIRATIONS, "stretch", "Stretch")
    assert chart.bars[0] == Bar("Band 5", None, True)
    assert chart.bars[1] == Bar("All people", 50, False, total=True)
    # A column that is no share of another is its own base.
    people = bar_chart(COVERAGE, "people", "People")
    assert [b.hidden for b in people.bars] == [False, True, False, False]
    assert [b.percent for b in people.bars] == [None, None, None, None]


def test_a_table_without_a_total_has_no_total_bar():
    chart = bar_chart(TRENDS, "appraised", "Trend")
    assert [b.total for b in chart.bars] == [False, False]
    assert [b.hidden for b in chart.bars] == [False, False]
    assert [b.hidden for b in bar_chart(TRENDS, "career", "Trend").bars] == [True, False]


def test_the_trend_chart_has_two_series_told_apart_without_colour():
    chart = trend_chart(TRENDS)
    assert chart == LineChart("Trends by quarter", ("Jan–Mar 2027", "Apr–Jun 2027"), (
        Series("Appraisal in the last 12 months", (50, 75), False, "circle"),
        Series("Career conversation in the last 12 months", (None, 25), True, "square")))
    assert chart.lines() == [
        "Trends by quarter.",
        "Appraisal in the last 12 months: Jan–Mar 2027 50%, Apr–Jun 2027 75%",
        "Career conversation in the last 12 months: Jan–Mar 2027 *, Apr–Jun 2027 25%"]


def test_the_charts_of_a_breakdown_in_section_order_with_their_titles():
    band = Breakdown("band", "Band")
    found = charts_for(report(COVERAGE, ASPIRATIONS, TRENDS, breakdowns=(band,)), "band")
    assert [(section, chart.title) for section, chart in found] == [
        ("coverage", "Appraisal in the last 12 months, by band"),
        ("coverage", "Measurable EDI objective, by band"),
        ("aspirations", "Stretch: share of people with a signed record, by band"),
        ("trends", "Trends by quarter")]
    assert [b.percent for b in found[1][1].bars] == [0, None, None, 13]
    assert [b.percent for b in found[2][1].bars] == [None, 50]
    assert isinstance(found[3][1], LineChart)


def test_a_breakdown_not_in_the_report_gives_titles_without_by_and_missing_tables_no_chart():
    found = charts_for(report(COVERAGE), "band")
    assert [chart.title for _s, chart in found] == ["Appraisal in the last 12 months",
                                                    "Measurable EDI objective"]
    assert charts_for(report(TRENDS), "band")[0][0] == "trends"
    assert len(charts_for(report(TRENDS), "band")) == 1
    assert charts_for(report(), "band") == []
    ethnic = Breakdown("ethnic_heading", "Ethnic group", equality=True)
    titles = [c.title for _s, c in charts_for(report(COVERAGE, breakdowns=(ethnic,)),
                                              "ethnic_heading")]
    assert titles == [], "the coverage table here is the band's, not the ethnic group's"
