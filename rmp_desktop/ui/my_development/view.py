"""My development: one person, yourself. Your details, your preparation for the next
conversation, your signed records and the progress of your plan, with what you hand over.

Built only when first shown (it opens the store and the packs). Until the store knows who
"I" am, only About me is open, and says so. Every file goes out through SaveFileDialog,
which says what the file carries before it is written.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rmp_desktop import __version__
from rmp_desktop.ui.my_development.details import MyDetailsForm
from rmp_desktop.ui.my_development.equality import MyEquality
from rmp_desktop.ui.my_development.progress import PlanProgress
from rmp_desktop.ui.my_development.records import MyRecords
from rmp_desktop.ui.widgets import heading, wrapping_label

if TYPE_CHECKING:  # built once "I" am known, which a first start is not
    from rmp_desktop.ui.my_development.preparation import PreparationEditor

log = logging.getLogger(__name__)

ABOUT, PREPARATION, RECORDS, PLAN, EQUALITY = range(5)


class MyDevelopmentView(QWidget):
    statusMessage = Signal(str)

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        from rmp_desktop.storage.my_development import MyDevelopmentRepository

        self.context = context
        self.mine = MyDevelopmentRepository.of(context.store())
        self.editor: PreparationEditor | None = None  # once "I" am known
        self.open_dialog: QDialog | None = None
        self.setAccessibleName("My development")

        self.title = heading("My development", 1.5)
        self.subtitle = wrapping_label()
        self.send_button = QPushButton("Sen&d to my manager…")
        self.send_button.setAccessibleName("Send to my manager")
        self.send_button.setAccessibleDescription(
            "Write your preparation as one file to give your manager. Private notes stay here.")
        self.sheet_button = QPushButton("Prepara&tion sheet…")
        self.sheet_button.setAccessibleName("Preparation sheet")
        self.sheet_button.setAccessibleDescription(
            "A printable sheet of the questions, to prepare on paper.")
        buttons = QHBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.sheet_button)
        buttons.addStretch(1)

        self.details = MyDetailsForm(context)
        self.records = MyRecords(context)
        self.plan = PlanProgress(context, self.mine)
        self.equality = MyEquality(context)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Parts of my development")
        self.tabs.tabBar().setAccessibleName("Parts of my development")
        self.tabs.tabBar().setAccessibleDescription("Ctrl+Tab moves to the next part.")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.details, "About me")
        self.preparation_holder = QWidget()
        self.preparation_layout = QVBoxLayout(self.preparation_holder)
        self.preparation_layout.setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self.preparation_holder, "My preparation")
        self.tabs.addTab(self.records, "My records")
        self.tabs.addTab(self.plan, "My plan")
        self.tabs.addTab(self.equality, "Equality monitoring")

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addLayout(buttons)
        layout.addWidget(self.tabs, 1)

        self.details.saved.connect(self._details_saved)
        self.send_button.clicked.connect(self.send_to_manager)
        self.sheet_button.clicked.connect(self.preparation_sheet)
        self.records.importRequested.connect(self.import_record_copy)
        self.records.verifyRequested.connect(self.verify_pdf)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.refresh()

    # -- state -----------------------------------------------------------------------------------

    def me(self):
        return self.mine.me()

    def refresh(self) -> None:
        """Show who I am, and open the parts that need it once that is known."""
        me = self.me()
        self.details.show_details(me)
        known = me is not None
        for index in (PREPARATION, RECORDS, PLAN, EQUALITY):
            self.tabs.setTabEnabled(index, known)
        self.send_button.setEnabled(known)
        self.sheet_button.setEnabled(True)
        if not known:
            self.title.setText("My development")
            self.subtitle.setText("Your own space to prepare for your conversations and keep "
                                  "your signed records. Start with About me.")
            self.tabs.setCurrentIndex(ABOUT)
            return
        self.title.setText(f"My development: {me.member.display_name}")
        self.subtitle.setText(
            "Prepare for your next conversation in your own words, send it to your manager "
            "when you are ready, and keep your signed records and your plan's progress.")
        if self.editor is None:
            from rmp_desktop.ui.my_development.preparation import PreparationEditor

            self.editor = PreparationEditor(self.context, self.mine, me)
            self.preparation_layout.addWidget(self.editor)
        else:
            self.editor.reload(me)
        self.records.show_person(me.member.id)
        self.plan.reload()
        self.equality.show_mine(me.member.uid)

    def _details_saved(self, details) -> None:
        self.refresh()
        self.statusMessage.emit(f"Your details are saved, {details.member.display_name}.")

    def _tab_changed(self, index: int) -> None:
        self.flush()
        if index == RECORDS and self.me() is not None:
            self.records.show_person(self.me().member.id)
        elif index == PLAN:
            self.plan.reload()

    def flush(self) -> bool:
        """Save whatever is pending (before sending, switching view or quitting)."""
        saved = self.plan.flush()
        if self.editor is not None:
            saved = self.editor.flush() and saved
        return saved

    def show_part(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)

    # -- handing things over ---------------------------------------------------------------------

    def send_to_manager(self, *, choose=None):
        """Say what the preparation file carries, then write it where the person chooses."""
        from rmp_desktop.domain.exchange_json import ExchangeRefused
        from rmp_desktop.domain.preparation import carried_summary
        from rmp_desktop.export.record_export import safe_file_name
        from rmp_desktop.storage.my_development import NotSetUp
        from rmp_desktop.ui.save_file_dialog import SaveFileDialog

        self.flush()
        try:
            prep, private = self.mine.make_preparation(made_by=f"rmp-desktop {__version__}")
        except (NotSetUp, ExchangeRefused) as exc:
            return self._tell("Your preparation cannot be sent yet",
                              f"Nothing was written. {exc}")
        data = prep.to_file_bytes()
        lines = [*carried_summary(prep, private_notes=private),
                 "It is an ordinary text file (JSON): you or anyone can open and read it."]
        name = safe_file_name(f"{prep.person['full_name']} - preparation - {prep.made_at[:10]}",
                              ".json")
        kwargs = {"choose": choose} if choose else {}
        dialog = SaveFileDialog(
            self.context, title="Send to my manager", headline="What the file carries",
            lines=lines, file_name=name, file_filter="Preparation files (*.json)",
            produce=lambda path, _options: [(path, data)], save_text="&Save the file",
            parent=self, **kwargs)

        def sent(paths) -> None:
            self.mine.log_sent(prep)
            self.statusMessage.emit(f"Saved your preparation as {paths[0].name}. Give it to "
                                    "your manager: by email, on a shared drive, or in person.")

        dialog.saved.connect(sent)
        return self._present(dialog)

    def preparation_sheet(self, *, choose=None):
        from rmp_desktop.export.prep_sheet import render_sheet
        from rmp_desktop.ui.save_file_dialog import SaveFileDialog

        me = self.me()
        name = me.member.display_name if me else ""
        kwargs = {"choose": choose} if choose else {}
        dialog = SaveFileDialog(
            self.context, title="Preparation sheet", headline="A sheet to prepare on paper",
            lines=["The questions of every part of the preparation, with room to write by "
                   "hand. Nothing you have typed is on it.",
                   "Large print sets the type half as large again, with wider lines."],
            file_name="Preparing for my conversation.pdf", file_filter="PDF documents (*.pdf)",
            options=[("large", "&Large print", False)],
            produce=lambda path, options: [(path, render_sheet(
                self.context.packs(), name=name, large=options["large"]))],
            parent=self, **kwargs)
        dialog.saved.connect(lambda paths: self.statusMessage.emit(
            f"Saved the preparation sheet as {paths[0].name}."))
        return self._present(dialog)

    def import_record_copy(self, **kwargs):
        from rmp_desktop.ui.my_development.record_import import RecordImportDialog

        dialog = RecordImportDialog(self.context, self, **kwargs)
        dialog.imported.connect(lambda _outcome: self.refresh())
        return self._present(dialog)

    def verify_pdf(self, **kwargs):
        from rmp_desktop.ui.verify_dialog import VerifyDialog

        return self._present(VerifyDialog(self.context, self, **kwargs))

    def _tell(self, title: str, text: str):
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                          self)
        box.setAccessibleName(title)
        return self._present(box)

    def _present(self, dialog):
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.open_dialog = dialog
        dialog.open()
        return dialog
