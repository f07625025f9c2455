"""The preparation file: what it carries, and every way a bad one is refused in words."""

from __future__ import annotations

import json

import pytest

from rmp_desktop.domain.preparation import (
    FORMAT_VERSION,
    MAX_FILE_BYTES,
    PreparationRefused,
    carried_summary,
    make_preparation,
    parse_preparation,
)
from rmp_desktop.domain.record import canonical_sha256
from tests.exchange_support import full_content

PERSON = {"uid": "ab" * 16, "full_name": "Ewa Brzęczyszczykiewicz-Ødegård",
          "preferred_name": "Ewa", "job_title": "Senior HR Adviser", "band": "7",
          "functional_area": "employee-relations", "manager_name": "Θεόδωρος Καραγιάννης",
          "assignment_number": "T-0001", "email": "ewa.b@example.nhs.uk"}
PACKS = [{"id": "rmp.competency-framework", "version": "1.1.0", "fingerprint": "c" * 64}]


def made():
    return make_preparation(PERSON, PACKS, full_content(), "2026-05-01T09:30:00Z", "rmp-desktop")


def as_bytes(file_dict) -> bytes:
    return json.dumps(file_dict, ensure_ascii=False, indent=1).encode()


def resealed(file_dict) -> bytes:
    """A file edited and given a fresh hash, as a careful forger or a buggy writer would."""
    body = {k: v for k, v in file_dict.items() if k != "content_sha256"}
    return as_bytes({**body, "content_sha256": canonical_sha256(body)})


def test_a_made_preparation_reads_back_equal_and_leaves_private_notes_behind():
    prep = made()
    back = parse_preparation(as_bytes(prep.to_file_dict()))
    assert back == prep
    areas = [n["area"] for n in back.content["wellbeing"]["notes"]]
    assert areas == ["mental", "flexible-working"]
    assert "private worry" not in json.dumps(prep.to_file_dict(), ensure_ascii=False)
    assert back.sha256 == canonical_sha256(prep.body())


def test_the_summary_says_what_goes_and_what_stays():
    lines = carried_summary(made(), private_notes=1)
    text = "\n".join(lines)
    assert "Ewa Brzęczyszczykiewicz-Ødegård (known as Ewa)" in text
    assert "2 notes you chose to share; 1 private note stays" in text
    assert "self-ratings of 2 competency areas" in text
    assert "1 question you want to raise" in text


@pytest.mark.parametrize("data, words", [
    (b"name,band\nEwa,7\n", "not valid JSON"),
    (b"%PDF-1.7 ...", "This is a PDF"),
    (b"\xff\xfe{\x00}\x00", "not text in UTF-8"),
    (b"[" * 50 + b"]" * 50, "nested far deeper"),
    (b'{"format": "rmp-preparation", "format": "x"}', "appears twice"),
    (b'{"a": NaN}', "not valid JSON"),
    (b'{"hello": 1}', "does not say what it is"),
    (b'{"format": "something-else"}', "not a preparation made by this application"),
    (b'{"format": "rmp-record-copy"}', "import-record"),
    (json.dumps({"format": "rmp-preparation", "format_version": FORMAT_VERSION + 1}).encode(),
     "Update the application"),
])
def test_not_ours_damaged_or_newer_is_refused_in_words(data, words):
    with pytest.raises(PreparationRefused, match=words):
        parse_preparation(data)


def test_over_the_size_limit_is_refused_before_reading():
    with pytest.raises(PreparationRefused, match="at most 1.0 MB"):
        parse_preparation(b" " * (MAX_FILE_BYTES + 1))


def test_one_changed_word_is_tampering():
    data = as_bytes(made().to_file_dict()).replace(b"four disputes", b"five disputes")
    with pytest.raises(PreparationRefused, match="changed after it was made"):
        parse_preparation(data)


@pytest.mark.parametrize("text, words", [
    ("=HYPERLINK(\"http://example.invalid\")", "spreadsheet formula"),
    ("@SUM(A1:A9)", "spreadsheet formula"),
    ("cmd|' /C calc'!A0", "spreadsheet formula"),
    ("fine\x1b[31m red", "control character"),
    ("abc\u202edcba", "direction marks"),
])
def test_unsafe_text_is_refused_even_when_the_hash_is_right(text, words):
    raw = made().to_file_dict()
    raw["content"]["reflection"]["hopes"] = text
    with pytest.raises(PreparationRefused, match=words):
        parse_preparation(resealed(raw))


@pytest.mark.parametrize("text", ["- first point\n- second point", "+1 for the new rota",
                                  "Arabic with its marks: \u200fمرحبا\u200f", "tab\tand\r\nlines"])
def test_ordinary_writing_passes(text):
    raw = made().to_file_dict()
    raw["content"]["reflection"]["hopes"] = text
    assert parse_preparation(resealed(raw)).content["reflection"]["hopes"] == text


@pytest.mark.parametrize("edit, words", [
    (lambda r: r["content"].pop("questions"), "lacks the field “questions”"),
    (lambda r: r["content"]["aspirations"].update(target_level=9), "not a number from 1 to 4"),
    (lambda r: r["content"]["aspirations"].update(directions=["upwards"]), "does not offer"),
    (lambda r: r["person"].update(band="12"), "band"),
    (lambda r: r["person"].update(uid="nope"), "32 hexadecimal"),
    (lambda r: r["content"]["proposals"]["objectives"][0].update(due="31/05/2027"),
     "YYYY-MM-DD"),
    (lambda r: r["content"]["questions"].append(dict(r["content"]["questions"][0])),
     "repeats an entry"),
    (lambda r: r["content"].update(extra=1), "does not have"),
    (lambda r: r["content"]["reflection"].update(hopes="x" * 10_001), "10,000"),
])
def test_wrong_shapes_name_the_place(edit, words):
    raw = made().to_file_dict()
    edit(raw)
    with pytest.raises(PreparationRefused, match=words):
        parse_preparation(resealed(raw))
