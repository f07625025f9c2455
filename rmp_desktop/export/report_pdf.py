"""The report as a PDF: one breakdown's tables and charts, from the same suppressed figures the
window shows (domain.report_model), drawn with reportlab in the record's fonts and colours.

Charts come from domain.report_charts, the models the window's QPainter widget draws: bars
with their percentage written beside them, hidden figures said in words, the two trend lines
told apart by pattern and marker as well as colour. Wide tables (one column per avenue or
talent box) are turned so the measures run down the page and the groups across, a few groups
at a time. Marked as made by this application, so the destination rules recognise it.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
)

from rmp_desktop import APP_TITLE
from rmp_desktop.domain.dates import display_date
from rmp_desktop.domain.report_charts import BarChart, Chart, LineChart, charts_for
from rmp_desktop.domain.report_model import Report
from rmp_desktop.domain.report_model import Table as ReportTable
from rmp_desktop.domain.suppression import show
from rmp_desktop.export.pdf_document import fit_text, plain_document
from rmp_desktop.export.pdf_fonts import BOLD, REGULAR
from rmp_desktop.export.pdf_styles import (
    MARGIN_X,
    NHS_BLUE,
    NHS_DARK_BLUE,
    PALE_GREY,
    RULE,
    SECONDARY,
    TEXT,
    data_table_style,
    key_value_style,
    styles,
)
from rmp_desktop.export.pdf_text import markup

# Landscape: tables of groups by measures need the width more than the height.
PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
MAX_MEASURES_ACROSS = 9  # beyond this a table is turned: measures down, groups across
GROUPS_ACROSS = 7  # groups per turned table, with everyone's column beside them
SECOND_SERIES = colors.HexColor("#330072")  # NHS purple: 12.6 to 1 on white, and dashed


def render_report(report: Report, breakdown: str) -> bytes:
    """The PDF of one breakdown (its id in report.breakdowns)."""
    s = styles()
    described = report.breakdown(breakdown)
    by = described.phrase if described else "everyone"
    story: list[Flowable] = [
        Paragraph("Report for the HR and OD lead", s.kicker),
        Paragraph("Appraisals, career conversations and the talent pipeline", s.title),
        Paragraph(markup(f"Figures for {report.scope}, as at {display_date(report.on)}, by "
                         f"{by}."), s.subtitle),
        _key_figures(report, breakdown),
        Spacer(1, 4 * mm),
        Paragraph(markup(
            "Small numbers never identify anyone: counts from 1 to 7 are shown as *, other "
            "counts are rounded to the nearest 5, percentages are worked out from the rounded "
            "counts, and where a hidden count could be found by subtraction another is hidden "
            "too. Rows may not add up exactly."), s.muted),
    ]
    if described is not None and described.equality:
        story.append(Paragraph(markup(
            "Equality monitoring answers are given by people themselves, only if they choose; "
            "“Not given” counts those who did not answer or preferred not to say. No answer is "
            "ever shown beside a name."), s.muted))
    charts = charts_for(report, breakdown)
    for table in report.tables_for(breakdown):
        story.append(Paragraph(markup(table.title), s.h1))
        if table.note:
            story.append(Paragraph(markup(table.note), s.muted))
        story += _tables(table)
        for section, chart in charts:
            if section == table.section:
                story += [Spacer(1, 3 * mm), KeepTogether([
                    Paragraph(markup(chart.title), s.label), ChartFlowable(chart)])]
    story.append(Paragraph("What each figure means", s.h1))
    story += [Paragraph(markup(note), s.bullet, bulletText="•") for note in report.notes]
    story.append(Paragraph(markup(
        f"Worked out on {display_date(report.made_at)} by {report.made_by or APP_TITLE}."),
        s.muted))
    title = f"Report as at {display_date(report.on)}, by {by}"
    return plain_document(story, title, (PAGE_WIDTH, PAGE_HEIGHT),
                          f"{APP_TITLE}: {title}. Counts of 1 to 7 are shown as *; others are "
                          "rounded to the nearest 5.")


def _key_figures(report: Report, breakdown: str) -> Flowable:
    s = styles()
    coverage = report.table("coverage", breakdown) or report.table("coverage", "band")
    cells = [[Paragraph("People counted", s.kv_key),
              Paragraph(show(report.people), s.kv_value)]]
    if coverage is not None:
        last = len(coverage.groups) - 1
        for key in ("appraised", "career", "plan", "edi"):
            column = coverage.column_index(key)
            cells.append([Paragraph(markup(coverage.columns[column].label), s.kv_key),
                          Paragraph(markup(coverage.cell_text(last, column)), s.kv_value)])
    table = Table(cells, colWidths=[FRAME_WIDTH * 0.4, FRAME_WIDTH * 0.2], hAlign="LEFT")
    table.setStyle(key_value_style())
    return table


def _tables(table: ReportTable) -> list[Flowable]:
    s = styles()
    if len(table.columns) <= MAX_MEASURES_ACROSS:
        head = [Paragraph(markup(table.group_title), s.cell_head)] + [
            Paragraph(markup(c.label), _right(s.cell_head)) for c in table.columns]
        rows = [head]
        for r, group in enumerate(table.groups):
            is_total = table.has_total and r == len(table.groups) - 1
            rows.append([Paragraph(markup(group), s.cell_group if is_total else s.cell)] + [
                Paragraph(markup(table.cell_text(r, c)), _right(s.cell_group if is_total
                                                                else s.cell))
                for c in range(len(table.columns))])
        first = FRAME_WIDTH * 0.22
        rest = (FRAME_WIDTH - first) / len(table.columns)
        return [_styled(Table(rows, colWidths=[first] + [rest] * len(table.columns),
                              repeatRows=1), table.has_total)]
    # Turned: one row per measure, the groups across a few at a time, everyone's beside them.
    groups = list(range(len(table.groups) - (1 if table.has_total else 0)))
    total = [len(table.groups) - 1] if table.has_total else []
    out: list[Flowable] = []
    for start in range(0, max(len(groups), 1), GROUPS_ACROSS):
        chosen = groups[start:start + GROUPS_ACROSS] + total
        head = [Paragraph("", s.cell_head)] + [
            Paragraph(markup(table.groups[g]), _right(s.cell_head)) for g in chosen]
        rows = [head] + [
            [Paragraph(markup(column.label), s.cell)] + [
                Paragraph(markup(table.cell_text(g, c)), _right(s.cell)) for g in chosen]
            for c, column in enumerate(table.columns)]
        first = FRAME_WIDTH * 0.26
        rest = (FRAME_WIDTH - first) / len(chosen)
        out += [_styled(Table(rows, colWidths=[first] + [rest] * len(chosen), repeatRows=1),
                        False), Spacer(1, 3 * mm)]
    return out


@lru_cache(maxsize=8)
def _right(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}_right", style, alignment=TA_RIGHT)


def _styled(table: Table, total_row: bool) -> Table:
    style = data_table_style()
    style.add("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE)
    style.add("ALIGN", (1, 1), (-1, -1), "RIGHT")
    if total_row:
        style.add("BACKGROUND", (0, -1), (-1, -1), PALE_GREY)
    table.setStyle(style)
    return table


class ChartFlowable(Flowable):
    """A bar or line chart of domain.report_charts, as in the window."""

    def __init__(self, chart: Chart):
        super().__init__()
        self.chart = chart
        self.row = 6.5 * mm

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        if isinstance(self.chart, BarChart):
            self.height = (len(self.chart.bars) + 1) * self.row
        else:
            self.height = 62 * mm
        return self.width, self.height

    def draw(self) -> None:
        if isinstance(self.chart, BarChart):
            self._bars(self.chart)
        else:
            self._lines(self.chart)

    def _bars(self, chart: BarChart) -> None:
        canv = self.canv
        label_width = self.width * 0.36
        span = self.width - label_width - 24 * mm
        bottom = self.row
        canv.setLineWidth(0.4)
        for tick in (0, 25, 50, 75, 100):
            x = label_width + span * tick / 100
            canv.setStrokeColor(RULE)
            canv.line(x, bottom, x, self.height)
            canv.setFillColor(SECONDARY)
            canv.setFont(REGULAR, 7.5)
            canv.drawCentredString(x, bottom - 4 * mm, f"{tick}%")
        for number, bar in enumerate(chart.bars):
            y = self.height - (number + 1) * self.row
            font = BOLD if bar.total else REGULAR
            canv.setFont(font, 8.5)
            canv.setFillColor(TEXT)
            label = fit_text(bar.label, font, 8.5, label_width - 2 * mm)
            canv.drawString(0, y + self.row * 0.3, label)
            width = span * (bar.percent or 0) / 100
            if width and not bar.hidden:
                canv.setFillColor(NHS_DARK_BLUE if bar.total else NHS_BLUE)
                canv.setStrokeColor(NHS_DARK_BLUE)
                canv.rect(label_width, y + self.row * 0.18, width, self.row * 0.6, stroke=1,
                          fill=1)
            canv.setFillColor(TEXT)
            canv.setFont(font, 8.5)
            words = "* hidden" if bar.hidden else bar.text
            canv.drawString(label_width + width + 1.5 * mm, y + self.row * 0.3, words)

    def _lines(self, chart: LineChart) -> None:
        canv = self.canv
        left, right, bottom, legend = 12 * mm, 18 * mm, 12 * mm, 9 * mm
        top = self.height - legend
        plot_width = self.width - left - right
        step = plot_width / max(len(chart.categories) - 1, 1)

        def xy(i: int, value: int) -> tuple[float, float]:
            return left + i * step, bottom + (top - bottom) * value / 100

        canv.setLineWidth(0.4)
        for tick in (0, 25, 50, 75, 100):
            y = bottom + (top - bottom) * tick / 100
            canv.setStrokeColor(RULE)
            canv.line(left, y, left + plot_width, y)
            canv.setFillColor(SECONDARY)
            canv.setFont(REGULAR, 7.5)
            canv.drawRightString(left - 1.5 * mm, y - 2.5, f"{tick}%")
        for i, category in enumerate(chart.categories):
            canv.setFont(REGULAR, 6.8)
            canv.setFillColor(SECONDARY)
            first, _, year = category.rpartition(" ")
            canv.drawCentredString(left + i * step, bottom - 4 * mm, first)
            canv.drawCentredString(left + i * step, bottom - 7 * mm, year)
        for number, series in enumerate(chart.series):
            colour = SECOND_SERIES if series.dashed else NHS_BLUE
            canv.setStrokeColor(colour)
            canv.setFillColor(colour)
            canv.setLineWidth(1.6)
            canv.setDash(4, 2) if series.dashed else canv.setDash()
            points = [(i, v) for i, v in enumerate(series.values) if v is not None]
            for (i0, v0), (i1, v1) in zip(points, points[1:], strict=False):
                if i1 == i0 + 1:  # a hidden quarter breaks the line
                    canv.line(*xy(i0, v0), *xy(i1, v1))
            canv.setDash()
            for i, v in points:
                _marker(canv, *xy(i, v), series.marker)
            for i, shown in enumerate(series.values):
                if shown is None:
                    canv.setFont(REGULAR, 8)
                    canv.drawCentredString(left + i * step, bottom + 1.5 * mm, "*")
            if points:
                i, v = points[-1]
                x, y = xy(i, v)
                canv.setFont(BOLD, 8)
                canv.drawString(x + 2.5 * mm, y - 3 + (4 if number == 0 else -4), f"{v}%")
            # The legend: a sample of the line and marker, then the name.
            lx = left + number * plot_width / 2
            ly = self.height - 4 * mm
            canv.setLineWidth(1.6)
            canv.setDash(4, 2) if series.dashed else canv.setDash()
            canv.line(lx, ly, lx + 8 * mm, ly)
            canv.setDash()
            _marker(canv, lx + 4 * mm, ly, series.marker)
            canv.setFillColor(TEXT)
            canv.setFont(REGULAR, 8)
            canv.drawString(lx + 10 * mm, ly - 2.8, series.name)


def _marker(canv: Canvas, x: float, y: float, shape: str) -> None:
    if shape == "square":
        canv.rect(x - 2.2, y - 2.2, 4.4, 4.4, stroke=0, fill=1)
    else:
        canv.circle(x, y, 2.5, stroke=0, fill=1)
