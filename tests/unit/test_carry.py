"""What the last signed record hands on to the next conversation (domain.carry), exactly."""

from __future__ import annotations

from datetime import date

import pytest

from rmp_desktop.domain import carry
from rmp_desktop.domain.carry import (
    ACTION_OUTCOMES,
    OFFER_WORDS,
    OFFERED,
    LastSigned,
    RatingChange,
    action_progress_for,
    agreed_ratings,
    carried_items,
    has_offer,
    iso_or_blank,
    last_time_ratings,
    looking_back_rows,
    midyear_words,
    rating_changes,
    start_from,
)

PLAN = {
    "objectives": [
        {"id": "o1", "text": "Launch the early resolution service", "due": "2027-03-31"},
        {"id": "o2", "text": "   ", "due": "2027-04-30"},  # no words: nothing to carry
        "not a row",
        {"id": 7, "text": "Train ten managers", "due": ""},
    ],
    "actions": [
        {"id": "a1", "text": "Shadow a tribunal hearing", "target_date": "2027-01-20",
         "review_date": "2026-12-15"},
        {"id": "a2", "text": "", "target_date": "2027-02-01"},
        {"id": "a3", "text": "Lead a job evaluation panel", "target_date": "2027-05-01"},
    ],
}
LAST = LastSigned(uid="u" * 32, held_on="2026-10-06", version=2,
                  document={"plan": PLAN, "competencies": {
                      "framework": "hr-od-2024", "current_level": 3,
                      "ratings": {"strategic": {"self": 2, "manager": 3},
                                  "expert": {"self": 4, "manager": None},
                                  "digital": {"self": None, "manager": None},
                                  "odd": {"self": True, "manager": None},
                                  "text": {"self": "3", "manager": None},
                                  "broken": "not a mapping"}}})


def test_every_objective_and_action_with_words_is_carried_in_order_naming_its_origin():
    midyear = {"a1": {"progress": "on_track", "on": "2027-04-01", "note": "Booked"}}
    items = carried_items(LAST, midyear)
    assert items == [
        {"source": "objective", "text": "Launch the early resolution service",
         "due": "2027-03-31", "origin": "o1", "record": LAST.uid},
        {"source": "objective", "text": "Train ten managers", "due": "", "origin": "7",
         "record": LAST.uid},
        {"source": "action", "text": "Shadow a tribunal hearing", "due": "2027-01-20",
         "review": "2026-12-15", "origin": "a1", "record": LAST.uid,
         "midyear": {"progress": "on_track", "on": "2027-04-01", "note": "Booked"}},
        {"source": "action", "text": "Lead a job evaluation panel", "due": "2027-05-01",
         "review": "", "origin": "a3", "record": LAST.uid},
    ]
    assert items[2]["midyear"] is not midyear["a1"]  # a copy, not the review's own entry
    assert carried_items(LAST) == [
        {k: v for k, v in item.items() if k != "midyear"} for item in items]
    assert carried_items(LastSigned("x", "2026-01-01", 1, {})) == []
    assert carried_items(LastSigned("x", "2026-01-01", 1, {"plan": {"objectives": "x"}})) == []


def test_carried_items_become_looking_back_rows_with_empty_outcomes(monkeypatch):
    ids = iter(["n1", "n2", "n3", "n4"])
    monkeypatch.setattr(carry, "new_item_id", lambda: next(ids))
    items = carried_items(LAST, {"a1": {"progress": "behind"}})
    items.append({"source": "something else", "text": "ignored"})
    objectives, actions = looking_back_rows(items)
    assert objectives == [
        {"id": "n1", "text": "Launch the early resolution service", "outcome": "",
         "evidence": "", "origin": "o1", "record": LAST.uid},
        {"id": "n2", "text": "Train ten managers", "outcome": "", "evidence": "", "origin": "7",
         "record": LAST.uid}]
    assert actions == [
        {"id": "n3", "text": "Shadow a tribunal hearing", "due": "2027-01-20", "outcome": "",
         "note": "", "origin": "a1", "record": LAST.uid, "midyear": {"progress": "behind"}},
        {"id": "n4", "text": "Lead a job evaluation panel", "due": "2027-05-01", "outcome": "",
         "note": "", "origin": "a3", "record": LAST.uid}]
    assert actions[0]["midyear"] is not items[2]["midyear"]


def test_rows_without_fields_carry_empty_words():
    objectives, actions = looking_back_rows([{"source": "objective"}, {"source": "action"}])
    assert {k: v for k, v in objectives[0].items() if k != "id"} == {
        "text": "", "outcome": "", "evidence": "", "origin": "", "record": ""}
    assert {k: v for k, v in actions[0].items() if k != "id"} == {
        "text": "", "due": "", "outcome": "", "note": "", "origin": "", "record": ""}
    assert len(objectives[0]["id"]) == 12 and objectives[0]["id"] != actions[0]["id"]
    assert int(objectives[0]["id"], 16) >= 0


def test_the_agreed_rating_is_the_managers_else_the_persons_own_and_only_a_whole_number():
    assert agreed_ratings(LAST.document) == {"strategic": 3, "expert": 4}
    assert agreed_ratings({}) == {} == agreed_ratings({"competencies": {"ratings": None}})
    assert last_time_ratings(LAST) == {"record": LAST.uid, "held_on": "2026-10-06",
                                       "framework": "hr-od-2024", "level": 3,
                                       "ratings": {"strategic": 3, "expert": 4}}
    bare = LastSigned("v", "2025-01-01", 1, {})
    assert last_time_ratings(bare) == {"record": "v", "held_on": "2025-01-01", "framework": "",
                                       "level": None, "ratings": {}}


def test_rating_changes_beside_last_time_in_the_same_framework_only():
    competencies = {"framework": "hr-od-2024",
                    "last_time": {"framework": "hr-od-2024",
                                  "ratings": {"strategic": 3, "expert": 4, "gone": 2}},
                    "ratings": {"strategic": {"self": 2, "manager": 4},
                                "expert": {"self": 2, "manager": None},
                                "new": {"self": 3, "manager": None}}}
    changes = rating_changes(competencies, ["strategic", "expert", "gone", "new"])
    assert changes == [RatingChange("strategic", 3, 4), RatingChange("expert", 4, 2),
                       RatingChange("gone", 2, None), RatingChange("new", None, 3)]
    assert [c.change for c in changes] == [1, -2, None, None]
    assert [c.words() for c in changes] == ["up 1", "down 2", "", ""]
    assert RatingChange("x", 3, 3).words() == "same" and RatingChange("x", 3, 3).change == 0
    assert RatingChange("x", 1, 4).words() == "up 3"
    other = dict(competencies, framework="another")
    assert rating_changes(other, ["strategic"]) == []
    assert rating_changes({"framework": ""}, ["strategic"]) == []
    unnamed = {"last_time": {"ratings": {"a": 1}}, "ratings": {"a": {"self": 2}}}
    assert rating_changes(unnamed, ["a"]) == [RatingChange("a", 1, 2)]


@pytest.mark.parametrize(("step", "section", "offered"), [
    ("aspirations", {"directions": ["stretch"]}, True),
    ("aspirations", {"notes": "How the year went"}, False),  # notes are never offered
    ("aspirations", {"target_roles": "   "}, False),
    ("aspirations", {"target_level": 4}, True),
    ("aspirations", {"functional_areas": []}, False),
    ("aspirations", {"target_level": None}, False),
    ("transition", {"expectations": {"a": "not_considered", "b": ""}}, False),
    ("transition", {"expectations": {"a": "not_considered", "b": "met"}}, True),
    ("transition", {"stream": "operational"}, True),
    ("wheel", {"avenues": {"shadowing": "done"}}, True),
    ("wheel", {"avenues": {}}, False),
    ("wheel", None, False),
    ("wheel", {}, False),
    ("reflection", {"went_well": "A good year"}, False),  # not a step that offers
])
def test_a_step_offers_last_time_only_when_an_offered_field_was_filled(step, section, offered):
    assert has_offer(step, section) is offered


def test_start_from_copies_the_offered_fields_only_and_never_shares_them():
    last = {"directions": ["stretch"], "target_level": 4, "notes": "Last year's notes",
            "time_horizon": "2y"}
    section = {"directions": [], "notes": "This year", "membership_current": "associate"}
    out = start_from("aspirations", section, last)
    assert out == {"directions": ["stretch"], "target_level": 4, "notes": "This year",
                   "membership_current": "associate", "time_horizon": "2y"}
    out["directions"].append("lateral")
    assert last["directions"] == ["stretch"] and section["directions"] == []
    assert OFFERED["wheel"] == ("avenues",) and set(OFFER_WORDS) == set(OFFERED)
    assert OFFER_WORDS["transition"] == "career transition"
    assert ACTION_OUTCOMES["no_longer_relevant"] == "No longer relevant"


def test_a_persons_own_progress_note_is_found_by_record_and_action_or_by_its_id():
    document = {"looking_back": {"action_progress": [
        "not a row",
        {"record": "r1", "action": "a2", "note": "Half done"},
        {"id": "r2:a9", "note": "Booked"},
    ]}}
    assert action_progress_for(document, "r1", "a2") == {"record": "r1", "action": "a2",
                                                         "note": "Half done"}
    assert action_progress_for(document, "r2", "a9") == {"id": "r2:a9", "note": "Booked"}
    assert action_progress_for(document, "r1", "a9") is None
    assert action_progress_for({}, "r1", "a2") is None
    found = action_progress_for(document, "r1", "a2")
    found["note"] = "changed"
    assert document["looking_back"]["action_progress"][1]["note"] == "Half done"


def test_a_midyear_word_on_one_action():
    assert midyear_words({"progress": "on_track", "on": "2026-10-12", "note": " Booked "}) == \
        "On track (12 Oct 2026): Booked"
    assert midyear_words({"progress": "behind", "on": "2026-10-12"}) == "Behind (12 Oct 2026)"
    assert midyear_words({"progress": "done", "note": "All of it"}) == "Done: All of it"
    assert midyear_words({"on": "2026-10-12", "note": "x"}) == "12 Oct 2026: x"
    assert midyear_words({"note": "Only a note"}) == "Only a note"
    assert midyear_words({"progress": "nonsense"}) == ""
    assert midyear_words(None) == "" == midyear_words({})


def test_iso_or_blank():
    assert iso_or_blank("2026-10-06") == "2026-10-06"
    assert iso_or_blank(date(2026, 10, 6)) == "2026-10-06"
    assert iso_or_blank("not a date") == "" == iso_or_blank(None)
