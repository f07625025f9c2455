"""The look of the record in one place: page geometry, colours, type and table rules.

NHS identity colours, used sparingly: blue for headings' rules and the charts,
greys for labels and lines, near-black for text. Body text is 10 pt on 14 pt
leading, readable in print and on screen.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import TableStyle

from rmp_desktop.export.pdf_fonts import BOLD, REGULAR, ensure_fonts

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 26 * mm
MARGIN_BOTTOM = 24 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
TABLE_PADDING = 5

NHS_BLUE = colors.HexColor("#005EB8")
NHS_DARK_BLUE = colors.HexColor("#003087")
NHS_PALE_BLUE = colors.HexColor("#DCE8F5")
TEXT = colors.HexColor("#212B32")
SECONDARY = colors.HexColor("#425563")
MID_GREY = colors.HexColor("#768692")
RULE = colors.HexColor("#C9D1D6")
PALE_GREY = colors.HexColor("#F0F4F5")
WHITE = colors.white


class Styles:
    """Paragraph styles, built once the fonts are registered."""

    def __init__(self) -> None:
        ensure_fonts()
        base = ParagraphStyle("body", fontName=REGULAR, fontSize=10, leading=14,
                              textColor=TEXT, alignment=TA_LEFT, spaceAfter=6)
        self.body = base
        self.small = ParagraphStyle("small", base, fontSize=8.5, leading=11.5, spaceAfter=0)
        self.bullet = ParagraphStyle("bullet", base, leftIndent=14, bulletIndent=2,
                                     bulletFontName=BOLD, bulletColor=NHS_BLUE, spaceAfter=3)
        self.small_bold = ParagraphStyle("small_bold", self.small, fontName=BOLD)
        self.muted = ParagraphStyle("muted", base, textColor=SECONDARY, fontSize=9, leading=13,
                                    spaceBefore=4)
        self.label = ParagraphStyle("label", base, fontName=BOLD, fontSize=9, leading=12,
                                    textColor=SECONDARY, spaceBefore=8, spaceAfter=2,
                                    keepWithNext=1)
        self.h1 = ParagraphStyle("h1", base, fontName=BOLD, fontSize=16, leading=20,
                                 textColor=NHS_DARK_BLUE, spaceBefore=22, spaceAfter=4,
                                 keepWithNext=1)
        self.h2 = ParagraphStyle("h2", base, fontName=BOLD, fontSize=11.5, leading=15,
                                 textColor=TEXT, spaceBefore=12, spaceAfter=4, keepWithNext=1)
        self.h2_free = ParagraphStyle("h2_free", self.h2, keepWithNext=0)
        self.cell = ParagraphStyle("cell", base, fontSize=9, leading=12, spaceAfter=0)
        self.cell_muted = ParagraphStyle("cell_muted", self.cell, textColor=SECONDARY,
                                         fontSize=8.5, leading=11)
        self.cell_group = ParagraphStyle("cell_group", self.cell, fontName=BOLD)
        self.cell_head = ParagraphStyle("cell_head", self.cell, fontName=BOLD, fontSize=8.5,
                                        leading=11, textColor=SECONDARY)
        self.kv_key = ParagraphStyle("kv_key", self.cell, fontName=BOLD, textColor=SECONDARY,
                                     fontSize=9.5, leading=13)
        self.kv_value = ParagraphStyle("kv_value", self.cell, fontSize=10.5, leading=14)
        self.kicker = ParagraphStyle("kicker", base, fontName=BOLD, fontSize=11, leading=14,
                                     textColor=NHS_BLUE, spaceAfter=6)
        self.title = ParagraphStyle("title", base, fontName=BOLD, fontSize=26, leading=32,
                                    textColor=TEXT, spaceAfter=4)
        self.subtitle = ParagraphStyle("subtitle", base, fontSize=13, leading=18,
                                       textColor=SECONDARY, spaceAfter=18)
        self.fingerprint = ParagraphStyle("fingerprint", base, fontSize=8.5, leading=12,
                                          textColor=TEXT, spaceAfter=0)


@lru_cache(maxsize=1)
def styles() -> Styles:
    return Styles()


def data_table_style(header_rows: int = 1) -> TableStyle:
    """A quiet header, no vertical lines: easy to read across (data_table rules the rows)."""
    return TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), TABLE_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), TABLE_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), PALE_GREY),
        ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 1, NHS_BLUE),
    ])


def key_value_style() -> TableStyle:
    return TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
    ])
