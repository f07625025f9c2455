"""About me: the person's own details, as their preparation carries them to their manager.

Checked with the same rules as anyone's details (domain.staff.validate), each problem shown
under its field in words; saved only with Save, since a half-typed name is not a name.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rmp_desktop.domain.staff import BANDS, FUNCTIONAL_AREAS, StaffMember, band_label, validate
from rmp_desktop.ui.accessibility import announce
from rmp_desktop.ui.field_message import FieldMessage, field_with_message
from rmp_desktop.ui.widgets import heading, note, wrapping_label

log = logging.getLogger(__name__)


class MyDetailsForm(QWidget):
    saved = Signal(object)  # storage.my_development.MyDetails

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setAccessibleName("About me")
        self.title = heading("About me", 1.3)
        self.intro = wrapping_label()
        self.full_name = self._line("Your name (required)", 200)
        self.full_name.setAccessibleDescription("As you write it")
        self.preferred_name = self._line("Preferred name", 200,
                                         "What you like to be called, if different")
        self.job_title = self._line("Job title", 200)
        self.band = self._combo("Band (required)", "Choose your band…", [(band_label(b), b) for b in BANDS])
        self.area = self._combo("Functional area (required)", "Choose your area…",
                                [(name, key) for key, name in FUNCTIONAL_AREAS.items()])
        self.manager = self._line("Your manager's name", 200)
        self.assignment = self._line("Assignment number", 20,
                                     "From the Electronic Staff Record, if you know it")
        self.email = self._line("Email", 254, "name@trust.nhs.uk")

        self.messages: dict[str, FieldMessage] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for text, key, field in (
                ("Your &name (required):", "full_name", self.full_name),
                ("P&referred name:", "preferred_name", self.preferred_name),
                ("&Job title:", "job_title", self.job_title),
                ("&Band (required):", "band", self.band),
                ("Functional &area (required):", "functional_area", self.area),
                ("Your &manager's name:", "manager", self.manager),
                ("Ass&ignment number:", "assignment_number", self.assignment),
                ("&Email:", "email", self.email)):
            label = QLabel(text)
            label.setBuddy(field)
            box, self.messages[key] = field_with_message(field)
            form.addRow(label, box)
        self.save_button = QPushButton("&Save my details")
        self.save_button.setAccessibleName("Save my details")
        self.status = wrapping_label()
        self.status.setAccessibleDescription("Whether your details are saved")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.status, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(note("Your details go to your manager with your preparation, with "
                              "an identifier this application gives you, so your files always "
                              "find you. Nothing else about you leaves this computer unless you "
                              "send it."))
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.save_button.clicked.connect(self.save)
        for field in (self.full_name, self.preferred_name, self.job_title, self.manager,
                      self.assignment, self.email):
            field.returnPressed.connect(self.save)
        self._member: StaffMember | None = None
        self.show_details(None)

    def _line(self, name: str, limit: int, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        edit.setMaxLength(limit)
        if placeholder:
            edit.setPlaceholderText(placeholder)
        return edit

    def _combo(self, name: str, empty: str, items: list[tuple[str, str]]) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(name)
        box.addItem(empty, "")
        for text, key in items:
            box.addItem(text, key)
        return box

    def show_details(self, details) -> None:
        """Fill the form from MyDetails, or leave it empty for someone new."""
        member = details.member if details else None
        self._member = member
        self.intro.setText(
            "Say who you are, so your preparation reaches your manager as yours."
            if details is None else
            "Your details as they go to your manager with your preparation. Change them "
            "here when they change.")
        self.full_name.setText(member.full_name if member else "")
        self.preferred_name.setText(member.preferred_name if member else "")
        self.job_title.setText(member.job_title if member else "")
        self.band.setCurrentIndex(max(0, self.band.findData(member.band if member else "")))
        self.area.setCurrentIndex(max(0, self.area.findData(
            member.functional_area if member else "")))
        self.manager.setText(details.manager_name if details else "")
        self.assignment.setText(member.assignment_number if member else "")
        self.email.setText(member.email if member else "")
        for message in self.messages.values():
            message.clear_error()
        self.status.setText("")

    def member(self) -> StaffMember:
        base = self._member or StaffMember(full_name="")
        return base.with_changes(
            full_name=" ".join(self.full_name.text().split()),
            preferred_name=self.preferred_name.text().strip(),
            job_title=self.job_title.text().strip(), band=self.band.currentData() or "",
            functional_area=self.area.currentData() or "",
            assignment_number=self.assignment.text().strip(), email=self.email.text().strip())

    def save(self):
        """Check and save; the saved MyDetails, or None with each problem under its field."""
        from rmp_desktop.storage.errors import ValidationFailed
        from rmp_desktop.storage.my_development import MyDevelopmentRepository

        member = self.member()
        errors = dict(validate(member).messages)
        if not errors:
            try:
                details = MyDevelopmentRepository.of(self.context.store()).set_me(
                    member, self.manager.text(), packs=self.context.packs())
            except ValidationFailed as exc:
                errors = dict(exc.errors)
        for key, message in self.messages.items():
            message.show_error(errors.get(key))
        if errors:
            self.status.setText("Not saved yet: see the fields marked ⚠.")
            first = next(k for k in self.messages if k in errors)
            self.messages[first].field.setFocus()
            return None
        self.show_details(details)
        self.status.setText("Saved.")
        announce(self.status, "Your details are saved.")
        self.saved.emit(details)
        return details
