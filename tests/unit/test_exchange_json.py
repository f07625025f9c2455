"""The strict reading of an exchange file's JSON and the place-naming checks, exact to the word:
what a person sent a bad file is told, and where."""

from __future__ import annotations

import pytest

from rmp_desktop.domain.exchange_json import MAX_DEPTH, ExchangeRefused, Reader, load_json

WHAT = "a preparation"


def refused(data: bytes, limit: int = 10_000) -> str:
    with pytest.raises(ExchangeRefused) as caught:
        load_json(data, limit=limit, what=WHAT)
    return str(caught.value)


def test_good_json_is_read_with_or_without_a_byte_order_mark():
    assert load_json(b'{"a": [1, {"b": "x"}]}', limit=100, what=WHAT) == {"a": [1, {"b": "x"}]}
    assert load_json('\ufeff{"é": "ü"}'.encode(), limit=100, what=WHAT) == {"é": "ü"}
    assert load_json(b"[]", limit=2, what=WHAT) == []  # exactly at the limit


@pytest.mark.parametrize(("size", "limit", "words"), [
    (2 * 1024 * 1024 + 1, 1024 * 1024, "This file is 2.0 MB; a preparation is at most 1.0 MB."),
    (3 * 1024, 2 * 1024, "This file is 3 KB; a preparation is at most 2 KB."),
    (1024, 1000, "This file is 1 KB; a preparation is at most 1000 bytes."),
])
def test_too_big_a_file_says_both_sizes(size, limit, words):
    assert refused(b" " * size, limit).startswith(words + " It is not a preparation made by "
                                                  "this application, or it was damaged")


def test_a_pdf_text_that_is_not_utf8_and_broken_json_are_told_apart():
    assert refused(b"%PDF-1.7 ...") == "This is a PDF, not a preparation."
    assert refused(b'{"a": "\xff"}') == ("This file is not a preparation: it is not text in "
                                         "UTF-8 (it may be a different kind of file, or damaged).")
    assert refused(b'{"a": 1') == ("This file is not a preparation, or it is damaged: it is "
                                   "not valid JSON. Ask for it to be sent again.")
    assert "not valid JSON" in refused(b'{"a": NaN}')
    assert "not valid JSON" in refused(b"[Infinity]")
    assert refused(b'{"a": 1, "a": 2}') == ("This file is damaged: the key “a” appears twice "
                                            "in one place, so it is not clear which to believe.")


def test_nesting_is_counted_outside_strings_only():
    deep = b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1)
    assert refused(deep) == ("This file is not a preparation: its structure is nested far "
                             "deeper than the format allows.")
    at_most = b"[" * MAX_DEPTH + b"]" * MAX_DEPTH
    assert load_json(at_most, limit=1000, what=WHAT) is not None
    # Brackets inside strings, after escaped quotes and backslashes, are text, not nesting.
    brackets = '"' + "[" * (MAX_DEPTH + 5) + '"'
    tricky = ('{"a": ' + brackets + ', "b": "q\\"[[[[[[[[[[[[[[", "c": "\\\\", '
              '"d": ' + brackets + "}")
    assert set(load_json(tricky.encode(), limit=1000, what=WHAT)) == {"a", "b", "c", "d"}
    siblings = "[" + ",".join(["[[]]"] * 20) + "]"  # wide, not deep
    assert len(load_json(siblings.encode(), limit=1000, what=WHAT)) == 20


def reader() -> Reader:
    return Reader("preparation", max_text=10, max_items=2)


def message(call) -> str:
    with pytest.raises(ExchangeRefused) as caught:
        call()
    return str(caught.value)


DAMAGED = "This preparation is damaged or was not made by this application: {}. Ask for it to be sent again."


def test_fields_of_a_group():
    r = reader()
    assert r.obj({"a": 1, "b": 2}, "the plan", ("a",), ("b",)) == {"a": 1, "b": 2}
    assert message(lambda: r.obj([], "the plan", ("a",))) == DAMAGED.format(
        "the plan is not a group of fields")
    assert message(lambda: r.obj({"b": 1}, "the plan", ("a", "b"))) == DAMAGED.format(
        "the plan lacks the field “a”")
    assert message(lambda: r.obj({"a": 1, "z" * 50: 2}, "the plan", ("a",))) == DAMAGED.format(
        f"the plan has a field this format does not have (“{'z' * 40}”)")


def test_text_length_and_safety():
    r = reader()
    assert r.text("0123456789", "a note") == "0123456789"
    assert message(lambda: r.text(5, "a note")) == DAMAGED.format("a note is not text")
    assert message(lambda: r.text("x" * 1001, "a note", limit=1000)) == (
        "This preparation cannot be taken in: a note is 1,001 characters long, and the most "
        "allowed is 1,000. Shorten it and send it again.")
    assert "is 11 characters long, and the most allowed is 10." in message(
        lambda: r.text("x" * 11, "a note"))
    unsafe = message(lambda: r.text("=1+1", "a note"))
    assert unsafe.startswith("This preparation cannot be taken in: a note ")
    assert unsafe.endswith(". Remove it and send the file again.")
    assert Reader("preparation", 10, 2, formulas=False).text("=1+1", "a note") == "=1+1"


def test_choices_identifiers_yes_no_levels_and_dates():
    r = reader()
    assert r.choice("met", "the outcome", {"met"}) == "met"
    assert r.choice("", "the outcome", {"met"}) == ""
    for bad in ("odd", None):
        assert message(lambda b=bad: r.choice(b, "the outcome", {"met"})) == DAMAGED.format(
            "the outcome is not one of the answers the form offers")
    assert r.ident("a1_b.c:d-e", "an id") == "a1_b.c:d-e"
    for bad in ("-a", "", "a" * 65, 7, "a b"):
        assert message(lambda b=bad: r.ident(b, "an id")) == DAMAGED.format(
            "an id is not a valid identifier")
    assert r.ident("a" * 64, "an id") == "a" * 64
    assert r.boolean(False, "shared") is False
    assert message(lambda: r.boolean(0, "shared")) == DAMAGED.format("shared is not yes or no")
    assert r.level(None, "a rating") is None
    assert [r.level(n, "a rating") for n in (1, 4)] == [1, 4]
    for bad in (0, 5, True, "2", 2.0):
        assert message(lambda b=bad: r.level(b, "a rating")) == DAMAGED.format(
            "a rating is not a number from 1 to 4")
    assert message(lambda: r.level(6, "a level", 1, 5)) == DAMAGED.format(
        "a level is not a number from 1 to 5")
    assert r.date("2026-02-28", "the due date") == "2026-02-28"
    assert r.date("", "the due date") == ""
    assert message(lambda: r.date(20260228, "the due date")) == DAMAGED.format(
        "the due date is not a date")
    for bad in ("2026-02-30", "20260228", "2026-02-28T10:00"):
        assert message(lambda b=bad: r.date(b, "the due date")) == DAMAGED.format(
            "the due date is not a date written as YYYY-MM-DD")


def test_lists_of_entries():
    r = reader()

    def each(item, place):
        return r.obj(item, place, ("id",), ("n",))

    assert r.items([{"id": "a"}, {"id": "b"}], "the actions", each) == [{"id": "a"}, {"id": "b"}]
    assert message(lambda: r.items({}, "the actions", each)) == DAMAGED.format(
        "the actions is not a list")
    assert message(lambda: r.items([{"id": "a"}] * 3, "the actions", each)) == (
        "This preparation cannot be taken in: the actions has 3 entries, and the most "
        "allowed is 2.")
    assert message(lambda: r.items([{"id": "a"}, {"id": "a"}], "the actions", each)) == \
        DAMAGED.format("the actions, entry 2, repeats an entry given before")
    assert message(lambda: r.items([{"id": "a"}, {}], "the actions", each)) == \
        DAMAGED.format("the actions, entry 2, lacks the field “id”")
    pairs = [{"id": "a", "n": 1}, {"id": "a", "n": 2}]
    assert r.items(pairs, "the actions", each, key=("id", "n")) == pairs
    assert message(lambda: r.items(pairs, "the actions", each, key="id")) == \
        DAMAGED.format("the actions, entry 2, repeats an entry given before")


@pytest.mark.parametrize(("text", "words"), [
    ("bad \ud800 half", "holds a broken character"),
    ("bell \x07", "holds a control character"),
    ("abc\u202edef", "holds invisible direction marks that change how it reads"),
    ("=HYPERLINK(\"x\")", "starts like a spreadsheet formula"),
    ("cmd|' /C calc'!A0", "starts like a spreadsheet formula"),
    ("- first point\tand +1 for the rota", None),
])
def test_what_is_wrong_with_a_text_in_the_words_shown(text, words):
    from rmp_desktop.domain.text_checks import text_problem

    assert text_problem(text) == words
