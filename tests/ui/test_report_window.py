"""The organisation window, driven as a person would: opened from the View menu, broken down
by the keyboard, saved as a PDF and a CSV; every figure the one the report source gives."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from benchmarks.report_population import load_sqlite, make
from rmp_desktop.content.loader import load_builtin
from rmp_desktop.domain.dates import display_date
from rmp_desktop.domain.report_facts import quarter_label
from rmp_desktop.storage.models import AuditEntry
from rmp_desktop.storage.report_source import load_report
from rmp_desktop.ui.accessibility import clashing_mnemonics, unnamed_controls
from rmp_desktop.ui.report_chart import ReportChartWidget

ON = date.today()  # the window's day can be no later than today


@pytest.fixture
def organisation(paths, store):
    """Two hundred fictional people with five years of records, in the test's store."""
    load_sqlite(paths.store, make(200, 1200, on=ON))
    return load_report(store.location, ON, load_builtin()).report


@pytest.fixture
def reports(qtbot, organisation, empty_window):
    action = empty_window.reports_action
    assert action.shortcut().toString() == "Ctrl+Shift+R"
    action.trigger()
    opened = empty_window.reports_window
    qtbot.addWidget(opened)
    qtbot.waitSignal(opened.loaded, timeout=20000).wait()
    return opened


def test_the_window_shows_the_reports_figures_and_nothing_finer(reports, organisation, qtbot):
    assert "200 people" in reports.subtitle.text()
    assert display_date(ON) in reports.subtitle.text()
    coverage = organisation.table("coverage", "band")
    rows = reports.table_rows(0)
    assert [r[0] for r in rows] == list(coverage.groups)
    assert rows[-1][1:] == [coverage.cell_text(len(coverage.groups) - 1, c)
                            for c in range(len(coverage.columns))]
    every_cell = [cell for row in rows for cell in row[1:]]
    assert all(c == "*" or c.split(" ")[0].isdigit() and int(c.split(" ")[0]) % 5 == 0
               for c in every_cell)
    charts = reports.tabs.widget(0).findChildren(ReportChartWidget)
    assert [c.chart.title for c in charts] == ["Appraisal in the last 12 months, by band",
                                               "Measurable EDI objective, by band"]
    assert "All people:" in charts[0].accessibleDescription()


def test_breaking_down_by_ethnic_group_with_the_keyboard(reports, organisation, qtbot):
    reports.breakdown.setFocus()
    wanted = reports.breakdown.findData("ethnic_heading")
    while reports.breakdown.currentIndex() != wanted:
        qtbot.keyClick(reports.breakdown, Qt.Key.Key_Down)
    assert reports.current_breakdown() == "ethnic_heading"
    table = organisation.table("coverage", "ethnic_heading")
    rows = reports.table_rows(0)
    assert [r[0] for r in rows] == list(table.groups)
    assert rows[-2][0] == "Not given"
    hidden = [(r, c) for r, row in enumerate(rows) for c, cell in enumerate(row) if cell == "*"]
    assert hidden, "two hundred people still leave some ethnic groups too small to show"
    view = reports.tabs.widget(0).findChild(QTableView)
    r, c = hidden[0]
    model = view.model()
    assert "1 to 7" in model.data(model.index(r, c), Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(r, c), Qt.ItemDataRole.AccessibleTextRole) == "hidden"
    for _ in range(reports.tabs.count() - 1):
        qtbot.keyClick(reports.tabs.tabBar(), Qt.Key.Key_Right)
    assert reports.tabs.tabText(reports.tabs.currentIndex()) == "&Trends"
    assert reports.table_rows()[-1][0].startswith(quarter_label(ON, ON))


def test_working_out_again_as_at_an_earlier_day(reports, qtbot):
    year_ago = ON.replace(year=ON.year - 1) if (ON.month, ON.day) != (2, 29) else \
        ON.replace(year=ON.year - 1, day=28)
    reports.on.setFocus()
    reports.on.selectAll()
    qtbot.keyClicks(reports.on, display_date(year_ago))
    with qtbot.waitSignal(reports.loaded, timeout=20000):
        qtbot.keyClick(reports.refresh_button, Qt.Key.Key_Space)
    assert display_date(year_ago) in reports.subtitle.text()


def test_a_day_that_cannot_be_read_is_said_and_the_figures_stay(reports, qtbot):
    shown = reports.table_rows(0)
    reports.on.setFocus()
    reports.on.selectAll()
    qtbot.keyClicks(reports.on, "the first of never")
    qtbot.keyClick(reports.refresh_button, Qt.Key.Key_Space)
    assert "people" not in reports.subtitle.text()
    assert reports.subtitle.text().strip()
    assert reports.table_rows(0) == shown


def test_saving_a_pdf_and_a_csv_through_the_destination_rules(reports, tmp_path, store, qtbot):
    with qtbot.waitSignal(reports.saved) as pdf:
        reports.save(tmp_path / "report.pdf", kind="pdf")
    assert pdf.args[0].read_bytes().startswith(b"%PDF")
    with qtbot.waitSignal(reports.saved) as csv:
        reports.save(tmp_path / "report.csv", kind="csv")
    text = csv.args[0].read_text(encoding="utf-8-sig")
    assert text.startswith('"as at","figures for","section"')
    assert "Ethnic group" in text and "=" not in text
    again = reports.save(tmp_path / "report.csv", kind="csv")  # asks before replacing
    assert again is reports.open_dialog and "Replace report.csv?" in again.text()
    again.reject()
    with store.sessions() as session:
        events = [e.event for e in session.query(AuditEntry).order_by(AuditEntry.id)]
    assert events[-2:] == ["report_exported", "report_exported"]
    refused = reports.save(tmp_path / "report.txt", kind="csv")
    assert refused is None and "neither .pdf nor .csv" in reports.open_dialog.text()


def test_every_control_is_named_and_no_two_share_an_alt_key(reports):
    assert [type(w).__name__ for w in unnamed_controls(reports)] == []
    assert clashing_mnemonics(reports) == {}
