"""The conversation's own steps as printed sections, the ones that hold what was said.

Each builder takes the section's dict (always complete: the document is merged
with the empty shape first) and returns flowables, or nothing when the step was
left empty, so an empty step never prints a bare heading.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.platypus import Flowable

from rmp_desktop.domain.carry import ACTION_OUTCOMES, midyear_words
from rmp_desktop.domain.conversation import (
    DIRECTIONS,
    FEEDBACK_SOURCES,
    OBJECTIVE_OUTCOMES,
    TIME_HORIZONS,
)
from rmp_desktop.domain.dates import display_date
from rmp_desktop.domain.names import Names
from rmp_desktop.domain.packs import PackSet
from rmp_desktop.domain.talent import placement_words
from rmp_desktop.export.pdf_blocks import (
    answer,
    bullets,
    data_table,
    key_values,
    subheading,
    table_heading,
)
from rmp_desktop.export.pdf_text import clean

# Flags and bookkeeping that say nothing by themselves.
_NOT_CONTENT = {"share_in_record", "comments_visited", "dismissed_suggestions", "person", "id",
                "suggested", "edi"}


@dataclass(frozen=True)
class Ctx:
    packs: PackSet
    names: Names
    names_framework: bool = False  # the record chose its competency framework: say which


def has_content(value: object, key: str = "") -> bool:
    if key in _NOT_CONTENT:
        return False
    if isinstance(value, dict):
        return any(has_content(v, k) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(has_content(v) for v in value)
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None and value is not False


def setup(sec: dict[str, Any], ctx: Ctx) -> list[Flowable]:
    out: list[Flowable] = answer("Notes for this conversation", sec.get("notes"))
    carried = [c for c in sec.get("carried_forward") or [] if isinstance(c, dict)]
    if carried:
        out += table_heading("Brought forward from the last plan")
        rows = [[{"action": "Action", "objective": "Objective"}.get(str(c.get("source")), ""),
                 c.get("text", ""), display_date(c.get("due", ""))] for c in carried]
        out.append(data_table(["From", "What was agreed", "Due"], rows, [0.16, 0.66, 0.18]))
    questions = [q.get("text", "") for q in sec.get("questions") or [] if isinstance(q, dict)]
    if any(clean(q) for q in questions):  # from the staff member's preparation
        out.append(subheading("Questions the staff member wanted to raise"))
        out += bullets(questions)
    return out


_REFLECTION = (("went_well", "What went well"), ("was_hard", "What was difficult"),
               ("proud_of", "What I am proud of"), ("hopes", "What I hope for next"))


def reflection(sec: dict[str, Any], ctx: Ctx) -> list[Flowable]:
    out: list[Flowable] = []
    for key, label in _REFLECTION:
        out += answer(label, sec.get(key))
    return out


def looking_back(sec: dict[str, Any], ctx: Ctx) -> list[Flowable]:
    out: list[Flowable] = []
    objectives = [o for o in sec.get("objectives") or [] if isinstance(o, dict)]
    if objectives:
        out += table_heading("Last period's objectives")
        rows = [[o.get("text", ""), OBJECTIVE_OUTCOMES.get(o.get("outcome", ""), "Not assessed"),
                 o.get("evidence", "")] for o in objectives]
        out.append(data_table(["Objective", "Outcome", "Evidence"], rows, [0.42, 0.16, 0.42]))
    actions = [a for a in sec.get("actions") or [] if isinstance(a, dict)]
    if actions:  # the last plan's development actions, carried into this conversation
        out += table_heading("The last plan's development actions")
        rows = [[a.get("text", ""), ACTION_OUTCOMES.get(a.get("outcome", ""), "Not assessed"),
                 "\n".join(x for x in (a.get("note", ""),
                                       f"Mid-year review: {midyear_words(a.get('midyear'))}"
                                       if a.get("midyear") else "") if x)] for a in actions]
        out.append(data_table(["Action", "Outcome", "What happened"], rows, [0.42, 0.16, 0.42]))
    feedback = [f for f in sec.get("feedback_items") or [] if isinstance(f, dict)]
    if feedback:
        out += table_heading("Feedback, by who gave it")
        rows = [[FEEDBACK_SOURCES.get(f.get("source", ""), "Other")
                 + (f"\n({f.get('names', '')})" if f.get("named") and f.get("names") else ""),
                 f.get("themes", ""), f.get("examples", "")] for f in feedback]
        out.append(data_table(["From", "Themes", "Examples"], rows, [0.22, 0.39, 0.39]))
    out += answer("Feedback received", sec.get("feedback"))
    progress = [p for p in sec.get("action_progress") or [] if isinstance(p, dict)]
    if progress:  # the staff member's own notes on the last plan, from their preparation
        out += table_heading("Progress on the last plan's actions, in the staff member's words")
        rows = [[p.get("text", ""), p.get("note", ""), display_date(p.get("done_on", ""))]
                for p in progress]
        out.append(data_table(["Action", "Progress", "Done"], rows, [0.40, 0.42, 0.18]))
    return out


def wellbeing(sec: dict[str, Any], ctx: Ctx) -> list[Flowable]:
    """Printed only when the person chose to share it; the caller checks that."""
    out: list[Flowable] = []
    areas = sec.get("areas") or {}
    ordered = [a.id for a in ctx.packs.prompts.wellbeing_areas if a.id in areas]
    ordered += sorted(k for k in areas if k not in ordered)
    for area_id in ordered:
        out += answer(ctx.names.wellbeing_area(area_id), areas[area_id])
    out += answer("Flexible working", sec.get("flexible_working"))
    out += answer("Support suggested", sec.get("support_signposted"))
    actions = [a.get("text", "") for a in sec.get("actions") or [] if isinstance(a, dict)]
    if any(clean(a) for a in actions):
        out.append(subheading("Wellbeing actions"))
        out += bullets(actions)
    return out


def aspirations(sec: dict[str, Any], ctx: Ctx) -> list[Flowable]:
    names = ctx.names
    directions = [DIRECTIONS.get(d, d) for d in sec.get("directions") or []]
    areas = [names.functional_area(a) for a in sec.get("functional_areas") or []]
    now, aim = sec.get("membership_current", ""), sec.get("membership_target", "")
    membership = "; ".join(x for x in (f"now {names.membership(now)}" if now else "",
                                       f"aiming for {names.membership(aim)}" if aim else "") if x)
    out = key_values([
        ("Direction", "\n".join(directions)),
        ("Level aimed for", names.pathway_level(sec.get("target_level"))),
        ("Roles of interest", sec.get("target_roles", "")),
        ("Functional areas", "\n".join(areas)),
        ("When", TIME_HORIZONS.get(sec.get("time_horizon", ""), sec.get("time_horizon", ""))),
        ("CIPD membership", membership[:1].upper() + membership[1:]),
    ])
    return out + answer("In their own words", sec.get("notes"))


def talent(sec: dict[str, Any], ctx: Ctx) -> list[Flowable]:
    """Printed only when the conversation included the step: the person's own record."""
    if not sec.get("included"):
        return []
    grid = ctx.packs.talent
    out = key_values([("Grid", grid.title),
                      ("Manager's view", placement_words(grid, sec.get("manager"))),
                      ("Their own view", placement_words(grid, sec.get("self")))])
    return out + answer("The reason", sec.get("reason"))


def summary(sec: dict[str, Any], ctx: Ctx) -> list[Flowable]:
    return answer("The staff member's comments", sec.get("employee_comments"))
