"""Reports from the command line: `report [--json] [--out FILE.pdf|FILE.csv] [--by BREAKDOWN]`.

The same figures as the window's (storage.report_source, domain.report_tables), suppressed
before anything is printed or written: on a store file or a manager's login, worked out now;
on an organisation's store with an HR/OD lead's login, the newest published report.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from rmp_desktop.cli.registry import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, command
from rmp_desktop.domain.dates import DateError, display_date, parse_date
from rmp_desktop.domain.text_safety import escape_json, for_terminal

DEFAULT_BY = "band"
TERMINAL_SECTIONS = ("coverage", "trends")  # the rest are too wide for a terminal


@command("report", "coverage, the talent pipeline and trends, by band, area, directorate, "
                   "manager or equality monitoring answers; small numbers hidden")
def _report_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--by", metavar="BREAKDOWN", default=DEFAULT_BY,
                   help="band (the default), functional_area, directorate, manager, or an "
                        "equality breakdown such as ethnic_heading or disability")
    p.add_argument("--on", metavar="DATE", help="as on this day instead of today (31/03/2027)")
    p.add_argument("--json", action="store_true", help="print every table as JSON, for scripts")
    p.add_argument("--out", metavar="FILE.pdf|FILE.csv",
                   help="write the report: a PDF of one breakdown, or a CSV of every figure")
    p.add_argument("--overwrite", action="store_true",
                   help="replace a report this application wrote before")


def run_report(args, paths) -> int:
    on = _day(args.on)
    if on is None:
        return EXIT_USAGE
    view = _load(paths, on)
    if view is None:
        return EXIT_PROBLEM
    report = view.report
    if report.breakdown(args.by) is None:
        known = ", ".join(b.id for b in report.breakdowns)
        print(f"--by: “{for_terminal(args.by)}” is not a breakdown of this report; choose one "
              f"of {known}.", file=sys.stderr)
        return EXIT_USAGE
    if args.out:
        return _write(args, paths, view)
    if args.json:
        print(escape_json(json.dumps(report.to_dict(), ensure_ascii=False, indent=1)))
        return EXIT_OK
    _print(report, args.by, view.published)
    return EXIT_OK


def _day(text: str | None) -> date | None:
    if not text:
        return date.today()
    try:
        return parse_date(text)
    except DateError as exc:
        print(f"--on: {exc}", file=sys.stderr)
        return None


def _load(paths, on: date):
    from rmp_desktop import __version__
    from rmp_desktop.cli.common import open_store
    from rmp_desktop.context import load_packs
    from rmp_desktop.storage.errors import StoreError
    from rmp_desktop.storage.report_publish import NothingPublished
    from rmp_desktop.storage.report_source import ReportsUnavailable, load_report

    location = paths.location
    if not location.is_postgres:  # a store file: checked (and made, or migrated) first
        store = open_store(paths)
        if store is None:
            return None
        store.close()
    try:
        return load_report(location, on, load_packs(paths)[0],
                           made_by=f"rmp-desktop {__version__}")
    except (NothingPublished, ReportsUnavailable, StoreError) as exc:
        print(str(exc), file=sys.stderr)
    except _database_errors() as exc:
        print(f"The report could not be read from {location.describe()} ({_first_line(exc)}). "
              "Check that you are connected to your organisation's network, then try again.",
              file=sys.stderr)
    return None


def _database_errors() -> tuple[type[BaseException], ...]:
    from rmp_desktop.storage.dialect import reader_errors

    return reader_errors()


def _write(args, paths, view) -> int:
    from rmp_desktop.export.destination import DestinationRefused, Protected
    from rmp_desktop.export.report_export import UnknownKind, write_report

    try:
        written, sha256 = write_report(view.report, args.by, args.out,
                                       protect=Protected.for_store(paths.store),
                                       overwrite=args.overwrite)
    except (DestinationRefused, UnknownKind) as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_PROBLEM
    if not view.published:  # a lead's login writes nothing to the store, not even the log
        _log_export(paths, sha256)
    print(f"Wrote {for_terminal(str(written))}: the report as at "
          f"{display_date(view.report.on)}, small numbers hidden.")
    return EXIT_OK


def _log_export(paths, sha256: str) -> None:
    from rmp_desktop.storage import audit
    from rmp_desktop.storage.store import Store

    store = Store(paths.location)
    try:
        with store.sessions.begin() as session:
            audit.append(session, "report_exported", sha256=sha256)
    finally:
        store.close()


def _print(report, breakdown: str, published: bool) -> None:
    from rmp_desktop.domain.suppression import show

    described = report.breakdown(breakdown)
    source = ("published by the store's administrators on "
              f"{display_date(report.made_at)}" if published else "worked out now")
    print(f"Report as at {display_date(report.on)} for {report.scope} ({source}); "
          f"{show(report.people)} people. Counts of 1 to 7 are shown as *, others rounded to "
          "the nearest 5.")
    for table in report.tables_for(breakdown):
        if table.section not in TERMINAL_SECTIONS:
            continue
        by = f" by {described.phrase}" if table.breakdown and described else ""
        print(f"\n{table.title}{by}")
        width = max(len(g) for g in table.groups) + 2
        for c, column in enumerate(table.columns):
            print(f"  {column.label}")
            for r, group in enumerate(table.groups):
                print(f"    {for_terminal(group):<{width}} {table.cell_text(r, c)}")
    print("\nThe pipeline (aspirations, transition readiness, talent grid, development "
          "avenues) is in the files: every figure as a spreadsheet with --out report.csv, this "
          "breakdown as a document with --out report.pdf, or --json.")


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
