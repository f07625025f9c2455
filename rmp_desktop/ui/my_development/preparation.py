"""My preparation: the conversation's own pages, each showing only my columns, saved as I type.

The pages are the wizard's (with `own_view`), in the order of domain.prep_document.OWN_STEPS,
plus the two steps only a preparation has (what I propose, my questions). Every edit goes the
wizard's one way: the page emits its section, the Autosaver writes it (at most a second
behind) as one preparation part, translated by domain.prep_document.
"""

from __future__ import annotations

import copy
import logging
from datetime import date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from rmp_desktop.domain.conversation import Kind, replace_contents
from rmp_desktop.domain.prep_document import (
    OWN_STEP_IDS,
    OWN_STEP_TITLES,
    answered,
    as_document,
    as_part,
    own_section,
    set_own_section,
)
from rmp_desktop.ui.autosave import Autosaver
from rmp_desktop.ui.wizard.page_aspirations import AspirationsPage
from rmp_desktop.ui.wizard.page_base import StepPage, WizardEnv
from rmp_desktop.ui.wizard.page_competencies import CompetenciesPage
from rmp_desktop.ui.wizard.page_looking_back import LookingBackPage
from rmp_desktop.ui.wizard.page_proposals import ProposalsPage, QuestionsPage
from rmp_desktop.ui.wizard.page_reflection import ReflectionPage
from rmp_desktop.ui.wizard.page_transition import TransitionPage
from rmp_desktop.ui.wizard.page_wellbeing import WellbeingPage
from rmp_desktop.ui.wizard.page_wheel import WheelPage
from rmp_desktop.ui.wizard.step_list import StepIdRole, StepList

log = logging.getLogger(__name__)

OWN_PAGES: tuple[type[StepPage], ...] = (
    ReflectionPage, LookingBackPage, WellbeingPage, AspirationsPage, CompetenciesPage,
    TransitionPage, WheelPage, ProposalsPage, QuestionsPage)


class PreparationEditor(QWidget):
    stepChanged = Signal(str)

    def __init__(self, context, mine, me, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.mine = mine  # storage.my_development.MyDevelopmentRepository
        self.packs = context.packs()
        # The pages' live document; the same dict as self.env.document, typed as my own.
        self.document = as_document(mine.preparation(), self.packs)
        # No conversation yet: the pages of one's own view read none of its details, so
        # today and no manager only stand in.
        self.env = WizardEnv(conversation_id=-1, packs=self.packs, person=me.member,
                             document=self.document,
                             details={"kind": Kind.BOTH, "held_on": date.today(),
                                      "manager_name": ""},
                             own_view=True)
        self.saver = Autosaver(self._save, self)
        self.saver.saved.connect(self._saved)
        self.saver.failed.connect(self._save_failed)
        self.current = ""
        self.setAccessibleName("My preparation")

        self.step_list = StepList(titles=OWN_STEP_TITLES)
        self.step_list.setAccessibleName("Parts of my preparation")
        self.step_list.setAccessibleDescription(
            "Open any part in any order; a tick marks a part you have written something in. "
            "Ctrl+L comes here.")
        self.step_list.step_model.set_steps(OWN_STEP_IDS)
        self.stack = QStackedWidget()
        self.pages: dict[str, StepPage] = {}
        for cls in OWN_PAGES:
            page = cls(self.env)
            self.pages[cls.step_id] = page
            self.stack.addWidget(page)
            page.edited.connect(self._section_edited)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.step_list)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([self.step_list.sizeHint().width(),
                           self.fontMetrics().averageCharWidth() * 100])

        self.back_button = QPushButton("◀ Back")
        self.back_button.setAccessibleName("Back to the previous part")
        self.back_button.setToolTip("Alt+Left or Ctrl+Page Up")
        self.next_button = QPushButton("Next ▶")
        self.next_button.setAccessibleName("Next part")
        self.next_button.setToolTip("Alt+Right or Ctrl+Page Down")
        self.position = QLabel()
        self.save_state = QLabel("All changes saved")
        self.save_state.setAccessibleDescription("Whether your changes are saved")
        bar = QHBoxLayout()
        bar.addWidget(self.back_button)
        bar.addWidget(self.position)
        bar.addStretch(1)
        bar.addWidget(self.save_state)
        bar.addStretch(1)
        bar.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter, 1)
        layout.addLayout(bar)
        QWidget.setTabOrder(self.step_list, self.stack)

        self.undo_group = QUndoGroup(self)
        for page in self.pages.values():
            self.undo_group.addStack(page.undo_stack)
        self.undo_action = self.undo_group.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_group.createRedoAction(self, "&Redo")
        redo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        if QKeySequence("Ctrl+Shift+Z") not in redo_keys:
            redo_keys.append(QKeySequence("Ctrl+Shift+Z"))
        self.redo_action.setShortcuts(redo_keys)
        self.back_action = QAction("&Back", self)
        self.back_action.setShortcuts([QKeySequence("Alt+Left"), QKeySequence("Ctrl+PgUp")])
        self.next_action = QAction("&Next", self)
        self.next_action.setShortcuts([QKeySequence("Alt+Right"), QKeySequence("Ctrl+PgDown")])
        self.steps_action = QAction("Go to the &list of parts", self)
        self.steps_action.setShortcut(QKeySequence("Ctrl+L"))
        for action in (self.undo_action, self.redo_action, self.back_action, self.next_action,
                       self.steps_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)

        self.step_list.selectionModel().currentChanged.connect(self._list_moved)
        self.back_button.clicked.connect(lambda: self.move_step(-1))
        self.next_button.clicked.connect(lambda: self.move_step(1))
        self.back_action.triggered.connect(lambda: self.move_step(-1, focus=True))
        self.next_action.triggered.connect(lambda: self.move_step(1, focus=True))
        self.steps_action.triggered.connect(lambda: self.step_list.setFocus(
            Qt.FocusReason.ShortcutFocusReason))
        self._update_complete()
        self.go_to(OWN_STEP_IDS[0])

    # -- moving ----------------------------------------------------------------------------------

    def move_step(self, delta: int, *, focus: bool = False) -> None:
        index = OWN_STEP_IDS.index(self.current) + delta if self.current else 0
        if 0 <= index < len(OWN_STEP_IDS):
            self.go_to(OWN_STEP_IDS[index], focus=focus)

    def go_to(self, step: str, *, focus: bool = False) -> None:
        if step not in OWN_STEP_IDS:
            return
        held = QApplication.focusWidget()
        # Focus on the part being left goes to the new part, never to a control unseen.
        focus = focus or (held is not None and self.stack.isAncestorOf(held))
        self.saver.flush()
        page = self.pages[step]
        page.show_step()
        self.stack.setCurrentWidget(page)
        self.undo_group.setActiveStack(page.undo_stack)
        self.step_list.step_model.set_current(step)
        self.step_list.select_step(step)
        previous, self.current = self.current, step
        index = OWN_STEP_IDS.index(step)
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(OWN_STEP_IDS) - 1)
        self.position.setText(f"Part {index + 1} of {len(OWN_STEP_IDS)}")
        if previous != step:
            page.scroll_area.verticalScrollBar().setValue(0)
        if focus:
            target = page.first_field()
            (target or page).setFocus(Qt.FocusReason.TabFocusReason)
        self.stepChanged.emit(step)

    def _list_moved(self, current, _previous) -> None:
        step = current.data(StepIdRole) if current.isValid() else None
        if step and step != self.current:
            self.go_to(step)

    def page(self, step: str) -> StepPage:
        return self.pages[step]

    # -- the one save path -----------------------------------------------------------------------

    def _section_edited(self, section: str, body: dict) -> None:
        set_own_section(self.document, section, copy.deepcopy(body))
        self.saver.changed(section, body)
        self.save_state.setText("Saving…")
        self._update_complete()

    def _save(self, section: str, body: dict) -> None:
        part, value = as_part(section, body, self.packs)
        self.mine.save_part(part, value)

    def _saved(self, _section: str) -> None:
        if not self.saver.pending:
            self.save_state.setText(f"All changes saved at {datetime.now():%H:%M:%S}")

    def _save_failed(self, _section: str, message: str) -> None:
        self.save_state.setText(f"⚠ Not saved yet ({message}): trying again every second")

    def flush(self) -> bool:
        """Write everything pending now (before sending, switching view or quitting)."""
        return self.saver.flush()

    def reload(self, me) -> None:
        """Read the preparation again (after my details change or a record copy arrives, which
        brings last period's objectives); what was typed is saved first."""
        self.flush()
        self.env.person = me.member
        replace_contents(self.document, as_document(self.mine.preparation(), self.packs))
        for page in self.pages.values():
            page.undo_stack.clear()
        if self.current:
            self.pages[self.current].show_step()
        self._update_complete()

    def _update_complete(self) -> None:
        model = self.step_list.step_model
        for step in OWN_STEP_IDS:
            model.set_complete(step, answered(step, own_section(self.document, step), self.packs))
