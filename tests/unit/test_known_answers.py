"""Known answers for the integrity core: a fixed record's canonical bytes and fingerprint, and
what its PDF says and carries, written out here in full.

Every signed record's fingerprint, and every PDF verified against it, depends on these
staying exactly as they are. A change to the canonical form (key order, separators, the
encoding of letters like "ë" or "ı", Unicode normalisation, what the record covers) must fail
here and be made on purpose, as a new CANONICAL_VERSION, never by accident.
"""

from __future__ import annotations

import hashlib
import io
import unicodedata

import pytest
from pypdf import PdfReader

from rmp_desktop import __version__
from rmp_desktop.domain.record import PersonSnapshot, Record, SignatureView, short_fingerprint

STATEMENT = "I have read this plan and agree it is an accurate record."

# Names typed in decomposed form (a letter then its accent), as some keyboards and pasted
# text give them: the record is canonical in NFC, so they must hash as the composed letters.
DECOMPOSED_NAME = "Zoe\u0308 Ag\u0306ırbas\u0327"  # Zoë Ağırbaş, with combining marks
COMPOSED_NAME = "Zoë Ağırbaş"
MANAGER = "Siobhán Ní Bhriain"

FINGERPRINT = "c7f7af7855b51a05c509198bbc55e7e9a3d81edc57bca786b7baa9855d173859"
CANONICAL_START = (
    '{"amendment_reason":"","canonical_version":1,"document":{"aspirations":{"directions":'
    '["depth"],"functional_areas":[],"membership_current":"","membership_target":"",'
    '"notes":"","target_level":null,"target_roles":"","time_horizon":"1y"},"competencies":')


def fixed_record(name: str = DECOMPOSED_NAME) -> Record:
    """Written out in full, not from empty_document(): a key added there later must not move
    this answer (a record keeps the content it was signed with)."""
    person = {"full_name": name, "preferred_name": "Zoë", "job_title": "Employee Relations Adviser",
              "band": "6", "functional_area": "employee-relations"}
    document = {
        "setup": {"notes": "", "person": person, "carried_forward": []},
        "reflection": {"went_well": "Résolu sans tribunal: three cases settled early.",
                       "was_hard": "", "proud_of": "", "hopes": ""},
        "aspirations": {"directions": ["depth"], "functional_areas": [],
                        "membership_current": "", "membership_target": "", "notes": "",
                        "target_level": None, "target_roles": "", "time_horizon": "1y"},
        "competencies": {"current_level": None, "target_level": None, "ratings": {}},
        "plan": {"objectives": [{"id": "o1", "text": "Run the Ağırbaş mediation pilot in two "
                                                     "divisions",
                                 "measure": "Twelve cases mediated; eight resolved",
                                 "due": "2027-03-31", "edi": True}],
                 "actions": [], "dismissed_suggestions": []},
        "wellbeing": {"share_in_record": False, "areas": {"mental": "Private to me."},
                      "flexible_working": "", "support_signposted": "", "actions": []},
        "summary": {"employee_comments": "Agreed — thank you.", "comments_visited": True},
    }
    return Record(uid="4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a99", version=1, kind="appraisal",
                  held_on="2026-10-06", manager_name=MANAGER,
                  person=PersonSnapshot(full_name=name, preferred_name="Zoë",
                                        job_title="Employee Relations Adviser", band="6",
                                        functional_area="employee-relations"),
                  document=document,
                  pack_refs=[{"id": "rmp.competency-framework", "version": "1.1.0",
                              "fingerprint": "a" * 64}],
                  status="signed")


def test_the_canonical_bytes_and_fingerprint_of_a_fixed_record():
    record = fixed_record()
    data = record.canonical_bytes()
    assert data.decode("utf-8").startswith(CANONICAL_START)
    # Letters are written as themselves (UTF-8), never as \\u escapes, and composed.
    assert COMPOSED_NAME.encode("utf-8") in data
    assert b"\\u" not in data and unicodedata.is_normalized("NFC", data.decode("utf-8"))
    assert hashlib.sha256(data).hexdigest() == record.fingerprint() == FINGERPRINT
    assert short_fingerprint(FINGERPRINT) == "C7F7 AF78 55B5 1A05"


def test_composed_and_decomposed_names_are_the_same_record():
    assert fixed_record(COMPOSED_NAME).fingerprint() == FINGERPRINT


@pytest.mark.parametrize("change", [
    lambda r: r.document["reflection"].update(went_well="Resolu sans tribunal: three cases."),
    lambda r: r.document["plan"]["objectives"][0].update(edi=False),
    lambda r: r.pack_refs.append({"id": "x", "version": "1.0.0", "fingerprint": "b" * 64}),
])
def test_any_change_to_what_was_agreed_changes_the_fingerprint(change):
    record = fixed_record()
    change(record)
    assert record.fingerprint() != FINGERPRINT


def test_what_is_not_agreed_does_not_change_the_fingerprint():
    import dataclasses

    assert dataclasses.replace(fixed_record(), status="superseded").fingerprint() == FINGERPRINT


# -- the PDF ----------------------------------------------------------------------------------

def _signed_pdf() -> tuple[bytes, PdfReader]:
    from rmp_desktop.export.pdf import render_record
    from tests.fixtures.full_record import packs

    record = fixed_record()
    signatures = [SignatureView("employee", COMPOSED_NAME, STATEMENT, "2026-10-06T10:15:00Z",
                                FINGERPRINT),
                  SignatureView("manager", MANAGER, STATEMENT, "2026-10-06T10:20:30Z",
                                FINGERPRINT)]
    data = render_record(record, packs(), signatures, final=True)
    return data, PdfReader(io.BytesIO(data))


def test_the_pdf_carries_the_record_in_its_properties():
    _, reader = _signed_pdf()
    info = reader.metadata
    assert dict(info) == {
        "/Title": f"Appraisal: {COMPOSED_NAME}, 6 Oct 2026",
        "/Author": f"{COMPOSED_NAME}; {MANAGER}",
        "/Subject": "Realising My Potential development record, version 1",
        "/Creator": f"rmp-desktop {__version__}",
        "/Producer": info["/Producer"],  # reportlab's own, with its version
        "/Keywords": "development record; record 4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a99; "
                     f"fingerprint {FINGERPRINT}",
        "/RMPRecord": "4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a99",
        "/RMPFingerprint": FINGERPRINT,
        "/RMPVersion": "1",
        "/RMPFinal": "true",
        "/CreationDate": "D:20261006102030+00'00'",  # the last signature, not the clock
        "/ModDate": "D:20261006102030+00'00'",
        "/Trapped": "/False",
    }
    assert info["/Producer"].startswith("ReportLab")


def test_the_pdf_says_who_when_what_and_its_fingerprint_on_every_page():
    data, reader = _signed_pdf()
    pages = [" ".join((page.extract_text() or "").split()) for page in reader.pages]
    title = pages[0]
    for expected in ("Realising My Potential: development record", COMPOSED_NAME,
                     "Known as Zoë · Employee Relations Adviser", "Conversation Appraisal",
                     "Held on 6 Oct 2026", "Band Band 6", "Functional area Employee relations",
                     f"Manager {MANAGER}", "Record Version 1",
                     "Status Signed by the staff member and the manager",
                     "Record identifier 4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a99"):
        assert expected in title, expected
    body = " ".join(pages)
    assert "Run the Ağırbaş mediation pilot in two divisions" in body
    assert "31 Mar 2027" in body and "Résolu sans tribunal" in body
    assert "Signed 6 Oct 2026 at 10:15 UTC" in body and "Signed 6 Oct 2026 at 10:20 UTC" in body
    for number, page in enumerate(pages, start=1):
        assert f"Fingerprint {short_fingerprint(FINGERPRINT)}" in page
        assert f"Page {number} of {len(pages)}" in page
    assert FINGERPRINT in pages[-1].replace(" ", "").lower()
    # Wellbeing was not shared, so nothing of it is in the record on paper.
    assert "wellbeing" not in body.lower() and "Private to me" not in body
    # The same record always gives the same bytes.
    assert data == _signed_pdf()[0]
