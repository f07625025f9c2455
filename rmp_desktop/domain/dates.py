"""Dates: one way to read what a person typed, one way to show a date, ISO for storage.

Reading is tolerant and day first, as people in the UK write: "2027-03-31",
"31/3/2027", "31.03.2027", "30 Sept 2027", "31st March 2027", "Mar 31 2027".
A two-digit year is refused with an explanation (was "27" 2027 or 1927?), and
every refusal says what to type instead.

Showing is "31 Mar 2027" everywhere (the window, the PDF, the command line),
with month names written here, never taken from the system locale, which Qt
sets from the desktop: the same record must read, and print, the same on every
machine. The abbreviations are those of the UK's own locale data (CLDR en_GB,
which Qt's en_GB locale uses too): "Sept", not "Sep".
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov",
                "Dec")

EARLIEST_YEAR = 1900
LATEST_YEAR = 2199
EXAMPLE = "31 Mar 2027"
HOW_TO_WRITE = f"write it day first, for example {EXAMPLE} or 31/03/2027"

# Every spelling of a month a person might type, lower case, without a full stop.
_MONTH_NAMES: dict[str, int] = {}
for _number, (_full, _short) in enumerate(zip(MONTHS, SHORT_MONTHS, strict=True), start=1):
    for _name in (_full, _short, _full[:3], _full[:4]):
        _MONTH_NAMES[_name.lower()] = _number

_ISO = re.compile(r"(\d{4})([/.\-])(\d{1,2})\2(\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d+)")
_DAY_NAMED = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s*[\s\-/.]?\s*([a-z]+)\.?\s*[\s,\-/.]\s*(\d+)",
                        re.IGNORECASE)
_NAMED_DAY = re.compile(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s*,?\s+(\d+)", re.IGNORECASE)


class DateError(ValueError):
    """A date that cannot be read; the message says why and what to type instead."""


def parse_date(text: str) -> date:
    """The date a person typed, read day first; raises DateError with a message for them."""
    cleaned = " ".join((text or "").split())
    if not cleaned:
        raise DateError(f"No date given; {HOW_TO_WRITE}.")
    if match := _ISO.fullmatch(cleaned):
        return _build(text, int(match.group(4)), int(match.group(3)), int(match.group(1)))
    if match := _NUMERIC.fullmatch(cleaned):
        day, month, year_text = int(match.group(1)), int(match.group(3)), match.group(4)
        return _build(text, day, month, _year(text, year_text))
    if match := _DAY_NAMED.fullmatch(cleaned):
        day_text, name, year_text = match.groups()
        return _build(text, int(day_text), _month(text, name), _year(text, year_text))
    if match := _NAMED_DAY.fullmatch(cleaned):
        name, day_text, year_text = match.groups()
        return _build(text, int(day_text), _month(text, name), _year(text, year_text))
    raise DateError(f"“{text.strip()}” is not a date this application can read; {HOW_TO_WRITE}.")


def read_date(text: str) -> date | None:
    """The date typed, or None when it cannot be read (for callers that explain elsewhere)."""
    try:
        return parse_date(text)
    except DateError:
        return None


def date_problem(text: str) -> str | None:
    """Why `text` is not a date, in words for the person who typed it; None if it is one."""
    try:
        parse_date(text)
    except DateError as exc:
        return str(exc)
    return None


def could_become_date(text: str) -> bool:
    """Whether typing more could still make `text` a date (for a field checking as you type)."""
    cleaned = " ".join((text or "").split()).lower()
    if not cleaned:
        return True
    if read_date(cleaned) is not None:
        return True
    if not re.fullmatch(r"[0-9a-z/.,\- ]*", cleaned):
        return False
    words = re.findall(r"[a-z]+", cleaned)
    ordinals = ("st", "nd", "rd", "th")
    return all(any(name.startswith(w) for name in _MONTH_NAMES)
               or any(o.startswith(w) for o in ordinals) for w in words)


def from_iso(value: object) -> date | None:
    """A date as stored (ISO, "2027-03-31", perhaps with a time after it), or None."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "")
    try:
        if len(text) > 10:  # a stored moment; "2027-03-31 or so" is not one
            return datetime.fromisoformat(text).date()
        return date.fromisoformat(text)
    except ValueError:
        return None


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier); a day the month lacks becomes its last day,
    so 12 months after 29 Feb 2024 is 28 Feb 2025 and one month after 31 Jan is 28 or 29 Feb."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, _days_in(year, month + 1)))


def to_iso(value: date) -> str:
    """The stored form: "2027-03-31"."""
    return value.isoformat()


def tidy(text: str) -> str:
    """What to store for a date typed in free text: ISO if it can be read, else as typed, so
    nothing the person wrote is lost while the field tells them what is wrong."""
    parsed = read_date(text)
    return to_iso(parsed) if parsed is not None else text


def display_date(value: date | datetime | str | None) -> str:
    """"31 Mar 2027". Empty for no date; stored text that is not a date is shown as it is."""
    if value is None or value == "":
        return ""
    day = from_iso(value)
    if day is None:
        return str(value)
    return f"{day.day} {SHORT_MONTHS[day.month - 1]} {day.year}"


def display_moment(value: datetime, *, utc: bool = False) -> str:
    """"31 Mar 2027 at 14:05" in local time, or "… at 13:05 UTC" with `utc` (as on paper)."""
    if utc:
        moment = value.astimezone(UTC) if value.tzinfo else value
        return f"{display_date(moment)} at {moment:%H:%M} UTC"
    moment = value.astimezone() if value.tzinfo else value
    return f"{display_date(moment)} at {moment:%H:%M}"


def display_instant(text: str, *, utc: bool = False) -> str:
    """A stored moment shown as display_moment does; text that is not a moment, as it is."""
    moment = parse_instant(text)
    return display_moment(moment, utc=utc) if moment is not None else str(text or "")


def parse_instant(text: str) -> datetime | None:
    """A stored moment ("2027-03-31T13:05:00Z" or with an offset) as an aware datetime."""
    try:
        moment = datetime.fromisoformat((text or "").replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# -- helpers -------------------------------------------------------------------------------------

def _year(text: str, year_text: str) -> int:
    if len(year_text) <= 2:
        short = year_text.zfill(2)
        raise DateError(f"“{text.strip()}” has a two-digit year; write the year in full "
                        f"(20{short} or 19{short}), so it cannot be mistaken.")
    if len(year_text) != 4:
        raise DateError(f"“{text.strip()}” has a year of {len(year_text)} digits; "
                        f"write it with four, for example {EXAMPLE}.")
    return int(year_text)


def _month(text: str, name: str) -> int:
    number = _MONTH_NAMES.get(name.lower().rstrip("."))
    if number is None:
        raise DateError(f"“{text.strip()}”: “{name}” is not a month; write the month as a word "
                        f"(March or Mar) or a number, for example {EXAMPLE}.")
    return number


def _build(text: str, day: int, month: int, year: int) -> date:
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise DateError(f"“{text.strip()}” is in the year {year}; check the year "
                        f"(between {EARLIEST_YEAR} and {LATEST_YEAR}).")
    if not 1 <= month <= 12:
        raise DateError(f"“{text.strip()}” has no month {month}: months run from 1 to 12, "
                        f"and dates are read day first, as in 31/03/2027.")
    try:
        return date(year, month, day)
    except ValueError:
        last = _days_in(year, month)
        raise DateError(f"“{text.strip()}”: {MONTHS[month - 1]} {year} has {last} days, "
                        f"so there is no day {day}.") from None


def _days_in(year: int, month: int) -> int:
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - date(year, month, 1)).days
