"""A difference between a draft and a preparation, said in words a person can choose between.

A conflict from domain.prep_merge holds the two values as the document keeps them (ids,
numbers, lists of ids). `value_words(path, value, packs)` gives what each means: "3
Established", "Actively pursuing", "Depth: grow in my current role; Stretch: …", a date as
every date is shown. The window shows both sides with these words; the store keeps the ids.
"""

from __future__ import annotations

from typing import Any

from rmp_desktop.domain.conversation import (
    AVENUE_STATUSES,
    DIRECTIONS,
    EXPECTATION_RATINGS,
    EXPERIENCE_STATES,
    OBJECTIVE_OUTCOMES,
    RATING_SCALE,
    TIME_HORIZONS,
)
from rmp_desktop.domain.dates import display_date
from rmp_desktop.domain.packs import PackSet
from rmp_desktop.domain.staff import FUNCTIONAL_AREAS

NOTHING = "Nothing written"
_DATE_FIELDS = ("due", "done_on", "target_date", "review_date")


def value_words(path: list[str], value: Any, packs: PackSet) -> str:
    if value is None or value == "" or value == []:
        return NOTHING
    section, key = path[0], path[-1]
    if key in _DATE_FIELDS:
        return display_date(str(value)) or str(value)
    if section == "competencies":
        if key == "self":
            return _rating(value)
        if key in ("current_level", "target_level"):
            level = packs.competency.level(value) if isinstance(value, int) else None
            return f"Level {value}: {level.name}" if level else f"Level {value}"
    if section == "aspirations":
        return _aspiration(key, value, packs)
    if section == "transition":
        if key == "stream":
            stream = packs.transitions.stream(str(value))
            return stream.name if stream else str(value)
        if key == "transition" and len(path) == 2:
            transition = packs.transitions.transition(str(value))
            return transition.name if transition else str(value)
        if len(path) == 3 and path[1] == "expectations":
            return EXPECTATION_RATINGS.get(value, str(value))
        if len(path) == 3 and path[1] == "experiences":
            return EXPERIENCE_STATES.get(value, str(value))
    if section == "wheel" and len(path) == 3 and path[1] == "avenues":
        return AVENUE_STATUSES.get(value, str(value))
    if section == "looking_back" and key == "outcome":
        return OBJECTIVE_OUTCOMES.get(value, str(value))
    return _plain(value)


def _rating(value: Any) -> str:
    return f"{value} {RATING_SCALE[value]}" if value in RATING_SCALE else str(value)


def _aspiration(key: str, value: Any, packs: PackSet) -> str:
    if key == "directions":
        return "; ".join(DIRECTIONS.get(v, v) for v in value)
    if key == "functional_areas":
        return "; ".join(FUNCTIONAL_AREAS.get(v, v) for v in value)
    if key == "time_horizon":
        return TIME_HORIZONS.get(value, str(value))
    if key == "target_level":
        level = packs.pathway.level(value) if isinstance(value, int) else None
        return f"Level {value}: {level.name}" if level else f"Level {value}"
    if key.startswith("membership_"):
        names = {m.id: m.name for m in packs.pathway.memberships}
        return names.get(value, str(value))
    return _plain(value)


def _plain(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)
