"""Add or edit a person: every field checked as it is typed, the problem shown beside it.

The dialog does not know the store: it is given a `save` function (the
repository's add or update) and shows whatever that refuses (a duplicate
assignment number, say) next to the field concerned. It is opened with
`open()`, never `exec()`, so nothing waits in a nested event loop.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from rmp_desktop.domain.staff import BANDS, FUNCTIONAL_AREAS, StaffMember, band_label, validate
from rmp_desktop.ui.date_field import DateField
from rmp_desktop.ui.field_message import WARNING_SIGN, FieldMessage, field_with_message
from rmp_desktop.ui.window_fit import keep_on_screen

log = logging.getLogger(__name__)

SaveFunction = Callable[[StaffMember], StaffMember]

# What the summary line calls each field when saying what is still needed.
_FIELD_NAMES = {
    "full_name": "full name", "preferred_name": "preferred name", "job_title": "job title",
    "band": "band", "functional_area": "functional area", "line_manager_id": "line manager",
    "start_date": "start date", "email": "email", "assignment_number": "assignment number",
    "directorate": "directorate",
}


class PersonDialog(QDialog):
    """`saved(StaffMember)` is emitted with what the store kept, then the dialog closes."""

    saved = Signal(object)

    def __init__(self, save: SaveFunction, *, person: StaffMember | None = None,
                 managers: Sequence[tuple[int, str]] = (), parent: QWidget | None = None):
        super().__init__(parent)
        self._save = save
        self._original = person or StaffMember(full_name="", band="", functional_area="")
        self._touched: set[str] = set()
        self._finished = False
        self._store_errors: dict[str, str] = {}
        self.setWindowTitle(f"Edit {self._original.display_name}" if person else "Add a person")

        self.full_name = self._line_edit("Full name (required)", self._original.full_name, 200)
        self.preferred_name = self._line_edit("Preferred name", self._original.preferred_name, 200)
        self.preferred_name.setPlaceholderText("What they like to be called, if different")
        self.job_title = self._line_edit("Job title", self._original.job_title, 200)
        self.band = self._combo("Band (required)", "Choose a band…",
                                [(band_label(b), b) for b in BANDS], self._original.band)
        self.functional_area = self._combo("Functional area (required)", "Choose an area…",
                                           [(n, a) for a, n in FUNCTIONAL_AREAS.items()],
                                           self._original.functional_area)
        self.directorate = self._line_edit("Directorate", self._original.directorate, 100)
        self.directorate.setPlaceholderText("The part of the organisation they work in")
        people = [(name, pid) for pid, name in managers if pid != self._original.id]
        self.line_manager = self._combo("Line manager", "No line manager recorded", people,
                                        self._original.line_manager_id)
        # Empty while the date is not known; never later than today.
        self.start_date = DateField("Start date", earliest=date(1940, 1, 1), latest=date.today())
        self.start_date.setPlaceholderText("If known, for example 2 Mar 2020")
        self.start_date.set_date(self._original.start_date)
        self.email = self._line_edit("Email", self._original.email, 254)
        self.email.setPlaceholderText("name@trust.nhs.uk")
        self.assignment_number = self._line_edit("Assignment number",
                                                 self._original.assignment_number, 20)
        self.assignment_number.setPlaceholderText("From the Electronic Staff Record, if known")

        self.messages: dict[str, FieldMessage] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._add_row(form, "&Full name (required):", "full_name", self.full_name)
        self._add_row(form, "&Preferred name:", "preferred_name", self.preferred_name)
        self._add_row(form, "&Job title:", "job_title", self.job_title)
        self._add_row(form, "&Band (required):", "band", self.band)
        self._add_row(form, "Functional &area (required):", "functional_area",
                      self.functional_area)
        self._add_row(form, "&Line manager:", "line_manager_id", self.line_manager)
        self._add_row(form, "Start da&te:", "start_date", self.start_date)  # Alt+S is Save's
        self._add_row(form, "&Email:", "email", self.email)
        self._add_row(form, "Assignment &number:", "assignment_number", self.assignment_number)
        self._add_row(form, "&Directorate:", "directorate", self.directorate)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleDescription("What is still needed to save")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName("Save this person")
        self.save_button.setDefault(True)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel without saving")

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)

        order = [self.full_name, self.preferred_name, self.job_title, self.band,
                 self.functional_area, self.line_manager, self.start_date,
                 self.email, self.assignment_number, self.directorate]
        for before, after in zip(order, order[1:], strict=False):
            self.setTabOrder(before, after)

        self._connect()
        self.full_name.setFocus()
        self._refresh()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        keep_on_screen(self)

    # -- public --------------------------------------------------------------------------------

    def member(self) -> StaffMember:
        """What the fields say now, as a person to validate or save."""
        started = self.start_date.date()
        return self._original.with_changes(
            full_name=self.full_name.text().strip(),
            preferred_name=self.preferred_name.text().strip(),
            job_title=self.job_title.text().strip(),
            band=self.band.currentData() or "",
            functional_area=self.functional_area.currentData() or "",
            directorate=" ".join(self.directorate.text().split()),
            line_manager_id=self.line_manager.currentData(),
            start_date=started,
            email=self.email.text().strip(),
            assignment_number=self.assignment_number.text().strip(),
        )

    def errors(self) -> dict[str, str]:
        """Every problem now: the rules' and the store's, whether shown yet or not."""
        found = dict(validate(self.member(), today=date.today()).messages)
        unreadable = self.start_date.problem()  # typed, but not a date it can keep
        if unreadable:
            found["start_date"] = unreadable
        for name, message in self._store_errors.items():
            found.setdefault(name, message)
        return found

    def save(self) -> None:
        if self.errors():
            self._touched.update(_FIELD_NAMES)
            self._refresh()
            return
        from rmp_desktop.storage.errors import ValidationFailed

        try:
            kept = self._save(self.member())
        except ValidationFailed as refused:
            self._store_errors = dict(refused.errors)
            self._touched.update(refused.errors)
            self._refresh()
            self._focus_first_error()
            return
        except Exception as exc:  # a locked or unwritable file: say so and keep the input
            log.exception("saving a person failed")
            self.summary.setText(f"{WARNING_SIGN} The person could not be saved "
                                 f"({type(exc).__name__}). Nothing was changed; try again.")
            return
        self.saved.emit(kept)
        self.accept()

    def done(self, result: int) -> None:
        # Closing moves the focus out of a field, which would re-check a closing form.
        self._finished = True
        super().done(result)

    # -- building ------------------------------------------------------------------------------

    def _line_edit(self, name: str, text: str, max_length: int) -> QLineEdit:
        edit = QLineEdit(text)
        edit.setAccessibleName(name)
        edit.setMaxLength(max_length + 1)  # one over, so the "too long" message can show
        return edit

    def _combo(self, name: str, nothing: str, items, current) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.addItem(nothing, None)
        for text, value in items:
            combo.addItem(text, value)
        at = combo.findData(current) if current not in (None, "") else 0
        combo.setCurrentIndex(max(at, 0))
        return combo

    def _add_row(self, form: QFormLayout, label_text: str, name: str, field: QWidget) -> None:
        # Wide enough for a long name or an ESR job title, measured in the user's font.
        field.setMinimumWidth(self.fontMetrics().averageCharWidth() * 44)
        box, self.messages[name] = field_with_message(field)
        label = QLabel(label_text)
        label.setBuddy(field)
        form.addRow(label, box)

    def _connect(self) -> None:
        for name in ("full_name", "preferred_name", "job_title", "directorate", "email",
                     "assignment_number"):
            edit: QLineEdit = getattr(self, name)
            edit.textEdited.connect(lambda _text, n=name: self._changed(n, show=False))
            # Leaving a field is when its problems are worth showing.
            edit.editingFinished.connect(lambda n=name: self._changed(n, show=True))
        self.band.currentIndexChanged.connect(lambda _i: self._changed("band", show=True))
        self.functional_area.currentIndexChanged.connect(
            lambda _i: self._changed("functional_area", show=True))
        self.line_manager.currentIndexChanged.connect(
            lambda _i: self._changed("line_manager_id", show=True))
        self.start_date.textEdited.connect(lambda _text: self._changed("start_date", show=False))
        self.start_date.editingFinished.connect(lambda: self._changed("start_date", show=True))
        self.start_date.dateChanged.connect(lambda _d: self._changed("start_date", show=False))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    # -- reacting ------------------------------------------------------------------------------

    def _changed(self, name: str, *, show: bool) -> None:
        if self._finished:
            return
        self._store_errors.pop(name, None)  # the store's objection was to the old value
        if show or self.messages[name].has_error():
            self._touched.add(name)
        self._refresh()

    def _refresh(self) -> None:
        errors = self.errors()
        for name, message in self.messages.items():
            message.show_error(errors.get(name) if name in self._touched else None)
        self.save_button.setEnabled(not errors)
        unseen = [_FIELD_NAMES.get(n, n) for n in errors if n not in self._touched]
        other = [m for n, m in errors.items() if n not in self.messages]
        if other:
            self.summary.setText(f"{WARNING_SIGN} " + " ".join(other))
        elif unseen:
            self.summary.setText("Save becomes available when these are filled in correctly: "
                                 + ", ".join(unseen) + ".")
        elif errors:
            self.summary.setText("Correct the fields marked " + WARNING_SIGN + " to save.")
        else:
            self.summary.setText("")
        self.summary.setVisible(bool(self.summary.text()))
        self._grow_to_fit()

    def _grow_to_fit(self) -> None:
        # Wrapped messages need height for the dialog's width, which a layout's minimum
        # size ignores; grow (never shrink what the user chose) so nothing is cut off.
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = (layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth()
                  else layout.totalSizeHint().height())
        if needed > self.height():
            self.resize(self.width(), needed)

    def _focus_first_error(self) -> None:
        for message in self.messages.values():
            if message.has_error():
                message.field.setFocus(Qt.FocusReason.OtherFocusReason)
                return
