"""Step 2, reflection: the person's own account of the year, before anyone rates anything."""

from __future__ import annotations

from rmp_desktop.ui.widgets import GrowingTextEdit, field_block
from rmp_desktop.ui.wizard.page_base import StepPage

FIELDS = (
    ("went_well", "What went well"),
    ("was_hard", "What was hard"),
    ("proud_of", "What the person is most proud of"),
    ("hopes", "What they want from this conversation and the year ahead"),
)
# The same questions as the person asks them of themselves in My development.
OWN_FIELDS = (
    ("went_well", "What went well"),
    ("was_hard", "What was hard"),
    ("proud_of", "What I am most proud of"),
    ("hopes", "What I want from this conversation and the year ahead"),
)


class ReflectionPage(StepPage):
    step_id = "reflection"

    def build(self) -> None:
        prompt = self.env.packs.prompts.steps.get(self.step_id)
        # The pack's hints speak of "the person"; on their own page its questions say enough.
        hints = prompt.hints if prompt and not self.env.own_view else {}
        self.edits: dict[str, GrowingTextEdit] = {}
        for key, label in self.fields():
            edit = GrowingTextEdit(label, min_lines=4, max_lines=18)
            edit.textChanged.connect(lambda key=key: self.changed(key))
            block, _flag = field_block(f"{label}:", edit, hints.get(key, ""))
            self.edits[key] = edit
            self.form.addWidget(block)

    def load(self, state: dict) -> None:
        for key, edit in self.edits.items():
            edit.set_text(state.get(key, ""))

    def collect(self) -> dict:
        state = dict(self._state)
        state.update({key: edit.toPlainText() for key, edit in self.edits.items()})
        return state

    def fields(self) -> tuple[tuple[str, str], ...]:
        return OWN_FIELDS if self.env.own_view else FIELDS

    def field_label(self, field: str) -> str:
        return dict(self.fields()).get(field, field).lower()

    def first_field(self):
        return self.edits["went_well"]
