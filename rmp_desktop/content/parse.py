"""Check plain data against the pack rules and build the pack: one small parser per kind.

Used for files and for the snapshots stored with conversations, so a pack read
back from the database passes the same rules as the file it came from.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from typing import Any, TypedDict, TypeVar, cast

from rmp_desktop.content.reader import IdRegistry, Node, describe
from rmp_desktop.domain.conversation import DIRECTIONS, OPTIONAL_STEPS, STEP_IDS, empty_document
from rmp_desktop.domain.packs import (
    ROLE_ASPIRANT,
    ROLE_CORE,
    Avenue,
    AxisPoint,
    CareerPathway,
    CareerTransitions,
    CompetencyArea,
    CompetencyFramework,
    ConversationPrompts,
    Dimension,
    Expectation,
    Experience,
    ExposureWheel,
    FrameworkFit,
    GridAxis,
    GridBox,
    Level,
    NamedItem,
    Offer,
    Pack,
    PathwayLevel,
    Shift,
    StepPrompt,
    Stream,
    TalentGrid,
    Transition,
    WellbeingArea,
    WheelGroup,
)
from rmp_desktop.domain.staff import BANDS, FUNCTIONAL_AREAS, normalise_band

LEVEL_NUMBERS = (1, 2, 3, 4)
INDICATORS_PER_LEVEL = (3, 5)
QUESTIONS_PER_STEP = (3, 5)
PACK_ID = re.compile(r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$")
SEMVER = re.compile(r"^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$")
HEADER = ("kind", "id", "version", "title")


class Header(TypedDict):
    """What every pack's header gives its constructor."""

    id: str
    version: str
    title: str
    description: str
    source: str


_L = TypeVar("_L", Level, PathwayLevel)


def parse_pack(data: Any, source: str) -> Pack:
    """Validate `data` (a parsed file or a stored snapshot) and build its pack; raises PackError."""
    root = Node(data, "", source)
    if not isinstance(data, dict):
        raise root.error(f"expected a set of named fields at the top, found {describe(data)}")
    if "kind" not in data:
        raise root.error("missing required field 'kind'")
    kind = data["kind"]
    if not isinstance(kind, str) or kind not in _PARSERS:
        raise root.at("kind").error(
            f"unknown kind '{kind}'; expected one of {', '.join(sorted(_PARSERS))}")
    required, optional, parse = _PARSERS[kind]
    root.fields(HEADER + required, ("description",) + optional)
    return parse(root, IdRegistry(), _header(root))


def _header(root: Node) -> Header:
    pack_id = root.at("id").as_text()
    if not PACK_ID.match(pack_id):
        raise root.at("id").error(f"pack identifier '{pack_id}' should use lower-case letters, "
                                  "digits, dots and hyphens, like 'trust.competency-framework'")
    version_node = root.at("version")
    if not isinstance(version_node.value, str):
        raise version_node.error(f"write the version as quoted text like \"1.0.0\", "
                                 f"found {describe(version_node.value)}")
    version = version_node.as_text()
    if not SEMVER.match(version):
        raise version_node.error(f"version '{version}' should look like 1.0.0")
    return {"id": pack_id, "version": version, "title": root.text("title"),
            "description": root.text("description", default=""), "source": root.file}


# -- shared pieces -----------------------------------------------------------------------------

def _band(node: Node) -> str:
    raw = node.value
    band = normalise_band(str(raw)) if isinstance(raw, str | int) and not isinstance(raw, bool) else None
    if band is None:
        raise node.error(f"unknown band '{raw}'; bands are {', '.join(BANDS)}")
    return band


def _bands(node: Node, key: str, low: int = 1) -> tuple[str, ...]:
    bands = []
    for item in node.items(key, "bands", low):
        band = _band(item)
        if band in bands:
            raise item.error(f"band {band} is listed twice")
        bands.append(band)
    return tuple(bands)


def _competency_level(node: Node, number: int, bands: tuple[str, ...]) -> Level:
    return Level(number=number, name=node.text("name"), bands=bands)


def _pathway_level(node: Node, number: int, bands: tuple[str, ...]) -> PathwayLevel:
    return PathwayLevel(number=number, name=node.text("name"), bands=bands,
                        typical_roles=node.texts("typical_roles", "roles"))


def _levels(root: Node, make: Callable[[Node, int, tuple[str, ...]], _L],
            extra: tuple[str, ...] = ()) -> tuple[_L, ...]:
    """Exactly four levels numbered 1 to 4, every band in exactly one of them."""
    levels: dict[int, _L] = {}
    owner: dict[str, int] = {}
    for node in root.items("levels", "levels", 4, 4):
        node.fields(("number", "name", "bands") + extra)
        number = node.integer("number", 1, 4)
        if number in levels:
            raise node.at("number").error(f"level {number} appears twice")
        bands = _bands(node, "bands")
        for band in bands:
            if band in owner:
                raise node.at("bands").error(
                    f"band {band} is already in level {owner[band]}; each band belongs to one level")
            owner[band] = number
        levels[number] = make(node, number, bands)
    missing = [b for b in BANDS if b not in owner]
    if missing:
        raise root.at("levels").error(
            f"band {missing[0]} is not in any level; every band from {BANDS[0]} to {BANDS[-1]} "
            "needs one")
    return tuple(levels[n] for n in LEVEL_NUMBERS)


def _level_key(key: Any, node: Node) -> int:
    """Level numbers as mapping keys: 3 in YAML, "3" once stored as JSON."""
    if isinstance(key, int) and not isinstance(key, bool) and key in LEVEL_NUMBERS:
        return key
    if isinstance(key, str) and key.strip().isdigit() and int(key) in LEVEL_NUMBERS:
        return int(key)
    raise node.error(f"'{key}' is not a level; use 1, 2, 3 or 4")


def _named(node: Node, ids: IdRegistry) -> NamedItem:
    node.fields(("id", "name", "description"))
    return NamedItem(id=ids.claim(node), name=node.text("name"),
                     description=node.text("description"))


def _known(node: Node, value: str, known: Collection[str], what: str) -> str:
    if value not in known:
        raise node.error(f"unknown {what} '{value}'; expected one of {', '.join(known)}")
    return value


# -- one parser per kind -----------------------------------------------------------------------

def _competency(root: Node, ids: IdRegistry, header: Header) -> CompetencyFramework:
    levels = _levels(root, _competency_level)
    areas = []
    for node in root.items("areas", "areas"):
        node.fields(("id", "name", "summary", "indicators"))
        area_id = ids.claim(node)
        indicators: dict[int, tuple[str, ...]] = {}
        for key, level_node in node.entries("indicators"):
            number = _level_key(key, level_node)
            if number in indicators:
                raise level_node.error(f"indicators for level {number} are given twice")
            indicators[number] = tuple(
                n.as_text() for n in level_node.as_items("indicators", *INDICATORS_PER_LEVEL))
        for number in LEVEL_NUMBERS:
            if number not in indicators:
                raise node.at("indicators").error(f"missing indicators for level {number}")
        areas.append(CompetencyArea(id=area_id, name=node.text("name"), summary=node.text("summary"),
                                    indicators={n: indicators[n] for n in LEVEL_NUMBERS}))
    role = _known(root.at("role"), root.text("role", default=ROLE_CORE),
                  (ROLE_CORE, ROLE_ASPIRANT), "framework role")
    fit = _fit(root.at("suggested_for")) if root.has("suggested_for") else None
    if fit is not None and role != ROLE_ASPIRANT:
        raise root.at("suggested_for").error("only an aspirant framework (role: aspirant) is "
                                             "suggested; the core framework applies by default")
    return CompetencyFramework(**header, levels=levels, areas=tuple(areas), role=role,
                               suggested_for=fit)


def _fit(node: Node) -> FrameworkFit:
    node.fields((), ("bands", "functional_areas", "directions", "min_target_level"))
    areas = tuple(_known(n, n.as_text(), FUNCTIONAL_AREAS, "functional area")
                  for n in (node.items("functional_areas", "functional areas", 0)
                            if node.has("functional_areas") else ()))
    directions = tuple(_known(n, n.as_text(), DIRECTIONS, "direction")
                       for n in (node.items("directions", "directions", 0)
                                 if node.has("directions") else ()))
    return FrameworkFit(bands=_bands(node, "bands", 0) if node.has("bands") else (),
                        functional_areas=areas, directions=directions,
                        min_target_level=node.integer("min_target_level", 0, 4)
                        if node.has("min_target_level") else 0)


def _point(node: Node, ids: IdRegistry) -> AxisPoint:
    node.fields(("id", "name", "description"))
    return AxisPoint(id=ids.claim(node), name=node.text("name"),
                     description=node.text("description"))


def _talent(root: Node, ids: IdRegistry, header: Header) -> TalentGrid:
    axes = {}
    for key in ("up", "across"):
        node = root.at(key)
        node.fields(("name", "description", "points"))
        points = tuple(_point(p, ids) for p in node.items("points", "points", 3, 3))
        axes[key] = GridAxis(name=node.text("name"), description=node.text("description"),
                             points=points)
    boxes, seen = [], set()
    for node in root.items("boxes", "boxes", 9, 9):
        node.fields(("across", "up", "name", "description"))
        across = _known(node.at("across"), node.text("across"),
                        [p.id for p in axes["across"].points], "point across")
        up = _known(node.at("up"), node.text("up"), [p.id for p in axes["up"].points], "point up")
        if (across, up) in seen:
            raise node.error(f"the box at {across} and {up} is described twice")
        seen.add((across, up))
        boxes.append(GridBox(across=across, up=up, name=node.text("name"),
                             description=node.text("description")))
    return TalentGrid(**header, step_title=root.text("step_title"), up=axes["up"],
                      across=axes["across"], boxes=tuple(boxes))


def _wheel(root: Node, ids: IdRegistry, header: Header) -> ExposureWheel:
    groups = []
    for node in root.items("groups", "groups"):
        node.fields(("id", "name", "share", "description"))
        groups.append(WheelGroup(id=ids.claim(node), name=node.text("name"),
                                 share=node.integer("share", 0, 100),
                                 description=node.text("description")))
    total = sum(g.share for g in groups)
    if total != 100:
        raise root.at("groups").error(f"the shares add up to {total}; they should add up to 100")
    group_ids = tuple(g.id for g in groups)
    avenues = []
    for node in root.items("avenues", "avenues"):
        node.fields(("id", "name", "group", "description", "examples"))
        avenues.append(Avenue(
            id=ids.claim(node), name=node.text("name"),
            group=_known(node.at("group"), node.text("group"), group_ids, "group"),
            description=node.text("description"),
            examples=node.texts("examples", "examples", 1, 5)))
    return ExposureWheel(**header, groups=tuple(groups), avenues=tuple(avenues))


def _transitions(root: Node, ids: IdRegistry, header: Header) -> CareerTransitions:
    streams: list[Stream] = []
    stream_of_band: dict[str, str] = {}
    for node in root.items("streams", "streams"):
        node.fields(("id", "name", "bands", "moving_to"),
                    ("equivalents", "also_suits", "example_roles"))
        stream_id = ids.claim(node)
        bands = _bands(node, "bands", low=0)
        for band in bands:
            if band in stream_of_band:
                raise node.at("bands").error(
                    f"band {band} is already in {stream_of_band[band]}; each band suggests one stream")
            stream_of_band[band] = stream_id
        streams.append(Stream(
            id=stream_id, name=node.text("name"), bands=bands,
            equivalents=node.text("equivalents", default=""), moving_to=node.text("moving_to"),
            also_suits=node.text("also_suits", default=""),
            example_roles=node.texts("example_roles", "roles", 0) if node.has("example_roles") else ()))
    dimensions = []
    for node in root.items("dimensions", "dimensions"):
        node.fields(("id", "name"))
        dimensions.append(Dimension(id=ids.claim(node), name=node.text("name")))
    dim_ids = tuple(d.id for d in dimensions)
    stream_ids = tuple(s.id for s in streams)
    nodes = root.items("transitions", "transitions")
    transitions = [_transition(node, ids, dim_ids, stream_ids) for node in nodes]
    transition_ids = [t.id for t in transitions]
    for node, t in zip(nodes, transitions, strict=True):
        if t.builds_on and (t.builds_on not in transition_ids or t.builds_on == t.id):
            raise node.at("builds_on").error(
                f"builds_on should name another transition, one of {', '.join(transition_ids)}")
    return CareerTransitions(
        **header, duration_months=root.integer("duration_months", 1, 120),
        summary=root.text("summary"),
        guidance=root.texts("guidance", "notes", 0) if root.has("guidance") else (),
        streams=tuple(streams), dimensions=tuple(dimensions), transitions=tuple(transitions))


def _transition(node: Node, ids: IdRegistry, dim_ids: tuple[str, ...],
                stream_ids: tuple[str, ...]) -> Transition:
    node.fields(("id", "name", "stream", "summary", "shifts", "expectations", "experiences"),
                ("builds_on",))
    transition_id = ids.claim(node)
    shifts: dict[str, Shift] = {}
    for key, shift in _by_dimension(node, "shifts", dim_ids).items():
        shift.fields(("from", "to"))
        shifts[key] = Shift(from_=shift.text("from"), to=shift.text("to"))
    expectations: dict[str, tuple[Expectation, ...]] = {}
    for key, group in _by_dimension(node, "expectations", dim_ids).items():
        items = []
        for item in group.as_items("expectations"):
            item.fields(("id", "text"))
            items.append(Expectation(id=ids.claim(item), text=item.text("text")))
        expectations[key] = tuple(items)
    experiences = []
    for item in node.items("experiences", "experiences"):
        item.fields(("id", "text"), ("name",))
        experiences.append(Experience(id=ids.claim(item), text=item.text("text"),
                                      name=item.text("name", default="")))
    return Transition(
        id=transition_id, name=node.text("name"),
        stream=_known(node.at("stream"), node.text("stream"), stream_ids, "stream"),
        summary=node.text("summary"), builds_on=node.text("builds_on", default=""),
        shifts=shifts, expectations=expectations, experiences=tuple(experiences))


def _by_dimension(node: Node, key: str, dim_ids: tuple[str, ...]) -> dict[str, Node]:
    """A mapping with exactly one entry per dimension, returned in the pack's dimension order."""
    found: dict[str, Node] = {}
    for dim, child in node.entries(key):
        found[_known(child, str(dim), dim_ids, "dimension")] = child
    for dim in dim_ids:
        if dim not in found:
            raise node.at(key).error(f"missing dimension '{dim}'")
    return {dim: found[dim] for dim in dim_ids}


def _pathway(root: Node, ids: IdRegistry, header: Header) -> CareerPathway:
    levels = _levels(root, _pathway_level, extra=("typical_roles",))
    areas = []
    for node in root.items("functional_areas", "functional areas", len(FUNCTIONAL_AREAS),
                           len(FUNCTIONAL_AREAS)):
        area = _named(node, ids)
        _known(node.at("id"), area.id, FUNCTIONAL_AREAS, "functional area")
        areas.append(area)
    offers = []
    for node in root.items("offers", "offers"):
        node.fields(("id", "name", "levels", "description"))
        offer_id = ids.claim(node)
        levels_of = []
        for item in node.items("levels", "levels", 1, 4):
            number = item.as_int(1, 4)
            if number in levels_of:
                raise item.error(f"level {number} is listed twice")
            levels_of.append(number)
        offers.append(Offer(id=offer_id, name=node.text("name"), levels=tuple(sorted(levels_of)),
                            description=node.text("description")))
    return CareerPathway(
        **header, levels=levels, functional_areas=tuple(areas),
        entry_routes=tuple(_named(n, ids) for n in root.items("entry_routes", "entry routes")),
        memberships=tuple(_named(n, ids) for n in root.items("memberships", "memberships")),
        offers=tuple(offers))


def _prompts(root: Node, ids: IdRegistry, header: Header) -> ConversationPrompts:
    # The fields of each step, to check the pack's hints against.
    document = cast(Mapping[str, Mapping[str, object]], empty_document())
    found: dict[str, StepPrompt] = {}
    for step, node in root.entries("steps"):
        _known(node, str(step), STEP_IDS, "step")
        node.fields(("title", "intro", "questions", "good_practice"), ("hints",))
        low, high = QUESTIONS_PER_STEP
        hints: dict[str, str] = {}
        for name, hint in node.entries("hints") if node.has("hints") else ():
            if name not in document[step]:
                raise hint.error(f"'{name}' is not a field of the {step} step; expected one of "
                                 f"{', '.join(document[step])}")
            hints[name] = hint.as_text()
        found[step] = StepPrompt(title=node.text("title"), intro=node.text("intro"),
                                 questions=node.texts("questions", "questions", low, high),
                                 good_practice=node.text("good_practice"), hints=hints)
    for step in STEP_IDS:
        if step not in found and step not in OPTIONAL_STEPS:
            # Steps added since a pack was written are optional, so an older pack (and every
            # record that stored it) still reads.
            raise root.at("steps").error(f"missing prompts for step '{step}'")
    areas = []
    for node in root.items("wellbeing_areas", "wellbeing areas"):
        node.fields(("id", "name", "prompt"))
        areas.append(WellbeingArea(id=ids.claim(node), name=node.text("name"),
                                   prompt=node.text("prompt")))
    return ConversationPrompts(**header, steps={s: found[s] for s in STEP_IDS if s in found},
                               wellbeing_areas=tuple(areas))


# kind -> (required fields, optional fields, parser); the header fields are checked for all.
_PARSERS = {
    "competency_framework": (("levels", "areas"), ("role", "suggested_for"), _competency),
    "exposure_wheel": (("groups", "avenues"), (), _wheel),
    "career_transitions": (("duration_months", "summary", "streams", "dimensions", "transitions"),
                           ("guidance",), _transitions),
    "career_pathway": (("levels", "functional_areas", "entry_routes", "memberships", "offers"), (),
                       _pathway),
    "conversation_prompts": (("steps", "wellbeing_areas"), (), _prompts),
    "talent_grid": (("step_title", "up", "across", "boxes"), (), _talent),
}
