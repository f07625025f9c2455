"""Commands on the store as a whole: fill it with a demo team, import a staff list."""

from __future__ import annotations

import argparse
import sys

from rmp_desktop.cli.common import open_store
from rmp_desktop.cli.registry import EXIT_OK, EXIT_PROBLEM, command
from rmp_desktop.domain.wording import counted
from rmp_desktop.paths import AppPaths


@command("demo", "fill the store with a fictional team to explore")
def _demo_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--force", action="store_true",
                   help="add the demo team even though the store already holds people")


@command("import-staff", "import a staff list (CSV from a spreadsheet or ESR)")
def _import_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="the CSV or tab-separated text file, in any encoding a "
                                "spreadsheet saves (UTF-8, UTF-16 Unicode text, Windows-1252)")
    p.add_argument("--dry-run", action="store_true",
                   help="show what the import would add, update and leave out; write nothing")
    p.add_argument("--leave-out-conflicts", action="store_true",
                   help="import the other rows when some conflict with people already there "
                        "(those rows are left as they are)")


def run_demo(args, paths: AppPaths) -> int:
    from rmp_desktop.demo import DemoRefused, load_demo

    store = open_store(paths)
    if store is None:
        return EXIT_PROBLEM
    try:
        added = load_demo(store, force=args.force)
    except DemoRefused as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_PROBLEM
    finally:
        store.close()
    print(f"Added a fictional team of {added} people to {paths.location.describe()}.")
    return EXIT_OK


def run_import_staff(args, paths: AppPaths) -> int:
    from rmp_desktop.domain.staff_import import read_staff_file
    from rmp_desktop.domain.text_safety import for_terminal

    shown = for_terminal(args.file)
    parsed = read_staff_file(args.file)
    if not parsed.ok:
        print(f"Nothing was imported: {counted(len(parsed.errors), 'problem')} in {shown}. "
              "Correct them and import the file again.", file=sys.stderr)
        for error in parsed.errors:
            print(f"  {for_terminal(str(error))}", file=sys.stderr)
        return EXIT_PROBLEM
    store = open_store(paths)
    if store is None:
        return EXIT_PROBLEM
    try:
        return _import_parsed(store, parsed, args, shown)
    finally:
        store.close()


def _import_parsed(store, parsed, args, shown: str) -> int:
    from rmp_desktop.domain.staff_import_plan import describe
    from rmp_desktop.domain.text_safety import for_terminal
    from rmp_desktop.storage.errors import ImportConflicts
    from rmp_desktop.storage.safety import describe_storage_error

    def say(lines, stream=sys.stdout) -> None:
        for line in lines:
            print(for_terminal(line), file=stream)

    notes = [f"Note: {note}" for note in parsed.notes]
    if args.dry_run:
        plan = store.staff.preview_import(parsed.rows)
        print(f"{shown} ({parsed.encoding_name}, {len(parsed.rows):,} people): a preview only, "
              "nothing was written.")
        say(describe(plan))
        if plan.conflicts:
            print("Importing leaves out the conflicting rows only with --leave-out-conflicts.")
        say(notes)
        return EXIT_OK
    try:
        outcome = store.staff.import_rows(parsed.rows,
                                          leave_out_conflicts=args.leave_out_conflicts)
    except ImportConflicts as conflicts:
        print(f"Nothing was imported from {shown}: {conflicts}", file=sys.stderr)
        say((f"  {c}" for c in conflicts.plan.conflicts), sys.stderr)
        print("Correct those rows (or the people in the application), or add "
              "--leave-out-conflicts to import the other rows and leave these as they are.",
              file=sys.stderr)
        return EXIT_PROBLEM
    except Exception as exc:  # the store, not the file: a full disk, a locked or read-only store
        print(f"Nothing was imported from {shown}. {describe_storage_error(exc)}",
              file=sys.stderr)
        return EXIT_PROBLEM
    left_out = (f", {counted(outcome.left_out, 'conflicting row')} left out as they are"
                if outcome.left_out else "")
    print(f"Imported {shown} ({parsed.encoding_name}): {outcome.added:,} added, "
          f"{outcome.updated:,} updated, {outcome.unchanged:,} already up to date{left_out}.")
    say(notes)
    return EXIT_OK
