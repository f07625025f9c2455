"""The shape of a conversation: its kinds, steps, statuses and the document each step fills.

A conversation's content is a document: one JSON-able dict per step ("section"),
saved as the user types. Everything that reads a conversation (wizard pages,
suggestions, the PDF, the fingerprint) works from these sections, so the shape
is written down once, here. Identifiers of competencies, avenues, transitions
and so on are those of the content packs the conversation recorded.
"""

from __future__ import annotations

import copy
from enum import StrEnum


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
    ("transition", "Career transition"),
    ("wheel", "Exposure wheel"),
    ("plan", "Objectives and plan"),
    ("summary", "Summary"),
)
STEP_IDS: tuple[str, ...] = tuple(s for s, _ in STEPS)
STEP_TITLES: dict[str, str] = dict(STEPS)


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
GAP_KINDS = {"competency": "Competency", "dimension": "Transition dimension",
             "experience": "Transition experience", "avenue": "Exposure avenue", "other": "Other"}


def empty_document() -> dict[str, dict]:
    """A new conversation's content. Every key is always present, so readers need no guards."""
    return copy.deepcopy(_EMPTY)


_EMPTY: dict[str, dict] = {
    "setup": {
        "notes": "",
        # The person as they were when the content was fixed (record.PersonSnapshot as a dict);
        # None while a draft, which shows the person as they are now.
        "person": None,
        # Open actions and objectives brought from the last signed plan:
        # [{"source": "action"|"objective", "text": str, "due": "YYYY-MM-DD"|""}]
        "carried_forward": [],
        # What the staff member wants to raise, from their preparation: [{"id", "text"}]
        "questions": [],
    },
    "reflection": {"went_well": "", "was_hard": "", "proud_of": "", "hopes": ""},
    "looking_back": {
        # [{"id": str, "text": str, "outcome": key of OBJECTIVE_OUTCOMES or "", "evidence": str}]
        "objectives": [],
        "feedback": "",
        # The staff member's progress on the last signed plan's actions, from their
        # preparation: [{"id": "<record uid>:<action id>", "record", "action", "text",
        #                "note", "done_on": "YYYY-MM-DD"|""}]
        "action_progress": [],
    },
    "wellbeing": {
        "share_in_record": False,  # private unless the person chooses otherwise
        # {area id from the prompts pack: note}
        "areas": {},
        "flexible_working": "",
        "support_signposted": "",
        "actions": [],  # [{"id": str, "text": str}]
    },
    "aspirations": {
        "directions": [],  # keys of DIRECTIONS, any mix
        "target_level": None,  # 1..4 on the career pathway
        "target_roles": "",
        "functional_areas": [],  # ids of FUNCTIONAL_AREAS
        "time_horizon": "",  # key of TIME_HORIZONS
        "membership_current": "",  # CIPD membership id from the pathway pack, or ""
        "membership_target": "",
        "notes": "",
    },
    "competencies": {
        "current_level": None,  # 1..4; suggested from the band
        "target_level": None,
        # {area id: {"self": 1..4|None, "manager": 1..4|None, "evidence": str}}
        "ratings": {},
    },
    "transition": {
        "stream": "",  # stream id from the transitions pack, or ""
        "transition": "",  # transition id
        "expectations": {},  # {expectation id: key of EXPECTATION_RATINGS}
        "experiences": {},  # {experience id: key of EXPERIENCE_STATES}
        "notes": "",
    },
    "wheel": {
        "avenues": {},  # {avenue id: key of AVENUE_STATUSES}; absent means not considered
        "notes": "",
    },
    "plan": {
        # [{"id", "text", "measure", "due": "YYYY-MM-DD", "edi": bool}]
        "objectives": [],
        # [{"id", "text", "gap": {"kind": key of GAP_KINDS, "ref": id}, "support",
        #   "success_measure", "owner", "target_date", "review_date", "suggested": bool}]
        "actions": [],
        "dismissed_suggestions": [],  # keys of suggestions the user chose to ignore
        # What the staff member proposed in their preparation, to agree or not:
        "proposed_objectives": [],  # [{"id", "text", "measure", "due"}]
        "development_ideas": [],  # [{"id", "text"}]
    },
    "summary": {
        "employee_comments": "",
        "comments_visited": False,
    },
}


def merged(document: dict) -> dict:
    """A stored document completed with any keys added since it was written.

    Only drafts are read through this: a fixed record is hashed exactly as it was written
    (storage.record_rows.build_record), so a key added here never moves a signed
    fingerprint; it enters a record's content when that record is next fixed."""
    out = empty_document()
    for section, values in (document or {}).items():
        if isinstance(values, dict):
            out.setdefault(section, {}).update(values)
    return out
