"""CSV the application writes, safe to open in a spreadsheet.

A spreadsheet runs a cell that starts with = + - or @ as a formula (and some treat
a leading tab or carriage return, or the full-width forms of those signs, the
same way), so a name typed as `=HYPERLINK("http://…")` could act when an HR
lead opens a report: OWASP's "CSV injection". Every text cell that could start a
formula gets a leading apostrophe, which spreadsheets show as plain text; real
numbers (int, float, Decimal) are written as numbers, so a negative count stays
a number. Text cells are quoted; hidden control characters are removed.

    write_rows(handle, [("Name", "Count"), ("=1+1", -3)])   # handle opened with newline=""
    data = to_bytes(rows)                                    # UTF-8 with a BOM, CRLF

Write the bytes to a user-named file through `export.destination`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import TextIO

from rmp_desktop.domain.text_safety import strip_hidden

# What starts a formula: = + - @, tab and carriage return, and the full-width = + - @.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")

Cell = str | int | float | Decimal | date | None


def safe_cell(value: Cell) -> str | int | float | Decimal:
    """One cell as it should be written: numbers as they are, text that cannot run."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float, Decimal)):
        return value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    # Tabs and line breaks inside a cell are kept (a note may have several lines);
    # control codes and direction overrides are not.
    text = strip_hidden(str(value))
    if text.lstrip(" ").startswith(FORMULA_STARTS):  # some spreadsheets skip leading spaces
        return "'" + text
    return text


def write_rows(handle: TextIO, rows: Iterable[Sequence[Cell]]) -> None:
    """Rows to an open text handle (opened with newline=""), every cell through `safe_cell`."""
    writer = csv.writer(handle, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])


def to_bytes(rows: Iterable[Sequence[Cell]]) -> bytes:
    """The whole file: UTF-8 with a byte-order mark (so Excel reads accents), CRLF line ends."""
    out = io.StringIO(newline="")
    write_rows(out, rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")
