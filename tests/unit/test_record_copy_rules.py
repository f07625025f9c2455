"""The record copy's rules, without a store: what the file holds, and each way a copy that is
damaged, changed or not ours is refused, in the words the staff member reads.

The copies are built here from plain records (tests/storage/test_record_copy.py takes them
through a real store and back); a damaged copy is "resealed" with a fresh content hash where
the test means one rule to be the one that refuses it.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import replace
from typing import Any

import pytest

from rmp_desktop.domain.exchange_json import ExchangeRefused
from rmp_desktop.domain.record import PersonSnapshot, Record, SignatureView, canonical_sha256
from rmp_desktop.domain.record_copy import (
    MAX_FILE_BYTES,
    CopiedVersion,
    make_record_copy,
    parse_record_copy,
)
from rmp_desktop.domain.signoff import STATEMENT

PERSON_UID = "0f" * 16
ALIASES = ["e1" * 16, "0a" * 16]  # given out of order: the file lists them sorted
FIRST_UID, SECOND_UID = "a1" * 16, "b2" * 16
PDF = b"%PDF-1.7\n% a fictional record\n%%EOF\n"
PDF_BASE64 = "JVBERi0xLjcKJSBhIGZpY3Rpb25hbCByZWNvcmQKJSVFT0YK"
PACK = {"kind": "exposure_wheel", "id": "wheel", "version": "1", "title": "Wheel"}
SIGNED_AT = "2027-01-15T10:30:00Z"
MADE_AT = "2027-01-16T09:00:00Z"
DAMAGED = "This record copy is damaged or was not made by this application: {}. Ask for it to be sent again."
TOO_LONG = ("This record copy cannot be taken in: {} is {} characters long, and the most allowed "
            "is {}. Shorten it and send it again.")
PERSON = PersonSnapshot("Ewa Brzęczyszczykiewicz", "Ewa", "HR Adviser", "6", "employee-relations")
DOCUMENT = {
    "plan": {"objectives": [{"id": "o1", "text": "Lead two hearings", "weight": 3,
                             "share": 0.5, "agreed": True, "due": None}],
             "actions": []},
    "summary": {"employee_comments": "=A view that starts like a formula", "comments_visited": True},
}


def make_record(version: int = 1, uid: str = FIRST_UID, supersedes: str | None = None,
                **changes: Any) -> Record:
    fields: dict[str, Any] = {
        "uid": uid, "version": version, "kind": "appraisal", "held_on": "2027-01-15",
        "manager_name": "Θεόδωρος Καραγιάννης", "person": PERSON, "document": DOCUMENT,
        "pack_refs": [{"id": "wheel", "version": "1", "fingerprint": "c" * 64}],
        "supersedes_uid": supersedes, "amendment_reason": "Date moved" if supersedes else ""}
    return Record(**{**fields, **changes})


def signed(record: Record, status: str = "signed",
           strokes: list[list[tuple[float, float]]] | None = None) -> CopiedVersion:
    fingerprint = record.fingerprint()
    return CopiedVersion(record, fingerprint, status, [
        SignatureView("employee", "Ewa Brzęczyszczykiewicz", STATEMENT, SIGNED_AT, fingerprint,
                      strokes),
        SignatureView("manager", "Θεόδωρος Καραγιάννης", STATEMENT, SIGNED_AT, fingerprint)])


def copy_of(*versions: CopiedVersion, packs: list[dict[str, Any]] | None = None,
            aliases: list[str] | None = None) -> dict[str, Any]:
    return make_record_copy(PERSON_UID, ALIASES if aliases is None else aliases,
                            list(versions) or [signed(make_record())],
                            [PACK] if packs is None else packs, PDF, MADE_AT, "rmp_desktop 1.0")


def encoded(raw: Any) -> bytes:
    return json.dumps(raw, ensure_ascii=False).encode("utf-8")


def resealed(raw: dict[str, Any]) -> bytes:
    body = {k: v for k, v in raw.items() if k != "content_sha256"}
    return encoded({**raw, "content_sha256": canonical_sha256(body)})


def refusal(data: bytes) -> str:
    with pytest.raises(ExchangeRefused) as refused:
        parse_record_copy(data)
    return str(refused.value)


def amended_pair() -> tuple[CopiedVersion, CopiedVersion]:
    first = signed(make_record(), status="superseded")
    second = signed(make_record(2, SECOND_UID, FIRST_UID))
    return first, second


# -- what the file holds ------------------------------------------------------------------------


def test_the_file_holds_the_records_as_signed_the_pdf_and_a_hash_of_the_rest():
    raw = copy_of()

    assert list(raw) == ["format", "format_version", "made_at", "made_by", "person", "versions",
                         "packs", "pdf", "content_sha256"]
    assert (raw["format"], raw["format_version"], raw["made_at"], raw["made_by"]) == (
        "rmp-record-copy", 1, MADE_AT, "rmp_desktop 1.0")
    assert raw["person"] == {"uid": PERSON_UID, "aliases": ["0a" * 16, "e1" * 16]}
    [version] = raw["versions"]
    assert version["record"] == make_record().canonical_content()
    assert version["fingerprint"] == make_record().fingerprint()
    assert version["status"] == "signed"
    assert version["signatures"][1] == {
        "role": "manager", "signer_name": "Θεόδωρος Καραγιάννης", "statement": STATEMENT,
        "signed_at": SIGNED_AT, "fingerprint": make_record().fingerprint(), "strokes": None}
    assert raw["packs"] == [PACK]
    assert raw["pdf"] == {"sha256": hashlib.sha256(PDF).hexdigest(), "base64": PDF_BASE64}
    body = {k: v for k, v in raw.items() if k != "content_sha256"}
    assert raw["content_sha256"] == canonical_sha256(body)


def test_drawn_strokes_are_written_as_pairs_and_read_back_as_numbers():
    drawn = signed(make_record(), strokes=[[(0, 0), (0.25, 1)], [(1, 0.5)]])
    raw = copy_of(drawn)
    assert raw["versions"][0]["signatures"][0]["strokes"] == [[[0, 0], [0.25, 1]], [[1, 0.5]]]

    [version] = parse_record_copy(encoded(raw)).versions

    strokes = version.signatures[0].strokes
    assert strokes == [[(0.0, 0.0), (0.25, 1.0)], [(1.0, 0.5)]]
    assert all(isinstance(c, float) for stroke in strokes for point in stroke for c in point)
    assert version.signatures[1].strokes is None


def test_a_genuine_copy_reads_back_as_the_same_records():
    data = encoded(copy_of())

    copy = parse_record_copy(data)

    assert copy.person_uid == PERSON_UID
    assert copy.aliases == ["0a" * 16, "e1" * 16]
    assert copy.packs == [PACK] and copy.pdf == PDF and copy.made_at == MADE_AT
    assert copy.sha256 == json.loads(data)["content_sha256"]
    [version] = copy.versions
    assert copy.newest is version
    assert version.record == make_record()
    assert (version.record.status, version.status) == ("signed", "signed")
    assert version.fingerprint == make_record().fingerprint()
    assert version.signatures == signed(make_record()).signatures


def test_an_amended_record_comes_with_the_version_it_replaces_oldest_first():
    first, second = amended_pair()

    copy = parse_record_copy(encoded(copy_of(first, second)))

    assert [(v.record.version, v.status) for v in copy.versions] == [(1, "superseded"),
                                                                      (2, "signed")]
    assert copy.newest.record.supersedes_uid == FIRST_UID
    assert copy.newest.record.amendment_reason == "Date moved"


def test_words_signed_elsewhere_are_kept_even_when_they_look_like_a_formula():
    copy = parse_record_copy(encoded(copy_of()))
    assert copy.newest.record.document["summary"]["employee_comments"].startswith("=A view")


def test_the_largest_copy_allowed_in_each_part_is_taken_in():
    many_aliases = [f"{i:032x}" for i in range(100)]
    longest = signed(make_record(
        manager_name="M" * 200, amendment_reason="R" * 200_000,
        person=PersonSnapshot(*(["P" * 200] * 5)),
        document={"summary": {"k" * 200: "T" * 200_000}}), strokes=[[(0.5, 0.5)] * 20_000])
    raw = copy_of(longest, packs=[PACK] * 50, aliases=many_aliases)
    raw["made_at"] = "2027-01-16T09:00:00Z"  # 20 characters
    sigs = raw["versions"][0]["signatures"]
    sigs[0]["signer_name"], sigs[0]["statement"] = "N" * 200, "S" * 1000

    copy = parse_record_copy(resealed(raw))

    assert len(copy.aliases) == 100 and len(copy.packs) == 50
    assert len(copy.newest.signatures[0].strokes[0]) == 20_000


def test_fifty_versions_are_taken_in_and_numbers_go_up_to_a_thousand():
    chain = []
    for number in range(1, 51):
        record = make_record(number, f"{number:032x}",
                             f"{number - 1:032x}" if number > 1 else None)
        chain.append(signed(record, status="signed" if number == 50 else "superseded"))
    assert len(parse_record_copy(encoded(copy_of(*chain))).versions) == 50

    last = signed(make_record(1000, SECOND_UID, FIRST_UID))
    assert refusal(encoded(copy_of(last))) == DAMAGED.format(
        "the first version amends a record the copy does not hold")


# -- refused before reading: not a copy, too big, another format --------------------------------


def test_a_file_larger_than_twenty_megabytes_is_refused_unread():
    assert MAX_FILE_BYTES == 20 * 1024 * 1024
    assert refusal(b" " * (MAX_FILE_BYTES + 1)) == (
        "This file is 20.0 MB; a record copy is at most 20.0 MB. It is not a record copy made "
        "by this application, or it was damaged: ask for it to be sent again.")


@pytest.mark.parametrize(("data", "says"), [
    (PDF, "This is a PDF, not a record copy."),
    (b"[]", "This file is not a copy of a signed record made by this application."),
    (b'{"format": "rmp-other"}',
     "This file is not a copy of a signed record made by this application."),
    (b'{"format": "rmp-preparation"}',
     "This is a preparation, not a copy of a signed record: bring it into a conversation "
     "with “import-prep”."),
    (b'{"format": "rmp-record-copy"}',
     "This record copy is damaged: its format version is missing."),
    (b'{"format": "rmp-record-copy", "format_version": true}',
     "This record copy is damaged: its format version is missing."),
    (b'{"format": "rmp-record-copy", "format_version": "1"}',
     "This record copy is damaged: its format version is missing."),
    (b'{"format": "rmp-record-copy", "format_version": 0}',
     "This record copy is damaged: its format version is missing."),
    (b'{"format": "rmp-record-copy", "format_version": 2}',
     "This record copy was made by a newer version of the application (format version 2). "
     "Update the application, then import it again."),
])
def test_a_file_that_is_not_a_copy_we_can_read_says_what_it_is(data, says):
    assert refusal(data) == says


def test_a_copy_lacking_a_part_or_with_one_we_do_not_know_is_damaged():
    raw = copy_of()
    del raw["made_by"]
    assert refusal(encoded(raw)) == DAMAGED.format("the file lacks the field “made_by”")
    raw = {**copy_of(), "notes": ""}
    assert refusal(encoded(raw)) == DAMAGED.format(
        "the file has a field this format does not have (“notes”)")


@pytest.mark.parametrize("claimed", ["0" * 64, 5, None])
def test_a_copy_changed_after_it_was_made_is_not_genuine(claimed):
    raw = {**copy_of(), "content_sha256": claimed}
    assert refusal(encoded(raw)) == (
        "This record copy was changed after it was made: its content does not match the "
        "SHA-256 it carries. It is not a genuine copy; ask your manager for a new one.")


# -- the person and the list of versions --------------------------------------------------------


@pytest.mark.parametrize(("person", "says"), [
    ({"uid": "0F" * 16, "aliases": []}, "the person's identifier is not 32 hexadecimal digits"),
    ({"uid": 7, "aliases": []}, "the person's identifier is not 32 hexadecimal digits"),
    ({"uid": PERSON_UID, "aliases": "0a" * 16}, "the person's other identifiers are not identifiers"),
    ({"uid": PERSON_UID, "aliases": ["0a" * 16, 5]},
     "the person's other identifiers are not identifiers"),
    ({"uid": PERSON_UID, "aliases": ["0a" * 15]},
     "the person's other identifiers are not identifiers"),
    ({"uid": PERSON_UID, "aliases": [f"{i:032x}" for i in range(101)]},
     "the person's other identifiers are not identifiers"),
    ({"uid": PERSON_UID}, "the person lacks the field “aliases”"),
])
def test_the_person_must_be_named_by_identifiers(person, says):
    raw = {**copy_of(), "person": person}
    assert refusal(resealed(raw)) == DAMAGED.format(says)


@pytest.mark.parametrize("versions", [{}, [], [{}] * 51])
def test_a_copy_holds_one_to_fifty_versions(versions):
    raw = {**copy_of(), "versions": versions}
    assert refusal(resealed(raw)) == DAMAGED.format("the list of versions is empty or too long")


def test_when_it_was_made_is_at_most_twenty_characters():
    raw = {**copy_of(), "made_at": "2027-01-16T09:00:00.Z"}
    assert refusal(resealed(raw)) == TOO_LONG.format("when it was made", 21, 20)


# -- each version's record ----------------------------------------------------------------------


def record_damaged(change: Any) -> str:
    raw = copy_of()
    change(raw["versions"][0]["record"])
    return refusal(resealed(raw))


@pytest.mark.parametrize(("change", "says"), [
    (lambda r: r.update(uid="A1" * 16), "version 1's identifier is not a record identifier"),
    (lambda r: r.update(uid=None), "version 1's identifier is not a record identifier"),
    (lambda r: r.update(version=True), "version 1's number is not a version number"),
    (lambda r: r.update(version="1"), "version 1's number is not a version number"),
    (lambda r: r.update(version=0), "version 1's number is not a version number"),
    (lambda r: r.update(version=1001), "version 1's number is not a version number"),
    (lambda r: r.update(kind="meeting"), "version 1's kind is not a kind of conversation"),
    (lambda r: r.update(held_on="2027-13-01"),
     "version 1's date is not a date written as YYYY-MM-DD"),
    (lambda r: r.update(person={}), "version 1's person lacks the field “full_name”"),
    (lambda r: r.update(document=[]), "version 1's content is not the sections of a conversation"),
    (lambda r: r.update(document={"notes": {}}),
     "version 1's content is not the sections of a conversation"),
    (lambda r: r.update(document={"plan": []}),
     "version 1's content is not the sections of a conversation"),
    (lambda r: r.update(pack_refs={}), "version 1's framework packs are not pack references"),
    (lambda r: r.update(pack_refs=["wheel"]), "version 1's framework packs are not pack references"),
    (lambda r: r.update(pack_refs=[{"id": "wheel", "version": "1"}]),
     "version 1's framework packs are not pack references"),
    (lambda r: r.update(pack_refs=[{"id": "wheel", "version": 1, "fingerprint": "c"}]),
     "version 1's framework packs are not pack references"),
    (lambda r: r.update(supersedes_uid=5), "version 1's earlier version is not a record identifier"),
    (lambda r: r.update(supersedes_uid="b2" * 15),
     "version 1's earlier version is not a record identifier"),
    (lambda r: r.update(manager_name=None), "version 1's manager is not text"),
    (lambda r: r.update(amendment_reason=None), "version 1's reason is not text"),
    (lambda r: r["person"].update(band=6), "version 1's person is not text"),
    (lambda r: r.update(manager_name="Theodoros Karagiannis"), None),
])
def test_a_version_whose_record_is_not_a_record_is_damaged(change, says):
    message = record_damaged(change)
    if says is None:  # well formed, but no longer what was signed
        assert message.startswith("This is not a genuine copy: version 1 of the record")
    else:
        assert message == DAMAGED.format(says)


@pytest.mark.parametrize(("change", "place", "length", "limit"), [
    (lambda r: r.update(manager_name="M" * 201), "version 1's manager", 201, 200),
    (lambda r: r["person"].update(job_title="J" * 201), "version 1's person", 201, 200),
    (lambda r: r.update(amendment_reason="R" * 200_001), "version 1's reason", "200,001",
     "200,000"),
    (lambda r: r["document"]["plan"].update({"k" * 201: ""}), "version 1's content", 201, 200),
    (lambda r: r["document"]["plan"]["objectives"][0].update(text="T" * 200_001),
     "version 1's content", "200,001", "200,000"),
])
def test_words_longer_than_a_record_holds_are_refused(change, place, length, limit):
    assert record_damaged(change) == TOO_LONG.format(place, length, limit)


@pytest.mark.parametrize("where", [
    lambda r, bad: r.update(manager_name=bad),
    lambda r, bad: r["document"]["summary"].update(employee_comments=bad),
    lambda r, bad: r["document"]["plan"]["objectives"][0].update(text=bad),
    lambda r, bad: r["document"]["plan"].update({bad: ""}),
])
def test_hidden_characters_anywhere_in_a_record_are_refused(where):
    message = record_damaged(lambda r: where(r, "Agreed\x1b[2J"))
    assert message.startswith("This record copy cannot be taken in: version 1's ")
    assert message.endswith(" holds a control character. Remove it and send the file again.")


def test_a_record_in_a_form_the_application_does_not_know_asks_for_an_update():
    assert record_damaged(lambda r: r.update(canonical_version=2)) == (
        "This record copy uses a form of record (version 1) this version of the application "
        "does not know. Update the application, then import it again.")


def test_a_record_not_in_canonical_form_is_damaged_even_with_the_right_fingerprint():
    raw = copy_of()
    record = raw["versions"][0]["record"]
    record["manager_name"] = "Zoe\u0308"  # decomposed: the canonical form holds "Zoë"
    assert refusal(resealed(raw)) == DAMAGED.format("version 1's record is not in canonical form")


def test_a_record_changed_after_signing_is_not_genuine():
    message = record_damaged(lambda r: r["document"]["summary"].update(employee_comments="Changed"))
    assert message == (
        "This is not a genuine copy: version 1 of the record no longer gives the fingerprint it "
        "was signed with, so its content was changed after signing. Nothing was stored; ask "
        "your manager for a new copy.")


def test_a_version_lacking_a_part_names_the_version():
    raw = copy_of()
    del raw["versions"][0]["status"]
    assert refusal(resealed(raw)) == DAMAGED.format("version 1 lacks the field “status”")
    del raw["versions"][0]["record"]["kind"]
    raw["versions"][0]["status"] = "signed"
    assert refusal(resealed(raw)) == DAMAGED.format("version 1's record lacks the field “kind”")


@pytest.mark.parametrize("fingerprint", ["C" * 64, "c" * 63, 5])
def test_a_fingerprint_must_be_a_sha256(fingerprint):
    raw = copy_of()
    raw["versions"][0]["fingerprint"] = fingerprint
    assert refusal(resealed(raw)) == DAMAGED.format("version 1's fingerprint is not a SHA-256")


@pytest.mark.parametrize("status", ["draft", 5])
def test_each_version_is_signed_or_superseded(status):
    raw = copy_of()
    raw["versions"][0]["status"] = status
    assert refusal(resealed(raw)) == DAMAGED.format("version 1's status is not signed")


# -- signatures ---------------------------------------------------------------------------------


def signature_damaged(change: Any) -> str:
    raw = copy_of()
    change(raw["versions"][0]["signatures"])
    return refusal(resealed(raw))


ENTRY = "version 1's signatures, entry 1,"


@pytest.mark.parametrize(("change", "says"), [
    (lambda s: s.pop(), "This copy's version 1 is not signed by both the staff member and the "
                        "manager, so it is not a signed record."),
    (lambda s: s.clear(), "This copy's version 1 is not signed by both the staff member and the "
                          "manager, so it is not a signed record."),
    (lambda s: s[1].update(fingerprint="d" * 64),
     "In this copy, a signature of version 1 was given to different content: it is not a "
     "genuine copy."),
    (lambda s: s.append(dict(s[0])), DAMAGED.format(
        "version 1's signatures, entry 3, repeats an entry given before")),
    (lambda s: s.extend([dict(s[0])] * 499),
     "This record copy cannot be taken in: version 1's signatures has 501 entries, and the "
     "most allowed is 500."),
    (lambda s: s[0].update(role="witness"), DAMAGED.format(f"{ENTRY} role is not staff member or manager")),
    (lambda s: s[0].pop("strokes"), DAMAGED.format(f"{ENTRY} lacks the field “strokes”")),
    (lambda s: s[0].update(signer_name=None), DAMAGED.format(f"{ENTRY} name is not text")),
    (lambda s: s[0].update(statement=None), DAMAGED.format(f"{ENTRY} statement is not text")),
    (lambda s: s[0].update(signer_name="N" * 201), TOO_LONG.format(f"{ENTRY} name", 201, 200)),
    (lambda s: s[0].update(statement="S" * 1001), TOO_LONG.format(f"{ENTRY} statement", "1,001",
                                                                  "1,000")),
])
def test_a_record_is_signed_by_both_for_this_content(change, says):
    assert signature_damaged(change) == says


def test_signatures_are_a_list():
    raw = copy_of()
    raw["versions"][0]["signatures"] = {}
    assert refusal(resealed(raw)) == DAMAGED.format("version 1's signatures is not a list")


@pytest.mark.parametrize("at", [
    "2027-01-15T10:30:00",  # no Z
    "2027-01-15T10:30:0xZ",  # 20 characters, but no time
    "2027-01-15T10:30:00.5Z",  # a time, but not to the second
    "2027-02-30T10:30:00Z",  # no such day
    1800000000,
])
def test_a_signature_time_is_written_in_utc_to_the_second(at):
    assert signature_damaged(lambda s: s[0].update(signed_at=at)) == DAMAGED.format(
        f"{ENTRY} time is not a time in UTC")


@pytest.mark.parametrize("strokes", [
    "drawn",
    5,
    True,
    [[[0, 0]], 5],
    [[[0, 0]], "ab"],
    [[[0.5]]],
    [[[0.5, 0.5, 0.5]]],
    [[[0.5, 1.01]]],
    [[[-0.01, 0.5]]],
    [[[True, 0.5]]],
    [[["0.5", 0.5]]],
    [[[0.5, 0.5]], [[0.5, None]]],
    [[[0.5, 0.5]] * 10_000, [[0.5, 0.5]] * 10_001],
])
def test_a_drawing_is_lines_of_points_on_the_pad(strokes):
    assert signature_damaged(lambda s: s[0].update(strokes=strokes)) == DAMAGED.format(
        f"{ENTRY} drawing is not a drawn signature")


def test_a_drawing_at_the_pad_edges_is_kept():
    raw = copy_of()
    raw["versions"][0]["signatures"][0]["strokes"] = [[[0, 1], [1, 0]], []]
    copy = parse_record_copy(resealed(raw))
    assert copy.newest.signatures[0].strokes == [[(0.0, 1.0), (1.0, 0.0)], []]


# -- the chain of versions ----------------------------------------------------------------------


def test_versions_follow_one_from_another():
    first, second = amended_pair()
    elsewhere = signed(make_record(2, SECOND_UID, "c3" * 16))
    skipped = signed(make_record(3, SECOND_UID, FIRST_UID))
    for later in (elsewhere, skipped):
        assert refusal(encoded(copy_of(first, later))) == DAMAGED.format(
            "the versions do not follow one from another")
    still_signed = replace(first, status="signed")
    assert refusal(encoded(copy_of(still_signed, second))) == DAMAGED.format(
        "an earlier version is not marked as replaced")


def test_the_first_version_is_the_first_signed():
    assert refusal(encoded(copy_of(signed(make_record(2))))) == DAMAGED.format(
        "the first version amends a record the copy does not hold")
    assert refusal(encoded(copy_of(signed(make_record(supersedes=SECOND_UID))))) == \
        DAMAGED.format("the first version amends a record the copy does not hold")
    _first, second = amended_pair()
    assert refusal(encoded(copy_of(second))) == DAMAGED.format(
        "the first version amends a record the copy does not hold")


# -- packs and the PDF --------------------------------------------------------------------------


@pytest.mark.parametrize("packs", [{}, [PACK] * 51, [PACK, "wheel"]])
def test_packs_are_a_list_of_at_most_fifty(packs):
    raw = {**copy_of(), "packs": packs}
    assert refusal(resealed(raw)) == DAMAGED.format("the framework packs are not a list of packs")


@pytest.mark.parametrize(("pdf", "says"), [
    ({"sha256": "0" * 64}, "the PDF lacks the field “base64”"),
    ({"sha256": hashlib.sha256(PDF).hexdigest(), "base64": "not base64!"},
     "the PDF is not readable"),
    ({"sha256": hashlib.sha256(PDF).hexdigest(), "base64": PDF_BASE64[:4] + " " + PDF_BASE64[4:]},
     "the PDF is not readable"),
    ({"sha256": hashlib.sha256(PDF).hexdigest(), "base64": 5}, "the PDF is not readable"),
    ({"sha256": hashlib.sha256(b"%PDX").hexdigest(), "base64": base64.b64encode(b"%PDX").decode()},
     "the PDF does not match its SHA-256"),
    ({"sha256": "0" * 64, "base64": PDF_BASE64}, "the PDF does not match its SHA-256"),
])
def test_the_pdf_is_the_one_whose_sha256_the_copy_carries(pdf, says):
    raw = {**copy_of(), "pdf": pdf}
    assert refusal(resealed(raw)) == DAMAGED.format(says)
