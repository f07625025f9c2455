"""Sign-off through the window: both parties sign with keys and clicks, and the record locks.

Everything here is driven through the real widgets (typed names, ticked
confirmations, a signature drawn with the mouse, Sign clicked); the store is
only read, and then attacked directly to prove it refuses changes too.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QInputDevice, QPointingDevice, QTabletEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from rmp_desktop.domain.conversation import Status
from rmp_desktop.domain.record import short_fingerprint
from rmp_desktop.domain.signoff import STATEMENT
from rmp_desktop.storage.errors import RecordLocked
from rmp_desktop.storage.signoff_repo import SignoffRepository
from rmp_desktop.ui.accessibility import describe, unnamed_controls
from rmp_desktop.ui.amend_dialog import AmendDialog
from rmp_desktop.ui.conversation_history import ConversationHistory
from rmp_desktop.ui.signature_pad import SignaturePad
from rmp_desktop.ui.signoff_dialog import SignOffDialog
from tests.records_support import fill_ready
from tests.ui.wizard_support import (  # noqa: F401
    Keyboard,
    close,
    conversation_id,
    keyboard,
    open_window,
    person,
    show,
)

K = Qt.Key
LEFT = Qt.MouseButton.LeftButton
STAFF_NAME = "Lâm Thị Hồng Nhung"
MANAGER_NAME = "Ngozi Adeyemi-Clarke"


def _ready_but_comments_unseen(store, conversation_id):  # noqa: F811
    fill_ready(store, conversation_id)
    store.conversations.save_section(conversation_id, "summary", {
        "employee_comments": "", "comments_visited": False})


def _dialog(qtbot, wizard) -> SignOffDialog:
    dialog = wizard.open_dialog
    assert isinstance(dialog, SignOffDialog)
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _draw(qtbot, canvas) -> None:
    """A short squiggle with the mouse, as a person would sign."""
    w, h = canvas.width(), canvas.height()
    points = [QPoint(int(w * x), int(h * y)) for x, y in
              ((0.1, 0.6), (0.2, 0.3), (0.3, 0.7), (0.45, 0.35), (0.6, 0.65))]
    qtbot.mousePress(canvas, LEFT, pos=points[0])
    for point in points[1:]:
        qtbot.mouseMove(canvas, point)
    qtbot.mouseRelease(canvas, LEFT, pos=points[-1])


def _sign_as(qtbot, keyboard: Keyboard, dialog: SignOffDialog, role_label: str, name: str,  # noqa: F811
             *, draw: bool = False) -> None:
    assert dialog.form.title() == f"{role_label} signs"
    assert dialog.name.accessibleName() == f"{role_label}: name, as you sign it"
    dialog.name.setFocus()
    qtbot.waitUntil(dialog.name.hasFocus)
    keyboard.type(name)
    keyboard.press(K.Key_Tab)
    assert keyboard.focus is dialog.confirm
    keyboard.press(K.Key_Space)
    assert dialog.confirm.isChecked()
    if draw:
        _draw(qtbot, dialog.pad.canvas)
        assert not dialog.pad.is_empty()
    with qtbot.waitSignal(dialog.signed, timeout=5000):
        qtbot.mouseClick(dialog.sign_button, LEFT)


def test_signing_is_not_offered_while_something_is_missing(qtbot, context, conversation_id):  # noqa: F811
    window = open_window(qtbot, context, conversation_id)
    wizard = window.conversation
    assert wizard.signoff_action.isEnabled()
    wizard.signoff_action.trigger()
    dialog = _dialog(qtbot, wizard)
    assert not dialog.signing_offered()
    assert dialog.form.isHidden() and not dialog.sign_button.isVisible()
    assert dialog.state.text().startswith("⚠ Not ready to sign")
    lines = dialog.missing_lines()
    assert lines[0].startswith("Objectives and plan — objectives: Add at least one objective")
    assert lines[-1].startswith("Summary — the staff member's comments:")
    assert not dialog.missing_box.isHidden()
    assert list(unnamed_controls(dialog)) == [], [describe(w) for w in unnamed_controls(dialog)]
    # Going to a missing item's step closes the dialog and puts the user there.
    dialog.missing_list.setFocus()
    dialog.missing_list.setCurrentRow(0)
    qtbot.keyClick(dialog.missing_list, K.Key_Return)
    assert wizard.current == "plan"
    assert context.store().conversations.get(conversation_id).status is Status.DRAFT
    close(qtbot, window)


def test_both_sign_through_the_window_and_the_record_locks(
        qtbot, context, conversation_id, keyboard: Keyboard):  # noqa: F811
    store = context.store()
    _ready_but_comments_unseen(store, conversation_id)
    window = open_window(qtbot, context, conversation_id)
    wizard = window.conversation
    wizard.go_to("summary", focus=True)
    summary = wizard.page("summary")
    summary.comments.setFocus()
    qtbot.waitUntil(summary.comments.hasFocus)
    keyboard.type("I agree with this plan.")
    assert summary.sign_button.isVisible() and summary.sign_button.isEnabled()
    qtbot.mouseClick(summary.sign_button, LEFT)
    dialog = _dialog(qtbot, wizard)
    assert store.conversations.document(conversation_id)["summary"] == {
        "employee_comments": "I agree with this plan.", "comments_visited": True}
    assert dialog.signing_offered() and dialog.missing_box.isHidden()
    assert dialog.confirm.text() == STATEMENT
    assert dialog.state.text().startswith("✓ Ready to sign")
    assert list(unnamed_controls(dialog)) == [], [describe(w) for w in unnamed_controls(dialog)]

    # Sign pressed too early: the store's refusal appears beside the field concerned.
    qtbot.mouseClick(dialog.sign_button, LEFT)
    assert dialog.name_error.isVisible() and dialog.name_error.text() == "⚠ Type your name to sign."
    assert dialog.name.accessibleDescription() == "Type your name to sign."
    dialog.name.setFocus()
    qtbot.waitUntil(dialog.name.hasFocus)
    keyboard.type(STAFF_NAME)
    assert not dialog.name_error.isVisible()
    qtbot.mouseClick(dialog.sign_button, LEFT)
    assert dialog.confirm_error.isVisible() and "Confirm" in dialog.confirm_error.text()
    assert store.conversations.get(conversation_id).status is Status.DRAFT
    dialog.name.clear()

    # The staff member signs, with a drawing; the content is now fixed and its fingerprint shown.
    _sign_as(qtbot, keyboard, dialog, "Staff member", STAFF_NAME, draw=True)
    meta = store.conversations.get(conversation_id)
    assert meta.status is Status.AWAITING_SIGNOFF
    assert short_fingerprint(meta.fingerprint) in dialog.fingerprint.text()
    assert dialog.state.text() == "✓ Content fixed and locked — awaiting the manager's signature."
    assert f"Staff member: signed by {STAFF_NAME}" in dialog.done_label.text()
    assert "with a drawn signature" in dialog.done_label.text()
    assert wizard.env.read_only and wizard.banner.text().startswith("Awaiting sign-off since ")
    assert summary.sign_button.isEnabled()  # the second signature is still to come
    # Ready for the manager: their name as the conversation records it, the rest cleared.
    assert dialog.name.text() == MANAGER_NAME and dialog.name.selectedText() == MANAGER_NAME
    assert not dialog.confirm.isChecked() and dialog.pad.is_empty()
    dialog.name.clear()

    # The manager signs, typed only.
    _sign_as(qtbot, keyboard, dialog, "Manager", MANAGER_NAME)
    assert dialog.state.text().startswith("✓ Signed by both. Locked: nothing in this record")
    assert not dialog.signing_offered() and dialog.form.isHidden()
    assert short_fingerprint(meta.fingerprint) in dialog.fingerprint.text()
    with qtbot.waitSignal(dialog.finished, timeout=5000):
        qtbot.mouseClick(dialog.close_button, LEFT)

    # The store says signed, with both signatures and the drawing.
    meta = store.conversations.get(conversation_id)
    assert meta.status is Status.SIGNED
    signatures = SignoffRepository.of(store).signatures(conversation_id)
    assert [(s.role, s.signer_name) for s in signatures] == [
        ("employee", STAFF_NAME), ("manager", MANAGER_NAME)]
    assert signatures[0].strokes and all(0 <= v <= 1 for s in signatures[0].strokes
                                         for p in s for v in p)
    assert signatures[1].strokes is None

    # The window shows it locked: every edit control of every step is disabled or read-only.
    assert wizard.banner.isVisible() and wizard.banner.text().startswith("Signed on ")
    assert "Locked" in wizard.banner.text()
    assert wizard.amend_button.isVisible() and wizard.export_button.isVisible()
    assert not wizard.signoff_action.isEnabled() and wizard.amend_action.isEnabled()
    for step in wizard.steps():
        wizard.go_to(step)
        page = wizard.page(step)
        texts = (page.content.findChildren(QLineEdit) + page.content.findChildren(QPlainTextEdit)
                 + page.content.findChildren(QTextEdit))
        for widget in texts:
            if isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox):
                continue  # the owner is checked below
            assert widget.isReadOnly() or not widget.isEnabled(), (step, describe(widget))
        choices = (page.content.findChildren(QComboBox) + page.content.findChildren(QCheckBox)
                   + page.content.findChildren(QAbstractSpinBox)
                   + page.content.findChildren(QAbstractButton))
        for widget in choices:
            if widget.isVisibleTo(page):
                assert not widget.isEnabled(), (step, describe(widget))
        for view in page.content.findChildren(QAbstractItemView):  # no cell edited in place
            model = view.model()
            editable = [(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
                        if model.flags(model.index(r, c)) & Qt.ItemFlag.ItemIsEditable]
            assert view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers \
                or not editable or not view.isEnabled(), (step, describe(view))
    assert not summary.sign_button.isEnabled()
    assert summary.missing_box.title() == "Sign-off"  # not "Still missing for sign-off"
    assert summary.missing.text() == ("Signed: nothing can be added to this record. To change "
                                      "it, start an amendment.")

    # The storage layer refuses any change, whoever calls it.
    before = store.conversations.document(conversation_id)
    with pytest.raises(RecordLocked):
        store.conversations.save_section(conversation_id, "plan", {"objectives": []})
    with pytest.raises(IntegrityError):
        with store.engine.begin() as conn:
            conn.execute(text("UPDATE conversation_sections SET body = '{}' "
                              "WHERE conversation_id = :cid AND section = 'plan'"),
                         {"cid": conversation_id})
    with pytest.raises(IntegrityError):
        with store.engine.begin() as conn:
            conn.execute(text("UPDATE conversations SET held_on = '2020-01-01' WHERE id = :cid"),
                         {"cid": conversation_id})
    assert store.conversations.document(conversation_id) == before
    assert SignoffRepository.of(store).verify_stored(conversation_id).ok
    close(qtbot, window)


def test_the_second_signature_by_keyboard_alone_and_never_by_the_same_person(
        qtbot, context, conversation_id, keyboard):  # noqa: F811
    store = context.store()
    fill_ready(store, conversation_id)
    SignoffRepository.of(store).sign(conversation_id, "employee", STAFF_NAME, True)
    window = open_window(qtbot, context, conversation_id)
    wizard = window.conversation
    assert wizard.signoff_button.isVisible()  # awaiting: the second signature is offered
    wizard.signoff_button.setFocus()
    keyboard.press(K.Key_Space)
    dialog = _dialog(qtbot, wizard)
    assert dialog.form.title() == "Manager signs"
    assert keyboard.focus is dialog.name  # the dialog opens ready to type
    keyboard.type(STAFF_NAME.upper())
    keyboard.press(K.Key_Tab)
    keyboard.press(K.Key_Space)  # the confirmation
    keyboard.press(K.Key_Tab)  # Clear is skipped while nothing is drawn
    assert keyboard.focus is dialog.sign_button
    keyboard.press(K.Key_Space)
    # The staff member's name where the manager signs: asked about first ...
    assert dialog.name_error.isVisible() and "is the staff member's name" in \
        dialog.name_error.text()
    assert keyboard.focus is dialog.name
    assert store.conversations.get(conversation_id).status is Status.AWAITING_SIGNOFF
    dialog.sign_button.setFocus()
    keyboard.press(K.Key_Space)  # ... and signing again anyway is refused: the same person
    assert dialog.name_error.isVisible() and "two people" in dialog.name_error.text()
    assert store.conversations.get(conversation_id).status is Status.AWAITING_SIGNOFF
    dialog.name.setFocus()
    keyboard.select_all_and_type(MANAGER_NAME)
    dialog.sign_button.setFocus()
    with qtbot.waitSignal(dialog.signed, timeout=5000):
        keyboard.press(K.Key_Space)
    assert store.conversations.get(conversation_id).status is Status.SIGNED
    assert keyboard.focus is dialog.close_button
    with qtbot.waitSignal(dialog.finished, timeout=5000):
        keyboard.press(K.Key_Escape)
    assert wizard.env.read_only and wizard.banner.text().startswith("Signed on ")
    close(qtbot, window)


def test_the_pad_takes_a_pen_and_a_finger(qtbot):
    pad = SignaturePad("Manager")
    qtbot.addWidget(pad)
    pad.resize(pad.sizeHint())
    pad.show()
    qtbot.waitExposed(pad)
    canvas = pad.canvas
    w, h = canvas.width(), canvas.height()
    finger = QTest.createTouchDevice()
    QTest.touchEvent(canvas, finger).press(0, QPoint(w // 10, h // 2)).commit()
    QTest.touchEvent(canvas, finger).move(0, QPoint(w // 2, h // 4)).commit()
    QTest.touchEvent(canvas, finger).release(0, QPoint(w - 1, h - 1)).commit()
    pen = QPointingDevice("pen", 7, QInputDevice.DeviceType.Stylus,
                          QPointingDevice.PointerType.Pen,
                          QInputDevice.Capability.Position | QInputDevice.Capability.Pressure, 1, 0)
    for kind, x, y in ((QEvent.Type.TabletPress, 0.2, 0.8), (QEvent.Type.TabletMove, 0.6, 0.3),
                       (QEvent.Type.TabletRelease, 0.9, 0.5)):
        point = QPointF(x * w, y * h)
        event = QTabletEvent(kind, pen, point, canvas.mapToGlobal(point), 0.5, 0, 0, 0, 0, 0,
                             Qt.KeyboardModifier.NoModifier, LEFT, LEFT)
        QApplication.sendEvent(canvas, event)
        assert event.isAccepted()  # not sent again as mouse events
    strokes = pad.strokes()
    assert len(strokes) == 2  # one each: nothing doubled as a mouse stroke
    assert strokes[0][0] == pytest.approx((0.1, 0.5), abs=0.03)  # touch maps within a pixel or two
    assert strokes[0][-1] == pytest.approx((1.0, 1.0), abs=0.03)
    assert [v for point in strokes[1] for v in point] == pytest.approx([0.2, 0.8, 0.6, 0.3, 0.9, 0.5],
                                                                   abs=0.01)
    assert pad.clear_button.isEnabled()
    assert pad.accessibleName() == "Manager's drawn signature (optional)"
    pad.set_read_only(True)
    QTest.touchEvent(canvas, finger).press(0, QPoint(5, 5)).commit()
    QTest.touchEvent(canvas, finger).release(0, QPoint(50, 5)).commit()
    assert len(pad.strokes()) == 2 and not pad.clear_button.isVisible()


def test_the_drawing_pad_is_optional_and_cleared_by_keyboard(
        qtbot, context, conversation_id, keyboard):  # noqa: F811
    fill_ready(context.store(), conversation_id)
    window = open_window(qtbot, context, conversation_id)
    window.conversation.open_signoff()
    dialog = _dialog(qtbot, window.conversation)
    pad = dialog.pad
    assert "optional" in pad.canvas.accessibleName()
    assert "typing your name is the signature" in pad.canvas.accessibleDescription()
    assert pad.canvas.focusPolicy() == Qt.FocusPolicy.NoFocus  # no dead tab stop for keyboards
    assert not pad.clear_button.isEnabled()
    _draw(qtbot, pad.canvas)
    assert len(pad.strokes()) == 1 and "A signature is drawn" in pad.canvas.accessibleDescription()
    pad.clear_button.setFocus()
    qtbot.waitUntil(pad.clear_button.hasFocus)
    keyboard.press(K.Key_Space)
    assert pad.is_empty() and pad.strokes() == []
    dialog.reject()
    close(qtbot, window)


def test_an_amendment_needs_a_reason_opens_and_shows_in_the_history(
        qtbot, context, conversation_id, person, keyboard):  # noqa: F811
    store = context.store()
    fill_ready(store, conversation_id)
    repo = SignoffRepository.of(store)
    repo.sign(conversation_id, "employee", STAFF_NAME, True)
    repo.sign(conversation_id, "manager", MANAGER_NAME, True)
    window = open_window(qtbot, context, conversation_id)
    wizard = window.conversation
    qtbot.mouseClick(wizard.amend_button, LEFT)
    dialog = wizard.open_dialog
    assert isinstance(dialog, AmendDialog)
    qtbot.waitExposed(dialog)
    assert list(unnamed_controls(dialog)) == [], [describe(w) for w in unnamed_controls(dialog)]
    qtbot.mouseClick(dialog.start_button, LEFT)
    assert dialog.reason_error.isVisible() and "Say why" in dialog.reason_error.text()
    assert len(repo.history_chain(conversation_id)) == 1
    dialog.activateWindow()
    dialog.reason.setFocus()
    qtbot.waitUntil(dialog.reason.hasFocus)
    keyboard.type("Target date agreed wrongly")
    with qtbot.waitSignal(dialog.opened, timeout=5000) as opened:
        qtbot.mouseClick(dialog.start_button, LEFT)
    amended = opened.args[0]
    assert amended is not window
    chain = repo.history_chain(conversation_id)
    assert [m.version for m in chain] == [1, 2] and amended.conversation_id == chain[1].id
    assert not amended.conversation.env.read_only  # a draft to change and sign again

    history = ConversationHistory(context)
    qtbot.addWidget(history)
    history.show_person(person.id)
    status = [history.model.index(r, 2).data(Qt.ItemDataRole.AccessibleTextRole)
              for r in range(history.model.rowCount())]
    assert [s.split(". Last changed ")[0] for s in status] == [
        "Draft (at Set-up), version 2, amends version 1: Target date agreed wrongly",
        "Signed, amended by version 2 (not yet signed)"]
    assert all(". Last changed " in s for s in status)  # the hidden column, said aloud
    close(qtbot, amended)
    close(qtbot, window)


def test_a_manager_other_than_the_recorded_one_is_asked_about_once(
        qtbot, context, conversation_id, keyboard):  # noqa: F811
    store = context.store()
    fill_ready(store, conversation_id)
    SignoffRepository.of(store).sign(conversation_id, "employee", STAFF_NAME, True)
    window = open_window(qtbot, context, conversation_id)
    wizard = window.conversation
    dialog = wizard.open_signoff()
    qtbot.waitUntil(lambda: keyboard.focus is dialog.name)
    assert dialog.name.text() == MANAGER_NAME
    keyboard.type("Tomasz Wiśniewski")  # replaces the name offered, which was selected
    keyboard.press(K.Key_Tab)
    assert "records Ngozi Adeyemi-Clarke as the manager" in dialog.name_error.text()
    keyboard.press(K.Key_Space)
    dialog.sign_button.setFocus()
    keyboard.press(K.Key_Space)
    assert "choose Sign again" in dialog.name_error.text()
    assert store.conversations.get(conversation_id).status is Status.AWAITING_SIGNOFF
    dialog.sign_button.setFocus()
    with qtbot.waitSignal(dialog.signed, timeout=5000):
        keyboard.press(K.Key_Space)  # meant: a deputy signing, say
    [_staff, manager] = SignoffRepository.of(store).signatures(conversation_id)
    assert manager.signer_name == "Tomasz Wiśniewski"
    close(qtbot, window)
