"""Printouts between conversations: a mid-year review, a person's progress over time, and a
record's plan on its own (objectives and actions, for the wall or a one-to-one).

Each is a short A4 document in the record's fonts and styles, marked as made by this
application (so the destination rules recognise it later) and never presented as the signed
record: the review says the record is unchanged, the progress sheet says what it is drawn
from. The progress chart is drawn from the same data as the window's (domain.progress).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    Paragraph,
    Spacer,
    Table,
)

from rmp_desktop import APP_TITLE
from rmp_desktop.domain.conversation import kind_label, merged, step_section
from rmp_desktop.domain.dates import display_date
from rmp_desktop.domain.midyear import PROGRESS
from rmp_desktop.domain.names import Names
from rmp_desktop.domain.packs import PackSet
from rmp_desktop.domain.progress import ProgressChart
from rmp_desktop.domain.record import Record, short_uid
from rmp_desktop.export.pdf_document import fit_text, plain_document
from rmp_desktop.export.pdf_plan import plan
from rmp_desktop.export.pdf_sections import Ctx
from rmp_desktop.export.pdf_styles import (
    FRAME_WIDTH,
    NHS_BLUE,
    NHS_DARK_BLUE,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    TEXT,
    data_table_style,
    styles,
)
from rmp_desktop.export.pdf_text import markup


class ChartFlowable(Flowable):
    """The progress chart: one bar and its number per record and row, as in the window."""

    def __init__(self, chart: ProgressChart):
        super().__init__()
        self.chart = chart
        self.row_height = 7 * mm
        self.font = styles().small.fontName

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.label_width = self.width * 0.38
        self.column_width = (self.width - self.label_width) / max(len(self.chart.columns), 1)
        # Dates too wide for their column go on two lines ("6 Oct" over "2026"), never overlap.
        self.stacked = any(stringWidth(t, self.font, 8) > self.column_width - 2 * mm
                           for t in self.chart.columns)
        self.header_height = self.row_height * (1.6 if self.stacked else 1)
        self.height = len(self.chart.rows) * self.row_height + self.header_height
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        chart = self.chart
        label_width, column_width = self.label_width, self.column_width
        top = self.height
        canv.setFont(self.font, 8)
        canv.setFillColor(TEXT)
        titles = chart.stacked_columns() if self.stacked else [(t, "") for t in chart.columns]
        for col, (first, second) in enumerate(titles):
            x = label_width + col * column_width
            canv.drawString(x, top - self.row_height * 0.65, fit_text(first, self.font, 8,
                                                                      column_width - 2 * mm))
            if second:
                canv.drawString(x, top - self.row_height * 1.25, second)
        for number, row in enumerate(chart.rows, start=1):
            y = top - self.header_height - number * self.row_height
            canv.setFillColor(TEXT)
            label = fit_text(row.label, self.font, 8, label_width - 2 * mm)
            canv.drawString(0, y + self.row_height * 0.35, label)
            for col, value in enumerate(row.values):
                x = label_width + col * column_width
                span = column_width - 9 * mm
                width = span * (value or 0) / row.top
                if width:
                    canv.setFillColor(NHS_BLUE)
                    canv.setStrokeColor(NHS_DARK_BLUE)
                    canv.rect(x, y + self.row_height * 0.25, width, self.row_height * 0.5,
                              stroke=1, fill=1)
                canv.setFillColor(TEXT)
                canv.drawString(x + width + 1.5 * mm, y + self.row_height * 0.35,
                                "–" if value is None else str(value))


def render_progress(name: str, chart: ProgressChart, placement_lines: list[str]) -> bytes:
    s = styles()
    story: list[Flowable] = [
        Paragraph("Progress over time", s.kicker),
        Paragraph(markup(name), s.title),
        Paragraph(markup("Drawn from the signed records of " + name + ": the agreed rating of "
                         "each competency area (1 Not yet, 2 Developing, 3 Established, 4 Role "
                         "model) and the exposure wheel's avenues actively pursued or done. A "
                         "dash means the area was not rated, or rated in another framework."),
                  s.muted)]
    if chart.framework:
        story.append(Paragraph(markup(f"Framework: {chart.framework}"), s.label))
    story += [Spacer(1, 3 * mm), ChartFlowable(chart), Spacer(1, 4 * mm),
              Paragraph("The same, in figures", s.h2)]
    rows = [[Paragraph("", s.cell_head)] + [Paragraph(markup(c), s.cell_head)
                                            for c in chart.columns]]
    for row in chart.rows:
        rows.append([Paragraph(markup(row.label), s.cell)]
                    + [Paragraph("–" if v is None else str(v), s.cell) for v in row.values])
    first = FRAME_WIDTH * 0.38
    rest = (FRAME_WIDTH - first) / max(len(chart.columns), 1)
    table = Table(rows, colWidths=[first] + [rest] * len(chart.columns), repeatRows=1)
    table.setStyle(data_table_style())
    story.append(table)
    if placement_lines:
        story += [Paragraph("Placements on the talent grid", s.h2),
                  Paragraph("Part of this person's own records only.", s.muted)]
        story += [Paragraph(markup(line), s.bullet, bulletText="•") for line in placement_lines]
    return _printout(story, f"Progress over time: {name}")


def render_midyear(*, name: str, plan: Mapping[str, Any], review: Mapping[str, Any],
                   held_on: date, plan_held_on: date, record_id: str) -> bytes:
    s = styles()
    story: list[Flowable] = [
        Paragraph("Mid-year review", s.kicker),
        Paragraph(markup(f"{name}: check-in on {display_date(held_on)}"), s.title),
        Paragraph(markup(f"A review of the plan signed on {display_date(plan_held_on)} (record "
                         f"{record_id}). The signed record is unchanged: this review is kept "
                         "beside it and feeds the next conversation."), s.muted)]
    for group, title, text_key, date_key in (
            ("actions", "Development actions", "text", "target_date"),
            ("objectives", "Objectives", "text", "due")):
        items = [r for r in plan.get(group) or [] if isinstance(r, Mapping)]
        if not items:
            continue
        story.append(Paragraph(title, s.h2))
        rows = [[Paragraph(h, s.cell_head) for h in ("What", "By", "Progress", "Note")]]
        entries = review.get(group) or {}
        for item in items:
            entry = entries.get(str(item.get("id"))) or {}
            rows.append([Paragraph(markup(str(item.get(text_key, ""))), s.cell),
                         Paragraph(markup(display_date(item.get(date_key)) or "—"), s.cell),
                         Paragraph(markup(PROGRESS.get(entry.get("progress", ""), "Not said")),
                                   s.cell),
                         Paragraph(markup(str(entry.get("note", ""))), s.cell)])
        table = Table(rows, colWidths=[FRAME_WIDTH * f for f in (0.36, 0.16, 0.16, 0.32)],
                      repeatRows=1)
        table.setStyle(data_table_style())
        story.append(table)
    if str(review.get("notes", "")).strip():
        story += [Paragraph("Notes", s.h2), Paragraph(markup(str(review["notes"])), s.body)]
    return _printout(story, f"Mid-year review: {name}")


def render_plan(record: Record, packs: PackSet) -> bytes:
    """The plan alone, in the record's own tables; said to be part of the record, never
    presented as the record itself (which carries the signatures and the fingerprint)."""
    s = styles()
    held = display_date(record.held_on)
    name = record.person.listed_name
    state = {"signed": "signed by both", "superseded": "signed, and since replaced by an "
             "amendment", "awaiting_signoff": "awaiting the second signature"}.get(
        record.status, "a draft, not yet signed")
    story: list[Flowable] = [
        Paragraph("Development plan", s.kicker),
        Paragraph(markup(f"{name}: {kind_label(record.kind).lower()} of {held}"), s.title),
        Paragraph(markup(f"Version {record.version}, {state}. The plan only: the full record, "
                         f"with its signatures and fingerprint, is record {short_uid(record.uid)}."),
                  s.muted)]
    sections = plan(step_section(merged(record.document), "plan"), Ctx(packs, Names(packs)))
    story += sections or [Paragraph("No objectives or actions have been agreed yet.", s.body)]
    return _printout(story, f"Development plan: {name}")


def _printout(story: list[Flowable], title: str) -> bytes:
    return plain_document(story, title, (PAGE_WIDTH, PAGE_HEIGHT), f"{APP_TITLE}: {title}")
