"""Export stored records as PDF files: one to a chosen file, or every signed record to a folder.

Used by the command line and by the window's export worker alike (no Qt here).
Every export is recorded in the store (the SHA-256 of the bytes and whether the
copy is final) and in the audit log, so a file can later be recognised by
`verify`. The file is written beside its destination and moved into place only
once the store has recorded it, so a half-written PDF never carries a name.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from rmp_desktop.domain.conversation import Kind, Status
from rmp_desktop.domain.record import Record

log = logging.getLogger(__name__)

FINAL_STATUSES = (Status.SIGNED.value, Status.SUPERSEDED.value)


class ExportRefused(ValueError):
    """The record cannot be exported as asked; the message says what to do instead."""


@dataclass(frozen=True)
class Exported:
    conversation_id: int
    uid: str
    path: Path
    sha256: str
    final: bool
    size: int


@dataclass
class BatchResult:
    exported: list[Exported] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (record uid, plain message)
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not self.failed and not self.cancelled


def render(store, conversation_id: int, *, final: bool) -> tuple[bytes, Record]:
    """The PDF bytes of a stored record, drawn with the content packs it was made with."""
    from rmp_desktop.export.pdf import render_record
    from rmp_desktop.storage.signoff_repo import SignoffRepository

    repo = SignoffRepository.of(store)
    record = repo.record_for(conversation_id)
    if final and record.status not in FINAL_STATUSES:
        raise ExportRefused("This record is not signed by both yet, so it can only be exported "
                            "as a draft.")
    packs = repo.packs_for(conversation_id).packs
    data = render_record(record, packs, repo.signatures(conversation_id), final=final)
    return data, record


def export_record(store, conversation_id: int, out_path: str | os.PathLike, *,
                  final: bool | None = None) -> Exported:
    """Write one record to `out_path`; final unless asked otherwise when it is signed."""
    from rmp_desktop.storage import audit
    from rmp_desktop.storage.models import Conversation, ExportRecord

    out = Path(out_path)
    if not out.parent.is_dir():
        raise ExportRefused(f"The folder {out.parent} does not exist.")
    if final is None:
        final = store.conversations.get(conversation_id).status.value in FINAL_STATUSES
    data, record = render(store, conversation_id, final=final)
    digest = hashlib.sha256(data).hexdigest()
    fd, temp_name = tempfile.mkstemp(prefix=".export-", suffix=".pdf.part", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with store.sessions.begin() as session:
            row = session.get(Conversation, conversation_id)
            session.add(ExportRecord(conversation_id=conversation_id, at=_utc_now(), sha256=digest,
                                     final=final))
            # The bytes' hash identifies the file; the path is left out (it may hold a name).
            audit.append(session, "exported", conversation_uid=row.uid, staff_id=row.person_id,
                         final=final, sha256=digest, version=row.version)
        os.replace(temp_name, out)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    log.info("exported record %s (final=%s)", record.uid, final)
    return Exported(conversation_id, record.uid, out, digest, final, len(data))


def signed_ids(store) -> list[int]:
    """Every record currently signed by both (not the versions amendments replaced)."""
    return [m.id for m in store.conversations.all() if m.status is Status.SIGNED]


def export_all_signed(store, out_dir: str | os.PathLike, *,
                      progress: Callable[[int, int], None] | None = None,
                      should_stop: Callable[[], bool] | None = None,
                      ids: list[int] | None = None) -> BatchResult:
    """Every signed record into `out_dir`; a failure on one is reported and the rest go on."""
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    todo = signed_ids(store) if ids is None else list(ids)
    result = BatchResult()
    for done, cid in enumerate(todo):
        if should_stop is not None and should_stop():
            result.cancelled = True
            break
        uid = str(cid)
        try:
            meta = store.conversations.get(cid)
            uid = meta.uid
            person = store.staff.get(meta.person_id)
            name = file_name(person.display_name, meta.kind, meta.held_on.isoformat(),
                             meta.version, meta.uid)
            result.exported.append(export_record(store, cid, folder / name, final=True))
        except Exception as exc:  # one bad record must not stop a team's export
            log.exception("export of record %s failed", uid)
            result.failed.append((uid, _plain_error(exc)))
        if progress is not None:
            progress(done + 1, len(todo))
    return result


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def file_name(person: str, kind: str, held_on: str, version: int, uid: str) -> str:
    """A readable, unique file name that every file system accepts."""
    label = Kind(kind).label
    stem = f"{person} - {label} - {held_on}"
    if version > 1:
        stem += f" - version {version}"
    stem = " ".join(_UNSAFE.sub(" ", stem).split()).strip(". ")
    return f"{stem[:150]} - {short_uid(uid)}.pdf"


def short_uid(uid: str) -> str:
    return uid[:8]


def _plain_error(exc: Exception) -> str:
    if isinstance(exc, (ExportRefused, LookupError)):
        return str(exc).strip("'\"")
    if isinstance(exc, OSError):
        return f"the file could not be written ({exc.strerror or exc})"
    return f"the PDF could not be made ({type(exc).__name__}); the log has the details"
