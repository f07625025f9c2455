"""The optional talent step: Scope for Growth (or the organisation's grid), both views, the reason.

Nothing is asked until the conversation includes the step. Each side's view is two choices,
one per axis; the grid below names every box and marks each view in words (● manager's
view, ○ their own view), so the placement never rests on colour. The placement belongs to
the person's own record: the page says so.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from rmp_desktop.domain.talent import SIDES, box_name
from rmp_desktop.ui.widgets import (
    GrowingTextEdit,
    check_box,
    combo,
    field_block,
    group,
    note,
    select_data,
    wrapping_label,
)
from rmp_desktop.ui.wizard.page_base import StepPage

MARKS = {"manager": "●", "self": "○"}
PRIVATE_NOTE = ("The placement is kept in the person's own record and shown on their own page "
                "only; it never appears beside their name in lists, reports or anywhere else.")


class TalentPage(StepPage):
    step_id = "talent"

    def build(self) -> None:
        grid = self.env.packs.talent
        self.title_label.setText(f"{grid.step_title} (optional)")
        self.include = check_box(f"Include {grid.step_title} in this conversation",
                                 f"Include {grid.step_title} in this conversation")
        self.include.toggled.connect(lambda _on: self.changed("included"))
        self.form.addWidget(self.include)
        self.form.addWidget(note(grid.description))
        self.body = QWidget()
        body = self.body_layout = QGridLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        self.views: dict[str, tuple] = {}
        for column, (side, title) in enumerate(SIDES.items()):
            box, layout = group(f"{title} {MARKS[side]}")
            up = combo(f"{title}: {grid.up.name}",
                       [("", "Not chosen"), *((p.id, p.name) for p in grid.up.points)])
            across = combo(f"{title}: {grid.across.name}",
                           [("", "Not chosen"), *((p.id, p.name) for p in grid.across.points)])
            up.currentIndexChanged.connect(lambda _i, s=side: self.changed(f"{s}:up"))
            across.currentIndexChanged.connect(lambda _i, s=side: self.changed(f"{s}:across"))
            block, _ = field_block(f"{grid.up.name}:", up, grid.up.description, context=title)
            layout.addWidget(block)
            block, _ = field_block(f"{grid.across.name}:", across, grid.across.description,
                                   context=title)
            layout.addWidget(block)
            words = wrapping_label()
            words.setAccessibleDescription(f"{title}: the box")
            layout.addWidget(words)
            self.views[side] = (up, across, words)
            body.addWidget(box, 0, column)
        self.grid_box, grid_layout = group(f"The grid: {grid.up.name} up, {grid.across.name} "
                                           "across")
        self.cells: dict[tuple[str, str], QLabel] = {}
        cells = QGridLayout()
        for col, point in enumerate(grid.across.points, start=1):
            cells.addWidget(_header(point.name), len(grid.up.points), col)
        for row, point in enumerate(reversed(grid.up.points)):
            cells.addWidget(_header(point.name), row, 0)
            for col, across_point in enumerate(grid.across.points, start=1):
                cell = wrapping_label()
                cell.setFrameShape(QFrame.Shape.Box)
                cell.setMargin(self.fontMetrics().height() // 4)
                cell.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
                self.cells[(across_point.id, point.id)] = cell
                cells.addWidget(cell, row, col)
        for col in range(1, len(grid.across.points) + 1):
            cells.setColumnStretch(col, 1)
        grid_layout.addLayout(cells)
        grid_layout.addWidget(note(f"{MARKS['manager']} the manager's view, {MARKS['self']} the "
                                   "person's own view; the manager's box is also outlined in "
                                   "bold."))
        body.addWidget(self.grid_box, 1, 0, 1, 2)
        prompt = self.env.packs.prompts.steps.get(self.step_id)
        self.reason = GrowingTextEdit("The reason, in words you both agree with", min_lines=3)
        self.reason.textChanged.connect(lambda: self.changed("reason"))
        block, _ = field_block("The reason, in words you both agree with:", self.reason,
                               prompt.hints.get("reason", "") if prompt else "")
        body.addWidget(block, 2, 0, 1, 2)
        privacy = note(PRIVATE_NOTE)
        body.addWidget(privacy, 3, 0, 1, 2)
        self.form.addWidget(self.body)

    # -- state ---------------------------------------------------------------------------------

    def load(self, state: dict) -> None:
        self.include.setChecked(bool(state.get("included")))
        for side, (up, across, _words) in self.views.items():
            view = state.get(side) or {}
            select_data(up, view.get("up", ""))
            select_data(across, view.get("across", ""))
        self.reason.set_text(state.get("reason", ""))

    def collect(self) -> dict:
        state = copy.deepcopy(self._state) if self._state else {}
        state["included"] = self.include.isChecked()
        state["grid"] = self.env.packs.talent.id if state["included"] else state.get("grid", "")
        for side, (up, across, _words) in self.views.items():
            state[side] = {"up": up.currentData() or "", "across": across.currentData() or ""}
        state["reason"] = self.reason.toPlainText()
        return state

    def after_change(self, field: str) -> None:
        grid = self.env.packs.talent
        included = self.include.isChecked()
        self.body.setVisible(included)
        chosen = {}
        for side, (up, across, words) in self.views.items():
            view = {"up": up.currentData() or "", "across": across.currentData() or ""}
            name = box_name(grid, view)
            box = grid.box(view["across"], view["up"]) if name else None
            words.setText(f"{MARKS[side]} {name}: {box.description}" if box else
                          "Choose a point on each axis to see the box.")
            if name:
                chosen[side] = (view["across"], view["up"])
        for key, cell in self.cells.items():
            box = grid.box(*key)
            marks = [f"{MARKS[s]} {SIDES[s].lower()}" for s in ("manager", "self")
                     if chosen.get(s) == key]
            cell.setText("\n".join([box.name if box else "", *marks]))
            font = cell.font()
            font.setBold(chosen.get("manager") == key)
            cell.setFont(font)
            cell.setLineWidth(3 if chosen.get("manager") == key else 1)

    def field_label(self, field: str) -> str:
        if ":" in field:
            side, axis = field.split(":", 1)
            grid = self.env.packs.talent
            return f"{SIDES[side].lower()} on {(grid.up if axis == 'up' else grid.across).name}"
        return {"included": "including the step", "reason": "reason"}.get(field, field)

    def first_field(self) -> QWidget:
        return self.include


def _header(text: str) -> QLabel:
    label = wrapping_label(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label
