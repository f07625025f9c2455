"""Level, stream and transition suggestions, and actions drawn from a conversation's gaps."""

from __future__ import annotations

import dataclasses

import pytest

from rmp_desktop.content.loader import load_builtin
from rmp_desktop.domain.conversation import empty_document
from rmp_desktop.domain.staff import BANDS
from rmp_desktop.domain.suggestions import (
    Suggestion,
    rank_suggestions,
    suggest_actions,
    suggest_level,
    suggest_stream,
    suggest_transition,
)

LEVEL_OF_BAND = {"2": 1, "3": 1, "4": 1, "5": 2, "6": 2, "7": 3, "8a": 3, "8b": 3,
                 "8c": 4, "8d": 4, "9": 4, "VSM": 4}
STREAM_OF_BAND = {"8a": "stream-1", "8b": "stream-1", "8c": "stream-2", "8d": "stream-2"}


@pytest.fixture(scope="module")
def packs():
    return load_builtin()


def keys(suggestions: list[Suggestion]) -> list[str]:
    return [s.key for s in suggestions]


# -- level, stream, transition -----------------------------------------------------------------

@pytest.mark.parametrize("band", BANDS)
def test_level_from_band(packs, band):
    assert suggest_level(band, packs.competency) == LEVEL_OF_BAND[band]


def test_level_accepts_loose_band_text_and_uses_the_given_pack(packs):
    assert suggest_level("Band 8A", packs.competency) == 3
    moved = dataclasses.replace(packs.competency, levels=(
        dataclasses.replace(packs.competency.levels[0], bands=("2", "3", "4", "5")),
        dataclasses.replace(packs.competency.levels[1], bands=("6",)),
        *packs.competency.levels[2:]))
    assert suggest_level("5", moved) == 1
    with pytest.raises(ValueError, match="unknown band '10'"):
        suggest_level("10", packs.competency)


@pytest.mark.parametrize("band", BANDS)
def test_stream_from_band(packs, band):
    assert suggest_stream(band, packs.transitions) == STREAM_OF_BAND.get(band)


def test_stream_from_unknown_band_is_none(packs):
    assert suggest_stream("", packs.transitions) is None
    assert suggest_stream("8e", packs.transitions) is None


@pytest.mark.parametrize(("stream", "directions", "expected"), [
    ("stream-1", ["stretch"], "transition-1"),
    ("stream-2", ["breadth", "stretch"], "transition-2"),
    ("stream-1", ["depth"], None),
    ("stream-2", ["breadth"], None),
    ("stream-1", [], None),
    ("", ["stretch"], None),
    ("stream-9", ["stretch"], None),
])
def test_transition_only_for_someone_stepping_up(packs, stream, directions, expected):
    assert suggest_transition(stream, directions, packs.transitions) == expected


# -- actions from gaps -------------------------------------------------------------------------

def test_nothing_to_suggest_for_an_empty_conversation(packs):
    assert suggest_actions(empty_document(), packs) == []


def test_rating_below_established_at_current_level(packs):
    doc = empty_document()
    doc["competencies"].update(current_level=2, ratings={
        "change-catalyst": {"self": 3, "manager": 2, "evidence": ""},
        "hr-od-expert": {"self": 1, "manager": None},
        "business-focused": {"self": 1, "manager": 3},  # the manager's view counts
        "relationship-builder": {"self": 3, "manager": 4},
    })
    found = suggest_actions(doc, packs)
    assert keys(found) == ["competency:hr-od-expert", "competency:change-catalyst"]
    change = found[1]
    assert change.gap == {"kind": "competency", "ref": "change-catalyst"}
    assert change.text == ("Strengthen Change Catalyst at level 2: supports managers through "
                           "organisational change, from consultation to putting it in place")
    assert change.reason == "Manager rating at level 2 is 2 (Developing), below Established."
    assert found[0].reason == "Self rating at level 2 is 1 (Not yet), below Established."


def test_target_above_current_suggests_every_area(packs):
    doc = empty_document()
    doc["competencies"].update(current_level=2, target_level=3)
    found = suggest_actions(doc, packs)
    assert len(found) == 6
    assert found[3].key == "competency:change-catalyst"
    assert found[3].text == ("Build Change Catalyst from level 2 towards level 3: leads change "
                             "projects from design to evaluation, managing risk and resistance")
    assert found[3].reason == "The target is level 3, above the current level 2."


def test_target_falls_back_to_the_aspiration(packs):
    doc = empty_document()
    doc["competencies"]["current_level"] = 3
    doc["aspirations"]["target_level"] = 4
    assert len(suggest_actions(doc, packs)) == 6
    doc["aspirations"]["target_level"] = 3
    assert suggest_actions(doc, packs) == []


def test_expectations_grouped_by_dimension(packs):
    doc = empty_document()
    doc["transition"].update(transition="transition-1", expectations={
        "t1-lp-1": "not_yet", "t1-lp-4": "developing", "t1-lp-2": "demonstrating",
        "t1-rm-2": "developing", "t1-sw-1": "demonstrating",
    })
    found = suggest_actions(doc, packs)
    assert keys(found) == ["dimension:leading-people", "dimension:resource-management"]
    people = found[0]
    assert people.gap == {"kind": "dimension", "ref": "leading-people"}
    assert people.text == ("Develop leading people inclusively and compassionately for career "
                           "transition 1: manages how well a service or programme performs and "
                           "keeps improving it (and 1 more)")
    assert people.reason == ("2 of 5 expectations under Leading people inclusively and "
                             "compassionately are not yet demonstrated (1 Not yet, 1 Developing).")


def test_experiences_missing_or_planned(packs):
    doc = empty_document()
    doc["transition"].update(transition="transition-2", experiences={
        "t2-exp-3": "missing", "t2-exp-7": "planned", "t2-exp-1": "had"})
    found = suggest_actions(doc, packs)
    assert keys(found) == ["experience:t2-exp-3", "experience:t2-exp-7"]
    assert found[0].gap == {"kind": "experience", "ref": "t2-exp-3"}
    assert found[0].text == ("Seek experience of strategy development: developing a strategy for "
                             "a function that looks at least a year ahead")
    assert found[1].text.startswith("Arrange the planned experience of external relationships: ")
    assert found[1].reason == "Marked Planned for Career transition 2."


def test_transition_ratings_ignored_until_a_transition_is_chosen(packs):
    doc = empty_document()
    doc["transition"].update(expectations={"t1-lp-1": "not_yet"}, experiences={"t1-exp-1": "missing"})
    assert suggest_actions(doc, packs) == []


def test_only_planned_avenues(packs):
    doc = empty_document()
    doc["wheel"]["avenues"] = {"coaching": "planned", "secondments": "active",
                               "shadowing": "exploring", "master-classes": "planned"}
    found = suggest_actions(doc, packs)
    assert keys(found) == ["avenue:coaching", "avenue:master-classes"]
    assert found[0].text == ("Coaching: agree a first step and a date, for example six sessions "
                             "through the regional coaching register")


def test_dismissed_and_already_planned_gaps_are_skipped(packs):
    doc = empty_document()
    doc["competencies"].update(current_level=1, ratings={
        "change-catalyst": {"manager": 1}, "hr-od-expert": {"manager": 2},
        "strategic-operator": {"self": 2}})
    doc["wheel"]["avenues"] = {"mentoring": "planned", "networks": "planned"}
    doc["plan"]["dismissed_suggestions"] = ["competency:hr-od-expert", "avenue:networks"]
    doc["plan"]["actions"] = [{"id": "a1", "text": "Lead the rota change project",
                               "gap": {"kind": "competency", "ref": "change-catalyst"}}]
    assert keys(suggest_actions(doc, packs)) == ["competency:strategic-operator", "avenue:mentoring"]


def test_order_follows_the_conversation(packs):
    doc = empty_document()
    doc["competencies"].update(current_level=3, ratings={"business-focused": {"self": 2}})
    doc["transition"].update(transition="transition-1", expectations={"t1-vs-2": "not_yet"},
                             experiences={"t1-exp-5": "missing"})
    doc["wheel"]["avenues"] = {"acting-up": "planned"}
    assert keys(suggest_actions(doc, packs)) == [
        "competency:business-focused", "dimension:vision-strategy", "experience:t1-exp-5",
        "avenue:acting-up"]


def test_a_suggestion_becomes_a_plan_action(packs):
    doc = empty_document()
    doc["wheel"]["avenues"] = {"reverse-mentoring": "planned"}
    (suggestion,) = suggest_actions(doc, packs)
    action = suggestion.as_action("act-1")
    assert action["gap"] == {"kind": "avenue", "ref": "reverse-mentoring"}
    assert action["suggested"] is True and action["id"] == "act-1"
    assert set(action) == {"id", "text", "gap", "support", "success_measure", "owner",
                           "target_date", "review_date", "suggested"}
    doc["plan"]["actions"].append(action)
    assert suggest_actions(doc, packs) == []


def test_ranked_the_weakest_competency_first_then_what_is_already_planned(packs):
    doc = empty_document()
    doc["competencies"].update(current_level=3, target_level=4, ratings={
        "business-focused": {"self": 2}, "change-catalyst": {"manager": 1}})
    doc["transition"].update(transition="transition-1", expectations={"t1-vs-2": "not_yet"},
                             experiences={"t1-exp-5": "missing", "t1-exp-1": "planned"})
    doc["wheel"]["avenues"] = {"acting-up": "planned"}
    ranked = keys(rank_suggestions(suggest_actions(doc, packs)))
    assert ranked[:3] == ["competency:change-catalyst", "competency:business-focused",
                          "experience:t1-exp-1"]
    assert ranked.index("avenue:acting-up") < ranked.index("dimension:vision-strategy")
    assert ranked.index("dimension:vision-strategy") < ranked.index("competency:hr-od-expert")
    assert ranked[-1] == "experience:t1-exp-5"  # an experience not had: worth knowing, not urgent
    assert sorted(ranked) == sorted(keys(suggest_actions(doc, packs)))  # none lost
