"""Suppression on crafted small groups: where a naive table would give someone away."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from rmp_desktop.domain.suppression import Sum, percent, rounded, suppress


def test_counts_from_one_to_seven_are_hidden_and_the_rest_rounded_to_fives():
    counts = {n: n for n in range(0, 16)}
    shown = suppress(counts)
    assert [shown[n] for n in range(0, 16)] == [
        0, None, None, None, None, None, None, None, 10, 10, 10, 10, 10, 15, 15, 15]
    assert shown.text(3) == "*" and shown.text(13) == "15"
    assert rounded(1002) == 1000 and rounded(1003) == 1005


def test_one_hidden_group_is_not_given_away_by_the_total():
    # Naively: 20 + 3 + 30 = 53, so the hidden group could be worked out from the total.
    counts = {"A": 20, "B": 3, "C": 30, "total": 53}
    shown = suppress(counts, [Sum("total", ("A", "B", "C"))])
    assert shown["B"] is None
    assert shown["A"] is None, "the smallest other group is hidden too"
    assert (shown["C"], shown["total"]) == (30, 55)


def test_a_hidden_total_with_one_hidden_part_needs_nothing_more():
    counts = {"A": 5, "B": 0, "C": 0, "total": 5}
    shown = suppress(counts, [Sum("total", ("A", "B", "C"))])
    assert (shown["A"], shown["B"], shown["C"], shown["total"]) == (None, 0, 0, None)


def test_secondary_suppression_prefers_a_count_that_is_not_zero():
    counts = {"A": 4, "B": 0, "C": 9, "D": 40, "total": 53}
    shown = suppress(counts, [Sum("total", ("A", "B", "C", "D"))])
    assert (shown["A"], shown["B"], shown["C"], shown["D"]) == (None, 0, None, 40)


def test_a_lone_person_in_a_group_is_hidden_with_everything_about_them():
    # One Black member of staff in a team of 40, without an appraisal. A naive table reads
    # "Black: 1 person, 0 appraised": everyone who knows the team knows who that is.
    groups = {"White": (30, 27), "Black": (1, 0), "Asian": (9, 9)}
    counts = {}
    for group, (people, appraised) in groups.items():
        counts[(group, "people")] = people
        counts[(group, "appraised")] = appraised
    counts[("All", "people")] = 40
    counts[("All", "appraised")] = 36
    sums = [Sum(("All", c), tuple((g, c) for g in groups)) for c in ("people", "appraised")]
    bases = {(g, "appraised"): (g, "people") for g in [*groups, "All"]}
    shown = suppress(counts, sums, bases)
    assert shown[("Black", "people")] is None
    assert shown[("Black", "appraised")] is None, "a 0 about a group of one says as much as a 1"
    # ... and neither the people nor the appraised column can be subtracted back to it.
    assert shown[("Asian", "people")] is None and shown[("Asian", "appraised")] is None
    assert shown[("White", "people")] == 30 and shown[("All", "people")] == 40


def test_percentages_come_from_the_rounded_counts():
    # Naively 9 of 12 is 75%; shown, 10 of 10 is 100%, which says nothing about the 3.
    assert percent(rounded(9), rounded(12)) == 100
    assert percent(15, 40) == 38  # 37.5 rounds half up
    assert percent(None, 40) is None and percent(10, None) is None and percent(0, 0) is None


def test_sums_both_ways_are_suppressed_until_no_sum_has_one_hidden_member():
    # A 2 x 2 table with row and column totals: hiding one cell forces a second in its row,
    # which forces one in its column, and so on round the rectangle.
    cells = {("r1", "c1"): 3, ("r1", "c2"): 20, ("r2", "c1"): 30, ("r2", "c2"): 40}
    counts = dict(cells)
    counts.update({("r1", "all"): 23, ("r2", "all"): 70, ("all", "c1"): 33, ("all", "c2"): 60,
                   ("all", "all"): 93})
    sums = [Sum((r, "all"), ((r, "c1"), (r, "c2"))) for r in ("r1", "r2")]
    sums += [Sum(("all", c), (("r1", c), ("r2", c))) for c in ("c1", "c2")]
    shown = suppress(counts, sums)
    hidden = {k for k, v in shown.shown.items() if v is None}
    assert hidden == set(cells)
    for relation in sums:
        members = (relation.total, *relation.parts)
        assert sum(1 for m in members if m in hidden) != 1


@st.composite
def tables(draw):
    groups = draw(st.integers(min_value=1, max_value=8))
    columns = draw(st.integers(min_value=1, max_value=4))
    counts = {}
    for g in range(groups):
        people = draw(st.integers(min_value=0, max_value=60))
        counts[(g, "people")] = people
        for c in range(columns):
            counts[(g, c)] = draw(st.integers(min_value=0, max_value=people))
    keys = ["people", *range(columns)]
    for key in keys:
        counts[("all", key)] = sum(counts[(g, key)] for g in range(groups))
    sums = [Sum(("all", k), tuple((g, k) for g in range(groups))) for k in keys]
    bases = {(g, c): (g, "people") for g in [*range(groups), "all"] for c in range(columns)}
    return counts, sums, bases


@given(tables())
def test_whatever_the_table_nothing_small_shows_and_no_sum_gives_a_hidden_count_away(table):
    counts, sums, bases = table
    shown = suppress(counts, sums, bases)
    for key, true in counts.items():
        value = shown[key]
        if 1 <= true <= 7:
            assert value is None
        if value is not None:
            assert value % 5 == 0 and abs(value - true) <= 2
    for key, base in bases.items():
        if 1 <= counts[base] <= 7:
            assert shown[key] is None
    for relation in sums:
        members = (relation.total, *relation.parts)
        assert sum(1 for m in members if shown[m] is None) != 1
