"""Sign-off's gaps in full: each message word for word, the item it points at, and how an
item is quoted (tests/unit/test_signoff_rules.py has the rules by case)."""

from __future__ import annotations

from rmp_desktop.domain.dates import HOW_TO_WRITE
from rmp_desktop.domain.signoff import ROLE_LABELS, ROLES, Missing, can_sign, missing_for_signoff

COMMENTS = ("The staff member has not yet looked at their comments: they can add their own view, "
            "or leave it empty, before anyone signs.")


def gaps(objectives=(), actions=(), visited=True) -> list[tuple[str, str, str]]:
    document = {"plan": {"objectives": list(objectives), "actions": list(actions)},
                "summary": {"comments_visited": visited}}
    return [(g.step, g.item, g.message) for g in missing_for_signoff(document)]


DONE = {"id": "o1", "text": "Lead the policy review", "measure": "Published", "due": "2027-03-31"}


def test_no_objective_and_unvisited_comments_in_full():
    assert gaps(visited=False) == [
        ("plan", "objectives", "Add at least one objective, with how it will be measured and a "
                               "target date."),
        ("summary", "employee_comments", COMMENTS)]
    assert gaps([DONE]) == []


def test_each_gap_of_an_objective_in_full():
    assert gaps([DONE, {"id": "o2", "measure": "Counted", "due": "2027-02-01"},
                 {"id": "o3", "text": "  Grow   the\nnetwork ", "due": "31 March"},
                 {"text": "Mentor two", "measure": "Named", "due": "  "}]) == [
        ("plan", "objective:o2", "Objective 2 has no wording: say what will be achieved."),
        ("plan", "objective:o3", "Objective 3 (“Grow the network”) has no measure: say how you "
                                 "will both know it is met."),
        ("plan", "objective:o3", f"Objective 3 (“Grow the network”) has a target date that is "
                                 f"not a date; {HOW_TO_WRITE}."),
        ("plan", "objective:4", "Objective 4 (“Mentor two”) has no target date.")]


def test_each_gap_of_an_action_in_full():
    assert gaps([DONE], [
        {"id": "a1", "text": "Shadow a partner", "target_date": "2027-01-15"},
        {"id": "a2", "support": "Coaching"},
        {"owner": "Manager", "text": "Book the course", "target_date": "soon"},
        {"id": "a4", "success_measure": "Certificate"},
        {"id": "a5", "target_date": "2027-06-01"},
    ]) == [
        ("plan", "action:a2", "Action 2 has no wording: say what will be done."),
        ("plan", "action:a2", "Action 2 has no target date."),
        ("plan", "action:3", f"Action 3 (“Book the course”) has a target date that is not a "
                             f"date; {HOW_TO_WRITE}."),
        ("plan", "action:a4", "Action 4 has no wording: say what will be done."),
        ("plan", "action:a4", "Action 4 has no target date."),
        ("plan", "action:a5", "Action 5 has no wording: say what will be done.")]


def test_rows_nobody_started_or_that_are_not_rows_are_not_counted():
    started = [
        "a row as text", None, {"id": "o8", "text": " ", "measure": "", "due": "", "edi": True},
        {"id": "o9", "text": 5, "measure": ["x"], "due": None}, DONE]
    assert gaps(started, ["an action as text", {"id": "a9", "text": "", "review_date": "x"}]) == []
    assert missing_for_signoff({"plan": {"objectives": None, "actions": None},
                                "summary": {"comments_visited": True}})[0].item == "objectives"


def test_an_objective_started_by_its_measure_or_date_alone_is_one_to_finish():
    assert [g[2] for g in gaps([DONE, {"id": "m", "measure": "Counted"}])] == [
        "Objective 2 has no wording: say what will be achieved.",
        "Objective 2 has no target date."]
    assert [g[2] for g in gaps([DONE, {"id": "d", "due": "2027-01-01"}])] == [
        "Objective 2 has no wording: say what will be achieved.",
        "Objective 2 has no measure: say how you will both know it is met."]


def test_an_item_is_quoted_by_its_first_forty_characters():
    forty = "a" * 39 + "b"
    assert gaps([{"text": forty, "measure": "m"}])[0][2] == f"Objective 1 (“{forty}”) has no target date."
    assert gaps([{"text": forty + "c", "measure": "m"}])[0][2] == (
        f"Objective 1 (“{forty}…”) has no target date.")
    spaced = "x" * 35 + "     yyyyy"
    assert gaps([{"text": spaced, "measure": "m"}])[0][2] == (
        f"Objective 1 (“{'x' * 35} yyyy…”) has no target date.")
    trailing = "x" * 39 + " y"
    assert gaps([{"text": trailing, "measure": "m"}])[0][2] == (
        f"Objective 1 (“{'x' * 39}…”) has no target date.")


def test_a_gap_names_its_step_by_title():
    assert str(Missing("plan", "objectives", "Add one.")) == "Objectives and plan: Add one."
    assert Missing("summary", "x", "").step_title == "Summary"
    assert Missing("elsewhere", "x", "").step_title == "elsewhere"


def test_who_signs():
    assert ROLES == ("employee", "manager")
    assert ROLE_LABELS == {"employee": "Staff member", "manager": "Manager"}
    assert can_sign({"plan": {"objectives": [DONE]}, "summary": {"comments_visited": True}})
    assert not can_sign({"plan": {"objectives": [DONE]}, "summary": {"comments_visited": False}})
