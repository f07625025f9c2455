"""Backing up and restoring the store without the window.

Registered into `cli.registry.COMMANDS` on import; the storage modules load inside each
command. Restore never opens the store first: it may be the damaged one being
replaced.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rmp_desktop.cli.common import organisation_backs_up
from rmp_desktop.cli.registry import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, command


@command("backup", "back up the store now (checked before it is kept)")
def _backup_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--to", metavar="FILE",
                   help="write the backup to FILE instead of the backups folder")
    p.add_argument("--overwrite", action="store_true",
                   help="replace FILE if it is an earlier backup (any other file is never "
                        "replaced)")


@command("restore", "replace the store with a backup (the current store is backed up first)")
def _restore_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", help="a backup made by this application")
    p.add_argument("--yes", action="store_true", help="do not ask before replacing (for scripts)")


def run_backup(args, paths) -> int:
    from rmp_desktop.storage.backup import make_backup
    from rmp_desktop.storage.errors import BackupError
    from rmp_desktop.storage.retention import prune

    if organisation_backs_up(paths, "backed up"):
        return EXIT_PROBLEM
    if not paths.store.exists():
        print(f"There is no store at {paths.store} to back up yet.", file=sys.stderr)
        return EXIT_PROBLEM
    target = None
    if args.to:
        from rmp_desktop.export.destination import (
            BACKUP,
            DestinationRefused,
            Protected,
            check_destination,
        )

        try:
            target = check_destination(Path(args.to), BACKUP, overwrite=args.overwrite,
                                       protect=Protected.for_store(paths.store))
        except DestinationRefused as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_PROBLEM
    try:
        info = make_backup(paths.store, paths.backups, reason="manual", target=target,
                           replace=args.overwrite)
    except BackupError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_PROBLEM
    if target is None:
        prune(paths.backups)
    print(f"Backed up to {info.path}: {info.summary()}.")
    return EXIT_OK


def run_restore(args, paths) -> int:
    from rmp_desktop.storage.backup import describe_backup
    from rmp_desktop.storage.errors import StoreError
    from rmp_desktop.storage.restore import restore_backup

    if organisation_backs_up(paths, "restored"):
        return EXIT_PROBLEM
    source = Path(args.file)
    try:
        info = describe_backup(source)
    except StoreError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_PROBLEM
    print(f"{source} holds: {info.summary()}.")
    if not args.yes:
        if not sys.stdin.isatty():
            print("Nothing was changed. Add --yes to restore without being asked.", file=sys.stderr)
            return EXIT_USAGE
        answer = input(f"Replace the store at {paths.store} with this backup? "
                       "The current store is backed up first. [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing was changed.")
            return EXIT_OK
    try:
        result = restore_backup(source, paths.store, paths.backups, confirm=True,
                                quarantine_dir=paths.quarantine)
    except StoreError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_PROBLEM
    print(result.report())
    return EXIT_OK
