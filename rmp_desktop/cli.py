"""The `rmp-desktop` program: the window by default, and the same operations without one.

Sub-commands import only what they need, so `--version` and `export` do not pay
for Qt or the window.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rmp_desktop import APP_TITLE, __version__
from rmp_desktop.paths import ENV_DATA_DIR, AppPaths, resolve

if TYPE_CHECKING:  # argparse loads only when a command needs parsing, not for the window
    import argparse

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2

COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {}


def command(name: str, help_text: str):
    """Register `run_<name>(args, paths) -> int` with a function that adds its arguments."""

    def wrap(add_arguments: Callable[[argparse.ArgumentParser], None]):
        COMMANDS[name] = (help_text, add_arguments)
        return add_arguments

    return wrap


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


def build_parser() -> argparse.ArgumentParser:
    import argparse

    # The modules that register the other commands, loaded only when a parser is needed.
    import rmp_desktop.cli_backup  # noqa: F401  backup, restore
    import rmp_desktop.cli_records  # noqa: F401  records, export, verify

    parser = argparse.ArgumentParser(
        prog="rmp-desktop",
        description=f"{APP_TITLE}: appraisals, career conversations and signed development plans. "
                    "With no command, opens the window.")
    parser.add_argument("--version", action="version", version=f"rmp-desktop {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help=f"keep every file of the application in DIR (also ${ENV_DATA_DIR})")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (help_text, add_arguments) in COMMANDS.items():
        add_arguments(sub.add_parser(name, help=help_text, description=help_text))
    return parser


_WINDOW = object()


def _window_data_dir(argv: Sequence[str]):
    """For arguments that ask for the window and nothing else (none, or `--data-dir DIR`) the
    data folder (None for the default), so the window starts without building the parser;
    for anything else _WINDOW, meaning "parse them properly"."""
    if not argv:
        return None
    if len(argv) == 2 and argv[0] == "--data-dir" and not argv[1].startswith("-"):
        return argv[1]
    if len(argv) == 1 and argv[0].startswith("--data-dir="):
        return argv[0].split("=", 1)[1]
    return _WINDOW


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    data_dir = _window_data_dir(argv)
    if data_dir is not _WINDOW:
        from rmp_desktop.app import run_gui

        return run_gui(resolve(data_dir), sys.argv[:1])
    args = build_parser().parse_args(argv)
    paths = resolve(args.data_dir)
    if args.command is None:
        from rmp_desktop.app import run_gui

        return run_gui(paths, sys.argv[:1])
    from rmp_desktop import logs

    try:
        paths.ensure()
        logs.configure(paths.logs)
    except OSError as exc:
        print(f"The data folder {paths.data_dir} cannot be used ({exc.strerror}). "
              "Choose another with --data-dir.", file=sys.stderr)
        return EXIT_PROBLEM
    # A command's runner lives beside its arguments, in whichever module registered it.
    add_arguments = COMMANDS[args.command][1]
    runner = getattr(sys.modules[add_arguments.__module__],
                     f"run_{args.command.replace('-', '_')}")
    try:
        return runner(args, paths)
    except KeyboardInterrupt:
        return EXIT_PROBLEM


def open_store(paths: AppPaths):
    """Check, migrate and open the store, or print why not and return None."""
    from rmp_desktop.storage import bootstrap, safety
    from rmp_desktop.storage.store import Store

    risk = safety.describe_location_risk(paths.data_dir)
    if risk:
        print(f"Warning: {risk}", file=sys.stderr)
    try:
        safety.check_writable(paths.data_dir, paths.store)
        bootstrap.prepare(paths.store, paths.backups)
    except bootstrap.StoreUnreadable as exc:
        hint = (f" The newest good backup is {exc.newest_backup}; restore it with "
                f"`rmp-desktop restore {exc.newest_backup}`." if exc.newest_backup else "")
        print(f"{exc}{hint} The file has not been changed.", file=sys.stderr)
        return None
    except bootstrap.StoreError as exc:
        print(str(exc), file=sys.stderr)
        return None
    return Store(paths.store)


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


if __name__ == "__main__":
    sys.exit(main())
