"""The held-on warnings word for word, and amendment chains told apart from other conversations."""

from __future__ import annotations

from datetime import date

from rmp_desktop.domain.held_on import Dated, held_on_warnings, other_dates

TODAY = date(2027, 3, 31)


def test_each_warning_in_full():
    assert held_on_warnings(date(2027, 4, 1), TODAY, [date(2027, 9, 30)]) == [
        "1 Apr 2027 is still to come. That is fine while you prepare; change it to the day you "
        "meet before anyone signs.",
        "This is dated before the person's last conversation, on 30 Sept 2027. Check the date, "
        "the year especially."]


def test_the_newest_earlier_conversation_is_the_one_compared():
    assert held_on_warnings(date(2026, 6, 1), TODAY, iter([date(2026, 7, 1), date(2025, 1, 1),
                                                           date(2026, 5, 1)])) == [
        "This is dated before the person's last conversation, on 1 Jul 2026. Check the date, "
        "the year especially."]
    assert held_on_warnings(date(2026, 7, 2), TODAY, [date(2026, 7, 1)]) == []
    assert held_on_warnings(date(2026, 6, 30), TODAY, [date(2026, 7, 1)]) != []


def test_an_amendment_made_before_the_version_it_amends_is_still_in_the_chain():
    # Ids need not follow dates or each other: 7 amends 3, 2 amends 7.
    listed = [Dated(3, date(2026, 6, 2)), Dated(7, date(2026, 6, 2), supersedes_id=3),
              Dated(2, date(2026, 6, 2), supersedes_id=7), Dated(5, date(2025, 5, 1)),
              Dated(6, date(2027, 1, 9), supersedes_id=5)]
    for member in (3, 7, 2):
        assert other_dates(member, listed) == [date(2025, 5, 1), date(2027, 1, 9)]
    assert other_dates(5, listed) == [date(2026, 6, 2)] * 3
    assert other_dates(6, iter(listed)) == [date(2026, 6, 2)] * 3


def test_a_conversation_without_amendments_leaves_out_only_itself():
    listed = [Dated(1, date(2025, 5, 1)), Dated(2, date(2026, 5, 1)),
              Dated(3, date(2027, 1, 2), supersedes_id=9)]
    assert other_dates(1, listed) == [date(2026, 5, 1), date(2027, 1, 2)]
    assert other_dates(3, listed) == [date(2025, 5, 1), date(2026, 5, 1)]
    assert other_dates(9, listed) == [date(2025, 5, 1), date(2026, 5, 1)]
