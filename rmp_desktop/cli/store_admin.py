"""Commands for the organisation's PostgreSQL store: its administrators' (create, upgrade, let
people in) and a manager's own (keep their password in the system keyring).

Registered into `cli.registry.COMMANDS` on import; psycopg and the storage modules load
inside each command.
"""

from __future__ import annotations

import argparse
import sys

from rmp_desktop.cli.registry import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, command

ACTIONS = ("init", "upgrade", "add-manager", "add-lead", "status", "publish-reports")


@command("store-admin", "for the administrators of an organisation's PostgreSQL store: "
                        "init, upgrade, add-manager LOGIN --staff-uid UID, add-lead LOGIN, status, "
                        "publish-reports")
def _store_admin_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=ACTIONS,
                   help="init: create the roles and the store (or finish an upgrade); "
                        "upgrade: migrate to this version's schema; add-manager: let a login "
                        "work on their own team; add-lead: let a login read the reports; "
                        "status: the schema and who may use the store; publish-reports: work "
                        "out the reports the HR/OD leads read (suppressed figures only), after "
                        "every upgrade and on a schedule")
    p.add_argument("login", nargs="?", metavar="LOGIN", help="the database login to add")
    p.add_argument("--staff-uid", metavar="UID",
                   help="add-manager: the manager's stable staff uid (32 hexadecimal characters)")


@command("store-password", "keep your password for the organisation's store (--store, or the "
                           "publish_url a laptop publishes to) in the system keyring")
def _store_password_args(p: argparse.ArgumentParser) -> None:
    pass


def _organisation_url(paths) -> str | None:
    location = paths.location
    if location.is_postgres:
        return location.url
    print("This works on an organisation's PostgreSQL store: name it with --store URL "
          "(postgresql://server/database).", file=sys.stderr)
    return None


def run_store_admin(args, paths) -> int:
    url = _organisation_url(paths)
    if url is None:
        return EXIT_USAGE
    if args.action in ("add-manager", "add-lead") and not args.login:
        print(f"Name the login to add: store-admin {args.action} LOGIN.", file=sys.stderr)
        return EXIT_USAGE
    if args.action == "add-manager" and not args.staff_uid:
        print("Say which manager the login is, with --staff-uid UID (their stable staff uid).",
              file=sys.stderr)
        return EXIT_USAGE
    import psycopg

    from rmp_desktop.storage import pg_admin
    from rmp_desktop.storage.errors import StoreError

    where = paths.location.describe()
    try:
        return _run_action(args, url, where, pg_admin, paths)
    except (pg_admin.AdminError, StoreError) as exc:
        print(str(exc), file=sys.stderr)
    except psycopg.errors.InsufficientPrivilege as exc:
        print(f"Your login may not do this on {where} ({_first_line(exc)}). Run store-admin as "
              "the database's owner, or a login with CREATEROLE that is a member of rmp_owner.",
              file=sys.stderr)
    except psycopg.Error as exc:
        print(f"The store at {where} could not be changed ({_first_line(exc)}). Nothing was "
              "changed.", file=sys.stderr)
    return EXIT_PROBLEM


def _run_action(args, url: str, where: str, pg_admin, paths) -> int:
    from rmp_desktop.storage.schema import HEAD

    if args.action in ("init", "upgrade"):
        step = pg_admin.init if args.action == "init" else pg_admin.upgrade
        before = step(url)
        moved = ("created" if before is None else
                 "already current" if before == HEAD else f"upgraded from schema {before}")
        print(f"The store at {where} is at schema {HEAD} ({moved}); its roles, grants and "
              "row-level security are in place.")
    elif args.action == "add-manager":
        created = pg_admin.add_manager(url, args.login, args.staff_uid)
        print(f"{args.login} works on their own team at {where}"
              + (" (a new login without a password: set one with psql's \\password, or map it "
                 "to your single sign-on)." if created else "."))
    elif args.action == "add-lead":
        created = pg_admin.add_lead(url, args.login)
        print(f"{args.login} reads the reports at {where}, and nothing else"
              + (" (a new login without a password)." if created else "."))
    elif args.action == "publish-reports":
        return _publish_reports(url, where, paths)
    else:
        summary = pg_admin.summary(url)
        print(f"{where}: schema {summary.revision or 'none (run store-admin init)'}; "
              f"{len(summary.managers)} manager login(s), {len(summary.leads)} lead login(s).")
        for login, uid in summary.managers:
            print(f"  manager {login}: staff uid {uid}")
        for login in summary.leads:
            print(f"  HR/OD lead {login}")
    return EXIT_OK


def _publish_reports(url: str, where: str, paths) -> int:
    from datetime import date

    from rmp_desktop import __version__
    from rmp_desktop.context import load_packs
    from rmp_desktop.domain.dates import display_date
    from rmp_desktop.domain.suppression import show
    from rmp_desktop.storage.report_publish import KEEP, publish

    report = publish(url, date.today(), load_packs(paths)[0],
                     made_by=f"rmp-desktop {__version__}")
    print(f"Published the reports as at {display_date(report.on)} at {where}: "
          f"{show(report.people)} people, {len(report.breakdowns)} breakdowns, small numbers "
          f"hidden. The HR/OD leads see them now; the newest {KEEP} are kept.")
    return EXIT_OK


def run_store_password(args, paths) -> int:
    # A laptop keeps the password of the store it publishes to; a desktop, of its own store.
    url = None if paths.location.is_postgres else paths.publish_url()
    url = url or _organisation_url(paths)
    if url is None:
        return EXIT_USAGE
    import getpass

    from rmp_desktop.storage.pg_connect import keyring_key, save_keyring_password

    if not sys.stdin.isatty():
        print("Type the password at a terminal; it is never read from a file or a pipe.",
              file=sys.stderr)
        return EXIT_USAGE
    password = getpass.getpass(f"Password for {keyring_key(url)}: ")
    if not password:
        print("Nothing was kept.")
        return EXIT_OK
    try:
        save_keyring_password(url, password)
    except RuntimeError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_PROBLEM
    print("Kept in the system keyring; the application uses it when the server asks.")
    return EXIT_OK


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
