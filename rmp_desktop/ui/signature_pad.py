"""A pad to draw a signature with a mouse, a pen or a finger; the typed name is what signs.

Strokes are kept as points normalised to the pad (0..1 on both axes), so the
drawing does not depend on the pad's size on screen, and the same strokes are
what the store keeps and the PDF draws. Drawing is optional: the canvas takes
no keyboard focus (a keyboard cannot draw), and the Clear button is reachable
with Tab, so nobody who cannot use a pointer is ever held up here.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPainterPath, QPaintEvent, QPalette, QPen, QTouchEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from rmp_desktop.storage.signoff_repo import MAX_STROKE_POINTS
from rmp_desktop.ui.contrast import border_colour

Stroke = list[tuple[float, float]]

DESCRIPTION = ("Drawing a signature is optional: typing your name is the signature. "
               "Draw with a mouse, a pen or a finger; Clear starts again.")
_ASPECT = 3.2  # width to height, about the shape of a signature line
_MIN_STEP = 0.002  # points closer than this to the last one add nothing to the line


class SignatureCanvas(QWidget):
    """The drawing surface alone; SignaturePad adds the Clear button and the words."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._strokes: list[Stroke] = []
        self._drawing = False
        self._read_only = False
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Drawn signature (optional)")
        self.setAccessibleDescription(DESCRIPTION)
        line = self.fontMetrics().height()
        self.setMinimumSize(int(line * 14), int(line * 24 / _ASPECT))

    # -- the strokes -----------------------------------------------------------------------------

    def strokes(self) -> list[Stroke]:
        return [list(s) for s in self._strokes if s]

    def set_strokes(self, strokes) -> None:
        self._strokes = [[(float(x), float(y)) for x, y in s] for s in (strokes or []) if s]
        self._drawing = False
        self._describe()
        self.update()

    def is_empty(self) -> bool:
        return not any(self._strokes)

    def clear(self) -> None:
        if self._strokes:
            self._strokes = []
            self._drawing = False
            self._describe()
            self.update()
            self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._drawing = False
        self.setCursor(Qt.CursorShape.ArrowCursor if read_only else Qt.CursorShape.CrossCursor)

    def is_read_only(self) -> bool:
        return self._read_only

    def point_count(self) -> int:
        return sum(len(s) for s in self._strokes)

    # -- size ------------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        line = self.fontMetrics().height()
        return QSize(int(line * 24), int(line * 24 / _ASPECT))

    # -- input: mouse, pen and touch all end up in _begin/_extend/_end ---------------------------

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton and self._begin(event.position()):
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._drawing:
            self._extend(event.position())
            event.accept()
        else:
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._drawing and event.button() == Qt.MouseButton.LeftButton:
            self._extend(event.position())
            self._end()
            event.accept()
        else:
            super().mouseReleaseEvent(event)

    def tabletEvent(self, event) -> None:  # noqa: N802 - Qt override
        # Accepted, so Qt does not also send the same movement again as mouse events.
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QEvent.Type.TabletMove and self._drawing:
            self._extend(event.position())
        elif kind == QEvent.Type.TabletRelease and self._drawing:
            self._extend(event.position())
            self._end()
        event.accept()

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd,
                    QEvent.Type.TouchCancel):
            points = event.points() if isinstance(event, QTouchEvent) else []
            if kind == QEvent.Type.TouchBegin and points:
                self._begin(points[0].position())
            elif kind == QEvent.Type.TouchUpdate and points and self._drawing:
                self._extend(points[0].position())
            elif kind in (QEvent.Type.TouchEnd, QEvent.Type.TouchCancel) and self._drawing:
                if points:
                    self._extend(points[0].position())
                self._end()
            event.accept()
            return True
        return super().event(event)

    def _begin(self, position: QPointF) -> bool:
        if self._read_only or not self.isEnabled() or self.point_count() >= MAX_STROKE_POINTS:
            return False
        self._drawing = True
        self._strokes.append([self._normalise(position)])
        self.update()
        return True

    def _extend(self, position: QPointF) -> None:
        if not self._drawing or self.point_count() >= MAX_STROKE_POINTS:
            return
        point = self._normalise(position)
        last = self._strokes[-1][-1]
        if abs(point[0] - last[0]) + abs(point[1] - last[1]) >= _MIN_STEP:
            self._strokes[-1].append(point)
            self.update()

    def _end(self) -> None:
        self._drawing = False
        self._describe()
        self.update()
        self.changed.emit()

    def _normalise(self, position: QPointF) -> tuple[float, float]:
        width, height = max(1, self.width()), max(1, self.height())
        x = min(max(position.x() / width, 0.0), 1.0)
        y = min(max(position.y() / height, 0.0), 1.0)
        return round(x, 4), round(y, 4)

    def _describe(self) -> None:
        count = len([s for s in self._strokes if s])
        state = "Nothing drawn." if not count else \
            f"A signature is drawn ({count} stroke{'s' if count != 1 else ''})."
        self.setAccessibleDescription(f"{state} {DESCRIPTION}")

    # -- painting --------------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        edge = border_colour(palette)  # 3:1 against the pad: where to draw must be seen
        painter.setPen(QPen(edge, 1))
        painter.drawRect(rect)
        line = self.fontMetrics().height()
        baseline = rect.bottom() - line * 1.2
        painter.setPen(QPen(edge, 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(rect.left() + line, baseline),
                         QPointF(rect.right() - line, baseline))
        if self.is_empty() and not self._read_only:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(rect.adjusted(line, 0, -line, -line * 1.4),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             "Draw here if you wish (optional)")
        width = max(1.5, line / 8)
        pen = QPen(palette.color(QPalette.ColorRole.Text), width, Qt.PenStyle.SolidLine,
                   Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        w, h = self.width(), self.height()
        for stroke in self._strokes:
            if len(stroke) == 1:
                painter.drawPoint(QPointF(stroke[0][0] * w, stroke[0][1] * h))
                continue
            path = QPainterPath(QPointF(stroke[0][0] * w, stroke[0][1] * h))
            for x, y in stroke[1:]:
                path.lineTo(x * w, y * h)
            painter.drawPath(path)
        painter.end()


class SignaturePad(QWidget):
    """The canvas, a Clear button and a line saying drawing is optional."""

    changed = Signal()

    def __init__(self, who: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.canvas = SignatureCanvas()
        label = f"{who}'s drawn signature (optional)" if who else "Drawn signature (optional)"
        self.canvas.setAccessibleName(label)
        self.setAccessibleName(label)
        self.setAccessibleDescription(DESCRIPTION)
        self.clear_button = QPushButton("C&lear drawing")
        self.clear_button.setAccessibleName(f"Clear {label.lower() if who else 'the drawing'}")
        self.clear_button.setAccessibleDescription("Removes the drawing; the typed name stays.")
        self.clear_button.setEnabled(False)
        self.note = QLabel("Optional: your typed name is your signature.")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.note, 1)
        row.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)
        layout.addLayout(row)

        self.clear_button.clicked.connect(self.canvas.clear)
        self.canvas.changed.connect(self._changed)

    def strokes(self) -> list[Stroke]:
        return self.canvas.strokes()

    def set_strokes(self, strokes) -> None:
        self.canvas.set_strokes(strokes)
        self._changed()

    def is_empty(self) -> bool:
        return self.canvas.is_empty()

    def clear(self) -> None:
        self.canvas.clear()

    def set_read_only(self, read_only: bool) -> None:
        self.canvas.set_read_only(read_only)
        self.clear_button.setVisible(not read_only)
        self.note.setVisible(not read_only)
        self._changed()

    def _changed(self) -> None:
        self.clear_button.setEnabled(not self.canvas.is_empty() and not self.canvas.is_read_only())
        self.changed.emit()
