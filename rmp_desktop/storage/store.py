"""One open store: its engine, sessions and repositories."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import sessionmaker

from rmp_desktop.storage.conversation_repo import ConversationRepository
from rmp_desktop.storage.engine import make_engine
from rmp_desktop.storage.staff_repo import StaffRepository
from rmp_desktop.store_location import StoreLocation


class Store:
    """Open with `Store(location)` (a StoreLocation, a SQLite path or a PostgreSQL URL) after
    `bootstrap.prepare(...)` has made it current."""

    def __init__(self, source: StoreLocation | Path | str):
        self.location = StoreLocation.of(source)
        self.path = self.location.path  # None on PostgreSQL
        self.engine = make_engine(self.location)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.staff = StaffRepository(self.sessions)
        self.conversations = ConversationRepository(self.sessions)

    def integrity_report(self) -> list[str]:
        """Plain-words findings of every check `rmp-desktop check` makes (storage.integrity);
        on PostgreSQL, which guards its own structure and links, those dialect.py makes."""
        if self.location.is_postgres:
            from rmp_desktop.storage.record_checks import postgres_findings

            return postgres_findings(self)
        from rmp_desktop.storage.integrity import check_store

        return [str(f) for f in check_store(self.location.sqlite_path)]

    def meta(self, key: str, default: str | None = None) -> str | None:
        with self.engine.connect() as conn:
            row = conn.execute(text("SELECT value FROM app_meta WHERE key = :k"), {"k": key}).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: object) -> None:
        with self.engine.begin() as conn:
            conn.execute(text("INSERT INTO app_meta(key, value) VALUES (:k, :v) "
                              "ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
                         {"k": key, "v": value if isinstance(value, str) else json.dumps(value)})

    def close(self) -> None:
        self.engine.dispose()
