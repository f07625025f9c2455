"""A list of records edited as a table with a form under it: keyboard first.

Tab reaches the table (arrows choose a row), the Add and Remove buttons under it,
then the form for that row. Enter in the table moves into the form; Delete
removes the row. Every change in the form updates the row at once and is
reported with `rowsChanged`, so the page saves and can undo it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rmp_desktop.ui.date_field import DateField
from rmp_desktop.ui.keyboard import tab_in_reading_order
from rmp_desktop.ui.widgets import (
    FieldFlag,
    GrowingTextEdit,
    check_box,
    combo,
    field_block,
    line_edit,
    note,
    select_data,
    set_combo_items,
    set_line_text,
    wrapping_label,
)
from rmp_desktop.ui.wizard.list_model import FieldSpec, RecordListModel


def new_id() -> str:
    return uuid.uuid4().hex[:12]


class _Table(QTableView):
    """Enter opens the selected row in the form; Delete removes it."""

    enterPressed = Signal()
    deletePressed = Signal()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.enterPressed.emit()
            return
        if event.key() == Qt.Key.Key_Delete and self.currentIndex().isValid():
            self.deletePressed.emit()
            return
        super().keyPressEvent(event)


class RecordListEditor(QWidget):
    rowsChanged = Signal(str)  # the field that changed ("rows" for add or remove)

    def __init__(self, noun: str, fields: list[FieldSpec],
                 problems: Callable[[dict], dict[str, str]], *, new_row: Callable[[], dict],
                 empty_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.noun = noun
        self.fields = fields
        self._new_row = new_row
        self._problems = problems
        self._loading = False
        self._read_only = False
        self.model = RecordListModel(fields, problems, self)

        self.table = _Table()
        self.table.setModel(self.model)
        self.table.setAccessibleName(f"{noun.capitalize()}s")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        # Text columns share the width (cut with "…", the whole text below in the form), so the
        # table never scrolls sideways on a narrow screen; short values (dates, yes or no, the
        # check) are shown whole. A plan has few rows.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for column, spec in enumerate(self.model.columns):
            if column and spec.kind in ("date", "check"):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.model.columnCount() - 1,
                                    QHeaderView.ResizeMode.ResizeToContents)
        rows_visible = 4
        self.table.setMinimumHeight(self.table.fontMetrics().height() * (rows_visible + 2))
        self.table.setMaximumHeight(self.table.fontMetrics().height() * 14)
        self.empty_label = note(empty_text)

        self.add_button = QPushButton(f"Add {noun}")
        self.add_button.setAccessibleName(f"Add {noun}")
        self.remove_button = QPushButton(f"Remove {noun}")
        self.remove_button.setAccessibleName(f"Remove {noun}")
        self.remove_button.setAccessibleDescription(f"Removes the {noun} chosen in the table")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)

        self.form_title = wrapping_label()
        self.form = QWidget()
        form_layout = QVBoxLayout(self.form)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.addWidget(self.form_title)
        self.editors: dict[str, QWidget] = {}
        self.flags: dict[str, FieldFlag] = {}
        for spec in fields:
            editor = self._make_editor(spec)
            self.editors[spec.key] = editor
            if spec.kind == "check":
                form_layout.addWidget(editor)
                self.flags[spec.key] = FieldFlag(editor)
                form_layout.addWidget(self.flags[spec.key])
            else:
                block, flag = field_block(spec.label, editor, spec.hint)
                self.flags[spec.key] = flag
                form_layout.addWidget(block)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)
        layout.addWidget(self.form)

        # Tab order as the editor reads: the table, Add and Remove under it, then the form; so
        # Tab from the form's last field goes on down the page, never back up to Add.
        tab_in_reading_order(self)

        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_current)
        self.table.enterPressed.connect(self.focus_form)
        self.table.deletePressed.connect(self.remove_current)
        self.table.selectionModel().currentRowChanged.connect(self._show_current)
        self._show_current()

    # -- building ------------------------------------------------------------------------------

    def _make_editor(self, spec: FieldSpec) -> QWidget:
        name = f"{self.noun.capitalize()}: {spec.label[0].lower() + spec.label[1:]}"
        if spec.kind == "text":
            text = GrowingTextEdit(name, placeholder=spec.hint, min_lines=2, max_lines=10)
            text.textChanged.connect(lambda key=spec.key: self._edited(key))
            return text
        if spec.kind == "check":
            check = check_box(spec.label, name)
            check.toggled.connect(lambda _on, key=spec.key: self._edited(key))
            return check
        if spec.kind == "choice":
            choice = combo(name)
            choice.currentIndexChanged.connect(lambda _i, key=spec.key: self._edited(key))
            return choice
        if spec.kind == "date":
            field = DateField(name)
            field.textChanged.connect(lambda _t, key=spec.key: self._edited(key))
            return field
        line = line_edit(name)
        line.textChanged.connect(lambda _t, key=spec.key: self._edited(key))
        return line

    def _focus_chain(self) -> list[QWidget]:
        return [self.editors[s.key] for s in self.fields]

    # -- rows ----------------------------------------------------------------------------------

    def set_rows(self, rows: list[dict]) -> None:
        current = self.table.currentIndex().row()
        self.model.set_rows(rows)
        if self.model.rowCount():
            self.select_row(min(max(current, 0), self.model.rowCount() - 1))
        self._show_current()

    def rows(self) -> list[dict]:
        return self.model.rows()

    def select_row(self, number: int) -> None:
        index = self.model.index(number, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)

    def add_row(self, row: dict | None = None, *, focus: bool = True) -> int:
        if self._read_only:
            return -1
        number = self.model.append_row(row if isinstance(row, dict) else self._new_row())
        self.select_row(number)
        self.rowsChanged.emit("rows")
        if focus:
            self.focus_form()
        return number

    def remove_current(self) -> None:
        number = self.table.currentIndex().row()
        if self._read_only or number < 0:
            return
        self.model.remove_row(number)
        if self.model.rowCount():
            self.select_row(min(number, self.model.rowCount() - 1))
        self._show_current()
        self.rowsChanged.emit("rows")
        (self.table if self.model.rowCount() else self.add_button).setFocus(
            Qt.FocusReason.OtherFocusReason)

    def focus_form(self) -> None:
        first = self.editors[self.fields[0].key]
        if first.isEnabled():
            first.setFocus(Qt.FocusReason.TabFocusReason)

    def focus_field(self, key: str | None = None) -> QWidget | None:
        """Put the cursor in the current row's field `key`, or else its first field that still
        has a problem, and bring it into view."""
        number = self.table.currentIndex().row()
        if number < 0:
            return None
        if key is None:
            problems = self._problems(self.model.row(number))
            key = next((s.key for s in self.fields if s.key in problems), self.fields[0].key)
        editor = self.editors[key]
        if not editor.isEnabled():
            return None
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        QTimer.singleShot(0, self, lambda: self._bring_into_view(editor))
        return editor

    def _bring_into_view(self, editor: QWidget) -> None:
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None:
            # The row's title above it too, so it is clear which action this is.
            parent.ensureWidgetVisible(self.form_title, 0, 0)
            parent.ensureWidgetVisible(editor)

    def recheck(self) -> None:
        self.model.recheck()
        self._show_flags()

    # -- the form ------------------------------------------------------------------------------

    def _show_current(self, *_args) -> None:
        number = self.table.currentIndex().row()
        has_row = 0 <= number < self.model.rowCount()
        self.empty_label.setVisible(self.model.rowCount() == 0)
        self.table.setVisible(self.model.rowCount() > 0)
        self.form.setVisible(has_row)
        self.remove_button.setEnabled(has_row and not self._read_only)
        if not has_row:
            return
        row = self.model.row(number)
        self.form_title.setText(f"{self.noun.capitalize()} {number + 1} of {self.model.rowCount()}")
        self._loading = True
        try:
            for spec in self.fields:
                self._put(spec, row)
        finally:
            self._loading = False
        self._show_flags()

    def _put(self, spec: FieldSpec, row: dict) -> None:
        editor = self.editors[spec.key]
        value = row.get(spec.key, spec.default)
        if isinstance(editor, GrowingTextEdit):
            editor.set_text(str(value or ""))
        elif isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QComboBox):
            set_combo_items(editor, spec.choices(row) if spec.choices else [])
            select_data(editor, value)
        elif isinstance(editor, DateField):
            editor.set_stored_text(str(value or ""))
        elif isinstance(editor, QLineEdit):
            set_line_text(editor, str(value or ""))

    def _get(self, spec: FieldSpec) -> object:
        editor = self.editors[spec.key]
        if isinstance(editor, GrowingTextEdit):
            return editor.toPlainText()
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QComboBox):
            return editor.currentData() if editor.currentIndex() >= 0 else spec.default
        if isinstance(editor, DateField):
            return editor.stored_text()  # ISO once it can be read, as typed until then
        if isinstance(editor, QLineEdit):
            return editor.text()
        return spec.default

    def _edited(self, key: str) -> None:
        number = self.table.currentIndex().row()
        if self._loading or self._read_only or number < 0:
            return
        row = self.model.row(number)
        spec = next(s for s in self.fields if s.key == key)
        value = self._get(spec)
        if value == row.get(key, spec.default):
            return  # e.g. a date shown anew in its usual form: nothing to save or undo
        row[key] = value
        # A choice may depend on this field (gap reference on gap kind): refresh the others.
        self._loading = True
        try:
            for spec in self.fields:
                if spec.kind == "choice" and spec.key != key and spec.choices is not None:
                    self._put(spec, row)
                    row[spec.key] = self._get(spec)
        finally:
            self._loading = False
        self.model.update_row(number, row)
        self._show_flags()
        self.rowsChanged.emit(key)

    def _show_flags(self) -> None:
        number = self.table.currentIndex().row()
        problems = self._problems(self.model.row(number)) if number >= 0 else {}
        for key, flag in self.flags.items():
            flag.show_problem(problems.get(key))

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for editor in self.editors.values():
            if isinstance(editor, QLineEdit | GrowingTextEdit):
                editor.setReadOnly(read_only)
            elif isinstance(editor, QCheckBox):
                editor.setEnabled(not read_only)
            else:
                editor.setEnabled(not read_only)
        self.add_button.setEnabled(not read_only)
        self._show_current()
