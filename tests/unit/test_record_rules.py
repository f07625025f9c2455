"""The record's smaller rules with known answers: its short names, the canonical JSON written
out by hand, a signature's digest, and the stored-text shortcut `check` hashes with
(tests/unit/test_known_answers.py pins a whole record's bytes and fingerprint)."""

from __future__ import annotations

import hashlib
import json
import math

import pytest

from rmp_desktop.domain.record import (
    CANONICAL_VERSION,
    PersonSnapshot,
    Record,
    canonical_json,
    canonical_sha256,
    fingerprint_of_stored,
    short_fingerprint,
    short_uid,
    signature_digest,
)
from rmp_desktop.domain.staff import StaffMember

PERSON = PersonSnapshot("Zoë Ağırbaş", "Zoë", "Adviser", "6", "employee-relations")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_a_record_is_named_by_its_uids_first_eight_characters():
    assert short_uid("4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a99") == "4f3c2b1a"
    assert short_fingerprint("0123456789abcdef" + "f" * 48) == "0123 4567 89AB CDEF"


def test_the_canonical_form_sorts_keys_writes_letters_as_themselves_and_composes_them():
    value = {"b": [1, 2.5, None, True], "a": "Zoe\u0308", "Zoe\u0308": ("x",)}
    assert canonical_json(value) == '{"Zoe\u0308":["x"],"a":"Zoe\u0308","b":[1,2.5,null,true]}'
    assert canonical_sha256(value) == sha256('{"Zoë":["x"],"a":"Zoë","b":[1,2.5,null,true]}')
    assert canonical_sha256("Ağırbaş") == sha256('"Ağırbaş"')
    with pytest.raises(ValueError):
        canonical_json({"n": math.nan})


def test_a_signatures_digest_covers_who_when_what_for_which_content_and_the_drawing():
    fingerprint = "ab" * 32
    plain = signature_digest("employee", "Zoe\u0308", "I agree.", "2027-01-15T10:30:00Z",
                             fingerprint, None)
    assert plain == sha256(f'["employee","Zoë","I agree.","2027-01-15T10:30:00Z","{fingerprint}",'
                           'null]')
    assert signature_digest("employee", "Zoë", "I agree.", "2027-01-15T10:30:00Z", fingerprint,
                            b"") == plain
    drawn = hashlib.sha256(b"\x89PNG lines").hexdigest()
    assert signature_digest("employee", "Zoë", "I agree.", "2027-01-15T10:30:00Z", fingerprint,
                            b"\x89PNG lines") == sha256(
        f'["employee","Zoë","I agree.","2027-01-15T10:30:00Z","{fingerprint}","{drawn}"]')


def test_a_snapshot_speaks_of_the_person_by_the_name_they_use():
    assert PERSON.display_name == "Zoë"
    assert PersonSnapshot(" Zoë Ağırbaş ", "  ", "", "", "").display_name == "Zoë Ağırbaş"
    assert PERSON.listed_name == "Zoë Ağırbaş (Zoë)"


def record(**changes: object) -> Record:
    fields: dict[str, object] = {
        "uid": "4f" * 16, "version": 2, "kind": "career", "held_on": "2027-01-15",
        "manager_name": "Siobhán Ní Bhriain", "person": PERSON,
        "document": {"aspirations": {"notes": "Zoë's \"plan\"", "level": None},
                     "setup": {"person": {}}},
        "pack_refs": [{"id": "wheel", "version": "1", "fingerprint": "c" * 64}],
        "supersedes_uid": "5e" * 16, "amendment_reason": "Date moved"}
    fields.update(changes)
    return Record(**fields)  # type: ignore[arg-type]


def stored(rec: Record, document: str | None = None, pack_refs: object = None) -> str | None:
    """fingerprint_of_stored as `check` calls it, from the record's stored columns and texts."""
    columns = {"uid": rec.uid, "version": rec.version, "kind": rec.kind, "held_on": rec.held_on,
               "manager_name": rec.manager_name, "amendment_reason": rec.amendment_reason,
               "pack_refs": json.dumps(rec.pack_refs) if pack_refs is None else pack_refs}
    if document is None:
        document = "{" + ",".join(f"{json.dumps(k)}:{canonical_json(v)}"
                                  for k, v in sorted(rec.document.items())) + "}"
    person = {"full_name": rec.person.full_name, "preferred_name": rec.person.preferred_name,
              "job_title": rec.person.job_title, "band": rec.person.band,
              "functional_area": rec.person.functional_area, "extra": "not hashed"}
    return fingerprint_of_stored(columns, document, person, rec.supersedes_uid)


def test_the_stored_texts_give_the_records_own_fingerprint():
    rec = record()
    assert CANONICAL_VERSION == 1
    assert stored(rec) == rec.fingerprint()
    assert stored(rec, pack_refs=rec.pack_refs) == rec.fingerprint()  # a list, not its text
    first = record(supersedes_uid=None, amendment_reason="", version=1, pack_refs=[])
    assert stored(first, pack_refs="") == first.fingerprint()  # no packs stored as ""
    assert stored(first) == first.fingerprint()


def test_stored_texts_not_in_composed_form_are_left_to_the_full_computation():
    assert stored(record(), document='{"aspirations":{"notes":"Zoe\u0308"}}') is None


def test_the_stored_texts_of_a_changed_record_give_another_fingerprint():
    rec = record()
    assert stored(rec, document='{"aspirations":{"level":null,"notes":"Changed"},'
                                '"setup":{"person":{}}}') != rec.fingerprint()


def test_a_placeholder_look_alike_inside_the_document_is_left_alone():
    rec = record(document={"aspirations": {"notes": '"pack_refs":null "document":null'}})
    assert stored(rec) == rec.fingerprint()
    # A pack reference (any JSON a store holds) written in before the document goes in.
    odd_refs = record(pack_refs=[{"id": "wheel", "document": None}])
    assert stored(odd_refs) == odd_refs.fingerprint()


def test_a_stored_person_without_a_detail_is_hashed_with_it_empty():
    rec = record(person=PersonSnapshot("Zoë Ağırbaş", "", "", "6", "employee-relations"))
    columns = {"uid": rec.uid, "version": rec.version, "kind": rec.kind, "held_on": rec.held_on,
               "manager_name": rec.manager_name, "amendment_reason": rec.amendment_reason,
               "pack_refs": rec.pack_refs}
    document = "{" + ",".join(f"{json.dumps(k)}:{canonical_json(v)}"
                              for k, v in sorted(rec.document.items())) + "}"
    person = {"full_name": "Zoë Ağırbaş", "band": "6", "functional_area": "employee-relations"}
    assert fingerprint_of_stored(columns, document, person, rec.supersedes_uid) == rec.fingerprint()


def test_a_snapshot_of_a_member_of_staff_keeps_each_detail():
    member = StaffMember(full_name="Zoë Ağırbaş", preferred_name="Zoë", job_title="Adviser",
                         band="6", functional_area="employee-relations")
    assert PersonSnapshot.of(member) == PERSON
