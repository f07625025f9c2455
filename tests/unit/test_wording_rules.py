"""Counting in words, at the edges: none, one, many, thousands, and plurals not made with an s."""

from rmp_desktop.domain.wording import counted


def test_only_exactly_one_takes_the_singular():
    assert [counted(n, "action") for n in (0, 1, 2, -1)] == [
        "0 actions", "1 action", "2 actions", "-1 actions"]
    assert counted(1, "person", "people") == "1 person"
    assert counted(2, "person", "people") == "2 people"
    assert counted(2, "person", "") == "2 persons"
    assert counted(1_234_567, "day") == "1,234,567 days"
