"""My development through the window: what the person sees, what goes out and what comes in,
refusals in words, every control named, reached from the keyboard."""

from __future__ import annotations

import json

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from rmp_desktop.content.loader import load_builtin
from rmp_desktop.export.record_copy import make_copy
from rmp_desktop.export.verify import Outcome
from rmp_desktop.storage.my_development import MyDevelopmentRepository
from rmp_desktop.ui.accessibility import clashing_mnemonics
from rmp_desktop.ui.my_development.record_import import RecordImportDialog
from rmp_desktop.ui.my_development.view import PLAN, PREPARATION, RECORDS
from rmp_desktop.ui.save_file_dialog import SaveFileDialog
from rmp_desktop.ui.verify_dialog import VerifyDialog
from tests.exchange_support import staff_side
from tests.records_support import add_people, ready_conversation, sign_both
from tests.ui.exchange_windows import (
    click,
    data_folder,
    drop_file,
    focus,
    main_window,
    press,
    save_as,
    set_text,
)
from tests.ui.test_team_accessibility import assert_all_named

K = Qt.Key


def staff_window(qtbot, tmp_path, role="mine", *, prepared=True):
    context = data_folder(tmp_path / "staff", role)
    if prepared:
        staff_side(context.store(), load_builtin())
    window = main_window(qtbot, context)
    if role == "both":
        window.show_my_development()
    return context, window, window.my_development


def signed_copy(tmp_path):
    """A record copy and its PDF from a manager's store, as Give a copy writes them."""
    manager = data_folder(tmp_path / "manager", "team")
    try:
        store = manager.store()
        person, boss = add_people(store)
        meta = ready_conversation(store, person, boss)
        sign_both(store, meta.id)
        data, pdf = make_copy(store, meta.id)
    finally:
        manager.close()
    (tmp_path / "record.json").write_bytes(data)
    (tmp_path / "record.pdf").write_bytes(pdf)
    return tmp_path / "record.json", tmp_path / "record.pdf"


def test_before_i_say_who_i_am_only_about_me_is_open(qtbot, tmp_path):
    context, window, view = staff_window(qtbot, tmp_path, prepared=False)
    try:
        assert view.tabs.currentIndex() == 0
        assert [view.tabs.isTabEnabled(i) for i in range(4)] == [True, False, False, False]
        assert not view.send_button.isEnabled()
        assert "Start with About me" in view.subtitle.text()
        # From the keyboard alone, Tab goes through the form in reading order.
        focus(qtbot, view.details.full_name)
        seen = []
        for _ in range(9):
            seen.append(QApplication.focusWidget().accessibleName())
            qtbot.keyClick(QApplication.focusWidget(), K.Key_Tab)
        assert seen == ["Your name (required)", "Preferred name", "Job title", "Band (required)",
                        "Functional area (required)", "Your manager's name", "Assignment number",
                        "Email",
                        "Save my details"]
    finally:
        context.close()


def test_every_control_is_named_and_no_two_share_an_alt_key(qtbot, tmp_path):
    record, _pdf = signed_copy(tmp_path)
    context, window, view = staff_window(qtbot, tmp_path, role="both")
    try:
        view.import_record_copy().set_path(record)
        view.open_dialog.take_in()
        view.open_dialog.accept()
        for index in range(4):
            view.tabs.setCurrentIndex(index)
            assert_all_named(window)
            assert clashing_mnemonics(window) == {}, index
        view.tabs.setCurrentIndex(PREPARATION)
        for step in view.editor.pages:
            view.editor.go_to(step)
            assert_all_named(view.editor.page(step))
        for make in (view.send_to_manager, view.preparation_sheet, view.import_record_copy,
                     view.verify_pdf, window.ask_role):
            dialog = make()
            assert_all_named(dialog)
            assert clashing_mnemonics(dialog) == {}
            dialog.reject()
    finally:
        context.close()


def test_what_is_sent_is_said_first_private_notes_stay_and_a_file_is_replaced_only_if_asked(
        qtbot, tmp_path):
    context, window, view = staff_window(qtbot, tmp_path)
    try:
        target = tmp_path / "to-my-manager.json"
        target.write_text("a list of my own, not the application's", encoding="utf-8")
        click(qtbot, view.send_button)
        dialog = view.open_dialog
        assert isinstance(dialog, SaveFileDialog)
        lines = dialog.carries.text().splitlines()
        assert lines[0].startswith("• Your details: Ewa Brzęczyszczykiewicz-Ødegård")
        assert "• Wellbeing: 2 notes you chose to share; 1 private note stays on this computer, " \
               "not in the file." in lines
        set_text(qtbot, dialog.path, str(target))
        click(qtbot, dialog.save_button)  # not a file of ours: never replaced, not even asked
        assert dialog.replace_question is None
        assert "is not a file this application wrote" in dialog.path_error.text()
        assert target.read_text(encoding="utf-8").startswith("a list of my own")

        earlier = '{"format": "rmp-preparation", "format_version": 1}'
        target.write_text(earlier, encoding="utf-8")  # an earlier one of ours: asked first
        click(qtbot, dialog.save_button)
        question = dialog.replace_question
        assert isinstance(question, QMessageBox) and "already exists" in question.text()
        question.button(QMessageBox.StandardButton.Cancel).click()
        assert target.read_text(encoding="utf-8") == earlier
        click(qtbot, dialog.save_button)
        with qtbot.waitSignal(dialog.saved, timeout=5000):
            [replace] = [b for b in dialog.replace_question.buttons() if b.text() == "&Replace"]
            replace.click()
        sent = json.loads(target.read_text(encoding="utf-8"))
        assert sent["format"] == "rmp-preparation"
        assert "private worry" not in target.read_text(encoding="utf-8")
        assert "Give it to your manager" in window.statusBar().currentMessage()
    finally:
        context.close()


def test_a_date_that_cannot_be_read_stops_the_sending_with_words(qtbot, tmp_path):
    context, window, view = staff_window(qtbot, tmp_path)
    try:
        view.tabs.setCurrentIndex(PREPARATION)
        view.editor.go_to("plan")
        objectives = view.editor.page("plan").objectives
        objectives.select_row(0)
        set_text(qtbot, objectives.editors["due"], "next spring")
        assert objectives.flags["due"].isVisible()  # said under the field as it is typed
        click(qtbot, view.send_button)
        box = view.open_dialog
        assert isinstance(box, QMessageBox)
        assert box.text().startswith("Nothing was written.")
        assert "date" in box.text()
        box.accept()
    finally:
        context.close()


def test_the_preparation_sheet_in_large_print(qtbot, tmp_path):
    context, window, view = staff_window(qtbot, tmp_path)
    try:
        pages = {}
        for large in (False, True):
            click(qtbot, view.sheet_button)
            dialog = view.open_dialog
            if large:
                press(qtbot, dialog.option_boxes["large"])
            out = tmp_path / f"sheet-{large}.pdf"
            save_as(qtbot, dialog, out)
            pages[large] = len(PdfReader(out).pages)
        assert pages[True] > pages[False] >= 2
    finally:
        context.close()


def test_a_copy_that_is_not_genuine_is_refused_and_a_genuine_one_dropped_is_kept(
        qtbot, tmp_path):
    record, pdf = signed_copy(tmp_path)
    forged = tmp_path / "forged.json"
    raw = json.loads(record.read_text(encoding="utf-8"))
    raw["versions"][0]["record"]["document"]["plan"]["objectives"][0]["text"] = "Something else"
    forged.write_text(json.dumps(raw), encoding="utf-8")
    context, window, view = staff_window(qtbot, tmp_path)
    mine = MyDevelopmentRepository.of(context.store())
    try:
        view.tabs.setCurrentIndex(RECORDS)
        click(qtbot, view.records.import_button)
        dialog = view.open_dialog
        assert isinstance(dialog, RecordImportDialog)
        set_text(qtbot, dialog.path, str(forged))
        click(qtbot, dialog.import_button)
        assert dialog.headline.text().startswith("✗ Not taken in")
        assert "Nothing was changed." in dialog.message.text()
        assert mine.records() == []
        dialog.reject()

        drop_file(window, record)  # a record file dropped on My development is taken in
        dialog = view.open_dialog
        assert isinstance(dialog, RecordImportDialog)
        assert dialog.headline.text().startswith("? Is this record yours?")
        with qtbot.waitSignal(dialog.imported, timeout=5000):
            press(qtbot, dialog.mine_button)  # known here by name only: asked, then kept
        assert dialog.headline.text().startswith("✓ Genuine")
        dialog.accept()
        [kept] = mine.records()
        qtbot.waitUntil(lambda: view.records.verdict.text().startswith("✓ Genuine"))

        drop_file(window, pdf)  # a PDF dropped there is verified
        verifying = view.open_dialog
        assert isinstance(verifying, VerifyDialog)
        qtbot.waitUntil(lambda: verifying.verdict is not None, timeout=20000)
        assert verifying.verdict.outcome is Outcome.GENUINE
        verifying.accept()

        view.tabs.setCurrentIndex(PLAN)
        assert kept.uid in {a.record_uid for a in mine.plan_actions()}
        [(done, _note, flag, _action)] = list(view.plan.fields.values())
        set_text(qtbot, done, "the thirty-first")
        assert flag.isVisible() and "31 Mar 2027" in flag.text()  # says how to write it
        qtbot.waitUntil(lambda: not view.plan.saver.pending, timeout=3000)
        assert mine.plan_actions()[0].done_on is None  # nothing saved until it reads
    finally:
        context.close()


def test_a_first_record_copy_says_who_i_am_and_brings_last_periods_objectives(qtbot, tmp_path):
    record, _pdf = signed_copy(tmp_path)
    context, window, view = staff_window(qtbot, tmp_path, prepared=False)
    try:
        drop_file(window, record)
        dialog = view.open_dialog
        assert dialog.headline.text().startswith("✓ Genuine")
        dialog.accept()
        assert view.tabs.isTabEnabled(PREPARATION)
        assert view.details.full_name.text() == "Ewa Brzęczyszczykiewicz-Ødegård"
        view.tabs.setCurrentIndex(PREPARATION)
        view.editor.go_to("looking_back")
        rows = view.editor.page("looking_back").objectives.rows()
        assert [r["text"] for r in rows] == ["Launch the early resolution service",
                                             "Train ten managers in fair investigations"]
        assert all(r["outcome"] == "" for r in rows)  # mine to give a view of
    finally:
        context.close()
