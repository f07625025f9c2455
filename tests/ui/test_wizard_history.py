"""The person's conversations: every status with its date, opened from the keyboard, kept fresh."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from rmp_desktop.storage.signoff_repo import SignoffRepository
from rmp_desktop.ui.conversation_history import ConversationHistory
from rmp_desktop.ui.wizard import start_conversation
from tests.records_support import fill_ready
from tests.ui.wizard_support import close, person, show  # noqa: F401


def _add(store, context, person, held_on, sign=0):  # noqa: F811
    meta = store.conversations.create(person.id, "both", held_on, manager_name="Ngozi",
                                      packs=context.packs())
    if sign:
        fill_ready(store, meta.id)
        repo = SignoffRepository.of(store)
        repo.sign(meta.id, "employee", "Nhung", True)
        if sign > 1:
            repo.sign(meta.id, "manager", "Ngozi", True)
    return meta.id


def test_history_lists_each_status_newest_first(qtbot, context, person):  # noqa: F811
    store = context.store()
    signed = _add(store, context, person, date(2024, 10, 1), sign=2)
    awaiting = _add(store, context, person, date(2025, 10, 1), sign=1)
    draft = _add(store, context, person, date(2026, 10, 1))
    history = ConversationHistory(context)
    qtbot.addWidget(history)
    with qtbot.waitSignal(history.emptyChanged) as blocker:
        history.show_person(person.id)
    assert blocker.args == [False]
    model = history.model
    rows = [(model.index(r, 0).data(),
             model.index(r, 2).data(Qt.ItemDataRole.AccessibleTextRole).split(". Last changed")[0])
            for r in range(model.rowCount())]
    assert rows == [("1 Oct 2026", "Draft (at Set-up)"), ("1 Oct 2025", "Awaiting sign-off"),
                    ("1 Oct 2024", "Signed")]
    assert history.table.isColumnHidden(3)  # no room beside the team; said in the status instead
    assert [model.conversation_id(r) for r in range(3)] == [draft, awaiting, signed]


def test_history_opens_with_enter_and_refreshes_after_changes(qtbot, context, person):  # noqa: F811
    history = ConversationHistory(context)
    qtbot.addWidget(history)
    history.show_person(person.id)
    assert history.model.rowCount() == 0
    window = show(qtbot, start_conversation(context, person.id))
    history.track(window)
    window.conversation.go_to("competencies")
    close(qtbot, window)
    assert history.model.rowCount() == 1
    assert history.model.index(0, 2).data().endswith("(at Competencies)")
    history.show()
    history.table.setFocus()
    with qtbot.waitSignal(history.conversationOpened) as opened:
        qtbot.keyClick(history.table, Qt.Key.Key_Return)
    reopened = show(qtbot, opened.args[0])
    assert reopened.conversation_id == history.model.conversation_id(0)
    assert reopened.conversation.current == "competencies"  # resumes where it was left
    close(qtbot, reopened)


def _tamper(store, sql: str, *args) -> None:
    """Change the file behind the application's back, lifting and restoring any trigger."""
    from tests.records_support import raw

    conn = raw(store.path)
    triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type='trigger' AND "
                            "name NOT LIKE 'staff_fts%'").fetchall()
    for name, _ in triggers:
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute(sql, args)
    for _, trigger in triggers:
        conn.execute(trigger)
    conn.close()


def test_a_tampered_signed_record_is_shown_as_not_trustworthy_never_locked(
        qtbot, context, person):  # noqa: F811
    store = context.store()
    signed = _add(store, context, person, date(2024, 10, 1), sign=2)
    _tamper(store, "UPDATE signatures SET signer_name = 'Someone Else' "
                   "WHERE conversation_id = ? AND role = 'manager'", signed)
    history = ConversationHistory(context)
    qtbot.addWidget(history)
    history.show_person(person.id)
    shown = history.model.index(0, 2).data()
    assert shown.startswith("⚠ Not trustworthy: the manager's signature")
    assert "Signed" not in shown
    said = history.model.index(0, 2).data(Qt.ItemDataRole.AccessibleTextRole)
    assert said.startswith("Not trustworthy") and "rmp-desktop check" in said

    history.show()
    history.table.setFocus()
    with qtbot.waitSignal(history.conversationOpened) as opened:
        qtbot.keyClick(history.table, Qt.Key.Key_Return)
    window = show(qtbot, opened.args[0])
    banner = window.conversation.banner
    assert banner.isVisible()
    assert banner.text().startswith("⚠ Not trustworthy")
    assert "Locked" not in banner.text()
    assert "is not what was signed" in banner.text()
    assert not window.conversation.amend_button.isVisible()  # nothing built on a forgery
    assert not window.conversation.amend_action.isEnabled()
    close(qtbot, window)


def test_a_signed_record_turned_back_into_a_draft_opens_read_only_and_distrusted(
        qtbot, context, person):  # noqa: F811
    store = context.store()
    signed = _add(store, context, person, date(2024, 10, 1), sign=2)
    _tamper(store, "UPDATE conversations SET status = 'draft' WHERE id = ?", signed)
    history = ConversationHistory(context)
    qtbot.addWidget(history)
    history.show_person(person.id)
    assert history.model.index(0, 2).data().startswith("⚠ Not trustworthy")
    history.show()
    history.table.setFocus()
    with qtbot.waitSignal(history.conversationOpened) as opened:
        qtbot.keyClick(history.table, Qt.Key.Key_Return)
    window = show(qtbot, opened.args[0])
    assert window.conversation.env.read_only  # nobody types into a forged draft
    assert window.conversation.banner.text().startswith("⚠ Not trustworthy")
    close(qtbot, window)
