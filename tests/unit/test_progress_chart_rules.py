"""The progress chart's data: which records, which rows, which values (known answers)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from rmp_desktop.content.loader import load_builtin
from rmp_desktop.domain.progress import ChartRow, ProgressChart, SignedDocument, progress_chart


@pytest.fixture(scope="module")
def core():
    return load_builtin().competency


@pytest.fixture(scope="module")
def frameworks(core):
    other = dataclasses.replace(core, id="other.framework", title="Another framework")
    found = {"": core, core.id: core, other.id: other}
    return found.get


def record(held_on: date, uid: str, ratings: dict | None = None, framework: str = "",
           avenues: dict | None = None) -> SignedDocument:
    return SignedDocument(held_on, uid, {
        "competencies": {"framework": framework, "ratings": ratings or {}},
        "wheel": {"avenues": avenues or {}}})


def test_nothing_signed_is_an_empty_chart(frameworks):
    chart = progress_chart([], frameworks)
    assert chart == ProgressChart((), (), "")
    assert chart.empty and chart.lines() == [] and chart.stacked_columns() == ()


def test_one_column_per_record_oldest_first_with_the_agreed_rating(core, frameworks):
    records = [
        record(date(2027, 1, 9), "b", {"strategic-operator": {"self": 2, "manager": 3}},
               avenues={"coaching": "active", "mentoring": "done", "shadowing": "planned"}),
        record(date(2026, 10, 6), "a", {"strategic-operator": {"self": 1},
                                         "hr-od-expert": {"manager": 4}}),
    ]
    chart = progress_chart(records, frameworks)
    assert chart.columns == ("6 Oct 2026", "9 Jan 2027")
    assert chart.framework == "HR and OD core competency framework"
    assert not chart.empty
    assert [r.label for r in chart.rows] == [a.name for a in core.areas] + [
        "Avenues pursued or done"]
    assert chart.rows[0] == ChartRow(core.areas[0].name, (1, 3), 4)
    assert chart.rows[1] == ChartRow(core.areas[1].name, (4, None), 4)
    assert chart.rows[-1] == ChartRow("Avenues pursued or done", (0, 2), 4)
    assert chart.lines()[0] == f"{core.areas[0].name}: 6 Oct 2026: 1, 9 Jan 2027: 3"
    assert chart.lines()[-1] == "Avenues pursued or done: 6 Oct 2026: 0, 9 Jan 2027: 2"
    assert chart.lines()[2] == f"{core.areas[2].name}: 6 Oct 2026: –, 9 Jan 2027: –"
    assert chart.stacked_columns() == (("6 Oct", "2026"), ("9 Jan", "2027"))


def test_only_the_newest_six_records_and_a_shared_day_ordered_by_uid(frameworks):
    records = [record(date(2020 + i, 5, 1), f"u{i}", {"change-catalyst": {"self": 1 + i % 4}})
               for i in range(8)]
    records.append(record(date(2027, 5, 1), "a-same-day", {"change-catalyst": {"self": 4}}))
    chart = progress_chart(records, frameworks)
    assert chart.columns == ("1 May 2023", "1 May 2024", "1 May 2025", "1 May 2026",
                             "1 May 2027", "1 May 2027")
    row = next(r for r in chart.rows if r.label == "Change Catalyst")
    assert row.values == (4, 1, 2, 3, 4, 4)
    assert progress_chart(records, frameworks, limit=2).columns == ("1 May 2027", "1 May 2027")
    # The uid breaks the tie: "a-same-day" sorts before "u7", so u7 is the newest.
    newest_first = progress_chart(records[::-1], frameworks, limit=1)
    assert newest_first.rows[-1].values == (0,)
    assert [r.values for r in newest_first.rows if r.label == "Change Catalyst"] == [(4,)]


def test_a_rating_against_another_framework_is_not_comparable(core, frameworks):
    records = [record(date(2026, 1, 1), "a", {"change-catalyst": {"manager": 2}},
                      framework="other.framework"),
               record(date(2027, 1, 1), "b", {"change-catalyst": {"manager": 3}},
                      framework=core.id)]
    chart = progress_chart(records, frameworks)
    assert [r.values for r in chart.rows if r.label == "Change Catalyst"] == [(None, 3)]
    # The newest record's framework decides the rows; the older core record is not comparable.
    flipped = [dataclasses.replace(records[0], held_on=date(2028, 1, 1)), records[1]]
    chart = progress_chart(flipped, frameworks)
    assert chart.framework == "Another framework"
    assert [r.values for r in chart.rows if r.label == "Change Catalyst"] == [(None, 2)]


def test_a_framework_no_longer_known_leaves_only_the_wheel(frameworks):
    records = [record(date(2027, 1, 1), "a", {"change-catalyst": {"manager": 3}},
                      framework="retired.framework", avenues={"coaching": "done"})]
    chart = progress_chart(records, frameworks)
    assert chart.framework == ""
    assert chart.rows == (ChartRow("Avenues pursued or done", (1,), 4),)


def test_records_without_competencies_or_wheel_still_chart(core, frameworks):
    chart = progress_chart([SignedDocument(date(2027, 2, 3), "a", {})], frameworks)
    assert chart.framework == core.title
    assert chart.rows[-1] == ChartRow("Avenues pursued or done", (0,), 4)
    assert all(r.values == (None,) for r in chart.rows[:-1])


def test_the_wheel_scale_grows_past_four_with_the_most_avenues_pursued(frameworks):
    many = {a: "active" for a in ("coaching", "mentoring", "networks", "shadowing",
                                  "volunteering")}
    chart = progress_chart([record(date(2026, 1, 1), "a", avenues=many),
                            record(date(2027, 1, 1), "b", avenues={"coaching": "done"})],
                           frameworks)
    assert chart.rows[-1] == ChartRow("Avenues pursued or done", (5, 1), 5)


def test_stacked_columns_keep_a_title_without_a_space_whole():
    chart = ProgressChart(("Undated", "6 Oct 2026"), (), "")
    assert chart.stacked_columns() == (("Undated", ""), ("6 Oct", "2026"))
