"""Every test gets its own data folder; Qt runs offscreen unless a display is asked for."""

from __future__ import annotations

import os

import pytest

# Set before any Qt import, for the whole session (never halfway down a module).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_ACCESSIBILITY", "1")


@pytest.fixture
def paths(tmp_path, monkeypatch):
    from rmp_desktop.paths import ENV_DATA_DIR, AppPaths

    data = tmp_path / "data"
    monkeypatch.setenv(ENV_DATA_DIR, str(data))
    return AppPaths(data).ensure()


@pytest.fixture
def store(paths):
    from rmp_desktop.storage import bootstrap
    from rmp_desktop.storage.store import Store

    bootstrap.prepare(paths.store, paths.backups)
    opened = Store(paths.store)
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
