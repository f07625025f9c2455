"""Both sides of a difference in words, from a real merge (no Qt, no store)."""

from __future__ import annotations

from rmp_desktop.content.loader import load_builtin
from rmp_desktop.domain.conflict_words import NOTHING, value_words
from rmp_desktop.domain.conversation import empty_document
from rmp_desktop.domain.prep_merge import merge
from tests.exchange_support import full_content


def test_each_difference_reads_as_words_not_ids():
    packs = load_builtin()
    draft = empty_document()
    draft["competencies"]["ratings"]["relationship-builder"] = {"self": 2, "manager": 3,
                                                                "evidence": ""}
    draft["wheel"]["avenues"]["shadowing"] = "done"
    draft["aspirations"]["directions"] = ["breadth"]
    draft["aspirations"]["time_horizon"] = "5y"
    draft["transition"]["expectations"]["t1-lp-1"] = "demonstrating"
    draft["reflection"]["went_well"] = "The manager's own note."
    result = merge(draft, full_content(), packs)
    words = {c["id"]: (value_words(c["path"], c["current"], packs),
                       value_words(c["path"], c["incoming"], packs)) for c in result.conflicts}
    assert words["competencies.ratings.relationship-builder.self"] == ("2 Developing",
                                                                       "4 Role model")
    assert words["wheel.avenues.shadowing"] == ("Done", "Planned")
    assert words["aspirations.time_horizon"] == ("Three to five years", "One to two years")
    assert words["aspirations.directions"][1] == ("Stretch: step up to a bigger role; "
                                                  "Depth: grow in my current role")
    assert words["transition.expectations.t1-lp-1"] == ("Demonstrating", "Developing")
    assert words["reflection.went_well"][0] == "The manager's own note."


def test_dates_levels_and_nothing():
    packs = load_builtin()
    assert value_words(["plan", "proposed_objectives", "p1", "due"], "2027-05-31",
                       packs) == "31 May 2027"
    name = packs.competency.level(3).name
    assert value_words(["competencies", "current_level"], 3, packs) == f"Level 3: {name}"
    assert value_words(["reflection", "hopes"], "", packs) == NOTHING
