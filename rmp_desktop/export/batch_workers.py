"""Drawing and signing a batch of records on every core: one worker process per core.

Drawing a record (reportlab) and signing it (pyHanko) is pure computation and holds Python's
lock, so threads would take turns; processes do not. Each worker opens its own read-only use
of the store and this installation's key once, then draws and seals the records it is sent.
The process that asked writes every file and logs every export itself, in the order asked,
so the store has one writer and the audit log reads as it always has.

Workers are started with `spawn`, never `fork`: the window runs a batch from a worker thread
of a Qt program, which a forked child must not inherit. At most two records per worker are
in flight, so memory stays flat however long the batch.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Generator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from rmp_desktop.export.pdf_seal import Anchor
from rmp_desktop.store_location import StoreLocation

if TYPE_CHECKING:
    from rmp_desktop.domain.record import Record
    from rmp_desktop.export.signing_key import SigningIdentity
    from rmp_desktop.storage.record_rows import RecordRows

Made = tuple[bytes, "Record", bytes]  # what was drawn, its record, the sealed file

_IN_FLIGHT_PER_WORKER = 2


def made_in_parallel(location: StoreLocation, own_folder: Path, todo: list[int], workers: int,
                     anchor: Anchor) -> Generator[tuple[int, Callable[[], Made]], None, None]:
    """(record id, a call giving what was made or raising why not) for each of `todo`, in
    order; closing the generator stops the workers, and nothing more is drawn."""
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                               initializer=_start, initargs=(location, str(own_folder)))
    pending: deque[tuple[int, Future[Made]]] = deque()
    waiting = iter(todo)
    try:
        for cid in waiting:
            pending.append((cid, pool.submit(_make, cid, anchor)))
            if len(pending) >= workers * _IN_FLIGHT_PER_WORKER:
                break
        while pending:
            cid, future = pending.popleft()
            yield cid, future.result
            following = next(waiting, None)
            if following is not None:
                pending.append((following, pool.submit(_make, following, anchor)))
    finally:
        for _cid, future in pending:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


# -- in each worker process --------------------------------------------------------------------

_rows: RecordRows | None = None
_folder: Path | None = None
_signing: SigningIdentity | None = None


def _start(location: StoreLocation, own_folder: str) -> None:
    global _rows, _folder
    from rmp_desktop.storage.record_rows import RecordRows

    _rows = RecordRows(location)
    _folder = Path(own_folder)


def _make(conversation_id: int, anchor: Anchor) -> Made:
    global _signing
    from rmp_desktop.export.pdf_seal import seal
    from rmp_desktop.export.record_pdf import render_stored
    from rmp_desktop.export.signing_key import identity_for

    assert _rows is not None and _folder is not None, "the worker was not started"
    content, record = render_stored(_rows, conversation_id, True)
    if _signing is None:  # one key per worker, read when first needed
        _signing = identity_for(_folder)
    return content, record, seal(content, anchor, _signing)
