"""What a window or command needs to work on one data folder, opened only when first used.

Passed explicitly to whatever needs it (no global application object). The store
and the content packs are opened lazily so that the first paint of the window
does not wait for SQLAlchemy or YAML parsing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from rmp_desktop.paths import AppPaths

if TYPE_CHECKING:  # imported lazily at run time to keep start-up light
    from rmp_desktop.domain.packs import PackSet
    from rmp_desktop.storage.bootstrap import BackgroundCheck
    from rmp_desktop.storage.store import Store
    from rmp_desktop.storage.team_query import TeamRow


class AppContext:
    def __init__(self, paths: AppPaths):
        self.paths = paths
        self._store: Store | None = None
        self._packs: PackSet | None = None
        self.pack_problems: list = []  # PackErrors from the organisation's pack folder
        # The team as start-up read it beside Qt's loading, if it could: a callable giving
        # rows once (or None); the window's first team read uses it instead of reading again.
        self.first_team: Callable[[], list[TeamRow] | None] | None = None
        # The store file's check, when the window painted before its verdict: the store is
        # opened (and so written) only once it has passed.
        self.pending_check: BackgroundCheck | None = None
        self._lock = threading.Lock()

    def verdict_pending(self) -> bool:
        """The window painted before the store file's check gave its verdict, and it has not
        yet: nothing may open the store (and so write) until it has."""
        check = self.pending_check
        return check is not None and check.running

    def store(self) -> Store:
        """The store, opened on first use; StoreUnreadable if its start-up check failed."""
        check = self.pending_check
        if check is not None:  # wait for the verdict outside the lock: packs() stays free
            check.require_healthy(self.paths.backups)
        with self._lock:
            if self._store is None:
                from rmp_desktop.storage.store import Store

                if self.pending_check is not None:
                    self.pending_check.require_healthy(self.paths.backups)
                    self.pending_check = None
                self._store = Store(self.paths.location)
            return self._store

    def warm(self) -> None:
        """Open the store and load what opening a person needs (SQLAlchemy and the ORM's
        mappers, the record checks, the packs), so the first person a user opens waits for
        none of it. For a worker thread once the window shows the team; a store that failed
        its start-up check is left closed (the window hears of that itself)."""
        # The modules first: loading them touches no file, so it goes on while the store's
        # check (begun as the team showed) may still run.
        import rmp_desktop.domain.record_words
        import rmp_desktop.domain.talent
        import rmp_desktop.storage.integrity
        import rmp_desktop.storage.models
        import rmp_desktop.storage.publications
        import rmp_desktop.storage.record_checks
        import rmp_desktop.storage.store  # noqa: F401 (loaded for the first open)
        from rmp_desktop.storage.errors import StoreError
        from rmp_desktop.storage.last_time import signed_documents
        from rmp_desktop.storage.packs_for_record import packs_for_refs

        try:
            store = self.store()
        except StoreError:
            return
        with store.sessions() as session:  # configures every mapper, compiles the first query
            session.get(_staff_model(), -1)
        store.conversations.list_for_person(-1)
        with store.engine.connect() as conn:
            signed_documents(conn, -1)
        # The record checks rebuild the packs each record was made with from its snapshots
        # (kept once built): most records name today's packs.
        packs_for_refs(self.packs().refs(), store.conversations.pack_snapshot)

    def packs(self) -> PackSet:
        """The built-in packs, with any valid pack from the data folder's packs/ in its place;
        a broken one is listed in `pack_problems` and its built-in is used instead."""
        with self._lock:
            if self._packs is None:
                self._packs, self.pack_problems = load_packs(self.paths)
            return self._packs

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None


def _staff_model() -> type:
    from rmp_desktop.storage.models import Staff

    return Staff


def load_packs(paths: AppPaths):
    from rmp_desktop.content.loader import load_builtin, load_directory

    if not paths.packs.is_dir():
        return load_builtin(), []
    return load_directory(paths.packs)
