"""The two pictures of the record, as vector drawings: the competency gaps and the exposure wheel.

Both take plain rows already read from the document, so they show exactly what
the screens show. Colour is never the only signal: self and manager bars differ
by fill and by pattern and carry their value as text; wheel segments differ by
fill and pattern, are numbered, and the legend beside the wheel states each
avenue's status in words.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.graphics.shapes import (
    Circle,
    Drawing,
    Group,
    Line,
    Path,
    Rect,
    String,
    Wedge,
)
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from rmp_desktop.export.pdf_fonts import BOLD, REGULAR
from rmp_desktop.export.pdf_styles import (
    MID_GREY,
    NHS_BLUE,
    NHS_DARK_BLUE,
    NHS_PALE_BLUE,
    RULE,
    SECONDARY,
    TEXT,
    WHITE,
)

# -- competency gap chart ----------------------------------------------------------------------


@dataclass(frozen=True)
class CompetencyRow:
    name: str  # shaped for the canvas
    self_rating: int | None
    manager_rating: int | None
    status: str  # e.g. "Secure", "1 below Established"


_ROW_H = 34
_BAR_H = 9
_AXIS_H = 24


def competency_chart(rows: list[CompetencyRow], scale: dict[int, str], established: int,
                     width: float) -> Drawing:
    """Horizontal bars on the rating scale, a dashed line where a rating becomes secure."""
    name_w, x0 = 104.0, 150.0
    x1 = width - 112.0
    step = (x1 - x0) / len(scale)
    height = _AXIS_H + _ROW_H * len(rows) + 4
    d = Drawing(width, height)
    top = height - _AXIS_H

    def at(value: float) -> float:
        return x0 + step * value

    for value, label in scale.items():  # gridlines and the scale along the top
        bold = value == established
        d.add(Line(at(value), 2, at(value), top, strokeColor=RULE, strokeWidth=0.5))
        d.add(String(at(value), top + 12, f"{value}", fontName=BOLD, fontSize=8,
                     fillColor=TEXT, textAnchor="middle"))
        d.add(String(at(value), top + 3, label, fontName=BOLD if bold else REGULAR,
                     fontSize=7, fillColor=NHS_DARK_BLUE if bold else SECONDARY,
                     textAnchor="middle"))
    d.add(Line(x0, 2, x0, top, strokeColor=MID_GREY, strokeWidth=0.75))
    d.add(String(width, top + 3, "Against Established", fontName=BOLD, fontSize=7,
                 fillColor=SECONDARY, textAnchor="end"))

    for i, row in enumerate(rows):
        y = top - _ROW_H * (i + 1)
        if i:
            d.add(Line(0, y + _ROW_H, width, y + _ROW_H, strokeColor=RULE, strokeWidth=0.4))
        lines = _wrap(row.name, BOLD, 8.5, name_w)
        for k, line in enumerate(lines):
            d.add(String(0, y + _ROW_H / 2 + 2 + 5 * (len(lines) - 1) - 10 * k, line,
                         fontName=BOLD, fontSize=8.5, fillColor=TEXT))
        for value, who, yy, solid in ((row.self_rating, "Self", y + 19, True),
                                      (row.manager_rating, "Manager", y + 6, False)):
            d.add(String(x0 - 5, yy + 1.5, who, fontName=REGULAR, fontSize=7,
                         fillColor=SECONDARY, textAnchor="end"))
            if value is None:
                d.add(String(x0 + 4, yy + 1.5, "not rated", fontName=REGULAR, fontSize=7,
                             fillColor=SECONDARY))
                continue
            _bar(d, x0, yy, at(value) - x0, solid)
            d.add(String(at(value) + 4, yy + 1.5, str(value), fontName=BOLD, fontSize=8,
                         fillColor=TEXT))
        d.add(String(width, y + _ROW_H / 2 - 3, row.status, fontName=REGULAR, fontSize=8,
                     fillColor=TEXT, textAnchor="end"))

    # Drawn last so it stays visible over the bars.
    d.add(Line(at(established), 2, at(established), top, strokeColor=NHS_DARK_BLUE,
               strokeWidth=1, strokeDashArray=[3, 2]))
    return d


def _bar(d: Drawing, x: float, y: float, w: float, solid: bool) -> None:
    if solid:
        d.add(Rect(x, y, w, _BAR_H, fillColor=NHS_BLUE, strokeColor=NHS_BLUE, strokeWidth=0.5))
        return
    d.add(Rect(x, y, w, _BAR_H, fillColor=WHITE, strokeColor=NHS_DARK_BLUE, strokeWidth=0.8))
    _hatch(d, x, y, w, _BAR_H, NHS_DARK_BLUE)


def _hatch(d: Drawing, x: float, y: float, w: float, h: float, colour, gap: float = 3.5) -> None:
    """45-degree lines clipped to the rectangle (drawings have no clipping of their own),
    as one path: a single object to draw rather than one per line."""
    path = Path(strokeColor=colour, strokeWidth=0.7, fillColor=None)
    c = -h
    while c < w:
        t0, t1 = max(0.0, -c), min(h, w - c)
        if t1 > t0:
            path.moveTo(x + c + t0, y + t0)
            path.lineTo(x + c + t1, y + t1)
        c += gap
    d.add(path)


def competency_legend(established_label: str) -> Drawing:
    d = Drawing(420, 14)
    d.add(Rect(0, 3, 16, 8, fillColor=NHS_BLUE, strokeColor=NHS_BLUE, strokeWidth=0.5))
    d.add(String(21, 4, "Self rating (solid)", fontName=REGULAR, fontSize=8, fillColor=TEXT))
    d.add(Rect(115, 3, 16, 8, fillColor=WHITE, strokeColor=NHS_DARK_BLUE, strokeWidth=0.8))
    _hatch(d, 115, 3, 16, 8, NHS_DARK_BLUE)
    d.add(String(136, 4, "Manager rating (hatched)", fontName=REGULAR, fontSize=8,
                 fillColor=TEXT))
    d.add(Line(262, 3, 262, 12, strokeColor=NHS_DARK_BLUE, strokeWidth=1,
               strokeDashArray=[3, 2]))
    d.add(String(268, 4, established_label, fontName=REGULAR, fontSize=8, fillColor=TEXT))
    return d


def _wrap(text: str, font: str, size: float, width: float, max_lines: int = 2) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        trial = f"{line} {word}".strip()
        if stringWidth(trial, font, size) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        while lines[-1] and stringWidth(lines[-1] + "…", font, size) > width:
            lines[-1] = lines[-1][:-1]
        lines[-1] += "…"
    return lines


# -- exposure wheel ----------------------------------------------------------------------------

# Status -> (fill, pattern). Patterns: None, "dots", "rings", "tick".
WHEEL_LOOK: dict[str, tuple[object, str | None]] = {
    "not_considered": (WHITE, None),
    "exploring": (NHS_PALE_BLUE, "dots"),
    "planned": (NHS_PALE_BLUE, "rings"),
    "active": (NHS_BLUE, None),
    "done": (NHS_DARK_BLUE, "tick"),
}
GROUP_FILLS = (NHS_DARK_BLUE, NHS_BLUE, SECONDARY)


@dataclass(frozen=True)
class WheelSegment:
    number: int
    status: str  # key of AVENUE_STATUSES
    group_index: int


@dataclass(frozen=True)
class WheelGroupArc:
    label: str  # e.g. "70%"
    count: int  # segments in the group


_R_HOLE, _R_PATTERN, _R_OUTER, _R_RING = 26.0, 50.0, 86.0, 104.0


def exposure_wheel(segments: list[WheelSegment], groups: list[WheelGroupArc],
                   size: float = 214.0) -> Drawing:
    """Equal segments per avenue, clockwise from the top, grouped by an outer ring."""
    d = Drawing(size, size)
    cx = cy = size / 2
    n = max(len(segments), 1)
    span = 360.0 / n
    start = 90.0
    for i, seg in enumerate(segments):
        a1 = start - span * i
        a0 = a1 - span
        fill, pattern = WHEEL_LOOK.get(seg.status, WHEEL_LOOK["not_considered"])
        d.add(Wedge(cx, cy, _R_OUTER, a0, a1, radius1=_R_HOLE, fillColor=fill,
                    strokeColor=MID_GREY if fill == WHITE else WHITE, strokeWidth=0.9))
        dark = fill in (NHS_BLUE, NHS_DARK_BLUE)
        _pattern(d, cx, cy, a0, a1, pattern)
        mid = math.radians((a0 + a1) / 2)
        r = (_R_HOLE + _R_PATTERN) / 2 + 1
        d.add(String(cx + r * math.cos(mid), cy + r * math.sin(mid) - 2.5, str(seg.number),
                     fontName=BOLD, fontSize=7, fillColor=WHITE if dark else TEXT,
                     textAnchor="middle"))
    # The outer ring: one arc per group, its share written on it.
    first = 0
    for g, group in enumerate(groups):
        if not group.count:
            continue
        a1 = start - span * first
        a0 = a1 - span * group.count
        colour = GROUP_FILLS[g % len(GROUP_FILLS)]
        d.add(Wedge(cx, cy, _R_RING, a0, a1, radius1=_R_OUTER + 2, fillColor=colour,
                    strokeColor=WHITE, strokeWidth=1.2))
        d.add(_along_ring(cx, cy, (_R_OUTER + 2 + _R_RING) / 2, (a0 + a1) / 2, group.label))
        first += group.count
    d.add(Circle(cx, cy, _R_HOLE - 1, fillColor=WHITE, strokeColor=None))
    return d


def _along_ring(cx: float, cy: float, r: float, angle: float, text: str) -> Group:
    """A label written along the ring (tangent to it), upright on whichever side it falls."""
    a = math.radians(angle)
    turn = angle - 90 if math.sin(a) >= 0 else angle + 90  # never upside down
    g = Group(String(0, -2.4, text, fontName=BOLD, fontSize=7, fillColor=WHITE,
                     textAnchor="middle"))
    g.translate(cx + r * math.cos(a), cy + r * math.sin(a))
    g.rotate(turn)
    return g


def _pattern(d: Drawing, cx: float, cy: float, a0: float, a1: float, kind: str | None) -> None:
    if kind == "dots":
        for r in (58.0, 67.0, 76.0):
            count = max(1, int(math.radians(a1 - a0) * r / 8))
            for k in range(count):
                a = math.radians(a0 + (a1 - a0) * (k + 0.5) / count)
                d.add(Circle(cx + r * math.cos(a), cy + r * math.sin(a), 1.3,
                             fillColor=NHS_DARK_BLUE, strokeColor=None))
    elif kind == "rings":
        path = Path(strokeColor=NHS_DARK_BLUE, strokeWidth=1.1, fillColor=None)
        for r in (56.0, 63.0, 70.0, 77.0):
            for k in range(7):
                a = math.radians(a0 + 1.5 + (a1 - a0 - 3) * k / 6)
                (path.lineTo if k else path.moveTo)(cx + r * math.cos(a), cy + r * math.sin(a))
        d.add(path)
    elif kind == "tick":
        a = math.radians((a0 + a1) / 2)
        r = 70.0
        d.add(String(cx + r * math.cos(a), cy + r * math.sin(a) - 3.5, "✓", fontName=BOLD,
                     fontSize=10, fillColor=WHITE, textAnchor="middle"))


class StatusSwatch(Flowable):
    """A small square showing a status's fill and pattern, for legends.

    Drawn straight on the canvas: legends hold a swatch per avenue, and a Drawing each
    would cost more than the rest of the legend together.
    """

    def __init__(self, status: str, size: float = 11.0):
        super().__init__()
        self.status, self.size = status, size

    def wrap(self, available_width, available_height):
        return self.size, self.size

    def draw(self):
        c, size = self.canv, self.size
        fill, pattern = WHEEL_LOOK.get(self.status, WHEEL_LOOK["not_considered"])
        c.setFillColor(fill)
        c.setStrokeColor(MID_GREY)
        c.setLineWidth(0.6)
        c.rect(0, 0, size, size, stroke=1, fill=1)
        c.setFillColor(NHS_DARK_BLUE)
        c.setStrokeColor(NHS_DARK_BLUE)
        if pattern == "dots":
            for x in (size * 0.3, size * 0.7):
                for y in (size * 0.3, size * 0.7):
                    c.circle(x, y, 1.1, stroke=0, fill=1)
        elif pattern == "rings":
            c.setLineWidth(1)
            for y in (size * 0.3, size * 0.55, size * 0.8):
                c.line(1.5, y, size - 1.5, y)
        elif pattern == "tick":
            c.setFillColor(WHITE)
            c.setFont(BOLD, 8.5)
            c.drawCentredString(size / 2, 2, "✓")


def status_swatch(status: str, size: float = 11.0) -> StatusSwatch:
    return StatusSwatch(status, size)
