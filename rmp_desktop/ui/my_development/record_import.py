"""Take in my copy of a signed record, and say in words whether it is genuine.

The file is read and checked whole (domain.record_copy recomputes every version's
fingerprint) before anything touches the store; a copy that is not genuine is refused and
nothing is written. A copy for someone this store knows only by name asks first.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rmp_desktop.ui.accessibility import announce
from rmp_desktop.ui.dialog_fit import FittedDialog
from rmp_desktop.ui.export_dialog import ExportSettings
from rmp_desktop.ui.field_message import field_with_message
from rmp_desktop.ui.widgets import heading, scaled_font, wrapping_label

if TYPE_CHECKING:  # read and imported on request only
    from rmp_desktop.domain.record_copy import RecordCopy
    from rmp_desktop.export.record_copy import CopyOutcome

log = logging.getLogger(__name__)

ChooseFile = Callable[[QWidget, Path], "Path | None"]
GENUINE = "✓ Genuine: taken in and kept, locked"
ALREADY = "✓ Genuine, and already here"
REFUSED = "✗ Not taken in: it cannot be shown to be a genuine copy"
QUESTION = "? Is this record yours?"


def choose_copy(parent: QWidget, start: Path) -> Path | None:
    path, _filter = QFileDialog.getOpenFileName(parent, "Import a record copy", str(start),
                                                "Record copies (*.json);;All files (*)")
    return Path(path) if path else None


class RecordImportDialog(FittedDialog):
    imported = Signal(object)  # export.record_copy.CopyOutcome, once in the store

    def __init__(self, context, parent: QWidget | None = None, *,
                 choose: ChooseFile = choose_copy):
        super().__init__(parent)
        self.context = context
        self._choose = choose
        self.outcome: CopyOutcome | None = None
        # (copy, digest, the person it may be) while asking whether it is mine
        self._pending: tuple[RecordCopy, str, int | None] | None = None
        self.setWindowTitle("Import a record copy")
        self.setAccessibleName("Import a record copy")
        intro = wrapping_label(
            "Choose the record file your manager gave you (the PDF goes with it). Its "
            "fingerprint is worked out again from its content; only a genuine copy is kept.")
        file_label = QLabel("Record &file:")
        self.path = QLineEdit()
        self.path.setAccessibleName("Record file")
        self.path.setPlaceholderText(str(ExportSettings(context.paths.settings).folder()
                                         / "record.json"))
        file_label.setBuddy(self.path)
        path_box, self.path_error = field_with_message(self.path)
        self.choose_button = QPushButton("&Choose…")
        self.choose_button.setAccessibleName("Choose the record file")
        self.choose_button.setAutoDefault(False)
        row = QHBoxLayout()
        row.addWidget(path_box, 1)
        row.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignTop)

        self.verdict = QFrame()
        self.verdict.setFrameShape(QFrame.Shape.StyledPanel)
        self.headline = wrapping_label()
        self.headline.setFont(scaled_font(self.headline, 1.1))
        self.message = wrapping_label(selectable=True)
        inside = QVBoxLayout(self.verdict)
        inside.addWidget(self.headline)
        inside.addWidget(self.message)
        self.verdict.hide()

        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton("&Import",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setAccessibleName("Import")
        self.mine_button = self.buttons.addButton("It is &mine: import it",
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.mine_button.setAccessibleName("It is mine: import it")
        self.mine_button.hide()
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close")
        self.buttons.accepted.connect(self.take_in)
        self.buttons.rejected.connect(self.reject)
        self.mine_button.clicked.connect(self.confirm_mine)
        self.choose_button.clicked.connect(self._choose_file)
        self.path.textEdited.connect(self.path_error.clear_error)

        layout = QVBoxLayout(self)
        layout.addWidget(heading("Import a copy of your signed record", 1.2))
        layout.addWidget(intro)
        layout.addWidget(file_label)
        layout.addLayout(row)
        layout.addWidget(self.verdict)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def _choose_file(self) -> None:
        start = Path(self.path.text()).parent if self.path.text() else \
            ExportSettings(self.context.paths.settings).folder()
        chosen = self._choose(self, start)
        if chosen:
            self.set_path(chosen)
            self.take_in()

    def set_path(self, path: Path) -> None:
        self.path.setText(str(path))
        self.path_error.clear_error()

    def take_in(self) -> bool:
        """Read, check and take in the chosen file; True if it is now in the store."""
        from rmp_desktop.domain.exchange_json import ExchangeRefused
        from rmp_desktop.domain.record_copy import MAX_FILE_BYTES, parse_record_copy
        from rmp_desktop.export.exchange_files import FileRefused, read_file

        text = self.path.text().strip()
        if not text:
            self.path_error.show_error("Choose the record file first.")
            self.refit()
            return False
        try:
            data = read_file(Path(text).expanduser(), limit=MAX_FILE_BYTES, what="a record copy")
            copy = parse_record_copy(data)
        except (ExchangeRefused, FileRefused) as exc:
            return self._show(REFUSED, f"{exc} Nothing was changed.")
        return self._import(copy, hashlib.sha256(data).hexdigest(), None)

    def confirm_mine(self) -> bool:
        if self._pending is None:
            return False
        copy, digest, person_id = self._pending
        return self._import(copy, digest, person_id)

    def _import(self, copy, digest: str, person_id: int | None) -> bool:
        from rmp_desktop.export import record_copy as copies

        self._pending = None
        self.mine_button.hide()
        try:
            outcome = copies.import_copy(self.context.store(), copy, digest,
                                         person_id=person_id)
        except (copies.CopyRefused, LookupError) as exc:
            return self._show(REFUSED, str(exc).strip("'\""))
        if outcome.status == copies.NEEDS_CHOICE:
            self._pending = (copy, digest, outcome.person.id if outcome.person else None)
            self.mine_button.show()
            self._show(QUESTION, outcome.message)
            self.mine_button.setFocus()
            return False
        self.outcome = outcome
        self._show(ALREADY if outcome.status == copies.ALREADY else GENUINE, outcome.message)
        self.imported.emit(outcome)
        return True

    def _show(self, headline: str, message: str) -> bool:
        self.headline.setText(headline)
        self.message.setText(message)
        self.verdict.setAccessibleName(headline)
        self.verdict.setAccessibleDescription(message)
        self.verdict.show()
        self.refit()
        announce(self.headline, f"{headline}. {message}", assertive=headline == REFUSED)
        return False
