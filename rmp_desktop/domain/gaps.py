"""The competency gap rule, shared by the screen's chart, its table and the PDF.

Each rating is against the current level on the four-point scale. A position
on the whole pathway is level - 1 + rating / 4, so "Established at the target
level" (the current level when no target is set) is the point to reach, and the
distance to it is the gap.
"""

from __future__ import annotations

from dataclasses import dataclass

from rmp_desktop.domain.conversation import RATING_SCALE

ESTABLISHED = 3


@dataclass(frozen=True)
class GapRow:
    area: str
    self_rating: int | None
    manager_rating: int | None
    current_level: int | None
    target_level: int | None

    @property
    def agreed(self) -> int | None:
        """The manager's rating where there is one, else the person's own."""
        return self.manager_rating or self.self_rating

    def position(self, rating: int | None) -> float | None:
        if not rating or not self.current_level:
            return None
        return self.current_level - 1 + rating / 4

    @property
    def target_position(self) -> float | None:
        level = self.target_level or self.current_level
        return level - 1 + ESTABLISHED / 4 if level else None

    def gap_words(self) -> str:
        if not self.current_level:
            return "No current level chosen yet"
        if not self.agreed:
            return "Not rated yet"
        now = f"{RATING_SCALE[self.agreed]} at level {self.current_level}"
        goal = f"{RATING_SCALE[ESTABLISHED]} at level {self.target_level or self.current_level}"
        here, there = self.position(self.agreed), self.target_position
        if here is not None and there is not None and here >= there:
            return f"No gap: {now}, target {goal}"
        return f"Gap: from {now} to {goal}"


LEVELS = 4


def shown_levels(rows: list[GapRow]) -> tuple[int, int]:
    """The first and last level a gap chart spans: from the lowest current level to the highest
    target, so a level 1 person's bars use the whole width instead of its first quarter (and
    the axis never claims levels nobody is rated against). All four when none is chosen."""
    levels = [level for row in rows for level in (row.current_level, row.target_level)
              if level and 1 <= level <= LEVELS]
    if not levels:
        return 1, LEVELS
    return min(levels), max(levels)


def rating_words(rating: int | None) -> str:
    return f"{rating} {RATING_SCALE[rating]}" if rating else "Not rated"
