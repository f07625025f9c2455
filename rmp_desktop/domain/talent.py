"""Placing a person on the talent grid (Scope for Growth, or the nine boxes). Plain Python.

The step is optional: nothing is asked until the conversation chooses to include it. Once
included, the manager's view and the reason in words make it complete; the person's own view
sits beside it. A placement belongs to the person's own record and page: nothing here is
meant for lists of people, reports or anything that shows it beside their name elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from rmp_desktop.domain.packs import TalentGrid

SIDES = {"self": "Their own view", "manager": "Manager's view"}


@dataclass(frozen=True)
class Placement:
    """One placement from a signed record, for the person's page."""

    held_on: date
    grid: str  # the grid pack's id
    up: str
    across: str
    box: str  # the box's name in that grid, or "" when the grid no longer knows it
    self_box: str = ""


def placed(view: object) -> bool:
    return isinstance(view, Mapping) and bool(view.get("up")) and bool(view.get("across"))


def talent_complete(section: Mapping[str, Any]) -> bool:
    """Complete (ticked in the step list) once included with the manager's view and a reason;
    a step left out asks nothing and is never listed as missing (talent_gaps)."""
    if not section.get("included"):
        return False
    return placed(section.get("manager")) and bool(str(section.get("reason", "")).strip())


def talent_gaps(section: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(item, what to do) for an included step that is not finished."""
    if not section.get("included"):
        return []
    gaps = []
    if not placed(section.get("manager")):
        gaps.append(("manager", "Choose where the manager places the person on the grid, or "
                                "leave the step out."))
    if not str(section.get("reason", "")).strip():
        gaps.append(("reason", "Write the reason for the placement in words."))
    return gaps


def _view(view: object) -> Mapping[str, Any] | None:
    return view if isinstance(view, Mapping) and placed(view) else None


def box_name(grid: TalentGrid | None, view: object) -> str:
    """The name of the box a view points at, in `grid`; "" when not placed or unknown."""
    placing = _view(view)
    if placing is None or grid is None:
        return ""
    box = grid.box(str(placing["across"]), str(placing["up"]))
    return box.name if box is not None else ""


def placement_words(grid: TalentGrid | None, view: object) -> str:
    """"Steady impact, breadth: Ready to broaden"."""
    placing = _view(view)
    if placing is None or grid is None:
        return ""
    up = grid.up.point(str(placing["up"]))
    across = grid.across.point(str(placing["across"]))
    name = box_name(grid, view)
    axes = ", ".join(p.name for p in (up, across) if p is not None)
    return f"{axes}: {name}" if name else axes


def placements(records: Iterable[tuple[date, Mapping[str, Any]]],
               grids: Mapping[str, TalentGrid]) -> list[Placement]:
    """Placements over time, oldest first, from (held_on, document) of signed records;
    `grids` finds a grid pack by id (the one each record used)."""
    found = []
    for held_on, document in sorted(records, key=lambda r: r[0]):
        section = document.get("talent") or {}
        view = _view(section.get("manager")) if section.get("included") else None
        if view is None:
            continue
        grid = grids.get(str(section.get("grid") or ""))
        found.append(Placement(held_on, str(section.get("grid") or ""), str(view["up"]),
                               str(view["across"]), box_name(grid, view),
                               box_name(grid, section.get("self"))))
    return found
