"""domain.exchange_json at its edges: nesting counted again after a string ends (with and
without escapes), text that is not JSON at all, sizes near a rounding edge, a long repeated
key."""

from __future__ import annotations

import pytest

from rmp_desktop.domain.exchange_json import MAX_DEPTH, ExchangeRefused, load_json

WHAT = "a record copy"
TOO_DEEP = ("This file is not a record copy: its structure is nested far deeper than the format "
            "allows.")
NOT_JSON = ("This file is not a record copy, or it is damaged: it is not valid JSON. Ask for it "
            "to be sent again.")


def refused(data: bytes, limit: int = 10_000) -> str:
    with pytest.raises(ExchangeRefused) as caught:
        load_json(data, limit=limit, what=WHAT)
    return str(caught.value)


@pytest.mark.parametrize("string", ['"a"', '"a\\nb"', '"\\\\"', '"say \\"hi\\""', '""'])
def test_nesting_after_a_string_has_ended_is_counted(string):
    inner = "[" * MAX_DEPTH + "]" * MAX_DEPTH  # with the outer list, one too deep
    assert refused(f"[{string}, {inner}]".encode()) == TOO_DEEP
    fits = "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)
    assert load_json(f"[{string}, {fits}]".encode(), limit=1000, what=WHAT)[1] is not None


def test_text_that_is_not_json_is_told_so_whatever_its_letters():
    assert refused(b"X" * (MAX_DEPTH + 2)) == NOT_JSON
    assert refused(b"Dear colleague, here is my preparation.") == NOT_JSON


def test_sizes_are_rounded_as_a_person_reads_them():
    words = refused(b" " * 1_101_110, 1024 * 1024)
    assert words.startswith("This file is 1.1 MB; a record copy is at most 1.0 MB.")
    words = refused(b" " * 1_024_001, 1_024_000)
    assert words.startswith("This file is 1000 KB; a record copy is at most 1000 KB.")


def test_a_repeated_long_key_is_named_by_its_first_forty_characters():
    key = "k" * 39 + "ABCDEFGHIJ"
    data = ('{"' + key + '": 1, "' + key + '": 2}').encode()
    assert refused(data) == (f"This file is damaged: the key “{'k' * 39}A” appears twice in one "
                             "place, so it is not clear which to believe.")


def test_closing_a_bracket_steps_back_one_level_only():
    # Three open, one closed: two deep, then eleven more is one too many.
    deep = "[[[]," + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "]]"
    assert refused(deep.encode()) == TOO_DEEP
    fits = "[[[]," + "[" * (MAX_DEPTH - 2) + "]" * (MAX_DEPTH - 2) + "]]"
    assert load_json(fits.encode(), limit=1000, what=WHAT)[0][0] == []


def test_letters_between_brackets_do_not_hide_how_deep_they_go():
    assert refused(b"[X" * (MAX_DEPTH + 1)) == TOO_DEEP
