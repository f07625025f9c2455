"""A pause in typing sends the database only what changed in a section, not the whole of it.

A section is stored as one text, `dumps(body)`. Typing changes one place in it, so a
pause's write is a splice: keep the stored text up to where the change starts, put the
new characters in, keep the rest. The database does it with substr() and ||, which
SQLite and PostgreSQL both have, so the stored text ends up exactly (byte for byte) what
writing the whole section would have left: nothing that reads a section, signs it or
fingerprints it can tell the difference, and no journal needs folding in later.

A splice applies only to the text it was computed from: the UPDATE itself checks the
stored length and the characters around the change (the ones it removes included), and
changes nothing anywhere else; the caller then writes the whole section instead.
"""

from __future__ import annotations

from dataclasses import dataclass

CONTEXT = 32  # characters either side of a change that the database checks before splicing


@dataclass(frozen=True)
class Splice:
    keep_head: int  # characters kept from the start of the stored text
    inserted: str  # what goes in after them
    tail_from: int  # 1-based position in the stored text where the kept rest starts
    old_length: int  # the stored text's length it applies to
    check_from: int  # 1-based position of `check` in the stored text
    check: str  # the stored characters around the change, the removed ones included

    def params(self) -> dict[str, object]:
        return {"keep_head": self.keep_head, "inserted": self.inserted,
                "tail_from": self.tail_from, "old_length": self.old_length,
                "check_from": self.check_from, "check_length": len(self.check),
                "check": self.check}


def _common_prefix(a: str, b: str, limit: int) -> int:
    """How many leading characters `a` and `b` share, at most `limit`: a binary search of
    slice comparisons, each done in C, rather than a Python loop over characters."""
    low, high = 0, limit
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def splice(old: str, new: str) -> Splice | None:
    """The one splice that turns `old` into `new`; None when it would not be smaller than
    `new` itself (a short section, or most of it changed): write the whole text then."""
    shorter = min(len(old), len(new))
    head = _common_prefix(old, new, shorter)
    tail = _common_prefix(old[::-1], new[::-1], shorter - head)  # the shared end
    removed_end = len(old) - tail  # old[head:removed_end] is replaced
    inserted = new[head:len(new) - tail]
    check_start = max(0, head - CONTEXT)
    check = old[check_start:min(len(old), removed_end + CONTEXT)]
    if len(inserted) + len(check) >= len(new):
        return None
    return Splice(keep_head=head, inserted=inserted, tail_from=removed_end + 1,
                  old_length=len(old), check_from=check_start + 1, check=check)
