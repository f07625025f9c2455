"""Each pack rule, broken one at a time on a shipped pack: the exact words and place the person
editing the file reads, and the optional fields' defaults when left out."""

from __future__ import annotations

import copy
from collections.abc import Callable
from importlib.resources import files

import pytest
import yaml

from rmp_desktop.content.errors import PackError
from rmp_desktop.content.loader import parse_pack
from rmp_desktop.domain.staff import FUNCTIONAL_AREAS
from tests.unit.test_content_packs import builtin_data

ASPIRANT = "aspirant"  # the business partner aspirant framework, which has `suggested_for`
KINDS = ("career_pathway, career_transitions, competency_framework, conversation_prompts, "
         "exposure_wheel, talent_grid")
DIMENSIONS = "leading-people, vision-strategy, system-working, resource-management"
STEPS = ("setup, reflection, looking_back, wellbeing, aspirations, competencies, talent, "
         "transition, wheel, plan, summary")
AREAS = ", ".join(FUNCTIONAL_AREAS)


def data_of(kind: str) -> dict:
    if kind == ASPIRANT:
        text = (files("rmp_desktop.resources") / "packs" / "aspirant-business-partner.yaml"
                ).read_text("utf-8")
        return yaml.safe_load(text)
    return copy.deepcopy(builtin_data(kind))


def parsed(kind: str, change: Callable[[dict], object]):
    data = data_of(kind)
    change(data)
    return parse_pack(data, "pack.yaml")


def refusal(kind: str, change: Callable[[dict], object]) -> str:
    with pytest.raises(PackError) as caught:
        parsed(kind, change)
    return str(caught.value)


def _set(path: str, value: object) -> Callable[[dict], None]:
    """A change that sets one field, the path written as in the error ("areas[0].name")."""
    def change(data: dict) -> None:
        *parents, last = path.replace("[", ".").replace("]", "").split(".")
        node: object = data
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]  # type: ignore[index]
        node[int(last) if last.isdigit() else last] = value  # type: ignore[index]
    return change


def _level_one_twice(data: dict) -> None:
    data["levels"][1]["number"] = 1


def _band_in_two_levels(data: dict) -> None:
    data["levels"][1]["bands"].append("3")


def _indicators_twice(data: dict) -> None:
    data["areas"][0]["indicators"]["3"] = data["areas"][0]["indicators"][3]


def _drop(path: str) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        *parents, last = path.split(".")
        node = data
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        del node[int(last) if last.isdigit() else last]
    return change


def _indicators_keyed(key: object, instead_of: int = 4) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        indicators = data["areas"][0]["indicators"]
        data["areas"][0]["indicators"] = {key if k == instead_of else k: v
                                          for k, v in indicators.items()}
    return change


def _items(path: str, count: int) -> Callable[[dict], None]:
    """A change that repeats a list's first entry until it holds `count`."""
    def change(data: dict) -> None:
        node = data
        for part in path.split("."):
            node = node[int(part)] if part.isdigit() else node[part]
        node[:] = [copy.deepcopy(node[0]) for _ in range(count)]
    return change


@pytest.mark.parametrize(("kind", "change", "words"), [
    # the header
    ("exposure_wheel", _set("id", "Trust Wheel"),
     "pack.yaml, at id: pack identifier 'Trust Wheel' should use lower-case letters, digits, "
     "dots and hyphens, like 'trust.competency-framework'"),
    ("exposure_wheel", _set("version", 1.0),
     'pack.yaml, at version: write the version as quoted text like "1.0.0", found a number'),
    ("exposure_wheel", _set("version", "1.0"),
     "pack.yaml, at version: version '1.0' should look like 1.0.0"),
    ("exposure_wheel", _set("kind", "development_wheel"),
     f"pack.yaml, at kind: unknown kind 'development_wheel'; expected one of {KINDS}"),
    ("exposure_wheel", _drop("kind"), "pack.yaml: missing required field 'kind'"),
    # levels and bands
    ("competency_framework", _set("levels[0].number", 5),
     "pack.yaml, at levels[0].number: expected a number from 1 to 4, found 5"),
    ("competency_framework", _set("levels[0].number", 0),
     "pack.yaml, at levels[0].number: expected a number from 1 to 4, found 0"),
    ("competency_framework", _level_one_twice,
     "pack.yaml, at levels[1].number: level 1 appears twice"),
    ("competency_framework", _band_in_two_levels,
     "pack.yaml, at levels[1].bands: band 3 is already in level 1; each band belongs to one "
     "level"),
    ("competency_framework", _set("levels[0].bands", ["2", "3", "Band 2"]),
     "pack.yaml, at levels[0].bands[2]: band 2 is listed twice"),
    ("competency_framework", _set("levels[0].bands", []),
     "pack.yaml, at levels[0].bands: expected at least one band, found 0"),
    ("competency_framework", _set("levels[0].bands", "2"),
     "pack.yaml, at levels[0].bands: expected a list of bands, found text"),
    ("competency_framework", _set("levels[0].bands[0]", True),
     "pack.yaml, at levels[0].bands[0]: unknown band 'True'; bands are "
     "2, 3, 4, 5, 6, 7, 8a, 8b, 8c, 8d, 9, VSM"),
    # the competency framework
    ("competency_framework", _set("areas", "all of them"),
     "pack.yaml, at areas: expected a list of areas, found text"),
    ("competency_framework", _indicators_twice,
     "pack.yaml, at areas[0].indicators.3: indicators for level 3 are given twice"),
    ("competency_framework", _drop("areas.0.indicators.4"),
     "pack.yaml, at areas[0].indicators: missing indicators for level 4"),
    ("competency_framework", _indicators_keyed(True, instead_of=1),
     "pack.yaml, at areas[0].indicators.True: 'True' is not a level; use 1, 2, 3 or 4"),
    ("competency_framework", _indicators_keyed(5),
     "pack.yaml, at areas[0].indicators.5: '5' is not a level; use 1, 2, 3 or 4"),
    ("competency_framework", _indicators_keyed("7"),
     "pack.yaml, at areas[0].indicators.7: '7' is not a level; use 1, 2, 3 or 4"),
    ("competency_framework", _indicators_keyed("four"),
     "pack.yaml, at areas[0].indicators.four: 'four' is not a level; use 1, 2, 3 or 4"),
    ("competency_framework", _set("role", "leader"),
     "pack.yaml, at role: unknown framework role 'leader'; expected one of core, aspirant"),
    ("competency_framework", _set("suggested_for", {"bands": ["5"]}),
     "pack.yaml, at suggested_for: only an aspirant framework (role: aspirant) is suggested; "
     "the core framework applies by default"),
    # who an aspirant framework is suggested for
    (ASPIRANT, _set("suggested_for.functional_areas", ["payroll"]),
     "pack.yaml, at suggested_for.functional_areas[0]: unknown functional area 'payroll'; "
     f"expected one of {AREAS}"),
    (ASPIRANT, _set("suggested_for.functional_areas", "reward"),
     "pack.yaml, at suggested_for.functional_areas: expected a list of functional areas, "
     "found text"),
    (ASPIRANT, _set("suggested_for.directions", ["sideways"]),
     "pack.yaml, at suggested_for.directions[0]: unknown direction 'sideways'; expected one "
     "of depth, breadth, stretch"),
    (ASPIRANT, _set("suggested_for.directions", "stretch"),
     "pack.yaml, at suggested_for.directions: expected a list of directions, found text"),
    (ASPIRANT, _set("suggested_for.min_target_level", 5),
     "pack.yaml, at suggested_for.min_target_level: expected a number from 0 to 4, found 5"),
    (ASPIRANT, _set("suggested_for.min_target_level", -1),
     "pack.yaml, at suggested_for.min_target_level: expected a number from 0 to 4, found -1"),
    # the career pathway
    ("career_pathway", _set("levels[0].typical_roles", "HR apprentice"),
     "pack.yaml, at levels[0].typical_roles: expected a list of roles, found text"),
    ("career_pathway", _drop("functional_areas.9"),
     "pack.yaml, at functional_areas: expected exactly 10 functional areas, found 9"),
    ("career_pathway", _items("functional_areas", 11),
     "pack.yaml, at functional_areas: expected exactly 10 functional areas, found 11"),
    ("career_pathway", _set("functional_areas", "all ten"),
     "pack.yaml, at functional_areas: expected a list of functional areas, found text"),
    ("career_pathway", _set("entry_routes", "several"),
     "pack.yaml, at entry_routes: expected a list of entry routes, found text"),
    ("career_pathway", _set("memberships", "CIPD"),
     "pack.yaml, at memberships: expected a list of memberships, found text"),
    ("career_pathway", _set("offers", "many"),
     "pack.yaml, at offers: expected a list of offers, found text"),
    ("career_pathway", _set("offers[0].levels", "all"),
     "pack.yaml, at offers[0].levels: expected a list of levels, found text"),
    ("career_pathway", _set("offers[0].levels", []),
     "pack.yaml, at offers[0].levels: expected 1 to 4 levels, found 0"),
    ("career_pathway", _set("offers[0].levels", [1, 2, 3, 4, 4]),
     "pack.yaml, at offers[0].levels: expected 1 to 4 levels, found 5"),
    ("career_pathway", _set("offers[0].levels", [2, 2]),
     "pack.yaml, at offers[0].levels[1]: level 2 is listed twice"),
    # the conversation prompts
    ("conversation_prompts", _set("steps.closing", {}),
     f"pack.yaml, at steps.closing: unknown step 'closing'; expected one of {STEPS}"),
    ("conversation_prompts", _set("steps.wellbeing.hints.mood", "x"),
     "pack.yaml, at steps.wellbeing.hints.mood: 'mood' is not a field of the wellbeing step; "
     "expected one of share_in_record, areas, flexible_working, support_signposted, actions"),
    ("conversation_prompts", _set("wellbeing_areas", "sleep"),
     "pack.yaml, at wellbeing_areas: expected a list of wellbeing areas, found text"),
    # the talent grid
    ("talent_grid", _set("up.points", "three"),
     "pack.yaml, at up.points: expected a list of points, found text"),
    ("talent_grid", _items("up.points", 2),
     "pack.yaml, at up.points: expected exactly 3 points, found 2"),
    ("talent_grid", _items("across.points", 4),
     "pack.yaml, at across.points: expected exactly 3 points, found 4"),
    ("talent_grid", _set("boxes", "nine"),
     "pack.yaml, at boxes: expected a list of boxes, found text"),
    ("talent_grid", _items("boxes", 8), "pack.yaml, at boxes: expected exactly 9 boxes, found 8"),
    ("talent_grid", _items("boxes", 10),
     "pack.yaml, at boxes: expected exactly 9 boxes, found 10"),
    ("talent_grid", _set("boxes[0].across", "impact-steady"),
     "pack.yaml, at boxes[0].across: unknown point across 'impact-steady'; expected one of "
     "growth-depth, growth-breadth, growth-stretch"),
    ("talent_grid", _set("boxes[0].up", "growth-depth"),
     "pack.yaml, at boxes[0].up: unknown point up 'growth-depth'; expected one of "
     "impact-building, impact-steady, impact-strong"),
    # the career transitions
    ("career_transitions", _set("streams", "two"),
     "pack.yaml, at streams: expected a list of streams, found text"),
    ("career_transitions", _set("streams[0].example_roles", "Deputy head"),
     "pack.yaml, at streams[0].example_roles: expected a list of roles, found text"),
    ("career_transitions", _set("dimensions", "four"),
     "pack.yaml, at dimensions: expected a list of dimensions, found text"),
    ("career_transitions", _set("transitions", "three"),
     "pack.yaml, at transitions: expected a list of transitions, found text"),
    ("career_transitions", _set("transitions[0].expectations.leading-people", "lead"),
     "pack.yaml, at transitions[0].expectations.leading-people: expected a list of "
     "expectations, found text"),
    ("career_transitions", _set("transitions[0].shifts.caring", {"from": "a", "to": "b"}),
     "pack.yaml, at transitions[0].shifts.caring: unknown dimension 'caring'; expected one of "
     f"{DIMENSIONS}"),
    ("career_transitions", _set("transitions[0].builds_on", "transition-1"),
     "pack.yaml, at transitions[0].builds_on: builds_on should name another transition, one "
     "of transition-1, transition-2"),
    ("career_transitions", _set("duration_months", 0),
     "pack.yaml, at duration_months: expected a number from 1 to 120, found 0"),
    ("career_transitions", _set("duration_months", 121),
     "pack.yaml, at duration_months: expected a number from 1 to 120, found 121"),
    ("career_transitions", _set("guidance", "Choose well"),
     "pack.yaml, at guidance: expected a list of notes, found text"),
    # the exposure wheel
    ("exposure_wheel", _set("groups", "three"),
     "pack.yaml, at groups: expected a list of groups, found text"),
    ("exposure_wheel", _set("groups[0].share", 101),
     "pack.yaml, at groups[0].share: expected a number from 0 to 100, found 101"),
    ("exposure_wheel", _set("groups[0].share", -1),
     "pack.yaml, at groups[0].share: expected a number from 0 to 100, found -1"),
    ("exposure_wheel", _set("avenues", "many"),
     "pack.yaml, at avenues: expected a list of avenues, found text"),
    ("exposure_wheel", _set("avenues[0].examples", "one"),
     "pack.yaml, at avenues[0].examples: expected a list of examples, found text"),
    ("exposure_wheel", _set("avenues[0].examples", []),
     "pack.yaml, at avenues[0].examples: expected 1 to 5 examples, found 0"),
    ("exposure_wheel", _set("avenues[0].examples", ["a", "b", "c", "d", "e", "f"]),
     "pack.yaml, at avenues[0].examples: expected 1 to 5 examples, found 6"),
])
def test_a_broken_rule_is_refused_in_words_that_say_where_and_what_to_do(kind, change, words):
    assert refusal(kind, change) == words


@pytest.mark.parametrize(("data", "words"), [
    (["a", "list"], "pack.yaml: expected a set of named fields at the top, found a list"),
    ("text", "pack.yaml: expected a set of named fields at the top, found text"),
    ({}, "pack.yaml: missing required field 'kind'"),
])
def test_a_file_that_is_not_a_pack_at_all_is_refused_in_words(data, words):
    with pytest.raises(PackError) as caught:
        parse_pack(data, "pack.yaml")
    assert str(caught.value) == words


# -- what the rules allow -----------------------------------------------------------------------

def test_a_level_may_hold_a_single_band():
    def single(data: dict) -> None:
        data["levels"][0]["bands"] = ["2"]
        data["levels"][1]["bands"] = ["3", "4", "5", "6"]

    pack = parsed("competency_framework", single)
    assert [level.bands for level in pack.levels][:2] == [("2",), ("3", "4", "5", "6")]


def test_indicator_levels_may_be_keyed_by_text_as_stored_in_json():
    def as_text(data: dict) -> None:
        indicators = data["areas"][0]["indicators"]
        data["areas"][0]["indicators"] = {f" {k}": v for k, v in indicators.items()}

    pack = parsed("competency_framework", as_text)
    assert sorted(pack.areas[0].indicators) == [1, 2, 3, 4]


def test_who_an_aspirant_framework_suits_may_be_left_open():
    def open_fit(data: dict) -> None:
        data["suggested_for"] = {"functional_areas": [], "directions": []}

    fit = parsed(ASPIRANT, open_fit).suggested_for
    assert fit is not None
    assert (fit.bands, fit.functional_areas, fit.directions, fit.min_target_level) == (
        (), (), (), 0)
    empty_bands = parsed(ASPIRANT, _set("suggested_for.bands", [])).suggested_for
    assert empty_bands is not None and empty_bands.bands == ()
    lowest = parsed(ASPIRANT, _set("suggested_for.min_target_level", 0)).suggested_for
    highest = parsed(ASPIRANT, _set("suggested_for.min_target_level", 4)).suggested_for
    assert lowest is not None and highest is not None
    assert (lowest.min_target_level, highest.min_target_level) == (0, 4)


def test_a_conversation_prompts_step_may_have_no_hints():
    pack = parsed("conversation_prompts", _drop("steps.summary.hints"))
    assert pack.steps["summary"].hints == {}


def test_a_stream_may_suggest_no_band_and_leave_its_optional_words_out():
    def bare(data: dict) -> None:
        stream = data["streams"][1]
        stream["bands"] = []
        for key in ("equivalents", "also_suits", "example_roles"):
            del stream[key]
        data["streams"][0]["example_roles"] = []
        del data["guidance"]
        del data["transitions"][0]["experiences"][0]["name"]

    pack = parsed("career_transitions", bare)
    first, second = pack.streams
    assert (second.bands, second.equivalents, second.also_suits, second.example_roles) == (
        (), "", "", ())
    assert first.example_roles == ()
    assert pack.guidance == ()
    assert pack.transitions[0].experiences[0].name == ""
    assert parsed("career_transitions", _set("guidance", [])).guidance == ()


@pytest.mark.parametrize("months", [1, 120])
def test_a_transition_programme_may_last_from_one_month_to_ten_years(months):
    assert parsed("career_transitions", _set("duration_months", months)).duration_months == months


def test_a_wheel_group_may_have_a_share_of_nothing_or_everything():
    def all_in_one(data: dict) -> None:
        for group, share in zip(data["groups"], (100, 0, 0), strict=True):
            group["share"] = share

    pack = parsed("exposure_wheel", all_in_one)
    assert [g.share for g in pack.groups] == [100, 0, 0]
    five = parsed("exposure_wheel", _set("avenues[0].examples", ["a", "b", "c", "d", "e"]))
    assert five.avenues[0].examples == ("a", "b", "c", "d", "e")
