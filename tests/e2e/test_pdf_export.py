"""The PDF record: what it says, what it keeps private, and that it is the same every time."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from rmp_desktop.domain.record import short_fingerprint
from rmp_desktop.export import pdf_arabic
from rmp_desktop.export.pdf import NotSignedError, render_record
from tests.fixtures.full_record import (
    ACTIONS,
    MANAGER,
    OBJECTIVES,
    PERSON,
    amended,
    full_record,
    packs,
    signatures_for,
    with_long_notes,
)

ROOT = Path(__file__).resolve().parents[2]


def squash(text: str) -> str:
    return " ".join(text.split())


def read(data: bytes) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(io.BytesIO(data))
    return reader, [page.extract_text() or "" for page in reader.pages]


def export(record=None, *, final=True, signatures=None) -> bytes:
    record = record or full_record()
    sigs = signatures_for(record) if signatures is None else signatures
    return render_record(record, packs(), sigs, final=final)


@pytest.fixture(scope="module")
def signed_pdf():
    record = full_record()
    data = export(record)
    reader, pages = read(data)
    return record, data, reader, pages


def test_names_in_every_script_come_out_as_text(signed_pdf):
    _, _, _, pages = signed_pdf
    text = squash("\n".join(pages))
    for name in ("Nguyễn Thị Minh Anh", "Ганна Коваленко", "Ιωάννα", "我们一起进步"):
        assert name in text


def test_every_objective_and_action_is_printed(signed_pdf):
    _, _, _, pages = signed_pdf
    text = squash("\n".join(pages))
    for item in (*OBJECTIVES, *ACTIONS):
        assert squash(item["text"]) in text, item["text"]
    for action in ACTIONS:
        if action["support"]:
            assert squash(action["support"]) in text


def test_both_signatures_and_the_full_fingerprint_are_printed(signed_pdf):
    record, _, _, pages = signed_pdf
    sign_off = squash(pages[-1])
    assert PERSON.full_name in sign_off and MANAGER in sign_off
    assert "14 Mar 2025 at 11:02 UTC" in sign_off and "14 Mar 2025 at 11:05 UTC" in sign_off
    assert record.fingerprint() in re.sub(r"\s+", "", pages[-1])


def test_every_page_has_header_and_footer(signed_pdf):
    record, _, _, pages = signed_pdf
    short = short_fingerprint(record.fingerprint())
    for number, text in enumerate(pages, start=1):
        flat = squash(text)
        assert f"Page {number} of {len(pages)}" in flat
        assert short in flat
        assert PERSON.full_name in flat
        assert "DRAFT" not in flat


def test_document_properties_carry_the_record(signed_pdf):
    record, _, reader, _ = signed_pdf
    info = reader.metadata
    assert PERSON.full_name in info.title and "14 Mar 2025" in info.title
    assert PERSON.full_name in info.author and MANAGER in info.author
    assert info.subject
    assert info["/RMPFingerprint"] == record.fingerprint()
    assert info["/RMPRecord"] == record.uid
    assert info["/RMPFinal"] == "true"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    # The creation date is the record's own moment (the last signature), not the clock's.
    assert info["/CreationDate"].startswith("D:20250314110509")


def test_the_same_record_gives_the_same_bytes(signed_pdf):
    _, data, _, _ = signed_pdf
    assert export() == data
    assert export(final=False) == export(final=False)


def test_another_process_with_another_hash_seed_and_zone_gives_the_same_bytes(signed_pdf):
    _, data, _, _ = signed_pdf
    script = ("import sys, hashlib; from tests.fixtures.full_record import full_record, packs, "
              "signatures_for; from rmp_desktop.export.pdf import render_record; r = full_record(); "
              "print(hashlib.sha256(render_record(r, packs(), signatures_for(r), final=True))"
              ".hexdigest())")
    env = dict(os.environ, PYTHONHASHSEED="12345", TZ="Pacific/Auckland", LC_ALL="C.UTF-8")
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True).stdout.strip()
    assert out == hashlib.sha256(data).hexdigest()


def test_the_renderer_imports_no_qt_no_database():
    # `rmp-desktop export` is a short process: what it imports, it waits for.
    script = ("import sys, rmp_desktop.export.pdf; print(sorted(set(sys.modules) & "
              "{'PySide6', 'sqlalchemy', 'alembic', 'urllib.request', 'http.client'}))")
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout.strip()
    assert out == "[]"


def test_a_changed_record_gives_different_bytes_and_fingerprint(signed_pdf):
    record, data, _, _ = signed_pdf
    changed = dataclasses.replace(record, manager_name="Someone Else")
    other = export(changed)
    assert other != data
    assert PdfReader(io.BytesIO(other)).metadata["/RMPFingerprint"] == changed.fingerprint()


def test_each_section_has_a_bookmark(signed_pdf):
    _, _, reader, _ = signed_pdf
    titles = [item.title for item in reader.outline]
    assert titles[0] == "1  About this conversation"
    assert titles[-1].endswith("Sign-off")
    pages = [reader.get_destination_page_number(item) for item in reader.outline]
    assert pages[0] == 1 and pages[-1] == len(reader.pages) - 1 and pages == sorted(pages)


def test_charts_are_vector_drawings_not_pictures(signed_pdf):
    _, data, _, pages = signed_pdf
    assert b"/Subtype /Image" not in data
    text = squash("\n".join(pages))
    # Colour is never the only signal: the legends and statuses are words.
    for words in ("Self rating (hatched)", "Manager rating (solid)", "Actively pursuing",
                  "Target: Established at level 4", "Learning by doing (70%)",
                  "Gap: from Developing at level 3 to Established at level 4"):
        assert words in text


def test_wellbeing_is_printed_only_when_shared():
    shared = squash(" ".join(read(export(full_record(share_wellbeing=True)))[1]))
    private = squash(" ".join(read(export(full_record(share_wellbeing=False)))[1]))
    assert "Health and wellbeing" in shared and "Walks at lunchtime" in shared
    for secret in ("Health and wellbeing", "Walks at lunchtime", "menopause", "Flexible working",
                   "uninterrupted analysis"):
        assert secret not in private


def test_sections_the_document_does_not_define_are_never_printed():
    record = full_record()
    doc = dict(record.document)
    doc["equality"] = {"ethnicity": "EQUALITY-DATA-MUST-NOT-PRINT"}
    text = " ".join(read(export(dataclasses.replace(record, document=doc)))[1])
    assert "EQUALITY-DATA-MUST-NOT-PRINT" not in text


def test_a_draft_is_watermarked_on_every_page():
    record = full_record()
    data = export(record, final=False, signatures=signatures_for(record, roles=("employee",)))
    reader, pages = read(data)
    assert len(pages) > 3
    for text in pages:
        flat = squash(text)
        assert "DRAFT" in flat
        assert "not a final signed record" in flat
    assert reader.metadata["/RMPFinal"] == "false"
    assert "awaiting the second signature" in squash(pages[0])


def test_final_is_refused_unless_both_signed_this_content():
    record = full_record()
    with pytest.raises(NotSignedError, match="manager"):
        export(record, signatures=signatures_for(record, roles=("employee",)))
    stale = [dataclasses.replace(s, fingerprint="0" * 64) for s in signatures_for(record)]
    with pytest.raises(NotSignedError, match="different content"):
        export(record, signatures=stale)


def test_long_notes_flow_across_pages_without_loss():
    record = with_long_notes(full_record(), paragraphs=60)
    _, pages = read(export(record))
    text = squash(" ".join(pages))
    assert "Paragraph 1." in text and "Paragraph 60." in text and "END OF LONG NOTES" in text
    assert len(pages) > 10


def test_pages_of_text_in_one_table_cell_are_cut_into_rows_not_lost():
    record = full_record()
    doc = {k: dict(v) for k, v in record.document.items()}
    doc["plan"] = dict(doc["plan"], objectives=[dict(o) for o in OBJECTIVES],
                       actions=[dict(a) for a in ACTIONS])
    doc["plan"]["objectives"][0]["measure"] = " ".join(f"w{i}" for i in range(2000)) + " LAST"
    doc["plan"]["objectives"][1]["text"] = "Ünïcödé 进步 " * 400 + "LASTCJK"
    doc["plan"]["actions"][0]["support"] = "Support in detail. " * 500 + "LASTSUPPORT"
    text = squash(" ".join(read(export(dataclasses.replace(record, document=doc)))[1]))
    for marker in ("w0 w1", "w1999 LAST", "LASTCJK", "LASTSUPPORT"):
        assert marker in text
    assert text.count("Ünïcödé 进步") == 400


def test_an_amendment_says_what_it_amends_and_why():
    record = amended(full_record(), reason="Target date for the pay gap report moved")
    title = squash(read(export(record))[1][0])
    assert "Version 2" in title
    assert "Version 2, amends version 1: Target date for the pay gap report moved" in title


def test_typed_text_cannot_inject_markup():
    record = full_record()
    doc = {k: dict(v) for k, v in record.document.items()}
    doc["summary"]["employee_comments"] = 'Fine <b>bold</b> & <font name="x">odd</font> <br/>'
    text = squash(" ".join(read(export(dataclasses.replace(record, document=doc)))[1]))
    assert 'Fine <b>bold</b> & <font name="x">odd</font> <br/>' in text


def test_arabic_is_joined_and_set_right_to_left():
    # "salam": seen initial, lam-alef ligature (final form), meem isolated; read right to left.
    shaped = pdf_arabic.shape("سلام")
    assert [hex(ord(c)) for c in shaped] == ["0xfeb3", "0xfefc", "0xfee1"]
    assert pdf_arabic.visual("Note: سلام 1") == "Note: " + shaped[::-1] + " 1"
    assert pdf_arabic.visual("no right-to-left here") == "no right-to-left here"
