"""Writing a report where the user says, as a PDF or a CSV by the name's ending, through the
destination rules (never inside the store, never over a file of another kind, never half a
file). The command line and the window both call `write_report`."""

from __future__ import annotations

import hashlib
from pathlib import Path

from rmp_desktop.domain.report_model import Report
from rmp_desktop.export.destination import OUR_FILE, FileKind, Protected, write_bytes
from rmp_desktop.export.report_csv import REPORT_CSV, render_csv

SUFFIXES = (".pdf", ".csv")


class UnknownKind(ValueError):
    """A name that ends in neither .pdf nor .csv; the message says what to do."""


def report_bytes(report: Report, breakdown: str, path: Path | str) -> tuple[bytes, FileKind]:
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return render_csv(report), REPORT_CSV
    if suffix == ".pdf":
        from rmp_desktop.export.report_pdf import render_report

        return render_report(report, breakdown), OUR_FILE
    raise UnknownKind(f"{Path(path).name} ends in neither .pdf nor .csv: name the file "
                      "report.pdf for a document, or report.csv for a spreadsheet. Nothing "
                      "was written.")


def write_report(report: Report, breakdown: str, path: Path | str, *, protect: Protected,
                 overwrite: bool = False) -> tuple[Path, str]:
    """The real path written and the file's SHA-256."""
    data, kind = report_bytes(report, breakdown, path)
    written = write_bytes(path, data, kind, protect=protect, overwrite=overwrite)
    return written, hashlib.sha256(data).hexdigest()
