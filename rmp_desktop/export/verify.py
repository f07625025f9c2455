"""Is this PDF a genuine copy of a signed record? Checked against the store, in plain words.

A PDF exported by the application carries its record's identifier and full
fingerprint in the document properties (`/RMPRecord`, `/RMPFingerprint`, also
in the XMP keywords) and prints the short fingerprint on every page. To
verify, we find the record by that fingerprint, recompute the record's
fingerprint from the store (so a store changed behind the application's back
is caught), and compare the file's bytes with the copies the application
exported or with a fresh rendering (export is deterministic), so that any edit
of the PDF, to its text or its properties, is caught.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rmp_desktop.domain.conversation import Kind, Status
from rmp_desktop.domain.dates import display_date
from rmp_desktop.domain.record import short_fingerprint

if TYPE_CHECKING:  # types only: verifying loads the store's modules when it runs, not before
    from rmp_desktop.export.pdf_seal import SignatureState
    from rmp_desktop.storage.conversation_repo import ConversationMeta
    from rmp_desktop.storage.signoff_repo import SignoffRepository
    from rmp_desktop.storage.store import Store

log = logging.getLogger(__name__)

KEY_RECORD = "/RMPRecord"
KEY_FINGERPRINT = "/RMPFingerprint"
_FINGERPRINT = re.compile(r"(?<![0-9a-fA-F])[0-9a-fA-F]{64}(?![0-9a-fA-F])")
_UID = re.compile(r"(?<![0-9a-fA-F])[0-9a-f]{32}(?![0-9a-fA-F])")


class Outcome(StrEnum):
    GENUINE = "genuine"  # the very copy of a record signed by both, and the record is intact
    SUPERSEDED = "superseded"  # genuine, but an amendment has replaced that version
    NOT_FINAL = "not_final"  # a draft, or a copy made before both had signed
    ALTERED = "altered"  # names a record, but the file is not what was exported
    STORE_CHANGED = "store_changed"  # the record in the store no longer matches its fingerprint
    UNKNOWN = "unknown"  # carries nothing that matches this store
    UNREADABLE = "unreadable"  # not a PDF we can read


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    message: str
    uid: str | None = None
    conversation_id: int | None = None
    version: int | None = None
    fingerprint: str | None = None  # what the PDF carries
    replaced_by_version: int | None = None
    details: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.outcome is Outcome.GENUINE


@dataclass(frozen=True)
class _Carried:
    fingerprint: str | None
    uid: str | None


def read_carried(data: bytes) -> _Carried:
    """The record identifier and fingerprint the PDF carries; raises if it is not a PDF."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    info: Any = reader.metadata or {}
    fingerprint = _first(_FINGERPRINT, str(info.get(KEY_FINGERPRINT) or ""))
    uid = _first(_UID, str(info.get(KEY_RECORD) or ""))
    if fingerprint is None or uid is None:  # properties stripped: try keywords and XMP
        extra = str(info.get("/Keywords") or "")
        try:
            xmp = reader.xmp_metadata
            if xmp is not None:
                extra += " " + xmp.stream.get_data().decode("utf-8", "replace")
        except Exception:  # a broken XMP stream is as good as none
            pass
        fingerprint = fingerprint or _first(_FINGERPRINT, extra)
        uid = uid or _first(_UID, _without(_FINGERPRINT, extra))
    if fingerprint is None:  # last resort: the signature block prints it in full
        try:
            last = reader.pages[-1].extract_text() if reader.pages else ""
        except Exception:
            last = ""
        fingerprint = _first(_FINGERPRINT, re.sub(r"\s+", "", last or ""))
    return _Carried(fingerprint.lower() if fingerprint else None, uid)


def verify_pdf(store: Store, pdf_path: str | Path) -> Verdict:
    try:
        verdict = _verify(store, Path(pdf_path))
    except ValueError:  # a status or kind the application never writes (conversation_repo)
        log.warning("verify met values in the store that the application never writes")
        verdict = Verdict(Outcome.STORE_CHANGED,
                          "The record this PDF names holds values the application never writes "
                          "(a status or kind changed outside it), so it cannot be trusted. Run "
                          "`rmp-desktop check` to see what is wrong, and restore a backup.")
    _audit(store, verdict)
    return verdict


def _verify(store: Store, path: Path) -> Verdict:
    from rmp_desktop.export.pdf_seal import content_of
    from rmp_desktop.storage.signoff_repo import SignoffRepository

    try:
        data = path.read_bytes()
    except OSError as exc:
        return Verdict(Outcome.UNREADABLE, f"The file {path.name} cannot be read "
                                           f"({exc.strerror or exc}).")
    try:
        carried = read_carried(data)
    except Exception:
        return Verdict(Outcome.UNREADABLE, f"{path.name} is not a PDF that can be read, so it "
                                           "cannot be checked.")
    digest = hashlib.sha256(data).hexdigest()
    content = content_of(data)  # what the renderer drew, before the anchor and the signature
    repo = SignoffRepository.of(store)
    exported = _export_of(store, digest)  # (conversation id, final) of these very bytes

    meta = None
    if exported is not None:
        meta = store.conversations.get(exported[0])
    elif carried.fingerprint:
        meta = repo.find_by_fingerprint(carried.fingerprint)
    if meta is None and carried.uid:
        named = store.conversations.by_uid(carried.uid)
        if named is not None:
            return _names_but_differs(store, repo, named, carried, content)
    if meta is None:
        if not carried.fingerprint and not carried.uid:
            return Verdict(Outcome.UNKNOWN, "This PDF carries no record fingerprint: it was not "
                                            "exported by this application, or its details were "
                                            "removed.")
        return Verdict(Outcome.UNKNOWN, "This PDF matches no record in this store. It may come "
                                        "from another organisation's store, or its fingerprint "
                                        "was changed.", fingerprint=carried.fingerprint)

    context: dict[str, Any] = dict(uid=meta.uid, conversation_id=meta.id, version=meta.version,
                                   fingerprint=carried.fingerprint)
    problems = _record_problems(store, meta.id)
    if problems:
        return Verdict(Outcome.STORE_CHANGED,
                       f"The record this PDF belongs to ({_describe(repo, meta)}) was "
                       "changed in the store behind the application's back: it no longer "
                       "holds together as it was signed, so neither can be trusted. "
                       "Run `rmp-desktop check` and restore a backup.",
                       details=tuple(problems), **context)
    history = _anchor_problems(store, data, path.name)
    if history:
        return Verdict(Outcome.STORE_CHANGED,
                       f"This PDF belongs to {_describe(repo, meta)}, but the store's audit log "
                       "has been cut back or rewritten since the PDF was made, so the store's "
                       "history cannot be trusted. Run `rmp-desktop check` and restore a backup.",
                       details=tuple(history), **context)

    final = exported[1] if exported is not None else _rendered_final(store, meta, content)
    if final is None:
        return Verdict(Outcome.ALTERED,
                       f"This PDF carries the fingerprint of {_describe(repo, meta)}, but "
                       "its content is not what the application exported: it was changed after "
                       "export. Export the record again for a true copy.", **context)
    seal = _signature(store, data)
    if seal.present and not (seal.intact and seal.covers_whole_file):
        return Verdict(Outcome.ALTERED,
                       f"The content of this PDF matches {_describe(repo, meta)}, but {seal.words}"
                       ". Export the record again for a true copy.",
                       details=(f"PDF signature: {seal.words}",), **context)
    if carried.fingerprint and meta.fingerprint and carried.fingerprint != meta.fingerprint:
        final = False  # exported before the content was fixed
    verdict = _by_status(store, repo, meta, final, context)
    words = f"PDF signature: {seal.words}" + ("" if seal.present or not final else
                                              " (exported before PDFs were signed)")
    return Verdict(verdict.outcome, verdict.message, verdict.uid, verdict.conversation_id,
                   verdict.version, verdict.fingerprint, verdict.replaced_by_version,
                   (*verdict.details, words))


def _record_problems(store: Store, conversation_id: int) -> list[str]:
    """The rules `check` applies, for this one record (storage.integrity)."""
    from rmp_desktop.storage.record_checks import record_problems

    return record_problems(store, [conversation_id]).get(conversation_id, [])


def _anchor_problems(store: Store, data: bytes, name: str) -> list[str]:
    from rmp_desktop.export.pdf_seal import read_anchor
    from rmp_desktop.storage.anchors import store_anchor_problems

    anchor = read_anchor(data)
    if anchor is None or store.location.is_postgres:  # anchors are checked in a store file
        return []
    return store_anchor_problems(store.location.sqlite_path, anchor.entry, anchor.hash, name)


def _signature(store: Store, data: bytes) -> SignatureState:
    from rmp_desktop.export.pdf_seal import signature_state
    from rmp_desktop.export.signing_key import trusted_certificates
    from rmp_desktop.paths import resolve

    folder = store.location.files_folder
    return signature_state(data, trusted_certificates(folder or resolve().data_dir))


def _by_status(store: Store, repo: SignoffRepository, meta: ConversationMeta, final: bool,
               context: dict[str, Any]) -> Verdict:
    what = _describe(repo, meta)
    if meta.status is Status.DRAFT or meta.fingerprint is None:
        return Verdict(Outcome.NOT_FINAL, f"This PDF is a draft copy of {what}. A draft is "
                                          "not a signed record.", **context)
    if not final or meta.status is Status.AWAITING_SIGNOFF:
        now = ("is now signed by both: export the final copy"
               if meta.status in (Status.SIGNED, Status.SUPERSEDED)
               else "is still waiting for the second signature")
        return Verdict(Outcome.NOT_FINAL, f"This PDF is a copy of {what}, made before both had "
                                          f"signed. The record {now}.", **context)
    short = short_fingerprint(meta.fingerprint)
    if meta.status is Status.SUPERSEDED:
        chain = repo.history_chain(meta.id)
        signed = next((m for m in reversed(chain) if m.status is Status.SIGNED), chain[-1])
        return Verdict(Outcome.SUPERSEDED,
                       f"This PDF matches {what}, which was signed but has since been replaced "
                       f"by version {signed.version}. It is a true copy of an older version; "
                       f"use version {signed.version} for the current plan.",
                       replaced_by_version=signed.version, **context)
    return Verdict(Outcome.GENUINE, f"This PDF matches the signed record: {what}, signed by "
                                    f"both{_signed_on(repo, meta.id)}. Fingerprint {short}.",
                   **context)


def _names_but_differs(store: Store, repo: SignoffRepository, meta: ConversationMeta,
                       carried: _Carried, data: bytes) -> Verdict:
    """The PDF names a record of this store, but its fingerprint is none of that record's."""
    context: dict[str, Any] = dict(uid=meta.uid, conversation_id=meta.id, version=meta.version,
                                   fingerprint=carried.fingerprint)
    what = _describe(repo, meta)
    if meta.status is Status.DRAFT:
        final = _rendered_final(store, meta, data)
        if final is not None:
            return _by_status(store, repo, meta, final, context)
        return Verdict(Outcome.NOT_FINAL, f"This PDF is a draft copy of {what} that no longer "
                                          "matches it: the draft has changed since, or the file "
                                          "was edited. A draft is not a signed record.", **context)
    return Verdict(Outcome.ALTERED, f"This PDF names {what}, but its fingerprint matches no "
                                    "version of that record: the PDF was changed after export.",
                   **context)


def _rendered_final(store: Store, meta: ConversationMeta, data: bytes) -> bool | None:
    """Whether a fresh rendering gives these very bytes: True as final, False as draft, None."""
    from rmp_desktop.export.record_export import render
    from rmp_desktop.export.record_pdf import FINAL_STATUSES

    digest = hashlib.sha256(data).hexdigest()
    choices = (True, False) if meta.status.value in FINAL_STATUSES else (False,)
    for final in choices:
        try:
            rendered, _ = render(store, meta.id, final=final)
        except Exception:  # cannot re-render: only the export log can vouch for the file
            log.exception("re-rendering record %s to verify a PDF failed", meta.uid)
            return None
        if hashlib.sha256(rendered).hexdigest() == digest:
            return final
    return None


def _export_of(store: Store, digest: str) -> tuple[int, bool] | None:
    from sqlalchemy import select

    from rmp_desktop.storage.models import ExportRecord

    with store.sessions() as session:
        row = session.execute(select(ExportRecord.conversation_id, ExportRecord.final).where(
            ExportRecord.sha256 == digest).order_by(ExportRecord.final.desc()).limit(1)).first()
    return (row[0], bool(row[1])) if row else None


def _describe(repo: SignoffRepository, meta: ConversationMeta) -> str:
    person = repo.record_for(meta.id).person.display_name
    return (f"{person}'s {Kind(meta.kind).label.lower()} held on {display_date(meta.held_on)} "
            f"(version {meta.version})")


def _signed_on(repo: SignoffRepository, conversation_id: int) -> str:
    signatures = repo.signatures(conversation_id)
    if not signatures:
        return ""
    return " on " + display_date(max(s.signed_at for s in signatures))


def _audit(store: Store, verdict: Verdict) -> None:
    from rmp_desktop.storage import audit

    try:
        with store.sessions.begin() as session:
            staff_id = None
            if verdict.conversation_id is not None:
                staff_id = store.conversations.get(verdict.conversation_id).person_id
            audit.append(session, "verified", conversation_uid=verdict.uid, staff_id=staff_id,
                         outcome=verdict.outcome.value)
    except Exception:  # a read-only store still gets its answer
        log.exception("could not record a verification in the audit log")


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    found = pattern.search(text)
    return found.group(0) if found else None


def _without(pattern: re.Pattern[str], text: str) -> str:
    return pattern.sub(" ", text)
