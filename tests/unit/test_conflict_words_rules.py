"""value_words at its edges: a level that is a number but not a whole one, and free text or
other places whose value looks like an id, shown as written."""

from __future__ import annotations

import pytest

from rmp_desktop.content.loader import load_builtin
from rmp_desktop.domain.conflict_words import value_words


@pytest.mark.parametrize(("path", "value", "words"), [
    # A level is looked up only when it is a whole number; 3.0 is shown as it is.
    (["competencies", "current_level"], 3.0, "Level 3.0"),
    (["aspirations", "target_level"], 2.0, "Level 2.0"),
    # Text that happens to be an id or a state is not named: only its own place is.
    (["transition", "notes"], "transition-1", "transition-1"),
    (["transition", "notes", "n1"], "planned", "planned"),
    (["transition", "stream_notes", "x"], "had", "had"),
    (["plan", "avenues", "shadowing"], "active", "active"),
    (["wheel", "avenues"], "done", "done"),
])
def test_values_named_only_in_their_own_place(path, value, words):
    assert value_words(path, value, load_builtin()) == words
