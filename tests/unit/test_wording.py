"""Counts are said in words that agree with them."""

from rmp_desktop.domain.wording import counted


def test_one_and_many():
    assert counted(1, "objective") == "1 objective"
    assert counted(2, "objective") == "2 objectives"
    assert counted(0, "person", "people") == "0 people"
    assert counted(12_500, "record") == "12,500 records"
