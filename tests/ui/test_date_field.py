"""One date control everywhere: typed as people write dates, picked on a calendar, one Tab stop,
said as the PDF says it; and a conversation's date checked against the day and the last one."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from rmp_desktop.domain.dates import display_date
from rmp_desktop.ui.date_field import DateField
from tests.ui.wizard_support import (  # noqa: F401 - fixtures
    HELD_ON,
    Keyboard,
    close,
    conversation_id,
    open_window,
    person,
    show,
)

K = Qt.Key
# A popup asks the window system to raise it and grab the keyboard; Qt's offscreen platform,
# which the tests run on, says it cannot (a real display does both).
offscreen_popup = pytest.mark.qt_log_ignore(
    r"^This plugin does not support (raise\(\)|grabbing the keyboard)$")


HOLDERS: list[QWidget] = []  # kept alive for the test; qtbot closes them after it


def two_fields(qtbot):
    holder = QWidget()
    HOLDERS[:] = [holder]
    layout = QVBoxLayout(holder)
    field = DateField("Target date")
    after = DateField("Review date")
    layout.addWidget(field)
    layout.addWidget(after)
    qtbot.addWidget(holder)
    show(qtbot, holder)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    return field, after


def test_dates_are_read_as_people_write_them_and_said_the_usual_way(qtbot):
    field, after = two_fields(qtbot)
    keyboard = Keyboard(qtbot)
    for typed, meant in (("30 Sept 2027", date(2027, 9, 30)), ("15/3/2019", date(2019, 3, 15)),
                         ("15 Mar 2019", date(2019, 3, 15)), ("2019-03-15", date(2019, 3, 15))):
        field.setFocus()
        keyboard.select_all_and_type(typed)
        assert field.date() == meant and field.problem() is None
        keyboard.press(K.Key_Tab)  # one Tab stop: straight on to the next field
        assert after.hasFocus()
        assert field.text() == display_date(meant)
        assert field.stored_text() == meant.isoformat()


def test_what_is_not_a_date_is_kept_as_typed_with_what_to_do(qtbot):
    field, after = two_fields(qtbot)
    keyboard = Keyboard(qtbot)
    keyboard.type("31/9/2027")
    keyboard.press(K.Key_Tab)
    assert field.text() == "31/9/2027" and field.date() is None
    assert "September 2027 has 30 days" in field.problem()
    assert field.stored_text() == "31/9/2027"  # nothing written is lost


@offscreen_popup
def test_the_calendar_opens_from_the_keyboard_and_picks_a_day(qtbot):
    field, _after = two_fields(qtbot)
    keyboard = Keyboard(qtbot)
    keyboard.type("30 Sept 2027")
    with qtbot.waitSignal(field.dateChanged) as changed:
        keyboard.press(K.Key_Down, Qt.KeyboardModifier.AltModifier)
        popup = field.popup
        qtbot.waitUntil(lambda: popup.isVisible() and popup.calendar.isAncestorOf(
            QApplication.focusWidget()))
        assert popup.calendar.selectedDate().toPython() == date(2027, 9, 30)
        assert popup.calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday
        keyboard.press(K.Key_Right)  # the day after
        keyboard.press(K.Key_Return)
    assert changed.args == [date(2027, 10, 1)]
    assert not popup.isVisible()
    qtbot.waitUntil(field.hasFocus)
    assert field.text() == "1 Oct 2027"


@offscreen_popup
def test_escape_leaves_the_calendar_without_changing_the_date(qtbot):
    field, _after = two_fields(qtbot)
    keyboard = Keyboard(qtbot)
    keyboard.type("15 Mar 2019")
    keyboard.press(K.Key_F4)
    qtbot.waitUntil(lambda: field.popup.isVisible())
    keyboard.press(K.Key_Left)
    keyboard.press(K.Key_Escape)
    qtbot.waitUntil(lambda: not field.popup.isVisible())
    assert field.text() == "15 Mar 2019"


@offscreen_popup
def test_the_calendar_button_sits_inside_the_field_and_takes_no_tab_stop(qtbot):
    field, _after = two_fields(qtbot)
    [button] = [b for b in field.findChildren(QWidget) if b.metaObject().className()
                == "QLineEditIconButton"]
    assert button.isVisible() and button.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert field.geometry().contains(button.mapTo(field.parentWidget(), button.rect().center()))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: field.popup is not None and field.popup.isVisible())
    field.popup.close()


def test_arrow_keys_move_a_day_and_page_keys_a_month(qtbot):
    field, _after = two_fields(qtbot)
    keyboard = Keyboard(qtbot)
    keyboard.type("31 Jan 2028")
    keyboard.press(K.Key_Up)
    assert field.text() == "1 Feb 2028"
    keyboard.press(K.Key_Down)
    assert field.text() == "31 Jan 2028"
    keyboard.press(K.Key_PageUp)
    assert field.text() == "29 Feb 2028"  # a leap year's last day of February


def test_a_read_only_field_opens_no_calendar(qtbot):
    field, _after = two_fields(qtbot)
    keyboard = Keyboard(qtbot)
    field.set_date(date(2027, 3, 31))
    field.setReadOnly(True)
    keyboard.press(K.Key_F4)
    keyboard.press(K.Key_Up)
    assert field.popup is None and field.text() == "31 Mar 2027"
    assert not field.calendar_action.isEnabled()


def test_the_conversation_date_is_one_tab_stop_typed_freely_and_saved(
        qtbot, context, conversation_id):  # noqa: F811
    window = open_window(qtbot, context, conversation_id)
    keys = Keyboard(qtbot)
    wizard = window.conversation
    page = wizard.page("setup")
    field = keys.tab_to("Date of the conversation")
    assert field is page.date_edit and field.text() == "6 Oct 2026"
    keys.select_all_and_type("2 Nov 2026")
    assert wizard.env.details["held_on"] == date(2026, 11, 2)
    assert "2 Nov 2026" in wizard.title.text()
    keys.press(K.Key_Tab)
    assert QApplication.focusWidget() is not field  # on to the next control at once
    # Mistyped: the last good date is kept and the field says what is wrong.
    field.setFocus()
    keys.select_all_and_type("31/11/2026")
    assert wizard.env.details["held_on"] == date(2026, 11, 2)
    assert "November 2026 has 30 days" in page.date_flag.text()
    keys.select_all_and_type("3/11/2026")
    assert not page.date_flag.isVisible()
    close(qtbot, window)
    assert context.store().conversations.get(conversation_id).held_on == date(2026, 11, 3)


def test_a_conversation_dated_ahead_or_before_the_last_one_is_pointed_out(
        qtbot, context, person, conversation_id):  # noqa: F811
    later = context.store().conversations.create(person.id, "career", date(2027, 1, 5),
                                                 packs=context.packs())
    window = open_window(qtbot, context, conversation_id)
    page = window.conversation.page("setup")
    flag = page.date_flag
    assert flag.isVisible()
    assert "before the person's last conversation, on 5 Jan 2027" in flag.text()
    assert page.date_edit.accessibleDescription() == flag.message()  # heard, not only seen
    ahead = date.today() + timedelta(days=40)
    page.date_edit.setFocus()
    Keyboard(qtbot).select_all_and_type(display_date(ahead))
    assert f"{display_date(ahead)} is still to come" in flag.text()
    page.date_edit.setFocus()
    Keyboard(qtbot).select_all_and_type(display_date(date.today()))
    assert ("still to come" not in flag.text()) and (
        ("before the person's last conversation" in flag.text()) == (date.today() < later.held_on))
    close(qtbot, window)
    assert HELD_ON != context.store().conversations.get(conversation_id).held_on


def test_the_mid_year_review_takes_its_date_the_same_way(qtbot, context, store):
    from rmp_desktop.storage.midyear_repo import MidyearRepository
    from rmp_desktop.ui.midyear_dialog import MidyearDialog
    from tests.records_support import add_people, ready_conversation, sign_both

    staff_member, manager = add_people(store)
    meta = ready_conversation(store, staff_member, manager)
    sign_both(store, meta.id)
    dialog = MidyearDialog(context, meta.id)
    qtbot.addWidget(dialog)
    show(qtbot, dialog)
    assert isinstance(dialog.date_edit, DateField)
    assert dialog.date_edit.text() == display_date(date.today())
    keys = Keyboard(qtbot)
    dialog.date_edit.setFocus()
    keys.select_all_and_type("31/2/2027")
    with qtbot.assertNotEmitted(dialog.saved):
        dialog.save()
    assert "February 2027 has 28 days" in dialog.date_flag.text()
    assert dialog.state.text() == "⚠ Not saved: the review needs a date."
    dialog.date_edit.setFocus()
    keys.select_all_and_type("15 Mar 2027")
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    [entry] = MidyearRepository.of(store).for_plan(meta.id)
    assert entry.held_on == date(2027, 3, 15)
