"""Reading staff lists as spreadsheets really write them, byte for byte (no store here)."""

from __future__ import annotations

import csv

import pytest

from rmp_desktop.domain.staff import FUNCTIONAL_AREAS
from rmp_desktop.domain.staff_import import parse_staff_bytes, parse_staff_text, read_staff_file

HEADER = ["Name", "Job title", "Band", "Functional area", "Email", "Assignment number",
          "Start date"]
PEOPLE = [
    ["O'Neill, Siobhán", "HR Adviser", "6", "Employee relations", "s.oneill@example.nhs.uk",
     "12345678-2", "04/05/2021"],
    ['Nguyễn Thị "Đào"', "Analyst, workforce", "Band 5", "Workforce intelligence", "",
     "22345678", ""],
    ["Ганна Коваленко", "L&D Officer", "4", "Learning and development", "", "", "2019-09-01"],
]


def excel_quote(cell: str, delimiter: str) -> str:
    """As Excel writes a cell: quoted only when it holds the delimiter, a quote or a line break."""
    if any(c in cell for c in (delimiter, '"', "\n", "\r")):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def excel_bytes(rows, *, delimiter=",", encoding="utf-8", bom=b"", line_end="\r\n") -> bytes:
    text = "".join(delimiter.join(excel_quote(c, delimiter) for c in row) + line_end
                   for row in rows)
    return bom + text.encode(encoding)


def names(parsed) -> list[str]:
    return [row.full_name for row in parsed.rows]


@pytest.mark.parametrize(("kind", "raw", "encoding"), [
    ("Excel Unicode text", lambda rows: excel_bytes(rows, delimiter="\t", encoding="utf-16-le",
                                                     bom=b"\xff\xfe"), "utf-16-le"),
    ("UTF-16 without BOM", lambda rows: excel_bytes(rows, delimiter="\t", encoding="utf-16-le"),
     "utf-16-le"),
    ("UTF-16 big-endian", lambda rows: excel_bytes(rows, encoding="utf-16-be", bom=b"\xfe\xff"),
     "utf-16-be"),
    ("Excel CSV UTF-8", lambda rows: excel_bytes(rows, bom=b"\xef\xbb\xbf"), "utf-8-sig"),
    ("UTF-8 without BOM", lambda rows: excel_bytes(rows), "utf-8"),
    ("semicolons (a comma-decimal locale)", lambda rows: excel_bytes(rows, delimiter=";"), "utf-8"),
    ("CR-only line ends (old Mac)", lambda rows: excel_bytes(rows, line_end="\r"), "utf-8"),
    ("LF line ends", lambda rows: excel_bytes(rows, line_end="\n"), "utf-8"),
])
def test_every_way_a_spreadsheet_saves_reads_the_same_people(kind, raw, encoding):
    parsed = parse_staff_bytes(raw([HEADER, *PEOPLE]))
    assert parsed.ok, (kind, parsed.errors)
    assert parsed.encoding == encoding
    assert names(parsed) == [p[0] for p in PEOPLE]
    first, second, third = parsed.rows
    assert first.values["job_title"] == "HR Adviser" and first.values["start_date"].year == 2021
    assert second.values["job_title"] == "Analyst, workforce" and second.values["band"] == "5"
    assert third.values["functional_area"] == "learning-development"
    assert [r.line for r in parsed.rows] == [2, 3, 4]


def test_windows_1252_from_an_older_program():
    parsed = parse_staff_bytes(excel_bytes([HEADER, ["Chloé Dubois-Mensah", "Administrator",
                                                      "3", "HR policy", "", "", ""]],
                                           encoding="cp1252"))
    assert parsed.ok and parsed.encoding == "windows-1252"
    assert names(parsed) == ["Chloé Dubois-Mensah"]


def test_one_stray_byte_does_not_garble_the_other_names():
    raw = excel_bytes([HEADER, *PEOPLE]).replace(b"L&D Officer", b"L&D Offic\xe9r")
    parsed = parse_staff_bytes(raw)
    assert parsed.encoding == "utf-8"  # not Windows-1252 for the whole file
    assert names(parsed) == ["O'Neill, Siobhán", 'Nguyễn Thị "Đào"']
    [error] = parsed.errors
    assert error.line == 4
    assert error.reason.startswith("the job title holds bytes that cannot be read as UTF-8")
    assert any("line 4 held bytes that are not UTF-8" in note for note in parsed.notes)


def test_a_field_longer_than_csvs_own_limit_is_a_problem_not_a_traceback():
    huge = "x" * 200_000
    parsed = parse_staff_bytes(excel_bytes([HEADER, [huge, "", "5", "HR policy", "", "", ""],
                                            ["Ama Owusu", huge, "5", "HR policy", "", "", ""]]))
    assert [(e.line, e.reason) for e in parsed.errors] == [
        (2, "shorten the name to 200 characters or fewer."),
        (3, "shorten the job title to 200 characters or fewer.")]
    assert csv.field_size_limit() >= 200_000


def test_a_quote_without_its_partner_is_named():
    parsed = parse_staff_text("Name,Band,Functional area\n"
                              '"Ama Owusu,5,HR policy\nKofi Mensah,6,HR policy\n')
    assert parsed.rows == []
    assert any(e.line == 2 and e.reason.startswith("the name runs over several lines: a quote")
               for e in parsed.errors)


def test_commas_inside_quotes_do_not_mislead_the_delimiter():
    text = ('Name;Band;Functional area\n'
            '"Smith, Jane ""JJ""";5;HR policy\n'
            '"Doe, John, Jr";6;Employee relations\n')
    parsed = parse_staff_text(text)
    assert parsed.ok and names(parsed) == ['Smith, Jane "JJ"', "Doe, John, Jr"]


def test_a_missing_quote_around_a_comma_is_caught_not_shifted():
    parsed = parse_staff_text("Name,Band,Functional area,Email\n"
                              "Smith, Jane,5,HR policy,j@example.nhs.uk\n")
    [error] = parsed.errors
    assert "5 cells but the header has 4" in error.reason and "quotes" in error.reason


def test_esr_title_is_mr_or_mrs_not_the_job_title():
    parsed = parse_staff_text("Title,Full Name,Position Title,Band,Functional Area\n"
                              "Mrs,Adaeze Okonkwo,Head of OD,8c,Organisational development\n"
                              "Dr,Wei Zhang,,7,Workforce intelligence\n")
    assert parsed.ok
    assert [r.values.get("job_title") for r in parsed.rows] == ["Head of OD", None]
    assert any("“Title” was not imported" in note for note in parsed.notes)
    only_title = parse_staff_text("Name,Title,Band,Functional area\n"
                                  "Wei Zhang,Mr,7,Workforce intelligence\n")
    assert "job_title" not in only_title.columns and "job_title" not in only_title.rows[0].values


def test_duplicate_headers_are_refused_with_both_named():
    parsed = parse_staff_text("Name,Email,Band,Functional area,E-mail\n"
                              "Wei Zhang,a@example.nhs.uk,7,Workforce intelligence,b@example.nhs.uk\n")
    [error] = parsed.errors
    assert error.line == 1
    assert error.reason.startswith("columns 2 (“Email”) and 5 (“E-mail”) both give the email")
    assert parsed.rows == []


def test_missing_required_columns_are_named():
    parsed = parse_staff_text("Name,Job title\nWei Zhang,Analyst\n")
    [error] = parsed.errors
    assert "no column for: “Band”, “Functional area”" in error.reason


def test_every_problem_of_every_row_is_listed_in_words():
    parsed = parse_staff_text(
        "Name,Band,Functional area,Email,Assignment number,Start date\n"
        "Ama Owusu,12,Payroll,not-an-email,A 1,31/02/2020\n"
        ",5,HR policy,,,\n"
        "Kofi Mensah,6,HR policy,,B-1,2099-01-01\n")
    by_line: dict[int, list[str]] = {}
    for error in parsed.errors:
        by_line.setdefault(error.line, []).append(error.reason)
    assert len(by_line[2]) == 5  # band, area, date, email, assignment number
    area = next(r for r in by_line[2] if "functional area" in r)
    assert all(name in area for name in FUNCTIONAL_AREAS.values())  # all ten, in words
    assert any("2 to 9" not in r and "8a" in r for r in by_line[2] if "band" in r)
    assert by_line[3] == ["there is no name; every row needs the person's name."]
    assert by_line[4] == ["the start date is in the future; write the date they started."]


def test_hidden_characters_in_names_are_refused_never_stored():
    parsed = parse_staff_text("Name,Band,Functional area,Job title\n"
                              "Mina\x1b]0;owned\x07 Karimi,5,HR policy,\n"
                              "Ali\u202etxt.exe,5,HR policy,\n"
                              "Sara Levi,5,HR policy,Lead\u200b\n"
                              "Wei  Zhang\u00a0,5,HR policy,Analyst\n")
    reasons = {e.line: e.reason for e in parsed.errors}
    assert reasons[2].startswith("the name contains a terminal escape code")
    assert reasons[3].startswith("the name contains a hidden text-direction override")
    assert reasons[4].startswith("the job title contains an invisible formatting character")
    assert names(parsed) == ["Wei Zhang"]  # odd spacing is only tidied


def test_the_same_person_twice_in_one_file_is_a_problem():
    parsed = parse_staff_text("Name,Band,Functional area,Assignment number\n"
                              "Ama Owusu,5,HR policy,x-1\n"
                              "Kofi Mensah,5,HR policy,X-1\n"
                              "Wei Zhang,5,HR policy,\n"
                              "wei zhang,5,HR policy,\n")
    assert [(e.line, e.reason.split(";")[0]) for e in parsed.errors] == [
        (3, "the assignment number X-1 is also on line 2"),
        (5, "this is the same person as on line 4 (same name and email, no assignment number)")]


def test_unreadable_files_are_refused_in_words(tmp_path):
    import os

    assert "empty" in parse_staff_text("  \n").errors[0].reason
    fifo = tmp_path / "list.csv"
    os.mkfifo(fifo)
    assert "is not a file that can be read" in read_staff_file(fifo).errors[0].reason
    assert "is not a file" in read_staff_file(tmp_path / "missing.csv").errors[0].reason
    assert "header row but no people" in parse_staff_text("Name,Band,Functional area\n"
                                                          ",,\n").errors[0].reason
