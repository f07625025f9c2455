"""Readiness for a career transition, in words: per dimension, how many expectations stand where.

Plain Python, shared by the transition step and the summary (and open to a report).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rmp_desktop.domain.conversation import EXPECTATION_RATINGS
from rmp_desktop.domain.packs import Dimension, Transition


def readiness_lines(transition: Transition | None, ratings: Mapping[str, str],
                    dimensions: Iterable[Dimension]) -> list[str]:
    """Per dimension, the count of each rating, in words."""
    if transition is None:
        return []
    lines = []
    for dimension in dimensions:
        items = transition.expectations.get(dimension.id, ())
        if not items:
            continue
        counts = []
        for key, label in EXPECTATION_RATINGS.items():
            n = sum(1 for e in items if ratings.get(e.id) == key)
            if n:
                counts.append(f"{n} {label.lower()}")
        unrated = sum(1 for e in items if not ratings.get(e.id))
        if unrated:
            counts.append(f"{unrated} not rated yet")
        lines.append(f"{dimension.name}: {', '.join(counts)} (of {len(items)}).")
    return lines
