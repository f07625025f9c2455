"""Reading an exchange file's JSON strictly, and walking it with messages that name the place.

Every exchange file (a preparation, a record copy) is untrusted: it is read whole, checked
for size first, decoded as UTF-8, refused on duplicate keys, NaN or Infinity, and nesting
deeper than any file of ours has, before anything looks at its meaning.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection
from typing import Any, NoReturn

from rmp_desktop.domain.text_checks import text_problem

MAX_DEPTH = 12  # our formats nest five deep; more is not ours
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")
HEX64 = re.compile(r"^[0-9a-f]{64}$")
HEX32 = re.compile(r"^[0-9a-f]{32}$")


class ExchangeRefused(ValueError):
    """A file that cannot be taken in; the message says why and what to do, in plain words."""


def load_json(data: bytes, *, limit: int, what: str) -> Any:
    """The parsed JSON of `data`, or ExchangeRefused saying why not."""
    if len(data) > limit:
        raise ExchangeRefused(
            f"This file is {_size(len(data))}; {what} is at most {_size(limit)}. It is not "
            f"{what} made by this application, or it was damaged: ask for it to be sent again.")
    if data.startswith(b"%PDF"):
        raise ExchangeRefused(f"This is a PDF, not {what}.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ExchangeRefused(f"This file is not {what}: it is not text in UTF-8 (it may be a "
                              "different kind of file, or damaged).") from None
    if _depth(text) > MAX_DEPTH:
        raise ExchangeRefused(f"This file is not {what}: its structure is nested far deeper "
                              "than the format allows.")
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except _Duplicate as exc:
        raise ExchangeRefused(f"This file is damaged: the key “{exc}” appears twice in one "
                              "place, so it is not clear which to believe.") from None
    except (ValueError, RecursionError):
        raise ExchangeRefused(f"This file is not {what}, or it is damaged: it is not valid "
                              "JSON. Ask for it to be sent again.") from None


class _Duplicate(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Duplicate(key[:40])
        out[key] = value
    return out


def _no_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not allowed")


def _depth(text: str) -> int:
    """The deepest nesting of brackets outside strings, without parsing."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_DEPTH:
                    return deepest
        elif ch in "]}":
            depth -= 1
    return deepest


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} bytes"


class Reader:
    """Checks one value at a place in a file, raising ExchangeRefused that names the place.

    `damaged` words problems of shape (not made by us, or broken); text that is well formed
    but unsafe is worded apart, because the fix is different."""

    def __init__(self, what: str, max_text: int, max_items: int, *, formulas: bool = True):
        self.what = what
        self.formulas = formulas
        self.max_text = max_text
        self.max_items = max_items

    def damaged(self, place: str, problem: str) -> ExchangeRefused:
        return ExchangeRefused(f"This {self.what} is damaged or was not made by this "
                               f"application: {place} {problem}. Ask for it to be sent again.")

    def obj(self, value: Any, place: str, keys: tuple[str, ...],
            optional: tuple[str, ...] = ()) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.damaged(place, "is not a group of fields")
        missing = [k for k in keys if k not in value]
        if missing:
            raise self.damaged(place, f"lacks the field “{missing[0]}”")
        extra = [k for k in value if k not in keys and k not in optional]
        if extra:
            raise self.damaged(place, f"has a field this format does not have (“{extra[0][:40]}”)")
        return value

    def text(self, value: Any, place: str, *, limit: int | None = None) -> str:
        if not isinstance(value, str):
            raise self.damaged(place, "is not text")
        limit = limit or self.max_text
        if len(value) > limit:
            raise ExchangeRefused(f"This {self.what} cannot be taken in: {place} is "
                                  f"{len(value):,} characters long, and the most allowed is "
                                  f"{limit:,}. Shorten it and send it again.")
        problem = text_problem(value, formulas=self.formulas)
        if problem:
            raise ExchangeRefused(f"This {self.what} cannot be taken in: {place} {problem}. "
                                  "Remove it and send the file again.")
        return value

    def choice(self, value: Any, place: str, allowed: Collection[str]) -> str:
        if not isinstance(value, str) or (value and value not in allowed):
            raise self.damaged(place, "is not one of the answers the form offers")
        return value

    def ident(self, value: Any, place: str) -> str:
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            raise self.damaged(place, "is not a valid identifier")
        return value

    def boolean(self, value: Any, place: str) -> bool:
        if not isinstance(value, bool):
            raise self.damaged(place, "is not yes or no")
        return value

    def level(self, value: Any, place: str, low: int = 1, high: int = 4) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.damaged(place, f"is not a number from {low} to {high}")
        return value

    def items(self, value: Any, place: str, each: Callable[[Any, str], dict[str, Any]], *,
              key: str | tuple[str, ...] = "id") -> list[dict[str, Any]]:
        if not isinstance(value, list):
            raise self.damaged(place, "is not a list")
        if len(value) > self.max_items:
            raise ExchangeRefused(f"This {self.what} cannot be taken in: {place} has "
                                  f"{len(value)} entries, and the most allowed is "
                                  f"{self.max_items}.")
        out = [each(item, f"{place}, entry {i + 1},") for i, item in enumerate(value)]
        seen: set[object] = set()
        for i, item in enumerate(out):
            k = item.get(key) if isinstance(key, str) else tuple(item.get(x) for x in key)
            if k in seen:
                raise self.damaged(f"{place}, entry {i + 1},", "repeats an entry given before")
            seen.add(k)
        return out

    def date(self, value: Any, place: str) -> str:
        from datetime import date

        if not isinstance(value, str):
            raise self.damaged(place, "is not a date")
        if value:
            try:
                date.fromisoformat(value)
            except ValueError:
                raise self.damaged(place, "is not a date written as YYYY-MM-DD") from None
            if len(value) != 10:
                raise self.damaged(place, "is not a date written as YYYY-MM-DD")
        return value
