"""The progress chart on a person's page: one bar and its number per record and row.

Drawn from domain.progress.ProgressChart, the same data the PDF draws; every bar has its value
printed beside it and the chart's accessible description reads the values row by row.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from rmp_desktop.domain.progress import ProgressChart

BAR = QColor("#005EB8")  # NHS blue on white: 5.9 to 1, and every bar has its number too


class ProgressChartWidget(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.chart = ProgressChart((), (), "")
        self.setAccessibleName("Progress over time chart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_chart(self, chart: ProgressChart) -> None:
        self.chart = chart
        self.setAccessibleDescription("; ".join(chart.lines()))
        self.setToolTip("\n".join(chart.lines()))
        self.updateGeometry()
        self.update()

    def _line(self) -> int:
        return self.fontMetrics().height()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # Room for the dates on two lines: a narrow page stacks them rather than overlap them.
        height = len(self.chart.rows) * self._line() * 1.6 + self._line() * 2.4
        return QSize(self.fontMetrics().averageCharWidth() * 60, int(height))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(self.fontMetrics().averageCharWidth() * 30, self.sizeHint().height())

    def _label_width(self) -> float:
        metrics, line = self.fontMetrics(), self._line()
        return min(self.width() * 0.5,
                   max(metrics.horizontalAdvance(r.label) for r in self.chart.rows) + line)

    def header_cells(self) -> list[tuple[QRectF, str]]:
        """Where each record's date goes and what it says: on one line when every date fits
        its column, else day and month over the year, cut short only if even that is too wide."""
        chart, metrics, line = self.chart, self.fontMetrics(), self._line()
        label_width = self._label_width()
        column_width = (self.width() - label_width) / len(chart.columns)
        room = int(column_width - line / 2)
        stacked = any(metrics.horizontalAdvance(t) > room for t in chart.columns)
        height = line * 2.4 if stacked else line * 1.6
        parts = chart.stacked_columns() if stacked else [(t, "") for t in chart.columns]
        return [(QRectF(label_width + col * column_width, 0, column_width, height),
                 "\n".join(metrics.elidedText(p, Qt.TextElideMode.ElideRight, room)
                           for p in pair if p))
                for col, pair in enumerate(parts)]

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        chart = self.chart
        if chart.empty:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        line = self._line()
        row_height = line * 1.6
        label_width = self._label_width()
        column_width = (self.width() - label_width) / len(chart.columns)
        text = self.palette().color(self.foregroundRole())
        painter.setPen(text)
        cells = self.header_cells()
        header_height = cells[0][0].height()
        for rect, shown in cells:
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             shown)
        for number, row in enumerate(chart.rows, start=1):
            y = header_height + (number - 1) * row_height
            painter.setPen(text)
            label = metrics.elidedText(row.label, Qt.TextElideMode.ElideRight, int(label_width))
            painter.drawText(QRectF(0, y, label_width, row_height),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
            for col, value in enumerate(row.values):
                x = label_width + col * column_width
                number_width = metrics.horizontalAdvance("88") + line // 2
                span = max(column_width - number_width - line, line)
                if value:
                    width = span * value / row.top
                    painter.setPen(QPen(BAR.darker(130), 1))
                    painter.setBrush(QBrush(BAR))
                    painter.drawRect(QRectF(x, y + row_height * 0.25, width, row_height * 0.5))
                else:
                    width = 0
                painter.setPen(text)
                painter.drawText(QRectF(x + width + line / 4, y, number_width, row_height),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                                 "–" if value is None else str(value))
        painter.end()
