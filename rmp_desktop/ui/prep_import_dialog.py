"""File > Import preparation: a preparation file or a filled PDF form, brought into the
person's conversation only after the user has seen who it is from and what will come in.

1. The file is read and checked whole (export.prep_form.read_preparation_file); a refusal
   says why in words and nothing is written.
2. The person is found as storage.person_match finds them; when it is not sure it asks, with
   the candidates and "a new person" offered and nothing chosen.
3. A preview (the import worked out and rolled back) lists what fills in, what differs from
   the draft, what the framework no longer has.
4. Bring it in: open conversations are saved first, the import runs in one transaction, and
   the conversation, if open, shows the result; differences wait for a choice side by side.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from rmp_desktop.domain.dates import display_date
from rmp_desktop.domain.wording import counted
from rmp_desktop.ui.accessibility import announce
from rmp_desktop.ui.dialog_fit import FittedDialog
from rmp_desktop.ui.export_dialog import ExportSettings
from rmp_desktop.ui.field_message import field_with_message
from rmp_desktop.ui.keyboard import one_stop_radio_group
from rmp_desktop.ui.widgets import clear_layout, group, heading, scaled_font, wrapping_label

if TYPE_CHECKING:  # the store's modules load when a file is read, not when the dialog opens
    from rmp_desktop.domain.preparation import Preparation
    from rmp_desktop.storage.prep_import import ImportOutcome

log = logging.getLogger(__name__)

ChooseFile = Callable[[QWidget, Path], "Path | None"]
NEW_PERSON = 0  # the radio for "a new person" (store ids start at 1; -1 would mean "any id")


def choose_preparation(parent: QWidget, start: Path) -> Path | None:
    path, _filter = QFileDialog.getOpenFileName(
        parent, "Import preparation", str(start),
        "Preparations (*.json *.pdf);;All files (*)")
    return Path(path) if path else None


def preview_lines(outcome, draft_held_on=None) -> list[str]:
    """What the preview says will happen, in words (from a preview's ImportOutcome)."""
    result = outcome.result
    lines = [f"Into the open draft conversation of {display_date(draft_held_on)}."
             if not outcome.new_draft and draft_held_on else
             "Into a new draft conversation (an appraisal and career conversation, dated "
             "today; change both at set-up)."]
    if result.filled:
        fill = "fills" if len(result.filled) == 1 else "fill"
        lines.append(f"{counted(len(result.filled), 'answer')} {fill} in:")
        lines += [f"  • {label}" for label in result.filled]
    if result.conflicts:
        lines.append(f"{len(result.conflicts)} differ from what the draft says. The draft keeps "
                     "its words until you choose, side by side, after bringing it in:")
        lines += [f"  • {c['label']}" for c in result.conflicts]
    if result.unchanged:
        lines.append(f"{len(result.unchanged)} already say the same in the draft.")
    if result.gone:
        lines.append(f"{len(result.gone)} no longer exist in the framework packs; they stay "
                     "with the import and are not placed in the conversation:")
        lines += [f"  • {g['what']}: {g['label']}" for g in result.gone]
    if result.progress:
        lines.append(f"Progress on {counted(len(result.progress), 'action')} of the last plan, "
                     "shown in Looking back.")
    if not (result.filled or result.conflicts or result.gone):
        lines.append("Nothing new: everything in it is already in the draft.")
    return lines


class PrepImportDialog(FittedDialog):
    imported = Signal(object)  # storage.prep_import.ImportOutcome, once it is in the store

    def __init__(self, context, path: Path | None = None, parent: QWidget | None = None, *,
                 choose: ChooseFile = choose_preparation):
        super().__init__(parent, chars=110)
        self.context = context
        self._choose = choose
        self.prep: Preparation | None = None
        self.digest = ""
        self.person_id: int | None = None
        self.new_person = False
        self.outcome: ImportOutcome | None = None  # the latest preview's, then the import's
        self.brought: ImportOutcome | None = None  # once brought in
        self.open_dialog: QDialog | None = None  # the differences dialog, once opened here

        self.setWindowTitle("Import preparation")
        self.setAccessibleName("Import preparation")
        intro = wrapping_label(
            "A preparation file sent from My development, or a preparation form filled in "
            "with any PDF reader. You see who it is from and what will come in before "
            "anything is written.")
        file_label = QLabel("Preparation &file:")
        self.path = QLineEdit()
        self.path.setAccessibleName("Preparation file")
        self.path.setPlaceholderText(str(ExportSettings(context.paths.settings).folder()
                                         / "preparation.json"))
        file_label.setBuddy(self.path)
        path_box, self.path_error = field_with_message(self.path)
        self.choose_button = QPushButton("&Choose…")
        self.choose_button.setAccessibleName("Choose the preparation")
        self.choose_button.setAutoDefault(False)
        self.read_button = QPushButton("&Read it")
        self.read_button.setAccessibleName("Read it")
        row = QHBoxLayout()
        row.addWidget(path_box, 1)
        row.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.read_button, 0, Qt.AlignmentFlag.AlignTop)

        self.notice = QFrame()
        self.notice.setFrameShape(QFrame.Shape.StyledPanel)
        self.headline = wrapping_label()
        self.headline.setFont(scaled_font(self.headline, 1.1))
        self.message = wrapping_label(selectable=True)
        inside = QVBoxLayout(self.notice)
        inside.addWidget(self.headline)
        inside.addWidget(self.message)
        self.notice.hide()

        self.who_box, who_layout = group("Who it is from")
        self.who = wrapping_label(selectable=True)
        self.choices = QWidget()
        self.choices_layout = QVBoxLayout(self.choices)
        self.choices_layout.setContentsMargins(0, 0, 0, 0)
        self.choice_group = QButtonGroup(self)
        self.choice_group.idToggled.connect(self._person_chosen)
        who_layout.addWidget(self.who)
        who_layout.addWidget(self.choices)
        self.who_box.hide()

        self.preview_box, preview_layout = group("What will come in")
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setTabChangesFocus(True)
        self.preview.setAccessibleName("What will come in")
        self.preview.setMinimumHeight(self.fontMetrics().lineSpacing() * 10)
        preview_layout.addWidget(self.preview)
        self.preview_box.hide()

        self.buttons = QDialogButtonBox()
        self.bring_button = self.buttons.addButton("&Bring it in",
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.bring_button.setAccessibleName("Bring it in")
        self.bring_button.setEnabled(False)
        # Never the default: Enter in the file field reads the file and shows the preview;
        # bringing it in is always a separate, deliberate press.
        self.bring_button.setAutoDefault(False)
        self.differences_button = self.buttons.addButton(
            "Choose between the &differences…", QDialogButtonBox.ButtonRole.ActionRole)
        self.differences_button.setAccessibleName("Choose between the differences")
        self.differences_button.hide()
        self.open_button = self.buttons.addButton("&Open the conversation",
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setAccessibleName("Open the conversation")
        self.open_button.hide()
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close")
        for button in (self.differences_button, self.open_button, close):
            button.setAutoDefault(False)
        self.read_button.setDefault(True)  # Enter reads what is typed in the file field
        self.buttons.accepted.connect(self.bring_in)
        self.buttons.rejected.connect(self.reject)
        self.differences_button.clicked.connect(self.open_differences)
        self.open_button.clicked.connect(self.open_conversation)
        self.choose_button.clicked.connect(self._choose_file)
        self.read_button.clicked.connect(lambda: self.read(Path(self.path.text().strip())))
        self.path.textEdited.connect(self.path_error.clear_error)

        layout = QVBoxLayout(self)
        layout.addWidget(heading("Bring a preparation into a conversation", 1.2))
        layout.addWidget(intro)
        layout.addWidget(file_label)
        layout.addLayout(row)
        layout.addWidget(self.notice)
        layout.addWidget(self.who_box)
        layout.addWidget(self.preview_box, 1)
        layout.addWidget(self.buttons)
        if path is not None:
            self.read(Path(path))
        else:
            self.path.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- reading -------------------------------------------------------------------------------

    def _choose_file(self) -> None:
        start = Path(self.path.text()).parent if self.path.text() else \
            ExportSettings(self.context.paths.settings).folder()
        chosen = self._choose(self, start)
        if chosen:
            self.read(chosen)

    def read(self, path: Path) -> bool:
        """Read and check the file whole, then find the person and preview; True if readable."""
        from rmp_desktop.domain.exchange_json import ExchangeRefused
        from rmp_desktop.export.exchange_files import FileRefused
        from rmp_desktop.export.prep_form import read_preparation_file

        self.path.setText(str(path))
        self.path_error.clear_error()
        self.prep, self.person_id, self.new_person, self.brought = None, None, False, None
        self.outcome = None
        self.who_box.hide()
        self.preview_box.hide()
        self.bring_button.setEnabled(False)
        self.differences_button.hide()
        self.open_button.hide()
        if not str(path).strip() or str(path) == ".":
            self.path_error.show_error("Choose the preparation file or filled form first.")
            self.refit()
            return False
        try:
            with self._busy():
                self.prep, self.digest = read_preparation_file(Path(path).expanduser())
        except (ExchangeRefused, FileRefused) as exc:
            self._notice("✗ Not brought in", f"{exc} Nothing was changed.")
            return False
        self.notice.hide()
        self._fill_choices([])
        self._preview()
        return True

    def _person_chosen(self, button_id: int, on: bool) -> None:
        if not on:
            return
        self.new_person = button_id == NEW_PERSON
        self.person_id = None if self.new_person else button_id
        self._preview(keep_choices=True)

    # -- previewing ----------------------------------------------------------------------------

    def _preview(self, *, keep_choices: bool = False) -> None:
        from rmp_desktop.storage import prep_import
        from rmp_desktop.storage.person_match import WrongPerson

        prep = self.prep
        if prep is None:
            return
        try:
            with self._busy():
                outcome = prep_import.import_preparation(
                    self.context.store(), prep, self.digest, self.context.packs(),
                    person_id=self.person_id, new_person=self.new_person, preview=True)
        except (WrongPerson, LookupError) as exc:
            self._notice("✗ Not brought in", f"{str(exc).strip(chr(39))}")
            self.preview_box.hide()
            self.bring_button.setEnabled(False)
            return
        self.outcome = outcome
        self.who_box.show()
        sent = self._sender(prep)
        if outcome.status in (prep_import.NEEDS_CHOICE, prep_import.NOT_FOUND):
            self.who.setText(f"{sent}\n\n{outcome.message}\n\nSay who it is from; nothing is "
                             "chosen for you.")
            if not keep_choices:
                self._fill_choices(outcome.candidates)
            self.preview_box.hide()
            self.bring_button.setEnabled(False)
            self.notice.hide()
            self.refit()
            return
        how = {"your choice": "the person you chose",
               "added": "a new person, added from the file's details"}
        person = outcome.person  # found, chosen or added: the questions returned above
        found = "" if person is None else (
            f"From {person.full_name}"
            + (f" ({person.display_name})" if person.display_name != person.full_name else "")
            + f": {how.get(outcome.matched_by, 'found by ' + outcome.matched_by)}.")
        self.who.setText(f"{sent}\n\n{found}")
        if not keep_choices:
            self._fill_choices([])
        if outcome.status == prep_import.REPEAT:
            self._notice("✓ Already brought in", outcome.message)
            self.preview_box.hide()
            self.bring_button.setEnabled(False)
            return
        self.notice.hide()
        held_on = None
        if outcome.conversation_id is not None:
            held_on = self.context.store().conversations.get(outcome.conversation_id).held_on
        self.preview.setPlainText("\n".join(preview_lines(outcome, held_on)))
        self.preview_box.show()
        self.bring_button.setEnabled(True)
        self.refit()

    def _sender(self, prep: Preparation) -> str:
        p = prep.person
        extra = ", ".join(filter(None, (p["job_title"], f"band {p['band']}",
                                        p["assignment_number"] and
                                        f"assignment number {p['assignment_number']}",
                                        p["email"])))
        kind = "a filled PDF form" if prep.source == "form" else "a preparation file"
        return (f"The file says it is from {p['full_name']} ({extra}): {kind}, made "
                f"{display_date(prep.made_at[:10])}.")

    def _fill_choices(self, candidates) -> None:
        for button in self.choice_group.buttons():
            self.choice_group.removeButton(button)
            button.hide()
            button.deleteLater()
        clear_layout(self.choices_layout)
        if self.outcome is None or self.outcome.status not in ("needs_choice", "not_found"):
            self.choices.hide()
            return
        for member in candidates:
            text = (f"{member.full_name}: {member.job_title or 'no job title'}, band "
                    f"{member.band}"
                    + (f", assignment number {member.assignment_number}"
                       if member.assignment_number else "")
                    + (f", {member.email}" if member.email else ""))
            self._choice(text, member.id)
        self._choice("A new person, added from the file's details", NEW_PERSON)
        self.choices.show()

    def _choice(self, text: str, button_id: int) -> None:
        radio = QRadioButton(text)
        radio.setAccessibleName(text)
        self.choice_group.addButton(radio, button_id)
        self.choices_layout.addWidget(radio)
        one_stop_radio_group(self.choice_group)

    # -- bringing in ---------------------------------------------------------------------------

    def bring_in(self):
        """Bring it in for real; the ImportOutcome, or None if there is nothing to bring."""
        from rmp_desktop.storage import prep_import
        from rmp_desktop.storage.person_match import WrongPerson
        from rmp_desktop.ui.wizard import flush_all, reload_conversation

        if self.prep is None or not self.bring_button.isEnabled():
            return None
        flush_all()  # the open conversation saves what was typed before the import reads it
        try:
            with self._busy():
                outcome = prep_import.import_preparation(
                    self.context.store(), self.prep, self.digest, self.context.packs(),
                    person_id=self.person_id, new_person=self.new_person)
        except (WrongPerson, LookupError) as exc:
            self._notice("✗ Not brought in", f"{str(exc).strip(chr(39))}")
            return None
        self.outcome = self.brought = outcome
        reload_conversation(self.context, outcome.conversation_id)
        self.bring_button.setEnabled(False)
        self.preview_box.hide()
        headline = ("✓ Brought in" if outcome.status == prep_import.IMPORTED
                    else "✓ Already brought in")
        self._notice(headline, outcome.message)
        waiting = bool(outcome.result and outcome.result.conflicts)
        self.differences_button.setVisible(waiting)
        self.open_button.setVisible(outcome.conversation_id is not None)
        (self.differences_button if waiting else self.open_button).setFocus()
        self.imported.emit(outcome)
        return outcome

    def open_differences(self):
        from rmp_desktop.ui.prep_conflicts_dialog import ConflictsDialog
        from rmp_desktop.ui.wizard import flush_all, reload_conversation

        if self.brought is None or self.brought.conversation_id is None:
            return None
        conversation_id = self.brought.conversation_id
        dialog = ConflictsDialog(self.context, conversation_id, self, save_first=flush_all,
                                 show_after=lambda: reload_conversation(self.context,
                                                                        conversation_id))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.settled.connect(lambda _id: self._after_settling())
        self.open_dialog = dialog
        dialog.open()
        return dialog

    def _after_settling(self) -> None:
        from rmp_desktop.storage.prep_import import pending_conflicts

        if self.brought is None or self.brought.conversation_id is None:
            return
        left = pending_conflicts(self.context.store(), self.brought.conversation_id)
        self.differences_button.setVisible(bool(left))

    def open_conversation(self):
        from rmp_desktop.ui.wizard import open_conversation

        if self.brought is None or self.brought.conversation_id is None:
            return None
        window = open_conversation(self.context, self.brought.conversation_id, self.parentWidget())
        self.accept()
        return window

    # -- saying --------------------------------------------------------------------------------

    def _notice(self, headline: str, message: str) -> None:
        self.headline.setText(headline)
        self.message.setText(message)
        self.notice.setAccessibleName(headline)
        self.notice.setAccessibleDescription(message)
        self.notice.show()
        self.refit()
        announce(self.headline, f"{headline}. {message}")

    def _busy(self):
        from contextlib import contextmanager

        @contextmanager
        def cursor():
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                yield
            finally:
                QGuiApplication.restoreOverrideCursor()

        return cursor()
