"""One window per data folder: a second launch asks the first to come forward, then exits."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, Signal

RAISE = b"raise"


def server_name(paths) -> str | None:
    """Where this data folder's instance listens: a socket in a folder only this account can
    enter (the per-user runtime folder), never a guessable name in the shared /tmp that
    another account could take first. Windows uses a named pipe. None if no safe place."""
    if sys.platform == "win32":
        return paths.lock_name
    name = f"{paths.lock_name.rsplit('-', 1)[-1]}.sock"  # short: socket paths are limited
    for folder in _private_folders(paths.data_dir):
        if _owner_only_folder(folder) and len(str(folder / name)) < 100:  # sun_path limit
            return str(folder / name)
    return None


def _private_folders(data_dir: Path):
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime:
        yield Path(runtime) / "rmp-desktop"
    yield Path(tempfile.gettempdir()) / f"rmp-desktop-{os.getuid()}"
    yield Path(data_dir) / ".run"  # owner-only like the rest of the data folder


def _owner_only_folder(folder: Path) -> bool:
    """The folder exists or is made, is a real folder, is ours and nobody else may enter."""
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = os.lstat(folder)
    except OSError:
        return False
    return (stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()
            and not info.st_mode & 0o077)


def _no_listener(name: str) -> bool:
    """On Unix a listening instance leaves a socket file; without one nobody is running, and
    start-up need not load QtNetwork to find that out."""
    if sys.platform == "win32":
        return False  # named pipes have no file to look for
    return not os.path.exists(name)


def ask_running_instance(name: str, timeout_ms: int = 300) -> bool:
    """True if another instance is listening and was asked to show itself."""
    if _no_listener(name):
        return False
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(RAISE)
    socket.flush()
    socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listens for later launches and emits `raiseRequested`."""

    raiseRequested = Signal()

    def __init__(self, name: str, parent: QObject | None = None):
        super().__init__(parent)
        from PySide6.QtNetwork import QLocalServer

        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not self._server.listen(name):
            # A stale socket left by a crashed instance: nobody answered above, so remove it.
            QLocalServer.removeServer(name)
            self._server.listen(name)
        self._server.newConnection.connect(self._on_connection)

    def _on_connection(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._on_message(s))
            socket.disconnected.connect(socket.deleteLater)

    def _on_message(self, socket) -> None:
        if bytes(socket.readAll()).startswith(RAISE):
            self.raiseRequested.emit()

    def close(self) -> None:
        self._server.close()
