"""Between conversations in the store: the second conversation starts where the first ended,
the due summary follows every change that moves it, mid-year reviews never touch the record."""

from __future__ import annotations

from datetime import date

import pytest

from rmp_desktop.content.loader import load_builtin
from rmp_desktop.storage import due_summary
from rmp_desktop.storage.dialect import connect
from rmp_desktop.storage.due_query import person_years
from rmp_desktop.storage.midyear_repo import MidyearRefused, MidyearRepository
from rmp_desktop.storage.signoff_repo import SignoffRepository
from tests.records_support import add_people, ready_conversation, sign_both


def _summary(store, person_id):
    """The person's row as stored (dates as ISO text, as SQLite keeps them)."""
    conn = connect(store.location, read_only=True)
    try:
        row = conn.execute("SELECT last_signed_on, next_due_on, next_due_what FROM due_summary "
                           "WHERE staff_id = ?", (person_id,)).fetchone()
    finally:
        conn.close()
    return None if row is None else tuple(
        v.isoformat() if isinstance(v, date) else v for v in row)


def _signed_first(store):
    person, manager = add_people(store)
    meta = ready_conversation(store, person, manager, kind="both", held_on=date(2026, 10, 6))
    ratings = {"strategic-operator": {"self": 2, "manager": 3, "evidence": "x"},
               "hr-od-expert": {"self": 3, "manager": None, "evidence": ""}}
    store.conversations.save_section(meta.id, "competencies", {
        "framework": "", "last_time": {}, "current_level": 3, "target_level": 3,
        "ratings": ratings})
    store.conversations.save_section(meta.id, "aspirations", {
        "directions": ["stretch"], "target_level": 4, "target_roles": "Deputy director",
        "functional_areas": [], "time_horizon": "2y", "membership_current": "associate",
        "membership_target": "chartered-member", "notes": "Keen on system work"})
    sign_both(store, meta.id)
    return person, manager, meta


def test_a_person_without_a_signed_record_has_no_summary_row(store):
    person, manager = add_people(store)
    ready_conversation(store, person, manager)
    assert _summary(store, person.id) is None
    with store.engine.connect() as conn:
        year = person_years(conn, [person.id])[0]
    assert year.last_appraisal is None and len(year.open_records) == 1


def test_signing_writes_the_summary_in_the_same_transaction(store):
    person, _manager, meta = _signed_first(store)
    # The plan's earliest date is the action's review on 15 Dec 2026.
    assert _summary(store, person.id) == ("2026-10-06", "2026-12-15", "review")


def test_the_second_conversation_starts_from_the_signed_one(store):
    person, manager, first = _signed_first(store)
    second = store.conversations.create(person.id, "both", date(2027, 10, 1),
                                        manager_name=manager.full_name, packs=load_builtin())
    doc = store.conversations.document(second.id)
    carried = doc["setup"]["carried_forward"]
    assert [(c["source"], c["text"]) for c in carried] == [
        ("objective", "Launch the early resolution service"),
        ("objective", "Train ten managers in fair investigations"),
        ("action", "Shadow the deputy director at a tribunal hearing")]
    assert all(c["record"] == first.uid for c in carried)
    assert doc["setup"]["follows"] == {"record": first.uid, "held_on": "2026-10-06"}
    looking = doc["looking_back"]
    assert [o["text"] for o in looking["objectives"]] == [
        "Launch the early resolution service", "Train ten managers in fair investigations"]
    assert all(o["outcome"] == "" for o in looking["objectives"])
    assert [(a["text"], a["outcome"], a["origin"]) for a in looking["actions"]] == [
        ("Shadow the deputy director at a tribunal hearing", "", "a1")]
    last = doc["competencies"]["last_time"]
    assert last["record"] == first.uid
    assert last["ratings"] == {"strategic-operator": 3, "hr-od-expert": 3}  # manager, else self
    # Aspirations are offered, never copied.
    assert doc["aspirations"]["directions"] == [] and doc["aspirations"]["notes"] == ""
    # The plan itself starts empty: carrying an action into it is the user's choice.
    assert doc["plan"]["actions"] == []


def test_an_amendment_is_a_copy_and_carries_nothing_new(store):
    person, _manager, first = _signed_first(store)
    amendment = SignoffRepository.of(store).start_amendment(first.id, "Date moved")
    doc = store.conversations.document(amendment.id)
    assert doc["setup"].get("follows") in ({}, None)
    assert doc["looking_back"]["actions"] == []


def test_a_mid_year_review_is_its_own_entry_and_feeds_the_next_conversation(store):
    person, manager, first = _signed_first(store)
    record_before = SignoffRepository.of(store).record_for(first.id).fingerprint()
    reviews = MidyearRepository.of(store)
    body = reviews.new_body(first.id)
    assert set(body["actions"]) == {"a1"} and set(body["objectives"]) == {"o1", "o2"}
    body["actions"]["a1"] = {"progress": "done", "note": "Attended in March"}
    body["notes"] = "Good half year"
    saved = reviews.save(first.id, date(2027, 4, 2), body)
    assert reviews.for_plan(first.id)[0].uid == saved.uid
    assert SignoffRepository.of(store).record_for(first.id).fingerprint() == record_before
    assert SignoffRepository.of(store).verify_stored(first.id).ok
    # The done action no longer counts as due: next is the first objective's date.
    assert _summary(store, person.id) == ("2026-10-06", "2027-03-31", "objective")
    second = store.conversations.create(person.id, "both", date(2027, 10, 1),
                                        manager_name=manager.full_name, packs=load_builtin())
    action = store.conversations.document(second.id)["looking_back"]["actions"][0]
    assert action["midyear"] == {"on": "2027-04-02", "progress": "done",
                                 "note": "Attended in March"}
    assert store.integrity_report() == []


def test_a_mid_year_review_is_refused_in_words_before_the_plan_or_on_a_draft(store):
    person, manager, first = _signed_first(store)
    reviews = MidyearRepository.of(store)
    with pytest.raises(MidyearRefused, match="before the plan was agreed"):
        reviews.save(first.id, date(2026, 1, 1), reviews.new_body(first.id))
    draft = ready_conversation(store, person, manager)
    with pytest.raises(MidyearRefused, match="signed by both"):
        reviews.save(draft.id, date(2027, 1, 1), {})


def test_refresh_everyone_and_stale_rows_agree_with_the_records(store):
    person, _manager, _first = _signed_first(store)
    with store.engine.begin() as conn:
        assert due_summary.stale_rows(conn) == []
        conn.exec_driver_sql("UPDATE due_summary SET next_due_on = '2030-01-01'")
        assert due_summary.stale_rows(conn) == [person.id]
        due_summary.refresh_everyone(conn)
        assert due_summary.stale_rows(conn) == []
    with store.engine.connect() as conn:
        year = person_years(conn, [person.id])[0]
    assert year.last_appraisal == date(2026, 10, 6) == year.last_career
    assert year.plan_uid == _first.uid


def test_check_finds_a_due_summary_out_of_step_and_refresh_due_puts_it_right(store, paths,
                                                                            capsys):
    from rmp_desktop.cli import main
    from tests.records_support import raw

    person, _manager, _first = _signed_first(store)
    args = ["--data-dir", str(paths.data_dir), "check"]
    assert main(args) == 0
    conn = raw(paths)
    conn.execute("UPDATE due_summary SET next_due_on = '2030-01-01' WHERE staff_id = ?",
                 (person.id,))
    conn.close()
    capsys.readouterr()

    assert main(args) == 1
    out = capsys.readouterr().out
    assert "team list: the last signed and next due dates kept for 1 person" in out
    assert f"(staff {person.uid[:8]})" in out and "check --refresh-due" in out
    assert "Traceback" not in out and person.full_name not in out

    assert main(args + ["--refresh-due"]) == 0
    assert "1 person had dates out of step" in capsys.readouterr().out
    assert _summary(store, person.id) == ("2026-10-06", "2026-12-15", "review")
    assert main(args) == 0
