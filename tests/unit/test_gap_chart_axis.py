"""The gap chart spans the levels concerned, names them whole, and keeps each rating's words
clear of the target line, in the PDF as on screen."""

from __future__ import annotations

from reportlab.graphics.shapes import Line, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from rmp_desktop.content.loader import load_builtin
from rmp_desktop.domain.gaps import GapRow, shown_levels
from rmp_desktop.export.pdf_fonts import ensure_fonts
from rmp_desktop.export.pdf_gap_chart import gap_chart
from rmp_desktop.export.pdf_styles import FRAME_WIDTH


def rows(current, target, ratings=((2, 3), (1, 4), (3, 2))) -> list[GapRow]:
    return [GapRow(f"Area {i}", s, m, current, target) for i, (s, m) in enumerate(ratings)]


def test_the_axis_runs_from_the_lowest_current_level_to_the_highest_target():
    assert shown_levels(rows(1, 1)) == (1, 1)  # a band 4 person: one level, the whole width
    assert shown_levels(rows(3, 4)) == (3, 4)
    assert shown_levels(rows(2, None) + rows(3, 3)) == (2, 3)
    assert shown_levels(rows(None, None)) == (1, 4)


def drawing(current, target):
    ensure_fonts()
    names = {lv.number: lv.name for lv in load_builtin().competency.levels}
    return gap_chart(rows(current, target), names, FRAME_WIDTH)


def strings(d) -> list[String]:
    return [c for c in d.contents if isinstance(c, String)]


def test_a_level_one_persons_bars_use_the_width_not_its_first_quarter():
    d = drawing(1, 1)
    captions = [s.text for s in strings(d) if s.text.startswith("Level ")]
    assert captions == ["Level 1"]
    names = load_builtin().competency.levels
    shown = " ".join(s.text for s in strings(d))
    assert names[0].name in shown and names[1].name not in shown


def test_level_names_are_never_cut_short():
    d = drawing(1, 4)  # all four: the narrowest columns
    texts = [s.text for s in strings(d)]
    assert not any(t.endswith("…") for t in texts if not t.startswith("Area"))
    for level in load_builtin().competency.levels:
        assert level.name.replace(" ", "") in "".join(texts).replace(" ", "")


def test_the_target_line_never_crosses_the_words():
    for current, target in ((3, 3), (1, 1), (2, 4), (1, 2)):
        d = drawing(current, target)
        targets = [c for c in d.contents if isinstance(c, Line) and c.strokeDashArray]
        words = [s for s in strings(d) if s.text in ("Not yet", "Developing", "Established",
                                                     "Role model", "Not rated")]
        assert targets and len(words) == 6
        for line in targets:
            for word in words:
                left = word.x
                right = left + stringWidth(word.text, word.fontName, word.fontSize)
                crosses_x = left - 1 <= line.x1 <= right + 1
                crosses_y = min(line.y1, line.y2) <= word.y + word.fontSize and \
                    max(line.y1, line.y2) >= word.y
                assert not (crosses_x and crosses_y), (current, target, word.text)
