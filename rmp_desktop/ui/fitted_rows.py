"""Row heights and column widths of a word-wrapped table, worked out from its text.

Qt's `ResizeToContents` measures a table by asking the model for every role of every cell,
and does it again on each layout pass: a person with 200 conversations cost some 60,000 calls
into Python per opening. Here each cell is measured once, by the same style call Qt's own
delegate makes (`CT_ItemViewItem`, wrapped at the column's width), from text the model made
once; a column that changes width re-measures only that column.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, QRect, QSize
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionViewItem, QTableView

CellText = Callable[[int, int], str]  # (row, column) -> the text shown in that cell


class FittedRows(QObject):
    """Keeps `table`'s rows as tall as their wrapped text, and the `fit_width` columns as wide
    as their longest text, as `ResizeToContents` would, without asking the model."""

    def __init__(self, table: QTableView, text: CellText, *, fit_width: Iterable[int] = ()):
        super().__init__(table)
        self._table = table
        self._text = text
        self._fit_width = tuple(fit_width)
        self._heights: dict[int, list[int]] = {}  # column -> each row's height for its text
        # Measured once per refit: most cells repeat a text, and most fit on one line.
        self._one_line: dict[str, QSize] = {}
        self._wrapped: dict[tuple[str, int], int] = {}  # (text, width) -> height
        self._refitting = False
        rows = table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        columns = table.horizontalHeader()
        for column in self._fit_width:
            columns.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        columns.sectionResized.connect(self._column_resized)
        table.installEventFilter(self)

    def refit(self) -> None:
        """Measure every cell again: call after the rows (or their text) change."""
        self._one_line.clear()
        self._wrapped.clear()
        self._refitting = True  # the widths fitted below are measured once, after them
        try:
            self._fit_columns()
        finally:
            self._refitting = False
        self._heights = {column: self._column_heights(column, self._table.columnWidth(column))
                         for column in self._shown_columns()}
        self._apply()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.refit()
        return False

    # -- internals -----------------------------------------------------------------------------

    def _row_count(self) -> int:
        model = self._table.model()
        return model.rowCount() if model is not None else 0

    def _shown_columns(self) -> list[int]:
        header = self._table.horizontalHeader()
        return [c for c in range(header.count()) if not header.isSectionHidden(c)]

    def _option(self) -> QStyleOptionViewItem:
        option = QStyleOptionViewItem()
        self._table.initViewItemOption(option)  # the view's font, wrapping and alignment
        option.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
        return option

    def _measure(self, option: QStyleOptionViewItem, text: str) -> QSize:
        """The size Qt's delegate gives `text` (wrapped if option.rect has a width)."""
        option.text = text
        return self._table.style().sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, option,
                                                    QSize(), self._table)

    def _size_on_one_line(self, text: str) -> QSize:
        size = self._one_line.get(text)
        if size is None:
            size = self._one_line[text] = self._measure(self._option(), text)
        return size

    def _column_heights(self, column: int, width: int) -> list[int]:
        option = self._option()
        # The width a cell wraps at; a height of 1 as Qt gives a row it has not measured yet.
        option.rect = QRect(0, 0, width, 1)
        heights = []
        for row in range(self._row_count()):
            text = self._text(row, column)
            one_line = self._size_on_one_line(text)
            if one_line.width() <= width:  # fits unwrapped, so wrapping changes nothing
                heights.append(one_line.height())
                continue
            height = self._wrapped.get((text, width))
            if height is None:
                height = self._wrapped[text, width] = self._measure(option, text).height()
            heights.append(height)
        return heights

    def _fit_columns(self) -> None:
        header = self._table.horizontalHeader()
        grid = 1 if self._table.showGrid() else 0
        for column in self._fit_width:
            if header.isSectionHidden(column):
                continue
            widest = max((self._size_on_one_line(self._text(row, column)).width()
                          for row in range(self._row_count())), default=0)
            width = max(widest + grid, header.sectionSizeHint(column))
            width = min(max(width, header.minimumSectionSize()), header.maximumSectionSize())
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)  # measures its rows through _column_resized

    def _column_resized(self, column: int, old: int, new: int) -> None:
        if old == new or self._refitting or column not in self._heights:
            return
        # A stretched column reports its new width before columnWidth() gives it.
        self._heights[column] = self._column_heights(column, new)
        self._apply()

    def _apply(self) -> None:
        header = self._table.verticalHeader()
        grid = 1 if self._table.showGrid() else 0
        # What ResizeToContents keeps a row to: at least the header's own hint and minimum.
        floor = max(header.minimumSectionSize(), header.sectionSizeHint(0) if header.count() else 0)
        ceiling = header.maximumSectionSize()
        columns = list(self._heights.values())
        for row in range(min(header.count(), self._row_count())):
            tallest = max((heights[row] for heights in columns if row < len(heights)), default=0)
            height = min(max(tallest + grid, floor), ceiling)
            if header.sectionSize(row) != height:
                header.resizeSection(row, height)
