"""Step 4, health and wellbeing: private unless the person chooses to share it in the record."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFrame

from rmp_desktop.domain.plan_rules import wellbeing_action_problems
from rmp_desktop.domain.preparation import FLEXIBLE_WORKING
from rmp_desktop.domain.privacy import PRIVATE_WORDS, is_shared, privacy_words
from rmp_desktop.ui.widgets import (
    GrowingTextEdit,
    check_box,
    field_block,
    group,
    heading,
    note,
    wrapping_label,
)
from rmp_desktop.ui.wizard.list_editor import RecordListEditor, new_id
from rmp_desktop.ui.wizard.list_model import FieldSpec
from rmp_desktop.ui.wizard.page_base import StepPage

# On the person's own page each note is theirs to share or keep; nothing goes by default.
OWN_PRIVACY_WORDS = ("Private unless you say otherwise: each note stays on this computer unless "
                     "you tick to share it with your manager. Sharing a note with your manager "
                     "does not put it in the signed record; that stays your choice when you "
                     "meet.")
SHARE_NOTE = "Share this note with my manager"


class WellbeingPage(StepPage):
    step_id = "wellbeing"

    def build(self) -> None:
        prompt = self.env.packs.prompts.steps.get(self.step_id)
        hints = prompt.hints if prompt else {}
        own = self.env.own_view
        self.share_boxes: dict[str, QCheckBox] = {}  # own view: area id -> its share tick box
        self.privacy = wrapping_label(OWN_PRIVACY_WORDS if own else PRIVATE_WORDS)
        self.privacy.setFrameShape(QFrame.Shape.StyledPanel)
        self.privacy.setMargin(self.fontMetrics().height() // 2)
        self.privacy.setAccessibleDescription("Privacy of this section")
        self.form.addWidget(self.privacy)
        self.share = check_box("Share this section in the signed record",
                               "Share this section in the signed record")
        self.share.setAccessibleDescription("Off by default. Tick only if the person asks for it.")
        self.share.toggled.connect(lambda _on: self.changed("share_in_record"))
        self.form.addWidget(self.share)
        self.share.setVisible(not own)

        areas, areas_layout = group("Whole wellbeing")
        self.area_edits: dict[str, GrowingTextEdit] = {}
        for area in self.env.packs.prompts.wellbeing_areas:
            edit = GrowingTextEdit(f"{area.name} wellbeing", min_lines=2)
            edit.textChanged.connect(lambda area_id=area.id: self.changed(f"area:{area_id}"))
            areas_layout.addWidget(heading(area.name, 1.0))
            areas_layout.addWidget(note(area.prompt))
            areas_layout.addWidget(edit)
            self.area_edits[area.id] = edit
            if own:
                areas_layout.addWidget(self._share_box(area.id, f"{area.name} wellbeing"))
        self.form.addWidget(areas)

        self.flexible = GrowingTextEdit("Flexible working", min_lines=3)
        self.flexible.textChanged.connect(lambda: self.changed("flexible_working"))
        block, _ = field_block("Flexible working:", self.flexible,
                               "" if own else hints.get("flexible_working", ""))
        self.form.addWidget(block)
        if own:
            self.form.addWidget(self._share_box(FLEXIBLE_WORKING, "flexible working"))
            return  # signposting and agreed actions are the conversation's, not the preparation's
        self.support = GrowingTextEdit("Support signposted", min_lines=3)
        self.support.textChanged.connect(lambda: self.changed("support_signposted"))
        block, _ = field_block("Support signposted:", self.support,
                               hints.get("support_signposted", ""))
        self.form.addWidget(block)

        actions, actions_layout = group("Personal wellbeing actions")
        self.action_list = RecordListEditor(
            "wellbeing action", [FieldSpec("text", "Action", "text")], wellbeing_action_problems,
            new_row=lambda: {"id": new_id(), "text": ""},
            empty_text="No wellbeing actions yet. Agree a small number the person wants.")
        self.action_list.rowsChanged.connect(lambda _f: self.changed("actions"))
        actions_layout.addWidget(self.action_list)
        self.form.addWidget(actions)

    def _share_box(self, area_id: str, what: str):
        box = check_box(SHARE_NOTE, f"{SHARE_NOTE}: {what}")
        box.setAccessibleDescription("Off: the note stays private on this computer.")
        box.toggled.connect(lambda _on: self.changed("shared"))
        self.share_boxes[area_id] = box
        return box

    def load(self, state: dict) -> None:
        self.share.setChecked(is_shared(state))
        areas = state.get("areas") or {}
        for area_id, edit in self.area_edits.items():
            edit.set_text(areas.get(area_id, ""))
        self.flexible.set_text(state.get("flexible_working", ""))
        shared = set(state.get("shared") or ())
        for area_id, box in self.share_boxes.items():
            box.setChecked(area_id in shared)
        if self.env.own_view:
            return
        self.support.set_text(state.get("support_signposted", ""))
        self.action_list.set_rows(state.get("actions") or [])

    def collect(self) -> dict:
        state = dict(self._state)
        state["share_in_record"] = self.share.isChecked()
        areas = dict(state.get("areas") or {})
        for area_id, edit in self.area_edits.items():
            text = edit.toPlainText()
            if text:
                areas[area_id] = text
            else:
                areas.pop(area_id, None)
        state["areas"] = areas
        state["flexible_working"] = self.flexible.toPlainText()
        if self.env.own_view:
            state["shared"] = [a for a, box in self.share_boxes.items() if box.isChecked()]
            return state
        state["support_signposted"] = self.support.toPlainText()
        state["actions"] = self.action_list.rows()
        return state

    def after_change(self, field: str) -> None:
        if not self.env.own_view:
            self.privacy.setText(privacy_words({"share_in_record": self.share.isChecked()}))
        self.privacy.setAccessibleDescription(self.privacy.text())

    def field_label(self, field: str) -> str:
        if field.startswith("area:"):
            return f"{field[5:]} wellbeing"
        return field.replace("_", " ")

    def apply_read_only(self, read_only: bool) -> None:
        if not self.env.own_view:
            self.action_list.set_read_only(read_only)

    def first_field(self):
        return next(iter(self.area_edits.values())) if self.env.own_view else self.share
