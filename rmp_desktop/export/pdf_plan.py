"""The development plan: objectives and actions, as tables that split cleanly across pages."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable

from rmp_desktop.domain.dates import display_date
from rmp_desktop.export.pdf_blocks import (
    bullets,
    cell_lines,
    data_table,
    note,
    subheading,
    table_heading,
)
from rmp_desktop.export.pdf_sections import Ctx


def plan(sec: dict[str, Any], ctx: Ctx) -> list[Flowable]:
    out: list[Flowable] = []
    objectives = [o for o in sec.get("objectives") or [] if isinstance(o, dict)]
    actions = [a for a in sec.get("actions") or [] if isinstance(a, dict)]
    if objectives:
        out += table_heading("Objectives for the coming period")
        rows = [[str(i), o.get("text", ""), o.get("measure", ""), display_date(o.get("due", "")),
                 "Yes" if o.get("edi") else ""]
                for i, o in enumerate(objectives, start=1)]
        out.append(data_table(["No.", "Objective", "How success is measured", "Due", "EDI"],
                              rows, [0.06, 0.40, 0.30, 0.155, 0.085]))
        if any(o.get("edi") for o in objectives):
            out.append(note("EDI: an objective on equality, diversity and inclusion."))
    if actions:
        out += table_heading("Development actions")
        rows = []
        for i, a in enumerate(actions, start=1):
            action = cell_lines([("Support", a.get("support", "")),
                                 ("Success looks like", a.get("success_measure", ""))],
                                main=a.get("text", ""))
            rows.append([str(i), action, ctx.names.gap(a.get("gap")), a.get("owner", ""),
                         display_date(a.get("target_date", "")), display_date(a.get("review_date", ""))])
        out.append(data_table(["No.", "Action", "Gap it addresses", "Owner", "Target", "Review"],
                              rows, [0.06, 0.33, 0.16, 0.14, 0.155, 0.155],
                              cell_styles=["cell", "cell", "cell_muted", "cell", "cell", "cell"]))
    proposed = [o for o in sec.get("proposed_objectives") or [] if isinstance(o, dict)]
    if proposed:  # from the staff member's preparation, kept as they proposed them
        out += table_heading("Objectives the staff member proposed")
        rows = [[o.get("text", ""), o.get("measure", ""), display_date(o.get("due", ""))]
                for o in proposed]
        out.append(data_table(["Proposed objective", "How it would be measured", "By"], rows,
                              [0.45, 0.38, 0.17]))
    ideas = [i.get("text", "") for i in sec.get("development_ideas") or [] if isinstance(i, dict)]
    if any(i.strip() for i in ideas):
        out.append(subheading("Development ideas the staff member proposed"))
        out += bullets(ideas)
    return out
