"""What must be in a plan before it can be signed: each gap says what and where."""

from __future__ import annotations

import pytest

from rmp_desktop.domain.conversation import STEP_IDS, empty_document
from rmp_desktop.domain.signoff import (
    ROLES,
    STATEMENT,
    Missing,
    can_sign,
    missing_for_signoff,
)


def ready() -> dict:
    doc = empty_document()
    doc["plan"]["objectives"] = [{"id": "o1", "text": "Lead the policy review",
                                  "measure": "Review published", "due": "2027-03-31",
                                  "edi": False}]
    doc["plan"]["actions"] = [{"id": "a1", "text": "Shadow a business partner",
                               "gap": {"kind": "avenue", "ref": "shadowing"}, "support": "",
                               "success_measure": "", "owner": "", "target_date": "2027-01-15",
                               "review_date": "", "suggested": False}]
    doc["summary"]["comments_visited"] = True
    return doc


def where(gaps: list[Missing]) -> list[tuple[str, str]]:
    return [(g.step, g.item) for g in gaps]


def test_a_complete_plan_can_be_signed():
    assert missing_for_signoff(ready()) == []
    assert can_sign(ready())


def test_an_empty_conversation_lists_the_objectives_and_the_comments():
    gaps = missing_for_signoff(empty_document())
    assert where(gaps) == [("plan", "objectives"), ("summary", "employee_comments")]
    assert not can_sign(empty_document())
    assert str(gaps[0]).startswith("Objectives and plan: ")
    assert gaps[1].step_title == "Summary"


def test_an_objective_without_a_measure_or_a_date_is_named():
    doc = ready()
    doc["plan"]["objectives"].append({"id": "o2", "text": "Grow the staff network membership",
                                      "measure": "", "due": "", "edi": True})
    gaps = missing_for_signoff(doc)
    assert where(gaps) == [("plan", "objective:o2"), ("plan", "objective:o2")]
    assert "Objective 2" in gaps[0].message and "Grow the staff network" in gaps[0].message
    assert "measure" in gaps[0].message and "target date" in gaps[1].message


def test_a_date_that_is_not_a_date_is_a_gap():
    doc = ready()
    doc["plan"]["objectives"][0]["due"] = "next spring"
    gaps = missing_for_signoff(doc)
    assert where(gaps) == [("plan", "objective:o1")] and "not a date" in gaps[0].message


def test_an_action_with_no_target_date_is_named():
    doc = ready()
    doc["plan"]["actions"][0]["target_date"] = "  "
    gaps = missing_for_signoff(doc)
    assert where(gaps) == [("plan", "action:a1")]
    assert "Action 1" in gaps[0].message and "no target date" in gaps[0].message


def test_untouched_empty_rows_are_not_gaps_but_started_ones_are():
    doc = ready()
    doc["plan"]["objectives"].append({"id": "o9", "text": "", "measure": "", "due": ""})
    doc["plan"]["actions"].append({"id": "a9", "text": "", "target_date": ""})
    assert can_sign(doc)
    doc["plan"]["actions"][-1]["owner"] = "Manager"
    gaps = missing_for_signoff(doc)
    assert where(gaps) == [("plan", "action:a9"), ("plan", "action:a9")]
    assert "no wording" in gaps[0].message


def test_only_empty_objectives_count_as_none():
    doc = ready()
    doc["plan"]["objectives"] = [{"id": "o1", "text": " ", "measure": "", "due": ""}]
    assert where(missing_for_signoff(doc)) == [("plan", "objectives")]


def test_the_comments_field_must_have_been_visited_even_if_left_empty():
    doc = ready()
    doc["summary"]["comments_visited"] = False
    doc["summary"]["employee_comments"] = ""
    assert where(missing_for_signoff(doc)) == [("summary", "employee_comments")]
    doc["summary"]["comments_visited"] = True
    assert can_sign(doc)


def test_a_long_item_is_quoted_briefly():
    doc = ready()
    doc["plan"]["objectives"][0]["measure"] = ""
    doc["plan"]["objectives"][0]["text"] = "Deliver " + "a very long objective " * 10
    message = missing_for_signoff(doc)[0].message
    assert "…" in message and len(message) < 140


def test_a_document_from_an_older_version_missing_keys_is_read_safely():
    assert where(missing_for_signoff({"plan": {"objectives": []}})) == [
        ("plan", "objectives"), ("summary", "employee_comments")]


@pytest.mark.parametrize("role", ROLES)
def test_roles_and_statement(role):
    assert role in ("employee", "manager")
    assert STATEMENT == "I have read this plan and agree it is an accurate record."


def test_the_document_types_describe_the_document_every_step_starts_with():
    """The TypedDicts are the shape; a new document and a completed old one have exactly it."""
    from typing import NotRequired, get_origin, get_type_hints

    from rmp_desktop.domain.conversation import ConversationDocument, merged

    sections = get_type_hints(ConversationDocument)
    assert list(sections) == list(STEP_IDS) == list(empty_document())
    for step, section_type in sections.items():
        hints = get_type_hints(section_type, include_extras=True)
        optional = {k for k, hint in hints.items() if get_origin(hint) is NotRequired}
        assert set(hints) - optional == set(empty_document()[step]), step
        # Only one's own preparation adds a key to a section (domain.prep_document).
        assert optional <= {"shared"}, step
    old = {"plan": {"objectives": []}, "summary": {"employee_comments": "Fine"}}
    completed = merged(old)
    assert set(completed) == set(sections)
    assert completed["summary"] == {"employee_comments": "Fine", "comments_visited": False}
    assert empty_document() is not empty_document()  # each caller gets its own to fill
