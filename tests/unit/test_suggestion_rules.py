"""Suggested actions word for word, with their priorities, on the shipped packs and on packs
changed to reach the edges (an avenue without examples, an experience without a name)."""

from __future__ import annotations

import dataclasses

import pytest

from rmp_desktop.content.loader import load_builtin
from rmp_desktop.domain.conversation import empty_document
from rmp_desktop.domain.packs import Avenue, Experience
from rmp_desktop.domain.suggestions import Suggestion, suggest_actions


@pytest.fixture(scope="module")
def packs():
    return load_builtin()


def only(suggestions: list[Suggestion], key: str) -> Suggestion:
    return next(s for s in suggestions if s.key == key)


def test_a_weak_rating_while_aiming_higher_is_strengthened_first_with_both_reasons(packs):
    doc = empty_document()
    doc["competencies"].update(current_level=2, target_level=3, ratings={
        "change-catalyst": {"manager": 1}, "hr-od-expert": {"self": 2}})
    found = suggest_actions(doc, packs)
    change = only(found, "competency:change-catalyst")
    assert change.text.startswith("Strengthen Change Catalyst at level 2: ")
    assert change.reason == ("Manager rating at level 2 is 1 (Not yet), below Established; the "
                             "target is level 3, above the current level 2.")
    assert change.priority == 50
    expert = only(found, "competency:hr-od-expert")
    assert expert.reason.startswith("Self rating at level 2 is 2 (Developing), below")
    assert expert.priority == 40
    assert only(found, "competency:strategic-operator").priority == 10


@pytest.mark.parametrize("level", [0, 5, True, "2", None])
def test_a_current_level_outside_one_to_four_suggests_nothing(packs, level):
    doc = empty_document()
    doc["competencies"].update(current_level=level, target_level=4,
                               ratings={"change-catalyst": {"manager": 1}})
    assert suggest_actions(doc, packs) == []


def test_a_rating_outside_one_to_four_is_no_rating(packs):
    doc = empty_document()
    doc["competencies"].update(current_level=2, ratings={
        "change-catalyst": {"manager": 0, "self": 2}, "hr-od-expert": {"manager": 5, "self": 1},
        "business-focused": {"manager": False, "self": 4}})
    found = suggest_actions(doc, packs)
    assert [s.key for s in found] == ["competency:hr-od-expert", "competency:change-catalyst"]
    assert found[1].reason.startswith("Self rating at level 2 is 2 (Developing)")


def expectations_doc(ratings: dict[str, str]) -> dict:
    doc = empty_document()
    doc["transition"].update(transition="transition-1", expectations=ratings)
    return doc


def test_one_weak_expectation_is_named_without_more(packs):
    (found,) = suggest_actions(expectations_doc({"t1-sw-2": "developing"}), packs)
    assert found.key == "dimension:system-working"
    assert found.text == ("Develop system working and collaboration for career transition 1: "
                          "works as a collaborative partner with other teams and services to "
                          "improve how the system delivers and to get the best results for "
                          "patients")
    assert found.reason == ("1 of 2 expectations under System working and collaboration are "
                            "not yet demonstrated (1 Developing).")
    assert found.priority == 21


def test_a_dimensions_reason_counts_each_rating_and_its_priority_weighs_not_yet_double(packs):
    (found,) = suggest_actions(expectations_doc(
        {"t1-lp-1": "not_yet", "t1-lp-2": "not_yet", "t1-lp-3": "developing",
         "t1-lp-4": "demonstrating"}), packs)
    assert found.text.endswith(" (and 2 more)")
    assert found.reason == ("3 of 5 expectations under Leading people inclusively and "
                            "compassionately are not yet demonstrated (2 Not yet, 1 Developing).")
    assert found.priority == 25  # 20 + 2 x 2 not yet + 1 developing
    (only_not_yet,) = suggest_actions(expectations_doc(
        {"t1-rm-1": "not_yet", "t1-rm-2": "not_yet"}), packs)
    assert only_not_yet.reason.endswith("are not yet demonstrated (2 Not yet).")
    assert only_not_yet.priority == 24


def test_a_dimensions_priority_stays_below_what_is_already_planned(packs):
    (found,) = suggest_actions(expectations_doc(dict.fromkeys(
        ("t1-lp-1", "t1-lp-2", "t1-lp-3", "t1-lp-4", "t1-lp-5"), "not_yet")), packs)
    assert found.priority == 29


def test_a_dimension_the_transition_has_no_expectations_under_is_skipped(packs):
    transition = packs.transitions.transition("transition-1")
    fewer = dataclasses.replace(transition, expectations={
        k: v for k, v in transition.expectations.items() if k != "leading-people"})
    changed = dataclasses.replace(packs, transitions=dataclasses.replace(
        packs.transitions, transitions=(fewer, *packs.transitions.transitions[1:])))
    found = suggest_actions(expectations_doc({"t1-lp-1": "not_yet", "t1-vs-1": "not_yet"}),
                            changed)
    assert [s.key for s in found] == ["dimension:vision-strategy"]
    assert found[0].reason.startswith("1 of 5 expectations under Vision and strategy")


def test_experiences_in_words_with_their_priorities(packs):
    doc = empty_document()
    doc["transition"].update(transition="transition-1",
                             experiences={"t1-exp-1": "planned", "t1-exp-2": "missing"})
    planned, missing = suggest_actions(doc, packs)
    assert (planned.key, planned.priority) == ("experience:t1-exp-1", 30)
    assert planned.text.startswith("Arrange the planned experience of continuous improvement: "
                                   "researching practice and new initiatives")
    assert planned.reason == "Marked Planned for Career transition 1."
    assert (missing.key, missing.priority) == ("experience:t1-exp-2", 5)
    assert missing.reason == "Marked Not yet had for Career transition 1."


@pytest.mark.parametrize(("name", "label"), [
    ("", ""), ("A", " of A"), ("IT", " of IT"), ("Up", " of up"),
    ("NHS links", " of NHS links"), ("Board work", " of board work")])
def test_an_experiences_heading_is_used_mid_sentence_only_when_it_has_one(packs, name, label):
    transition = packs.transitions.transition("transition-1")
    plain = dataclasses.replace(transition, experiences=(
        Experience(id="t1-exp-x", text="Chairing a panel.", name=name),))
    changed = dataclasses.replace(packs, transitions=dataclasses.replace(
        packs.transitions, transitions=(plain, *packs.transitions.transitions[1:])))
    doc = empty_document()
    doc["transition"].update(transition="transition-1", experiences={"t1-exp-x": "missing"})
    (found,) = suggest_actions(doc, changed)
    assert found.text == f"Seek experience{label}: chairing a panel"


def wheel_with(packs, *avenues: Avenue):
    return dataclasses.replace(packs, wheel=dataclasses.replace(packs.wheel, avenues=avenues))


def test_an_avenue_in_words(packs):
    doc = empty_document()
    doc["wheel"]["avenues"] = {"shadowing": "planned"}
    (found,) = suggest_actions(doc, packs)
    assert found.reason == "Marked Planned on the exposure wheel."
    assert found.priority == 30
    plain = Avenue(id="board", name="Board visits", group="g", description="", examples=())
    ending = Avenue(id="nhsx", name="NHS X", group="g", description="",
                    examples=("Work with NHS X.", "Another"))
    doc["wheel"]["avenues"] = {"board": "planned", "nhsx": "planned"}
    board, nhsx = suggest_actions(doc, wheel_with(packs, plain, ending))
    assert board.text == "Board visits: agree a first step and a date"
    assert nhsx.text == "NHS X: agree a first step and a date, for example work with NHS X"


def test_an_action_for_another_kind_of_gap_with_the_same_id_hides_nothing(packs):
    doc = empty_document()
    doc["wheel"]["avenues"] = {"coaching": "planned"}
    doc["plan"]["actions"] = [{"id": "a1", "gap": {"kind": "competency", "ref": "coaching"}},
                              {"id": "a2", "gap": {"ref": "coaching"}},
                              {"id": "a3", "gap": {"kind": "avenue"}}, {"id": "a4"}, "a5"]
    assert [s.key for s in suggest_actions(doc, packs)] == ["avenue:coaching"]
    doc["plan"]["actions"].append({"id": "a6", "gap": {"kind": "avenue", "ref": "coaching"}})
    assert suggest_actions(doc, packs) == []


def test_a_suggestion_taken_up_is_an_empty_action_but_for_its_words_and_gap():
    suggestion = Suggestion("avenue:coaching", "Coaching: agree a first step",
                            {"kind": "avenue", "ref": "coaching"}, "Marked Planned.")
    assert suggestion.as_action("a9") == {
        "id": "a9", "text": "Coaching: agree a first step",
        "gap": {"kind": "avenue", "ref": "coaching"}, "support": "", "success_measure": "",
        "owner": "", "target_date": "", "review_date": "", "suggested": True}
    assert suggestion.priority == 0
