"""What an interrupted backup or restore leaves behind, removed at the next start.

Backups and restores write under temporary names (`.NAME.partial`, `.STORE.restoring`,
`.restore-*/`) and hold the data folder's busy lock shared while they do; a file that exists
while nobody holds that lock belongs to one that was killed or lost its power, and is
never a complete file. On systems without shared locks only files older than an hour go.
"""

from __future__ import annotations

import logging
import shutil
import time
from contextlib import suppress
from pathlib import Path

from rmp_desktop.storage.locks import BUSY_LOCK, FileLock, fcntl

log = logging.getLogger(__name__)

_OLD_ENOUGH_S = 3600


def clean_interrupted(data_dir: Path, backups_dir: Path) -> list[str]:
    """Remove the leftovers of interrupted backups and restores; the names removed."""
    removed: list[str] = []
    if not Path(data_dir).is_dir():
        return removed
    lock = FileLock(Path(data_dir) / BUSY_LOCK)
    if fcntl is not None and not lock.acquire():
        return removed  # a backup or restore is running right now
    try:
        for folder, patterns in ((Path(data_dir), (".*.restoring*", ".restore-*", ".*.partial*")),
                                 (Path(backups_dir), (".*.partial*",))):
            for pattern in patterns if folder.is_dir() else ():
                for found in folder.glob(pattern):
                    if fcntl is None and time.time() - found.stat().st_mtime < _OLD_ENOUGH_S:
                        continue
                    _remove(found)
                    removed.append(found.name)
    finally:
        lock.release()
    if removed:
        log.info("removed %d file(s) left by an interrupted backup or restore", len(removed))
    return removed


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with suppress(FileNotFoundError):
            path.unlink()
