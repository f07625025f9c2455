"""Drawing shapes with their colours set as attributes.

Setting fill and stroke after construction reads the same as passing them in,
and the typed stubs for reportlab's graphics accept it (their keyword form does
not type-check).
"""

from __future__ import annotations

from reportlab.graphics.shapes import Rect
from reportlab.lib.colors import Color


def rect(x: float, y: float, width: float, height: float, *, fill: Color | None,
         stroke: Color | None, line: float) -> Rect:
    shape = Rect(x, y, width, height)
    shape.fillColor = fill
    shape.strokeColor = stroke
    shape.strokeWidth = line
    return shape
