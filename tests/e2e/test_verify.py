"""A PDF record checked against the store: genuine, older version, altered, or store changed."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader, PdfWriter

from rmp_desktop.cli import main
from rmp_desktop.export.record_export import export_record
from rmp_desktop.export.verify import Outcome, read_carried, verify_pdf
from rmp_desktop.storage.signoff_repo import SignoffRepository
from tests.records_support import (
    EMPLOYEE_SIGNER,
    MANAGER_SIGNER,
    add_people,
    raw,
    ready_conversation,
    sign_both,
)


@pytest.fixture
def signed(store, tmp_path):
    """A record signed by both and exported as final: (meta, path of the PDF)."""
    person, manager = add_people(store)
    meta = sign_both(store, ready_conversation(store, person, manager).id)
    out = tmp_path / "record.pdf"
    export_record(store, meta.id, out)
    return meta, out


def verify(paths, pdf, capsys) -> tuple[int, str]:
    code = main(["--data-dir", str(paths.data_dir), "verify", str(pdf)])
    return code, capsys.readouterr().out


def audit_outcomes(store) -> list[str]:
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT detail FROM audit_log WHERE event = 'verified' "
                                    "ORDER BY id").all()
    return [json.loads(r[0])["outcome"] for r in rows]


def rewrite_info(source, target, **changes) -> None:
    """Rewrite document properties with pypdf, as someone editing the file would."""
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.add_metadata(changes)
    with open(target, "wb") as handle:
        writer.write(handle)


def test_the_pdf_carries_the_record_and_its_fingerprint(signed):
    meta, pdf = signed
    carried = read_carried(pdf.read_bytes())
    assert (carried.uid, carried.fingerprint) == (meta.uid, meta.fingerprint)


def test_a_genuine_pdf_passes(store, paths, signed, capsys):
    meta, pdf = signed
    verdict = verify_pdf(store, pdf)
    assert verdict.ok and verdict.outcome is Outcome.GENUINE
    assert (verdict.uid, verdict.version, verdict.fingerprint) == (meta.uid, 1, meta.fingerprint)
    assert "matches the signed record" in verdict.message and "Ewa" in verdict.message
    code, out = verify(paths, pdf, capsys)
    assert code == 0 and "matches the signed record" in out
    assert audit_outcomes(store) == ["genuine", "genuine"]


def test_a_genuine_pdf_passes_by_rendering_it_again_when_the_export_was_not_logged(
        store, paths, signed):
    """Export is deterministic, so a copy made elsewhere (or before the log) is still known."""
    meta, pdf = signed
    conn = raw(paths.store)
    conn.execute("DELETE FROM exports")
    conn.close()
    assert verify_pdf(store, pdf).outcome is Outcome.GENUINE


def test_a_changed_name_in_the_properties_is_found(store, paths, signed, tmp_path, capsys):
    meta, pdf = signed
    edited = tmp_path / "edited.pdf"
    title = PdfReader(pdf).metadata["/Title"]
    rewrite_info(pdf, edited, **{"/Title": title.replace("Ewa", "Eve")})
    verdict = verify_pdf(store, edited)
    assert verdict.outcome is Outcome.ALTERED and verdict.uid == meta.uid
    assert "changed after export" in verdict.message
    code, out = verify(paths, edited, capsys)
    assert code == 1 and "changed after export" in out


def test_one_byte_changed_in_a_record_field_is_found(store, signed, tmp_path):
    """No PDF tool at all: the version number in the properties edited in place."""
    _, pdf = signed
    data = pdf.read_bytes()
    assert data.count(b"record, version 1") == 1
    edited = tmp_path / "bytes.pdf"
    edited.write_bytes(data.replace(b"record, version 1", b"record, version 2"))
    assert read_carried(edited.read_bytes()).fingerprint is not None  # still a readable PDF
    assert verify_pdf(store, edited).outcome is Outcome.ALTERED


def test_a_page_changed_with_the_fingerprint_left_intact_is_found(store, signed, tmp_path):
    _, pdf = signed
    writer = PdfWriter(clone_from=PdfReader(pdf))
    page = writer.pages[-1]
    writer.remove_page(page)  # the signatures page, gone
    edited = tmp_path / "short.pdf"
    with open(edited, "wb") as handle:
        writer.write(handle)
    assert verify_pdf(store, edited).outcome is Outcome.ALTERED


def test_a_forged_fingerprint_is_found(store, signed, tmp_path):
    meta, pdf = signed
    edited = tmp_path / "forged.pdf"
    rewrite_info(pdf, edited, **{"/RMPFingerprint": "ab" * 32})
    verdict = verify_pdf(store, edited)
    assert verdict.outcome is Outcome.ALTERED and verdict.uid == meta.uid


def test_a_store_row_changed_behind_the_applications_back_is_found(store, paths, signed,
                                                                   capsys):
    meta, pdf = signed
    conn = raw(paths.store)
    conn.execute("DROP TRIGGER sections_locked_update")
    body = json.loads(conn.execute("SELECT body FROM conversation_sections WHERE "
                                   "conversation_id = ? AND section = 'plan'",
                                   (meta.id,)).fetchone()[0])
    body["objectives"][0]["measure"] = "Service live in one division"
    conn.execute("UPDATE conversation_sections SET body = ? WHERE conversation_id = ? AND "
                 "section = 'plan'", (json.dumps(body), meta.id))
    conn.close()
    verdict = verify_pdf(store, pdf)
    assert verdict.outcome is Outcome.STORE_CHANGED and not verdict.ok
    assert "behind the application's back" in verdict.message and verdict.details
    code, out = verify(paths, pdf, capsys)
    assert code == 1 and "behind the application's back" in out


def test_a_store_column_changed_behind_the_applications_back_is_found(store, paths, signed):
    meta, pdf = signed
    conn = raw(paths.store)
    conn.execute("DROP TRIGGER conversations_locked_update")
    conn.execute("UPDATE conversations SET manager_name = 'Someone Else' WHERE id = ?",
                 (meta.id,))
    conn.close()
    assert verify_pdf(store, pdf).outcome is Outcome.STORE_CHANGED


def test_an_amended_records_old_pdf_is_reported_as_superseded(store, paths, signed, tmp_path,
                                                              capsys):
    meta, old_pdf = signed
    repo = SignoffRepository.of(store)
    amended = repo.start_amendment(meta.id, "The tribunal date moved.")
    plan = store.conversations.document(amended.id)["plan"]
    plan["actions"][0]["target_date"] = "2027-02-24"
    store.conversations.save_section(amended.id, "plan", plan)
    store.conversations.save_section(amended.id, "summary",
                                     {"employee_comments": "", "comments_visited": True})
    repo.sign(amended.id, "employee", EMPLOYEE_SIGNER, True)
    repo.sign(amended.id, "manager", MANAGER_SIGNER, True)

    verdict = verify_pdf(store, old_pdf)
    assert verdict.outcome is Outcome.SUPERSEDED and not verdict.ok
    assert verdict.version == 1 and verdict.replaced_by_version == 2
    assert "replaced by version 2" in verdict.message
    code, out = verify(paths, old_pdf, capsys)
    assert code == 1 and "replaced by version 2" in out

    new_pdf = tmp_path / "v2.pdf"
    export_record(store, amended.id, new_pdf)
    assert verify_pdf(store, new_pdf).outcome is Outcome.GENUINE


def test_a_draft_copy_is_not_a_signed_record(store, tmp_path):
    person, manager = add_people(store)
    meta = ready_conversation(store, person, manager)
    draft = tmp_path / "draft.pdf"
    export_record(store, meta.id, draft, final=False)
    assert verify_pdf(store, draft).outcome is Outcome.NOT_FINAL
    SignoffRepository.of(store).sign(meta.id, "employee", EMPLOYEE_SIGNER, True)
    halfway = tmp_path / "halfway.pdf"
    export_record(store, meta.id, halfway, final=False)
    verdict = verify_pdf(store, halfway)
    assert verdict.outcome is Outcome.NOT_FINAL and "second signature" in verdict.message


def test_a_pdf_from_elsewhere_matches_nothing(store, signed, tmp_path):
    _, pdf = signed
    other = tmp_path / "other.pdf"
    rewrite_info(pdf, other, **{"/RMPRecord": "0" * 32, "/RMPFingerprint": "cd" * 32})
    assert verify_pdf(store, other).outcome is Outcome.UNKNOWN

    plain = tmp_path / "plain.pdf"
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    plain.write_bytes(buffer.getvalue())
    verdict = verify_pdf(store, plain)
    assert verdict.outcome is Outcome.UNKNOWN and "no record fingerprint" in verdict.message


def test_a_file_that_is_not_a_pdf_is_unreadable(store, paths, tmp_path, capsys):
    junk = tmp_path / "notes.pdf"
    junk.write_text("not a PDF at all", encoding="utf-8")
    assert verify_pdf(store, junk).outcome is Outcome.UNREADABLE
    missing = tmp_path / "missing.pdf"
    assert verify_pdf(store, missing).outcome is Outcome.UNREADABLE
    code, out = verify(paths, junk, capsys)
    assert code == 1 and "cannot be checked" in out
    assert audit_outcomes(store)[-1] == "unreadable"
