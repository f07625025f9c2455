"""The competency gap rule and career-transition readiness, exact to the word: the chart, the
table, the summary and the PDF all say what these say."""

from __future__ import annotations

import pytest

from rmp_desktop.domain.gaps import GapRow, rating_words
from rmp_desktop.domain.packs import Dimension, Expectation, Transition
from rmp_desktop.domain.readiness import readiness_lines


def gap(self_rating=None, manager_rating=None, current=None, target=None) -> GapRow:
    return GapRow("Leading change", self_rating, manager_rating, current, target)


def test_the_manager_s_rating_is_the_agreed_one_else_the_person_s():
    assert gap(2, 4).agreed == 4
    assert gap(2, None).agreed == 2
    assert gap(None, None).agreed is None


@pytest.mark.parametrize(("row", "position", "target"), [
    (gap(2, None, 3), 2.5, 2.75),  # level 3, developing; the point is established at level 3
    (gap(4, None, 2, 4), 2.0, 3.75),  # a role model at level 2, aiming at level 4
    (gap(1, None, None, 4), None, 3.75),  # no current level: no position, a target still
    (gap(None, None, 1), None, 0.75),
    (gap(None, None, None, None), None, None),
])
def test_positions_on_the_pathway(row, position, target):
    assert row.position(row.agreed) == position
    assert row.target_position == target


@pytest.mark.parametrize(("row", "words"), [
    (gap(3, None, None), "No current level chosen yet"),
    (gap(None, None, 3), "Not rated yet"),
    (gap(2, None, 3), "Gap: from Developing at level 3 to Established at level 3"),
    (gap(2, 3, 3), "No gap: Established at level 3, target Established at level 3"),
    (gap(4, None, 3), "No gap: Role model at level 3, target Established at level 3"),
    (gap(4, None, 3, 4), "Gap: from Role model at level 3 to Established at level 4"),
    (gap(3, None, 5, 4), "No gap: Established at level 5, target Established at level 4"),
])
def test_gap_words(row, words):
    assert row.gap_words() == words


def test_rating_words():
    assert rating_words(3) == "3 Established"
    assert rating_words(1) == "1 Not yet"
    assert rating_words(None) == "Not rated"
    assert rating_words(0) == "Not rated"


def _transition() -> Transition:
    items = lambda *ids: tuple(Expectation(id=i, text=f"Expectation {i}") for i in ids)  # noqa: E731
    return Transition(id="t1", name="Into leadership", stream="hr", summary="", shifts={},
                      expectations={"people": items("p1", "p2", "p3", "p4"),
                                    "self": items("s1"), "empty": ()},
                      experiences=())


DIMENSIONS = [Dimension(id="people", name="Leading people"), Dimension(id="empty", name="Empty"),
              Dimension(id="self", name="Leading self"), Dimension(id="absent", name="Absent")]


def test_readiness_counts_each_rating_per_dimension_in_order():
    ratings = {"p1": "demonstrating", "p2": "not_yet", "p3": "demonstrating", "s1": "developing",
               "x9": "demonstrating"}
    assert readiness_lines(_transition(), ratings, DIMENSIONS) == [
        "Leading people: 1 not yet, 2 demonstrating, 1 not rated yet (of 4).",
        "Leading self: 1 developing (of 1).",
    ]


def test_readiness_with_nothing_rated_or_no_transition():
    assert readiness_lines(_transition(), {"p2": ""}, DIMENSIONS[:1]) == [
        "Leading people: 4 not rated yet (of 4)."]
    assert readiness_lines(None, {"p1": "developing"}, DIMENSIONS) == []
