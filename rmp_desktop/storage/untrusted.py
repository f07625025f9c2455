"""Opening an SQLite file that may have been made by someone else, with SQLite's defences on.

A backup chosen for restore, or a store that was edited behind the application's back,
can carry triggers, views and odd SQL in its schema. These connections are read-only,
never trust functions named in the schema (`trusted_schema=OFF`), load no extensions,
check every cell's size as it is read and never memory-map the file, as SQLite's own
"defense against the dark arts" advice says. Nothing here writes, so no trigger can run;
the file's schema is compared with the application's (schema_check) before anyone writes.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


def read_only_uri(path: Path) -> str:
    # as_uri percent-encodes '?', '#' and '%', which SQLite's URI parser decodes again.
    return f"{Path(path).resolve().as_uri()}?mode=ro"


def open_untrusted(path: Path, *, timeout: float = 5) -> sqlite3.Connection:
    """A read-only connection to `path` with SQLite's defensive settings."""
    conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=timeout)
    try:
        harden(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def harden(conn: sqlite3.Connection) -> None:
    """SQLite's defensive settings on an open connection (also used on a staged restore)."""
    if hasattr(conn, "enable_load_extension"):
        conn.enable_load_extension(False)
    setconfig = getattr(conn, "setconfig", None)  # Python 3.12 and later
    if setconfig is not None:
        # Constants of Python 3.12's sqlite3, looked up so that 3.11 (and its stubs) run too.
        setconfig(getattr(sqlite3, "SQLITE_DBCONFIG_DEFENSIVE"), True)  # noqa: B009
        setconfig(getattr(sqlite3, "SQLITE_DBCONFIG_TRUSTED_SCHEMA"), False)  # noqa: B009
    for pragma in ("trusted_schema=OFF", "cell_size_check=ON", "mmap_size=0"):
        conn.execute(f"PRAGMA {pragma}")
