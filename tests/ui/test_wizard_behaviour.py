"""Undo and redo, resuming where the user left, read-only records, flags beside bad input."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit

from rmp_desktop.storage.signoff_repo import SignoffRepository
from tests.records_support import fill_ready
from tests.ui.wizard_support import (  # noqa: F401
    HELD_ON,
    Keyboard,
    close,
    conversation_id,
    keyboard,
    open_window,
    person,
)

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_undo_and_redo_within_a_step(qtbot, context, conversation_id, keyboard: Keyboard):  # noqa: F811
    window = open_window(qtbot, context, conversation_id)
    wizard = window.conversation
    wizard.go_to("reflection", focus=True)
    page = wizard.page("reflection")
    keyboard.type("First thoughts")
    keyboard.press(K.Key_Tab)
    keyboard.type("Hard winter")
    assert page.undo_stack.count() == 2  # one command per field: typing merges
    keyboard.press(K.Key_Z, CTRL)
    assert page.edits["was_hard"].toPlainText() == ""
    assert page.edits["went_well"].toPlainText() == "First thoughts"
    keyboard.press(K.Key_Z, CTRL_SHIFT)
    assert page.edits["was_hard"].toPlainText() == "Hard winter"
    keyboard.press(K.Key_Z, CTRL)
    keyboard.press(K.Key_Z, CTRL)
    assert page.edits["went_well"].toPlainText() == ""
    # Undo is per step: another step's stack is untouched, and the undone state is what is saved.
    assert wizard.undo_group.activeStack() is page.undo_stack
    assert wizard.flush()
    assert context.store().conversations.document(conversation_id)["reflection"]["went_well"] == ""
    keyboard.press(K.Key_Z, CTRL_SHIFT)
    assert wizard.flush()
    assert context.store().conversations.document(conversation_id)["reflection"]["went_well"] == \
        "First thoughts"
    close(qtbot, window)


def test_undo_of_a_list_and_a_choice(qtbot, context, conversation_id, keyboard: Keyboard):  # noqa: F811
    window = open_window(qtbot, context, conversation_id)
    wizard = window.conversation
    wizard.go_to("plan", focus=True)
    page = wizard.page("plan")
    keyboard.tab_to("Add objective")
    keyboard.press(K.Key_Space)
    keyboard.type("Lead the pulse survey")
    assert page.objectives.model.rowCount() == 1
    keyboard.press(K.Key_Z, CTRL)  # the typing
    keyboard.press(K.Key_Z, CTRL)  # the new row
    assert page.objectives.model.rowCount() == 0
    keyboard.press(K.Key_Z, CTRL_SHIFT)
    keyboard.press(K.Key_Z, CTRL_SHIFT)
    assert page.objectives.rows()[0]["text"] == "Lead the pulse survey"
    close(qtbot, window)
    assert context.store().conversations.document(conversation_id)["plan"]["objectives"][0][
        "text"] == "Lead the pulse survey"


def test_reopening_resumes_at_the_step_left(qtbot, context, conversation_id, keyboard):  # noqa: F811
    window = open_window(qtbot, context, conversation_id)
    assert window.conversation.current == "setup"
    for _ in range(4):
        keyboard.next_step()
    assert window.conversation.current == "aspirations"
    keyboard.previous_step()
    assert window.conversation.current == "wellbeing"
    close(qtbot, window)
    assert context.store().conversations.get(conversation_id).current_step == "wellbeing"
    window = open_window(qtbot, context, conversation_id)
    assert window.conversation.current == "wellbeing"
    assert window.conversation.step_list.currentIndex().data() .startswith("4. Health")
    close(qtbot, window)


def test_step_list_moves_with_arrows_and_marks_complete_steps(
        qtbot, context, conversation_id, keyboard):  # noqa: F811
    window = open_window(qtbot, context, conversation_id)
    wizard = window.conversation
    wizard.step_list.setFocus()
    keyboard.press(K.Key_Down, times=2)
    assert wizard.current == "looking_back"
    model = wizard.step_list.step_model
    setup = model.index(0)
    assert setup.data().endswith("✓")  # the manager's name and the date are there
    assert "complete" in setup.data(Qt.ItemDataRole.AccessibleTextRole)
    reflection = model.index(1)
    assert "not complete" in reflection.data(Qt.ItemDataRole.AccessibleTextRole)
    wizard.go_to("reflection", focus=True)
    keyboard.type("x")
    assert model.index(1).data().endswith("✓")
    close(qtbot, window)


def test_career_conversation_skips_looking_back(qtbot, context, conversation_id, keyboard):  # noqa: F811
    window = open_window(qtbot, context, conversation_id)
    wizard = window.conversation
    assert "looking_back" in wizard.steps()
    # Tab enters the group of kinds on the one chosen; the arrows move within it.
    keyboard.tab_to("Appraisal and career conversation")
    keyboard.arrow_to("Career conversation", K.Key_Up)
    keyboard.press(K.Key_Space)
    assert keyboard.focus.isChecked()
    assert "looking_back" not in wizard.steps()
    keyboard.next_step()
    keyboard.next_step()
    assert wizard.current == "wellbeing"
    close(qtbot, window)
    assert context.store().conversations.get(conversation_id).kind == "career"


def test_a_target_date_before_the_conversation_is_flagged_beside_it_and_kept(
        qtbot, context, conversation_id, keyboard):  # noqa: F811
    window = open_window(qtbot, context, conversation_id)
    wizard = window.conversation
    wizard.go_to("plan", focus=True)
    page = wizard.page("plan")
    keyboard.tab_to("Add action")
    keyboard.press(K.Key_Space)
    keyboard.type("Shadow the deputy director")
    keyboard.tab_to("Action: target date")
    keyboard.type("2026-01-15")  # before the conversation on 6 Oct 2026
    flag = page.action_list.flags["target_date"]
    assert flag.isVisible()
    assert "before the conversation on 6 Oct 2026" in flag.text()
    assert flag.text().startswith("⚠")  # a sign and words, not colour alone
    assert "before the conversation" in keyboard.focus.accessibleDescription()
    measure_flag = page.action_list.flags["success_measure"]
    assert "success measure" in measure_flag.text()
    assert "to check" in page.action_list.model.index(0, page.action_list.model.columnCount() - 1).data()
    keyboard.select_all_and_type("tomorrow-ish")
    assert "not a date" in flag.text()
    keyboard.select_all_and_type("2026-01-15")
    close(qtbot, window)
    [action] = context.store().conversations.document(conversation_id)["plan"]["actions"]
    assert action["target_date"] == "2026-01-15"  # kept as typed, not dropped


def test_an_empty_objective_measure_is_flagged(qtbot, context, conversation_id, keyboard):  # noqa: F811
    window = open_window(qtbot, context, conversation_id)
    wizard = window.conversation
    wizard.go_to("plan", focus=True)
    page = wizard.page("plan")
    keyboard.tab_to("Add objective")
    keyboard.press(K.Key_Space)
    keyboard.type("Run the EDI audit")
    assert "Add a measure" in page.objectives.flags["measure"].text()
    keyboard.press(K.Key_Tab)
    keyboard.type("Audit published")
    assert not page.objectives.flags["measure"].isVisible()
    close(qtbot, window)


def test_a_signed_record_opens_read_only(qtbot, context, conversation_id):  # noqa: F811
    store = context.store()
    fill_ready(store, conversation_id)
    signoff = SignoffRepository.of(store)
    signoff.sign(conversation_id, "employee", "Lâm Thị Hồng Nhung", True)
    signoff.sign(conversation_id, "manager", "Ngozi Adeyemi-Clarke", True)
    before = store.conversations.document(conversation_id)
    window = open_window(qtbot, context, conversation_id)
    wizard = window.conversation
    assert wizard.banner.isVisible()
    assert wizard.banner.text().startswith("Signed on ")
    assert "read-only" in wizard.banner.text() and "Locked" in wizard.banner.text()
    for step in wizard.steps():
        wizard.go_to(step)
        page = wizard.page(step)
        for widget in page.content.findChildren(QLineEdit) + page.content.findChildren(QPlainTextEdit):
            assert widget.isReadOnly() or not widget.isEnabled(), (step, widget.accessibleName())
        for widget in page.content.findChildren(QComboBox) + page.content.findChildren(QAbstractButton):
            if widget.isVisibleTo(page):
                assert not widget.isEnabled(), (step, widget.accessibleName())
    wheel = wizard.page("wheel")
    wheel.wheel_view.setFocus()
    qtbot.keyClick(wheel.wheel_view, K.Key_Space)
    close(qtbot, window)
    assert store.conversations.document(conversation_id) == before


def test_awaiting_sign_off_opens_read_only(qtbot, context, conversation_id):  # noqa: F811
    store = context.store()
    fill_ready(store, conversation_id)
    SignoffRepository.of(store).sign(conversation_id, "employee", "Lâm Thị Hồng Nhung", True)
    window = open_window(qtbot, context, conversation_id)
    assert window.conversation.banner.text().startswith("Awaiting sign-off since ")
    assert window.conversation.env.read_only
    close(qtbot, window)


def test_wellbeing_is_private_until_shared(qtbot, context, conversation_id, keyboard):  # noqa: F811
    window = open_window(qtbot, context, conversation_id)
    wizard = window.conversation
    wizard.go_to("wellbeing", focus=True)
    page = wizard.page("wellbeing")
    assert page.privacy.text().startswith("Private:")
    assert keyboard.focus is page.share and not page.share.isChecked()
    keyboard.press(K.Key_Space)
    assert page.privacy.text().startswith("Shared:")
    close(qtbot, window)
    assert context.store().conversations.document(conversation_id)["wellbeing"]["share_in_record"]


def test_held_on_is_a_date_of_the_record(qtbot, context, conversation_id):  # noqa: F811
    window = open_window(qtbot, context, conversation_id)
    assert window.conversation.env.held_on == HELD_ON
    close(qtbot, window)


def test_flush_all_and_close_all_save_every_open_conversation(qtbot, context, person):  # noqa: F811
    from rmp_desktop.ui.wizard import close_all, flush_all, open_windows, start_conversation

    first = start_conversation(context, person.id)
    second = start_conversation(context, person.id)
    assert open_windows() == [first, second]
    first.conversation.go_to("reflection")
    first.conversation.page("reflection").edits["hopes"].setPlainText("Ready for more")
    second.conversation.page("setup").notes_edit.setPlainText("Second room")
    assert flush_all()
    docs = [context.store().conversations.document(w.conversation_id) for w in (first, second)]
    assert docs[0]["reflection"]["hopes"] == "Ready for more"
    assert docs[1]["setup"]["notes"] == "Second room"
    with qtbot.waitSignal(second.closed):
        assert close_all()
    assert open_windows() == []


def test_signing_while_open_locks_the_window(qtbot, context, conversation_id):  # noqa: F811
    window = open_window(qtbot, context, conversation_id)
    fill_ready(context.store(), conversation_id)
    SignoffRepository.of(context.store()).sign(conversation_id, "employee", "Nhung", True)
    window.conversation.reload_status()
    assert window.conversation.env.read_only
    assert window.conversation.banner.text().startswith("Awaiting sign-off since ")
    close(qtbot, window)
