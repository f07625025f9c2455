"""Equality monitoring: the questions, their answers, and how reports group people by them.

Plain Python. Every question is optional and offers "prefer not to say"; an unanswered
question and "prefer not to say" both count as "not given" in a report. The answers are
special category personal data (UK GDPR article 9): they are kept in a table of their own,
keyed by the person's stable uid, and nothing here joins them to a name, a record, a PDF of a
record, an export or a log. Reports read them only to count people, and show only suppressed
counts (domain.suppression).

The ethnic group question uses the categories of the 2021 census for England and Wales (the
ONS classification, grouped under five headings); each carries the closest code of the NHS
Data Dictionary's ethnic category (2001 based), so figures can be set beside NHS returns.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

PREFER_NOT = "prefer-not"
PREFER_NOT_LABEL = "Prefer not to say"
NOT_GIVEN_LABEL = "Not given"  # unanswered or "prefer not to say", in reports

# How an answer came to be recorded.
SOURCE_SELF = "self"  # the person, in My development on their own store
SOURCE_PREPARATION = "preparation"  # the person, in the preparation they sent their manager
SOURCE_CONSENT = "consent"  # a manager, with the person's consent recorded
SOURCES = (SOURCE_SELF, SOURCE_PREPARATION, SOURCE_CONSENT)


@dataclass(frozen=True)
class Answer:
    id: str
    label: str
    group: str = ""  # the heading it sits under (ethnic groups only)
    nhs_code: str = ""  # NHS Data Dictionary ethnic category, for ethnic groups


@dataclass(frozen=True)
class Question:
    id: str  # also the column that stores the answer
    title: str  # short, for reports: "Ethnic group"
    asked: str  # the question as the person reads it
    answers: tuple[Answer, ...]
    help: str = ""

    def answer(self, answer_id: str | None) -> Answer | None:
        return next((a for a in self.answers if a.id == answer_id), None)

    def label(self, answer_id: str | None) -> str:
        found = self.answer(answer_id)
        return found.label if found else NOT_GIVEN_LABEL


def _answers(*pairs: tuple[str, str]) -> tuple[Answer, ...]:
    return tuple(Answer(i, label) for i, label in pairs)


_WHITE = "White"
_MIXED = "Mixed or multiple ethnic groups"
_ASIAN = "Asian or Asian British"
_BLACK = "Black, Black British, Caribbean or African"
_OTHER = "Other ethnic group"
ETHNIC_HEADINGS = (_WHITE, _MIXED, _ASIAN, _BLACK, _OTHER)

ETHNIC_GROUPS: tuple[Answer, ...] = (
    Answer("white-british", "English, Welsh, Scottish, Northern Irish or British", _WHITE, "A"),
    Answer("white-irish", "Irish", _WHITE, "B"),
    Answer("white-gypsy-traveller", "Gypsy or Irish Traveller", _WHITE, "C"),
    Answer("white-roma", "Roma", _WHITE, "C"),
    Answer("white-other", "Any other White background", _WHITE, "C"),
    Answer("mixed-white-black-caribbean", "White and Black Caribbean", _MIXED, "D"),
    Answer("mixed-white-black-african", "White and Black African", _MIXED, "E"),
    Answer("mixed-white-asian", "White and Asian", _MIXED, "F"),
    Answer("mixed-other", "Any other Mixed or multiple ethnic background", _MIXED, "G"),
    Answer("asian-indian", "Indian", _ASIAN, "H"),
    Answer("asian-pakistani", "Pakistani", _ASIAN, "J"),
    Answer("asian-bangladeshi", "Bangladeshi", _ASIAN, "K"),
    Answer("asian-chinese", "Chinese", _ASIAN, "R"),
    Answer("asian-other", "Any other Asian background", _ASIAN, "L"),
    Answer("black-caribbean", "Caribbean", _BLACK, "M"),
    Answer("black-african", "African", _BLACK, "N"),
    Answer("black-other", "Any other Black, Black British or Caribbean background", _BLACK, "P"),
    Answer("other-arab", "Arab", _OTHER, "S"),
    Answer("other-any", "Any other ethnic group", _OTHER, "S"),
    Answer(PREFER_NOT, PREFER_NOT_LABEL, "", "Z"),
)

QUESTIONS: tuple[Question, ...] = (
    Question(
        "ethnic_group", "Ethnic group", "Which of these best describes your ethnic group or "
        "background?", ETHNIC_GROUPS,
        "The groups are those of the 2021 census. Choose the one you feel fits you best."),
    Question(
        "disability", "Disability", "Do you count yourself as disabled, or as having a "
        "long-term condition that affects your day-to-day life a lot or a little?",
        _answers(("yes", "Yes"), ("no", "No"), (PREFER_NOT, PREFER_NOT_LABEL)),
        "The Equality Act 2010 protects anyone with a physical or mental impairment that has "
        "a substantial and long-term effect on their daily activities."),
    Question(
        "sex", "Sex", "What is your sex?",
        _answers(("female", "Female"), ("male", "Male"), (PREFER_NOT, PREFER_NOT_LABEL))),
    Question(
        "gender_identity", "Gender identity", "Is the gender you identify with the same as "
        "the sex you were registered with at birth?",
        _answers(("same", "Yes, the same"), ("different", "No, it is different"),
                 (PREFER_NOT, PREFER_NOT_LABEL))),
    Question(
        "sexual_orientation", "Sexual orientation",
        "Which of these best describes your sexual orientation?",
        _answers(("straight", "Straight or heterosexual"), ("gay-lesbian", "Gay or lesbian"),
                 ("bisexual", "Bisexual"), ("another", "Another sexual orientation"),
                 (PREFER_NOT, PREFER_NOT_LABEL))),
    Question(
        "religion", "Religion or belief", "What is your religion or belief, if any?",
        _answers(("none", "No religion or belief"), ("christian", "Christian"),
                 ("buddhist", "Buddhist"), ("hindu", "Hindu"), ("jewish", "Jewish"),
                 ("muslim", "Muslim"), ("sikh", "Sikh"), ("another", "Another religion or belief"),
                 (PREFER_NOT, PREFER_NOT_LABEL))),
    Question(
        "age_band", "Age band", "Which age band are you in?",
        _answers(("under-25", "Under 25"), ("25-34", "25 to 34"), ("35-44", "35 to 44"),
                 ("45-54", "45 to 54"), ("55-64", "55 to 64"), ("65-plus", "65 or over"),
                 (PREFER_NOT, PREFER_NOT_LABEL)),
        "A band rather than a date of birth: enough to see whether development reaches "
        "every age, and no more."),
)
QUESTION_IDS: tuple[str, ...] = tuple(q.id for q in QUESTIONS)
_BY_ID = {q.id: q for q in QUESTIONS}

WHY_ASKED = (
    "These questions are optional and every one offers “prefer not to say”. Your answers are "
    "kept apart from your records, never appear beside your name, in a record, a PDF or a "
    "log, and are only ever counted, in reports that hide any number small enough to point "
    "at someone. They help your organisation see whether career conversations and "
    "development reach everyone fairly.")


def question(question_id: str) -> Question:
    return _BY_ID[question_id]


class EqualityRefused(ValueError):
    """Answers that cannot be kept; the message says what to do."""


@dataclass(frozen=True)
class EqualityAnswers:
    """One person's answers: {question id: answer id}; a question left out is unanswered."""

    answers: Mapping[str, str]
    source: str = SOURCE_SELF
    consent_on: date | None = None  # when the person agreed to a manager recording them

    def given(self, question_id: str) -> str | None:
        """The answer, or None when unanswered or "prefer not to say"."""
        value = self.answers.get(question_id)
        return value if value and value != PREFER_NOT else None

    @property
    def empty(self) -> bool:
        return not any(self.answers.get(q) for q in QUESTION_IDS)

    def to_dict(self) -> dict[str, str]:
        """Every question, "" for unanswered: the shape a preparation file carries."""
        return {q: self.answers.get(q, "") or "" for q in QUESTION_IDS}


def check_answers(raw: Mapping[str, Any], *, source: str = SOURCE_SELF,
                  consent_on: date | None = None) -> EqualityAnswers:
    """Answers as plain, checked data, or EqualityRefused saying what is wrong. "" or None
    means unanswered; a question or answer this version does not know is refused whole."""
    if source not in SOURCES:
        raise EqualityRefused(f"“{source}” is not a way answers are recorded.")
    if source == SOURCE_CONSENT and consent_on is None:
        raise EqualityRefused("A manager records these answers only with the person's "
                              "consent: confirm that they agreed, and when.")
    unknown = sorted(set(raw) - set(QUESTION_IDS))
    if unknown:
        raise EqualityRefused(f"“{str(unknown[0])[:40]}” is not an equality monitoring question "
                              "this version asks; nothing was kept.")
    answers: dict[str, str] = {}
    for question_id, value in raw.items():
        if value in (None, ""):
            continue
        if not isinstance(value, str) or _BY_ID[question_id].answer(value) is None:
            raise EqualityRefused(f"The answer to “{_BY_ID[question_id].title}” is not one the "
                                  "question offers; nothing was kept.")
        answers[question_id] = value
    return EqualityAnswers(answers, source, consent_on)


# -- how reports group people ------------------------------------------------------------------

BME_LABEL = "Black, Asian, mixed and other minority ethnic groups"
WHITE_LABEL = "White (all White groups)"


@dataclass(frozen=True)
class EqualityBreakdown:
    """A way of grouping people by one question: its id, title and the groups in order."""

    id: str
    title: str
    question: str
    groups: tuple[str, ...]  # labels, NOT_GIVEN_LABEL last

    def group_of(self, answer: str | None) -> str:
        return self.labels().get(answer or "", NOT_GIVEN_LABEL)

    def labels(self) -> dict[str, str]:
        """{answer id: group label} of every answer given (unanswered and "prefer not to say"
        are NOT_GIVEN_LABEL)."""
        found = _LABELS.get(self.id)
        if found is None:
            found = _LABELS[self.id] = {a.id: self._label(a) for a in
                                        question(self.question).answers if a.id != PREFER_NOT}
        return found

    def _label(self, answer: Answer) -> str:
        if self.id == "ethnic_heading":
            return answer.group
        if self.id == "ethnicity_wres":
            return WHITE_LABEL if answer.group == _WHITE else BME_LABEL
        return answer.label


_LABELS: dict[str, dict[str, str]] = {}  # breakdown id -> labels, made on first use


def _plain_breakdown(q: Question) -> EqualityBreakdown:
    labels = tuple(a.label for a in q.answers if a.id != PREFER_NOT)
    return EqualityBreakdown(q.id, q.title, q.id, (*labels, NOT_GIVEN_LABEL))


# Ethnic group by its five headings (the 19 categories would leave almost every cell hidden),
# and as the Workforce Race Equality Standard counts it: White, and every other group.
EQUALITY_BREAKDOWNS: tuple[EqualityBreakdown, ...] = (
    EqualityBreakdown("ethnic_heading", "Ethnic group", "ethnic_group",
                      (*ETHNIC_HEADINGS, NOT_GIVEN_LABEL)),
    EqualityBreakdown("ethnicity_wres", "Ethnic group (White or minority ethnic)", "ethnic_group",
                      (WHITE_LABEL, BME_LABEL, NOT_GIVEN_LABEL)),
    *(_plain_breakdown(q) for q in QUESTIONS if q.id != "ethnic_group"),
)
