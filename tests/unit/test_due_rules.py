"""The pay-progression rule and the due list, without Qt, on fixed dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rmp_desktop.domain.dates import add_months
from rmp_desktop.domain.due import (
    DueItem,
    OpenRecord,
    PersonYear,
    State,
    What,
    appraisal_due,
    due_items,
    is_current,
    next_due,
    plan_dates,
    sort_key,
    team_year,
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


@pytest.mark.parametrize(("today", "since"), [
    (date(2026, 3, 1), date(2025, 3, 1)),  # the anniversary itself still counts
    (date(2025, 2, 28), date(2024, 2, 28)),  # so a leap day held in 2024 counts until now
    (date(2024, 2, 29), date(2023, 3, 1)),  # 28 Feb 2023's anniversary was yesterday
    (date(2024, 3, 1), date(2023, 3, 1)),
    (date(2027, 1, 1), date(2026, 1, 1)),
])
def test_current_since_known_answers(today, since):
    from rmp_desktop.domain.due import current_since

    assert current_since(today) == since


def test_current_since_is_the_first_current_day_on_every_day_of_eight_years():
    from rmp_desktop.domain.due import current_since

    today = date(2023, 1, 1)
    while today < date(2031, 1, 1):
        since = current_since(today)
        assert is_current(since, today), today
        assert not is_current(since - timedelta(days=1), today), today
        today += timedelta(days=1)


def test_an_appraisal_is_due_soon_on_its_anniversary_and_overdue_the_day_after():
    person = PersonYear(4, last_appraisal=date(2025, 3, 1), last_career=date(2024, 2, 29))
    on_the_day = due_items(person, date(2026, 3, 1))
    assert [(i.person_id, i.what, i.state, i.due_on, i.held_on) for i in on_the_day] == [
        (4, What.CAREER, State.OVERDUE, date(2025, 2, 28), date(2024, 2, 29)),
        (4, What.APPRAISAL, State.SOON, date(2026, 3, 1), date(2025, 3, 1))]
    assert on_the_day[1].when() == "due 1 Mar 2026"
    day_after = due_items(person, date(2026, 3, 2))
    assert [i.state for i in day_after] == [State.OVERDUE, State.OVERDUE]
    assert day_after[1].when() == "overdue since 1 Mar 2026"


def test_never_held_items_carry_the_person_and_no_dates():
    items = due_items(PersonYear(9, last_appraisal=date(2026, 1, 5)), date(2026, 2, 1))
    assert [(i.person_id, i.what, i.state, i.due_on, i.held_on) for i in items] == [
        (9, What.CAREER, State.NEVER, None, None),
        (9, What.APPRAISAL, State.LATER, date(2027, 1, 5), date(2026, 1, 5))]


def test_plan_items_name_the_record_and_the_item_and_leave_out_done_actions():
    person = PersonYear(5, last_appraisal=date(2026, 3, 10), last_career=date(2026, 3, 10),
                        plan_uid="rec5", plan=PLAN, done_actions=frozenset({"a1"}))
    items = [i for i in due_items(person, date(2026, 10, 1))
             if i.what in (What.REVIEW, What.TARGET, What.OBJECTIVE)]
    assert [(i.person_id, i.what, i.record_uid, i.item_id, i.text) for i in items] == [
        (5, What.TARGET, "rec5", "a2", "Coaching course"),
        (5, What.OBJECTIVE, "rec5", "o1", "Cut time to hire")]


def test_open_records_carry_their_uid_and_sort_by_their_date_undated_last():
    person = PersonYear(6, last_appraisal=date(2026, 3, 10), last_career=date(2026, 3, 10),
                        open_records=(OpenRecord("late", "both", date(2026, 9, 2), "draft"),
                                      OpenRecord("early", "both", date(2026, 8, 1), "draft")))
    opened = [i for i in due_items(person, date(2026, 9, 15)) if i.state is State.OPEN]
    assert [(i.person_id, i.what, i.record_uid, i.held_on) for i in opened] == [
        (6, What.DRAFT, "early", date(2026, 8, 1)), (6, What.DRAFT, "late", date(2026, 9, 2))]
    undated = DueItem(6, What.DRAFT, State.OPEN, None, record_uid="x")
    assert undated.when() == ""
    assert sorted([undated, *opened], key=sort_key)[-1] is undated


def test_items_without_words_or_identifiers_are_named_by_empty_text():
    plan = {"objectives": [{"due": "2027-01-31"}], "actions": [{"target_date": "2027-02-01"}]}
    assert [(d.what, d.text, d.item_id) for d in plan_dates(plan)] == [
        (What.OBJECTIVE, "", ""), (What.TARGET, "", "")]
    # An action without an identifier is known by the empty one, so a review of "" closes it.
    assert [d.what for d in plan_dates(plan, {""})] == [What.OBJECTIVE]


@pytest.mark.parametrize("rows", [3, "actions", {"id": "a1", "target_date": "2027-01-01"},
                                  ({"id": "a1", "target_date": "2027-01-01"},)])
def test_a_plan_whose_lists_are_not_lists_has_no_dates(rows):
    assert plan_dates({"actions": rows, "objectives": rows}) == []


def test_a_team_year_counts_pay_progression_and_lists_what_needs_attention():
    today = date(2026, 9, 15)
    people = [PersonYear(1, last_appraisal=date(2025, 9, 15), last_career=date(2025, 9, 14)),
              PersonYear(2, last_appraisal=date(2026, 1, 10), last_career=date(2026, 2, 1),
                         plan_uid="r2", plan={"actions": [
                             {"id": "a", "review_date": "2026-10-15"},
                             {"id": "b", "review_date": "2026-10-16"}]}),
              PersonYear(3)]
    year = team_year(iter(people), today)
    assert year.today == today and year.people == tuple(people)
    assert (year.appraised, year.career_held) == (2, 1)
    assert [(i.person_id, i.what, i.state) for i in year.items] == [
        (3, What.APPRAISAL, State.NEVER), (3, What.CAREER, State.NEVER),
        (1, What.CAREER, State.OVERDUE),
        (1, What.APPRAISAL, State.SOON), (2, What.REVIEW, State.SOON),
        (2, What.REVIEW, State.LATER),
        (2, What.APPRAISAL, State.LATER), (2, What.CAREER, State.LATER)]
    assert year.within(None) == list(year.items)
    assert [(i.person_id, i.what, i.state) for i in year.within(30)] == [
        (3, What.APPRAISAL, State.NEVER), (3, What.CAREER, State.NEVER),
        (1, What.CAREER, State.OVERDUE),
        (1, What.APPRAISAL, State.SOON), (2, What.REVIEW, State.SOON)]
    assert [i.state for i in year.within(0)] == [State.NEVER, State.NEVER, State.OVERDUE,
                                                 State.SOON]
    assert len(year.within(31)) == 6


def test_an_empty_team_has_nothing_due():
    year = team_year([], date(2026, 1, 1))
    assert (year.people, year.items, year.appraised, year.career_held) == ((), (), 0, 0)
    assert year.within(30) == []


def test_next_due_on_a_shared_day_names_the_appraisal_then_the_career_conversation():
    plan = {"actions": [{"id": "a", "review_date": "2027-03-10"}]}
    both = PersonYear(1, last_appraisal=date(2026, 3, 10), last_career=date(2026, 3, 10),
                      plan=plan)
    assert next_due(both) == (date(2027, 3, 10), What.APPRAISAL)
    career = PersonYear(1, last_appraisal=date(2026, 4, 1), last_career=date(2026, 3, 10),
                        plan=plan)
    assert next_due(career) == (date(2027, 3, 10), What.CAREER)
