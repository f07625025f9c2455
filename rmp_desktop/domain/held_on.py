"""When a conversation says it was held: what is worth a second look. Plain Python.

A conversation's date is never refused (a manager may set up a draft ahead of
the meeting, or record an old one late), but two dates are usually a slip of
the keyboard: a day still to come, and a day before the person's last
conversation (a mistyped year). Each warning says what it noticed and what to
do; the window shows it beside the date and sign-off repeats it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from rmp_desktop.domain.dates import display_date


@dataclass(frozen=True)
class Dated:
    """One of the person's conversations, as far as dating goes."""

    id: int
    held_on: date
    supersedes_id: int | None = None


def held_on_warnings(held_on: date, today: date, earlier: Iterable[date] = ()) -> list[str]:
    """Why `held_on` may be a mistake: in the future, or before the person's last conversation."""
    warnings = []
    if held_on > today:
        warnings.append(f"{display_date(held_on)} is still to come. That is fine while you "
                        "prepare; change it to the day you meet before anyone signs.")
    latest = max(earlier, default=None)
    if latest is not None and held_on < latest:
        warnings.append(f"This is dated before the person's last conversation, on "
                        f"{display_date(latest)}. Check the date, the year especially.")
    return warnings


def other_dates(conversation_id: int, conversations: Iterable[Dated]) -> list[date]:
    """The dates of the person's other conversations, leaving out this one's amendment chain
    (an amendment keeps the date of the record it amends)."""
    listed = list(conversations)
    chain = {conversation_id}
    grew = True
    while grew:  # older versions it amends, and newer versions that amend it, to any depth
        grew = False
        for item in listed:
            if item.id in chain or item.supersedes_id in chain:
                linked = {item.id} if item.supersedes_id is None else {item.id, item.supersedes_id}
                if not linked <= chain:
                    chain |= linked
                    grew = True
    return [item.held_on for item in listed if item.id not in chain]
