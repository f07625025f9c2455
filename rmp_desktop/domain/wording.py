"""Counting in words: "1 objective", "2 objectives", never "2 objective(s)". Plain Python."""

from __future__ import annotations


def counted(number: int, one: str, many: str | None = None) -> str:
    """`number` with the noun that agrees with it; `many` for plurals not made with an s."""
    noun = one if number == 1 else (many or f"{one}s")
    return f"{number:,} {noun}"
