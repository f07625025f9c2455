"""Reminders a manager sees: an iCalendar file of every date due, made with `icalendar`.

One all-day event per review date, action target date and objective date of each person's
plan in force, and one for each person's next appraisal. Every event's UID is built from
things that do not change when the file is made again (the person's stable uid, the plan
item's id, what the date is for), so importing a newer file into Outlook, Google or Apple
Calendar updates the events it imported before instead of adding them twice; SEQUENCE rises
when a date can have moved (an amendment of the plan, a newer appraisal).

The events are marked private. The file carries names and what was agreed, for the
manager's own calendar; nothing here is logged.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from rmp_desktop.domain.dates import display_date
from rmp_desktop.domain.due import PersonYear, What, appraisal_due, plan_dates
from rmp_desktop.export.destination import FileKind

PRODID = "-//Realising My Potential//rmp-desktop//EN"
_EPOCH = date(2000, 1, 1)
UID_DOMAIN = "rmp-desktop"


def is_our_calendar(path: Path) -> bool:
    """A calendar file this application wrote (its PRODID says so, near the start)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return head.lstrip(b"\xef\xbb\xbf").startswith(b"BEGIN:VCALENDAR") and \
        PRODID.encode() in head


CALENDAR = FileKind("a calendar of due dates made by this application", is_our_calendar)


@dataclass(frozen=True)
class CalendarEntry:
    uid: str
    on: date
    summary: str
    description: str
    sequence: int


def entries(people: Iterable[PersonYear]) -> list[CalendarEntry]:
    """The events for each person, in date order."""
    found = []
    for person in people:
        name, person_uid = person.name, person.uid
        due = appraisal_due(person.last_appraisal)
        if due is not None:
            found.append(CalendarEntry(
                uid=f"appraisal-{person_uid}@{UID_DOMAIN}", on=due,
                summary=f"Appraisal due: {name}",
                description=(f"{name}'s last appraisal was signed on "
                             f"{display_date(person.last_appraisal)}; pay progression needs "
                             "one in every 12 months."),
                # A newer appraisal moves the date: a later day means a higher number.
                sequence=(person.last_appraisal - _EPOCH).days))  # type: ignore[operator]
        for dated in plan_dates(person.plan, person.done_actions):
            label = {What.REVIEW: "Review", What.TARGET: "Target date",
                     What.OBJECTIVE: "Objective due"}[dated.what]
            found.append(CalendarEntry(
                uid=f"{dated.what.value}-{dated.item_id}-{person_uid}@{UID_DOMAIN}",
                on=dated.due_on, summary=f"{label}: {name}",
                description=f"{dated.text}\n\nFrom {name}'s plan signed on "
                            f"{display_date(person.last_signed)}.",
                sequence=max(person.plan_version - 1, 0)))
    return sorted(found, key=lambda e: (e.on, e.uid))


def build_calendar(people: Iterable[PersonYear], *, stamp: datetime) -> bytes:
    """The .ics file's bytes; `stamp` (UTC) is when it was made (DTSTAMP)."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Realising My Potential: dates due")
    for entry in entries(people):
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.on)
        event.add("dtend", entry.on + timedelta(days=1))
        event.add("summary", entry.summary)
        event.add("description", entry.description)
        event.add("sequence", entry.sequence)
        event.add("class", "PRIVATE")
        event.add("transp", "TRANSPARENT")  # a reminder, not time blocked out
        event.add("x-microsoft-cdo-alldayevent", "TRUE")
        calendar.add_component(event)
    return bytes(calendar.to_ical())
