"""The application shown screen by screen while the AT-SPI walker listens on the bus.

Run as `python -m tests.atspi.tour --data-dir DIR --report FILE` inside the desktop that
tests/atspi/desktop.py makes (Xvfb, a session D-Bus, the accessibility bus). It fills DIR
with the fictional demo team, opens every screen the way a user would, and for each asks
the walker (tests/atspi/walker.py, under the system Python) what the bus says: every
object, a round of Tab presses, and what is announced when something changes. Beside
each object it notes what Qt shows on screen (a label's text, a button's words, the label
of a field), so the findings compare what is heard with what is seen. The findings
themselves are worked out in tests/atspi/findings.py; this file only gathers.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from itertools import count
from pathlib import Path

from PySide6.QtCore import QEventLoop, QProcess, Qt, QTimer
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

APP_NAME = "rmp-desktop-tour"  # how the walker finds this process among the bus's applications
WALKER = Path(__file__).with_name("walker.py")
SYSTEM_PYTHON = "/usr/bin/python3"


# -- waiting without sleeping: the event loop runs (and answers the bus) until a condition --


def wait_until(condition: Callable[[], bool], timeout: float = 20.0, what: str = "") -> None:
    if condition():
        return
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(20)
    poll.timeout.connect(lambda: loop.quit() if condition() else None)
    limit = QTimer()
    limit.setSingleShot(True)
    limit.timeout.connect(loop.quit)
    poll.start()
    limit.start(int(timeout * 1000))
    loop.exec()
    poll.stop()
    if not condition():
        raise TimeoutError(f"waited {timeout} s for {what or 'a condition'}")


class Walker:
    """The walker process, asked one JSON request at a time; Qt's loop runs while it works."""

    def __init__(self):
        self.process = QProcess()
        self.process.setProcessChannelMode(QProcess.ProcessChannelMode.ForwardedErrorChannel)
        self.process.start(SYSTEM_PYTHON, [str(WALKER), APP_NAME])
        self._buffer = b""
        self.process.readyReadStandardOutput.connect(self._read)
        if not self.process.waitForStarted(10000):
            raise RuntimeError("the AT-SPI walker did not start")

    def _read(self) -> None:
        self._buffer += bytes(self.process.readAllStandardOutput().data())

    def ask(self, request: dict, timeout: float = 300.0) -> dict:
        self.process.write((json.dumps(request) + "\n").encode())
        wait_until(lambda: b"\n" in self._buffer
                   or self.process.state() == QProcess.ProcessState.NotRunning,
                   timeout, f"the walker to answer {request['do']}")
        if b"\n" not in self._buffer:
            raise RuntimeError("the AT-SPI walker stopped")
        line, self._buffer = self._buffer.split(b"\n", 1)
        return json.loads(line)

    def close(self) -> None:
        self.process.write(b'{"do": "quit"}\n')
        self.process.waitForFinished(10000)


# -- what Qt shows, beside what the bus says ----------------------------------------------------

_serial = count(1)


def plain(text: str, rich: bool) -> str:
    if rich:
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


def label_texts(root: QWidget) -> dict[int, str]:
    """The visible label of each field under `root`, by the field's id(): its buddy label or
    the label beside it in a form layout."""
    found: dict[int, str] = {}
    for label in root.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is not None and label.isVisibleTo(root):
            found[id(buddy)] = shown_text(label)
    for form in root.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            label = label_item.widget() if label_item else None
            field = field_item.widget() if field_item else None
            if isinstance(label, QLabel) and field is not None:
                found.setdefault(id(field), shown_text(label))
    return found


def shown_text(label: QLabel) -> str:
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(label.text()))
    return plain(label.text(), rich)


def facts(root: QWidget) -> list[dict]:
    """Each widget under `root` shown on screen, tagged with an accessible identifier (which
    the bus carries as its id) and what a sighted user reads on it."""
    labels = label_texts(root)
    seen: list[dict] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if not widget.accessibleIdentifier():
            widget.setAccessibleIdentifier(f"tour-{next(_serial)}")
        fact = {"id": widget.accessibleIdentifier(), "class": type(widget).__name__,
                "kind": "", "text": "", "label": labels.get(id(widget), "")}
        if isinstance(widget, QLabel):
            fact.update(kind="label", text=shown_text(widget),
                        picture=widget.pixmap() is not None and not widget.pixmap().isNull())
        elif isinstance(widget, QAbstractButton):
            fact.update(kind="button", text=widget.text())
        elif isinstance(widget, QGroupBox):
            fact.update(kind="group", text=widget.title(), checkable=widget.isCheckable())
        elif isinstance(widget, QComboBox):
            fact.update(kind="combo", text=widget.currentText())
        elif isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit | QAbstractSpinBox):
            fact.update(kind="field")
        elif isinstance(widget, QTabBar):
            fact.update(kind="tabs", tabs=[widget.tabText(i) for i in range(widget.count())])
        seen.append(fact)
    return seen


# -- the tour ----------------------------------------------------------------------------------


class Tour:
    def __init__(self, walker: Walker, report: dict):
        self.walker = walker
        self.report = report

    def visit(self, name: str, window: QWidget, *, tab: bool = True) -> dict:
        """Walk `window` on the bus as it is now (and Tab round it) under the screen `name`."""
        self.activate(window)
        entry = self.report.setdefault(name, {"announcements": []})
        entry["title"] = window.windowTitle()
        entry["qt"] = facts(window)
        if not window.accessibleIdentifier():
            window.setAccessibleIdentifier(f"tour-{next(_serial)}")
        entry["bus"] = self.walker.ask({"do": "walk", "window": window.accessibleIdentifier()})
        # A label may change while the bus is read (a save's time): either words are right.
        after = {fact["id"]: fact["text"] for fact in facts(window)}
        for fact in entry["qt"]:
            if after.get(fact["id"], fact["text"]) != fact["text"]:
                fact["text_after"] = after[fact["id"]]
        if tab:
            focusable = sum(1 for o in entry["bus"].get("objects", [])
                            if "focusable" in o["states"] and "showing" in o["states"])
            focused = QApplication.focusWidget()
            entry["tab_start"] = focused.accessibleName() if focused else ""
            entry["tab"] = self.walker.ask({"do": "tab", "window": window.accessibleIdentifier(),
                                            "limit": 2 * focusable + 10})
        return entry

    def activate(self, window: QWidget) -> None:
        window.raise_()
        window.activateWindow()
        wait_until(lambda: QApplication.activeWindow() is window, 10,
                   f"{window.windowTitle()!r} to become the active window")
        wait_until(lambda: QApplication.focusWidget() is not None, 10, "keyboard focus")

    def expect_said(self, name: str, what: str, expect: str, act: Callable[[], object],
                    timeout: float = 10.0) -> None:
        """Do `act` and note whether `expect` reached the bus as an announcement (or as the
        name of what took focus) within `timeout` seconds."""
        self.walker.ask({"do": "listen"})
        act()
        heard = self.walker.ask({"do": "heard", "expect": expect, "timeout": timeout})
        entry = self.report.setdefault(name, {"announcements": []})
        entry["announcements"].append({"what": what, "expect": expect,
                                       "events": heard.get("events", [])})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--report", type=Path, required=True)
    parser.add_argument("--only", nargs="*", default=None, help="screens to visit (default all)")
    args = parser.parse_args(argv)
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    os.environ["QT_LINUX_ACCESSIBILITY_ALWAYS_ON"] = "1"
    from tests.atspi import screens

    app = QApplication([APP_NAME])
    app.setApplicationName(APP_NAME)
    world = screens.World.make(args.data_dir)
    walker = Walker()
    report: dict = {}
    try:
        if not walker.ask({"do": "hello"}).get("ok"):
            raise RuntimeError("the application never reached the accessibility bus")
        tour = Tour(walker, report)
        for screen in screens.SCREENS:
            if args.only and screen.__name__ not in args.only:
                continue
            try:
                screen(tour, world)
            except Exception as exc:  # noqa: BLE001 - reported against the screen, tour goes on
                import traceback

                report.setdefault(screen.__name__, {})["error"] = "".join(
                    traceback.format_exception(exc))
            world.tidy()
    finally:
        walker.close()
        args.report.write_text(json.dumps(report, ensure_ascii=False, indent=1),
                               encoding="utf-8")
        world.close()
    QTest.qWait(0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
