"""A table file's bytes as text: which encoding is chosen at each edge of the rules, which lines
held unreadable bytes, and how records and the delimiter are read (the staff list's own tests
read whole files as spreadsheets save them)."""

from __future__ import annotations

import codecs
import csv

import pytest

from rmp_desktop.domain.table_text import DecodedTable, decode_table, read_records


def cells(text: str, delimiter: str = ",") -> list[list[str]]:
    chosen, records = read_records(text, lambda header: 0)
    assert chosen == delimiter
    return [r.cells for r in records]


# -- the encoding -------------------------------------------------------------------------------


@pytest.mark.parametrize(("bom", "encoding", "name"), [
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8 with a byte-order mark"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 (Excel's Unicode text)"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
])
def test_a_byte_order_mark_decides_the_encoding(bom, encoding, name):
    decoded = decode_table(bom + "Name\r\nZoë\r\n".encode(encoding))
    assert decoded == DecodedTable("Name\r\nZoë\r\n", "utf-8-sig" if encoding == "utf-8" else
                                   encoding)
    assert decoded.encoding_name == name


@pytest.mark.parametrize(("bom", "encoding", "broken"), [
    (codecs.BOM_UTF8, "utf-8", b"\xff"),
    (codecs.BOM_UTF16_LE, "utf-16-le", b"\x00\xd8"),  # half a surrogate pair
    (codecs.BOM_UTF32_LE, "utf-32-le", b"\xff\xff\xff\xff"),
])
def test_bytes_a_marked_encoding_cannot_read_are_replaced_and_their_lines_named(bom, encoding,
                                                                                broken):
    raw = bom + "Name\nAma\nW".encode(encoding) + broken + "i\n".encode(encoding)
    decoded = decode_table(raw)
    assert decoded.unreadable_lines == (3,)
    assert decoded.text.startswith("Name\nAma\nW\ufffd")


def utf16(text: str, order: str) -> bytes:
    return text.encode(f"utf-16-{order}")


@pytest.mark.parametrize("order", ["le", "be"])
def test_utf16_without_a_mark_is_known_by_its_zero_bytes(order):
    assert decode_table(utf16("Name,Band\nAma,5\n", order)).encoding == f"utf-16-{order}"
    assert decode_table(utf16("Na", order)).encoding == f"utf-16-{order}"  # four bytes will do


def test_utf16_without_a_mark_and_an_odd_last_byte_names_the_line():
    decoded = decode_table(utf16("Name\rAma", "le") + b"\x41")
    assert decoded.encoding == "utf-16-le"
    assert decoded.text == "Name\rAma\ufffd" and decoded.unreadable_lines == (2,)


@pytest.mark.parametrize(("raw", "encoding"), [
    (b"a\x00", "utf-8"),  # too short to tell
    (b"", "utf-8"),
    (b"Name,Band\nAma\x00,5\n", "utf-8"),  # one stray NUL is not UTF-16
    (b"Name,Band\nAm\x00a,5\n", "utf-8"),
])
def test_a_few_zero_bytes_do_not_make_a_file_utf16(raw, encoding):
    assert decode_table(raw).encoding == encoding


# Ten pairs of bytes: how many zeros sit in the odd and the even places decides.
@pytest.mark.parametrize(("raw", "encoding"), [
    (b"a\x00" * 4 + b"ab" * 6, "utf-16-le"),  # 4 of 10 odd places: 40% is enough
    (b"a\x00" * 3 + b"ab" * 7, "utf-8"),  # 30% is not
    (b"a\x00" * 9 + b"\x00a", "utf-8"),  # a zero in 1 of 10 even places is one too many
    (b"\x00a" * 4 + b"ab" * 6, "utf-16-be"),
    (b"\x00a" * 3 + b"ab" * 7, "utf-8"),
    (b"\x00a" * 9 + b"a\x00", "utf-8"),
    (b"\x00\x00" * 5 + b"ab" * 5, "utf-8"),  # zeros everywhere: neither
    (b"a\x00" * 4 + b"ab" * 6 + b"a", "utf-16-le"),  # 21 bytes are still ten pairs
])
def test_the_share_of_zero_bytes_in_odd_and_even_places(raw, encoding):
    assert decode_table(raw).encoding == encoding


def test_zero_bytes_are_counted_in_the_first_four_kilobytes_only():
    # 204 of the first 2,048 characters have a zero low byte (U+0100), under one in ten.
    text = "Ā" * 204 + "a" * (2048 - 204)
    assert decode_table((text + "Ā" * 100).encode("utf-16-le")).encoding == "utf-16-le"
    assert decode_table(("Ā" * 205 + "a" * 2000).encode("utf-16-le")).encoding != "utf-16-le"


def test_only_zero_bytes_count_as_zeros():
    assert decode_table(("aā" * 20).encode("utf-16-le")).encoding == "utf-16-le"


def test_a_file_of_mostly_good_utf8_stays_utf8_with_its_stray_bytes_named():
    # One accented letter (two good bytes) against two stray bytes: still UTF-8.
    assert decode_table("Zoë\n".encode() + b"\xe9\xe9\n").encoding == "utf-8"
    # Against three, the file was written in Windows-1252.
    decoded = decode_table("Zoë\n".encode() + b"\xe9\xe9\xe9\n")
    assert decoded.encoding == "windows-1252" and decoded.text == "ZoÃ«\néé\u00e9\n"


def test_windows_1252_bytes_it_does_not_define_are_replaced_and_named():
    decoded = decode_table(b"Name\nCaf\xe9\n\x81bad\n")
    assert decoded == DecodedTable("Name\nCafé\n\ufffdbad\n", "windows-1252", (3,))
    assert decoded.encoding_name == "Windows-1252"


def test_unreadable_lines_are_counted_with_every_kind_of_line_end():
    decoded = decode_table("Zoë\rAma\r\nW".encode() + b"\xff\xfe" + "ë\ri\n".encode())
    assert decoded.encoding == "utf-8" and decoded.unreadable_lines == (3,)


def test_an_encoding_without_words_is_named_by_itself():
    assert DecodedTable("", "koi8-r").encoding_name == "koi8-r"


# -- records and the delimiter ------------------------------------------------------------------


def test_an_empty_text_has_the_comma_and_no_records():
    delimiter, records = read_records("", lambda header: 0)
    assert delimiter == "," and list(records) == []


def test_a_tie_goes_to_the_delimiter_listed_first():
    assert read_records("Name\nAma\n", lambda header: 1)[0] == ","


def test_with_no_column_recognised_the_delimiter_that_splits_most_wins():
    assert cells("a;b;c\n1;2;3\n", ";") == [["a", "b", "c"], ["1", "2", "3"]]


def test_a_field_keeps_its_spaces_and_its_line_breaks_as_written():
    assert cells('a, b\n"x\r\ny", z\n') == [["a", " b"], ["x\r\ny", " z"]]


def test_each_record_knows_the_line_it_starts_on():
    _, records = read_records('Name\n"Ama\nOwusu"\rWei\r\nKofi', lambda header: 0)
    assert [(r.line, r.cells) for r in records] == [
        (1, ["Name"]), (2, ["Ama\nOwusu"]), (4, ["Wei"]), (5, ["Kofi"])]


def test_a_field_may_be_as_long_as_the_file():
    before = csv.field_size_limit()
    try:
        csv.field_size_limit(131_072)  # csv's own default, whatever an earlier read set
        text = "x" * 200_000
        assert [len(c) for c in cells(text)[0]] == [200_000]
    finally:
        csv.field_size_limit(max(before, csv.field_size_limit()))
