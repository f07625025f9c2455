"""One date reader and one date writer: tolerant, day first, never the system's locale."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from rmp_desktop.domain import dates
from rmp_desktop.domain.dates import DateError, parse_date

MARCH_31 = date(2027, 3, 31)


@pytest.mark.parametrize("typed", [
    "2027-03-31", "2027-3-31", "2027/03/31", "31/3/2027", "31/03/2027", "31-03-2027",
    "31.03.2027", " 31 / 3 / 2027 ", "31 Mar 2027", "31 March 2027", "31 MARCH 2027",
    "31st March 2027", "31st March, 2027", "31-Mar-2027", "31 Mar. 2027", "March 31, 2027",
    "Mar 31 2027",
])
def test_the_ways_people_write_a_date_are_all_read(typed):
    assert parse_date(typed) == MARCH_31


@pytest.mark.parametrize(("typed", "expected"), [
    ("30 Sept 2027", date(2027, 9, 30)), ("30 Sep 2027", date(2027, 9, 30)),
    ("15/03/2019", date(2019, 3, 15)), ("15 Mar 2019", date(2019, 3, 15)),
    ("1/2/2027", date(2027, 2, 1)),  # day first: the first of February, never 2 January
    ("29/2/2024", date(2024, 2, 29)), ("2 June 2027", date(2027, 6, 2)),
    ("4 Jul 2027", date(2027, 7, 4)), ("12/12/2199", date(2199, 12, 12)),
])
def test_day_first_and_every_month_name(typed, expected):
    assert parse_date(typed) == expected


@pytest.mark.parametrize(("typed", "says"), [
    ("31/3/27", "“31/3/27” has a two-digit year; write the year in full (2027 or 1927)"),
    ("15 Mar 19", "two-digit year; write the year in full (2019 or 1919)"),
    ("3/31/2027", "no month 31: months run from 1 to 12, and dates are read day first"),
    ("31/2/2027", "February 2027 has 28 days, so there is no day 31"),
    ("29/2/2023", "February 2023 has 28 days, so there is no day 29"),
    ("31/4/2027", "April 2027 has 30 days"),
    ("30 Sepp 2027", "“Sepp” is not a month; write the month as a word"),
    ("next Tuesday", "is not a date this application can read; write it day first, for "
                     "example 31 Mar 2027 or 31/03/2027."),
    ("", "No date given; write it day first"),
    ("31/3/20271", "has a year of 5 digits; write it with four"),
    ("0031-03-31", "is in the year 31; check the year (between 1900 and 2199)"),
    ("31/3/2027 and a bit", "is not a date this application can read"),
])
def test_what_cannot_be_read_is_refused_with_what_to_type_instead(typed, says):
    with pytest.raises(DateError) as refused:
        parse_date(typed)
    assert says in str(refused.value)
    assert dates.read_date(typed) is None
    assert dates.date_problem(typed) == str(refused.value)


def test_a_readable_date_has_no_problem():
    assert dates.date_problem("31 Mar 2027") is None


@pytest.mark.parametrize(("value", "shown"), [
    (MARCH_31, "31 Mar 2027"), ("2027-03-31", "31 Mar 2027"), ("2027-09-30", "30 Sept 2027"),
    (date(2026, 1, 5), "5 Jan 2026"), (datetime(2026, 12, 1, 23, 59), "1 Dec 2026"),
    ("2026-06-02T10:00:00Z", "2 Jun 2026"), (None, ""), ("", ""), ("soon", "soon"),
])
def test_one_display_form(value, shown):
    assert dates.display_date(value) == shown


def test_every_month_is_shown_as_the_uk_locale_writes_it():
    shown = [dates.display_date(date(2027, m, 1)).split()[1] for m in range(1, 13)]
    assert shown == ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct",
                     "Nov", "Dec"]
    # Whatever is shown can be typed back.
    for m in range(1, 13):
        day = date(2027, m, 28)
        assert parse_date(dates.display_date(day)) == day


def test_moments_in_local_time_and_in_utc():
    moment = datetime(2025, 3, 14, 11, 2, tzinfo=UTC)
    assert dates.display_moment(moment, utc=True) == "14 Mar 2025 at 11:02 UTC"
    plus_two = datetime(2025, 3, 14, 1, 30, tzinfo=timezone(timedelta(hours=2)))
    assert dates.display_moment(plus_two, utc=True) == "13 Mar 2025 at 23:30 UTC"
    assert dates.display_moment(datetime(2025, 3, 14, 9, 5)) == "14 Mar 2025 at 09:05"
    assert dates.parse_instant("2025-03-14T11:02:00Z") == moment
    assert dates.parse_instant("2025-03-14T11:02:00") == moment  # stored without a zone: UTC
    assert dates.parse_instant("not a time") is None


def test_storage_is_iso_and_free_text_is_kept_when_unreadable():
    assert dates.to_iso(MARCH_31) == "2027-03-31"
    assert dates.from_iso("2027-03-31") == MARCH_31
    assert dates.from_iso("2027-03-31 10:00:00") == MARCH_31
    assert dates.from_iso(datetime(2027, 3, 31, 10)) == MARCH_31
    assert dates.from_iso("31/03/2027") is None and dates.from_iso(None) is None
    assert dates.from_iso("2027-03-31 or so") is None
    # Ten characters are read as a date only: a week and an hour ("2027W13T10") is a moment,
    # not a day anyone stored.
    assert dates.from_iso("2027W13T10") is None
    assert dates.tidy("30 Sept 2027") == "2027-09-30"
    assert dates.tidy("when the course opens") == "when the course opens"


@pytest.mark.parametrize(("typed", "possible"), [
    ("", True), ("3", True), ("31/", True), ("31/03/20", True), ("31 Ma", True),
    ("31 Sept", True), ("31st", True), ("Sept 3", True), ("2027-0", True),
    ("31 x", False), ("31 Marz", False), ("31/3/2027!", False),
])
def test_a_field_can_tell_a_date_being_typed_from_one_that_never_will_be(typed, possible):
    assert dates.could_become_date(typed) is possible


def test_nothing_in_the_program_formats_or_reads_dates_by_the_system_locale():
    """Month and weekday names from strftime follow the locale Qt sets from the desktop;
    strptime reads them by it too. Dates go through domain/dates.py instead."""
    package = Path(dates.__file__).resolve().parents[1]
    locale_bound = re.compile(r"(strftime|strptime)\([^)]*%[aAbBcxXp]|:%[aAbBcxXp]|%[bB] %Y")
    found = [f"{path.relative_to(package)}:{n}" for path in sorted(package.rglob("*.py"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if locale_bound.search(line)]
    assert found == []


def test_a_staff_import_preview_shows_a_changed_start_date_the_uk_way():
    from rmp_desktop.domain.staff_import_plan import Change

    shown = str(Change("start_date", date(2019, 1, 14), date(2019, 9, 2)))
    assert shown.endswith("14 Jan 2019 → 2 Sept 2019")


@pytest.mark.parametrize(("typed", "expected"), [
    ("1/1/1900", date(1900, 1, 1)), ("31/12/2199", date(2199, 12, 31)),
])
def test_the_first_and_last_years_read(typed, expected):
    assert parse_date(typed) == expected


@pytest.mark.parametrize(("typed", "says"), [
    ("31/12/1899", "“31/12/1899” is in the year 1899; check the year (between 1900 and 2199)."),
    ("1/1/2200", "“1/1/2200” is in the year 2200; check the year (between 1900 and 2199)."),
    ("1/13/2027", "“1/13/2027” has no month 13: months run from 1 to 12, and dates are read "
                  "day first, as in 31/03/2027."),
    ("31/3/202", "“31/3/202” has a year of 3 digits; write it with four, for example "
                 "31 Mar 2027."),
    ("31 Feb 2027", "“31 Feb 2027”: February 2027 has 28 days, so there is no day 31."),
    ("Feb 31, 2027", "“Feb 31, 2027”: February 2027 has 28 days, so there is no day 31."),
    ("Sepp 30, 2027", "“Sepp 30, 2027”: “Sepp” is not a month; write the month as a word "
                      "(March or Mar) or a number, for example 31 Mar 2027."),
    ("Mar 31, 27", "“Mar 31, 27” has a two-digit year; write the year in full (2027 or 1927), "
                   "so it cannot be mistaken."),
])
def test_each_refusal_in_full_whichever_way_the_date_was_written(typed, says):
    assert dates.date_problem(typed) == says


@pytest.mark.parametrize("typed", ["22nd", "3rd", "4th", "1st of"])
def test_an_ordinal_being_typed_could_still_become_a_date(typed):
    assert dates.could_become_date(typed) is ("of" not in typed)


def test_a_stored_moment_is_shown_in_local_time_or_utc_and_other_text_as_it_is(monkeypatch):
    assert dates.display_instant("2025-03-14T11:02:00Z", utc=True) == "14 Mar 2025 at 11:02 UTC"
    assert dates.display_instant("not a time") == "not a time"
    assert dates.display_instant("") == ""
    assert dates.parse_instant("2025-03-14T13:02:00+02:00") == datetime(2025, 3, 14, 11, 2,
                                                                         tzinfo=UTC)
    assert dates.from_iso("20270331T10") == MARCH_31  # a moment in the compact form
    import time
    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    try:
        summer = "2025-07-01T11:00:00Z"  # 12:00 in London
        assert dates.display_instant(summer) == "1 Jul 2025 at 12:00"
        assert dates.display_instant(summer, utc=True) == "1 Jul 2025 at 11:00 UTC"
        aware = datetime(2025, 7, 1, 13, 0, tzinfo=timezone(timedelta(hours=2)))
        assert dates.display_moment(aware, utc=True) == "1 Jul 2025 at 11:00 UTC"
        naive = datetime(2025, 7, 1, 12, 0)  # taken as written, in either form
        assert dates.display_moment(naive, utc=True) == "1 Jul 2025 at 12:00 UTC"
        # A time the clocks skipped is still shown as written, not moved.
        assert dates.display_moment(datetime(2025, 3, 30, 1, 30)) == "30 Mar 2025 at 01:30"
    finally:
        monkeypatch.undo()
        time.tzset()
