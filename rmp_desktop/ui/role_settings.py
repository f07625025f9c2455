"""Who uses this application, as the settings file remembers it: kept apart from the question
(ui/role.py) so the window's first paint does not load the dialog's widgets."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QSettings


class Role(StrEnum):
    MINE = "mine"
    TEAM = "team"
    BOTH = "both"

    @property
    def label(self) -> str:
        return {"mine": "I am preparing for my own conversations",
                "team": "I hold conversations with my team",
                "both": "Both: I have a team, and a manager of my own"}[self.value]

    @property
    def description(self) -> str:
        return {"mine": "My development: your details, your preparation to send to your "
                        "manager, your signed records and your plan.",
                "team": "Your team: people, their conversations, sign-off and records, and "
                        "the preparations they send you.",
                "both": "Both, one at a time: switch between your team and My development "
                        "from the Go menu (Ctrl+1 and Ctrl+2)."}[self.value]

    @property
    def has_team(self) -> bool:
        return self is not Role.MINE

    @property
    def has_mine(self) -> bool:
        return self is not Role.TEAM


class RoleSettings:
    KEY = "app/role"

    def __init__(self, path: Path):
        self._settings = QSettings(str(path), QSettings.Format.IniFormat)

    def role(self) -> Role | None:
        """The choice made, or None if the question has never been answered."""
        try:
            return Role(str(self._settings.value(self.KEY, "")))
        except ValueError:
            return None

    def set_role(self, role: Role) -> None:
        self._settings.setValue(self.KEY, role.value)
        self._settings.sync()
