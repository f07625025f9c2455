"""The "start from last time" offer at the top of a step: what last time said, and a button.

Shown only while a draft's step could take something from the last signed record; pressing
the button copies that step's answers (domain.carry.start_from) as one undoable edit, so
nothing arrives without the user asking for it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from rmp_desktop.domain.carry import OFFER_WORDS
from rmp_desktop.domain.dates import display_date
from rmp_desktop.ui.widgets import wrapping_label


class LastTimeOffer(QFrame):
    used = Signal()

    def __init__(self, step: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.step = step
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.text = wrapping_label()
        self.button = QPushButton("Start from last time")
        self.button.setAccessibleName(f"Start from last time: copy last time's "
                                      f"{OFFER_WORDS[step]}")
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)
        self.button.clicked.connect(self.used)
        self.hide()

    def show_offer(self, held_on: str | None) -> None:
        """Offer last time's answers (held on `held_on`), or hide with None."""
        if held_on is None:
            self.hide()
            return
        self.text.setText(f"Last time ({display_date(held_on)}) you recorded "
                          f"{OFFER_WORDS[self.step]}. Start from them and change what has "
                          "moved on, or start afresh.")
        self.show()
