"""The exposure wheel drawn with QPainter: one segment per avenue, grouped 70:20:10.

A segment's status shows three ways: a fill colour, a fill pattern and a mark
(○ ? ◔ ◑ ●) in the segment, so colour is never the only signal. Each fill stands
3:1 against the wheel (ui/contrast.py). The chosen segment has a thick outline,
dark outside and light inside so one of the two always stands out from the fill;
with keyboard focus a dashed focus ring too. A screen reader meets the wheel as a
list of its segments, each named with its avenue and status
(ui/wizard/wheel_accessible.py).

Keys: arrows move round the wheel, Home and End jump to the first and last,
Space or Enter moves the status on (Shift goes back), 1 to 5 set it directly,
the Menu key opens the status menu. Mouse: a click moves the status on, a
right-click opens the menu. Reads and writes the AvenueModel shared with the
table beside it, and the selection model too.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QItemSelectionModel, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QMenu, QSizePolicy, QWidget

from rmp_desktop.domain.conversation import AVENUE_STATUSES
from rmp_desktop.ui.accessibility import announce
from rmp_desktop.ui.contrast import status_colour
from rmp_desktop.ui.wizard.avenue_model import (
    STATUS_MARKS,
    STATUS_ORDER,
    AvenueColumn,
    AvenueModel,
)
from rmp_desktop.ui.wizard.wheel_accessible import (
    install_factory,
    segment_focused,
    segment_renamed,
)

STATUS_PATTERNS = {  # the fill's pattern; its colour is contrast.status_colour()
    "not_considered": Qt.BrushStyle.NoBrush,
    "exploring": Qt.BrushStyle.Dense6Pattern,
    "planned": Qt.BrushStyle.BDiagPattern,
    "active": Qt.BrushStyle.CrossPattern,
    "done": Qt.BrushStyle.SolidPattern,
}


class ExposureWheelView(QWidget):
    def __init__(self, model: AvenueModel, selection: QItemSelectionModel,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.selection = selection
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        install_factory()
        self.setAccessibleName("Exposure wheel")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)
        model.dataChanged.connect(self._model_changed)
        model.modelReset.connect(self._model_changed)
        model.statusEdited.connect(self._status_edited)
        selection.currentChanged.connect(self._model_changed)
        selection.currentChanged.connect(lambda current, _previous: segment_focused(
            self, current.row()))
        self.setAccessibleDescription("Arrow keys move round the wheel; Space changes the "
                                      "status. The table beside the wheel lists every avenue.")

    # -- geometry ------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        side = self.fontMetrics().height() * 26
        return QSize(side, side)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        side = self.fontMetrics().height() * 16
        return QSize(side, side)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return width

    def _geometry(self) -> tuple[QPointF, float, float, float]:
        side = min(self.width(), self.height())
        centre = QPointF(self.width() / 2, self.height() / 2)
        outer = side / 2 - self.fontMetrics().height() * 0.6
        ring = self.fontMetrics().height() * 1.6  # the group ring outside the segments
        inner = outer * 0.34
        return centre, outer - ring, inner, outer

    def _angles(self, row: int) -> tuple[float, float]:
        """Start and span in degrees, clockwise from twelve o'clock."""
        count = max(1, self.model.rowCount())
        span = 360 / count
        return row * span, span

    def row_at(self, point: QPointF) -> int:
        centre, radius, inner, _outer = self._geometry()
        dx, dy = point.x() - centre.x(), point.y() - centre.y()
        distance = math.hypot(dx, dy)
        if distance < inner or distance > radius:
            return -1
        angle = (math.degrees(math.atan2(dx, -dy)) + 360) % 360
        return int(angle // (360 / max(1, self.model.rowCount())))

    def current_row(self) -> int:
        return self.selection.currentIndex().row()

    def segment_path(self, row: int) -> QPainterPath:
        """Where a segment is drawn, in the widget's coordinates."""
        centre, radius, inner, _outer = self._geometry()
        start, span = self._angles(row)
        return _sector(centre, inner, radius, start, span)

    # -- painting ------------------------------------------------------------------------------

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        # Drawing the patterned segments is the slowest paint of the wizard; it is done into a
        # pixmap once per state and size, so coming back to the step costs one blit.
        ratio = self.devicePixelRatioF()
        key = (self.width(), self.height(), ratio, self.hasFocus(), self.current_row(),
               tuple(self.model.status(r) for r in range(self.model.rowCount())),
               self.palette().cacheKey(), self.font().key())
        if getattr(self, "_cache_key", None) != key:
            pixmap = QPixmap(int(self.width() * ratio), int(self.height() * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            self._draw(pixmap)
            self._cache, self._cache_key = pixmap, key
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._cache)
        painter.end()

    def _draw(self, device) -> None:
        painter = QPainter(device)
        painter.setFont(self.font())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        centre, radius, inner, outer = self._geometry()
        current = self.current_row()

        # Group ring: an arc per group, with its name and share.
        groups: list[tuple[str, int, int]] = []  # group id, its first and last row
        for row in range(self.model.rowCount()):
            group_id = self.model.avenues[row].group
            if not groups or groups[-1][0] != group_id:
                groups.append((group_id, row, row))
            else:
                groups[-1] = (group_id, groups[-1][1], row)
        for index, (group_id, first, last) in enumerate(groups):
            start, span = self._angles(first)
            total = span * (last - first + 1)
            path = _sector(centre, radius, outer, start, total)
            shade = palette.color(QPalette.ColorRole.AlternateBase if index % 2
                                  else QPalette.ColorRole.Button)
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
            painter.setBrush(shade)
            painter.drawPath(path)
            group = self.model.wheel.group(group_id)
            label = f"{group.name} ({group.share}%)" if group else group_id
            self._ring_text(painter, centre, (radius + outer) / 2, start + total / 2, label,
                            total, text_colour)

        disc_font = self._fitting_font(
            math.radians(360 / max(1, self.model.rowCount())) * (inner + radius) / 2 * 0.8,
            (radius - inner) * 0.45)
        disc_metrics = QFontMetricsF(disc_font)
        for row in range(self.model.rowCount()):
            status = self.model.status(row)
            pattern = STATUS_PATTERNS[status]
            start, span = self._angles(row)
            path = _sector(centre, inner, radius, start, span)
            painter.setPen(QPen(text_colour, 1))
            painter.setBrush(palette.color(QPalette.ColorRole.Base))
            painter.drawPath(path)
            if pattern != Qt.BrushStyle.NoBrush:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QBrush(status_colour(status, palette), pattern))
                painter.drawPath(path)
            # Number and status mark on a plain disc so they stay readable on any fill.
            middle = math.radians(start + span / 2)
            spot = QPointF(centre.x() + math.sin(middle) * (inner + radius) / 2,
                           centre.y() - math.cos(middle) * (inner + radius) / 2)
            label = f"{row + 1}\n{STATUS_MARKS[status]}"
            painter.setFont(disc_font)
            box = QRectF(0, 0, disc_metrics.horizontalAdvance("00") + 6, disc_metrics.height() * 2 + 2)
            box.moveCenter(spot)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.Base))
            painter.drawRoundedRect(box, 4, 4)
            painter.setPen(text_colour)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
            painter.setFont(self.font())

        if current >= 0:
            start, span = self._angles(current)
            path = _sector(centre, inner, radius, start, span)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            # Dark outside, light inside: one of them stands 3:1 from any fill or background.
            painter.setPen(QPen(text_colour, 6))
            painter.drawPath(path)
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Base), 2))
            painter.drawPath(path)
            if self.hasFocus():
                painter.setPen(QPen(text_colour, 1, Qt.PenStyle.DashLine))
                painter.drawPath(_sector(centre, inner - 4, radius + 4, start - 1, span + 2))

        # The centre names the chosen avenue and its status in words.
        painter.setPen(text_colour)
        hub = QRectF(0, 0, inner * 1.5, inner * 1.5)
        hub.moveCenter(centre)
        if current >= 0:
            avenue = self.model.avenues[current]
            words = f"{current + 1}. {avenue.name}\n{AVENUE_STATUSES[self.model.status(current)]}"
        else:
            words = "Choose an avenue"
        painter.setFont(self._hub_font(hub, words))
        painter.drawText(hub, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, words)
        painter.setFont(self.font())
        if self.hasFocus() and current < 0:
            painter.setPen(QPen(text_colour, 1, Qt.PenStyle.DashLine))
            painter.drawRect(self.rect().adjusted(1, 1, -2, -2))
        painter.end()

    def _fitting_font(self, width: float, height: float) -> QFont:
        """The widget's font, made smaller (never below 60%) until a two-line number fits."""
        font = QFont(self.font())
        size = font.pointSizeF()
        for factor in (1.0, 0.9, 0.8, 0.7, 0.6):
            if size > 0:
                font.setPointSizeF(size * factor)
            metrics = QFontMetricsF(font)
            if metrics.horizontalAdvance("00") + 6 <= width and metrics.height() * 2 <= height:
                break
        return font

    def _hub_font(self, hub: QRectF, words: str) -> QFont:
        font = QFont(self.font())
        size = font.pointSizeF()
        for factor in (1.0, 0.9, 0.8, 0.7, 0.6):
            if size > 0:
                font.setPointSizeF(size * factor)
            needed = QFontMetricsF(font).boundingRect(
                hub, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), words)
            if needed.height() <= hub.height() and needed.width() <= hub.width():
                break
        return font

    def _ring_text(self, painter: QPainter, centre: QPointF, radius: float, angle: float,
                   text: str, span: float, colour: QColor) -> None:
        metrics = self.fontMetrics()
        # A straight label along the ring leaves it at its ends: keep it within the widget.
        edge = min(self.width(), self.height()) / 2
        top = radius + metrics.height() / 2
        chord = 2 * math.sqrt(max(0.0, edge * edge - top * top))
        room = min(math.radians(span) * radius * 0.9, chord)
        text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(room))
        painter.save()
        painter.translate(centre)
        flip = 90 < angle % 360 < 270
        painter.rotate(angle + (180 if flip else 0))
        painter.setPen(colour)
        y = radius if flip else -radius
        rect = QRectF(-room / 2, y - metrics.height() / 2, room, metrics.height())
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    # -- interaction ---------------------------------------------------------------------------

    def move_to(self, row: int) -> None:
        count = self.model.rowCount()
        if count == 0:
            return
        row %= count
        self.selection.setCurrentIndex(
            self.model.index(row, AvenueColumn.AVENUE),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        key = event.key()
        row = self.current_row()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Down):
            self.move_to(row + 1 if row >= 0 else 0)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up):
            self.move_to(row - 1 if row >= 0 else -1)
        elif key == Qt.Key.Key_Home:
            self.move_to(0)
        elif key == Qt.Key.Key_End:
            self.move_to(-1)
        elif key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter) and row >= 0:
            back = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.model.cycle(row, -1 if back else 1)
        elif Qt.Key.Key_1 <= key <= Qt.Key.Key_5 and row >= 0:
            status = STATUS_ORDER[key - Qt.Key.Key_1]
            self.model.setData(self.model.index(row, AvenueColumn.STATUS), status)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        row = self.row_at(event.position())
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if row < 0:
            return
        self.move_to(row)
        if event.button() == Qt.MouseButton.LeftButton:
            self.model.cycle(row)

    def contextMenuEvent(self, event) -> None:  # noqa: N802 - Qt override
        row = self.row_at(QPointF(event.pos())) if event.reason() == event.Reason.Mouse else -1
        if row < 0:
            row = self.current_row()
        if row < 0:
            return
        self.move_to(row)
        menu = self.status_menu(row)
        menu.exec(event.globalPos())

    def status_menu(self, row: int) -> QMenu:
        menu = QMenu(self)
        menu.setAccessibleName(f"Status of {self.model.avenues[row].name}")
        current = self.model.status(row)
        for number, status in enumerate(STATUS_ORDER, start=1):
            action = menu.addAction(f"&{number} {AVENUE_STATUSES[status]}")
            action.setCheckable(True)
            action.setChecked(status == current)
            action.setEnabled(not self.model.read_only)
            action.triggered.connect(
                lambda _c=False, s=status: self.model.setData(
                    self.model.index(row, AvenueColumn.STATUS), s))
        return menu

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.current_row() < 0 and self.model.rowCount():
            self.move_to(0)
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self.update()

    def _model_changed(self, *_args) -> None:
        self.update()

    def _status_edited(self, avenue_id: str, status: str) -> None:
        row = next((r for r, a in enumerate(self.model.avenues) if a.id == avenue_id), -1)
        if row < 0:
            return
        segment_renamed(self, row)
        if self.hasFocus():
            announce(self, f"{self.model.avenues[row].name}: {AVENUE_STATUSES[status]}")


def _sector(centre: QPointF, inner: float, outer: float, start: float, span: float) -> QPainterPath:
    """A ring segment; angles in degrees clockwise from twelve o'clock."""
    qt_start = 90 - start  # Qt measures anticlockwise from three o'clock
    path = QPainterPath()
    outer_rect = QRectF(centre.x() - outer, centre.y() - outer, 2 * outer, 2 * outer)
    inner_rect = QRectF(centre.x() - inner, centre.y() - inner, 2 * inner, 2 * inner)
    path.arcMoveTo(outer_rect, qt_start)
    path.arcTo(outer_rect, qt_start, -span)
    path.arcTo(inner_rect, qt_start - span, span)
    path.closeSubpath()
    return path
