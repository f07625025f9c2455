"""Small building blocks the sections are made of: headings, answers, lists and tables.

Tables are built from Paragraphs so every cell wraps, and repeat their header
row when they split across pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
)

from rmp_desktop.export.pdf_rows import Cell, cut_tall_rows
from rmp_desktop.export.pdf_styles import (
    FRAME_WIDTH,
    NHS_BLUE,
    RULE,
    TABLE_PADDING,
    data_table_style,
    key_value_style,
    styles,
)
from rmp_desktop.export.pdf_text import clean, fits_main_font, markup, paragraphs, plain


def section(number: int, title: str, flowables: list[Flowable]) -> list[Flowable]:
    """A numbered heading kept on the same page as the start of what follows it.

    reportlab's keepWithNext cannot join a KeepTogether, so the heading and the first
    run of the section (labels that keep with the next, then one paragraph or group)
    are kept together here explicitly. A table is never pulled in: it would move whole
    to the next page instead of splitting; the conditional break leaves room for its
    first rows instead.
    """
    st = styles()
    rule = HRFlowable(width="100%", thickness=1.2, color=NHS_BLUE, spaceBefore=0, spaceAfter=10)
    head: list[Flowable] = [Bookmark(f"{number}  {title}", f"section-{number}"),
                            Paragraph(f"{number}&#160;&#160;{markup(title)}", st.h1), rule]
    i = 0
    while (i < len(flowables) and not isinstance(flowables[i], KeepTogether | Table | CondPageBreak)
           and flowables[i].getKeepWithNext()):  # type: ignore[no-untyped-call]
        i += 1
    if i < len(flowables) and not isinstance(flowables[i], Table | CondPageBreak):
        i += 1
    for f in flowables[:i]:
        head += list(f._content) if isinstance(f, KeepTogether) else [f]  # type: ignore[attr-defined]
    room = float(_HEADING_ROOM)
    first = flowables[i] if i < len(flowables) else None
    if isinstance(first, Table) and len(first._cellvalues) <= _FEW_ROWS:  # type: ignore[attr-defined]
        # The heading never stands alone at a page's foot: a table of a row or two (the
        # wheel beside its legend) barely splits, so there must be room for its first rows
        # too, else both start the next page. Longer tables split after a row or two, which
        # the fixed room already allows for (and they are not laid out twice to find out).
        room = max(room, _HEADING_HEIGHT + _first_rows_height(first))
    return [CondPageBreak(room), KeepTogether(head), *flowables[i:]]


_HEADING_ROOM = 190  # at least a paragraph or a few rows under a heading
_HEADING_HEIGHT = 48  # the numbered heading and its rule
_FEW_ROWS = 3


def _first_rows_height(table: Table) -> float:
    """How tall the rows a table can never be split before are: its repeated header and its
    first row (laid out at the frame's width; reportlab lays it out again on the page)."""
    table.wrap(FRAME_WIDTH, 10_000)
    heights = list(table._rowHeights or [])  # type: ignore[attr-defined]
    header = int(getattr(table, "repeatRows", 0) or 0)
    return float(sum(heights[:header + 1]))


class Bookmark(Flowable):
    """An entry in the viewer's outline (bookmarks) for the place it stands; takes no space."""

    def __init__(self, title: str, key: str):
        super().__init__()
        self.title, self.key = title, key

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.title, self.key, level=0)


def table_heading(title: str) -> list[Flowable]:
    """A subheading over a table: room for it and a few rows, without holding the table whole."""
    return [CondPageBreak(110), Paragraph(markup(title), styles().h2_free)]


def subheading(title: str) -> Paragraph:
    return Paragraph(markup(title), styles().h2)


def answer(label: str, text: object, *, empty: str | None = None) -> list[Flowable]:
    """A labelled piece of free text; long text flows across pages paragraph by paragraph."""
    st = styles()
    chunks = paragraphs(text)
    if not chunks:
        return [Paragraph(markup(label), st.label), Paragraph(markup(empty), st.muted)] if empty else []
    out: list[Flowable] = [Paragraph(markup(label), st.label)]
    out += [Paragraph(chunk, st.body) for chunk in chunks]
    return out


def note(text: str) -> Paragraph:
    return Paragraph(markup(text), styles().muted)


def bullets(items: Sequence[str]) -> list[Flowable]:
    items = [i for i in (clean(x) for x in items) if i]
    if not items:
        return []
    style = styles().bullet
    return [Paragraph(markup(i), style, bulletText="•") for i in items]


def cell(text: object, style: ParagraphStyle, width: float) -> str | Paragraph:
    """A table cell: plain lines when the main font draws all of it, else a paragraph.

    Most cells are plain text. Wrapped here into lines (a string cell with line breaks),
    they cost a fraction of a Paragraph to lay out and draw; the table's FONT command
    (see `cell_font`) gives them the style's face, size, leading and colour. Text that
    needs the fallback font, or a word too long for the column, goes to a Paragraph.
    """
    body = clean(text)
    if not body:
        return ""
    if fits_main_font(body):
        font, size = style.fontName, style.fontSize
        lines = [wrapped for line in body.split("\n")
                 for wrapped in (simpleSplit(plain(line), font, size, width) or [""])]
        if all(stringWidth(line, font, size) <= width for line in lines):
            return "\n".join(lines)
    return Paragraph(markup(body), style)


def cell_font(style: ParagraphStyle, start: tuple[int, int],
              stop: tuple[int, int]) -> list[tuple[Any, ...]]:
    """Table style commands that set string cells as `style` would."""
    return [("FONT", start, stop, style.fontName, style.fontSize, style.leading),
            ("TEXTCOLOR", start, stop, style.textColor)]


def key_values(rows: Sequence[tuple[str, object]], key_width: float = 130) -> list[Flowable]:
    """Label and value pairs as a quiet two-column table; empty values are left out."""
    st = styles()
    value_width = FRAME_WIDTH - key_width
    data = [[cell(k, st.kv_key, key_width - 8), cell(v, st.kv_value, value_width - 8)]
            for k, v in rows if clean(v)]
    if not data:
        return []
    table = Table(data, colWidths=[key_width, value_width], hAlign="LEFT")
    style = key_value_style()
    for command in (cell_font(st.kv_key, (0, 0), (0, -1)) +
                    cell_font(st.kv_value, (1, 0), (1, -1))):
        style.add(*command)
    table.setStyle(style)
    return [table, Spacer(1, 6)]


class GroupRow(str):
    """A row of a data table that names the group of rows under it, across every column."""


def data_table(headers: Sequence[str], rows: Sequence[Sequence[object | Cell] | GroupRow],
               widths: Sequence[float], *, cell_styles: Sequence[str] | None = None) -> Table:
    """A table that splits cleanly: header repeated, each cell a wrapping paragraph.

    A cell may be a string (escaped here) or a ready Flowable / list of them.
    `widths` are fractions of the frame width.
    """
    st = styles()
    col_widths = [FRAME_WIDTH * w for w in widths]
    inner = [w - 2 * TABLE_PADDING for w in col_widths]
    col_styles = [getattr(st, name) for name in cell_styles] if cell_styles else [st.cell] * len(widths)
    head = [cell(h, st.cell_head, w) for h, w in zip(headers, inner, strict=True)]
    body: list[list[Cell]] = []
    ends: list[bool] = []
    groups: list[int] = []
    for row in rows:
        if isinstance(row, GroupRow):
            groups.append(len(body) + 1)
            group: list[Cell] = [cell(row, st.cell_group, FRAME_WIDTH - 2 * TABLE_PADDING)]
            body.append(group + [""] * (len(headers) - 1))
            ends.append(True)
            continue
        cells: list[Cell] = [value if isinstance(value, Flowable | list) else cell(value, cs, w)
                             for value, cs, w in zip(row, col_styles, inner, strict=True)]
        cut, row_ends = cut_tall_rows([cells], inner, [cs.leading for cs in col_styles])
        body += cut
        ends += row_ends
    table = Table([head, *body], colWidths=col_widths, repeatRows=1, hAlign="LEFT")
    style = data_table_style()
    for command in cell_font(st.cell_head, (0, 0), (-1, 0)):
        style.add(*command)
    for i, cs in enumerate(col_styles):
        for command in cell_font(cs, (i, 1), (i, -1)):
            style.add(*command)
    for r, end in enumerate(ends, start=1):
        if end:  # a rule under each row, none inside a row cut into pieces
            style.add("LINEBELOW", (0, r), (-1, r), 0.5, RULE)
        else:
            style.add("BOTTOMPADDING", (0, r), (-1, r), 0)
            style.add("TOPPADDING", (0, r + 1), (-1, r + 1), 0)
    for r in groups:
        for command in cell_font(st.cell_group, (0, r), (-1, r)):
            style.add(*command)
        style.add("SPAN", (0, r), (-1, r))
        style.add("TOPPADDING", (0, r), (-1, r), 8)
        # A group's name never ends a page: it stays with its first two rows.
        style.add("NOSPLIT", (0, r), (-1, min(r + 2, len(body))))
    table.setStyle(style)
    return table


def cell_lines(lines: Sequence[tuple[str, object]], main: object = "") -> list[Flowable]:
    """A table cell with a main text and small labelled lines under it."""
    st = styles()
    out: list[Flowable] = []
    if clean(main):
        out.append(Paragraph(markup(main), st.cell))
    for label, value in lines:
        if clean(value):
            out.append(Paragraph(f'<font color="#425563">{markup(label)}:</font> {markup(value)}',
                                 st.cell_muted))
    return out or [Paragraph("", st.cell)]


def keep(*flowables: Flowable) -> KeepTogether:
    return KeepTogether(list(flowables))
