"""A member of staff's rules with known answers: how a band and a functional area are read
however people write them, each check before saving in its own words, and how a person is
named."""

from __future__ import annotations

from datetime import date

import pytest

from rmp_desktop.domain.staff import (
    BAND_ORDER,
    BANDS,
    FUNCTIONAL_AREAS,
    FieldErrors,
    StaffMember,
    listed_name,
    normalise_area,
    normalise_band,
    validate,
)


@pytest.mark.parametrize(("text", "band"), [
    ("Band 8A", "8a"), ("8a", "8a"), ("8-a", "8a"), ("band_6", "6"), (" Band  9 ", "9"),
    ("AfC Band 5", "5"), ("afcband7", "7"), ("afc 2", "2"), (" vsm ", "VSM"), ("VSM", "VSM"),
    ("Very senior manager", "VSM"), ("Band VSM", "VSM"), ("very_senior-manager", "VSM"),
    ("1", None), ("10", None), ("8e", None), ("band", None), ("bandafc5", None), ("", None),
    (None, None), ("Grade 5", None),
])
def test_a_band_is_read_however_it_is_written(text, band):
    assert normalise_band(text) == band


def test_bands_in_pay_order():
    assert BANDS == ("2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9", "VSM")
    assert BAND_ORDER["2"] == 0 and BAND_ORDER["8a"] == 6 and BAND_ORDER["VSM"] == 11


@pytest.mark.parametrize("area_id", list(FUNCTIONAL_AREAS))
def test_each_area_is_read_by_its_identifier_and_its_name(area_id):
    name = FUNCTIONAL_AREAS[area_id]
    assert normalise_area(area_id) == area_id
    assert normalise_area(name) == area_id
    assert normalise_area(name.upper().replace(" ", "  ")) == area_id
    assert normalise_area(name.replace(",", "")) == area_id


@pytest.mark.parametrize(("text", "area"), [
    ("HRBP", "business-partnering"), ("ER", "employee-relations"), ("L.D.", "learning-development"),
    ("LD", "learning-development"), ("OD", "organisational-development"),
    ("OH wellbeing", "occupational-health"), ("Occupational Health", "occupational-health"),
    ("Recruitment", "recruitment-resourcing"), ("resourcing", "recruitment-resourcing"),
    ("Equality, Diversity & Inclusion", "edi"), ("EDI", "edi"),
    ("Workforce information", "workforce-intelligence"), ("Policy", "hr-policy"),
    ("HR & policy", None), ("Payroll", None), ("", None), ("hr", None),
    ("Learning & Development", "learning-development"), ("Médical staffing", "medical-staffing"),
])
def test_an_area_is_read_by_the_short_names_people_use(text, area):
    assert normalise_area(text) == area


def member(**changes: object) -> StaffMember:
    return StaffMember(full_name="Ama Owusu", band="6", functional_area="hr-policy").with_changes(
        **changes)


TODAY = date(2027, 1, 15)


def problems(**changes: object) -> dict[str, str]:
    return validate(member(**changes), today=TODAY).messages


def test_a_complete_person_has_no_problems():
    full = member(job_title="J" * 200, preferred_name="P" * 200, directorate="D" * 100,
                  email=" ama.owusu@trust.nhs.uk ", assignment_number=" 12345678-12345678901 "[:21],
                  start_date=TODAY, full_name="N" * 200)
    errors = validate(full, today=TODAY)
    assert errors.messages == {} and not errors


@pytest.mark.parametrize(("changes", "found"), [
    ({"full_name": "  "}, {"full_name": "Enter the person's name as they write it."}),
    ({"full_name": "N" * 201}, {"full_name": "Shorten the name to 200 characters or fewer."}),
    ({"band": "10"}, {"band": "Choose a band: 2, 3, 4, 5, 6, 7, 8a, 8b, 8c, 8d, 9, VSM."}),
    ({"band": "8A"}, {"band": "Choose a band: 2, 3, 4, 5, 6, 7, 8a, 8b, 8c, 8d, 9, VSM."}),
    ({"functional_area": "HR policy"},
     {"functional_area": "Choose one of the ten functional areas."}),
    ({"email": "ama@trust"}, {"email": "Enter an email address like name@trust.nhs.uk, or leave "
                                       "it empty."}),
    ({"email": "ama owusu@trust.nhs.uk"}, {"email": "Enter an email address like "
                                                    "name@trust.nhs.uk, or leave it empty."}),
    ({"email": "@trust.nhs.uk"}, {"email": "Enter an email address like name@trust.nhs.uk, or "
                                           "leave it empty."}),
    ({"assignment_number": "A" * 21}, {"assignment_number": "Use letters, digits and dashes "
                                                            "only (up to 20), or leave it empty."}),
    ({"assignment_number": "12/34"}, {"assignment_number": "Use letters, digits and dashes only "
                                                           "(up to 20), or leave it empty."}),
    ({"start_date": date(2027, 1, 16)},
     {"start_date": "The start date is in the future; enter the date they started."}),
    ({"job_title": "J" * 201}, {"job_title": "Shorten the job title to 200 characters or fewer."}),
    ({"preferred_name": "P" * 201},
     {"preferred_name": "Shorten the preferred name to 200 characters or fewer."}),
    ({"directorate": "D" * 101},
     {"directorate": "Shorten the directorate to 100 characters or fewer."}),
])
def test_each_check_says_what_to_do(changes, found):
    assert problems(**changes) == found


@pytest.mark.parametrize(("field", "label", "value"), [
    ("full_name", "name", "Ama\u202eOwusu"), ("preferred_name", "preferred name", "A\u202e"),
    ("job_title", "job title", "\u202eLead"), ("email", "email address", "a\u202e@trust.nhs.uk"),
    # \x1f is white space to str.strip, so the number's own form is checked without it.
    ("assignment_number", "assignment number", "A-1\x1f"), ("directorate", "directorate", "\u202e"),
])
def test_hidden_characters_are_refused_in_every_text_field(field, label, value):
    reason = "a control character" if value.endswith("\x1f") else "a hidden text-direction override"
    assert problems(**{field: value}) == {field: (
        f"The {label} contains {reason}, which would not show on screen or paper; type it again "
        "without it.")}


def test_the_first_problem_of_a_field_is_the_one_said():
    assert problems(full_name="\x1b" * 201) == {
        "full_name": "Shorten the name to 200 characters or fewer."}
    errors = FieldErrors()
    errors.add("band", "first")
    errors.add("band", "second")
    assert errors.messages == {"band": "first"} and errors


def test_a_start_date_is_checked_against_today_when_no_day_is_given():
    assert validate(member(start_date=date(9999, 1, 1))).messages == {
        "start_date": "The start date is in the future; enter the date they started."}
    assert validate(member(start_date=date(2000, 1, 1))).messages == {}


@pytest.mark.parametrize(("full", "preferred", "listed", "display"), [
    ("Lâm Thị Hồng Nhung", "Nhung", "Lâm Thị Hồng Nhung (Nhung)", "Nhung"),
    (" Ama Owusu ", " ama owusu ", "Ama Owusu", "ama owusu"),
    ("Zoë Brown", "Zoe Brown", "Zoë Brown", "Zoe Brown"),
    ("Ama Owusu", "", "Ama Owusu", "Ama Owusu"),
    ("", "Ama", "Ama", "Ama"),
    ("  ", "", "", ""),
])
def test_a_person_is_listed_by_full_name_and_spoken_of_by_the_name_they_use(full, preferred,
                                                                            listed, display):
    person = StaffMember(full_name=full, preferred_name=preferred)
    assert listed_name(full, preferred) == person.listed_name == listed
    assert person.display_name == display


def test_a_person_without_a_known_as_name_is_listed_by_full_name():
    assert listed_name("Ama Owusu") == "Ama Owusu"


def test_a_new_person_starts_with_these_details():
    person = StaffMember(full_name="Ama Owusu")
    assert (person.job_title, person.band, person.functional_area, person.preferred_name,
            person.line_manager_id, person.start_date, person.email, person.assignment_number,
            person.archived, person.directorate, person.id, person.uid) == (
        "", "5", "business-partnering", "", None, None, "", "", False, "", None, "")
    assert person.with_changes(band="7").band == "7" and person.band == "5"
