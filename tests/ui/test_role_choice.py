"""Who uses the application: asked on first run, remembered, changed from the Go menu."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from rmp_desktop.ui.role import Role, RoleDialog, RoleSettings
from tests.ui.exchange_windows import data_folder, focus, main_window
from tests.ui.test_team_accessibility import assert_all_named

K = Qt.Key


def _asked(qtbot, window) -> RoleDialog:
    qtbot.waitUntil(lambda: window.role_dialog is not None and window.role_dialog.isVisible())
    dialog = window.role_dialog
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_first_run_asks_nothing_chosen_for_you_answer_by_keyboard_and_it_is_kept(qtbot,
                                                                                tmp_path):
    context = data_folder(tmp_path / "data", None)
    try:
        window = main_window(qtbot, context)
        dialog = _asked(qtbot, window)
        assert_all_named(dialog)
        assert dialog.role() is None and not dialog.continue_button.isEnabled()
        assert window.pages.currentWidget() is window.splitter  # nothing changes meanwhile

        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.radios[Role.MINE])
        qtbot.keyClick(QApplication.focusWidget(), K.Key_Space)
        assert dialog.role() is Role.MINE and dialog.continue_button.isEnabled()
        with qtbot.waitSignal(dialog.finished, timeout=5000):
            qtbot.keyClick(QApplication.focusWidget(), K.Key_Return)

        assert RoleSettings(context.paths.settings).role() is Role.MINE
        assert window.pages.currentWidget() is window.my_development
        assert not window.people_menu.menuAction().isVisible()
        assert not window.conversation_menu.menuAction().isVisible()
        assert not window.team_view_action.isVisible()
        assert not window.import_prep_action.isVisible()
        window.close()

        # Next time: no question, straight to My development.
        again = main_window(qtbot, context)
        assert again.role_dialog is None
        assert again.pages.currentWidget() is again.my_development
        again.close()
    finally:
        context.close()


def test_both_switches_between_the_team_and_my_development_with_ctrl_1_and_2(qtbot, tmp_path):
    context = data_folder(tmp_path / "data", "team")
    try:
        window = main_window(qtbot, context)
        assert not window.my_development_action.isVisible()  # a team only, so far
        dialog = window.ask_role()
        assert dialog.role() is Role.TEAM  # the present answer is shown
        dialog.radios[Role.BOTH].click()
        dialog.continue_button.click()
        assert RoleSettings(context.paths.settings).role() is Role.BOTH
        assert window.team_view_action.isVisible() and window.my_development_action.isVisible()

        focus(qtbot, window.team.search)
        qtbot.keyClick(window.team.search, K.Key_2, Qt.KeyboardModifier.ControlModifier)
        assert window.pages.currentWidget() is window.my_development
        assert window.my_development_action.isChecked()
        assert not window.people_menu.menuAction().isVisible()  # the team's menus go with it
        qtbot.keyClick(QApplication.focusWidget(), K.Key_1, Qt.KeyboardModifier.ControlModifier)
        assert window.pages.currentWidget() is window.splitter
        assert window.people_menu.menuAction().isVisible()
        assert window.team.search.hasFocus()
        window.close()
    finally:
        context.close()
