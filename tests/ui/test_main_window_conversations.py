"""The team window leads into conversations: Ctrl+N starts one for the chosen person, and
their history on the person's page shows it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from rmp_desktop.demo import load_demo
from rmp_desktop.ui.main_window import MainWindow


def test_ctrl_n_starts_a_conversation_for_the_chosen_person_and_history_shows_it(qtbot, context):
    load_demo(context.store())
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.total_count() > 0)
    qtbot.keyClicks(window.team.search, "siobhan")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    window.team.table.setFocus()
    qtbot.keyClick(window.team.table, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: window.current_person_id() >= 0)
    person_id = window.current_person_id()
    before = len(context.store().conversations.list_for_person(person_id))

    qtbot.keyClick(window.team.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)

    qtbot.waitUntil(lambda: len(context.store().conversations.list_for_person(person_id))
                    == before + 1)
    from rmp_desktop.ui.wizard import close_all, open_windows

    assert open_windows(), "a conversation window opened"
    assert window.history is not None
    qtbot.waitUntil(lambda: window.history.isVisible())
    history = window.history.table.model()
    qtbot.waitUntil(lambda: history.rowCount() == before + 1)
    shown = [history.index(r, c).data() for r in range(history.rowCount())
             for c in range(history.columnCount())]
    assert "✎ Draft (at Set-up)" in shown
    assert close_all()
    window.close()
