"""Exported records are signed as PDFs (PAdES) and carry the audit log's head; pyHanko's own
validator judges the signature, and `check --anchor` / `verify` catch a rewritten log."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import validation
from pyhanko_certvalidator import ValidationContext

from rmp_desktop.cli import main
from rmp_desktop.export import signing_key
from rmp_desktop.export.pdf_seal import content_of, read_anchor
from rmp_desktop.export.record_export import export_record, render
from rmp_desktop.export.verify import Outcome, verify_pdf
from rmp_desktop.storage.backup import make_backup
from rmp_desktop.storage.record_rows import audit_entry_hash
from tests.records_support import add_people, raw, ready_conversation, sign_both


@pytest.fixture
def signed_pdf(store, paths, tmp_path):
    person, manager = add_people(store)
    meta = ready_conversation(store, person, manager)
    sign_both(store, meta.id)
    out = tmp_path / "record.pdf"
    export_record(store, meta.id, out)
    return meta, out


def pyhanko_status(data: bytes, trusted):
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    context = ValidationContext(trust_roots=trusted, allow_fetching=False)
    return validation.validate_pdf_signature(reader.embedded_signatures[0], context)


def test_pyhankos_validator_finds_the_signature_intact_and_valid(signed_pdf, store, paths):
    meta, pdf = signed_pdf
    data = pdf.read_bytes()
    status = pyhanko_status(data, signing_key.trusted_certificates(paths.data_dir))
    assert status.intact and status.valid and status.trusted and status.bottom_line
    assert str(status.coverage).endswith("ENTIRE_FILE")
    assert status.signing_cert.sha256.hex() == signing_key.installation_fingerprint(
        paths.data_dir)
    # The content before the signature is byte for byte the deterministic rendering.
    assert content_of(data) == render(store, meta.id, final=True)[0]
    assert data.startswith(content_of(data)) and len(data) > len(content_of(data))


@pytest.mark.parametrize("where", ["content", "update"])
def test_a_one_byte_change_breaks_the_signature(signed_pdf, store, paths, tmp_path, where):
    _meta, pdf = signed_pdf
    data = bytearray(pdf.read_bytes())
    content = len(content_of(bytes(data)))
    at = content // 2 if where == "content" else bytes(data).index(b"/RMPAuditAnchor") + 30
    data[at] ^= 0x01
    status = pyhanko_status(bytes(data), signing_key.trusted_certificates(paths.data_dir))
    assert not status.intact and not status.bottom_line
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(bytes(data))
    verdict = verify_pdf(store, changed)
    assert verdict.outcome is Outcome.ALTERED


def test_verify_reports_the_signature_beside_the_fingerprint(signed_pdf, paths, capsys):
    _meta, pdf = signed_pdf
    assert main(["--data-dir", str(paths.data_dir), "verify", str(pdf)]) == 0
    out = capsys.readouterr().out
    assert "Fingerprint" in out
    assert "PDF signature: the digital signature is intact and valid" in out


def test_a_draft_carries_the_anchor_but_no_signature(store, paths, tmp_path):
    person, manager = add_people(store)
    meta = ready_conversation(store, person, manager)
    out = tmp_path / "draft.pdf"
    export_record(store, meta.id, out, final=False)
    data = out.read_bytes()
    assert read_anchor(data) is not None
    assert PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures == []


def _organisation_pkcs12(path, password: bytes) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Fictional NHS Trust HR signing")])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(7)
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=30))
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False,
                                         False), critical=True)
            .sign(key, hashes.SHA256()))
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        b"trust", key, cert, None, serialization.BestAvailableEncryption(password)))


def test_an_organisations_certificate_signs_and_its_password_is_never_stored(store, paths,
                                                                             tmp_path):
    person, manager = add_people(store)
    meta = ready_conversation(store, person, manager)
    sign_both(store, meta.id)
    p12 = tmp_path / "trust.p12"
    password = b"correct horse battery staple"
    _organisation_pkcs12(p12, password)
    signing_key.use_organisation_certificate(paths.data_dir, p12, password, remember=False)

    with pytest.raises(signing_key.SigningUnavailable, match="needs its password"):
        signing_key.identity_for(paths.data_dir)  # no keyring entry, nobody to ask
    identity = signing_key.identity_for(paths.data_dir, ask_password=lambda: password)
    out = tmp_path / "record.pdf"
    export_record(store, meta.id, out, signing=identity)

    status = pyhanko_status(out.read_bytes(), signing_key.trusted_certificates(paths.data_dir))
    assert status.bottom_line and "Fictional NHS Trust" in status.signing_cert.subject.human_friendly
    for file in paths.data_dir.rglob("*"):
        if file.is_file():
            assert password not in file.read_bytes(), file.name


def test_a_wrong_pkcs12_password_is_said_in_words(paths, tmp_path):
    p12 = tmp_path / "trust.p12"
    _organisation_pkcs12(p12, b"right")
    with pytest.raises(signing_key.SigningUnavailable, match="password is wrong"):
        signing_key.use_organisation_certificate(paths.data_dir, p12, b"wrong", remember=False)


# -- anchors -----------------------------------------------------------------------------------


def _rewrite_chain(path, *, drop_from: int | None = None, change: int | None = None) -> None:
    """Cut the log back from entry `drop_from`, or edit entry `change`, and re-hash the rest
    so that the chain and its head are consistent again, as a careful custodian would."""
    conn = raw(path)
    kept = [r[0] for r in conn.execute("SELECT sql FROM sqlite_master WHERE name IN "
                                       "('audit_log_append_only_delete', "
                                       "'audit_log_append_only_update')")]
    for name in ("audit_log_append_only_delete", "audit_log_append_only_update"):
        conn.execute(f"DROP TRIGGER {name}")
    rows = conn.execute("SELECT id, at, event, conversation_uid, staff_id, detail FROM audit_log "
                        "ORDER BY id").fetchall()
    conn.execute("DELETE FROM audit_log")
    prev = "0" * 64
    for entry_id, at, event, uid, staff_id, detail in rows:
        if drop_from is not None and entry_id >= drop_from:
            continue
        if entry_id == change:
            detail = detail.replace("}", ',"note":"x"}') if detail != "{}" else '{"note":"x"}'
        digest = audit_entry_hash(prev, datetime.fromisoformat(at), event, uid, staff_id, detail)
        conn.execute("INSERT INTO audit_log VALUES (?,?,?,?,?,?,?,?)",
                     (entry_id, at, event, uid, staff_id, detail, prev, digest))
        prev = digest
    conn.execute("UPDATE app_meta SET value=? WHERE key='audit_head'", (prev,))
    for sql in kept:  # the very same triggers back, so the schema looks untouched
        conn.execute(sql)
    conn.close()


@pytest.fixture
def anchored(store, paths, tmp_path):
    """A signed record, then a person added (an entry no record rule depends on), then a PDF
    and a backup that both carry the head of the log at that moment."""
    person, manager = add_people(store)
    meta = ready_conversation(store, person, manager)
    sign_both(store, meta.id)
    store.staff.add(person.with_changes(full_name="Kwame Mensah", assignment_number="T-0009"))
    head = raw(paths.store).execute("SELECT max(id) FROM audit_log").fetchone()[0]
    pdf = tmp_path / "record.pdf"
    export_record(store, meta.id, pdf)
    kept = make_backup(paths.store, paths.backups, reason="manual").path
    store.close()
    return head, pdf, kept


def check(paths, capsys, *anchors) -> tuple[int, str]:
    args = ["--data-dir", str(paths.data_dir), "check"]
    for anchor in anchors:
        args += ["--anchor", str(anchor)]
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_anchors_agree_with_an_untouched_log(anchored, paths, capsys):
    _head, pdf, kept = anchored
    code, out = check(paths, capsys, pdf, kept)
    assert code == 0 and "agrees with 2 anchors" in out


def test_a_log_cut_back_and_rehashed_is_caught_only_by_the_anchors(anchored, paths, capsys):
    head, pdf, kept = anchored
    conn = raw(paths.store)
    conn.execute("DELETE FROM exports")  # the forger removes what would betray the cut
    conn.close()
    _rewrite_chain(paths.store, drop_from=head)

    assert check(paths, capsys)[0] == 0  # the store alone holds together again
    code, out = check(paths, capsys, pdf, kept)
    assert code == 1
    assert "audit log: the audit log has been cut back: record.pdf was made when its newest " \
           f"entry was {head}" in out
    assert kept.name in out


def test_a_log_rewritten_in_place_is_caught_by_the_anchors_and_verify(anchored, paths, capsys,
                                                                     store):
    head, pdf, _kept = anchored
    _rewrite_chain(paths.store, change=head)
    code, out = check(paths, capsys, pdf)
    assert code == 1
    assert f"entry {head} is not the entry it was when record.pdf was made" in out

    from rmp_desktop.storage.store import Store

    reopened = Store(paths.store)
    try:
        verdict = verify_pdf(reopened, pdf)
    finally:
        reopened.close()
    assert verdict.outcome is Outcome.STORE_CHANGED
    assert any("rewritten" in d for d in verdict.details)


def test_an_anchor_that_is_not_one_is_said_so(paths, capsys, store, tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("hello", encoding="utf-8")
    code, out = check(paths, capsys, other)
    assert code == 1 and "neither a PDF exported by the application nor a backup" in out


def test_processes_making_the_installation_key_at_once_end_with_one_key(tmp_path):
    """Two first exports in two processes: both sign with the one key the folder keeps."""
    import subprocess
    import sys

    script = ("import sys; from pathlib import Path; "
              "from rmp_desktop.export.signing_key import installation_identity; "
              "print(installation_identity(Path(sys.argv[1])).fingerprint)")
    for attempt in range(6):
        folder = tmp_path / f"data-{attempt}"
        folder.mkdir()
        runs = [subprocess.Popen([sys.executable, "-c", script, str(folder)],
                                 stdout=subprocess.PIPE, text=True) for _ in range(3)]
        printed = {run.communicate()[0].strip() for run in runs}
        assert all(run.returncode == 0 for run in runs)
        from rmp_desktop.export.signing_key import installation_identity, trusted_certificates

        kept = installation_identity(folder).fingerprint
        assert printed == {kept}
        assert len(trusted_certificates(folder)) == 1
