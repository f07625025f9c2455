"""Step 1, set-up: who, when, which kind of conversation, the manager, and what carries forward.

The kind, date and manager name belong to the conversation itself, not to a
section, so this page's state has two parts and its edits go out on two
signals: `edited` for the section and `detailsEdited` for the rest.
"""

from __future__ import annotations

import copy
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QFormLayout, QRadioButton

from rmp_desktop.domain.carry import midyear_words
from rmp_desktop.domain.conversation import Kind
from rmp_desktop.domain.dates import display_date, from_iso, to_iso
from rmp_desktop.domain.held_on import held_on_warnings
from rmp_desktop.domain.staff import FUNCTIONAL_AREAS
from rmp_desktop.ui.date_field import DateField
from rmp_desktop.ui.keyboard import one_stop_radio_group
from rmp_desktop.ui.widgets import (
    GrowingTextEdit,
    field_block,
    group,
    line_edit,
    note,
    set_line_text,
    wrapping_label,
)
from rmp_desktop.ui.wizard.page_base import StepPage

KIND_HELP = {
    Kind.APPRAISAL: "Performance in the current role: last period's objectives and new ones.",
    Kind.CAREER: "Wider aspirations and future goals; skips looking back at objectives.",
    Kind.BOTH: "Both together, feeding one development plan.",
}


class SetupPage(StepPage):
    step_id = "setup"
    detailsEdited = Signal(dict)  # kind, held_on (ISO), manager_name

    def build(self) -> None:
        person = self.env.person
        who, who_layout = group("Who")
        facts = QFormLayout()
        facts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        facts.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.person_label = wrapping_label(person.display_name, selectable=True)
        facts.addRow("Person:", self.person_label)
        role = ", ".join(filter(None, (person.job_title, _band(person.band),
                                       FUNCTIONAL_AREAS.get(person.functional_area, ""))))
        self.role_label = wrapping_label(role, selectable=True)
        facts.addRow("Role:", self.role_label)
        who_layout.addLayout(facts)
        self.manager_edit = line_edit("Manager holding the conversation",
                                      "The manager holding the conversation")
        self.manager_edit.textChanged.connect(lambda _t: self.changed("manager_name"))
        manager_label = wrapping_label("Manager holding the conversation:")
        manager_label.setBuddy(self.manager_edit)
        who_layout.addWidget(manager_label)
        who_layout.addWidget(self.manager_edit)
        self.form.addWidget(who)

        when, when_layout = group("When")
        self.date_edit = DateField("Date of the conversation")
        self.date_edit.dateChanged.connect(lambda _d: self.changed("held_on"))
        self.date_edit.textChanged.connect(lambda _t: self._show_date_flag())
        block, self.date_flag = field_block("Date of the conversation:", self.date_edit)
        self.date_edit.setMaximumWidth(self.date_edit.sizeHint().width() * 2)
        when_layout.addWidget(block)
        self.form.addWidget(when)

        kind_box, kind_layout = group("Kind of conversation")
        self.kind_buttons = QButtonGroup(self)
        self.kind_radios: dict[Kind, QRadioButton] = {}
        for kind in (Kind.APPRAISAL, Kind.CAREER, Kind.BOTH):
            radio = QRadioButton(kind.label)
            radio.setAccessibleDescription(KIND_HELP[kind])
            self.kind_buttons.addButton(radio)
            self.kind_radios[kind] = radio
            kind_layout.addWidget(radio)
            hint = note(KIND_HELP[kind])
            # A margin, not QLabel's indent: an indented wrapped label asks for too much height.
            hint.setContentsMargins(
                radio.style().pixelMetric(radio.style().PixelMetric.PM_ExclusiveIndicatorWidth) * 2,
                0, 0, 0)
            kind_layout.addWidget(hint)
        self.kind_buttons.buttonToggled.connect(self._kind_toggled)
        one_stop_radio_group(self.kind_buttons)
        self.form.addWidget(kind_box)

        carried, carried_layout = group("Carried forward from the last signed plan")
        self.carried_label = wrapping_label(rich=True, selectable=True)
        carried_layout.addWidget(self.carried_label)
        self.form.addWidget(carried)

        self.questions_box, questions_layout = group("Questions the person wants to raise, "
                                                     "from their preparation")
        self.questions_label = wrapping_label(rich=True, selectable=True)
        questions_layout.addWidget(self.questions_label)
        self.form.addWidget(self.questions_box)
        self.questions_box.hide()

        prompt = self.env.packs.prompts.steps.get("setup")
        notes_box, notes_layout = group("Notes on how you will hold this conversation")
        self.notes_edit = GrowingTextEdit(
            "Set-up notes", placeholder=prompt.hints.get("notes", "") if prompt else "")
        self.notes_edit.textChanged.connect(lambda: self.changed("notes"))
        notes_layout.addWidget(self.notes_edit)
        self.form.addWidget(notes_box)
        self.setFocusProxy(self.manager_edit)

    # -- state -------------------------------------------------------------------------------

    def current_state(self) -> dict:
        details = self.env.details
        return {"section": copy.deepcopy(self.env.document["setup"]),
                "details": {"kind": str(Kind(details["kind"])),
                            "held_on": to_iso(details["held_on"]),
                            "manager_name": details.get("manager_name", "")}}

    def _kind_toggled(self, _button: QRadioButton, on: bool) -> None:
        if on:
            self.changed("kind")

    def load(self, state: dict) -> None:
        section, details = state["section"], state["details"]
        set_line_text(self.manager_edit, details.get("manager_name", ""))
        held = from_iso(details["held_on"])
        if held is not None:
            self.date_edit.set_date(held)
        self.kind_radios[Kind(details["kind"])].setChecked(True)
        self.notes_edit.set_text(section.get("notes", ""))
        self._show_carried(section.get("carried_forward") or [])
        self._show_questions(section.get("questions") or [])

    def collect(self) -> dict:
        section = copy.deepcopy(self._state.get("section") or self.env.document["setup"])
        section["notes"] = self.notes_edit.toPlainText()
        kind = next((k for k, r in self.kind_radios.items() if r.isChecked()), Kind.BOTH)
        # A date being typed, or one that cannot be read, leaves the last good date in place.
        held_on = self.date_edit.date() or self.env.details["held_on"]
        return {"section": section,
                "details": {"kind": str(kind),
                            "held_on": to_iso(held_on),
                            "manager_name": self.manager_edit.text()}}

    def publish(self, state: dict) -> None:
        if state["section"] != self.env.document["setup"]:
            self.edited.emit("setup", copy.deepcopy(state["section"]))
        self.detailsEdited.emit(dict(state["details"]))

    def after_change(self, field: str) -> None:
        self._show_date_flag()

    def _show_date_flag(self) -> None:
        """What is wrong with the date typed, else what is unusual about the date kept."""
        problem = self.date_edit.problem()
        if problem is None and not self.date_edit.text().strip():
            problem = (f"Type the date of the conversation; until then it stays "
                       f"{display_date(self.env.details['held_on'])}.")
        if problem is None and not self.env.read_only:
            shown = self.date_edit.date() or self.env.details["held_on"]
            problem = " ".join(held_on_warnings(shown, date.today(), self.env.other_dates)) or None
        self.date_flag.show_problem(problem)

    def field_label(self, field: str) -> str:
        return {"manager_name": "manager's name", "held_on": "date", "kind": "kind",
                "notes": "set-up notes"}.get(field, field)

    def first_field(self):
        return self.manager_edit

    def _show_questions(self, items: list) -> None:
        import html

        texts = [str(q.get("text", "")) for q in items if isinstance(q, dict) and q.get("text")]
        self.questions_box.setVisible(bool(texts))
        self.questions_label.setText("<ul style='-qt-list-indent: 1'>" + "".join(
            f"<li>{html.escape(t)}</li>" for t in texts) + "</ul>")

    def _show_carried(self, items: list[dict]) -> None:
        if not items:
            self.carried_label.setText("Nothing is carried forward: there is no earlier signed "
                                       "plan for this person, or it had nothing left open.")
            self.carried_label.setTextFormat(Qt.TextFormat.PlainText)
            return
        import html

        lines = []
        for item in items:
            what = "Objective" if item.get("source") == "objective" else "Action"
            due = f" (due {display_date(item.get('due'))})" if item.get("due") else ""
            midyear = (f"<br><i>Mid-year review:</i> {html.escape(midyear_words(item['midyear']))}"
                       if item.get("midyear") else "")
            lines.append(f"<li><b>{what}:</b> {html.escape(item.get('text', ''))}"
                         f"{html.escape(due)}{midyear}</li>")
        follows = self.env.document["setup"].get("follows") or {}
        when = (f" signed on {display_date(follows.get('held_on'))}"
                if follows.get("held_on") else "")
        self.carried_label.setTextFormat(Qt.TextFormat.RichText)
        self.carried_label.setText(
            f"<p>From the last plan{html.escape(when)}:</p>"
            "<ul style='-qt-list-indent: 1'>" + "".join(lines) + "</ul>"
            "<p>Each is in Looking back, waiting for its outcome; an action still worth doing "
            "can be carried into this year's plan from there. A career conversation on its own "
            "skips Looking back: choose Both to record the outcomes.</p>")


def _band(band: str) -> str:
    return "Very senior manager" if band == "VSM" else f"Band {band}"
