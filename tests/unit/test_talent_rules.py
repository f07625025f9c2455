"""Placing a person on the talent grid: when the step is complete, what it lacks in words, the
names a placement is shown with, and the placements over time (a small grid built here)."""

from __future__ import annotations

from datetime import date

import pytest

from rmp_desktop.domain.packs import AxisPoint, GridAxis, GridBox, TalentGrid
from rmp_desktop.domain.talent import (
    SIDES,
    Placement,
    box_name,
    placed,
    placement_words,
    placements,
    talent_complete,
    talent_gaps,
)


def axis(name: str, *ids: str) -> GridAxis:
    return GridAxis(name=name, description="", points=tuple(
        AxisPoint(id=i, name=i.replace("-", " ").capitalize(), description="") for i in ids))


GRID = TalentGrid(
    id="grid", version="1", title="Grid", step_title="Scope", up=axis("Impact", "steady", "high"),
    across=axis("Growth", "depth", "breadth"),
    boxes=(GridBox(across="breadth", up="steady", name="Ready to broaden", description=""),
           GridBox(across="depth", up="high", name="Deep expert", description="")))
MANAGER_GAP = ("manager", "Choose where the manager places the person on the grid, or leave "
                          "the step out.")
REASON_GAP = ("reason", "Write the reason for the placement in words.")


@pytest.mark.parametrize(("view", "is_placed"), [
    ({"up": "steady", "across": "breadth"}, True),
    ({"up": "steady", "across": ""}, False),
    ({"up": "", "across": "breadth"}, False),
    ({"across": "breadth"}, False),
    ({"up": "steady"}, False),
    ("steady, breadth", False),
    (None, False),
])
def test_a_view_is_placed_with_both_points(view, is_placed):
    assert placed(view) is is_placed


@pytest.mark.parametrize(("section", "complete", "gaps"), [
    ({}, False, []),
    ({"included": False, "manager": {"up": "steady", "across": "breadth"}, "reason": "Why"},
     False, []),
    ({"included": True}, False, [MANAGER_GAP, REASON_GAP]),
    ({"included": True, "manager": {"up": "steady", "across": "breadth"}}, False, [REASON_GAP]),
    ({"included": True, "manager": {"up": "steady", "across": "breadth"}, "reason": "  \n"},
     False, [REASON_GAP]),
    ({"included": True, "manager": {"up": "steady"}, "reason": "Led the review"},
     False, [MANAGER_GAP]),
    ({"included": True, "manager": {"up": "steady", "across": "breadth"}, "reason": "Led it"},
     True, []),
    ({"included": True, "manager": {"up": "steady", "across": "breadth"}, "reason": 7},
     True, []),
])
def test_an_included_step_is_complete_with_the_managers_view_and_a_reason(section, complete,
                                                                          gaps):
    assert talent_complete(section) is complete
    assert talent_gaps(section) == gaps


def test_a_box_is_found_by_its_points_across_then_up():
    assert box_name(GRID, {"up": "steady", "across": "breadth"}) == "Ready to broaden"
    assert box_name(GRID, {"up": "high", "across": "depth"}) == "Deep expert"
    assert box_name(GRID, {"up": "breadth", "across": "steady"}) == ""  # the axes swapped
    assert box_name(GRID, {"up": "high", "across": "breadth"}) == ""  # no such box
    assert box_name(GRID, {"up": "steady", "across": ""}) == ""
    assert box_name(None, {"up": "steady", "across": "breadth"}) == ""


def test_a_placement_in_words_names_both_points_then_the_box():
    assert placement_words(GRID, {"up": "steady", "across": "breadth"}) == (
        "Steady, Breadth: Ready to broaden")
    assert placement_words(GRID, {"up": "high", "across": "breadth"}) == "High, Breadth"
    assert placement_words(GRID, {"up": "gone", "across": "depth"}) == "Depth"
    assert placement_words(GRID, {"up": "steady", "across": "gone"}) == "Steady"
    assert placement_words(GRID, {"up": "steady"}) == ""
    assert placement_words(None, {"up": "steady", "across": "breadth"}) == ""


def test_placements_over_time_oldest_first_from_included_steps_only():
    records = [
        (date(2028, 1, 10), {"talent": {"included": True, "grid": "grid",
                                        "manager": {"up": "high", "across": "depth"},
                                        "self": {"up": "steady", "across": "breadth"}}}),
        (date(2026, 1, 10), {"talent": {"included": True, "grid": "old-grid",
                                        "manager": {"up": "steady", "across": "breadth"}}}),
        (date(2027, 1, 10), {"talent": {"included": False, "grid": "grid",
                                        "manager": {"up": "steady", "across": "breadth"}}}),
        (date(2027, 6, 10), {"talent": {"included": True, "grid": "grid",
                                        "manager": {"up": "steady", "across": ""}}}),
        (date(2027, 7, 10), {"talent": None}),
        (date(2027, 8, 10), {}),
        (date(2027, 9, 10), {"talent": {"included": True, "grid": None,
                                        "manager": {"up": "steady", "across": "breadth"}}}),
    ]
    assert placements(records, {"grid": GRID}) == [
        Placement(date(2026, 1, 10), "old-grid", "steady", "breadth", "", ""),
        Placement(date(2027, 9, 10), "", "steady", "breadth", "", ""),
        Placement(date(2028, 1, 10), "grid", "high", "depth", "Deep expert", "Ready to broaden"),
    ]
    assert placements([], {"grid": GRID}) == []


def test_placements_on_the_same_day_keep_the_order_they_were_given():
    def placed_on(up: str) -> tuple[date, dict]:
        return date(2027, 1, 10), {"talent": {"included": True, "grid": "grid",
                                              "manager": {"up": up, "across": "depth"}}}
    assert [p.up for p in placements([placed_on("high"), placed_on("steady")], {})] == [
        "high", "steady"]


def test_the_two_views_are_named_for_whose_they_are():
    assert SIDES == {"self": "Their own view", "manager": "Manager's view"}
