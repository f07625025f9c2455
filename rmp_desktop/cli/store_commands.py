"""Commands on the store as a whole: fill it with a demo team, import a staff list."""

from __future__ import annotations

import argparse
import sys

from rmp_desktop.cli.common import open_store
from rmp_desktop.cli.registry import EXIT_OK, EXIT_PROBLEM, command
from rmp_desktop.paths import AppPaths


@command("demo", "fill the store with a fictional team to explore")
def _demo_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--force", action="store_true",
                   help="add the demo team even though the store already holds people")


@command("import-staff", "import a staff list (CSV from a spreadsheet or ESR)")
def _import_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="the CSV file; UTF-8 (with or without BOM) or Windows-1252")


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
    print(f"Added a fictional team of {added} people to {paths.store}.")
    return EXIT_OK


def run_import_staff(args, paths: AppPaths) -> int:
    from rmp_desktop.domain.staff_import import parse_staff_csv

    result = parse_staff_csv(args.file)
    if not result.ok:
        print(f"Nothing was imported: {len(result.errors)} problem(s) in {args.file}. "
              "Correct them and import the file again.", file=sys.stderr)
        for error in result.errors:
            print(f"  {error}", file=sys.stderr)
        return EXIT_PROBLEM
    store = open_store(paths)
    if store is None:
        return EXIT_PROBLEM
    try:
        outcome = store.staff.import_all(result.members)
    finally:
        store.close()
    print(f"Imported {args.file} ({result.encoding}): {outcome.added} added, "
          f"{outcome.updated} updated, {outcome.unchanged} already up to date.")
    return EXIT_OK
