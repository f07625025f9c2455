"""What every page carries, and what the file says about itself.

The footer's "Page X of Y" takes one layout pass: Y is a form drawn once the
last page is known and placed on every page by reference, so pages are
written as they finish (bookmarks point at the right page, and memory does
not grow with the page count). The document
information dictionary gets the usual title, author and subject, plus
/RMPRecord and /RMPFingerprint that verification reads, and a creation date
taken from the record itself, so the same record always gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.pdfbase.pdfdoc import PDFDate, PDFDictionary, PDFInfo, PDFName, PDFString
from reportlab.pdfgen.canvas import Canvas

from rmp_desktop.export.pdf_fonts import BOLD, FALLBACK, REGULAR
from rmp_desktop.export.pdf_styles import (
    MARGIN_X,
    MID_GREY,
    NHS_BLUE,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    SECONDARY,
)
from rmp_desktop.export.pdf_text import runs

HEADER_Y = PAGE_HEIGHT - 14 * 2.834645669
FOOTER_Y = 12 * 2.834645669
_TOTAL_FORM = "rmpPageTotal"


@dataclass(frozen=True)
class PageDecor:
    person: str  # already shaped for the canvas
    heading: str  # e.g. "Appraisal and career conversation, 14 March 2025"
    short_fingerprint: str
    draft: bool
    superseded_by: int | None = None  # the version that replaced this one


@dataclass(frozen=True)
class DocInfo:
    title: str
    author: str
    subject: str
    creator: str
    keywords: str
    created: tuple[int, int, int, int, int, int]  # UTC
    custom: dict[str, str]


class _RecordInfo(PDFInfo):
    """PDFInfo with the record's own keys; reportlab's writes a fixed set only."""

    custom: dict[str, str] = {}

    def format(self, document: Any) -> bytes:
        entries = {
            "Title": PDFString(self.title),
            "Author": PDFString(self.author),
            "Subject": PDFString(self.subject),
            "Keywords": PDFString(self.keywords),
            "Creator": PDFString(self.creator),
            "Producer": PDFString(self.producer),
            "Trapped": PDFName(self.trapped),
        }
        entries["CreationDate"] = entries["ModDate"] = PDFDate(
            ts=document._timeStamp,
            dateFormatter=self._dateFormatter)  # type: ignore[attr-defined]  # set by the canvas
        for key, value in self.custom.items():
            entries[key] = PDFString(value)
        return PDFDictionary(entries).format(document)


def canvas_maker(decor: PageDecor, info: DocInfo) -> Callable[..., Canvas]:
    """A canvas factory for BaseDocTemplate.build(canvasmaker=...)."""

    def make(*args: Any, **kwargs: Any) -> Canvas:
        return _RecordCanvas(decor, info, *args, **kwargs)

    return make


class _RecordCanvas(Canvas):
    def __init__(self, decor: PageDecor, info: DocInfo, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._decor = decor
        record_info = _RecordInfo()
        record_info.custom = dict(info.custom)
        self._doc.info = record_info  # type: ignore[attr-defined]  # reportlab's own document
        self.setTitle(info.title)
        self.setAuthor(info.author)
        self.setSubject(info.subject)
        self.setCreator(info.creator)
        self.setKeywords(info.keywords)
        y, mo, d, h, mi, sec = info.created
        stamp = f"D:{y:04d}{mo:02d}{d:02d}{h:02d}{mi:02d}{sec:02d}+00'00'"
        self.setDateFormatter(lambda *_: stamp)

    def showPage(self) -> None:
        self._decorate(self.getPageNumber())
        super().showPage()

    def save(self) -> None:
        # The total, now known, drawn into the form every footer refers to.
        self.beginForm(_TOTAL_FORM)
        self.setFont(REGULAR, 8)
        self.setFillColor(SECONDARY)
        self.drawString(0, 0, str(self.getPageNumber() - 1))
        self.endForm()
        super().save()

    def _decorate(self, number: int) -> None:
        d = self._decor
        self.saveState()
        right = PAGE_WIDTH - MARGIN_X
        # Header: what this is on the left, whose it is on the right, a thin blue rule.
        self.setFont(REGULAR, 8)
        self.setFillColor(SECONDARY)
        self.drawString(MARGIN_X, HEADER_Y, d.heading)
        self._draw_runs(right, HEADER_Y, d.person, BOLD, 8.5)
        self.setStrokeColor(NHS_BLUE)
        self.setLineWidth(0.75)
        self.line(MARGIN_X, HEADER_Y - 5, right, HEADER_Y - 5)
        # Footer: page count, draft status, fingerprint.
        self.setStrokeColor(MID_GREY)
        self.setLineWidth(0.4)
        self.line(MARGIN_X, FOOTER_Y + 11, right, FOOTER_Y + 11)
        self.setFont(REGULAR, 8)
        self.setFillColor(SECONDARY)
        label = f"Page {number} of "
        self.drawString(MARGIN_X, FOOTER_Y, label)
        self.saveState()
        self.translate(MARGIN_X + self.stringWidth(label, REGULAR, 8), FOOTER_Y)
        self.doForm(_TOTAL_FORM)
        self.restoreState()
        self.drawRightString(right, FOOTER_Y, f"Fingerprint {d.short_fingerprint}")
        if d.draft:
            self.setFont(BOLD, 8)
            self.drawCentredString(PAGE_WIDTH / 2, FOOTER_Y, "DRAFT: not a final signed record")
            self._watermark("DRAFT", 120)
        elif d.superseded_by is not None:
            self.setFont(BOLD, 8)
            # Short, to fit between the page count and the fingerprint; the title page and
            # the watermark say the rest.
            self.drawCentredString(PAGE_WIDTH / 2, FOOTER_Y,
                                   f"SUPERSEDED by version {d.superseded_by}")
            self._watermark("SUPERSEDED", 72)
        self.restoreState()

    def _draw_runs(self, right: float, y: float, text: str, font: str, size: float) -> None:
        """Right-aligned text, any character the main font lacks set in the fallback font."""
        parts = [(FALLBACK if fallback else font, part) for fallback, part in runs(text)]
        x = right - sum(self.stringWidth(part, f, size) for f, part in parts)
        for f, part in parts:
            self.setFont(f, size)
            self.drawString(x, y, part)
            x += self.stringWidth(part, f, size)

    def _watermark(self, word: str, size: float) -> None:
        # Over the content but faint, so it shows on every page whatever is drawn there.
        self.saveState()
        self.setFillColor(NHS_BLUE, alpha=0.09)
        self.setFont(BOLD, size)
        self.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
        self.rotate(52)
        self.drawCentredString(0, -size * 0.35, word)
        self.restoreState()
