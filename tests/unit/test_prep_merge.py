"""Merge rules without Qt or a store: fill, keep, conflict, repeat, older packs."""

from __future__ import annotations

import dataclasses

import pytest

from rmp_desktop.content.loader import load_builtin
from rmp_desktop.domain.conversation import empty_document
from rmp_desktop.domain.prep_merge import DRAFT, PREPARATION, choose, merge
from rmp_desktop.domain.preparation import make_preparation
from tests.exchange_support import full_content
from tests.unit.test_preparation_format import PACKS, PERSON


@pytest.fixture(scope="module")
def packs():
    return load_builtin()


def content(**changes):
    c = make_preparation(PERSON, PACKS, full_content(), "2026-05-01T09:30:00Z").content
    for part, value in changes.items():
        c[part] = value
    return c


def test_an_empty_draft_takes_every_answer_into_the_persons_fields(packs):
    result = merge(empty_document(), content(), packs)
    doc = result.document
    assert not result.conflicts and not result.gone
    assert doc["reflection"]["went_well"].startswith("The mediation pilot")
    assert doc["competencies"]["ratings"]["strategic-operator"] == {
        "self": 2, "manager": None, "evidence": "Linked the casework trends to the people plan."}
    assert doc["competencies"]["current_level"] == 3
    assert doc["wellbeing"]["areas"] == {"mental": "Month end is heavy; I want focus time."}
    assert doc["wellbeing"]["flexible_working"] == "I would like one day a week at home."
    assert doc["wellbeing"]["share_in_record"] is False  # sharing with the manager is not the record
    assert doc["transition"]["expectations"] == {"t1-lp-1": "developing"}
    assert doc["transition"]["experiences"] == {"t1-exp-1": "had", "t1-exp-2": "missing"}
    assert doc["wheel"]["avenues"] == {"shadowing": "planned", "mentoring": "exploring"}
    assert doc["aspirations"]["membership_target"] == "chartered-member"
    assert [o["text"] for o in doc["looking_back"]["objectives"]] == [
        "Launch the early resolution service"]
    assert doc["plan"]["proposed_objectives"][0]["due"] == "2027-05-31"
    assert doc["plan"]["development_ideas"] == [
        {"id": "i1", "text": "A secondment to the ICB people team"}]
    assert doc["setup"]["questions"][0]["text"].startswith("Can the secondment")
    assert doc["plan"]["objectives"] == []  # proposals are not agreed objectives
    assert len(result.filled) > 20


def test_where_the_manager_wrote_something_else_both_are_kept(packs):
    draft = empty_document()
    draft["reflection"]["went_well"] = "Manager: a strong year for casework."
    draft["competencies"]["ratings"]["strategic-operator"] = {"self": 3, "manager": 2,
                                                              "evidence": ""}
    draft["wheel"]["avenues"]["shadowing"] = "done"
    result = merge(draft, content(), packs)
    by_id = {c["id"]: c for c in result.conflicts}
    assert set(by_id) == {"reflection.went_well", "competencies.ratings.strategic-operator.self",
                          "wheel.avenues.shadowing"}
    went = by_id["reflection.went_well"]
    assert went["current"] == "Manager: a strong year for casework."
    assert went["incoming"].startswith("The mediation pilot")
    # The draft keeps its words until the user chooses; the empty evidence was filled.
    rating = result.document["competencies"]["ratings"]["strategic-operator"]
    assert rating == {"self": 3, "manager": 2,
                      "evidence": "Linked the casework trends to the people plan."}
    assert result.document["reflection"]["went_well"] == went["current"]
    chosen = choose(result.document, went, PREPARATION)
    assert chosen["reflection"]["went_well"] == went["incoming"]
    assert choose(result.document, went, DRAFT) == result.document
    kept = choose(result.document, by_id["competencies.ratings.strategic-operator.self"],
                  PREPARATION)
    assert kept["competencies"]["ratings"]["strategic-operator"]["self"] == 2
    assert kept["competencies"]["ratings"]["strategic-operator"]["manager"] == 2


def test_the_same_preparation_again_changes_nothing(packs):
    first = merge(empty_document(), content(), packs)
    again = merge(first.document, content(), packs, base=content())
    assert again.document == first.document
    assert again.filled == [] and again.conflicts == []
    assert "Reflection: what went well" in again.unchanged
    assert "Competencies: Strategic Operator, self-rating" in again.unchanged


def test_a_newer_preparation_replaces_the_persons_own_earlier_words_not_the_managers(packs):
    first = merge(empty_document(), content(), packs)
    doc = first.document
    doc["reflection"]["was_hard"] = "Manager rewrote this."
    newer = content()
    newer["reflection"]["hopes"] = "To lead the service, and to finish my CIPD level 7."
    newer["reflection"]["was_hard"] = "Winter, and the empty post."
    result = merge(doc, newer, packs, base=content())
    assert result.document["reflection"]["hopes"].endswith("CIPD level 7.")
    assert "Reflection: what I hope for next" in result.filled
    assert [c["id"] for c in result.conflicts] == ["reflection.was_hard"]


def test_an_empty_answer_never_clears_the_draft(packs):
    draft = empty_document()
    draft["transition"]["notes"] = "Agreed in the meeting."
    blank = content()
    blank["transition"]["notes"] = ""
    result = merge(draft, blank, packs)
    assert result.document["transition"]["notes"] == "Agreed in the meeting."


def test_last_periods_objectives_match_by_wording_when_ids_differ(packs):
    draft = empty_document()
    draft["looking_back"]["objectives"] = [{"id": "zz9", "text": "launch the early resolution "
                                                                 "service ", "outcome": "",
                                            "evidence": ""}]
    result = merge(draft, content(), packs)
    [row] = result.document["looking_back"]["objectives"]
    assert row["id"] == "zz9" and row["outcome"] == "partly_met"


def test_an_older_pack_still_comes_in_and_what_is_gone_is_reported(packs):
    old = content()
    old["competencies"]["ratings"].append({"area": "retired-area", "label": "Old Area",
                                           "self": 3, "evidence": "Gone now."})
    old["wheel"]["avenues"].append({"id": "sabbaticals", "label": "Sabbaticals",
                                    "status": "planned"})
    old["transition"]["expectations"].append({"id": "t1-old-9", "label": "An old expectation",
                                              "rating": "developing"})
    # The conversation's wheel has lost the mentoring avenue since the file was made.
    wheel = dataclasses.replace(packs.wheel, avenues=tuple(
        a for a in packs.wheel.avenues if a.id != "mentoring"))
    result = merge(empty_document(), old, packs.with_pack(wheel))
    gone = {(g["what"], g["label"]) for g in result.gone}
    assert gone == {("competency area", "Old Area"), ("exposure wheel avenue", "Sabbaticals"),
                    ("exposure wheel avenue", "Mentoring"),
                    ("transition expectation", "An old expectation")}
    assert "retired-area" not in result.document["competencies"]["ratings"]
    assert result.document["wheel"]["avenues"] == {"shadowing": "planned"}
    assert result.document["reflection"]["hopes"]  # everything else still came in


def test_progress_on_the_last_plan_arrives_for_looking_back(packs):
    rec = "f" * 32
    c = content(progress=[{"record": rec, "action": "a1", "text": "Shadow the deputy director",
                           "note": "Booked for March.", "done_on": ""}])
    result = merge(empty_document(), c, packs)
    [row] = result.document["looking_back"]["action_progress"]
    assert row == {"id": f"{rec}:a1", "record": rec, "action": "a1",
                   "text": "Shadow the deputy director", "note": "Booked for March.",
                   "done_on": ""}
    assert result.progress[0]["note"] == "Booked for March."
    later = content(progress=[{**c["progress"][0], "note": "Done, and written up.",
                               "done_on": "2027-03-12"}])
    again = merge(result.document, later, packs, base=c)
    [row] = again.document["looking_back"]["action_progress"]
    assert (row["note"], row["done_on"]) == ("Done, and written up.", "2027-03-12")
