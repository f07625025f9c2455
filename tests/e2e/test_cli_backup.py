"""`rmp-desktop backup` and `restore` on a real data folder."""

from __future__ import annotations

import sqlite3

from rmp_desktop.cli import main
from rmp_desktop.storage.store import Store


def run(paths, *args):
    return main(["--data-dir", str(paths.data_dir), *args])


def names(paths):
    store = Store(paths.store)
    try:
        return sorted(m.full_name for m in store.staff.all())
    finally:
        store.close()


def test_backup_then_restore_brings_back_what_the_backup_held(paths, tmp_path, capsys):
    assert run(paths, "demo") == 0
    copy = tmp_path / "team-backup.sqlite3"
    assert run(paths, "backup", "--to", str(copy)) == 0
    assert "13 people" in capsys.readouterr().out
    store = Store(paths.store)
    store.staff.set_archived(store.staff.find("zainab")[0].id, True)
    extra = store.staff.all()[0].with_changes(id=None, full_name="Björn Løvland",
                                              assignment_number="X-1")
    store.staff.add(extra)
    store.close()
    assert len(names(paths)) == 14

    assert run(paths, "restore", str(copy), "--yes") == 0

    out = capsys.readouterr().out
    assert "Restored the backup made on" in out and "The store now holds 13 people" in out
    assert "What it held before is kept as a backup made on" in out
    assert len(names(paths)) == 13 and "Björn Løvland" not in names(paths)
    assert run(paths, "check") == 0


def test_restore_asks_first_and_changes_nothing_without_an_answer(paths, tmp_path, capsys,
                                                                  monkeypatch):
    run(paths, "demo")
    copy = tmp_path / "b.sqlite3"
    run(paths, "backup", "--to", str(copy))
    before = paths.store.read_bytes()
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert run(paths, "restore", str(copy)) == 2
    assert "--yes" in capsys.readouterr().err
    assert paths.store.read_bytes() == before


def test_a_file_that_is_not_a_backup_is_refused(paths, tmp_path, capsys):
    run(paths, "demo")
    other = tmp_path / "notes.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (text TEXT)")
    conn.commit()
    conn.close()
    before = paths.store.read_bytes()
    assert run(paths, "restore", str(other), "--yes") == 1
    assert capsys.readouterr().err.strip()
    assert paths.store.read_bytes() == before


def test_backup_into_the_backups_folder_is_listed_and_checked(paths, capsys):
    run(paths, "demo")
    assert run(paths, "backup") == 0
    made = list(paths.backups.glob("*.sqlite3"))
    assert len(made) == 1
    assert str(made[0]) in capsys.readouterr().out
