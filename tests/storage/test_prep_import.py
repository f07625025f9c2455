"""A preparation from the staff member's store brought into the manager's, in one transaction."""

from __future__ import annotations

import hashlib
import json

import pytest

from rmp_desktop.content.loader import load_builtin
from rmp_desktop.domain.preparation import parse_preparation
from rmp_desktop.storage.models import AuditEntry, PreparationImport
from rmp_desktop.storage.my_development import MyDevelopmentRepository
from rmp_desktop.storage.person_match import WrongPerson
from rmp_desktop.storage.prep_import import (
    DRAFT,
    IMPORTED,
    NEEDS_CHOICE,
    NOT_FOUND,
    PREPARATION,
    REPEAT,
    import_preparation,
    pending_conflicts,
    resolve_conflict,
)
from rmp_desktop.storage.store import Store
from tests.exchange_support import ME, staff_side
from tests.records_support import MANAGER, ready_conversation, sign_both


def sent(staff_store) -> tuple[bytes, object]:
    prep, _private = staff_side(staff_store).make_preparation("2026-05-01T09:30:00Z")
    data = json.dumps(prep.to_file_dict(), ensure_ascii=False).encode()
    return data, parse_preparation(data)


def bring_in(store, data, prep, **kw):
    return import_preparation(store, prep, hashlib.sha256(data).hexdigest(), load_builtin(), **kw)


def audit_count(store) -> int:
    with store.sessions() as s:
        return s.query(AuditEntry).count()


def test_found_by_assignment_number_into_a_new_draft_then_by_uid(store, staff_store):
    manager = store.staff.add(MANAGER)
    person = store.staff.add(ME.with_changes(line_manager_id=manager.id, email=""))
    data, prep = sent(staff_store)
    assert prep.person["uid"] != person.uid  # two stores, two uids for one person

    outcome = bring_in(store, data, prep)

    assert outcome.status == IMPORTED and outcome.matched_by == "assignment number"
    assert outcome.new_draft and outcome.person.id == person.id
    doc = store.conversations.document(outcome.conversation_id)
    assert doc["competencies"]["ratings"]["relationship-builder"]["self"] == 4
    assert doc["wellbeing"]["areas"] == {"mental": "Month end is heavy; I want focus time."}
    assert "private worry" not in json.dumps(doc, ensure_ascii=False)
    with store.sessions() as s:
        entry = s.query(AuditEntry).order_by(AuditEntry.id.desc()).first()
        assert entry.event == "prep_imported"
        assert json.loads(entry.detail)["sha256"] == hashlib.sha256(data).hexdigest()
        assert "mediation" not in entry.detail
    # The staff member's own uid is remembered: next time they are found by it.
    changed = json.loads(data)
    changed["person"]["assignment_number"] = ""
    again = staff_side(staff_store)
    again.save_part("questions", [{"id": "q9", "text": "One more question."}])
    data2, prep2 = sent_again(again)
    outcome2 = bring_in(store, data2, prep2)
    assert outcome2.matched_by == "identifier"
    assert outcome2.conversation_id == outcome.conversation_id and not outcome2.new_draft


def sent_again(mine: MyDevelopmentRepository):
    prep, _ = mine.make_preparation("2026-05-02T10:00:00Z")
    data = json.dumps(prep.to_file_dict(), ensure_ascii=False).encode()
    return data, parse_preparation(data)


def test_the_same_file_twice_leaves_the_store_as_it_was(store, staff_store, paths):
    store.staff.add(ME)
    data, prep = sent(staff_store)
    first = bring_in(store, data, prep)
    before_doc = store.conversations.document(first.conversation_id)
    before_audit = audit_count(store)

    second = bring_in(store, data, prep)

    assert second.status == REPEAT and "already brought in" in second.message
    assert store.conversations.document(first.conversation_id) == before_doc
    assert audit_count(store) == before_audit


def test_only_a_name_match_is_a_question_never_a_guess(store, staff_store):
    store.staff.add(ME.with_changes(assignment_number="", email="", job_title="Adviser"))
    store.staff.add(ME.with_changes(assignment_number="", email="", job_title="Lead"))
    data, prep = sent(staff_store)
    before = audit_count(store)

    outcome = bring_in(store, data, prep)

    assert outcome.status == NEEDS_CHOICE and len(outcome.candidates) == 2
    assert "say who it is" in outcome.message and audit_count(store) == before
    chosen = bring_in(store, data, prep, person_id=outcome.candidates[1].id)
    assert chosen.status == IMPORTED and chosen.person.job_title == "Lead"


def test_nobody_matches_unless_asked_to_add_them(store, staff_store):
    data, prep = sent(staff_store)
    assert bring_in(store, data, prep).status == NOT_FOUND
    added = bring_in(store, data, prep, new_person=True)
    assert added.status == IMPORTED and added.person.uid == prep.person["uid"]


def test_identifiers_pointing_at_two_people_are_refused(store, staff_store):
    data, prep = sent(staff_store)
    someone = store.staff.add(ME.with_changes(full_name="Jo Bloggs", preferred_name="", assignment_number="T-0001",
                                              email=""))
    bring_in(store, data, prep, person_id=someone.id)  # now her uid is Jo's alias
    other = store.staff.add(ME.with_changes(full_name="Kit Other", preferred_name="", assignment_number="T-0099",
                                            email=""))
    with pytest.raises(WrongPerson, match="not Kit Other"):
        bring_in(store, data, prep, person_id=other.id)


def test_conflicts_wait_for_a_choice_and_the_choice_is_applied(store, staff_store):
    person = store.staff.add(ME)
    meta = store.conversations.create(person.id, "both", __import__("datetime").date(2026, 5, 6),
                                      packs=load_builtin())
    store.conversations.save_section(meta.id, "reflection", {
        "went_well": "Manager's view of the year.", "was_hard": "", "proud_of": "", "hopes": ""})
    data, prep = sent(staff_store)

    outcome = bring_in(store, data, prep)

    assert outcome.conversation_id == meta.id and not outcome.new_draft
    [conflict] = pending_conflicts(store, meta.id)
    assert conflict["id"] == "reflection.went_well"
    assert store.conversations.document(meta.id)["reflection"]["went_well"] == (
        "Manager's view of the year.")
    doc = resolve_conflict(store, meta.id, "reflection.went_well", PREPARATION)
    assert doc["reflection"]["went_well"].startswith("The mediation pilot")
    assert store.conversations.document(meta.id)["reflection"]["went_well"].startswith(
        "The mediation pilot")
    assert pending_conflicts(store, meta.id) == []
    with pytest.raises(LookupError):
        resolve_conflict(store, meta.id, "reflection.went_well", DRAFT)
    with store.sessions() as s:
        assert s.query(PreparationImport).count() == 1


def test_a_signed_conversation_is_never_the_target(store, staff_store):
    manager = store.staff.add(MANAGER)
    person = store.staff.add(ME)
    meta = ready_conversation(store, person, manager)
    sign_both(store, meta.id)
    data, prep = sent(staff_store)
    outcome = bring_in(store, data, prep)
    assert outcome.new_draft and outcome.conversation_id != meta.id
    # The new draft carries the signed plan forward as usual.
    carried = store.conversations.document(outcome.conversation_id)["setup"]["carried_forward"]
    assert any(c["source"] == "objective" for c in carried)


def test_what_came_from_the_preparation_is_printed_once_signed(store, staff_store):
    from pypdf import PdfReader

    from rmp_desktop.export.record_export import render
    from tests.records_support import fill_ready

    manager = store.staff.add(MANAGER)
    person = store.staff.add(ME)
    data, prep = sent(staff_store)
    outcome = bring_in(store, data, prep)
    proposed = store.conversations.document(outcome.conversation_id)["plan"]
    fill_ready(store, outcome.conversation_id)  # the manager agrees a plan beside the proposals
    plan = store.conversations.document(outcome.conversation_id)["plan"]
    for key in ("proposed_objectives", "development_ideas"):
        plan[key] = proposed[key]
    store.conversations.save_section(outcome.conversation_id, "plan", plan)
    sign_both(store, outcome.conversation_id)
    pdf, record = render(store, outcome.conversation_id, final=True)
    assert record.document["setup"]["questions"][0]["id"] == "q1"  # in the fingerprint too
    import io

    text = " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages)
    text = " ".join(text.split())
    assert "Questions the staff member wanted to raise" in text
    assert "Can the secondment wait until after the pilot?" in text
    assert "Objectives the staff member proposed" in text
    assert "A secondment to the ICB people team" in text
    assert manager.id != person.id


def _as_it_stands(store):
    """The store's file, byte for byte; on PostgreSQL, every row of every table."""
    if store.path is not None:
        return store.path.read_bytes()
    from sqlalchemy import text

    opened = Store(store.location)
    try:
        with opened.engine.connect() as conn:
            tables = [r[0] for r in conn.execute(text(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"))]
            return {t: sorted(map(repr, conn.execute(text(f'SELECT * FROM "{t}"'))))
                    for t in tables}
    finally:
        opened.close()


def test_a_preview_says_what_would_come_in_and_leaves_the_store_byte_for_byte(store,
                                                                               staff_store):
    manager = store.staff.add(MANAGER)
    store.staff.add(ME.with_changes(line_manager_id=manager.id, email=""))
    data, prep = sent(staff_store)
    store.close()
    before = _as_it_stands(store)
    store = Store(store.location)
    try:
        logged = audit_count(store)
        seen = bring_in(store, data, prep, preview=True)
        assert seen.status == IMPORTED and seen.new_draft and seen.conversation_id is None
        assert "Reflection: what went well" in seen.result.filled
        again = bring_in(store, data, prep, preview=True)
        assert again.status == IMPORTED  # a preview never counts as bringing it in
        assert audit_count(store) == logged
    finally:
        store.close()
    assert _as_it_stands(store) == before
    store = Store(store.location)
    try:
        done = bring_in(store, data, prep)
        assert done.status == IMPORTED and done.conversation_id is not None
        assert done.result.filled == seen.result.filled
    finally:
        store.close()
