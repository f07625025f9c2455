"""Importing a staff list from the window, and what it says after: every bad row, or what changed.

The file is taken whole or not at all (the parser checks every row first, the
repository imports in one transaction), so a refused file leaves the store as it was.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from rmp_desktop.domain.staff_import import RowError, read_staff_file

if TYPE_CHECKING:  # the store is opened by the caller, only when a file is imported
    from rmp_desktop.storage.store import Store

log = logging.getLogger(__name__)


def import_staff_file(path: Path, open_store: Callable[[], Store],
                      parent: QWidget | None = None) -> tuple[bool, QDialog]:
    """Import `path`; returns whether it was imported and the (unopened) dialog that says so."""
    result = read_staff_file(path)
    if result.errors:
        return False, ImportProblemsDialog(path.name, result.errors, parent)
    from rmp_desktop.storage.staff_repo import ImportConflicts

    try:
        outcome = open_store().staff.import_rows(result.rows)
    except ImportConflicts as refused:
        return False, import_failed_box(path.name, str(refused), parent)
    except Exception as exc:  # a locked or unwritable store; the file is not at fault
        log.exception("importing a staff list failed")
        return False, import_failed_box(
            path.name, f"The store could not be written ({type(exc).__name__}); try again.",
            parent)
    return True, import_done_box(path.name, outcome.added, outcome.updated, outcome.unchanged,
                                 parent)


class ImportProblemsDialog(QDialog):
    """Lists every problem with its line number; nothing was imported."""

    def __init__(self, file_name: str, problems: Sequence[RowError],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Staff list not imported")
        count = len(problems)
        self.explanation = QLabel(
            f"Nothing was imported from {file_name}: "
            f"{'1 problem was' if count == 1 else f'{count:,} problems were'} found. "
            "Correct the file in your spreadsheet and import it again; the whole list is "
            "taken at once, so no one is added twice.")
        self.explanation.setWordWrap(True)
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setAccessibleName("Problems found in the staff list")
        self.problems.setPlainText("\n".join(_describe(p) for p in problems))
        self.problems.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        metrics = self.fontMetrics()
        self.problems.setMinimumSize(metrics.averageCharWidth() * 70,
                                     metrics.lineSpacing() * min(max(count, 4), 16))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAccessibleName("Close the list of problems")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.problems, 1)
        layout.addWidget(buttons)
        self.close_button.setFocus()

    def problem_lines(self) -> list[str]:
        return self.problems.toPlainText().splitlines()


def _describe(problem: RowError) -> str:
    return f"Line {problem.line}: {problem.reason}" if problem.line else problem.reason


def import_done_box(file_name: str, added: int, updated: int, unchanged: int,
                    parent: QWidget | None = None) -> QMessageBox:
    parts = [f"{added:,} added", f"{updated:,} updated", f"{unchanged:,} already up to date"]
    box = QMessageBox(QMessageBox.Icon.Information, "Staff list imported",
                      f"Imported {file_name}: " + ", ".join(parts) + ".",
                      QMessageBox.StandardButton.Ok, parent)
    box.setAccessibleName("Staff list imported")
    return box


def import_failed_box(file_name: str, reason: str, parent: QWidget | None = None) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Warning, "Staff list not imported",
                      f"Nothing was imported from {file_name}. {reason}",
                      QMessageBox.StandardButton.Ok, parent)
    box.setAccessibleName("Staff list not imported")
    return box
