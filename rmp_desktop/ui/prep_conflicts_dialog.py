"""Where a preparation and the draft say different things: both side by side, chosen per item.

Nothing is chosen for the user: each difference offers "Keep the draft's words" and "Use
their words", neither ticked. Applying writes only the differences chosen
(storage.prep_import.resolve_conflict); the rest keep the draft's words and wait here. The
conversation, if open, is saved before and shown afresh after, so no keystroke is lost:
whoever opens the dialog hands it how (`save_first`, `show_after`), so this module never
imports the wizard that opens it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from rmp_desktop.domain.conflict_words import value_words
from rmp_desktop.ui.accessibility import announce
from rmp_desktop.ui.dialog_fit import FittedDialog
from rmp_desktop.ui.keyboard import one_stop_radio_group
from rmp_desktop.ui.widgets import clear_layout, group, heading, scaled_font, wrapping_label

log = logging.getLogger(__name__)

KEEP_DRAFT, USE_THEIRS = "Keep the draft's words", "Use their words"


class _Words(QPlainTextEdit):
    """One side's words: read-only, selectable, as tall as a few lines."""

    def __init__(self, text: str, name: str):
        super().__init__(text)
        self.setReadOnly(True)
        self.setAccessibleName(name)
        self.setTabChangesFocus(True)
        lines = min(6, max(2, text.count("\n") + 1 + len(text) // 60))
        self.setFixedHeight(int(self.fontMetrics().lineSpacing() * (lines + 1))
                            + 2 * self.frameWidth())


class ConflictsDialog(FittedDialog):
    settled = Signal(int)  # conversation id, after choices were written

    def __init__(self, context, conversation_id: int, parent: QWidget | None = None, *,
                 save_first: Callable[[], object], show_after: Callable[[], object]):
        super().__init__(parent, chars=110, min_chars=70)
        self._save_first = save_first  # the open conversation saves what was typed
        self._show_after = show_after  # and shows what the store holds after the choices
        from rmp_desktop.storage.packs_for_record import packs_to_show

        self.context = context
        self.conversation_id = conversation_id
        store = context.store()
        meta = store.conversations.get(conversation_id)
        self.packs = packs_to_show(meta.pack_refs, store.conversations.pack_snapshot,
                                   context.packs()).packs
        person = store.staff.get(meta.person_id).display_name
        self.person = person
        self.choices: dict[str, QButtonGroup] = {}

        self.setWindowTitle(f"Differences to choose — {person}")
        self.setAccessibleName("Differences to choose")
        title = heading(f"Where {person}'s preparation and the draft differ", 1.2)
        intro = wrapping_label(
            "For each, choose whose words the conversation keeps. Nothing is chosen for you: "
            "anything left unchosen keeps the draft's words and waits here for later.")
        self.items = QWidget()
        self.items_layout = QVBoxLayout(self.items)
        self.items_layout.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidget(self.items)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        line = self.fontMetrics().height()
        scroll.setMinimumHeight(line * 14)
        self.status = wrapping_label()
        self.status.setAccessibleDescription("What was done")
        self.status.setFont(scaled_font(self.status, 1.0))
        self.status.hide()

        self.buttons = QDialogButtonBox()
        self.apply_button = self.buttons.addButton("&Apply my choices",
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setAccessibleName("Apply my choices")
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close")
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.refresh()

    def refresh(self) -> None:
        from rmp_desktop.storage.prep_import import pending_conflicts

        clear_layout(self.items_layout)
        self.choices = {}
        waiting = pending_conflicts(self.context.store(), self.conversation_id)
        for conflict in waiting:
            self.items_layout.addWidget(self._difference(conflict))
        if not waiting:
            self.items_layout.addWidget(wrapping_label("Nothing waits for a choice: every "
                                                       "difference has been settled."))
        self.items_layout.addStretch(1)
        self.apply_button.setEnabled(bool(waiting))
        self.refit()

    def _difference(self, conflict: dict) -> QWidget:
        label = conflict["label"]
        box, layout = group(label)
        grid = QGridLayout()
        sides = ((f"In {self.person}'s preparation", conflict["incoming"], USE_THEIRS,
                  "preparation"),
                 ("In the draft now", conflict["current"], KEEP_DRAFT, "draft"))
        choice = QButtonGroup(box)
        choice.setExclusive(True)
        for column, (heading_text, value, choose_text, keep) in enumerate(sides):
            words = value_words(conflict["path"], value, self.packs)
            title = wrapping_label(f"{heading_text}:")
            field = _Words(words, f"{heading_text}: {label}")
            title.setBuddy(field)
            radio = QRadioButton(choose_text)
            radio.setAccessibleName(f"{choose_text}: {label}")
            radio.setProperty("keep", keep)
            choice.addButton(radio)
            grid.addWidget(title, 0, column)
            grid.addWidget(field, 1, column)
            grid.addWidget(radio, 2, column)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        one_stop_radio_group(choice)
        self.choices[conflict["id"]] = choice
        return box

    def chosen(self) -> dict[str, str]:
        out = {}
        for conflict_id, choice in self.choices.items():
            button = choice.checkedButton()
            if button is not None:
                out[conflict_id] = button.property("keep")
        return out

    def apply(self) -> int:
        """Write every choice made; returns how many were settled."""
        from rmp_desktop.storage.errors import RecordLocked
        from rmp_desktop.storage.prep_import import resolve_conflict

        chosen = self.chosen()
        if not chosen:
            self._say("Choose one side of at least one difference first.")
            return 0
        self._save_first()  # what was typed is saved before this writes
        done = 0
        try:
            for conflict_id, keep in chosen.items():
                try:
                    resolve_conflict(self.context.store(), self.conversation_id, conflict_id,
                                     keep)
                    done += 1
                except LookupError:
                    continue  # settled meanwhile (another window): nothing to do
        except RecordLocked as exc:
            self._say(str(exc))
        finally:
            self._show_after()
        self.refresh()
        left = len(self.choices)
        self._say(f"{done} difference{'s' if done != 1 else ''} settled."
                  + (f" {left} still wait{'s' if left == 1 else ''} for a choice." if left
                     else " Nothing else waits."))
        self.settled.emit(self.conversation_id)
        return done

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.show()
        self.refit()
        announce(self.status, text)
