"""The manager's side through the window: a preparation comes in only after the user has seen
who it is from and what it brings; a name alone is a question, never a guess; differences are
chosen side by side; an open conversation loses no keystroke; bad files change nothing."""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPlainTextEdit, QRadioButton

from rmp_desktop.content.loader import load_builtin
from rmp_desktop.domain.staff import StaffMember
from rmp_desktop.storage.models import AuditEntry
from rmp_desktop.storage.prep_import import pending_conflicts
from rmp_desktop.ui.prep_conflicts_dialog import ConflictsDialog
from rmp_desktop.ui.prep_import_dialog import PrepImportDialog
from rmp_desktop.ui.save_file_dialog import SaveFileDialog
from rmp_desktop.ui.wizard import close_all, open_conversation
from tests.exchange_support import ME, staff_side
from tests.records_support import MANAGER
from tests.ui.exchange_windows import (
    click,
    data_folder,
    drop_file,
    focus,
    main_window,
    press,
    save_as,
    type_text,
)
from tests.ui.test_team_accessibility import assert_all_named

JS = Path(__file__).parents[1] / "js"


def sent_file(tmp_path: Path, member: StaffMember = ME, content: dict | None = None) -> Path:
    """A preparation as the staff member's application writes it, from their own store."""
    context = data_folder(tmp_path / f"staff-{member.full_name.split()[0]}", "mine")
    try:
        mine = staff_side(context.store(), load_builtin(), content)
        if member is not ME:
            mine.set_me(member.with_changes(id=mine.me().member.id), "")
        prep, _private = mine.make_preparation("2026-05-01T09:30:00Z")
    finally:
        context.close()
    path = tmp_path / f"{member.full_name.split()[0]}-preparation.json"
    path.write_bytes(prep.to_file_bytes())
    return path


def counts(store) -> tuple[int, int, int]:
    with store.sessions() as session:
        return (session.query(AuditEntry).count(), len(store.staff.all()),
                len(store.conversations.all()))


@pytest.fixture
def manager(qtbot, tmp_path):
    context = data_folder(tmp_path / "manager", "team")
    boss = context.store().staff.add(MANAGER)
    yield context, boss
    close_all()
    context.close()


def test_a_name_alone_is_a_question_with_a_new_person_offered_never_a_guess(
        qtbot, tmp_path, manager):
    context, _boss = manager
    store = context.store()
    sam = StaffMember(full_name="Sam Lee", band="5", functional_area="hr-policy")
    first = store.staff.add(sam.with_changes(job_title="HR Adviser"))
    store.staff.add(sam.with_changes(job_title="Policy Lead", band="6"))
    path = sent_file(tmp_path, sam.with_changes(job_title="HR Adviser"))
    window = main_window(qtbot, context)
    before = counts(store)

    dialog = window.import_preparation_from(path)
    assert isinstance(dialog, PrepImportDialog)
    assert "Say who it is from; nothing is chosen for you." in dialog.who.text()
    radios = dialog.choices.findChildren(QRadioButton)
    assert [r.text() for r in radios] == [
        "Sam Lee: HR Adviser, band 5", "Sam Lee: Policy Lead, band 6",
        "A new person, added from the file's details"]
    assert not any(r.isChecked() for r in radios)
    assert not dialog.bring_button.isEnabled() and not dialog.preview_box.isVisible()
    assert_all_named(dialog)
    assert counts(store) == before

    press(qtbot, radios[2])  # a new person: previewed, still nothing written
    assert dialog.preview.toPlainText().startswith("Into a new draft conversation")
    assert "a new person, added from the file's details" in dialog.who.text()
    assert counts(store) == before
    press(qtbot, radios[0])  # no: the HR Adviser
    assert "the person you chose" in dialog.who.text()
    with qtbot.waitSignal(dialog.imported, timeout=5000):
        click(qtbot, dialog.bring_button)
    [draft] = store.conversations.list_for_person(first.id)
    assert store.conversations.document(draft.id)["reflection"]["went_well"].startswith(
        "The mediation pilot")
    assert len(store.staff.all()) == before[1]  # nobody added
    qtbot.waitUntil(lambda: window.current_person_id() == first.id)


def test_differences_chosen_side_by_side_with_the_conversation_open_and_nothing_typed_lost(
        qtbot, tmp_path, manager):
    context, boss = manager
    store = context.store()
    ewa = store.staff.add(ME.with_changes(line_manager_id=boss.id))
    meta = store.conversations.create(ewa.id, "both", date(2026, 10, 6),
                                      manager_name=MANAGER.full_name, packs=context.packs())
    store.conversations.save_section(meta.id, "reflection", {
        "went_well": "The manager's own note.", "was_hard": "", "proud_of": "", "hopes": ""})
    store.conversations.save_section(meta.id, "competencies", {
        "current_level": 3, "target_level": 3,
        "ratings": {"relationship-builder": {"self": 2, "manager": 3, "evidence": ""}}})
    path = sent_file(tmp_path)
    window = main_window(qtbot, context)
    wizard_window = open_conversation(context, meta.id, window)
    wizard = wizard_window.conversation
    wizard.go_to("reflection")
    was_hard = wizard.page("reflection").edits["was_hard"]
    focus(qtbot, was_hard)
    type_text(qtbot, was_hard, "Typed a moment ago")  # not saved yet: the Autosaver waits
    assert wizard.saver.pending

    dialog = window.import_preparation_from(path)
    assert "Reflection: what was difficult" in dialog.preview.toPlainText()  # will fill in
    with qtbot.waitSignal(dialog.imported, timeout=5000):
        click(qtbot, dialog.bring_button)
    # The keystrokes were saved before the import read the draft, so they are a difference,
    # not lost; what did not differ is on screen in the open window at once.
    document = store.conversations.document(meta.id)
    assert document["reflection"]["was_hard"] == "Typed a moment ago"
    assert was_hard.toPlainText() == "Typed a moment ago"
    assert wizard.page("reflection").edits["proud_of"].toPlainText().startswith("Coaching two")
    assert not wizard.undo_action.isEnabled()  # undo cannot take the import back by accident
    waiting = {c["id"] for c in pending_conflicts(store, meta.id)}
    assert {"reflection.went_well", "reflection.was_hard"} <= waiting
    assert wizard.differences_button.isVisible()

    click(qtbot, dialog.differences_button)
    choosing = dialog.open_dialog
    assert isinstance(choosing, ConflictsDialog)
    assert_all_named(choosing)
    radios = {r.accessibleName(): r for r in choosing.findChildren(QRadioButton)}
    assert not any(r.isChecked() for r in radios.values())  # nothing chosen for the user
    fields = {w.accessibleName(): w.toPlainText()
              for w in choosing.findChildren(QPlainTextEdit)}
    assert fields["In Ewa's preparation: Reflection: what was difficult"].startswith("Winter")
    assert fields["In the draft now: Reflection: what was difficult"] == "Typed a moment ago"
    press(qtbot, radios["Use their words: Reflection: what was difficult"])
    press(qtbot, radios["Keep the draft's words: Reflection: what went well"])
    with qtbot.waitSignal(choosing.settled, timeout=5000):
        click(qtbot, choosing.apply_button)
    assert choosing.status.text().startswith("2 differences settled.")
    document = store.conversations.document(meta.id)
    assert document["reflection"]["was_hard"].startswith("Winter case volume")
    assert document["reflection"]["went_well"] == "The manager's own note."
    assert was_hard.toPlainText().startswith("Winter case volume")  # the open window shows it
    left = {c["id"] for c in pending_conflicts(store, meta.id)}
    assert left == waiting - {"reflection.went_well", "reflection.was_hard"}
    assert left == {"competencies.ratings.relationship-builder.self"}  # waits for later
    assert wizard.differences_button.text().endswith("(1)…")
    assert "4 Role model" in fields["In Ewa's preparation: Competencies: Relationship Builder, "
                                    "self-rating"]


def test_a_changed_or_foreign_file_is_refused_in_words_and_nothing_changes(
        qtbot, tmp_path, manager):
    context, boss = manager
    store = context.store()
    store.staff.add(ME.with_changes(line_manager_id=boss.id))
    path = sent_file(tmp_path)
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["content"]["reflection"]["went_well"] = "Edited on the way."
    path.write_text(json.dumps(raw), encoding="utf-8")
    other = tmp_path / "notes.pdf"
    other.write_bytes(b"%PDF-1.4\nnot a form at all\n%%EOF\n")
    window = main_window(qtbot, context)
    before = counts(store)
    for bad, words in ((path, "changed after it was made"), (other, "")):
        drop_file(window, bad)
        dialog = window.open_dialog
        assert dialog.headline.text() == "✗ Not brought in"
        assert "Nothing was changed." in dialog.message.text()
        assert words in dialog.message.text()
        assert not dialog.bring_button.isEnabled()
        dialog.reject()
    assert counts(store) == before


@pytest.mark.slow
def test_the_form_from_the_persons_page_filled_by_poppler_and_dropped_back(
        qtbot, tmp_path, manager):
    context, boss = manager
    store = context.store()
    ewa = store.staff.add(ME.with_changes(line_manager_id=boss.id))
    window = main_window(qtbot, context)
    window.team.select_person(ewa.id)
    qtbot.waitUntil(lambda: window.person_page.prep_form_button.isVisible())
    click(qtbot, window.person_page.prep_form_button)
    dialog = window.open_dialog
    assert isinstance(dialog, SaveFileDialog)
    assert_all_named(dialog)
    assert "any PDF reader" in dialog.carries.text()
    form = tmp_path / "ewa-form.pdf"
    save_as(qtbot, dialog, form)
    with store.sessions() as session:
        given = session.query(AuditEntry).filter_by(event="exported").one()
    assert json.loads(given.detail) == {"what": "preparation form"}

    values = tmp_path / "values.json"
    values.write_text(json.dumps({"refl:went_well": "Filled in Evince.",
                                  "q:0": "May I shadow the director?"}), encoding="utf-8")
    filled = tmp_path / "ewa-form-filled.pdf"
    done = subprocess.run(["/usr/bin/python3", str(JS / "poppler_fill.py"), str(form),
                           str(values), str(filled)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    drop_file(window, filled)
    importing = window.open_dialog
    assert "a filled PDF form" in importing.who.text()
    assert "found by identifier" in importing.who.text()
    with qtbot.waitSignal(importing.imported, timeout=5000):
        click(qtbot, importing.bring_button)
    [draft] = store.conversations.list_for_person(ewa.id)
    document = store.conversations.document(draft.id)
    assert document["reflection"]["went_well"] == "Filled in Evince."
    assert document["setup"]["questions"][0]["text"] == "May I shadow the director?"


def test_from_ctrl_shift_i_to_brought_in_by_keyboard_alone_and_enter_never_brings_it_in(
        qtbot, tmp_path, manager):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    context, boss = manager
    store = context.store()
    ewa = store.staff.add(ME.with_changes(line_manager_id=boss.id))
    path = sent_file(tmp_path)
    window = main_window(qtbot, context)
    focus(qtbot, window.team.search)
    qtbot.keyClick(window.team.search, Qt.Key.Key_I,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.open_dialog
    assert isinstance(dialog, PrepImportDialog)
    focus(qtbot, dialog.path)
    type_text(qtbot, dialog.path, str(path))
    qtbot.keyClick(dialog.path, Qt.Key.Key_Return)  # reads and previews; brings nothing in
    assert dialog.preview_box.isVisible() and dialog.bring_button.isEnabled()
    assert store.conversations.list_for_person(ewa.id) == []
    qtbot.keyClick(dialog.path, Qt.Key.Key_Return)  # again: still only the preview
    assert store.conversations.list_for_person(ewa.id) == []
    for _ in range(12):
        if QApplication.focusWidget() is dialog.bring_button:
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.bring_button
    with qtbot.waitSignal(dialog.imported, timeout=5000):
        qtbot.keyClick(dialog.bring_button, Qt.Key.Key_Space)
    assert len(store.conversations.list_for_person(ewa.id)) == 1
    assert QApplication.focusWidget() is dialog.open_button  # the next thing to do
