"""Commands on the store as a whole: fill it with a demo team, import a staff list, check it."""

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


@command("check", "check the store's integrity and report in plain words")
def _check_args(p: argparse.ArgumentParser) -> None:
    pass


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


def run_check(args, paths: AppPaths) -> int:
    from rmp_desktop.storage import bootstrap

    if not paths.store.exists():
        print(f"There is no store yet at {paths.store}; it is created when the application opens.")
        return EXIT_OK
    verdict = bootstrap.quick_check(paths.store)
    if verdict != "ok":
        print(f"The store is damaged: {verdict}. Restore a backup (`rmp-desktop restore FILE`).")
        return EXIT_PROBLEM
    store = open_store(paths)
    if store is None:
        return EXIT_PROBLEM
    try:
        findings = store.integrity_report()
        if paths.packs.is_dir():
            from rmp_desktop.context import load_packs

            findings += [f"framework pack {problem} (the built-in pack is used instead)"
                         for problem in load_packs(paths)[1]]
        people = store.staff.count(include_archived=True)
    finally:
        store.close()
    if findings:
        print(f"The store at {paths.store} has {len(findings)} problem(s):")
        for finding in findings:
            print(f"  - {finding}")
        return EXIT_PROBLEM
    print(f"The store at {paths.store} is healthy: structure, links and audit log all check out "
          f"({people} people).")
    return EXIT_OK
