"""Mid-year reviews: an empty review of a plan, what stops one being saved, the newest word."""

from __future__ import annotations

from datetime import date

from rmp_desktop.domain.midyear import (
    MAX_NOTE,
    PROGRESS,
    done_actions,
    empty_review,
    latest_progress,
    review_problems,
)

PLAN_HELD = date(2027, 1, 10)


def test_an_empty_review_has_one_entry_per_action_and_objective_with_an_id():
    plan = {"actions": [{"id": "a2"}, {"id": "a1", "text": "Shadow"}, {"text": "no id"},
                        {"id": ""}, "not a row"],
            "objectives": [{"id": 7}, {"id": None}]}
    review = empty_review(plan)
    assert review == {"actions": {"a2": {"progress": "", "note": ""},
                                  "a1": {"progress": "", "note": ""}},
                      "objectives": {"7": {"progress": "", "note": ""}},
                      "notes": ""}
    assert list(review["actions"]) == ["a2", "a1"]
    assert empty_review({}) == {"actions": {}, "objectives": {}, "notes": ""}
    assert empty_review({"actions": "a1", "objectives": {"id": "o1"}}) == {
        "actions": {}, "objectives": {}, "notes": ""}


def test_the_kinds_of_progress_in_words():
    assert PROGRESS == {"not_started": "Not started", "on_track": "On track",
                        "behind": "Behind", "done": "Done", "dropped": "No longer relevant"}
    assert MAX_NOTE == 4000


def test_a_review_dated_on_or_after_the_plan_with_known_progress_saves():
    review = {"actions": {"a1": {"progress": "on_track", "note": "n" * MAX_NOTE},
                          "a2": {"progress": "", "note": ""}},
              "objectives": {"o1": {"progress": "dropped"}}, "notes": "x" * MAX_NOTE}
    assert review_problems(review, PLAN_HELD, PLAN_HELD) == []
    assert review_problems({}, date(2027, 6, 1), PLAN_HELD) == []


def test_a_review_without_a_date_or_dated_before_the_plan_is_stopped():
    assert review_problems({}, None, PLAN_HELD) == ["Give the date the review was held."]
    assert review_problems({}, date(2027, 1, 9), PLAN_HELD) == [
        "The review's date is before the plan was agreed (10 Jan 2027); choose a later date."]


def test_unknown_progress_and_long_notes_are_each_stopped_in_words():
    review = {"actions": {"a1": {"progress": "finished", "note": "n" * (MAX_NOTE + 1)}},
              "objectives": {"o1": {"progress": "half", "note": ""}},
              "notes": "x" * (MAX_NOTE + 1)}
    assert review_problems(review, None, PLAN_HELD) == [
        "Give the date the review was held.",
        "“finished” is not a kind of progress this application knows.",
        f"A note is longer than {MAX_NOTE} characters; shorten it.",
        "“half” is not a kind of progress this application knows.",
        f"The notes are longer than {MAX_NOTE} characters; shorten them."]
    assert review_problems({"actions": None, "objectives": {}}, PLAN_HELD, PLAN_HELD) == []


def test_the_newest_review_that_says_something_about_an_action_wins():
    march = {"actions": {"a1": {"progress": "on_track", "note": "Booked"},
                         "a2": {"progress": "", "note": "  Waiting for a date  "},
                         "a3": {"progress": "behind", "note": ""}}}
    june = {"actions": {"a1": {"progress": "", "note": " "},  # nothing said: March stands
                        "a3": {"note": "Caught up"},
                        9: {"progress": "done"}}}
    latest = latest_progress([(date(2027, 6, 1), june), (date(2027, 3, 1), march)])
    assert latest == {
        "a1": {"on": "2027-03-01", "progress": "on_track", "note": "Booked"},
        "a2": {"on": "2027-03-01", "progress": "", "note": "  Waiting for a date  "},
        "a3": {"on": "2027-06-01", "progress": "", "note": "Caught up"},
        "9": {"on": "2027-06-01", "progress": "done", "note": ""}}
    assert latest_progress([(date(2027, 3, 1), {}), (date(2027, 4, 1), {"actions": None})]) == {}
    assert latest_progress([]) == {}


def test_done_and_dropped_actions_are_no_longer_due():
    latest = {"a1": {"progress": "done"}, "a2": {"progress": "dropped"},
              "a3": {"progress": "on_track"}, "a4": {"progress": ""}, "a5": {}}
    assert done_actions(latest) == frozenset({"a1", "a2"})
    assert done_actions({}) == frozenset()


def test_two_reviews_on_the_same_day_are_read_in_the_order_given():
    morning = {"actions": {"a1": {"progress": "behind", "note": ""}}}
    afternoon = {"actions": {"a1": {"progress": "on_track", "note": "Sorted"}}}
    day = date(2027, 6, 1)
    assert latest_progress([(day, morning), (day, afternoon)]) == {
        "a1": {"on": "2027-06-01", "progress": "on_track", "note": "Sorted"}}
