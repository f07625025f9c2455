"""Verify a PDF: is it a true copy of a signed record in this store? Said with an icon and words.

The check (which may render the record again to compare bytes) runs on a
worker thread, so the window never freezes. The verdict is shown as an icon,
a headline with its own symbol, and the plain message, so no one needs to
tell colours apart to read it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from rmp_desktop.export.verify import Outcome, Verdict
from rmp_desktop.ui.accessibility import announce
from rmp_desktop.ui.dialog_fit import FittedDialog
from rmp_desktop.ui.export_dialog import ExportSettings
from rmp_desktop.ui.field_message import field_with_message
from rmp_desktop.ui.operations import BackgroundRunner, Task
from rmp_desktop.ui.widgets import scaled_font, wrapping_label

log = logging.getLogger(__name__)

ChooseFile = Callable[[QWidget, Path], "Path | None"]

SP = QStyle.StandardPixmap
# Each outcome: the icon, and a headline that starts with its own symbol.
HEADLINES: dict[Outcome, tuple[QStyle.StandardPixmap, str]] = {
    Outcome.GENUINE: (SP.SP_DialogApplyButton, "✓ Genuine: a true copy of a signed record"),
    Outcome.SUPERSEDED: (SP.SP_MessageBoxInformation,
                         "↺ Genuine, but an older version: it has been replaced"),
    Outcome.NOT_FINAL: (SP.SP_MessageBoxWarning, "✎ Not a final record: a draft copy"),
    Outcome.ALTERED: (SP.SP_MessageBoxCritical, "✗ Not genuine: the PDF was changed"),
    Outcome.STORE_CHANGED: (SP.SP_MessageBoxCritical,
                            "✗ The record in the store was changed"),
    Outcome.UNKNOWN: (SP.SP_MessageBoxQuestion, "? Not recognised: no matching record"),
    Outcome.UNREADABLE: (SP.SP_MessageBoxCritical, "✗ The file cannot be checked"),
}


def choose_pdf(parent: QWidget, start: Path) -> Path | None:
    path, _filter = QFileDialog.getOpenFileName(parent, "Verify a PDF", str(start),
                                                "PDF documents (*.pdf);;All files (*)")
    return Path(path) if path else None


def unreadable_store(error: BaseException) -> Verdict:
    """A store that cannot be read is still an answer in words."""
    return Verdict(Outcome.UNREADABLE, "The check could not be completed: the store could not "
                                       f"be read ({type(error).__name__}).")


class VerifyDialog(FittedDialog):
    verified = Signal(object)  # Verdict, once shown

    def __init__(self, context, parent: QWidget | None = None, *, choose: ChooseFile = choose_pdf):
        super().__init__(parent)
        self.context = context
        self._choose = choose
        self.verdict: Verdict | None = None
        # Only the newest check's verdict is shown: an older one, overtaken, is dropped.
        self._runner = BackgroundRunner(self, newest_only=True, name="verify")
        settings = ExportSettings(context.paths.settings)

        self.setWindowTitle("Verify a PDF")
        self.setAccessibleName("Verify a PDF")
        title = wrapping_label("Verify a PDF against the records in this store")
        title.setFont(scaled_font(title, 1.2))
        intro = wrapping_label("Choose a PDF exported by this application. Its fingerprint is "
                               "compared with the record in the store, and the file with what "
                               "was exported, so any change to either is found.")
        file_label = QLabel("PDF &file:")
        self.path = QLineEdit()
        self.path.setAccessibleName("PDF file")
        self.path.setAccessibleDescription("The PDF to verify")
        self.path.setPlaceholderText(str(settings.folder() / "record.pdf"))
        file_label.setBuddy(self.path)
        path_box, self.path_error = field_with_message(self.path)
        self.choose_button = QPushButton("&Choose…")
        self.choose_button.setAccessibleName("Choose the PDF to verify")
        self.choose_button.setAutoDefault(False)
        row = QHBoxLayout()
        row.addWidget(path_box, 1)
        row.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignTop)

        self.verdict_panel = QFrame()
        self.verdict_panel.setFrameShape(QFrame.Shape.StyledPanel)
        self.verdict_panel.setAccessibleName("Verdict")
        self.icon = QLabel()  # a picture; the headline beside it says the same in words
        self.headline = wrapping_label()
        self.headline.setFont(scaled_font(self.headline, 1.1))
        self.message = wrapping_label(selectable=True)
        words = QVBoxLayout()
        words.addWidget(self.headline)
        words.addWidget(self.message)
        inside = QHBoxLayout(self.verdict_panel)
        inside.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        inside.addLayout(words, 1)
        self.verdict_panel.hide()
        self.busy = wrapping_label()
        self.busy.hide()

        self.buttons = QDialogButtonBox()
        self.check_button = self.buttons.addButton("&Verify", QDialogButtonBox.ButtonRole.AcceptRole)
        self.check_button.setAccessibleName("Verify")
        self.check_button.setAccessibleDescription("Checks the PDF against the records")
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close")
        self.buttons.accepted.connect(self.check)
        self.buttons.rejected.connect(self.reject)
        self.choose_button.clicked.connect(self._choose_file)
        self.path.textEdited.connect(self.path_error.clear_error)

        layout = QVBoxLayout(self)
        for widget in (title, intro, file_label):
            layout.addWidget(widget)
        layout.addLayout(row)
        layout.addWidget(self.busy)
        layout.addWidget(self.verdict_panel)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def _problem(self, message: str) -> None:
        self.path_error.show_error(message)
        self.refit()

    def _choose_file(self) -> None:
        # Where exports go (the last export folder, else Documents): where a PDF is likely to be.
        start = (Path(self.path.text()).parent if self.path.text()
                 else ExportSettings(self.context.paths.settings).folder())
        chosen = self._choose(self, start)
        if chosen:
            self.set_path(chosen)
            self.check()

    def set_path(self, path: Path) -> None:
        self.path.setText(str(path))
        self.path_error.clear_error()

    def check(self) -> bool:
        """Start checking the chosen file; `verified` brings the verdict."""
        text = self.path.text().strip()
        if not text:
            self._problem("Choose the PDF to verify.")
            return False
        path = Path(text).expanduser()
        if not path.is_file():
            self._problem("There is no file here; choose the PDF again.")
            return False
        self.verdict_panel.hide()
        self.busy.setText(f"Checking {path.name}…")
        self.busy.show()
        announce(self.busy, self.busy.text())
        self.check_button.setEnabled(False)
        self.refit()
        store = self.context.store()

        def check(_task: Task) -> Verdict:
            from rmp_desktop.export.verify import verify_pdf

            return verify_pdf(store, path)

        self._runner.run(check, on_success=self._show, on_failure=self._failed)
        return True

    def _failed(self, error: BaseException) -> None:
        log.error("verifying a PDF failed", exc_info=error)
        self._show(unreadable_store(error))

    def _show(self, verdict: Verdict) -> None:
        self.verdict = verdict
        pixmap, headline = HEADLINES[verdict.outcome]
        size = self.fontMetrics().height() * 2
        self.icon.setPixmap(self.style().standardIcon(pixmap).pixmap(size, size))
        self.icon.setAccessibleDescription(headline)
        self.headline.setText(headline)
        details = "".join(f"\n• {d}" for d in verdict.details)
        self.message.setText(verdict.message + details)
        self.verdict_panel.setAccessibleDescription(f"{headline}. {verdict.message}")
        self.busy.hide()
        self.verdict_panel.show()
        self.check_button.setEnabled(True)
        self.refit()
        announce(self.headline, f"{headline}. {verdict.message}",
                 assertive=verdict.outcome is not Outcome.GENUINE)
        self.verified.emit(verdict)

    def done(self, result: int) -> None:
        self._runner.wait()  # a check in flight writes the audit log: let it finish
        super().done(result)
