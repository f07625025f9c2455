"""A report's shape: its cells as a reader sees them, its JSON written and read back whole."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from rmp_desktop.domain.report_model import (
    FORMAT,
    FORMAT_VERSION,
    Breakdown,
    Column,
    Report,
    ReportDamaged,
    Table,
    from_json,
)

COVERAGE = Table(
    section="coverage", title="Coverage", breakdown="band", group_title="Band",
    groups=("Band 5", "Band 6", "All people"),
    columns=(Column("people", "People"), Column("appraised", "Appraised", "people", "held")),
    counts=((20, 10), (None, 0), (40, 20)), percents=((None, 50), (None, None), (None, 50)),
    note="A note.")
AREA = Table(
    section="coverage", title="Coverage", breakdown="functional_area",
    group_title="Functional area", groups=("HR policy", "All people"),
    columns=(Column("people", "People"),), counts=((35,), (40,)), percents=((None,), (None,)))
ASPIRATIONS = Table(
    section="aspirations", title="Aspirations", breakdown="band", group_title="Band",
    groups=("All people",), columns=(Column("people", "People"),), counts=((40,),),
    percents=((None,),))
TRENDS = Table(
    section="trends", title="Trends", breakdown="", group_title="Quarter",
    groups=("Jan–Mar 2027",), columns=(Column("people", "People"),), counts=((40,),),
    percents=((None,),), has_total=False)
REPORT = Report(
    on=date(2027, 5, 15), made_at=datetime(2027, 5, 15, 9, 30, 5, 123), scope="the team",
    people=40, breakdowns=(Breakdown("band", "Band"),
                           Breakdown("ethnicity_wres", "Ethnic group (White or minority ethnic)",
                                     equality=True)),
    tables=(TRENDS, ASPIRATIONS, AREA, COVERAGE), notes=("First note.", "Second note."),
    made_by="rmp_desktop 1.0",
    sections=(("coverage", "Coverage"), ("aspirations", "Aspirations"), ("trends", "Trends")))


def test_a_cell_reads_as_a_count_with_its_share_or_a_star():
    assert [COVERAGE.cell_text(r, c) for r in range(3) for c in range(2)] == [
        "20", "10 (50%)", "*", "0 (*)", "40", "20 (50%)"]
    assert COVERAGE.count("Band 5", "appraised") == 10
    assert COVERAGE.count("All people", "people") == 40
    assert COVERAGE.percent("All people", "appraised") == 50
    assert COVERAGE.percent("Band 6", "appraised") is None
    assert COVERAGE.column_index("appraised") == 1
    assert COVERAGE.hidden_cells == 1
    assert TRENDS.hidden_cells == 0


def test_a_breakdown_reads_mid_sentence():
    assert Breakdown("band", "Band").phrase == "band"
    assert REPORT.breakdowns[1].phrase == "ethnic group (White or minority ethnic)"
    assert Breakdown("x", "").phrase == ""
    assert Breakdown("x", "NHS band").phrase == "nHS band"


def test_finding_tables_breakdowns_and_section_titles():
    assert REPORT.table("coverage", "band") is COVERAGE
    assert REPORT.table("coverage", "functional_area") is AREA
    assert REPORT.table("trends") is TRENDS
    assert REPORT.table("coverage") is None
    assert REPORT.table("talent", "band") is None
    assert REPORT.tables_for("band") == [COVERAGE, ASPIRATIONS, TRENDS]
    assert REPORT.tables_for("functional_area") == [AREA, TRENDS]
    assert REPORT.breakdown("ethnicity_wres") is REPORT.breakdowns[1]
    assert REPORT.breakdown("sex") is None
    assert REPORT.section_title("aspirations") == "Aspirations"
    assert REPORT.section_title("talent") == "talent"


def test_tables_of_a_section_the_report_does_not_list_come_last():
    unlisted = Table(section="extra", title="Extra", breakdown="band", group_title="Band",
                     groups=(), columns=(), counts=(), percents=())
    report = Report(on=REPORT.on, made_at=REPORT.made_at, scope="", people=None,
                    breakdowns=(), tables=(unlisted, TRENDS, COVERAGE),
                    sections=(("coverage", "Coverage"), ("trends", "Trends")))
    assert report.tables_for("band") == [COVERAGE, TRENDS, unlisted]
    # Within a section, the breakdown's table before the whole population's ("" sorts first
    # otherwise, so this is the order of `t.breakdown` itself).
    same = Table(section="trends", title="T", breakdown="band", group_title="", groups=(),
                 columns=(), counts=(), percents=())
    report = Report(on=REPORT.on, made_at=REPORT.made_at, scope="", people=None,
                    breakdowns=(), tables=(same, TRENDS), sections=(("trends", "Trends"),))
    assert report.tables_for("band") == [TRENDS, same]


def test_the_json_form_in_full():
    data = json.loads(REPORT.to_json())
    assert data == {
        "format": "rmp-report", "format_version": 1, "on": "2027-05-15",
        "made_at": "2027-05-15T09:30:05", "made_by": "rmp_desktop 1.0", "scope": "the team",
        "people": 40,
        "suppression": "counts of 1 to 7 hidden (*), others rounded to the nearest 5; "
                       "percentages from the rounded counts",
        "sections": [{"id": "coverage", "title": "Coverage"},
                     {"id": "aspirations", "title": "Aspirations"},
                     {"id": "trends", "title": "Trends"}],
        "breakdowns": [{"id": "band", "title": "Band", "equality": False},
                       {"id": "ethnicity_wres",
                        "title": "Ethnic group (White or minority ethnic)", "equality": True}],
        "notes": ["First note.", "Second note."],
        "tables": data["tables"]}
    assert data["tables"][0] == {
        "section": "trends", "title": "Trends", "breakdown": "", "group_title": "Quarter",
        "note": "", "has_total": False,
        "columns": [{"key": "people", "label": "People", "percent_of": None, "help": ""}],
        "rows": [{"group": "Jan–Mar 2027", "counts": [40], "percents": [None]}]}
    assert data["tables"][3]["columns"][1] == {"key": "appraised", "label": "Appraised",
                                               "percent_of": "people", "help": "held"}
    assert data["tables"][3]["rows"][1] == {"group": "Band 6", "counts": [None, 0],
                                            "percents": [None, None]}
    assert data["tables"][3]["note"] == "A note." and data["tables"][3]["has_total"] is True
    assert (FORMAT, FORMAT_VERSION) == ("rmp-report", 1)


def test_the_json_is_compact_and_keeps_accents():
    text = REPORT.to_json()
    assert "–" in text and "\\u2013" not in text
    assert '"format":"rmp-report","format_version":1,' in text


def test_a_report_reads_back_equal_from_its_json():
    again = from_json(REPORT.to_json())
    assert again == Report(**{**REPORT.__dict__, "made_at": datetime(2027, 5, 15, 9, 30, 5)})
    assert from_json(REPORT.to_json().encode("utf-8")).tables == REPORT.tables


def good() -> dict:
    return json.loads(REPORT.to_json())


def damaged(change) -> str:
    data = good()
    change(data)
    return json.dumps(data)


def test_optional_fields_have_their_defaults_when_left_out():
    data = good()
    del data["made_by"]
    for table in data["tables"]:
        del table["note"], table["has_total"]
        for column in table["columns"]:
            del column["help"]
    again = from_json(json.dumps(data))
    assert again.made_by == ""
    assert again.tables[0].note == "" and again.tables[0].has_total is True
    assert again.tables[3].columns[1] == Column("appraised", "Appraised", "people", "")


def test_an_older_format_version_is_read():
    data = good()
    data["format_version"] = 0
    assert from_json(json.dumps(data)).people == 40
    data["format_version"] = "1"
    assert from_json(json.dumps(data)).people == 40


@pytest.mark.parametrize("value", [None, 0, 5, 1000])
def test_counts_that_suppression_can_give_are_read(value):
    assert from_json(damaged(lambda d: d.update(people=value))).people == value


@pytest.mark.parametrize("value", [0, 1, 99, 100, None])
def test_percentages_from_0_to_100_are_read(value):
    def change(d):
        d["tables"][3]["rows"][0]["percents"][1] = value
    assert from_json(damaged(change)).tables[3].percents[0][1] == value


SHAPE = ("The stored report is not in the shape this version reads ({}). Ask the store's "
         "administrators to prepare the reports again with this version.")


def refused(text: str | bytes) -> str:
    with pytest.raises(ReportDamaged) as caught:
        from_json(text)
    return str(caught.value)


def test_text_that_is_not_json_is_refused_in_words():
    assert refused("{not json") == ("The stored report is not readable JSON. Ask the store's "
                                    "administrators to prepare the reports again.")
    assert refused(b"\xff\xfe{") .startswith("The stored report is not readable JSON.")


def set_count(value):
    def change(d):
        d["tables"][3]["rows"][0]["counts"][0] = value
    return change


def set_percent(value):
    def change(d):
        d["tables"][3]["rows"][0]["percents"][1] = value
    return change


@pytest.mark.parametrize(("change", "kind"), [
    (lambda d: d.update(format="rmp-record"), "ValueError"),
    (lambda d: d.update(format_version=2), "ValueError"),
    (lambda d: d.update(on="15/05/2027"), "ValueError"),
    (lambda d: d.update(on=""), "ValueError"),
    (lambda d: d.update(made_at="yesterday"), "ValueError"),
    (lambda d: d.pop("scope"), "KeyError"),
    (lambda d: d.pop("notes"), "KeyError"),
    (lambda d: d.update(people=7), "ValueError"),
    (lambda d: d.update(people=-5), "ValueError"),
    (lambda d: d.update(people=True), "ValueError"),
    (lambda d: d.update(people=10.0), "ValueError"),
    (lambda d: d.update(people="10"), "ValueError"),
    (set_count(19), "ValueError"),
    (set_count(False), "ValueError"),
    (set_percent(101), "ValueError"),
    (set_percent(-1), "ValueError"),
    (set_percent(True), "ValueError"),
    (set_percent(50.0), "ValueError"),
    (lambda d: d["tables"][3]["rows"][0]["counts"].append(5), "ValueError"),
    (lambda d: d["tables"][3]["rows"][0]["percents"].pop(), "ValueError"),
    (lambda d: d["tables"][3]["columns"][0].pop("percent_of"), "KeyError"),
    (lambda d: d["breakdowns"][0].pop("equality"), "KeyError"),
    (lambda d: d.update(tables=None), "TypeError"),
    (lambda d: d.update(sections=[["coverage", "Coverage"]]), "TypeError"),
    (lambda d: d["tables"][0].update(rows=[{"group": "x"}]), "KeyError"),
])
def test_a_report_not_in_the_shape_is_refused_saying_why(change, kind):
    assert refused(damaged(change)) == SHAPE.format(kind)


def test_a_report_that_is_not_an_object_is_refused():
    assert refused("[]") == SHAPE.format("TypeError")
    assert refused('"text"') == SHAPE.format("TypeError")
