"""Equality monitoring answers: what is kept, what is refused in words, how reports group them."""

from __future__ import annotations

from datetime import date

import pytest

from rmp_desktop.domain import equality
from rmp_desktop.domain.equality import (
    BME_LABEL,
    EQUALITY_BREAKDOWNS,
    ETHNIC_GROUPS,
    NOT_GIVEN_LABEL,
    PREFER_NOT,
    QUESTION_IDS,
    SOURCES,
    WHITE_LABEL,
    Answer,
    EqualityAnswers,
    EqualityBreakdown,
    EqualityRefused,
    check_answers,
    question,
)


def test_the_questions_in_order_each_offering_prefer_not_to_say_last():
    assert QUESTION_IDS == ("ethnic_group", "disability", "sex", "gender_identity",
                            "sexual_orientation", "religion", "age_band")
    for question_id in QUESTION_IDS:
        answers = question(question_id).answers
        assert answers[-1].id == PREFER_NOT and answers[-1].label == "Prefer not to say"
    assert SOURCES == ("self", "preparation", "consent")
    assert len(ETHNIC_GROUPS) == 20


def test_an_answer_and_its_label_are_found_by_id():
    sex = question("sex")
    assert sex.answer("female").label == "Female"
    assert sex.answer("other") is None and sex.answer(None) is None
    assert sex.label("male") == "Male"
    assert sex.label(PREFER_NOT) == "Prefer not to say"
    assert sex.label("unknown") == NOT_GIVEN_LABEL == "Not given"
    assert sex.label(None) == "Not given"
    black = question("ethnic_group").answer("black-african")
    assert (black.label, black.group, black.nhs_code) == (
        "African", "Black, Black British, Caribbean or African", "N")


def test_answers_given_are_kept_and_empty_ones_left_out():
    kept = check_answers({"sex": "female", "disability": "", "religion": None,
                          "age_band": PREFER_NOT})
    assert kept == EqualityAnswers({"sex": "female", "age_band": PREFER_NOT}, "self", None)
    assert kept.given("sex") == "female"
    assert kept.given("age_band") is None, "prefer not to say is not an answer given"
    assert kept.given("disability") is None
    assert not kept.empty
    assert kept.to_dict() == {"ethnic_group": "", "disability": "", "sex": "female",
                              "gender_identity": "", "sexual_orientation": "", "religion": "",
                              "age_band": PREFER_NOT}


def test_prefer_not_to_say_alone_is_not_empty_but_nothing_at_all_is():
    assert not EqualityAnswers({"sex": PREFER_NOT}).empty
    assert EqualityAnswers({}).empty
    assert EqualityAnswers({"sex": ""}).empty
    assert EqualityAnswers({"not-a-question": "x"}).empty
    assert check_answers({}).to_dict() == dict.fromkeys(QUESTION_IDS, "")


def test_how_and_when_answers_came_are_kept():
    on = date(2027, 3, 1)
    kept = check_answers({"sex": "male"}, source="consent", consent_on=on)
    assert (kept.source, kept.consent_on) == ("consent", on)
    assert check_answers({}, source="preparation").source == "preparation"
    assert EqualityAnswers({}).source == "self" and EqualityAnswers({}).consent_on is None


def refused(raw, **kwargs) -> str:
    with pytest.raises(EqualityRefused) as caught:
        check_answers(raw, **kwargs)
    return str(caught.value)


def test_what_cannot_be_kept_is_refused_whole_in_words():
    assert refused({}, source="manager") == "“manager” is not a way answers are recorded."
    assert refused({}, source="consent") == (
        "A manager records these answers only with the person's consent: confirm that they "
        "agreed, and when.")
    assert refused({"zz": "x", "height": "tall", "sex": "male"}) == (
        "“height” is not an equality monitoring question this version asks; nothing was kept.")
    assert refused({"q" * 50: "x"}) == (
        f"“{'q' * 40}” is not an equality monitoring question this version asks; nothing was "
        "kept.")
    assert refused({"sex": "other"}) == (
        "The answer to “Sex” is not one the question offers; nothing was kept.")
    assert refused({"age_band": 30}) == (
        "The answer to “Age band” is not one the question offers; nothing was kept.")
    assert isinstance(EqualityRefused("x"), ValueError)


def breakdown(breakdown_id: str):
    return next(b for b in EQUALITY_BREAKDOWNS if b.id == breakdown_id)


def test_the_breakdowns_reports_use():
    assert [(b.id, b.title, b.question) for b in EQUALITY_BREAKDOWNS] == [
        ("ethnic_heading", "Ethnic group", "ethnic_group"),
        ("ethnicity_wres", "Ethnic group (White or minority ethnic)", "ethnic_group"),
        ("disability", "Disability", "disability"), ("sex", "Sex", "sex"),
        ("gender_identity", "Gender identity", "gender_identity"),
        ("sexual_orientation", "Sexual orientation", "sexual_orientation"),
        ("religion", "Religion or belief", "religion"), ("age_band", "Age band", "age_band")]
    assert breakdown("sex").groups == ("Female", "Male", "Not given")
    assert breakdown("ethnicity_wres").groups == (WHITE_LABEL, BME_LABEL, "Not given")
    assert breakdown("ethnic_heading").groups[-1] == "Not given"
    assert len(breakdown("ethnic_heading").groups) == 6


def test_each_answer_falls_in_its_group_and_prefer_not_in_not_given():
    heading, wres, sex = breakdown("ethnic_heading"), breakdown("ethnicity_wres"), \
        breakdown("sex")
    assert heading.group_of("white-roma") == "White"
    assert heading.group_of("asian-chinese") == "Asian or Asian British"
    assert wres.group_of("white-irish") == "White (all White groups)"
    assert wres.group_of("mixed-white-asian") == (
        "Black, Asian, mixed and other minority ethnic groups")
    assert wres.group_of("other-arab") == BME_LABEL
    assert sex.group_of("female") == "Female"
    for plan in (heading, wres, sex):
        assert plan.group_of(PREFER_NOT) == NOT_GIVEN_LABEL
        assert plan.group_of(None) == NOT_GIVEN_LABEL
        assert plan.group_of("") == NOT_GIVEN_LABEL
    assert PREFER_NOT not in heading.labels()
    assert len(heading.labels()) == 19
    assert breakdown("disability").labels() == {"yes": "Yes", "no": "No"}


@pytest.fixture
def labels_worked_out_afresh(monkeypatch):
    """Each breakdown's labels are kept once worked out; these tests work them out again."""
    monkeypatch.setattr(equality, "_LABELS", {})


@pytest.mark.usefixtures("labels_worked_out_afresh")
def test_ethnic_groups_by_heading_and_as_the_race_equality_standard_counts_them():
    heading, wres = breakdown("ethnic_heading"), breakdown("ethnicity_wres")
    assert heading.labels()["white-gypsy-traveller"] == "White"
    assert heading.labels()["mixed-other"] == "Mixed or multiple ethnic groups"
    assert wres.labels()["white-british"] == WHITE_LABEL
    assert wres.labels()["black-caribbean"] == BME_LABEL
    assert sorted(set(wres.labels().values())) == sorted({WHITE_LABEL, BME_LABEL})
    assert PREFER_NOT not in wres.labels()
    assert breakdown("religion").labels()["sikh"] == "Sikh"
    assert len(breakdown("religion").labels()) == 8


def test_a_question_as_a_plain_breakdown_and_its_answers():
    assert equality._plain_breakdown(question("disability")) == EqualityBreakdown(
        "disability", "Disability", "disability", ("Yes", "No", "Not given"))
    assert equality._answers(("yes", "Yes"), ("no", "No")) == (Answer("yes", "Yes"),
                                                               Answer("no", "No"))
