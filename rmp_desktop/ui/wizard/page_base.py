"""What every step page is: a scrolling form that loads its section and emits every edit.

A page never writes to the store. Each edit becomes an undoable command and
the page emits its whole section body on `edited`; the window passes that to
the Autosaver, which is the one path to the repository. When shown, a page
refreshes anything it draws from other steps and loads its own section.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from rmp_desktop.domain.carry import OFFERED, LastSigned, has_offer, start_from
from rmp_desktop.domain.conversation import (
    STEP_TITLES,
    ConversationDetails,
    ConversationDocument,
    step_section,
)
from rmp_desktop.domain.packs import PackSet
from rmp_desktop.domain.prep_document import OWN_STEP_TITLES
from rmp_desktop.domain.staff import StaffMember
from rmp_desktop.ui.keyboard import tab_in_reading_order
from rmp_desktop.ui.widgets import heading, set_editable, wrapping_label
from rmp_desktop.ui.wizard.undo import FieldEdit


@dataclass
class WizardEnv:
    """What pages share: the packs the record was made with, the person, the live document."""

    conversation_id: int
    packs: PackSet
    person: StaffMember
    document: ConversationDocument  # the window's live copy, updated on every edit
    details: ConversationDetails
    read_only: bool = False
    # The person preparing on their own (My development): pages show only their columns.
    own_view: bool = False
    # Every pack the record keeps (`packs` is this set as the document chose: its framework).
    all_packs: PackSet | None = None
    last_time: LastSigned | None = None  # the signed record this draft follows, if any
    # The dates of the person's other conversations (not this one's versions), for the
    # warning about a date before the last one.
    other_dates: list[date] = field(default_factory=list)

    @property
    def held_on(self) -> date:
        return self.details["held_on"]


class StepPage(QWidget):
    step_id: ClassVar[str] = ""

    edited = Signal(str, dict)  # section, its whole body

    def __init__(self, env: WizardEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.undo_stack = QUndoStack(self)
        self._state: dict = {}
        self._loading = False
        self._loaded = False
        prompt = env.packs.prompts.steps.get(self.step_id)
        if env.own_view:
            # The pack's questions speak to the person; its introductions to the manager.
            title = OWN_STEP_TITLES[self.step_id]
            intro = "\n".join(f"• {q}" for q in prompt.questions) if prompt else ""
        else:
            title = prompt.title if prompt else STEP_TITLES[self.step_id]
            intro = prompt.intro if prompt else ""
        self.setAccessibleName(OWN_STEP_TITLES[self.step_id] if env.own_view
                               else STEP_TITLES[self.step_id])
        self.title_label = heading(title, 1.4)
        self.intro_label = wrapping_label(intro)
        self.content = QWidget()
        self.form = QVBoxLayout(self.content)
        self.form.addWidget(self.title_label)
        self.form.addWidget(self.intro_label)
        self.last_time_offer = None
        if self.step_id in OFFERED:
            from rmp_desktop.ui.wizard.last_time_offer import LastTimeOffer

            self.last_time_offer = LastTimeOffer(self.step_id)
            self.last_time_offer.used.connect(self.start_from_last_time)
            self.form.addWidget(self.last_time_offer)

        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self.content)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)
        self.build()
        self.form.addStretch(1)

    # -- for subclasses --------------------------------------------------------------------------

    def build(self) -> None:
        """Create the controls and connect each one's change signal to `changed(field)`."""
        raise NotImplementedError

    def load(self, state: dict) -> None:
        """Put `state` into the controls (signals from them are ignored meanwhile)."""
        raise NotImplementedError

    def collect(self) -> dict:
        """The state as the controls show it now."""
        raise NotImplementedError

    def refresh_context(self) -> None:
        """Redraw what comes from other steps (the document, the person, the details)."""

    def current_state(self) -> dict:
        """The state to load when the page is shown: by default its section of the document."""
        return step_section(self.env.document, self.step_id)

    def publish(self, state: dict) -> None:
        """Emit a new state. Pages whose state is more than their section override this."""
        self.edited.emit(self.step_id, copy.deepcopy(state))

    def first_field(self) -> QWidget | None:
        """Where keyboard focus goes when the step is reached with Back or Next."""
        return self.content.focusProxy() or next(
            (w for w in self.content.findChildren(QWidget)
             if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisibleTo(self)
             and w.isEnabled()), None)

    def field_label(self, field: str) -> str:
        return field.replace("_", " ")

    # -- the one edit path -----------------------------------------------------------------------

    def changed(self, field: str) -> None:
        if self._loading or not self._loaded or self.env.read_only:
            return
        new = self.collect()
        if new == self._state:
            return
        command = FieldEdit(self, field, self.field_label(field), self._state, new)
        self._state = copy.deepcopy(new)
        self.undo_stack.push(command)
        self.after_change(field)
        self.publish(new)

    def after_change(self, field: str) -> None:
        """Update flags, counts or warnings after an edit (and after undo)."""

    def restore_state(self, state: dict) -> None:
        """Undo and redo: show `state` and save it (never on a record that is fixed)."""
        if self.env.read_only:
            return
        self._set(state)
        self.after_change("")
        self.publish(state)
        self._show_last_time_offer()

    def show_step(self) -> None:
        """Called each time the page is about to be shown."""
        self.refresh_context()
        state = self.current_state()
        if not self._loaded or state != self._state:
            self._set(state)
        self.after_change("")
        self._show_last_time_offer()
        self.order_tabs()

    def order_tabs(self) -> None:
        """Tab through the page top to bottom (again after controls were added to it). The
        walk is skipped while the page holds the same widgets as when it was last ordered."""
        held = tuple(map(id, self.content.findChildren(QWidget)))
        if held != getattr(self, "_tab_ordered_for", None):
            tab_in_reading_order(self.content)
            self._tab_ordered_for = held

    def _set(self, state: dict) -> None:
        self._loading = True
        try:
            self.load(copy.deepcopy(state))
        finally:
            self._loading = False
        self._state = copy.deepcopy(state)
        self._loaded = True

    # -- "start from last time" --------------------------------------------------------------

    def last_time_section(self) -> dict | None:
        last = self.env.last_time
        return dict(last.document.get(self.step_id) or {}) if last is not None else None

    def _show_last_time_offer(self) -> None:
        if self.last_time_offer is None:
            return
        last = self.last_time_section()
        fresh = last is not None and start_from(self.step_id, self._state, last) != self._state
        can = not self.env.read_only and has_offer(self.step_id, last) and fresh
        held = self.env.last_time.held_on if self.env.last_time is not None else None
        self.last_time_offer.show_offer(held if can else None)

    def start_from_last_time(self) -> None:
        """Copy last time's answers into this step, as one edit Ctrl+Z takes back."""
        last = self.last_time_section()
        if last is None or self.env.read_only:
            return
        new = start_from(self.step_id, self._state, last)
        if new == self._state:
            return
        command = FieldEdit(self, "last_time", "start from last time", self._state, new)
        self._set(new)
        self.undo_stack.push(command)
        self.after_change("")
        self.publish(new)
        self._show_last_time_offer()
        (self.first_field() or self).setFocus()

    def set_read_only(self, read_only: bool) -> None:
        for widget in self.content.findChildren(QWidget):
            set_editable(widget, not read_only)
        if read_only:  # nothing typed before the record was fixed can be undone into view
            self.undo_stack.clear()
        self.apply_read_only(read_only)

    def apply_read_only(self, read_only: bool) -> None:
        """Pages with custom controls (the wheel, list editors) lock them here."""
