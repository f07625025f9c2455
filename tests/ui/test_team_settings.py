"""Window size, splitter and columns are remembered in the data folder's INI file."""

from __future__ import annotations

from PySide6.QtCore import Qt

from rmp_desktop.ui.team_model import TeamColumn
from tests.ui.conftest import open_window


def test_layout_is_remembered_between_runs(window, context, paths, qtbot):
    window.resize(780, 560)  # inside the offscreen screen, so nothing is clamped
    default = window.splitter.sizes()
    window.splitter.setSizes([default[0] - 40, default[1] + 40])  # the handle dragged left
    sizes = window.splitter.sizes()
    assert sizes != default
    window.team.table.setColumnWidth(TeamColumn.JOB_TITLE, 333)
    window.team.table.sortByColumn(TeamColumn.BAND, Qt.SortOrder.DescendingOrder)
    size = window.size()
    window.close()
    assert paths.settings.is_file()

    again = open_window(qtbot, context)
    assert again.size() == size
    assert again.splitter.sizes() == sizes
    assert again.team.table.columnWidth(TeamColumn.JOB_TITLE) == 333
    header = again.team.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        TeamColumn.BAND, Qt.SortOrder.DescendingOrder)
    assert again.model.index(0, TeamColumn.BAND).data() == "VSM"


def test_settings_are_an_ini_file_in_the_data_folder_not_the_registry(window, paths):
    window.close()
    text = paths.settings.read_text(encoding="utf-8")
    assert "[main_window]" in text and "splitter=" in text
