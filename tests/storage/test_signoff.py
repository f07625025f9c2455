"""Signing fixes a record, both signatures lock it for good, and a change is an amendment."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from rmp_desktop.content.loader import load_builtin
from rmp_desktop.domain.conversation import Status
from rmp_desktop.domain.record import PersonSnapshot
from rmp_desktop.domain.signoff import STATEMENT
from rmp_desktop.storage.errors import RecordLocked
from rmp_desktop.storage.signoff_repo import (
    AmendmentRefused,
    SignOffRefused,
    SignoffRepository,
    StoreChanged,
)
from tests.records_support import (
    EMPLOYEE_SIGNER,
    MANAGER_SIGNER,
    add_people,
    drop_trigger,
    raw,
    ready_conversation,
    sign_both,
)


@pytest.fixture
def people(store):
    return add_people(store)


@pytest.fixture
def repo(store):
    return SignoffRepository.of(store)


@pytest.fixture
def ready(store, people):
    return ready_conversation(store, *people)


def audit_events(store) -> list[str]:
    with store.engine.connect() as conn:
        return [r[0] for r in conn.execute(text("SELECT event FROM audit_log ORDER BY id"))]


# -- signing -----------------------------------------------------------------------------------

def test_first_signature_fixes_the_content_and_the_second_completes_it(store, repo, people, ready):
    person, _ = people
    assert repo.record_for(ready.id).document["setup"]["person"] is None
    first = repo.sign(ready.id, "employee", EMPLOYEE_SIGNER, True)
    assert first.status is Status.AWAITING_SIGNOFF
    record = repo.record_for(ready.id)
    assert record.person == PersonSnapshot.of(person)
    assert record.document["setup"]["person"]["full_name"] == person.full_name
    assert first.fingerprint == record.fingerprint() and len(first.fingerprint) == 64
    [sig] = repo.signatures(ready.id)
    assert (sig.role, sig.signer_name, sig.statement) == ("employee", EMPLOYEE_SIGNER, STATEMENT)
    assert sig.fingerprint == first.fingerprint and sig.signed_at.endswith("Z")

    second = repo.sign(ready.id, "manager", f"  {MANAGER_SIGNER} ", True)
    assert second.status is Status.SIGNED and second.fingerprint == first.fingerprint
    assert [s.role for s in repo.signatures(ready.id)] == ["employee", "manager"]
    assert repo.signatures(ready.id)[1].signer_name == MANAGER_SIGNER  # spaces tidied
    assert repo.verify_stored(ready.id).ok
    assert audit_events(store)[-2:] == ["signed", "signed"]


def test_either_party_may_sign_first(repo, ready):
    assert repo.sign(ready.id, "manager", MANAGER_SIGNER, True).status is Status.AWAITING_SIGNOFF
    assert repo.sign(ready.id, "employee", EMPLOYEE_SIGNER, True).status is Status.SIGNED


def test_signing_is_refused_while_something_is_missing_and_nothing_changes(store, repo, people):
    meta = store.conversations.create(people[0].id, "career", ready_date(),
                                      manager_name="Theo", packs=load_builtin())
    with pytest.raises(SignOffRefused) as refused:
        repo.sign(meta.id, "employee", EMPLOYEE_SIGNER, True)
    assert [(m.step, m.item) for m in refused.value.missing] == [
        ("plan", "objectives"), ("summary", "employee_comments")]
    after = store.conversations.get(meta.id)
    assert after.status is Status.DRAFT and after.fingerprint is None
    assert repo.signatures(meta.id) == []
    assert store.conversations.document(meta.id)["setup"]["person"] is None


def ready_date():
    return datetime(2026, 9, 1).date()


@pytest.mark.parametrize("name, confirmed", [("", True), ("   ", True),
                                             (EMPLOYEE_SIGNER, False), (EMPLOYEE_SIGNER, None)])
def test_a_name_and_an_explicit_confirmation_are_required(repo, ready, name, confirmed):
    with pytest.raises(SignOffRefused):
        repo.sign(ready.id, "employee", name, confirmed)
    assert repo.signatures(ready.id) == []


def test_unknown_role_and_future_date_are_errors(repo, ready):
    with pytest.raises(ValueError):
        repo.sign(ready.id, "witness", "Someone", True)
    with pytest.raises(ValueError):
        repo.sign(ready.id, "employee", EMPLOYEE_SIGNER, True,
                  signed_at=datetime.now(UTC) + timedelta(days=1))


def test_the_same_role_or_the_same_person_cannot_sign_twice(repo, ready):
    repo.sign(ready.id, "employee", EMPLOYEE_SIGNER, True)
    with pytest.raises(SignOffRefused, match="already signed"):
        repo.sign(ready.id, "employee", "Another Name", True)
    with pytest.raises(SignOffRefused, match="two people"):
        repo.sign(ready.id, "manager", EMPLOYEE_SIGNER.upper(), True)
    repo.sign(ready.id, "manager", MANAGER_SIGNER, True)
    with pytest.raises(RecordLocked):
        repo.sign(ready.id, "manager", MANAGER_SIGNER, True)


def test_drawn_strokes_are_kept_on_the_pad_and_read_back(repo, ready):
    repo.sign(ready.id, "employee", EMPLOYEE_SIGNER, True,
              strokes=[[(0.1, 0.2), (1.7, -0.3)], [], [(0.123456, 0.5)]])
    [sig] = repo.signatures(ready.id)
    assert sig.strokes == [[(0.1, 0.2), (1.0, 0.0)], [(0.1235, 0.5)]]


def test_a_signature_time_given_is_kept(repo, ready):
    when = datetime(2026, 10, 6, 15, 30, 12)
    repo.sign(ready.id, "employee", EMPLOYEE_SIGNER, True, signed_at=when)
    assert repo.signatures(ready.id)[0].signed_at == "2026-10-06T15:30:12Z"


# -- locked, whoever calls ---------------------------------------------------------------------

@pytest.mark.parametrize("signatures", [1, 2])
def test_the_repository_refuses_any_change_once_signed(store, repo, ready, signatures):
    repo.sign(ready.id, "employee", EMPLOYEE_SIGNER, True)
    if signatures == 2:
        repo.sign(ready.id, "manager", MANAGER_SIGNER, True)
    before = repo.record_for(ready.id).fingerprint()
    with pytest.raises(RecordLocked):
        store.conversations.save_section(ready.id, "plan", {"objectives": []})
    with pytest.raises(RecordLocked):
        store.conversations.update_details(ready.id, manager_name="Somebody Else")
    with pytest.raises(RecordLocked):
        store.conversations.delete_draft(ready.id)
    assert repo.record_for(ready.id).fingerprint() == before
    store.conversations.set_current_step(ready.id, "plan")  # where to resume is not content
    assert repo.verify_stored(ready.id).ok


@pytest.mark.parametrize("statement", [
    "UPDATE conversation_sections SET body = '{}' WHERE conversation_id = :cid",
    "DELETE FROM conversation_sections WHERE conversation_id = :cid",
    "INSERT INTO conversation_sections VALUES (:cid, 'extra', '{}', '2026-01-01 00:00:00')",
    "UPDATE conversations SET manager_name = 'Somebody Else' WHERE id = :cid",
    "UPDATE conversations SET held_on = '2020-01-01' WHERE id = :cid",
    "UPDATE conversations SET fingerprint = NULL WHERE id = :cid",
    "UPDATE conversations SET status = 'draft' WHERE id = :cid",
    "DELETE FROM conversations WHERE id = :cid",
    "UPDATE signatures SET signer_name = 'Somebody Else' WHERE conversation_id = :cid",
    "DELETE FROM signatures WHERE conversation_id = :cid",
])
def test_raw_sql_through_the_engine_is_refused_too(store, repo, ready, statement):
    sign_both(store, ready.id)
    before = repo.record_for(ready.id).fingerprint()
    with pytest.raises(DBAPIError, match="cannot be changed|append-only"):
        with store.engine.begin() as conn:
            conn.execute(text(statement), {"cid": ready.id})
    assert repo.record_for(ready.id).fingerprint() == before
    assert repo.verify_stored(ready.id).ok


def test_the_person_is_kept_as_they_were_at_signing(store, repo, people, ready):
    person, _ = people
    sign_both(store, ready.id)
    before = repo.record_for(ready.id)
    store.staff.update(person.with_changes(job_title="Deputy Head of Employee Relations",
                                           band="8a"))
    after = repo.record_for(ready.id)
    assert after.person.job_title == "Senior HR Adviser" and after.person.band == "7"
    assert after.fingerprint() == before.fingerprint()
    assert repo.verify_stored(ready.id).ok


def test_a_draft_shows_the_person_as_they_are_now(store, repo, people, ready):
    person, _ = people
    store.staff.update(person.with_changes(job_title="Employee Relations Lead"))
    assert repo.record_for(ready.id).person.job_title == "Employee Relations Lead"


# -- checking the stored record ----------------------------------------------------------------

def test_a_section_changed_behind_the_applications_back_is_found(store, repo, ready, paths):
    sign_both(store, ready.id)
    conn = raw(paths)
    drop_trigger(conn, "sections_locked_update")
    body = json.loads(conn.execute("SELECT body FROM conversation_sections WHERE "
                                   "conversation_id = ? AND section = 'plan'",
                                   (ready.id,)).fetchone()[0])
    body["objectives"][0]["due"] = "2030-01-01"
    conn.execute("UPDATE conversation_sections SET body = ? WHERE conversation_id = ? AND "
                 "section = 'plan'", (json.dumps(body), ready.id))
    conn.close()
    check = repo.verify_stored(ready.id)
    assert not check.ok and check.recomputed != check.stored_fingerprint
    assert "changed in the store after signing" in " ".join(check.problems)
    assert [c.conversation_id for c in repo.verify_all_stored()] == [ready.id]


def test_a_column_outside_the_trigger_is_still_covered_by_the_fingerprint(store, repo, ready,
                                                                          paths):
    sign_both(store, ready.id)
    conn = raw(paths)
    conn.execute("UPDATE conversations SET amendment_reason = 'slipped in' WHERE id = ?",
                 (ready.id,))
    conn.close()
    assert not repo.verify_stored(ready.id).ok


def test_a_signature_moved_to_other_content_is_found(store, repo, ready, paths):
    sign_both(store, ready.id)
    conn = raw(paths)
    drop_trigger(conn, "signatures_append_only_update")
    conn.execute("UPDATE signatures SET fingerprint = ? WHERE role = 'manager'", ("0" * 64,))
    conn.close()
    problems = repo.verify_stored(ready.id).problems
    assert any("manager's signature" in p for p in problems)


def test_a_second_signature_is_refused_when_the_fixed_content_was_changed(store, repo, ready,
                                                                          paths):
    repo.sign(ready.id, "employee", EMPLOYEE_SIGNER, True)
    conn = raw(paths)
    drop_trigger(conn, "sections_locked_update")
    conn.execute("UPDATE conversation_sections SET body = '{\"went_well\":\"x\"}' "
                 "WHERE conversation_id = ? AND section = 'reflection'", (ready.id,))
    conn.close()
    with pytest.raises(StoreChanged):
        repo.sign(ready.id, "manager", MANAGER_SIGNER, True)


def test_records_keep_the_packs_they_were_made_with(store, repo, people):
    builtin = load_builtin()
    ours = dataclasses.replace(builtin.competency, title="Trust framework as it was in 2026")
    packs = builtin.with_pack(ours)
    meta = ready_conversation(store, *people, packs=packs)
    sign_both(store, meta.id)
    found = repo.packs_for(meta.id)
    assert found.problems == ()
    assert found.packs.competency.title == "Trust framework as it was in 2026"
    assert found.packs.refs() == store.conversations.get(meta.id).pack_refs


def test_a_pack_snapshot_changed_behind_the_applications_back_is_found(store, repo, people,
                                                                       paths):
    builtin = load_builtin()
    packs = builtin.with_pack(dataclasses.replace(builtin.wheel, title="Our wheel"))
    meta = ready_conversation(store, *people, packs=packs)
    sign_both(store, meta.id)
    conn = raw(paths)
    fingerprint = packs.wheel.fingerprint
    body = json.loads(conn.execute("SELECT body FROM pack_snapshots WHERE fingerprint = ?",
                                   (fingerprint,)).fetchone()[0])
    body["title"] = "A different wheel"
    conn.execute("UPDATE pack_snapshots SET body = ? WHERE fingerprint = ?",
                 (json.dumps(body), fingerprint))
    conn.close()
    check = repo.verify_stored(meta.id)
    assert any("changed after it was stored" in p for p in check.problems)
    assert repo.packs_for(meta.id).packs.wheel.title != "A different wheel"  # never shown


# -- amendments --------------------------------------------------------------------------------

def test_only_a_signed_record_can_be_amended_and_a_reason_is_needed(store, repo, ready):
    with pytest.raises(AmendmentRefused, match="Only a record signed by both"):
        repo.start_amendment(ready.id, "A date was wrong")
    repo.sign(ready.id, "employee", EMPLOYEE_SIGNER, True)
    with pytest.raises(AmendmentRefused):
        repo.start_amendment(ready.id, "A date was wrong")
    repo.sign(ready.id, "manager", MANAGER_SIGNER, True)
    with pytest.raises(AmendmentRefused, match="why"):
        repo.start_amendment(ready.id, "   ")


def test_an_amendment_starts_as_a_copy_and_points_at_the_original(store, repo, ready):
    sign_both(store, ready.id)
    original = store.conversations.get(ready.id)
    amended = repo.start_amendment(ready.id, "The tribunal date moved to February.")
    assert amended.status is Status.DRAFT and amended.version == 2
    assert amended.supersedes_id == ready.id
    assert amended.amendment_reason == "The tribunal date moved to February."
    assert amended.pack_refs == original.pack_refs and amended.uid != original.uid
    assert (amended.kind, amended.held_on, amended.manager_name) == (
        original.kind, original.held_on, original.manager_name)
    old_doc = repo.record_for(ready.id).document
    new_doc = store.conversations.document(amended.id)
    assert new_doc["setup"]["person"] is None
    assert new_doc["summary"]["comments_visited"] is False
    assert new_doc["plan"] == old_doc["plan"] and new_doc["reflection"] == old_doc["reflection"]
    assert repo.record_for(amended.id).supersedes_uid == original.uid
    assert audit_events(store)[-1] == "amended"
    with pytest.raises(AmendmentRefused) as again:
        repo.start_amendment(ready.id, "Another change")
    assert again.value.existing_id == amended.id


def test_a_signed_amendment_supersedes_the_original(store, repo, ready):
    sign_both(store, ready.id)
    amended = repo.start_amendment(ready.id, "The tribunal date moved to February.")
    plan = store.conversations.document(amended.id)["plan"]
    plan["actions"][0]["target_date"] = "2027-02-24"
    store.conversations.save_section(amended.id, "plan", plan)
    with pytest.raises(SignOffRefused):  # the staff member looks at their comments again
        repo.sign(amended.id, "employee", EMPLOYEE_SIGNER, True)
    store.conversations.save_section(amended.id, "summary",
                                     {"employee_comments": "Agreed.", "comments_visited": True})
    repo.sign(amended.id, "employee", EMPLOYEE_SIGNER, True)
    assert store.conversations.get(ready.id).status is Status.SIGNED  # until fully signed
    repo.sign(amended.id, "manager", MANAGER_SIGNER, True)

    assert store.conversations.get(ready.id).status is Status.SUPERSEDED
    assert store.conversations.get(amended.id).status is Status.SIGNED
    assert repo.record_for(amended.id).fingerprint() != repo.record_for(ready.id).fingerprint()
    chain = [(m.version, m.status) for m in repo.history_chain(ready.id)]
    assert chain == [(1, Status.SUPERSEDED), (2, Status.SIGNED)]
    assert repo.history_chain(amended.id) == repo.history_chain(ready.id)
    assert repo.verify_stored(ready.id).ok and repo.verify_stored(amended.id).ok
    with pytest.raises(AmendmentRefused, match="newest version"):
        repo.start_amendment(ready.id, "Too late")
    with pytest.raises(RecordLocked):
        store.conversations.save_section(ready.id, "plan", plan)
    third = repo.start_amendment(amended.id, "A second change")
    assert third.version == 3
    assert [m.version for m in repo.history_chain(ready.id)] == [1, 2, 3]


def test_find_by_fingerprint(store, repo, ready):
    meta = sign_both(store, ready.id)
    assert repo.find_by_fingerprint(meta.fingerprint).id == ready.id
    assert repo.find_by_fingerprint("f" * 64) is None


# -- the export path's own reader --------------------------------------------------------------

def test_the_sqlite3_reader_builds_the_same_record(store, repo, people, ready):
    from rmp_desktop.storage.record_rows import RecordRows

    with RecordRows(store.location) as rows:
        assert rows.record(ready.id) == repo.record_for(ready.id)  # a draft
        sign_both(store, ready.id)
        assert rows.record(ready.id) == repo.record_for(ready.id)
        assert rows.record(ready.id).fingerprint() == store.conversations.get(ready.id).fingerprint
        assert rows.signatures(ready.id) == repo.signatures(ready.id)
        amended = repo.start_amendment(ready.id, "A date changed")
        assert rows.record(amended.id) == repo.record_for(amended.id)
        assert rows.record(amended.id).supersedes_uid == ready.uid


def test_an_export_logged_with_sqlite3_keeps_the_audit_chain_whole(store, ready):
    from rmp_desktop.storage import audit
    from rmp_desktop.storage.record_rows import RecordRows

    sign_both(store, ready.id)
    with RecordRows(store.location) as rows:
        rows.log_export(ready.id, "ab" * 32, True)
        rows.log_export(ready.id, "cd" * 32, False)
    with store.sessions() as session:
        assert audit.verify_chain(session).ok
    repo = SignoffRepository.of(store)  # the ORM appender carries on from the sqlite3 one
    repo.start_amendment(ready.id, "Carry on the chain")
    with store.sessions() as session:
        report = audit.verify_chain(session)
    assert report.ok and report.entries >= 7
    assert store.integrity_report() == []
