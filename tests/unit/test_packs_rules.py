"""Packs as values: they hash, find their parts by id, and come back as plain data with only
the fields they were given (small packs built here; the shipped ones are read elsewhere)."""

from __future__ import annotations

from rmp_desktop.domain.packs import (
    Avenue,
    CompetencyArea,
    CompetencyFramework,
    ExposureWheel,
    FrameworkFit,
    Level,
    WheelGroup,
)

WHEEL = ExposureWheel(
    id="wheel", version="1", title="Wheel",
    groups=(WheelGroup(id="job", name="On the job", share=70, description=""),
            WheelGroup(id="others", name="From others", share=20, description="")),
    avenues=(Avenue(id="project", name="Project", group="job", description="", examples=()),
             Avenue(id="mentor", name="Mentoring", group="others", description="", examples=()),
             Avenue(id="stretch", name="Stretch", group="job", description="", examples=())))
AREA = CompetencyArea(id="policy", name="Policy", summary="", indicators={1: ("Reads policy",)})
CORE = CompetencyFramework(id="core", version="1", title="Core",
                           levels=(Level(number=1, name="Foundation", bands=("3", "4")),
                                   Level(number=2, name="Practitioner", bands=("5", "6"))),
                           areas=(AREA,))


def test_a_wheel_finds_its_groups_and_the_avenues_in_each():
    assert WHEEL.group("others") is WHEEL.groups[1]
    assert WHEEL.group("elsewhere") is None
    assert [a.id for a in WHEEL.avenues_in("job")] == ["project", "stretch"]
    assert WHEEL.avenues_in("elsewhere") == ()


def test_a_band_no_level_holds_has_no_level():
    assert CORE.level_for_band("6") == 2
    assert CORE.level_for_band("VSM") is None


def test_packs_and_their_parts_hash_though_they_hold_mappings():
    same = CompetencyArea(id="policy", name="Policy", summary="", indicators={1: ("Other",)})
    assert hash(AREA) == hash(same)  # the mapping is left out of the hash, not of equality
    assert AREA != same
    assert len({CORE, CORE, WHEEL}) == 2


def test_a_field_left_at_its_default_is_left_out_but_later_ones_are_kept():
    suggested = CompetencyFramework(id="core", version="1", title="Core", levels=CORE.levels,
                                    areas=CORE.areas, suggested_for=FrameworkFit(bands=("7",)))
    data = suggested.to_dict()
    assert "role" not in data
    assert data["suggested_for"] == {"bands": ["7"], "functional_areas": [], "directions": [],
                                     "min_target_level": 0}
    assert "role" not in CORE.to_dict() and "suggested_for" not in CORE.to_dict()
    assert CORE.to_dict()["areas"] == [{"id": "policy", "name": "Policy", "summary": "",
                                        "indicators": {"1": ["Reads policy"]}}]
