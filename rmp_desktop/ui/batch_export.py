"""Export every signed record of the team to a folder, off the GUI thread, with Cancel.

The batch runs `export_all_signed` off the GUI thread (ui.operations), reading
the store with its own plain connection (sqlite3 or psycopg); progress and the result come back
on the GUI thread. Cancel is checked before each record, so it stops after the one in
hand. A record that fails is listed at the end with the reason in plain words;
the others are exported all the same.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rmp_desktop.domain.conversation import Status
from rmp_desktop.domain.dates import display_date
from rmp_desktop.domain.record import short_uid
from rmp_desktop.ui.accessibility import announce
from rmp_desktop.ui.dialog_fit import FittedDialog
from rmp_desktop.ui.export_dialog import ExportSettings
from rmp_desktop.ui.field_message import field_with_message
from rmp_desktop.ui.operations import BackgroundRunner, Task
from rmp_desktop.ui.widgets import TICK, WARNING_SIGN, scaled_font, wrapping_label

log = logging.getLogger(__name__)

ChooseFolder = Callable[[QWidget, Path], "Path | None"]
OpenFolder = Callable[[Path], bool]


def could_not_start(error: BaseException):
    """The folder or the store itself failed: nothing could be exported, said as a result."""
    from rmp_desktop.export.destination import DestinationRefused
    from rmp_desktop.export.record_export import BatchResult

    result = BatchResult()
    if isinstance(error, DestinationRefused):  # a folder of the store's own: said as it is
        result.failed.append(("", str(error)))
        return result
    reason = getattr(error, "strerror", None) or type(error).__name__
    result.failed.append(("", f"the export could not start ({reason})"))
    return result


class BatchExport(QObject):
    """One batch at a time off the GUI thread: `start()`, `progress(done, total)`,
    `finished(result)`."""

    progress = Signal(int, int)
    finished = Signal(object)  # record_export.BatchResult

    def __init__(self, store, parent: QObject | None = None):
        """`store`: the store's location (a StoreLocation or a SQLite path)."""
        super().__init__(parent)
        self._path = store
        self._runner = BackgroundRunner(self, name="batch-export")
        self._task: Task | None = None
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop_and_wait)

    def start(self, folder: Path, ids: list[int] | None = None, *,
              overwrite: bool = False) -> None:
        if self.is_running():
            raise RuntimeError("a batch export is already running")
        store_path, folder = self._path, Path(folder)

        def work(task: Task):
            from rmp_desktop.export.record_export import export_all_signed

            # One record's failure is in the result; the rest are exported all the same.
            return export_all_signed(store_path, folder, ids=ids, progress=task.progress,
                                     should_stop=lambda: task.cancelled, overwrite=overwrite)

        self._task = self._runner.run(work, on_success=self.finished.emit,
                                      on_failure=self._failed, on_progress=self.progress.emit)

    def cancel(self) -> None:
        """Stop before the next record; the one being written is finished first."""
        if self._task is not None:
            self._task.cancel()

    def is_running(self) -> bool:
        return self._runner.busy

    def stop_and_wait(self) -> None:
        self.cancel()
        self._runner.wait()

    def _failed(self, error: BaseException) -> None:
        log.error("the batch export could not start", exc_info=error)
        self.finished.emit(could_not_start(error))


def choose_folder(parent: QWidget, start: Path) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, "Export signed records to", str(start))
    return Path(chosen) if chosen else None


def open_folder(folder: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class BatchExportDialog(FittedDialog):
    exportFinished = Signal(object)  # record_export.BatchResult, once shown

    def __init__(self, context, parent: QWidget | None = None, *, ids: list[int] | None = None,
                 choose: ChooseFolder = choose_folder, open_folder: OpenFolder = open_folder):
        super().__init__(parent)
        self.context = context
        self._ids = ids
        self._choose = choose
        self._open_folder = open_folder
        self._close_when_done = False
        self.last_result = None
        self.replace_question: QMessageBox | None = None  # open while asking whether to replace earlier PDFs
        self.settings = ExportSettings(context.paths.settings)
        self.runner = BatchExport(context.paths.location, self)
        self.runner.progress.connect(self._progress)
        self.runner.finished.connect(self._finished)
        self.count = self._count()

        self.setWindowTitle("Export all signed records")
        self.setAccessibleName("Export all signed records")
        title = wrapping_label("Export all signed records")
        title.setFont(scaled_font(title, 1.2))
        plural = "record" if self.count == 1 else "records"
        self.intro = intro = wrapping_label(
            f"{self.count} {plural} signed by both will be exported as final PDFs, one file "
            "each, into the folder you choose. Drafts, records awaiting a signature and "
            "replaced versions are left out. A PDF already there is replaced only if you "
            "say so, and any other file is never replaced.")
        folder_label = QLabel("&Folder:")
        self.folder = QLineEdit(str(self.settings.folder(ExportSettings.BATCH_FOLDER)))
        self.folder.setAccessibleName("Folder to export to")
        folder_label.setBuddy(self.folder)
        folder_box, self.folder_error = field_with_message(self.folder)
        self.choose_button = QPushButton("&Choose…")
        self.choose_button.setAccessibleName("Choose the folder to export to")
        self.choose_button.setAutoDefault(False)
        row = QHBoxLayout()
        row.addWidget(folder_box, 1)
        row.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignTop)

        self.bar = QProgressBar()
        self.bar.setAccessibleName("Export progress")
        self.bar.setRange(0, max(1, self.count))
        self.bar.setValue(0)
        self.bar.setFormat("%v of %m")
        self.bar.hide()
        self.status = wrapping_label()
        self.status.setAccessibleDescription("Export status")
        self.failures = QListWidget()
        self.failures.setAccessibleName("Records that could not be exported")
        self.failures.setWordWrap(True)
        self.failures.setMinimumHeight(self.fontMetrics().height() * 5)
        self.failures.hide()

        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton("&Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.start_button.setAccessibleName("Export")
        self.start_button.setAccessibleDescription("Starts exporting")
        self.start_button.setEnabled(self.count > 0)
        self.open_button = self.buttons.addButton("&Open folder",
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setAccessibleName("Open folder")
        self.open_button.setAccessibleDescription("Opens the folder exported to")
        self.open_button.hide()
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAccessibleName("Cancel")
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.reject)
        self.open_button.clicked.connect(lambda: self._open_folder(self._target()))
        self.choose_button.clicked.connect(self._choose_folder)
        self.folder.textEdited.connect(self.folder_error.clear_error)

        layout = QVBoxLayout(self)
        for widget in (title, intro, folder_label):
            layout.addWidget(widget)
        layout.addLayout(row)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addWidget(self.failures, 1)
        layout.addWidget(self.buttons)
        if self.count == 0:
            self.status.setText("There are no records signed by both to export yet.")

    def _problem(self, message: str) -> None:
        self.folder_error.show_error(message)
        self.refit()

    def _count(self) -> int:
        if self._ids is not None:
            return len(self._ids)
        return sum(1 for m in self.context.store().conversations.all()
                   if m.status is Status.SIGNED)

    def _target(self) -> Path:
        return Path(self.folder.text().strip()).expanduser()

    def _choose_folder(self) -> None:
        chosen = self._choose(self, self._target())
        if chosen:
            self.set_folder(chosen)

    def set_folder(self, folder: Path) -> None:
        self.folder.setText(str(folder))
        self.folder_error.clear_error()

    # -- running ---------------------------------------------------------------------------------

    def start(self, *, ids: list[int] | None = None, overwrite: bool = False) -> bool:
        """Export into the folder: every record of the dialog, or only `ids` (a second run
        that replaces the earlier PDFs the first one found)."""
        if self.runner.is_running():
            return False
        if not self.folder.text().strip():
            self._problem("Choose a folder to export to.")
            return False
        folder = self._target()
        if folder.exists() and not folder.is_dir():
            self._problem("That is a file, not a folder.")
            return False
        self.settings.set_folder(folder, ExportSettings.BATCH_FOLDER)
        for widget in (self.folder, self.choose_button, self.start_button):
            widget.setEnabled(False)
        self.failures.clear()
        self.failures.hide()
        self.open_button.hide()
        self.bar.setValue(0)
        self.bar.show()
        self.cancel_button.setText("&Cancel export")
        self.cancel_button.setAccessibleName("Cancel the export")
        total = self.count if ids is None else len(ids)
        self.bar.setRange(0, max(1, total))
        self.status.setText(f"Exporting… 0 of {total} done.")
        self.runner.start(folder, self._ids if ids is None else ids, overwrite=overwrite)
        self.refit()
        return True

    def reject(self) -> None:
        if self.runner.is_running():
            # Stop after the record in hand; the dialog closes itself once the thread ends.
            self.runner.cancel()
            self._close_when_done = True
            self.cancel_button.setEnabled(False)
            self.status.setText("Stopping after the record being written…")
            return
        super().reject()

    def _progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(done)
        self.status.setText(f"Exporting… {done} of {total} done.")

    def _finished(self, result) -> None:
        self.last_result = result
        self.bar.setValue(len(result.exported) + len(result.unchanged) + len(result.existing)
                          + len(result.failed))
        folder = self._target()
        done = len(result.exported)
        words = [f"{TICK} Exported {done} record{'s' if done != 1 else ''} to {folder}."]
        if result.unchanged:
            count = len(result.unchanged)
            words.append("1 was already there, byte for byte, and left as it is." if count == 1
                         else f"{count} were already there, byte for byte, and left as they are.")
        if result.existing:
            count = len(result.existing)
            words.append(f"{WARNING_SIGN} " + (
                "1 earlier PDF with different content was kept as it is, until you say to "
                "replace it." if count == 1 else
                f"{count} earlier PDFs with different content were kept as they are, until you "
                "say to replace them."))
        if result.cancelled:
            words.append("Stopped when you cancelled: the rest were not exported.")
        if result.failed:
            count = len(result.failed)
            words.append(f"{WARNING_SIGN} {count} record{'s' if count != 1 else ''} could not "
                         "be exported; the others were. See the list below.")
        self.status.setText(" ".join(words))
        for uid, message in result.failed:
            self.failures.addItem(f"{WARNING_SIGN} {self._describe(uid)}: {message}")
        self.failures.setVisible(bool(result.failed))
        self.open_button.setVisible(done + len(result.unchanged) > 0)
        self.cancel_button.setText("&Close")
        self.cancel_button.setAccessibleName("Close")
        self.cancel_button.setEnabled(True)
        for widget in (self.folder, self.choose_button):
            widget.setEnabled(True)
        self.start_button.setEnabled(self.count > 0)
        self.start_button.setText("&Export again")
        self.start_button.setAccessibleName("Export again")
        self.refit()
        announce(self.status, self.status.text(), assertive=bool(result.failed))
        self.exportFinished.emit(result)
        if self._close_when_done:
            super().reject()
        elif result.existing:
            self._ask_to_replace([cid for cid, _uid, _path in result.existing])

    def _ask_to_replace(self, ids: list[int]) -> None:
        from rmp_desktop.ui.confirm import ask_to_confirm

        count = len(ids)
        self.replace_question = ask_to_confirm(
            self, "Replace earlier PDFs?",
            f"{count} of these records {'has' if count == 1 else 'have'} an earlier PDF in "
            f"{self._target()} under the same name, with different content.",
            f"&Replace {count}", lambda: self.start(ids=ids, overwrite=True),
            details=("It was exported before, perhaps by an older version of the application, "
                     "or changed since. Replace it with a fresh copy, or cancel to keep it as it "
                     "is." if count == 1 else
                     "They were exported before, perhaps by an older version of the "
                     "application, or changed since. Replace them with fresh copies, or cancel "
                     "to keep them as they are."))

    def _describe(self, uid: str) -> str:
        """Whose record failed, in words; never what it says."""
        if not uid:
            return "The export"
        try:
            store = self.context.store()
            meta = store.conversations.by_uid(uid)
            person = store.staff.get(meta.person_id).display_name
            return (f"{person}'s {meta.kind.label.lower()} of {display_date(meta.held_on)} "
                    f"(record {short_uid(uid)})")
        except Exception:
            return f"Record {short_uid(uid)}"

    def failure_lines(self) -> list[str]:
        return [self.failures.item(i).text() for i in range(self.failures.count())]
