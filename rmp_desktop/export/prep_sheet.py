"""A printable preparation sheet: the preparation's questions with room to write by hand.

For people who think better on paper. `large=True` sets the type half as large again with
wider lines to write on (for low vision, or for writing with a thick pen), in the same
system fonts as the record.
"""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
)

from rmp_desktop import APP_TITLE, __version__
from rmp_desktop.domain.conversation import DIRECTIONS, RATING_SCALE
from rmp_desktop.domain.packs import PackSet, StepPrompt
from rmp_desktop.export.pdf_styles import (
    MARGIN_BOTTOM,
    MARGIN_X,
    NHS_BLUE,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RULE,
    styles,
)
from rmp_desktop.export.pdf_text import markup

_STEPS = (("reflection", "Reflection"), ("looking_back", "Looking back"),
          ("wellbeing", "Health and wellbeing"), ("aspirations", "Your aspirations"),
          ("competencies", "Competencies"), ("transition", "Career transition"),
          ("wheel", "The exposure wheel"), ("plan", "What you would like to propose"))


class _Lines(Flowable):
    """Ruled lines to write on."""

    def __init__(self, count: int, gap: float):
        super().__init__()
        self.count, self.gap = count, gap

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.count * self.gap + 4

    def draw(self) -> None:
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.6)
        for i in range(self.count):
            y = 2 + i * self.gap
            self.canv.line(0, y, self.width, y)


class _Sheet:
    def __init__(self, packs: PackSet, large: bool):
        self.packs = packs
        self.scale = 1.5 if large else 1.0
        base = styles()
        from reportlab.lib.styles import ParagraphStyle

        def grow(style: ParagraphStyle, name: str) -> ParagraphStyle:
            return ParagraphStyle(name, style, fontSize=style.fontSize * self.scale,
                                  leading=style.leading * self.scale,
                                  spaceBefore=style.spaceBefore * self.scale,
                                  spaceAfter=style.spaceAfter * self.scale)

        self.title = grow(base.title, "sheet_title")
        self.kicker = grow(base.kicker, "sheet_kicker")
        self.h1 = grow(base.h1, "sheet_h1")
        self.body = grow(base.body, "sheet_body")
        self.question = grow(base.label, "sheet_question")
        self.muted = grow(base.muted, "sheet_muted")
        self.gap = 9 * mm if large else 7.5 * mm
        self.story: list[Flowable] = []

    def write(self, question: str, lines: int = 4) -> None:
        self.story.append(KeepTogether([Paragraph(markup(question), self.question),
                                        _Lines(lines, self.gap)]))

    def build(self, name: str) -> list[Flowable]:
        self.story += [Paragraph("Preparing for your conversation", self.kicker),
                       Paragraph(markup(f"My preparation{': ' + name if name else ''}"),
                                 self.title)]
        self.story.append(Paragraph(
            "Think about these questions before you meet; write as much or as little as you "
            "like. The conversation is yours: bring this sheet with you, or type your answers "
            "into the application or the form later.", self.body))
        prompts = self.packs.prompts.steps
        for step, title in _STEPS:
            self.story += [CondPageBreak(70 * mm * self.scale),
                           Paragraph(markup(title), self.h1)]
            prompt = prompts.get(step)
            if prompt is not None:
                self.story.append(Paragraph(markup(prompt.intro), self.muted))
            getattr(self, f"_{step}")(prompt)
        self.story += [CondPageBreak(60 * mm), Paragraph("Questions I want to raise", self.h1)]
        self.write("What do I want to ask or make sure we talk about?", 8)
        return self.story

    def _questions(self, prompt: StepPrompt | None, lines: int = 4) -> None:
        for question in prompt.questions if prompt else ():
            self.write(question, lines)

    def _reflection(self, prompt: StepPrompt | None) -> None:
        self._questions(prompt, 5)

    def _looking_back(self, prompt: StepPrompt | None) -> None:
        self._questions(prompt, 4)

    def _wellbeing(self, prompt: StepPrompt | None) -> None:
        self.story.append(Paragraph("Only you decide what of this you share.", self.muted))
        for area in self.packs.prompts.wellbeing_areas:
            self.write(f"{area.name}: {area.prompt}", 3)

    def _aspirations(self, prompt: StepPrompt | None) -> None:
        self.write("Which directions appeal to me? " + "; ".join(DIRECTIONS.values()) + ".", 3)
        self._questions(prompt, 3)

    def _competencies(self, prompt: StepPrompt | None) -> None:
        scale = ", ".join(f"{k} {v.lower()}" for k, v in RATING_SCALE.items())
        self.story.append(Paragraph(markup(f"Rate yourself: {scale}."), self.muted))
        for area in self.packs.competency.areas:
            self.write(f"{area.name}: {area.summary} My rating, and what shows it:", 3)

    def _transition(self, prompt: StepPrompt | None) -> None:
        self._questions(prompt, 3)
        self.write("Which helpful experiences have I had, have I planned, or not had yet?", 4)

    def _wheel(self, prompt: StepPrompt | None) -> None:
        names = ", ".join(a.name.lower() for a in self.packs.wheel.avenues)
        self.story.append(Paragraph(markup(f"The avenues: {names}."), self.muted))
        self.write("Which am I pursuing, which would I like to explore?", 5)

    def _plan(self, prompt: StepPrompt | None) -> None:
        self.write("Objectives I would like to propose, how we would know they are met, "
                   "and by when:", 6)
        self.write("Development ideas:", 4)


def render_sheet(packs: PackSet, *, name: str = "", large: bool = False) -> bytes:
    sheet = _Sheet(packs, large)
    story = sheet.build(name)
    out = io.BytesIO()
    doc = BaseDocTemplate(out, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), leftMargin=MARGIN_X,
                          rightMargin=MARGIN_X, topMargin=20 * mm, bottomMargin=MARGIN_BOTTOM,
                          title="Preparing for your conversation", author=APP_TITLE,
                          creator=f"rmp-desktop {__version__}", lang="en-GB", invariant=1)
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, PAGE_WIDTH - 2 * MARGIN_X,
                  PAGE_HEIGHT - 20 * mm - MARGIN_BOTTOM, leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)

    def footer(canv: Canvas, _doc: object) -> None:
        canv.saveState()
        canv.setStrokeColor(NHS_BLUE)
        canv.setFont(styles().small.fontName, 8 * sheet.scale)
        canv.setFillColor(styles().muted.textColor)
        canv.drawRightString(PAGE_WIDTH - MARGIN_X, 12 * mm, f"Page {canv.getPageNumber()}")
        canv.restoreState()

    doc.addPageTemplates([PageTemplate(id="sheet", frames=[frame], onPage=footer)])
    doc.build(story)
    return out.getvalue()
