"""Commands for records without the window: list them, export them as PDF, verify a PDF.

Registered into `cli.registry.COMMANDS` on import. Only argparse is imported at the top:
the store, the renderer and pypdf load inside each command, so `--version` and
the window's start-up pay nothing for them.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata

from rmp_desktop.cli.common import open_store
from rmp_desktop.cli.registry import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, command
from rmp_desktop.domain.dates import display_date
from rmp_desktop.domain.record import short_uid
from rmp_desktop.domain.text_safety import escape_json, for_terminal
from rmp_desktop.domain.wording import counted

MIN_PREFIX = 6  # shorter prefixes match too much to be a safe way to name a record


@command("records", "list records: identifier, person, kind, status and dates")
def _records_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--person", metavar="NAME",
                   help="only this person's records (any part of the name; accents optional)")
    p.add_argument("--json", action="store_true", help="print JSON, for scripts")


@command("export", "export a record, or every signed record, as a PDF")
def _export_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("record", nargs="?", metavar="RECORD",
                   help="the record's identifier, as `rmp-desktop records` shows it")
    p.add_argument("--out", metavar="FILE.pdf", help="where to write the PDF")
    p.add_argument("--draft", action="store_true",
                   help="export a copy marked as a draft (the only way for an unsigned record)")
    p.add_argument("--all-signed", action="store_true",
                   help="export every signed record into --out-dir")
    p.add_argument("--out-dir", metavar="DIR", help="the folder for --all-signed")
    p.add_argument("--overwrite", action="store_true",
                   help="replace an earlier PDF record of the same name (any other file is "
                        "never replaced)")


@command("verify", "check a PDF record against the store")
def _verify_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE.pdf", help="the PDF to check")


# -- records -----------------------------------------------------------------------------------

def run_records(args, paths) -> int:
    store = open_store(paths)
    if store is None:
        return EXIT_PROBLEM
    try:
        person_ids = None
        if args.person:
            person_ids = [m.id for m in store.staff.find(args.person)]
            if not person_ids:
                print(f"No one in the store matches “{for_terminal(args.person)}”.",
                      file=sys.stderr)
                return EXIT_PROBLEM
        from rmp_desktop.storage.record_list import list_records

        rows = list_records(store, person_ids)
    finally:
        store.close()
    if args.json:
        # Names exactly as stored, but any character a terminal would act on as an escape.
        print(escape_json(json.dumps(rows, ensure_ascii=False, indent=2)))
        return EXIT_OK
    if not rows:
        print("There are no records yet.")
        return EXIT_OK
    header: tuple[str, ...] = ("Record", "Person", "Kind", "Version", "Status", "Held on",
                               "Signed")
    # A name is printed with its hidden characters shown, never sent to the terminal raw.
    table = [header] + [(r["id"], for_terminal(r["person"]), r["kind_label"], str(r["version"]),
                         r["status_words"], display_date(r["held_on"]), _signed_column(r))
                        for r in rows]
    if any((r.get("published") or {}).get("state") in ("published", "refused") for r in rows):
        header += ("Published",)  # on a laptop that publishes to its organisation's store
        table = [header] + [line + (_published_column(r),)
                            for line, r in zip(table[1:], rows, strict=True)]
    widths = [max(_width(line[i]) for line in table) for i in range(len(header))]
    for line in table:
        print("  ".join(_pad(cell, w) for cell, w in zip(line, widths, strict=True)).rstrip())
    refused = [r["published"]["note"] for r in rows
               if (r.get("published") or {}).get("state") == "refused"]
    if refused:
        print("Refused by the organisation's store:")
        for note in refused:
            print(f"  - {for_terminal(note)}")
    odd = sum(1 for r in rows if not r.get("valid", True))
    if odd:
        print(f"{counted(odd, 'record')} {'holds' if odd == 1 else 'hold'} values the application never writes: the store was changed "
              "outside it. Run `rmp-desktop check` to see what else is wrong.", file=sys.stderr)
        return EXIT_PROBLEM
    return EXIT_OK


def _signed_column(row: dict) -> str:
    sigs = row["signatures"]
    if not sigs:
        return ""
    if row["status"] in ("signed", "superseded"):
        return display_date(max(s["signed_at"] for s in sigs))
    who = {"employee": "staff member", "manager": "manager"}
    return ", ".join(f"{who.get(s['role'], s['role'])} {display_date(s['signed_at'])}"
                     for s in sigs)


def _published_column(row: dict) -> str:
    from rmp_desktop.storage.publications import PUBLISHED, REFUSED, WAITING

    found = row.get("published") or {}
    if found.get("state") == PUBLISHED and found.get("at"):
        return display_date(found["at"][:10])
    return {REFUSED: "refused", WAITING: "not yet"}.get(str(found.get("state")), "")


def _width(text: str) -> int:
    """Columns on a terminal: combining marks take none, wide letters two."""
    return sum(0 if unicodedata.combining(ch) else
               2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def resolve_record(rows, identifier: str) -> dict:
    """The record named by its full identifier or a unique prefix of it; raises LookupError."""
    key = identifier.strip().lower().replace("-", "")
    if not key or any(ch not in "0123456789abcdef" for ch in key):
        raise LookupError(f"“{identifier}” is not a record identifier; "
                          "`rmp-desktop records` lists them.")
    if len(key) < MIN_PREFIX:
        raise LookupError(f"Give at least {MIN_PREFIX} characters of the record identifier.")
    ids = rows.by_uid_prefix(key)
    if not ids:
        raise LookupError(f"No record has the identifier {identifier}; "
                          "`rmp-desktop records` lists them.")
    if len(ids) > 1:
        raise LookupError(f"More than one record starts with {identifier}; give more of it.")
    return rows.conversation(ids[0])


def open_rows(paths):
    """The store read with sqlite3 or psycopg alone (export needs no ORM), or None after saying
    why not."""
    from rmp_desktop.storage import bootstrap, errors
    from rmp_desktop.storage.record_rows import RecordRows

    location = paths.location
    if not location.is_postgres and not paths.store.exists():
        print(f"There is no store at {paths.store} yet, so there is nothing to export.",
              file=sys.stderr)
        return None
    try:
        bootstrap.prepare(location, paths.backups)  # the same checks as every command
    except errors.StoreError as exc:
        print(f"{exc} The store has not been changed.", file=sys.stderr)
        return None
    return RecordRows(location)


# -- export ------------------------------------------------------------------------------------

def run_export(args, paths) -> int:
    if args.all_signed == bool(args.record):
        print("Name one record to export, or use --all-signed.", file=sys.stderr)
        return EXIT_USAGE
    if args.record and not args.out:
        print("Say where to write the PDF with --out FILE.pdf.", file=sys.stderr)
        return EXIT_USAGE
    if args.all_signed and not args.out_dir:
        print("Say which folder to fill with --out-dir DIR.", file=sys.stderr)
        return EXIT_USAGE
    rows = open_rows(paths)
    if rows is None:
        return EXIT_PROBLEM
    try:
        return _export_all(rows, args) if args.all_signed else _export_one(rows, args)
    finally:
        rows.close()


def _export_one(rows, args) -> int:
    from rmp_desktop.domain.conversation import Status
    from rmp_desktop.export.destination import DestinationRefused
    from rmp_desktop.export.record_export import ExportRefused, export_record
    from rmp_desktop.export.signing_key import SigningUnavailable

    try:
        found = resolve_record(rows, args.record)
    except LookupError as exc:
        print(str(exc).strip("'\""), file=sys.stderr)
        return EXIT_PROBLEM
    status = Status(found["status"])
    short = short_uid(found["uid"])
    if status not in (Status.SIGNED, Status.SUPERSEDED) and not args.draft:
        print(f"Record {short} is {status.label.lower()}, not signed by both, so it cannot be "
              "exported as a final record. Add --draft for a copy marked as a draft.",
              file=sys.stderr)
        return EXIT_PROBLEM
    try:
        done = export_record(rows, found["id"], args.out, final=not args.draft,
                             overwrite=args.overwrite)
    except (ExportRefused, DestinationRefused, SigningUnavailable) as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_PROBLEM
    except OSError as exc:
        print(f"The PDF could not be written to {args.out} ({exc.strerror or exc}).",
              file=sys.stderr)
        return EXIT_PROBLEM
    kind = "final record" if done.final else "draft copy"
    if not done.written:
        print(f"{done.path} already holds this {kind} {short} (version {found['version']}), "
              "byte for byte; it was left as it is.")
        return EXIT_OK
    print(f"Exported the {kind} {short} (version {found['version']}) to {done.path}.")
    return EXIT_OK


def _export_all(rows, args) -> int:
    from rmp_desktop.export.destination import DestinationRefused
    from rmp_desktop.export.record_export import export_all_signed

    try:
        result = export_all_signed(rows, args.out_dir, overwrite=args.overwrite)
    except DestinationRefused as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_PROBLEM
    except OSError as exc:
        print(f"The folder {args.out_dir} cannot be used ({exc.strerror or exc}).",
              file=sys.stderr)
        return EXIT_PROBLEM
    for uid, message in result.failed:
        print(f"Record {short_uid(uid)} was not exported: {for_terminal(message)}",
              file=sys.stderr)
    for _cid, uid, path in result.existing:
        print(f"Record {short_uid(uid)} was not exported: {for_terminal(path.name)} is "
              "already there with different content (an earlier export).", file=sys.stderr)
    if result.existing:
        print(f"Add --overwrite to replace the {counted(len(result.existing), 'earlier PDF')}, or choose "
              "an empty folder.", file=sys.stderr)
    total = (len(result.exported) + len(result.unchanged) + len(result.existing)
             + len(result.failed))
    if not total:
        print("There are no signed records to export.")
        return EXIT_OK
    words = f"Exported {len(result.exported)} of {counted(total, 'signed record')} to {args.out_dir}"
    if result.unchanged:
        words += f"; {len(result.unchanged)} were already there, byte for byte, and left as they are"
    print(words + ".")
    return EXIT_OK if result.ok else EXIT_PROBLEM


# -- verify ------------------------------------------------------------------------------------

def run_verify(args, paths) -> int:
    from rmp_desktop.export.verify import verify_pdf

    store = open_store(paths)
    if store is None:
        return EXIT_PROBLEM
    try:
        verdict = verify_pdf(store, args.file)
    finally:
        store.close()
    print(for_terminal(verdict.message))
    for detail in verdict.details:
        print(f"  - {for_terminal(detail)}")
    return EXIT_OK if verdict.ok else EXIT_PROBLEM
