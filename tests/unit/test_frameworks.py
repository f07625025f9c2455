"""Which competency framework a conversation is offered first: every condition an aspirant
framework sets must be met, and the first that fits wins, else the core framework."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from rmp_desktop.domain.frameworks import fits, suggest_framework
from rmp_desktop.domain.packs import FrameworkFit


def framework(name: str, **fit) -> SimpleNamespace:
    return SimpleNamespace(name=name, suggested_for=FrameworkFit(**fit) if fit else None)


LEADER = framework("leader", bands=("8a", "8b"), functional_areas=("edi", "od"),
                   directions=("stretch",), min_target_level=4)


@pytest.mark.parametrize(("band", "aspirations", "expected"), [
    ("8a", {"functional_areas": ["od"], "directions": ["stretch"], "target_level": 4}, True),
    ("8b", {"functional_areas": ["hr", "edi"], "directions": ["depth", "stretch"],
            "target_level": 5}, True),
    ("7", {"functional_areas": ["od"], "directions": ["stretch"], "target_level": 4}, False),
    ("8a", {"functional_areas": ["hr"], "directions": ["stretch"], "target_level": 4}, False),
    ("8a", {"functional_areas": None, "directions": ["stretch"], "target_level": 4}, False),
    ("8a", {"functional_areas": ["od"], "directions": ["depth"], "target_level": 4}, False),
    ("8a", {"functional_areas": ["od"], "target_level": 4}, False),
    ("8a", {"functional_areas": ["od"], "directions": ["stretch"], "target_level": 3}, False),
    ("8a", {"functional_areas": ["od"], "directions": ["stretch"], "target_level": "4"}, False),
    ("8a", {"functional_areas": ["od"], "directions": ["stretch"]}, False),
])
def test_every_condition_set_must_be_met(band, aspirations, expected):
    assert fits(LEADER, band, aspirations) is expected


def test_conditions_not_set_do_not_count_and_no_fit_never_fits():
    assert fits(framework("any", bands=("5",)), "5", {}) is True
    assert fits(framework("any", min_target_level=0, bands=("5",)), "5", {}) is True
    assert fits(framework("core"), "8a", {"target_level": 4}) is False
    assert fits(SimpleNamespace(name="old"), "8a", {}) is False  # a framework without the field


def test_the_first_fitting_framework_is_suggested_else_the_core_one():
    first = framework("first", bands=("6",))
    second = framework("second", bands=("6", "7"))
    core = SimpleNamespace(name="core")
    packs = SimpleNamespace(frameworks=[framework("none"), first, second], competency=core)
    assert suggest_framework(packs, "6", {}).name == "first"
    assert suggest_framework(packs, "7", {}).name == "second"
    assert suggest_framework(packs, "9", {}) is core
