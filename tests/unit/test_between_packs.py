"""The packs issue 10 adds: aspirant frameworks beside the core one, the talent grids, and
old packs and records still reading as they did."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest

from rmp_desktop.content.errors import PackError
from rmp_desktop.content.loader import OPTIONAL_FILES, load_builtin, load_directory, parse_text
from rmp_desktop.content.parse import parse_pack
from rmp_desktop.storage.packs_for_record import packs_for_refs


def _text(name: str) -> str:
    return (files("rmp_desktop.resources") / "packs" / name).read_text("utf-8")


def test_the_core_framework_leaves_new_fields_out_of_its_data_and_fingerprint():
    core = load_builtin().competency
    data = core.to_dict()
    assert "role" not in data and "suggested_for" not in data
    again = parse_pack(json.loads(json.dumps(data)), "snapshot")
    assert again.fingerprint == core.fingerprint


def test_aspirant_frameworks_round_trip_with_their_role_and_fit():
    for framework in load_builtin().frameworks:
        data = json.loads(json.dumps(framework.to_dict()))
        assert data["role"] == "aspirant" and data["suggested_for"]
        again = parse_pack(data, "snapshot")
        assert again == framework and again.fingerprint == framework.fingerprint
        assert len(framework.areas) == 5 and all(
            3 <= len(v) <= 5 for a in framework.areas for v in a.indicators.values())


def test_pack_set_finds_a_framework_by_id_and_shows_a_document_with_its_choice():
    packs = load_builtin()
    assert packs.framework("") is packs.competency
    deputy = packs.framework("rmp.aspirant-deputy-director")
    assert deputy is not None and deputy.title == "Aspirant Deputy Director framework"
    assert packs.framework("no.such") is None
    shown = packs.for_document({"competencies": {"framework": deputy.id}})
    assert shown.competency is deputy
    assert packs.for_document({"competencies": {"framework": ""}}) is packs


@pytest.mark.parametrize("name", ["talent-scope-for-growth.yaml", *OPTIONAL_FILES])
def test_talent_grids_have_nine_boxes_one_per_pair_of_points(name):
    grid = parse_text(_text(name), name)
    assert grid.kind == "talent_grid"
    pairs = {(b.across, b.up) for b in grid.boxes}
    assert pairs == {(a.id, u.id) for a in grid.across.points for u in grid.up.points}
    assert parse_pack(json.loads(json.dumps(grid.to_dict())), "s").fingerprint == grid.fingerprint


def test_a_grid_describing_one_box_twice_is_refused_with_its_place():
    text = _text("talent-scope-for-growth.yaml").replace(
        "  - across: growth-breadth\n    up: impact-building",
        "  - across: growth-depth\n    up: impact-building", 1)
    with pytest.raises(PackError, match="described twice"):
        parse_text(text, "grid.yaml")


def test_only_an_aspirant_framework_is_suggested():
    text = _text("competency-framework.yaml").replace(
        "areas:\n", "suggested_for:\n  bands: [\"7\"]\nareas:\n", 1)
    with pytest.raises(PackError, match="only an aspirant framework"):
        parse_text(text, "core.yaml")


def test_a_prompts_pack_written_before_the_talent_step_still_reads():
    text = _text("conversation-prompts.yaml")
    start = text.index("  talent:\n")
    end = text.index("  transition:\n")
    old = parse_text(text[:start] + text[end:], "old-prompts.yaml")
    assert "talent" not in old.steps and "transition" in old.steps


def test_an_organisation_adds_its_nine_box_grid_and_its_own_aspirant_framework(tmp_path):
    (tmp_path / "grid.yaml").write_text(_text("talent-nine-box.yaml"), "utf-8")
    own = _text("aspirant-deputy-director.yaml").replace(
        "id: rmp.aspirant-deputy-director", "id: trust.aspirant-deputy-director")
    (tmp_path / "deputy.yaml").write_text(own, "utf-8")
    packs, errors = load_directory(tmp_path)
    assert errors == []
    assert packs.talent.id == "rmp.talent-nine-box"
    assert [f.id for f in packs.frameworks] == ["rmp.aspirant-business-partner",
                                                "rmp.aspirant-deputy-director",
                                                "trust.aspirant-deputy-director"]
    assert packs.competency.id == "rmp.competency-framework"


def test_a_record_that_names_five_packs_reads_with_the_built_in_grid_and_frameworks():
    packs = load_builtin()
    five = [packs.by_kind[k].ref() for k in list(packs.by_kind)[:5]]
    bodies = {p.fingerprint: p.to_dict() for p in packs.all_packs()}
    shown = packs_for_refs(five, bodies.get)
    assert shown.problems == ()
    assert shown.packs.talent.id == packs.talent.id
    assert shown.packs.competency == packs.competency


def test_a_record_that_chose_an_aspirant_framework_reads_it_back_from_its_snapshot():
    packs = load_builtin()
    bodies = {p.fingerprint: p.to_dict() for p in packs.all_packs()}
    shown = packs_for_refs(packs.refs(), bodies.get)
    assert shown.problems == ()
    assert [f.id for f in shown.packs.frameworks] == [f.id for f in packs.frameworks]
    assert shown.packs.competency.id == packs.competency.id
