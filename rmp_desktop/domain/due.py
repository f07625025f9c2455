"""What is due for a person, and when: the rules behind the team's year view. Plain Python.

Agenda for Change pay progression asks for an appraisal in the last 12 months; good practice
asks the same of a career conversation. An appraisal held on a day counts up to and including
the same day a year later (its anniversary, `dates.add_months`, so one held on 29 Feb is due on
28 Feb), and is overdue from the day after. Someone with no signed appraisal yet is due one
now. The newest signed plan's review dates, action target dates and objective dates are due on
the day they name, unless a mid-year review has marked the action done. Drafts left open and
records waiting for their second signature are listed as they are.

`next_due` does not depend on today: it is the earliest date anything is due (overdue or not),
so the team list can store it and still say "overdue" on the day it becomes so.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from rmp_desktop.domain.dates import add_months, display_date, from_iso

YEAR = 12  # months an appraisal or career conversation stays current
SOON_DAYS = 30  # "due soon" in the year view


class What(StrEnum):
    APPRAISAL = "appraisal"
    CAREER = "career"
    REVIEW = "review"  # an action's review date
    TARGET = "target"  # an action's target date
    OBJECTIVE = "objective"  # an objective's date
    DRAFT = "draft"  # a draft left open
    AWAITING = "awaiting"  # signed by one, waiting for the other

    @property
    def label(self) -> str:
        return _WHAT_LABELS[self]


_WHAT_LABELS = {What.APPRAISAL: "Appraisal", What.CAREER: "Career conversation",
                What.REVIEW: "Review of an action", What.TARGET: "Action target date",
                What.OBJECTIVE: "Objective date", What.DRAFT: "Draft left open",
                What.AWAITING: "Awaiting a signature"}


class State(StrEnum):
    NEVER = "never"  # never held: due now
    OVERDUE = "overdue"
    SOON = "soon"  # within SOON_DAYS
    LATER = "later"
    OPEN = "open"  # a draft or a record waiting for a signature: no date of its own

    @property
    def label(self) -> str:
        return {"never": "Not held yet", "overdue": "Overdue", "soon": "Due soon",
                "later": "Later", "open": "Open"}[self.value]


STATE_ORDER = (State.NEVER, State.OVERDUE, State.OPEN, State.SOON, State.LATER)


@dataclass(frozen=True)
class OpenRecord:
    """A draft or a record awaiting its second signature."""

    uid: str
    kind: str
    held_on: date
    status: str  # "draft" or "awaiting_signoff"


@dataclass(frozen=True)
class PersonYear:
    """What the rules read about one person; storage gathers it, tests write it by hand."""

    person_id: int
    name: str = ""
    uid: str = ""  # the person's stable uid (the integer id never leaves the store)
    last_appraisal: date | None = None  # held_on of the newest signed appraisal (or both)
    last_career: date | None = None  # held_on of the newest signed career conversation (or both)
    last_signed: date | None = None  # held_on of the newest signed record of any kind
    plan_uid: str = ""  # the newest signed record, whose plan is the one in force
    plan_version: int = 1
    plan: Mapping[str, Any] = field(default_factory=dict)  # its plan section
    done_actions: frozenset[str] = frozenset()  # actions a mid-year review marked done
    open_records: tuple[OpenRecord, ...] = ()


@dataclass(frozen=True)
class DueItem:
    person_id: int
    what: What
    state: State
    due_on: date | None  # None for never held, and for drafts (see held_on)
    text: str = ""  # the action or objective, for the manager's own view; never logged
    record_uid: str = ""
    item_id: str = ""
    held_on: date | None = None  # the record's date, for drafts and the last appraisal

    def when(self) -> str:
        """The date part in words: "overdue since 3 Mar 2027", "due 31 Mar 2027"."""
        if self.state is State.NEVER:
            return "due now: none signed yet"
        if self.state is State.OPEN:
            return f"dated {display_date(self.held_on)}" if self.held_on else ""
        if self.state is State.OVERDUE:
            return f"overdue since {display_date(self.due_on)}"
        return f"due {display_date(self.due_on)}"


@dataclass(frozen=True)
class PlanDate:
    what: What
    due_on: date
    text: str
    item_id: str


def appraisal_due(last: date | None) -> date | None:
    """When the next appraisal is due: 12 months after the last, None if there was none."""
    return add_months(last, YEAR) if last is not None else None


def is_current(last: date | None, today: date) -> bool:
    """Whether a conversation held on `last` is within the last 12 months on `today`
    (the pay-progression test for appraisals)."""
    due = appraisal_due(last)
    return due is not None and last <= today <= due  # type: ignore[operator]


def current_since(today: date) -> date:
    """The earliest day a conversation can have been held and still be current on `today`:
    is_current(last, today) is `current_since(today) <= last <= today`, so a report can test
    thousands of dates against one day worked out once."""
    day = add_months(today, -YEAR)
    # Twelve months before 29 Feb is 28 Feb, whose anniversary has passed by then, so the year
    # starts the day after; on every other day the anniversary of `day` is today itself.
    return day if add_months(day, YEAR) >= today else day + timedelta(days=1)


def plan_dates(plan: Mapping[str, Any], done_actions: Iterable[str] = ()) -> list[PlanDate]:
    """Every dated item of a plan still open: review and target dates of actions not marked
    done, and objectives' dates. Dates that cannot be read are left out (the plan step says
    what is wrong with them)."""
    found = [PlanDate(what, day, str(item.get("text", "")).strip(), str(item.get("id", "")))
             for what, day, item in _open_dates(plan, done_actions)]
    return sorted(found, key=lambda d: (d.due_on, d.what.value, d.item_id))


def open_dates(plan: Mapping[str, Any], done_actions: Iterable[str] = ()) -> Iterator[date]:
    """The days of plan_dates, unsorted and without the words: what a report counting tens
    of thousands of plans needs to see whether any has passed."""
    return (day for _what, day, _item in _open_dates(plan, done_actions))


def _open_dates(plan: Mapping[str, Any], done_actions: Iterable[str]
                ) -> Iterator[tuple[What, date, Mapping[str, Any]]]:
    done = set(done_actions)
    for action in _rows(plan.get("actions")):
        if str(action.get("id", "")) in done:
            continue
        for key, what in (("review_date", What.REVIEW), ("target_date", What.TARGET)):
            day = from_iso(action.get(key))
            if day is not None:
                yield what, day, action
    for objective in _rows(plan.get("objectives")):
        day = from_iso(objective.get("due"))
        if day is not None:
            yield What.OBJECTIVE, day, objective


def next_due(person: PersonYear) -> tuple[date | None, What]:
    """The earliest thing due for the person, overdue or not: (date, what). A person with no
    signed appraisal is due one now: (None, APPRAISAL)."""
    if person.last_appraisal is None:
        return None, What.APPRAISAL
    candidates: list[tuple[date, int, What]] = [(appraisal_due(person.last_appraisal), 0,
                                                 What.APPRAISAL)]  # type: ignore[list-item]
    if person.last_career is not None:
        candidates.append((add_months(person.last_career, YEAR), 1, What.CAREER))
    candidates += [(d.due_on, 2, d.what) for d in plan_dates(person.plan, person.done_actions)]
    day, _order, what = min(candidates)
    return day, what


def due_items(person: PersonYear, today: date, *, soon_days: int = SOON_DAYS) -> list[DueItem]:
    """Everything due for the person on `today`, most pressing first."""
    items: list[DueItem] = []
    for what, last in ((What.APPRAISAL, person.last_appraisal),
                       (What.CAREER, person.last_career)):
        if last is None:
            items.append(DueItem(person.person_id, what, State.NEVER, None))
        else:
            due = add_months(last, YEAR)
            items.append(DueItem(person.person_id, what, _state(due, today, soon_days), due,
                                 held_on=last))
    for dated in plan_dates(person.plan, person.done_actions):
        items.append(DueItem(person.person_id, dated.what, _state(dated.due_on, today, soon_days),
                             dated.due_on, dated.text, person.plan_uid, dated.item_id))
    for record in person.open_records:
        what = What.AWAITING if record.status == "awaiting_signoff" else What.DRAFT
        items.append(DueItem(person.person_id, what, State.OPEN, None, record_uid=record.uid,
                             held_on=record.held_on))
    return sorted(items, key=sort_key)


def sort_key(item: DueItem) -> tuple[int, date, str, str]:
    far = date.max
    return (STATE_ORDER.index(item.state), item.due_on or item.held_on or far, item.what.value,
            item.item_id)


def _state(due: date, today: date, soon_days: int) -> State:
    if today > due:
        return State.OVERDUE
    if (due - today).days <= soon_days:
        return State.SOON
    return State.LATER


def _rows(value: object) -> list[Mapping[str, Any]]:
    return [r for r in value or () if isinstance(r, Mapping)] if isinstance(value, list) else []


def describe(item: DueItem) -> str:
    """What is due, in words, without the date: "Review of an action: Shadow the director"."""
    if item.text:
        return f"{item.what.label}: {item.text}"
    return item.what.label


@dataclass(frozen=True)
class TeamYear:
    """The year view of a team on one day: each person's items, and the pay-progression count."""

    today: date
    people: tuple[PersonYear, ...]
    items: tuple[DueItem, ...]

    @property
    def appraised(self) -> int:
        """People with an appraisal in the last 12 months (the pay-progression rule)."""
        return sum(is_current(p.last_appraisal, self.today) for p in self.people)

    @property
    def career_held(self) -> int:
        return sum(is_current(p.last_career, self.today) for p in self.people)

    def within(self, days: int | None) -> list[DueItem]:
        """Items needing attention: never held, overdue, open, and dates within `days` (all
        dated items when None)."""
        if days is None:
            return list(self.items)
        return [i for i in self.items
                if i.state not in (State.SOON, State.LATER)
                or (i.due_on is not None and (i.due_on - self.today).days <= days)]


def team_year(people: Iterable[PersonYear], today: date) -> TeamYear:
    listed = tuple(people)
    items = [item for person in listed for item in due_items(person, today)]
    return TeamYear(today, listed, tuple(sorted(items, key=sort_key)))
