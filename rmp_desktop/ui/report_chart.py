"""A report chart in the window: the bar or line chart of domain.report_charts, drawn with
QPainter from the same model the PDF draws with reportlab.

Every bar has its percentage written beside it and a hidden one says "* hidden"; the two
trend lines differ by pattern (solid, dashed) and marker (circle, square) as well as colour;
the accessible description reads the chart out in words. Colours: NHS blue and purple on the
window's background (5.9 and 12.6 to 1 on white), text in the palette's own colour, so a dark
or high-contrast theme keeps its contrast.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from rmp_desktop.domain.report_charts import BarChart, Chart, LineChart

BLUE = QColor("#005EB8")
DARK_BLUE = QColor("#003087")
PURPLE = QColor("#330072")


class ReportChartWidget(QWidget):
    def __init__(self, chart: Chart, parent: QWidget | None = None):
        super().__init__(parent)
        self.chart = chart
        self.setAccessibleName(chart.title)
        self.setAccessibleDescription("; ".join(chart.lines()[1:]))
        self.setToolTip("\n".join(chart.lines()))
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reachable, so a screen reader reads it
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def _line(self) -> int:
        return self.fontMetrics().height()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        char = self.fontMetrics().averageCharWidth()
        if isinstance(self.chart, BarChart):
            return QSize(char * 80, int((len(self.chart.bars) + 2.5) * self._line() * 1.5))
        return QSize(char * 80, self._line() * 16)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(self.fontMetrics().averageCharWidth() * 40, self.sizeHint().height())

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(self.foregroundRole())
        grid = QColor(text)
        grid.setAlpha(60)
        title = QFont(self.font())
        title.setBold(True)
        painter.setFont(title)
        painter.setPen(text)
        line = self._line()
        painter.drawText(QRectF(0, 0, self.width(), line * 1.4),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         self.chart.title)
        painter.setFont(self.font())
        area = QRectF(0, line * 1.6, self.width(), self.height() - line * 1.6)
        if isinstance(self.chart, BarChart):
            self._bars(painter, self.chart, area, text, grid)
        else:
            self._lines(painter, self.chart, area, text, grid)
        if self.hasFocus():
            painter.setPen(QPen(self.palette().color(self.palette().ColorRole.Highlight), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(1, 1, self.width() - 2, self.height() - 2))

    def _bars(self, painter: QPainter, chart: BarChart, area: QRectF, text: QColor,
              grid: QColor) -> None:
        metrics = self.fontMetrics()
        line = self._line()
        row = line * 1.5
        label_width = min(area.width() * 0.4,
                          max(metrics.horizontalAdvance(b.label) for b in chart.bars) + line)
        value_room = metrics.horizontalAdvance("* hidden") + line
        span = max(area.width() - label_width - value_room, line * 4)
        bottom = area.top() + row * len(chart.bars)
        for tick in (0, 25, 50, 75, 100):
            x = area.left() + label_width + span * tick / 100
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(x, area.top()), QPointF(x, bottom))
            painter.setPen(text)
            painter.drawText(QRectF(x - line * 2, bottom, line * 4, line * 1.2),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                             f"{tick}%")
        bold = QFont(self.font())
        bold.setBold(True)
        for number, bar in enumerate(chart.bars):
            y = area.top() + number * row
            painter.setFont(bold if bar.total else self.font())
            painter.setPen(text)
            label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight,
                                       int(label_width - line / 2))
            painter.drawText(QRectF(area.left(), y, label_width, row),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
            width = 0.0 if bar.hidden else span * (bar.percent or 0) / 100
            if width:
                colour = DARK_BLUE if bar.total else BLUE
                painter.setPen(QPen(DARK_BLUE, 1))
                painter.setBrush(QBrush(colour))
                painter.drawRect(QRectF(area.left() + label_width, y + row * 0.2, width,
                                        row * 0.6))
            painter.setPen(text)
            painter.drawText(QRectF(area.left() + label_width + width + line / 3, y, value_room,
                                    row), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             "* hidden" if bar.hidden else bar.text)
        painter.setFont(self.font())

    def _lines(self, painter: QPainter, chart: LineChart, area: QRectF, text: QColor,
               grid: QColor) -> None:
        metrics = self.fontMetrics()
        line = self._line()
        legend_height = line * 1.6
        left = area.left() + metrics.horizontalAdvance("100%") + line / 2
        right = area.right() - metrics.horizontalAdvance("100%") - line
        top = area.top() + legend_height + line / 2
        bottom = area.bottom() - line * 2.6
        step = (right - left) / max(len(chart.categories) - 1, 1)

        def point(i: int, value: int) -> QPointF:
            return QPointF(left + i * step, bottom - (bottom - top) * value / 100)

        for tick in (0, 25, 50, 75, 100):
            y = bottom - (bottom - top) * tick / 100
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(left, y), QPointF(right, y))
            painter.setPen(text)
            painter.drawText(QRectF(area.left(), y - line / 2, left - area.left() - line / 4,
                                    line), Qt.AlignmentFlag.AlignRight
                             | Qt.AlignmentFlag.AlignVCenter, f"{tick}%")
        for i, category in enumerate(chart.categories):
            months, _, year = category.rpartition(" ")
            for n, words in enumerate((months, year)):
                painter.drawText(QRectF(left + i * step - step / 2, bottom + line * 0.2 + n * line,
                                        step, line), Qt.AlignmentFlag.AlignHCenter, words)
        for number, series in enumerate(chart.series):
            colour = PURPLE if series.dashed else BLUE
            pen = QPen(colour, 2.2, Qt.PenStyle.DashLine if series.dashed else Qt.PenStyle.SolidLine)
            known = [(i, v) for i, v in enumerate(series.values) if v is not None]
            painter.setPen(pen)
            for (i0, v0), (i1, v1) in zip(known, known[1:], strict=False):
                if i1 == i0 + 1:  # a hidden quarter breaks the line
                    painter.drawLine(point(i0, v0), point(i1, v1))
            for i, v in known:
                _marker(painter, point(i, v), series.marker, colour)
            painter.setPen(text)
            for i, shown in enumerate(series.values):
                if shown is None:
                    painter.drawText(QRectF(left + i * step - line, bottom - line * 1.2,
                                            line * 2, line), Qt.AlignmentFlag.AlignHCenter, "*")
            if known:
                i, v = known[-1]
                at = point(i, v)
                bold = QFont(self.font())
                bold.setBold(True)
                painter.setFont(bold)
                painter.drawText(QPointF(at.x() + line / 2, at.y() + (-line / 4 if number == 0
                                                                     else line * 0.9)), f"{v}%")
                painter.setFont(self.font())
            # Legend: a sample of the line and its marker, then the name.
            x = area.left() + number * area.width() / 2
            y = area.top() + legend_height / 2
            painter.setPen(pen)
            painter.drawLine(QPointF(x, y), QPointF(x + line * 2, y))
            _marker(painter, QPointF(x + line, y), series.marker, colour)
            painter.setPen(text)
            painter.drawText(QRectF(x + line * 2.5, area.top(), area.width() / 2 - line * 3,
                                    legend_height), Qt.AlignmentFlag.AlignLeft
                             | Qt.AlignmentFlag.AlignVCenter, series.name)


def _marker(painter: QPainter, at: QPointF, shape: str, colour: QColor) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(colour))
    if shape == "square":
        painter.drawRect(QRectF(at.x() - 4, at.y() - 4, 8, 8))
    else:
        painter.drawEllipse(at, 4.5, 4.5)
