"""Files the user names are never a way to lose data: export and backup on a real data folder.

Each case names a file that must survive (the store, its WAL, a backup, a spreadsheet,
someone else's PDF) and checks its bytes afterwards, not only the exit code.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import threading

import pytest

from rmp_desktop.cli import main
from rmp_desktop.export import destination
from rmp_desktop.paths import AppPaths


def run(paths, *args) -> int:
    return main(["--data-dir", str(paths.data_dir), *args])


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo") / "data"
    assert main(["--data-dir", str(folder), "demo"]) == 0
    return folder


@pytest.fixture
def demo(demo_template, tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(demo_template, data)
    capsys.readouterr()
    return AppPaths(data)


def signed_ids(paths, capsys) -> list[str]:
    assert run(paths, "records", "--json") == 0
    return [r["id"] for r in json.loads(capsys.readouterr().out) if r["status"] == "signed"]


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_state(folder) -> dict[str, str]:
    return {p.name: digest(p) for p in sorted(folder.iterdir()) if p.is_file()}


def export(paths, record, out, *extra) -> int:
    return run(paths, "export", record, "--out", str(out), *extra)


# -- never inside the store ------------------------------------------------------------------


def test_export_over_the_live_store_is_refused_and_the_store_is_untouched(demo, capsys):
    record = signed_ids(demo, capsys)[0]
    before = digest(demo.store)
    for target in (demo.store, f"{demo.store}-wal", f"{demo.store}-shm"):
        assert export(demo, record, target, "--overwrite") == 1
        err = capsys.readouterr().err
        assert "application's own store" in err and "nothing was written" in err
    assert digest(demo.store) == before
    assert run(demo, "check") == 0


def test_export_into_the_backups_folder_is_refused_even_through_links(demo, tmp_path, capsys):
    record = signed_ids(demo, capsys)[0]
    assert run(demo, "backup") == 0
    backups_before = folder_state(demo.backups)
    assert export(demo, record, demo.backups / "record.pdf") == 1
    assert "backups folder" in capsys.readouterr().err
    # A link to the store under an innocent name, and a linked folder into backups/.
    (tmp_path / "looks-harmless.pdf").symlink_to(demo.store)
    (tmp_path / "shortcut").symlink_to(demo.backups)
    store_before = digest(demo.store)
    assert export(demo, record, tmp_path / "looks-harmless.pdf", "--overwrite") == 1
    assert "own store" in capsys.readouterr().err
    assert export(demo, record, tmp_path / "shortcut" / "record.pdf") == 1
    assert "backups folder" in capsys.readouterr().err
    # A hard link to the store in another folder is the store too.
    os.link(demo.store, tmp_path / "hard.pdf")
    assert export(demo, record, tmp_path / "hard.pdf", "--overwrite") == 1
    assert "own store" in capsys.readouterr().err
    assert digest(demo.store) == store_before
    assert folder_state(demo.backups) == backups_before
    assert run(demo, "export", "--all-signed", "--out-dir", str(demo.backups / "pdfs")) == 1
    assert not (demo.backups / "pdfs").exists()


# -- never over a file of another kind -------------------------------------------------------


def test_a_file_that_is_not_one_of_our_pdfs_is_never_replaced(demo, tmp_path, capsys):
    from reportlab.pdfgen import canvas

    record = signed_ids(demo, capsys)[0]
    spreadsheet = tmp_path / "budget.pdf"  # the name says PDF; the content decides
    spreadsheet.write_bytes(b"PK\x03\x04 a workbook, misnamed")
    database = tmp_path / "other.pdf"
    with sqlite3.connect(database) as conn:
        conn.execute("CREATE TABLE t (x)")
    someone_elses = tmp_path / "letter.pdf"
    pdf = canvas.Canvas(str(someone_elses))
    pdf.drawString(72, 720, "A letter from someone else")
    pdf.save()
    for victim in (spreadsheet, database, someone_elses):
        before = digest(victim)
        assert export(demo, record, victim, "--overwrite") == 1
        err = capsys.readouterr().err
        assert "is not a PDF record exported by this application" in err
        assert "left as it is" in err
        assert digest(victim) == before
    assert not list(tmp_path.glob(".*.part"))


def test_a_pipe_or_a_folder_under_the_name_is_refused_without_waiting(demo, tmp_path, capsys):
    record = signed_ids(demo, capsys)[0]
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    assert export(demo, record, fifo, "--overwrite") == 1  # a read of the pipe would hang
    assert "not a PDF record" in capsys.readouterr().err
    (tmp_path / "folder.pdf").mkdir()
    assert export(demo, record, tmp_path / "folder.pdf") == 1
    assert "is a folder" in capsys.readouterr().err
    assert export(demo, record, tmp_path / "missing" / "r.pdf") == 1
    assert "does not exist" in capsys.readouterr().err


# -- an earlier PDF: replaced only when told -------------------------------------------------


def test_an_earlier_pdf_is_replaced_only_with_overwrite(demo, tmp_path, capsys):
    first, second = signed_ids(demo, capsys)[:2]
    out = tmp_path / "record.pdf"
    assert export(demo, first, out) == 0
    earlier = digest(out)
    assert export(demo, second, out) == 1
    assert "--overwrite" in capsys.readouterr().err
    assert digest(out) == earlier
    assert export(demo, second, out, "--overwrite") == 0
    assert digest(out) != earlier
    assert run(demo, "verify", str(out)) == 0
    capsys.readouterr()
    # The very same copy again is no question at all: left as it is.
    assert export(demo, second, out) == 0
    assert "byte for byte" in capsys.readouterr().out


def test_a_link_named_by_the_user_keeps_pointing_at_the_replaced_file(demo, tmp_path, capsys):
    first, second = signed_ids(demo, capsys)[:2]
    real = tmp_path / "kept" / "record.pdf"
    real.parent.mkdir()
    assert export(demo, first, real) == 0
    link = tmp_path / "latest.pdf"
    link.symlink_to(real)
    assert export(demo, second, link, "--overwrite") == 0
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert run(demo, "verify", str(real)) == 0


def test_a_failed_write_leaves_the_earlier_file_whole(demo, tmp_path, capsys, monkeypatch):
    first, second = signed_ids(demo, capsys)[:2]
    out = tmp_path / "record.pdf"
    assert export(demo, first, out) == 0
    earlier = out.read_bytes()

    def disk_full(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(destination.os, "replace", disk_full)
    assert export(demo, second, out, "--overwrite") == 1
    assert "No space left on device" in capsys.readouterr().err
    assert out.read_bytes() == earlier
    assert not list(tmp_path.glob(".*.part"))


def test_a_file_that_appears_while_writing_is_not_replaced(tmp_path):
    protect = destination.Protected.for_store(tmp_path / "data" / "store.sqlite3")
    out = tmp_path / "new.pdf"
    with pytest.raises(destination.AlreadyExists):
        with destination.replacing(out, destination.PDF_RECORD, protect=protect) as handle:
            handle.write(b"%PDF-1.4 ours /RMPRecord (x)")
            out.write_bytes(b"%PDF-1.4 theirs /RMPRecord (y)")  # someone else, meanwhile
    assert out.read_bytes() == b"%PDF-1.4 theirs /RMPRecord (y)"
    assert [p.name for p in tmp_path.iterdir()] == ["new.pdf"]


def test_the_record_pdf_test_reads_content_not_names(tmp_path):
    ours = tmp_path / "a.txt"
    ours.write_bytes(b"%PDF-1.4\n" + b"x" * 3_000_000 + b"/RMPRecord (abc)\n%%EOF")
    split = tmp_path / "b.bin"  # the marker across a read boundary
    split.write_bytes(b"%PDF-1.4\n" + b"x" * (1024 * 1024 - 13) + b"/RMPRecord (abc)")
    theirs = tmp_path / "c.pdf"
    theirs.write_bytes(b"%PDF-1.4\n/Title (RMPRecord)\n%%EOF")
    assert destination.is_record_pdf(ours) and destination.is_record_pdf(split)
    assert not destination.is_record_pdf(theirs)


# -- the batch -------------------------------------------------------------------------------


def test_the_batch_leaves_identical_files_and_asks_before_replacing_others(demo, tmp_path,
                                                                         capsys):
    folder = tmp_path / "team"
    assert run(demo, "export", "--all-signed", "--out-dir", str(folder)) == 0
    capsys.readouterr()
    files = sorted(folder.glob("*.pdf"))
    assert len(files) == 4
    assert run(demo, "export", "--all-signed", "--out-dir", str(folder)) == 0
    assert "4 were already there, byte for byte" in capsys.readouterr().out
    # One file now differs (say an older version of the application made it).
    changed = files[0]
    changed.write_bytes(changed.read_bytes() + b"\n% an older export\n")
    edited = digest(changed)
    stranger = files[1]
    stranger.write_text("notes that happen to have this name")
    assert run(demo, "export", "--all-signed", "--out-dir", str(folder)) == 1
    captured = capsys.readouterr()
    assert "Add --overwrite to replace the 1 earlier PDF," in captured.err
    assert "not a PDF record exported by this application" in captured.err
    assert digest(changed) == edited
    assert run(demo, "export", "--all-signed", "--out-dir", str(folder), "--overwrite") == 1
    assert digest(changed) != edited  # replaced on request...
    assert stranger.read_text() == "notes that happen to have this name"  # ...never this one
    assert not list(folder.glob(".*.part"))


# -- backup --to -----------------------------------------------------------------------------


def test_backup_to_follows_the_same_rules(demo, tmp_path, capsys):
    store_before = digest(demo.store)
    assert run(demo, "backup", "--to", str(demo.store), "--overwrite") == 1
    assert "own store" in capsys.readouterr().err
    assert run(demo, "backup", "--to", str(demo.backups / "mine.sqlite3")) == 1
    assert "backups folder" in capsys.readouterr().err
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("not a backup")
    assert run(demo, "backup", "--to", str(notes), "--overwrite") == 1
    assert "is not a backup made by this application" in capsys.readouterr().err
    assert notes.read_text() == "not a backup"
    copy = tmp_path / "team.sqlite3"
    assert run(demo, "backup", "--to", str(copy)) == 0
    first = digest(copy)
    assert run(demo, "backup", "--to", str(copy)) == 1
    assert "--overwrite" in capsys.readouterr().err
    assert digest(copy) == first
    assert run(demo, "backup", "--to", str(copy), "--overwrite") == 0
    assert digest(copy) != first  # a new backup, stamped with its own time
    assert digest(demo.store) == store_before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]


def test_two_exports_to_one_name_at_once_leave_one_whole_pdf(demo, tmp_path, capsys):
    first, second = signed_ids(demo, capsys)[:2]
    out = tmp_path / "record.pdf"
    codes: list[int] = []
    threads = [threading.Thread(target=lambda r=r: codes.append(
        export(demo, r, out, "--overwrite"))) for r in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert codes == [0, 0]
    assert run(demo, "verify", str(out)) == 0


# -- the exchange files (preparations, forms, sheets, record copies) -------------------------


def test_exchange_files_follow_the_same_rules(demo, tmp_path, capsys):
    import json as json_module

    from rmp_desktop.export.destination import OUR_FILE

    sheet = tmp_path / "sheet.pdf"
    assert run(demo, "prep-sheet", "--out", str(sheet)) == 0
    assert OUR_FILE.recognise(sheet)  # its Creator says rmp-desktop
    assert run(demo, "prep-sheet", "--out", str(sheet)) == 1
    assert "--overwrite" in capsys.readouterr().err
    assert run(demo, "prep-sheet", "--out", str(sheet), "--large-print", "--overwrite") == 0
    notes = tmp_path / "notes.pdf"
    notes.write_text("a letter, not one of ours")
    assert run(demo, "prep-sheet", "--out", str(notes), "--overwrite") == 1
    assert "is not a file this application wrote" in capsys.readouterr().err
    assert notes.read_text() == "a letter, not one of ours"
    (tmp_path / "to-store.pdf").symlink_to(demo.store)
    before = digest(demo.store)
    assert run(demo, "prep-sheet", "--out", str(tmp_path / "to-store.pdf"), "--overwrite") == 1
    assert "data folder" in capsys.readouterr().err and digest(demo.store) == before
    ours = tmp_path / "prep.json"
    ours.write_text(json_module.dumps({"format": "rmp-preparation", "format_version": 1}))
    theirs = tmp_path / "theirs.json"
    theirs.write_text(json_module.dumps({"format": "someone-else", "x": 1}))
    assert OUR_FILE.recognise(ours) and not OUR_FILE.recognise(theirs)
