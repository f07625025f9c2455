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


# Each branch of value_words with the words it must give; the calls happen inside the test,
# where mutation testing sees them.
CASES = [
    (["reflection", "hopes"], None, NOTHING),
    (["reflection", "hopes"], [], NOTHING),
    (["reflection", "hopes"], 0, "0"),
    (["plan", "actions", "a1", "done_on"], "2026-02-03", "3 Feb 2026"),
    (["plan", "actions", "a1", "review_date"], "not a date", "not a date"),
    (["looking_back", "o1", "target_date"], "2026-12-01", "1 Dec 2026"),
    (["competencies", "ratings", "x", "self"], 3, "3 Established"),
    (["competencies", "ratings", "x", "self"], 7, "7"),
    (["competencies", "current_level"], 2, "Level 2: Adviser and practitioner"),
    (["competencies", "target_level"], 9, "Level 9"),
    (["competencies", "target_level"], "2", "Level 2"),
    (["competencies", "ratings", "x", "evidence"], ["a", "b"], "a; b"),
    (["aspirations", "directions"], ["depth", "sideways"],
     "Depth: grow in my current role; sideways"),
    (["aspirations", "functional_areas"], ["employee-relations", "unheard"],
     "Employee relations; unheard"),
    (["aspirations", "time_horizon"], "1y", "Within a year"),
    (["aspirations", "time_horizon"], "9y", "9y"),
    (["aspirations", "target_level"], 3, "Level 3: Manager and business partner"),
    (["aspirations", "target_level"], "3", "Level 3"),
    (["aspirations", "target_level"], 99, "Level 99"),
    (["aspirations", "membership_now"], "foundation", "CIPD Foundation member"),
    (["aspirations", "membership_now"], "gone", "gone"),
    (["aspirations", "notes"], "Own words", "Own words"),
    (["transition", "stream"], "stream-1", "Development stream 1"),
    (["transition", "stream"], "gone", "gone"),
    (["transition", "transition"], "transition-1", "Career transition 1"),
    (["transition", "transition"], "gone", "gone"),
    (["transition", "expectations", "e1"], "not_yet", "Not yet"),
    (["transition", "expectations", "e1"], "odd", "odd"),
    (["transition", "experiences", "x1"], "planned", "Planned"),
    (["transition", "experiences", "x1"], "odd", "odd"),
    (["transition", "notes", "n1"], "Own words", "Own words"),
    (["wheel", "avenues", "shadowing"], "active", "Actively pursuing"),
    (["wheel", "avenues", "shadowing"], "odd", "odd"),
    (["wheel", "notes"], "active", "active"),
    (["looking_back", "o1", "outcome"], "partly_met", "Partly met"),
    (["looking_back", "o1", "outcome"], "odd", "odd"),
    (["plan", "outcome"], "partly_met", "partly_met"),
]


def test_every_kind_of_value_in_words():
    packs = load_builtin()
    for path, value, words in CASES:
        assert value_words(path, value, packs) == words, (path, value)
