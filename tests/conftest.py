"""Every test gets its own data folder (and, for tests on both databases, its own PostgreSQL
database); Qt runs offscreen unless a display is asked for."""

from __future__ import annotations

import os

import pytest

from tests.pg_support import pg_database, pg_login, pg_server, pg_template  # noqa: F401 (fixtures)

# Set before any Qt import, for the whole session (never halfway down a module).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_ACCESSIBILITY", "1")


@pytest.fixture
def store_kind() -> str:
    """"sqlite" here; a folder or module whose tests run on both databases overrides it with
    `pytest.fixture(params=["sqlite", "postgresql"])`."""
    return "sqlite"


@pytest.fixture
def paths(tmp_path, monkeypatch, store_kind, request):
    """The test's data folder; for a PostgreSQL test, with a fresh database as the store
    (also in $RMP_DESKTOP_STORE, so commands run in or out of process use it)."""
    from rmp_desktop.paths import ENV_DATA_DIR, ENV_STORE, AppPaths

    data = tmp_path / "data"
    monkeypatch.setenv(ENV_DATA_DIR, str(data))
    monkeypatch.delenv(ENV_STORE, raising=False)
    if store_kind == "postgresql":
        url = request.getfixturevalue("pg_database")
        monkeypatch.setenv(ENV_STORE, url)
        return AppPaths(data, store_url=url).ensure()
    return AppPaths(data).ensure()


@pytest.fixture
def store(paths):
    from rmp_desktop.storage import bootstrap
    from rmp_desktop.storage.store import Store

    bootstrap.prepare(paths.location, paths.backups)
    opened = Store(paths.location)
    yield opened
    opened.close()


@pytest.fixture
def context(paths, store):
    from rmp_desktop.context import AppContext

    # Someone who answered the first-run question "I hold conversations with my team";
    # the tests of that question and of My development say otherwise.
    if not paths.settings.exists():
        paths.settings.write_text("[app]\nrole=team\n", encoding="utf-8")
    ctx = AppContext(paths)
    ctx._store = store  # share the fixture's open store
    yield ctx
    ctx._store = None
