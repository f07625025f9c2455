"""The storage tests run on SQLite and on PostgreSQL (see tests/pg_support.py); a module about
something only SQLite has (files, backups, quick_check) pins `store_kind` to "sqlite"."""

from __future__ import annotations

import pytest


@pytest.fixture(params=["sqlite", "postgresql"])
def store_kind(request) -> str:
    return request.param
