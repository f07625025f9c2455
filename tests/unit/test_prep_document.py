"""My preparation through the pages' document shape and back, without Qt."""

from __future__ import annotations

import pytest

from rmp_desktop.content.loader import load_builtin
from rmp_desktop.domain.prep_document import OWN_STEP_IDS, as_document, as_part, part_for
from rmp_desktop.domain.preparation import PARTS, empty_content, make_preparation
from tests.exchange_support import ME, MY_MANAGER, full_content


def _without_labels(value):
    if isinstance(value, dict):
        return {k: _without_labels(v) for k, v in value.items() if k != "label"}
    if isinstance(value, list):
        return [_without_labels(v) for v in value]
    return value


def test_every_part_comes_back_as_it_went_in():
    packs = load_builtin()
    content = full_content()
    document = as_document(content, packs)
    back = dict(content)
    for step in OWN_STEP_IDS:
        part, body = as_part(step, document[step], packs)
        assert part == part_for(step)
        back[part] = body
    assert set(back) == set(PARTS)
    assert _without_labels(back) == _without_labels(content)


def test_labels_are_the_packs_words_for_a_reader_of_the_file():
    packs = load_builtin()
    document = as_document(full_content(), packs)
    _part, wheel = as_part("wheel", document["wheel"], packs)
    assert wheel["avenues"][0]["label"] == packs.wheel.avenue(wheel["avenues"][0]["id"]).name
    _part, transition = as_part("transition", document["transition"], packs)
    assert all(e["label"] for e in transition["expectations"] + transition["experiences"])


def test_the_page_shows_only_the_persons_own_columns():
    document = as_document(full_content(), load_builtin())
    ratings = document["competencies"]["ratings"]
    assert ratings["relationship-builder"] == {"self": 4, "manager": None,
                                               "evidence": "Trusted by the staff side and the "
                                                           "divisions."}
    assert document["wellbeing"]["shared"] == ["mental", "flexible-working"]
    assert document["wellbeing"]["areas"]["financial"] == "A private worry, for me only."
    assert document["wellbeing"]["flexible_working"] == "I would like one day a week at home."


def test_a_note_is_shared_only_when_ticked_and_empty_answers_are_left_out():
    packs = load_builtin()
    _part, body = as_part("wellbeing", {"areas": {"mental": "Tired", "physical": "  "},
                                        "flexible_working": "", "shared": []}, packs)
    assert body == {"notes": [{"area": "mental", "label": "Mental", "text": "Tired",
                               "share": False}]}
    _part, body = as_part("competencies", {"ratings": {
        "strategic-operator": {"self": None, "manager": None, "evidence": ""}}}, packs)
    assert body["ratings"] == []


def test_what_the_pages_save_makes_a_preparation_that_passes_its_own_checks():
    packs = load_builtin()
    document = as_document(empty_content(), packs)
    document["plan"]["proposed_objectives"] = [
        {"id": "abc123", "text": "Lead the policy review", "measure": "Adopted",
         "due": "2027-03-31"}]
    document["questions"]["questions"] = [{"id": "q9", "text": "Who else should I talk to?"}]
    content = empty_content()
    for step in ("plan", "questions"):
        part, body = as_part(step, document[step], packs)
        content[part] = body
    identity = {"uid": "a" * 32, "full_name": ME.full_name, "preferred_name": "",
                "job_title": ME.job_title, "band": ME.band,
                "functional_area": ME.functional_area, "manager_name": MY_MANAGER,
                "assignment_number": "", "email": ""}
    prep = make_preparation(identity, [], content, "2026-05-01T09:30:00Z")
    assert prep.content["proposals"]["objectives"][0]["due"] == "2027-03-31"
    assert prep.content["questions"] == [{"id": "q9", "text": "Who else should I talk to?"}]


def test_a_step_that_is_not_ones_own_is_refused():
    with pytest.raises(ValueError):
        as_part("summary", {}, load_builtin())


def test_a_step_counts_as_answered_once_anything_is_written_or_chosen():
    from rmp_desktop.domain.prep_document import answered

    packs = load_builtin()
    empty = as_document(empty_content(), packs)
    assert not any(answered(step, empty[step], packs) for step in OWN_STEP_IDS)
    full = as_document(full_content(), packs)
    assert all(answered(step, full[step], packs) for step in OWN_STEP_IDS)
