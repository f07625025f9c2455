"""Progress over time, from a person's signed records: the data the window and the PDF draw.

One column per signed record, oldest first; one row per competency area of the framework the
newest record used (the agreed rating, 1 to 4, or none), and a last row for the exposure
wheel (avenues actively pursued or done). Both drawings print each value as a number beside
its mark, so the chart never relies on colour or on reading a position.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from rmp_desktop.domain.carry import agreed_ratings
from rmp_desktop.domain.dates import display_date
from rmp_desktop.domain.packs import CompetencyFramework

FrameworkLookup = Callable[[str], CompetencyFramework | None]

PURSUED = ("active", "done")


@dataclass(frozen=True)
class SignedDocument:
    held_on: date
    uid: str
    document: Mapping[str, Any]


@dataclass(frozen=True)
class ChartRow:
    label: str
    values: tuple[int | None, ...]  # one per column
    top: int  # the scale's highest value (4 for ratings)


@dataclass(frozen=True)
class ProgressChart:
    columns: tuple[str, ...]  # "6 Oct 2026", one per signed record
    rows: tuple[ChartRow, ...]
    framework: str  # the framework's title the rating rows belong to

    @property
    def empty(self) -> bool:
        return not self.columns

    def stacked_columns(self) -> tuple[tuple[str, str], ...]:
        """Each column's date on two lines ("6 Oct", "2026"), for columns too narrow for one."""
        out = []
        for title in self.columns:
            first, _, year = title.rpartition(" ")
            out.append((first, year) if first else (title, ""))
        return tuple(out)

    def lines(self) -> list[str]:
        """The chart in words, one line per row (for screen readers and the PDF's table)."""
        out = []
        for row in self.rows:
            values = ", ".join(f"{col}: {'–' if v is None else v}"
                               for col, v in zip(self.columns, row.values, strict=True))
            out.append(f"{row.label}: {values}")
        return out


def progress_chart(records: Iterable[SignedDocument], frameworks: FrameworkLookup, *,
                   limit: int = 6) -> ProgressChart:
    """The chart for the newest `limit` signed records. `frameworks(id)` finds a framework by
    the id a record chose ("" for the core one)."""
    chosen = sorted(records, key=lambda r: (r.held_on, r.uid))[-limit:]
    if not chosen:
        return ProgressChart((), (), "")
    newest = chosen[-1].document.get("competencies") or {}
    framework = frameworks(str(newest.get("framework") or ""))
    columns = tuple(display_date(r.held_on) for r in chosen)
    rows: list[ChartRow] = []
    if framework is not None:
        for area in framework.areas:
            rows.append(ChartRow(area.name, tuple(
                _rating(r.document, area.id, framework, frameworks) for r in chosen), 4))
    wheel = tuple(sum(1 for s in ((r.document.get("wheel") or {}).get("avenues") or {}).values()
                      if s in PURSUED) for r in chosen)
    rows.append(ChartRow("Avenues pursued or done", wheel,
                         max(4, *wheel)))
    return ProgressChart(columns, tuple(rows), framework.title if framework else "")


def _rating(document: Mapping[str, Any], area_id: str, framework: CompetencyFramework,
            frameworks: FrameworkLookup) -> int | None:
    used = frameworks(str((document.get("competencies") or {}).get("framework") or ""))
    if used is None or used.id != framework.id:
        return None  # rated against another framework: not comparable
    return agreed_ratings(document).get(area_id)
