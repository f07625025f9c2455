"""Hidden characters in text from outside: found, cleaned, or shown harmlessly."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rmp_desktop.domain.text_safety import (
    clean,
    escape_json,
    for_terminal,
    tidy_spaces,
    unsafe_reason,
)

ESC_TITLE = "\x1b]0;owned\x07"  # a terminal escape that retitles the window
RLO = "\u202e"  # right-to-left override: "Ali\u202etxt.exe" shows as "Aliexe.txt"


@pytest.mark.parametrize(("text", "words"), [
    ("Aisha\x1b[31m Okafor", "a terminal escape code"),
    (f"Mina{ESC_TITLE}", "a terminal escape code"),
    ("Pavel\x00Novak", "a control character"),
    ("Pavel\x9bNovak", "a control character"),  # C1 CSI: an escape on some terminals
    (f"Ali{RLO}cod.exe", "a hidden text-direction override"),
    ("Ali\u2067x\u2069", "a hidden text-direction override"),
    ("Jo\u2028Smith", "a hidden line separator"),
    ("Jo\ufeffSmith", "an invisible formatting character"),
    ("Jo\u200bSmith", "an invisible formatting character"),
    ("Ren\ufffde", "a character that could not be read (the file's encoding may be wrong)"),
    ("Ren\ud800e", "a character that is not valid text"),
    ("Two\nlines", "a line break or tab inside a single field"),
])
def test_unsafe_characters_are_named_in_words(text, words):
    assert unsafe_reason(text) == words


@pytest.mark.parametrize("text", [
    "Nguyễn Thị Đào", "Ганна Коваленко", "محمد الأحمد", "שרה לוי", "王秀英", "Zoë O'Brien-Smith",
    "مهرداد\u200cی",  # Persian needs the zero-width non-joiner
    "\u200fسارة",  # a right-to-left mark only nudges neutral characters
    "👩\u200d⚕️ nurse",  # emoji sequences need the zero-width joiner
    "",
])
def test_real_names_in_every_script_are_safe(text):
    assert unsafe_reason(text) is None
    assert clean(text) == text


def test_free_text_may_hold_line_breaks_and_tabs_but_not_escapes():
    assert unsafe_reason("First line\n\tsecond line", multiline=True) is None
    assert unsafe_reason("First\x1b[2J", multiline=True) == "a terminal escape code"
    assert clean("a\r\nb\rc\x1b[0m", multiline=True) == "a\nb\nc[0m"


def test_clean_leaves_one_plain_line():
    assert clean("  Aisha\u00a0\tOkafor \x1b  ") == "Aisha Okafor"
    assert clean(f"Ali{RLO}cod.exe") == "Alicod.exe"
    assert clean("Line\r\nbreak") == "Line break"
    assert clean("Old\rMac") == "Old Mac" and clean("Unix\nline") == "Unix line"
    assert clean("Ward XX\r\nXXI") == "Ward XX XXI"  # only the line break is replaced
    assert clean("Ward XX\nXXI") == "Ward XX XXI" and clean("Ward XX\rXXI") == "Ward XX XXI"
    assert clean("Nguye\u0302\u0303n") == "Nguyễn"  # decomposed, as some Macs write, made whole


def test_tidy_spaces_keeps_what_must_be_reported():
    assert tidy_spaces(" Aisha\u00a0\u00a0Okafor ") == "Aisha Okafor"
    assert tidy_spaces("A\x1bB") == "A\x1bB"


def test_for_terminal_shows_every_hidden_character_and_nothing_acts_on_it():
    shown = for_terminal(f"Mina{ESC_TITLE} {RLO}x\x9b\nend")
    assert shown == "Mina\\x1b]0;owned\\x07 \\u202ex\\x9b\\x0aend"
    assert for_terminal("Nguyễn Thị Đào") == "Nguyễn Thị Đào"


def test_escape_json_keeps_the_data_and_drops_nothing():
    row = {"person": f"Ali{RLO}x\x9b\u2028y\x1b"}
    written = escape_json(json.dumps(row, ensure_ascii=False))
    assert unsafe_reason(written, multiline=True) is None
    assert json.loads(written) == row


@given(st.text())
def test_clean_always_gives_safe_text_and_is_stable(text):
    cleaned = clean(text)
    assert unsafe_reason(cleaned) is None
    assert clean(cleaned) == cleaned
    assert unsafe_reason(for_terminal(text)) is None
