"""What is added after a record's PDF content: the audit log's head, and for a final copy a
PDF signature (PAdES baseline B, invisible), in one incremental update.

The content the renderer draws stays byte for byte what it always was (`verify` still
compares it with a fresh rendering); the update appended after it carries
`/RMPAuditAnchor << /Entry N /Hash (...) >>` in the document catalogue, the log's head at
the moment of export, and the signature covers the whole file, anchor included. Any PDF
reader shows whether the file changed after it was signed.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the type only: pyHanko and the key load when a copy is signed
    from rmp_desktop.export.signing_key import SigningIdentity

ANCHOR_KEY = "/RMPAuditAnchor"
SIGNATURE_FIELD = "RecordSignature"
_EOF = b"%%EOF"


@dataclass(frozen=True)
class Anchor:
    """The audit log's newest entry at some moment: its id and its hash."""

    entry: int
    hash: str


@dataclass(frozen=True)
class SignatureState:
    present: bool
    intact: bool  # the signed bytes are unchanged and the signature is mathematically valid
    trusted: bool  # made with this installation's key (or a certificate it trusts)
    covers_whole_file: bool
    words: str


def seal(content: bytes, anchor: Anchor, identity: SigningIdentity | None = None) -> bytes:
    """`content` with one incremental update: the anchor, and a signature if `identity`."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(content))
    writer.root[generic.NameObject(ANCHOR_KEY)] = generic.DictionaryObject({
        generic.NameObject("/Entry"): generic.NumberObject(anchor.entry),
        generic.NameObject("/Hash"): generic.TextStringObject(anchor.hash)})
    writer.update_root()
    if identity is None:
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter

    meta = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD, md_algorithm="sha256", subfilter=SigSeedSubFilter.PADES,
        reason="Signed record exported by Realising My Potential")
    signed: bytes = signers.sign_pdf(writer, meta, signer=identity.signer).getvalue()
    return signed


def content_of(data: bytes) -> bytes:
    """The file as the renderer drew it: everything up to its first end-of-file marker."""
    end = data.find(_EOF)
    if end < 0:
        return data
    end += len(_EOF)
    while end < len(data) and data[end:end + 1] in (b"\r", b"\n"):
        end += 1
    return data[:end]


def read_anchor(data: bytes) -> Anchor | None:
    """The anchor the PDF carries, or None (older exports, or not one of ours)."""
    from pypdf import PdfReader

    try:
        root: Any = PdfReader(io.BytesIO(data)).trailer["/Root"].get_object()
        found = root.get(ANCHOR_KEY)
        if found is None:
            return None
        found = found.get_object()
        entry, digest = int(found["/Entry"]), str(found["/Hash"])
    except Exception:  # noqa: BLE001 - a damaged or foreign file simply carries no anchor
        return None
    if entry < 0 or len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        return None
    return Anchor(entry, digest)


def signature_state(data: bytes, trusted_certificates: list[Any]) -> SignatureState:
    """What pyHanko's validator says of the PDF signature, in words."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import validation
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko_certvalidator import ValidationContext

    try:
        signatures = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
    except Exception:  # noqa: BLE001 - unreadable structure: no signature can be found
        signatures = []
    if not signatures:
        return SignatureState(False, False, False, False, "the PDF carries no digital signature")
    context = ValidationContext(trust_roots=list(trusted_certificates), allow_fetching=False)
    try:
        status = validation.validate_pdf_signature(
            signatures[-1], context, key_usage_settings=KeyUsageConstraints())
    except Exception:  # noqa: BLE001 - a signature too damaged to evaluate is a broken one
        return SignatureState(True, False, False, False,
                              "the digital signature is broken: the file was changed after it "
                              "was signed")
    whole = str(status.coverage).endswith("ENTIRE_FILE")
    if not (status.intact and status.valid):
        return SignatureState(True, False, False, whole, "the digital signature is broken: the "
                                                         "file was changed after it was signed")
    if not whole:
        return SignatureState(True, True, bool(status.trusted), False,
                              "the digital signature is intact, but something was added to the "
                              "file after it was signed")
    who = status.signing_cert.subject.human_friendly
    if status.trusted:
        return SignatureState(True, True, True, True,
                              f"the digital signature is intact and valid ({who})")
    return SignatureState(True, True, False, True,
                          f"the digital signature is intact, but made with a key this "
                          f"installation does not know ({who})")
