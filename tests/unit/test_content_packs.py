"""The shipped packs validate, round-trip and fingerprint; broken packs say what and where."""

from __future__ import annotations

import copy
import hashlib
import json
from importlib.resources import files

import pytest
import yaml

from rmp_desktop.content.errors import PackError
from rmp_desktop.content.loader import (
    BUILTIN_FILES,
    load_builtin,
    load_directory,
    parse_pack,
    read_pack_file,
)
from rmp_desktop.domain.conversation import STEP_IDS
from rmp_desktop.domain.staff import FUNCTIONAL_AREAS

AREA_IDS = ["strategic-operator", "hr-od-expert", "capability-builder", "change-catalyst",
            "business-focused", "relationship-builder"]
AVENUE_IDS = {
    "secondments", "shadowing", "experience-placements", "stretch-assignments", "acting-up",
    "committees-board", "volunteering", "coaching", "mentoring", "reverse-mentoring", "networks",
    "action-learning", "diagnostics-360", "master-classes", "events-conferences",
    "development-programmes", "qualifications-membership", "apprenticeships", "online-learning",
}


def builtin_data(kind: str) -> dict:
    text = (files("rmp_desktop.resources") / "packs" / BUILTIN_FILES[kind]).read_text("utf-8")
    return yaml.safe_load(text)


def write_yaml(folder, name: str, data: dict):
    path = folder / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def error_from(path) -> PackError:
    with pytest.raises(PackError) as caught:
        read_pack_file(path)
    return caught.value


# -- the built-ins -----------------------------------------------------------------------------

def test_competency_framework_has_four_levels_and_six_areas():
    fw = load_builtin().competency
    assert fw.id == "rmp.competency-framework"
    assert [(lv.number, lv.bands) for lv in fw.levels] == [
        (1, ("2", "3", "4")), (2, ("5", "6")), (3, ("7", "8a", "8b")), (4, ("8c", "8d", "9", "VSM"))]
    assert [a.id for a in fw.areas] == AREA_IDS
    assert fw.area("hr-od-expert").name == "HR & OD Expert"
    for area in fw.areas:
        assert sorted(area.indicators) == [1, 2, 3, 4]
        assert all(3 <= len(items) <= 5 for items in area.indicators.values()), area.id


def test_wheel_covers_every_avenue_in_three_groups():
    wheel = load_builtin().wheel
    assert [(g.id, g.share) for g in wheel.groups] == [
        ("experience", 70), ("relationships", 20), ("formal-learning", 10)]
    assert {a.id for a in wheel.avenues} == AVENUE_IDS
    assert all(2 <= len(a.examples) <= 3 for a in wheel.avenues)
    assert wheel.avenue("reverse-mentoring").group == "relationships"


def test_transitions_follow_the_scheme():
    pack = load_builtin().transitions
    assert pack.id == "rmp.hps-transitions"
    assert pack.duration_months == 24
    assert [(s.id, s.bands) for s in pack.streams] == [
        ("stream-1", ("8a", "8b")), ("stream-2", ("8c", "8d"))]
    assert [d.id for d in pack.dimensions] == [
        "leading-people", "vision-strategy", "system-working", "resource-management"]
    t1, t2 = pack.transitions
    assert (t1.id, t1.stream, t2.id, t2.stream, t2.builds_on) == (
        "transition-1", "stream-1", "transition-2", "stream-2", "transition-1")
    assert (len(t1.experiences), len(t2.experiences)) == (7, 9)
    assert {k: len(v) for k, v in t1.expectations.items()} == {
        "leading-people": 5, "vision-strategy": 5, "system-working": 2, "resource-management": 2}
    assert set(t2.shifts) == {d.id for d in pack.dimensions}
    assert t1.all_expectations()[0].id == "t1-lp-1"


def test_pathway_and_prompts_use_the_application_vocabularies():
    packs = load_builtin()
    assert [a.id for a in packs.pathway.functional_areas] == list(FUNCTIONAL_AREAS)
    assert [m.id for m in packs.pathway.memberships] == [
        "foundation", "associate", "chartered-member", "chartered-fellow"]
    assert "high-potential-scheme" in {o.id for o in packs.pathway.offers_for(3)}
    assert list(packs.prompts.steps) == list(STEP_IDS)
    assert all(3 <= len(s.questions) <= 5 for s in packs.prompts.steps.values())
    assert [w.id for w in packs.prompts.wellbeing_areas] == [
        "physical", "mental", "emotional", "social", "financial", "lifestyle", "safety"]


def test_pack_set_lists_each_kind_then_the_aspirant_frameworks():
    packs = load_builtin()
    assert list(packs.by_kind) == list(BUILTIN_FILES)
    refs = packs.refs()
    assert [r["id"] for r in refs] == ["rmp.competency-framework", "rmp.exposure-wheel",
                                       "rmp.hps-transitions", "rmp.career-pathway",
                                       "rmp.conversation-prompts", "rmp.talent-scope-for-growth",
                                       "rmp.aspirant-business-partner",
                                       "rmp.aspirant-deputy-director"]
    assert all(set(r) == {"id", "version", "fingerprint"} and len(r["fingerprint"]) == 64
               for r in refs)


# -- round trip and fingerprint ----------------------------------------------------------------

@pytest.mark.parametrize("kind", list(BUILTIN_FILES))
def test_snapshot_round_trip_keeps_the_fingerprint(kind):
    pack = load_builtin().by_kind[kind]
    stored = json.loads(json.dumps(pack.to_dict()))  # as a snapshot comes back from the database
    again = parse_pack(stored, "snapshot")
    assert again == pack
    assert again.fingerprint == pack.fingerprint
    assert again.to_dict() == stored
    canonical = json.dumps(stored, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert pack.fingerprint == hashlib.sha256(canonical.encode()).hexdigest()


def test_fingerprint_changes_with_content_and_not_with_layout(tmp_path):
    data = builtin_data("competency_framework")
    same = read_pack_file(write_yaml(tmp_path, "same.yaml", data))
    assert same.fingerprint == load_builtin().competency.fingerprint
    data["areas"][0]["indicators"][1][0] = "A different first indicator."
    changed = read_pack_file(write_yaml(tmp_path, "changed.yaml", data))
    assert changed.fingerprint != same.fingerprint


def test_json_pack_files_are_accepted(tmp_path):
    path = tmp_path / "wheel.json"
    path.write_text(json.dumps(load_builtin().wheel.to_dict()), encoding="utf-8")
    assert read_pack_file(path).fingerprint == load_builtin().wheel.fingerprint


# -- broken packs ------------------------------------------------------------------------------

def test_indicator_count_error_names_file_and_place(tmp_path):
    data = builtin_data("competency_framework")
    data["areas"][2]["indicators"][3] = data["areas"][2]["indicators"][3][:2]
    err = error_from(write_yaml(tmp_path, "competency-framework.yaml", data))
    assert str(err) == ("competency-framework.yaml, at areas[2].indicators.3: "
                        "expected 3 to 5 indicators, found 2")
    assert (err.file, err.place) == ("competency-framework.yaml", "areas[2].indicators.3")


def test_missing_field(tmp_path):
    data = builtin_data("competency_framework")
    del data["areas"][1]["summary"]
    err = error_from(write_yaml(tmp_path, "fw.yaml", data))
    assert (err.place, err.reason) == ("areas[1]", "missing required field 'summary'")

    del data["title"]
    err = error_from(write_yaml(tmp_path, "fw.yaml", data))
    assert str(err) == "fw.yaml: missing required field 'title'"


def test_wrong_level_count(tmp_path):
    data = builtin_data("competency_framework")
    data["levels"] = data["levels"][:3]
    err = error_from(write_yaml(tmp_path, "fw.yaml", data))
    assert (err.place, err.reason) == ("levels", "expected exactly 4 levels, found 3")


def test_duplicate_identifier_names_both_places(tmp_path):
    data = builtin_data("competency_framework")
    data["areas"][3]["id"] = "hr-od-expert"
    err = error_from(write_yaml(tmp_path, "fw.yaml", data))
    assert err.place == "areas[3].id"
    assert err.reason == "duplicate identifier 'hr-od-expert', already used at areas[1].id"


def test_duplicate_expectation_across_transitions(tmp_path):
    data = builtin_data("career_transitions")
    data["transitions"][1]["expectations"]["leading-people"][0]["id"] = "t1-lp-2"
    err = error_from(write_yaml(tmp_path, "tr.yaml", data))
    assert err.place == "transitions[1].expectations.leading-people[0].id"
    assert "already used at transitions[0].expectations.leading-people[1].id" in err.reason


def test_not_valid_yaml_reports_line_and_column(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("kind: exposure_wheel\nid: x\n  version: [1\n", encoding="utf-8")
    err = error_from(path)
    assert err.place.startswith("line 3, column ")
    assert err.reason.startswith("not valid YAML: ")
    assert str(err).startswith("broken.yaml, at line 3, column ")


def test_not_valid_json_reports_line_and_column(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{\n  "kind": "exposure_wheel",\n  "id": "x",\n}\n', encoding="utf-8")
    err = error_from(path)
    assert err.place == "line 4, column 1"
    assert err.reason.startswith("not valid JSON: ")


def test_unknown_band(tmp_path):
    data = builtin_data("competency_framework")
    data["levels"][2]["bands"][1] = "8e"
    err = error_from(write_yaml(tmp_path, "fw.yaml", data))
    assert err.place == "levels[2].bands[1]"
    assert err.reason.startswith("unknown band '8e'; bands are 2, 3, 4, 5")


def test_bands_written_as_numbers_or_capitals_are_accepted(tmp_path):
    data = builtin_data("competency_framework")
    data["levels"][0]["bands"] = [2, 3, 4]
    data["levels"][2]["bands"] = ["7", "8A", "Band 8b"]
    pack = read_pack_file(write_yaml(tmp_path, "fw.yaml", data))
    assert pack.fingerprint == load_builtin().competency.fingerprint


def test_band_left_out_of_every_level(tmp_path):
    data = builtin_data("competency_framework")
    data["levels"][3]["bands"] = ["8c", "8d", "9"]
    err = error_from(write_yaml(tmp_path, "fw.yaml", data))
    assert (err.place, err.reason) == (
        "levels", "band VSM is not in any level; every band from 2 to VSM needs one")


@pytest.mark.parametrize(("kind", "change", "place", "reason_start"), [
    ("exposure_wheel", lambda d: d.update(kind="development_wheel"), "kind", "unknown kind"),
    ("exposure_wheel", lambda d: d["avenues"][0].update(colour="red"), "avenues[0].colour",
     "unknown field 'colour'"),
    ("exposure_wheel", lambda d: d["avenues"][4].update(group="reading"), "avenues[4].group",
     "unknown group 'reading'"),
    ("exposure_wheel", lambda d: d["groups"][0].update(share=60), "groups",
     "the shares add up to 90"),
    ("exposure_wheel", lambda d: d.update(version=1.0), "version", "write the version as quoted text"),
    ("exposure_wheel", lambda d: d["avenues"][1].update(id="Shadow Days"), "avenues[1].id",
     "identifier 'Shadow Days' should use lower-case"),
    ("conversation_prompts", lambda d: d["steps"].pop("wheel"), "steps",
     "missing prompts for step 'wheel'"),
    ("conversation_prompts", lambda d: d["steps"]["plan"]["questions"].__delitem__(slice(1, None)),
     "steps.plan.questions", "expected 3 to 5 questions, found 1"),
    ("conversation_prompts", lambda d: d["steps"]["wellbeing"]["hints"].update(mood="x"),
     "steps.wellbeing.hints.mood", "'mood' is not a field of the wellbeing step"),
    ("career_pathway", lambda d: d["functional_areas"][5].update(id="payroll"),
     "functional_areas[5].id", "unknown functional area 'payroll'"),
    ("career_pathway", lambda d: d["offers"][0].update(levels=[1, 5]), "offers[0].levels[1]",
     "expected a number from 1 to 4, found 5"),
    ("career_transitions", lambda d: d["transitions"][0].update(experiences=[]),
     "transitions[0].experiences", "expected at least one experience, found 0"),
    ("career_transitions", lambda d: d["transitions"][1]["shifts"].pop("system-working"),
     "transitions[1].shifts", "missing dimension 'system-working'"),
    ("career_transitions", lambda d: d["transitions"][0].update(stream="stream-3"),
     "transitions[0].stream", "unknown stream 'stream-3'"),
    ("career_transitions", lambda d: d["streams"][1]["bands"].append("8b"), "streams[1].bands",
     "band 8b is already in stream-1"),
])
def test_each_rule_names_its_place(tmp_path, kind, change, place, reason_start):
    data = copy.deepcopy(builtin_data(kind))
    change(data)
    err = error_from(write_yaml(tmp_path, "pack.yaml", data))
    assert err.place == place
    assert err.reason.startswith(reason_start), err.reason


def test_empty_and_non_mapping_files(tmp_path):
    (tmp_path / "empty.yaml").write_text("# nothing yet\n", encoding="utf-8")
    assert str(error_from(tmp_path / "empty.yaml")) == "empty.yaml: the file is empty"
    (tmp_path / "list.yaml").write_text("- a\n- b\n", encoding="utf-8")
    assert error_from(tmp_path / "list.yaml").reason.startswith("expected a set of named fields")


# -- an organisation's folder ------------------------------------------------------------------

def test_load_directory_replaces_a_kind_and_keeps_the_built_in_for_a_broken_one(tmp_path):
    ours = builtin_data("competency_framework")
    ours.update(id="trust.competency-framework", version="2.1.0", title="Our framework")
    write_yaml(tmp_path, "a-framework.yaml", ours)
    broken = builtin_data("exposure_wheel")
    del broken["avenues"][0]["examples"]
    write_yaml(tmp_path, "b-wheel.yaml", broken)
    (tmp_path / "notes.txt").write_text("not a pack", encoding="utf-8")

    packs, errors = load_directory(tmp_path)

    builtin = load_builtin()
    assert packs.competency.ref()["id"] == "trust.competency-framework"
    assert packs.competency.version == "2.1.0"
    assert packs.wheel is builtin.wheel
    assert packs.transitions is builtin.transitions
    assert [str(e) for e in errors] == [
        "b-wheel.yaml, at avenues[0]: missing required field 'examples'"]


def test_load_directory_reports_a_second_file_of_the_same_kind(tmp_path):
    first = builtin_data("career_pathway")
    first["title"] = "First"
    first["version"] = "7.0.0"  # other content under the built-in's version would be refused
    second = copy.deepcopy(first)
    second["title"] = "Second"
    write_yaml(tmp_path, "1-pathway.yaml", first)
    write_yaml(tmp_path, "2-pathway.yml", second)
    packs, errors = load_directory(tmp_path)
    assert packs.pathway.title == "First"
    assert len(errors) == 1 and errors[0].file == "2-pathway.yml"
    assert "1-pathway.yaml already provides" in errors[0].reason


def test_load_directory_with_no_folder_keeps_every_built_in(tmp_path):
    packs, errors = load_directory(tmp_path / "missing")
    assert packs == load_builtin()
    assert len(errors) == 1 and errors[0].reason == "this pack folder does not exist"
