"""The command line on a real data folder: demo, import-staff, check."""

from __future__ import annotations

import subprocess
import sys

from rmp_desktop import __version__
from rmp_desktop.cli import main
from rmp_desktop.storage.store import Store

HEADER = "Name,Job title,Band,Functional area,Email,Assignment number,Start date\r\n"


def run(paths, *args):
    return main(["--data-dir", str(paths.data_dir), *args])


def people(paths):
    store = Store(paths.store)
    try:
        return sorted(m.full_name for m in store.staff.all())
    finally:
        store.close()


def test_version_and_module_entry_point():
    out = subprocess.run([sys.executable, "-m", "rmp_desktop", "--version"],
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"rmp-desktop {__version__}"


def test_demo_fills_an_empty_store_once(paths, capsys):
    assert run(paths, "demo") == 0
    team = people(paths)
    assert len(team) == 13 and "Aušra Žukauskienė" in team and "Ганна Коваленко" in team
    assert run(paths, "demo") == 1
    assert "already" in capsys.readouterr().err
    assert len(people(paths)) == 13


def test_demo_refuses_a_store_with_real_people(paths, tmp_path, capsys):
    csv = tmp_path / "team.csv"
    csv.write_text(HEADER + "Mehmet Yılmaz,OH Manager,7,Occupational health,,A-1,\r\n", encoding="utf-8")
    assert run(paths, "import-staff", str(csv)) == 0
    assert run(paths, "demo") == 1
    assert "--force" in capsys.readouterr().err
    assert people(paths) == ["Mehmet Yılmaz"]
    assert run(paths, "demo", "--force") == 0
    assert len(people(paths)) == 14


def test_import_reads_bom_and_windows_1252(paths, tmp_path, capsys):
    utf8 = tmp_path / "utf8.csv"
    utf8.write_bytes(b"\xef\xbb\xbf" + (HEADER + "Nguyễn Thị Đào,Analyst,Band 6,Workforce intelligence,"
                                                  "dao@example.nhs.uk,A-2,31/03/2022\r\n").encode())
    cp1252 = tmp_path / "old.csv"
    cp1252.write_bytes((HEADER + "Chloé Dubois-Mensah,Administrator,3,HR business partnering,,A-3,\r\n")
                       .encode("cp1252"))
    assert run(paths, "import-staff", str(utf8)) == 0
    assert run(paths, "import-staff", str(cp1252)) == 0
    assert "(Windows-1252)" in capsys.readouterr().out
    assert people(paths) == ["Chloé Dubois-Mensah", "Nguyễn Thị Đào"]
    assert run(paths, "import-staff", str(utf8)) == 0  # again: nobody twice
    assert len(people(paths)) == 2


def test_bad_csv_imports_nothing_and_names_each_line(paths, tmp_path, capsys):
    run(paths, "demo")
    before = people(paths)
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "Priya R,Lead,8b,Organisational development,,B-1,\r\n"
                            ",No name,5,HR policy,,B-2,\r\n"
                            "Tomasz W,Partner,11,HR policy,,B-3,\r\n"
                            "Zainab A,Officer,4,HR policy,,B-4,31/02/2024\r\n"
                            "Kwame A,Manager,8a,HR policy,,B-1,\r\n", encoding="utf-8")
    assert run(paths, "import-staff", str(bad)) == 1
    err = capsys.readouterr().err
    assert "Nothing was imported" in err
    assert "line 3: there is no name" in err
    assert "line 4: the band “11” is not one the application knows" in err
    assert "line 5: start date “31/02/2024”: February 2024 has 29 days" in err
    assert "line 6: the assignment number B-1 is also on line 2" in err
    assert people(paths) == before


def test_check_reports_a_healthy_store(paths, capsys):
    assert run(paths, "check") == 0
    run(paths, "demo")
    assert run(paths, "check") == 0
    assert "healthy" in capsys.readouterr().out


def test_global_options_work_after_the_command(tmp_path, capsys):
    """`rmp-desktop demo --data-dir DIR` is where most people put the option."""
    after = tmp_path / "after"
    assert main(["demo", "--data-dir", str(after)]) == 0
    assert (after / "rmp-desktop.sqlite3").is_file()
    before = tmp_path / "before"
    assert main(["--data-dir", str(before), "check", f"--data-dir={after}"]) == 0
    assert "13 people" in capsys.readouterr().out
    assert not before.exists()  # the option nearer the command wins, as written last


def test_output_into_a_closed_pipe_is_not_a_traceback(tmp_path):
    data = tmp_path / "data"
    assert main(["demo", "--data-dir", str(data)]) == 0
    shell = subprocess.run(f"{sys.executable} -m rmp_desktop records --data-dir '{data}' | head -1",
                           shell=True, capture_output=True, text=True)
    assert shell.stdout.startswith("Record")
    assert "Traceback" not in shell.stderr


def staff_rows(paths):
    import sqlite3

    with sqlite3.connect(paths.store) as conn:
        return conn.execute("SELECT * FROM staff ORDER BY id").fetchall()


def test_excel_unicode_text_imports_and_a_dry_run_writes_nothing(paths, tmp_path, capsys):
    """Excel's "Unicode text": UTF-16 little-endian with a BOM, tabs, CRLF, quotes doubled."""
    lines = ["Title\tFull Name\tPosition Title\tBand\tFunctional Area\tAssignment Number",
             'Mrs\t"O\'Neill, Siobhán ""Shiv"""\tHR Adviser\t6\tEmployee relations\t10001',
             "Dr\tNguyễn Thị Đào\tAnalyst\t5\tWorkforce intelligence\t10002"]
    unicode_text = tmp_path / "team.txt"
    unicode_text.write_bytes(b"\xff\xfe" + "\r\n".join(lines + [""]).encode("utf-16-le"))
    assert run(paths, "demo") == 0
    before = staff_rows(paths)
    capsys.readouterr()
    assert run(paths, "import-staff", str(unicode_text), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "UTF-16 (Excel's Unicode text), 2 people): a preview only, nothing was written" in out
    assert "2 to add, 0 to update, 0 already up to date." in out
    assert 'line 2: O\'Neill, Siobhán "Shiv" (band 6, Employee relations, assignment 10001)' in out
    assert "“Title” was not imported" in out
    assert staff_rows(paths) == before
    assert run(paths, "import-staff", str(unicode_text)) == 0
    assert "2 added, 0 updated" in capsys.readouterr().out
    assert 'O\'Neill, Siobhán "Shiv"' in people(paths)


def test_conflicts_stop_the_import_unless_left_out(paths, tmp_path, capsys):
    first = tmp_path / "first.csv"
    first.write_text(HEADER + "Mehmet Yılmaz,OH Manager,7,Occupational health,,A-1,\r\n",
                     encoding="utf-8")
    assert run(paths, "import-staff", str(first)) == 0
    clash = tmp_path / "clash.csv"
    clash.write_text(HEADER + "Priya Raghunathan,Lead,8a,HR policy,,a-1,\r\n"
                              "Tomasz Wiśniewski,Adviser,6,HR policy,,A-2,\r\n", encoding="utf-8")
    capsys.readouterr()
    assert run(paths, "import-staff", str(clash)) == 1
    err = capsys.readouterr().err
    assert "Nothing was imported" in err and "1 row conflicts" in err
    assert "line 2: the assignment number a-1 belongs to Mehmet Yılmaz" in err
    assert "--leave-out-conflicts" in err
    assert people(paths) == ["Mehmet Yılmaz"]
    assert run(paths, "import-staff", str(clash), "--leave-out-conflicts") == 0
    assert "1 added, 0 updated, 0 already up to date, 1 conflicting row left out" in \
        capsys.readouterr().out
    assert people(paths) == ["Mehmet Yılmaz", "Tomasz Wiśniewski"]


def test_a_full_disk_while_importing_is_said_in_words(paths, tmp_path, capsys, monkeypatch):
    import sqlite3

    from rmp_desktop.storage import audit

    def full(*_args, **_kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    team = tmp_path / "team.csv"
    team.write_text(HEADER + "Mehmet Yılmaz,OH Manager,7,Occupational health,,A-1,\r\n",
                    encoding="utf-8")
    monkeypatch.setattr(audit, "append", full)
    assert run(paths, "import-staff", str(team)) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"Nothing was imported from {team}.") and "full" in err
    assert "Traceback" not in err
    monkeypatch.undo()
    assert people(paths) == []
