"""The reports' tables: people counted by group and measure, then suppressed. Plain Python.

`build_report` is the one source of numbers for the window, the PDF, the CSV, `report
--json` and the organisation's published reports. It counts each measure of each section for
every group of every breakdown (band, functional area, directorate, manager, and, only from
answers people chose to give, each equality monitoring question), adds the row for everyone,
and passes each table through domain.suppression before anything else sees it. True counts
stay inside this module's functions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import chain

from rmp_desktop.domain.equality import EQUALITY_BREAKDOWNS, NOT_GIVEN_LABEL, EqualityBreakdown
from rmp_desktop.domain.packs import PackSet
from rmp_desktop.domain.report_facts import (
    ANOTHER_GRID,
    DIRECTIONS,
    PersonFacts,
    PersonInput,
    ReportDays,
    facts,
    quarter_ends,
    quarter_label,
)
from rmp_desktop.domain.report_model import TOTAL_LABEL, Breakdown, Column, Report, Table
from rmp_desktop.domain.staff import BANDS, FUNCTIONAL_AREAS, area_label, band_label, fold
from rmp_desktop.domain.suppression import Sum, percent, suppress

TREND_BY_GROUP_QUARTERS = 4  # the last year, quarter by quarter, beside each group
NO_DIRECTORATE = "No directorate recorded"
NO_MANAGER = "No line manager recorded"

SECTIONS: tuple[tuple[str, str], ...] = (
    ("coverage", "Coverage"),
    ("aspirations", "Aspirations"),
    ("readiness", "Readiness for the HPS career transitions"),
    ("talent", "Talent grid placements"),
    ("avenues", "Development avenues in use"),
    ("trend_by_group", "Appraisal coverage over the last year"),
    ("trends", "Trends by quarter"),
)

DEFINITIONS: tuple[str, ...] = (
    "Appraisal in the last 12 months: a signed appraisal held within the 12 months up to the "
    "report's day (the Agenda for Change pay-progression rule). Career conversations the same.",
    "Signed plan in force: the newest signed record was held in the last 12 months and agrees "
    "at least one objective or development action. Measurable EDI objective: that plan has an "
    "equality, diversity and inclusion objective with a measure written.",
    "Appraisal overdue: none signed yet, or the last is over 12 months old. Plan dates "
    "overdue: a review, target or objective date of the newest signed plan has passed and no "
    "mid-year review has marked the action done.",
    "Aspirations, transition readiness, talent grid placements and development avenues come "
    "from each person's newest signed record. Demonstrating most: at least two thirds of the "
    "transition's expectations rated “demonstrating”. Avenues in use: planned or actively "
    "pursued.",
    "Counts from 1 to 7 are shown as *, as is every count of a group that small; other counts "
    "are rounded to the nearest 5 and percentages are worked out from the rounded counts. "
    "Where a hidden count could be found by subtraction from a total, another count is "
    "hidden too. Rows may therefore not add up exactly.",
    "Equality breakdowns count only answers people chose to give; “Not given” holds those who "
    "did not answer and those who preferred not to say. People archived from the store are "
    "not counted, now or in the trends.",
)


@dataclass(frozen=True)
class _Grouping:
    breakdown: Breakdown
    group_of: Callable[[PersonInput], str]
    order: tuple[str, ...]  # groups always listed, in this order, even when empty
    last: str = ""  # the group listed after the others (nothing recorded)


def _organisation_groupings(people: Sequence[PersonInput]) -> list[_Grouping]:
    found = [
        _Grouping(Breakdown("band", "Band"), lambda p: band_label(p.band) or "No band",
                  tuple(band_label(b) for b in BANDS)),
        _Grouping(Breakdown("functional_area", "Functional area"),
                  lambda p: area_label(p.functional_area), tuple(FUNCTIONAL_AREAS.values())),
    ]
    if any(p.directorate.strip() for p in people):
        found.append(_Grouping(Breakdown("directorate", "Directorate"),
                               lambda p: p.directorate.strip() or NO_DIRECTORATE, (),
                               NO_DIRECTORATE))
    if any(p.manager for p in people):
        found.append(_Grouping(Breakdown("manager", "Manager"),
                               lambda p: p.manager or NO_MANAGER, (), NO_MANAGER))
    return found


def _equality_grouping(breakdown: EqualityBreakdown) -> _Grouping:
    labels, question = breakdown.labels(), breakdown.question  # group_of, inlined
    return _Grouping(Breakdown(breakdown.id, breakdown.title, equality=True),
                     lambda p: labels.get(p.equality.get(question) or "", NOT_GIVEN_LABEL),
                     breakdown.groups[:-1], NOT_GIVEN_LABEL)


# -- the columns of each section ---------------------------------------------------------------

@dataclass
class _Columns:
    """Every measure of every section, indexed once; per person, the measures that count them."""

    by_section: dict[str, list[tuple[str, Column]]]  # section -> [(global key, column)]
    index: dict[str, int]
    chosen: set[str]  # the sections this report has

    @property
    def everyone(self) -> list[int]:
        """The "people" column of every section: each counts every person."""
        return [i for key, i in self.index.items() if key.endswith(".people")]

    def add(self, section: str, column: Column) -> None:
        if section not in self.chosen:
            return
        key = f"{section}.{column.key}"
        self.by_section.setdefault(section, []).append((key, column))
        self.index.setdefault(key, len(self.index))

    def at(self, section: str, key: str) -> int:
        return self.index[f"{section}.{key}"]


def _columns(packs: PackSet | None, everyone: Sequence[PersonFacts], on: date,
             chosen: Collection[str]) -> _Columns:
    cols = _Columns({}, {}, set(chosen))
    people = Column("people", "People")
    for column in (people, Column("appraised", "Appraisal in the last 12 months", "people"),
                   Column("career", "Career conversation in the last 12 months", "people"),
                   Column("plan", "Signed plan in force", "people"),
                   Column("edi", "Measurable EDI objective", "people"),
                   Column("appraisal_overdue", "Appraisal overdue or never held", "people"),
                   Column("plan_overdue", "Plan dates overdue", "people")):
        cols.add("coverage", column)
    for column in (people, Column("has_record", "With a signed record", "people"),
                   Column("depth", "Depth", "has_record", "grow in the current role"),
                   Column("breadth", "Breadth", "has_record", "move across"),
                   Column("stretch", "Stretch", "has_record", "step up")):
        cols.add("aspirations", column)
    cols.add("readiness", people)
    for transition_id, name in _transitions(packs, everyone):
        cols.add("readiness", Column(f"aiming:{transition_id}", f"Aiming at {name}", "people"))
        cols.add("readiness", Column(f"ready:{transition_id}", "Demonstrating most",
                                     f"aiming:{transition_id}"))
    boxes = _boxes(packs, everyone)
    if boxes:
        cols.add("talent", people)
        cols.add("talent", Column("placed", "Placed on the grid", "people"))
        for box in boxes:
            cols.add("talent", Column(f"box:{box}", box, "placed"))
    cols.add("avenues", people)
    cols.add("avenues", Column("has_record", "With a signed record", "people"))
    for avenue_id, name in _avenues(packs, everyone):
        cols.add("avenues", Column(f"avenue:{avenue_id}", name, "has_record"))
    ends = quarter_ends(on)[-TREND_BY_GROUP_QUARTERS:]
    for end in ends:
        label = quarter_label(end, on)
        cols.add("trend_by_group", Column(f"people:{end.isoformat()}", f"People, {label}"))
        cols.add("trend_by_group", Column(f"appraised:{end.isoformat()}",
                                          f"Appraised, {label}", f"people:{end.isoformat()}"))
    return cols


def _transitions(packs: PackSet | None, everyone: Sequence[PersonFacts]
                 ) -> list[tuple[str, str]]:
    if packs is not None:
        return [(t.id, t.name) for t in packs.transitions.transitions]
    seen = sorted({f.readiness.transition for f in everyone if f.readiness is not None})
    return [(t, t) for t in seen]


def _boxes(packs: PackSet | None, everyone: Sequence[PersonFacts]) -> list[str]:
    """The grid's boxes in its own order, only when someone has been placed ("where used")."""
    placed = {f.talent_box for f in everyone if f.talent_box is not None}
    if not placed:
        return []
    names = [b.name for b in packs.talent.boxes] if packs is not None else sorted(placed)
    return names + ([ANOTHER_GRID] if ANOTHER_GRID in placed and ANOTHER_GRID not in names
                    else [])


def _avenues(packs: PackSet | None, everyone: Sequence[PersonFacts]) -> list[tuple[str, str]]:
    if packs is not None:
        return [(a.id, a.name) for a in packs.wheel.avenues]
    return [(a, a) for a in sorted({a for f in everyone for a in f.avenues_in_use})]


class _Measures:
    """Each measure's index, looked up once for a whole population: counting a person is then
    a few dictionary lookups, no keys made (a measure a report leaves out has no index)."""

    _FLAGS = (("appraised", "appraised"), ("career", "career"), ("plan_in_force", "plan"),
              ("edi_objective", "edi"), ("appraisal_overdue", "appraisal_overdue"),
              ("plan_overdue", "plan_overdue"))

    def __init__(self, cols: _Columns, recent_ends: Sequence[str]):
        at = cols.index.get
        self.always = tuple(cols.everyone)
        self.flags = [(fact, i) for fact, key in self._FLAGS
                      if (i := at(f"coverage.{key}")) is not None]
        self.with_record = [i for i in (at("aspirations.has_record"), at("avenues.has_record"))
                            if i is not None]
        self.direction = {d: i for d in DIRECTIONS if (i := at(f"aspirations.{d}")) is not None}
        self.avenue = self._named(cols, "avenues.avenue:")
        self.aiming = self._named(cols, "readiness.aiming:")
        self.ready = self._named(cols, "readiness.ready:")
        self.placed = at("talent.placed")
        self.box = self._named(cols, "talent.box:")
        self.recent = [(at(f"trend_by_group.people:{end}"), at(f"trend_by_group.appraised:{end}"))
                       for end in recent_ends]

    @staticmethod
    def _named(cols: _Columns, prefix: str) -> dict[str, int]:
        return {key[len(prefix):]: i for key, i in cols.index.items() if key.startswith(prefix)}

    def of(self, f: PersonFacts) -> tuple[int, ...]:
        """The measures that count this person (indices into the columns)."""
        out = list(self.always)
        out += [i for fact, i in self.flags if getattr(f, fact)]
        if f.has_record:
            out += self.with_record
            out += [self.direction[d] for d in f.directions if d in self.direction]
            out += [self.avenue[a] for a in f.avenues_in_use if a in self.avenue]
        if f.readiness is not None:
            aim = f.readiness.transition
            if aim in self.aiming:
                out.append(self.aiming[aim])
            if f.readiness.demonstrating_most and aim in self.ready:
                out.append(self.ready[aim])
        if f.talent_box is not None and self.placed is not None:
            out.append(self.placed)
            if f.talent_box in self.box:
                out.append(self.box[f.talent_box])
        recent = len(f.counted_in) - len(self.recent)
        for (people, appraised), counted, was_appraised in zip(
                self.recent, f.counted_in[recent:], f.appraised_at[recent:], strict=True):
            if counted and people is not None:
                out.append(people)
                if was_appraised and appraised is not None:
                    out.append(appraised)
        return tuple(out)


# -- building ----------------------------------------------------------------------------------

ALL_SECTIONS = tuple(s for s, _title in SECTIONS)
# What each report a person might ask for on its own is made of (the benchmark times each).
REPORTS = {"coverage": ("coverage",),
           "pipeline": ("aspirations", "readiness", "talent", "avenues"),
           "trends": ("trend_by_group", "trends")}


def build_report(people: Sequence[PersonInput], on: date, *, scope: str,
                 packs: PackSet | None = None, made_at: datetime | None = None,
                 made_by: str = "", equality: bool = True,
                 sections: Collection[str] = ALL_SECTIONS) -> Report:
    """Every table of every breakdown for `people` as at `on`, suppressed; only the tables
    of `sections` when given."""
    transitions = packs.transitions if packs is not None else None
    grid = packs.talent if packs is not None else None
    days = ReportDays.of(on)
    everyone = [facts(p, days, transitions=transitions, grid=grid) for p in people]
    cols = _columns(packs, everyone, on, sections)
    recent_ends = [end.isoformat() for end in quarter_ends(on)[-TREND_BY_GROUP_QUARTERS:]]
    measured = _Measures(cols, recent_ends)
    counted = [measured.of(f) for f in everyone]
    totals = Counter(chain.from_iterable(counted))

    groupings = _organisation_groupings(people)
    notes = list(DEFINITIONS)
    if equality:
        given = {pair for p in people for pair in p.equality.items()}  # (question, answer)
        for breakdown in EQUALITY_BREAKDOWNS:
            if any(breakdown.group_of(a) != NOT_GIVEN_LABEL for q, a in given
                   if q == breakdown.question):
                groupings.append(_equality_grouping(breakdown))
    tables: list[Table] = []
    for grouping in groupings:
        members: dict[str, list[tuple[int, ...]]] = {}
        for person, measures in zip(people, counted, strict=True):
            members.setdefault(grouping.group_of(person), []).append(measures)
        # Counted in C, group by group: a few million measures take a fraction of a second.
        by_group = {(g, i): n for g, rows in members.items()
                    for i, n in Counter(chain.from_iterable(rows)).items()}
        groups = _group_order(grouping, set(members))
        for section, columns in cols.by_section.items():
            tables.append(_group_table(section, grouping.breakdown, groups, columns, cols,
                                       by_group, totals))
    if "trends" in sections:
        tables.append(_trend_table(everyone, on))
    suppressed_people = suppress({"people": len(people)})["people"]
    return Report(on=on, made_at=made_at or datetime.now().replace(microsecond=0), scope=scope,
                  people=suppressed_people, breakdowns=tuple(g.breakdown for g in groupings),
                  tables=tuple(tables), notes=tuple(notes), made_by=made_by,
                  sections=tuple((s, t) for s, t in SECTIONS if s in sections))


def _group_order(grouping: _Grouping, seen: set[str]) -> list[str]:
    listed = [g for g in grouping.order if g in seen or grouping.breakdown.equality]
    others = sorted((g for g in seen if g not in grouping.order and g != grouping.last),
                    key=lambda g: (fold(g), g))
    tail = [grouping.last] if grouping.last and (grouping.last in seen
                                                 or grouping.breakdown.equality) else []
    return listed + others + tail


def _group_table(section: str, breakdown: Breakdown, groups: Sequence[str],
                 columns: Sequence[tuple[str, Column]], cols: _Columns,
                 by_group: dict[tuple[str, int], int], totals: Counter[int]) -> Table:
    rows = [*groups, TOTAL_LABEL]
    counts: dict[tuple[str, str], int] = {}
    for _key, column in columns:
        index = cols.at(section, column.key)
        for group in groups:
            counts[(group, column.key)] = by_group.get((group, index), 0)
        counts[(TOTAL_LABEL, column.key)] = totals.get(index, 0)
    sums = [Sum((TOTAL_LABEL, c.key), tuple((g, c.key) for g in groups)) for _k, c in columns]
    bases = {(row, c.key): (row, c.percent_of) for row in rows for _k, c in columns
             if c.percent_of is not None}
    shown = suppress(counts, sums, bases)
    plain = [c for _k, c in columns]
    return Table(
        section=section, title=_TITLES[section], breakdown=breakdown.id,
        group_title=breakdown.title, groups=tuple(rows), columns=tuple(plain),
        counts=tuple(tuple(shown[(r, c.key)] for c in plain) for r in rows),
        percents=tuple(tuple(percent(shown[(r, c.key)], shown[(r, c.percent_of)])
                             if c.percent_of else None for c in plain) for r in rows),
        note=_NOTES.get(section, ""))


def _trend_table(everyone: Sequence[PersonFacts], on: date) -> Table:
    """Quarter by quarter for everyone: each row stands alone (no total)."""
    ends = quarter_ends(on)
    columns = (Column("people", "People"),
               Column("appraised", "Appraisal in the last 12 months", "people"),
               Column("career", "Career conversation in the last 12 months", "people"),
               Column("held", "Signed conversations held in the quarter"))
    quarters = len(ends)
    people, appraised, career, held = ([0] * quarters for _ in range(4))
    # Most people share a pattern of quarters with many others: each pattern is added once.
    patterns = Counter((f.counted_in, f.appraised_at, f.career_at,
                        (0,) * (quarters - len(f.person.held_in_quarter))
                        + f.person.held_in_quarter[-quarters:]) for f in everyone)
    for (counted_in, appraised_at, career_at, held_in), n in patterns.items():
        for i in range(quarters):
            if counted_in[i]:
                people[i] += n
                appraised[i] += n * appraised_at[i]
                career[i] += n * career_at[i]
                held[i] += n * held_in[i]
    rows = [quarter_label(end, on) for end in ends]
    counts: dict[tuple[str, str], int] = {}
    for i, label in enumerate(rows):
        counts.update({(label, "people"): people[i], (label, "appraised"): appraised[i],
                       (label, "career"): career[i], (label, "held"): held[i]})
    bases = {(r, c.key): (r, c.percent_of) for r in rows for c in columns if c.percent_of}
    shown = suppress(counts, (), bases)
    return Table(
        section="trends", title=_TITLES["trends"], breakdown="", group_title="Quarter",
        groups=tuple(rows), columns=columns,
        counts=tuple(tuple(shown[(r, c.key)] for c in columns) for r in rows),
        percents=tuple(tuple(percent(shown[(r, c.key)], shown[(r, c.percent_of)])
                             if c.percent_of else None for c in columns) for r in rows),
        note="Everyone on the staff at each quarter's end (as far as start dates are known), "
             "counted by the same rules as on the report's day.", has_total=False)


_TITLES = dict(SECTIONS)
_NOTES = {
    "aspirations": "Directions may be combined, so they add up to more than the people with "
                   "a signed record.",
    "readiness": "People whose newest signed record names a career transition of the High "
                 "Potential Scheme, and of those, how many demonstrate most of its "
                 "expectations.",
    "talent": "Counts only, from the manager's placement in each newest signed record that "
              "included the step; never shown for a person.",
    "avenues": "Share of people with a signed record who planned or actively pursue each "
               "avenue.",
    "trend_by_group": "Appraisal in the last 12 months at each quarter's end.",
}
