"""A member of staff as the application understands one: plain Python, no Qt, no SQL."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from rmp_desktop.domain.text_safety import unsafe_reason

# Agenda for Change bands in pay order; "VSM" is very senior manager.
BANDS: tuple[str, ...] = ("2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9", "VSM")
BAND_ORDER = {band: i for i, band in enumerate(BANDS)}

# The ten functional areas of the HR & OD career pathway, by stable identifier.
FUNCTIONAL_AREAS: dict[str, str] = {
    "business-partnering": "HR business partnering",
    "employee-relations": "Employee relations",
    "hr-policy": "HR policy",
    "learning-development": "Learning and development",
    "medical-staffing": "Medical staffing",
    "recruitment-resourcing": "Recruitment and resourcing",
    "organisational-development": "Organisational development",
    "edi": "Equality, diversity and inclusion",
    "workforce-intelligence": "Workforce intelligence",
    "occupational-health": "Occupational health and wellbeing",
}


def band_label(band: str) -> str:
    """'Band 8a', 'Very senior manager'; empty when no band is recorded."""
    if not band:
        return ""
    return "Very senior manager" if band == "VSM" else f"Band {band}"


def area_label(area_id: str) -> str:
    """A functional area's name; an identifier this version does not know, as it is."""
    return FUNCTIONAL_AREAS.get(area_id, area_id)


def normalise_band(text: str) -> str | None:
    """'Band 8A', '8a', ' vsm ', 'Very senior manager' -> canonical band, or None."""
    t = re.sub(r"[\s_-]+", "", (text or "").lower())
    t = t.removeprefix("afc").removeprefix("band")
    if t in ("vsm", "veryseniormanager"):
        return "VSM"
    return t if t in BAND_ORDER else None


def normalise_area(text: str) -> str | None:
    """Match a functional area by identifier or by name, ignoring case and punctuation."""
    key = fold(text).replace("&", "and")
    key = re.sub(r"[^a-z0-9]+", "", key)
    for area_id, name in FUNCTIONAL_AREAS.items():
        candidates = {area_id, name, name.replace(",", "")}
        for c in candidates:
            if re.sub(r"[^a-z0-9]+", "", fold(c).replace("&", "and")) == key:
                return area_id
    aliases = {"hrbp": "business-partnering", "er": "employee-relations", "ld": "learning-development",
               "od": "organisational-development", "ohwellbeing": "occupational-health",
               "occupationalhealth": "occupational-health", "recruitment": "recruitment-resourcing",
               "resourcing": "recruitment-resourcing", "equalitydiversityandinclusion": "edi",
               "workforceinformation": "workforce-intelligence", "policy": "hr-policy"}
    return aliases.get(key)


def fold(text: str) -> str:
    """Lower case without accents, for search: 'Žukauskas' -> 'zukauskas', 'Nguyễn' -> 'nguyen'."""
    text = text or ""
    if text.isascii():  # most names: nothing to decompose (a staff list folds 100,000 of them)
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    # Combining marks are never ASCII: only the runs of other characters are looked at.
    stripped = _NON_ASCII_RUN.sub(_without_marks, decomposed)
    # Letters that do not decompose but people type without their stroke.
    return stripped.translate(_NO_DECOMPOSE).casefold()


_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


def _without_marks(run: re.Match[str]) -> str:
    return "".join(ch for ch in run.group() if not unicodedata.combining(ch))


_NO_DECOMPOSE = str.maketrans({"Đ": "D", "đ": "d", "Ł": "L", "ł": "l", "Ø": "O", "ø": "o",
                               "ß": "ss", "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "ı": "i"})


@dataclass(frozen=True)
class StaffMember:
    """What we hold about a person. Names are kept exactly as they are written."""

    full_name: str
    job_title: str = ""
    band: str = "5"
    functional_area: str = "business-partnering"
    preferred_name: str = ""
    line_manager_id: int | None = None
    start_date: date | None = None
    email: str = ""
    assignment_number: str = ""
    archived: bool = False
    directorate: str = ""  # the part of the organisation they work in, for reports
    id: int | None = None  # this store's own; never leaves it
    uid: str = ""  # stable across stores; given when first saved

    @property
    def display_name(self) -> str:
        return self.preferred_name.strip() or self.full_name.strip()

    @property
    def listed_name(self) -> str:
        return listed_name(self.full_name, self.preferred_name)

    def with_changes(self, **changes: Any) -> StaffMember:
        return replace(self, **changes)


def listed_name(full_name: str, preferred_name: str = "") -> str:
    """A person as lists, titles and file names name them: the full name, and the name they
    are known by after it when that is different: "Lâm Thị Hồng Nhung (Nhung)"."""
    full, preferred = full_name.strip(), preferred_name.strip()
    if not preferred or fold(preferred) == fold(full):
        return full or preferred
    if not full:
        return preferred
    return f"{full} ({preferred})"


@dataclass
class FieldErrors:
    """Messages keyed by field name, each saying what to do."""

    messages: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.messages)

    def add(self, name: str, message: str) -> None:
        self.messages.setdefault(name, message)


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_ASSIGNMENT = re.compile(r"^[0-9A-Za-z-]{1,20}$")


def validate(member: StaffMember, *, today: date | None = None) -> FieldErrors:
    """Check a person before saving; every message names the fix."""
    errors = FieldErrors()
    if not member.full_name.strip():
        errors.add("full_name", "Enter the person's name as they write it.")
    elif len(member.full_name) > 200:
        errors.add("full_name", "Shorten the name to 200 characters or fewer.")
    if member.band not in BAND_ORDER:
        errors.add("band", f"Choose a band: {', '.join(BANDS)}.")
    if member.functional_area not in FUNCTIONAL_AREAS:
        errors.add("functional_area", "Choose one of the ten functional areas.")
    if member.email and not _EMAIL.match(member.email.strip()):
        errors.add("email", "Enter an email address like name@trust.nhs.uk, or leave it empty.")
    if member.assignment_number and not _ASSIGNMENT.match(member.assignment_number.strip()):
        errors.add("assignment_number", "Use letters, digits and dashes only (up to 20), or leave it empty.")
    if member.start_date and member.start_date > (today or date.today()):
        errors.add("start_date", "The start date is in the future; enter the date they started.")
    if len(member.job_title) > 200:
        errors.add("job_title", "Shorten the job title to 200 characters or fewer.")
    if len(member.preferred_name) > 200:
        errors.add("preferred_name", "Shorten the preferred name to 200 characters or fewer.")
    if len(member.directorate) > 100:
        errors.add("directorate", "Shorten the directorate to 100 characters or fewer.")
    for name, label in TEXT_FIELDS.items():
        reason = unsafe_reason(getattr(member, name))
        if reason:
            errors.add(name, f"The {label} contains {reason}, which would not show on screen or "
                             "paper; type it again without it.")
    return errors


# Free-text fields checked for hidden characters, with the words a message uses for each.
TEXT_FIELDS = {"full_name": "name", "preferred_name": "preferred name", "job_title": "job title",
               "email": "email address", "assignment_number": "assignment number",
               "directorate": "directorate"}
