"""What the reports count about each person, from what storage gathers. Plain Python.

Storage gathers `PersonInput` (never a name: the person is a key that stays in memory) and
the rules here turn it into `PersonFacts`, using the rules the rest of the application uses:
the pay-progression year and overdue dates of domain.due, the talent grid of domain.talent.

The words that define each measure, as the reports print them:

- appraisal in the last 12 months: a signed appraisal (or appraisal and career conversation)
  held on a day within the 12 months up to the report's day (domain.due.is_current);
- career conversation in the last 12 months: the same for a career conversation;
- signed plan in force: the newest signed record was held in the last 12 months and its plan
  has at least one objective or development action;
- measurable EDI objective: that plan has an objective marked as an equality, diversity and
  inclusion objective, with a measure written;
- appraisal overdue: none signed yet, or the last is more than 12 months old;
- plan dates overdue: a review, target or objective date of the newest signed plan has
  passed, and no mid-year review has marked that action done;
- the pipeline (aspirations, transition readiness, talent grid, avenues) reads each person's
  newest signed record, however old; people without one are counted apart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, NamedTuple

from rmp_desktop.domain.due import current_since, open_dates
from rmp_desktop.domain.packs import CareerTransitions, TalentGrid

QUARTERS = 8  # trends look back two years
READY_SHARE = (2, 3)  # "demonstrating most": at least two thirds of a transition's expectations
IN_USE = ("planned", "active")  # exposure wheel statuses that count as an avenue in use
DIRECTIONS = ("depth", "breadth", "stretch")


@dataclass(frozen=True)
class NewestRecord:
    """The newest signed record held on or before the report's day: only what is counted."""

    held_on: date
    sections: Mapping[str, Mapping[str, Any]]  # plan, aspirations, transition, talent, wheel
    done_actions: frozenset[str] = frozenset()  # actions a mid-year review marked done


@dataclass(frozen=True)
class PersonInput:
    """One person as storage gathers them for the reports (no name, no uid)."""

    key: int  # this store's own id, for the moment of counting
    band: str
    functional_area: str
    directorate: str = ""
    manager: str = ""  # a label for their line manager's team; "" when none is recorded
    started: date | None = None
    equality: Mapping[str, str] = field(default_factory=dict)  # question id -> answer id
    # For each quarter end (oldest first; the last is the report's day): the newest signed
    # appraisal and career conversation held on or before it, and how many signed
    # conversations were held in the quarter.
    last_appraisal_at: tuple[date | None, ...] = ()
    last_career_at: tuple[date | None, ...] = ()
    held_in_quarter: tuple[int, ...] = ()
    newest: NewestRecord | None = None


@dataclass(frozen=True)
class Readiness:
    transition: str  # the transition id chosen
    demonstrating_most: bool


class PersonFacts(NamedTuple):  # a tuple: tens of thousands are made for one report
    person: PersonInput
    appraised: bool
    career: bool
    plan_in_force: bool
    edi_objective: bool
    appraisal_overdue: bool
    plan_overdue: bool
    has_record: bool
    directions: frozenset[str]
    readiness: Readiness | None
    talent_box: str | None  # a box name of the grid in use, ANOTHER_GRID, or None
    avenues_in_use: frozenset[str]
    # per quarter, oldest first
    counted_in: tuple[bool, ...]  # on the staff at the quarter's end (as far as is known)
    appraised_at: tuple[bool, ...]
    career_at: tuple[bool, ...]


ANOTHER_GRID = "Placed on another grid"


def quarter_ends(on: date, quarters: int = QUARTERS) -> tuple[date, ...]:
    """The last day of each of the `quarters` quarters up to `on`, oldest first; the current
    quarter ends on `on` itself (so far)."""
    ends = [on]
    first_of_quarter = date(on.year, 3 * ((on.month - 1) // 3) + 1, 1)
    day = first_of_quarter - timedelta(days=1)
    while len(ends) < quarters:
        ends.append(day)
        day = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1) - timedelta(days=1)
    return tuple(reversed(ends))


def quarter_label(end: date, on: date) -> str:
    """"Jan–Mar 2027"; the current quarter "Apr–Jun 2027 (to 15 May)"."""
    from rmp_desktop.domain.dates import SHORT_MONTHS

    first = 3 * ((end.month - 1) // 3)
    label = f"{SHORT_MONTHS[first]}–{SHORT_MONTHS[first + 2]} {end.year}"
    next_quarter = date(end.year, first + 4, 1) if first < 9 else date(end.year + 1, 1, 1)
    if end == on and end != next_quarter - timedelta(days=1):
        label += f" (to {end.day} {SHORT_MONTHS[end.month - 1]})"
    return label


@dataclass(frozen=True)
class ReportDays:
    """The days a report counts on, worked out once for a whole population: the report's day,
    each quarter's end, and for each the earliest day a conversation is still current then."""

    on: date
    ends: tuple[date, ...]
    since: tuple[date, ...]

    @property
    def all_quarters(self) -> tuple[bool, ...]:
        """counted_in for someone on the staff since before the first quarter's end."""
        return (True,) * len(self.ends)

    @classmethod
    def of(cls, on: date, quarters: int = QUARTERS) -> ReportDays:
        ends = quarter_ends(on, quarters)
        return cls(on, ends, tuple(current_since(end) for end in ends))


def facts(person: PersonInput, days: ReportDays, *,
          transitions: CareerTransitions | None = None,
          grid: TalentGrid | None = None) -> PersonFacts:
    """The person's facts as at `days.on`. Quarters the input does not cover count nothing."""
    on, ends, since = days.on, days.ends, days.since
    appraisals = _padded(person.last_appraisal_at, len(ends))
    careers = _padded(person.last_career_at, len(ends))
    appraised_at = tuple([d is not None and lo <= d <= end
                          for d, lo, end in zip(appraisals, since, ends, strict=True)])
    career_at = tuple([d is not None and lo <= d <= end
                       for d, lo, end in zip(careers, since, ends, strict=True)])
    started = person.started
    counted_in = (days.all_quarters if started is None or started <= ends[0] else
                  tuple([started <= end for end in ends]))
    newest = person.newest
    if newest is None:  # nothing signed yet: only the dates count
        return PersonFacts(person, appraised_at[-1], career_at[-1], False, False,
                           not appraised_at[-1], False, False, frozenset(), None, None,
                           frozenset(), counted_in, appraised_at, career_at)
    plan = _section(newest, "plan")
    plan_recent = since[-1] <= newest.held_on <= on
    objectives = _rows(plan.get("objectives"))
    plan_in_force = plan_recent and bool(objectives or _rows(plan.get("actions")))
    edi = plan_recent and any(o.get("edi") is True and str(o.get("measure", "")).strip()
                              for o in objectives)
    overdue_dates = bool(plan) and any(
        day < on for day in open_dates(plan, newest.done_actions))
    return PersonFacts(
        person=person,
        appraised=appraised_at[-1],
        career=career_at[-1],
        plan_in_force=plan_in_force, edi_objective=edi,
        appraisal_overdue=not appraised_at[-1],
        plan_overdue=overdue_dates,
        has_record=True,
        directions=frozenset(d for d in _strings(_section(newest, "aspirations").get("directions"))
                             if d in DIRECTIONS),
        readiness=readiness(_section(newest, "transition"), transitions),
        talent_box=talent_box(_section(newest, "talent"), grid),
        avenues_in_use=avenues_in_use(_section(newest, "wheel")),
        counted_in=counted_in, appraised_at=appraised_at, career_at=career_at,
    )


def _padded(values: tuple[date | None, ...], length: int) -> tuple[date | None, ...]:
    """The last `length` values, with None before them for quarters not gathered."""
    return ((None,) * length + values)[-length:]


def readiness(section: Mapping[str, Any], transitions: CareerTransitions | None
              ) -> Readiness | None:
    """The transition aimed at, and whether at least two thirds of its expectations are rated
    "demonstrating" (out of all the transition has, when the pack knows it)."""
    chosen = str(section.get("transition") or "")
    if not chosen:
        return None
    ratings = section.get("expectations")
    rated = ratings if isinstance(ratings, Mapping) else {}
    known = transitions.transition(chosen) if transitions is not None else None
    total = len(known.all_expectations()) if known is not None else len(rated)
    demonstrating = sum(1 for v in rated.values() if v == "demonstrating")
    most = total > 0 and demonstrating * READY_SHARE[1] >= total * READY_SHARE[0]
    return Readiness(chosen, most)


def talent_box(section: Mapping[str, Any], grid: TalentGrid | None) -> str | None:
    """The box of the manager's placement on the grid in use; None when the step was left
    out."""
    if not section.get("included"):
        return None
    view = section.get("manager")
    if not isinstance(view, Mapping) or not view.get("up") or not view.get("across"):
        return None
    if grid is None or str(section.get("grid") or "") != grid.id:
        return ANOTHER_GRID
    box = grid.box(str(view["across"]), str(view["up"]))
    return box.name if box is not None else ANOTHER_GRID


def avenues_in_use(section: Mapping[str, Any]) -> frozenset[str]:
    avenues = section.get("avenues")
    if not isinstance(avenues, Mapping):
        return frozenset()
    return frozenset(str(k) for k, v in avenues.items() if v in IN_USE)


def _section(record: NewestRecord | None, name: str) -> Mapping[str, Any]:
    if record is None:
        return {}
    value = record.sections.get(name)
    return value if isinstance(value, Mapping) else {}


def _rows(value: object) -> list[Mapping[str, Any]]:
    return [r for r in value if isinstance(r, Mapping)] if isinstance(value, list) else []


def _strings(value: object) -> Sequence[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
