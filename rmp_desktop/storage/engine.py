"""The SQLAlchemy engine for a store: a SQLite file with the pragmas every connection needs,
or an organisation's PostgreSQL database (storage/pg_connect.py)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Connection, Engine

from rmp_desktop.store_location import StoreLocation

BUSY_TIMEOUT_MS = 5000


def apply_pragmas(dbapi_connection: Any) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    # Everything here is something a user would call saved: fsync each commit.
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.close()


def make_engine(source: StoreLocation | str | os.PathLike[str]) -> Engine:
    """An engine for a StoreLocation, a SQLite path or a PostgreSQL URL."""
    location = StoreLocation.of(source)
    if location.is_postgres:
        from rmp_desktop.storage.pg_connect import make_pg_engine

        return make_pg_engine(location.pg_url, hide_parameters=True)
    return _sqlite_engine(location.sqlite_path)


def _sqlite_engine(path: Path) -> Engine:
    # hide_parameters: a database error's text must never carry what was typed (names,
    # conversation content) into a log file or a message box.
    # URL.create, not a string: a folder named with '?' or '%20' is a path, not a query.
    url = URL.create("sqlite", database=str(path))
    engine = create_engine(url, connect_args={"check_same_thread": False},
                           hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: object) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin.
        dbapi_connection.isolation_level = None
        apply_pragmas(dbapi_connection)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # Deferred, so readers in WAL mode never queue behind a writer.
        conn.exec_driver_sql("BEGIN")

    return engine
