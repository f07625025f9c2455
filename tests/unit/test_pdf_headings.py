"""A section heading never stands alone at the foot of a page with its content on the next."""

from __future__ import annotations

import io

from pypdf import PdfReader
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from rmp_desktop.export.pdf_blocks import section
from rmp_desktop.export.pdf_fonts import ensure_fonts
from rmp_desktop.export.pdf_styles import FRAME_WIDTH, PAGE_HEIGHT, PAGE_WIDTH, styles


def pages(story) -> list[str]:
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=(PAGE_WIDTH, PAGE_HEIGHT))
    doc.build(story)
    return [" ".join(page.extract_text().split()) for page in PdfReader(out).pages]


def test_a_heading_moves_with_a_table_that_cannot_split():
    ensure_fonts()
    st = styles()
    # Like the wheel beside its legend: one row, taller than what is left of the page.
    wheel = Table([[Paragraph("The wheel itself", st.body), Spacer(1, 360)]],
                  colWidths=[FRAME_WIDTH / 2] * 2)
    frame_height = PAGE_HEIGHT - 2 * 72  # SimpleDocTemplate's own margins
    filler = Spacer(1, frame_height - 260)  # 260 points left: more than 190, less than needed
    laid_out = pages([Paragraph("Before", st.body), filler,
                      *section(7, "Exposure wheel", [wheel])])
    heading_page = next(i for i, text in enumerate(laid_out) if "7 Exposure wheel" in text)
    assert "The wheel itself" in laid_out[heading_page]
    assert "Before" not in laid_out[heading_page]  # moved on together, not split from it


def test_a_table_that_splits_still_starts_under_its_heading():
    ensure_fonts()
    st = styles()
    rows = [[Paragraph(f"Row {n}", st.body), Paragraph("text", st.body)] for n in range(60)]
    table = Table(rows, colWidths=[FRAME_WIDTH / 2] * 2, repeatRows=1)
    frame_height = PAGE_HEIGHT - 2 * 72
    laid_out = pages([Paragraph("Before", st.body), Spacer(1, frame_height - 260),
                      *section(9, "Development plan", [table])])
    heading_page = next(i for i, text in enumerate(laid_out) if "9 Development plan" in text)
    assert "Before" in laid_out[heading_page] and "Row 1 " in laid_out[heading_page] + " "
