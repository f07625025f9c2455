"""Step 6, competencies: the framework, levels suggested from the band, self and manager ratings
beside last time's agreed rating (with the change), and the gap chart.

Every framework the record keeps (the core one and the aspirant ones) is built once; choosing
another shows its areas and hides the others, and only the chosen framework's ratings are kept.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableView,
    QWidget,
)

from rmp_desktop.domain.carry import rating_changes
from rmp_desktop.domain.conversation import RATING_SCALE, step_section
from rmp_desktop.domain.dates import display_date
from rmp_desktop.domain.frameworks import suggest_framework
from rmp_desktop.domain.suggestions import suggest_level
from rmp_desktop.ui.widgets import (
    GrowingTextEdit,
    combo,
    field_block,
    group,
    in_context,
    note,
    select_data,
    wrapping_label,
)
from rmp_desktop.ui.wizard.gap_chart import GapChart
from rmp_desktop.ui.wizard.gap_model import GapColumn, GapRow, GapTableModel
from rmp_desktop.ui.wizard.page_base import StepPage

RATING_ITEMS = [(None, "Not rated"), *((n, f"{n} {label}") for n, label in RATING_SCALE.items())]


def _rating(value) -> str:
    return f"{value} {RATING_SCALE[value]}" if value in RATING_SCALE else "not rated"


class CompetenciesPage(StepPage):
    step_id = "competencies"

    def build(self) -> None:
        framework = self.env.packs.competency
        all_packs = self.env.all_packs or self.env.packs
        self.frameworks = {f.id: f for f in all_packs.choices()}
        self.core_id = all_packs.competency.id
        chooser, chooser_layout = group("Framework")
        self.framework_box = combo("Competency framework",
                                   [(f.id, f.title) for f in self.frameworks.values()])
        self.framework_box.currentIndexChanged.connect(lambda _i: self.changed("framework"))
        block, _ = field_block("Competency framework:", self.framework_box)
        chooser_layout.addWidget(block)
        self.framework_note = note()
        chooser_layout.addWidget(self.framework_note)
        self.form.addWidget(chooser)
        chooser.setVisible(not self.env.own_view)  # the conversation chooses, not a preparation
        level_items = [(None, "Not set")] + [
            (lv.number, f"Level {lv.number}: {lv.name} (bands {', '.join(lv.bands)})")
            for lv in framework.levels]
        levels, levels_layout = group("Levels")
        self.suggestion = note()
        levels_layout.addWidget(self.suggestion)
        self.current_level = combo("Current level", level_items)
        self.target_level = combo("Target level", level_items)
        self.current_level.currentIndexChanged.connect(lambda _i: self.changed("current_level"))
        self.target_level.currentIndexChanged.connect(lambda _i: self.changed("target_level"))
        grid = QGridLayout()
        for column, (label, level_box) in enumerate((("Current level:", self.current_level),
                                                     ("Target level:", self.target_level))):
            block, _ = field_block(label, level_box)
            grid.addWidget(block, 0, column)
        levels_layout.addLayout(grid)
        self.form.addWidget(levels)

        prompt = self.env.packs.prompts.steps.get(self.step_id)
        if prompt and prompt.hints.get("ratings"):
            self.form.addWidget(note(prompt.hints["ratings"]))

        self.rating_boxes: dict[str, tuple[QComboBox, QComboBox, GrowingTextEdit]] = {}
        self.indicator_labels: dict[str, QLabel] = {}
        self.last_labels: dict[str, QLabel] = {}
        self.area_groups: dict[str, tuple[QGroupBox, str]] = {}  # area id -> (box, framework)
        for framework_id, area in ((f.id, a) for f in self.frameworks.values() for a in f.areas):
            box, layout = group(area.name)
            self.area_groups[area.id] = (box, framework_id)
            layout.addWidget(wrapping_label(area.summary))
            indicators = wrapping_label(rich=True, selectable=True)
            layout.addWidget(indicators)
            self.indicator_labels[area.id] = indicators
            self_box = combo(in_context(area.name, "Self rating"), RATING_ITEMS)
            manager_box = combo(in_context(area.name, "Manager rating"), RATING_ITEMS)
            evidence = GrowingTextEdit(in_context(area.name, "Evidence (a brief example)"),
                                       min_lines=2, max_lines=10)
            self_box.currentIndexChanged.connect(lambda _i, a=area.id: self.changed(f"{a}:self"))
            manager_box.currentIndexChanged.connect(lambda _i, a=area.id: self.changed(f"{a}:manager"))
            evidence.textChanged.connect(lambda a=area.id: self.changed(f"{a}:evidence"))
            ratings = QGridLayout()
            columns = [("Self rating:", self_box)]
            if not self.env.own_view:  # the person's own page has only their own column
                columns.append(("Manager rating:", manager_box))
            for column, (label, widget) in enumerate(columns):
                block, _ = field_block(label, widget, context=area.name)
                ratings.addWidget(block, 0, column)
            if self.env.own_view:
                ratings.setColumnStretch(1, 1)
                manager_box.setParent(box)  # kept (so its value stays None) but never shown
                manager_box.hide()
            layout.addLayout(ratings)
            last = wrapping_label()
            last.setAccessibleDescription(f"{area.name}: last time's rating")
            layout.addWidget(last)
            self.last_labels[area.id] = last
            block, _ = field_block("Evidence (a brief example):", evidence, context=area.name)
            layout.addWidget(block)
            self.rating_boxes[area.id] = (self_box, manager_box, evidence)
            self.form.addWidget(box)

        chart_box, chart_layout = group("Gap between where things are and the target")
        chart_layout.addWidget(note("Hatched bar: self rating. Solid bar: manager rating. Dashed "
                                    "line with a diamond: Established at the target level. The "
                                    "table under the chart says the same in words."))
        self.chart = GapChart()
        chart_layout.addWidget(self.chart)
        self.gap_model = GapTableModel(self)
        self.gap_table = QTableView()
        self.gap_table.setModel(self.gap_model)
        self.gap_table.setAccessibleName("Competency gaps in words")
        self.gap_table.setTabKeyNavigation(False)
        self.gap_table.setWordWrap(True)
        self.gap_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.gap_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.gap_table.horizontalHeader()
        # Ratings are short and shown whole; the area and the gap in words share what is left
        # and wrap, so the table fits a narrow screen without scrolling sideways.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(GapColumn.AREA, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(GapColumn.GAP, QHeaderView.ResizeMode.Stretch)
        # Qt sizes rows to their contents when the data changes, not when a stretched column
        # narrows; without this a wrapped area name is cut to one line ("Capability …").
        header.sectionResized.connect(lambda *_: self.gap_table.resizeRowsToContents())
        self.gap_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.gap_table.setMinimumHeight(self.fontMetrics().height() * 18)
        chart_layout.addWidget(self.gap_table)
        self.form.addWidget(chart_box)
        chart_box.setVisible(not self.env.own_view)  # it compares both columns

    # -- context -------------------------------------------------------------------------------

    def suggested_level(self) -> int | None:
        try:
            return suggest_level(self.env.person.band, self.env.packs.competency)
        except ValueError:
            return None

    def refresh_context(self) -> None:
        level = self.suggested_level()
        band = self.env.person.band
        if level is None:
            self.suggestion.setText(f"Band {band} does not map to a level in this framework; "
                                    "choose the current level yourselves.")
        else:
            found = self.env.packs.competency.level(level)
            name = f" ({found.name})" if found else ""
            self.suggestion.setText(f"Suggested from band {band}: level {level}{name}. "
                                    "Change it if the role sits elsewhere.")

    def current_state(self) -> dict:
        """The section, with levels filled in from the band and aspirations while still unset."""
        state = dict(step_section(self.env.document, self.step_id))
        if self.env.read_only:
            return state
        if state.get("current_level") is None and self.suggested_level() is not None:
            state["current_level"] = self.suggested_level()
        if state.get("target_level") is None and state.get("current_level") is not None:
            state["target_level"] = (self.env.document["aspirations"].get("target_level")
                                     or state["current_level"])
        if state != step_section(self.env.document, self.step_id):
            self.publish(state)  # saved at once, so the suggestion is part of the record
        return state

    # -- state ---------------------------------------------------------------------------------

    def chosen_framework(self):
        return self.frameworks.get(self.framework_box.currentData() or "") or \
            self.frameworks[self.core_id]

    def load(self, state: dict) -> None:
        select_data(self.framework_box, state.get("framework") or self.core_id)
        select_data(self.current_level, state.get("current_level"))
        select_data(self.target_level, state.get("target_level"))
        ratings = state.get("ratings") or {}
        for area_id, (self_box, manager_box, evidence) in self.rating_boxes.items():
            values = ratings.get(area_id) or {}
            select_data(self_box, values.get("self"))
            select_data(manager_box, values.get("manager"))
            evidence.set_text(values.get("evidence", ""))

    def collect(self) -> dict:
        state = dict(self._state)
        chosen = self.chosen_framework()
        state["framework"] = "" if chosen.id == self.core_id else chosen.id
        state["current_level"] = self.current_level.currentData()
        state["target_level"] = self.target_level.currentData()
        ratings = dict(state.get("ratings") or {})
        shown = {a.id for a in chosen.areas}
        for area_id in list(ratings):
            if area_id in self.area_groups and area_id not in shown:
                ratings.pop(area_id)  # another framework's areas: not part of this record
        for area_id, (self_box, manager_box, evidence) in self.rating_boxes.items():
            if area_id not in shown:
                continue
            entry = {"self": self_box.currentData(), "manager": manager_box.currentData(),
                     "evidence": evidence.toPlainText()}
            if entry == {"self": None, "manager": None, "evidence": ""}:
                ratings.pop(area_id, None)
            else:
                ratings[area_id] = entry
        state["ratings"] = ratings
        return state

    def after_change(self, field: str) -> None:
        framework = self.chosen_framework()
        for box, framework_id in self.area_groups.values():
            box.setVisible(framework_id == framework.id)
        self._describe_framework(framework)
        shown = self.collect() if self._loaded else self._state
        changes = {c.area: c for c in rating_changes(shown, [a.id for a in framework.areas])}
        for area in framework.areas:
            self._describe_last(area, changes.get(area.id))
        current = self.current_level.currentData()
        target = self.target_level.currentData()
        level = framework.level(current) if current else None
        rows = []
        for area in framework.areas:
            label = self.indicator_labels[area.id]
            if level is None:
                label.setText("Choose the current level to see what this area looks like there.")
            else:
                items = "".join(f"<li>{html.escape(i)}</li>" for i in area.indicators.get(current, ()))
                label.setText(f"At level {current} ({html.escape(level.name)}), this looks like:"
                              f"<ul style='-qt-list-indent: 1'>{items}</ul>")
            self_box, manager_box, _ = self.rating_boxes[area.id]
            rows.append(GapRow(area.name, self_box.currentData(), manager_box.currentData(),
                               current, target))
        self.chart.set_rows(rows)
        self.gap_model.set_rows(rows)

    def _describe_framework(self, framework) -> None:
        suggested = suggest_framework(self.env.all_packs or self.env.packs, self.env.person.band,
                                      self.env.document["aspirations"])
        words = [framework.description]
        if suggested.id != framework.id:
            words.append(f"Suggested from the band and aspirations: {suggested.title}.")
        else:
            words.append("This is the framework the band and aspirations suggest.")
        self.framework_note.setText(" ".join(w for w in words if w))

    def _describe_last(self, area, change) -> None:
        label = self.last_labels[area.id]
        last = self._state.get("last_time") or {}
        if change is None or change.last is None:
            label.setVisible(bool(last) and change is not None)
            label.setText(f"Last time ({display_date(last.get('held_on'))}): not rated.")
            return
        now = f"; this time {_rating(change.now)}, {change.words()}" if change.words() else ""
        label.setText(f"Last time ({display_date(last.get('held_on'))}): agreed "
                      f"{_rating(change.last)}{now}.")
        label.show()

    def field_label(self, field: str) -> str:
        if ":" in field:
            area_id, part = field.split(":", 1)
            area = self.env.packs.competency.area(area_id)
            return f"{area.name if area else area_id} {part} rating" if part != "evidence" \
                else f"{area.name if area else area_id} evidence"
        return field.replace("_", " ")

    def first_field(self) -> QWidget:
        return self.current_level
