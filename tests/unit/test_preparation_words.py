"""Every check of an incoming preparation, broken once, refused in full words naming the place.

A manager reads these messages to know what went wrong with a file a colleague sent; each one
names the field the way the form does. Limits are checked at their edge: the longest allowed
passes, one more is refused.
"""

from __future__ import annotations

import pytest

from rmp_desktop.domain.preparation import PreparationRefused, parse_preparation
from tests.unit.test_preparation_format import made, resealed

DAMAGED = ("This preparation is damaged or was not made by this application: {}. "
           "Ask for it to be sent again.")
TOO_LONG = ("This preparation cannot be taken in: {} is {} characters long, and the most "
            "allowed is {}. Shorten it and send it again.")


def edited(path: tuple, value) -> dict:
    raw = made().to_file_dict()
    parent = raw
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    return raw


def refusal(raw: dict) -> str:
    with pytest.raises(PreparationRefused) as caught:
        parse_preparation(resealed(raw))
    return str(caught.value)


C = "content"
OBJ = (C, "looking_back", "objectives", 0)
NOTE = (C, "wellbeing", "notes", 0)
RATING = (C, "competencies", "ratings", 0)
EXPECT = (C, "transition", "expectations", 0)
EXPERIENCE = (C, "transition", "experiences", 0)
AVENUE = (C, "wheel", "avenues", 0)
PROPOSED = (C, "proposals", "objectives", 0)
IDEA = (C, "proposals", "ideas", 0)
QUESTION = (C, "questions", 0)


@pytest.mark.parametrize("path, value, words", [
    ((C, "reflection", "went_well"), 5, "the reflection (went well) is not text"),
    ((C, "reflection", "was_hard"), 5, "the reflection (was hard) is not text"),
    ((C, "reflection", "proud_of"), 5, "the reflection (proud of) is not text"),
    ((C, "reflection", "hopes"), 5, "the reflection (hopes) is not text"),
    ((*OBJ, "id"), "", "last period's objectives, entry 1, id is not a valid identifier"),
    ((*OBJ, "text"), 5, "last period's objectives, entry 1, wording is not text"),
    ((*OBJ, "outcome"), "done",
     "last period's objectives, entry 1, outcome is not one of the answers the form offers"),
    ((*OBJ, "evidence"), 5, "last period's objectives, entry 1, evidence is not text"),
    ((C, "looking_back", "feedback"), 5, "the feedback summary is not text"),
    ((*NOTE, "area"), "", "the wellbeing notes, entry 1, area is not a valid identifier"),
    ((*NOTE, "label"), 5, "the wellbeing notes, entry 1, label is not text"),
    ((*NOTE, "text"), 5, "the wellbeing notes, entry 1, text is not text"),
    ((C, "aspirations", "directions"), "stretch",
     "the directions is not a list of the answers offered"),
    ((C, "aspirations", "directions"), [3],
     "the directions holds an answer the form does not offer"),
    ((C, "aspirations", "directions"), ["depth", "depth"], "the directions gives one answer twice"),
    ((C, "aspirations", "target_level"), 0, "the level aimed for is not a number from 1 to 4"),
    ((C, "aspirations", "target_roles"), 5, "the roles of interest is not text"),
    ((C, "aspirations", "functional_areas"), ["hr-policy", "payroll"],
     "the functional areas holds an answer the form does not offer"),
    ((C, "aspirations", "functional_areas"), {"hr-policy": 1},
     "the functional areas is not a list of the answers offered"),
    ((C, "aspirations", "time_horizon"), "10y",
     "the time horizon is not one of the answers the form offers"),
    ((C, "aspirations", "membership_current"), "not an id",
     "current membership is not a valid identifier"),
    ((C, "aspirations", "membership_target"), None,
     "membership aimed for is not a valid identifier"),
    ((C, "aspirations", "notes"), 5, "the aspirations in your own words is not text"),
    ((C, "competencies", "current_level"), 5, "the current level is not a number from 1 to 4"),
    ((C, "competencies", "target_level"), True,
     "the level aimed for is not a number from 1 to 4"),
    ((*RATING, "area"), "-x", "the self-ratings, entry 1, area is not a valid identifier"),
    ((*RATING, "label"), 5, "the self-ratings, entry 1, label is not text"),
    ((*RATING, "self"), 0, "the self-ratings, entry 1, rating is not a number from 1 to 4"),
    ((*RATING, "evidence"), 5, "the self-ratings, entry 1, evidence is not text"),
    ((C, "transition", "stream"), "stream 1", "the stream is not a valid identifier"),
    ((C, "transition", "transition"), 1, "the transition is not a valid identifier"),
    ((*EXPECT, "id"), "", "the expectations, entry 1, id is not a valid identifier"),
    ((*EXPECT, "label"), 5, "the expectations, entry 1, label is not text"),
    ((*EXPECT, "rating"), "expert",
     "the expectations, entry 1, rating is not one of the answers the form offers"),
    ((*EXPERIENCE, "id"), "", "the helpful experiences, entry 1, id is not a valid identifier"),
    ((*EXPERIENCE, "label"), 5, "the helpful experiences, entry 1, label is not text"),
    ((*EXPERIENCE, "state"), "maybe",
     "the helpful experiences, entry 1, answer is not one of the answers the form offers"),
    ((C, "transition", "notes"), 5, "the transition notes is not text"),
    ((*AVENUE, "id"), "", "the exposure wheel's avenues, entry 1, id is not a valid identifier"),
    ((*AVENUE, "label"), 5, "the exposure wheel's avenues, entry 1, label is not text"),
    ((*AVENUE, "status"), "dreaming",
     "the exposure wheel's avenues, entry 1, status is not one of the answers the form offers"),
    ((C, "wheel", "notes"), 5, "the exposure wheel notes is not text"),
    ((*PROPOSED, "id"), "", "the objectives proposed, entry 1, id is not a valid identifier"),
    ((*PROPOSED, "text"), 5, "the objectives proposed, entry 1, wording is not text"),
    ((*PROPOSED, "measure"), 5, "the objectives proposed, entry 1, measure is not text"),
    ((*PROPOSED, "due"), "2027-5-31",
     "the objectives proposed, entry 1, date is not a date written as YYYY-MM-DD"),
    ((*IDEA, "id"), "", "the development ideas, entry 1, id is not a valid identifier"),
    ((*IDEA, "text"), 5, "the development ideas, entry 1, wording is not text"),
    ((*QUESTION, "id"), "", "the questions to raise, entry 1, id is not a valid identifier"),
    ((*QUESTION, "text"), 5, "the questions to raise, entry 1, wording is not text"),
    (("person", "uid"), "AB" * 16, "the person's identifier is not 32 hexadecimal digits"),
    (("person", "full_name"), 5, "the person's full name is not text"),
    (("person", "preferred_name"), 5, "the person's preferred name is not text"),
    (("person", "job_title"), 5, "the person's job title is not text"),
    (("person", "band"), "12", "the person's band is not an Agenda for Change band"),
    (("person", "functional_area"), "payroll",
     "the person's functional area is not one of the ten"),
    (("person", "manager_name"), 5, "the person's manager name is not text"),
    (("person", "assignment_number"), 5, "the person's assignment number is not text"),
    (("person", "email"), 5, "the person's email is not text"),
    (("packs", 0, "id"), "rmp competency",
     "the list of framework packs, entry 1, id is not a valid identifier"),
    (("packs", 0, "version"), 1, "the list of framework packs, entry 1, version is not text"),
    (("packs", 0, "fingerprint"), "C" * 64,
     "the list of framework packs, entry 1, fingerprint is not a SHA-256"),
    (("made_at",), 5, "when it was made is not text"),
    (("made_by",), 5, "the application that made it is not text"),
])
def test_each_damaged_field_is_named_in_the_refusal(path, value, words):
    assert refusal(edited(path, value)) == DAMAGED.format(words)


@pytest.mark.parametrize("path, place, limit", [
    ((*NOTE, "label"), "the wellbeing notes, entry 1, label", 200),
    ((*RATING, "label"), "the self-ratings, entry 1, label", 200),
    ((*EXPECT, "label"), "the expectations, entry 1, label", 1000),
    ((*EXPERIENCE, "label"), "the helpful experiences, entry 1, label", 1000),
    ((*AVENUE, "label"), "the exposure wheel's avenues, entry 1, label", 200),
    (("person", "full_name"), "the person's full name", 254),
    (("person", "job_title"), "the person's job title", 254),
    (("person", "email"), "the person's email", 254),
    (("person", "assignment_number"), "the person's assignment number", 254),
    (("packs", 0, "version"), "the list of framework packs, entry 1, version", 40),
    (("packs", 0, "fingerprint"), "the list of framework packs, entry 1, fingerprint", 64),
    (("made_at",), "when it was made", 20),
    (("made_by",), "the application that made it", 80),
])
def test_each_length_limit_is_worded_one_past_its_edge(path, place, limit):
    assert refusal(edited(path, "x" * (limit + 1))) == TOO_LONG.format(
        place, f"{limit + 1:,}", f"{limit:,}")


@pytest.mark.parametrize("path, limit", [
    ((*NOTE, "label"), 200), ((*RATING, "label"), 200), ((*EXPECT, "label"), 1000),
    ((*EXPERIENCE, "label"), 1000), ((*AVENUE, "label"), 200), (("packs", 0, "version"), 40),
    (("made_at",), 20), (("made_by",), 80),
])
def test_text_at_its_limit_is_taken_in(path, limit):
    prep = parse_preparation(resealed(edited(path, "x" * limit)))
    taken = prep.to_file_dict()
    for key in path:
        taken = taken[key]
    assert taken == "x" * limit


def test_an_email_address_of_254_characters_is_taken_in():
    email = "e" * 241 + "@trust.nhs.uk"
    assert parse_preparation(resealed(edited(("person", "email"), email))).person["email"] == email


@pytest.mark.parametrize("field", ["preferred_name", "manager_name"])
def test_a_name_of_201_characters_is_refused_and_200_is_taken(field):
    assert refusal(edited(("person", field), "Ann " * 50 + "B")) == (
        "This preparation's names are longer than 200 characters.")
    assert parse_preparation(resealed(edited(("person", field), "Ann " * 50))).person[field] \
        == "Ann " * 50


@pytest.mark.parametrize("changes, words", [
    ({"full_name": " "}, "Enter the person's name as they write it."),
    ({"full_name": "N" * 201}, "Shorten the name to 200 characters or fewer."),
    ({"job_title": "J" * 201}, "Shorten the job title to 200 characters or fewer."),
    ({"email": "ewa at example"},
     "Enter an email address like name@trust.nhs.uk, or leave it empty."),
    ({"assignment_number": "T 0001!"},
     "Use letters, digits and dashes only (up to 20), or leave it empty."),
    ({"full_name": "", "email": "ewa@"},
     "Enter the person's name as they write it. Enter an email address like "
     "name@trust.nhs.uk, or leave it empty."),
])
def test_the_persons_details_are_checked_as_a_staff_record_is(changes, words):
    raw = made().to_file_dict()
    raw["person"].update(changes)
    assert refusal(raw) == f"This preparation's details of the person cannot be used: {words}"


@pytest.mark.parametrize("path, place", [
    (("content",), "the content"),
    (("person",), "the person's details"),
    ((C, "reflection"), "the reflection"),
    ((C, "looking_back"), "looking back"),
    ((C, "wellbeing"), "wellbeing"),
    ((C, "aspirations"), "the aspirations"),
    ((C, "competencies"), "the competencies"),
    ((C, "transition"), "the career transition"),
    ((C, "wheel"), "the exposure wheel"),
    ((C, "proposals"), "the proposals"),
    ((C, "equality"), "the content"),  # not a part of the content: "has a field ..."
])
def test_each_group_that_is_not_one_is_named(path, place):
    words = (f"{place} has a field this format does not have (“equality”)"
             if path[-1] == "equality" else f"{place} is not a group of fields")
    assert refusal(edited(path, "text")) == DAMAGED.format(words)


@pytest.mark.parametrize("path, place", [
    ((C, "looking_back", "objectives"), "last period's objectives"),
    ((C, "wellbeing", "notes"), "the wellbeing notes"),
    ((C, "competencies", "ratings"), "the self-ratings"),
    ((C, "transition", "expectations"), "the expectations"),
    ((C, "transition", "experiences"), "the helpful experiences"),
    ((C, "wheel", "avenues"), "the exposure wheel's avenues"),
    ((C, "proposals", "objectives"), "the objectives proposed"),
    ((C, "proposals", "ideas"), "the development ideas"),
    ((C, "questions"), "the questions to raise"),
    ((C, "progress"), "the progress on the last plan"),
    (("packs",), "the list of framework packs"),
])
def test_each_list_that_is_not_one_or_holds_something_else_is_named(path, place):
    assert refusal(edited(path, {"0": "text"})) == DAMAGED.format(f"{place} is not a list")
    assert refusal(edited(path, ["text"])) == DAMAGED.format(
        f"{place}, entry 1, is not a group of fields")

