"""Both sides through the real windows, with two data folders: the staff member prepares and
sends; the manager drops the file on the window, sees what comes in, brings it in, holds the
conversation, signs and gives the copy back; the staff member takes the copy in (genuine),
verifies its PDF, notes progress and prepares again; the manager sees the progress arrive.

Keys and clicks on the widgets do the work; each store is read to check what it holds. The
agreed plan's objectives and actions are written with the records helpers (the plan page's
own tests type them), so this test stays about the exchange.
"""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from rmp_desktop.domain.conversation import Status
from rmp_desktop.export.verify import Outcome
from rmp_desktop.storage.models import AuditEntry
from rmp_desktop.storage.my_development import MyDevelopmentRepository
from rmp_desktop.ui.my_development.view import PLAN, PREPARATION, RECORDS
from rmp_desktop.ui.prep_import_dialog import PrepImportDialog
from rmp_desktop.ui.wizard import close_all, open_windows
from tests.records_support import fill_ready
from tests.ui.exchange_windows import (
    choose_in_combo,
    click,
    data_folder,
    drop_file,
    focus,
    main_window,
    save_as,
    set_text,
    type_text,
)

K = Qt.Key
EWA = "Ewa Brzęczyszczykiewicz-Ødegård"
THEO = "Θεόδωρος Καραγιάννης"


def _about_me(qtbot, view) -> None:
    form = view.details
    click(qtbot, form.save_button)  # nothing typed yet: each problem said under its field
    assert form.messages["full_name"].isVisible()
    assert "name" in form.messages["full_name"].text()
    assert not view.tabs.isTabEnabled(PREPARATION)
    set_text(qtbot, form.full_name, EWA)
    set_text(qtbot, form.preferred_name, "Ewa")
    set_text(qtbot, form.job_title, "Senior HR Adviser")
    choose_in_combo(qtbot, form.band, "Band 7")
    choose_in_combo(qtbot, form.area, "Employee")
    set_text(qtbot, form.manager, THEO)
    set_text(qtbot, form.assignment, "T-0001")
    with qtbot.waitSignal(form.saved, timeout=5000):
        click(qtbot, form.save_button)
    assert view.tabs.isTabEnabled(PREPARATION)
    assert view.title.text() == "My development: Ewa"


def _prepare(qtbot, view, mine) -> None:
    view.tabs.setCurrentIndex(PREPARATION)
    editor = view.editor
    went_well = editor.page("reflection").edits["went_well"]
    set_text(qtbot, went_well, "The mediation pilot settled four disputes early.")
    editor.go_to("wellbeing")
    wellbeing = editor.page("wellbeing")
    set_text(qtbot, wellbeing.area_edits["financial"], "A private worry, for me only.")
    set_text(qtbot, wellbeing.area_edits["mental"], "Month end is heavy.")
    click(qtbot, wellbeing.share_boxes["mental"])
    editor.go_to("competencies")
    competencies = editor.page("competencies")
    self_box, manager_box, evidence = competencies.rating_boxes["relationship-builder"]
    assert not manager_box.isVisibleTo(competencies)  # only the person's own column
    focus(qtbot, self_box)
    for _ in range(4):
        qtbot.keyClick(self_box, K.Key_Down)
    assert self_box.currentText() == "4 Role model"
    set_text(qtbot, evidence, "Trusted by the staff side.")
    editor.go_to("questions")
    questions = editor.page("questions").questions
    click(qtbot, questions.add_button)
    type_text(qtbot, questions.editors["text"], "Can the secondment wait until May?")
    qtbot.waitUntil(lambda: not editor.saver.pending, timeout=3000)
    saved = mine.preparation()
    assert saved["reflection"]["went_well"].startswith("The mediation pilot")
    assert saved["questions"][0]["text"] == "Can the secondment wait until May?"
    assert {n["area"]: n["share"] for n in saved["wellbeing"]["notes"]} == {
        "mental": True, "financial": False}


def _send(qtbot, view, path) -> list[str]:
    click(qtbot, view.send_button)
    dialog = view.open_dialog
    carried = dialog.carries.text()
    assert "1 private note stays on this computer, not in the file" in carried
    save_as(qtbot, dialog, path)
    return carried.splitlines()


def _sign_both(qtbot, window, conversation_id) -> None:
    dialog = window.sign_off(conversation_id)
    qtbot.waitExposed(dialog)
    for name in (EWA, THEO):
        set_text(qtbot, dialog.name, name)
        focus(qtbot, dialog.confirm)
        qtbot.keyClick(dialog.confirm, K.Key_Space)
        with qtbot.waitSignal(dialog.signed, timeout=5000):
            click(qtbot, dialog.sign_button)
    dialog.accept()


def test_prepare_send_import_sign_copy_back_verify_progress_and_again(qtbot, tmp_path):
    staff_ctx = data_folder(tmp_path / "staff", "mine")
    manager_ctx = data_folder(tmp_path / "manager", "team")
    try:
        _round_trip(qtbot, tmp_path, staff_ctx, manager_ctx)
    finally:
        close_all()
        staff_ctx.close()
        manager_ctx.close()


def _round_trip(qtbot, tmp_path, staff_ctx, manager_ctx) -> None:
    # -- the staff member prepares on their own laptop -------------------------------------------
    staff = main_window(qtbot, staff_ctx)
    view = staff.my_development
    assert not staff.people_menu.menuAction().isVisible()  # no team here
    _about_me(qtbot, view)
    mine = MyDevelopmentRepository.of(staff_ctx.store())
    _prepare(qtbot, view, mine)
    first = tmp_path / "ewa-preparation.json"
    _send(qtbot, view, first)
    sent = json.loads(first.read_text(encoding="utf-8"))
    assert "private worry" not in first.read_text(encoding="utf-8")
    assert sent["person"]["assignment_number"] == "T-0001"

    # -- the manager drops it on the window: a preview first, nothing written -----------------
    mstore = manager_ctx.store()
    from tests.records_support import MANAGER, PERSON

    boss = mstore.staff.add(MANAGER)
    ewa = mstore.staff.add(PERSON.with_changes(line_manager_id=boss.id))
    manager = main_window(qtbot, manager_ctx)
    drop_file(manager, first)
    dialog = manager.open_dialog
    assert isinstance(dialog, PrepImportDialog)
    assert "found by assignment number" in dialog.who.text()
    preview = dialog.preview.toPlainText()
    assert preview.startswith("Into a new draft conversation")
    assert "Competencies: Relationship Builder, self-rating" in preview
    assert mstore.conversations.list_for_person(ewa.id) == []  # the preview wrote nothing
    with qtbot.waitSignal(dialog.imported, timeout=5000):
        click(qtbot, dialog.bring_button)
    assert dialog.headline.text() == "✓ Brought in"
    [draft] = mstore.conversations.list_for_person(ewa.id)
    document = mstore.conversations.document(draft.id)
    assert document["competencies"]["ratings"]["relationship-builder"]["self"] == 4
    assert document["setup"]["questions"][0]["text"] == "Can the secondment wait until May?"
    assert document["wellbeing"]["areas"] == {"mental": "Month end is heavy."}
    with mstore.sessions() as session:
        logged = session.query(AuditEntry).filter_by(event="prep_imported").one()
    assert json.loads(logged.detail)["sha256"] == dialog.digest

    # The same file again: nothing changes, and the dialog says so.
    click(qtbot, dialog.open_button)  # the manager opens the conversation to hold it
    again = manager.import_preparation_from(first)
    assert again.headline.text() == "✓ Already brought in"
    assert "nothing has changed" in again.message.text()
    assert not again.bring_button.isEnabled()
    again.reject()

    # -- the conversation is held: the manager's rating typed in the wizard -------------------
    [wizard_window] = open_windows()
    wizard = wizard_window.conversation
    assert wizard.page("setup").questions_box.isVisibleTo(wizard.page("setup"))
    wizard.go_to("competencies")
    _self_box, manager_box, _evidence = wizard.page("competencies").rating_boxes[
        "relationship-builder"]
    focus(qtbot, manager_box)
    for _ in range(3):
        qtbot.keyClick(manager_box, K.Key_Down)
    with qtbot.waitSignal(wizard_window.closed, timeout=5000):
        wizard_window.close()
    assert mstore.conversations.document(draft.id)["competencies"]["ratings"][
        "relationship-builder"] == {"self": 4, "manager": 3, "evidence": "Trusted by the staff "
                                                                         "side."}
    fill_ready(mstore, draft.id)
    mstore.conversations.update_details(draft.id, manager_name=THEO)
    _sign_both(qtbot, manager, draft.id)
    close_all()
    assert mstore.conversations.get(draft.id).status is Status.SIGNED

    # -- the copy goes back from the person's page ---------------------------------------------
    manager.team.select_person(ewa.id)
    history = manager.history
    qtbot.waitUntil(lambda: history.current_id() == draft.id)
    click(qtbot, history.give_copy_button)
    copy_dialog = manager.open_dialog
    copy_file = tmp_path / "ewa-record.json"
    save_as(qtbot, copy_dialog, copy_file)
    pdf = tmp_path / "ewa-record.pdf"
    assert copy_file.is_file() and pdf.is_file()

    # -- the staff member takes it in: genuine, locked, provable without the manager ----------
    view.tabs.setCurrentIndex(RECORDS)
    click(qtbot, view.records.import_button)
    taking = view.open_dialog
    set_text(qtbot, taking.path, str(copy_file))
    with qtbot.waitSignal(taking.imported, timeout=10000):
        click(qtbot, taking.import_button)
    assert taking.headline.text().startswith("✓ Genuine")
    assert "This copy is genuine" in taking.message.text()
    taking.accept()
    [record] = mine.records()
    assert record.status is Status.SIGNED and record.uid == draft.uid
    qtbot.waitUntil(lambda: view.records.verdict.text().startswith("✓ Genuine"))
    click(qtbot, view.records.verify_button)
    verifying = view.open_dialog
    set_text(qtbot, verifying.path, str(pdf))
    with qtbot.waitSignal(verifying.verified, timeout=20000):
        click(qtbot, verifying.check_button)
    assert verifying.verdict.outcome is Outcome.GENUINE
    assert verifying.headline.text().startswith("✓ Genuine")
    verifying.accept()

    # -- progress on the plan, then a new preparation carries it ------------------------------
    view.tabs.setCurrentIndex(PLAN)
    [(done, note, _flag, action)] = list(view.plan.fields.values())
    assert action.text == "Shadow the deputy director at a tribunal hearing"
    set_text(qtbot, done, "20/1/2027")
    set_text(qtbot, note, "Hearing attended in January.")
    qtbot.waitUntil(lambda: mine.plan_actions()[0].note == "Hearing attended in January.",
                    timeout=3000)
    assert mine.plan_actions()[0].done_on.isoformat() == "2027-01-20"
    second = tmp_path / "ewa-preparation-2.json"
    lines = _send(qtbot, view, second)
    assert any("progress on 1 action" in line for line in lines)

    drop_file(manager, second)
    dialog = manager.open_dialog
    assert "Progress on 1 action of the last plan" in dialog.preview.toPlainText()
    with qtbot.waitSignal(dialog.imported, timeout=5000):
        click(qtbot, dialog.bring_button)
    click(qtbot, dialog.open_button)
    [wizard_window] = open_windows()
    wizard = wizard_window.conversation
    assert wizard.conversation_id != draft.id  # a new draft: the signed one never changes
    wizard.go_to("looking_back")
    page = wizard.page("looking_back")
    assert page.progress_box.isVisibleTo(page)
    assert "Hearing attended in January." in page.progress.text()
    assert "Done 20 Jan 2027" in page.progress.text()
