"""The exposure wheel as a vector drawing, and the status swatches of its legend.

One equal segment per avenue, clockwise from the top, grouped 70:20:10 by an
outer ring that carries each group's share. A status shows by fill and by
pattern (dots, rings, a tick), each segment is numbered, and the legend beside
the wheel states every avenue's status in words: colour is never the only signal.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.graphics.shapes import Circle, Drawing, Group, Path, String, Wedge
from reportlab.lib.colors import Color
from reportlab.platypus import Flowable

from rmp_desktop.export.pdf_fonts import BOLD
from rmp_desktop.export.pdf_styles import (
    MID_GREY,
    NHS_BLUE,
    NHS_DARK_BLUE,
    NHS_PALE_BLUE,
    SECONDARY,
    TEXT,
    WHITE,
)

# Status -> (fill, pattern). Patterns: None, "dots", "rings", "tick".
WHEEL_LOOK: dict[str, tuple[Color, str | None]] = {
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

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
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
