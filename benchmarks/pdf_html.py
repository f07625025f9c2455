"""The same record as HTML and CSS, the way a WeasyPrint export would be written.

Same blocks as the plain reportlab baseline, with what our PDF has on top: the
embedded DejaVu font, running header and footer with "Page X of Y", ruled
tables with repeated headers, and the two charts as inline SVG.
"""

from __future__ import annotations

import math
from html import escape

CSS = """
@font-face { font-family: RMP; src: url("file://{fonts}/DejaVuSans.ttf"); }
@font-face { font-family: RMP; font-weight: bold; src: url("file://{fonts}/DejaVuSans-Bold.ttf"); }
@page { size: A4; margin: 26mm 20mm 24mm 20mm;
  @top-right { content: "{person}"; font: bold 8.5pt RMP; color: #425563; }
  @bottom-left { content: "Fingerprint {short}"; font: 8pt RMP; color: #425563; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt RMP; } }
body { font: 10pt/14pt RMP; color: #212B32; }
h1 { font-size: 16pt; color: #003087; border-bottom: 1.2pt solid #005EB8; break-after: avoid; }
h2 { font-size: 11.5pt; break-after: avoid; }
table { width: 100%; border-collapse: collapse; font-size: 9pt; line-height: 12pt; }
thead { display: table-header-group; }
th { background: #F0F4F5; text-align: left; border-bottom: 1pt solid #005EB8; padding: 4pt 5pt; }
td { border-bottom: 0.5pt solid #C9D1D6; padding: 4pt 5pt; vertical-align: top; }
tr { break-inside: avoid; }
.break { break-after: page; }
svg { display: block; margin: 6pt 0; }
"""


def record_html(blocks: list, fonts: str) -> str:
    person = next((b[1] for b in blocks if b[0] == "h1"), "")
    short = next((b[1][:16] for b in reversed(blocks) if b[0] == "p"), "")
    css = (CSS.replace("{fonts}", fonts).replace("{person}", escape(person))
           .replace("{short}", short))
    parts = [f"<!doctype html><html lang='en-GB'><head><meta charset='utf-8'>"
             f"<title>{escape(person)}</title><style>{css}</style></head><body>"]
    for block in blocks:
        kind = block[0]
        if kind in ("h1", "h2"):
            parts.append(f"<{kind}>{escape(block[1])}</{kind}>")
        elif kind == "p":
            parts.append(f"<p>{escape(block[1]).replace(chr(10), '<br>')}</p>")
        elif kind == "break":
            parts.append("<div class='break'></div>")
        elif kind == "table":
            _, headers, rows, widths = block
            cols = "".join(f"<col style='width:{w * 100:.1f}%'>" for w in widths)
            head = "".join(f"<th>{escape(str(h))}</th>" for h in headers)
            body = "".join("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>"
                           for row in rows)
            parts.append(f"<table><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>"
                         f"<tbody>{body}</tbody></table>")
        elif kind == "bars":
            parts.append(_bars_svg(block[1]))
        elif kind == "wheel":
            parts.append(_wheel_svg(block[1], block[2]))
        elif kind == "strokes":
            parts.append(_strokes_svg(block[1]))
    parts.append("</body></html>")
    return "".join(parts)


def _bars_svg(rows: list) -> str:
    out = [f"<svg width='481pt' height='{34 * len(rows)}pt' viewBox='0 0 481 {34 * len(rows)}'>"]
    for i, (name, own, manager) in enumerate(rows):
        y = 34 * i
        out.append(f"<text x='0' y='{y + 18}' font-size='8.5' font-weight='bold'>"
                   f"{escape(name)}</text>")
        for k, value in enumerate((own, manager)):
            if value:
                fill = "#005EB8" if k == 0 else "url(#hatch)"
                out.append(f"<rect x='150' y='{y + 6 + 12 * k}' width='{55 * value}' height='9' "
                           f"fill='{fill}' stroke='#003087'/>"
                           f"<text x='{154 + 55 * value}' y='{y + 14 + 12 * k}' font-size='8'>"
                           f"{value}</text>")
    out.append("<defs><pattern id='hatch' width='3.5' height='3.5' patternUnits='userSpaceOnUse' "
               "patternTransform='rotate(45)'><line x1='0' y1='0' x2='0' y2='3.5' "
               "stroke='#003087'/></pattern></defs></svg>")
    return "".join(out)


def _wheel_svg(states: list, groups: list) -> str:
    fills = ["#FFFFFF", "#DCE8F5", "#DCE8F5", "#005EB8", "#003087"]
    out = ["<svg width='214pt' height='214pt' viewBox='-107 -107 214 214'>"]
    span = 2 * math.pi / max(len(states), 1)
    for i, state in enumerate(states):
        out.append(_annulus(26, 86, i * span, (i + 1) * span, fills[state]))
        a = (i + 0.5) * span
        out.append(f"<text x='{39 * math.sin(a):.1f}' y='{-39 * math.cos(a) + 2.5:.1f}' "
                   f"font-size='7' text-anchor='middle'>{i + 1}</text>")
    first = 0
    for count in groups:
        out.append(_annulus(88, 104, first * span, (first + count) * span, "#425563"))
        first += count
    out.append("</svg>")
    return "".join(out)


def _annulus(r0: float, r1: float, a0: float, a1: float, fill: str) -> str:
    def pt(r, a):
        return f"{r * math.sin(a):.2f} {-r * math.cos(a):.2f}"

    large = 1 if a1 - a0 > math.pi else 0
    return (f"<path d='M {pt(r1, a0)} A {r1} {r1} 0 {large} 1 {pt(r1, a1)} L {pt(r0, a1)} "
            f"A {r0} {r0} 0 {large} 0 {pt(r0, a0)} Z' fill='{fill}' stroke='white'/>")


def _strokes_svg(strokes: list) -> str:
    lines = "".join("<polyline fill='none' stroke='#212B32' points='" +
                    " ".join(f"{6 + 188 * x:.1f},{6 + 46 * y:.1f}" for x, y in s) + "'/>"
                    for s in strokes if len(s) > 1)
    return f"<svg width='200pt' height='58pt' viewBox='0 0 200 58'>{lines}</svg>"
