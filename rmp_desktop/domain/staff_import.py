"""Reading a staff list exported from a spreadsheet or the Electronic Staff Record.

Every row is checked before anything is imported, so a file is taken whole or
not at all, and each bad row is reported by its line number with the fix.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rmp_desktop.domain.dates import DateError, parse_date
from rmp_desktop.domain.staff import StaffMember, fold, normalise_area, normalise_band, validate

# Header names people use, folded, mapped to our fields.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "full_name": ("name", "full name", "employee name", "staff name", "full_name"),
    "preferred_name": ("preferred name", "known as", "preferred_name"),
    "job_title": ("job title", "title", "role", "position title", "job_title"),
    "band": ("band", "afc band", "pay band", "grade", "payband"),
    "functional_area": ("functional area", "area", "function", "specialism", "functional_area"),
    "email": ("email", "e-mail", "email address", "work email"),
    "assignment_number": ("assignment number", "assignment no", "assignment", "assignment_number"),
    "start_date": ("start date", "date started", "hire date", "start_date"),
}
REQUIRED_HEADERS = ("full_name", "band", "functional_area")


@dataclass(frozen=True)
class RowError:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}" if self.line else self.reason


@dataclass
class ImportResult:
    members: list[StaffMember] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    encoding: str = "utf-8"

    @property
    def ok(self) -> bool:
        return not self.errors


def decode(raw: bytes) -> tuple[str, str]:
    """UTF-8 (with or without a byte-order mark), else Windows-1252, as spreadsheets write."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "utf-8-sig"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), "windows-1252"


def parse_staff_csv(path: Path | str) -> ImportResult:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        return ImportResult(errors=[RowError(0, f"The file could not be read ({exc.strerror}).")])
    text, encoding = decode(raw)
    result = parse_staff_text(text)
    result.encoding = encoding
    return result


def parse_staff_text(text: str) -> ImportResult:
    result = ImportResult()
    if not text.strip():
        result.errors.append(RowError(0, "The file is empty; export the staff list with a header row."))
        return result
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = next(reader, [])
    columns = _map_header(header)
    missing = [f for f in REQUIRED_HEADERS if f not in columns]
    if missing:
        names = ", ".join(HEADER_ALIASES[f][0] for f in missing)
        result.errors.append(RowError(1, f"The header row has no column for: {names}. "
                                         "Add it, or rename the column to one of these names."))
        return result
    seen_numbers: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        values = {f: (row[i].strip() if i < len(row) else "") for f, i in columns.items()}
        member, reason = _member_from(values)
        if reason:
            result.errors.append(RowError(line, reason))
            continue
        number = member.assignment_number
        if number:
            if number in seen_numbers:
                result.errors.append(RowError(line, f"duplicate assignment number {number} "
                                                    f"(also on line {seen_numbers[number]})."))
                continue
            seen_numbers[number] = line
        result.members.append(member)
    if not result.members and not result.errors:
        result.errors.append(RowError(0, "The file has a header row but no people."))
    return result


def _map_header(header: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        key = re.sub(r"\s+", " ", fold(name).replace("_", " ")).strip()
        for field_name, aliases in HEADER_ALIASES.items():
            if key in {fold(a).replace("_", " ") for a in aliases} and field_name not in columns:
                columns[field_name] = index
    return columns


def _member_from(values: dict[str, str]) -> tuple[StaffMember | None, str]:
    name = values.get("full_name", "")
    if not name:
        return None, "missing name; every row needs the person's name."
    band = normalise_band(values.get("band", ""))
    if band is None:
        return None, f"unknown band {values.get('band', '')!r}; use 2 to 9, 8a to 8d, or VSM."
    area = normalise_area(values.get("functional_area", ""))
    if area is None:
        return None, (f"unknown functional area {values.get('functional_area', '')!r}; "
                      "use one of the ten areas of the career pathway.")
    start: date | None = None
    if values.get("start_date"):
        try:
            start = parse_date(values["start_date"])
        except DateError as exc:
            return None, f"bad date; {exc}"
    member = StaffMember(full_name=name, preferred_name=values.get("preferred_name", ""),
                         job_title=values.get("job_title", ""), band=band, functional_area=area,
                         email=values.get("email", ""), assignment_number=values.get("assignment_number", ""),
                         start_date=start)
    errors = validate(member)
    if errors:
        field_name, message = next(iter(errors.messages.items()))
        return None, f"{field_name.replace('_', ' ')}: {message}"
    return member, ""
