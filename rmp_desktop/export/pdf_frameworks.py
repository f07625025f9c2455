"""The sections held against the frameworks: competencies, the career transition, the wheel.

These read the content packs the record was made with for every name and the
order of areas, dimensions and avenues, so the pages match the screens.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from rmp_desktop.domain.carry import rating_changes
from rmp_desktop.domain.conversation import (
    AVENUE_STATUSES,
    EXPECTATION_RATINGS,
    EXPERIENCE_STATES,
    RATING_SCALE,
)
from rmp_desktop.domain.dates import display_date
from rmp_desktop.domain.gaps import GapRow
from rmp_desktop.export import pdf_wheel
from rmp_desktop.export.pdf_blocks import (
    GroupRow,
    answer,
    cell,
    cell_font,
    data_table,
    keep,
    key_values,
    note,
    subheading,
    table_heading,
)
from rmp_desktop.export.pdf_gap_chart import gap_chart, gap_legend
from rmp_desktop.export.pdf_sections import Ctx
from rmp_desktop.export.pdf_styles import FRAME_WIDTH, RULE, styles
from rmp_desktop.export.pdf_text import plain


def _rating(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value in RATING_SCALE else None


def _level(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 4 else None


def competencies(sec: dict[str, Any], ctx: Ctx) -> list[Flowable]:
    names = ctx.names
    current, target = _level(sec.get("current_level")), _level(sec.get("target_level"))
    named = [("Framework", ctx.packs.competency.title)] if ctx.names_framework else []
    out: list[Flowable] = key_values([*named, ("Rated at", names.competency_level(current)),
                                      ("Aiming for", names.competency_level(target))])
    changes = {c.area: c for c in rating_changes(sec, [a.id for a in ctx.packs.competency.areas])}
    ratings = sec.get("ratings") or {}
    areas = [a.id for a in ctx.packs.competency.areas]
    areas += sorted(k for k in ratings if k not in areas)
    rows, table_rows = [], []
    for area_id in areas:
        found = ratings.get(area_id)
        r: dict[str, Any] = found if isinstance(found, dict) else {}
        row = GapRow(plain(names.competency_area(area_id)), _rating(r.get("self")),
                     _rating(r.get("manager")), current, target)
        rows.append(row)
        change = changes.get(area_id)
        last = ([RATING_SCALE.get(change.last or 0, "Not rated")
                 + (f" ({change.words()})" if change.words() else "")]
                if change is not None else [""] if changes else [])
        table_rows.append([names.competency_area(area_id),
                           RATING_SCALE.get(row.self_rating or 0, "Not rated"),
                           RATING_SCALE.get(row.manager_rating or 0, "Not rated"), *last,
                           row.gap_words(), r.get("evidence", "")])
    if not any(row.agreed for row in rows):
        return out + [note("No competency was rated in this conversation.")] if out else []
    out.append(subheading("Ratings and the gap to the target"))
    if current:
        level_names = {lv.number: lv.name for lv in ctx.packs.competency.levels}
        out += [gap_chart(rows, level_names, FRAME_WIDTH), Spacer(1, 6), gap_legend(target)]
    out = [keep(*out), Spacer(1, 10)]
    if changes:  # last time's agreed rating beside this time's, with the change
        held = display_date((sec.get("last_time") or {}).get("held_on"))
        out.append(data_table(["Area", "Self", "Manager", f"Last time ({held})",
                               "Gap to target", "Evidence"], table_rows,
                              [0.16, 0.12, 0.12, 0.16, 0.2, 0.24]))
        return out
    out.append(data_table(["Area", "Self", "Manager", "Gap to target", "Evidence"], table_rows,
                          [0.18, 0.145, 0.145, 0.25, 0.28]))
    return out


def transition(sec: dict[str, Any], ctx: Ctx) -> list[Flowable]:
    pack = ctx.packs.transitions
    stream = pack.stream(sec.get("stream", "")) if sec.get("stream") else None
    chosen = pack.transition(sec.get("transition", "")) if sec.get("transition") else None
    out: list[Flowable] = key_values([
        ("Development stream", (f"{stream.name} (bands {', '.join(stream.bands)})"
                                if stream else sec.get("stream", ""))),
        ("Transition", chosen.name if chosen else sec.get("transition", "")),
    ])
    ratings = sec.get("expectations") or {}
    states = sec.get("experiences") or {}
    if chosen:
        rows: list[list[object] | GroupRow] = []
        rated = False
        for dim in pack.dimensions:
            items = chosen.expectations.get(dim.id, ())
            if items:
                rows.append(GroupRow(dim.name))
            for exp in items:
                rating = ratings.get(exp.id, "")
                rated = rated or rating in EXPECTATION_RATINGS
                rows.append([exp.text, EXPECTATION_RATINGS.get(rating, "Not rated")])
        if rated:
            out += table_heading("Expectations")
            out.append(data_table(["Expectation", "Where they are"], rows, [0.78, 0.22]))
        # The experience's short name where the pack has one; its description otherwise.
        exp_rows = [[e.name or e.text, EXPERIENCE_STATES.get(states.get(e.id, ""), "Not recorded")]
                    for e in chosen.experiences]
        if any(r[1] != "Not recorded" for r in exp_rows):
            out += table_heading("Helpful experiences")
            out.append(data_table(["Experience", "Status"], exp_rows, [0.78, 0.22]))
    return out + answer("Notes", sec.get("notes"))


def wheel(sec: dict[str, Any], ctx: Ctx) -> list[Flowable]:
    pack = ctx.packs.wheel
    statuses = sec.get("avenues") or {}
    st = styles()
    widths = [16, 150, 15, 85]
    segments: list[pdf_wheel.WheelSegment] = []
    arcs: list[pdf_wheel.WheelGroupArc] = []
    legend_rows: list[list[object]] = []
    number = 0
    group_rows: list[int] = []
    for g, group in enumerate(pack.groups):
        avenues = pack.avenues_in(group.id)
        arcs.append(pdf_wheel.WheelGroupArc(f"{group.share}%", len(avenues)))
        group_rows.append(len(legend_rows))
        legend_rows.append([cell(f"{group.name} ({group.share}%)", st.small_bold, sum(widths) - 4),
                            "", "", ""])
        for avenue in avenues:
            number += 1
            status = statuses.get(avenue.id) or "not_considered"
            segments.append(pdf_wheel.WheelSegment(number, status, g))
            # Swatch and words side by side, so the status reads without the colour.
            legend_rows.append([str(number), cell(avenue.name, st.small, widths[1] - 4),
                                pdf_wheel.status_swatch(status),
                                cell(AVENUE_STATUSES.get(status, status), st.small, widths[3] - 4)])
    legend = Table(legend_rows, colWidths=widths, hAlign="LEFT")
    style = TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                        ("TOPPADDING", (0, 0), (-1, -1), 1.2),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2),
                        *cell_font(st.small, (0, 0), (-1, -1))])
    for row in group_rows:
        for command in [("SPAN", (0, row), (-1, row)), ("LINEBELOW", (0, row), (-1, row), 0.5, RULE),
                        ("TOPPADDING", (0, row), (-1, row), 5 if row else 0),
                        *cell_font(st.small_bold, (0, row), (-1, row))]:
            style.add(*command)
    legend.setStyle(style)
    # One table, wheel beside legend and the key below: it cannot split, so it needs no
    # KeepTogether (which would lay the legend out twice).
    side = Table([[pdf_wheel.exposure_wheel(segments, arcs), legend], [_status_key(), ""]],
                 colWidths=[FRAME_WIDTH - sum(widths), sum(widths)], hAlign="LEFT")
    side.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("SPAN", (0, 1), (-1, 1)),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                              ("TOPPADDING", (0, 1), (-1, 1), 8)]))
    return [side, *answer("Notes", sec.get("notes"))]


def _status_key() -> Table:
    """The five statuses with their fill and pattern, under the wheel."""
    st = styles()
    cells: list[object] = []
    widths: list[float] = []
    for key, label in AVENUE_STATUSES.items():
        cells += [pdf_wheel.status_swatch(key), label]
        widths += [15, 10 + stringWidth(label, st.small.fontName, st.small.fontSize)]
    table = Table([cells], colWidths=widths, hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                               *cell_font(st.small, (0, 0), (-1, -1))]))
    return table
