"""A list of records (objectives, actions) as a table model: column constants, one row per dict.

The model holds plain dicts in the document's shape. A last column says, in
words, whether the row has something that does not fit, so the table itself
shows problems without relying on colour.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from rmp_desktop.domain.dates import display_date
from rmp_desktop.ui.widgets import WARNING_SIGN

RowRole = Qt.ItemDataRole.UserRole + 1  # the whole row dict
ProblemsRole = Qt.ItemDataRole.UserRole + 2  # {field: message}

_NO_INDEX = QModelIndex()


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    kind: str = "line"  # line, text, date, check, choice
    column: bool = True  # shown in the table as well as in the form
    hint: str = ""
    # For "choice": (row) -> [(value, label)]; the row lets one field depend on another.
    choices: Callable[[dict], list[tuple[str, str]]] | None = field(default=None, compare=False)
    default: object = ""
    header: str = ""  # a shorter column title where the label is long

    @property
    def title(self) -> str:
        return self.header or self.label

    def display(self, row: dict) -> str:
        value = row.get(self.key, self.default)
        if self.kind == "check":
            return "Yes" if value else "No"
        if self.kind == "choice" and self.choices is not None:
            return dict(self.choices(row)).get(value, str(value or ""))
        if self.kind == "date":
            return display_date(str(value or ""))
        text = str(value or "")
        first_line = text.splitlines()[0] if text else ""
        return first_line + (" …" if "\n" in text.strip() else "")


class RecordListModel(QAbstractTableModel):
    def __init__(self, fields: list[FieldSpec], problems: Callable[[dict], dict[str, str]],
                 parent=None):
        super().__init__(parent)
        self.fields = fields
        self.columns = [f for f in fields if f.column]
        self._problems = problems
        self._rows: list[dict] = []

    # -- Qt ----------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_INDEX) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_INDEX) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns) + 1

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if section == len(self.columns):
                return "Check"
            if 0 <= section < len(self.columns):
                return self.columns[section].title
            return None
        return str(section + 1)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == RowRole:
            return copy.deepcopy(row)
        if role == ProblemsRole:
            return self._problems(row)
        if column == len(self.columns):
            problems = self._problems(row)
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return f"{WARNING_SIGN} {len(problems)} to check" if problems else "OK"
            if role == Qt.ItemDataRole.ToolTipRole and problems:
                return "\n".join(problems.values())
            return None
        spec = self.columns[column]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return spec.display(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = str(row.get(spec.key, "") or "")
            return text if len(text) > 40 or "\n" in text else None
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- the rows ------------------------------------------------------------------------------

    def rows(self) -> list[dict]:
        return copy.deepcopy(self._rows)

    def row(self, number: int) -> dict:
        return copy.deepcopy(self._rows[number])

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self._rows = [copy.deepcopy(r) for r in rows if isinstance(r, dict)]
        self.endResetModel()

    def update_row(self, number: int, row: dict) -> None:
        self._rows[number] = copy.deepcopy(row)
        self.dataChanged.emit(self.index(number, 0), self.index(number, len(self.columns)))

    def append_row(self, row: dict) -> int:
        number = len(self._rows)
        self.beginInsertRows(_NO_INDEX, number, number)
        self._rows.append(copy.deepcopy(row))
        self.endInsertRows()
        return number

    def remove_row(self, number: int) -> None:
        self.beginRemoveRows(_NO_INDEX, number, number)
        del self._rows[number]
        self.endRemoveRows()

    def recheck(self) -> None:
        """Problems may depend on something outside the rows (the conversation date)."""
        if self._rows:
            last = len(self.columns)
            self.dataChanged.emit(self.index(0, last), self.index(len(self._rows) - 1, last))
