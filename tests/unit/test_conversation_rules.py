"""The shape of a conversation (domain.conversation): kinds, statuses, steps, the words of
each fixed vocabulary and the empty document, written out in full."""

from __future__ import annotations

import pytest

from rmp_desktop.domain.conversation import (
    AVENUE_STATUSES,
    DIRECTIONS,
    EXPECTATION_RATINGS,
    EXPERIENCE_STATES,
    FEEDBACK_SOURCES,
    GAP_KINDS,
    OBJECTIVE_OUTCOMES,
    OPTIONAL_STEPS,
    RATING_SCALE,
    STEP_IDS,
    STEP_TITLES,
    STEPS,
    TIME_HORIZONS,
    Kind,
    Status,
    empty_document,
    kind_label,
    merged,
    replace_contents,
    set_section,
    step_section,
    steps_for,
)

EMPTY = {
    "setup": {"notes": "", "person": None, "carried_forward": [], "questions": [],
              "follows": {}},
    "reflection": {"went_well": "", "was_hard": "", "proud_of": "", "hopes": ""},
    "looking_back": {"objectives": [], "actions": [], "feedback": "", "feedback_items": [],
                     "action_progress": []},
    "wellbeing": {"share_in_record": False, "areas": {}, "flexible_working": "",
                  "support_signposted": "", "actions": []},
    "aspirations": {"directions": [], "target_level": None, "target_roles": "",
                    "functional_areas": [], "time_horizon": "", "membership_current": "",
                    "membership_target": "", "notes": ""},
    "competencies": {"framework": "", "last_time": {}, "current_level": None,
                     "target_level": None, "ratings": {}},
    "talent": {"included": False, "grid": "", "self": {"up": "", "across": ""},
               "manager": {"up": "", "across": ""}, "reason": ""},
    "transition": {"stream": "", "transition": "", "expectations": {}, "experiences": {},
                   "notes": ""},
    "wheel": {"avenues": {}, "notes": ""},
    "plan": {"objectives": [], "actions": [], "dismissed_suggestions": [],
             "proposed_objectives": [], "development_ideas": []},
    "summary": {"employee_comments": "", "comments_visited": False},
}


def test_each_kind_and_status_has_its_label():
    assert [(k.value, k.label) for k in Kind] == [
        ("appraisal", "Appraisal"), ("career", "Career conversation"),
        ("both", "Appraisal and career conversation")]
    assert [(s.value, s.label, s.editable) for s in Status] == [
        ("draft", "Draft", True), ("awaiting_signoff", "Awaiting sign-off", False),
        ("signed", "Signed", False), ("superseded", "Superseded", False)]


@pytest.mark.parametrize(("kind", "label"), [
    ("appraisal", "Appraisal"),
    ("career", "Career conversation"),
    ("both", "Appraisal and career conversation"),
    (Kind.CAREER, "Career conversation"),
    ("  coaching session ", "Coaching session"),  # a kind from a newer version, as it is
    ("MENTORING", "Mentoring"),
    ("", ""),
])
def test_a_kind_label_and_an_unknown_kind_shown_as_it_is(kind, label):
    assert kind_label(kind) == label


def test_the_steps_in_order_and_a_career_conversation_skips_looking_back():
    assert STEPS == (
        ("setup", "Set-up"), ("reflection", "Reflection"), ("looking_back", "Looking back"),
        ("wellbeing", "Health and wellbeing"), ("aspirations", "Aspirations"),
        ("competencies", "Competencies"), ("talent", "Scope for Growth"),
        ("transition", "Career transition"), ("wheel", "Exposure wheel"),
        ("plan", "Objectives and plan"), ("summary", "Summary"))
    assert STEP_IDS == tuple(EMPTY)
    assert STEP_TITLES["wellbeing"] == "Health and wellbeing" and len(STEP_TITLES) == 11
    assert OPTIONAL_STEPS == ("talent",)
    assert steps_for("appraisal") == STEP_IDS == steps_for(Kind.BOTH)
    assert steps_for("career") == ("setup", "reflection", "wellbeing", "aspirations",
                                   "competencies", "talent", "transition", "wheel", "plan",
                                   "summary")
    with pytest.raises(ValueError):
        steps_for("coaching")


def test_the_fixed_vocabularies_word_for_word():
    assert OBJECTIVE_OUTCOMES == {"met": "Met", "partly_met": "Partly met",
                                  "not_met": "Not met",
                                  "no_longer_relevant": "No longer relevant"}
    assert DIRECTIONS == {"depth": "Depth: grow in my current role",
                          "breadth": "Breadth: move across to other areas",
                          "stretch": "Stretch: step up to a bigger role"}
    assert RATING_SCALE == {1: "Not yet", 2: "Developing", 3: "Established", 4: "Role model"}
    assert EXPECTATION_RATINGS == {"not_yet": "Not yet", "developing": "Developing",
                                   "demonstrating": "Demonstrating"}
    assert EXPERIENCE_STATES == {"had": "Already had", "planned": "Planned",
                                 "missing": "Not yet had"}
    assert AVENUE_STATUSES == {"not_considered": "Not considered", "exploring": "Exploring",
                               "planned": "Planned", "active": "Actively pursuing",
                               "done": "Done"}
    assert TIME_HORIZONS == {"now": "Now", "1y": "Within a year", "2y": "One to two years",
                             "3y": "Two to three years", "5y": "Three to five years"}
    assert FEEDBACK_SOURCES == {"colleague": "A colleague",
                                "customer": "A customer or service user",
                                "team_member": "Someone they manage",
                                "manager": "A manager or leader",
                                "partner": "A partner organisation",
                                "survey": "A survey or 360 report", "other": "Other"}
    assert GAP_KINDS == {"competency": "Competency", "dimension": "Transition dimension",
                         "experience": "Transition experience", "avenue": "Exposure avenue",
                         "other": "Other"}


def test_an_empty_document_has_every_key_and_is_new_each_time():
    first = empty_document()
    assert first == EMPTY
    first["plan"]["actions"].append({"id": "a1"})
    first["talent"]["self"]["up"] = "high"
    assert empty_document() == EMPTY


def test_a_section_is_read_and_replaced_by_its_step_id():
    document = empty_document()
    assert step_section(document, "wheel") == {"avenues": {}, "notes": ""}
    body = {"avenues": {"coaching": "planned"}, "notes": "Ask about coaching"}
    set_section(document, "wheel", body)
    assert step_section(document, "wheel") == body
    body["notes"] = "changed"  # the document keeps its own copy
    assert document["wheel"]["notes"] == "Ask about coaching"
    with pytest.raises(KeyError, match=r"^\"unknown step 'notes'\"$"):
        set_section(document, "notes", {})
    assert "notes" not in document


def test_replace_contents_keeps_the_same_dict():
    document = empty_document()
    held = document
    replace_contents(document, {"summary": {"employee_comments": "Thanks"}})
    assert held is document and document == {"summary": {"employee_comments": "Thanks"}}


def test_merged_completes_a_stored_document_and_keeps_what_was_written():
    assert merged(None) == EMPTY == merged({})
    stored = {"wheel": {"avenues": {"coaching": "done"}},
              "summary": "not a section",  # kept as the empty section
              "extra": {"kept": True},
              "plan": {"objectives": [{"id": "o1"}], "old_key": 1}}
    out = merged(stored)
    expected = {**EMPTY,
                "wheel": {"avenues": {"coaching": "done"}, "notes": ""},
                "extra": {"kept": True},
                "plan": {**EMPTY["plan"], "objectives": [{"id": "o1"}], "old_key": 1}}
    assert out == expected
    assert list(out) == [*EMPTY, "extra"]
