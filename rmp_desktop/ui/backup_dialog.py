"""File > Back up now: a checked copy of the store, into the backups folder or a file the user
chooses (a USB stick, a folder their organisation backs up).

The backups folder is the data folder's own, kept and thinned by the application; a copy kept
somewhere else as well is what survives a lost laptop. A chosen file goes through
export.destination like every user-named file (never inside the data folder, never over a file
that is not one of our backups, an earlier backup replaced only after a question), and the copy
is made and checked off the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from rmp_desktop.ui.confirm import ask_to_confirm
from rmp_desktop.ui.dialog_fit import FittedDialog
from rmp_desktop.ui.export_dialog import ExportSettings
from rmp_desktop.ui.field_message import field_with_message
from rmp_desktop.ui.operations import BackgroundRunner, Task
from rmp_desktop.ui.widgets import heading, wrapping_label

log = logging.getLogger(__name__)

BACKUP_FOLDER = "backup/folder"  # where the last chosen backup file went (settings INI key)
FILTER = "Backups (*.sqlite3);;All files (*)"

ChooseFile = Callable[[QWidget, Path], "Path | None"]


def choose_backup_file(parent: QWidget, suggested: Path) -> Path | None:
    path, _filter = QFileDialog.getSaveFileName(parent, "Back up to a file", str(suggested),
                                                FILTER)
    return Path(path) if path else None


class BackupDialog(FittedDialog):
    """`backedUp(BackupInfo)` once the copy is made and checked; the dialog then closes."""

    backedUp = Signal(object)

    def __init__(self, context, parent: QWidget | None = None, *,
                 choose: ChooseFile = choose_backup_file,
                 into_folder: Callable[[], bool] | None = None):
        super().__init__(parent, chars=80, min_chars=56)
        self.context = context
        self._choose = choose
        self._into_folder = into_folder  # the window's scheduler, which also thins the folder
        self.settings = ExportSettings(context.paths.settings)
        self.replace_question: QMessageBox | None = None
        self._runner = BackgroundRunner(self)
        self._busy = False

        self.setWindowTitle("Back up now")
        self.setAccessibleName("Back up now")
        explain = wrapping_label(
            "A checked copy of everything in the application. The application keeps copies in "
            "its own backups folder; keep one somewhere else as well, such as a USB stick or a "
            "folder your organisation backs up, so a lost or broken laptop loses nothing.")
        self.to_folder = QRadioButton("Into the application's backups f&older")
        self.to_folder.setAccessibleName("Into the application's backups folder")
        self.to_file = QRadioButton("To a &file I choose:")
        self.to_file.setAccessibleName("To a file I choose")
        self.where = QButtonGroup(self)
        self.where.addButton(self.to_folder)
        self.where.addButton(self.to_file)
        self.to_folder.setChecked(True)
        folder_note = wrapping_label(f"{context.paths.backups}")
        folder_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        folder_note.setContentsMargins(self.fontMetrics().averageCharWidth() * 4, 0, 0, 0)

        suggested = self.settings.folder(BACKUP_FOLDER) / (
            f"rmp-desktop-backup-{date.today().isoformat()}.sqlite3")
        self.path = QLineEdit(str(suggested))
        self.path.setAccessibleName("Backup file to write")
        path_box, self.path_error = field_with_message(self.path)
        self.choose_button = QPushButton("C&hoose…")
        self.choose_button.setAccessibleName("Choose where to save the backup")
        self.choose_button.setAutoDefault(False)
        row = QHBoxLayout()
        row.setContentsMargins(self.fontMetrics().averageCharWidth() * 4, 0, 0, 0)
        row.addWidget(path_box, 1)
        row.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignTop)
        self.status = wrapping_label()
        self.status.hide()

        self.buttons = QDialogButtonBox()
        self.back_up_button = self.buttons.addButton("&Back up",
                                                     QDialogButtonBox.ButtonRole.AcceptRole)
        self.back_up_button.setAccessibleName("Back up")
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")
        self.buttons.accepted.connect(self.back_up)
        self.buttons.rejected.connect(self.reject)
        self.choose_button.clicked.connect(self._choose_path)
        self.path.textEdited.connect(lambda _text: self.to_file.setChecked(True))
        self.path.textEdited.connect(self.path_error.clear_error)
        self.where.buttonToggled.connect(lambda _button, _on: self._show_choice())

        layout = QVBoxLayout(self)
        layout.addWidget(heading("Back up now", 1.2))
        layout.addWidget(explain)
        layout.addWidget(self.to_folder)
        layout.addWidget(folder_note)
        layout.addWidget(self.to_file)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._show_choice()
        self.to_folder.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_choice(self) -> None:
        chosen = self.to_file.isChecked()
        self.path.setEnabled(chosen)
        self.choose_button.setEnabled(chosen)
        if not chosen:
            self.path_error.clear_error()

    def _choose_path(self) -> None:
        chosen = self._choose(self, Path(self.path.text()))
        if chosen is not None:
            if chosen.suffix.lower() != ".sqlite3":
                chosen = chosen.with_name(chosen.name + ".sqlite3")
            self.path.setText(str(chosen))
            self.path_error.clear_error()

    # -- backing up ----------------------------------------------------------------------------

    def back_up(self) -> bool:
        """Start the copy (or ask first whether to replace an earlier backup); True if started."""
        if self._busy:
            return False
        if self.to_folder.isChecked():
            if self._into_folder is not None:
                self._into_folder()
                self.accept()
                return True
            return self._start(None, overwrite=False)
        from rmp_desktop.export.destination import (
            BACKUP,
            AlreadyExists,
            DestinationRefused,
            Protected,
            check_destination,
        )

        text = self.path.text().strip()
        if not text:
            return self._problem("Choose the file to back up to.")
        target = Path(text).expanduser()
        if target.is_dir():
            return self._problem("That is a folder: add a file name, such as "
                                 "rmp-desktop-backup.sqlite3.")
        try:
            checked = check_destination(target, BACKUP,
                                        protect=Protected.for_store(self.context.paths.store))
        except AlreadyExists:
            self.replace_question = ask_to_confirm(
                self, "Replace the backup?", f"{target.name} already exists in that folder.",
                "&Replace", lambda: self._start(target, overwrite=True),
                details="It is an earlier backup from this application. Replace it with a new "
                        "one, or cancel and choose another name.")
            return False
        except DestinationRefused as refused:
            return self._problem(str(refused).replace(" with --overwrite", ""))
        return self._start(checked, overwrite=False)

    def _start(self, target: Path | None, *, overwrite: bool) -> bool:
        paths = self.context.paths

        def copy(_task: Task):
            from rmp_desktop.storage.backup import make_backup

            return make_backup(paths.store, paths.backups, reason="manual", target=target,
                               replace=overwrite)

        self._busy = True
        self.back_up_button.setEnabled(False)
        self.status.setText("Backing up and checking the copy…")
        self.status.show()
        self.refit()
        self._runner.run(copy, on_success=lambda info: self._done(info, target),
                         on_failure=self._failed)
        return True

    def _done(self, info, target: Path | None) -> None:
        self._busy = False
        if target is not None:
            self.settings.set_folder(target.parent, BACKUP_FOLDER)
        self.backedUp.emit(info)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        from rmp_desktop.storage.errors import BackupError

        self._busy = False
        self.back_up_button.setEnabled(True)
        self.status.hide()
        if not isinstance(error, BackupError):
            log.warning("backup to a chosen file failed: %s", type(error).__name__)
        self._problem(str(error) if isinstance(error, BackupError)
                      else "The backup could not be made; the log has the details.")

    def _problem(self, message: str) -> bool:
        self.to_file.setChecked(True)
        self.path_error.show_error(message)
        self.path.setFocus(Qt.FocusReason.OtherFocusReason)
        self.refit()
        return False

    def reject(self) -> None:
        if self._busy:  # the copy in hand is finished and reported, never left half-said
            return
        super().reject()

    def done(self, result: int) -> None:
        self._runner.wait()
        super().done(result)
