"""When a step counts as complete, and what a good plan still lacks. Plain Python.

Complete is a simple rule per step, shown with a tick in the step list; it
guides, it never blocks. What stops sign-off is domain.signoff (the rules the
sign-off itself applies); `plan_gaps` adds what a good plan has beyond that (an
EDI objective, a review date, every area rated), each gap with its step so the
window can send the user to it and a report can count it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import cast

from rmp_desktop.domain.conversation import (
    ConversationDetails,
    ConversationDocument,
    Kind,
    steps_for,
)
from rmp_desktop.domain.packs import PackSet
from rmp_desktop.domain.plan_rules import action_problems, objective_problems
from rmp_desktop.domain.signoff import Missing, missing_for_signoff
from rmp_desktop.domain.talent import talent_complete, talent_gaps


def step_complete(step: str, document: ConversationDocument, details: ConversationDetails,
                  packs: PackSet) -> bool:
    """The rule for each step, stated in STEP_RULES for the help text."""
    doc = document
    if step == "setup":
        return _text(details.get("manager_name")) and details.get("held_on") is not None
    if step == "reflection":
        return any(_text(v) for v in doc["reflection"].values())
    if step == "looking_back":
        rows = _rows(doc["looking_back"], "objectives") + _rows(doc["looking_back"], "actions")
        return bool(rows) and all(r.get("outcome") for r in rows)
    if step == "wellbeing":
        w = doc["wellbeing"]
        return (any(_text(v) for v in (w.get("areas") or {}).values())
                or _text(w.get("flexible_working")) or _text(w.get("support_signposted")))
    if step == "aspirations":
        a = doc["aspirations"]
        return bool(a.get("directions")) and bool(a.get("time_horizon"))
    if step == "competencies":
        c = doc["competencies"]
        if not c.get("current_level") or not c.get("target_level"):
            return False
        ratings = c.get("ratings") or {}
        return all((ratings.get(area.id) or {}).get("self")
                   and (ratings.get(area.id) or {}).get("manager")
                   for area in packs.competency.areas)
    if step == "talent":
        return talent_complete(doc.get("talent") or {})
    if step == "transition":
        t = doc["transition"]
        transition = packs.transitions.transition(t.get("transition") or "")
        if transition is None:
            return _text(t.get("notes"))  # skipped on purpose, with a reason written down
        expectations = t.get("expectations") or {}
        return all(expectations.get(e.id) for e in transition.all_expectations())
    if step == "wheel":
        return any(s and s != "not_considered" for s in (doc["wheel"].get("avenues") or {}).values())
    if step == "plan":
        p = doc["plan"]
        return bool(_rows(p, "objectives")) and bool(_rows(p, "actions"))
    if step == "summary":
        return bool(doc["summary"].get("comments_visited"))
    return False


STEP_RULES = {
    "setup": "the manager's name and the date are filled in",
    "reflection": "at least one reflection is written",
    "looking_back": "every previous objective and action has an outcome",
    "wellbeing": "something is noted about wellbeing or working pattern",
    "aspirations": "a direction and a time horizon are chosen",
    "competencies": "both levels are set and every area has a self and a manager rating",
    "talent": "included, with the manager's placement and the reason (optional: nothing is "
              "missing when left out)",
    "transition": "every expectation of the chosen transition is rated, or a note says why it is skipped",
    "wheel": "at least one avenue has a status",
    "plan": "there is at least one objective and one development action",
    "summary": "the summary has been read back together",
}


# What a step holds before anyone writes in it: filled in for them (levels and a stream
# suggested from the band, what was carried forward) or bookkeeping, not something recorded.
_NOT_RECORDED = {
    "setup": {"carried_forward", "person", "questions"},
    "competencies": {"current_level", "target_level"},
    "transition": {"stream"},
    "wheel": set(),
    "plan": {"dismissed_suggestions", "proposed_objectives", "development_ideas"},
    "summary": {"comments_visited"},
    "wellbeing": {"share_in_record"},
    "looking_back": {"action_progress"},
}


def empty_steps(document: ConversationDocument, kind: Kind | str) -> list[str]:
    """The steps where nothing at all has been recorded yet, in order (set-up and the summary
    aside): worth naming before signing, even where nothing is required."""
    empty = []
    for step in steps_for(Kind(kind)):
        if step in ("setup", "summary"):
            continue
        section = cast(Mapping[str, object], document).get(step)
        values = section if isinstance(section, Mapping) else {}
        skipped = _NOT_RECORDED.get(step, set())
        wheel_only_default = step == "wheel"
        if not any(_recorded(v, wheel_only_default) for k, v in values.items()
                   if k not in skipped):
            empty.append(step)
    return empty


def _recorded(value: object, statuses: bool) -> bool:
    """Whether a value holds anything a person entered ("not_considered" on the wheel is the
    same as nothing)."""
    if isinstance(value, str):
        return bool(value.strip()) and not (statuses and value == "not_considered")
    if isinstance(value, bool):
        return value
    if isinstance(value, Mapping):  # a row's own identifier is not something entered
        return any(_recorded(v, statuses) for k, v in value.items() if k != "id")
    if isinstance(value, list):
        return any(_recorded(v, statuses) for v in value)
    return value is not None


def plan_gaps(document: ConversationDocument, details: ConversationDetails,
              packs: PackSet) -> list[Missing]:
    """Everything a good plan has that this one lacks, in the order of the steps."""
    doc = document
    held_on: date = details["held_on"]
    gaps: list[Missing] = []
    if not _text(details.get("manager_name")):
        gaps.append(Missing("setup", "manager_name", "Enter the manager's name."))
    kind = Kind(details.get("kind") or Kind.BOTH)
    if "looking_back" in steps_for(kind):
        rows = _rows(doc["looking_back"], "objectives")
        if any(not r.get("outcome") for r in rows):
            gaps.append(Missing("looking_back", "objectives",
                                "Choose an outcome for every previous objective."))
        if any(not r.get("outcome") for r in _rows(doc["looking_back"], "actions")):
            gaps.append(Missing("looking_back", "actions",
                                "Choose an outcome for every action from the last plan."))
    if not step_complete("competencies", doc, details, packs):
        gaps.append(Missing("competencies", "ratings",
                            "Set both levels and rate every area, self and manager."))
    gaps += [Missing("talent", item, words) for item, words in talent_gaps(doc.get("talent") or {})]
    plan = doc["plan"]
    objectives = _rows(plan, "objectives")
    actions = _rows(plan, "actions")
    if not objectives:
        gaps.append(Missing("plan", "objectives", "Agree at least one objective."))
    elif not any(o.get("edi") for o in objectives):
        gaps.append(Missing("plan", "edi", "Agree at least one equality, diversity and "
                                           "inclusion objective."))
    unfinished = [i + 1 for i, o in enumerate(objectives) if objective_problems(o, held_on)]
    if unfinished:
        gaps.append(Missing("plan", "objective_details",
                            f"Complete objective {_numbers(unfinished)} (a measure and a date "
                            "after the conversation)."))
    if not actions:
        gaps.append(Missing("plan", "actions", "Agree at least one development action."))
    unfinished = [i + 1 for i, a in enumerate(actions) if action_problems(a, held_on)]
    if unfinished:
        gaps.append(Missing("plan", "action_details",
                            f"Complete action {_numbers(unfinished)} (the gap, owner, success "
                            "measure and a target date after the conversation)."))
    if actions and not any(_text(a.get("review_date")) for a in actions):
        gaps.append(Missing("plan", "review_date",
                            "Set a review date for at least one action."))
    if not doc["summary"].get("comments_visited"):
        gaps.append(Missing("summary", "employee_comments",
                            "Read the record back together and offer the chance to comment."))
    return gaps


def worth_checking(document: ConversationDocument, details: ConversationDetails,
                   packs: PackSet) -> list[Missing]:
    """The plan's gaps that do not stop signing: what sign-off already lists is left out."""
    blocking = {(m.step, m.item) for m in missing_for_signoff(document)}
    return [gap for gap in plan_gaps(document, details, packs)
            if (gap.step, gap.item) not in blocking]


def _text(value: object) -> bool:
    return bool(str(value or "").strip())


def _rows(section: Mapping[str, object], key: str) -> list[dict[str, object]]:
    rows = section.get(key)
    return [r for r in rows if isinstance(r, dict)] if isinstance(rows, list) else []


def _numbers(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return str(numbers[0])
    return ", ".join(str(n) for n in numbers[:-1]) + f" and {numbers[-1]}"
