"""The main window driven as a person would: typing, clicking headers, choosing filters."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from rmp_desktop.ui.team_model import TeamColumn


def shown_names(window) -> list[str]:
    model = window.model
    return [model.index(r, TeamColumn.NAME).data() for r in range(model.rowCount())]


def click_header(qtbot, window, column: int) -> None:
    header = window.team.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(x, header.height() // 2))


def test_the_team_is_listed_by_name(window, team):
    assert window.model.rowCount() == len(team)
    # Listed by full name, with the name a person is known by beside it.
    assert shown_names(window)[:3] == ["Amelia Hart", "Dawit Haile", "Fatima Rahman"]
    assert "Nguyễn Văn Bình (Bình Nguyễn)" in shown_names(window)
    assert window.team.count_label.text() == f"{len(team)} people"


def test_typing_in_the_search_box_narrows_the_list(window, qtbot):
    window.team.search.setFocus()
    qtbot.keyClicks(window.team.search, "zukausk")
    assert shown_names(window) == ["Rūta Žukauskas"]
    assert window.team.count_label.text() == "1 of 8 people match"
    window.team.search.clear()
    qtbot.keyClicks(window.team.search, "nguyen")
    assert shown_names(window) == ["Nguyễn Văn Bình (Bình Nguyễn)"]
    window.team.search.clear()
    qtbot.keyClicks(window.team.search, "nobody like this")
    assert window.model.rowCount() == 0
    assert window.team.count_label.text() == "No one matches the search and filters."


def test_clicking_a_header_sorts_by_that_column(window, qtbot):
    click_header(qtbot, window, TeamColumn.BAND)
    first, last = shown_names(window)[0], shown_names(window)[-1]
    assert (first, last) == ("Gwen Pryce", "Olu Bankole")  # band 2 ... very senior manager
    click_header(qtbot, window, TeamColumn.BAND)
    assert shown_names(window)[0] == "Olu Bankole"


def test_choosing_a_band_filters_the_list(window, qtbot):
    combo = window.team.band_filter
    combo.setFocus()
    combo.setCurrentIndex(combo.findData("5"))
    assert sorted(shown_names(window)) == ["Nguyễn Văn Bình (Bình Nguyễn)", "Søren Økland"]
    area = window.team.area_filter
    area.setCurrentIndex(area.findData("recruitment-resourcing"))
    assert shown_names(window) == ["Søren Økland"]
    combo.setCurrentIndex(0)
    area.setCurrentIndex(0)
    assert len(shown_names(window)) == 8


def test_choosing_a_person_shows_their_page(window, team):
    fatima = team["Fatima Rahman"]
    assert window.team.select_person(fatima.id)
    page = window.person_page
    assert page.person_id() == fatima.id
    assert page.name_heading.text() == "Fatima Rahman"
    assert page.manager.text() == "Amelia Hart"
    assert page.band.text() == "Band 8a"
    assert "No conversations with Fatima Rahman yet" in page.history_empty.text()


def test_with_nobody_chosen_the_page_says_how_to_choose(window):
    assert window.person_page.nobody.heading.text() == "No one selected"
    assert "Choose a person" in window.person_page.nobody.explanation.text()


def test_an_empty_team_is_told_how_to_add_import_or_try_the_demo(empty_window, qtbot):
    window = empty_window
    empty_text = window.person_page.nobody
    assert empty_text.heading.text() == "Your team is empty"
    assert "Import staff list" in empty_text.explanation.text()
    assert "terminal" not in empty_text.demo_hint.text()  # a button, not a command to type
    button = empty_text.sample_button
    assert button.isVisible() and button.text() == "Explore with a sample team"
    with qtbot.waitSignal(window.teamShown, timeout=30_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.model.rowCount() == 13
    assert "Added a sample team of 13 fictional people" in window.statusBar().currentMessage()
    assert not button.isVisible() and empty_text.heading.text() == "No one selected"
    window.team.select_person(window.model.person_id_at(0))
    assert window.person_page.person_id() == window.model.person_id_at(0)


def test_archiving_asks_first_then_hides_the_person(window, team, store, qtbot):
    dawit = team["Dawit Haile"]
    window.team.select_person(dawit.id)
    window.team.table.setFocus()
    box = window.archive_person()
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "Dawit Haile" in box.text() and "Nothing is deleted" in box.informativeText()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert "Dawit Haile" in shown_names(window)
    assert store.staff.get(dawit.id).archived is False

    box = window.archive_person()
    archive_button = next(b for b in box.buttons() if b.text().replace("&", "") == "Archive")
    shown_at = window.model.visible_row_of(dawit.id)
    qtbot.mouseClick(archive_button, Qt.MouseButton.LeftButton)
    assert "Dawit Haile" not in shown_names(window)
    assert store.staff.get(dawit.id).archived is True
    # The cursor moves on to the next person in the list.
    assert window.current_person_id() == window.model.person_id_at(shown_at)
    assert "archived" in window.statusBar().currentMessage()


def test_archived_people_can_be_shown_and_restored(window, team, store, qtbot):
    gwen = team["Gwen Pryce"]
    store.staff.set_archived(gwen.id, True)
    with qtbot.waitSignal(window.teamShown):
        window.reload_team()
    assert "Gwen Pryce" not in shown_names(window)
    window.show_archived_action.trigger()
    assert window.team.show_archived.isChecked()
    assert "Gwen Pryce (archived)" in shown_names(window)
    window.team.select_person(gwen.id)
    assert window.person_page.restore_button.isVisibleTo(window.person_page)
    assert not window.archive_action.isEnabled()
    qtbot.mouseClick(window.person_page.restore_button, Qt.MouseButton.LeftButton)
    assert store.staff.get(gwen.id).archived is False
    assert "Gwen Pryce" in shown_names(window)


def test_delete_key_in_the_list_asks_to_archive(window, team, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.team.select_person(team["Olu Bankole"].id)
    window.team.table.setFocus()
    qtbot.keyClick(window.team.table, Qt.Key.Key_Delete)
    box = window.open_dialog
    assert isinstance(box, QMessageBox) and "Olu Bankole" in box.text()
    box.reject()
    assert "Olu Bankole" in shown_names(window)


def test_ctrl_f_goes_to_search_and_down_goes_to_the_results(window, team, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.team.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.team.search.hasFocus()
    qtbot.keyClicks(window.team.search, "haile")
    qtbot.keyClick(window.team.search, Qt.Key.Key_Down)
    assert window.team.table.hasFocus()
    assert window.person_page.person_id() == team["Dawit Haile"].id


def test_enter_on_a_row_opens_the_person_for_editing(window, team, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.team.select_person(team["Amelia Hart"].id)
    window.team.table.setFocus()
    qtbot.keyClick(window.team.table, Qt.Key.Key_Return)
    dialog = window.open_dialog
    assert dialog.windowTitle() == "Edit Amelia Hart"
    assert dialog.full_name.text() == "Amelia Hart"
    dialog.reject()


def test_about_box_names_version_data_folder_and_licences(window, paths):
    from rmp_desktop import __version__

    about = window.show_about()
    text = about.text()
    assert __version__ in text
    assert str(paths.data_dir) in text
    for component in ("PySide6", "LGPL version 3", "SQLAlchemy", "Alembic", "ReportLab",
                      "platformdirs", "PyYAML", "pypdf", "DejaVu", "Bitstream Vera",
                      "pyHanko", "keyring"):
        assert component in text
    from rmp_desktop.export.signing_key import installation_fingerprint, spaced

    # The signing certificate's fingerprint, as a PDF reader's certificate viewer shows it.
    assert "signed as PDFs, with this installation's own key" in text
    assert about.signing_fingerprint.text() == spaced(installation_fingerprint(paths.data_dir))
    about.reject()


def test_window_shows_the_team_without_importing_sqlalchemy(tmp_path):
    """Start-up must not pay for SQLAlchemy: a fresh process shows the team without it."""
    from rmp_desktop.paths import AppPaths
    from rmp_desktop.storage import bootstrap
    from rmp_desktop.storage.store import Store
    from tests.ui.conftest import FICTIONAL_TEAM

    paths = AppPaths(tmp_path / "data").ensure()
    bootstrap.prepare(paths.store, paths.backups)
    store = Store(paths.store)
    for member in FICTIONAL_TEAM:
        store.staff.add(member)
    store.close()
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from rmp_desktop.context import AppContext
        from rmp_desktop.paths import AppPaths
        from rmp_desktop.ui.main_window import MainWindow
        window = MainWindow(AppContext(AppPaths(Path({str(paths.data_dir)!r}))))
        shown = []
        window.teamShown.connect(
            lambda n: (shown.append(n), shown.append("sqlalchemy" in sys.modules), app.quit()))
        window.teamLoadFailed.connect(lambda reason: app.exit(2))
        window.show()
        app.exec()
        window.team.select_person(window.model.person_id_at(0))
        print(shown[0], window.person_page.name_heading.text(), shown[1])
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, env={**_env(), "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["8", "Amelia", "Hart", "False"]


def _env() -> dict[str, str]:
    import os

    return dict(os.environ)


def test_the_page_counts_conversations_already_held(context, team, store, qtbot):
    from datetime import date

    from tests.ui.conftest import open_window

    olu = team["Olu Bankole"]
    store.conversations.create(olu.id, "career", date(2025, 2, 3))
    store.conversations.create(olu.id, "appraisal", date(2025, 6, 30))
    window = open_window(qtbot, context)
    window.team.select_person(olu.id)
    assert window.person_page.history_empty.text() == (
        "2 conversations with Olu Bankole, the latest held on 30 Jun 2025.")
    row = window.model.visible_row_of(olu.id)
    # Neither is signed: the team list says when something is signed, never a draft's date.
    assert window.model.index(row, TeamColumn.LAST_SIGNED).data() == ""
    assert window.model.index(row, TeamColumn.NEXT_DUE).data() == "Now: first appraisal"


def test_the_page_takes_a_history_widget_and_a_conversation_starter(qtbot):
    from PySide6.QtWidgets import QLabel

    from rmp_desktop.storage.person_query import PersonDetails
    from rmp_desktop.ui.person_page import PersonPage

    page = PersonPage()
    qtbot.addWidget(page)
    history = QLabel("history")
    page.set_history_widget(history)
    page.set_can_start_conversations(True)
    dawit = PersonDetails(4, "Dawit Haile", "", "Learning Coordinator", "4",
                          "learning-development", None, "", "", "", "", False, 0, "")
    with qtbot.waitSignal(page.personShown) as shown:
        page.show_person(dawit)
    assert shown.args == [4]
    page.set_history_empty(True)
    assert "Start one with New conversation (Ctrl+N)" in page.history_empty.text()
    assert page.history_empty.isVisibleTo(page) and not history.isVisibleTo(page)
    page.set_history_empty(False)
    assert history.isVisibleTo(page)
    with qtbot.waitSignal(page.startConversationRequested) as asked:
        qtbot.mouseClick(page.new_conversation_button, Qt.MouseButton.LeftButton)
    assert asked.args == [4]


def test_archiving_with_the_keyboard_alone(window, team, store, qtbot):
    from PySide6.QtWidgets import QApplication

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.team.select_person(team["Søren Økland"].id)
    window.team.table.setFocus()
    qtbot.keyClick(window.team.table, Qt.Key.Key_Delete)
    box = window.open_dialog
    qtbot.waitUntil(box.isActiveWindow)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # Enter by habit: Cancel
    assert store.staff.get(team["Søren Økland"].id).archived is False
    window.activateWindow()  # a window manager does this when the question closes
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.team.table, Qt.Key.Key_Delete)
    box = window.open_dialog
    qtbot.waitUntil(box.isActiveWindow)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    # A mnemonic animates the button's click before it lands.
    qtbot.waitUntil(lambda: store.staff.get(team["Søren Økland"].id).archived)
    assert "Søren Økland" not in shown_names(window)
