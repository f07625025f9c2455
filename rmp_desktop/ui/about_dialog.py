"""Help > About: the version, where the data lives, and the licences of what we ship."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from rmp_desktop import APP_TITLE, __version__
from rmp_desktop.ui.window_fit import keep_on_screen

# Components shipped inside the installable application and the licence of each.
SHIPPED_COMPONENTS: tuple[tuple[str, str], ...] = (
    ("Qt and PySide6 (Qt for Python)", "GNU LGPL version 3"),
    ("SQLAlchemy", "MIT licence"),
    ("Alembic", "MIT licence"),
    ("ReportLab", "BSD licence"),
    ("platformdirs", "MIT licence"),
    ("PyYAML", "MIT licence"),
    ("pypdf", "BSD licence"),
    ("pyHanko and pyhanko-certvalidator", "MIT licence"),
    ("cryptography", "Apache License 2.0 or BSD licence"),
    ("asn1crypto", "MIT licence"),
    ("keyring", "MIT licence"),
    ("DejaVu fonts", "Bitstream Vera Fonts licence (and public domain changes)"),
    ("Droid Sans Fallback font (Chinese, Japanese, Korean in PDFs)", "Apache License 2.0"),
)


class AboutDialog(QDialog):
    def __init__(self, data_dir: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_TITLE}")
        title = QLabel(f"{APP_TITLE} {__version__}")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        purpose = QLabel("Appraisals, career conversations and signed development plans for "
                         "the NHS people profession, kept on this computer and usable offline.")
        purpose.setWordWrap(True)
        where = QLabel("&Data folder, where your data is kept:")
        self.data_folder = QLineEdit(str(data_dir))
        self.data_folder.setReadOnly(True)
        self.data_folder.setAccessibleName("Data folder, where your data is kept")
        where.setBuddy(self.data_folder)
        what, fingerprint = _signing_certificate(data_dir)
        signing_note = QLabel(f"Signed records are also signed as PDFs, with {what}. A PDF "
                              "reader shows the certificate's SHA-256 fingerprint, which should "
                              "be this one:")
        signing_note.setWordWrap(True)
        signing = QLabel("Signing certificate fi&ngerprint:")
        self.signing_fingerprint = QLineEdit(fingerprint)
        self.signing_fingerprint.setReadOnly(True)
        self.signing_fingerprint.setAccessibleName("Signing certificate fingerprint")
        self.signing_fingerprint.setMinimumWidth(
            self.fontMetrics().horizontalAdvance(fingerprint) + self.fontMetrics().height())
        self.signing_fingerprint.setCursorPosition(0)
        signing.setBuddy(self.signing_fingerprint)
        shipped = QLabel("This application includes these components, under their own licences:")
        shipped.setWordWrap(True)
        self.licences = QPlainTextEdit()
        self.licences.setReadOnly(True)
        self.licences.setAccessibleName("Licences of included components")
        self.licences.setPlainText("\n".join(f"{name}: {licence}"
                                             for name, licence in SHIPPED_COMPONENTS))
        self.licences.setMinimumHeight(self.fontMetrics().lineSpacing() * (len(SHIPPED_COMPONENTS) + 2))
        self.licences.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close About")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (title, purpose, where, self.data_folder, signing_note, signing,
                       self.signing_fingerprint, shipped):
            layout.addWidget(widget)
        layout.addWidget(self.licences, 1)
        layout.addWidget(buttons)
        close.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        keep_on_screen(self)

    def text(self) -> str:
        """Everything the box says, for tests and for copying into a support request."""
        labels = [w.text() for w in self.findChildren(QLabel)]
        return "\n".join([*labels, self.data_folder.text(), self.signing_fingerprint.text(),
                          self.licences.toPlainText()])


def _signing_certificate(data_dir: Path) -> tuple[str, str]:
    from rmp_desktop.export.signing_key import current_certificate, spaced

    try:
        what, fingerprint = current_certificate(data_dir)
    except (OSError, ValueError):  # a folder we cannot write: no key yet, nothing to show
        return "a key made for this installation when the first record is exported", "—"
    return what, spaced(fingerprint)
