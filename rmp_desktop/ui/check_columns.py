"""Choices in two columns where there is room and in one where there is not (a narrow laptop at
150% scaling), so a list of check boxes never makes its page scroll sideways."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QGridLayout, QWidget


class CheckColumns(QWidget):
    def __init__(self, boxes: Sequence[QWidget], columns: int = 2, parent=None):
        super().__init__(parent)
        self._boxes = list(boxes)
        self._most = columns
        self._columns = 0
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._arrange(columns)

    def columns(self) -> int:
        return self._columns

    def _widest(self) -> int:
        return max((box.sizeHint().width() for box in self._boxes), default=0)

    def _width_for(self, columns: int) -> int:
        return columns * self._widest() + (columns - 1) * max(self._grid.horizontalSpacing(), 0)

    def _arrange(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for box in self._boxes:
            self._grid.removeWidget(box)
        for i, box in enumerate(self._boxes):  # reading order, so Tab goes as the eye does
            self._grid.addWidget(box, i // columns, i % columns)
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        # One column is the least this needs; the height is that of the columns now shown.
        return QSize(self._width_for(1), self._grid.minimumSize().height())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        fits = max(1, min(self._most, (event.size().width() + max(self._grid.horizontalSpacing(), 0))
                          // max(self._widest() + max(self._grid.horizontalSpacing(), 0), 1)))
        self._arrange(fits)
        super().resizeEvent(event)
