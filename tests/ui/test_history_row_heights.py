"""The history's rows are measured from their text once, yet stay exactly as tall as Qt's own
measure of their wrapped words, when the list is narrowed and when the font grows."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtWidgets import QHeaderView

from rmp_desktop.domain.conversation import Kind, Status
from rmp_desktop.storage.conversation_repo import ConversationMeta
from rmp_desktop.ui.conversation_history import ConversationHistory, HistoryColumn

REASON = ("The agreed objectives for the workforce plan were recorded against the wrong "
          "quarter, and the learning budget figure was missing a zero")


def _meta(n: int, status: Status, *, version: int = 1, supersedes: int | None = None,
          reason: str = "") -> ConversationMeta:
    held = date(2026, 10, 6) - timedelta(days=30 * n)
    return ConversationMeta(
        id=n, uid=f"{n:032x}", person_id=1, manager_id=None, manager_name="Ngozi",
        kind=Kind.APPRAISAL if n > 1 else Kind.BOTH, held_on=held, status=status, current_step="competencies",
        version=version, supersedes_id=supersedes, amendment_reason=reason, fingerprint=None,
        pack_refs=[], created_at=datetime(2026, 1, 1), updated_at=datetime(2026, 1, 2))


ROWS = [_meta(1, Status.SIGNED, version=2, supersedes=2, reason=REASON),
        _meta(2, Status.SUPERSEDED), _meta(3, Status.DRAFT), _meta(4, Status.AWAITING_SIGNOFF)]


def _qt_height(table, row: int) -> int:
    """What QHeaderView.ResizeToContents gives a row: the view's hint for it (every shown
    cell through the delegate), at least the header's own hint and minimum."""
    header = table.verticalHeader()
    return max(table.sizeHintForRow(row), header.sectionSizeHint(row),
               header.minimumSectionSize())


def _assert_rows_fit(table) -> None:
    heights = [table.rowHeight(r) for r in range(table.model().rowCount())]
    assert heights == [_qt_height(table, r) for r in range(len(heights))]


@pytest.fixture
def history(qtbot, context):
    history = ConversationHistory(context)
    qtbot.addWidget(history)
    history.resize(520, 400)
    history.show()
    qtbot.waitExposed(history)
    history.model.set_rows(ROWS)
    return history


def test_rows_are_as_tall_as_qt_measures_their_wrapped_words(history):
    table = history.table
    assert table.verticalHeader().sectionResizeMode(0) == QHeaderView.ResizeMode.Fixed
    _assert_rows_fit(table)
    assert table.rowHeight(0) > table.rowHeight(1)  # the kind and the reason wrap
    header = table.horizontalHeader()
    widest_date = max(table.sizeHintForColumn(HistoryColumn.HELD_ON),
                      header.sectionSizeHint(HistoryColumn.HELD_ON))
    assert table.columnWidth(HistoryColumn.HELD_ON) == widest_date


def test_narrowing_the_list_makes_wrapped_rows_taller(qtbot, history):
    table = history.table
    before = table.rowHeight(0)
    status_width = table.columnWidth(HistoryColumn.STATUS)
    history.resize(360, 400)
    qtbot.waitUntil(lambda: table.columnWidth(HistoryColumn.STATUS) < status_width)
    assert table.rowHeight(0) > before
    _assert_rows_fit(table)


def test_a_larger_font_measures_every_row_again(qtbot, history):
    table = history.table
    before = [table.rowHeight(r) for r in range(len(ROWS))]
    date_width = table.columnWidth(HistoryColumn.HELD_ON)
    font = table.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    table.setFont(font)
    assert all(table.rowHeight(r) > before[r] for r in range(len(ROWS)))
    assert table.columnWidth(HistoryColumn.HELD_ON) > date_width  # the dates stay whole
    _assert_rows_fit(table)


def test_new_rows_are_measured_and_none_leaves_nothing_behind(history):
    table = history.table
    history.model.set_rows(ROWS[1:])
    assert table.rowHeight(0) == table.rowHeight(1)  # the long reason went with its row
    _assert_rows_fit(table)
    history.model.set_rows([])
    assert table.verticalHeader().count() == 0
