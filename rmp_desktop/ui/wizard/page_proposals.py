"""The person's own steps with no page in the conversation: what they would like to propose,
and the questions they want to raise.

In the conversation these arrive from the preparation and are shown, read-only, on the
plan and set-up pages; here the person writes them. Both are pages like any other (one
section, every edit emitted and undoable), so My development saves them as it saves the rest.
"""

from __future__ import annotations

from rmp_desktop.domain.dates import EXAMPLE, date_problem
from rmp_desktop.ui.widgets import group, note
from rmp_desktop.ui.wizard.list_editor import RecordListEditor, new_id
from rmp_desktop.ui.wizard.list_model import FieldSpec
from rmp_desktop.ui.wizard.page_base import StepPage


def _due_problem(row: dict) -> dict[str, str]:
    due = str(row.get("due", "")).strip()
    problem = date_problem(due) if due else None
    return {"due": problem} if problem else {}


class ProposalsPage(StepPage):
    """The plan step as the person prepares it: objectives they propose and ideas."""

    step_id = "plan"

    def build(self) -> None:
        objectives, objectives_layout = group("Objectives I would like to propose")
        objectives_layout.addWidget(note("Your manager sees these beside the plan and agrees "
                                         "them with you; nothing is agreed until you meet."))
        self.objectives = RecordListEditor(
            "proposed objective",
            [FieldSpec("text", "Objective", "text"),
             FieldSpec("measure", "How we would know it is met", "text", column=False),
             FieldSpec("due", "By when", "date",
                       hint=f"Day first, for example {EXAMPLE} or 31/03/2027.")],
            _due_problem,
            new_row=lambda: {"id": new_id(), "text": "", "measure": "", "due": ""},
            empty_text="No objectives proposed yet. Add any you would like to agree.")
        self.objectives.rowsChanged.connect(lambda f: self.changed(f"objectives:{f}"))
        objectives_layout.addWidget(self.objectives)
        self.form.addWidget(objectives)

        ideas, ideas_layout = group("Development ideas")
        self.ideas = RecordListEditor(
            "development idea", [FieldSpec("text", "Idea", "text")], lambda _row: {},
            new_row=lambda: {"id": new_id(), "text": ""},
            empty_text="No ideas yet: a course, a secondment, someone to shadow, a network.")
        self.ideas.rowsChanged.connect(lambda f: self.changed(f"ideas:{f}"))
        ideas_layout.addWidget(self.ideas)
        self.form.addWidget(ideas)

    def load(self, state: dict) -> None:
        self.objectives.set_rows(state.get("proposed_objectives") or [])
        self.ideas.set_rows(state.get("development_ideas") or [])

    def collect(self) -> dict:
        state = dict(self._state)
        state["proposed_objectives"] = self.objectives.rows()
        state["development_ideas"] = self.ideas.rows()
        return state

    def field_label(self, field: str) -> str:
        return {"objectives": "proposed objectives", "ideas": "development ideas"}.get(
            field.split(":")[0], field)

    def apply_read_only(self, read_only: bool) -> None:
        self.objectives.set_read_only(read_only)
        self.ideas.set_read_only(read_only)

    def first_field(self):
        editor = self.objectives
        return editor.table if editor.model.rowCount() else editor.add_button


class QuestionsPage(StepPage):
    """What the person wants to raise when they meet."""

    step_id = "questions"

    def build(self) -> None:
        self.intro_label.setText("What do you want to ask, or make sure you talk about? Your "
                                 "manager sees these when the conversation is set up.")
        self.questions = RecordListEditor(
            "question", [FieldSpec("text", "Question", "text")], lambda _row: {},
            new_row=lambda: {"id": new_id(), "text": ""},
            empty_text="No questions yet.")
        self.questions.rowsChanged.connect(lambda f: self.changed(f"questions:{f}"))
        self.form.addWidget(self.questions)

    def load(self, state: dict) -> None:
        self.questions.set_rows(state.get("questions") or [])

    def collect(self) -> dict:
        state = dict(self._state)
        state["questions"] = self.questions.rows()
        return state

    def field_label(self, field: str) -> str:
        return "questions"

    def apply_read_only(self, read_only: bool) -> None:
        self.questions.set_read_only(read_only)

    def first_field(self):
        editor = self.questions
        return editor.table if editor.model.rowCount() else editor.add_button
