"""The way back: a signed record given as a copy, taken in on the staff side, proving itself."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest

from rmp_desktop.domain.exchange_json import ExchangeRefused
from rmp_desktop.domain.record import canonical_sha256
from rmp_desktop.domain.record_copy import parse_record_copy
from rmp_desktop.export.record_copy import (
    ALREADY,
    IMPORTED,
    NEEDS_CHOICE,
    CopyRefused,
    import_copy,
    make_copy,
)
from rmp_desktop.export.verify import Outcome, verify_pdf
from rmp_desktop.storage.my_development import MyDevelopmentRepository
from rmp_desktop.storage.signoff_repo import SignoffRepository
from tests.exchange_support import ME, MY_MANAGER
from tests.records_support import MANAGER, add_people, ready_conversation, sign_both


def signed_copy(store):
    person, manager = add_people(store)
    meta = ready_conversation(store, person, manager)
    sign_both(store, meta.id)
    data, pdf = make_copy(store, meta.id)
    return meta, data, pdf


def take_in(staff_store, data, **kw):
    return import_copy(staff_store, parse_record_copy(data), hashlib.sha256(data).hexdigest(),
                       **kw)


def test_a_copy_is_genuine_locked_and_verifies_its_pdf_on_the_staff_side(store, staff_store,
                                                                          tmp_path):
    meta, data, pdf = signed_copy(store)

    outcome = take_in(staff_store, data)

    assert outcome.status == IMPORTED and "genuine" in outcome.message
    copy = staff_store.conversations.get(outcome.conversation_id)
    assert copy.uid == meta.uid and copy.fingerprint == store.conversations.get(meta.id).fingerprint
    repo = SignoffRepository.of(staff_store)
    assert repo.verify_stored(copy.id).ok
    assert repo.record_for(copy.id).fingerprint() == copy.fingerprint
    # Nobody on the staff side can change it either: the triggers hold.
    conn = sqlite3.connect(staff_store.path)
    with pytest.raises(sqlite3.IntegrityError, match="cannot be changed"):
        conn.execute("UPDATE conversation_sections SET body = '{}' WHERE conversation_id = ?",
                     (copy.id,))
    conn.close()
    # verify FILE.pdf works against the copy, without the manager's laptop.
    (tmp_path / "record.pdf").write_bytes(pdf)
    verdict = verify_pdf(staff_store, tmp_path / "record.pdf")
    assert verdict.outcome is Outcome.GENUINE, verdict.message
    edited = pdf.replace(b"/RMPVersion (1)", b"/RMPVersion (2)")
    (tmp_path / "edited.pdf").write_bytes(edited)
    assert verify_pdf(staff_store, tmp_path / "edited.pdf").outcome is Outcome.ALTERED
    assert staff_store.integrity_report() == []
    # The store had no "me" yet: the copy said who I am.
    mine = MyDevelopmentRepository.of(staff_store)
    assert mine.me().member.full_name == "Ewa Brzęczyszczykiewicz-Ødegård"
    assert [r.id for r in mine.records()] == [copy.id]
    # Importing it again changes nothing.
    assert take_in(staff_store, data).status == ALREADY


def test_my_progress_is_kept_apart_from_the_signed_record(store, staff_store):
    _meta, data, _pdf = signed_copy(store)
    copy_id = take_in(staff_store, data).conversation_id
    mine = MyDevelopmentRepository.of(staff_store)
    before = SignoffRepository.of(staff_store).record_for(copy_id).fingerprint()
    [action] = mine.plan_actions()
    mine.set_progress(copy_id, action.action_id, note="Hearing booked for January.")
    mine.set_progress(copy_id, action.action_id, done_on=__import__("datetime").date(2027, 1, 20))
    [action] = mine.plan_actions()
    assert (action.note, str(action.done_on)) == ("Hearing booked for January.", "2027-01-20")
    assert SignoffRepository.of(staff_store).record_for(copy_id).fingerprint() == before
    prep, _ = mine.make_preparation("2027-02-01T08:00:00Z")
    assert prep.content["progress"] == [{
        "record": action.record_uid, "action": action.action_id, "text": action.text,
        "note": "Hearing booked for January.", "done_on": "2027-01-20"}]
    # The last plan's objectives are offered for my view of last period.
    assert [o["id"] for o in prep.content["looking_back"]["objectives"]] == ["o1", "o2"]


def test_an_amended_record_comes_with_the_version_it_replaces(store, staff_store):
    meta, _data, _pdf = signed_copy(store)
    repo = SignoffRepository.of(store)
    amendment = repo.start_amendment(meta.id, "Date moved")
    store.conversations.save_section(amendment.id, "summary", {
        "employee_comments": "Agreed.", "comments_visited": True})
    repo.sign(amendment.id, "employee", "Ewa Brzęczyszczykiewicz-Ødegård", True)
    repo.sign(amendment.id, "manager", "Θεόδωρος Καραγιάννης", True)
    data, _pdf = make_copy(store, amendment.id)

    outcome = take_in(staff_store, data)

    assert outcome.status == IMPORTED
    records = MyDevelopmentRepository.of(staff_store).records()
    assert sorted((r.version, r.status.value) for r in records) == [(1, "superseded"),
                                                                   (2, "signed")]
    assert SignoffRepository.of(staff_store).verify_all_stored() == []


def test_a_changed_copy_is_not_genuine_and_nothing_is_stored(store, staff_store):
    _meta, data, _pdf = signed_copy(store)
    raw = json.loads(data)
    raw["versions"][0]["record"]["document"]["plan"]["objectives"][0]["text"] = "Something else"
    with pytest.raises(ExchangeRefused, match="changed after it was made"):
        parse_record_copy(json.dumps(raw).encode())
    body = {k: v for k, v in raw.items() if k != "content_sha256"}
    raw["content_sha256"] = canonical_sha256(body)  # resealed: the record's own hash still tells
    with pytest.raises(ExchangeRefused, match="not a genuine copy"):
        parse_record_copy(json.dumps(raw).encode())
    assert MyDevelopmentRepository.of(staff_store).records() == []


@pytest.mark.parametrize(("damage", "says"), [
    (lambda packs: packs[0].update(version="not a version"), "framework pack 1 cannot be read"),
    (lambda packs: packs.pop(), "lack"),
])
def test_a_copy_whose_packs_do_not_read_is_refused_before_the_store_is_touched(
        store, staff_store, damage, says):
    _meta, data, _pdf = signed_copy(store)
    raw = json.loads(data)
    damage(raw["packs"])
    body = {k: v for k, v in raw.items() if k != "content_sha256"}
    raw["content_sha256"] = canonical_sha256(body)  # resealed, so only the packs are wrong
    resealed = json.dumps(raw).encode()
    copy = parse_record_copy(resealed)
    with pytest.raises(ExchangeRefused, match=says):
        import_copy(staff_store, copy, hashlib.sha256(resealed).hexdigest())
    assert MyDevelopmentRepository.of(staff_store).records() == []


def test_a_record_for_someone_else_is_refused(store, staff_store):
    _meta, data, _pdf = signed_copy(store)
    MyDevelopmentRepository.of(staff_store).set_me(
        ME.with_changes(full_name="Kit Other", preferred_name=""), MY_MANAGER)
    with pytest.raises(CopyRefused, match="not for Kit Other"):
        take_in(staff_store, data)


def test_the_same_name_without_the_identifier_asks_first(store, staff_store):
    _meta, data, _pdf = signed_copy(store)
    mine = MyDevelopmentRepository.of(staff_store)
    mine.set_me(ME, MY_MANAGER)
    outcome = take_in(staff_store, data)
    assert outcome.status == NEEDS_CHOICE and mine.records() == []
    confirmed = take_in(staff_store, data, person_id=mine.me().member.id)
    assert confirmed.status == IMPORTED and len(mine.records()) == 1


def test_only_a_record_signed_by_both_can_be_copied(store):
    person, manager = add_people(store)
    meta = ready_conversation(store, person, manager)
    with pytest.raises(CopyRefused, match="signed by both"):
        make_copy(store, meta.id)
    assert MANAGER.full_name
