"""Check boxes in two columns where there is room, one where there is not, never cut off."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox

from rmp_desktop.ui.check_columns import CheckColumns

NAMES = ["Occupational health and wellbeing", "Equality, diversity and inclusion", "HR policy",
         "Medical staffing", "Workforce intelligence"]


def make(qtbot) -> tuple[CheckColumns, list[QCheckBox]]:
    boxes = [QCheckBox(name) for name in NAMES]
    columns = CheckColumns(boxes)
    qtbot.addWidget(columns)
    return columns, boxes


def test_two_columns_when_both_fit_and_one_when_they_do_not(qtbot):
    columns, boxes = make(qtbot)
    widest = max(box.sizeHint().width() for box in boxes)
    columns.resize(widest * 2 + 40, 300)
    columns.show()
    qtbot.waitExposed(columns)
    assert columns.columns() == 2
    assert boxes[1].geometry().top() == boxes[0].geometry().top()  # side by side, in order
    columns.resize(widest + 10, 300)
    qtbot.waitUntil(lambda: len({box.geometry().top() for box in boxes}) == len(boxes))
    assert columns.columns() == 1
    tops = [box.geometry().top() for box in boxes]
    assert tops == sorted(tops)  # one under another, in order
    assert all(box.geometry().right() <= columns.width() for box in boxes)  # nothing cut off
    # The least it asks for is one column, so a narrow page never has to scroll sideways.
    assert columns.minimumSizeHint().width() <= widest + 10


def test_tab_goes_in_reading_order_whatever_the_columns(qtbot):
    columns, boxes = make(qtbot)
    columns.resize(max(b.sizeHint().width() for b in boxes) + 10, 300)
    columns.show()
    qtbot.waitExposed(columns)
    boxes[0].setFocus()
    seen = [boxes[0]]
    for _ in boxes[1:]:
        qtbot.keyClick(columns.focusWidget(), Qt.Key.Key_Tab)
        seen.append(columns.focusWidget())
    assert seen == boxes
    qtbot.keyClick(boxes[-1], Qt.Key.Key_Space)
    assert boxes[-1].isChecked()
