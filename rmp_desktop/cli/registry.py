"""The command registry: exit codes, the `command` decorator and the modules that register.

Command modules import this module only (never the program in `cli.main`), so the
registry has no import cycle, and a new group of commands is one more name in
COMMAND_MODULES.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # argparse loads only when a command needs parsing, not for the window
    import argparse

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2

# Every module that registers commands, loaded only when a parser is needed.
COMMAND_MODULES: tuple[str, ...] = (
    "rmp_desktop.cli.store_commands",  # demo, import-staff
    "rmp_desktop.cli.check",  # check
    "rmp_desktop.cli.records",  # records, export, verify
    "rmp_desktop.cli.backup",  # backup, restore
    "rmp_desktop.cli.exchange",  # prep-form, import-prep, record-copy
    "rmp_desktop.cli.my_development",  # my-details, prep-export, prep-sheet, import-record, progress
    "rmp_desktop.cli.signing",  # signing-key
    "rmp_desktop.cli.due",  # due, calendar
    "rmp_desktop.cli.store_admin",  # store-admin, store-password (PostgreSQL)
    "rmp_desktop.cli.publish",  # publish (a laptop to the organisation's store)
    "rmp_desktop.cli.reports",  # report
)


@dataclass(frozen=True)
class Command:
    name: str
    help_text: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    module: str

    def runner(self) -> Callable:
        """`run_<name>(args, paths) -> int`, beside the arguments in the same module."""
        import sys

        return getattr(sys.modules[self.module], f"run_{self.name.replace('-', '_')}")


COMMANDS: dict[str, Command] = {}


def command(name: str, help_text: str):
    """Register `run_<name>(args, paths) -> int` with a function that adds its arguments."""

    def wrap(add_arguments: Callable[[argparse.ArgumentParser], None]):
        COMMANDS[name] = Command(name, help_text, add_arguments, add_arguments.__module__)
        return add_arguments

    return wrap


def load_commands() -> dict[str, Command]:
    import importlib

    for module in COMMAND_MODULES:
        importlib.import_module(module)
    return COMMANDS
