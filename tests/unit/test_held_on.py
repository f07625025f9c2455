"""The warnings about a conversation's date: a day to come, or before the person's last one."""

from __future__ import annotations

from datetime import date

from rmp_desktop.domain.held_on import Dated, held_on_warnings, other_dates

TODAY = date(2027, 3, 31)


def test_a_date_today_or_after_the_last_conversation_needs_no_second_look():
    assert held_on_warnings(TODAY, TODAY) == []
    assert held_on_warnings(date(2027, 1, 5), TODAY, [date(2026, 1, 5), date(2027, 1, 5)]) == []


def test_a_day_still_to_come_is_pointed_out_and_not_refused():
    [warning] = held_on_warnings(date(2027, 4, 1), TODAY)
    assert warning.startswith("1 Apr 2027 is still to come")
    assert "before anyone signs" in warning


def test_a_date_before_the_last_conversation_names_that_date():
    [warning] = held_on_warnings(date(2025, 6, 2), TODAY, [date(2024, 5, 1), date(2026, 6, 2)])
    assert "before the person's last conversation, on 2 Jun 2026" in warning
    assert "the year especially" in warning


def test_both_at_once():
    assert len(held_on_warnings(date(2027, 5, 1), TODAY, [date(2027, 6, 1)])) == 2


def test_this_conversations_own_versions_are_not_other_conversations():
    listed = [Dated(1, date(2025, 5, 1)),  # an earlier year's record
              Dated(2, date(2026, 6, 2)),  # this one, signed,
              Dated(3, date(2026, 6, 2), supersedes_id=2),  # amended,
              Dated(4, date(2026, 6, 2), supersedes_id=3),  # and amended again
              Dated(5, date(2027, 1, 9))]  # a later conversation
    assert other_dates(3, listed) == [date(2025, 5, 1), date(2027, 1, 9)]
    assert other_dates(4, listed) == [date(2025, 5, 1), date(2027, 1, 9)]
    assert other_dates(5, listed) == [date(2025, 5, 1), date(2026, 6, 2), date(2026, 6, 2),
                                      date(2026, 6, 2)]
    assert other_dates(9, []) == []
