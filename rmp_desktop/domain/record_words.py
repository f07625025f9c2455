"""A record's status in words, with where it sits in its chain of amendments.

One wording for the person's history in the window, the PDF's title page and
the command line: "Signed, version 2, amends version 1: the reason", "Superseded
by version 2", "Signed, amended by version 2 (not yet signed)".
"""

from __future__ import annotations

from rmp_desktop.domain.conversation import STEP_TITLES, Status


def chain_words(version: int, amends: int | None, reason: str = "", *, limit: int = 0) -> str:
    """"version 2, amends version 1: why" (the reason cut at `limit` characters if given);
    empty for a first version."""
    if version <= 1:
        return ""
    words = f"version {version}"
    if amends is not None:
        words += f", amends version {amends}"
    said = " ".join((reason or "").split())
    if limit and len(said) > limit:
        said = said[:limit].rstrip() + "…"
    return f"{words}: {said}" if said else words


def status_words(status: Status, *, version: int = 1, step: str | None = None,
                 amends: int | None = None, amended_by: int | None = None, reason: str = "",
                 reason_limit: int = 0) -> str:
    """The status, the step a draft is at, its place in the chain and any newer version."""
    words = status.label
    if status is Status.SUPERSEDED and amended_by is not None:
        words += f" by version {amended_by}"
    if status is Status.DRAFT and step:
        words += f" (at {STEP_TITLES.get(step, step)})"
    chain = chain_words(version, amends, reason, limit=reason_limit)
    if chain:
        words += f", {chain}"
    if status is not Status.SUPERSEDED and amended_by is not None:
        words += f", amended by version {amended_by} (not yet signed)"
    return words
