"""Sign-off from the summary: what is still missing, then each party signs in turn.

While anything required is missing the dialog lists it, each with its step and
item, and offers no signing at all: only a way to go to that step. Otherwise
the staff member and then the manager each type their name, tick the
statement they are signing, may draw a signature, and press Sign. The first
signature fixes the content, so from then on the fingerprint is shown; after
the second the record is shown locked. What the store refuses is said in
plain words beside the field concerned. Nothing here logs what the record says.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rmp_desktop.domain.conversation import Status
from rmp_desktop.domain.dates import display_date, display_instant
from rmp_desktop.domain.record import SignatureView, short_fingerprint
from rmp_desktop.domain.signer_names import Signers, signer_name_warning
from rmp_desktop.domain.signoff import MANAGER, ROLE_LABELS, ROLES, STATEMENT, Missing
from rmp_desktop.storage.errors import RecordLocked, SignOffRefused, StoreChanged
from rmp_desktop.storage.signoff_repo import SignoffRepository
from rmp_desktop.ui.accessibility import announce
from rmp_desktop.ui.contrast import error_colour
from rmp_desktop.ui.dialog_fit import FittedDialog
from rmp_desktop.ui.field_message import field_with_message
from rmp_desktop.ui.signature_pad import SignaturePad
from rmp_desktop.ui.widgets import TICK, WARNING_SIGN, colour_words, scaled_font, wrapping_label

log = logging.getLogger(__name__)

StepRole = Qt.ItemDataRole.UserRole + 1

_ITEM_WORDS = {"objectives": "objectives", "objective": "an objective", "action": "an action",
               "employee_comments": "the staff member's comments"}


def item_words(item: str) -> str:
    """What an item of the plan is called in a sentence: 'an action', 'objectives'."""
    return _ITEM_WORDS.get(item.split(":", 1)[0], item.replace("_", " "))


def missing_line(missing: Missing) -> str:
    return f"{missing.step_title} — {item_words(missing.item)}: {missing.message}"


def signed_words(signature: SignatureView) -> str:
    when = display_instant(signature.signed_at)
    drawn = ", with a drawn signature" if signature.strokes else ""
    return (f"{TICK} {ROLE_LABELS.get(signature.role, signature.role)}: signed by "
            f"{signature.signer_name} on {when}{drawn}.")


def _role_word(role: str) -> str:
    return ROLE_LABELS[role].lower()


class SignOffDialog(FittedDialog):
    signed = Signal(int, str)  # conversation id, status after the signature
    goToStep = Signal(str)  # the user chose to fix a missing item

    def __init__(self, context, conversation_id: int, parent: QWidget | None = None):
        super().__init__(parent, chars=90)
        self.conversation_id = conversation_id
        store = context.store()
        self.repo = SignoffRepository.of(store)
        self._conversations = store.conversations
        self.role: str | None = None  # whose turn it is, if anyone's
        record = self.repo.record_for(conversation_id)
        self._manager_name = self._conversations.get(conversation_id).manager_name
        self._signers = Signers(record.person.full_name, record.person.preferred_name,
                                self._manager_name)
        self._warned_for: str | None = None  # a name already warned about, signed on request
        self.setWindowTitle(f"Sign off — {record.person.display_name}")
        self.setAccessibleName("Sign off")
        self._build(record)
        self.refresh()

    # -- building --------------------------------------------------------------------------------

    def _build(self, record) -> None:
        meta = self._conversations.get(self.conversation_id)
        line = self.fontMetrics().height()
        title = wrapping_label(f"Sign off {record.person.display_name}'s plan")
        title.setFont(scaled_font(title, 1.3))
        version = f", version {meta.version}" if meta.version > 1 else ""
        self.subtitle = wrapping_label(f"{meta.kind.label}, held on {display_date(meta.held_on)}"
                                       f"{version}.")
        self.state = wrapping_label()
        self.state.setFont(scaled_font(self.state, 1.05))
        self.state.setAccessibleDescription("Sign-off status")

        self.missing_box = QGroupBox("Still missing before anyone can sign")
        self.missing_box.setAccessibleName("Still missing before anyone can sign")
        self.missing_list = QListWidget()
        self.missing_list.setAccessibleName("Still missing before anyone can sign")
        self.missing_list.setAccessibleDescription(
            "Each line names the step and the item. Enter goes to that step.")
        self.missing_list.setWordWrap(True)
        self.missing_list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.missing_list.setMinimumHeight(line * 6)
        self.go_button = QPushButton("&Go to this step")
        self.go_button.setAccessibleName("Go to this step")
        self.go_button.setAccessibleDescription("Goes to the step of the item chosen above")
        missing_layout = QVBoxLayout(self.missing_box)
        missing_layout.addWidget(wrapping_label(
            "Signing is not offered until these are done. Choose one and go to its step:"))
        missing_layout.addWidget(self.missing_list, 1)
        go_row = QHBoxLayout()
        go_row.addWidget(self.go_button)
        go_row.addStretch(1)
        missing_layout.addLayout(go_row)

        self.done_label = wrapping_label(selectable=True)
        self.done_label.setAccessibleDescription("Signatures given")

        self.form = QGroupBox()
        self.name_label = QLabel("&Name, as you sign it:")
        self.name = QLineEdit()
        self.name.setPlaceholderText("Type your full name")
        self.name_label.setBuddy(self.name)
        name_box, self.name_error = field_with_message(self.name)
        self.confirm = QCheckBox(STATEMENT)
        confirm_box, self.confirm_error = field_with_message(self.confirm)
        self.pad = SignaturePad()
        pad_box, self.pad_error = field_with_message(self.pad)
        self.sign_button = QPushButton("&Sign")
        self.sign_button.setAutoDefault(False)
        # Named again for each signer by _prepare_form; named here for a form never shown.
        self.name.setAccessibleName("Signer's name")
        self.confirm.setAccessibleName(f"Signer confirms: {STATEMENT}")
        self.sign_button.setAccessibleName("Sign")
        self.general_error = wrapping_label()
        colour_words(self.general_error, error_colour)
        self.general_error.hide()
        form_layout = QVBoxLayout(self.form)
        form_layout.addWidget(self.name_label)
        form_layout.addWidget(name_box)
        form_layout.addWidget(confirm_box)
        form_layout.addWidget(pad_box)
        sign_row = QHBoxLayout()
        sign_row.addStretch(1)
        sign_row.addWidget(self.sign_button)
        form_layout.addLayout(sign_row)
        form_layout.addWidget(self.general_error)
        self.waiting = wrapping_label()
        self.waiting.setAccessibleDescription("Who signs next")

        self.fingerprint = wrapping_label(selectable=True)
        self.fingerprint.setAccessibleDescription("Fingerprint")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAccessibleName("Close sign-off")
        self.close_button.setAutoDefault(False)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        spacing = line // 2
        layout.setSpacing(spacing)
        for widget in (title, self.subtitle, self.state, self.missing_box, self.done_label,
                       self.form, self.waiting, self.fingerprint):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(buttons)

        self.sign_button.clicked.connect(self.sign)
        self.go_button.clicked.connect(self._go_to_selected)
        self.missing_list.itemActivated.connect(lambda _item: self._go_to_selected())
        for edited in (self.name.textEdited, self.confirm.toggled):
            edited.connect(self._clear_errors_for_input)
        self.name.editingFinished.connect(self._check_name)
        self.pad.changed.connect(self.pad_error.clear_error)

    # -- state -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the record again and show what fits its state now."""
        meta = self._conversations.get(self.conversation_id)
        signatures = self.repo.signatures(self.conversation_id)
        signed_roles = {s.role for s in signatures}
        missing = self.repo.missing(self.conversation_id) if meta.status is Status.DRAFT else []

        self._show_missing(missing)
        self.done_label.setText("\n".join(signed_words(s) for s in signatures))
        self.done_label.setVisible(bool(signatures))

        fixed = meta.status is not Status.DRAFT and meta.fingerprint
        if fixed:
            self.fingerprint.setText(
                f"Fingerprint of the fixed content: {short_fingerprint(meta.fingerprint)}. "
                "The same fingerprint is printed on every page of the PDF.")
        else:
            self.fingerprint.setText("The content is fixed when the first person signs: from "
                                     "then on nothing in it can change.")
        self.fingerprint.setVisible(not missing)

        previous = self.role
        self.role = None
        if meta.status in (Status.DRAFT, Status.AWAITING_SIGNOFF) and not missing:
            self.role = next((r for r in ROLES if r not in signed_roles), None)
        self.form.setVisible(self.role is not None)
        if self.role is not None and self.role != previous:
            self._prepare_form(self.role)
        later = [r for r in ROLES if r not in signed_roles and r != self.role]
        self.waiting.setText(" ".join(f"The {_role_word(r)} signs after the "
                                      f"{_role_word(self.role)}." for r in later)
                             if self.role else "")
        self.waiting.setVisible(bool(self.waiting.text()))
        self.state.setText(self._state_words(meta.status, missing, signatures))
        self.refit()

    def _state_words(self, status: Status, missing: list[Missing], signatures) -> str:
        if status in (Status.SIGNED, Status.SUPERSEDED):
            extra = " and since replaced by an amendment" if status is Status.SUPERSEDED else ""
            return (f"{TICK} Signed by both{extra}. Locked: nothing in this record can "
                    "change; a correction is made by starting an amendment.")
        if missing:
            count = len(missing)
            return (f"{WARNING_SIGN} Not ready to sign: {count} thing{'s' if count != 1 else ''} "
                    f"still missing.")
        if status is Status.AWAITING_SIGNOFF:
            return (f"{TICK} Content fixed and locked — awaiting the {_role_word(self.role)}'s "
                    "signature." if self.role else f"{TICK} Content fixed and locked.")
        return f"{TICK} Ready to sign. The {_role_word(self.role or ROLES[0])} signs first."

    def _show_missing(self, missing: list[Missing]) -> None:
        self.missing_list.clear()
        for gap in missing:
            item = QListWidgetItem(f"• {missing_line(gap)}")
            item.setData(StepRole, gap.step)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, missing_line(gap))
            self.missing_list.addItem(item)
        if missing:
            self.missing_list.setCurrentRow(0)
        self.missing_box.setVisible(bool(missing))

    def _prepare_form(self, role: str) -> None:
        label = ROLE_LABELS[role]
        self.form.setTitle(f"{label} signs")
        self.form.setAccessibleName(f"{label} signs")
        self.name.clear()
        if role == MANAGER and self._manager_name.strip():
            self.name.setText(self._manager_name.strip())  # as recorded on Set-up
            self.name.selectAll()  # typing another name replaces it
        self.name.setAccessibleName(f"{label}: name, as you sign it")
        self.name.setAccessibleDescription("Type your name as you sign it: this is your "
                                           "signature.")
        self.confirm.setChecked(False)
        self.confirm.setAccessibleName(f"{label} confirms: {STATEMENT}")
        self.pad.clear()
        self.pad.canvas.setAccessibleName(f"{label}'s drawn signature (optional)")
        self.pad.setAccessibleName(f"{label}'s drawn signature (optional)")
        self.pad.clear_button.setAccessibleName("Clear drawing")
        self.pad.clear_button.setAccessibleDescription(f"Clears the {_role_word(role)}'s drawing")
        self.sign_button.setText(f"&Sign as {_role_word(role)}")
        self.sign_button.setAccessibleName(f"Sign as {_role_word(role)}")
        self.sign_button.setToolTip(f"Adds the {_role_word(role)}'s signature. It cannot be "
                                    "taken back.")
        self._clear_errors()
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- signing ---------------------------------------------------------------------------------

    def sign(self) -> bool:
        """Sign for whoever's turn it is with what the form holds; True if the store kept it."""
        if self.role is None:
            return False
        role = self.role
        self._clear_errors()
        typed = self.name.text()
        warning = signer_name_warning(role, typed, self._signers)
        if warning and self._warned_for != typed.strip():
            self._warned_for = typed.strip()  # asked once; signing again means it is meant
            self.name_error.show_error(f"{warning} To sign with this name all the same, "
                                       "choose Sign again.")
            self.name.setFocus(Qt.FocusReason.OtherFocusReason)
            self.refit()
            return False
        strokes = self.pad.strokes() or None
        try:
            meta = self.repo.sign(self.conversation_id, role, self.name.text(),
                                  self.confirm.isChecked(), strokes)
        except SignOffRefused as refused:
            self._show_refusal(refused)
            self.refit()
            return False
        except (RecordLocked, StoreChanged) as locked:
            self.refresh()
            self._show_general(str(locked))
            return False
        except Exception:  # the store could not be written: say so, keep what was typed
            log.exception("signing conversation %s failed", self.conversation_id)
            self._show_general("The signature could not be saved: the store could not be "
                               "written. Try again; if it happens again, run rmp-desktop check.")
            return False
        log.info("conversation %s signed by the %s", self.conversation_id, role)
        self.refresh()
        announce(self.state, self.state.text())  # the form moved on, or went: say where to
        self.signed.emit(self.conversation_id, meta.status.value)
        if self.role is None:
            self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _show_refusal(self, refused: SignOffRefused) -> None:
        message = str(refused)
        if refused.missing:
            self.refresh()  # the plan changed since the dialog opened: list what is missing
            self._show_general(message)
        elif not self.name.text().strip() or "name" in message:
            self.name_error.show_error(message)
            self.name.setFocus(Qt.FocusReason.OtherFocusReason)
        elif not self.confirm.isChecked():
            self.confirm_error.show_error(message)
            self.confirm.setFocus(Qt.FocusReason.OtherFocusReason)
        elif "drawn" in message:
            self.pad_error.show_error(message)
        else:
            self._show_general(message)
            self.refresh()

    def _show_general(self, message: str) -> None:
        self.general_error.setText(f"{WARNING_SIGN} {message}")
        self.general_error.show()
        announce(self.general_error, message, assertive=True)
        self.refit()

    def _clear_errors(self) -> None:
        for message in (self.name_error, self.confirm_error, self.pad_error):
            message.clear_error()
        self.general_error.hide()
        self.general_error.clear()

    def _check_name(self) -> None:
        """Leaving the name: a name that looks like the wrong person's is said at once."""
        if self.role is None or self.name_error.has_error():
            return
        warning = signer_name_warning(self.role, self.name.text(), self._signers)
        if warning:
            self.name_error.show_error(warning)
            self.refit()

    def _clear_errors_for_input(self, *_args) -> None:
        sender = self.sender()
        if sender is self.name:
            self.name_error.clear_error()
        elif sender is self.confirm:
            self.confirm_error.clear_error()

    def _go_to_selected(self) -> None:
        item = self.missing_list.currentItem()
        if item is None:
            return
        self.goToStep.emit(item.data(StepRole))
        self.accept()

    # -- for the window and tests ----------------------------------------------------------------

    def missing_lines(self) -> list[str]:
        return [self.missing_list.item(i).data(Qt.ItemDataRole.AccessibleTextRole)
                for i in range(self.missing_list.count())]

    def signing_offered(self) -> bool:
        return self.role is not None and not self.form.isHidden()
