"""Documents beside the record (printouts, reports): flowables on pages with one footer line."""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from rmp_desktop import APP_TITLE, __version__
from rmp_desktop.export.pdf_fonts import REGULAR, ensure_fonts
from rmp_desktop.export.pdf_styles import MARGIN_BOTTOM, MARGIN_X, SECONDARY

TOP_MARGIN = 20 * mm
FOOTER_Y = 12 * mm


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """`text` cut with an ellipsis to fit `width` points, whole when it fits."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def plain_document(story: Sequence[Flowable], title: str, page_size: tuple[float, float],
                   footer: str) -> bytes:
    """The PDF of `story` on pages of `page_size`, each with `footer` and its number at the foot;
    repeatable byte for byte (reportlab's invariant mode)."""
    ensure_fonts()
    width, height = page_size
    out = io.BytesIO()
    doc = BaseDocTemplate(out, pagesize=page_size, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                          topMargin=TOP_MARGIN, bottomMargin=MARGIN_BOTTOM, title=title,
                          author=APP_TITLE, creator=f"rmp-desktop {__version__}", lang="en-GB",
                          invariant=1)
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, width - 2 * MARGIN_X,
                  height - TOP_MARGIN - MARGIN_BOTTOM, leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)

    def draw_footer(canv: Canvas, _doc: BaseDocTemplate) -> None:
        canv.saveState()
        canv.setFont(REGULAR, 8)
        canv.setFillColor(SECONDARY)
        canv.drawString(MARGIN_X, FOOTER_Y, footer)
        canv.drawRightString(width - MARGIN_X, FOOTER_Y, f"Page {canv.getPageNumber()}")
        canv.restoreState()

    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=draw_footer)])
    doc.build(list(story))
    return out.getvalue()
