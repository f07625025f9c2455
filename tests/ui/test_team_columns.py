"""The team's columns fill the table's width, so nothing scrolls sideways; the user may hide
columns (People > Columns shown, or the header's own menu) and size them, and both are kept."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from rmp_desktop.ui.team_model import COLUMN_TITLES, TeamColumn
from tests.ui.conftest import open_window


def columns_fill_the_width(window) -> None:
    table = window.team.table
    header = table.horizontalHeader()
    QApplication.processEvents()
    assert not table.horizontalScrollBar().isVisible()
    assert header.length() <= table.viewport().width()
    metrics = header.fontMetrics()
    for column in TeamColumn:
        if not header.isSectionHidden(column):  # never narrower than its own title
            assert header.sectionSize(column) >= metrics.horizontalAdvance(COLUMN_TITLES[column])


def test_columns_fit_a_narrow_window_and_give_a_wide_one_to_the_long_texts(window, qtbot):
    window.resize(1500, 560)
    qtbot.waitUntil(lambda: window.team.table.viewport().width() > 800)
    columns_fill_the_width(window)
    wide_title = window.team.table.columnWidth(TeamColumn.JOB_TITLE)
    window.resize(980, 560)
    qtbot.waitUntil(lambda: window.team.table.viewport().width() < 620)
    columns_fill_the_width(window)
    table = window.team.table
    assert table.columnWidth(TeamColumn.JOB_TITLE) < wide_title
    # The names give up width last.
    assert table.columnWidth(TeamColumn.NAME) >= table.columnWidth(TeamColumn.JOB_TITLE)


def test_a_column_hidden_from_the_menu_stays_hidden_next_time(window, context, qtbot):
    window.resize(980, 560)
    [area] = [a for a in window.columns_menu.actions() if a.text() == "Functional area"]
    assert area.isChecked()
    area.trigger()
    header = window.team.table.horizontalHeader()
    assert header.isSectionHidden(TeamColumn.FUNCTIONAL_AREA)
    assert area in header.actions()  # the same choice on the header's own menu
    columns_fill_the_width(window)
    window.close()

    again = open_window(qtbot, context)
    [area] = [a for a in again.columns_menu.actions() if a.text() == "Functional area"]
    assert again.team.table.horizontalHeader().isSectionHidden(TeamColumn.FUNCTIONAL_AREA)
    assert not area.isChecked()
    area.trigger()
    assert not again.team.table.horizontalHeader().isSectionHidden(TeamColumn.FUNCTIONAL_AREA)


def test_columns_fitted_on_a_wide_window_are_fitted_again_on_a_narrow_one(window, context, qtbot):
    window.resize(1500, 560)
    qtbot.waitUntil(lambda: window.team.table.viewport().width() > 800)
    window.close()
    again = open_window(qtbot, context)
    again.resize(980, 560)
    qtbot.waitUntil(lambda: again.team.table.viewport().width() < 620)
    columns_fill_the_width(again)  # not the wide window's widths, remembered
