"""The restore window: what each backup holds, a confirmation, and the store replaced whole."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt

from rmp_desktop.domain.staff import StaffMember
from rmp_desktop.storage.backup import make_backup
from rmp_desktop.storage.store import Store
from rmp_desktop.ui.restore_dialog import BackupListModel, RestoreDialog


@pytest.fixture
def released(store):
    calls: list[str] = []

    def release() -> None:
        calls.append("released")
        store.close()

    return calls, release


def open_dialog(qtbot, paths, release) -> RestoreDialog:
    dialog = RestoreDialog(paths, release)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: all(dialog.model.row_at(r).info or dialog.model.row_at(r).problem
                                for r in range(dialog.model.rowCount())), timeout=5000)
    return dialog


def cell(dialog: RestoreDialog, row: int, column: int) -> str:
    return dialog.model.index(row, column).data()


def test_the_model_is_a_well_behaved_table(qtmodeltester, paths, store):
    store.staff.add(StaffMember(full_name="Beatriz Quintero"))
    make_backup(paths.store, paths.backups, reason="automatic")
    make_backup(paths.store, paths.backups, reason="on-close")
    from rmp_desktop.storage.backup import backup_time, list_backups
    from rmp_desktop.ui.restore_dialog import BackupRow

    model = BackupListModel()
    model.set_paths([BackupRow(p, backup_time(p)) for p in list_backups(paths.backups)])
    qtmodeltester.check(model, force_py=True)


def test_each_backup_shows_what_it_holds_and_restoring_asks_first(qtbot, paths, store, released):
    calls, release = released
    store.staff.add(StaffMember(full_name="Kalani Akana"))
    older = make_backup(paths.store, paths.backups, reason="automatic")
    store.staff.add(StaffMember(full_name="Lior Ben-David"))
    make_backup(paths.store, paths.backups, reason="on-close")
    store.staff.add(StaffMember(full_name="Zainab Hussaini"))

    dialog = open_dialog(qtbot, paths, release)

    assert dialog.model.rowCount() == 2
    assert [cell(dialog, r, BackupListModel.PEOPLE) for r in range(2)] == ["2", "1"]
    assert cell(dialog, 0, BackupListModel.REASON) == "when closing"
    dialog.table.selectRow(1)
    assert "1 person and 0 records" in dialog.details.text()
    assert "Application version" in dialog.details.text()

    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.confirm_panel.isVisible()
    assert "backed up first" in dialog.confirm_text.text()
    assert dialog.keep_button.hasFocus()  # Enter on the default answer changes nothing
    qtbot.keyClick(dialog.keep_button, Qt.Key.Key_Space)
    assert not dialog.confirm_panel.isVisible() and calls == []

    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.restored, timeout=10_000) as restored:
        qtbot.mouseClick(dialog.replace_button, Qt.MouseButton.LeftButton)
    assert calls == ["released"]
    result = restored.args[0]
    assert result.restored.path == older.path
    assert result.safety_backup.people == 3
    assert dialog.result() == RestoreDialog.DialogCode.Accepted
    reopened = Store(paths.store)
    try:
        assert [m.full_name for m in reopened.staff.all()] == ["Kalani Akana"]
    finally:
        reopened.close()


def test_a_backup_from_a_newer_version_cannot_be_chosen(qtbot, paths, store, released, tmp_path):
    _calls, release = released
    newer = make_backup(paths.store, paths.backups, reason="manual")
    with sqlite3.connect(newer.path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    dialog = open_dialog(qtbot, paths, release)
    dialog.table.selectRow(0)
    assert "Install the newer version" in dialog.details.text()
    assert not dialog.restore_button.isEnabled()


def test_a_file_that_is_not_a_backup_is_explained(qtbot, paths, store, released, tmp_path):
    calls, release = released
    odd = tmp_path / "team.csv"
    odd.write_text("name,band\nKalani Akana,6\n", encoding="utf-8")
    dialog = open_dialog(qtbot, paths, release)
    assert dialog.model.rowCount() == 0 and "no backups" in dialog.details.text()
    dialog.add_file(odd)
    qtbot.waitUntil(lambda: dialog.model.row_at(0).problem is not None, timeout=5000)
    assert "not a Realising My Potential backup" in dialog.details.text()
    assert cell(dialog, 0, BackupListModel.REASON) == "cannot be used"
    assert not dialog.restore_button.isEnabled()
    assert calls == []


def test_a_failed_restore_says_so_and_keeps_the_dialog_open(qtbot, paths, store, tmp_path):
    store.staff.add(StaffMember(full_name="Ana Lúcia Ferreira"))
    make_backup(paths.store, paths.backups, reason="manual")
    # The store is never released: the restore must refuse rather than pull it away.
    dialog = open_dialog(qtbot, paths, lambda: None)
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.replace_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Nothing was restored" in dialog.status.text(), timeout=10_000)
    assert "still open" in dialog.status.text()
    assert dialog.isVisible() and dialog.close_button.isEnabled()
    assert store.staff.count() == 1
