"""The baseline: reportlab building a plain document of the same pages, tables and charts.

No styling logic of ours: sample styles with the font swapped, plain gridded
tables, bars and wedges without patterns or labels, page numbers with the
sample "Page N" only. It imports nothing but reportlab and the standard library,
so `python benchmarks/plain_pdf.py BLOCKS.json OUT.pdf` is the bare script that
the whole-process benchmark compares `rmp-desktop export` against.

Blocks (JSON-able, made from a record by bench_pdf.flatten):
    ["h1", text] ["h2", text] ["p", text] ["break"]
    ["table", headers, rows, widths]   widths are fractions of the frame
    ["bars", [[name, self, manager], ...]]
    ["wheel", [status index per avenue], [avenues per group]]
    ["strokes", [[[x, y], ...], ...]]
"""

from __future__ import annotations

import io
import json
import sys
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, PolyLine, Rect, Wedge
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

_FONTS: dict[str, str] = {}


def register(font_dir: str) -> None:
    if _FONTS:
        return
    for name, file in (("Plain", "DejaVuSans.ttf"), ("Plain-Bold", "DejaVuSans-Bold.ttf")):
        pdfmetrics.registerFont(TTFont(name, f"{font_dir}/{file}"))
        _FONTS[name] = file


def build_plain(blocks: list, font_dir: str) -> bytes:
    register(font_dir)
    ss = getSampleStyleSheet()
    body, h1, h2 = ss["BodyText"], ss["Heading1"], ss["Heading2"]
    for st in (body, h1, h2):
        st.fontName = "Plain"
    h1.fontName = h2.fontName = "Plain-Bold"
    width = A4[0] - 40 * mm
    story = []
    for block in blocks:
        kind = block[0]
        if kind in ("h1", "h2", "p"):
            style = {"h1": h1, "h2": h2, "p": body}[kind]
            story.append(Paragraph(escape(block[1]).replace("\n", "<br/>"), style))
        elif kind == "break":
            story.append(PageBreak())
        elif kind == "table":
            _, headers, rows, widths = block
            data = [[Paragraph(escape(str(c)), body) for c in row] for row in [headers, *rows]]
            table = Table(data, colWidths=[width * w for w in widths], repeatRows=1)
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                                       ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story.append(table)
        elif kind == "bars":
            story.append(_bars(block[1], width))
        elif kind == "wheel":
            story.append(_wheel(block[1], block[2]))
        elif kind == "strokes":
            story.append(_strokes(block[1]))
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                            topMargin=26 * mm, bottomMargin=24 * mm, invariant=1)

    def page(canvas, _doc):
        canvas.setFont("Plain", 8)
        canvas.drawRightString(A4[0] - 20 * mm, 12 * mm, f"Page {canvas.getPageNumber()}")

    doc.build(story, onFirstPage=page, onLaterPages=page)
    return out.getvalue()


def _bars(rows: list, width: float) -> Drawing:
    d = Drawing(width, 30 * len(rows))
    for i, (_, own, manager) in enumerate(rows):
        y = 30 * (len(rows) - i - 1)
        for k, value in enumerate((own, manager)):
            if value:
                d.add(Rect(150, y + 6 + 12 * k, 55 * value, 9, fillColor=colors.blue))
    return d


def _wheel(states: list, groups: list) -> Drawing:
    d = Drawing(214, 214)
    span = 360 / max(len(states), 1)
    for i, state in enumerate(states):
        a1 = 90 - span * i
        d.add(Wedge(107, 107, 86, a1 - span, a1, radius1=26,
                    fillColor=colors.Color(0, 0, 1, 0.2 * state)))
    first = 0
    for count in groups:
        a1 = 90 - span * first
        d.add(Wedge(107, 107, 104, a1 - span * count, a1, radius1=88, fillColor=colors.grey))
        first += count
    return d


def _strokes(strokes: list) -> Drawing:
    d = Drawing(200, 58)
    for stroke in strokes:
        pts = [v for x, y in stroke for v in (6 + 188 * x, 52 - 46 * y)]
        if len(pts) >= 4:
            d.add(PolyLine(pts))
    return d


if __name__ == "__main__":
    blocks_file, out_file, fonts = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(blocks_file, encoding="utf-8") as f:
        data = json.load(f)
    with open(out_file, "wb") as f:
        f.write(build_plain(data, fonts))
