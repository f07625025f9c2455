"""Undo and redo within a step: one QUndoStack per page, commands that swap whole states.

A command holds the page's state before and after an edit. Keystrokes in the
same field that follow one another within a short pause merge into one
command, so Ctrl+Z takes back a phrase rather than a letter. Undoing puts the
old state back in the page's controls and saves it through the same path as
any other edit.
"""

from __future__ import annotations

import copy
import time
from typing import Protocol

from PySide6.QtGui import QUndoCommand

MERGE_WINDOW_S = 1.5  # typing in one field with shorter pauses than this is one undo step
_EDIT_ID = 0x524D50  # any fixed number: all field edits may merge with each other


class Restorable(Protocol):
    def restore_state(self, state: dict) -> None: ...


class FieldEdit(QUndoCommand):
    """An edit of one field of a page; the first redo (on push) only records it."""

    def __init__(self, page: Restorable, field: str, label: str, before: dict, after: dict):
        super().__init__(f"Edit {label}")
        self.page = page
        self.field = field
        self.before = copy.deepcopy(before)
        self.after = copy.deepcopy(after)
        self.at = time.monotonic()
        self._pushed = False

    def id(self) -> int:
        return _EDIT_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        if not isinstance(other, FieldEdit) or other.page is not self.page:
            return False
        if other.field != self.field or other.at - self.at > MERGE_WINDOW_S:
            return False
        self.after = other.after
        self.at = other.at
        return True

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True  # the controls already show this state
            return
        self.page.restore_state(copy.deepcopy(self.after))

    def undo(self) -> None:
        self.page.restore_state(copy.deepcopy(self.before))
