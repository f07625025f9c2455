"""What the window says after a staff list import: every bad row, or what changed."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from rmp_desktop.domain.staff_import import RowError


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
