"""What a plan row lacks, in exactly the words shown beside each field (no Qt, no store)."""

from __future__ import annotations

from datetime import date

from rmp_desktop.domain.plan_rules import (
    action_problems,
    date_problem,
    objective_problems,
    past_objective_problems,
    wellbeing_action_problems,
)

HELD = date(2026, 10, 6)


def test_an_empty_objective_says_what_each_field_needs():
    assert objective_problems({}, HELD) == {
        "text": "Write the objective: what will be achieved.",
        "measure": "Add a measure: how will you both know it has been achieved?",
        "due": "Add a date to achieve it by.",
    }
    assert objective_problems({"text": " ", "measure": "\n", "due": ""}, HELD) == \
        objective_problems({}, HELD)


def test_a_complete_objective_and_its_date():
    whole = {"text": "Lead the pulse survey", "measure": "Response rate over 60%",
             "due": "2027-03-31"}
    assert objective_problems(whole, HELD) == {}
    early = objective_problems(dict(whole, due="2026-10-05"), HELD)
    assert early == {"due": "This date (5 Oct 2026) is before the conversation on 6 Oct 2026; "
                            "choose a date after it."}
    assert objective_problems(dict(whole, due="2026-10-06"), HELD) == {}  # the day itself


def test_an_empty_action_says_what_each_field_needs():
    assert action_problems({}, HELD) == {
        "text": "Write the action: what will be done.",
        "gap_kind": "Choose the kind of gap this action closes.",
        "owner": "Say who will make it happen.",
        "success_measure": "Add a success measure: how will you tell it has worked?",
        "target_date": "Add a target date.",
    }


def test_an_action_s_gap_and_dates():
    whole = {"text": "Shadow the deputy director", "owner": "Nhung",
             "success_measure": "Two consultations observed", "target_date": "2027-01-15",
             "gap": {"kind": "competency", "ref": "change-catalyst"}}
    assert action_problems(whole, HELD) == {}
    assert action_problems(dict(whole, gap={"kind": "competency", "ref": ""}), HELD) == {
        "gap_ref": "Choose which one it closes."}
    assert action_problems(dict(whole, gap={"kind": "other"}), HELD) == {}
    assert action_problems(dict(whole, gap="competency"), HELD) == {
        "gap_kind": "Choose the kind of gap this action closes."}
    assert action_problems(dict(whole, review_date="2026-09-01"), HELD) == {
        "review_date": "This date (1 Sept 2026) is before the conversation on 6 Oct 2026; "
                       "choose a date after it."}
    assert action_problems(dict(whole, review_date=""), HELD) == {}  # a review date is optional
    late = action_problems(dict(whole, target_date="2026-01-01"), HELD)
    assert set(late) == {"target_date"} and late["target_date"].startswith("This date (1 Jan")


def test_a_date_that_cannot_be_read_says_so():
    assert date_problem("31/02/2027", HELD, required=True, what="a target date") == (
        "“31/02/2027”: February 2027 has 28 days, so there is no day 31.")
    assert date_problem(None, HELD, required=False, what="a review date") is None
    assert date_problem(None, HELD, required=True, what="a review date") == "Add a review date."


def test_looking_back_and_wellbeing_rows():
    assert past_objective_problems({}) == {"text": "Write the objective as it was agreed.",
                                           "outcome": "Choose an outcome."}
    assert past_objective_problems({"text": "Lead the survey", "outcome": "met"}) == {}
    assert wellbeing_action_problems({"text": ""}) == {"text": "Write the action, or remove it."}
    assert wellbeing_action_problems({"text": "Walk at lunch"}) == {}
