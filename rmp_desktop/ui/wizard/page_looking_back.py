"""Step 3, looking back (appraisal): last period's objectives and development actions, each with
its outcome, and feedback (in summary, and structured by who gave it).

The last signed plan's objectives and actions arrive here when the draft is made (the set-up
step lists them). Beside each action are the staff member's own progress note, from their
preparation, and the newest mid-year review's word on it; an action still worth doing can be
carried into this year's plan with one button.
"""

from __future__ import annotations

import copy
import html
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from rmp_desktop.domain.carry import ACTION_OUTCOMES, action_progress_for, midyear_words
from rmp_desktop.domain.conversation import (
    FEEDBACK_SOURCES,
    OBJECTIVE_OUTCOMES,
    Action,
    CarriedItem,
)
from rmp_desktop.domain.dates import display_date
from rmp_desktop.domain.plan_rules import past_objective_problems
from rmp_desktop.domain.wording import counted
from rmp_desktop.ui.widgets import (
    GrowingTextEdit,
    field_block,
    group,
    note,
    wrapping_label,
)
from rmp_desktop.ui.wizard.list_editor import RecordListEditor, new_id
from rmp_desktop.ui.wizard.list_model import FieldSpec
from rmp_desktop.ui.wizard.page_base import StepPage

OUTCOME_CHOICES = [("", "Not yet decided"), *OBJECTIVE_OUTCOMES.items()]
ACTION_CHOICES = [("", "Not yet decided"), *ACTION_OUTCOMES.items()]
SOURCE_CHOICES = list(FEEDBACK_SOURCES.items())


def action_problems(row: dict) -> dict[str, str]:
    problems = {}
    if not (row.get("text") or "").strip():
        problems["text"] = "Write what the action was."
    if not row.get("outcome"):
        problems["outcome"] = "Choose an outcome."
    return problems


def feedback_problems(row: dict) -> dict[str, str]:
    problems = {}
    if not (row.get("themes") or "").strip():
        problems["themes"] = "Sum up the themes of this feedback."
    if (row.get("names") or "").strip() and not row.get("named"):
        problems["names"] = ("Names are kept only when the person chooses: tick the box above, "
                             "or clear the names.")
    return problems


class LookingBackPage(StepPage):
    step_id = "looking_back"

    def build(self) -> None:
        own = self.env.own_view
        box, layout = group("My objectives from last time" if own else "Previous objectives")
        self.objectives = RecordListEditor(
            "previous objective",
            [FieldSpec("text", "Objective", "text"),
             FieldSpec("outcome", "Outcome", "choice", choices=lambda _row: OUTCOME_CHOICES),
             FieldSpec("evidence", "Evidence", "text", column=False,
                       hint="What shows the outcome: results, examples, feedback.")],
            past_objective_problems,
            new_row=lambda: {"id": new_id(), "text": "", "outcome": "", "evidence": ""},
            empty_text=("No objectives from a signed plan of yours are here. Add each one you "
                        "agreed last time, with how it went and what shows it.") if own else
                       "No previous objectives yet. Add each one agreed last time, or bring in "
                       "those carried forward from the last signed plan.")
        self.objectives.rowsChanged.connect(lambda _f: self.changed("objectives"))
        self.bring_in = QPushButton("Bring in objectives from the last signed plan")
        self.bring_in.setAccessibleName("Bring in objectives from the last signed plan")
        self.bring_in.clicked.connect(self._bring_in_carried)
        self.bring_in_note = note()
        layout.addWidget(self.objectives)
        layout.addWidget(self.bring_in)
        layout.addWidget(self.bring_in_note)
        self.form.addWidget(box)

        # What the person wrote about the last plan's actions in their preparation, to review.
        self.progress_box, progress_layout = group("Progress on the last plan's actions, "
                                                   "from the person's preparation")
        self.progress = wrapping_label(rich=True, selectable=True)
        progress_layout.addWidget(self.progress)
        self.form.addWidget(self.progress_box)
        self.progress_box.hide()

        actions_box, actions_layout = group("Development actions from the last plan")
        self.past_actions = RecordListEditor(
            "previous action",
            [FieldSpec("text", "Action", "text"),
             FieldSpec("outcome", "Outcome", "choice", choices=lambda _row: ACTION_CHOICES),
             FieldSpec("note", "What happened", "text", column=False,
                       hint="What was done, what got in the way, what was learnt.")],
            action_problems,
            new_row=lambda: {"id": new_id(), "text": "", "due": "", "outcome": "", "note": "",
                             "origin": "", "record": ""},
            empty_text="No development actions from a signed plan. Add any that were agreed "
                       "last time.")
        self.past_actions.rowsChanged.connect(lambda _f: self.changed("actions"))
        self.action_words = wrapping_label(rich=True, selectable=True)
        self.action_words.setAccessibleDescription("Progress reported on the chosen action")
        self.carry = QPushButton("Carry this action into this year's plan")
        self.carry.setAccessibleDescription("The action chosen above goes into this year's plan")
        self.carry.clicked.connect(self._carry_into_plan)
        self.past_actions.table.selectionModel().currentRowChanged.connect(
            lambda *_a: self._show_action_words())
        actions_layout.addWidget(self.past_actions)
        actions_layout.addWidget(self.action_words)
        actions_layout.addWidget(self.carry)
        self.form.addWidget(actions_box)
        actions_box.setVisible(not own)  # the manager's review of the last plan

        prompt = self.env.packs.prompts.steps.get(self.step_id)
        feedback_box, feedback_layout = group("Feedback from colleagues and customers")
        feedback_layout.addWidget(note(
            "One entry per source of feedback: who it came from by role, its themes and an "
            "example or two. No one is named unless the person chooses."))
        self.feedback_items = RecordListEditor(
            "feedback",
            [FieldSpec("source", "From", "choice", choices=lambda _row: SOURCE_CHOICES),
             FieldSpec("themes", "Themes", "text"),
             FieldSpec("examples", "Examples", "text", column=False),
             FieldSpec("named", "The person chooses to name who gave it", "check",
                       column=False, default=False),
             FieldSpec("names", "Who gave it (only if the person chooses)", column=False)],
            feedback_problems,
            new_row=lambda: {"id": new_id(), "source": "colleague", "themes": "",
                             "examples": "", "named": False, "names": ""},
            empty_text="No feedback recorded yet.")
        self.feedback_items.rowsChanged.connect(lambda _f: self.changed("feedback_items"))
        feedback_layout.addWidget(self.feedback_items)
        self.form.addWidget(feedback_box)
        feedback_box.setVisible(not own)

        summary_label = ("Feedback overall, in summary" if not own else
                         "Feedback from colleagues and customers, in summary")
        self.feedback = GrowingTextEdit(summary_label, min_lines=4)
        self.feedback.textChanged.connect(lambda: self.changed("feedback"))
        hint = prompt.hints.get("feedback", "") if prompt and not own else ""
        block, _flag = field_block(f"{summary_label}:", self.feedback, hint)
        self.form.addWidget(block)

    def load(self, state: dict) -> None:
        self.objectives.set_rows(state.get("objectives") or [])
        self.past_actions.set_rows(state.get("actions") or [])
        self.feedback_items.set_rows(state.get("feedback_items") or [])
        self.feedback.set_text(state.get("feedback", ""))
        self._show_progress(state.get("action_progress") or [])

    def _show_progress(self, rows: list) -> None:
        rows = [r for r in rows if isinstance(r, dict)]
        self.progress_box.setVisible(bool(rows) and not self.env.own_view)
        items = []
        for row in rows:
            done = (f" <b>Done {html.escape(display_date(row.get('done_on')))}.</b>"
                    if row.get("done_on") else " Not done yet.")
            note_text = html.escape(str(row.get("note", "")))
            items.append(f"<li><b>{html.escape(str(row.get('text', '')))}</b>{done}"
                         + (f"<br>{note_text}" if note_text else "") + "</li>")
        self.progress.setTextFormat(Qt.TextFormat.RichText)
        self.progress.setText(f"<ul style='-qt-list-indent: 1'>{''.join(items)}</ul>")

    def collect(self) -> dict:
        state = dict(self._state)
        state["objectives"] = self.objectives.rows()
        state["actions"] = self.past_actions.rows()
        state["feedback_items"] = self.feedback_items.rows()
        state["feedback"] = self.feedback.toPlainText()
        return state

    def after_change(self, field: str) -> None:
        self._show_action_words()
        waiting = [] if self.env.own_view else self._carried_not_listed()
        self.bring_in.setVisible(bool(waiting))
        self.bring_in.setEnabled(bool(waiting) and not self.env.read_only)
        self.bring_in_note.setVisible(bool(waiting))
        if waiting:
            verb = "is" if len(waiting) == 1 else "are"
            self.bring_in_note.setText(f"{counted(len(waiting), 'objective')} from the last signed "
                                       f"plan {verb} not in this list yet.")

    def _carried_not_listed(self) -> list[CarriedItem]:
        listed = {r.get("text", "").strip() for r in self.objectives.rows()}
        return [item for item in self.env.document["setup"].get("carried_forward") or []
                if item.get("source") == "objective" and item.get("text", "").strip() not in listed]

    def _bring_in_carried(self) -> None:
        for item in self._carried_not_listed():
            self.objectives.model.append_row(
                {"id": new_id(), "text": item.get("text", ""), "outcome": "", "evidence": ""})
        self.objectives.set_rows(self.objectives.rows())
        self.changed("objectives")
        self.objectives.table.setFocus()

    # -- actions from the last plan ---------------------------------------------------------

    def _current_action(self) -> dict | None:
        row = self.past_actions.table.currentIndex().row()
        rows = self.past_actions.rows()
        return rows[row] if 0 <= row < len(rows) else None

    def _show_action_words(self) -> None:
        action = self._current_action()
        if action is None:
            self.action_words.setText("")
            self.action_words.hide()
            self.carry.hide()
            return
        lines = []
        own = action_progress_for(self.env.document, action.get("record", ""),
                                  action.get("origin", ""))
        if own and (own.get("note") or own.get("done_on")):
            done = f" (done on {display_date(own['done_on'])})" if own.get("done_on") else ""
            lines.append(f"<b>Their own progress note{html.escape(done)}:</b> "
                         f"{html.escape(own.get('note', ''))}")
        if action.get("midyear"):
            lines.append(f"<b>Mid-year review:</b> {html.escape(midyear_words(action['midyear']))}")
        if not lines:
            lines.append("No progress was reported on this action between conversations.")
        self.action_words.setText("<br>".join(lines))
        self.action_words.show()
        in_plan = bool(action.get("carried_into_plan")) and any(
            a.get("id") == action["carried_into_plan"]
            for a in self.env.document["plan"].get("actions") or [])
        self.carry.setVisible(bool(action.get("text", "").strip()))
        self.carry.setEnabled(not in_plan and not self.env.read_only)
        self.carry.setText("Already carried into this year's plan" if in_plan
                           else "Carry this action into this year's plan")

    def _carry_into_plan(self) -> None:
        """Add the selected action to this year's plan (the plan step shows it to finish)."""
        number = self.past_actions.table.currentIndex().row()
        action = self._current_action()
        if action is None or self.env.read_only:
            return
        plan = copy.deepcopy(self.env.document["plan"])
        new = {"id": new_id(), "text": action.get("text", ""), "gap": {"kind": "other",
                                                                       "ref": ""},
               "support": "", "success_measure": "", "owner": "", "target_date": "",
               "review_date": "", "suggested": False}
        plan["actions"] = [*(plan.get("actions") or []), cast(Action, new)]
        self.edited.emit("plan", plan)
        rows = self.past_actions.rows()
        rows[number] = {**rows[number], "carried_into_plan": new["id"]}
        self.past_actions.set_rows(rows)
        self.changed("actions")

    def field_label(self, field: str) -> str:
        return {"objectives": "previous objectives", "feedback": "feedback",
                "actions": "previous actions", "feedback_items": "feedback by source"
                }.get(field, field)

    def apply_read_only(self, read_only: bool) -> None:
        self.objectives.set_read_only(read_only)
        self.past_actions.set_read_only(read_only)
        self.feedback_items.set_read_only(read_only)
        self.after_change("")

    def first_field(self):
        return self.objectives.table if self.objectives.model.rowCount() else self.objectives.add_button
