"""Is a file's schema exactly the one its recorded revision makes? Nothing more, nothing less.

The reference is never a hand-kept copy: the migrations themselves are run up to the
revision on an empty temporary database, once per process, and its schema read back
the same way as the file's. Tables are compared by structure (columns, types, keys,
defaults, foreign keys, indexes), so the same schema written by another version of
the migration library still matches; triggers, views and virtual tables by their SQL,
which the migrations write word for word. Reading a schema runs nothing inside the file.
"""

from __future__ import annotations

import re
import sqlite3
import tempfile
import threading
from functools import cache
from pathlib import Path

# The triggers that keep signed records and the audit log as they were written.
LOCK_TRIGGERS = ("sections_locked_insert", "sections_locked_update", "sections_locked_delete",
                 "conversations_locked_update", "conversations_locked_delete",
                 "signatures_append_only_update", "signatures_append_only_delete",
                 "audit_log_append_only_update", "audit_log_append_only_delete")
# Made by SQLite itself (ANALYZE), harmless and allowed beside any revision.
_SQLITE_OWN = {"sqlite_stat1", "sqlite_stat4", "sqlite_sequence"}
_KIND_WORDS = {"table": "table", "index": "index", "trigger": "trigger", "view": "view",
               "virtual": "virtual table"}

Schema = dict[tuple[str, str], tuple[object, ...]]
_lock = threading.Lock()


def read_schema(conn: sqlite3.Connection) -> Schema:
    """Every object in the schema, described so two equal schemas compare equal."""
    objects: Schema = {}
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master "
                        "ORDER BY type, name").fetchall()
    for kind, name, table, sql in rows:
        if name in _SQLITE_OWN:
            continue
        if kind == "table" and sql and _is_virtual(sql):
            objects[("virtual", name)] = (_normal_sql(sql),)
        elif kind == "table":
            objects[("table", name)] = _table(conn, name)
        elif kind == "index":
            objects[("index", name)] = _index(conn, table, name, sql)
        else:  # trigger, view
            objects[(kind, name)] = (table, _normal_sql(sql or ""))
    return objects


def differences(found: Schema, expected: Schema, revision: str) -> list[str]:
    """What differs, in words; empty when the schemas are the same."""
    problems: list[str] = []
    for key in sorted(expected.keys() - found.keys()):
        problems.append(f"the {_what(key)} that schema {revision} has is missing"
                        + (" (it keeps signed records or the audit log from being changed)"
                           if key[1] in LOCK_TRIGGERS else ""))
    for key in sorted(found.keys() - expected.keys()):
        problems.append(f"it has an extra {_what(key)} that the application never makes")
    for key in sorted(found.keys() & expected.keys()):
        if found[key] != expected[key]:
            problems.append(f"the {_what(key)} is not the one schema {revision} makes")
    return problems


def check_schema(conn: sqlite3.Connection, revision: str) -> list[str]:
    """Differences between the schema behind `conn` and that of `revision`, in words."""
    return differences(read_schema(conn), reference_schema(revision), revision)


def reference_schema(revision: str) -> Schema:
    """The schema the migrations make at `revision` (KeyError for a revision they do not know)."""
    from rmp_desktop.storage.schema import REVISIONS

    if revision not in REVISIONS:
        raise KeyError(revision)
    with _lock:  # Alembic's configuration is not made for two upgrades at once
        return _reference(revision)


@cache
def _reference(revision: str) -> Schema:
    from rmp_desktop.storage.migrate import upgrade_to_head

    with tempfile.TemporaryDirectory(prefix="rmp-schema-") as folder:
        path = Path(folder) / "reference.sqlite3"
        upgrade_to_head(path, revision)
        conn = sqlite3.connect(path)
        try:
            return read_schema(conn)
        finally:
            conn.close()


def _table(conn: sqlite3.Connection, name: str) -> tuple[object, ...]:
    quoted = _quote(name)
    columns = tuple((c[1], (c[2] or "").upper(), c[3], c[4], c[5], c[6])
                    for c in conn.execute(f"PRAGMA table_xinfo({quoted})"))
    keys = tuple(sorted(tuple(str(v) for v in k[2:])
                        for k in conn.execute(f"PRAGMA foreign_key_list({quoted})")))
    options = ()
    try:
        listed = conn.execute("SELECT wr, strict FROM pragma_table_list WHERE name = ? "
                              "AND schema = 'main'", (name,)).fetchone()
        options = tuple(listed) if listed else ()
    except sqlite3.OperationalError:  # SQLite before 3.37 has no table_list
        pass
    checks = tuple(sorted(_normal_sql(c) for c in re.findall(
        r"CHECK\s*\((?:[^()]|\([^()]*\))*\)", _table_sql(conn, name), re.IGNORECASE)))
    return ("table", columns, keys, options, checks)


def _index(conn: sqlite3.Connection, table: str, name: str,
           sql: str | None) -> tuple[object, ...]:
    listed = {row[1]: row for row in conn.execute(f"PRAGMA index_list({_quote(table)})")}
    row = listed.get(name)
    flags = (row[2], row[3], row[4]) if row else ()
    columns = tuple((c[0], c[2], c[3], c[4], c[5])
                    for c in conn.execute(f"PRAGMA index_xinfo({_quote(name)})"))
    where = ""
    if sql and re.search(r"\bWHERE\b", sql, re.IGNORECASE):  # a partial index's condition
        where = _normal_sql(re.split(r"\bWHERE\b", sql, maxsplit=1, flags=re.IGNORECASE)[1])
    return ("index", table, flags, columns, where)


def _table_sql(conn: sqlite3.Connection, name: str) -> str:
    row = conn.execute("SELECT sql FROM sqlite_master WHERE type='table' AND name=?",
                       (name,)).fetchone()
    return (row[0] or "") if row else ""


def _is_virtual(sql: str) -> bool:
    return bool(re.match(r"\s*CREATE\s+VIRTUAL\s+TABLE\b", sql, re.IGNORECASE))


def _normal_sql(sql: str) -> str:
    """SQL with runs of white space as one space, so only a change of meaning shows."""
    return " ".join(sql.split())


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _what(key: tuple[str, str]) -> str:
    kind, name = key
    shown = "".join(ch if ch.isprintable() else "?" for ch in name)[:60]
    return f"{_KIND_WORDS.get(kind, kind)} “{shown}”"
