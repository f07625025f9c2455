"""What does not fit in a plan row, in words that say what to do. Plain Python, no Qt.

Nothing here changes a value: a row with a problem is saved as typed and the
problem is shown beside the field until it is put right.
"""

from __future__ import annotations

from datetime import date

from rmp_desktop.domain.dates import DateError, display_date, parse_date


def date_problem(text: str, held_on: date, *, required: bool, what: str) -> str | None:
    if not (text or "").strip():
        return f"Add {what}." if required else None
    try:
        parsed = parse_date(text)
    except DateError as exc:
        return str(exc)
    if parsed < held_on:
        return (f"This date ({display_date(parsed)}) is before the conversation on "
                f"{display_date(held_on)}; choose a date after it.")
    return None


def objective_problems(row: dict, held_on: date) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not str(row.get("text", "")).strip():
        problems["text"] = "Write the objective: what will be achieved."
    if not str(row.get("measure", "")).strip():
        problems["measure"] = "Add a measure: how will you both know it has been achieved?"
    due = date_problem(row.get("due", ""), held_on, required=True, what="a date to achieve it by")
    if due:
        problems["due"] = due
    return problems


def flat_action(action: dict) -> dict:
    """A plan action with its gap as two fields, as the list editor shows it."""
    row = {k: v for k, v in action.items() if k != "gap"}
    gap = action.get("gap") if isinstance(action.get("gap"), dict) else {}
    row["gap_kind"] = gap.get("kind", "")
    row["gap_ref"] = gap.get("ref", "")
    return row


def nested_action(row: dict) -> dict:
    """The document's shape of an action back from the editor's row."""
    action = {k: v for k, v in row.items() if k not in ("gap_kind", "gap_ref")}
    action["gap"] = {"kind": row.get("gap_kind", ""), "ref": row.get("gap_ref", "")}
    return action


def action_problems(row: dict, held_on: date) -> dict[str, str]:
    """Problems of an action in the editor's flat shape (see flat_action)."""
    problems: dict[str, str] = {}
    if not str(row.get("text", "")).strip():
        problems["text"] = "Write the action: what will be done."
    if not row.get("gap_kind"):
        problems["gap_kind"] = "Choose the kind of gap this action closes."
    elif row.get("gap_kind") != "other" and not row.get("gap_ref"):
        problems["gap_ref"] = "Choose which one it closes."
    if not str(row.get("owner", "")).strip():
        problems["owner"] = "Say who will make it happen."
    if not str(row.get("success_measure", "")).strip():
        problems["success_measure"] = "Add a success measure: how will you tell it has worked?"
    target = date_problem(row.get("target_date", ""), held_on, required=True, what="a target date")
    if target:
        problems["target_date"] = target
    review = date_problem(row.get("review_date", ""), held_on, required=False, what="a review date")
    if review:
        problems["review_date"] = review
    return problems


def past_objective_problems(row: dict, _held_on: date | None = None) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not str(row.get("text", "")).strip():
        problems["text"] = "Write the objective as it was agreed."
    if not row.get("outcome"):
        problems["outcome"] = "Choose an outcome."
    return problems
