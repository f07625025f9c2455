"""Importing a staff list from the window: all of it, or nothing with every problem listed."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from rmp_desktop.ui.import_dialog import ImportProblemsDialog

HEADER = "Name,Job title,Band,Functional area,Email,Assignment number,Start date\n"


def test_a_bad_staff_list_is_refused_with_every_problem_and_the_store_is_unchanged(
        window, store, tmp_path):
    before = store.staff.all()
    bad = tmp_path / "team.csv"
    bad.write_text(HEADER
                   + "Mireille Laurent,HR Adviser,6,Employee relations,,X-1,2021-05-04\n"
                   + "Tadeusz Nowak,Recruiter,band 12,Recruitment,,X-2,\n"
                   + ",Policy Officer,5,HR policy,,X-3,\n"
                   + "Hiroshi Sato,Analyst,5,Workforce intelligence,,X-4,31/02/2020\n",
                   encoding="utf-8")
    assert window.import_from_path(bad) is False
    dialog = window.open_dialog
    assert isinstance(dialog, ImportProblemsDialog) and dialog.isVisible()
    lines = dialog.problem_lines()
    assert len(lines) == 3
    assert [line.split(":")[0] for line in lines] == ["Line 3", "Line 4", "Line 5"]
    assert "Nothing was imported from team.csv" in dialog.explanation.text()
    assert store.staff.all() == before
    dialog.reject()


def test_a_good_staff_list_is_imported_and_listed(window, store, tmp_path, qtbot):
    good = tmp_path / "team.csv"
    good.write_text(HEADER
                    + "Mireille Laurent,HR Adviser,6,Employee relations,,X-1,2021-05-04\n"
                    + "Tadeusz Nowak,Recruiter,4,Recruitment and resourcing,,X-2,\n",
                    encoding="utf-8-sig")
    with qtbot.waitSignal(window.teamShown) as shown:
        assert window.import_from_path(good) is True
    assert shown.args == [10]
    box = window.open_dialog
    assert isinstance(box, QMessageBox)
    assert "2 added, 0 updated" in box.text()
    names = [window.model.index(r, 0).data() for r in range(window.model.rowCount())]
    assert "Mireille Laurent" in names and "Tadeusz Nowak" in names
    box.accept()

    with qtbot.waitSignal(window.teamShown):
        window.import_from_path(good)
    assert "0 added, 0 updated, 2 already up to date" in window.open_dialog.text()
    assert len(store.staff.all()) == 10
