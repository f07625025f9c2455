"""Logging to a rotating file in the data folder.

Only events and tracebacks are logged, never the content of a conversation or a
person's details: messages name records by identifier, not by name.
"""

from __future__ import annotations

import logging
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

            self._real = logging.handlers.RotatingFileHandler(
                self.path, maxBytes=MAX_BYTES, backupCount=KEEP, encoding="utf-8")
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
