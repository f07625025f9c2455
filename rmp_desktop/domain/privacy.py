"""What of a conversation may leave the record: the wellbeing section only if the person chose.

Health and wellbeing is sensitive: it is part of the conversation (and of what
is signed), but it appears in the shared record, its PDF and any copy only when
the person has ticked to share it. Everything that shows a record outside the
conversation itself asks here.
"""

from __future__ import annotations

PRIVATE_STEP = "wellbeing"

PRIVATE_WORDS = ("Private: this section stays out of the signed record and its PDF. Only "
                 "the person can choose to share it.")
SHARED_WORDS = ("Shared: the person has chosen to include this section in the signed record "
                "and its PDF.")


def is_shared(section: object) -> bool:
    """The wellbeing section was ticked to share: exactly True, never merely something truthy."""
    return isinstance(section, dict) and section.get("share_in_record") is True


def may_leave_record(step: str, section: object) -> bool:
    """Whether a step's section may appear in the shared record and its PDF."""
    return step != PRIVATE_STEP or is_shared(section)


def privacy_words(section: object) -> str:
    return SHARED_WORDS if is_shared(section) else PRIVATE_WORDS
