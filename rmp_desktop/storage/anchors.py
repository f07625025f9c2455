"""Anchors: the audit log's head as it was at some moment, kept outside the store.

Every exported PDF and every backup carries the id and hash of the newest audit entry at
the moment it was made. Whoever can write the store can recompute a hash chain, but not
the copies already handed out: if the live log no longer has that entry with that hash,
it was cut back or rewritten since. The staff member's copy of a record is the other
party's anchor: a record copy that carries `{"audit_anchor": {"entry": N, "hash": H}}`
is checked with `anchor_problems` the same way.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from rmp_desktop.storage.untrusted import open_untrusted

GENESIS = "0" * 64


def anchor_problems(conn: sqlite3.Connection, entry: int, digest: str, source: str) -> list[str]:
    """What the live log says against an anchor taken from `source` (named in the words)."""
    if entry == 0 and digest == GENESIS:
        return []  # made when the log was still empty: it vouches for nothing
    row = conn.execute("SELECT hash FROM audit_log WHERE id = ?", (entry,)).fetchone()
    if row is None:
        newest = conn.execute("SELECT max(id) FROM audit_log").fetchone()[0] or 0
        if newest < entry:
            return [f"the audit log has been cut back: {source} was made when its newest entry "
                    f"was {entry}, and the log now ends at entry {newest}"]
        return [f"the audit log has been rewritten: entry {entry}, the newest when {source} was "
                "made, is no longer in it"]
    if row[0] != digest:
        return [f"the audit log has been rewritten: entry {entry} is not the entry it was when "
                f"{source} was made"]
    return []


def store_anchor_problems(store_path: Path, entry: int, digest: str, source: str) -> list[str]:
    with closing(open_untrusted(store_path)) as conn:
        return anchor_problems(conn, entry, digest, source)


def anchor_of_backup(path: Path) -> tuple[int, str] | None:
    """The head a backup was stamped with, or its own newest entry for older backups."""
    from rmp_desktop.storage.backup import META_HEAD_ENTRY, META_HEAD_HASH

    with closing(open_untrusted(path)) as conn:
        meta = dict(conn.execute("SELECT key, value FROM app_meta WHERE key IN (?, ?)",
                                 (META_HEAD_ENTRY, META_HEAD_HASH)))
        if META_HEAD_ENTRY in meta and META_HEAD_HASH in meta:
            return int(meta[META_HEAD_ENTRY]), str(meta[META_HEAD_HASH])
        row = conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        return (int(row[0]), str(row[1])) if row else None
