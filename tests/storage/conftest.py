"""The storage tests run on SQLite and on PostgreSQL (see tests/pg_support.py); a module about
something only SQLite has (files, backups, quick_check) pins `store_kind` to "sqlite"."""

from __future__ import annotations

import pytest

from rmp_desktop.storage import bootstrap
from rmp_desktop.storage.store import Store


@pytest.fixture(params=["sqlite", "postgresql"])
def store_kind(request) -> str:
    return request.param


@pytest.fixture
def staff_store(tmp_path):
    """The staff member's own store (a file on their laptop), beside the manager's `store`."""
    path = tmp_path / "staff" / "store.sqlite3"
    path.parent.mkdir()
    bootstrap.prepare(path, path.parent / "backups")
    opened = Store(path)
    yield opened
    opened.close()
