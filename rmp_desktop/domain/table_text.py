"""A table file's bytes as text, whatever a spreadsheet saved: encoding, line ends, delimiter.

Spreadsheets write CSV in many ways: UTF-8 with or without a byte-order mark,
Excel's "Unicode text" (UTF-16 little-endian with a BOM, tab-separated), UTF-16
without a BOM, Windows-1252 from older programs, CR-only line ends from old Macs,
commas or semicolons or tabs. `decode_table` decides the encoding once for the
whole file (never line by line) and says which lines held bytes it could not
read; `read_records` splits the text into records with the delimiter that makes
the most sense of the header, Excel's quoting rules (quotes around a field,
doubled quotes inside), and no limit on a field's length beyond the file's own.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

DELIMITERS = (",", ";", "\t", "|")
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
# A well-formed UTF-8 sequence of two to four bytes (no overlongs, no surrogates).
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}")
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
# Above this csv refuses a field; a C long on Windows is 32 bits, so never sys.maxsize.
_FIELD_LIMIT_CEILING = 2**31 - 1

ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with a byte-order mark",
                  "utf-16-le": "UTF-16 (Excel's Unicode text)", "utf-16-be": "UTF-16",
                  "utf-32-le": "UTF-32", "utf-32-be": "UTF-32", "windows-1252": "Windows-1252"}


@dataclass(frozen=True)
class DecodedTable:
    text: str
    encoding: str  # a key of ENCODING_NAMES
    unreadable_lines: tuple[int, ...] = field(default=())  # 1-based, bytes shown as U+FFFD

    @property
    def encoding_name(self) -> str:
        return ENCODING_NAMES.get(self.encoding, self.encoding)


def decode_table(raw: bytes) -> DecodedTable:
    """The file as text, in the one encoding that reads it best."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            shown = "utf-8-sig" if encoding == "utf-8" else encoding
            return _decoded(raw[len(bom):].decode(encoding, errors="replace"), shown)
    wide = _utf16_without_bom(raw)
    if wide:
        return _decoded(raw.decode(wide, errors="replace"), wide)
    try:
        return DecodedTable(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    # Not clean UTF-8. One stray byte in a UTF-8 file must not turn every accented name into
    # mojibake, so the file stays UTF-8 while most of its non-ASCII bytes read as UTF-8;
    # otherwise it was written by an older program in Windows-1252.
    high = len(_HIGH_BYTE.findall(raw))
    well_formed = sum(len(m) for m in _UTF8_MULTIBYTE.findall(raw))
    if well_formed >= high - well_formed:
        return _decoded(raw.decode("utf-8", errors="replace"), "utf-8")
    return _decoded(raw.decode("cp1252", errors="replace"), "windows-1252")


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 shows itself by NUL bytes in every other place (the header row is ASCII)."""
    sample = raw[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    pairs = len(sample) // 2
    odd_zeros = sample[1::2].count(0)
    even_zeros = sample[0::2].count(0)
    if odd_zeros >= pairs * 0.4 and even_zeros < pairs * 0.1:
        return "utf-16-le"
    if even_zeros >= pairs * 0.4 and odd_zeros < pairs * 0.1:
        return "utf-16-be"
    return None


def _decoded(text: str, encoding: str) -> DecodedTable:
    if "\ufffd" not in text:
        return DecodedTable(text, encoding)
    lines = tuple(i for i, line in enumerate(io.StringIO(text, newline=""), 1) if "\ufffd" in line)
    return DecodedTable(text, encoding, lines)


@dataclass(frozen=True)
class TableRecord:
    line: int  # the line the record starts on, as an editor numbers them
    cells: list[str]


def read_records(text: str, score_header: Callable[[list[str]], int]) -> tuple[str, Iterator[TableRecord]]:
    """The delimiter and the records of `text`, the header first.

    The delimiter is the one whose first record `score_header` rates highest (the
    number of columns it recognises), so commas inside quoted names in later rows
    cannot mislead it; a tie goes to the one that splits the header into more cells."""
    _allow_long_fields(len(text))
    best, best_score = ",", (-1, -1)
    for delimiter in DELIMITERS:
        header = next(_records(text, delimiter), None)
        if header is None:
            break
        score = (score_header(header.cells), len(header.cells))
        if score > best_score:
            best, best_score = delimiter, score
    return best, _records(text, best)


def _records(text: str, delimiter: str) -> Iterator[TableRecord]:
    # newline="" lets csv see \r\n, \n and a lone \r alike, and keeps line breaks in quotes.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"',
                        doublequote=True, skipinitialspace=False, strict=False)
    start = 1
    for cells in reader:
        yield TableRecord(start, cells)
        start = reader.line_num + 1


def _allow_long_fields(length: int) -> None:
    # csv stops at 131,072 characters a field by default; a field can be as long as the file.
    wanted = min(length + 1, _FIELD_LIMIT_CEILING)
    if csv.field_size_limit() < wanted:
        csv.field_size_limit(wanted)
