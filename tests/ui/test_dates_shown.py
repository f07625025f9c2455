"""A date is typed the way a person writes it and then said one way: in the window, its lists,
its date fields and the PDF alike."""

from __future__ import annotations

from datetime import date

from pypdf import PdfReader
from PySide6.QtCore import Qt

from rmp_desktop.domain.dates import display_date
from rmp_desktop.domain.staff import StaffMember
from rmp_desktop.export.record_export import export_record
from rmp_desktop.ui.person_dialog import PersonDialog
from tests.ui.wizard_support import (  # noqa: F401 - fixtures
    close,
    conversation_id,
    keyboard,
    open_window,
    person,
)

K = Qt.Key


def test_a_date_field_shows_the_month_as_the_rest_of_the_program_does(qtbot):
    started = date(2019, 9, 30)
    dialog = PersonDialog(lambda m: m, person=StaffMember(
        full_name="Lena Fischer", band="5", functional_area="hr-policy", id=3,
        start_date=started))
    qtbot.addWidget(dialog)
    assert dialog.start_date.text() == display_date(started) == "30 Sept 2019"


def test_a_plan_date_typed_day_first_is_shown_stored_and_printed_one_way(
        qtbot, context, conversation_id, keyboard, tmp_path):  # noqa: F811
    window = open_window(qtbot, context, conversation_id)
    wizard = window.conversation
    assert "6 Oct 2026" in wizard.title.text()
    assert wizard.page("setup").date_edit.text() == "6 Oct 2026"
    wizard.go_to("plan", focus=True)
    page = wizard.page("plan")
    keyboard.tab_to("Add action")
    keyboard.press(K.Key_Space)
    keyboard.type("Shadow the deputy director")
    field = keyboard.tab_to("Action: target date")
    assert field.placeholderText() == "For example 31 Mar 2027"
    keyboard.type("30 Sept 2027")
    assert not page.action_list.flags["target_date"].isVisible()
    keyboard.press(K.Key_Tab)
    field.setFocus()
    keyboard.select_all_and_type("30/9/2027")
    keyboard.press(K.Key_Tab)  # leaving the field says the date the usual way
    assert field.text() == "30 Sept 2027"
    target_column = next(i for i, f in enumerate(page.action_list.model.columns)
                         if f.key == "target_date")
    assert page.action_list.model.index(0, target_column).data() == "30 Sept 2027"
    field.setFocus()
    keyboard.select_all_and_type("31/9/2027")
    flag = page.action_list.flags["target_date"]
    assert flag.isVisible()
    assert "September 2027 has 30 days, so there is no day 31" in flag.text()
    keyboard.press(K.Key_Tab)
    assert field.text() == "31/9/2027"  # not a date: kept exactly as typed, with its problem
    field.setFocus()
    keyboard.select_all_and_type("30 Sept 2027")
    close(qtbot, window)

    [action] = context.store().conversations.document(conversation_id)["plan"]["actions"]
    assert action["target_date"] == "2027-09-30"
    pdf = tmp_path / "draft.pdf"
    export_record(context.store(), conversation_id, pdf, final=False)
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "30 Sept 2027" in text and "6 Oct 2026" in text  # on one line, as on screen
    assert "2027-09-30" not in text and "30 September 2027" not in text
