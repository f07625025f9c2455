"""The `rmp-desktop` program: the window by default, and the same operations without one.

Sub-commands import only what they need, so `--version` and `export` do not pay
for Qt or the window, and the window does not pay for argparse.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rmp_desktop import APP_TITLE, __version__
from rmp_desktop.cli.registry import EXIT_OK, EXIT_PROBLEM, load_commands
from rmp_desktop.paths import ENV_DATA_DIR, ENV_STORE, resolve

if TYPE_CHECKING:
    import argparse


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="rmp-desktop",
        description=f"{APP_TITLE}: appraisals, career conversations and signed development plans. "
                    "With no command, opens the window.")
    parser.add_argument("--version", action="version", version=f"rmp-desktop {__version__}")
    _add_global_options(parser, None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, cmd in load_commands().items():
        p = sub.add_parser(name, help=cmd.help_text, description=cmd.help_text)
        # Global options work after the command too (`demo --data-dir DIR`), where most
        # people type them; SUPPRESS keeps one given before the command.
        _add_global_options(p, argparse.SUPPRESS)
        cmd.add_arguments(p)
    return parser


def _add_global_options(parser: argparse.ArgumentParser, default) -> None:
    parser.add_argument("--data-dir", metavar="DIR", default=default,
                        help=f"keep every file of the application in DIR (also ${ENV_DATA_DIR})")
    parser.add_argument("--store", metavar="URL", default=default,
                        help="use the organisation's PostgreSQL store at URL "
                             "(postgresql://server/database; never with a password in it) "
                             f"instead of the file in the data folder (also ${ENV_STORE}, or "
                             "store_url in settings.ini)")


_WINDOW = object()


_WINDOW_OPTIONS = ("--data-dir", "--store")


def _window_options(argv: Sequence[str]):
    """For arguments that ask for the window and nothing else (none, `--data-dir DIR`,
    `--store URL`) those options as a dict, so the window starts without building the parser;
    for anything else _WINDOW, meaning "parse them properly"."""
    options: dict[str, str] = {}
    rest = list(argv)
    while rest:
        option, equals, value = rest.pop(0).partition("=")
        if option not in _WINDOW_OPTIONS or option in options:
            return _WINDOW
        if not equals:
            if not rest or rest[0].startswith("-"):
                return _WINDOW
            value = rest.pop(0)
        options[option] = value
    return options


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    options = _window_options(argv)
    if options is not _WINDOW:
        from rmp_desktop.app import run_gui

        return run_gui(resolve(options.get("--data-dir"), options.get("--store")), sys.argv[:1])
    args = build_parser().parse_args(argv)
    paths = resolve(args.data_dir, args.store)
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
    from rmp_desktop.store_location import StoreLocationError

    try:
        paths.location  # noqa: B018 - a password in the address is refused before anything runs
    except StoreLocationError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_PROBLEM
    runner = load_commands()[args.command].runner()
    try:
        return runner(args, paths)
    except KeyboardInterrupt:
        return EXIT_PROBLEM
    except BrokenPipeError:
        # Output piped into `head` or a closed pager: not a failure worth a traceback.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the last word: words on screen, traceback in the log
        return _crashed(args.command, exc, paths)


def _crashed(command: str, exc: Exception, paths) -> int:
    import logging

    from rmp_desktop import logs
    from rmp_desktop.storage.safety import describe_storage_error

    logs.log_crash(logging.getLogger("rmp_desktop.cli"), exc, f"command {command}")
    print(f"{describe_storage_error(exc)} (The details are in the log file in "
          f"{paths.logs}.)", file=sys.stderr)
    return EXIT_PROBLEM


if __name__ == "__main__":
    sys.exit(main())
