"""The manager's side of the exchange without the window: a preparation form for someone,
bringing a preparation into their conversation, and giving them a copy of a signed record.

Registered into `cli.registry.COMMANDS` on import; the store, reportlab and pypdf load inside
each command.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rmp_desktop.cli.common import open_store
from rmp_desktop.cli.registry import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, command


@command("prep-form", "make a fillable PDF preparation form for one person")
def _prep_form_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("person", metavar="PERSON",
                   help="the person: any part of their name (as `records --person` takes it), "
                        "or their assignment number")
    p.add_argument("--out", metavar="FILE.pdf", required=True, help="where to write the form")
    p.add_argument("--overwrite", action="store_true", help="replace FILE.pdf if it exists")


@command("import-prep", "bring a preparation (file or filled PDF form) into a conversation")
def _import_prep_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", help="the preparation file or the filled PDF form")
    p.add_argument("--person", metavar="ID", type=int,
                   help="who it is from, by the id listed when the application asks")
    p.add_argument("--new-person", action="store_true",
                   help="add the person from the file's details if no one matches")


@command("record-copy", "write a signed record as a copy for the staff member, with its PDF")
def _record_copy_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("record", metavar="RECORD",
                   help="the record's identifier, as `rmp-desktop records` shows it")
    p.add_argument("--out", metavar="FILE", required=True,
                   help="the record file to write; the PDF goes beside it as FILE.pdf")
    p.add_argument("--overwrite", action="store_true", help="replace the files if they exist")


def find_one_person(store, text: str):
    """The one person `text` names (assignment number, uid or any part of the name), or a
    LookupError whose message lists who matched."""
    text = text.strip()
    for member in store.staff.all():
        if text and text.upper() in (member.assignment_number.upper(), member.uid.upper()):
            return member
    found = store.staff.find(text)
    if not found:
        raise LookupError(f"No one in the store matches “{text}”.")
    if len(found) > 1:
        names = "\n".join(f"  {m.full_name} ({m.job_title or 'no title'}, "
                          f"{m.assignment_number or 'no assignment number'})" for m in found[:20])
        raise LookupError(f"More than one person matches “{text}”; give more of the name or "
                          f"their assignment number:\n{names}")
    return found[0]


def run_prep_form(args, paths) -> int:
    from rmp_desktop.context import load_packs
    from rmp_desktop.export.exchange_files import FileRefused, write_file
    from rmp_desktop.export.prep_form import log_form_given, render_form, subject_for

    store = open_store(paths)
    if store is None:
        return EXIT_PROBLEM
    try:
        try:
            person = find_one_person(store, args.person)
        except LookupError as exc:
            print(str(exc).strip("'\""), file=sys.stderr)
            return EXIT_PROBLEM
        subject = subject_for(store, person.id, _now_iso())
        data = render_form(subject, load_packs(paths)[0])
        try:
            out = write_file(args.out, data, overwrite=args.overwrite, data_dir=paths.data_dir)
        except (FileRefused, OSError) as exc:
            print(_file_message(exc, args.out), file=sys.stderr)
            return EXIT_PROBLEM
        log_form_given(store, person.id)
    finally:
        store.close()
    print(f"Wrote a preparation form for {person.display_name} to {out}. They fill it in with "
          "any PDF reader, save it and send it back; bring it in with "
          f"`rmp-desktop import-prep {out.name}`.")
    return EXIT_OK


def run_import_prep(args, paths) -> int:
    from rmp_desktop.context import load_packs
    from rmp_desktop.domain.dates import display_date
    from rmp_desktop.domain.exchange_json import ExchangeRefused
    from rmp_desktop.export.exchange_files import FileRefused
    from rmp_desktop.export.prep_form import read_preparation_file
    from rmp_desktop.storage import prep_import
    from rmp_desktop.storage.person_match import WrongPerson

    try:
        prep, digest = read_preparation_file(args.file)
    except (ExchangeRefused, FileRefused) as exc:
        print(f"Nothing was imported. {exc}", file=sys.stderr)
        return EXIT_PROBLEM
    p = prep.person
    print(f"A preparation from {p['full_name']}"
          + (f" ({p['assignment_number']})" if p["assignment_number"] else "")
          + f", made {display_date(prep.made_at[:10])}" + (" as a PDF form." if prep.source == "form" else "."))
    store = open_store(paths)
    if store is None:
        return EXIT_PROBLEM
    try:
        packs = load_packs(paths)[0]
        person_id = args.person
        while True:
            try:
                outcome = prep_import.import_preparation(store, prep, digest, packs,
                                                         person_id=person_id,
                                                         new_person=args.new_person)
            except (WrongPerson, LookupError) as exc:
                print(f"Nothing was imported. {str(exc).strip(chr(39))}", file=sys.stderr)
                return EXIT_PROBLEM
            if outcome.status != prep_import.NEEDS_CHOICE:
                break
            person_id = _ask_person(outcome)
            if person_id is None:
                return EXIT_PROBLEM
    finally:
        store.close()
    if outcome.status == prep_import.NOT_FOUND:
        print(f"Nothing was imported. {outcome.message} (add --new-person)", file=sys.stderr)
        return EXIT_PROBLEM
    print(outcome.message)
    result = outcome.result
    if result is not None:
        for conflict in result.conflicts:
            print(f"  differs: {conflict['label']}: the draft keeps its words; the "
                  "preparation's are kept beside them to choose from in the window.")
        for item in result.gone:
            print(f"  no longer in the framework: {item['what']} “{item['label']}”")
        for progress in result.progress:
            done = f", done {display_date(progress['done_on'])}" if progress["done_on"] else ""
            print(f"  progress: {progress['text'][:60]}{done}")
    return EXIT_OK


def _ask_person(outcome) -> int | None:
    lines = "\n".join(f"  {m.id}: {m.full_name}, {m.job_title or 'no title'}, band {m.band}"
                      + (f", {m.assignment_number}" if m.assignment_number else "")
                      + (f", {m.email}" if m.email else "")
                      for m in outcome.candidates)
    if not sys.stdin.isatty():
        print(f"Nothing was imported. {outcome.message}\n{lines}\nRun again with --person ID.",
              file=sys.stderr)
        return None
    print(f"{outcome.message}\n{lines}")
    answer = input("Which id is it (Enter for none)? ").strip()
    ids = {m.id for m in outcome.candidates}
    if not answer.isdigit() or int(answer) not in ids:
        print("Nothing was imported.", file=sys.stderr)
        return None
    return int(answer)


def run_record_copy(args, paths) -> int:
    from rmp_desktop import __version__
    from rmp_desktop.cli.records import open_rows, resolve_record
    from rmp_desktop.export.exchange_files import FileRefused, write_file
    from rmp_desktop.export.record_copy import CopyRefused, make_copy

    rows = open_rows(paths)
    if rows is None:
        return EXIT_PROBLEM
    try:
        found = resolve_record(rows, args.record)
    except LookupError as exc:
        print(str(exc).strip("'\""), file=sys.stderr)
        return EXIT_PROBLEM
    finally:
        rows.close()
    out = Path(args.out)
    pdf_path = out.with_suffix(".pdf") if out.suffix.lower() != ".pdf" else None
    if pdf_path is None:
        print("Name the record file something other than .pdf (the PDF goes beside it).",
              file=sys.stderr)
        return EXIT_USAGE
    for target in (out, pdf_path):
        if target.exists() and not args.overwrite:
            print(f"{target} already exists. Choose another name, or add --overwrite.",
                  file=sys.stderr)
            return EXIT_PROBLEM
    store = open_store(paths)
    if store is None:
        return EXIT_PROBLEM
    try:
        data, pdf = make_copy(store, found["id"], made_by=f"rmp-desktop {__version__}")
        write_file(out, data, overwrite=args.overwrite, data_dir=paths.data_dir)
        write_file(pdf_path, pdf, overwrite=args.overwrite, data_dir=paths.data_dir)
    except CopyRefused as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_PROBLEM
    except (FileRefused, OSError) as exc:
        print(_file_message(exc, out), file=sys.stderr)
        return EXIT_PROBLEM
    finally:
        store.close()
    print(f"Wrote the copy of record {found['uid'][:8]} (version {found['version']}) to {out}, "
          f"and its PDF to {pdf_path}. The staff member takes it in with "
          f"`rmp-desktop import-record {out.name}`.")
    return EXIT_OK


def _now_iso() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _file_message(exc: Exception, path) -> str:
    if isinstance(exc, OSError):
        return f"{path} could not be written ({exc.strerror or exc})."
    return str(exc)
