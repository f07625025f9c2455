"""Importing a staff list from the window: a preview first, nothing written until Import, then all
of it; a bad file lists every problem; conflicts are shown and left out."""

from __future__ import annotations

from PySide6.QtCore import Qt

from rmp_desktop.ui.accessibility import describe, unnamed_controls
from rmp_desktop.ui.import_dialog import StaffImportDialog

HEADER = "Name,Job title,Band,Functional area,Email,Assignment number,Start date\n"
LEFT = Qt.MouseButton.LeftButton


def open_import(window, qtbot, path) -> StaffImportDialog:
    dialog = window.import_from_path(path)
    assert isinstance(dialog, StaffImportDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.plan is not None or dialog.parsed is not None, timeout=10000)
    qtbot.waitUntil(lambda: not dialog.bar.isVisible(), timeout=10000)
    assert [describe(w) for w in unnamed_controls(dialog)] == []
    return dialog


def snapshot(store):
    return sorted((m.full_name, m.job_title, m.assignment_number) for m in store.staff.all())


def test_a_bad_staff_list_lists_every_problem_and_changes_nothing(window, store, tmp_path, qtbot):
    before = snapshot(store)
    bad = tmp_path / "team.csv"
    bad.write_text(HEADER
                   + "Mireille Laurent,HR Adviser,6,Employee relations,,X-1,2021-05-04\n"
                   + "Tadeusz Nowak,Recruiter,band 12,Recruitment,,X-2,\n"
                   + ",Policy Officer,5,HR policy,,X-3,\n"
                   + "Hiroshi Sato,Analyst,5,Workforce intelligence,,X-4,31/02/2020\n",
                   encoding="utf-8")
    dialog = open_import(window, qtbot, bad)
    lines = dialog.detail_lines()
    assert [line.split(":")[0] for line in lines] == ["Line 3", "Line 4", "Line 5"]
    assert dialog.status.text().startswith("⚠ Nothing can be imported from team.csv: "
                                           "3 problems were found")
    assert dialog.details.accessibleName() == "Problems found in the staff list"
    assert not dialog.import_button.isVisible()
    assert dialog.close_button.text() == "&Close"
    assert snapshot(store) == before
    qtbot.mouseClick(dialog.close_button, LEFT)
    assert not dialog.isVisible()


def test_a_good_list_is_previewed_then_imported_on_request(window, store, tmp_path, qtbot):
    before = snapshot(store)
    good = tmp_path / "team.csv"
    good.write_text(HEADER
                    + "Mireille Laurent,HR Adviser,6,Employee relations,,X-1,2021-05-04\n"
                    + "Tadeusz Nowak,Recruiter,4,Recruitment and resourcing,,X-2,\n"
                    + "Amelia Hart,Chief People Officer,VSM,HR business partnering,,T-003,\n",
                    encoding="utf-8-sig")
    dialog = open_import(window, qtbot, good)
    lines = dialog.detail_lines()
    assert lines[0] == "2 to add, 1 to update, 0 already up to date."
    assert "  line 2: Mireille Laurent (band 6, Employee relations, assignment X-1)" in lines
    assert ("  line 4: Amelia Hart: job title “Head of People” → “Chief People Officer”; "
            "band 8c → VSM") in lines
    assert "Nothing is written until you choose Import" in dialog.status.text()
    assert snapshot(store) == before  # a preview only
    assert dialog.import_button.text() == "&Import 3 changes"
    assert dialog.import_button.isDefault()
    with qtbot.waitSignal(window.teamShown, timeout=10000) as shown:
        with qtbot.waitSignal(dialog.imported, timeout=10000) as imported:
            qtbot.keyClick(dialog, Qt.Key.Key_Return)  # the default button: Import
    assert (imported.args[0].added, imported.args[0].updated) == (2, 1)
    assert shown.args == [10]
    assert dialog.status.text() == ("✓ Imported team.csv: 2 added, 1 updated, "
                                    "0 already up to date.")
    names = [window.model.index(r, 0).data() for r in range(window.model.rowCount())]
    assert "Mireille Laurent" in names and "Tadeusz Nowak" in names
    assert window.statusBar().currentMessage() == "Imported team.csv."
    dialog.reject()

    again = open_import(window, qtbot, good)
    assert again.status.text().startswith("✓ Everyone in team.csv is already up to date")
    assert not again.import_button.isVisible()
    assert len(store.staff.all()) == 10


def test_conflicts_are_shown_and_left_out(window, store, team, tmp_path, qtbot):
    clash = tmp_path / "clash.csv"
    clash.write_text(HEADER + "Kwame Mensah,Partner,6,HR business partnering,,T-001,\n"
                              "Ife Adeyemi,Officer,4,HR policy,,X-9,\n", encoding="utf-8")
    dialog = open_import(window, qtbot, clash)
    text = "\n".join(dialog.detail_lines())
    assert "Conflicts (nothing is changed for these rows):" in text
    assert "line 2: the assignment number T-001 belongs to Rūta Žukauskas" in text
    assert "are left out" in dialog.status.text()
    assert dialog.import_button.text() == "&Import 1 change"
    with qtbot.waitSignal(dialog.imported, timeout=10000):
        qtbot.mouseClick(dialog.import_button, LEFT)
    assert "1 conflicting row left out" in dialog.status.text()
    assert store.staff.get(team["Rūta Žukauskas"].id).full_name == "Rūta Žukauskas"
    assert [m.full_name for m in store.staff.find("adeyemi")] == ["Ife Adeyemi"]


def test_a_store_changed_after_the_preview_is_previewed_again(window, store, tmp_path, qtbot):
    from rmp_desktop.domain.staff import StaffMember

    new = tmp_path / "new.csv"
    new.write_text(HEADER + "Ife Adeyemi,Officer,4,HR policy,,X-9,\n", encoding="utf-8")
    dialog = open_import(window, qtbot, new)
    assert dialog.import_button.isEnabled()
    store.staff.add(StaffMember(full_name="Ife Adeyemi", job_title="Officer", band="4",
                                functional_area="hr-policy", assignment_number="X-9"))
    # ...added in another window meanwhile, exactly as the file has them
    with qtbot.waitSignal(dialog.previewShown, timeout=10000):
        qtbot.mouseClick(dialog.import_button, LEFT)
    assert dialog.status.text().startswith("⚠ The people in the application changed since")
    assert "Everyone in new.csv is already up to date" in dialog.status.text()
    assert not dialog.import_button.isVisible()
    assert [m.full_name for m in store.staff.find("adeyemi")] == ["Ife Adeyemi"]  # once


def test_a_large_list_shows_progress_while_it_is_read(window, store, tmp_path, qtbot):
    big = tmp_path / "big.csv"
    big.write_text(HEADER + "".join(f"Person {i},Adviser,5,HR policy,,N-{i},\n"
                                    for i in range(9000)), encoding="utf-8")
    seen: list[int] = []
    dialog = window.import_from_path(big)
    dialog.bar.valueChanged.connect(seen.append)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=30000)
    assert seen and max(seen) >= 8000 and dialog.bar.maximum() == 9001  # lines: header + rows
    assert dialog.detail_lines()[0] == "9,000 to add, 0 to update, 0 already up to date."
    assert dialog.detail_lines()[-1] == "  … and 8,000 more"
    assert store.staff.find("person") == []
    dialog.reject()


def test_closing_while_reading_imports_nothing(window, store, tmp_path, qtbot):
    big = tmp_path / "big.csv"
    big.write_text(HEADER + "".join(f"Person {i},Adviser,5,HR policy,,N-{i},\n"
                                    for i in range(20000)), encoding="utf-8")
    import shiboken6

    dialog = window.import_from_path(big)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    # Deleting the dialog waits for its worker, which stops at its next progress report.
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=30000)
    assert store.staff.find("person") == []
