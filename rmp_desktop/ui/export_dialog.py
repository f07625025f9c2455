"""Export one record as a PDF to a file the user chooses, and perhaps open it afterwards.

The dialog says before anything is written whether the copy will be final (signed
by both) or a draft, watermarked on every page. The folder last used and the
"open after export" choice are remembered in the settings INI file. The file
chooser and the opener are injectable, so tests never meet a native dialog.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
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

from rmp_desktop.domain.conversation import Status
from rmp_desktop.domain.dates import display_date, to_iso
from rmp_desktop.domain.record import short_fingerprint
from rmp_desktop.ui.dialog_fit import FittedDialog
from rmp_desktop.ui.field_message import field_with_message
from rmp_desktop.ui.widgets import TICK, WARNING_SIGN, scaled_font, wrapping_label

log = logging.getLogger(__name__)

ChooseFile = Callable[[QWidget, Path], "Path | None"]
OpenFile = Callable[[Path], bool]


class ExportSettings:
    """Where exports went last time, kept in the application's INI file (never personal data)."""

    FOLDER = "export/folder"
    BATCH_FOLDER = "export/batch_folder"
    OPEN_AFTER = "export/open_after"

    def __init__(self, path: Path):
        self._settings = QSettings(str(path), QSettings.Format.IniFormat)

    def folder(self, key: str = FOLDER) -> Path:
        """The folder last used for this kind of export, else the user's Documents folder."""
        value = self._settings.value(key, "")
        folder = Path(str(value)) if value else None
        return folder if folder is not None and folder.is_dir() else documents_folder()

    def set_folder(self, folder: Path, key: str = FOLDER) -> None:
        self._settings.setValue(key, str(folder))
        self._settings.sync()

    def open_after(self) -> bool:
        return bool(self._settings.value(self.OPEN_AFTER, False, type=bool))

    def set_open_after(self, value: bool) -> None:
        self._settings.setValue(self.OPEN_AFTER, bool(value))
        self._settings.sync()


def documents_folder() -> Path:
    """Where a person expects their documents: the system's Documents folder, else home."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(found) if found else Path.home()
    return folder if folder.is_dir() else Path.home()


def choose_save_path(parent: QWidget, suggested: Path) -> Path | None:
    path, _filter = QFileDialog.getSaveFileName(parent, "Export record as PDF", str(suggested),
                                                "PDF documents (*.pdf)")
    return Path(path) if path else None


def open_with_system(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def copy_words(status: Status, fingerprint: str | None, version: int) -> tuple[bool, str]:
    """Whether the export will be final, and what to tell the user about the copy."""
    if status is Status.SIGNED:
        return True, (f"{TICK} Final copy: signed by both, with both signatures and the "
                      f"fingerprint {short_fingerprint(fingerprint or '')} on every page.")
    if status is Status.SUPERSEDED:
        return True, (f"{TICK} Final copy of version {version}. This version has been replaced "
                      "by an amendment; the PDF is a true copy of the older version.")
    return False, (f"{WARNING_SIGN} Draft copy: this record is not signed by both yet, so "
                   "every page will be watermarked DRAFT. Only a record signed by both exports "
                   "as final.")


class ExportDialog(FittedDialog):
    exported = Signal(object)  # record_export.Exported

    def __init__(self, context, conversation_id: int, parent: QWidget | None = None, *,
                 choose_file: ChooseFile = choose_save_path,
                 open_file: OpenFile = open_with_system):
        super().__init__(parent)
        from rmp_desktop.export.record_export import file_name

        self.context = context
        self.conversation_id = conversation_id
        self._choose_file = choose_file
        self._open_file = open_file
        self.settings = ExportSettings(context.paths.settings)
        store = context.store()
        meta = store.conversations.get(conversation_id)
        member = store.staff.get(meta.person_id)
        person = member.display_name
        self.final, words = copy_words(meta.status, meta.fingerprint, meta.version)

        self.setWindowTitle(f"Export record — {person}")
        self.setAccessibleName("Export record")
        title = wrapping_label(f"Export {person}'s record as a PDF")
        title.setFont(scaled_font(title, 1.2))
        about = wrapping_label(f"{meta.kind.label}, held on {display_date(meta.held_on)}, version "
                               f"{meta.version}: {meta.status.label.lower()}.")
        self.copy_note = wrapping_label(words)
        self.copy_note.setAccessibleDescription("Kind of copy")

        path_label = QLabel("Save &as:")
        self.path = QLineEdit(str(self.settings.folder() / file_name(
            member.listed_name, meta.kind.value, to_iso(meta.held_on), meta.version, meta.uid)))
        self.path.setAccessibleName("Save as")
        self.path.setAccessibleDescription("The PDF file to write")
        path_label.setBuddy(self.path)
        self.choose_button = QPushButton("&Choose…")
        self.choose_button.setAccessibleName("Choose where to save the PDF")
        self.choose_button.setAutoDefault(False)
        path_box, self.path_error = field_with_message(self.path)
        row = QHBoxLayout()
        row.addWidget(path_box, 1)
        row.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignTop)
        self.open_after = QCheckBox("&Open the PDF after export")
        self.open_after.setAccessibleName("Open the PDF after export")
        self.open_after.setChecked(self.settings.open_after())

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            "&Export draft" if not self.final else "&Export",
            QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setAccessibleName(self.export_button.text().replace("&", ""))
        self.export_button.setAccessibleDescription("Writes the PDF")
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel export")
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        self.choose_button.clicked.connect(self.choose)
        self.path.textEdited.connect(self.path_error.clear_error)

        layout = QVBoxLayout(self)
        for widget in (title, about, self.copy_note, path_label):
            layout.addWidget(widget)
        layout.addLayout(row)
        layout.addWidget(self.open_after)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.path.setFocus(Qt.FocusReason.OtherFocusReason)
        self._replace_confirmed: Path | None = None
        self.replace_question: QMessageBox | None = None  # open while asking, for tests too

    def _problem(self, message: str) -> None:
        self.path_error.show_error(message)
        self.refit()

    def choose(self) -> None:
        chosen = self._choose_file(self, Path(self.path.text() or self.settings.folder()))
        if chosen:
            self.set_path(chosen)
            # The system's save dialog has already asked before an existing file is replaced.
            self._replace_confirmed = Path(self.path.text())

    def set_path(self, path: Path) -> None:
        path = Path(path)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        self.path.setText(str(path))
        self.path_error.clear_error()

    def export(self, *, overwrite: bool = False):
        """Write the PDF; the Exported result, or None with the problem shown beside the file.

        An earlier PDF record under the name is replaced only after a question (or the
        system save dialog's own); any other file there is never replaced."""
        from rmp_desktop.export.destination import AlreadyExists, DestinationRefused
        from rmp_desktop.export.record_export import ExportRefused, export_record

        text = self.path.text().strip()
        if not text:
            self._problem("Choose where to save the PDF.")
            return None
        out = Path(text).expanduser()
        if out.suffix.lower() != ".pdf":
            out = out.with_name(out.name + ".pdf")
        if out.is_dir():
            self._problem("That is a folder: add a file name ending in .pdf.")
            return None
        overwrite = overwrite or out == self._replace_confirmed
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            done = export_record(self.context.store(), self.conversation_id, out,
                                 final=self.final, overwrite=overwrite)
        except AlreadyExists:
            self._ask_to_replace(out)
            return None
        except (ExportRefused, DestinationRefused) as refused:
            self._problem(str(refused))
            return None
        except OSError as exc:
            self._problem(f"The file could not be written "
                                       f"({exc.strerror or type(exc).__name__}).")
            return None
        except Exception:
            log.exception("exporting conversation %s failed", self.conversation_id)
            self._problem("The PDF could not be made; the log has the details.")
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.settings.set_folder(out.parent)
        self.settings.set_open_after(self.open_after.isChecked())
        self.exported.emit(done)
        if self.open_after.isChecked() and not self._open_file(done.path):
            log.warning("the exported PDF could not be opened by the system")
        self.accept()
        return done

    def _ask_to_replace(self, out: Path) -> None:
        from rmp_desktop.ui.confirm import ask_to_confirm

        self.replace_question = ask_to_confirm(
            self, "Replace the PDF?", f"{out.name} is already in {out.parent}.", "&Replace",
            # After the question has closed, not inside its signal: export() closes this dialog.
            lambda: QTimer.singleShot(0, lambda: self.export(overwrite=True)),
            details="It is an earlier PDF record from this application. Replace it with this "
                    "copy, or cancel and choose another name.")
