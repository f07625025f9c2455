"""Content packs as immutable values: what content.loader produces and the rest of the app reads.

The packs' shape is domain knowledge (the competency framework, the exposure
wheel, the career transitions and pathway, the conversation prompts); reading and
validating the YAML files is content/'s job, which depends on this, never the
other way round.

Each pack turns back into plain data with `to_dict()`, in the same shape as the
file it came from, so a snapshot stored with a conversation can be parsed again
and gives the same pack and the same fingerprint. Mappings keyed by level number
come out with string keys ("1".."4") so that the dict survives a JSON round trip
unchanged.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar, Protocol, TypeVar, cast


def _mapping() -> Any:
    # Dicts are left out of the generated hash so that packs stay hashable.
    return field(hash=False)


@dataclass(frozen=True, kw_only=True)
class Pack:
    """What every pack has. Subclasses add their content."""

    kind: ClassVar[str]

    id: str
    version: str
    title: str
    description: str = ""
    # Where the pack was read from; for messages only, so not part of its identity.
    source: str = field(default="", compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, **_plain(self)}

    @cached_property
    def fingerprint(self) -> str:
        """SHA-256 of the canonical JSON: the same content always gives the same value."""
        canonical = json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"),
                               ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()

    def ref(self) -> dict[str, str]:
        return {"id": self.id, "version": self.version, "fingerprint": self.fingerprint}


def _plain(value: Any) -> Any:
    """Dataclasses, tuples and level-keyed dicts as JSON-ready data."""
    if dataclasses.is_dataclass(value):
        out = {}
        for f in dataclasses.fields(value):
            if not f.compare:  # `source` is bookkeeping, not content
                continue
            item = getattr(value, f.name)
            if f.metadata.get("omit_default") and item == f.default:
                continue  # a field added later: packs without it keep their fingerprint
            out[f.metadata.get("key", f.name)] = _plain(item)
        return out
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


_Item = TypeVar("_Item", bound=_Identified)


def _by_id(items: Iterable[_Item], item_id: str) -> _Item | None:
    return next((item for item in items if item.id == item_id), None)


# -- competency framework ----------------------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class Level:
    number: int
    name: str
    bands: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class CompetencyArea:
    id: str
    name: str
    summary: str
    indicators: dict[int, tuple[str, ...]] = _mapping()  # level number -> indicators


@dataclass(frozen=True, kw_only=True)
class FrameworkFit:
    """Who an aspirant framework suits, to suggest it: any band, area or direction listed."""

    bands: tuple[str, ...] = ()
    functional_areas: tuple[str, ...] = ()
    directions: tuple[str, ...] = ()
    min_target_level: int = 0


ROLE_CORE, ROLE_ASPIRANT = "core", "aspirant"


@dataclass(frozen=True, kw_only=True)
class CompetencyFramework(Pack):
    kind: ClassVar[str] = "competency_framework"

    levels: tuple[Level, ...]
    areas: tuple[CompetencyArea, ...]
    # Added with the aspirant frameworks; left out of the pack's data when default, so the
    # core framework's fingerprint (and every record naming it) is unchanged.
    role: str = field(default=ROLE_CORE, metadata={"omit_default": True})
    suggested_for: FrameworkFit | None = field(default=None, metadata={"omit_default": True})

    def area(self, area_id: str) -> CompetencyArea | None:
        return _by_id(self.areas, area_id)

    def level(self, number: int) -> Level | None:
        return next((lv for lv in self.levels if lv.number == number), None)

    def level_for_band(self, band: str) -> int | None:
        return next((lv.number for lv in self.levels if band in lv.bands), None)


# -- exposure wheel ----------------------------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class WheelGroup:
    id: str
    name: str
    share: int  # per cent of development effort, 70:20:10 by default
    description: str


@dataclass(frozen=True, kw_only=True)
class Avenue:
    id: str
    name: str
    group: str
    description: str
    examples: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class ExposureWheel(Pack):
    kind: ClassVar[str] = "exposure_wheel"

    groups: tuple[WheelGroup, ...]
    avenues: tuple[Avenue, ...]

    def avenue(self, avenue_id: str) -> Avenue | None:
        return _by_id(self.avenues, avenue_id)

    def group(self, group_id: str) -> WheelGroup | None:
        return _by_id(self.groups, group_id)

    def avenues_in(self, group_id: str) -> tuple[Avenue, ...]:
        return tuple(a for a in self.avenues if a.group == group_id)


# -- career transitions ------------------------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class Stream:
    id: str
    name: str
    bands: tuple[str, ...]
    equivalents: str = ""
    moving_to: str
    also_suits: str = ""
    example_roles: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Dimension:
    id: str
    name: str


@dataclass(frozen=True, kw_only=True)
class Shift:
    from_: str = field(metadata={"key": "from"})
    to: str


@dataclass(frozen=True, kw_only=True)
class Expectation:
    id: str
    text: str


@dataclass(frozen=True, kw_only=True)
class Experience:
    id: str
    text: str
    name: str = ""  # a short heading, such as "Continuous improvement"


@dataclass(frozen=True, kw_only=True)
class Transition:
    id: str
    name: str
    stream: str
    summary: str
    builds_on: str = ""  # a transition the candidate should already have mastered
    shifts: dict[str, Shift] = _mapping()  # dimension id -> shift
    expectations: dict[str, tuple[Expectation, ...]] = _mapping()  # dimension id -> items
    experiences: tuple[Experience, ...]

    def all_expectations(self) -> tuple[Expectation, ...]:
        return tuple(e for items in self.expectations.values() for e in items)


@dataclass(frozen=True, kw_only=True)
class CareerTransitions(Pack):
    kind: ClassVar[str] = "career_transitions"

    duration_months: int
    summary: str
    guidance: tuple[str, ...] = ()
    streams: tuple[Stream, ...]
    dimensions: tuple[Dimension, ...]
    transitions: tuple[Transition, ...]

    def stream(self, stream_id: str) -> Stream | None:
        return _by_id(self.streams, stream_id)

    def dimension(self, dimension_id: str) -> Dimension | None:
        return _by_id(self.dimensions, dimension_id)

    def transition(self, transition_id: str) -> Transition | None:
        return _by_id(self.transitions, transition_id)

    def stream_for_band(self, band: str) -> Stream | None:
        return next((s for s in self.streams if band in s.bands), None)

    def transitions_for(self, stream_id: str) -> tuple[Transition, ...]:
        return tuple(t for t in self.transitions if t.stream == stream_id)


# -- career pathway ----------------------------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class PathwayLevel:
    number: int
    name: str
    bands: tuple[str, ...]
    typical_roles: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class NamedItem:
    """A functional area, entry route or membership grade."""

    id: str
    name: str
    description: str


@dataclass(frozen=True, kw_only=True)
class Offer:
    id: str
    name: str
    levels: tuple[int, ...]
    description: str


@dataclass(frozen=True, kw_only=True)
class CareerPathway(Pack):
    kind: ClassVar[str] = "career_pathway"

    levels: tuple[PathwayLevel, ...]
    functional_areas: tuple[NamedItem, ...]
    entry_routes: tuple[NamedItem, ...]
    memberships: tuple[NamedItem, ...]
    offers: tuple[Offer, ...]

    def level(self, number: int) -> PathwayLevel | None:
        return next((lv for lv in self.levels if lv.number == number), None)

    def offers_for(self, level: int) -> tuple[Offer, ...]:
        return tuple(o for o in self.offers if level in o.levels)

    def membership(self, membership_id: str) -> NamedItem | None:
        return _by_id(self.memberships, membership_id)


# -- conversation prompts ----------------------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class StepPrompt:
    title: str
    intro: str
    questions: tuple[str, ...]
    good_practice: str
    # Short help for a field of the step's section, keyed by the document's field name.
    hints: dict[str, str] = field(default_factory=dict, hash=False)


@dataclass(frozen=True, kw_only=True)
class WellbeingArea:
    id: str
    name: str
    prompt: str


@dataclass(frozen=True, kw_only=True)
class ConversationPrompts(Pack):
    kind: ClassVar[str] = "conversation_prompts"

    steps: dict[str, StepPrompt] = _mapping()  # step id -> prompts
    wellbeing_areas: tuple[WellbeingArea, ...]


# -- talent grid -------------------------------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class AxisPoint:
    id: str
    name: str
    description: str


@dataclass(frozen=True, kw_only=True)
class GridAxis:
    name: str
    description: str
    points: tuple[AxisPoint, ...]  # from lowest to highest

    def point(self, point_id: str) -> AxisPoint | None:
        return _by_id(self.points, point_id)


@dataclass(frozen=True, kw_only=True)
class GridBox:
    across: str  # point id on the horizontal axis
    up: str  # point id on the vertical axis
    name: str
    description: str


@dataclass(frozen=True, kw_only=True)
class TalentGrid(Pack):
    """Where a person is placed: Scope for Growth's impact and growth, or another grid (the
    nine-box) an organisation chooses by putting its own pack of this kind in place."""

    kind: ClassVar[str] = "talent_grid"

    step_title: str
    up: GridAxis  # vertical: impact, or performance
    across: GridAxis  # horizontal: growth, or potential
    boxes: tuple[GridBox, ...]

    def box(self, across: str, up: str) -> GridBox | None:
        return next((b for b in self.boxes if b.across == across and b.up == up), None)


# -- the five together -------------------------------------------------------------------------

# PackSet attribute for each kind, in the order refs() lists them.
SET_FIELDS: dict[str, str] = {
    "competency_framework": "competency",
    "exposure_wheel": "wheel",
    "career_transitions": "transitions",
    "career_pathway": "pathway",
    "conversation_prompts": "prompts",
    "talent_grid": "talent",
}


@dataclass(frozen=True)
class PackSet:
    """One pack of each kind (what a conversation is held against), and the aspirant
    competency frameworks a conversation may choose instead of the core one."""

    competency: CompetencyFramework
    wheel: ExposureWheel
    transitions: CareerTransitions
    pathway: CareerPathway
    prompts: ConversationPrompts
    talent: TalentGrid
    frameworks: tuple[CompetencyFramework, ...] = ()  # aspirant frameworks, core excluded

    @property
    def by_kind(self) -> dict[str, Pack]:
        return {kind: getattr(self, attr) for kind, attr in SET_FIELDS.items()}

    def all_packs(self) -> list[Pack]:
        """Every pack, each kind's first and then the aspirant frameworks: what is kept."""
        return [*self.by_kind.values(), *self.frameworks]

    def refs(self) -> list[dict[str, str]]:
        return [pack.ref() for pack in self.all_packs()]

    def with_pack(self, pack: Pack) -> PackSet:
        """This set with `pack` in place of the one of its kind (an aspirant framework in
        place of the one with its id, or beside the others)."""
        if isinstance(pack, CompetencyFramework) and pack.role == ROLE_ASPIRANT:
            others = tuple(f for f in self.frameworks if f.id != pack.id)
            return dataclasses.replace(self, frameworks=(*others, pack))
        return dataclasses.replace(self, **cast(dict[str, Any], {SET_FIELDS[pack.kind]: pack}))

    def framework(self, framework_id: str) -> CompetencyFramework | None:
        """The core framework for "" or its own id, an aspirant one by id, else None."""
        if not framework_id or framework_id == self.competency.id:
            return self.competency
        return next((f for f in self.frameworks if f.id == framework_id), None)

    def choices(self) -> tuple[CompetencyFramework, ...]:
        return (self.competency, *self.frameworks)

    def for_document(self, document: Mapping[str, Any]) -> PackSet:
        """The set a conversation is shown with: its chosen framework as `competency`."""
        chosen = str((document.get("competencies") or {}).get("framework") or "")
        framework = self.framework(chosen)
        if framework is None or framework is self.competency:
            return self
        return dataclasses.replace(self, competency=framework)
