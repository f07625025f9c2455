"""When a step is complete and what a plan still lacks: the rules the wizard, the PDF and a
report share, tested without a window."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from rmp_desktop.domain.completeness import (
    STEP_RULES,
    empty_steps,
    plan_gaps,
    step_complete,
    worth_checking,
)
from rmp_desktop.domain.conversation import STEP_IDS, Kind, empty_document
from rmp_desktop.domain.plan_rules import (
    action_problems,
    date_problem,
    objective_problems,
    past_objective_problems,
    wellbeing_action_problems,
)
from tests.fixtures.full_record import MANAGER, document, packs

HELD_ON = date(2025, 3, 14)
DETAILS = {"kind": "both", "held_on": HELD_ON, "manager_name": MANAGER}


@pytest.fixture(scope="module")
def builtin():
    return packs()


def where(gaps) -> list[tuple[str, str]]:
    return [(g.step, g.item) for g in gaps]


def complete(builtin) -> dict:
    """The full record, with every expectation of its transition rated too."""
    doc = document()
    transition = builtin.transitions.transition(doc["transition"]["transition"])
    for expectation in transition.all_expectations():
        doc["transition"]["expectations"].setdefault(expectation.id, "developing")
    doc["talent"] = {"included": True, "grid": builtin.talent.id,
                     "self": {"up": "impact-steady", "across": "growth-depth"},
                     "manager": {"up": "impact-steady", "across": "growth-breadth"},
                     "reason": "Steady delivery, curious about other areas"}
    return doc


def test_the_optional_talent_step_is_never_missing_when_left_out_and_listed_when_begun(builtin):
    doc = complete(builtin)
    doc["talent"] = {"included": False, "grid": "", "self": {"up": "", "across": ""},
                     "manager": {"up": "", "across": ""}, "reason": ""}
    assert not step_complete("talent", doc, DETAILS, builtin)
    assert "talent" not in {g.step for g in plan_gaps(doc, DETAILS, builtin)}
    doc["talent"]["included"] = True
    talent = [g for g in where(plan_gaps(doc, DETAILS, builtin)) if g[0] == "talent"]
    assert talent == [("talent", "manager"), ("talent", "reason")]


def test_every_step_of_a_full_record_is_complete_and_a_new_one_has_only_set_up(builtin):
    full = complete(builtin)
    assert [s for s in STEP_IDS if not step_complete(s, full, DETAILS, builtin)] == []
    empty = empty_document()
    assert [s for s in STEP_IDS if step_complete(s, empty, DETAILS, builtin)] == ["setup"]
    assert not step_complete("setup", empty, {**DETAILS, "manager_name": "  "}, builtin)
    assert not step_complete("no such step", full, DETAILS, builtin)
    assert set(STEP_RULES) == set(STEP_IDS)  # every step's rule can be explained


@pytest.mark.parametrize(("step", "undo"), [
    ("looking_back", lambda d: d["looking_back"]["objectives"][0].update(outcome="")),
    ("competencies", lambda d: d["competencies"].update(target_level=None)),
    ("competencies", lambda d: d["competencies"]["ratings"]["hr-od-expert"].update(manager=None)),
    ("transition", lambda d: d["transition"]["expectations"].pop("t1-rm-1")),
    ("wheel", lambda d: d["wheel"].update(avenues={"shadowing": "not_considered"})),
    ("plan", lambda d: d["plan"].update(actions=[])),
    ("aspirations", lambda d: d["aspirations"].update(time_horizon="")),
    ("summary", lambda d: d["summary"].update(comments_visited=False)),
])
def test_one_thing_taken_away_makes_its_step_incomplete(builtin, step, undo):
    doc = complete(builtin)
    assert step_complete(step, doc, DETAILS, builtin)
    undo(doc)
    assert not step_complete(step, doc, DETAILS, builtin)


def test_a_transition_skipped_on_purpose_is_complete_once_the_reason_is_written(builtin):
    doc = document()
    doc["transition"].update(transition="", notes="")
    assert not step_complete("transition", doc, DETAILS, builtin)
    doc["transition"]["notes"] = "Not looking to step up this year."
    assert step_complete("transition", doc, DETAILS, builtin)


def test_a_full_record_lacks_nothing(builtin):
    assert plan_gaps(document(), DETAILS, builtin) == []
    assert worth_checking(document(), DETAILS, builtin) == []


def test_an_empty_plan_lacks_everything_and_says_where(builtin):
    gaps = plan_gaps(empty_document(), {**DETAILS, "manager_name": ""}, builtin)
    assert where(gaps) == [("setup", "manager_name"), ("competencies", "ratings"),
                           ("plan", "objectives"), ("plan", "actions"),
                           ("summary", "employee_comments")]
    assert str(gaps[0]) == "Set-up: Enter the manager's name."
    # What sign-off itself lists (no objective, comments not offered) is not said twice.
    assert where(worth_checking(empty_document(), {**DETAILS, "manager_name": ""}, builtin)) == [
        ("setup", "manager_name"), ("competencies", "ratings"), ("plan", "actions")]


def test_a_plan_without_an_edi_objective_or_review_date_is_worth_checking(builtin):
    doc = document()
    for objective in doc["plan"]["objectives"]:
        objective["edi"] = False
    for action in doc["plan"]["actions"]:
        action["review_date"] = ""
    assert where(worth_checking(doc, DETAILS, builtin)) == [("plan", "edi"),
                                                          ("plan", "review_date")]


def test_unfinished_rows_are_named_by_number(builtin):
    doc = document()
    doc["plan"]["objectives"][0]["measure"] = ""
    doc["plan"]["objectives"][2]["due"] = "2024-01-01"  # before the conversation
    doc["plan"]["actions"][1]["gap"] = {"kind": "", "ref": ""}
    gaps = {g.item: g.message for g in plan_gaps(doc, DETAILS, builtin)}
    assert gaps["objective_details"].startswith("Complete objective 1 and 3 (")
    assert gaps["action_details"].startswith("Complete action 2 (")


def test_a_career_conversation_does_not_look_back(builtin):
    doc = document()
    doc["looking_back"]["objectives"][0]["outcome"] = ""
    assert ("looking_back", "objectives") in where(plan_gaps(doc, DETAILS, builtin))
    career = {**DETAILS, "kind": "career"}
    assert ("looking_back", "objectives") not in where(plan_gaps(doc, career, builtin))


# -- rows of the plan --------------------------------------------------------------------------

def test_plan_dates_are_read_day_first_and_must_follow_the_conversation():
    assert date_problem("", HELD_ON, required=False, what="a review date") is None
    assert date_problem(" ", HELD_ON, required=True, what="a target date") == "Add a target date."
    assert date_problem("30 Sept 2025", HELD_ON, required=True, what="x") is None
    assert date_problem("14/3/2025", HELD_ON, required=True, what="x") is None  # the same day
    assert date_problem("13/3/2025", HELD_ON, required=True, what="x") == (
        "This date (13 Mar 2025) is before the conversation on 14 Mar 2025; choose a date "
        "after it.")
    assert "two-digit year" in date_problem("1/4/25", HELD_ON, required=True, what="x")


def test_an_objective_needs_words_a_measure_and_a_date():
    assert objective_problems({"text": "Lead", "measure": "Done", "due": "2025-06-30"},
                              HELD_ON) == {}
    assert set(objective_problems({}, HELD_ON)) == {"text", "measure", "due"}


def test_an_action_needs_a_gap_owner_measure_and_target():
    action = copy.deepcopy(document()["plan"]["actions"][0])
    assert action_problems(action, HELD_ON) == {}
    action["gap"] = {"kind": "competency", "ref": ""}
    assert action_problems(action, HELD_ON) == {"gap_ref": "Choose which one it closes."}
    action["gap"] = {"kind": "other", "ref": ""}  # not linked to the framework, on purpose
    assert action_problems(action, HELD_ON) == {}
    action["review_date"] = "sometime"
    assert set(action_problems(action, HELD_ON)) == {"review_date"}
    assert set(action_problems({"gap": "not a dict"}, HELD_ON)) == {
        "text", "gap_kind", "owner", "success_measure", "target_date"}


def test_objectives_looked_back_on_and_wellbeing_actions():
    assert past_objective_problems({"text": "Audit", "outcome": "met"}) == {}
    assert set(past_objective_problems({"text": " "})) == {"text", "outcome"}
    assert wellbeing_action_problems({"text": "Walk at lunch"}) == {}
    assert wellbeing_action_problems({"text": ""}) == {"text": "Write the action, or remove it."}


def test_three_unfinished_rows_are_listed_with_commas_then_and(builtin):
    doc = document()
    for objective in doc["plan"]["objectives"][:3]:
        objective["measure"] = ""
    gaps = {g.item: g.message for g in plan_gaps(doc, DETAILS, builtin)}
    assert gaps["objective_details"] == ("Complete objective 1, 2 and 3 (a measure and a date "
                                         "after the conversation).")


def test_looking_back_asks_for_an_outcome_for_every_objective_and_every_action(builtin):
    doc = document()
    doc["looking_back"]["objectives"][0]["outcome"] = ""
    doc["looking_back"]["actions"] = [{"id": "x1", "text": "Shadow a tribunal", "outcome": ""},
                                      {"id": "x2", "text": "Lead a panel", "outcome": "met"}]
    gaps = {(g.step, g.item): g.message for g in plan_gaps(doc, DETAILS, builtin)}
    assert gaps[("looking_back", "objectives")] == \
        "Choose an outcome for every previous objective."
    assert gaps[("looking_back", "actions")] == \
        "Choose an outcome for every action from the last plan."
    doc["looking_back"]["actions"][0]["outcome"] = "met"
    assert ("looking_back", "actions") not in where(plan_gaps(doc, DETAILS, builtin))


def test_the_competency_and_talent_gaps_say_what_to_do(builtin):
    doc = document()
    doc["competencies"]["current_level"] = 0
    doc["talent"] = {"included": True, "manager": {}, "reason": ""}
    gaps = {(g.step, g.item): g.message for g in plan_gaps(doc, DETAILS, builtin)}
    assert gaps[("competencies", "ratings")] == \
        "Set both levels and rate every area, self and manager."
    assert gaps[("talent", "manager")] == ("Choose where the manager places the person on the "
                                           "grid, or leave the step out.")
    assert gaps[("talent", "reason")] == "Write the reason for the placement in words."


# -- steps with nothing recorded ----------------------------------------------------------------

def test_empty_steps_are_those_with_nothing_entered():
    doc = empty_document()
    doc["competencies"].update(current_level=3, target_level=3)  # suggested, not entered
    doc["transition"]["stream"] = "stream-1"
    doc["wheel"]["avenues"] = {"mentoring": "not_considered"}
    assert empty_steps(doc, "career") == ["reflection", "wellbeing", "aspirations",
                                          "competencies", "talent", "transition", "wheel",
                                          "plan"]
    doc["reflection"]["went_well"] = "The rota project"
    doc["wheel"]["avenues"]["coaching"] = "exploring"
    assert "reflection" not in empty_steps(doc, "both") and "wheel" not in empty_steps(doc, "both")
    assert "looking_back" in empty_steps(doc, "both") and "looking_back" not in empty_steps(
        doc, "career")



EVERY_STEP_BUT_SETUP_AND_SUMMARY = ["reflection", "looking_back", "wellbeing", "aspirations",
                                    "competencies", "talent", "transition", "wheel", "plan"]


def test_a_new_conversation_has_nothing_recorded_in_any_step_but_set_up_and_summary_aside():
    assert empty_steps(empty_document(), "both") == EVERY_STEP_BUT_SETUP_AND_SUMMARY
    assert empty_steps(empty_document(), Kind.CAREER) == [
        s for s in EVERY_STEP_BUT_SETUP_AND_SUMMARY if s != "looking_back"]


def test_what_is_filled_in_for_people_or_kept_for_bookkeeping_is_not_recorded():
    doc = empty_document()
    doc["setup"].update(person={"name": "Ada Okafor"}, carried_forward=[{"text": "Lead"}],
                        questions=[{"text": "Next year?"}])
    doc["competencies"].update(current_level=3, target_level=4)
    doc["transition"]["stream"] = "stream-1"
    doc["plan"].update(dismissed_suggestions=["s1"], proposed_objectives=[{"text": "Audit"}],
                       development_ideas=[{"text": "Read"}])
    doc["wellbeing"]["share_in_record"] = True
    doc["looking_back"]["action_progress"] = [{"id": "a1", "progress": "done"}]
    doc["plan"]["objectives"] = [{"id": "o1", "text": " ", "edi": False}]  # a row's id is not
    assert empty_steps(doc, "both") == EVERY_STEP_BUT_SETUP_AND_SUMMARY


@pytest.mark.parametrize(("step", "key", "value"), [
    ("reflection", "went_well", "not_considered"),  # words, outside the wheel
    ("wellbeing", "areas", {"sleep": "Tired after nights"}),
    ("aspirations", "target_level", 3),
    ("aspirations", "directions", ["depth"]),
    ("plan", "objectives", [{"id": "o1", "text": "Lead the audit"}]),
    ("talent", "included", True),
    ("wheel", "avenues", {"mentoring": "exploring"}),
])
def test_one_thing_entered_makes_a_step_no_longer_empty(step, key, value):
    doc = empty_document()
    doc[step][key] = value
    assert empty_steps(doc, "both") == [s for s in EVERY_STEP_BUT_SETUP_AND_SUMMARY if s != step]


@pytest.mark.parametrize("avenues", [{"mentoring": "not_considered"},
                                     {"mentoring": ["not_considered", " "]}])
def test_an_avenue_not_considered_is_nothing_recorded_wherever_it_sits_in_the_wheel(avenues):
    doc = empty_document()
    doc["wheel"]["avenues"] = avenues
    assert "wheel" in empty_steps(doc, "both")


@pytest.mark.parametrize("section", [None, "Some text", ["a list"], 3])
def test_a_section_missing_or_not_a_mapping_counts_as_empty(section):
    doc = empty_document()
    doc["reflection"]["went_well"] = "The rota project"
    doc["plan"] = section
    assert empty_steps(doc, "both") == [s for s in EVERY_STEP_BUT_SETUP_AND_SUMMARY
                                        if s != "reflection"]


# -- each step's rule, one input at a time ---------------------------------------------------

@pytest.mark.parametrize(("objectives", "actions", "done"), [
    ([], [], False),
    ([{"outcome": "met"}], [], True),
    ([], [{"outcome": "met"}], True),
    ([{"outcome": "met"}], [{"outcome": ""}], False),
    ([{"outcome": ""}], [{"outcome": "met"}], False),
])
def test_looking_back_is_complete_when_every_objective_and_action_has_an_outcome(
        builtin, objectives, actions, done):
    doc = empty_document()
    doc["looking_back"].update(objectives=objectives, actions=actions)
    assert step_complete("looking_back", doc, DETAILS, builtin) is done


@pytest.mark.parametrize(("key", "value"), [
    ("areas", {"sleep": "Tired after nights"}),
    ("flexible_working", "Compressed hours"),
    ("support_signposted", "Occupational health"),
])
def test_wellbeing_is_complete_with_any_one_note(builtin, key, value):
    doc = empty_document()
    assert not step_complete("wellbeing", doc, DETAILS, builtin)
    doc["wellbeing"][key] = value
    assert step_complete("wellbeing", doc, DETAILS, builtin)
    doc["wellbeing"][key] = {"sleep": "  "} if key == "areas" else "  "
    assert not step_complete("wellbeing", doc, DETAILS, builtin)


@pytest.mark.parametrize("rows", [None, "Lead the audit", {"text": "Lead the audit"}])
def test_plan_rows_that_are_not_a_list_count_as_none(builtin, rows):
    doc = empty_document()
    doc["plan"].update(objectives=rows, actions=rows)
    assert not step_complete("plan", doc, DETAILS, builtin)
    assert ("plan", "objectives") in where(plan_gaps(doc, DETAILS, builtin))


def test_each_plan_gap_says_what_to_do_and_where(builtin):
    gaps = plan_gaps(empty_document(), DETAILS, builtin)
    assert [(g.step, g.item, g.message) for g in gaps if g.step in ("plan", "summary")] == [
        ("plan", "objectives", "Agree at least one objective."),
        ("plan", "actions", "Agree at least one development action."),
        ("summary", "employee_comments",
         "Read the record back together and offer the chance to comment.")]
    doc = document()
    doc["plan"]["objectives"][0].update(edi=False, measure="")
    for objective in doc["plan"]["objectives"][1:]:
        objective["edi"] = False
    doc["plan"]["actions"][0]["owner"] = ""
    for action in doc["plan"]["actions"]:
        action["review_date"] = ""
    assert [(g.step, g.item, g.message) for g in plan_gaps(doc, DETAILS, builtin)] == [
        ("plan", "edi", "Agree at least one equality, diversity and inclusion objective."),
        ("plan", "objective_details",
         "Complete objective 1 (a measure and a date after the conversation)."),
        ("plan", "action_details",
         "Complete action 1 (the gap, owner, success measure and a target date after the "
         "conversation)."),
        ("plan", "review_date", "Set a review date for at least one action.")]
