"""Say what a file will carry, choose where it goes, then write it: one dialog for every file
the exchange hands over (a preparation, a sheet, a form, a copy of a record).

What is written is worked out only when the user saves (`produce`), so it is what the store
holds at that moment. Every rule of export.destination is checked before anything is asked:
a file of ours already there is replaced only after a question, any other file never; the
writing itself goes through export.exchange_files (never inside the data folder, never half
a file). The file chooser is injectable, so tests never meet a native dialog.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rmp_desktop.export.destination import (
    OUR_FILE,
    AlreadyExists,
    DestinationRefused,
    Protected,
    check_destination,
)
from rmp_desktop.ui.confirm import ask_to_confirm
from rmp_desktop.ui.dialog_fit import FittedDialog
from rmp_desktop.ui.export_dialog import ExportSettings
from rmp_desktop.ui.field_message import field_with_message
from rmp_desktop.ui.widgets import heading, wrapping_label

log = logging.getLogger(__name__)

ChooseFile = Callable[[QWidget, Path, str], "Path | None"]
# (path chosen, options ticked) -> every file to write, the first being the one chosen
Produce = Callable[[Path, dict[str, bool]], list[tuple[Path, bytes]]]


def choose_save_path(parent: QWidget, suggested: Path, file_filter: str) -> Path | None:
    path, _filter = QFileDialog.getSaveFileName(parent, parent.windowTitle(), str(suggested),
                                                file_filter)
    return Path(path) if path else None


class SaveFileDialog(FittedDialog):
    saved = Signal(list)  # the paths written

    def __init__(self, context, *, title: str, headline: str, lines: Sequence[str],
                 file_name: str, file_filter: str, produce: Produce, save_text: str = "&Save",
                 options: Sequence[tuple[str, str, bool]] = (),
                 parent: QWidget | None = None, choose: ChooseFile = choose_save_path):
        super().__init__(parent)
        self.context = context
        self._produce = produce
        self._choose = choose
        self._filter = file_filter
        self._suffix = Path(file_name).suffix
        self.settings = ExportSettings(context.paths.settings)
        self.written: list[Path] = []
        self.replace_question: QMessageBox | None = None  # the "replace it?" question, once asked
        self._protect = Protected.for_store(context.paths.store)

        self.setWindowTitle(title)
        self.setAccessibleName(title)
        top = heading(headline, 1.2)
        self.carries = wrapping_label("\n".join(f"• {line}" for line in lines),
                                      selectable=True)
        self.carries.setAccessibleDescription("What the file carries")
        self.option_boxes: dict[str, QCheckBox] = {}
        path_label = QLabel("Save &as:")
        self.path = QLineEdit(str(self.settings.folder() / file_name))
        self.path.setAccessibleName("Save as")
        path_label.setBuddy(self.path)
        path_box, self.path_error = field_with_message(self.path)
        self.choose_button = QPushButton("C&hoose…")
        self.choose_button.setAccessibleName("Choose where to save")
        self.choose_button.setAutoDefault(False)
        row = QHBoxLayout()
        row.addWidget(path_box, 1)
        row.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignTop)

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(save_text,
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setAccessibleName(save_text.replace("&", "").rstrip("…"))
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.choose_button.clicked.connect(self._choose_path)
        self.path.textEdited.connect(self.path_error.clear_error)

        layout = QVBoxLayout(self)
        layout.addWidget(top)
        layout.addWidget(self.carries)
        for key, text, default in options:
            box = QCheckBox(text)
            box.setAccessibleName(text.replace("&", ""))
            box.setChecked(default)
            self.option_boxes[key] = box
            layout.addWidget(box)
        layout.addWidget(path_label)
        layout.addLayout(row)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.path.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- choosing ------------------------------------------------------------------------------

    def _choose_path(self) -> None:
        chosen = self._choose(self, Path(self.path.text() or self.settings.folder()),
                              self._filter)
        if chosen:
            self.set_path(chosen)

    def set_path(self, path: Path) -> None:
        self.path.setText(str(self._with_suffix(Path(path))))
        self.path_error.clear_error()

    def _with_suffix(self, path: Path) -> Path:
        if self._suffix and path.suffix.lower() != self._suffix.lower():
            return path.with_name(path.name + self._suffix)
        return path

    def options(self) -> dict[str, bool]:
        return {key: box.isChecked() for key, box in self.option_boxes.items()}

    # -- writing -------------------------------------------------------------------------------

    def save(self) -> bool:
        """Write the files, or ask first whether to replace one that exists; True if written."""
        text = self.path.text().strip()
        if not text:
            return self._problem("Choose where to save the file.")
        out = self._with_suffix(Path(text).expanduser())
        if out.is_dir():
            return self._problem("That is a folder: add a file name.")
        try:
            files = self._produce(out, self.options())
        except Exception as exc:  # noqa: BLE001 - every refusal is a message here
            from rmp_desktop.domain.exchange_json import ExchangeRefused

            if not isinstance(exc, ExchangeRefused | LookupError | ValueError):
                log.exception("making a file to save failed")
                return self._problem("The file could not be made; the log has the details.")
            return self._problem(f"Nothing was written. {exc}".strip("'\""))
        existing = []
        for path, _data in files:  # every rule of export.destination, before any question
            try:
                check_destination(path, OUR_FILE, protect=self._protect)
            except AlreadyExists:
                existing.append(path)
            except DestinationRefused as refused:
                return self._problem(str(refused))
        if existing:
            names = ", ".join(p.name for p in existing)
            self.replace_question = ask_to_confirm(
                self, "Replace the file?", f"{names} already exist{'s' if len(existing) == 1 else ''}"
                " in that folder.", "&Replace",
                # After the question has closed, not inside its signal: writing closes this dialog.
                lambda: QTimer.singleShot(0, lambda: self._write(files, overwrite=True)),
                details="It is an earlier file from this application. Replace it with the new "
                        "one, or cancel and choose another name.")
            return False
        return self._write(files, overwrite=False)

    def _write(self, files: list[tuple[Path, bytes]], *, overwrite: bool) -> bool:
        from rmp_desktop.export.exchange_files import FileRefused, write_file

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        written = []
        try:
            for path, data in files:
                written.append(write_file(path, data, overwrite=overwrite,
                                          data_dir=self.context.paths.data_dir))
        except FileRefused as exc:
            return self._problem(str(exc).replace(" (--overwrite)", ""))
        except OSError as exc:
            return self._problem(f"The file could not be written "
                                 f"({exc.strerror or type(exc).__name__}).")
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.written = written
        self.settings.set_folder(written[0].parent)
        self.saved.emit(written)
        self.accept()
        return True

    def _problem(self, message: str) -> bool:
        self.path_error.show_error(message)
        self.refit()
        return False
