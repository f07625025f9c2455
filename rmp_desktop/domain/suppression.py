"""Small numbers never identify anyone: the rules every report applies before it shows a count.

Plain Python, the one place these rules live; every report (window, PDF, CSV, JSON, and the
organisation's published reports) goes through `suppress`.

1. Primary suppression (NHS Digital's rule for published statistics): a count from 1 to 7
   is shown as `*`. So is every count whose base is such a count (the measures of a group of
   1 to 7 people, zeros included: "none of them" says as much about a small group as "all").
2. Rounding: every other count is shown to the nearest 5 (0 stays 0, 8 becomes 10).
3. Secondary suppression: counts that add up to a shown total (the groups of a breakdown
   add up to everyone) could give a hidden count away by subtraction. Wherever exactly one
   member of such a sum is hidden, one more is hidden too: the smallest count still shown
   that is not 0, else a 0, else the total. This repeats until no sum has exactly one hidden
   member.
4. Percentages are worked out from the rounded counts, never the true ones, and are hidden
   when either count is.

The true counts go in and never come out: `Suppressed` holds only what may be shown.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

SMALLEST_SHOWN = 8  # counts of 1 to 7 are hidden
ROUND_TO = 5
HIDDEN = "*"

Key = TypeVar("Key", bound=Hashable)


def is_small(count: int) -> bool:
    return 1 <= count < SMALLEST_SHOWN


def rounded(count: int) -> int:
    """To the nearest 5 (counts are whole numbers, so there is never a tie)."""
    return ((count + ROUND_TO // 2) // ROUND_TO) * ROUND_TO


@dataclass(frozen=True)
class Sum(Generic[Key]):
    """Counts that add up to a total, as a reader of the table could add them."""

    total: Key
    parts: tuple[Key, ...]


@dataclass(frozen=True)
class Suppressed(Generic[Key]):
    """What may be shown: a rounded count, or None for hidden. No true count is kept."""

    shown: Mapping[Key, int | None]

    def __getitem__(self, key: Key) -> int | None:
        return self.shown[key]

    def text(self, key: Key) -> str:
        return show(self.shown[key])


def show(value: int | None) -> str:
    return HIDDEN if value is None else str(value)


def suppress(counts: Mapping[Key, int], sums: Iterable[Sum[Key]] = (),
             bases: Mapping[Key, Key] | None = None) -> Suppressed[Key]:
    """Every count as it may be shown. `bases` names, for a count, the count it is a part of
    (a group's measure -> the group's people); a count whose base is small is hidden too."""
    for key, count in counts.items():
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise ValueError(f"a count must be a whole number, 0 or more (got {count!r} "
                             f"for {key!r})")
    hidden = {key for key, count in counts.items() if is_small(count)}
    for key, base in (bases or {}).items():
        if base in counts and is_small(counts[base]):
            hidden.add(key)
    _secondary(counts, list(sums), hidden)
    return Suppressed({key: None if key in hidden else rounded(count)
                       for key, count in counts.items()})


def _secondary(counts: Mapping[Key, int], sums: Sequence[Sum[Key]], hidden: set[Key]) -> None:
    changed = True
    while changed:
        changed = False
        for relation in sums:
            members = (relation.total, *relation.parts)
            if sum(1 for m in members if m in hidden) != 1:
                continue
            hidden.add(_next_to_hide(counts, relation, hidden))
            changed = True


def _next_to_hide(counts: Mapping[Key, int], relation: Sum[Key], hidden: set[Key]) -> Key:
    shown = [(i, p) for i, p in enumerate(relation.parts) if p not in hidden]
    non_zero = [(counts[p], i, p) for i, p in shown if counts[p] > 0]
    if non_zero:
        return min(non_zero, key=lambda c: (c[0], c[1]))[2]
    if shown:
        return shown[0][1]
    return relation.total


def percent(part: int | None, whole: int | None) -> int | None:
    """A whole-number percentage of two shown (rounded) counts; None when either is hidden or
    the whole is 0."""
    if part is None or whole is None or whole == 0:
        return None
    return (200 * part + whole) // (2 * whole)  # half up, in whole numbers
