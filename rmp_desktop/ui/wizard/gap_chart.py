"""The competency gap chart, drawn with QPainter.

One row per area on a scale through the levels concerned, from the lowest current
level to the highest target (domain.gaps.shown_levels, as the PDF draws it). The self
rating is a hatched bar, the manager's a solid bar, the target a dashed line with a
diamond: pattern and shape carry the meaning, colour only helps; each rating is in words
in a column right of the scale. The same facts are in the accessible description and
in the table shown under it.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from rmp_desktop.domain.conversation import RATING_SCALE
from rmp_desktop.domain.gaps import shown_levels
from rmp_desktop.ui.wizard.gap_model import GapRow, describe


class GapChart(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._rows: list[GapRow] = []
        self.setAccessibleName("Competency gap chart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def set_rows(self, rows: list[GapRow]) -> None:
        if rows == self._rows:
            return
        self._rows = list(rows)
        self.setAccessibleDescription(describe(self._rows))
        self.updateGeometry()
        self.update()

    def _line(self) -> int:
        return self.fontMetrics().height()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        line = self._line()
        return QSize(40 * self.fontMetrics().averageCharWidth(),
                     int(line * (3.5 + 2.4 * max(1, len(self._rows)))))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(24 * self.fontMetrics().averageCharWidth(), self.sizeHint().height())

    def heightForWidth(self, _width: int) -> int:  # noqa: N802 - Qt override
        return self.sizeHint().height()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        line = self._line()
        metrics = self.fontMetrics()
        width = self.width()
        label_w = min(int(width * 0.32), max(metrics.horizontalAdvance(r.area) for r in self._rows) + line
                      if self._rows else line)
        left = label_w + line // 2
        words_w = max(metrics.horizontalAdvance(w) for w in (*RATING_SCALE.values(), "Not rated"))
        right = width - words_w - line
        scale_w = max(1, right - left)
        top = int(line * 1.6)
        first, last = shown_levels(self._rows)
        levels = last - first + 1

        def at(position: float) -> float:
            return left + scale_w * (position - (first - 1)) / levels

        # Legend.
        manager_colour = palette.color(QPalette.ColorRole.Highlight)
        self_colour = QColor("#5a5a5a") if text.lightness() < 128 else QColor("#c8c8c8")
        target_colour = QColor("#b34700") if text.lightness() < 128 else QColor("#ffb070")
        x = 0
        for label, draw in (("Self", "self"), ("Manager", "manager"), ("Target", "target")):
            swatch = QRectF(x, line * 0.25, line * 1.4, line * 0.6)
            self._swatch(painter, swatch, draw, self_colour, manager_colour, target_colour)
            painter.setPen(text)
            painter.drawText(QPointF(swatch.right() + line * 0.3, line * 0.8), label)
            x = int(swatch.right() + line * 0.6 + metrics.horizontalAdvance(label) + line)

        # Scale: a column per level concerned, quarter ticks.
        bottom = top + int(line * 2.4 * len(self._rows))
        grid = QPen(palette.color(QPalette.ColorRole.Mid))
        for column in range(levels + 1):
            gx = left + scale_w * column / levels
            painter.setPen(grid)
            painter.drawLine(QPointF(gx, top), QPointF(gx, bottom))
            if column < levels:
                for quarter in (0.25, 0.5, 0.75):
                    qx = gx + scale_w / levels * quarter
                    painter.drawLine(QPointF(qx, top - line * 0.25), QPointF(qx, top))
                painter.setPen(text)
                painter.drawText(QRectF(gx, bottom + 2, scale_w / levels, line * 1.2),
                                 Qt.AlignmentFlag.AlignHCenter, f"Level {first + column}")

        for i, row in enumerate(self._rows):
            y = top + line * 2.4 * i
            painter.setPen(text)
            painter.drawText(QRectF(0, y, label_w, line * 2.2),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                             metrics.elidedText(row.area, Qt.TextElideMode.ElideRight, label_w))
            for j, (rating, kind) in enumerate(((row.self_rating, "self"),
                                                (row.manager_rating, "manager"))):
                band = QRectF(left, y + line * (0.3 + 0.85 * j), 0, line * 0.75)
                position = row.position(rating)
                if position is not None:
                    band.setRight(at(position))
                    self._swatch(painter, band, kind, self_colour, manager_colour, target_colour)
                painter.setPen(text)
                painter.drawText(QRectF(right + line * 0.5, band.top() - line * 0.2, words_w,
                                        line), Qt.AlignmentFlag.AlignVCenter,
                                 RATING_SCALE[rating] if position is not None and rating
                                 else "Not rated")
            target = row.target_position
            if target is not None:
                self._target(painter, at(target), y + line * 0.1, y + line * 2.1, target_colour)
        painter.end()

    @staticmethod
    def _swatch(painter: QPainter, rect: QRectF, kind: str, self_colour: QColor,
                manager_colour: QColor, target_colour: QColor) -> None:
        if kind == "self":
            painter.setPen(QPen(self_colour, 1))
            painter.setBrush(QBrush(self_colour, Qt.BrushStyle.BDiagPattern))
            painter.drawRect(rect)
        elif kind == "manager":
            painter.setPen(QPen(manager_colour.darker(130), 1))
            painter.setBrush(QBrush(manager_colour))
            painter.drawRect(rect)
        else:
            GapChart._target(painter, rect.center().x(), rect.top(), rect.bottom(), target_colour)

    @staticmethod
    def _target(painter: QPainter, x: float, top: float, bottom: float, colour: QColor) -> None:
        pen = QPen(colour, 2, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(x, top), QPointF(x, bottom))
        size = (bottom - top) / 6
        middle = (top + bottom) / 2
        diamond = QPolygonF([QPointF(x, middle - size), QPointF(x + size, middle),
                             QPointF(x, middle + size), QPointF(x - size, middle)])
        painter.setPen(QPen(colour, 1))
        painter.setBrush(QBrush(colour))
        painter.drawPolygon(diamond)
