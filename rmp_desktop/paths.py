"""Every folder the application uses, decided in one place.

platformdirs gives the per-user folders; `--data-dir DIR` or the environment
variable RMP_DESKTOP_DATA_DIR puts every file of the application in DIR instead
(tests, portable installs, several stores side by side).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rmp_desktop.store_location import StoreLocation

ENV_DATA_DIR = "RMP_DESKTOP_DATA_DIR"
ENV_STORE = "RMP_DESKTOP_STORE"
ENV_PUBLISH = "RMP_DESKTOP_PUBLISH_URL"  # where a laptop publishes, over settings.ini
STORE_FILENAME = "rmp-desktop.sqlite3"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    store_url: str | None = None  # --store URL; otherwise settings.ini's store_url, if any

    @property
    def store(self) -> Path:
        """The SQLite store's file (used when the store is not on PostgreSQL)."""
        return self.data_dir / STORE_FILENAME

    @cached_property
    def location(self) -> StoreLocation:
        """The store: --store URL, else settings.ini's store_url, else the file in the data
        folder. Raises StoreLocationError (with what to do) for an address holding a password."""
        from rmp_desktop.store_location import StoreLocation, url_from_settings

        url = self.store_url or url_from_settings(self.settings)
        if url:
            return StoreLocation(url=StoreLocation.of(url).url, data_dir=self.data_dir)
        return StoreLocation(path=self.store)

    def publish_url(self) -> str | None:
        """The organisation's store this laptop publishes to: $RMP_DESKTOP_PUBLISH_URL, else
        settings.ini's publish_url, else None. Raises StoreLocationError (with what to do) for
        an address holding a password."""
        from rmp_desktop.store_location import PUBLISH_KEY, checked_url, url_from_settings

        url = os.environ.get(ENV_PUBLISH, "").strip()
        return checked_url(url) if url else url_from_settings(self.settings, PUBLISH_KEY)

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"

    @property
    def logs(self) -> Path:
        return self.data_dir / "logs"

    @property
    def quarantine(self) -> Path:
        """Where an unreadable store is moved aside, never overwritten."""
        return self.data_dir / "unreadable"

    @property
    def packs(self) -> Path:
        """An organisation's own framework packs, used in place of the built-in ones."""
        return self.data_dir / "packs"

    @property
    def settings(self) -> Path:
        return self.data_dir / "settings.ini"

    @property
    def lock_name(self) -> str:
        """A per-data-folder name for the single-instance socket (a checksum is enough:
        hashlib would cost start-up its OpenSSL import)."""
        import zlib

        digest = zlib.crc32(str(self.data_dir.resolve()).encode())
        return f"rmp-desktop-{digest:08x}"

    def ensure(self) -> AppPaths:
        for folder in (self.data_dir, self.backups, self.logs):
            folder.mkdir(parents=True, exist_ok=True)
            _owner_only(folder)
        return self


def _owner_only(folder: Path) -> None:
    # Records are personal data: other accounts on a shared laptop must not read them.
    try:
        os.chmod(folder, 0o700)
    except OSError:
        pass


def resolve(data_dir: str | os.PathLike | None = None, store_url: str | None = None) -> AppPaths:
    """Explicit argument, then the environment variable, then platformdirs; the store's URL
    from --store or $RMP_DESKTOP_STORE (settings.ini is read when the store is first asked for)."""
    store_url = store_url or os.environ.get(ENV_STORE) or None
    chosen = data_dir or os.environ.get(ENV_DATA_DIR)
    if chosen:
        return AppPaths(Path(chosen).expanduser().absolute(), store_url)
    import platformdirs

    return AppPaths(Path(platformdirs.user_data_dir("rmp-desktop", "RMP", roaming=False)),
                    store_url)


def resources_dir() -> Path:
    """The shipped resources: installed package, frozen build, or source checkout."""
    try:
        from importlib.resources import files

        root = Path(str(files("rmp_desktop.resources")))
        if (root / "packs").is_dir():
            return root
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parents[1] / "resources"
