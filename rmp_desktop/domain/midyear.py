"""A mid-year review: a dated check-in on a signed plan, kept apart from the record. Plain Python.

The signed record never changes; the review is its own entry, linked to the plan by the
record's uid, with the progress of each action and objective, notes and its date. The newest
word on each action feeds the next conversation (`latest_progress`), and an action marked done
no longer counts as due (`done_actions`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from rmp_desktop.domain.dates import display_date

PROGRESS = {"not_started": "Not started", "on_track": "On track", "behind": "Behind",
            "done": "Done", "dropped": "No longer relevant"}
MAX_NOTE = 4000  # characters: a check-in, not an essay


def empty_review(plan: Mapping[str, Any]) -> dict[str, Any]:
    """A new review of `plan`: one empty entry per action and objective, in the plan's order."""
    return {"actions": {str(a.get("id")): {"progress": "", "note": ""}
                        for a in _rows(plan.get("actions")) if a.get("id")},
            "objectives": {str(o.get("id")): {"progress": "", "note": ""}
                           for o in _rows(plan.get("objectives")) if o.get("id")},
            "notes": ""}


def review_problems(review: Mapping[str, Any], held_on: date | None,
                    plan_held_on: date) -> list[str]:
    """What stops a review being saved, in words that say what to do."""
    problems = []
    if held_on is None:
        problems.append("Give the date the review was held.")
    elif held_on < plan_held_on:
        problems.append(f"The review's date is before the plan was agreed "
                        f"({display_date(plan_held_on)}); choose a later date.")
    for group in ("actions", "objectives"):
        for entry in (review.get(group) or {}).values():
            if entry.get("progress") and entry["progress"] not in PROGRESS:
                problems.append(f"“{entry['progress']}” is not a kind of progress this "
                                "application knows.")
            if len(str(entry.get("note", ""))) > MAX_NOTE:
                problems.append(f"A note is longer than {MAX_NOTE} characters; shorten it.")
    if len(str(review.get("notes", ""))) > MAX_NOTE:
        problems.append(f"The notes are longer than {MAX_NOTE} characters; shorten them.")
    return problems


def latest_progress(reviews: Iterable[tuple[date, Mapping[str, Any]]]
                    ) -> dict[str, dict[str, Any]]:
    """{action id: {"on", "progress", "note"}}: the newest review's word on each action that
    any review said something about. `reviews` are (date, body) in any order."""
    latest: dict[str, dict[str, Any]] = {}
    for held_on, body in sorted(reviews, key=lambda r: r[0]):
        for action_id, entry in (body.get("actions") or {}).items():
            if entry.get("progress") or str(entry.get("note", "")).strip():
                latest[str(action_id)] = {"on": held_on.isoformat(),
                                          "progress": entry.get("progress", ""),
                                          "note": entry.get("note", "")}
    return latest


def done_actions(latest: Mapping[str, Mapping[str, Any]]) -> frozenset[str]:
    """Actions whose newest review says done or no longer relevant: no longer due."""
    return frozenset(a for a, e in latest.items() if e.get("progress") in ("done", "dropped"))


def _rows(value: object) -> list[Mapping[str, Any]]:
    return [r for r in value if isinstance(r, Mapping)] if isinstance(value, list) else []
