"""The one error a content pack can raise, worded for the person who edits the file."""

from __future__ import annotations


class PackError(Exception):
    """A pack that cannot be used, with the file and the place inside it.

    `place` is a path such as ``areas[2].indicators.3``, or ``line 4, column 7``
    for a file that is not valid YAML or JSON; it is empty when the whole file
    is at fault.
    """

    def __init__(self, file: str, place: str, reason: str):
        super().__init__(file, place, reason)
        self.file = file
        self.place = place
        self.reason = reason

    def __str__(self) -> str:
        where = f", at {self.place}" if self.place else ""
        return f"{self.file}{where}: {self.reason}"
