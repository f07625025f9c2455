"""The exposure wheel by keyboard and mouse, with the table beside it always in step."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QAccessible

from rmp_desktop.ui.accessibility import announcements
from rmp_desktop.ui.wizard.avenue_model import AvenueColumn
from tests.ui.wizard_support import (  # noqa: F401
    Keyboard,
    close,
    conversation_id,
    keyboard,
    open_window,
    person,
)

K = Qt.Key


def _status_in_table(page, row: int) -> str:
    return page.table.model().index(row, AvenueColumn.STATUS).data(Qt.ItemDataRole.AccessibleTextRole)


def test_wheel_by_keyboard_and_the_table_in_step(qtbot, context, conversation_id, keyboard):  # noqa: F811
    window = open_window(qtbot, context, conversation_id)
    wizard = window.conversation
    wizard.go_to("wheel", focus=True)
    page = wizard.page("wheel")
    wheel = page.wheel_view
    assert keyboard.focus is wheel
    assert wheel.current_row() == 0
    first = page.model.avenues[0].name
    with qtbot.waitSignal(announcements.said, timeout=2000,
                          check_params_cb=lambda said: said == f"{first}: Exploring"):
        keyboard.press(K.Key_Space)
    assert _status_in_table(page, 0) == "Exploring"
    # A screen reader meets the wheel as a list of its avenues, the chosen one focused.
    heard = QAccessible.queryAccessibleInterface(wheel)
    assert heard.role() == QAccessible.Role.List
    assert heard.childCount() == page.model.rowCount()
    segment = heard.focusChild()
    assert segment.text(QAccessible.Text.Name) == f"{first}: Exploring"
    assert segment.state().selected and segment.state().focused
    assert heard.child(1).text(QAccessible.Text.Name).endswith(": Not considered")
    assert not heard.child(1).state().selected
    keyboard.press(K.Key_Right)
    assert page.table.currentIndex().row() == 1  # the selection is shared
    keyboard.press(K.Key_Enter)
    keyboard.press(K.Key_Enter)
    assert _status_in_table(page, 1) == "Planned"
    keyboard.press(K.Key_Space, Qt.KeyboardModifier.ShiftModifier)
    assert _status_in_table(page, 1) == "Exploring"
    keyboard.press(K.Key_Left, times=2)  # wraps round to the last avenue
    last = page.model.rowCount() - 1
    assert wheel.current_row() == last
    keyboard.press(K.Key_5)
    assert _status_in_table(page, last) == "Done"
    assert page.avenue_name.text().startswith(f"{last + 1}. ")

    # The table works the same way and the wheel follows it.
    keyboard.tab_to("Avenues of the exposure wheel")
    keyboard.press(K.Key_Home, Qt.KeyboardModifier.ControlModifier)
    keyboard.press(K.Key_Down, times=3)
    assert wheel.current_row() == 3
    with qtbot.waitSignal(announcements.said, timeout=2000,  # said, though the cell has focus
                          check_params_cb=lambda said: said.endswith(": Exploring")):
        keyboard.press(K.Key_Space)
    assert page.model.status(3) == "exploring"
    keyboard.tab_to("Status of the chosen avenue")
    keyboard.press(K.Key_Down)
    assert page.model.status(3) == "planned"
    close(qtbot, window)
    avenues = context.packs().wheel.avenues
    assert context.store().conversations.document(conversation_id)["wheel"]["avenues"] == {
        avenues[0].id: "exploring", avenues[1].id: "exploring", avenues[3].id: "planned",
        avenues[last].id: "done"}


def test_wheel_by_mouse_click_and_context_menu(qtbot, context, conversation_id):  # noqa: F811
    window = open_window(qtbot, context, conversation_id)
    wizard = window.conversation
    wizard.go_to("wheel")
    page = wizard.page("wheel")
    wheel = page.wheel_view
    qtbot.waitUntil(lambda: wheel.width() > 100)
    centre, radius, inner, _outer = wheel._geometry()
    # A point in the middle of the first segment (just right of twelve o'clock).
    count = page.model.rowCount()
    import math

    angle = math.radians(180 / count)
    middle = (inner + radius) / 2
    point = QPointF(centre.x() + math.sin(angle) * middle, centre.y() - math.cos(angle) * middle)
    assert wheel.row_at(point) == 0
    qtbot.mouseClick(wheel, Qt.MouseButton.LeftButton, pos=point.toPoint())
    assert page.model.status(0) == "exploring"
    menu = wheel.status_menu(0)
    [done] = [a for a in menu.actions() if a.text().endswith("Done")]
    done.trigger()
    assert page.model.status(0) == "done"
    assert page.status.currentData() == "done"
    close(qtbot, window)


def test_wheel_changes_can_be_undone(qtbot, context, conversation_id, keyboard):  # noqa: F811
    window = open_window(qtbot, context, conversation_id)
    wizard = window.conversation
    wizard.go_to("wheel", focus=True)
    page = wizard.page("wheel")
    keyboard.press(K.Key_Space)
    keyboard.press(K.Key_Right)
    keyboard.press(K.Key_Space)
    keyboard.press(K.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.model.status(1) == "not_considered"
    assert page.model.status(0) == "exploring"
    close(qtbot, window)
