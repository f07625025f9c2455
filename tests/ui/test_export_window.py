"""Export from the window: one record to a chosen file, the team's signed records in a batch
off the GUI thread (one failure reported, the rest exported, Cancel honoured), and a PDF
verified in plain words. File choosers and openers are injected: no native dialog appears.
"""

from __future__ import annotations

import threading
from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt

from rmp_desktop.export import record_export
from rmp_desktop.export.record_export import export_record, file_name
from rmp_desktop.export.verify import Outcome
from rmp_desktop.storage.signoff_repo import SignoffRepository
from rmp_desktop.ui.accessibility import describe, unnamed_controls
from rmp_desktop.ui.batch_export import BatchExportDialog
from rmp_desktop.ui.export_dialog import ExportDialog, ExportSettings
from rmp_desktop.ui.verify_dialog import VerifyDialog
from tests.records_support import add_people, ready_conversation, sign_both

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def people(store):
    return add_people(store)


@pytest.fixture
def signed_ids(store, people) -> list[int]:
    person, manager = people
    return [sign_both(store, ready_conversation(store, person, manager,
                                                held_on=date(2026, month, 6)).id).id
            for month in (1, 2, 3)]


def _named(dialog) -> None:
    unnamed = [describe(w) for w in unnamed_controls(dialog)]
    assert unnamed == []


def _shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_export_one_record_to_a_chosen_file_remembers_the_folder_and_opens_it(
        qtbot, context, signed_ids, tmp_path):
    out_dir = tmp_path / "exports"
    out_dir.mkdir()
    opened = []
    dialog = _shown(qtbot, ExportDialog(
        context, signed_ids[0], choose_file=lambda _parent, _start: out_dir / "ewa-record",
        open_file=lambda path: opened.append(path) or True))
    _named(dialog)
    assert dialog.final and dialog.copy_note.text().startswith("✓ Final copy")
    qtbot.mouseClick(dialog.choose_button, LEFT)
    assert dialog.path.text() == str(out_dir / "ewa-record.pdf")
    dialog.open_after.setFocus()
    qtbot.keyClick(dialog.open_after, Qt.Key.Key_Space)
    assert dialog.open_after.isChecked()
    with qtbot.waitSignal(dialog.exported, timeout=20000) as exported:
        qtbot.mouseClick(dialog.export_button, LEFT)
    done = exported.args[0]
    assert done.final and done.path == out_dir / "ewa-record.pdf"
    assert done.path.read_bytes().startswith(b"%PDF")
    assert opened == [done.path]
    assert not dialog.isVisible()
    # Remembered in the settings INI file, and offered next time.
    ini = QSettings(str(context.paths.settings), QSettings.Format.IniFormat)
    assert ini.value(ExportSettings.FOLDER) == str(out_dir)
    again = _shown(qtbot, ExportDialog(context, signed_ids[1], open_file=lambda _p: True))
    assert again.path.text().startswith(str(out_dir))
    assert again.open_after.isChecked()


def test_a_draft_export_says_it_is_watermarked(qtbot, context, store, people, tmp_path):
    person, manager = people
    draft = ready_conversation(store, person, manager)
    dialog = _shown(qtbot, ExportDialog(context, draft.id, open_file=lambda _p: True))
    assert not dialog.final
    assert "watermarked DRAFT" in dialog.copy_note.text()
    assert dialog.copy_note.text().startswith("⚠")  # a sign and words, not colour
    assert dialog.export_button.text().replace("&", "") == "Export draft"
    dialog.set_path(tmp_path / "draft.pdf")
    with qtbot.waitSignal(dialog.exported, timeout=20000) as exported:
        qtbot.mouseClick(dialog.export_button, LEFT)
    assert not exported.args[0].final
    first_page = PdfReader(tmp_path / "draft.pdf").pages[0].extract_text()
    assert "DRAFT" in first_page


def test_an_export_problem_is_shown_beside_the_file(qtbot, context, signed_ids, tmp_path):
    dialog = _shown(qtbot, ExportDialog(context, signed_ids[0], open_file=lambda _p: True))
    dialog.set_path(tmp_path / "no such folder" / "record.pdf")
    with qtbot.assertNotEmitted(dialog.exported):
        qtbot.mouseClick(dialog.export_button, LEFT)
    assert dialog.path_error.isVisible()
    assert dialog.path_error.text().startswith("⚠ The folder") and "does not exist" in \
        dialog.path_error.text()
    assert dialog.isVisible()


def test_the_batch_runs_off_the_gui_thread_and_one_failure_does_not_stop_the_rest(
        qtbot, context, store, people, signed_ids, tmp_path, monkeypatch):
    person, manager = people
    ready_conversation(store, person, manager, held_on=date(2026, 4, 6))  # a draft: left out
    out = tmp_path / "team"
    out.mkdir()
    # The second record's file name is already taken by a folder, so it cannot be written.
    record = SignoffRepository.of(store).record_for(signed_ids[1])
    blocked = out / file_name(record.person.listed_name, record.kind, record.held_on,
                              record.version, record.uid)
    blocked.mkdir()
    threads: list[int] = []
    real = record_export.export_all_signed

    def watched(*args, **kwargs):
        threads.append(threading.get_ident())
        return real(*args, **kwargs)

    monkeypatch.setattr(record_export, "export_all_signed", watched)
    folders = []
    dialog = _shown(qtbot, BatchExportDialog(context, choose=lambda _parent, _start: out,
                                             open_folder=lambda f: folders.append(f) or True))
    _named(dialog)
    assert dialog.count == 3 and dialog.intro.text().startswith("3 records signed by both")
    qtbot.mouseClick(dialog.choose_button, LEFT)
    assert dialog.folder.text() == str(out)
    progress = []
    dialog.runner.progress.connect(lambda done, total: progress.append((done, total)))
    with qtbot.waitSignal(dialog.runner.finished, timeout=30000) as finished:
        qtbot.mouseClick(dialog.start_button, LEFT)
        assert dialog.bar.isVisible() and not dialog.start_button.isEnabled()
    result = finished.args[0]
    assert threads and threads[0] != threading.get_ident()
    assert progress == [(1, 3), (2, 3), (3, 3)]
    assert [e.conversation_id for e in result.exported] == [signed_ids[0], signed_ids[2]]
    assert all(e.path.is_file() and e.final for e in result.exported)
    assert [uid for uid, _ in result.failed] == [record.uid]
    assert dialog.failure_lines() == [
        f"⚠ Ewa's appraisal of 6 Feb 2026 (record {record.uid[:8]}): {blocked} is a "
        "folder, so no file can be written under that name; nothing was written."]
    assert dialog.failures.isVisible()
    assert "Exported 2 records" in dialog.status.text()
    assert "1 record could not be exported; the others were" in dialog.status.text()
    assert dialog.cancel_button.text().replace("&", "") == "Close"
    qtbot.mouseClick(dialog.open_button, LEFT)
    assert folders == [out]
    ini = QSettings(str(context.paths.settings), QSettings.Format.IniFormat)
    assert ini.value(ExportSettings.BATCH_FOLDER) == str(out)


def test_the_batch_stops_after_the_record_in_hand_when_cancelled(
        qtbot, context, signed_ids, tmp_path, monkeypatch):
    """The worker is held after its first record until the test has pressed Cancel."""
    pressed = threading.Event()
    real = record_export.export_all_signed

    def held(source, out_dir, *, progress=None, should_stop=None, ids=None, **rest):
        def report(done, total):
            progress(done, total)
            pressed.wait(10)
        return real(source, out_dir, progress=report, should_stop=should_stop, ids=ids, **rest)

    monkeypatch.setattr(record_export, "export_all_signed", held)
    dialog = _shown(qtbot, BatchExportDialog(context))
    dialog.set_folder(tmp_path / "new folder")
    with qtbot.waitSignal(dialog.exportFinished, timeout=30000) as finished:
        with qtbot.waitSignal(dialog.runner.progress, timeout=30000):
            qtbot.mouseClick(dialog.start_button, LEFT)
        assert dialog.cancel_button.text().replace("&", "") == "Cancel export"
        qtbot.mouseClick(dialog.cancel_button, LEFT)
        pressed.set()
    result = finished.args[0]
    assert result.cancelled and len(result.exported) == 1 and not result.failed
    assert "Stopped when you cancelled" in dialog.status.text()
    qtbot.waitUntil(lambda: not dialog.isVisible())  # Cancel closes once the thread has ended
    assert not dialog.runner.is_running()


def test_a_batch_that_cannot_start_says_why_and_exports_nothing(
        qtbot, context, signed_ids, tmp_path):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    dialog = _shown(qtbot, BatchExportDialog(context))
    dialog.set_folder(blocker / "team")  # its parent is a file: the folder cannot be made
    with qtbot.waitSignal(dialog.exportFinished, timeout=30000) as finished:
        qtbot.mouseClick(dialog.start_button, LEFT)
    result = finished.args[0]
    assert result.exported == [] and [uid for uid, _ in result.failed] == [""]
    assert dialog.failure_lines() == [
        f"⚠ The export: The folder {blocker / 'team'} cannot be created (Not a directory). "
        "Choose another; nothing was written."]
    assert "Exported 0 records" in dialog.status.text()
    assert dialog.start_button.isEnabled() and not dialog.runner.is_running()


def test_verify_shows_a_genuine_pdf_and_an_altered_copy_in_words(
        qtbot, context, store, signed_ids, tmp_path):
    pdf = tmp_path / "record.pdf"
    export_record(store, signed_ids[0], pdf)
    altered = tmp_path / "altered.pdf"
    altered.write_bytes(pdf.read_bytes().replace(b"record, version 1", b"record, version 2"))
    dialog = _shown(qtbot, VerifyDialog(context, choose=lambda _parent, _start: pdf))
    _named(dialog)
    with qtbot.waitSignal(dialog.verified, timeout=20000) as verified:
        qtbot.mouseClick(dialog.choose_button, LEFT)  # choosing a file checks it at once
    verdict = verified.args[0]
    assert verdict.outcome is Outcome.GENUINE
    assert dialog.headline.text() == "✓ Genuine: a true copy of a signed record"
    assert "matches the signed record" in dialog.message.text()
    assert not dialog.icon.pixmap().isNull()
    assert dialog.verdict_panel.isVisible()

    dialog.set_path(altered)
    with qtbot.waitSignal(dialog.verified, timeout=20000) as verified:
        qtbot.mouseClick(dialog.check_button, LEFT)
    assert verified.args[0].outcome is Outcome.ALTERED
    assert dialog.headline.text().startswith("✗ Not genuine")
    assert "changed after export" in dialog.message.text()
    assert "changed after export" in dialog.verdict_panel.accessibleDescription()


def test_verify_says_so_in_words_when_the_store_cannot_be_read(
        qtbot, context, store, signed_ids, tmp_path, monkeypatch):
    import sqlite3

    from rmp_desktop.export import verify

    pdf = tmp_path / "record.pdf"
    export_record(store, signed_ids[0], pdf)

    def unreadable(_store, _path):
        raise sqlite3.DatabaseError("file is not a database")

    monkeypatch.setattr(verify, "verify_pdf", unreadable)
    dialog = _shown(qtbot, VerifyDialog(context))
    dialog.set_path(pdf)
    with qtbot.waitSignal(dialog.verified, timeout=20000) as verified:
        qtbot.mouseClick(dialog.check_button, LEFT)
    assert verified.args[0].outcome is Outcome.UNREADABLE
    assert dialog.headline.text() == "✗ The file cannot be checked"
    assert dialog.message.text() == ("The check could not be completed: the store could not be "
                                     "read (DatabaseError).")
    assert dialog.check_button.isEnabled()


def test_verify_asks_for_a_file_before_checking(qtbot, context, store):
    dialog = _shown(qtbot, VerifyDialog(context))
    with qtbot.assertNotEmitted(dialog.verified):
        qtbot.mouseClick(dialog.check_button, LEFT)
    assert dialog.path_error.text() == "⚠ Choose the PDF to verify."


def test_the_team_window_menus_reach_every_dialog(qtbot, context, store, people):
    from rmp_desktop.ui.amend_dialog import AmendDialog
    from rmp_desktop.ui.signoff_dialog import SignOffDialog
    from rmp_desktop.ui.wizard import close_all
    from tests.ui.conftest import open_window

    person, manager = people
    signed = sign_both(store, ready_conversation(store, person, manager).id)
    window = open_window(qtbot, context)
    assert window.export_record_action.shortcut().toString() == "Ctrl+E"
    titles = {a.text().replace("&", "") for a in window.file_menu.actions()}
    assert {"Export record…", "Export all signed records…", "Verify a PDF…"} <= titles
    titles = {a.text().replace("&", "") for a in window.conversation_menu.actions()}
    assert {"Sign off…", "Amend signed record…"} <= titles
    window.export_record_action.trigger()  # nobody chosen yet: said, not silently ignored
    assert window.statusBar().currentMessage().startswith("Choose a conversation")
    window.team.select_person(person.id)
    qtbot.waitUntil(lambda: window.history is not None and window.history.current_id() == signed.id)

    window.export_record_action.trigger()
    assert isinstance(window.open_dialog, ExportDialog)
    assert window.open_dialog.conversation_id == signed.id and window.open_dialog.final
    window.open_dialog.reject()
    window.export_all_action.trigger()
    assert isinstance(window.open_dialog, BatchExportDialog) and window.open_dialog.count == 1
    window.open_dialog.reject()
    window.verify_action.trigger()
    assert isinstance(window.open_dialog, VerifyDialog)
    window.open_dialog.reject()
    window.amend_action.trigger()
    assert isinstance(window.open_dialog, AmendDialog)
    window.open_dialog.reject()
    window.signoff_action.trigger()  # opens the record with its sign-off: already locked
    dialog = next(w for w in window.findChildren(SignOffDialog) if w.isVisible())
    assert dialog.state.text().startswith("✓ Signed by both. Locked")
    dialog.reject()
    assert close_all()


def test_an_earlier_pdf_is_replaced_only_after_the_question(qtbot, context, signed_ids,
                                                            tmp_path):
    from PySide6.QtWidgets import QMessageBox

    out = tmp_path / "record.pdf"
    export_record(context.store(), signed_ids[1], out)  # an earlier export, another record
    earlier = out.read_bytes()
    dialog = _shown(qtbot, ExportDialog(context, signed_ids[0], open_file=lambda _p: True))
    dialog.set_path(out)  # typed, not chosen: the system dialog has not asked
    with qtbot.assertNotEmitted(dialog.exported):
        qtbot.mouseClick(dialog.export_button, LEFT)
    question = dialog.replace_question
    assert question is not None and question.isVisible()
    assert question.text() == f"record.pdf is already in {tmp_path}."
    assert question.defaultButton() is question.button(QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(question, Qt.Key.Key_Escape)  # by habit: nothing replaced
    assert out.read_bytes() == earlier and dialog.isVisible()

    qtbot.mouseClick(dialog.export_button, LEFT)
    question = dialog.replace_question
    replace = next(b for b in question.buttons() if b.text() == "&Replace")
    with qtbot.waitSignal(dialog.exported, timeout=20000) as exported:
        qtbot.mouseClick(replace, LEFT)
    assert exported.args[0].path == out and out.read_bytes() != earlier
    assert not dialog.isVisible()


def test_the_store_and_other_files_are_refused_beside_the_file(qtbot, context, signed_ids,
                                                               tmp_path):
    notes = tmp_path / "notes.pdf"
    notes.write_text("my own notes")
    link = tmp_path / "store.pdf"  # the dialog adds .pdf, so the store is reached by a link
    link.symlink_to(context.paths.store)
    store_before = context.paths.store.read_bytes()
    dialog = _shown(qtbot, ExportDialog(context, signed_ids[0], open_file=lambda _p: True))
    for target, words in ((link, "own store"),
                          (context.paths.backups / "x.pdf", "backups folder"),
                          (notes, "not a PDF record exported by this application")):
        dialog.set_path(target)
        with qtbot.assertNotEmitted(dialog.exported):
            qtbot.mouseClick(dialog.export_button, LEFT)
        assert words in dialog.path_error.text()
        assert dialog.replace_question is None  # nothing to ask: it is simply refused
    assert notes.read_text() == "my own notes"
    assert context.paths.store.read_bytes() == store_before


def test_exports_start_in_documents_and_the_batch_remembers_its_own_folder(
        qtbot, context, signed_ids, tmp_path, monkeypatch):
    from rmp_desktop.ui.export_dialog import documents_folder

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    (tmp_path / "Documents").mkdir()
    assert documents_folder() == tmp_path / "Documents"
    dialog = _shown(qtbot, ExportDialog(context, signed_ids[0], open_file=lambda _p: True))
    # Named by the full name and the name the person is known by.
    assert dialog.path.text().startswith(str(tmp_path / "Documents" / "Ewa Brzęczyszczykiewicz-Ødegård (Ewa) - "))
    batch = _shown(qtbot, BatchExportDialog(context))
    assert batch.folder.text() == str(tmp_path / "Documents")
    team = tmp_path / "team exports"
    batch.set_folder(team)
    with qtbot.waitSignal(batch.exportFinished, timeout=30000):
        qtbot.mouseClick(batch.start_button, LEFT)
    batch.reject()
    again = _shown(qtbot, BatchExportDialog(context))
    assert again.folder.text() == str(team)
    single = _shown(qtbot, ExportDialog(context, signed_ids[0], open_file=lambda _p: True))
    assert single.path.text().startswith(str(tmp_path / "Documents"))  # its own memory


def test_the_batch_asks_before_replacing_earlier_pdfs(qtbot, context, signed_ids, tmp_path):
    folder = tmp_path / "team"
    first = record_export.export_all_signed(context.store(), folder)
    assert len(first.exported) == 3
    changed = first.exported[1].path
    changed.write_bytes(changed.read_bytes() + b"\n% made by an older version\n")
    edited = changed.read_bytes()
    dialog = _shown(qtbot, BatchExportDialog(context))
    dialog.set_folder(folder)
    with qtbot.waitSignal(dialog.exportFinished, timeout=30000) as finished:
        qtbot.mouseClick(dialog.start_button, LEFT)
    result = finished.args[0]
    assert len(result.unchanged) == 2 and [p for _c, _u, p in result.existing] == [changed]
    assert "2 were already there, byte for byte" in dialog.status.text()
    assert "1 earlier PDF with different content was kept as it is" in dialog.status.text()
    question = dialog.replace_question
    assert question.isVisible() and question.text().startswith("1 of these records has")
    assert changed.read_bytes() == edited
    replace = next(b for b in question.buttons() if b.text() == "&Replace 1")
    with qtbot.waitSignal(dialog.exportFinished, timeout=30000) as finished:
        qtbot.mouseClick(replace, LEFT)
    assert [e.path for e in finished.args[0].exported] == [changed]
    assert changed.read_bytes() != edited and changed.read_bytes().startswith(b"%PDF")
