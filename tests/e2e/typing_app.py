"""The real conversation wizard, typing into the reflection step until it is killed.

    typing_app.py DATA_DIR CONVERSATION_ID

Runs offscreen, opens the conversation with open_conversation() (the same window,
pages, Autosaver and repository a user gets), puts the cursor in "What went well"
and presses one key every 15 ms. After each key it writes one line, with a single
unbuffered os.write so whatever was reported before a kill is in the pipe:

    ready                the window is open and typing is about to start
    typed N T            the field holds N characters at time.monotonic() T

Character i of the text is TEXT[i % len(TEXT)], so the test knows exactly what
must have been saved. The words are invented.
"""

from __future__ import annotations

import os
import sys
import time

os.environ["QT_QPA_PLATFORM"] = "offscreen"

TEXT = ("Ada Okafor-Lind rebuilt the rota with the ward teams; Trần Minh Khoa ran the pulse "
        "survey. نتائج جيدة. 新的计划 ✓ ")
KEY_EVERY_MS = 15


def expected(length: int) -> str:
    whole, part = divmod(length, len(TEXT))
    return TEXT * whole + TEXT[:part]


def emit(line: str) -> None:
    os.write(1, (line + "\n").encode("utf-8"))


def main(data_dir: str, conversation_id: int) -> int:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from rmp_desktop.context import AppContext
    from rmp_desktop.paths import AppPaths
    from rmp_desktop.ui.wizard import open_conversation

    app = QApplication(sys.argv[:1])
    context = AppContext(AppPaths(__import__("pathlib").Path(data_dir)))
    window = open_conversation(context, conversation_id)
    window.conversation.go_to("reflection")
    field = window.conversation.page("reflection").edits["went_well"]
    field.setFocus()
    typed = 0

    def press() -> None:
        nonlocal typed
        char = TEXT[typed % len(TEXT)]
        if char.isascii():
            QTest.keyClick(field, char)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, field, Qt.Key.Key_unknown, char,
                               Qt.KeyboardModifier.NoModifier)
        typed += 1
        emit(f"typed {len(field.toPlainText())} {time.monotonic():.6f}")

    timer = QTimer(interval=KEY_EVERY_MS)
    timer.timeout.connect(press)
    timer.start()
    emit("ready")
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
