"""What `check` proves about a store, and what restore and verify ask of a file before trusting it.

A store is healthy when:
  - SQLite finds its structure and links sound (integrity_check, foreign_key_check, the
    search index's own check);
  - its schema, triggers included, is exactly what its recorded revision makes (schema_check);
  - the audit log is an unbroken hash chain up to the head kept beside it;
  - every record holds values the application writes (status, kind, roles), has exactly the
    signatures its status needs, each given for the fingerprint the record carries, and that
    fingerprint is what its content gives today;
  - each record's life is in the audit log: how it came in, every signature (with the
    fingerprint and, since this version, a digest of the signature itself), and no record
    the log knows of has gone, and no export is listed that the log never saw.

Everything is read through one read-only connection with SQLite's defensive settings, in
streams (memory stays flat as the store grows); SQLite's own integrity_check runs on a
second connection at the same time. Findings are plain words naming records by the first
eight characters of their identifier, never by a person's name.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from rmp_desktop.domain.wording import counted
from rmp_desktop.storage.audit import BIRTH_EVENTS, DELETED_EVENT, IMPORTED_EVENT, SIGNED_EVENT
from rmp_desktop.storage.untrusted import harden, open_untrusted

STATUSES = ("draft", "awaiting_signoff", "signed", "superseded")
FIXED = ("awaiting_signoff", "signed", "superseded")
COMPLETE = ("signed", "superseded")
KINDS = ("appraisal", "career", "both")
ROLES = ("employee", "manager")
GENESIS = "0" * 64
HEAD_KEY = "audit_head"
PER_RULE = 20  # records named per kind of problem; the rest are counted


@dataclass(frozen=True)
class Finding:
    area: str  # "structure", "schema", "audit log", "record", "content pack"
    text: str
    uid: str | None = None  # the record concerned, when there is one

    def __str__(self) -> str:
        if self.uid:
            return f"record {_short(self.uid)}: {self.text}"
        return f"{self.area}: {self.text}"


class RevisionUnknown(Exception):
    """The file names a schema revision this version does not know."""


def read_revision(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return None
        raise  # cannot be read at all: the caller says why
    return str(row[0]) if row else None


def check_store(path: Path, *, structure: bool = True) -> list[Finding]:
    """Every finding about the store at `path`; an empty list means healthy.

    With `structure=False` SQLite's page-level checks are left to the caller (restore has
    just run them on the same file)."""
    conn = open_untrusted(path)
    try:
        revision = read_revision(conn)
        schema, tables_differ = _schema_findings(conn, revision)
        if tables_differ:  # the rules mean nothing on tables that are not ours: stop here
            return schema
        # Triggers run only on writes and nothing here writes: a missing or foreign trigger
        # is reported, and the data is still checked.
        pages = _PageCheck(path) if structure else None
        findings: list[Finding] = list(schema)
        findings += chain_findings(conn)
        if _has_table(conn, "conversations"):
            findings += record_findings(conn)
        if pages is not None:
            findings = pages.result() + findings
        return findings
    finally:
        conn.close()


def check_file_records(path: Path, conversation_ids: Iterable[int]) -> dict[int, list[str]]:
    """The record rules for a few records (a window's banner, verify), read-only and quick."""
    conn = open_untrusted(path)
    try:
        return check_records(conn, conversation_ids)
    finally:
        conn.close()


def check_records(conn: sqlite3.Connection, conversation_ids: Iterable[int]) -> dict[int, list[str]]:
    """{conversation id: problems in words} for these records; ids with no problem are absent."""
    ids = sorted({int(i) for i in conversation_ids})
    if not ids:
        return {}
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS scope(id INTEGER PRIMARY KEY)")
    conn.execute("DELETE FROM temp.scope")
    conn.executemany("INSERT INTO temp.scope(id) VALUES (?)", [(i,) for i in ids])
    found = record_findings(conn, scoped=True, limit=None)
    by_uid: dict[str, list[str]] = {}
    for finding in found:
        by_uid.setdefault(finding.uid or "", []).append(finding.text)
    uid_to_id = dict(conn.execute("SELECT uid, id FROM conversations WHERE id IN "
                                  "(SELECT id FROM temp.scope)"))
    return {uid_to_id[uid]: problems for uid, problems in by_uid.items() if uid in uid_to_id}


# -- schema and structure ------------------------------------------------------------------------


def _schema_findings(conn: sqlite3.Connection,
                     revision: str | None) -> tuple[list[Finding], bool]:
    """Findings about the schema, and whether tables or views differ (not just triggers)."""
    from rmp_desktop.storage import schema_check
    from rmp_desktop.storage.schema import REVISIONS

    if revision is None:
        return [Finding("schema", "the file records no schema revision, so it is not a "
                                  "complete Realising My Potential store")], True
    if revision not in REVISIONS:
        raise RevisionUnknown(revision)
    found = schema_check.read_schema(conn)
    expected = schema_check.reference_schema(revision)
    problems = schema_check.differences(found, expected, revision)
    changed = {k for k in found.keys() | expected.keys() if found.get(k) != expected.get(k)}
    tables_differ = any(kind not in ("trigger", "index") for kind, _ in changed)
    return [Finding("schema", p) for p in problems], tables_differ


class _PageCheck:
    """SQLite's integrity and foreign-key checks on their own connection, beside the rest."""

    def __init__(self, path: Path):
        self._path = path
        self._findings: list[Finding] = []
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="page-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            conn = open_untrusted(self._path)
            try:
                rows = [r[0] for r in conn.execute("PRAGMA integrity_check(20)")]
                if rows != ["ok"]:
                    self._findings += [Finding("structure", r) for r in rows]
                for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check"):
                    self._findings.append(Finding(
                        "structure", f"{table} row {rowid} points at a missing {parent} row"))
            finally:
                conn.close()
            self._findings += _search_index_findings(self._path)
        except sqlite3.DatabaseError as exc:
            self._findings.append(Finding("structure", f"cannot be read ({_words(exc)})"))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
            self._error = exc

    def result(self) -> list[Finding]:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._findings


def _search_index_findings(path: Path) -> list[Finding]:
    """FTS5's own check of the name search index (a write statement, so rolled back)."""
    try:
        conn = sqlite3.connect(path, timeout=5, isolation_level=None)
    except sqlite3.Error:
        return []
    try:
        harden(conn)
        if not _has_table(conn, "staff_fts"):
            return []
        conn.execute("BEGIN")
        try:
            conn.execute("INSERT INTO staff_fts(staff_fts, rank) VALUES ('integrity-check', 1)")
        finally:
            conn.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        if "readonly" in str(exc) or "read-only" in str(exc) or "locked" in str(exc):
            return []  # a store we may not write: the index is checked next time
        return [Finding("structure", f"the name search index does not match the people in the "
                                     f"store ({_words(exc)})")]
    except sqlite3.DatabaseError as exc:
        return [Finding("structure", f"the name search index does not match the people in the "
                                     f"store ({_words(exc)})")]
    finally:
        conn.close()
    return []


# -- the audit chain -------------------------------------------------------------------------


def chain_findings(conn: sqlite3.Connection) -> list[Finding]:
    """The audit log as an unbroken chain up to its head, read in one stream."""
    from rmp_desktop.storage.record_rows import audit_link_hash

    if not _has_table(conn, "audit_log"):
        return []
    problems: list[str] = []
    prev, previous_id = GENESIS, 0
    cursor = conn.execute("SELECT id, at, event, conversation_uid, staff_id, detail, prev_hash, "
                          "hash FROM audit_log ORDER BY id")
    for entry_id, at, event, uid, staff_id, detail, prev_hash, digest in cursor:
        if prev_hash != prev:
            problems.append(f"entry {entry_id} does not follow entry {previous_id}: an entry "
                            "before it was removed or changed")
        try:
            expected = audit_link_hash(prev_hash, _iso_text(at), event, uid, staff_id, detail)
        except (TypeError, ValueError):
            expected = None
        if expected != digest:
            problems.append(f"entry {entry_id} ({_plain(event)}) was edited after it was written")
        prev, previous_id = digest, entry_id
        if len(problems) > PER_RULE:
            problems.append("and more: the log was rewritten from here on")
            break
    head = conn.execute("SELECT value FROM app_meta WHERE key = ?", (HEAD_KEY,)).fetchone()
    if not problems and (head[0] if head else GENESIS) != prev:
        problems.append("the newest entries of the log are missing")
    return [Finding("audit log", p) for p in problems]


def head_of_chain(conn: sqlite3.Connection) -> tuple[int, str]:
    """(id, hash) of the newest audit entry: (0, genesis) for an empty log."""
    row = conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    return (int(row[0]), str(row[1])) if row else (0, GENESIS)


# -- records ---------------------------------------------------------------------------------


def record_findings(conn: sqlite3.Connection, *, scoped: bool = False,
                    limit: int | None = PER_RULE) -> list[Finding]:
    """The rules every record lives by; `scoped` limits them to the ids in temp.scope."""
    _build_lifecycle(conn, scoped)
    scope = "AND c.id IN (SELECT id FROM temp.scope)" if scoped else ""
    findings: list[Finding] = []
    for sql, words in _RULES:
        rows = conn.execute(sql.format(scope=scope, statuses=_in(STATUSES), fixed=_in(FIXED),
                                       complete=_in(COMPLETE), kinds=_in(KINDS),
                                       roles=_in(ROLES), births=_in(BIRTH_EVENTS)))
        findings += _named(rows, words, limit)
    if not scoped:
        findings += _named(conn.execute(_GONE.format(births=_in(BIRTH_EVENTS))),
                           lambda r: ("the audit log shows this record was signed, but it has "
                                      "gone from the store" if r[1] else
                                      "the audit log shows this record was made, but it has gone "
                                      "from the store without being deleted as a draft"), limit)
    findings += _named(_signature_mismatches(conn, scope), lambda r: r[1], limit)
    findings += _named(_fingerprint_mismatches(conn, scope), lambda r: r[1], limit)
    findings += _pack_findings(conn, scope, limit)
    return findings


def _build_lifecycle(conn: sqlite3.Connection, scoped: bool) -> None:
    """A temporary table of the chain's entries about records, indexed by record."""
    conn.execute("DROP TABLE IF EXISTS temp.life")
    only = ("AND conversation_uid IN (SELECT uid FROM conversations WHERE id IN "
            "(SELECT id FROM temp.scope))") if scoped else ""
    valid = "CASE WHEN json_valid(detail) THEN json_extract(detail, '$.{}') END"
    conn.execute(
        "CREATE TEMP TABLE life AS SELECT id, event, conversation_uid AS uid, "
        f"{valid.format('role')} AS role, {valid.format('fingerprint')} AS fingerprint, "
        f"{valid.format('signature')} AS signature, {valid.format('sha256')} AS sha256, "
        f"{valid.format('pdf_sha256')} AS pdf_sha256, "
        f"{valid.format('complete')} AS complete FROM audit_log "
        f"WHERE conversation_uid IS NOT NULL AND event IN "
        f"({_in((*BIRTH_EVENTS, SIGNED_EVENT, DELETED_EVENT, IMPORTED_EVENT, 'exported'))}) "
        f"{only}")
    conn.execute("CREATE INDEX temp.life_by_uid ON life(uid, event, role)")
    # Amendments are few: their links once, indexed, rather than a scan per signed record.
    conn.execute("DROP TABLE IF EXISTS temp.successors")
    conn.execute("CREATE TEMP TABLE successors AS SELECT supersedes_id AS id, status "
                 "FROM conversations WHERE supersedes_id IS NOT NULL")
    conn.execute("CREATE INDEX temp.successors_by_id ON successors(id)")


_RULES: tuple[tuple[str, Callable[[Any], str]], ...] = (
    ("SELECT c.uid, c.status FROM conversations c WHERE c.status NOT IN ({statuses}) {scope}",
     lambda r: f"its status “{_plain(r[1])}” is not one the application writes (draft, "
               "awaiting_signoff, signed, superseded): it was changed outside the application"),
    ("SELECT c.uid, c.kind FROM conversations c WHERE c.kind NOT IN ({kinds}) {scope}",
     lambda r: f"its kind “{_plain(r[1])}” is not one the application knows (appraisal, career, "
               "both): it was changed outside the application"),
    ("SELECT c.uid, s.role FROM signatures s JOIN conversations c ON c.id = s.conversation_id "
     "WHERE s.role NOT IN ({roles}) {scope}",
     lambda r: f"it has a signature in the role “{_plain(r[1])}”, which the application never "
               "gives"),
    ("SELECT c.uid FROM conversations c WHERE c.status = 'draft' AND c.fingerprint IS NOT NULL "
     "{scope}",
     lambda r: "it is a draft but carries a fingerprint: a signed record was turned back into a "
               "draft outside the application"),
    ("SELECT c.uid, count(*) FROM conversations c JOIN signatures s ON s.conversation_id = c.id "
     "WHERE c.status = 'draft' {scope} GROUP BY c.id",
     lambda r: "it is a draft but has signatures: a signed record was turned back into a draft "
               "outside the application"),
    ("SELECT c.uid FROM conversations c WHERE c.status IN ({fixed}) AND c.fingerprint IS NULL "
     "{scope}",
     lambda r: "it is marked as signed by at least one person but has no fingerprint"),
    ("SELECT c.uid, c.status, (SELECT count(*) FROM signatures s WHERE s.conversation_id = c.id) "
     "AS n FROM conversations c WHERE ((c.status = 'awaiting_signoff' AND n != 1) "
     "OR (c.status IN ({complete}) AND n != 2)) {scope}",
     lambda r: (f"it is marked {_status_words(r[1])} but has {counted(r[2], 'signature')}; that status "
                f"needs exactly {1 if r[1] == 'awaiting_signoff' else 2}")),
    ("SELECT c.uid, s.role FROM signatures s JOIN conversations c ON c.id = s.conversation_id "
     "WHERE c.status IN ({fixed}) AND s.fingerprint IS NOT c.fingerprint {scope}",
     lambda r: f"the {_role(r[1])}'s signature was given for different content than the record "
               "now carries"),
    ("SELECT c.uid FROM conversations c WHERE c.status = 'superseded' AND NOT EXISTS (SELECT 1 "
     "FROM successors n WHERE n.id = c.id AND n.status IN ({complete})) {scope}",
     lambda r: "it is marked superseded but no signed version replaces it"),
    ("SELECT c.uid FROM conversations c WHERE c.status = 'signed' AND EXISTS (SELECT 1 "
     "FROM successors n WHERE n.id = c.id AND n.status IN ({complete})) {scope}",
     lambda r: "a signed amendment replaces it, yet it is marked as the current signed version"),
    ("SELECT c.uid FROM conversations c WHERE NOT EXISTS (SELECT 1 FROM life l WHERE "
     "l.uid = c.uid AND l.event IN ({births})) {scope}",
     lambda r: "the audit log has no entry for its making: it was put into the store outside "
               "the application, or the log was cut"),
    ("SELECT c.uid, s.role FROM signatures s JOIN conversations c ON c.id = s.conversation_id "
     "WHERE NOT EXISTS (SELECT 1 FROM life l WHERE l.uid = c.uid AND l.event = 'signed' "
     "AND l.role = s.role) AND NOT EXISTS (SELECT 1 FROM life l WHERE l.uid = c.uid "
     "AND l.event = 'record_imported') {scope}",
     lambda r: f"the {_role(r[1])}'s signature is not in the audit log: it was added outside "
               "the application, or the log was cut"),
    ("SELECT DISTINCT c.uid, l.role FROM life l JOIN conversations c ON c.uid = l.uid "
     "WHERE l.event = 'signed' AND NOT EXISTS (SELECT 1 FROM signatures s WHERE "
     "s.conversation_id = c.id AND s.role = l.role) {scope}",
     lambda r: f"the audit log records the {_role(r[1])}'s signature, but the store no longer "
               "has it"),
    ("SELECT DISTINCT c.uid, c.status FROM life l JOIN conversations c ON c.uid = l.uid "
     "WHERE l.event = 'signed' AND l.complete = 1 AND c.status NOT IN ({complete}) {scope}",
     lambda r: f"the audit log shows it signed by both, but it is now marked "
               f"{_status_words(r[1])}"),
    ("SELECT DISTINCT c.uid FROM life l JOIN conversations c ON c.uid = l.uid "
     "WHERE l.event IN ('signed', 'record_imported') AND l.fingerprint IS NOT NULL "
     "AND l.fingerprint IS NOT c.fingerprint {scope}",
     lambda r: "its fingerprint is not the one it was signed with (the audit log keeps that "
               "one): its content was changed and the fingerprint recomputed"),
    ("SELECT c.uid, e.sha256 FROM exports e JOIN conversations c ON c.id = e.conversation_id "
     "WHERE NOT EXISTS (SELECT 1 FROM life l WHERE l.uid = c.uid AND ((l.event = 'exported' "
     "AND l.sha256 = e.sha256) OR (l.event = 'record_imported' AND l.pdf_sha256 = e.sha256))) "
     "{scope}",
     lambda r: "an export of it is listed that the audit log never saw: a PDF was made to look "
               "like a genuine copy"),
)

_GONE = ("SELECT l.uid, max(l.event = 'signed') FROM life l "
         "WHERE l.uid NOT IN (SELECT uid FROM conversations) GROUP BY l.uid "
         "HAVING max(l.event IN ({births})) AND (max(l.event = 'signed') "
         "OR NOT max(l.event = 'deleted'))")


def _signature_mismatches(conn: sqlite3.Connection, scope: str) -> Iterator[tuple[str, str]]:
    """Signatures whose row no longer gives the digest the chain kept when they were given."""
    from rmp_desktop.domain.record import signature_digest
    from rmp_desktop.storage.record_rows import iso_utc

    rows = conn.execute(
        "SELECT c.uid, s.role, s.signer_name, s.statement, s.signed_at, s.fingerprint, "
        "s.drawing, l.signature FROM signatures s JOIN conversations c ON c.id = s.conversation_id "
        "JOIN life l ON l.uid = c.uid AND l.event = 'signed' AND l.role = s.role "
        f"WHERE l.signature IS NOT NULL {scope}")
    for uid, role, name, statement, signed_at, fingerprint, drawing, kept in rows:
        try:
            digest = signature_digest(role, name, statement, iso_utc(_timestamp(signed_at)),
                                      fingerprint, drawing)
        except (TypeError, ValueError):
            digest = None
        if digest != kept:
            yield uid, (f"the {_role(role)}'s signature (name, date or statement) is not what "
                        "was signed: it was changed outside the application")


def _fingerprint_mismatches(conn: sqlite3.Connection, scope: str) -> Iterator[tuple[str, str]]:
    """Each fixed record's content hashed again and compared, one record at a time.

    SQLite puts each record's stored section texts together into its document, so Python
    hashes one string per record (domain.record.fingerprint_of_stored); only a record that
    does not match is parsed and computed in full before it is reported."""
    from rmp_desktop.domain.record import fingerprint_of_stored

    rows = conn.execute(
        "SELECT c.id, c.uid, c.version, c.kind, c.held_on, c.manager_name, c.pack_refs, "
        "c.amendment_reason, c.status, c.fingerprint, p.uid, "
        "(SELECT '{' || group_concat(json_quote(section) || ':' || body, ',') || '}' FROM "
        " (SELECT section, body FROM conversation_sections WHERE conversation_id = c.id "
        "  ORDER BY section)), "
        "(SELECT CASE WHEN json_valid(body) THEN json_extract(body, '$.person') END "
        " FROM conversation_sections WHERE conversation_id = c.id AND section = 'setup') "
        "FROM conversations c LEFT JOIN conversations p ON p.id = c.supersedes_id "
        f"WHERE +c.status IN ({_in(FIXED)}) {scope} ORDER BY c.id")
    for (cid, uid, version, kind, held_on, manager, pack_refs, reason, status, fingerprint,
         supersedes, document, person) in rows:
        columns = {"uid": uid, "version": version, "kind": kind, "held_on": str(held_on)[:10],
                   "manager_name": manager, "pack_refs": pack_refs, "amendment_reason": reason,
                   "status": status}
        try:
            snapshot = json.loads(person) if isinstance(person, str) else None
            if (fingerprint and isinstance(snapshot, dict) and isinstance(document, str)
                    and fingerprint_of_stored(columns, document, snapshot,
                                              supersedes) == fingerprint):
                continue
        except (TypeError, ValueError, AttributeError):
            pass  # the full computation below says what is wrong
        problem = _recompute(conn, cid, columns, fingerprint, supersedes)
        if problem:
            yield uid, problem


def _recompute(conn: sqlite3.Connection, conversation_id: int, columns: dict[str, Any],
               fingerprint: str | None, supersedes: str | None) -> str | None:
    from rmp_desktop.storage.record_rows import build_record

    try:
        sections = {section: json.loads(body) for section, body in conn.execute(
            "SELECT section, body FROM conversation_sections WHERE conversation_id = ?",
            (conversation_id,))}
    except (TypeError, ValueError):
        return ("a part of its content is no longer readable: it was changed in the store "
                "after signing")
    if not isinstance((sections.get("setup") or {}).get("person"), dict):
        return "the person as they were at signing is missing from the record"
    try:
        recomputed = build_record(columns, sections, None, supersedes).fingerprint()
    except (TypeError, ValueError, KeyError):
        return "its content is not in the shape the application writes"
    if fingerprint and recomputed != fingerprint:
        return ("its content no longer gives the fingerprint it was signed with: it was changed "
                "in the store after signing")
    return None


def _pack_findings(conn: sqlite3.Connection, scope: str, limit: int | None) -> list[Finding]:
    """Each distinct set of packs that fixed records use, rehydrated once from its snapshots."""
    from rmp_desktop.storage.packs_for_record import packs_for_refs

    def lookup(fingerprint: str) -> dict[str, Any] | None:
        row = conn.execute("SELECT body FROM pack_snapshots WHERE fingerprint = ?",
                           (fingerprint,)).fetchone()
        try:
            return json.loads(row[0]) if row else None
        except (TypeError, ValueError):
            return {"unreadable": True}

    problems_by_refs: dict[str, tuple[str, ...]] = {}
    findings: list[Finding] = []
    named = 0
    for uid, refs_text in conn.execute(
            f"SELECT c.uid, c.pack_refs FROM conversations c WHERE c.status IN ({_in(FIXED)}) "
            f"{scope} ORDER BY c.id"):
        if refs_text not in problems_by_refs:
            try:
                refs = json.loads(refs_text or "[]")
                if not isinstance(refs, list) or not all(isinstance(r, dict) for r in refs):
                    raise ValueError
                problems_by_refs[refs_text] = packs_for_refs(refs, lookup).problems
            except (TypeError, ValueError):
                problems_by_refs[refs_text] = ("the list of content packs it was made with is "
                                               "not readable",)
        for problem in problems_by_refs[refs_text]:
            named += 1
            if limit is None or named <= limit:
                findings.append(Finding("record", problem, uid))
    if limit is not None and named > limit:
        findings.append(Finding("record", f"and {counted(named - limit, 'more content pack problem')} "
                                          "like those above"))
    return findings


# -- helpers -----------------------------------------------------------------------------------


def _named(rows: Iterable[Sequence[Any]], words: Callable[[Any], str],
           limit: int | None) -> list[Finding]:
    findings: list[Finding] = []
    extra = 0
    for row in rows:
        if limit is not None and len(findings) >= limit:
            extra += 1
            continue
        findings.append(Finding("record", words(row), str(row[0])))
    if extra:
        findings.append(Finding("record", f"and {counted(extra, 'more record')} with the same problem as "
                                          "the one above"))
    return findings


def _timestamp(value: object) -> datetime:
    """A stored timestamp as the ORM reads it back (SQLAlchemy's SQLite format)."""
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _iso_text(value: object) -> str:
    """`datetime.fromisoformat(value).isoformat()` for the forms the store writes, without
    building a datetime for each of a million audit entries."""
    if isinstance(value, str) and len(value) in (19, 26) and value[10] == " ":
        if len(value) == 19 or value.endswith(".000000"):
            return value[:10] + "T" + value[11:19]
        return value[:10] + "T" + value[11:]
    return _timestamp(value).isoformat()


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                        (name,)).fetchone() is not None


def _in(values: Iterable[str]) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


def _short(uid: str) -> str:
    return _plain(uid)[:8]


def _plain(value: object) -> str:
    """A value from the file, safe to print: no control characters, not too long."""
    text = "".join(ch if ch.isprintable() else "?" for ch in str(value))
    return text if len(text) <= 40 else text[:39] + "…"


def _role(role: str) -> str:
    return {"employee": "staff member", "manager": "manager"}.get(role, _plain(role))


def _status_words(status: str) -> str:
    return {"draft": "a draft", "awaiting_signoff": "awaiting sign-off",
            "signed": "signed", "superseded": "superseded"}.get(status, f"“{_plain(status)}”")


def _words(exc: sqlite3.Error) -> str:
    return str(exc.args[0]) if exc.args else type(exc).__name__
