"""The conversation wizard: step list, the step's page, its prompts, Back and Next.

ConversationWidget can sit inside any window; ConversationWindow is it as a
top-level window with menus. Every edit goes one way: a page emits its section
body, the Autosaver debounces it, and `_save` writes it through the repository.
The step shown is saved the same way, so reopening resumes where the user left.
"""

from __future__ import annotations

import copy
import dataclasses
import logging
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent, QUndoGroup
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from rmp_desktop.domain.completeness import step_complete
from rmp_desktop.domain.conversation import (
    STEP_IDS,
    ConversationDetails,
    Kind,
    Status,
    replace_contents,
    set_section,
    steps_for,
)
from rmp_desktop.domain.dates import display_date, from_iso
from rmp_desktop.domain.held_on import Dated, other_dates
from rmp_desktop.storage.errors import RecordLocked
from rmp_desktop.storage.packs_for_record import packs_to_show
from rmp_desktop.ui.accessibility import announce
from rmp_desktop.ui.amend_dialog import Opener
from rmp_desktop.ui.autosave import Autosaver
from rmp_desktop.ui.widgets import scaled_font, wrapping_label
from rmp_desktop.ui.window_fit import keep_on_screen, open_fitted, size_in_font
from rmp_desktop.ui.wizard.page_base import StepPage, WizardEnv
from rmp_desktop.ui.wizard.page_setup import SetupPage
from rmp_desktop.ui.wizard.page_summary import SummaryPage
from rmp_desktop.ui.wizard.pages import PAGE_CLASSES
from rmp_desktop.ui.wizard.prompts_panel import PromptsPanel
from rmp_desktop.ui.wizard.step_list import StepIdRole, StepList

log = logging.getLogger(__name__)

DETAILS = "details"  # Autosaver keys beside the sections: the conversation's own fields
STEP = "step"  # and the step to resume at


class ConversationWidget(QWidget):
    stepChanged = Signal(str)
    changed = Signal(int)  # conversation id: kind, date, manager or status changed, or closed
    readOnlyChanged = Signal(bool)

    def __init__(self, context, conversation_id: int, parent: QWidget | None = None, *,
                 opener: Opener | None = None):
        super().__init__(parent)
        self.context = context
        self._opener = opener  # how another conversation (an amendment) is opened in a window
        store = context.store()
        self.repo = store.conversations
        self.meta = self.repo.get(conversation_id)
        self.conversation_id = conversation_id
        person = store.staff.get(self.meta.person_id)
        shown = packs_to_show(self.meta.pack_refs, self.repo.pack_snapshot, context.packs())
        packs, self.pack_problems = shown.packs, shown.problems
        document = self.repo.document(conversation_id)
        self.env = WizardEnv(
            conversation_id=conversation_id, packs=packs.for_document(document), person=person,
            document=document,
            details={"kind": self.meta.kind, "held_on": self.meta.held_on,
                     "manager_name": self.meta.manager_name},
            read_only=not self.meta.editable, all_packs=packs,
            last_time=_last_time(store, self.meta),
            other_dates=other_dates(conversation_id, [
                Dated(m.id, m.held_on, m.supersedes_id)
                for m in self.repo.list_for_person(self.meta.person_id)]))
        # A record that fails the store's rules is shown as not trustworthy, never as "Locked",
        # and is not edited further (a signed record turned back into a draft, say).
        self.trust_problems = record_problems(store, conversation_id)
        if self.trust_problems:
            self.env.read_only = True
        # A pause writes the notes on a worker thread; the step and the details, which change
        # what this window shows, are written here.
        self.saver = Autosaver(self._save, self, write_off_thread=self._write_section,
                               off_thread_sections=STEP_IDS)
        self.saver.saved.connect(self._saved)
        self.saver.failed.connect(self._save_failed)
        self.current = ""
        self._navigating = False

        # The sign-off, export, amend or print dialog most recently opened.
        self.open_dialog: QDialog | None = None
        self._build(person)
        self._connect()
        for page in self.pages.values():
            page.set_read_only(self.env.read_only)
        self._update_record_actions()
        self._show_banner()
        self._update_differences()
        self._update_steps()
        start = self.meta.current_step if self.meta.current_step in self.step_list.step_model.steps() \
            else "setup"
        self.go_to(start, focus=True)

    # -- building --------------------------------------------------------------------------------

    def _build(self, person) -> None:
        self.setAccessibleName("Conversation")
        self.banner = wrapping_label()
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setMargin(self.fontMetrics().height() // 2)
        self.banner.setAccessibleDescription("The state of this record")
        self.banner.hide()
        self.export_button = QPushButton("E&xport PDF…")
        self.export_button.setAccessibleName("Export PDF")
        self.export_button.setAccessibleDescription("Save this record as a PDF")
        self.amend_button = QPushButton("&Amend…")
        self.amend_button.setAccessibleName("Amend this signed record")
        self.signoff_button = QPushButton("&Sign off…")
        self.signoff_button.setAccessibleName("Sign off: give the second signature")
        # Where a preparation brought in says something else than the draft (shown while any wait).
        self.differences_button = QPushButton()
        self.differences_button.hide()
        record_bar = QHBoxLayout()
        record_bar.addWidget(self.banner, 1)
        for button in (self.differences_button, self.signoff_button, self.amend_button,
                       self.export_button):
            # Right-aligned: with no banner beside it a button would otherwise span the window.
            record_bar.addWidget(button, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setFont(scaled_font(self.title, 1.15))
        self.title.setTextFormat(Qt.TextFormat.PlainText)

        self.step_list = StepList()
        self.stack = QStackedWidget()
        self.pages: dict[str, StepPage] = {}
        for cls in PAGE_CLASSES:
            made: StepPage = cls(self.env)
            self.pages[cls.step_id] = made
            self.stack.addWidget(made)
        self.prompts = PromptsPanel(self.env.packs.prompts)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.step_list)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.prompts)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 1)
        char = self.fontMetrics().averageCharWidth()
        self.splitter.setSizes([self.step_list.sizeHint().width(), char * 90, char * 36])

        self.back_button = QPushButton("◀ Back")
        self.back_button.setAccessibleName("Back to the previous step")
        self.back_button.setToolTip("Alt+Left or Ctrl+Page Up")
        self.next_button = QPushButton("Next ▶")
        self.next_button.setAccessibleName("Next step")
        self.next_button.setToolTip("Alt+Right or Ctrl+Page Down")
        self.prompts_button = QPushButton("Hide prompts")
        self.prompts_button.setAccessibleName("Hide prompts")
        self.prompts_button.setAccessibleDescription(
            "Shows or hides the questions and good practice beside the step")
        self.prompts_button.setCheckable(True)
        self.save_state = QLabel("All changes saved")
        self.save_state.setAccessibleDescription("Whether your changes are saved")
        self.position = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.back_button)
        bar.addWidget(self.position)
        bar.addStretch(1)
        bar.addWidget(self.save_state)
        bar.addStretch(1)
        bar.addWidget(self.prompts_button)
        bar.addWidget(self.next_button)

        layout = QVBoxLayout(self)
        layout.addLayout(record_bar)
        layout.addWidget(self.title)
        layout.addWidget(self.splitter, 1)
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
        self.steps_action = QAction("Go to the &step list", self)
        self.steps_action.setShortcut(QKeySequence("Ctrl+L"))
        self.signoff_action = QAction("&Sign off…", self)
        self.export_action = QAction("E&xport as PDF…", self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.amend_action = QAction("&Amend signed record…", self)
        self.print_action = QAction("&Print record…", self)
        self.print_action.setShortcuts(QKeySequence.StandardKey.Print)
        self.print_plan_action = QAction("Print p&lan…", self)
        self.help_action = QAction("&Help for this step", self)
        self.help_action.setShortcuts(QKeySequence.StandardKey.HelpContents)
        for action in (self.undo_action, self.redo_action, self.back_action, self.next_action,
                       self.steps_action, self.help_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)

    def _connect(self) -> None:
        self.step_list.selectionModel().currentChanged.connect(self._list_moved)
        self.back_button.clicked.connect(lambda: self.move_step(-1))
        self.next_button.clicked.connect(lambda: self.move_step(1))
        self.back_action.triggered.connect(lambda: self.move_step(-1, focus=True))
        self.next_action.triggered.connect(lambda: self.move_step(1, focus=True))
        self.steps_action.triggered.connect(lambda: self.step_list.setFocus())
        self.prompts_button.toggled.connect(self._toggle_prompts)
        for page in self.pages.values():
            page.edited.connect(self._section_edited)
        self._setup_page().detailsEdited.connect(self._details_edited)
        summary = self._summary_page()
        summary.signRequested.connect(lambda _id: self.open_signoff())
        summary.set_sign_available(True)
        self.differences_button.clicked.connect(lambda _checked=False: self.open_differences())
        self.help_action.triggered.connect(lambda _checked=False: self.open_help())
        self.print_action.triggered.connect(lambda _checked=False: self.open_print())
        self.print_plan_action.triggered.connect(
            lambda _checked=False: self.open_print(plan_only=True))
        for action, button, slot in (
                (self.signoff_action, self.signoff_button, self.open_signoff),
                (self.export_action, self.export_button, self.open_export),
                (self.amend_action, self.amend_button, self.open_amend)):
            action.triggered.connect(lambda _checked=False, s=slot: s())
            button.clicked.connect(lambda _checked=False, s=slot: s())

    # -- moving between steps --------------------------------------------------------------------

    def steps(self) -> tuple[str, ...]:
        return self.step_list.step_model.steps()

    def move_step(self, delta: int, *, focus: bool = False) -> None:
        steps = self.steps()
        index = steps.index(self.current) + delta if self.current in steps else 0
        if 0 <= index < len(steps):
            self.go_to(steps[index], focus=focus)

    def go_to(self, step: str, *, focus: bool = False) -> None:
        if step not in self.steps() or self._navigating:
            return
        self._navigating = True
        held = QApplication.focusWidget()
        # Focus on the page being left would fall to whatever Qt finds next, unseen and
        # unsaid (a Space there could add an objective): it goes to the new step instead.
        focus = focus or held is None or self.stack.isAncestorOf(held)
        try:
            self.saver.flush()
            page = self.pages[step]
            page.show_step()
            self.stack.setCurrentWidget(page)
            self.undo_group.setActiveStack(page.undo_stack)
            self.prompts.show_step(step)
            self.step_list.step_model.set_current(step)
            self.step_list.select_step(step)
            previous, self.current = self.current, step
            steps = self.steps()
            index = steps.index(step)
            self.back_button.setEnabled(index > 0)
            self.next_button.setEnabled(index < len(steps) - 1)
            self.position.setText(f"Step {index + 1} of {len(steps)}")
            page.scroll_area.verticalScrollBar().setValue(0) if previous != step else None
            if previous and step != self.meta.current_step:
                self.saver.changed(STEP, {"step": step})
        finally:
            self._navigating = False
        if focus:
            target = page.first_field()
            (target or page).setFocus(Qt.FocusReason.TabFocusReason)
        self.stepChanged.emit(step)

    def _list_moved(self, current, _previous) -> None:
        step = current.data(StepIdRole) if current.isValid() else None
        if step and step != self.current:
            self.go_to(step)

    def _toggle_prompts(self, hidden: bool) -> None:
        self.prompts.setVisible(not hidden)
        words = "Show prompts" if hidden else "Hide prompts"
        self.prompts_button.setText(words)
        self.prompts_button.setAccessibleName(words)

    # -- the one save path -----------------------------------------------------------------------

    def _section_edited(self, section: str, body: dict) -> None:
        if self.env.read_only:
            return
        set_section(self.env.document, section, copy.deepcopy(body))
        if section == "competencies" and self.env.all_packs is not None:
            self.env.packs = self.env.all_packs.for_document(self.env.document)
        self.saver.changed(section, body)
        self.save_state.setText("Saving…")
        self._update_complete()

    def _details_edited(self, details: dict) -> None:
        if self.env.read_only:
            return
        held_on = from_iso(details["held_on"])
        if held_on is None:
            return  # the date field only ever gives a date
        new: ConversationDetails = {"kind": Kind(details["kind"]), "held_on": held_on,
                                    "manager_name": details["manager_name"]}
        if new == self.env.details:
            return
        kind_changed = new["kind"] != self.env.details.get("kind")
        self.env.details.update(new)
        self.saver.changed(DETAILS, dict(details))
        self.save_state.setText("Saving…")
        self._update_title()
        if kind_changed:
            self._update_steps()
        self._update_complete()

    def _save(self, section: str, body: dict) -> None:
        try:
            if section == STEP:
                self.repo.set_current_step(self.conversation_id, body["step"])
                self.meta = dataclasses.replace(self.meta, current_step=body["step"])
            elif section == DETAILS:
                self.meta = self.repo.update_details(
                    self.conversation_id, kind=body["kind"],
                    held_on=from_iso(body["held_on"]), manager_name=body["manager_name"])
                self.changed.emit(self.conversation_id)
            else:
                self.repo.save_section(self.conversation_id, section, body)
        except RecordLocked:
            # Signed elsewhere meanwhile: the content is fixed, so this edit cannot be kept.
            log.warning("conversation %s locked while editing; edit not saved", self.conversation_id)
            self._lock(Status.AWAITING_SIGNOFF, lost_edit=True)

    def _write_section(self, section: str, before: dict | None, body: dict) -> None:
        """The Autosaver's worker thread: only the repository, nothing of the window. Given
        what it wrote last time, only the change is sent."""
        self.repo.save_section(self.conversation_id, section, body, before=before)

    def _saved(self, _section: str) -> None:
        if not self.saver.pending and not self.env.read_only:
            self.save_state.setText(f"All changes saved at {datetime.now():%H:%M:%S}")

    def _save_failed(self, _section: str, message: str) -> None:
        self.save_state.setText("⚠ Not saved yet: trying again")
        self.banner.setText(f"⚠ Your latest changes could not be saved yet ({message}). They are "
                            "kept and saving is retried every second; do not close the window.")
        self.banner.show()
        announce(self.banner, self.banner.text(), assertive=True)

    def flush(self) -> bool:
        """Write everything pending now: before switching person, closing, or quitting."""
        return self.saver.flush()

    def close_conversation(self) -> bool:
        saved = self.flush()
        self.changed.emit(self.conversation_id)
        return saved

    # -- state shown -------------------------------------------------------------------------------

    def _update_steps(self) -> None:
        steps = steps_for(self.env.details["kind"])
        self.step_list.step_model.set_steps(steps)
        self.step_list.step_model.set_current(self.current)
        self._update_complete()
        if self.current and self.current in steps:
            self.step_list.select_step(self.current)
            index = steps.index(self.current)
            self.back_button.setEnabled(index > 0)
            self.next_button.setEnabled(index < len(steps) - 1)
            self.position.setText(f"Step {index + 1} of {len(steps)}")
        self._update_title()

    def _update_complete(self) -> None:
        model = self.step_list.step_model
        for step in model.steps():
            model.set_complete(step, step_complete(step, self.env.document, self.env.details,
                                                   self.env.packs))

    def _update_title(self) -> None:
        details = self.env.details
        version = f", version {self.meta.version}" if self.meta.version > 1 else ""
        text = (f"{self.env.person.display_name}: {Kind(details['kind']).label}, "
                f"{display_date(details['held_on'])}{version}")
        self.title.setText(text)
        window = self.window()
        if window is not self and isinstance(window, ConversationWindow):
            # Two windows of one person are told apart by the kind, date, version and state.
            window.setWindowTitle(
                f"{self.env.person.listed_name}: {Kind(details['kind']).label}, "
                f"{display_date(details['held_on'])}{version} ({self.meta.status.label.lower()})"
                " — Realising My Potential")

    def _show_banner(self) -> None:
        parts = [amendment_text(self.repo, self.meta)] if self.meta.supersedes_id else []
        if self.trust_problems:
            parts.append(distrust_text(self.trust_problems))
            self.save_state.setText("Read-only: this record cannot be trusted")
        elif self.env.read_only:
            parts.append(lock_text(self.context.store(), self.meta))
            self.save_state.setText("Read-only: nothing here can be changed")
        parts += [f"Note: {p}." for p in self.pack_problems]
        self.banner.setText(" ".join(parts))
        self.banner.setVisible(bool(parts))

    def _lock(self, status: Status, *, lost_edit: bool = False) -> None:
        self.env.read_only = True
        for page in self.pages.values():
            page.set_read_only(True)
        self.meta = self.repo.get(self.conversation_id)
        self._update_record_actions()
        self._show_banner()
        self._update_title()
        self._update_differences()
        if lost_edit:
            self.banner.setText(self.banner.text() + " The last edit made here was not saved.")
        self.readOnlyChanged.emit(True)

    def reload_from_store(self) -> None:
        """Show the document as the store has it now, after a change written elsewhere (a
        preparation brought in, a difference settled). Whoever wrote it flushed this window
        first, so nothing typed here is lost; undo starts afresh from the new content."""
        self.flush()
        replace_contents(self.env.document, self.repo.document(self.conversation_id))
        for page in self.pages.values():
            page.undo_stack.clear()
        if self.current:
            self.pages[self.current].show_step()
        self._update_complete()
        self._update_differences()
        self.changed.emit(self.conversation_id)

    def _update_differences(self) -> None:
        """Offer the choice between a preparation's words and the draft's while any waits."""
        from rmp_desktop.storage.prep_import import pending_conflicts

        waiting = [] if self.env.read_only else pending_conflicts(self.context.store(),
                                                                  self.conversation_id)
        self.differences_button.setVisible(bool(waiting))
        text = f"Choose between their words and the draft's ({len(waiting)})…"
        self.differences_button.setText(text)
        self.differences_button.setAccessibleName(text.rstrip("…"))

    def open_differences(self):
        from rmp_desktop.ui.prep_conflicts_dialog import ConflictsDialog

        dialog = ConflictsDialog(self.context, self.conversation_id, self, save_first=self.flush,
                                 show_after=self.reload_from_store)
        dialog.settled.connect(lambda _id: self._update_differences())
        return self._present(dialog)

    def reload_status(self) -> None:
        """After a signature elsewhere (the sign-off dialog): lock the window if the record is fixed."""
        self.flush()
        meta = self.repo.get(self.conversation_id)
        if not meta.editable and not self.env.read_only:
            self._lock(meta.status)
        self.changed.emit(self.conversation_id)

    def page(self, step: str) -> StepPage:
        return self.pages[step]

    def _setup_page(self) -> SetupPage:
        page = self.pages["setup"]
        assert isinstance(page, SetupPage)
        return page

    def _summary_page(self) -> SummaryPage:
        page = self.pages["summary"]
        assert isinstance(page, SummaryPage)
        return page

    # -- sign-off, export and amendment ----------------------------------------------------------

    def _update_record_actions(self) -> None:
        status = self.meta.status
        awaiting = status is Status.AWAITING_SIGNOFF
        summary = self._summary_page()
        summary.second_signature_due = awaiting
        summary.after_change("")
        # Nothing is signed or amended on top of a record that fails its check: an amendment
        # would copy what was changed behind the application's back.
        trusted = not self.trust_problems
        self.signoff_action.setEnabled(trusted and status in (Status.DRAFT,
                                                              Status.AWAITING_SIGNOFF))
        self.amend_action.setEnabled(trusted and status is Status.SIGNED)
        self.signoff_button.setVisible(trusted and awaiting)
        self.amend_button.setVisible(trusted and status is Status.SIGNED)
        self.export_button.setVisible(status is not Status.DRAFT)

    def open_signoff(self):
        from rmp_desktop.ui.signoff_dialog import SignOffDialog

        if not self.flush():  # sign what is saved, never less
            self._save_failed("", "the store could not be written")
            return None
        dialog = SignOffDialog(self.context, self.conversation_id, self)
        dialog.signed.connect(self._signed)
        dialog.goToStep.connect(lambda step: self.go_to(step, focus=True))
        return self._present(dialog)

    def _signed(self, _conversation_id: int, status: str) -> None:
        self._lock(Status(status))
        self.changed.emit(self.conversation_id)

    def open_export(self):
        from rmp_desktop.ui.export_dialog import ExportDialog

        self.flush()
        return self._present(ExportDialog(self.context, self.conversation_id, self))

    def open_help(self):
        """F1: the guide at this step's help (its purpose, questions and good practice)."""
        from rmp_desktop.ui.guide_window import open_guide

        return open_guide(self, self.env.packs.prompts, f"step:{self.current or 'setup'}")

    def open_print(self, *, plan_only: bool = False, **kwargs):
        """Print the record (or its plan alone) as it is saved now."""
        from rmp_desktop.ui.printing import print_record, printed_words

        self.flush()
        dialog = print_record(self, self.context, self.conversation_id, plan_only=plan_only,
                              on_done=lambda pages: self.save_state.setText(
                                  printed_words(pages)), **kwargs)
        self.open_dialog = dialog
        return dialog

    def open_amend(self):
        from rmp_desktop.ui.amend_dialog import AmendDialog

        if self.meta.status is not Status.SIGNED or self._opener is None:
            return None
        dialog = AmendDialog(self.context, self.conversation_id, self, opener=self._opener)
        dialog.amendmentStarted.connect(lambda _id: self.changed.emit(self.conversation_id))
        return self._present(dialog)

    def _present(self, dialog):
        """Open window-modal without a nested event loop; freed when it closes."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.open_dialog = dialog
        dialog.open()
        return dialog


def _last_time(store, meta):
    """The signed record a draft follows, for "start from last time"; None for an amendment
    (a copy already) and for anything no longer a draft."""
    if not meta.editable or meta.supersedes_id is not None:
        return None
    from rmp_desktop.storage.last_time import last_signed

    with store.engine.connect() as conn:
        return last_signed(conn, meta.person_id, before=meta.id)


def record_problems(store, conversation_id: int) -> list[str]:
    """What the store's rules find wrong with this record (storage.integrity), in words."""
    from rmp_desktop.storage.record_checks import record_problems as problems_of

    try:
        return problems_of(store, [conversation_id]).get(conversation_id, [])
    except Exception:  # noqa: BLE001 - a check that cannot run must not stop the window
        log.exception("could not check record %s", conversation_id)
        return []


def distrust_text(problems: list[str]) -> str:
    listed = "; ".join(problems[:3]) + (f"; and {len(problems) - 3} more" if len(problems) > 3
                                        else "")
    return (f"⚠ Not trustworthy: {listed}. It is shown read-only and must not be relied on; "
            "run `rmp-desktop check` and restore a backup.")


def amendment_text(repo, meta) -> str:
    """Which version an amendment is, what it corrects and why, in words for its banner."""
    try:
        amended = f"version {repo.get(meta.supersedes_id).version}"
    except LookupError:
        amended = "an earlier version"
    reason = " ".join(meta.amendment_reason.split()) or "no reason was recorded"
    then = f" Once signed by both, it replaces {amended}." if meta.status is Status.DRAFT else ""
    return (f"Amendment: this is version {meta.version} of the {meta.kind.label.lower()} held on "
            f"{display_date(meta.held_on)}, correcting {amended}. Why: {reason}.{then}")


def lock_text(store, meta) -> str:
    """The read-only banner: when the record was signed and that it is locked, in words."""
    from rmp_desktop.storage.signoff_repo import SignoffRepository

    signatures = SignoffRepository.of(store).signatures(meta.id)
    times = sorted(s.signed_at for s in signatures if s.signed_at)
    first = display_date(times[0]) if times else display_date(meta.updated_at)
    last = display_date(times[-1]) if times else first
    if meta.status is Status.AWAITING_SIGNOFF:
        return (f"Awaiting sign-off since {first} — read-only. Locked: the content is fixed "
                "while the second signature is awaited.")
    if meta.status is Status.SUPERSEDED:
        return (f"Signed on {last} and since replaced by an amendment — read-only. Locked: "
                "open the newer version to see what changed.")
    return (f"Signed on {last} — read-only. Locked: a signed record never changes; to correct "
            "it, start an amendment.")


class ConversationWindow(QMainWindow):
    """One conversation in its own window, with Edit and Go menus for its actions."""

    closed = Signal(int)

    def __init__(self, context, conversation_id: int, parent: QWidget | None = None, *,
                 opener: Opener | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.conversation = ConversationWidget(context, conversation_id, self, opener=opener)
        self.setCentralWidget(self.conversation)
        self.menuBar().setAccessibleName("Menu bar")
        conversation = self.menuBar().addMenu("&Conversation")
        for action in (self.conversation.signoff_action, self.conversation.export_action,
                       self.conversation.print_action, self.conversation.print_plan_action,
                       self.conversation.amend_action):
            conversation.addAction(action)
        conversation.addSeparator()
        close = conversation.addAction("&Close")
        close.setShortcuts(QKeySequence.StandardKey.Close)
        close.triggered.connect(self.close)
        self.close_action = close
        edit = self.menuBar().addMenu("&Edit")
        edit.addAction(self.conversation.undo_action)
        edit.addAction(self.conversation.redo_action)
        go = self.menuBar().addMenu("&Go")
        go.addAction(self.conversation.back_action)
        go.addAction(self.conversation.next_action)
        go.addAction(self.conversation.steps_action)
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self.conversation.help_action)
        self.conversation._update_title()
        open_fitted(self, size_in_font(self, 170, 48))

    @property
    def conversation_id(self) -> int:
        return self.conversation.conversation_id

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        keep_on_screen(self)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self.conversation.close_conversation():
            answer = QMessageBox.warning(
                self, "Changes not saved",
                "The latest changes could not be saved. Close anyway and lose them?",
                QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Close:
                event.ignore()
                return
        self.closed.emit(self.conversation_id)
        event.accept()
