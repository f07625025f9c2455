"""`check`: prove the store's invariants (storage.integrity), read-only, and say what is wrong.

The store is opened read-only and never migrated or written (beyond a rolled-back search
index check), so a store under suspicion is left exactly as it was found; only
`--refresh-due` writes, and only the team list's kept due dates, worked out from the records. `--anchor FILE`
compares the audit log with the head carried by an exported PDF or a backup, which the
custodian of the store cannot rewrite.
"""

from __future__ import annotations

import argparse
import sys

from rmp_desktop.cli.registry import EXIT_OK, EXIT_PROBLEM, command
from rmp_desktop.domain.wording import counted
from rmp_desktop.paths import AppPaths


@command("check", "check the store's integrity and report in plain words")
def _check_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--anchor", metavar="FILE", action="append", default=[],
                   help="also compare the audit log with the log's head carried by FILE (an "
                        "exported PDF or a backup); may be given more than once")
    p.add_argument("--refresh-due", action="store_true",
                   help="work out again the last signed and next due dates the team list "
                        "keeps for each person, from their records (the only thing check writes)")


def run_check(args, paths: AppPaths) -> int:
    import sqlite3

    from rmp_desktop.storage.integrity import RevisionUnknown, check_store

    if args.refresh_due:
        return _refresh_due(paths)
    if paths.location.is_postgres:
        return _check_organisation_store(args, paths)
    if not paths.store.exists():
        print(f"There is no store yet at {paths.store}; it is created when the application opens.")
        return EXIT_OK
    try:
        found = check_store(paths.store)
    except RevisionUnknown as exc:
        print(f"The store at {paths.store} was written by a newer version of Realising My "
              f"Potential (schema {exc}). Check it with that version; nothing was changed.",
              file=sys.stderr)
        return EXIT_PROBLEM
    except sqlite3.DatabaseError as exc:
        from rmp_desktop.storage.safety import describe_open_failure

        print(describe_open_failure(paths.store, exc), file=sys.stderr)
        return EXIT_PROBLEM
    findings = [str(f) for f in found]
    if not any(f.area in ("structure", "schema") for f in found):  # only on tables we know
        findings += _due_findings_in_file(paths)
    findings += anchor_findings(paths, args.anchor)
    if paths.packs.is_dir():
        from rmp_desktop.context import load_packs

        findings += [f"framework pack {problem} (the built-in pack is used instead)"
                     for problem in load_packs(paths)[1]]
    if findings:
        print(f"The store at {paths.store} has {counted(len(findings), 'problem')}:")
        for finding in findings:
            print(f"  - {finding}")
        return EXIT_PROBLEM
    anchored = f"; the audit log agrees with {counted(len(args.anchor), 'anchor')}" if args.anchor else ""
    print(f"The store at {paths.store} is healthy: structure, schema, links, audit log and every "
          f"signed record check out ({_people(paths)} people){anchored}.")
    return EXIT_OK


def _check_organisation_store(args, paths: AppPaths) -> int:
    """On PostgreSQL (which guards its own structure and links): the audit chain and every
    fixed record's fingerprint, as far as this login may read them."""
    from rmp_desktop.cli.common import open_store
    from rmp_desktop.storage.due_summary import stale_findings

    where = paths.location.describe()
    if args.anchor:
        print("--anchor compares a store file's audit log; the organisation's store is checked "
              "by its administrators.", file=sys.stderr)
        return EXIT_PROBLEM
    store = open_store(paths)
    if store is None:
        return EXIT_PROBLEM
    from rmp_desktop.storage.record_checks import postgres_notes

    try:
        findings = store.integrity_report()
        with store.engine.connect() as conn:
            findings += stale_findings(conn)
        notes = postgres_notes(store)
        people = store.staff.count(include_archived=True)
    finally:
        store.close()
    if findings:
        print(f"The store at {where} has {len(findings)} problem(s):")
        for finding in findings:
            print(f"  - {finding}")
    else:
        print(f"The store at {where} is healthy: the audit log and every signed record you can "
              f"see check out ({people} people).")
    if notes:  # refused, so nothing changed; someone should still say which version is right
        print(f"Published records it refused ({len(notes)}), for its administrators:")
        for note in notes:
            print(f"  - {note}")
    return EXIT_PROBLEM if findings else EXIT_OK


def _due_findings_in_file(paths: AppPaths) -> list[str]:
    """The team list's kept due dates against the records, through the same read-only,
    defensive connection as every other check."""
    import sqlite3

    from sqlalchemy import create_engine, exc
    from sqlalchemy.pool import NullPool

    from rmp_desktop.storage.due_summary import stale_findings
    from rmp_desktop.storage.untrusted import open_untrusted

    engine = create_engine("sqlite://", creator=lambda: open_untrusted(paths.store),
                           poolclass=NullPool)
    try:
        with engine.connect() as conn:
            if conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                                    "AND name = 'due_summary'").first() is None:
                return []  # a store from before the team list kept due dates
            return stale_findings(conn)
    except exc.DBAPIError as error:
        reason = error.orig.args[0] if isinstance(error.orig, sqlite3.Error) and \
            error.orig.args else "it could not be read"
        return [f"team list: its due dates could not be compared with the records ({reason})"]
    finally:
        engine.dispose()


def _refresh_due(paths: AppPaths) -> int:
    """Rewrite every person's kept due dates from their records, in one transaction."""
    from rmp_desktop.cli.common import open_store
    from rmp_desktop.storage.due_summary import refresh_everyone, stale_rows

    store = open_store(paths)
    if store is None:
        return EXIT_PROBLEM
    try:
        with store.engine.begin() as conn:
            wrong = len(stale_rows(conn))
            refresh_everyone(conn)
    finally:
        store.close()
    people = "1 person" if wrong == 1 else f"{wrong} people"
    print(f"The team list's due dates were worked out again from the records ({people} had "
          "dates out of step). Nothing else was changed.")
    return EXIT_OK


def anchor_findings(paths: AppPaths, files: list[str]) -> list[str]:
    """The live audit log against each anchor file (an exported PDF or a backup)."""
    import sqlite3
    from pathlib import Path

    from rmp_desktop.storage.anchors import anchor_of_backup, store_anchor_problems

    findings: list[str] = []
    for name in files:
        path = Path(name)
        try:
            with open(path, "rb") as handle:
                head = handle.read(16)
            if head.startswith(b"%PDF"):
                from rmp_desktop.export.pdf_seal import read_anchor

                found = read_anchor(path.read_bytes())
                anchor = (found.entry, found.hash) if found else None
            elif head == b"SQLite format 3\x00":
                anchor = anchor_of_backup(path)
            else:
                findings.append(f"anchor {path.name}: neither a PDF exported by the application "
                                "nor a backup, so it cannot vouch for the audit log")
                continue
        except (OSError, sqlite3.DatabaseError) as exc:
            findings.append(f"anchor {path.name}: cannot be read ({getattr(exc, 'strerror', None) or exc})")
            continue
        if anchor is None:
            findings.append(f"anchor {path.name}: carries no audit log head (made by an older "
                            "version, or not by this application)")
            continue
        findings += [f"audit log: {p}" for p in
                     store_anchor_problems(paths.store, anchor[0], anchor[1], path.name)]
    return findings


def _people(paths: AppPaths) -> int:
    from contextlib import closing

    from rmp_desktop.storage.untrusted import open_untrusted

    with closing(open_untrusted(paths.store)) as conn:
        return conn.execute("SELECT count(*) FROM staff").fetchone()[0]
