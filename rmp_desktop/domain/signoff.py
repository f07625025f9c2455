"""What must be in a plan before it can be signed, and what signing means.

Plain Python over the conversation document (no Qt, no SQL), so the summary
step, the storage layer and the tests apply exactly the same rules. Each gap
says what is missing and where (the step and the item), so the summary can
send the user straight to it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rmp_desktop.domain.conversation import STEP_TITLES, merged
from rmp_desktop.domain.dates import HOW_TO_WRITE, from_iso

# What each signer confirms; stored word for word with the signature and printed in the PDF.
STATEMENT = "I have read this plan and agree it is an accurate record."

EMPLOYEE, MANAGER = "employee", "manager"
ROLES: tuple[str, ...] = (EMPLOYEE, MANAGER)
ROLE_LABELS = {EMPLOYEE: "Staff member", MANAGER: "Manager"}

_QUOTE_LENGTH = 40  # enough of an item's own words to recognise it in a message


@dataclass(frozen=True)
class Missing:
    """One thing that stops signing: the step, the item within it, and what to do."""

    step: str  # step id, also the document section
    item: str  # "objectives", "objective:<id>", "action:<id>", "employee_comments"
    message: str

    @property
    def step_title(self) -> str:
        return STEP_TITLES.get(self.step, self.step)

    def __str__(self) -> str:
        return f"{self.step_title}: {self.message}"


def missing_for_signoff(document: Mapping[str, object]) -> list[Missing]:
    """Everything still missing before the plan can be signed, in the order of the steps."""
    doc = merged(document)
    gaps: list[Missing] = []
    plan = doc["plan"]
    objectives = [o for o in plan.get("objectives") or [] if _filled(o, "text", "measure", "due")]
    if not objectives:
        gaps.append(Missing("plan", "objectives",
                            "Add at least one objective, with how it will be measured and a "
                            "target date."))
    for number, objective in enumerate(objectives, start=1):
        item = f"objective:{objective.get('id') or number}"
        label = _label("Objective", number, objective.get("text"))
        if not _text(objective.get("text")):
            gaps.append(Missing("plan", item, f"{label} has no wording: say what will be achieved."))
        if not _text(objective.get("measure")):
            gaps.append(Missing("plan", item,
                                f"{label} has no measure: say how you will both know it is met."))
        gaps += _date_gap(objective.get("due"), item, label)
    actions = [a for a in plan.get("actions") or []
               if _filled(a, "text", "support", "success_measure", "owner", "target_date")]
    for number, action in enumerate(actions, start=1):
        item = f"action:{action.get('id') or number}"
        label = _label("Action", number, action.get("text"))
        if not _text(action.get("text")):
            gaps.append(Missing("plan", item, f"{label} has no wording: say what will be done."))
        gaps += _date_gap(action.get("target_date"), item, label)
    if not doc["summary"].get("comments_visited"):
        gaps.append(Missing("summary", "employee_comments",
                            "The staff member has not yet looked at their comments: they can add "
                            "their own view, or leave it empty, before anyone signs."))
    return gaps


def can_sign(document: Mapping[str, object]) -> bool:
    return not missing_for_signoff(document)


def _date_gap(value: object, item: str, label: str) -> list[Missing]:
    if not _text(value):
        return [Missing("plan", item, f"{label} has no target date.")]
    if from_iso(value) is None:
        return [Missing("plan", item, f"{label} has a target date that is not a date; "
                                      f"{HOW_TO_WRITE}.")]
    return []


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _filled(item: object, *keys: str) -> bool:
    """A row the user started; an untouched empty row is not a gap, just left over."""
    return isinstance(item, dict) and any(_text(item.get(k)) for k in keys)


def _label(noun: str, number: int, text: object) -> str:
    words = " ".join(_text(text).split())
    if not words:
        return f"{noun} {number}"
    if len(words) > _QUOTE_LENGTH:
        words = words[:_QUOTE_LENGTH].rstrip() + "…"
    return f"{noun} {number} (“{words}”)"
