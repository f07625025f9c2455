"""Step 8, the exposure wheel: the wheel, the same avenues as a table, and the chosen avenue's details."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QTableView,
    QWidget,
)

from rmp_desktop.domain.conversation import AVENUE_STATUSES
from rmp_desktop.ui.accessibility import announce
from rmp_desktop.ui.widgets import (
    GrowingTextEdit,
    combo,
    field_block,
    group,
    heading,
    note,
    select_data,
    wrapping_label,
)
from rmp_desktop.ui.wizard.avenue_model import STATUS_MARKS, AvenueColumn, AvenueModel
from rmp_desktop.ui.wizard.exposure_wheel import ExposureWheelView
from rmp_desktop.ui.wizard.page_base import StepPage


class AvenueTable(QTableView):
    """The wheel as a plain table: arrows move, Space or Enter moves the status on."""

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        row = self.currentIndex().row()
        model = self.model()
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter) and row >= 0 \
                and isinstance(model, AvenueModel):
            back = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            model.cycle(row, -1 if back else 1)
            # The cell changed under the keyboard; a listener hears what it is now.
            announce(self, f"{model.avenues[row].name}: {AVENUE_STATUSES[model.status(row)]}")
            event.accept()
            return
        super().keyPressEvent(event)


class WheelPage(StepPage):
    step_id = "wheel"

    def build(self) -> None:
        wheel = self.env.packs.wheel
        self.model = AvenueModel(wheel, self)
        self.selection = QItemSelectionModel(self.model, self)
        self.model.statusEdited.connect(lambda avenue_id, _s: self.changed(f"avenue:{avenue_id}"))

        legend = "   ".join(f"{STATUS_MARKS[k]} {v}" for k, v in AVENUE_STATUSES.items())
        self.form.addWidget(note(f"Key: {legend}. Each status also has its own fill pattern."))

        self.wheel_view = ExposureWheelView(self.model, self.selection)
        self.table = AvenueTable()
        self.table.setModel(self.model)
        self.table.setSelectionModel(self.selection)
        self.table.setAccessibleName("Avenues of the exposure wheel")
        self.table.setAccessibleDescription("Every avenue with its status. Space or Enter "
                                            "moves the status on; Shift with it goes back.")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setColumnHidden(AvenueColumn.GROUP, True)  # the avenue's cell says its group
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AvenueColumn.AVENUE, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(self.fontMetrics().height() * 16)

        detail, detail_layout = group("Chosen avenue")
        self.avenue_name = heading("", 1.05)
        self.avenue_text = wrapping_label()
        self.avenue_examples = wrapping_label()
        self.status = combo("Status of the chosen avenue",
                            [(k, f"{STATUS_MARKS[k]} {v}") for k, v in AVENUE_STATUSES.items()])
        self.status.currentIndexChanged.connect(self._status_chosen)
        for widget in (self.avenue_name, self.avenue_text, self.avenue_examples):
            detail_layout.addWidget(widget)
        block, _ = field_block("Status:", self.status)
        detail_layout.addWidget(block)

        side = QWidget()
        side_layout = QGridLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.table, 0, 0)
        side_layout.addWidget(detail, 1, 0)

        self.split = QGridLayout()
        self.split.addWidget(self.wheel_view, 0, 0)
        self.split.addWidget(side, 0, 1)
        self.split.setColumnStretch(0, 3)
        self.split.setColumnStretch(1, 2)
        self.form.addLayout(self.split)

        prompt = self.env.packs.prompts.steps.get(self.step_id)
        self.notes = GrowingTextEdit("Wheel notes", min_lines=3)
        self.notes.textChanged.connect(lambda: self.changed("notes"))
        block, _ = field_block("Notes:", self.notes, prompt.hints.get("notes", "") if prompt else "")
        self.form.addWidget(block)

        QWidget.setTabOrder(self.wheel_view, self.table)
        QWidget.setTabOrder(self.table, self.status)
        QWidget.setTabOrder(self.status, self.notes)
        self.selection.currentChanged.connect(self._show_avenue)
        self.model.dataChanged.connect(self._show_avenue)
        self.wheel_view.move_to(0)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        # Side by side when there is room, the table under the wheel when there is not.
        wide = self.width() > self.fontMetrics().averageCharWidth() * 110
        side = self.split.itemAtPosition(0, 1) or self.split.itemAtPosition(1, 0)
        if side is None:
            return
        widget = side.widget()
        if widget is None:
            return
        self.split.removeWidget(widget)
        if wide:
            self.split.addWidget(widget, 0, 1)
            self.split.setColumnStretch(1, 2)
        else:
            self.split.addWidget(widget, 1, 0)
            self.split.setColumnStretch(1, 0)

    def load(self, state: dict) -> None:
        self.model.set_statuses(state.get("avenues") or {})
        self.notes.set_text(state.get("notes", ""))
        self._show_avenue()

    def collect(self) -> dict:
        state = dict(self._state)
        state["avenues"] = self.model.statuses()
        state["notes"] = self.notes.toPlainText()
        return state

    def _show_avenue(self, *_args) -> None:
        row = self.selection.currentIndex().row()
        if row < 0:
            return
        avenue = self.model.avenues[row]
        self.avenue_name.setText(f"{row + 1}. {avenue.name}")
        self.avenue_text.setText(avenue.description)
        self.avenue_examples.setText("For example: " + "; ".join(avenue.examples) + "."
                                     if avenue.examples else "")
        blocked = self.status.blockSignals(True)
        select_data(self.status, self.model.status(row))
        self.status.blockSignals(blocked)

    def _status_chosen(self, _index: int) -> None:
        row = self.selection.currentIndex().row()
        if row >= 0 and not self._loading:
            self.model.setData(self.model.index(row, AvenueColumn.STATUS), self.status.currentData())

    def field_label(self, field: str) -> str:
        if field.startswith("avenue:"):
            avenue = self.env.packs.wheel.avenue(field[7:])
            return f"status of {avenue.name if avenue else field[7:]}"
        return field

    def apply_read_only(self, read_only: bool) -> None:
        self.model.read_only = read_only

    def first_field(self):
        return self.wheel_view
