"""One open store: its engine, sessions and repositories."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import sessionmaker

from rmp_desktop.storage import audit
from rmp_desktop.storage.conversation_repo import ConversationRepository
from rmp_desktop.storage.engine import make_engine
from rmp_desktop.storage.signoff_repo import SignoffRepository
from rmp_desktop.storage.staff_repo import StaffRepository


class Store:
    """Open with `Store(path)` after `bootstrap.prepare(path, ...)` has made the file current."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.engine = make_engine(self.path)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.staff = StaffRepository(self.sessions)
        self.conversations = ConversationRepository(self.sessions)

    def integrity_report(self) -> list[str]:
        """Plain-words findings of SQLite's integrity and foreign-key checks and the audit chain."""
        findings: list[str] = []
        with self.engine.connect() as conn:
            rows = [r[0] for r in conn.execute(text("PRAGMA integrity_check"))]
            if rows != ["ok"]:
                findings += [f"database structure: {r}" for r in rows[:20]]
            for table, rowid, parent, _ in conn.execute(text("PRAGMA foreign_key_check")):
                findings.append(f"{table} row {rowid} points at a missing {parent} row")
            fts = conn.execute(text(
                "INSERT INTO staff_fts(staff_fts, rank) VALUES ('integrity-check', 1)"))
            fts.close()
            conn.rollback()
        with self.sessions() as session:
            chain = audit.verify_chain(session)
        findings += [f"audit log: {p}" for p in chain.problems]
        for check in SignoffRepository.of(self).verify_all_stored():
            findings += [f"record {check.uid[:8]}: {p}" for p in check.problems]
        return findings

    def meta(self, key: str, default: str | None = None) -> str | None:
        with self.engine.connect() as conn:
            row = conn.execute(text("SELECT value FROM app_meta WHERE key = :k"), {"k": key}).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value) -> None:
        with self.engine.begin() as conn:
            conn.execute(text("INSERT INTO app_meta(key, value) VALUES (:k, :v) "
                              "ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
                         {"k": key, "v": value if isinstance(value, str) else json.dumps(value)})

    def close(self) -> None:
        self.engine.dispose()
