"""The shape of a conversation: its kinds, steps, statuses and the document each step fills.

A conversation's content is a document: one JSON-able dict per step ("section"),
saved as the user types. Everything that reads a conversation (wizard pages,
suggestions, the PDF, the fingerprint) works from these sections, so the shape
is written down once, here. Identifiers of competencies, avenues, transitions
and so on are those of the content packs the conversation recorded.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import Any, Literal, NotRequired, TypedDict, cast


class Kind(StrEnum):
    APPRAISAL = "appraisal"
    CAREER = "career"
    BOTH = "both"

    @property
    def label(self) -> str:
        return {"appraisal": "Appraisal", "career": "Career conversation",
                "both": "Appraisal and career conversation"}[self.value]


def kind_label(kind: str) -> str:
    """A kind's label; a kind this version does not know is shown as it is, never refused."""
    try:
        return Kind(kind).label
    except ValueError:
        return str(kind).strip().capitalize()


class Status(StrEnum):
    DRAFT = "draft"
    AWAITING_SIGNOFF = "awaiting_signoff"  # one party has signed, content fixed
    SIGNED = "signed"
    SUPERSEDED = "superseded"  # signed, then replaced by a signed amendment

    @property
    def label(self) -> str:
        return {"draft": "Draft", "awaiting_signoff": "Awaiting sign-off",
                "signed": "Signed", "superseded": "Superseded"}[self.value]

    @property
    def editable(self) -> bool:
        return self is Status.DRAFT


# Steps in conversation order; ids are also the section keys of the document.
STEPS: tuple[tuple[str, str], ...] = (
    ("setup", "Set-up"),
    ("reflection", "Reflection"),
    ("looking_back", "Looking back"),
    ("wellbeing", "Health and wellbeing"),
    ("aspirations", "Aspirations"),
    ("competencies", "Competencies"),
    ("talent", "Scope for Growth"),
    ("transition", "Career transition"),
    ("wheel", "Exposure wheel"),
    ("plan", "Objectives and plan"),
    ("summary", "Summary"),
)
STEP_IDS: tuple[str, ...] = tuple(s for s, _ in STEPS)
STEP_TITLES: dict[str, str] = dict(STEPS)
# Steps a conversation may leave out (complete unless begun), and that packs written before
# they existed need not mention.
OPTIONAL_STEPS: tuple[str, ...] = ("talent",)


def steps_for(kind: Kind | str) -> tuple[str, ...]:
    """A career conversation alone skips looking back at last year's objectives."""
    if Kind(kind) is Kind.CAREER:
        return tuple(s for s in STEP_IDS if s != "looking_back")
    return STEP_IDS


# Fixed vocabularies the logic depends on (labels for display beside each).
OBJECTIVE_OUTCOMES = {"met": "Met", "partly_met": "Partly met", "not_met": "Not met",
                      "no_longer_relevant": "No longer relevant"}
DIRECTIONS = {"depth": "Depth: grow in my current role", "breadth": "Breadth: move across to other areas",
              "stretch": "Stretch: step up to a bigger role"}
RATING_SCALE = {1: "Not yet", 2: "Developing", 3: "Established", 4: "Role model"}
EXPECTATION_RATINGS = {"not_yet": "Not yet", "developing": "Developing", "demonstrating": "Demonstrating"}
EXPERIENCE_STATES = {"had": "Already had", "planned": "Planned", "missing": "Not yet had"}
AVENUE_STATUSES = {"not_considered": "Not considered", "exploring": "Exploring", "planned": "Planned",
                   "active": "Actively pursuing", "done": "Done"}
TIME_HORIZONS = {"now": "Now", "1y": "Within a year", "2y": "One to two years", "3y": "Two to three years",
                 "5y": "Three to five years"}
FEEDBACK_SOURCES = {"colleague": "A colleague", "customer": "A customer or service user",
                    "team_member": "Someone they manage", "manager": "A manager or leader",
                    "partner": "A partner organisation", "survey": "A survey or 360 report",
                    "other": "Other"}
GAP_KINDS = {"competency": "Competency", "dimension": "Transition dimension",
             "experience": "Transition experience", "avenue": "Exposure avenue", "other": "Other"}


# -- the document: one section per step ------------------------------------------------------
# Every key is always present in a document made by empty_document() or merged(); a stored
# document from an older version is completed by merged() before anything reads it. Dates are
# ISO strings ("2027-03-31") once readable, or the text as typed (see domain.dates.tidy).


class MidyearWord(TypedDict):
    """A mid-year review's newest word on one action (domain.midyear.latest_progress)."""

    on: str  # ISO date of the review
    progress: str  # a key of domain.midyear.PROGRESS, or ""
    note: str


class CarriedItem(TypedDict):
    """An open action or objective brought from the last signed plan (domain.carry)."""

    source: Literal["action", "objective"]
    text: str
    due: str
    origin: NotRequired[str]  # its id in that plan
    record: NotRequired[str]  # that record's uid
    review: NotRequired[str]  # an action's review date
    midyear: NotRequired[MidyearWord]


class FollowedRecord(TypedDict, total=False):
    """The signed record a conversation follows: {} for a first one."""

    record: str
    held_on: str


class Question(TypedDict):
    """Something the staff member wants to raise, from their preparation."""

    id: str
    text: str


class SetupSection(TypedDict):
    notes: str
    # The person as they were when the content was fixed (record.PersonSnapshot as a dict);
    # None while a draft, which shows the person as they are now.
    person: dict[str, str] | None
    carried_forward: list[CarriedItem]
    questions: list[Question]
    follows: FollowedRecord


class ReflectionSection(TypedDict):
    went_well: str
    was_hard: str
    proud_of: str
    hopes: str


class PastObjective(TypedDict):
    id: str
    text: str
    outcome: str  # a key of OBJECTIVE_OUTCOMES, or "" while undecided
    evidence: str
    origin: NotRequired[str]  # when carried: its id in the last plan
    record: NotRequired[str]  # and that record's uid


class PastAction(TypedDict):
    """A development action of the last signed plan, with its outcome (domain.carry)."""

    id: str
    text: str
    due: str
    outcome: str  # a key of domain.carry.ACTION_OUTCOMES, or "" while undecided
    note: str
    origin: str
    record: str
    midyear: NotRequired[MidyearWord]
    carried_into_plan: NotRequired[str]  # the id of this year's action made from it


class FeedbackItem(TypedDict):
    """Feedback by who gave it, by role; no one named unless the person chooses."""

    id: str
    source: str  # a key of FEEDBACK_SOURCES
    themes: str
    examples: str
    named: bool
    names: str


class ActionProgress(TypedDict):
    """The staff member's progress on one action of the last signed plan, from their
    preparation."""

    id: str  # "<record uid>:<action id>"
    record: str
    action: str
    text: str
    note: str
    done_on: str  # ISO, or "" while not done


class LookingBackSection(TypedDict):
    objectives: list[PastObjective]
    actions: list[PastAction]
    feedback: str
    feedback_items: list[FeedbackItem]
    action_progress: list[ActionProgress]


class WellbeingAction(TypedDict):
    id: str
    text: str


class WellbeingSection(TypedDict):
    share_in_record: bool  # private unless the person chooses otherwise (domain.privacy)
    areas: dict[str, str]  # {wellbeing area id from the prompts pack: note}
    flexible_working: str
    support_signposted: str
    actions: list[WellbeingAction]
    # Only in one's own preparation as the pages show it (domain.prep_document): the ids of
    # the areas the person shares, flexible working included. A conversation has the one
    # choice for the whole section, share_in_record.
    shared: NotRequired[list[str]]


class AspirationsSection(TypedDict):
    directions: list[str]  # keys of DIRECTIONS, any mix
    target_level: int | None  # 1..4 on the career pathway
    target_roles: str
    functional_areas: list[str]  # ids of FUNCTIONAL_AREAS
    time_horizon: str  # a key of TIME_HORIZONS
    membership_current: str  # a CIPD membership id from the pathway pack, or ""
    membership_target: str
    notes: str


class CompetencyRating(TypedDict, total=False):
    self: int | None  # 1..4 on RATING_SCALE
    manager: int | None
    evidence: str


class LastTimeRatings(TypedDict, total=False):
    """Last time's agreed ratings, kept beside this time's (domain.carry.last_time_ratings)."""

    record: str
    held_on: str
    framework: str
    level: int | None
    ratings: dict[str, int]


class CompetenciesSection(TypedDict):
    framework: str  # id of the framework chosen; "" is the core one
    last_time: LastTimeRatings  # {} when there was no last time
    current_level: int | None  # 1..4; suggested from the band
    target_level: int | None
    ratings: dict[str, CompetencyRating]  # {competency area id: ratings}


class Placement(TypedDict):
    up: str  # a point id on the grid's vertical axis (impact, or performance), or ""
    across: str  # on its horizontal axis (growth, or potential)


class TalentSection(TypedDict):
    """Optional: a placement on the organisation's talent grid (Scope for Growth by default),
    shown only in the person's own record."""

    included: bool
    grid: str  # id of the talent grid pack used
    self: Placement  # the person's own view
    manager: Placement  # the manager's view
    reason: str  # why, in words


class TransitionSection(TypedDict):
    stream: str  # a stream id from the transitions pack, or ""
    transition: str  # a transition id, or ""
    expectations: dict[str, str]  # {expectation id: key of EXPECTATION_RATINGS}
    experiences: dict[str, str]  # {experience id: key of EXPERIENCE_STATES}
    notes: str


class WheelSection(TypedDict):
    avenues: dict[str, str]  # {avenue id: key of AVENUE_STATUSES}; absent: not considered
    notes: str


class GapRef(TypedDict):
    kind: str  # a key of GAP_KINDS, or "" until chosen
    ref: str  # the pack id of the competency, dimension, experience or avenue; "" for other


class Objective(TypedDict):
    id: str
    text: str
    measure: str
    due: str
    edi: bool  # an equality, diversity and inclusion objective


class Action(TypedDict):
    id: str
    text: str
    gap: GapRef
    support: str
    success_measure: str
    owner: str
    target_date: str
    review_date: str
    suggested: bool  # taken up from a suggestion


class ProposedObjective(TypedDict):
    """An objective the staff member proposed in their preparation, to agree or not."""

    id: str
    text: str
    measure: str
    due: str


class DevelopmentIdea(TypedDict):
    id: str
    text: str


class PlanSection(TypedDict):
    objectives: list[Objective]
    actions: list[Action]
    dismissed_suggestions: list[str]  # keys of suggestions the user chose to ignore
    # What the staff member proposed in their preparation, to agree or not:
    proposed_objectives: list[ProposedObjective]
    development_ideas: list[DevelopmentIdea]


class SummarySection(TypedDict):
    employee_comments: str
    comments_visited: bool


class ConversationDocument(TypedDict):
    setup: SetupSection
    reflection: ReflectionSection
    looking_back: LookingBackSection
    wellbeing: WellbeingSection
    aspirations: AspirationsSection
    competencies: CompetenciesSection
    talent: TalentSection
    transition: TransitionSection
    wheel: WheelSection
    plan: PlanSection
    summary: SummarySection


class ConversationDetails(TypedDict):
    """What belongs to the conversation itself rather than to a section."""

    kind: Kind | str
    held_on: date
    manager_name: str


def empty_document() -> ConversationDocument:
    """A new conversation's content. Every key is always present, so readers need no guards."""
    return {
        "setup": {"notes": "", "person": None, "carried_forward": [], "questions": [],
                  "follows": {}},
        "reflection": {"went_well": "", "was_hard": "", "proud_of": "", "hopes": ""},
        "looking_back": {"objectives": [], "actions": [], "feedback": "", "feedback_items": [],
                         "action_progress": []},
        "wellbeing": {"share_in_record": False, "areas": {}, "flexible_working": "",
                      "support_signposted": "", "actions": []},
        "aspirations": {"directions": [], "target_level": None, "target_roles": "",
                        "functional_areas": [], "time_horizon": "", "membership_current": "",
                        "membership_target": "", "notes": ""},
        "competencies": {"framework": "", "last_time": {}, "current_level": None,
                         "target_level": None, "ratings": {}},
        "talent": {"included": False, "grid": "", "self": {"up": "", "across": ""},
                   "manager": {"up": "", "across": ""}, "reason": ""},
        "transition": {"stream": "", "transition": "", "expectations": {}, "experiences": {},
                       "notes": ""},
        "wheel": {"avenues": {}, "notes": ""},
        "plan": {"objectives": [], "actions": [], "dismissed_suggestions": [],
                 "proposed_objectives": [], "development_ideas": []},
        "summary": {"employee_comments": "", "comments_visited": False},
    }


def step_section(document: ConversationDocument, step: str) -> dict[str, Any]:
    """One step's section, named by the step's id (the document's keys are the step ids)."""
    return cast(dict[str, dict[str, Any]], document)[step]


def set_section(document: ConversationDocument, step: str, body: Mapping[str, Any]) -> None:
    if step not in STEP_IDS:
        raise KeyError(f"unknown step {step!r}")
    cast(dict[str, object], document)[step] = dict(body)


def replace_contents(document: ConversationDocument, new: Mapping[str, object]) -> None:
    """Make `document` hold what `new` holds, in place: a live copy others keep a hold of."""
    live = cast(dict[str, object], document)
    live.clear()
    live.update(new)


def merged(document: Mapping[str, object] | None) -> ConversationDocument:
    """A stored document completed with any keys added since it was written.

    The values are taken as stored: a section's keys are completed, never checked, so a
    reader still meets what was written. Only drafts are read through this: a fixed record
    is hashed exactly as it was written (storage.record_rows.build_record), so a key added
    here never moves a signed fingerprint; it enters a record's content when that record is
    next fixed."""
    out = cast(dict[str, dict[str, object]], empty_document())
    for section, values in (document or {}).items():
        if isinstance(values, dict):
            out.setdefault(section, {}).update(values)
    return cast(ConversationDocument, out)
