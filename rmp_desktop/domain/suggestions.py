"""Suggestions drawn from what a conversation has found: a level, a stream, a transition, actions.

Everything here only proposes. The person and their manager accept, change or
dismiss each suggestion; a dismissed one, or one whose gap already has an
action in the plan, is not offered again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from rmp_desktop.domain.conversation import (
    AVENUE_STATUSES,
    EXPECTATION_RATINGS,
    EXPERIENCE_STATES,
    RATING_SCALE,
    Action,
    ConversationDocument,
    GapRef,
    merged,
)
from rmp_desktop.domain.packs import (
    CareerTransitions,
    CompetencyFramework,
    ExposureWheel,
    PackSet,
    Transition,
)
from rmp_desktop.domain.staff import normalise_band

ESTABLISHED = 3  # the rating at which a competency is secure at the current level
WEAK_EXPECTATIONS = ("not_yet", "developing")
OPEN_EXPERIENCES = ("missing", "planned")


@dataclass(frozen=True)
class Suggestion:
    key: str  # stable across sessions, e.g. "competency:change-catalyst"; what dismissal records
    text: str
    gap: GapRef = field(hash=False)
    reason: str
    priority: int = field(default=0, compare=False)  # how much it matters; see rank_suggestions

    def as_action(self, action_id: str) -> Action:
        """A plan action that takes up this suggestion."""
        return {"id": action_id, "text": self.text,
                "gap": {"kind": self.gap["kind"], "ref": self.gap["ref"]}, "support": "",
                "success_measure": "", "owner": "", "target_date": "", "review_date": "",
                "suggested": True}


def suggest_level(band: str, framework: CompetencyFramework) -> int:
    """The competency level a band sits at, from the framework's own band mapping."""
    canonical = normalise_band(band)
    level = framework.level_for_band(canonical) if canonical else None
    if level is None:
        raise ValueError(f"unknown band {band!r}")
    return level


def suggest_stream(band: str, transitions: CareerTransitions) -> str | None:
    """The development stream whose bands include `band`; None when no stream fits."""
    canonical = normalise_band(band)
    stream = transitions.stream_for_band(canonical) if canonical else None
    return stream.id if stream else None


def suggest_transition(stream_id: str, directions: Iterable[str],
                       transitions: CareerTransitions) -> str | None:
    """The transition to work on, or None.

    Rule: the transitions describe stepping up, so one is suggested only when the
    person has chosen stretch among their directions; it is the first transition
    the pack links to their stream. Someone growing in depth or moving across is
    not steered upwards; they can still pick a transition themselves.
    """
    if "stretch" not in set(directions or ()):
        return None
    linked = transitions.transitions_for(stream_id) if stream_id else ()
    return linked[0].id if linked else None


def suggest_actions(document: Mapping[str, object], packs: PackSet) -> list[Suggestion]:
    """Actions that would close the gaps recorded in `document`, in conversation order."""
    doc = merged(document)
    plan = doc["plan"]
    dismissed = set(plan.get("dismissed_suggestions") or ())
    planned = {_gap_key(a.get("gap")) for a in plan.get("actions") or () if isinstance(a, dict)}
    transition = packs.transitions.transition(doc["transition"].get("transition") or "")
    found = [
        *_competency_gaps(doc, packs.competency),
        *(_dimension_gaps(doc, packs.transitions, transition) if transition else ()),
        *(_experience_gaps(doc, transition) if transition else ()),
        *_avenue_gaps(doc, packs.wheel),
    ]
    return [s for s in found if s.key not in dismissed and _gap_key(s.gap) not in planned]


def rank_suggestions(suggestions: Iterable[Suggestion]) -> list[Suggestion]:
    """The suggestions that matter most first, so the few shown are the ones worth reading.

    First, a competency not yet secure at the current level (the weaker it is rated, the
    sooner); then what the person has already planned (avenues, experiences), which only
    needs a first step and a date; then a chosen transition's shifts, the more expectations
    not yet met the sooner; last, building towards a higher level and experiences not had.
    Ties keep the order of the conversation.
    """
    return sorted(suggestions, key=lambda s: -s.priority)


def _gap_key(gap: object) -> tuple[str, str] | None:
    if not isinstance(gap, dict):
        return None
    return str(gap.get("kind", "")), str(gap.get("ref", ""))


def _suggestion(kind: str, ref: str, text: str, reason: str, key_kind: str | None = None,
                priority: int = 0) -> Suggestion:
    return Suggestion(key=f"{key_kind or kind}:{ref}", text=text, gap={"kind": kind, "ref": ref},
                      reason=reason, priority=priority)


def _lower_first(text: str) -> str:
    """'Leads change' -> 'leads change' for use mid-sentence; 'NHS' and 'EDI' stay as they are."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _clause(text: str) -> str:
    """Pack text quoted after a colon: lower-case start, no full stop (actions read as to-dos)."""
    return _lower_first(text.strip()).rstrip(".")


def _level(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 4 else None


# -- the four sources of gaps -----------------------------------------------------------------

def _competency_gaps(doc: ConversationDocument, framework: CompetencyFramework) -> Iterator[Suggestion]:
    """Areas rated below Established at the current level, and every area when aiming higher.

    The manager's rating counts where there is one, else the person's own. The
    target comes from the competencies step, else from the aspirations step.
    """
    comp = doc["competencies"]
    current = _level(comp.get("current_level"))
    if current is None:
        return
    target = _level(comp.get("target_level")) or _level(doc["aspirations"].get("target_level"))
    aim = target if target is not None and target > current else None  # stepping up
    all_ratings = comp.get("ratings") or {}
    for area in framework.areas:
        ratings = all_ratings.get(area.id)
        ratings = ratings if isinstance(ratings, dict) else {}
        who, rating = "manager", _level(ratings.get("manager"))
        if rating is None:
            who, rating = "self", _level(ratings.get("self"))
        below = rating if rating is not None and rating < ESTABLISHED else None
        if below is None and aim is None:
            continue
        # A gap at the current level comes first; the step up can follow once it is secure.
        if below is not None or aim is None:
            text = (f"Strengthen {area.name} at level {current}: "
                    f"{_clause(area.indicators[current][0])}")
        else:
            text = (f"Build {area.name} from level {current} towards level {aim}: "
                    f"{_clause(area.indicators[aim][0])}")
        reasons = []
        if below is not None:
            rater = "manager rating" if who == "manager" else "self rating"
            reasons.append(f"{rater} at level {current} is {below} ({RATING_SCALE[below]}), "
                           f"below {RATING_SCALE[ESTABLISHED]}")
        if aim is not None:
            reasons.append(f"the target is level {aim}, above the current level {current}")
        reason = "; ".join(reasons)
        # Not yet secure now: 50 for a rating of 1, 40 for 2; only aiming higher: 10.
        priority = 30 + 10 * (ESTABLISHED - below) if below is not None else 10
        yield _suggestion("competency", area.id, text, reason[0].upper() + reason[1:] + ".",
                          priority=priority)


def _dimension_gaps(doc: ConversationDocument, pack: CareerTransitions, transition: Transition) -> Iterator[Suggestion]:
    """One suggestion per dimension with expectations rated Not yet or Developing."""
    ratings = doc["transition"].get("expectations") or {}
    for dimension in pack.dimensions:
        weak = [e for e in transition.expectations.get(dimension.id, ())
                if ratings.get(e.id) in WEAK_EXPECTATIONS]
        if not weak:
            continue
        more = f" (and {len(weak) - 1} more)" if len(weak) > 1 else ""
        text = (f"Develop {_lower_first(dimension.name)} for {_lower_first(transition.name)}: "
                f"{_clause(weak[0].text)}{more}")
        counts = [f"{sum(ratings[e.id] == r for e in weak)} {EXPECTATION_RATINGS[r]}"
                  for r in WEAK_EXPECTATIONS if any(ratings[e.id] == r for e in weak)]
        total = len(transition.expectations.get(dimension.id, ()))
        reason = (f"{len(weak)} of {total} expectations under {dimension.name} are not yet "
                  f"demonstrated ({', '.join(counts)}).")
        not_yet = sum(ratings[e.id] == "not_yet" for e in weak)
        priority = min(29, 20 + 2 * not_yet + (len(weak) - not_yet))  # below what is planned
        yield _suggestion("dimension", dimension.id, text, reason, priority=priority)


def _experience_gaps(doc: ConversationDocument, transition: Transition) -> Iterator[Suggestion]:
    """Helpful experiences not yet had, or planned but not yet in the plan."""
    states = doc["transition"].get("experiences") or {}
    for experience in transition.experiences:
        state = states.get(experience.id)
        if state not in OPEN_EXPERIENCES:
            continue
        verb = "Seek experience" if state == "missing" else "Arrange the planned experience"
        label = f" of {_lower_first(experience.name)}" if experience.name else ""
        text = f"{verb}{label}: {_clause(experience.text)}"
        reason = f"Marked {EXPERIENCE_STATES[state]} for {transition.name}."
        yield _suggestion("experience", experience.id, text, reason, key_kind="experience",
                          priority=30 if state == "planned" else 5)


def _avenue_gaps(doc: ConversationDocument, wheel: ExposureWheel) -> Iterator[Suggestion]:
    """Avenues marked Planned on the wheel, so the intention becomes a dated action."""
    statuses = doc["wheel"].get("avenues") or {}
    for avenue in wheel.avenues:
        if statuses.get(avenue.id) != "planned":
            continue
        example = f", for example {_clause(avenue.examples[0])}" if avenue.examples else ""
        text = f"{avenue.name}: agree a first step and a date{example}"
        reason = f"Marked {AVENUE_STATUSES['planned']} on the exposure wheel."
        yield _suggestion("avenue", avenue.id, text, reason, priority=30)
