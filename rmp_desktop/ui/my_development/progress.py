"""My plan: progress notes and done dates on the actions of my newest signed plan.

Kept apart from the signed record, which never changes; saved as typed through the same
Autosaver as everything else (one small row per action), and sent with my next preparation.
A done date that cannot be read is kept in its field with words saying how to write it, and
not saved until it can be.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from rmp_desktop.domain.dates import display_date, parse_date
from rmp_desktop.ui.autosave import Autosaver
from rmp_desktop.ui.date_field import DateField
from rmp_desktop.ui.widgets import (
    GrowingTextEdit,
    clear_layout,
    field_block,
    group,
    heading,
    note,
    wrapping_label,
)


class PlanProgress(QWidget):
    def __init__(self, context, mine, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.mine = mine
        self.setAccessibleName("My plan")
        self.saver = Autosaver(self._save, self)
        self.saver.saved.connect(self._saved)
        self.saver.failed.connect(self._save_failed)
        self.fields: dict[str, tuple] = {}  # action key -> (done edit, note edit, flag, action)
        self.title = heading("Progress on my plan", 1.3)
        self.intro = wrapping_label()
        self.save_state = QLabel("All changes saved")
        self.save_state.setAccessibleDescription("Whether your changes are saved")
        self.action_list = QWidget()
        self.list_layout = QVBoxLayout(self.action_list)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidget(self.action_list)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.save_state)

    def reload(self) -> None:
        self.flush()
        clear_layout(self.list_layout)
        self.fields = {}
        actions = self.mine.plan_actions()
        if not actions:
            self.intro.setText("There is no signed plan here yet. Import your copy of the "
                               "record (My records, Import a record copy), then note your "
                               "progress on each action here.")
            self.list_layout.addStretch(1)
            return
        newest = self.mine.newest_signed()
        self.intro.setText(
            f"The actions of the plan signed on {display_date(newest.held_on)}. Your notes "
            "and dates are kept apart from the signed record, which never changes, and go to "
            "your manager with your next preparation.")
        for action in actions:
            self.list_layout.addWidget(self._action(action))
        self.list_layout.addStretch(1)

    def _action(self, action) -> QWidget:
        box, layout = group(action.text)
        if action.target_date:
            layout.addWidget(note(f"Target date: {display_date(action.target_date)}"))
        key = f"{action.conversation_id}:{action.action_id}"
        done = DateField(f"Done on: {action.text}")
        done.set_date(action.done_on or None)
        done.setMaximumWidth(done.fontMetrics().averageCharWidth() * 30)  # a date, not a line
        block, flag = field_block("Done on (leave empty while it is still open):", done)
        layout.addWidget(block)
        progress = GrowingTextEdit(f"Progress so far: {action.text}", min_lines=2, max_lines=8)
        progress.set_text(action.note)
        note_block, _ = field_block("Progress so far:", progress)
        layout.addWidget(note_block)
        self.fields[key] = (done, progress, flag, action)
        done.textChanged.connect(lambda _t, k=key: self._edited(k))
        progress.textChanged.connect(lambda k=key: self._edited(k))
        return box

    def _edited(self, key: str) -> None:
        done, progress, flag, _action = self.fields[key]
        text = done.text().strip()
        body: dict = {"note": progress.toPlainText()}
        if not text:
            body["done_on"] = None
            flag.show_problem(None)
        else:
            try:
                body["done_on"] = parse_date(text)
                flag.show_problem(None)
            except ValueError as exc:
                flag.show_problem(str(exc))  # kept as typed; the date waits until it reads
        self.saver.changed(key, body)
        self.save_state.setText("Saving…")

    def _save(self, key: str, body: dict) -> None:
        _done, _progress, _flag, action = self.fields[key]
        self.mine.set_progress(action.conversation_id, action.action_id, note=body["note"],
                               done_on=body.get("done_on", False))

    def _saved(self, _key: str) -> None:
        if not self.saver.pending:
            self.save_state.setText(f"All changes saved at {datetime.now():%H:%M:%S}")

    def _save_failed(self, _key: str, message: str) -> None:
        self.save_state.setText(f"⚠ Not saved yet ({message}): trying again every second")

    def flush(self) -> bool:
        return self.saver.flush()
