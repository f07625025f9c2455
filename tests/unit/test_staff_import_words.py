"""A staff list read into rows, with every message and note word for word: each column kept,
each problem of a row, the header's, the file's, and progress on a long list
(tests/unit/test_staff_import.py reads the ways spreadsheets save a file)."""

from __future__ import annotations

import os
from datetime import date

import pytest

from rmp_desktop.domain import staff_import
from rmp_desktop.domain.staff_import import (
    MAX_FILE_BYTES,
    PROGRESS_EVERY,
    RowError,
    parse_staff_bytes,
    parse_staff_text,
    read_staff_file,
)

BANDS = "2, 3, 4, 5, 6, 7, 8a, 8b, 8c, 8d, 9 or VSM"
AREAS = ("HR business partnering, Employee relations, HR policy, Learning and development, "
         "Medical staffing, Recruitment and resourcing, Organisational development, Equality, "
         "diversity and inclusion, Workforce intelligence or Occupational health and wellbeing")
HEAD = "Name,Band,Functional area"


def reasons(text: str) -> list[str]:
    return [str(e) for e in parse_staff_text(text).errors]


def test_every_column_is_kept_as_written_with_band_and_area_made_canonical():
    parsed = parse_staff_text(
        "Full name,Known as,Role,Pay band,Area,E-mail,Assignment no,Date started,Division\n"
        "  Siobhán   O'Neill ,Shiv,HR  Adviser,Band 6,ER,s@trust.nhs.uk,12345678-2,04/05/2021,"
        "Corporate\n"
        "Wei Zhang,,,8A,hr policy,,,,\n")
    assert parsed.ok and parsed.notes == []
    assert parsed.columns == ("full_name", "preferred_name", "job_title", "band",
                              "functional_area", "email", "assignment_number", "start_date",
                              "directorate")
    first, second = parsed.rows
    assert (first.line, first.full_name) == (2, "Siobhán O'Neill")
    assert first.values == {
        "band": "6", "functional_area": "employee-relations", "start_date": date(2021, 5, 4),
        "preferred_name": "Shiv", "job_title": "HR Adviser", "email": "s@trust.nhs.uk",
        "assignment_number": "12345678-2", "directorate": "Corporate"}
    assert (second.line, second.values) == (3, {"band": "8a", "functional_area": "hr-policy"})


@pytest.mark.parametrize(("cells", "problems"), [
    ("Ama Owusu,,HR policy", [f"there is no band; write one of {BANDS}."]),
    ("Ama Owusu,12,HR policy", [f"the band “12” is not one the application knows; write one of "
                                f"{BANDS}."]),
    ("Ama Owusu,5,", [f"there is no functional area; write one of {AREAS}."]),
    ("Ama Owusu,5,Payroll", [f"the functional area “Payroll” is not one of the ten; write one of "
                             f"{AREAS}."]),
    (",,", None),  # an empty row is skipped, not a problem
    (" ,12, ", ["there is no name; every row needs the person's name.",
                f"the band “12” is not one the application knows; write one of {BANDS}.",
                f"there is no functional area; write one of {AREAS}."]),
])
def test_each_problem_of_a_row_in_full(cells, problems):
    parsed = parse_staff_text(f"{HEAD}\n{cells}\nKofi Mensah,5,HR policy\n")
    assert [e.reason for e in parsed.errors] == (problems or [])
    assert all(e.line == 2 for e in parsed.errors)
    assert [r.full_name for r in parsed.rows] == ["Kofi Mensah"]


def test_a_start_date_problem_quotes_the_date():
    assert reasons(f"{HEAD},Start date\nAma Owusu,5,HR policy,next week\n") == [
        "line 2: start date “next week” is not a date this application can read; write it day "
        "first, for example 31 Mar 2027 or 31/03/2027."]


def test_a_detail_that_fails_its_check_is_named_without_repeating_the_missing_name():
    assert reasons(f"{HEAD},Email,Assignment number,Directorate\n"
                   f",5,HR policy,not-an-email,A 1,{'D' * 101}\n") == [
        "line 2: there is no name; every row needs the person's name.",
        "line 2: enter an email address like name@trust.nhs.uk, or leave it empty.",
        "line 2: use letters, digits and dashes only (up to 20), or leave it empty.",
        "line 2: shorten the directorate to 100 characters or fewer."]
    assert reasons(f"{HEAD},Known as,Job title\nAma Owusu,5,HR policy,{'P' * 201},{'J' * 201}\n") == [
        "line 2: shorten the job title to 200 characters or fewer.",
        "line 2: shorten the preferred name to 200 characters or fewer."]


def test_a_start_in_the_future_and_hidden_characters_are_said_in_the_lists_words():
    assert reasons(f"{HEAD},Start date\nAma Owusu,5,HR policy,01/01/2150\n") == [
        "line 2: the start date is in the future; write the date they started."]
    assert reasons(f"{HEAD},Known as\nAma Owusu,5,HR policy,A\x1bB\n") == [
        "line 2: the preferred name contains a terminal escape code, which would not show on "
        "screen or paper; type it again without it."]


def test_a_value_over_several_lines_or_unreadable_bytes_says_why():
    assert reasons(f'{HEAD},Job title\nAma Owusu,5,HR policy,"Lead\rnurse"\n') == [
        "line 2: the job title runs over several lines: a quote (\") may be missing its partner, "
        "which joins the lines after it into one value."]
    assert reasons(f"{HEAD},Directorate\nAma Owusu,5,HR policy,Surg\ufffdry\n") == [
        "line 2: the directorate holds bytes that cannot be read as UTF-8, the encoding of the "
        "rest of the file. Type it again in your spreadsheet and save the file as “CSV UTF-8”."]
    windows = parse_staff_text(f"{HEAD},Directorate\nAma Owusu,5,HR policy,Surg\ufffdry\n",
                               encoding_name="Windows-1252")
    assert "cannot be read as Windows-1252, the encoding" in windows.errors[0].reason


@pytest.mark.parametrize(("text", "sign"), [
    ("Name,Band,Functional area,Email\nSmith, Jane,5,HR policy,j@trust.nhs.uk\n", "comma"),
    ("Name;Band;Functional area;Email\nSmith; Jane;5;HR policy;j@trust.nhs.uk\n", "semicolon"),
    ("Name\tBand\tFunctional area\tEmail\nSmith\t Jane\t5\tHR policy\tj@trust.nhs.uk\n", "tab"),
    ("Name|Band|Functional area|Email\nSmith| Jane|5|HR policy|j@trust.nhs.uk\n", "|"),
])
def test_a_row_with_more_cells_than_the_header_names_the_delimiter(text, sign):
    assert reasons(text) == [
        f"line 2: this row has 5 cells but the header has 4: a value with a {sign} in it may be "
        "missing the quotes around it, which moves every value after it into the wrong column."]


def test_empty_cells_past_the_header_and_short_rows_are_fine():
    parsed = parse_staff_text(f"{HEAD},Email\nAma Owusu,5,HR policy,,, \nKofi Mensah,6,HR policy\n")
    assert parsed.ok
    assert [r.values for r in parsed.rows] == [
        {"band": "5", "functional_area": "hr-policy"}, {"band": "6", "functional_area": "hr-policy"}]


def test_the_same_person_twice_is_named_in_full_and_only_the_first_is_kept():
    parsed = parse_staff_text(f"{HEAD},Assignment number,Email\n"
                              "Ama Owusu,5,HR policy,x-1,\n"
                              "Kofi Mensah,5,HR policy, X-1 ,\n"
                              "Wei Zhang,5,HR policy,,w@trust.nhs.uk\n"
                              "wei  zhang,5,HR policy,,W@Trust.nhs.uk\n"
                              "Wei Zhang,5,HR policy,,other@trust.nhs.uk\n"
                              "Wei Zhang,5,HR policy,x-2,w@trust.nhs.uk\n")
    assert [str(e) for e in parsed.errors] == [
        "line 3: the assignment number X-1 is also on line 2; each person belongs on one row.",
        "line 5: this is the same person as on line 4 (same name and email, no assignment "
        "number); each person belongs on one row. If they are two people, add their assignment "
        "numbers."]
    assert [r.line for r in parsed.rows] == [2, 4, 6, 7]


def test_a_header_without_the_required_columns_names_them_as_people_write_them():
    assert reasons("Email,Job title\na@trust.nhs.uk,Adviser\n") == [
        "line 1: the header row has no column for: “Name”, “Band”, “Functional area”. Add it, "
        "or rename the column to that name. (The first row must name the columns.)"]


def test_two_columns_for_one_detail_are_named_by_place_and_heading():
    parsed = parse_staff_text("Name,Band,Functional area,Role,Job title,Grade\n")
    assert [str(e) for e in parsed.errors] == [
        "line 1: columns 4 (“Role”) and 5 (“Job title”) both give the job title, so it is not "
        "clear which to use. Delete or rename one of them and import again.",
        "line 1: columns 2 (“Band”) and 6 (“Grade”) both give the band, so it is not clear which "
        "to use. Delete or rename one of them and import again."]


def test_columns_not_imported_are_listed_up_to_twelve():
    extra = [f"Extra {n}" for n in range(1, 13)]
    parsed = parse_staff_text(f"{HEAD},Title,{','.join(extra)},,Salutation\nAma,5,HR policy\n")
    assert parsed.notes == [
        "The column “Title” was not imported: ESR uses it for Mr, Mrs or Dr. If it holds job "
        "titles, rename it “Job title”.",
        "The column “Salutation” was not imported: ESR uses it for Mr, Mrs or Dr. If it holds "
        "job titles, rename it “Job title”.",
        "Columns not imported (not details the application keeps): "
        + ", ".join(f"“{e}”" for e in extra) + "."]
    thirteen = parse_staff_text(f"{HEAD},{','.join(extra)},Extra 13\nAma,5,HR policy\n")
    assert thirteen.notes == ["Columns not imported (not details the application keeps): "
                              + ", ".join(f"“{e}”" for e in extra) + " and others."]


def test_the_delimiter_is_the_one_that_names_the_columns_not_the_one_that_splits_most():
    parsed = parse_staff_text("Name,Band,Functional area,Notes; a; b; c; d\n"
                              "Ama Owusu,5,HR policy,Keen; on; the; new; role\n")
    assert parsed.ok and [r.full_name for r in parsed.rows] == ["Ama Owusu"]


def test_a_long_or_hidden_heading_is_shown_short_and_harmless():
    forty = "H" * 40
    parsed = parse_staff_text(f"{HEAD},{forty},{forty}I,Odd\x1bname\nAma,5,HR policy\n")
    assert parsed.notes == [f"Columns not imported (not details the application keeps): "
                            f"“{forty}”, “{'H' * 39}…”, “Odd\\x1bname”."]


@pytest.mark.parametrize(("text", "reason"), [
    (" \n\t", "The file is empty. Export the staff list again with a header row and one row per "
              "person."),
    (f"{HEAD}\n,,\n", "The file has a header row but no people."),
])
def test_a_file_with_nobody_in_it_is_refused_as_a_whole(text, reason):
    [error] = parse_staff_text(text).errors
    assert (error.line, str(error)) == (0, reason)


def test_a_problem_with_a_line_names_it():
    assert str(RowError(7, "the band is missing.")) == "line 7: the band is missing."
    assert str(RowError(0, "The file is empty.")) == "The file is empty."


def test_lines_with_unreadable_bytes_are_noted_one_or_many():
    one = parse_staff_bytes(f"{HEAD}\nZoë,5,HR policy\n".encode() + b"W\xe9i,5,HR policy\n")
    assert one.notes == [
        "Read as UTF-8; line 3 held bytes that are not UTF-8. Where those are in a column that "
        "is imported, the line is listed as a problem; save the file again as CSV UTF-8 to be sure."]
    assert one.encoding_name == "UTF-8" and one.encoding == "utf-8"
    rows = "".join(f"Person {n} \xe9,5,HR policy\n" for n in range(11)).encode("cp1252")
    many = parse_staff_bytes(f"{HEAD}\n".encode() + "Zoë,5,HR policy\n".encode() * 40 + rows)
    assert many.notes[0].startswith("Read as UTF-8; lines 42, 43, 44, 45, 46, 47, 48, 49, 50, 51 "
                                    "and others held bytes that are not UTF-8. Where")
    ten = parse_staff_bytes(f"{HEAD}\n".encode() + "Zoë,5,HR policy\n".encode() * 40
                            + rows[:rows.index(b"Person 10")])
    assert ten.notes[0].startswith("Read as UTF-8; lines 42, 43, 44, 45, 46, 47, 48, 49, 50, 51 "
                                   "held bytes")


def test_two_unreadable_lines_are_lines():
    parsed = parse_staff_bytes(f"{HEAD}\nZoë,5,HR policy\nZoë,5,HR policy\n".encode()
                               + b"W\xe9i,5,HR policy\nW\xe9i,5,HR policy\n")
    assert parsed.notes[0].startswith("Read as UTF-8; lines 4, 5 held bytes that are not UTF-8.")


def test_a_value_a_windows_1252_file_cannot_hold_is_named_in_its_encoding():
    parsed = parse_staff_bytes(f"{HEAD},Job title\nWei,5,HR policy,Caf\xe9\n".encode("cp1252")
                               + b"Ama,5,HR policy,Lead\x81\n")
    assert parsed.encoding_name == "Windows-1252"
    assert [str(e) for e in parsed.errors] == [
        "line 3: the job title holds bytes that cannot be read as Windows-1252, the encoding of "
        "the rest of the file. Type it again in your spreadsheet and save the file as “CSV "
        "UTF-8”."]


def test_the_encoding_decides_the_words_of_an_unreadable_value():
    parsed = parse_staff_bytes(f"{HEAD},Directorate\nAma,5,HR policy,Surgery\n".encode()
                               + b"Wei,5,HR policy,Surg\xe9\xe9ry\xe9\n")
    assert parsed.encoding_name == "Windows-1252" and parsed.ok


def test_progress_is_told_every_two_thousand_rows_with_the_files_line_count():
    assert PROGRESS_EVERY == 2000
    rows = "".join(f"Person {n},5,HR policy\n" for n in range(4001))
    told: list[tuple[int, int]] = []
    parsed = parse_staff_text(f"{HEAD}\n{rows}", progress=lambda *args: told.append(args))
    assert len(parsed.rows) == 4001
    assert told == [(2001, 4002), (4001, 4002)]
    told.clear()
    parse_staff_text(f"{HEAD}\r{rows.replace(chr(10), chr(13))}".rstrip("\r"),
                     progress=lambda *args: told.append(args))
    assert told == [(2001, 4002), (4001, 4002)]
    told.clear()
    parse_staff_text(f"{HEAD}\r{rows.replace(chr(10), chr(13))}",
                     progress=lambda *args: told.append(args))
    assert told == [(2001, 4002), (4001, 4002)]  # the last line end starts no line
    parse_staff_text(f"{HEAD}\n{rows}")  # no one to tell


def test_progress_is_told_through_the_bytes_and_the_file_readers(tmp_path):
    rows = "".join(f"Person {n},5,HR policy\n" for n in range(2000))
    told: list[tuple[int, int]] = []
    parse_staff_bytes(f"{HEAD}\n{rows}".encode(), lambda *args: told.append(args))
    (tmp_path / "staff.csv").write_text(f"{HEAD}\n{rows}", "utf-8")
    parsed = read_staff_file(tmp_path / "staff.csv", lambda *args: told.append(args))
    assert told == [(2001, 2001), (2001, 2001)] and len(parsed.rows) == 2000


def test_a_file_of_the_largest_size_allowed_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(staff_import, "MAX_FILE_BYTES", 30)  # not 256 MB of test data
    (tmp_path / "staff.csv").write_bytes(f"{HEAD}\n".encode().ljust(30, b" "))
    assert [str(e) for e in read_staff_file(tmp_path / "staff.csv").errors] == [
        "The file has a header row but no people."]
    (tmp_path / "staff.csv").write_bytes(f"{HEAD}\n".encode().ljust(31, b" "))
    assert "is 0 MB, larger than any staff list" in str(
        read_staff_file(tmp_path / "staff.csv").errors[0])


def test_a_file_that_cannot_be_read_says_what_to_check(tmp_path):
    [error] = read_staff_file(tmp_path).errors
    assert (error.line, error.reason) == (0, f"{tmp_path.name} is not a file that can be read; "
                                             "choose the CSV file your spreadsheet saved.")
    big = tmp_path / "big.csv"
    with big.open("wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is written, the size is what counts
    assert [str(e) for e in read_staff_file(big).errors] == [
        "big.csv is 256 MB, larger than any staff list (the limit is 256 MB); check that it is "
        "the right file."]
    long_name = tmp_path / ("x" * 300 + ".csv")
    assert [str(e) for e in read_staff_file(long_name).errors] == [
        f"{long_name.name} could not be read (File name too long); check that the file is yours "
        "to read and that its drive is connected."]
    assert os.path.exists(tmp_path)
