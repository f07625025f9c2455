"""The reports' charts as plain data, drawn alike by the window (QPainter, ui/report_chart.py)
and the PDF (reportlab, export/report_pdf.py). No Qt, no SQL, no drawing library.

Two kinds, both of shown figures only (percentages from rounded counts, hidden ones marked):
a bar chart of one measure across the groups of a breakdown, and a line chart of measures
over the quarters. Every bar and point carries its number as text, a hidden one says so in
words, and each series of a line chart has its own line pattern and marker, so nothing is
told by colour alone. `lines()` reads a chart out in words (the window's accessible
description; the PDF's figures are in the table beside it).
"""

from __future__ import annotations

from dataclasses import dataclass

from rmp_desktop.domain.report_model import Report, Table

HIDDEN_WORDS = "hidden (small numbers)"


@dataclass(frozen=True)
class Bar:
    label: str
    percent: int | None  # None: hidden, or no one to count
    hidden: bool  # hidden by suppression (as opposed to no one in the group)
    total: bool = False  # the row for everyone

    @property
    def text(self) -> str:
        if self.hidden:
            return "*"
        return "–" if self.percent is None else f"{self.percent}%"


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: tuple[Bar, ...]

    def lines(self) -> list[str]:
        return [f"{self.title}."] + [
            f"{b.label}: {HIDDEN_WORDS if b.hidden else b.text}" for b in self.bars]


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[int | None, ...]  # percentages, one per category; None hidden
    dashed: bool  # the second series is dashed, with square markers
    marker: str  # "circle" or "square"


@dataclass(frozen=True)
class LineChart:
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]

    def lines(self) -> list[str]:
        out = [f"{self.title}."]
        for s in self.series:
            values = ", ".join(f"{c} {'*' if v is None else f'{v}%'}"
                               for c, v in zip(self.categories, s.values, strict=True))
            out.append(f"{s.name}: {values}")
        return out


Chart = BarChart | LineChart


def bar_chart(table: Table, column: str, title: str) -> BarChart:
    """One measure's percentage for each group, the whole last."""
    index = table.column_index(column)
    base = table.columns[index].percent_of
    of = table.column_index(base) if base else index
    bars = []
    for row, group in enumerate(table.groups):
        hidden = table.counts[row][index] is None or table.counts[row][of] is None
        bars.append(Bar(group, table.percents[row][index], hidden,
                        total=table.has_total and row == len(table.groups) - 1))
    return BarChart(title, tuple(bars))


def trend_chart(table: Table) -> LineChart:
    """Appraisal and career conversation coverage, quarter by quarter."""
    series = []
    for (key, name), dashed, marker in zip(
            (("appraised", "Appraisal in the last 12 months"),
             ("career", "Career conversation in the last 12 months")),
            (False, True), ("circle", "square"), strict=True):
        index = table.column_index(key)
        series.append(Series(name, tuple(table.percents[r][index]
                                         for r in range(len(table.groups))), dashed, marker))
    return LineChart(table.title, tuple(_short_quarter(g) for g in table.groups),
                     tuple(series))


def _short_quarter(label: str) -> str:
    """"Apr–Jun 2027 (to 15 May)" -> "Apr–Jun 2027": the axis has little room."""
    return label.split(" (", 1)[0]


def charts_for(report: Report, breakdown: str) -> list[tuple[str, Chart]]:
    """The charts shown with one breakdown's tables: (section, chart), in section order."""
    found: list[tuple[str, Chart]] = []
    described = report.breakdown(breakdown)
    by = f", by {described.phrase}" if described else ""
    coverage = report.table("coverage", breakdown)
    if coverage is not None:
        found.append(("coverage", bar_chart(coverage, "appraised",
                                            f"Appraisal in the last 12 months{by}")))
        found.append(("coverage", bar_chart(coverage, "edi", f"Measurable EDI objective{by}")))
    aspirations = report.table("aspirations", breakdown)
    if aspirations is not None:
        for key, word in (("stretch", "Stretch"),):
            found.append(("aspirations", bar_chart(
                aspirations, key, f"{word}: share of people with a signed record{by}")))
    trends = report.table("trends")
    if trends is not None:
        found.append(("trends", trend_chart(trends)))
    return found
