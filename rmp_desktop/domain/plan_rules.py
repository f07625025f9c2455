"""What does not fit in a plan row, in words that say what to do. Plain Python.

Nothing here changes a value: a row with a problem is saved as typed and the
problem is shown beside the field until it is put right. Each function takes a
row in the document's shape and returns {field: message}; an action's gap is
reported against "gap_kind" (which kind of gap) and "gap_ref" (which one).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from rmp_desktop.domain.dates import DateError, display_date, parse_date


def date_problem(text: object, held_on: date, *, required: bool, what: str) -> str | None:
    """Why a plan date will not do: missing, unreadable, or before the conversation."""
    if not _text(text):
        return f"Add {what}." if required else None
    try:
        parsed = parse_date(str(text))
    except DateError as exc:
        return str(exc)
    if parsed < held_on:
        return (f"This date ({display_date(parsed)}) is before the conversation on "
                f"{display_date(held_on)}; choose a date after it.")
    return None


def objective_problems(objective: Mapping[str, object], held_on: date) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not _text(objective.get("text")):
        problems["text"] = "Write the objective: what will be achieved."
    if not _text(objective.get("measure")):
        problems["measure"] = "Add a measure: how will you both know it has been achieved?"
    due = date_problem(objective.get("due", ""), held_on, required=True,
                       what="a date to achieve it by")
    if due:
        problems["due"] = due
    return problems


def action_problems(action: Mapping[str, object], held_on: date) -> dict[str, str]:
    problems: dict[str, str] = {}
    found = action.get("gap")
    gap: Mapping[str, object] = found if isinstance(found, dict) else {}
    if not _text(action.get("text")):
        problems["text"] = "Write the action: what will be done."
    if not gap.get("kind"):
        problems["gap_kind"] = "Choose the kind of gap this action closes."
    elif gap.get("kind") != "other" and not gap.get("ref"):
        problems["gap_ref"] = "Choose which one it closes."
    if not _text(action.get("owner")):
        problems["owner"] = "Say who will make it happen."
    if not _text(action.get("success_measure")):
        problems["success_measure"] = "Add a success measure: how will you tell it has worked?"
    target = date_problem(action.get("target_date", ""), held_on, required=True,
                          what="a target date")
    if target:
        problems["target_date"] = target
    review = date_problem(action.get("review_date", ""), held_on, required=False,
                          what="a review date")
    if review:
        problems["review_date"] = review
    return problems


def past_objective_problems(objective: Mapping[str, object],
                            _held_on: date | None = None) -> dict[str, str]:
    """A previous period's objective, looked back on: its words and an outcome."""
    problems: dict[str, str] = {}
    if not _text(objective.get("text")):
        problems["text"] = "Write the objective as it was agreed."
    if not objective.get("outcome"):
        problems["outcome"] = "Choose an outcome."
    return problems


def wellbeing_action_problems(action: Mapping[str, object],
                              _held_on: date | None = None) -> dict[str, str]:
    return {} if _text(action.get("text")) else {"text": "Write the action, or remove it."}


def _text(value: object) -> bool:
    return bool(str(value or "").strip())
