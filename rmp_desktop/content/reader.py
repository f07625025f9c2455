"""Walk parsed YAML or JSON with a path, so that every error names the place it was found.

`Node` wraps one value and knows where it sits (``areas[2].indicators.3``); its
getters check the type and raise `PackError` with that place. The pack parsers
are written against it and stay free of type checks and error wording.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from rmp_desktop.content.errors import PackError

ITEM_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

_TYPE_NAMES = {bool: "true or false", int: "a number", float: "a number", str: "text",
               list: "a list", dict: "a set of named fields", type(None): "nothing"}


def describe(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def count_phrase(low: int, high: int | None, noun: str) -> str:
    """'3 to 5 indicators', 'exactly 4 levels', 'at least one experience' (nouns are plural)."""
    if high is None and low == 1:
        return f"at least one {noun.removesuffix('s')}"
    if high is None:
        return f"at least {low} {noun}"
    if low == high:
        return f"exactly {low} {noun}"
    return f"{low} to {high} {noun}"


class Node:
    def __init__(self, value: Any, place: str, file: str):
        self.value = value
        self.place = place
        self.file = file

    # -- errors and paths --------------------------------------------------------------------

    def error(self, reason: str) -> PackError:
        return PackError(self.file, self.place, reason)

    def _path(self, key: str | int) -> str:
        if isinstance(key, int):
            return f"{self.place}[{key}]"
        return f"{self.place}.{key}" if self.place else str(key)

    # -- shapes ------------------------------------------------------------------------------

    def fields(self, required: Iterable[str], optional: Iterable[str] = ()) -> Node:
        """Check this is a mapping with the required fields and nothing unexpected."""
        if not isinstance(self.value, dict):
            raise self.error(f"expected a set of named fields, found {describe(self.value)}")
        required = tuple(required)
        allowed = set(required) | set(optional)
        for key in self.value:
            if key not in allowed:
                raise PackError(self.file, self._path(str(key)),
                                f"unknown field '{key}'; expected {', '.join(sorted(allowed))}")
        for key in required:
            if key not in self.value:
                raise self.error(f"missing required field '{key}'")
        return self

    def has(self, key: str) -> bool:
        return key in self.value

    def at(self, key: str) -> Node:
        return Node(self.value.get(key), self._path(key), self.file)

    def as_items(self, noun: str, low: int = 1, high: int | None = None) -> list[Node]:
        """This value as a list holding between `low` and `high` entries."""
        if not isinstance(self.value, list):
            raise self.error(f"expected a list of {noun}, found {describe(self.value)}")
        found = len(self.value)
        if found < low or (high is not None and found > high):
            raise self.error(f"expected {count_phrase(low, high, noun)}, found {found}")
        return [Node(v, self._path(i), self.file) for i, v in enumerate(self.value)]

    def items(self, key: str, noun: str, low: int = 1, high: int | None = None) -> list[Node]:
        return self.at(key).as_items(noun, low, high)

    def entries(self, key: str) -> list[tuple[Any, Node]]:
        """The (key, node) pairs of a mapping under `key`."""
        node = self.at(key)
        if not isinstance(node.value, dict):
            raise node.error(f"expected a set of named fields, found {describe(node.value)}")
        return [(k, Node(v, node._path(str(k)), self.file)) for k, v in node.value.items()]

    # -- scalars -----------------------------------------------------------------------------

    def as_text(self) -> str:
        if not isinstance(self.value, str):
            raise self.error(f"expected text, found {describe(self.value)}")
        text = self.value.strip()
        if not text:
            raise self.error("expected text, found an empty value")
        return text

    def text(self, key: str, default: str | None = None) -> str:
        """Required text; with a `default`, the field is optional and may be left empty."""
        if default is not None and self.value.get(key) in (None, ""):
            return default
        return self.at(key).as_text()

    def texts(self, key: str, noun: str, low: int = 1, high: int | None = None) -> tuple[str, ...]:
        return tuple(n.as_text() for n in self.items(key, noun, low, high))

    def as_int(self, low: int | None = None, high: int | None = None) -> int:
        # bool is an int in Python; 'true' is never a sensible number here.
        if not isinstance(self.value, int) or isinstance(self.value, bool):
            raise self.error(f"expected a whole number, found {describe(self.value)}")
        if (low is not None and self.value < low) or (high is not None and self.value > high):
            raise self.error(f"expected a number from {low} to {high}, found {self.value}")
        return self.value

    def integer(self, key: str, low: int | None = None, high: int | None = None) -> int:
        return self.at(key).as_int(low, high)

    def item_id(self, key: str = "id") -> str:
        node = self.at(key)
        value = node.as_text()
        if not ITEM_ID.match(value):
            raise node.error(f"identifier '{value}' should use lower-case letters, digits and "
                             "hyphens, like 'change-catalyst'")
        return value


class IdRegistry:
    """Identifiers already used in one pack, so a duplicate names both places."""

    def __init__(self) -> None:
        self._seen: dict[str, str] = {}

    def claim(self, node: Node, key: str = "id") -> str:
        value = node.item_id(key)
        place = node.at(key).place
        if value in self._seen:
            raise PackError(node.file, place,
                            f"duplicate identifier '{value}', already used at {self._seen[value]}")
        self._seen[value] = place
        return value
