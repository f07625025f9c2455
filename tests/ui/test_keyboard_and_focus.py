"""Keyboard and focus that never surprise: the issue's findings, each driven with real keys.

Focus is always visible (the ring follows it, the page scrolls to it); Tab reads each page
top to bottom and stays off the step list; a date is one Tab stop; a radio group is entered
on its chosen option; suggestions come before Next; Enter on the one person found opens
them; and a signed record's window lets nothing change what it shows."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QDropEvent, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from rmp_desktop.storage.signoff_repo import SignoffRepository
from rmp_desktop.ui.accessibility import announcements, spoken_name
from rmp_desktop.ui.date_field import DateField
from rmp_desktop.ui.focus_ring import FocusRing
from tests.records_support import fill_ready
from tests.ui.wizard_data import filled_document
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
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def ring_round(widget: QWidget) -> FocusRing:
    """The focus ring, seen drawn just outside `widget`."""
    ring = next(r for r in widget.window().findChildren(FocusRing) if r.isVisible())
    assert ring.target is widget
    host = ring.parentWidget()
    inside = QRect(widget.mapTo(host, QPoint(0, 0)), widget.size())
    assert ring.geometry().contains(inside), "the ring does not go round the control"
    assert ring.geometry() != inside
    return ring


def in_view(widget: QWidget) -> bool:
    """Shown on screen: not scrolled out of its page."""
    return widget.isVisible() and not widget.visibleRegion().isEmpty()


def page_stops(keys: Keyboard, page) -> list[QWidget]:
    """Tab from the page's first control until focus leaves the page."""
    first = page.first_field()
    first.setFocus(Qt.FocusReason.TabFocusReason)
    stops = []
    while keys.focus is not None and page.isAncestorOf(keys.focus) \
            and keys.focus not in stops:
        stops.append(keys.focus)
        keys.press(K.Key_Tab)
    return stops


def reads_top_to_bottom(page, stops: list[QWidget]) -> list[str]:
    """Where Tab goes up the page (or leftwards along a row) instead of on down it."""
    wrong = []
    for before, after in zip(stops, stops[1:], strict=False):
        a = before.mapTo(page.content, QPoint(0, 0))
        b = after.mapTo(page.content, QPoint(0, 0))
        same_row = b.y() < a.y() + before.height() and a.y() < b.y() + after.height()
        if (b.y() < a.y() and not same_row) or (same_row and b.x() < a.x()):
            wrong.append(f"{spoken_name(before)} -> {spoken_name(after)}")
    return wrong


def test_every_step_reads_top_to_bottom_and_tab_stays_off_the_step_list(
        qtbot, context, conversation_id, keyboard):  # noqa: F811
    store = context.store()
    for section, body in filled_document(context.packs(), "8a", HELD_ON).items():
        store.conversations.save_section(conversation_id, section, body)
    window = open_window(qtbot, context, conversation_id)
    wizard = window.conversation
    for step in wizard.steps():
        wizard.go_to(step, focus=True)
        page = wizard.page(step)
        stops = page_stops(keyboard, page)
        assert stops, step
        assert reads_top_to_bottom(page, stops) == [], step
        # On from the page: the prompts, Back, Next, and round again, never the step list.
        for _ in range(8):
            assert keyboard.focus is not wizard.step_list, step
            if page.isAncestorOf(keyboard.focus):
                break
            keyboard.press(K.Key_Tab)
        assert page.isAncestorOf(keyboard.focus), f"{step}: Tab did not come back to the page"
    keyboard.press(K.Key_L, CTRL)  # the step list is one shortcut away
    assert keyboard.focus is wizard.step_list
    close(qtbot, window)


def test_focus_shows_after_moving_to_a_step_and_lands_on_it(
        qtbot, context, conversation_id, keyboard):  # noqa: F811
    window = open_window(qtbot, context, conversation_id)
    wizard = window.conversation
    wizard.go_to("reflection", focus=True)
    keyboard.type("Went well")
    ring_round(keyboard.focus)
    keyboard.next_step()  # Alt+Right: the new step's first field, ringed
    assert wizard.current == "looking_back"
    assert wizard.page("looking_back").isAncestorOf(keyboard.focus)
    ring_round(keyboard.focus)
    # Ctrl+L and an arrow change the step from the list; focus was not on the page left.
    keyboard.press(K.Key_L, CTRL)
    keyboard.press(K.Key_Down)
    assert wizard.current == "wellbeing" and keyboard.focus is wizard.step_list
    ring_round(wizard.step_list)
    # Focus inside a page the step is then changed under (a shortcut from a menu, undo):
    # it follows to the new step instead of falling, unseen, to whatever Qt finds next.
    wizard.go_to("plan", focus=True)
    plan = wizard.page("plan")
    assert plan.isAncestorOf(keyboard.focus)
    wizard.move_step(1)
    assert wizard.current == "summary"
    assert wizard.page("summary").isAncestorOf(keyboard.focus)
    # Once the event loop has run (the page lays out what is missing above the read-back):
    qtbot.waitUntil(lambda: ring_round(keyboard.focus) and None)
    before = context.store().conversations.document(conversation_id)["plan"]
    keyboard.press(K.Key_Space)  # lands where it can be seen: nothing added to the plan
    assert context.store().conversations.document(conversation_id)["plan"] == before
    close(qtbot, window)


def test_a_field_reached_from_below_the_page_is_scrolled_into_view(
        qtbot, context, conversation_id, keyboard):  # noqa: F811
    window = open_window(qtbot, context, conversation_id)
    window.resize(900, 420)  # a short window: the wellbeing step is taller than it
    wizard = window.conversation
    wizard.go_to("wellbeing", focus=True)
    page = wizard.page("wellbeing")
    assert page.scroll_area.verticalScrollBar().maximum() > 0
    wizard.next_button.setFocus(Qt.FocusReason.TabFocusReason)
    for _ in range(6):  # Shift+Tab back from Next into the page, from its foot
        keyboard.press(K.Key_Tab, SHIFT)
        if page.isAncestorOf(keyboard.focus):
            break
    assert page.isAncestorOf(keyboard.focus)
    assert in_view(keyboard.focus), spoken_name(keyboard.focus)
    ring_round(keyboard.focus)
    close(qtbot, window)


def test_the_date_is_one_tab_stop_and_the_kinds_are_entered_on_the_chosen_one(
        qtbot, context, conversation_id, keyboard):  # noqa: F811
    window = open_window(qtbot, context, conversation_id)
    wizard = window.conversation
    setup = wizard.page("setup")
    keyboard.tab_to("Date of the conversation")
    assert isinstance(keyboard.focus, DateField)
    keyboard.press(K.Key_Tab)  # one press leaves the date, whichever part had the cursor
    chosen = setup.kind_buttons.checkedButton()
    assert keyboard.focus is chosen and chosen.text() == "Appraisal and career conversation"
    keyboard.press(K.Key_Tab)  # and one leaves the group: the other kinds are arrow keys away
    assert not isinstance(keyboard.focus, QRadioButton)
    keyboard.press(K.Key_Tab, SHIFT)
    assert keyboard.focus is chosen  # back into the group, on the chosen kind again
    keyboard.press(K.Key_Up)
    assert keyboard.focus.text() == "Career conversation" and keyboard.focus.isChecked()
    keyboard.press(K.Key_Tab, SHIFT)
    assert isinstance(keyboard.focus, DateField)
    keyboard.press(K.Key_Tab)
    assert keyboard.focus.text() == "Career conversation"
    close(qtbot, window)


def test_tab_from_a_list_editors_last_field_goes_on_never_back_to_add(
        qtbot, context, conversation_id, keyboard):  # noqa: F811
    window = open_window(qtbot, context, conversation_id)
    wizard = window.conversation
    wizard.go_to("plan", focus=True)
    page = wizard.page("plan")
    keyboard.tab_to("Add objective")
    keyboard.press(K.Key_Space)
    keyboard.type("Lead the pulse survey")
    last = page.objectives.editors["edi"]
    keyboard.tab_to(spoken_name(last))
    keyboard.press(K.Key_Tab)
    assert keyboard.focus not in (page.objectives.add_button, page.objectives.remove_button)
    keyboard.press(K.Key_Space)  # a stray space lands on the next thing down, never "Add"
    assert page.objectives.model.rowCount() == 1
    close(qtbot, window)


def test_suggestions_are_reached_before_next(
        qtbot, context, conversation_id, keyboard):  # noqa: F811
    store = context.store()
    for section, body in filled_document(context.packs(), "8a", HELD_ON).items():
        store.conversations.save_section(conversation_id, section, body)
    document = store.conversations.document(conversation_id)
    document["plan"]["actions"] = []
    store.conversations.save_section(conversation_id, "plan", document["plan"])
    window = open_window(qtbot, context, conversation_id)
    wizard = window.conversation
    wizard.go_to("plan", focus=True)
    page = wizard.page("plan")
    assert page.suggestions.rows, "the filled document leaves gaps to suggest actions for"
    first_suggestion = page.suggestions.rows[0].accept
    seen = []
    while keyboard.focus is not wizard.next_button:
        seen.append(keyboard.focus)
        assert len(seen) < 150, "Tab never reached Next"
        keyboard.press(K.Key_Tab)
    assert first_suggestion in seen
    close(qtbot, window)


def test_enter_in_the_search_box_with_one_match_opens_that_person(window, team, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    search = window.team.search
    search.setFocus()
    qtbot.keyClicks(search, "amelia")
    assert window.model.rowCount() == 1
    with qtbot.waitSignal(announcements.said, timeout=2000,
                          check_params_cb=lambda said: said.startswith("Amelia Hart")):
        qtbot.keyClick(search, K.Key_Return)
    assert window.current_person_id() == team["Amelia Hart"].id
    assert window.person_page.person_id() == team["Amelia Hart"].id
    assert QApplication.focusWidget() is window.team.table
    assert window.team.table.currentIndex().row() == 0
    ring_round(window.team.table)


def test_restores_table_lets_tab_leave(qtbot, window, context):
    from rmp_desktop.storage.backup import make_backup

    make_backup(context.paths.store, context.paths.backups, reason="manual")
    dialog = window.restore_from_backup()
    qtbot.waitUntil(lambda: dialog.restore_button.isEnabled(), timeout=10000)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, K.Key_Tab)
    assert QApplication.focusWidget() is not dialog.table
    assert isinstance(QApplication.focusWidget(), QAbstractButton)
    dialog.reject()


def test_a_signed_records_window_lets_nothing_change_what_it_shows(
        qtbot, context, conversation_id, keyboard):  # noqa: F811
    store = context.store()
    fill_ready(store, conversation_id)
    window = open_window(qtbot, context, conversation_id)
    wizard = window.conversation
    # Typed and undoable before signing, whatever the step's history...
    wizard.go_to("reflection", focus=True)
    keyboard.type(" More.")
    assert wizard.page("reflection").undo_stack.canUndo()
    assert wizard.flush()
    signoff = SignoffRepository.of(store)
    signoff.sign(conversation_id, "employee", "Lâm Thị Hồng Nhung", True)
    signoff.sign(conversation_id, "manager", "Ngozi Adeyemi-Clarke", True)
    wizard.reload_status()
    assert wizard.env.read_only
    stored = store.conversations.document(conversation_id)
    QGuiApplication.clipboard().setText("Pasted words")
    for step in wizard.steps():
        wizard.go_to(step, focus=True)
        page = wizard.page(step)
        shown = page.collect()
        fields = [w for w in page.content.findChildren(QLineEdit)
                  + page.content.findChildren(QPlainTextEdit) if w.isVisibleTo(page)]
        for field in fields:
            field.setFocus()
            for key, modifiers in ((K.Key_V, CTRL), (K.Key_Z, CTRL), (K.Key_Z, CTRL | SHIFT),
                                   (K.Key_Y, CTRL), (K.Key_X, CTRL)):
                qtbot.keyClick(field, key, modifiers)
            qtbot.keyClicks(field, "typed")
            drop(field, "Dropped words")
        wizard.undo_action.trigger()
        wizard.redo_action.trigger()
        assert page.collect() == shown, step
    assert not wizard.undo_action.isEnabled() and not wizard.redo_action.isEnabled()
    assert wizard.flush()
    assert store.conversations.document(conversation_id) == stored
    close(qtbot, window)


def drop(widget: QWidget, text: str) -> None:
    """Text dragged from another application and let go over the field."""
    mime = QMimeData()
    mime.setText(text)
    target = widget.viewport() if isinstance(widget, QPlainTextEdit) else widget
    centre = QPointF(target.rect().center())
    event = QDropEvent(centre, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, event)
