"""The avenues of the exposure wheel and their statuses: one model for the wheel and its list.

The wheel and the table beside it show the same model and share one selection
model, so they are always in step: a change made on either shows on both.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from rmp_desktop.domain.conversation import AVENUE_STATUSES
from rmp_desktop.domain.packs import ExposureWheel

STATUS_ORDER = tuple(AVENUE_STATUSES)  # not_considered, exploring, planned, active, done
STATUS_MARKS = {"not_considered": "○", "exploring": "?", "planned": "◔", "active": "◑", "done": "●"}

StatusRole = Qt.ItemDataRole.UserRole + 1
AvenueIdRole = Qt.ItemDataRole.UserRole + 2
GroupRole = Qt.ItemDataRole.UserRole + 3

_NO_INDEX = QModelIndex()


class AvenueColumn(IntEnum):
    NUMBER = 0
    AVENUE = 1
    GROUP = 2
    STATUS = 3


TITLES = {AvenueColumn.NUMBER: "No.", AvenueColumn.AVENUE: "Avenue", AvenueColumn.GROUP: "Group",
          AvenueColumn.STATUS: "Status"}


def status_label(status: str) -> str:
    return f"{STATUS_MARKS[status]} {AVENUE_STATUSES[status]}"


class AvenueModel(QAbstractTableModel):
    statusEdited = Signal(str, str)  # avenue id, new status (a user's change, not a load)

    def __init__(self, wheel: ExposureWheel, parent=None):
        super().__init__(parent)
        self.wheel = wheel
        self.avenues = wheel.avenues
        self._status: dict[str, str] = {}
        self.read_only = False

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_INDEX) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.avenues)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_INDEX) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(AvenueColumn)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(AvenueColumn):
            return TITLES[AvenueColumn(section)]
        return None

    def status(self, row: int) -> str:
        return self._status.get(self.avenues[row].id, "not_considered")

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.avenues)):
            return None
        avenue = self.avenues[index.row()]
        status = self.status(index.row())
        column = AvenueColumn(index.column())
        if role == StatusRole:
            return status
        if role == AvenueIdRole:
            return avenue.id
        if role == GroupRole:
            return avenue.group
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            group = self.wheel.group(avenue.group)
            group_name = group.name if group else avenue.group
            if column is AvenueColumn.NUMBER:
                return str(index.row() + 1)
            if column is AvenueColumn.AVENUE:
                return avenue.name if role == Qt.ItemDataRole.DisplayRole \
                    else f"{avenue.name} ({group_name})"
            if column is AvenueColumn.GROUP:
                return group_name
            return status_label(status) if role == Qt.ItemDataRole.DisplayRole \
                else AVENUE_STATUSES[status]
        if role == Qt.ItemDataRole.EditRole and column is AvenueColumn.STATUS:
            return status
        if role == Qt.ItemDataRole.ToolTipRole:
            return avenue.description
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == AvenueColumn.STATUS and not self.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: QModelIndex | QPersistentModelIndex, value,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (not index.isValid() or role not in (Qt.ItemDataRole.EditRole, StatusRole)
                or self.read_only or value not in AVENUE_STATUSES):
            return False
        avenue = self.avenues[index.row()]
        if self.status(index.row()) == value:
            return True
        self._set(avenue.id, value)
        self._row_changed(index.row())
        self.statusEdited.emit(avenue.id, value)
        return True

    def cycle(self, row: int, step: int = 1) -> None:
        """The next status round the cycle (Space, Enter, a click)."""
        now = STATUS_ORDER.index(self.status(row))
        self.setData(self.index(row, AvenueColumn.STATUS), STATUS_ORDER[(now + step) % len(STATUS_ORDER)])

    def statuses(self) -> dict[str, str]:
        return dict(self._status)

    def set_statuses(self, statuses: dict[str, str]) -> None:
        clean = {k: v for k, v in (statuses or {}).items()
                 if v in AVENUE_STATUSES and v != "not_considered"}
        if clean == self._status:
            return
        self._status = clean
        if self.avenues:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.avenues) - 1, len(AvenueColumn) - 1))

    def _set(self, avenue_id: str, status: str) -> None:
        if status == "not_considered":
            self._status.pop(avenue_id, None)
        else:
            self._status[avenue_id] = status

    def _row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(AvenueColumn) - 1))
