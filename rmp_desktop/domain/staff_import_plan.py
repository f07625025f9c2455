"""What importing a staff list would change, worked out before anything is written.

Plain data in (the file's rows, the people the store holds), plain data out: who
would be added, who updated and in which details, which rows conflict with the
store, and who is already up to date. The window shows it as a preview, the
command line prints it for --dry-run, and the repository applies exactly it.

The rules:
- A person is found by assignment number (case ignored). A number that belongs to
  someone of another name is a conflict, never a rename.
- A row whose number the store does not know yet finds the one person of that name
  who has no number (imported before without one): one person, not two.
- A row without a number finds the one person of that name (and email, when both
  have one). Two or more such people, or a namesake with another email, is a
  conflict: the file cannot say which person it means.
- Only details the row has are compared; a missing column or an empty cell leaves
  the stored detail as it is. A name is never changed by an import (the same name
  written without its accents must not strip them from the store).
- Two rows that find the same person are a conflict.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from rmp_desktop.domain.dates import display_date
from rmp_desktop.domain.staff import FUNCTIONAL_AREAS, StaffMember, fold
from rmp_desktop.domain.staff_import import FIELD_WORDS, ImportRow, assignment_key, name_key

# Details an import may change on a person already in the store, in the order shown.
UPDATABLE = ("preferred_name", "job_title", "band", "functional_area", "email",
             "assignment_number", "start_date", "directorate")


@dataclass(frozen=True)
class KnownPerson:
    """A person in the store as the plan needs them (from one query, no ORM objects)."""

    id: int
    full_name: str
    preferred_name: str
    job_title: str
    band: str
    functional_area: str
    email: str
    assignment_number: str
    start_date: date | None
    archived: bool
    directorate: str = ""


@dataclass(frozen=True)
class Change:
    field: str
    old: object
    new: object

    def __str__(self) -> str:
        return f"{FIELD_WORDS[self.field]} {_value(self.field, self.old)} → {_value(self.field, self.new)}"


@dataclass(frozen=True)
class Addition:
    line: int
    member: StaffMember


@dataclass(frozen=True)
class Update:
    line: int
    person: KnownPerson
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Conflict:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass
class ImportPlan:
    additions: list[Addition] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    unchanged: list[tuple[int, int]] = field(default_factory=list)  # (line, person id)

    @property
    def changes_anything(self) -> bool:
        return bool(self.additions or self.updates)

    def key(self) -> tuple[object, ...]:
        """What the plan would do, to compare a plan made at preview with one made at writing."""
        return (tuple((a.line, a.member) for a in self.additions),
                tuple((u.person.id, u.changes) for u in self.updates),
                tuple(self.conflicts))

    def summary(self) -> str:
        parts = [f"{len(self.additions):,} to add", f"{len(self.updates):,} to update",
                 f"{len(self.unchanged):,} already up to date"]
        if self.conflicts:
            parts.append(f"{len(self.conflicts):,} conflict{'s' if len(self.conflicts) != 1 else ''}")
        return ", ".join(parts)


def plan_import(rows: Sequence[ImportRow], people: Iterable[KnownPerson]) -> ImportPlan:
    by_number: dict[str, KnownPerson] = {}
    by_name: dict[str, list[KnownPerson]] = {}
    for person in people:
        if person.assignment_number:
            by_number[assignment_key(person.assignment_number)] = person
        by_name.setdefault(name_key(person.full_name), []).append(person)

    plan = ImportPlan()
    claimed: dict[int, int] = {}  # person id -> the line that found them
    for row in rows:
        found, conflict = _find(row, by_number, by_name)
        if conflict:
            plan.conflicts.append(Conflict(row.line, conflict))
            continue
        if found is None:
            plan.additions.append(Addition(row.line, _new_member(row)))
            continue
        if found.id in claimed:
            plan.conflicts.append(Conflict(row.line, (
                f"this row and line {claimed[found.id]} both describe {found.full_name}; keep "
                "one of them, or add assignment numbers if they are two people.")))
            continue
        claimed[found.id] = row.line
        changes = _changes(found, row)
        if changes:
            plan.updates.append(Update(row.line, found, changes))
        else:
            plan.unchanged.append((row.line, found.id))
    return plan


def _find(row: ImportRow, by_number: dict[str, KnownPerson],
          by_name: dict[str, list[KnownPerson]]) -> tuple[KnownPerson | None, str]:
    name = name_key(row.full_name)
    number = str(row.values.get("assignment_number", ""))
    email = fold(str(row.values.get("email", "")))
    if number:
        owner = by_number.get(assignment_key(number))
        if owner is not None:
            if name_key(owner.full_name) != name:
                return None, (f"the assignment number {number} belongs to {owner.full_name} in "
                              f"the application, but this row names {row.full_name}. Check the "
                              "number; if the person has changed their name, change it in the "
                              "application first, then import again.")
            return owner, ""
        unnumbered = [p for p in by_name.get(name, ()) if not p.assignment_number
                      and (not email or not p.email or fold(p.email) == email)]
        if len(unnumbered) > 1:
            return None, (f"{len(unnumbered)} people called {row.full_name} have no assignment "
                          "number in the application, so it is not clear which one this number "
                          "belongs to. Give them their numbers in the application first.")
        return (unnumbered[0] if unnumbered else None), ""
    namesakes = by_name.get(name, [])
    if not namesakes:
        return None, ""
    if email:
        same_email = [p for p in namesakes if fold(p.email) == email]
        if len(same_email) == 1:
            return same_email[0], ""
        without_email = [p for p in namesakes if not p.email]
        if not same_email and len(without_email) == 1 and len(namesakes) == 1:
            return without_email[0], ""
        if not same_email and not without_email:
            return None, (f"{row.full_name} is in the application with another email address. "
                          "If this is the same person, add their assignment number to the file; "
                          "if it is someone else of the same name, add both people's numbers.")
    if len(namesakes) == 1:
        return namesakes[0], ""
    return None, (f"{len(namesakes)} people called {row.full_name} are in the application, so "
                  "it is not clear which one this row means. Add assignment numbers to the file.")


def _changes(person: KnownPerson, row: ImportRow) -> tuple[Change, ...]:
    changes = []
    for name in UPDATABLE:
        if name not in row.values:
            continue  # not in the file, or empty there: left as it is
        new = row.values[name]
        old = getattr(person, name)
        if name == "email" and fold(str(old)) == fold(str(new)):
            continue
        if name == "assignment_number" and old and assignment_key(old) == assignment_key(str(new)):
            continue
        if old != new:
            changes.append(Change(name, old, new))
    return tuple(changes)


def _new_member(row: ImportRow) -> StaffMember:
    values = row.values
    start = values.get("start_date")
    return StaffMember(full_name=row.full_name, preferred_name=str(values.get("preferred_name", "")),
                       job_title=str(values.get("job_title", "")), band=str(values["band"]),
                       functional_area=str(values["functional_area"]),
                       email=str(values.get("email", "")),
                       assignment_number=str(values.get("assignment_number", "")),
                       directorate=str(values.get("directorate", "")),
                       start_date=start if isinstance(start, date) else None)


def _value(name: str, value: object) -> str:
    if value in (None, ""):
        return "(empty)"
    if name == "functional_area":
        return FUNCTIONAL_AREAS.get(str(value), str(value))
    if isinstance(value, date):
        return display_date(value)
    if name == "band":
        return str(value)
    return f"“{value}”"


def describe(plan: ImportPlan, *, limit: int | None = None) -> list[str]:
    """The preview in lines of plain words, for the command line's --dry-run and the window."""
    lines = [plan.summary().capitalize() + "."]

    def section(title: str, items: list[str]) -> None:
        if not items:
            return
        lines.extend(["", f"{title}:"])
        shown = items if limit is None else items[:limit]
        lines.extend(f"  {item}" for item in shown)
        if len(shown) < len(items):
            lines.append(f"  … and {len(items) - len(shown):,} more")

    section("To add", [f"line {a.line}: {a.member.full_name} ({_added_details(a.member)})"
                       for a in plan.additions])
    section("To update", [f"line {u.line}: {u.person.full_name}"
                          f"{' (archived)' if u.person.archived else ''}: "
                          + "; ".join(str(c) for c in u.changes) for u in plan.updates])
    section("Conflicts (nothing is changed for these rows)",
            [str(c) for c in plan.conflicts])
    return lines


def _added_details(member: StaffMember) -> str:
    parts = [f"band {member.band}", FUNCTIONAL_AREAS[member.functional_area]]
    if member.assignment_number:
        parts.append(f"assignment {member.assignment_number}")
    return ", ".join(parts)
