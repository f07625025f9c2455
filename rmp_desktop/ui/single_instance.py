"""One window per data folder: a second launch asks the first to come forward, then exits."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QObject, Signal

RAISE = b"raise"


def _no_listener(name: str) -> bool:
    """On Unix a listening instance leaves a socket file (where QLocalServer puts it); without
    one nobody is running, and start-up need not load QtNetwork to find that out."""
    if sys.platform == "win32":
        return False  # named pipes have no file to look for
    return not os.path.exists(os.path.join(os.environ.get("TMPDIR") or "/tmp", name))


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
