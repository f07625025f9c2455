"""Operations the window and the command line share: starting a conversation, listing records."""

from __future__ import annotations

from datetime import date

from rmp_desktop.content.loader import load_builtin
from rmp_desktop.storage.conversation_start import line_manager_of, start_conversation
from rmp_desktop.storage.record_list import list_records
from rmp_desktop.storage.signoff_repo import SignoffRepository
from tests.records_support import add_people, raw, ready_conversation, sign_both


def test_a_new_conversation_names_the_line_manager_and_is_held_today(store):
    person, manager = add_people(store)
    meta = start_conversation(store, person.id, load_builtin())
    assert (meta.manager_name, meta.held_on, meta.kind) == ("Theo", date.today(), "both")
    assert store.conversations.get(meta.id).status.value == "draft"
    assert line_manager_of(store, person.id) == ("Theo", manager.id)
    career = start_conversation(store, person.id, load_builtin(), kind="career",
                                held_on=date(2026, 5, 1))
    assert (career.kind, career.held_on) == ("career", date(2026, 5, 1))


def test_no_manager_recorded_or_one_gone_leaves_the_name_for_the_user(store, paths, store_kind):
    person, manager = add_people(store)
    assert line_manager_of(store, manager.id) == ("", None)  # the manager has no manager
    conn = raw(paths)  # the manager's row removed behind the application's back
    conn.execute("DELETE FROM staff WHERE id = ?", (manager.id,))
    conn.close()
    # SQLite's bare connection leaves the link dangling; PostgreSQL's foreign key clears it.
    dangling = manager.id if store_kind == "sqlite" else None
    assert store.staff.get(person.id).line_manager_id == dangling
    assert line_manager_of(store, person.id) == ("", None)
    assert start_conversation(store, person.id, load_builtin()).manager_name == ""


def test_records_are_listed_newest_first_with_their_chain_in_words(store):
    person, manager = add_people(store)
    first = sign_both(store, ready_conversation(store, person, manager,
                                                held_on=date(2026, 1, 6)).id)
    amendment = SignoffRepository.of(store).start_amendment(first.id, "Dates moved")
    later = ready_conversation(store, person, manager, held_on=date(2026, 9, 1))
    rows = list_records(store)
    assert [r["held_on"] for r in rows] == ["2026-09-01", "2026-01-06", "2026-01-06"]
    by_uid = {r["uid"]: r for r in rows}
    assert by_uid[later.uid]["status_words"] == "Draft (at Set-up)"
    assert by_uid[first.uid]["status_words"] == "Signed, amended by version 2 (not yet signed)"
    assert by_uid[amendment.uid]["status_words"] == (
        "Draft (at Set-up), version 2, amends version 1")
    assert by_uid[amendment.uid]["supersedes"] == first.uid
    assert by_uid[amendment.uid]["amendment_reason"] == "Dates moved"
    assert all(r["id"] == r["uid"][:8] and r["person"] == "Ewa" for r in rows)
    assert [s["role"] for s in by_uid[first.uid]["signatures"]] == ["employee", "manager"]
    assert list_records(store, [manager.id]) == []
