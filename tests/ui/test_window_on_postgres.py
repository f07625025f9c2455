"""The main window on an organisation's PostgreSQL store: the same team list and person page, a
manager sees their own team only, and backing up is the administrators' job, said plainly."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.ui.conftest import open_window
from tests.ui.test_team_window import shown_names


@pytest.fixture
def store_kind() -> str:
    return "postgresql"


def test_the_team_is_read_from_the_organisation_store(window, team, qtbot):
    assert window.model.rowCount() == len(team)
    window.team.search.setFocus()
    qtbot.keyClicks(window.team.search, "nguyen")
    assert shown_names(window) == ["Nguyễn Văn Bình (Bình Nguyễn)"]  # full name, then known as
    window.team.table.setFocus()
    window.team.table.selectRow(0)  # the person page reads them with psycopg, as with sqlite3
    qtbot.waitUntil(lambda: window.person_page.name_heading.text() == "Bình Nguyễn")
    assert window.person_page.job_title.text() == "Workforce Analyst"
    assert window.current_person_id() == team["Nguyễn Văn Bình"].id


def test_a_manager_sees_their_own_team(qtbot, team, paths, pg_login):
    from rmp_desktop.context import AppContext
    from rmp_desktop.paths import AppPaths

    manager = team["Amelia Hart"]
    url = pg_login("manager", manager.uid)
    context = AppContext(AppPaths(paths.data_dir, store_url=url))
    try:
        window = open_window(qtbot, context)
        assert sorted(shown_names(window)) == ["Amelia Hart", "Fatima Rahman", "Rūta Žukauskas"]
    finally:
        context.close()


def test_backing_up_is_left_to_the_organisation(window, qtbot, paths):
    window.back_up_now()
    box = window.open_dialog
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "administrators back it up" in box.text()
    assert window.backups is None
    box.accept()
    window.restore_from_backup()
    assert "administrators back it up" in window.open_dialog.text()
    window.open_dialog.accept()
    assert not paths.backups.exists() or not any(paths.backups.iterdir())
