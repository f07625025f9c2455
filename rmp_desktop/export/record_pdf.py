"""A stored record drawn as a PDF, with the content packs it was made with (no file written).

Apart from record_export.py so that a batch's worker processes (batch_workers.py) draw
records exactly as a single export does, without importing what writes files.
"""

from __future__ import annotations

from rmp_desktop.domain.conversation import Status
from rmp_desktop.domain.record import Record
from rmp_desktop.storage.packs_for_record import packs_for_refs
from rmp_desktop.storage.record_rows import RecordRows

FINAL_STATUSES = (Status.SIGNED.value, Status.SUPERSEDED.value)


class ExportRefused(ValueError):
    """The record cannot be exported as asked; the message says what to do instead."""


def render_stored(rows: RecordRows, conversation_id: int, final: bool) -> tuple[bytes, Record]:
    from rmp_desktop.export.pdf import render_record

    record = rows.record(conversation_id)
    if final and record.status not in FINAL_STATUSES:
        raise ExportRefused("This record is not signed by both yet, so it can only be exported "
                            "as a draft.")
    packs = packs_for_refs(record.pack_refs, rows.pack_snapshot).packs
    # A replaced record says so on paper, page by page, so a printout is never taken for the
    # current one.
    replaced = rows.replaced_by(conversation_id) if record.status == "superseded" else None
    return render_record(record, packs, rows.signatures(conversation_id), final=final,
                         superseded_by=replaced), record
