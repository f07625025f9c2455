"""Recording a person's equality monitoring answers for them, with their consent.

The manager asks the questions only if the person wants them to, and records that the person
agreed, and when. The form starts empty every time and never shows answers already on record
(it says only whether there are some, and saving replaces them): answers are never shown
beside a name. Usually the person gives them themselves, in their own preparation.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from rmp_desktop.domain.dates import display_date
from rmp_desktop.domain.equality import SOURCE_CONSENT, EqualityAnswers
from rmp_desktop.ui.date_field import DateField
from rmp_desktop.ui.equality_form import EqualityQuestions
from rmp_desktop.ui.widgets import heading, note, wrapping_label


class EqualityConsentDialog(QDialog):
    recorded = Signal()

    def __init__(self, store, person, parent: QWidget | None = None):
        super().__init__(parent)
        from rmp_desktop.storage.equality_repo import EqualityRepository

        self.repository = EqualityRepository(store.sessions)
        self.person = person
        self.open_dialog: QWidget | None = None
        self.setWindowTitle("Record equality monitoring answers")
        self.setAccessibleName("Record equality monitoring answers")
        name = person.display_name
        self.title = heading(f"Equality monitoring answers for {name}", 1.2)
        self.intro = wrapping_label(
            f"Only if {name} wants you to record their answers for them; otherwise they give "
            "them in their own preparation. Every question is optional and offers “prefer not "
            "to say”. The answers are kept apart from their records, never shown beside their "
            "name, in a record, a PDF or a log, and only counted, in reports that hide any "
            "number small enough to point at someone.")
        on_record = self.repository.on_record(person.uid)
        self.on_record = wrapping_label(
            f"Answers you recorded on {display_date(on_record)} are on record; they are not "
            "shown here, and saving replaces them." if on_record else
            "You have recorded no answers for them.")
        self.on_record.setAccessibleDescription("Answers already on record")
        self.consent = QCheckBox(f"{name} &agreed that I record these answers for them")
        self.consent.setAccessibleName(f"{name} agreed that I record these answers for them")
        self.consent_on = DateField("Agreed on", latest=date.today())
        self.consent_on.set_date(date.today())
        when = QLabel("Agreed &on:")
        when.setBuddy(self.consent_on)
        consent_row = QHBoxLayout()
        consent_row.addWidget(self.consent, 1)
        consent_row.addWidget(when)
        consent_row.addWidget(self.consent_on)
        self.questions = EqualityQuestions()
        self.questions.setEnabled(False)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.questions)
        scroll.setAccessibleName("The questions")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName("Save the answers")
        self.save_button.setEnabled(False)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel without saving")
        layout = QVBoxLayout(self)
        for widget in (self.title, self.intro, self.on_record):
            layout.addWidget(widget)
        layout.addLayout(consent_row)
        layout.addWidget(scroll, 1)
        layout.addWidget(note("Kept apart from their records; counted only in reports that hide "
                              "small numbers. Nothing is written to the log but that answers "
                              "were recorded."))
        layout.addWidget(self.buttons)
        self.consent.toggled.connect(self._consent_changed)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        char = self.fontMetrics().averageCharWidth()
        self.resize(char * 100, self.fontMetrics().height() * 40)

    def _consent_changed(self, given: bool) -> None:
        self.questions.setEnabled(given)
        self.save_button.setEnabled(given)

    def save(self) -> bool:
        from rmp_desktop.storage.equality_repo import AnswersHeldElsewhere

        if not self.consent.isChecked():
            return False
        agreed = self.consent_on.date()
        if agreed is None:
            self._tell(self.consent_on.problem() or "Type the day they agreed, for example "
                       "31 Mar 2027.")
            self.consent_on.setFocus()
            return False
        answers = EqualityAnswers(self.questions.answers(), SOURCE_CONSENT, agreed)
        try:
            self.repository.record_with_consent(self.person.uid, answers)
        except AnswersHeldElsewhere as exc:
            self._tell(str(exc))
            return False
        self.questions.clear()  # nothing lingers on screen beside the name
        self.recorded.emit()
        self.accept()
        return True

    def _tell(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self.windowTitle(), message,
                          QMessageBox.StandardButton.Ok, self)
        box.setAccessibleName(self.windowTitle())
        box.open()
        self.open_dialog = box
