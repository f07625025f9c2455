"""Suppression rule by rule: what is refused, which count is hidden next, and the percentages."""

from __future__ import annotations

import pytest

from rmp_desktop.domain.suppression import (
    HIDDEN,
    ROUND_TO,
    SMALLEST_SHOWN,
    Sum,
    Suppressed,
    is_small,
    percent,
    rounded,
    show,
    suppress,
)


def test_the_thresholds():
    assert (SMALLEST_SHOWN, ROUND_TO, HIDDEN) == (8, 5, "*")
    assert [is_small(n) for n in (0, 1, 7, 8)] == [False, True, True, False]
    assert [rounded(n) for n in (0, 2, 3, 7, 8, 12, 13)] == [0, 0, 5, 5, 10, 10, 15]


@pytest.mark.parametrize(("count", "words"), [
    (-1, "a count must be a whole number, 0 or more (got -1 for 'A')"),
    (True, "a count must be a whole number, 0 or more (got True for 'A')"),
    (2.0, "a count must be a whole number, 0 or more (got 2.0 for 'A')"),
    ("9", "a count must be a whole number, 0 or more (got '9' for 'A')"),
])
def test_a_count_that_is_not_a_whole_number_is_refused(count, words):
    with pytest.raises(ValueError) as caught:
        suppress({"Z": 3, "A": count})
    assert str(caught.value) == words


def test_nothing_to_suppress_is_an_empty_table():
    assert suppress({}).shown == {}
    assert suppress({"A": 0}).shown == {"A": 0}


def test_shown_counts_read_as_text():
    shown = suppress({"A": 3, "B": 12})
    assert isinstance(shown, Suppressed)
    assert (shown.text("A"), shown.text("B")) == ("*", "10")
    assert (show(None), show(0), show(15)) == ("*", "0", "15")


def test_a_base_that_is_not_a_count_hides_nothing():
    shown = suppress({"A": 10, "B": 20}, bases={"A": "elsewhere", "B": "A"})
    assert shown.shown == {"A": 10, "B": 20}
    shown = suppress({"A": 3, "B": 20}, bases={"B": "A"})
    assert shown.shown == {"A": None, "B": None}


def test_the_next_to_hide_is_the_smallest_shown_and_the_first_of_equals():
    counts = {"A": 3, "B": 10, "C": 10, "D": 9, "E": 50, "total": 82}
    shown = suppress(counts, [Sum("total", ("A", "B", "C", "D", "E"))])
    assert shown.shown == {"A": None, "B": 10, "C": 10, "D": None, "E": 50, "total": 80}
    counts = {"A": 3, "B": 10, "C": 10, "D": 50, "total": 73}
    shown = suppress(counts, [Sum("total", ("A", "B", "C", "D"))])
    assert shown.shown == {"A": None, "B": None, "C": 10, "D": 50, "total": 75}


def test_when_only_zeros_are_shown_the_first_zero_is_hidden():
    # The total is more than its listed parts (others are counted elsewhere), so it shows.
    counts = {"A": 5, "B": 0, "C": 0, "total": 12}
    shown = suppress(counts, [Sum("total", ("A", "B", "C"))])
    assert shown.shown == {"A": None, "B": None, "C": 0, "total": 10}


def test_when_every_part_is_hidden_the_total_is_hidden_too():
    shown = suppress({"A": 3, "total": 20}, [Sum("total", ("A",))])
    assert shown.shown == {"A": None, "total": None}


def test_a_hidden_total_hides_a_part():
    shown = suppress({"A": 0, "B": 10, "total": 4}, [Sum("total", ("A", "B"))])
    assert shown.shown == {"A": 0, "B": None, "total": None}


def test_a_sum_with_two_hidden_needs_nothing_more_and_sums_are_read_from_any_iterable():
    counts = {"A": 3, "B": 4, "C": 20, "total": 27}
    shown = suppress(counts, iter([Sum("total", ("A", "B", "C"))]))
    assert shown.shown == {"A": None, "B": None, "C": 20, "total": 25}


def test_hiding_for_one_sum_can_make_another_need_one_more():
    # Hiding A2 for the first row leaves the second column with one hidden; B2 follows.
    counts = {"A1": 3, "A2": 10, "A": 13, "B1": 30, "B2": 12, "B": 42, "C2": 40}
    sums = [Sum("C2", ("A2", "B2")), Sum("A", ("A1", "A2"))]
    shown = suppress(counts, sums)
    assert shown.shown == {"A1": None, "A2": None, "A": 15, "B1": 30, "B2": None, "B": 40,
                           "C2": 40}


def test_percentages_round_half_up_from_the_shown_counts():
    assert [percent(p, w) for p, w in ((1, 8), (1, 3), (2, 3), (0, 5), (5, 5), (10, 0))] == [
        13, 33, 67, 0, 100, None]
    assert percent(None, None) is None and percent(0, None) is None


def test_of_equal_counts_the_one_listed_first_is_hidden_whatever_its_name():
    counts = {"A": 3, "C": 10, "B": 10, "D": 50, "total": 73}
    shown = suppress(counts, [Sum("total", ("A", "C", "B", "D"))])
    assert shown.shown == {"A": None, "C": None, "B": 10, "D": 50, "total": 75}
