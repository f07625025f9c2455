"""A report as it may be shown: tables of suppressed counts, as plain data. No Qt, no SQL.

Everything here has been through domain.suppression: a count is a rounded number or None
(shown `*`), a percentage is worked out from rounded counts. The window, the PDF, the CSV,
`report --json` and the organisation's published reports all read this one shape; the JSON
form is what an organisation's store keeps for its HR/OD leads (`from_json` reads it back
and checks it whole).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from rmp_desktop.domain.dates import from_iso
from rmp_desktop.domain.suppression import HIDDEN

FORMAT = "rmp-report"
FORMAT_VERSION = 1
TOTAL_LABEL = "All people"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    percent_of: str | None = None  # the column this one is a share of, in the same row
    help: str = ""


@dataclass(frozen=True)
class Table:
    """Groups (rows, the total last) by measures (columns) of one report section."""

    section: str  # "coverage", "aspirations", ...
    title: str
    breakdown: str  # a breakdown id, or "" for a table of the whole population
    group_title: str  # what the rows are: "Band", "Quarter"
    groups: tuple[str, ...]
    columns: tuple[Column, ...]
    counts: tuple[tuple[int | None, ...], ...]  # [row][column]: rounded, or None for hidden
    percents: tuple[tuple[int | None, ...], ...]  # [row][column]: None when none or hidden
    note: str = ""
    has_total: bool = True  # the last row adds up the others

    def column_index(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def count(self, group: str, key: str) -> int | None:
        return self.counts[self.groups.index(group)][self.column_index(key)]

    def percent(self, group: str, key: str) -> int | None:
        return self.percents[self.groups.index(group)][self.column_index(key)]

    def cell_text(self, row: int, column: int) -> str:
        """"40 (80%)", "*", "0", "35": what a reader sees in the cell."""
        value = self.counts[row][column]
        if value is None:
            return HIDDEN
        share = self.percents[row][column]
        if self.columns[column].percent_of is None:
            return str(value)
        return f"{value} ({share}%)" if share is not None else f"{value} ({HIDDEN})"

    @property
    def hidden_cells(self) -> int:
        return sum(1 for row in self.counts for value in row if value is None)


@dataclass(frozen=True)
class Breakdown:
    id: str
    title: str  # "Band", "Ethnic group"
    equality: bool = False  # grouped by equality monitoring answers

    @property
    def phrase(self) -> str:
        """For "by ...": "band", "ethnic group (White or minority ethnic)"."""
        return self.title[:1].lower() + self.title[1:]


@dataclass(frozen=True)
class Report:
    on: date  # the day the figures are as at
    made_at: datetime  # when they were worked out (UTC)
    scope: str  # whose figures: "the whole organisation", "this store's team"
    people: int | None  # everyone counted, suppressed like any count
    breakdowns: tuple[Breakdown, ...]
    tables: tuple[Table, ...]
    notes: tuple[str, ...] = ()
    made_by: str = ""  # the application and version that worked them out
    sections: tuple[tuple[str, str], ...] = field(default=())  # (id, title) in order

    def table(self, section: str, breakdown: str = "") -> Table | None:
        return next((t for t in self.tables if t.section == section
                     and t.breakdown == breakdown), None)

    def tables_for(self, breakdown: str) -> list[Table]:
        """The tables of one breakdown, with those of the whole population (trends), in
        section order."""
        order = {s: i for i, (s, _title) in enumerate(self.sections)}
        chosen = [t for t in self.tables if t.breakdown in (breakdown, "")]
        return sorted(chosen, key=lambda t: (order.get(t.section, len(order)), t.breakdown))

    def breakdown(self, breakdown_id: str) -> Breakdown | None:
        return next((b for b in self.breakdowns if b.id == breakdown_id), None)

    def section_title(self, section: str) -> str:
        return dict(self.sections).get(section, section)

    # -- JSON ----------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT, "format_version": FORMAT_VERSION, "on": self.on.isoformat(),
            "made_at": self.made_at.isoformat(timespec="seconds"), "made_by": self.made_by,
            "scope": self.scope, "people": self.people,
            "suppression": "counts of 1 to 7 hidden (*), others rounded to the nearest 5; "
                           "percentages from the rounded counts",
            "sections": [{"id": s, "title": t} for s, t in self.sections],
            "breakdowns": [{"id": b.id, "title": b.title, "equality": b.equality}
                           for b in self.breakdowns],
            "notes": list(self.notes),
            "tables": [_table_dict(t) for t in self.tables],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))


def _table_dict(t: Table) -> dict[str, Any]:
    return {"section": t.section, "title": t.title, "breakdown": t.breakdown,
            "group_title": t.group_title, "note": t.note, "has_total": t.has_total,
            "columns": [{"key": c.key, "label": c.label, "percent_of": c.percent_of,
                         "help": c.help} for c in t.columns],
            "rows": [{"group": g, "counts": list(t.counts[i]), "percents": list(t.percents[i])}
                     for i, g in enumerate(t.groups)]}


class ReportDamaged(ValueError):
    """A stored report that cannot be read; the message says what to do."""


def from_json(text: str | bytes) -> Report:
    """A report from its JSON, checked whole: every count a rounded number or null."""
    try:
        raw = json.loads(text)
    except ValueError:
        raise ReportDamaged("The stored report is not readable JSON. Ask the store's "
                            "administrators to prepare the reports again.") from None
    try:
        return _report(raw)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ReportDamaged("The stored report is not in the shape this version reads "
                            f"({type(exc).__name__}). Ask the store's administrators to "
                            "prepare the reports again with this version.") from None


def _report(raw: Mapping[str, Any]) -> Report:
    if raw["format"] != FORMAT or int(raw["format_version"]) > FORMAT_VERSION:
        raise ValueError("not a report this version reads")
    on = from_iso(raw["on"])
    if on is None:
        raise ValueError("no date")
    return Report(
        on=on, made_at=datetime.fromisoformat(str(raw["made_at"])),
        scope=str(raw["scope"]), people=_count(raw["people"]),
        breakdowns=tuple(Breakdown(str(b["id"]), str(b["title"]), bool(b["equality"]))
                         for b in raw["breakdowns"]),
        tables=tuple(_table(t) for t in raw["tables"]),
        notes=tuple(str(n) for n in raw["notes"]), made_by=str(raw.get("made_by", "")),
        sections=tuple((str(s["id"]), str(s["title"])) for s in raw["sections"]))


def _table(raw: Mapping[str, Any]) -> Table:
    columns = tuple(Column(str(c["key"]), str(c["label"]),
                           None if c["percent_of"] is None else str(c["percent_of"]),
                           str(c.get("help", ""))) for c in raw["columns"])
    rows: Sequence[Mapping[str, Any]] = raw["rows"]
    counts = tuple(tuple(_count(v) for v in r["counts"]) for r in rows)
    percents = tuple(tuple(_share(v) for v in r["percents"]) for r in rows)
    if any(len(r) != len(columns) for r in (*counts, *percents)):
        raise ValueError("a row does not match the columns")
    return Table(str(raw["section"]), str(raw["title"]), str(raw["breakdown"]),
                 str(raw["group_title"]), tuple(str(r["group"]) for r in rows), columns,
                 counts, percents, str(raw.get("note", "")), bool(raw.get("has_total", True)))


def _count(value: Any) -> int | None:
    """Only what suppression can give: null, or a whole multiple of 5."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0 or value % 5:
        raise ValueError("a count that suppression could not have shown")
    return value


def _share(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise ValueError("a percentage out of range")
    return value
