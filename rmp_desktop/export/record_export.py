"""Export stored records as PDF files: one to a chosen file, or every signed record to a folder.

Used by the command line and by the window's export worker alike (no Qt here).
Records are read with sqlite3 alone (storage.record_rows), because a short
`rmp-desktop export` process would otherwise spend as long importing SQLAlchemy
as drawing the PDF. Every export is recorded in the store (the SHA-256 of the
bytes and whether the copy is final) and in the audit log, so a file can later
be recognised by `verify`. Files are written through `export.destination`: never
over the store or its backups, never over a file that is not one of our PDFs, over
an earlier PDF only when told, and moved into place only once the store has
recorded the export, so a half-written PDF never carries a name.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from rmp_desktop.domain.conversation import Kind
from rmp_desktop.domain.record import Record, short_uid
from rmp_desktop.domain.text_safety import clean
from rmp_desktop.export.destination import (
    PDF_RECORD,
    AlreadyExists,
    DestinationRefused,
    Protected,
    prepare_folder,
    replacing,
)
from rmp_desktop.export.pdf_seal import Anchor
from rmp_desktop.export.record_pdf import FINAL_STATUSES, render_stored
from rmp_desktop.export.record_pdf import (
    ExportRefused as ExportRefused,  # its callers import it here
)
from rmp_desktop.paths import STORE_FILENAME, resolve
from rmp_desktop.storage.packs_for_record import packs_for_refs
from rmp_desktop.storage.record_rows import RecordRows
from rmp_desktop.store_location import StoreLocation

if TYPE_CHECKING:  # the type only: pyHanko loads when a final copy is signed, not before
    from rmp_desktop.export.signing_key import SigningIdentity

log = logging.getLogger(__name__)

@dataclass(frozen=True)
class Exported:
    conversation_id: int
    uid: str
    path: Path
    sha256: str
    final: bool
    size: int
    written: bool = True  # False: the file already held exactly these bytes


@dataclass
class BatchResult:
    exported: list[Exported] = field(default_factory=list)  # written now
    unchanged: list[Exported] = field(default_factory=list)  # the file already held this copy
    # An earlier, different PDF of the record is there: replaced only when told (--overwrite).
    existing: list[tuple[int, str, Path]] = field(default_factory=list)  # (id, uid, path)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (record uid, plain message)
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not self.failed and not self.existing and not self.cancelled


class _HasLocation(Protocol):
    @property
    def location(self) -> StoreLocation: ...


# What the records are read from: an open reader, a Store (read with sqlite3 or psycopg
# alone, wherever it is), or the store's location, path or address.
Source = RecordRows | _HasLocation | StoreLocation | str | os.PathLike[str]


def open_rows(source: Source) -> tuple[RecordRows, bool]:
    """A reader for `source` and whether we opened it (and so must close it)."""
    if isinstance(source, RecordRows):
        return source, False
    if isinstance(source, StoreLocation | str | os.PathLike):
        return RecordRows(source), True  # a location, a store file's path, or an address
    return RecordRows(source.location), True


def render(source: Source, conversation_id: int, *, final: bool) -> tuple[bytes, Record]:
    """The PDF bytes of a stored record, drawn with the content packs it was made with."""
    rows, opened = open_rows(source)
    try:
        return render_stored(rows, conversation_id, final)
    finally:
        if opened:
            rows.close()


def printable(source: Source, conversation_id: int, *, plan_only: bool = False) -> bytes:
    """What File > Print sends to the printer: the record as its PDF draws it (final once
    signed, watermarked DRAFT before), or its plan alone. The same drawing as an export;
    nothing is written or logged, since nothing leaves the application as a file."""
    from rmp_desktop.export.printouts import render_plan

    rows, opened = open_rows(source)
    try:
        if plan_only:
            record = rows.record(conversation_id)
            packs = packs_for_refs(record.pack_refs, rows.pack_snapshot).packs
            return render_plan(record, packs)
        final = rows.conversation(conversation_id)["status"] in FINAL_STATUSES
        return render_stored(rows, conversation_id, final)[0]
    finally:
        if opened:
            rows.close()


def export_record(source: Source, conversation_id: int, out_path: str | os.PathLike[str], *,
                  final: bool | None = None, overwrite: bool = False,
                  signing: SigningIdentity | None = None) -> Exported:
    """Write one record to `out_path`; final when it is signed, unless asked otherwise.

    A final copy is also signed as a PDF with `signing` (a SigningIdentity), by default
    this installation's key kept beside the store. Raises destination.AlreadyExists when an
    earlier, different PDF record is there and `overwrite` is False, DestinationRefused for
    any place or file that must not be written."""
    out = Path(out_path)
    rows, opened = open_rows(source)
    try:
        return _export(rows, conversation_id, final, lambda _record: out, overwrite, signing)
    finally:
        if opened:
            rows.close()


def export_all_signed(source: Source, out_dir: str | os.PathLike[str], *,
                      progress: Callable[[int, int], None] | None = None,
                      should_stop: Callable[[], bool] | None = None,
                      ids: list[int] | None = None, overwrite: bool = False,
                      signing: SigningIdentity | None = None,
                      workers: int | None = None) -> BatchResult:
    """Every signed record (or those in `ids`) into `out_dir`; one failure does not stop the rest.

    A file already holding the same bytes is left as it is (`unchanged`); an earlier,
    different PDF of the record under the same name is replaced only with `overwrite`,
    otherwise listed in `existing` for the caller to ask about. `progress(done, total)`
    after each record and `should_stop()` before each, for a worker thread that shows a
    progress bar and a cancel button.

    A batch of more than a few records is drawn and signed by `workers` processes (by default
    one per core; export.batch_workers), each with its own connection and this installation's
    key; this process writes the files and logs each export, in order, one at a time. Every
    copy of a batch carries the audit log's head as it was when the batch began. With
    `signing` given (a key only this process holds), or `workers=1`, it all happens here."""
    rows, opened = open_rows(source)
    try:
        folder = prepare_folder(out_dir, protect=Protected.for_store(_store_file(rows)))
        todo = rows.signed_ids() if ids is None else list(ids)
        result = BatchResult()

        def target(record: Record) -> Path:
            return folder / file_name(record.person.listed_name, record.kind, record.held_on,
                                      record.version, record.uid)

        if workers is None:
            workers = min(os.cpu_count() or 1, len(todo) // _PER_WORKER)
        if signing is None and workers > 1:
            from rmp_desktop.export.batch_workers import made_in_parallel

            made = made_in_parallel(rows.location, _own_folder(rows), todo, workers,
                                    Anchor(*rows.audit_head()))
        else:
            made = _made_here(rows, todo, signing)
        for done, (cid, making) in enumerate(made):
            if should_stop is not None and should_stop():
                result.cancelled = True
                made.close()  # stops the workers; nothing more is drawn
                break
            try:
                content, record, data = making()
                done_one = _place(rows, cid, record, content, data, True, target(record),
                                  overwrite)
                (result.exported if done_one.written else result.unchanged).append(done_one)
            except AlreadyExists as exists:
                result.existing.append((cid, _uid_of(rows, cid), exists.path))
            except Exception as exc:  # one bad record must not stop a team's export
                uid = _uid_of(rows, cid)
                log.exception("export of record %s failed", uid)
                result.failed.append((uid, _plain_error(exc)))
            if progress is not None:
                progress(done + 1, len(todo))
        return result
    finally:
        if opened:
            rows.close()


# Fewer records than this per process and starting the processes costs more than it saves.
_PER_WORKER = 4

Made = tuple[bytes, Record, bytes]  # what was drawn, its record, the sealed file


def _made_here(rows: RecordRows, todo: list[int], signing: SigningIdentity | None,
               ) -> Generator[tuple[int, Callable[[], Made]], None, None]:
    """Each record drawn and sealed in this process, when asked for (one at a time)."""
    from rmp_desktop.export.pdf_seal import Anchor, seal

    keys: list[SigningIdentity] = [signing] if signing is not None else []

    def make(cid: int) -> Made:
        content, record = render_stored(rows, cid, True)
        if not keys:  # one key for the whole batch, found when first needed
            keys.append(_default_signing(rows))
        return content, record, seal(content, Anchor(*rows.audit_head()), keys[0])

    for cid in todo:
        yield cid, partial(make, cid)


def _export(rows: RecordRows, conversation_id: int, final: bool | None,
            target: Callable[[Record], Path], overwrite: bool,
            signing: SigningIdentity | None = None) -> Exported:
    from rmp_desktop.export.pdf_seal import Anchor, seal

    if final is None:
        final = rows.conversation(conversation_id)["status"] in FINAL_STATUSES
    content, record = render_stored(rows, conversation_id, final)
    # The log's head now, carried in the file where the custodian of the store cannot reach
    # it; a final copy is signed as a PDF too. The drawn content stays as it always was.
    if final and signing is None:
        signing = _default_signing(rows)
    data = seal(content, Anchor(*rows.audit_head()), signing if final else None)
    return _place(rows, conversation_id, record, content, data, final, target(record), overwrite)


def _place(rows: RecordRows, conversation_id: int, record: Record, content: bytes, data: bytes,
           final: bool, out: Path, overwrite: bool) -> Exported:
    """Write a made copy under its name, once the store has logged it."""
    digest = hashlib.sha256(data).hexdigest()
    protect = Protected.for_store(_store_file(rows))
    try:
        with replacing(out, PDF_RECORD, protect=protect, overwrite=overwrite) as handle:
            handle.write(data)
            rows.log_export(conversation_id, digest, final)  # recorded before it has a name
    except AlreadyExists:
        if not _same_export(out, content, final):
            raise
        log.info("record %s already exported there, unchanged", record.uid)
        return Exported(conversation_id, record.uid, out, digest, final, len(data), written=False)
    log.info("exported record %s (final=%s)", record.uid, final)
    return Exported(conversation_id, record.uid, out, digest, final, len(data))


def _default_signing(rows: RecordRows) -> SigningIdentity:
    """This installation's key (or the organisation's, if its password is in the keyring),
    kept in the data folder beside the store."""
    from rmp_desktop.export.signing_key import identity_for

    return identity_for(_own_folder(rows))


def _own_folder(rows: RecordRows) -> Path:
    """This installation's data folder: beside a store file, or the one the organisation's
    store was given with (else the default one)."""
    return rows.folder if rows.folder is not None else resolve().data_dir


def _store_file(rows: RecordRows) -> Path:
    """The store's file, or where it would be in this installation's data folder (whose files
    and backups no exported PDF may replace, whichever database holds the records)."""
    return rows.path if rows.path is not None else _own_folder(rows) / STORE_FILENAME


def _uid_of(rows: RecordRows, conversation_id: int) -> str:
    try:
        return str(rows.conversation(conversation_id)["uid"])
    except Exception:
        return str(conversation_id)


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def file_name(person: str, kind: str, held_on: str, version: int, uid: str) -> str:
    """A readable, unique file name that every file system accepts."""
    label = Kind(kind).label
    stem = f"{person} - {label} - {held_on}"
    if version > 1:
        stem += f" - version {version}"
    return safe_file_name(stem, f" - {short_uid(uid)}.pdf")


def safe_file_name(stem: str, ending: str) -> str:
    """`stem` with what some file system refuses taken out, shortened, then `ending`.
    Hidden characters never reach a file name (a direction override can fake its ending)."""
    stem = " ".join(_UNSAFE.sub(" ", clean(stem)).split()).strip(". ")
    return f"{stem[:150]}{ending}"


def _same_export(path: Path, content: bytes, final: bool) -> bool:
    """Whether the PDF at `path` is an intact export of exactly `content`. Signature and anchor
    differ with every export, so an earlier export is recognised by what it draws, and a final
    one only while its signature still covers the whole file unchanged."""
    from rmp_desktop.export.pdf_seal import content_of, signature_state

    try:
        data = path.read_bytes()
    except OSError:
        return False
    if content_of(data) != content:
        return False
    if not final:  # a draft copy proves nothing, so its drawing is all that matters
        return True
    state = signature_state(data, [])
    return state.intact and state.covers_whole_file


def _plain_error(exc: Exception) -> str:
    from rmp_desktop.export.signing_key import SigningUnavailable

    if isinstance(exc, (ExportRefused, DestinationRefused, LookupError, SigningUnavailable)):
        return str(exc).strip("'\"")
    if isinstance(exc, OSError):
        return f"the file could not be written ({exc.strerror or exc})"
    return f"the PDF could not be made ({type(exc).__name__}); the log has the details"
