"""The window publishes by itself once it has painted, and on File > Publish, off the GUI thread;
the person's history says what reached the organisation's store and when."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from rmp_desktop.ui import publishing
from rmp_desktop.ui.conversation_history import HistoryColumn
from rmp_desktop.ui.main_window import MainWindow
from tests.publish_support import make_team, org_records, signed_record


@pytest.fixture
def laptop_team(store):
    return make_team(store)


@pytest.fixture
def org_url(laptop_team, pg_login, paths):
    """The organisation's store, named in the laptop's settings as its administrators say."""
    url = pg_login("manager", laptop_team["theo"].uid)
    paths.settings.write_text(f"[app]\nrole=team\n\n[General]\npublish_url={url}\n",
                              encoding="utf-8")
    return url


def open_window(qtbot, context, monkeypatch, first_try_ms=50):
    monkeypatch.setattr(publishing, "FIRST_TRY_MS", first_try_ms)
    window = MainWindow(context)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.teamShown, timeout=10_000):
        window.show()
    qtbot.waitUntil(lambda: window.publisher is not None, timeout=5000)
    return window


def show_history_of(qtbot, window, person):
    window.team.select_person(person.id)
    qtbot.waitUntil(lambda: window.history is not None and window.history.person_id == person.id)
    return window.history


def status_cell(history, row=0):
    return history.model.index(row, HistoryColumn.STATUS)


def test_the_window_publishes_by_itself_then_on_file_publish(
        qtbot, context, store, laptop_team, org_url, pg_database, monkeypatch):
    ewa, theo = laptop_team["ewa"], laptop_team["theo"]
    first = signed_record(store, ewa, theo)
    window = open_window(qtbot, context, monkeypatch)
    with qtbot.waitSignal(window.publisher.published, timeout=30_000) as automatic:
        pass  # a few moments after the first paint, without being asked
    assert automatic.args[1] is True
    assert set(org_records(pg_database)) == {first.uid}
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Published 1 record"))

    history = show_history_of(qtbot, window, ewa)
    cell = status_cell(history)
    assert cell.data().startswith("✓ Signed · published ")  # words and a date, not a colour
    assert "Published to the organisation's store on" in cell.data(
        Qt.ItemDataRole.AccessibleTextRole)

    second = signed_record(store, ewa, theo, kind="career")
    history.refresh()
    newest = next(r for r in range(history.model.rowCount())
                  if history.model.conversation_id(r) == second.id)
    assert status_cell(history, newest).data().endswith(" · not yet published")

    # File > Publish (the offscreen platform cannot pop a menu up, so its action is triggered).
    assert window.publish_action in window.file_menu.actions()
    assert window.publish_action.isEnabled() and window.publish_action.isVisible()
    assert window.publish_action.text() == "P&ublish to the organisation's store"
    with qtbot.waitSignal(window.publisher.published, timeout=30_000) as manual:
        window.publish_action.trigger()
    assert "Publishing" in window.statusBar().currentMessage() or manual.signal_triggered
    assert manual.args[1] is False and manual.args[0].published == 1
    assert set(org_records(pg_database)) == {first.uid, second.uid}
    qtbot.waitUntil(lambda: " · published " in status_cell(history, newest).data())
    assert window.statusBar().currentMessage().startswith("Published 1 record")
    window.close()


def test_a_refusal_is_told_in_words_and_kept_in_the_history(
        qtbot, context, store, laptop_team, org_url, pg_database, monkeypatch, tmp_path):
    """This laptop and a copy of it signed the same draft differently; the copy published
    first, so the organisation's store refuses this laptop's version and says why."""
    import sqlite3
    from contextlib import closing

    from rmp_desktop.storage.publish import publish
    from tests.publish_support import open_laptop
    from tests.records_support import ready_conversation, sign_both

    ewa, theo = laptop_team["ewa"], laptop_team["theo"]
    draft = ready_conversation(store, ewa, theo)
    (tmp_path / "copy").mkdir()
    with closing(sqlite3.connect(store.location.sqlite_path)) as source, \
            closing(sqlite3.connect(tmp_path / "copy" / "rmp-desktop.sqlite3")) as target:
        source.backup(target)
    copy = open_laptop(tmp_path / "copy")
    copy.conversations.save_section(draft.id, "summary", {
        "employee_comments": "Agreed, once the dates move.", "comments_visited": True})
    sign_both(copy, draft.id)
    publish(copy, org_url)
    copy.close()
    sign_both(store, draft.id)

    window = open_window(qtbot, context, monkeypatch, first_try_ms=3_600_000)
    window.publish_action.trigger()
    qtbot.waitUntil(lambda: isinstance(window.open_dialog, QMessageBox)
                    and window.open_dialog.isVisible(), timeout=30_000)
    words = window.open_dialog.text()
    assert "already holds a different record under the same identifier" in words
    window.open_dialog.accept()
    history = show_history_of(qtbot, window, ewa)
    cell = status_cell(history)
    assert cell.data().endswith(" · ⚠ refused by the organisation's store")
    assert "different record" in cell.data(Qt.ItemDataRole.ToolTipRole)
    # Asked again, it says so again rather than "everything is published".
    window.publish_action.trigger()
    qtbot.waitUntil(lambda: window.open_dialog.isVisible() and "different record" in
                    window.open_dialog.text(), timeout=30_000)
    window.close()


def test_off_the_network_the_window_waits_quietly(qtbot, context, store, laptop_team, paths,
                                                 monkeypatch):
    signed_record(store, laptop_team["ewa"], laptop_team["theo"])
    paths.settings.write_text("[app]\nrole=team\n\n[General]\npublish_url=postgresql://"
                              "nobody@127.0.0.1:9/nowhere\n", encoding="utf-8")
    window = open_window(qtbot, context, monkeypatch)
    with qtbot.waitSignal(window.publisher.failed, timeout=30_000) as failed:
        pass
    assert failed.args[1:] == [True, False]  # automatic, not reachable
    assert "cannot be reached" in window.statusBar().currentMessage()
    assert window.open_dialog is None  # no message box for a laptop on a train
    window.close()
    QApplication.processEvents()


def test_file_publish_without_an_address_says_where_to_put_one(qtbot, context, store,
                                                               laptop_team, monkeypatch):
    window = open_window(qtbot, context, monkeypatch)
    assert window.publish_action in window.file_menu.actions()
    window.publish_action.trigger()
    assert isinstance(window.open_dialog, QMessageBox)
    assert "publish_url = postgresql://server/database" in window.open_dialog.text()
    window.open_dialog.accept()
    window.close()
