"""From one conversation to the next: what the last signed record hands on. Plain Python.

Three kinds of hand-over, each one the user sees:

- carried: the last plan's objectives and development actions come into the new draft's
  Looking back, each waiting for its outcome (and an action's mid-year progress beside it);
  the set-up step lists them, so nothing arrives unseen;
- offered: aspirations (with CIPD membership), the career transition and the exposure wheel
  are never copied; each of those steps offers "start from last time", which copies that
  step's answers when the user asks (`start_from`);
- shown: last time's agreed ratings stay beside this time's, with the change
  (`rating_changes`), kept in the draft's competencies section so the record and its PDF
  show the same.

The agreed rating is the manager's rating in the signed record (both signed it), or the
person's own where the manager gave none.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rmp_desktop.domain.dates import display_date, from_iso, to_iso
from rmp_desktop.domain.midyear import PROGRESS

ACTION_OUTCOMES = {"done": "Done", "in_progress": "Still in progress",
                   "not_started": "Not started", "no_longer_relevant": "No longer relevant"}
# Fields of each step that "start from last time" copies; anything else in the step
# (notes on how this year went) starts fresh.
OFFERED: dict[str, tuple[str, ...]] = {
    "aspirations": ("directions", "target_level", "target_roles", "functional_areas",
                    "time_horizon", "membership_current", "membership_target"),
    "transition": ("stream", "transition", "expectations", "experiences"),
    "wheel": ("avenues",),
}
OFFER_WORDS = {"aspirations": "aspirations and CIPD membership",
               "transition": "career transition", "wheel": "exposure wheel"}


@dataclass(frozen=True)
class LastSigned:
    """The newest signed record before a new conversation: enough to hand things on."""

    uid: str
    held_on: str  # ISO
    version: int
    document: Mapping[str, Any]


def new_item_id() -> str:
    return uuid.uuid4().hex[:12]


def carried_items(last: LastSigned, midyear: Mapping[str, Mapping[str, Any]] | None = None
                  ) -> list[dict[str, Any]]:
    """The set-up's list of what comes from the last plan: every objective and action with
    text, in the plan's order, each naming where it came from."""
    plan = last.document.get("plan") or {}
    midyear = midyear or {}
    items = []
    for row in _rows(plan.get("objectives")):
        if str(row.get("text", "")).strip():
            items.append({"source": "objective", "text": row.get("text", ""),
                          "due": row.get("due", ""), "origin": str(row.get("id", "")),
                          "record": last.uid})
    for row in _rows(plan.get("actions")):
        if str(row.get("text", "")).strip():
            item = {"source": "action", "text": row.get("text", ""),
                    "due": row.get("target_date", ""), "review": row.get("review_date", ""),
                    "origin": str(row.get("id", "")), "record": last.uid}
            progress = midyear.get(str(row.get("id", "")))
            if progress:
                item["midyear"] = dict(progress)
            items.append(item)
    return items


def looking_back_rows(carried: list[dict[str, Any]]
                      ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Rows for Looking back from the carried items: (objectives, actions), outcomes empty."""
    objectives: list[dict[str, Any]] = []
    actions: list[dict[str, Any]] = []
    for item in carried:
        if item.get("source") == "objective":
            objectives.append({"id": new_item_id(), "text": item.get("text", ""), "outcome": "",
                               "evidence": "", "origin": item.get("origin", ""),
                               "record": item.get("record", "")})
        elif item.get("source") == "action":
            row = {"id": new_item_id(), "text": item.get("text", ""), "due": item.get("due", ""),
                   "outcome": "", "note": "", "origin": item.get("origin", ""),
                   "record": item.get("record", "")}
            if item.get("midyear"):
                row["midyear"] = copy.deepcopy(item["midyear"])
            actions.append(row)
    return objectives, actions


def agreed_ratings(document: Mapping[str, Any]) -> dict[str, int]:
    """{area id: the agreed rating} of a signed record's competencies."""
    ratings = (document.get("competencies") or {}).get("ratings") or {}
    agreed = {}
    for area, values in ratings.items():
        if not isinstance(values, Mapping):
            continue
        value = values.get("manager") or values.get("self")
        if isinstance(value, int) and not isinstance(value, bool):
            agreed[str(area)] = value
    return agreed


def last_time_ratings(last: LastSigned) -> dict[str, Any]:
    """What the new draft keeps of last time's ratings (competencies.last_time)."""
    competencies = last.document.get("competencies") or {}
    return {"record": last.uid, "held_on": last.held_on,
            "framework": str(competencies.get("framework") or ""),
            "level": competencies.get("current_level"),
            "ratings": agreed_ratings(last.document)}


@dataclass(frozen=True)
class RatingChange:
    area: str
    last: int | None
    now: int | None

    @property
    def change(self) -> int | None:
        if self.last is None or self.now is None:
            return None
        return self.now - self.last

    def words(self) -> str:
        """"up 1", "down 2", "same", or "" when either side is missing."""
        change = self.change
        if change is None:
            return ""
        if change == 0:
            return "same"
        return f"{'up' if change > 0 else 'down'} {abs(change)}"


def rating_changes(competencies: Mapping[str, Any], area_ids: list[str]) -> list[RatingChange]:
    """Last time's agreed rating beside this time's (manager's, else self) for each area.
    Empty when there was no last time, or it used another framework."""
    last = competencies.get("last_time") or {}
    if not last or str(last.get("framework") or "") != str(competencies.get("framework") or ""):
        return []
    before = last.get("ratings") or {}
    now = agreed_ratings({"competencies": competencies})
    return [RatingChange(area, before.get(area), now.get(area)) for area in area_ids]


def has_offer(step: str, last_section: Mapping[str, Any] | None) -> bool:
    """Whether last time's step has anything worth starting from."""
    if step not in OFFERED or not last_section:
        return False
    return any(_filled(last_section.get(key)) for key in OFFERED[step])


def start_from(step: str, section: Mapping[str, Any], last_section: Mapping[str, Any]
               ) -> dict[str, Any]:
    """This step's section with last time's answers in place of its own (only the offered
    fields; notes and anything else stay as they are)."""
    out = copy.deepcopy(dict(section))
    for key in OFFERED[step]:
        if key in last_section:
            out[key] = copy.deepcopy(last_section[key])
    return out


def action_progress_for(document: Mapping[str, Any], record: str, origin: str
                        ) -> dict[str, Any] | None:
    """The staff member's own progress note on one action of the last plan, from their
    preparation (looking_back.action_progress), or None."""
    for entry in _rows((document.get("looking_back") or {}).get("action_progress")):
        if entry.get("record") == record and str(entry.get("action")) == origin:
            return dict(entry)
        if entry.get("id") == f"{record}:{origin}":
            return dict(entry)
    return None


def midyear_words(progress: Mapping[str, Any] | None) -> str:
    """A mid-year review's word on one action: "On track (12 Oct 2026): note"."""
    if not progress:
        return ""
    label = PROGRESS.get(str(progress.get("progress", "")), "")
    day = display_date(progress.get("on", ""))
    note = str(progress.get("note", "")).strip()
    head = f"{label} ({day})" if label and day else label or day
    return f"{head}: {note}" if note and head else head or note


def iso_or_blank(value: object) -> str:
    day = from_iso(value)
    return to_iso(day) if day else ""


def _filled(value: object) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, Mapping):
        return any(v and v != "not_considered" for v in value.values())
    return value not in (None, [], {})


def _rows(value: object) -> list[Mapping[str, Any]]:
    return [r for r in value if isinstance(r, Mapping)] if isinstance(value, list) else []
