"""The competency gaps as rows, in words: the text twin of the gap chart, for everyone.

The rule itself is in domain/gaps.py, shared with the PDF.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from rmp_desktop.domain.gaps import ESTABLISHED, GapRow, rating_words  # noqa: F401 (re-exported)

_NO_INDEX = QModelIndex()


class GapColumn(IntEnum):
    AREA = 0
    SELF = 1
    MANAGER = 2
    GAP = 3


TITLES = {GapColumn.AREA: "Competency area", GapColumn.SELF: "Self rating",
          GapColumn.MANAGER: "Manager rating", GapColumn.GAP: "Gap to target"}


class GapTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[GapRow] = []

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_INDEX) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_INDEX) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(GapColumn)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(GapColumn):
            return TITLES[GapColumn(section)]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole,
                        Qt.ItemDataRole.ToolTipRole):
            return None
        row = self._rows[index.row()]
        column = GapColumn(index.column())
        if column is GapColumn.AREA:
            return row.area
        if column is GapColumn.SELF:
            return rating_words(row.self_rating)
        if column is GapColumn.MANAGER:
            return rating_words(row.manager_rating)
        return row.gap_words()

    def set_rows(self, rows: list[GapRow]) -> None:
        if rows == self._rows:
            return
        if len(rows) == len(self._rows):
            self._rows = list(rows)
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(GapColumn) - 1))
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[GapRow]:
        return list(self._rows)


def describe(rows: list[GapRow]) -> str:
    """One paragraph for a screen reader: the chart said in words."""
    if not rows:
        return "No competency areas."
    return " ".join(f"{r.area}: self {rating_words(r.self_rating)}, manager "
                    f"{rating_words(r.manager_rating)}; {r.gap_words()}." for r in rows)
