"""The report as a CSV, one shown figure per row, for a spreadsheet: every breakdown, every
table, written through export.csv_safe (no cell can start a formula). Hidden counts are `*`;
nothing here was not already shown (the figures come suppressed from domain.report_model).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from rmp_desktop.domain.report_model import Report
from rmp_desktop.export.csv_safe import Cell, to_bytes
from rmp_desktop.export.destination import FileKind

HEADER = ("as at", "figures for", "section", "breakdown", "group", "measure", "count",
          "percent", "percent of")


def rows(report: Report) -> Iterator[tuple[Cell, ...]]:
    yield HEADER
    on = report.on.isoformat()
    for table in report.tables:
        breakdown = report.breakdown(table.breakdown)
        by = breakdown.title if breakdown else "Everyone"
        labels = {c.key: c.label for c in table.columns}
        for r, group in enumerate(table.groups):
            for c, column in enumerate(table.columns):
                value = table.counts[r][c]
                share = table.percents[r][c]
                yield (on, report.scope, table.title, by, group, column.label,
                       "*" if value is None else value, "" if share is None else share,
                       labels.get(column.percent_of or "", ""))


def render_csv(report: Report) -> bytes:
    return to_bytes(rows(report))


_HEADER_BYTES = b'\xef\xbb\xbf"as at","figures for","section","breakdown"'


def is_report_csv(path: Path) -> bool:
    """A report CSV this application wrote (its header row, from the first byte)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(_HEADER_BYTES)) == _HEADER_BYTES
    except OSError:
        return False


REPORT_CSV = FileKind("a report CSV made by this application", is_report_csv)
