"""The audit chain is checked in the order it was written, whatever order the database
would otherwise hand the rows back in (SQLite's reverse_unordered_selects shows a query
that leaves the order to chance)."""

from __future__ import annotations

from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from rmp_desktop.storage import audit
from rmp_desktop.storage.models import Base


def test_the_chain_is_read_in_the_order_it_was_written():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    try:
        with Session(engine) as session:
            for event in ("created", "signed", "signed", "exported"):
                audit.append(session, event, conversation_uid="c" * 32)
            session.commit()
            session.execute(text("PRAGMA reverse_unordered_selects = ON"))
            assert audit.verify_chain(session) == audit.ChainReport(4, [])
    finally:
        engine.dispose()
