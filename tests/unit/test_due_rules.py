"""The pay-progression rule and the due list, without Qt, on fixed dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rmp_desktop.domain.dates import add_months
from rmp_desktop.domain.due import (
    OpenRecord,
    PersonYear,
    State,
    What,
    appraisal_due,
    due_items,
    is_current,
    next_due,
    plan_dates,
)
from rmp_desktop.domain.midyear import done_actions, latest_progress

PLAN = {"objectives": [{"id": "o1", "text": "Cut time to hire", "due": "2027-03-31"}],
        "actions": [{"id": "a1", "text": "Shadow the director", "target_date": "2026-12-01",
                     "review_date": "2026-09-30"},
                    {"id": "a2", "text": "Coaching course", "target_date": "2027-01-15",
                     "review_date": "not a date"}]}


@pytest.mark.parametrize(("held", "months", "expected"), [
    (date(2024, 2, 29), 12, date(2025, 2, 28)),  # a leap day's anniversary in a common year
    (date(2024, 2, 29), 48, date(2028, 2, 29)),  # and in the next leap year
    (date(2023, 2, 28), 12, date(2024, 2, 28)),
    (date(2023, 3, 1), 12, date(2024, 3, 1)),
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2027, 12, 31), 2, date(2028, 2, 29)),
    (date(2026, 3, 31), -1, date(2026, 2, 28)),
])
def test_add_months_keeps_the_day_or_takes_the_months_last(held, months, expected):
    assert add_months(held, months) == expected


@pytest.mark.parametrize(("held", "today", "current"), [
    (date(2025, 3, 1), date(2026, 3, 1), True),  # on the anniversary: still in the year
    (date(2025, 3, 1), date(2026, 3, 2), False),  # the day after: overdue
    (date(2024, 2, 29), date(2025, 2, 28), True),  # leap day: due on 28 Feb
    (date(2024, 2, 29), date(2025, 3, 1), False),
    (date(2023, 3, 1), date(2024, 2, 29), True),  # a leap day inside the year counts
    (date(2026, 6, 1), date(2026, 5, 31), False),  # dated after today: not held yet
    (None, date(2026, 1, 1), False),
])
def test_an_appraisal_counts_for_pay_progression_for_twelve_months(held, today, current):
    assert is_current(held, today) is current


def test_someone_with_no_conversation_yet_is_due_an_appraisal_now():
    person = PersonYear(7)
    assert next_due(person) == (None, What.APPRAISAL)
    items = due_items(person, date(2026, 5, 1))
    assert [(i.what, i.state) for i in items] == [(What.APPRAISAL, State.NEVER),
                                                 (What.CAREER, State.NEVER)]
    assert items[0].when() == "due now: none signed yet"
    assert appraisal_due(None) is None


def test_plan_dates_leave_out_done_actions_and_unreadable_dates():
    dates = plan_dates(PLAN)
    assert [(d.what, d.due_on, d.item_id) for d in dates] == [
        (What.REVIEW, date(2026, 9, 30), "a1"), (What.TARGET, date(2026, 12, 1), "a1"),
        (What.TARGET, date(2027, 1, 15), "a2"), (What.OBJECTIVE, date(2027, 3, 31), "o1")]
    assert [d.item_id for d in plan_dates(PLAN, {"a1"})] == ["a2", "o1"]


def test_next_due_is_the_earliest_date_overdue_or_not_and_does_not_depend_on_today():
    person = PersonYear(1, last_appraisal=date(2026, 3, 10), last_career=date(2025, 11, 2),
                        last_signed=date(2026, 3, 10), plan_uid="u", plan=PLAN)
    assert next_due(person) == (date(2026, 9, 30), What.REVIEW)
    later = PersonYear(1, last_appraisal=date(2026, 3, 10), last_career=date(2025, 6, 2),
                       plan=PLAN)
    assert next_due(later) == (date(2026, 6, 2), What.CAREER)
    done = PersonYear(1, last_appraisal=date(2026, 3, 10), plan=PLAN,
                      done_actions=frozenset({"a1", "a2"}))
    assert next_due(done) == (date(2027, 3, 10), What.APPRAISAL)


def test_the_year_view_on_a_fixed_day_sorts_by_urgency():
    person = PersonYear(3, last_appraisal=date(2025, 9, 1), last_career=date(2026, 3, 1),
                        plan_uid="rec", plan=PLAN,
                        open_records=(OpenRecord("d1", "both", date(2026, 9, 2), "draft"),
                                      OpenRecord("w1", "career", date(2026, 8, 1),
                                                 "awaiting_signoff")))
    items = due_items(person, date(2026, 9, 15))
    summary = [(i.what, i.state, i.due_on) for i in items]
    assert summary == [
        (What.APPRAISAL, State.OVERDUE, date(2026, 9, 1)),
        (What.AWAITING, State.OPEN, None),
        (What.DRAFT, State.OPEN, None),
        (What.REVIEW, State.SOON, date(2026, 9, 30)),
        (What.TARGET, State.LATER, date(2026, 12, 1)),
        (What.TARGET, State.LATER, date(2027, 1, 15)),
        (What.CAREER, State.LATER, date(2027, 3, 1)),
        (What.OBJECTIVE, State.LATER, date(2027, 3, 31)),
    ]
    assert items[0].when() == "overdue since 1 Sept 2026"
    assert items[3].when() == "due 30 Sept 2026" and items[3].text == "Shadow the director"
    assert items[1].when() == "dated 1 Aug 2026"


def test_due_soon_is_thirty_days_inclusive():
    person = PersonYear(1, last_appraisal=date(2025, 10, 15), last_career=date(2025, 10, 15))
    on = {i.what: i.state for i in due_items(person, date(2026, 9, 15))}
    assert on[What.APPRAISAL] is State.SOON
    assert {i.what: i.state for i in due_items(person, date(2026, 9, 14))}[What.APPRAISAL] \
        is State.LATER


def test_mid_year_reviews_give_the_newest_word_on_each_action_and_what_is_done():
    first = {"actions": {"a1": {"progress": "on_track", "note": "Booked"},
                         "a2": {"progress": "", "note": ""}}}
    second = {"actions": {"a1": {"progress": "done", "note": "Went well"}}}
    latest = latest_progress([(date(2026, 11, 1), second), (date(2026, 9, 1), first)])
    assert latest == {"a1": {"on": "2026-11-01", "progress": "done", "note": "Went well"}}
    assert done_actions(latest) == frozenset({"a1"})


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)),
       st.integers(min_value=-800, max_value=30))
def test_current_since_is_the_pay_progression_rule_turned_round(today, back):
    from rmp_desktop.domain.due import current_since

    last = today + timedelta(days=back)
    assert (current_since(today) <= last <= today) == is_current(last, today)
