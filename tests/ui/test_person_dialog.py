"""Adding and editing people through the dialog, with the keyboard alone."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from rmp_desktop.ui.field_message import WARNING_SIGN
from rmp_desktop.ui.person_dialog import PersonDialog

Key = Qt.Key


@pytest.fixture
def active_window(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def focused():
    return QApplication.focusWidget()


def press(qtbot, key, modifiers=Qt.KeyboardModifier.NoModifier, times: int = 1) -> None:
    """A key goes wherever the keyboard focus is, as it would for a person."""
    for _ in range(times):
        qtbot.keyClick(focused(), key, modifiers)


def type_text(qtbot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def open_add_dialog(qtbot, window) -> PersonDialog:
    press(qtbot, Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.open_dialog
    assert isinstance(dialog, PersonDialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    assert focused() is dialog.full_name
    return dialog


def test_adding_a_person_with_the_keyboard_alone(active_window, team, store, qtbot):
    window = active_window
    dialog = open_add_dialog(qtbot, window)
    type_text(qtbot, "Chidinma Okafor")
    press(qtbot, Key.Key_Tab)
    type_text(qtbot, "Chidi")
    press(qtbot, Key.Key_Tab)
    type_text(qtbot, "Employee Relations Adviser")
    press(qtbot, Key.Key_Tab)
    assert focused() is dialog.band
    press(qtbot, Key.Key_Down, times=5)  # Band 2, 3, 4, 5, 6
    press(qtbot, Key.Key_Tab)
    press(qtbot, Key.Key_Down, times=2)  # business partnering, employee relations
    press(qtbot, Key.Key_Tab)
    assert focused() is dialog.line_manager
    press(qtbot, Key.Key_Down)  # the first name in the list: Amelia Hart
    press(qtbot, Key.Key_Tab)
    assert focused() is dialog.start_date
    type_text(qtbot, "15 Mar 2019")
    press(qtbot, Key.Key_Tab)  # one Tab stop: the date is one field, not day, month and year
    assert focused() is dialog.email
    type_text(qtbot, "chidi.okafor@example.nhs.uk")
    press(qtbot, Key.Key_Tab)
    type_text(qtbot, "T-100")
    with qtbot.waitSignal(dialog.finished):
        press(qtbot, Key.Key_Return)

    saved = next(m for m in store.staff.all() if m.full_name == "Chidinma Okafor")
    assert (saved.preferred_name, saved.job_title, saved.band, saved.functional_area) == (
        "Chidi", "Employee Relations Adviser", "6", "employee-relations")
    assert saved.line_manager_id == team["Amelia Hart"].id
    assert saved.start_date == date(2019, 3, 15)
    assert (saved.email, saved.assignment_number) == ("chidi.okafor@example.nhs.uk", "T-100")
    assert window.person_page.person_id() == saved.id
    assert window.person_page.name_heading.text() == "Chidi"
    assert "Chidinma Okafor (Chidi)" in [window.model.index(r, 0).data()
                                        for r in range(window.model.rowCount())]


def test_save_waits_until_the_required_fields_are_filled(active_window, qtbot):
    dialog = open_add_dialog(qtbot, active_window)
    assert not dialog.save_button.isEnabled()
    assert "full name, band, functional area" in dialog.summary.text()
    dialog.band.setCurrentIndex(dialog.band.findData("7"))
    dialog.functional_area.setCurrentIndex(dialog.functional_area.findData("edi"))
    type_text(qtbot, "Ines Carvalho")
    assert dialog.save_button.isEnabled()
    assert dialog.summary.isHidden()


def test_a_wrong_email_is_explained_next_to_the_field_and_nothing_is_saved(
        active_window, store, qtbot):
    dialog = open_add_dialog(qtbot, active_window)
    type_text(qtbot, "Ines Carvalho")
    dialog.band.setCurrentIndex(dialog.band.findData("7"))
    dialog.functional_area.setCurrentIndex(dialog.functional_area.findData("edi"))
    dialog.email.setFocus()
    type_text(qtbot, "ines.carvalho@")
    press(qtbot, Key.Key_Tab)
    message = dialog.messages["email"]
    assert message.isVisible()
    assert message.text().startswith(WARNING_SIGN)
    assert "email address" in message.text()
    assert dialog.email.accessibleDescription() == message.text().removeprefix(WARNING_SIGN + " ")
    assert not dialog.save_button.isEnabled()
    before = len(store.staff.all())
    dialog.email.setFocus()
    press(qtbot, Key.Key_Return)
    assert dialog.isVisible()
    assert len(store.staff.all()) == before
    type_text(qtbot, "example.nhs.uk")
    assert message.isHidden()
    assert dialog.save_button.isEnabled()
    dialog.reject()


def test_a_duplicate_assignment_number_is_refused_next_to_the_field(
        active_window, team, store, qtbot):
    dialog = open_add_dialog(qtbot, active_window)
    type_text(qtbot, "Ines Carvalho")
    dialog.band.setCurrentIndex(dialog.band.findData("7"))
    dialog.functional_area.setCurrentIndex(dialog.functional_area.findData("edi"))
    dialog.assignment_number.setFocus()
    type_text(qtbot, "T-001")  # already Rūta Žukauskas's
    before = len(store.staff.all())
    press(qtbot, Key.Key_Return)
    message = dialog.messages["assignment_number"]
    assert dialog.isVisible() and message.isVisible()
    assert "T-001 already belongs to someone else" in message.text()
    assert not dialog.save_button.isEnabled()
    assert focused() is dialog.assignment_number
    assert len(store.staff.all()) == before

    press(qtbot, Key.Key_Backspace)
    type_text(qtbot, "9")
    assert message.isHidden() and dialog.save_button.isEnabled()
    with qtbot.waitSignal(dialog.finished):
        press(qtbot, Key.Key_Return)
    assert len(store.staff.all()) == before + 1


def test_editing_changes_the_person_in_the_store_and_the_list(active_window, team, store, qtbot):
    window = active_window
    dawit = team["Dawit Haile"]
    window.team.select_person(dawit.id)
    window.team.table.setFocus()
    press(qtbot, Key.Key_F2)
    dialog = window.open_dialog
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.job_title.setFocus()
    dialog.job_title.selectAll()
    type_text(qtbot, "Learning and Development Lead")
    with qtbot.waitSignal(dialog.finished):
        press(qtbot, Key.Key_Return)
    assert store.staff.get(dawit.id).job_title == "Learning and Development Lead"
    row = window.model.visible_row_of(dawit.id)
    assert window.model.index(row, 1).data() == "Learning and Development Lead"
    assert window.person_page.job_title.text() == "Learning and Development Lead"


def test_a_new_person_hidden_by_the_search_is_shown_anyway(active_window, store, qtbot):
    window = active_window
    window.team.search.setText("hart")
    dialog = window.add_person()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.full_name.setText("Yusuf Demir")
    dialog.band.setCurrentIndex(dialog.band.findData("3"))
    dialog.functional_area.setCurrentIndex(dialog.functional_area.findData("hr-policy"))
    with qtbot.waitSignal(dialog.finished):
        dialog.save_button.click()
    assert window.team.search.text() == ""
    assert window.person_page.name_heading.text() == "Yusuf Demir"


def test_the_start_date_is_optional_and_cannot_be_in_the_future(qtbot):
    from rmp_desktop.domain.staff import StaffMember

    kept = []
    dialog = PersonDialog(lambda m: kept.append(m) or m.with_changes(id=1),
                          person=StaffMember(full_name="Lena Fischer", band="5",
                                             functional_area="hr-policy", id=3))
    qtbot.addWidget(dialog)
    assert dialog.start_date.text() == "" and dialog.member().start_date is None
    tomorrow = date.today() + timedelta(days=1)
    qtbot.keyClicks(dialog.start_date, f"{tomorrow.day}/{tomorrow.month}/{tomorrow.year}")
    dialog.start_date.editingFinished.emit()
    assert "too late" in dialog.messages["start_date"].text()
    assert not dialog.save_button.isEnabled()
    dialog.start_date.clear()
    qtbot.keyClicks(dialog.start_date, "15/3/2019")
    dialog.save()
    assert kept[0].start_date == date(2019, 3, 15) and kept[0].id == 3


def test_a_person_added_while_the_team_is_being_read_stays_listed(window, store, qtbot):
    window.reload_team()  # a read in flight, as just after start-up or an import
    dialog = window.add_person()
    dialog.full_name.setText("Yusuf Demir")
    dialog.band.setCurrentIndex(dialog.band.findData("3"))
    dialog.functional_area.setCurrentIndex(dialog.functional_area.findData("hr-policy"))
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not window.is_team_loading())
    assert window.model.visible_row_of(store.staff.find("Yusuf Demir")[0].id) >= 0
