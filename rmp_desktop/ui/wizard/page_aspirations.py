"""Step 5, aspirations: depth, breadth or stretch (any mix), level, roles, areas, horizon, membership."""

from __future__ import annotations

from rmp_desktop.domain.conversation import DIRECTIONS, TIME_HORIZONS
from rmp_desktop.ui.check_columns import CheckColumns
from rmp_desktop.ui.widgets import (
    GrowingTextEdit,
    check_box,
    combo,
    field_block,
    group,
    note,
    select_data,
    steady_note,
)
from rmp_desktop.ui.wizard.page_base import StepPage


class AspirationsPage(StepPage):
    step_id = "aspirations"

    def build(self) -> None:
        pathway = self.env.packs.pathway
        prompt = self.env.packs.prompts.steps.get(self.step_id)
        hints = prompt.hints if prompt else {}

        directions, directions_layout = group("Directions (choose any mix)")
        directions_layout.addWidget(note("Every direction is valid: growing in the current role "
                                         "counts as much as stepping up."))
        self.direction_boxes = {}
        for key, label in DIRECTIONS.items():
            box = check_box(label)
            box.toggled.connect(lambda _on, key=key: self.changed("directions"))
            self.direction_boxes[key] = box
            directions_layout.addWidget(box)
        self.form.addWidget(directions)

        level_items = [(None, "Not decided yet")] + [
            (lv.number, f"Level {lv.number}: {lv.name} (bands {', '.join(lv.bands)})")
            for lv in pathway.levels]
        self.level = combo("Target level on the career pathway", level_items)
        self.level.currentIndexChanged.connect(lambda _i: self.changed("target_level"))
        block, _ = field_block("Target level on the career pathway:", self.level)
        self.form.addWidget(block)
        self.level_roles = steady_note([_roles_words(lv) for lv in pathway.levels])
        self.form.addWidget(self.level_roles)

        self.roles = GrowingTextEdit("Target roles", min_lines=2)
        self.roles.textChanged.connect(lambda: self.changed("target_roles"))
        block, _ = field_block("Target roles:", self.roles, hints.get("target_roles", ""))
        self.form.addWidget(block)

        areas, areas_layout = group("Functional areas of interest")
        self.area_boxes = {}
        for area in pathway.functional_areas:
            box = check_box(area.name)
            box.setToolTip(area.description)
            box.setAccessibleDescription(area.description)
            box.toggled.connect(lambda _on: self.changed("functional_areas"))
            self.area_boxes[area.id] = box
        self.area_columns = CheckColumns(list(self.area_boxes.values()))
        areas_layout.addWidget(self.area_columns)
        self.form.addWidget(areas)

        self.horizon = combo("Time horizon", [("", "Not decided yet"), *TIME_HORIZONS.items()])
        self.horizon.currentIndexChanged.connect(lambda _i: self.changed("time_horizon"))
        block, _ = field_block("Time horizon:", self.horizon)
        self.form.addWidget(block)

        memberships = [("", "None")] + [(m.id, m.name) for m in pathway.memberships]
        membership, membership_layout = group("CIPD membership")
        self.membership_current = combo("Current CIPD membership", memberships)
        self.membership_target = combo("Target CIPD membership", memberships)
        self.membership_current.currentIndexChanged.connect(lambda _i: self.changed("membership_current"))
        self.membership_target.currentIndexChanged.connect(lambda _i: self.changed("membership_target"))
        for label, chooser in (("Current:", self.membership_current),
                               ("Aiming for:", self.membership_target)):
            block, _ = field_block(label, chooser)
            membership_layout.addWidget(block)
        self.form.addWidget(membership)

        self.notes = GrowingTextEdit("Aspiration notes", min_lines=3)
        self.notes.textChanged.connect(lambda: self.changed("notes"))
        block, _ = field_block("Notes:", self.notes, hints.get("notes", ""))
        self.form.addWidget(block)

    def load(self, state: dict) -> None:
        chosen = set(state.get("directions") or ())
        for key, box in self.direction_boxes.items():
            box.setChecked(key in chosen)
        select_data(self.level, state.get("target_level"))
        self.roles.set_text(state.get("target_roles", ""))
        areas = set(state.get("functional_areas") or ())
        for area_id, box in self.area_boxes.items():
            box.setChecked(area_id in areas)
        select_data(self.horizon, state.get("time_horizon", ""))
        select_data(self.membership_current, state.get("membership_current", ""))
        select_data(self.membership_target, state.get("membership_target", ""))
        self.notes.set_text(state.get("notes", ""))

    def collect(self) -> dict:
        state = dict(self._state)
        state["directions"] = [k for k, box in self.direction_boxes.items() if box.isChecked()]
        state["target_level"] = self.level.currentData()
        state["target_roles"] = self.roles.toPlainText()
        state["functional_areas"] = [k for k, box in self.area_boxes.items() if box.isChecked()]
        state["time_horizon"] = self.horizon.currentData() or ""
        state["membership_current"] = self.membership_current.currentData() or ""
        state["membership_target"] = self.membership_target.currentData() or ""
        state["notes"] = self.notes.toPlainText()
        return state

    def after_change(self, field: str) -> None:
        level = self.env.packs.pathway.level(self.level.currentData() or 0)
        # Always there, and always as tall: choosing a level never moves the fields below.
        self.level_roles.setText(_roles_words(level) if level is not None else
                                 "Choose a level to see the roles typical of it.")

    def field_label(self, field: str) -> str:
        return field.replace("_", " ")

    def first_field(self):
        return self.direction_boxes["depth"]


def _roles_words(level) -> str:
    return "Typical roles at this level: " + "; ".join(level.typical_roles) + "."
