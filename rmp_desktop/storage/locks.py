"""Advisory locks on small files of their own, never on the store (SQLite owns its locks there).

Two uses: the window holds `.window.lock` in the data folder for as long as it has the store
open, so a restore from the command line is refused instead of pulling the store from under
it; and every backup or restore holds `.busy.lock` shared while its temporary files exist,
so the clean-up at start-up removes only what an interrupted one left behind. Locks go with
the process: a crash releases them.
"""

from __future__ import annotations

import os
from pathlib import Path

WINDOW_LOCK = ".window.lock"
BUSY_LOCK = ".busy.lock"

try:
    import fcntl as fcntl  # also used by storage.leftovers
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]


class FileLock:
    def __init__(self, path: Path):
        self.path = Path(path)
        self._fd: int | None = None

    def acquire(self, *, shared: bool = False) -> bool:
        """Take the lock without waiting; False if another process holds it (exclusively)."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if fcntl is not None:
                fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
            else:
                import msvcrt

                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # shared locks do not exist there
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing releases flock and msvcrt locks alike
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __enter__(self) -> FileLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


# Data folders whose window lock this process holds: its own window may restore.
_HELD_HERE: set[Path] = set()


def hold_window(data_dir: Path) -> FileLock | None:
    """The window's lock on a data folder, or None when another window already has it."""
    lock = FileLock(Path(data_dir) / WINDOW_LOCK)
    if not lock.acquire():
        return None
    _HELD_HERE.add(Path(data_dir).absolute())
    return lock


def release_window(data_dir: Path, lock: FileLock) -> None:
    _HELD_HERE.discard(Path(data_dir).absolute())
    lock.release()


def window_is_open(data_dir: Path) -> bool:
    """True when a window in another process has the store of this data folder open."""
    path = Path(data_dir) / WINDOW_LOCK
    if Path(data_dir).absolute() in _HELD_HERE or not path.exists():
        return False
    probe = FileLock(path)
    if probe.acquire():
        probe.release()
        return False
    return True


def busy(folder: Path) -> FileLock:
    """Held (shared) while a backup or restore has temporary files in `folder`."""
    lock = FileLock(Path(folder) / BUSY_LOCK)
    if not lock.acquire(shared=True) and fcntl is not None:
        raise OSError(f"{folder} is being cleaned up; try again")
    return lock
