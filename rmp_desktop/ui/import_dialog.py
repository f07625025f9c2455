"""Importing a staff list from the window: read off the GUI thread, preview, then import on request.

The dialog opens at once and reads the file on a worker (ui.operations), with a
progress bar for a large list and Cancel. Then it shows either every problem
(nothing can be imported until the file is corrected) or a preview of what would
change: who is added, who is updated in which details, which rows conflict with
the people already there (they are left out), and how many are already up to
date. Nothing is written until Import is pressed; the import is one transaction,
made again from the file and checked against the preview, so a store that changed
meanwhile is noticed and the preview shown anew instead of a surprise.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QPlainTextEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from rmp_desktop.ui.accessibility import announce
from rmp_desktop.ui.dialog_fit import FittedDialog
from rmp_desktop.ui.operations import BackgroundRunner, Task
from rmp_desktop.ui.widgets import TICK, WARNING_SIGN, scaled_font, wrapping_label

if TYPE_CHECKING:  # the caller opens the store; SQLAlchemy loads with it
    from rmp_desktop.domain.staff_import import ParsedStaffList
    from rmp_desktop.domain.staff_import_plan import ImportPlan
    from rmp_desktop.storage.store import Store

log = logging.getLogger(__name__)

PREVIEW_LINES = 1000  # per section: a 100,000-row list still opens at once


class _Stopped(Exception):
    """The user cancelled the read."""


class StaffImportDialog(FittedDialog):
    """One staff list file, from reading to imported (or not), in one window."""

    previewShown = Signal()  # the preview, the problems, or "nothing to change" is on screen
    imported = Signal(object)  # storage.staff_repo.ImportOutcome

    def __init__(self, path: Path, store: Store, parent: QWidget | None = None):
        super().__init__(parent, chars=100)
        self.path = Path(path)
        self._store = store
        self._runner = BackgroundRunner(self, name="staff-import")
        self._task: Task | None = None
        self.parsed: ParsedStaffList | None = None  # once read
        self.plan: ImportPlan | None = None  # once previewed
        self.outcome = None
        self._after_next_preview = ""  # why the preview was made again, said above it

        self.setWindowTitle(f"Import staff list — {self.path.name}")
        self.setAccessibleName("Import staff list")
        self.title = wrapping_label(f"Import {self.path.name}")
        self.title.setFont(scaled_font(self.title, 1.2))
        self.status = wrapping_label(selectable=True)
        self.status.setAccessibleDescription("Import status")
        self.bar = QProgressBar()
        self.bar.setAccessibleName("Reading progress")
        self.bar.setFormat("%p%")
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.details.setAccessibleName("What the import will change")
        metrics = self.fontMetrics()
        self.details.setMinimumHeight(metrics.lineSpacing() * 14)
        self.details.hide()

        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton("&Import",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setAccessibleName("Import")
        self.import_button.hide()
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button.setAccessibleName("Cancel")
        self.import_button.clicked.connect(self.start_import)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addWidget(self.bar)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)
        self._read()

    # -- reading and the preview -----------------------------------------------------------------

    def _read(self) -> None:
        path, store = self.path, self._store
        self._set_status(f"Reading {path.name}…")
        self.bar.setRange(0, 0)
        self.bar.show()

        def work(task: Task):
            from rmp_desktop.domain.staff_import import read_staff_file

            def progress(done: int, total: int) -> None:
                if task.cancelled:
                    raise _Stopped
                task.progress(done, total)

            parsed = read_staff_file(path, progress)
            if not parsed.ok:
                return parsed, None
            if task.cancelled:
                raise _Stopped
            return parsed, store.staff.preview_import(parsed.rows)

        self._task = self._runner.run(work, on_success=self._show_preview,
                                      on_failure=self._read_failed, on_progress=self._progress)

    def _progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(min(done, total))
        self._set_status(f"Reading {self.path.name}… line {done:,} of {total:,}.")

    def _show_preview(self, found: tuple[ParsedStaffList, ImportPlan | None]) -> None:
        from rmp_desktop.domain.staff_import_plan import describe

        parsed, plan = self.parsed, self.plan = found
        self.bar.hide()
        if plan is None:
            count = len(parsed.errors)
            self._set_status(
                f"{WARNING_SIGN} Nothing can be imported from {self.path.name}: "
                f"{'1 problem was' if count == 1 else f'{count:,} problems were'} found. Correct "
                "the file in your spreadsheet and import it again; the whole list is taken at "
                "once, so nobody is added twice.")
            self._show_details("Problems found in the staff list",
                               [_line(str(e)) for e in parsed.errors] + _notes(parsed.notes))
            self._finish("&Close")
        elif not plan.changes_anything and not plan.conflicts:
            self._set_status(f"{TICK} Everyone in {self.path.name} is already up to date "
                             f"({len(plan.unchanged):,} people): there is nothing to import.")
            self._show_details("About the file", _notes(parsed.notes))
            self._finish("&Close")
        else:
            read = (f"Read {len(parsed.rows):,} "
                    f"{'person' if len(parsed.rows) == 1 else 'people'} from {self.path.name} "
                    f"({parsed.encoding_name}). Nothing is written until you choose Import.")
            conflicts = ("" if not plan.conflicts else
                         f" {WARNING_SIGN} Rows that conflict with people already in the "
                         "application are left out; correct them and import again later.")
            self._set_status(f"{read}{conflicts}")
            self._show_details("What the import will change",
                               describe(plan, limit=PREVIEW_LINES) + _notes(parsed.notes))
            self._offer_import(plan)
        self.previewShown.emit()

    def _offer_import(self, plan) -> None:
        changes = len(plan.additions) + len(plan.updates)
        label = f"&Import {changes:,} change{'s' if changes != 1 else ''}"
        self.import_button.setText(label)
        self.import_button.setAccessibleName(label.replace("&", ""))
        self.import_button.setVisible(plan.changes_anything)
        self.import_button.setEnabled(plan.changes_anything)
        self.import_button.setDefault(plan.changes_anything)
        self.close_button.setText("Cancel")
        self.close_button.setAccessibleName("Cancel")
        if plan.changes_anything:
            self.import_button.setFocus()
        self.refit()

    def _read_failed(self, error: BaseException) -> None:
        self.bar.hide()
        if isinstance(error, _Stopped):
            return
        from rmp_desktop.storage.safety import describe_storage_error

        log.error("reading a staff list failed", exc_info=error)
        self._set_status(f"{WARNING_SIGN} The staff list could not be compared with the "
                         f"application's people. {describe_storage_error(error)}")
        self._finish("&Close")
        self.previewShown.emit()

    # -- importing -------------------------------------------------------------------------------

    def start_import(self) -> None:
        if (self.parsed is None or self.plan is None or not self.plan.changes_anything
                or self._runner.busy):
            return
        rows, plan, store = self.parsed.rows, self.plan, self._store
        self.import_button.setEnabled(False)
        self.close_button.setEnabled(False)
        self.bar.setRange(0, 0)  # one transaction: no steps to count
        self.bar.setAccessibleName("Import progress")
        self.bar.show()
        self._set_status(f"Importing {self.path.name}…")

        def work(_task: Task):
            return store.staff.import_rows(rows, expected=plan, leave_out_conflicts=True)

        self._runner.run(work, on_success=self._imported, on_failure=self._import_failed)

    def _imported(self, outcome) -> None:
        self.outcome = outcome
        self.bar.hide()
        parts = [f"{outcome.added:,} added", f"{outcome.updated:,} updated",
                 f"{outcome.unchanged:,} already up to date"]
        if outcome.left_out:
            parts.append(f"{outcome.left_out:,} conflicting row{'s' if outcome.left_out != 1 else ''}"
                         " left out")
        self._set_status(f"{TICK} Imported {self.path.name}: " + ", ".join(parts) + ".")
        self.import_button.hide()
        self.details.setAccessibleName("What was imported")
        self._finish("&Close")
        self.imported.emit(outcome)

    def _import_failed(self, error: BaseException) -> None:
        from rmp_desktop.storage.errors import PeopleChanged

        self.bar.hide()
        self.close_button.setEnabled(True)
        if isinstance(error, PeopleChanged):
            # Look again: the preview the user accepted no longer describes the store.
            self.import_button.hide()
            self._read()
            self._after_next_preview = str(error)
            self.previewShown.connect(self._say_changed)
            return
        from rmp_desktop.storage.safety import describe_storage_error

        log.error("importing a staff list failed", exc_info=error)
        self._set_status(f"{WARNING_SIGN} Nothing was imported. {describe_storage_error(error)}")
        self.import_button.setEnabled(True)

    def _say_changed(self) -> None:
        self.previewShown.disconnect(self._say_changed)
        self._set_status(f"{WARNING_SIGN} {self._after_next_preview} {self.status.text()}")

    # -- the dialog ------------------------------------------------------------------------------

    def reject(self) -> None:
        if self._runner.busy and self.parsed is not None:
            return  # the import itself: one transaction, it finishes (Cancel is disabled)
        if self._task is not None and not self._task.settled:
            self._task.cancel()  # the read stops at its next progress report; nothing shown
        super().reject()

    def _set_status(self, text: str) -> None:
        self.status.setText(text)
        self.refit()
        # Reading, the preview and the import each end here; the keyboard is on a button.
        announce(self.status, text, assertive=text.startswith(WARNING_SIGN))

    def _show_details(self, name: str, lines: list[str]) -> None:
        self.details.setAccessibleName(name)
        self.details.setPlainText("\n".join(lines))
        self.details.setVisible(bool(lines))
        self.refit()

    def _finish(self, label: str) -> None:
        self.close_button.setText(label)
        self.close_button.setAccessibleName(label.replace("&", ""))
        self.close_button.setEnabled(True)
        self.close_button.setFocus()
        self.refit()

    def detail_lines(self) -> list[str]:
        return self.details.toPlainText().splitlines()


def _line(text: str) -> str:
    return text[:1].upper() + text[1:]


def _notes(notes: list[str]) -> list[str]:
    return ([] if not notes else ["", "Notes:"] + [f"  {note}" for note in notes])
