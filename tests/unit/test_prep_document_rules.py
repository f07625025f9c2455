"""One's own preparation through the pages' document shape and back, rule by rule.

Known answers for domain.prep_document: what each page is given to show (only the person's
own columns, nothing not considered), what each page's edit is saved as (in the packs' order,
with the packs' words as labels, blank answers left out), and when a step counts as answered.
"""

from __future__ import annotations

import dataclasses

import pytest

from rmp_desktop.content.loader import load_builtin
from rmp_desktop.domain.conversation import empty_document
from rmp_desktop.domain.prep_document import (
    FLEXIBLE_WORKING_LABEL,
    OWN_STEP_IDS,
    OWN_STEP_TITLES,
    answered,
    as_document,
    as_part,
    own_section,
    part_for,
    set_own_section,
)
from rmp_desktop.domain.preparation import empty_content
from tests.exchange_support import full_content


@pytest.fixture(scope="module")
def packs():
    return load_builtin()


def test_the_steps_their_titles_and_the_parts_they_are_saved_as():
    assert OWN_STEP_IDS == ("reflection", "looking_back", "wellbeing", "aspirations",
                            "competencies", "transition", "wheel", "plan", "questions")
    assert OWN_STEP_TITLES["plan"] == "What I would like to propose"
    assert OWN_STEP_TITLES["wellbeing"] == "Health and wellbeing"
    assert [part_for(s) for s in OWN_STEP_IDS] == [
        "reflection", "looking_back", "wellbeing", "aspirations", "competencies",
        "transition", "wheel", "proposals", "questions"]
    assert FLEXIBLE_WORKING_LABEL == "Flexible working"


# -- what the pages are given --------------------------------------------------------------------

def test_nothing_yet_gives_the_empty_conversation_and_no_questions(packs):
    document = as_document(None, packs)
    expected = {**empty_document(), "questions": {"questions": []}}
    expected["wellbeing"] = {**expected["wellbeing"], "shared": []}
    assert document == expected
    assert as_document({}, packs) == expected


def test_a_full_preparation_fills_each_page_with_the_persons_own_answers(packs):
    document = as_document(full_content(), packs)
    assert document["reflection"] == full_content()["reflection"]
    assert document["looking_back"] == {**empty_document()["looking_back"],
                                        "objectives": full_content()["looking_back"]["objectives"],
                                        "feedback": "Managers say the advice is quick and clear."}
    assert document["wellbeing"] == {
        **empty_document()["wellbeing"],
        "areas": {"mental": "Month end is heavy; I want focus time.",
                  "financial": "A private worry, for me only."},
        "flexible_working": "I would like one day a week at home.",
        "shared": ["mental", "flexible-working"]}
    assert document["aspirations"] == full_content()["aspirations"]
    assert document["competencies"] == {
        "framework": "", "last_time": {}, "current_level": 3, "target_level": 3,
        "ratings": {"strategic-operator": {
            "self": 2, "manager": None,
            "evidence": "Linked the casework trends to the people plan."},
            "relationship-builder": {
                "self": 4, "manager": None,
                "evidence": "Trusted by the staff side and the divisions."}}}
    assert document["transition"] == {
        "stream": "stream-1", "transition": "transition-1",
        "expectations": {"t1-lp-1": "developing"},
        "experiences": {"t1-exp-1": "had", "t1-exp-2": "missing"},
        "notes": "Leading a service is the real step for me."}
    assert document["wheel"] == {"avenues": {"shadowing": "planned", "mentoring": "exploring"},
                                 "notes": "Shadowing the deputy director first."}
    assert document["plan"] == {**empty_document()["plan"],
                                "proposed_objectives": full_content()["proposals"]["objectives"],
                                "development_ideas": full_content()["proposals"]["ideas"]}
    assert document["questions"] == {"questions": full_content()["questions"]}
    assert document["setup"] == empty_document()["setup"]


def test_missing_fields_are_shown_empty_and_what_was_not_chosen_is_left_out(packs):
    content = {
        "reflection": {"went_well": 5},
        "looking_back": {"objectives": [{"id": 7}]},
        "wellbeing": {"notes": [{"text": "No area"}, {"area": "social", "share": 1}]},
        "competencies": {"ratings": [{"area": "change-catalyst"}]},
        "transition": {"expectations": [{"id": "t1-lp-1", "rating": ""}],
                       "experiences": [{"id": "t1-exp-1", "state": ""},
                                       {"id": "t1-exp-2", "state": "planned"}]},
        "wheel": {"avenues": [{"id": "shadowing", "status": "not_considered"},
                              {"id": "mentoring", "status": "done"}]},
        "proposals": {"objectives": [{"id": "p1"}], "ideas": [{"id": "i1"}]},
        "questions": [{"id": "q1"}]}
    document = as_document(content, packs)
    assert document["reflection"] == {"went_well": "5", "was_hard": "", "proud_of": "",
                                      "hopes": ""}
    assert document["looking_back"]["objectives"] == [
        {"id": "7", "text": "", "outcome": "", "evidence": ""}]
    assert document["looking_back"]["feedback"] == ""
    assert (document["wellbeing"]["areas"], document["wellbeing"]["shared"],
            document["wellbeing"]["flexible_working"]) == ({"": "No area", "social": ""}, [], "")
    assert document["competencies"]["ratings"] == {
        "change-catalyst": {"self": None, "manager": None, "evidence": ""}}
    assert (document["competencies"]["current_level"],
            document["competencies"]["target_level"]) == (None, None)
    assert document["transition"] == {"stream": "", "transition": "", "expectations": {},
                                      "experiences": {"t1-exp-2": "planned"}, "notes": ""}
    assert document["wheel"] == {"avenues": {"mentoring": "done"}, "notes": ""}
    assert document["plan"]["proposed_objectives"] == [
        {"id": "p1", "text": "", "measure": "", "due": ""}]
    assert document["plan"]["development_ideas"] == [{"id": "i1", "text": ""}]
    assert document["questions"] == {"questions": [{"id": "q1", "text": ""}]}


def test_the_document_is_a_copy_the_pages_may_change(packs):
    content = full_content()
    document = as_document(content, packs)
    document["aspirations"]["directions"].append("breadth")
    document["looking_back"]["objectives"][0]["text"] = "Changed"
    assert content["aspirations"]["directions"] == ["stretch", "depth"]
    assert content["looking_back"]["objectives"][0]["text"] == (
        "Launch the early resolution service")


def test_one_section_is_read_and_replaced_by_its_step(packs):
    document = as_document(full_content(), packs)
    assert own_section(document, "questions") == {"questions": full_content()["questions"]}
    body = {"questions": [{"id": "q2", "text": "When?"}]}
    set_own_section(document, "questions", body)
    assert document["questions"] == body and document["questions"] is not body
    with pytest.raises(KeyError, match="'summary' is not a step of one's own preparation"):
        set_own_section(document, "summary", {})


# -- what each page's edit is saved as ----------------------------------------------------------

def test_reflection_and_looking_back_are_saved_as_text(packs):
    assert as_part("reflection", {"went_well": "Good", "hopes": 3}, packs) == (
        "reflection", {"went_well": "Good", "was_hard": "", "proud_of": "", "hopes": "3"})
    assert as_part("looking_back", {"objectives": [
        "junk", {"id": "o1", "text": "Launch", "outcome": "met"}]}, packs) == (
        "looking_back", {"objectives": [{"id": "o1", "text": "Launch", "outcome": "met",
                                         "evidence": ""}], "feedback": ""})
    assert as_part("looking_back", None, packs) == ("looking_back",
                                                    {"objectives": [], "feedback": ""})


def test_wellbeing_notes_are_saved_in_the_packs_order_then_unknown_areas_in_order(packs):
    _part, body = as_part("wellbeing", {
        "areas": {"zeal": "Z", "safety": "Lone working", "physical": "Back pain",
                  "alpha": "A", "social": " "},
        "flexible_working": "Compressed hours", "shared": ["safety", "flexible-working"]},
        packs)
    assert body == {"notes": [
        {"area": "physical", "label": "Physical", "text": "Back pain", "share": False},
        {"area": "safety", "label": "Safety", "text": "Lone working", "share": True},
        {"area": "alpha", "label": "alpha", "text": "A", "share": False},
        {"area": "zeal", "label": "zeal", "text": "Z", "share": False},
        {"area": "flexible-working", "label": "Flexible working", "text": "Compressed hours",
         "share": True}]}
    _part, body = as_part("wellbeing", {"flexible_working": "  ", "shared": None,
                                        "areas": None}, packs)
    assert body == {"notes": []}
    _part, body = as_part("wellbeing", {"flexible_working": "Home on Fridays"}, packs)
    assert body == {"notes": [{"area": "flexible-working", "label": "Flexible working",
                               "text": "Home on Fridays", "share": False}]}


def test_aspirations_are_saved_whole_with_what_is_missing_empty(packs):
    body = {"directions": ["depth"], "target_level": 2, "colour": "blue"}
    part, saved = as_part("aspirations", body, packs)
    assert (part, saved) == ("aspirations", {**empty_content()["aspirations"],
                                             "directions": ["depth"], "target_level": 2})
    saved["directions"].append("breadth")
    assert body["directions"] == ["depth"]


def test_competencies_are_saved_in_the_packs_order_without_untouched_areas(packs):
    part, body = as_part("competencies", {"current_level": 2, "target_level": 4, "ratings": {
        "zz-area": {"self": 1, "evidence": ""},
        "relationship-builder": {"self": None, "evidence": "Chairs the forum."},
        "strategic-operator": {"self": 3, "manager": 2},
        "aa-area": {"self": None, "evidence": "Old"},
        "hr-od-expert": {"self": None, "evidence": "   "},
        "change-catalyst": "not a rating"}}, packs)
    assert part == "competencies"
    assert body == {"current_level": 2, "target_level": 4, "ratings": [
        {"area": "strategic-operator", "label": "Strategic Operator", "self": 3,
         "evidence": ""},
        {"area": "relationship-builder", "label": "Relationship Builder", "self": None,
         "evidence": "Chairs the forum."},
        {"area": "aa-area", "label": "aa-area", "self": None, "evidence": "Old"},
        {"area": "zz-area", "label": "zz-area", "self": 1, "evidence": ""}]}
    assert as_part("competencies", {}, packs) == (
        "competencies", {"current_level": None, "target_level": None, "ratings": []})


def test_the_transition_is_saved_with_the_packs_words_for_each_item(packs):
    part, body = as_part("transition", {
        "stream": "stream-1", "transition": "transition-1",
        "expectations": {"t1-lp-2": "not_yet", "t1-lp-1": "", "old-x": "developing"},
        "experiences": {"t1-exp-3": "had", "t1-exp-1": None, "old-e": "planned"},
        "notes": "Soon."}, packs)
    assert part == "transition"
    assert body == {
        "stream": "stream-1", "transition": "transition-1",
        "expectations": [
            {"id": "t1-lp-2", "label": "Leads several teams and helps them cooperate so that "
                                       "together they work at their best.",
             "rating": "not_yet"},
            {"id": "old-x", "label": "old-x", "rating": "developing"}],
        "experiences": [{"id": "t1-exp-3", "label": "People leadership", "state": "had"},
                        {"id": "old-e", "label": "old-e", "state": "planned"}],
        "notes": "Soon."}
    assert as_part("transition", {}, packs) == ("transition", {
        "stream": "", "transition": "", "expectations": [], "experiences": [], "notes": ""})


def test_an_experience_without_a_short_name_is_labelled_by_its_words(packs):
    transitions = packs.transitions
    first = transitions.transitions[0]
    unnamed = dataclasses.replace(first, experiences=tuple(
        dataclasses.replace(e, name="") for e in first.experiences))
    changed = dataclasses.replace(transitions,
                                  transitions=(unnamed, *transitions.transitions[1:]))
    _part, body = as_part("transition", {"experiences": {"t1-exp-3": "had"}},
                          packs.with_pack(changed))
    assert body["experiences"] == [{"id": "t1-exp-3", "label": first.experiences[2].text,
                                    "state": "had"}]


def test_the_wheel_is_saved_in_the_packs_order_with_its_names(packs):
    part, body = as_part("wheel", {"avenues": {"mentoring": "exploring", "zz-old": "done",
                                               "shadowing": "planned", "aa-old": "active",
                                               "coaching": ""}, "notes": "First."}, packs)
    assert part == "wheel"
    assert body == {"avenues": [
        {"id": "shadowing", "label": "Shadowing", "status": "planned"},
        {"id": "mentoring", "label": "Mentoring", "status": "exploring"},
        {"id": "aa-old", "label": "aa-old", "status": "active"},
        {"id": "zz-old", "label": "zz-old", "status": "done"}], "notes": "First."}
    assert as_part("wheel", {"avenues": None}, packs) == ("wheel", {"avenues": [],
                                                                    "notes": ""})


def test_the_plan_and_questions_keep_only_rows(packs):
    assert as_part("plan", {"proposed_objectives": ["junk", {"id": "p1", "text": "Lead"}],
                            "development_ideas": [None, {"text": "Read"}]}, packs) == (
        "proposals", {"objectives": [{"id": "p1", "text": "Lead", "measure": "", "due": ""}],
                      "ideas": [{"id": "", "text": "Read"}]})
    assert as_part("plan", {}, packs) == ("proposals", {"objectives": [], "ideas": []})
    assert as_part("questions", {"questions": [{"id": "q1"}, "junk", {"text": "Why?"}]},
                   packs) == ("questions", [{"id": "q1", "text": ""}, {"id": "", "text": "Why?"}])
    assert as_part("questions", {}, packs) == ("questions", [])


@pytest.mark.parametrize("step", ["summary", "talent", "setup", ""])
def test_a_step_that_is_not_ones_own_is_refused_by_name(step, packs):
    with pytest.raises(ValueError) as caught:
        as_part(step, {}, packs)
    assert str(caught.value) == f"{step!r} is not a step of one's own preparation"


# -- when a step counts as answered --------------------------------------------------------------

@pytest.mark.parametrize("step, body, expected", [
    ("reflection", {"went_well": "  "}, False),
    ("reflection", {"hopes": "To lead"}, True),
    ("looking_back", {"objectives": [{"id": "o1", "text": "", "outcome": ""}]}, False),
    ("looking_back", {"objectives": [{"id": "o1", "outcome": "met"}]}, True),
    ("wellbeing", {"areas": {"mental": "Tired"}, "shared": []}, True),
    ("wellbeing", {"areas": {"mental": " "}, "shared": ["mental"]}, False),
    ("aspirations", {"target_level": 1}, True),
    ("aspirations", {"directions": []}, False),
    ("competencies", {"current_level": None, "ratings": {}}, False),
    ("competencies", {"ratings": {"strategic-operator": {"self": 2}}}, True),
    ("transition", {"stream": "stream-1"}, True),
    ("transition", {"expectations": {"t1-lp-1": ""}}, False),
    ("wheel", {"avenues": {"shadowing": "planned"}}, True),
    ("wheel", {"avenues": {}, "notes": "\n"}, False),
    ("plan", {"proposed_objectives": [{"id": "p1", "text": "", "measure": "", "due": ""}]},
     False),
    ("plan", {"development_ideas": [{"id": "i1", "text": "Read more"}]}, True),
    ("questions", {"questions": [{"id": "q1", "text": ""}]}, False),
    ("questions", {"questions": [{"id": "q1", "text": "Why?"}]}, True),
])
def test_a_step_is_answered_once_anything_is_written_or_chosen(step, body, expected, packs):
    assert answered(step, body, packs) is expected


def test_an_empty_step_is_not_answered(packs):
    empty = as_document(empty_content(), packs)
    assert [answered(step, empty[step], packs) for step in OWN_STEP_IDS] == [False] * 9
    assert answered("transition", {"experiences": {}, "expectations": {}}, packs) is False


def test_a_row_without_an_id_or_a_note_without_flexible_working_gets_empty_text(packs):
    assert as_part("looking_back", {"objectives": [{"text": "No id yet"}],
                                    "feedback": "Fine"}, packs) == (
        "looking_back", {"objectives": [{"id": "", "text": "No id yet", "outcome": "",
                                         "evidence": ""}], "feedback": "Fine"})
    assert as_part("wellbeing", {"areas": {"mental": "Tired"}}, packs) == (
        "wellbeing", {"notes": [{"area": "mental", "label": "Mental", "text": "Tired",
                                 "share": False}]})


def test_the_words_and_ids_that_name_a_row_are_not_answers(packs):
    # an expectation's words come with it even when its rating is blank
    assert answered("transition", {"expectations": {"t1-lp-1": " "}}, packs) is False
    # a rating row names its area, which is not an answer either; no is not an answer
    assert answered("competencies", {"ratings": {"strategic-operator": {"self": False}}},
                    packs) is False
    assert answered("competencies", {"ratings": {"strategic-operator": {"self": 1}}},
                    packs) is True


def test_parts_without_their_lists_are_shown_empty(packs):
    document = as_document({"wellbeing": {"notes": [
        {"area": "flexible-working", "share": True}, {"text": "Unplaced", "share": True}]},
        "competencies": {}, "transition": {}, "wheel": {}, "proposals": {}}, packs)
    assert (document["wellbeing"]["flexible_working"], document["wellbeing"]["areas"],
            document["wellbeing"]["shared"]) == ("", {"": "Unplaced"}, ["flexible-working", ""])
    assert document["competencies"]["ratings"] == {}
    assert document["transition"] == {"stream": "", "transition": "", "expectations": {},
                                      "experiences": {}, "notes": ""}
    assert document["wheel"] == {"avenues": {}, "notes": ""}
    assert (document["plan"]["proposed_objectives"], document["plan"]["development_ideas"]) \
        == ([], [])
    assert as_document({"wellbeing": {}}, packs)["wellbeing"]["areas"] == {}


def test_proposals_and_questions_without_words_are_saved_with_empty_text(packs):
    assert as_part("plan", {"proposed_objectives": [{"measure": "Adopted"}],
                            "development_ideas": [{"id": "i1"}]}, packs) == (
        "proposals", {"objectives": [{"id": "", "text": "", "measure": "Adopted", "due": ""}],
                      "ideas": [{"id": "i1", "text": ""}]})
