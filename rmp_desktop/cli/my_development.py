"""The staff member's side without the window: who I am, sending my preparation, a sheet to
think on paper, taking in my copy of a signed record, and my progress on its actions.

Registered into `cli.registry.COMMANDS` on import; the store and the PDF code load inside
each command.
"""

from __future__ import annotations

import argparse
import sys

from rmp_desktop.cli.common import open_store
from rmp_desktop.cli.registry import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, command


@command("my-details", "say who you are, for preparing your own conversations")
def _my_details_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--name", help="your name as you write it")
    p.add_argument("--preferred-name", help="the name you like to be called")
    p.add_argument("--job-title")
    p.add_argument("--band", help="your Agenda for Change band, such as 6 or 8a")
    p.add_argument("--area", help="your functional area, such as 'employee relations'")
    p.add_argument("--manager", help="your manager's name")
    p.add_argument("--assignment-number")
    p.add_argument("--email")


@command("prep-export", "write your preparation as a file to send to your manager")
def _prep_export_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", metavar="FILE", required=True, help="where to write it")
    p.add_argument("--overwrite", action="store_true", help="replace FILE if it exists")


@command("prep-sheet", "write a printable sheet to prepare on paper")
def _prep_sheet_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", metavar="FILE.pdf", required=True, help="where to write it")
    p.add_argument("--large-print", action="store_true", help="larger type and more space")
    p.add_argument("--overwrite", action="store_true", help="replace FILE.pdf if it exists")


@command("import-record", "take in your copy of a signed record and check it is genuine")
def _import_record_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", help="the record file your manager gave you")
    p.add_argument("--yes", action="store_true",
                   help="it is yours even though this store knows you by another identifier")


@command("progress", "note progress on an action of your last signed plan")
def _progress_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", metavar="ACTION", nargs="?",
                   help="the action's number as listed (leave out to list them)")
    p.add_argument("--note", help="your progress so far, in your own words")
    p.add_argument("--done", metavar="DATE", help="the day it was done, such as 31/05/2027")
    p.add_argument("--not-done", action="store_true", help="clear the done date")


def run_my_details(args, paths) -> int:
    from rmp_desktop.context import load_packs
    from rmp_desktop.domain.staff import StaffMember, normalise_area, normalise_band
    from rmp_desktop.storage.errors import ValidationFailed
    from rmp_desktop.storage.my_development import MyDevelopmentRepository

    store = open_store(paths)
    if store is None:
        return EXIT_PROBLEM
    try:
        mine = MyDevelopmentRepository.of(store)
        current = mine.me()
        asked = any(getattr(args, k) is not None for k in (
            "name", "preferred_name", "job_title", "band", "area", "manager",
            "assignment_number", "email"))
        if not asked:
            if current is None:
                print("This store does not know who you are yet. Give at least --name, --band "
                      "and --area.", file=sys.stderr)
                return EXIT_USAGE
            _print_me(current)
            return EXIT_OK
        base = current.member if current else StaffMember(full_name="")
        band = normalise_band(args.band) if args.band is not None else base.band
        area = normalise_area(args.area) if args.area is not None else base.functional_area
        if band is None or area is None:
            print("Give a band such as 6 or 8a and one of the ten functional areas.",
                  file=sys.stderr)
            return EXIT_USAGE
        member = base.with_changes(**{k: v for k, v in {
            "full_name": args.name, "preferred_name": args.preferred_name,
            "job_title": args.job_title, "band": band, "functional_area": area,
            "assignment_number": args.assignment_number, "email": args.email}.items()
            if v is not None})
        manager = args.manager if args.manager is not None else (
            current.manager_name if current else "")
        try:
            details = mine.set_me(member, manager, packs=load_packs(paths)[0])
        except ValidationFailed as exc:
            print(f"Nothing was saved: {exc}", file=sys.stderr)
            return EXIT_PROBLEM
    finally:
        store.close()
    _print_me(details)
    return EXIT_OK


def _print_me(details) -> None:
    m = details.member
    print(f"You: {m.full_name}" + (f" (known as {m.preferred_name})" if m.preferred_name else "")
          + f", {m.job_title or 'no job title'}, band {m.band}, {m.functional_area}"
          + (f"; manager {details.manager_name}" if details.manager_name else "") + ".")


def run_prep_export(args, paths) -> int:
    from rmp_desktop import __version__
    from rmp_desktop.domain.exchange_json import ExchangeRefused
    from rmp_desktop.domain.preparation import carried_summary
    from rmp_desktop.export.exchange_files import FileRefused, write_file
    from rmp_desktop.storage.my_development import MyDevelopmentRepository, NotSetUp

    store = open_store(paths)
    if store is None:
        return EXIT_PROBLEM
    try:
        mine = MyDevelopmentRepository.of(store)
        try:
            prep, private = mine.make_preparation(made_by=f"rmp-desktop {__version__}")
        except (NotSetUp, ExchangeRefused) as exc:
            print(f"Nothing was written. {exc}", file=sys.stderr)
            return EXIT_PROBLEM
        print("The file will carry:")
        for line in carried_summary(prep, private_notes=private):
            print(f"  - {line}")
        data = prep.to_file_bytes()
        try:
            out = write_file(args.out, data, overwrite=args.overwrite, data_dir=paths.data_dir)
        except (FileRefused, OSError) as exc:
            print(f"Nothing was written. {getattr(exc, 'strerror', None) or exc}",
                  file=sys.stderr)
            return EXIT_PROBLEM
        mine.log_sent(prep)
    finally:
        store.close()
    print(f"Wrote your preparation to {out}. Send it to your manager.")
    return EXIT_OK


def run_prep_sheet(args, paths) -> int:
    from rmp_desktop.context import load_packs
    from rmp_desktop.export.exchange_files import FileRefused, write_file
    from rmp_desktop.export.prep_sheet import render_sheet
    from rmp_desktop.storage.my_development import MyDevelopmentRepository

    store = open_store(paths)
    if store is None:
        return EXIT_PROBLEM
    try:
        me = MyDevelopmentRepository.of(store).me()
        name = me.member.display_name if me else ""
        data = render_sheet(load_packs(paths)[0], name=name, large=args.large_print)
        try:
            out = write_file(args.out, data, overwrite=args.overwrite, data_dir=paths.data_dir)
        except (FileRefused, OSError) as exc:
            print(f"Nothing was written. {getattr(exc, 'strerror', None) or exc}",
                  file=sys.stderr)
            return EXIT_PROBLEM
    finally:
        store.close()
    print(f"Wrote a preparation sheet{' in large print' if args.large_print else ''} to {out}.")
    return EXIT_OK


def run_import_record(args, paths) -> int:
    import hashlib

    from rmp_desktop.domain.exchange_json import ExchangeRefused
    from rmp_desktop.domain.record_copy import MAX_FILE_BYTES, parse_record_copy
    from rmp_desktop.export.exchange_files import FileRefused, read_file
    from rmp_desktop.export.record_copy import NEEDS_CHOICE, CopyRefused, import_copy

    try:
        data = read_file(args.file, limit=MAX_FILE_BYTES, what="a record copy")
        copy = parse_record_copy(data)
    except (ExchangeRefused, FileRefused) as exc:
        print(f"Not imported. {exc}", file=sys.stderr)
        return EXIT_PROBLEM
    digest = hashlib.sha256(data).hexdigest()
    store = open_store(paths)
    if store is None:
        return EXIT_PROBLEM
    try:
        try:
            outcome = import_copy(store, copy, digest)
            if outcome.status == NEEDS_CHOICE and outcome.person is not None:
                confirmed = args.yes or (sys.stdin.isatty() and input(
                    f"{outcome.message} Is it yours? [y/N] ").strip().lower() in ("y", "yes"))
                if not confirmed:
                    print(f"Not imported. {outcome.message} Add --yes to confirm.",
                          file=sys.stderr)
                    return EXIT_PROBLEM
                outcome = import_copy(store, copy, digest, person_id=outcome.person.id)
        except CopyRefused as exc:
            print(f"Not imported. {exc}", file=sys.stderr)
            return EXIT_PROBLEM
    finally:
        store.close()
    print(outcome.message)
    return EXIT_OK


def run_progress(args, paths) -> int:
    from datetime import date

    from rmp_desktop.domain.dates import DateError, display_date, parse_date
    from rmp_desktop.storage.my_development import MyDevelopmentRepository

    store = open_store(paths)
    if store is None:
        return EXIT_PROBLEM
    try:
        mine = MyDevelopmentRepository.of(store)
        actions = mine.plan_actions()
        if not actions:
            print("There is no signed plan in this store yet: import your copy of the record "
                  "first (`rmp-desktop import-record FILE`).", file=sys.stderr)
            return EXIT_PROBLEM
        if args.action is None:
            for number, a in enumerate(actions, start=1):
                state = f"done {display_date(a.done_on)}" if a.done_on else "open"
                print(f"{number}. {a.text} ({state})" + (f": {a.note}" if a.note else ""))
            return EXIT_OK
        if not args.action.isdigit() or not 1 <= int(args.action) <= len(actions):
            print(f"Give the action's number, 1 to {len(actions)}.", file=sys.stderr)
            return EXIT_USAGE
        action = actions[int(args.action) - 1]
        done: date | None | bool = False
        if args.not_done:
            done = None
        elif args.done:
            try:
                done = parse_date(args.done)
            except DateError as exc:
                print(str(exc), file=sys.stderr)
                return EXIT_USAGE
        mine.set_progress(action.conversation_id, action.action_id, note=args.note, done_on=done)
    finally:
        store.close()
    print(f"Noted your progress on “{action.text}”. It goes to your manager with your next "
          "preparation.")
    return EXIT_OK
