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
        rows = len(self.chart.rows) + 1
        return QSize(self.fontMetrics().averageCharWidth() * 60, int(rows * self._line() * 1.6))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(self.fontMetrics().averageCharWidth() * 30, self.sizeHint().height())

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        chart = self.chart
        if chart.empty:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        line = self._line()
        row_height = line * 1.6
        label_width = min(self.width() * 0.5,
                          max(metrics.horizontalAdvance(r.label) for r in chart.rows) + line)
        column_width = (self.width() - label_width) / len(chart.columns)
        text = self.palette().color(self.foregroundRole())
        painter.setPen(text)
        for col, title in enumerate(chart.columns):
            x = label_width + col * column_width
            painter.drawText(QRectF(x, 0, column_width, row_height),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        for number, row in enumerate(chart.rows, start=1):
            y = number * row_height
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
