"""What is due, from the command line: `due [--json]` and `calendar --out FILE.ics`.

The same rules as the window's year view (domain.due) over the same gathering
(storage.due_query); the store loads inside each command.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from rmp_desktop.cli.common import open_store
from rmp_desktop.cli.registry import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, command
from rmp_desktop.domain.dates import DateError, display_date, parse_date
from rmp_desktop.domain.text_safety import escape_json, for_terminal

DEFAULT_WITHIN = 90  # days ahead the list looks by default


@command("due", "what is due for the team: appraisals, career conversations, reviews, drafts")
def _due_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--person", metavar="NAME", help="only this person (any part of the name)")
    p.add_argument("--within", metavar="DAYS", type=int, default=DEFAULT_WITHIN,
                   help=f"dates up to this many days ahead (default {DEFAULT_WITHIN})")
    p.add_argument("--all", action="store_true", help="every date in the plans, however far")
    p.add_argument("--on", metavar="DATE", help="as on this day instead of today (31/03/2027)")
    p.add_argument("--json", action="store_true", help="print JSON, for scripts")


@command("calendar", "write an iCalendar file of every date due, for Outlook and others")
def _calendar_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", metavar="FILE.ics", required=True, help="where to write it")
    p.add_argument("--person", metavar="NAME", help="only this person (any part of the name)")
    p.add_argument("--overwrite", action="store_true",
                   help="replace a calendar this application wrote before (importing the new "
                        "one updates the events, never duplicates them)")


def _today(args) -> date | None:
    if not getattr(args, "on", None):
        return date.today()
    try:
        return parse_date(args.on)
    except DateError as exc:
        print(f"--on: {exc}", file=sys.stderr)
        return None


def _people(store, args) -> list[int] | None:
    if not args.person:
        return None
    return [m.id for m in store.staff.find(args.person)]


def run_due(args, paths) -> int:
    from rmp_desktop.domain.due import describe, team_year
    from rmp_desktop.storage.due_query import person_years

    today = _today(args)
    if today is None:
        return EXIT_USAGE
    if args.within < 0:
        print("--within: give a number of days, 0 or more.", file=sys.stderr)
        return EXIT_USAGE
    store = open_store(paths)
    if store is None:
        return EXIT_PROBLEM
    try:
        ids = _people(store, args)
        if ids == []:
            print(f"No one in the store matches “{for_terminal(args.person)}”.", file=sys.stderr)
            return EXIT_PROBLEM
        with store.engine.connect() as conn:
            year = team_year(person_years(conn, ids), today)
    finally:
        store.close()
    items = year.within(None if args.all else args.within)
    names = {p.person_id: p for p in year.people}
    if args.json:
        body = {"on": today.isoformat(), "people": len(year.people),
                "appraised_in_last_12_months": year.appraised,
                "career_conversation_in_last_12_months": year.career_held,
                "items": [{"person": names[i.person_id].name, "person_uid": names[i.person_id].uid,
                           "what": i.what.value, "state": i.state.value,
                           "due": i.due_on.isoformat() if i.due_on else None,
                           "held_on": i.held_on.isoformat() if i.held_on else None,
                           "text": i.text, "record": i.record_uid[:8]} for i in items]}
        print(escape_json(json.dumps(body, ensure_ascii=False, indent=2)))
        return EXIT_OK
    print(f"What is due on {display_date(today)} for {len(year.people)} "
          f"{'person' if len(year.people) == 1 else 'people'}")
    print(f"Appraised in the last 12 months (pay progression): {year.appraised} of "
          f"{len(year.people)}; career conversation in the last 12 months: "
          f"{year.career_held} of {len(year.people)}.")
    if not items:
        print("Nothing is due" + ("." if args.all else f" in the next {args.within} days."))
        return EXIT_OK
    state = None
    for item in items:
        if item.state != state:
            state = item.state
            print(f"\n{state.label}")
        print(f"  {for_terminal(names[item.person_id].name)}: "
              f"{for_terminal(describe(item))} ({item.when()})")
    return EXIT_OK


def run_calendar(args, paths) -> int:
    from datetime import UTC, datetime
    from pathlib import Path

    from rmp_desktop.export.calendar_file import CALENDAR, build_calendar, entries
    from rmp_desktop.export.destination import DestinationRefused, Protected, write_bytes
    from rmp_desktop.storage import audit
    from rmp_desktop.storage.due_query import person_years

    store = open_store(paths)
    if store is None:
        return EXIT_PROBLEM
    try:
        ids = _people(store, args)
        if ids == []:
            print(f"No one in the store matches “{for_terminal(args.person)}”.", file=sys.stderr)
            return EXIT_PROBLEM
        with store.engine.connect() as conn:
            people = person_years(conn, ids)
        data = build_calendar(people, stamp=datetime.now(UTC).replace(microsecond=0))
        try:
            written = write_bytes(Path(args.out), data, CALENDAR,
                                  protect=Protected.for_store(paths.store),
                                  overwrite=args.overwrite)
        except DestinationRefused as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_PROBLEM
        import hashlib

        with store.sessions.begin() as session:
            audit.append(session, "calendar_exported", events=len(entries(people)),
                         sha256=hashlib.sha256(data).hexdigest())
    finally:
        store.close()
    count = len(entries(people))
    print(f"Wrote {for_terminal(str(written))}: {count} event{'s' if count != 1 else ''} "
          "(import it into your calendar; importing a newer one updates these events).")
    return EXIT_OK
