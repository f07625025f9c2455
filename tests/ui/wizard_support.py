"""Helpers for the wizard tests: a fictional person, an open conversation window, a keyboard."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from rmp_desktop.domain.staff import StaffMember
from rmp_desktop.ui.accessibility import spoken_name

MANAGER = StaffMember(full_name="Ngozi Adeyemi-Clarke", job_title="Head of People Services",
                      band="8c", functional_area="business-partnering", assignment_number="W-001")
PERSON = StaffMember(full_name="Lâm Thị Hồng Nhung", preferred_name="Nhung",
                     job_title="Senior HR Business Partner", band="8a",
                     functional_area="business-partnering", assignment_number="W-002")
HELD_ON = date(2026, 10, 6)


@pytest.fixture
def person(store) -> StaffMember:
    manager = store.staff.add(MANAGER)
    return store.staff.add(PERSON.with_changes(line_manager_id=manager.id))


@pytest.fixture
def conversation_id(context, person) -> int:
    meta = context.store().conversations.create(
        person.id, "both", HELD_ON, manager_name="Ngozi Adeyemi-Clarke", packs=context.packs())
    return meta.id


def show(qtbot, window):
    """Show a conversation window, make it active, and wait until it has keyboard focus."""
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return window


def open_window(qtbot, context, conversation_id):
    from rmp_desktop.ui.wizard import open_conversation

    return show(qtbot, open_conversation(context, conversation_id))


def close(qtbot, window) -> None:
    with qtbot.waitSignal(window.closed, timeout=5000):
        window.close()


class Keyboard:
    """Keys go to whatever has focus, as they would from a real keyboard."""

    def __init__(self, qtbot):
        self.qtbot = qtbot

    @property
    def focus(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has keyboard focus"
        return widget

    def press(self, key, modifier=Qt.KeyboardModifier.NoModifier, times: int = 1) -> None:
        for _ in range(times):
            self.qtbot.keyClick(self.focus, key, modifier)
            # A person's next key comes after the event loop has run (queued shows, timers at 0).
            QApplication.processEvents()

    def type(self, text: str) -> None:
        """Each character as a key press; QTest.keyClicks only knows ASCII, so others go as text."""
        for char in text:
            if char.isascii():
                self.qtbot.keyClick(self.focus, char)
            else:
                QTest.sendKeyEvent(QTest.KeyAction.Click, self.focus, Qt.Key.Key_unknown, char,
                                   Qt.KeyboardModifier.NoModifier)

    def select_all_and_type(self, text: str) -> None:
        self.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        self.type(text)

    def tab_to(self, name: str, *, limit: int = 120) -> QWidget:
        """Press Tab until the control with this accessible name has focus."""
        seen = []
        for _ in range(limit):
            if spoken_name(self.focus) == name:
                return self.focus
            seen.append(spoken_name(self.focus) or type(self.focus).__name__)
            self.press(Qt.Key.Key_Tab)
        raise AssertionError(f"Tab never reached {name!r}; went through {seen[-15:]}")

    def arrow_to(self, name: str, key=Qt.Key.Key_Down, *, limit: int = 10) -> QWidget:
        """Arrow keys within a group (radio buttons) until this one has focus."""
        for _ in range(limit):
            if spoken_name(self.focus) == name:
                return self.focus
            self.press(key)
        raise AssertionError(f"arrow keys never reached {name!r}")

    def next_step(self) -> None:
        self.press(Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)

    def previous_step(self) -> None:
        self.press(Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)


@pytest.fixture
def keyboard(qtbot) -> Keyboard:
    return Keyboard(qtbot)
