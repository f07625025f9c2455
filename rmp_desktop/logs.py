"""Logging to a rotating file in the data folder.

Only events and tracebacks are logged, never the content of a conversation or a
person's details: messages name records by identifier, not by name.
"""

from __future__ import annotations

import contextlib
import logging
import os
import traceback
from pathlib import Path

LOG_NAME = "rmp-desktop.log"
MAX_BYTES = 1_000_000
KEEP = 5


class _RotatingFileOnFirstUse(logging.Handler):
    """A rotating file handler that is built (and `logging.handlers` imported) only when the
    first message arrives: most runs log nothing before the window shows, so start-up
    does not pay for it."""

    def __init__(self, path: Path):
        super().__init__()
        self.path = path
        self._real: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._real is None:
            import logging.handlers

            class _Private(logging.handlers.RotatingFileHandler):
                def _open(self):  # every file, rotated ones too, readable by its owner only
                    fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
                    with contextlib.suppress(OSError):
                        os.chmod(self.baseFilename, 0o600)  # one made before this version
                    return open(fd, self.mode, encoding=self.encoding, errors=self.errors)

            self._real = _Private(self.path, maxBytes=MAX_BYTES, backupCount=KEEP,
                                  encoding="utf-8")
            self._real.setFormatter(self.formatter)
        self._real.emit(record)

    def close(self) -> None:
        if self._real is not None:
            self._real.close()
        super().close()


def configure(log_dir: Path, *, verbose: bool = False) -> Path:
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_NAME
    handler = _RotatingFileOnFirstUse(path)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("rmp_desktop")
    for old in list(root.handlers):
        if isinstance(old, _RotatingFileOnFirstUse):
            root.removeHandler(old)
            old.close()
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    return path


def log_crash(logger: logging.Logger, exc: BaseException, what: str) -> None:
    """An unexpected error's traceback in the log: where it happened and the kind of error,
    never its message, which may quote a name or what was typed."""
    frames = "".join(traceback.format_tb(exc.__traceback__))
    logger.error("%s failed with %s\n%s", what, type(exc).__name__, frames)
