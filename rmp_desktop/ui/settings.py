"""Window layout remembered between runs, in an INI file inside the data folder.

An INI file rather than the platform's registry or plist keeps every file of the
application in its data folder (so `--data-dir` and tests stay isolated) and
lets a person read or delete it. Only layout is stored here, never personal data.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings


class WindowSettings:
    GEOMETRY = "main_window/geometry"
    WINDOW_STATE = "main_window/state"
    SPLITTER = "main_window/splitter"
    TEAM_HEADER = "team/header"
    TEAM_WIDTHS_CHOSEN = "team/widths_chosen"  # the user sized a column: keep their widths

    def __init__(self, path: Path):
        self._settings = QSettings(str(path), QSettings.Format.IniFormat)

    def load(self, key: str) -> QByteArray | None:
        value = self._settings.value(key)
        if isinstance(value, QByteArray) and not value.isEmpty():
            return value
        return None

    def store(self, key: str, value: QByteArray) -> None:
        self._settings.setValue(key, value)

    def flag(self, key: str) -> bool:
        return str(self._settings.value(key, "false")).lower() == "true"

    def store_flag(self, key: str, value: bool) -> None:
        self._settings.setValue(key, "true" if value else "false")

    def sync(self) -> None:
        self._settings.sync()
