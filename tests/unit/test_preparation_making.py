"""Making a preparation file and reading its top level: what is sent, what is left behind,
which versions are read, and what the person is told the file carries."""

from __future__ import annotations

import json

import pytest

from rmp_desktop.domain.equality import QUESTION_IDS
from rmp_desktop.domain.preparation import (
    PreparationRefused,
    carried_summary,
    check_preparation,
    empty_content,
    make_preparation,
    parse_preparation,
)
from rmp_desktop.domain.record import canonical_sha256
from tests.exchange_support import full_content
from tests.unit.test_preparation_format import PACKS, PERSON, as_bytes, made, resealed

WHEN = "2026-05-01T09:30:00Z"
NO_EQUALITY = {q: "" for q in QUESTION_IDS}


def bare(**kwargs):
    return make_preparation(PERSON, PACKS, {}, WHEN, "rmp-desktop 1.0", **kwargs)


def refusal(data: bytes) -> str:
    with pytest.raises(PreparationRefused) as caught:
        parse_preparation(data)
    return str(caught.value)


# -- the file as written -----------------------------------------------------------------------

def test_an_empty_preparation_has_a_known_hash_so_files_stay_readable_across_versions():
    prep = bare()
    assert prep.sha256 == "28c5b3ad815ee78cde8e3f2e9a5f9f574fdf387360b9587c8a0cca9238a31807"
    with_answers = bare(equality={"sex": "female", "age_band": ""})
    assert with_answers.sha256 == (
        "852bb2b2e5bf89ecdc9752bf432d071b2289db2fe7c2ee4d69e19deda3d6cd4c")


def test_the_file_is_readable_utf8_json_indented_by_one_space():
    data = bare().to_file_bytes()
    assert data.startswith(b'{\n "format": "rmp-preparation",\n "format_version": 1,\n'
                           b' "made_at": "2026-05-01T09:30:00Z",\n "made_by": "rmp-desktop 1.0",'
                           b'\n "person": {\n  "uid": "abababababababababababababababab",\n')
    assert "Brzęczyszczykiewicz-Ødegård".encode() in data  # written as it is, not \u escapes
    assert json.loads(data) == bare().to_file_dict()
    assert parse_preparation(data) == bare()


def test_the_format_version_is_1_without_equality_answers_and_2_with_them():
    assert bare().to_file_dict()["format_version"] == 1
    assert "equality" not in bare().to_file_dict()
    sent = bare(equality={})
    assert sent.to_file_dict()["format_version"] == 2
    assert sent.to_file_dict()["equality"] == NO_EQUALITY


def test_the_store_keeps_the_file_without_the_equality_answers():
    plain = bare()
    assert plain.stored_dict() == plain.to_file_dict()
    sent = bare(equality={"sex": "female"})
    stored = sent.stored_dict()
    assert stored["equality"] == "kept apart"
    assert stored["content_sha256"] == sent.sha256
    assert {k: v for k, v in stored.items() if k != "equality"} == {
        k: v for k, v in sent.to_file_dict().items() if k != "equality"}


# -- making one from one's own parts --------------------------------------------------------------

def test_only_notes_ticked_as_shared_with_words_in_them_are_sent():
    notes = [{"area": "mental", "label": "Mental", "text": "Tired", "share": True},
             {"area": "physical", "label": "Physical", "text": "Sore", "share": "yes"},
             {"area": "social", "label": "Social", "text": "Lonely", "share": 1},
             {"area": "financial", "label": "Financial", "text": "   ", "share": True},
             {"area": "workplace", "text": "Noisy office", "share": True}]
    prep = make_preparation(PERSON, PACKS, {"wellbeing": {"notes": notes}}, WHEN)
    assert prep.content["wellbeing"] == {"notes": [
        {"area": "mental", "label": "Mental", "text": "Tired"},
        {"area": "workplace", "label": "", "text": "Noisy office"}]}


def test_missing_parts_are_sent_empty_and_unknown_ones_are_not_sent():
    prep = make_preparation(PERSON, PACKS, {"wellbeing": None, "diary": {"x": 1},
                                            "questions": [{"id": "q1", "text": "Why?"}]}, WHEN)
    expected = empty_content()
    expected["questions"] = [{"id": "q1", "text": "Why?"}]
    assert prep.content == expected
    assert prep.made_by == "" and prep.source == "file" and prep.equality is None


def test_the_persons_details_are_sent_as_text_with_every_field_present():
    prep = make_preparation({"uid": "ab" * 16, "full_name": "Ewa Nowak", "band": "7",
                             "functional_area": "hr-policy", "email": None, "shoe_size": "6"},
                            [{"id": "rmp.wheel", "version": 2, "fingerprint": "d" * 64,
                              "name": "Wheel"}], {}, WHEN)
    assert prep.person == {"uid": "ab" * 16, "full_name": "Ewa Nowak", "preferred_name": "",
                           "job_title": "", "band": "7", "functional_area": "hr-policy",
                           "manager_name": "", "assignment_number": "", "email": ""}
    assert prep.packs == [{"id": "rmp.wheel", "version": "2", "fingerprint": "d" * 64}]


def test_equality_answers_are_sent_for_every_question_unanswered_as_empty():
    prep = bare(equality={"sex": "female", "religion": None, "hair": "red"})
    assert prep.equality == {**NO_EQUALITY, "sex": "female"}
    assert list(prep.equality) == list(QUESTION_IDS)


def test_a_made_preparation_carries_the_hash_of_its_body():
    prep = made()
    assert prep.sha256 == canonical_sha256(prep.body()) == prep.computed_sha256()


# -- the top of an incoming file -----------------------------------------------------------------

@pytest.mark.parametrize("data", [b"[]", b'"rmp-preparation"', b'{"format_version": 1}'])
def test_a_file_that_does_not_say_what_it_is_is_refused(data):
    assert refusal(data) == (
        "This file is not a preparation: it does not say what it is. Ask for the preparation "
        "to be sent again, saved from the application's “Send to my manager”.")


@pytest.mark.parametrize("version", [True, 0, -1, "1", None, 1.0])
def test_a_format_version_that_is_not_a_whole_number_from_1_is_damage(version):
    raw = {**made().to_file_dict(), "format_version": version}
    assert refusal(as_bytes(raw)) == (
        "This preparation is damaged: its format version is missing.")


def test_a_newer_format_version_says_which_one_and_what_to_do():
    raw = {**made().to_file_dict(), "format_version": 3}
    assert refusal(as_bytes(raw)) == (
        "This preparation was made by a newer version of the application (format version 3; "
        "this one reads up to 2). Update the application, then import it again.")
    assert refusal(b'{"format": "rmp-record-copy"}') == (
        "This is a copy of a signed record, not a preparation: import it with “import-record”.")
    assert refusal(b'{"format": "rmp-pack"}') == (
        "This file is not a preparation made by this application.")


def test_versions_1_and_2_are_both_read():
    one = bare()
    two = bare(equality={"sex": "male"})
    assert parse_preparation(one.to_file_bytes()) == one
    assert parse_preparation(two.to_file_bytes()) == two
    raw = {**two.to_file_dict()}
    del raw["equality"]
    assert parse_preparation(resealed(raw)).equality is None  # version 2 may leave it out


def test_a_version_1_file_cannot_carry_equality_answers():
    raw = {**bare(equality={}).to_file_dict(), "format_version": 1}
    assert refusal(resealed(raw)) == (
        "This preparation is damaged or was not made by this application: the file has a field "
        "this format does not have (“equality”). Ask for it to be sent again.")


@pytest.mark.parametrize("claimed", [None, 5, "", "A" * 64, "a" * 63])
def test_a_missing_or_malformed_hash_is_named(claimed):
    raw = {**made().to_file_dict(), "content_sha256": claimed}
    assert refusal(as_bytes(raw)) == (
        "This preparation is damaged or was not made by this application: its SHA-256 is "
        "missing. Ask for it to be sent again.")


def test_a_changed_equality_answer_is_tampering_and_the_words_say_so():
    raw = bare(equality={"sex": "female"}).to_file_dict()
    raw["equality"]["sex"] = "male"
    assert refusal(as_bytes(raw)) == (
        "This preparation was changed after it was made: its content no longer matches the "
        "SHA-256 it carries. Ask for it to be sent again, straight from the application, and "
        "do not edit the file.")


def test_a_form_the_application_filled_in_itself_is_read_without_its_hash():
    raw = made().to_file_dict()
    raw["content"]["reflection"]["hopes"] = "Changed on the form."
    prep = check_preparation(raw, source="form", verify_hash=False)
    assert prep.content["reflection"]["hopes"] == "Changed on the form."
    assert prep.source == "form" and prep.sha256 == made().sha256
    assert check_preparation(made().to_file_dict()).source == "file"


@pytest.mark.parametrize("equality, words", [
    ("female", "is not a group of fields"),
    ({q: "" for q in QUESTION_IDS[1:]}, "lacks the field “ethnic_group”"),
    ({**NO_EQUALITY, "sex": 1}, "are not all text"),
    ({**NO_EQUALITY, "sex": "robot"}, "hold an answer the questions do not offer"),
])
def test_equality_answers_that_are_not_the_questions_own_are_refused(equality, words):
    raw = {**bare(equality={}).to_file_dict(), "equality": equality}
    assert refusal(resealed(raw)) == (
        "This preparation is damaged or was not made by this application: the equality "
        f"monitoring answers {words}. Ask for it to be sent again.")


def test_equality_answers_come_back_in_question_order():
    raw = bare(equality={"age_band": "", "sex": "female"}).to_file_dict()
    raw["equality"] = dict(reversed(list(raw["equality"].items())))
    assert list(parse_preparation(resealed(raw)).equality) == list(QUESTION_IDS)


# -- lists, choices and repeats -----------------------------------------------------------------

def test_a_hundred_entries_are_taken_and_a_hundred_and_one_refused():
    raw = made().to_file_dict()
    raw["content"]["questions"] = [{"id": f"q{i}", "text": "Why?"} for i in range(100)]
    assert len(parse_preparation(resealed(raw)).content["questions"]) == 100
    raw["content"]["questions"].append({"id": "q100", "text": "Why?"})
    assert refusal(resealed(raw)) == (
        "This preparation cannot be taken in: the questions to raise has 101 entries, and the "
        "most allowed is 100.")


def test_an_answer_of_ten_thousand_characters_is_taken():
    raw = made().to_file_dict()
    raw["content"]["reflection"]["hopes"] = "h" * 10_000
    assert parse_preparation(resealed(raw)).content["reflection"]["hopes"] == "h" * 10_000


def test_every_choice_offered_may_be_chosen_once():
    raw = made().to_file_dict()
    raw["content"]["aspirations"]["directions"] = ["stretch", "breadth", "depth"]
    asp = parse_preparation(resealed(raw)).content["aspirations"]
    assert asp["directions"] == ["stretch", "breadth", "depth"]  # in the person's order
    raw["content"]["aspirations"]["directions"] = ["stretch", "breadth", "depth", "depth"]
    assert "the directions is not a list of the answers offered" in refusal(resealed(raw))


def test_empty_answers_are_taken_as_not_answered():
    raw = made().to_file_dict()
    asp = raw["content"]["aspirations"]
    asp.update(membership_current="", membership_target="", time_horizon="", target_level=None)
    raw["content"]["transition"].update(stream="", transition="")
    prep = parse_preparation(resealed(raw))
    assert (prep.content["aspirations"]["membership_current"],
            prep.content["aspirations"]["membership_target"],
            prep.content["aspirations"]["time_horizon"],
            prep.content["aspirations"]["target_level"]) == ("", "", "", None)
    assert (prep.content["transition"]["stream"], prep.content["transition"]["transition"]) \
        == ("", "")


@pytest.mark.parametrize("part, entries, place", [
    (("wellbeing", "notes"), [{"area": "mental", "label": "Mental", "text": "One"},
                              {"area": "mental", "label": "Mental", "text": "Two"}],
     "the wellbeing notes, entry 2,"),
    (("competencies", "ratings"), [
        {"area": "strategic-operator", "label": "", "self": 2, "evidence": ""},
        {"area": "strategic-operator", "label": "", "self": 3, "evidence": "Other"}],
     "the self-ratings, entry 2,"),
    (("progress",), [
        {"record": "f" * 32, "action": "a1", "text": "", "note": "One", "done_on": ""},
        {"record": "f" * 32, "action": "a1", "text": "", "note": "Two", "done_on": ""}],
     "the progress on the last plan, entry 2,"),
])
def test_one_area_or_action_given_twice_is_refused(part, entries, place):
    raw = made().to_file_dict()
    parent = raw["content"]
    for key in part[:-1]:
        parent = parent[key]
    parent[part[-1]] = entries
    assert refusal(resealed(raw)) == (
        "This preparation is damaged or was not made by this application: "
        f"{place} repeats an entry given before. Ask for it to be sent again.")


def test_progress_on_two_actions_of_one_record_is_taken():
    raw = made().to_file_dict()
    rows = [{"record": "f" * 32, "action": "a1", "text": "Shadow", "note": "", "done_on": ""},
            {"record": "f" * 32, "action": "a2", "text": "Read", "note": "Done",
             "done_on": "2027-03-12"},
            {"record": "e" * 32, "action": "a1", "text": "Old", "note": "", "done_on": ""}]
    raw["content"]["progress"] = rows
    assert parse_preparation(resealed(raw)).content["progress"] == rows


@pytest.mark.parametrize("field, value, words", [
    ("record", "F" * 32, "record is not a record identifier"),
    ("record", 7, "record is not a record identifier"),
    ("action", "", "action is not a valid identifier"),
    ("text", 5, "action's wording is not text"),
    ("note", 5, "note is not text"),
    ("done_on", "12/03/2027", "date done is not a date written as YYYY-MM-DD"),
])
def test_progress_on_an_action_is_checked_field_by_field(field, value, words):
    raw = made().to_file_dict()
    row = {"record": "f" * 32, "action": "a1", "text": "Shadow", "note": "", "done_on": ""}
    raw["content"]["progress"] = [{**row, field: value}]
    assert refusal(resealed(raw)) == (
        "This preparation is damaged or was not made by this application: the progress on the "
        f"last plan, entry 1, {words}. Ask for it to be sent again.")


# -- what the person is told it carries ----------------------------------------------------------

PACKS_LINE = ("The names and versions of the framework packs it was made with, when it was made, "
              "and a SHA-256 that shows whether it was changed on the way.")
DETAILS = ("Your details: Ewa Brzęczyszczykiewicz-Ødegård (known as Ewa), Senior HR Adviser, "
           "band 7, manager Θεόδωρος Καραγιάννης, assignment number T-0001, ewa.b@example.nhs.uk, "
           "and this application's identifier for you.")


def test_a_full_preparation_says_everything_it_carries():
    assert carried_summary(made(), private_notes=1) == [
        DETAILS,
        "Your reflection: 4 of 4 questions answered.",
        "Your view of 1 objective from last period, with your evidence.",
        "Your summary of the feedback you have had.",
        "Wellbeing: 2 notes you chose to share; 1 private note stays on this computer, not in "
        "the file.",
        "Your aspirations: direction, level, roles, areas, time and membership as you filled "
        "them in.",
        "Your self-ratings of 2 competency areas, with evidence.",
        "Your career stage self-assessment: 1 expectation rated and 2 helpful experiences "
        "marked.",
        "Your view of the exposure wheel: 2 avenues.",
        "Your proposals: 1 objective and 1 development idea.",
        "1 question you want to raise.",
        PACKS_LINE]


def test_an_empty_preparation_says_only_the_details_and_the_packs():
    assert carried_summary(bare()) == [
        DETAILS, "Your reflection: 0 of 4 questions answered.",
        "Wellbeing: 0 notes you chose to share.", PACKS_LINE]


def test_the_details_leave_out_what_the_person_has_not_given():
    prep = make_preparation({"uid": "ab" * 16, "full_name": "Ewa Nowak", "band": "7",
                             "functional_area": "hr-policy"}, [], {}, WHEN)
    assert carried_summary(prep)[0] == (
        "Your details: Ewa Nowak, no job title, band 7, and this application's identifier "
        "for you.")


def test_counts_are_worded_in_the_plural_and_blank_answers_are_not_counted():
    content = full_content()
    content["reflection"].update(went_well="  ", hopes="")
    content["looking_back"] = {"objectives": [
        {"id": "o1", "text": "One", "outcome": "met", "evidence": ""},
        {"id": "o2", "text": "Two", "outcome": "", "evidence": ""}], "feedback": " \n"}
    content["competencies"]["ratings"][0]["self"] = None
    content["proposals"] = {"objectives": [], "ideas": [{"id": "i1", "text": "A"},
                                                        {"id": "i2", "text": "B"}]}
    content["questions"] = [{"id": "q1", "text": "Why?"}, {"id": "q2", "text": "When?"}]
    content["wheel"]["avenues"] = content["wheel"]["avenues"][:1]
    content["transition"].update(expectations=[], experiences=[
        {"id": "t1-exp-1", "label": "", "state": "had"}])
    content["progress"] = [{"record": "f" * 32, "action": "a1", "text": "Shadow", "note": "",
                            "done_on": ""}]
    prep = make_preparation(PERSON, PACKS, content, WHEN)
    lines = carried_summary(prep, private_notes=2)
    assert lines[1:] == [
        "Your reflection: 2 of 4 questions answered.",
        "Your view of 2 objectives from last period, with your evidence.",
        "Wellbeing: 2 notes you chose to share; 2 private notes stay on this computer, not in "
        "the file.",
        "Your aspirations: direction, level, roles, areas, time and membership as you filled "
        "them in.",
        "Your self-ratings of 1 competency area, with evidence.",
        "Your career stage self-assessment: 0 expectations rated and 1 helpful experience "
        "marked.",
        "Your view of the exposure wheel: 1 avenue.",
        "Your proposals: 0 objectives and 2 development ideas.",
        "2 questions you want to raise.",
        "Your progress on 1 action of your last plan.",
        PACKS_LINE]


def test_each_part_is_mentioned_once_anything_is_in_it():
    content = {"aspirations": {**empty_content()["aspirations"], "time_horizon": "1y"},
               "competencies": {"current_level": None, "target_level": None, "ratings": [
                   {"area": "strategic-operator", "label": "", "self": None,
                    "evidence": "Some"}]},
               "transition": {**empty_content()["transition"], "stream": "stream-1"},
               "proposals": {"objectives": [{"id": "p1", "text": "A", "measure": "",
                                             "due": ""}], "ideas": []},
               "progress": [{"record": "f" * 32, "action": a, "text": "", "note": "",
                             "done_on": ""} for a in ("a1", "a2")]}
    lines = carried_summary(make_preparation(PERSON, PACKS, content, WHEN))
    assert lines[3:-1] == [
        "Your aspirations: direction, level, roles, areas, time and membership as you filled "
        "them in.",
        "Your self-ratings of 0 competency areas, with evidence.",
        "Your career stage self-assessment: 0 expectations rated and 0 helpful experiences "
        "marked.",
        "Your proposals: 1 objective and 0 development ideas.",
        "Your progress on 2 actions of your last plan."]
    only_rated = {"transition": {**empty_content()["transition"], "expectations": [
        {"id": "t1-lp-1", "label": "", "rating": "developing"}]}}
    assert carried_summary(make_preparation(PERSON, PACKS, only_rated, WHEN))[3] == (
        "Your career stage self-assessment: 1 expectation rated and 0 helpful experiences marked.")


def test_equality_answers_are_said_to_be_kept_apart_and_counted():
    lines = carried_summary(bare(equality={"sex": "female", "age_band": "prefer-not"}))
    assert lines[-2] == (
        "Your equality monitoring answers (2 of 7 questions answered), as a part of their own: "
        "your manager's store keeps them apart from your records and only counts them, in "
        "reports that hide small numbers. They are never shown beside your name.")


def test_nouns_ending_in_a_consonant_and_y_are_counted_with_ies():
    from rmp_desktop.domain.preparation import _n

    assert [_n(2, "study"), _n(3, "activity"), _n(2, "day"), _n(0, "key"), _n(1, "study")] == [
        "2 studies", "3 activities", "2 days", "0 keys", "1 study"]


def test_a_file_that_is_not_json_is_refused_as_a_preparation_file():
    assert refusal(b"name,band\nEwa,7\n") == (
        "This file is not a preparation file, or it is damaged: it is not valid JSON. Ask for "
        "it to be sent again.")
    assert refusal(b"%PDF-1.7") == "This is a PDF, not a preparation file."


def test_an_entry_with_a_field_the_format_does_not_have_is_named():
    raw = made().to_file_dict()
    raw["content"]["looking_back"]["objectives"][0]["score"] = 5
    assert refusal(resealed(raw)) == (
        "This preparation is damaged or was not made by this application: last period's "
        "objectives, entry 1, has a field this format does not have (“score”). Ask for it to "
        "be sent again.")


def test_empty_content_is_a_fresh_copy_each_time():
    first = empty_content()
    first["questions"].append({"id": "q1", "text": "Why?"})
    first["reflection"]["hopes"] = "Changed"
    assert empty_content()["questions"] == [] and empty_content()["reflection"]["hopes"] == ""


def test_a_shared_note_without_words_is_not_sent_and_one_without_an_area_is_refused():
    prep = make_preparation(PERSON, PACKS, {"wellbeing": {"notes": [
        {"area": "mental", "label": "Mental", "share": True}]}}, WHEN)
    assert prep.content["wellbeing"] == {"notes": []}
    assert make_preparation(PERSON, PACKS, {"wellbeing": {}}, WHEN).content["wellbeing"] == {
        "notes": []}
    with pytest.raises(PreparationRefused) as caught:
        make_preparation(PERSON, PACKS, {"wellbeing": {"notes": [
            {"label": "Mental", "text": "Tired", "share": True}]}}, WHEN)
    assert str(caught.value) == (
        "This preparation is damaged or was not made by this application: the wellbeing notes, "
        "entry 1, area is not a valid identifier. Ask for it to be sent again.")
