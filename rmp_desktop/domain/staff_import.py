"""Reading a staff list exported from a spreadsheet or the Electronic Staff Record.

The whole file is read into plain rows before anything touches the store, and
every problem of every row is listed by line number, in words that say what to
do; a file with any problem is refused whole. A column the file does not have,
or an empty cell, means "leave that detail as it is": an import never blanks
what the store holds. What the rows would change is worked out against the store
by `staff_import_plan`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from rmp_desktop.domain.dates import DateError, parse_date
from rmp_desktop.domain.staff import (
    BANDS,
    FUNCTIONAL_AREAS,
    StaffMember,
    fold,
    normalise_area,
    normalise_band,
    validate,
)
from rmp_desktop.domain.table_text import decode_table, read_records
from rmp_desktop.domain.text_safety import for_terminal, tidy_spaces

# Header names people use (compared folded, punctuation and spacing ignored).
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "full_name": ("name", "full name", "employee name", "staff name", "employee full name"),
    "preferred_name": ("preferred name", "known as"),
    # Not "title": ESR's Title column holds Mr, Mrs, Dr.
    "job_title": ("job title", "role", "job role", "position title", "position", "post title"),
    "band": ("band", "afc band", "pay band", "grade", "payband", "agenda for change band"),
    "functional_area": ("functional area", "area", "function", "specialism", "hr area"),
    "email": ("email", "e-mail", "email address", "e-mail address", "work email"),
    "assignment_number": ("assignment number", "assignment no", "assignment", "assignment id"),
    "start_date": ("start date", "date started", "hire date", "latest start date"),
    "directorate": ("directorate", "division", "care group", "organisation unit"),
}
FIELD_WORDS = {"full_name": "name", "preferred_name": "preferred name", "job_title": "job title",
               "band": "band", "functional_area": "functional area", "email": "email address",
               "assignment_number": "assignment number", "start_date": "start date",
               "directorate": "directorate"}
REQUIRED = ("full_name", "band", "functional_area")
HONORIFIC_HEADERS = ("title", "salutation")
MAX_FILE_BYTES = 256 * 1024 * 1024  # a staff list of a million people is under a tenth of this


def _header_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", fold(text)).strip()


_ALIAS_TO_FIELD = {_header_key(alias): name
                   for name, aliases in HEADER_ALIASES.items() for alias in (name, *aliases)}


@dataclass(frozen=True)
class RowError:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}" if self.line else self.reason


@dataclass(frozen=True)
class ImportRow:
    """One person as the file gives them: only the details it has (missing = leave as it is)."""

    line: int
    full_name: str
    values: dict[str, object]  # field -> str, or date for start_date; band and area canonical


@dataclass
class ParsedStaffList:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # worth knowing, not a reason to refuse
    columns: tuple[str, ...] = ()  # the fields the file has, in our order
    encoding: str = "utf-8"
    encoding_name: str = "UTF-8"

    @property
    def ok(self) -> bool:
        return not self.errors


Progress = Callable[[int, int], object]  # (lines read, lines in the file)
PROGRESS_EVERY = 2000  # rows between progress reports


def read_staff_file(path: Path | str, progress: Progress | None = None) -> ParsedStaffList:
    """Read and check a staff list file; problems come back as errors, never as exceptions
    (except what `progress` raises, which is how a caller stops a long read)."""
    path = Path(path)
    try:
        if not path.is_file():
            return _refused(f"{path.name} is not a file that can be read; choose the CSV file "
                            "your spreadsheet saved.")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return _refused(f"{path.name} is {size // (1024 * 1024)} MB, larger than any staff "
                            "list (the limit is 256 MB); check that it is the right file.")
        raw = path.read_bytes()
    except OSError as exc:
        return _refused(f"{path.name} could not be read ({exc.strerror}); check that the file "
                        "is yours to read and that its drive is connected.")
    return parse_staff_bytes(raw, progress)


def parse_staff_bytes(raw: bytes, progress: Progress | None = None) -> ParsedStaffList:
    decoded = decode_table(raw)
    parsed = parse_staff_text(decoded.text, encoding_name=decoded.encoding_name,
                              progress=progress)
    parsed.encoding, parsed.encoding_name = decoded.encoding, decoded.encoding_name
    if decoded.unreadable_lines:
        lines = ", ".join(str(n) for n in decoded.unreadable_lines[:10])
        more = "" if len(decoded.unreadable_lines) <= 10 else " and others"
        parsed.notes.append(f"Read as {decoded.encoding_name}; line{'s' if len(decoded.unreadable_lines) > 1 else ''} "
                            f"{lines}{more} held bytes that are not {decoded.encoding_name}. Where "
                            "those are in a column that is imported, the line is listed as a "
                            "problem; save the file again as CSV UTF-8 to be sure.")
    return parsed


def parse_staff_text(text: str, *, encoding_name: str = "UTF-8",
                     progress: Progress | None = None) -> ParsedStaffList:
    parsed = ParsedStaffList()
    if not text.strip():
        parsed.errors.append(RowError(0, "The file is empty. Export the staff list again with "
                                         "a header row and one row per person."))
        return parsed
    delimiter, records = read_records(text, lambda cells: len(_recognised(cells)))
    header = next(records)
    columns = _map_header(header.cells, header.line, parsed)
    if parsed.errors:
        return parsed
    parsed.columns = tuple(f for f in HEADER_ALIASES if f in columns)
    width = len(header.cells)
    first_seen: dict[tuple[str, str], int] = {}  # (kind, key) -> line, for duplicates
    lines = max(text.count("\n"), text.count("\r")) + (0 if text.endswith(("\n", "\r")) else 1)
    for count, record in enumerate(records, 1):
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(record.line, lines)
        if not any(cell.strip() for cell in record.cells):
            continue
        row, problems = _row(record.line, record.cells, columns, width, delimiter,
                             encoding_name)
        if row is not None and not problems:
            problems = _duplicate(row, first_seen)
        parsed.errors += [RowError(record.line, p) for p in problems]
        if row is not None and not problems:
            parsed.rows.append(row)
    if not parsed.rows and not parsed.errors:
        parsed.errors.append(RowError(0, "The file has a header row but no people."))
    return parsed


def _refused(reason: str) -> ParsedStaffList:
    return ParsedStaffList(errors=[RowError(0, reason)])


# -- the header --------------------------------------------------------------------------------


def _recognised(cells: list[str]) -> list[str]:
    return [f for c in cells if (f := _ALIAS_TO_FIELD.get(_header_key(c)))]


def _map_header(cells: list[str], line: int, parsed: ParsedStaffList) -> dict[str, int]:
    columns: dict[str, int] = {}
    unused: list[str] = []
    for index, cell in enumerate(cells):
        key = _header_key(cell)
        name = _ALIAS_TO_FIELD.get(key)
        if name is None:
            if key in HONORIFIC_HEADERS:
                parsed.notes.append(f"The column “{_shown(cell)}” was not imported: ESR uses it for "
                                    "Mr, Mrs or Dr. If it holds job titles, rename it “Job title”.")
            elif key:
                unused.append(_shown(cell))
            continue
        if name in columns:
            first = columns[name]
            parsed.errors.append(RowError(line, (
                f"columns {first + 1} (“{_shown(cells[first])}”) and {index + 1} "
                f"(“{_shown(cell)}”) both give the {FIELD_WORDS[name]}, so it is not clear which "
                "to use. Delete or rename one of them and import again.")))
            continue
        columns[name] = index
    missing = [f for f in REQUIRED if f not in columns]
    if missing:
        names = ", ".join(f"“{HEADER_ALIASES[f][0].capitalize()}”" for f in missing)
        parsed.errors.append(RowError(line, (
            f"the header row has no column for: {names}. Add it, or rename the column to that "
            "name. (The first row must name the columns.)")))
    if unused:
        parsed.notes.append("Columns not imported (not details the application keeps): "
                            + ", ".join(f"“{u}”" for u in unused[:12])
                            + (" and others." if len(unused) > 12 else "."))
    return columns


# -- one row -----------------------------------------------------------------------------------


def _row(line: int, cells: list[str], columns: dict[str, int], width: int, delimiter: str,
         encoding_name: str) -> tuple[ImportRow | None, list[str]]:
    if len(cells) > width and any(c.strip() for c in cells[width:]):
        # Every value after the stray delimiter is in the wrong column: checking them would
        # only list the consequences.
        sign = {"\t": "tab", ",": "comma", ";": "semicolon"}.get(delimiter, delimiter)
        return None, [f"this row has {len(cells)} cells but the header has {width}: a value "
                      f"with a {sign} in it may be missing the quotes around it, which moves "
                      "every value after it into the wrong column."]
    problems: list[str] = []
    raw = {name: (cells[i] if i < len(cells) else "") for name, i in columns.items()}
    text = {name: tidy_spaces(value) for name, value in raw.items()}
    values: dict[str, object] = {}

    name = text.get("full_name", "")
    if not name:
        problems.append("there is no name; every row needs the person's name.")
    band = text.get("band", "")
    if not band:
        problems.append(f"there is no band; write one of {_bands()}.")
    elif (canonical := _band(band)) is None:
        problems.append(f"the band “{_shown(band)}” is not one the application knows; write "
                        f"one of {_bands()}.")
    else:
        values["band"] = canonical
    area = text.get("functional_area", "")
    if not area:
        problems.append(f"there is no functional area; write one of {_areas()}.")
    elif (area_id := _area(area)) is None:
        problems.append(f"the functional area “{_shown(area)}” is not one of the ten; write one "
                        f"of {_areas()}.")
    else:
        values["functional_area"] = area_id
    started = text.get("start_date", "")
    if started:
        parsed_date = _date(started)
        if isinstance(parsed_date, str):
            joiner = " " if parsed_date.startswith("“") else ": "
            problems.append(f"start date{joiner}{parsed_date}")
        else:
            values["start_date"] = parsed_date
    for key in ("preferred_name", "job_title", "email", "assignment_number", "directorate"):
        if text.get(key):
            values[key] = text[key]

    start = values.get("start_date")
    member = StaffMember(full_name=name or "-", band=str(values.get("band", "5")),
                         functional_area=str(values.get("functional_area", "hr-policy")),
                         preferred_name=text.get("preferred_name", ""),
                         job_title=text.get("job_title", ""), email=text.get("email", ""),
                         assignment_number=text.get("assignment_number", ""),
                         directorate=text.get("directorate", ""),
                         start_date=start if isinstance(start, date) else None)
    for key, message in validate(member).messages.items():
        if key == "full_name" and not name:
            continue  # already said
        if "\n" in raw.get(key, "") or "\r" in raw.get(key, ""):
            message = (f"the {FIELD_WORDS[key]} runs over several lines: a quote (\") may be "
                       "missing its partner, which joins the lines after it into one value.")
        elif "\ufffd" in raw.get(key, ""):
            message = (f"the {FIELD_WORDS[key]} holds bytes that cannot be read as "
                       f"{encoding_name}, the encoding of the rest of the file. Type it again in "
                       "your spreadsheet and save the file as “CSV UTF-8”.")
        problems.append(_lower_first(message) if key != "start_date" else
                        "the start date is in the future; write the date they started.")
    if problems:
        return None, problems
    return ImportRow(line, name, values), []


def _duplicate(row: ImportRow, first_seen: dict[tuple[str, str], int]) -> list[str]:
    number = str(row.values.get("assignment_number", ""))
    if number:
        key = ("number", assignment_key(number))
        if key in first_seen:
            return [f"the assignment number {_shown(number)} is also on line {first_seen[key]}; "
                    "each person belongs on one row."]
        first_seen[key] = row.line
        return []
    key = ("person", f"{name_key(row.full_name)}\x00{fold(str(row.values.get('email', '')))}")
    if key in first_seen:
        return [f"this is the same person as on line {first_seen[key]} (same name and email, "
                "no assignment number); each person belongs on one row. If they are two people, "
                "add their assignment numbers."]
    first_seen[key] = row.line
    return []


# -- values ------------------------------------------------------------------------------------


def name_key(name: str) -> str:
    """How names are compared: case, accents and spacing ignored."""
    return " ".join(fold(name).split())


def assignment_key(number: str) -> str:
    """How assignment numbers are compared: without regard to case or surrounding spaces."""
    return number.strip().casefold()


@lru_cache(maxsize=4096)
def _band(text: str) -> str | None:
    return normalise_band(text)


@lru_cache(maxsize=4096)
def _area(text: str) -> str | None:
    return normalise_area(text)


@lru_cache(maxsize=65536)
def _date(text: str) -> date | str:
    """The date, or why it is not one (dates repeat in a staff list: each is read once)."""
    try:
        return parse_date(text)
    except DateError as exc:
        return str(exc)


def _bands() -> str:
    return ", ".join(BANDS[:-1]) + " or " + BANDS[-1]


def _areas() -> str:
    names = list(FUNCTIONAL_AREAS.values())
    return ", ".join(names[:-1]) + " or " + names[-1]


def _shown(value: str, limit: int = 40) -> str:
    """A value quoted in a message: short, and with hidden characters visible."""
    value = for_terminal(value)
    return value if len(value) <= limit else value[:limit - 1] + "…"


def _lower_first(message: str) -> str:
    return message[:1].lower() + message[1:]
