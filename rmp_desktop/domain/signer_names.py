"""Whether a name typed at sign-off looks like the right person's. Plain Python.

A typed name is the signature, so it is never refused for being unusual (people
sign as "Bob" or with initials); but two slips are common enough to stop and ask
about: the manager typing the staff member's name (the laptop passed back the
wrong way), and a name other than the manager the conversation records. Names
are compared as search compares them, without case or accents, word by word:
"ngozi adeyemi-clarke" is Ngozi Adeyemi-Clarke, and so is "Ngozi".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rmp_desktop.domain.staff import fold


@dataclass(frozen=True)
class Signers:
    """Who the record says the two signers are."""

    person_full_name: str
    person_preferred_name: str
    manager_name: str


def signer_name_warning(role: str, typed: str, signers: Signers) -> str | None:
    """Why the name typed for `role` ("employee" or "manager") may be the wrong person's; None
    when it looks right, or when there is nothing to compare it with."""
    if not _words(typed):
        return None
    person = (signers.person_full_name, signers.person_preferred_name)
    manager = signers.manager_name
    if role == "manager":
        if any(_same_person(typed, name) for name in person) and not _same_person(typed, manager):
            return (f"“{typed.strip()}” is the staff member's name. The manager signs here, "
                    "with their own name.")
        if _words(manager) and not _same_person(typed, manager):
            return (f"The conversation records {manager.strip()} as the manager. Check the "
                    "name, or change the manager on the Set-up step.")
        return None
    if _same_person(typed, manager) and not any(_same_person(typed, name) for name in person):
        return (f"“{typed.strip()}” is the manager's name. The staff member signs here, with "
                "their own name.")
    if any(_words(name) for name in person) and not any(_same_person(typed, n) for n in person):
        return (f"This record is {signers.person_full_name.strip()}'s. Check that they are the "
                "one signing, with their own name.")
    return None


def _words(name: str) -> list[str]:
    return re.findall(r"\w+", fold(name))


def _same_person(typed: str, recorded: str) -> bool:
    """Every word typed is a word of the recorded name (or every recorded word is typed)."""
    one, other = set(_words(typed)), set(_words(recorded))
    if not one or not other:
        return False
    return one <= other or other <= one
