"""A mid-year review of a signed plan: progress on each action and objective, notes, a date.

Kept as its own dated entry beside the plan (storage.midyear_repo); the signed record never
changes. A new review starts from the newest earlier one, so only what moved needs saying.
Saved reviews print as a PDF and feed the next conversation's Looking back.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from rmp_desktop.domain.dates import display_date
from rmp_desktop.domain.midyear import PROGRESS
from rmp_desktop.domain.record import short_uid
from rmp_desktop.storage.midyear_repo import MidyearEntry
from rmp_desktop.ui.accessibility import announce
from rmp_desktop.ui.date_field import DateField
from rmp_desktop.ui.widgets import (
    GrowingTextEdit,
    combo,
    field_block,
    group,
    line_edit,
    note,
    select_data,
    wrapping_label,
)
from rmp_desktop.ui.window_fit import keep_on_screen, open_fitted, size_in_font

PROGRESS_ITEMS = [("", "Not said"), *PROGRESS.items()]


class MidyearDialog(QDialog):
    saved = Signal(object)  # the MidyearEntry kept
    printed = Signal(object)  # the path written

    def __init__(self, context, conversation_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        from rmp_desktop.storage.midyear_repo import MidyearRepository

        self.context = context
        self.conversation_id = conversation_id
        store = context.store()
        self.repo = MidyearRepository.of(store)
        self.meta = store.conversations.get(conversation_id)
        self.person_name = store.staff.get(self.meta.person_id).display_name
        self.plan = self.repo.plan(conversation_id)
        earlier = self.repo.for_plan(conversation_id)
        self.entry: MidyearEntry | None = None
        body = earlier[0].body if earlier else self.repo.new_body(conversation_id)
        self.setWindowTitle(f"Mid-year review: {self.person_name}")
        self.setAccessibleName("Mid-year review")
        self.open_dialog: QWidget | None = None

        intro = wrapping_label(
            f"A check-in on the plan signed on {display_date(self.meta.held_on)}. It is kept "
            "as its own dated entry: the signed record does not change. What you write here "
            "is shown in the next conversation's Looking back.")
        if earlier:
            intro.setText(intro.text() + f" Starting from the review of "
                                         f"{display_date(earlier[0].held_on)}.")
        self.date_edit = DateField("Date of the review")
        self.date_edit.set_date(date.today())
        date_block, self.date_flag = field_block("Date of the review:", self.date_edit)
        self.date_edit.textChanged.connect(lambda _t: self.date_flag.show_problem(
            self.date_edit.problem()))

        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(intro)
        column.addWidget(date_block)
        self.date_edit.setMaximumWidth(self.fontMetrics().averageCharWidth() * 24)
        self.fields: dict[tuple[str, str], tuple] = {}
        for group_key, title, date_key in (("actions", "Development actions", "target_date"),
                                           ("objectives", "Objectives", "due")):
            items = [r for r in self.plan.get(group_key) or [] if r.get("id")]
            if not items:
                continue
            box, layout = group(title)
            for item in items:
                text = str(item.get("text", ""))
                when = display_date(item.get(date_key))
                item_label = wrapping_label(f"{text}" + (f" (by {when})" if when else ""))
                font = item_label.font()
                font.setBold(True)
                item_label.setFont(font)
                layout.addWidget(item_label)
                progress = combo(f"Progress: {text}", PROGRESS_ITEMS)
                entry = (body.get(group_key) or {}).get(str(item["id"])) or {}
                select_data(progress, entry.get("progress", ""))
                note_edit = line_edit(f"Note: {text}")
                note_edit.setText(str(entry.get("note", "")))
                row = QGridLayout()
                block, _ = field_block("Progress:", progress, context=text)
                row.addWidget(block, 0, 0)
                block, _ = field_block("Note:", note_edit)
                row.addWidget(block, 0, 1)
                row.setColumnStretch(0, 1)
                row.setColumnStretch(1, 2)
                layout.addLayout(row)
                self.fields[(group_key, str(item["id"]))] = (progress, note_edit)
            column.addWidget(box)
        self.notes = GrowingTextEdit("Notes from the review", min_lines=3)
        self.notes.setPlainText(str(body.get("notes", "")))
        block, _ = field_block("Notes:", self.notes)
        column.addWidget(block)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)

        self.state = QLabel("")
        self.state.setWordWrap(True)
        self.state.setAccessibleDescription("Review status")
        self.buttons = QDialogButtonBox()
        self.save_button = QPushButton("&Save review")
        self.save_button.setAccessibleName("Save review")
        self.print_button = QPushButton("&Print…")
        self.print_button.setAccessibleName("Print… the saved review as a PDF")
        self.print_button.setEnabled(False)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAccessibleName("Close")
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.state)
        layout.addWidget(note("Close keeps only what was saved."))
        layout.addWidget(self.buttons)
        self.save_button.clicked.connect(self.save)
        self.print_button.clicked.connect(lambda: self.print_review())
        self.close_button.clicked.connect(self.reject)
        self.save_button.setDefault(True)
        open_fitted(self, size_in_font(self, 120, 40))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        keep_on_screen(self)

    def body(self) -> dict:
        out: dict = {"actions": {}, "objectives": {}, "notes": self.notes.toPlainText()}
        for (group_key, item_id), (progress, note_edit) in self.fields.items():
            out[group_key][item_id] = {"progress": progress.currentData() or "",
                                       "note": note_edit.text()}
        return out

    def held_on(self) -> date | None:
        return self.date_edit.date()

    def _say(self, text: str) -> None:
        """Saved, printed or refused: shown under the form and said (focus is on a button)."""
        self.state.setText(text)
        announce(self.state, text, assertive=text.startswith("⚠"))

    def save(self) -> None:
        from rmp_desktop.storage.midyear_repo import MidyearRefused

        if self.held_on() is None:
            self.date_flag.show_problem(self.date_edit.problem()
                                        or "Type the date of the review, for example 31 Mar 2027.")
            self._say("⚠ Not saved: the review needs a date.")
            self.date_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        try:
            entry = self.repo.save(self.conversation_id, self.held_on(), self.body(),
                                   review_id=self.entry.id if self.entry else None)
        except MidyearRefused as exc:
            self._say(f"⚠ Not saved: {exc}")
            return
        self.entry = entry
        self._say(f"✓ Saved: the review of {display_date(entry.held_on)} is kept "
                           "beside the plan.")
        self.print_button.setEnabled(True)
        self.saved.emit(entry)

    def print_review(self, path: Path | None = None):
        from rmp_desktop.export.destination import (
            OUR_FILE,
            DestinationRefused,
            Protected,
            write_bytes,
        )
        from rmp_desktop.export.printouts import render_midyear

        if self.entry is None:
            return None
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, "Print mid-year review",
                str(Path.home() / f"Mid-year review {self.person_name}.pdf"), "PDF (*.pdf)")
            if not chosen:
                return None
            path = Path(chosen)
        data = render_midyear(name=self.person_name, plan=self.plan, review=self.entry.body,
                              held_on=self.entry.held_on, plan_held_on=self.meta.held_on,
                              record_id=short_uid(self.meta.uid))
        try:
            written = write_bytes(path, data, OUR_FILE,
                                  protect=Protected.for_store(self.context.paths.store),
                                  overwrite=True)
        except DestinationRefused as exc:
            self._say(f"⚠ Not printed: {exc}")
            return None
        self._say(f"✓ Printed to {written.name}.")
        self.printed.emit(written)
        return written

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        # Enter in a field must not close the dialog: Save is pressed on purpose.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return
        super().keyPressEvent(event)
