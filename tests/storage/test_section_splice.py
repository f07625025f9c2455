"""A pause's write sends only the change to a section (a splice of its stored text), on SQLite
and PostgreSQL, and leaves exactly the text a whole write would have: same bytes, same reads;
a splice made from text the store no longer holds writes the whole section instead; signed
records stay refused; a write that fails halfway leaves nothing of itself."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rmp_desktop.storage.conversation_repo import dumps
from rmp_desktop.storage.errors import RecordLocked
from rmp_desktop.storage.section_splice import splice
from tests.driver_log import record_driver_calls, sent_text
from tests.records_support import add_people, raw, ready_conversation, sign_both

NOTES = ("Talked through the rota review, what the ward managers said about it and how the "
         "evidence for the job evaluation panel is filed now. ") * 20  # a page of notes


def stored(paths, conversation_id: int, section: str) -> tuple[str, str]:
    conn = raw(paths)
    row = conn.execute("SELECT body, updated_at FROM conversation_sections WHERE "
                       "conversation_id = ? AND section = ?", (conversation_id, section)).fetchone()
    conn.close()
    return str(row[0]), str(row[1])


def draft(store) -> int:
    person, manager = add_people(store)
    return store.conversations.create(person.id, "both", date(2026, 10, 6),
                                      manager_name="Theo").id


def apply(old: str, new: str) -> str:
    """The splice as the database applies it (1-based substr), for the property test."""
    change = splice(old, new)
    assert change is not None
    assert len(old) == change.old_length
    assert old[change.check_from - 1:change.check_from - 1 + len(change.check)] == change.check
    return old[:change.keep_head] + change.inserted + old[change.tail_from - 1:]


@given(st.text(min_size=200), st.integers(0, 400), st.integers(0, 5), st.text(max_size=8))
@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_splice_turns_the_old_text_into_the_new(old, at, removed, typed):
    at = min(at, len(old))
    new = old[:at] + typed + old[at + removed:]
    if splice(old, new) is not None:
        assert apply(old, new) == new


def test_a_short_or_wholly_changed_text_is_written_whole():
    assert splice('{"a":"x"}', '{"a":"y"}') is None
    assert splice("a" * 300, "b" * 300) is None


def test_typing_sends_only_what_was_typed_and_stores_the_same_text(store, paths, monkeypatch):
    cid = draft(store)
    repo = store.conversations
    first = {"went_well": NOTES, "was_hard": "Winter", "proud_of": "", "hopes": ""}
    repo.save_section(cid, "reflection", first)
    log = record_driver_calls(monkeypatch, repo)
    typed = dict(first, went_well=NOTES[:900] + "Đức and Søren 🙂 agreed. " + NOTES[900:])
    repo.save_section(cid, "reflection", typed, before=first)
    body, _ = stored(paths, cid, "reflection")
    assert body == dumps(typed)  # byte for byte what writing the whole section leaves
    assert repo.document(cid)["reflection"] == typed
    sent = sent_text(log)
    assert "Đức and Søren 🙂 agreed. " in sent
    assert NOTES[:200] not in sent and len(sent) < 1000 < len(dumps(typed))
    # Deleting, in the middle and at the end, and characters beyond the BMP counted alike.
    shorter = dict(typed, went_well=typed["went_well"].replace("🙂 ", "").rstrip(". "))
    repo.save_section(cid, "reflection", shorter, before=typed)
    assert stored(paths, cid, "reflection")[0] == dumps(shorter)


def test_a_splice_on_text_changed_elsewhere_writes_the_whole_section(store, paths, monkeypatch):
    cid = draft(store)
    repo = store.conversations
    first = {"went_well": NOTES, "was_hard": "", "proud_of": "", "hopes": ""}
    repo.save_section(cid, "reflection", first)
    elsewhere = dict(first, went_well=NOTES.replace("rota", "roster", 1))  # same place, longer
    repo.save_section(cid, "reflection", elsewhere)
    log = record_driver_calls(monkeypatch, repo)
    typed = dict(first, went_well=NOTES + " More.")
    repo.save_section(cid, "reflection", typed, before=first)  # computed from `first`
    assert stored(paths, cid, "reflection")[0] == dumps(typed)
    assert any("INSERT INTO conversation_sections" in sql for sql, _ in log)  # the whole
    # Same length, a change near the splice: the check of the characters around it refuses too.
    near = dict(typed, went_well=typed["went_well"][:-9] + "X" + typed["went_well"][-8:])
    repo.save_section(cid, "reflection", near)
    again = dict(typed, went_well=typed["went_well"] + " Done.")
    repo.save_section(cid, "reflection", again, before=typed)
    assert stored(paths, cid, "reflection")[0] == dumps(again)


def test_a_missing_section_row_is_written_whole(store, paths):
    cid = draft(store)
    conn = raw(paths)
    conn.execute("DELETE FROM conversation_sections WHERE conversation_id = ? AND section = ?",
                 (cid, "reflection"))
    conn.close()
    first = {"went_well": NOTES}
    typed = {"went_well": NOTES + "!"}
    store.conversations.save_section(cid, "reflection", typed, before=first)
    assert stored(paths, cid, "reflection")[0] == dumps(typed)


def test_a_splice_moves_updated_at_as_a_whole_write_does(store, paths):
    cid = draft(store)
    repo = store.conversations
    first = {"went_well": NOTES}
    repo.save_section(cid, "reflection", first)
    conn = raw(paths)
    conn.execute("UPDATE conversations SET updated_at = '2020-01-01 00:00:00' WHERE id = ?", (cid,))
    conn.execute("UPDATE conversation_sections SET updated_at = '2020-01-01 00:00:00' "
                 "WHERE conversation_id = ?", (cid,))
    conn.close()
    repo.save_section(cid, "reflection", {"went_well": NOTES + "!"}, before=first)
    assert not stored(paths, cid, "reflection")[1].startswith("2020")
    assert repo.get(cid).updated_at.year > 2020


def test_a_signed_record_refuses_a_splice_and_keeps_its_text(store, paths):
    person, manager = add_people(store)
    signed = sign_both(store, ready_conversation(store, person, manager).id)
    repo = store.conversations
    before = repo.document(signed.id)["reflection"]
    text_before = stored(paths, signed.id, "reflection")
    with pytest.raises(RecordLocked):
        repo.save_section(signed.id, "reflection",
                          dict(before, went_well=before["went_well"] + " " + NOTES),
                          before=dict(before, went_well=NOTES))
    assert stored(paths, signed.id, "reflection") == text_before
    with pytest.raises(LookupError):
        repo.save_section(10_000, "reflection", {"went_well": NOTES + "!"},
                          before={"went_well": NOTES})


def test_a_splice_that_fails_halfway_leaves_the_store_as_it_was(store, paths, monkeypatch):
    cid = draft(store)
    repo = store.conversations
    first = {"went_well": NOTES}
    repo.save_section(cid, "reflection", first)
    was = stored(paths, cid, "reflection")
    updated = repo.get(cid).updated_at
    record_driver_calls(monkeypatch, repo, fail_on="substr(body")  # after the draft's touch
    with pytest.raises(OSError):
        repo.save_section(cid, "reflection", {"went_well": NOTES + "!"}, before=first)
    assert stored(paths, cid, "reflection") == was
    assert repo.get(cid).updated_at == updated
