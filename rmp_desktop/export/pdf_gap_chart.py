"""The competency gap chart as a vector drawing, by the same rule as the screen's chart.

Each rating is against the current level on the four-point scale; a position on
the whole pathway is level - 1 + rating / 4, and the target is Established at
the target level (the current level when none is set): domain/gaps.py, the rule the
screen's chart uses too. The axis spans only the levels concerned (shown_levels),
each level's name under its number, wrapped rather than cut.

Self ratings are hatched bars, the manager's solid, the target a dashed line
with a diamond: pattern and shape carry the meaning. Every bar's rating is in words
in a column of its own right of the scale, where the target line never crosses it.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, Path, Polygon, String
from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth

from rmp_desktop.domain.conversation import RATING_SCALE
from rmp_desktop.domain.gaps import ESTABLISHED, GapRow, shown_levels
from rmp_desktop.export.pdf_document import fit_text
from rmp_desktop.export.pdf_fonts import BOLD, REGULAR
from rmp_desktop.export.pdf_shapes import rect
from rmp_desktop.export.pdf_styles import (
    MID_GREY,
    NHS_BLUE,
    NHS_DARK_BLUE,
    RULE,
    SECONDARY,
    TEXT,
    WHITE,
)

TARGET_COLOUR = NHS_DARK_BLUE

_ROW_H = 30
_BAR_H = 9
_AXIS_H = 34  # the level's number, and its name on up to two lines
_NAME_W = 112.0
_LABEL_ROOM = 62.0  # right of the scale: each bar's rating in words


def gap_chart(rows: list[GapRow], level_names: dict[int, str], width: float) -> Drawing:
    first, last = shown_levels(rows)
    levels = last - first + 1
    x0 = _NAME_W + 8
    step = (width - _LABEL_ROOM - x0) / levels
    height = _AXIS_H + _ROW_H * len(rows) + 2
    top = height - _AXIS_H
    d = Drawing(width, height)

    def at(position: float) -> float:  # a position on the whole pathway, on this axis
        return x0 + step * (position - (first - 1))

    for column in range(levels + 1):  # a column per level, quarter ticks along the top
        x = x0 + step * column
        d.add(Line(x, 0, x, top, strokeColor=MID_GREY if column in (0, levels) else RULE,
                   strokeWidth=0.6))
        if column == levels:
            break
        level = first + column
        mid = x + step / 2
        d.add(String(mid, top + 23, f"Level {level}", fontName=BOLD, fontSize=7.5,
                     fillColor=TEXT, textAnchor="middle"))
        for k, line in enumerate(_wrap(level_names.get(level, ""), REGULAR, 6.5, step - 4)):
            d.add(String(mid, top + 14 - 7.5 * k, line, fontName=REGULAR, fontSize=6.5,
                         fillColor=SECONDARY, textAnchor="middle"))
        for quarter in (0.25, 0.5, 0.75):
            d.add(Line(x + step * quarter, top - 3, x + step * quarter, top,
                       strokeColor=MID_GREY, strokeWidth=0.4))

    words_x = x0 + step * levels + 6
    for i, row in enumerate(rows):
        y = top - _ROW_H * (i + 1)
        d.add(Line(0, y, width, y, strokeColor=RULE, strokeWidth=0.4))
        lines = _wrap(row.area, BOLD, 8.5, _NAME_W)
        for k, line in enumerate(lines):
            d.add(String(0, y + _ROW_H / 2 - 3 + 5 * (len(lines) - 1) - 10 * k, line,
                         fontName=BOLD, fontSize=8.5, fillColor=TEXT))
        for rating, yy, hatched in ((row.self_rating, y + 16.5, True),
                                    (row.manager_rating, y + 4.5, False)):
            position = row.position(rating)
            if position is not None and rating is not None:
                _bar(d, x0, yy, at(position) - x0, hatched)
            words = RATING_SCALE[rating] if position is not None and rating else "Not rated"
            d.add(String(words_x, yy + 1.5, words, fontName=REGULAR, fontSize=7,
                         fillColor=TEXT if rating else SECONDARY))
        target = row.target_position
        if target is not None:
            _target(d, at(target), y + 2, y + _ROW_H - 2)
    return d


def _bar(d: Drawing, x: float, y: float, w: float, hatched: bool) -> None:
    if not hatched:
        d.add(rect(x, y, w, _BAR_H, fill=NHS_BLUE, stroke=NHS_BLUE, line=0.5))
        return
    d.add(rect(x, y, w, _BAR_H, fill=WHITE, stroke=NHS_BLUE, line=0.8))
    _hatch(d, x, y, w, _BAR_H, NHS_BLUE)


def _hatch(d: Drawing, x: float, y: float, w: float, h: float, colour: Color,
           gap: float = 3.5) -> None:
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


def _target(d: Drawing, x: float, y0: float, y1: float) -> None:
    d.add(Line(x, y0, x, y1 - 4, strokeColor=TARGET_COLOUR, strokeWidth=1.1,
               strokeDashArray=[2.5, 1.5]))
    d.add(Polygon([x, y1, x + 3.5, y1 - 3.5, x, y1 - 7, x - 3.5, y1 - 3.5],
                  fillColor=TARGET_COLOUR, strokeColor=WHITE, strokeWidth=0.5))


def gap_legend(target_level: int | None) -> Drawing:
    d = Drawing(440, 14)
    d.add(rect(0, 3, 18, 8, fill=WHITE, stroke=NHS_BLUE, line=0.8))
    _hatch(d, 0, 3, 18, 8, NHS_BLUE)
    d.add(String(23, 4, "Self rating (hatched)", fontName=REGULAR, fontSize=8, fillColor=TEXT))
    d.add(rect(122, 3, 18, 8, fill=NHS_BLUE, stroke=NHS_BLUE, line=0.5))
    d.add(String(145, 4, "Manager rating (solid)", fontName=REGULAR, fontSize=8, fillColor=TEXT))
    _target(d, 256, 1, 14)
    goal = f"level {target_level}" if target_level else "the current level"
    d.add(String(264, 4, f"Target: {RATING_SCALE[ESTABLISHED]} at {goal}", fontName=REGULAR,
                 fontSize=8, fillColor=TEXT))
    return d




def _wrap(text: str, font: str, size: float, width: float, max_lines: int = 2) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if stringWidth(trial, font, size) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines - 1] + [fit_text(" ".join(lines[max_lines - 1:]), font, size, width)]
    return lines
