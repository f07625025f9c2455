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
    assert "line 5: the start date “31/02/2024” is not a date" in err
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
