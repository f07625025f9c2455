"""Bringing a preparation into a conversation's document without losing a word on either side.

Plain data in, plain data out: `merge(document, content, packs, base=...)` returns the new
document and what happened to every answer:

- filled: the draft had nothing there (or still had the person's own words from an earlier
  preparation, untouched since), so the person's answer goes in;
- unchanged: the draft already says the same;
- conflicts: the draft says something else (the manager wrote it, or changed what came
  before); the draft keeps its words and both are kept here for the user to choose
  (`choose` applies the choice);
- gone: items of the packs the preparation was made with that the conversation's packs no
  longer have; they are reported, not merged, and the preparation itself is kept.

An empty answer never clears anything. Matching is by ids (and, for last period's
objectives, by their wording), so a preparation made with an older pack version still comes
in.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from rmp_desktop.domain.conversation import EXPERIENCE_STATES, merged
from rmp_desktop.domain.packs import PackSet
from rmp_desktop.domain.preparation import FLEXIBLE_WORKING, REFLECTION_FIELDS
from rmp_desktop.domain.staff import fold

DRAFT, PREPARATION = "draft", "preparation"  # the two sides of a conflict


@dataclass(frozen=True)
class MergeResult:
    document: dict[str, Any]
    filled: list[str] = field(default_factory=list)  # labels of answers brought in
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    gone: list[dict[str, str]] = field(default_factory=list)  # {"what", "id", "label"}
    progress: list[dict[str, Any]] = field(default_factory=list)  # action progress brought

    @property
    def changed(self) -> bool:
        return bool(self.filled)

    def to_dict(self) -> dict[str, Any]:
        return {"filled": self.filled, "unchanged": self.unchanged,
                "conflicts": self.conflicts, "gone": self.gone, "progress": self.progress}


def merge(document: Mapping[str, object], content: dict[str, Any], packs: PackSet, *,
          base: dict[str, Any] | None = None) -> MergeResult:
    """`content` is a checked preparation's content; `base` the content of the preparation
    brought into this draft before, if any (its answers still in the draft count as the
    person's own, so a newer preparation may replace them)."""
    m = _Merger(cast(dict[str, Any], merged(copy.deepcopy(document))), packs, base)
    m.run(content)
    return MergeResult(m.doc, m.filled, m.unchanged, m.conflicts, m.gone, m.progress)


def choose(document: Mapping[str, object], conflict: dict[str, Any],
           keep: str) -> dict[str, Any]:
    """The document with one conflict settled: `keep` is DRAFT or PREPARATION."""
    if keep not in (DRAFT, PREPARATION):
        raise ValueError(f"keep must be {DRAFT!r} or {PREPARATION!r}")
    doc = cast(dict[str, Any], merged(copy.deepcopy(document)))
    if keep == PREPARATION:
        _set(doc, conflict["path"], copy.deepcopy(conflict["incoming"]))
    return doc


def _empty(value: Any) -> bool:
    if value == "not_considered":  # the wheel's "nothing chosen": checked before any text
        return True
    if isinstance(value, str):
        return not value.strip()
    return value is None or value == [] or value == {}


class _Merger:
    def __init__(self, doc: dict[str, Any], packs: PackSet, base: dict[str, Any] | None):
        self.doc = doc
        self.packs = packs
        self.base = base
        self.filled: list[str] = []
        self.unchanged: list[str] = []
        self.conflicts: list[dict[str, Any]] = []
        self.gone: list[dict[str, Any]] = []
        self.progress: list[dict[str, Any]] = []

    # -- one answer ----------------------------------------------------------------------------

    def put(self, path: list[str], label: str, incoming: Any, base: Any = None) -> None:
        if _empty(incoming):
            return
        current = _get(self.doc, path)
        if _same(current, incoming):
            self.unchanged.append(label)
        elif _empty(current) or (base is not None and _same(current, base)):
            _set(self.doc, path, copy.deepcopy(incoming))
            self.filled.append(label)
        else:
            self.conflicts.append({"id": ".".join(path), "path": list(path), "label": label,
                                   "section": path[0], "current": copy.deepcopy(current),
                                   "incoming": copy.deepcopy(incoming)})

    def was(self, *keys: str) -> Any:
        """What the earlier preparation said at this place of its content, if anything."""
        value: Any = self.base
        for key in keys:
            if isinstance(value, dict):
                value = value.get(key)
            else:
                return None
        return value

    def gone_item(self, what: str, item_id: str, label: str) -> None:
        self.gone.append({"what": what, "id": item_id, "label": label or item_id})

    # -- the parts -----------------------------------------------------------------------------

    def run(self, c: dict[str, Any]) -> None:
        for key in REFLECTION_FIELDS:
            self.put(["reflection", key], f"Reflection: {_REFLECTION[key]}",
                     c["reflection"][key], self.was("reflection", key))
        self.looking_back(c["looking_back"])
        self.wellbeing(c["wellbeing"]["notes"])
        self.aspirations(c["aspirations"])
        self.competencies(c["competencies"])
        self.transition(c["transition"])
        self.wheel(c["wheel"])
        self.rows(["plan", "proposed_objectives"], c["proposals"]["objectives"],
                  ("text", "measure", "due"), "Proposed objective",
                  _rows_by_id(self.was("proposals", "objectives")))
        self.rows(["plan", "development_ideas"], c["proposals"]["ideas"], ("text",),
                  "Development idea", _rows_by_id(self.was("proposals", "ideas")))
        self.rows(["setup", "questions"], c["questions"], ("text",), "Question to raise",
                  _rows_by_id(self.was("questions")))
        progress = [{"id": f"{p['record']}:{p['action']}", **p} for p in c["progress"]]
        earlier = [{"id": f"{p['record']}:{p['action']}", **p}
                   for p in (self.was("progress") or [])]
        self.rows(["looking_back", "action_progress"], progress,
                  ("record", "action", "text", "note", "done_on"), "Progress on an action",
                  _rows_by_id(earlier))
        self.progress = [dict(p) for p in progress]

    def looking_back(self, lb: dict[str, Any]) -> None:
        self.put(["looking_back", "feedback"], "Looking back: feedback", lb["feedback"],
                 self.was("looking_back", "feedback"))
        rows = self.doc["looking_back"]["objectives"]
        earlier = _rows_by_id(self.was("looking_back", "objectives"))
        for item in lb["objectives"]:
            row = next((r for r in rows if isinstance(r, dict) and r.get("id") == item["id"]),
                       None)
            if row is None:
                row = next((r for r in rows if isinstance(r, dict)
                            and _words(r.get("text")) == _words(item["text"])), None)
            label = f"Looking back: “{_short(item['text'])}”"
            if row is None:
                if not item["text"].strip():
                    continue
                rows.append({"id": item["id"], "text": item["text"],
                             "outcome": item["outcome"], "evidence": item["evidence"]})
                self.filled.append(label)
                continue
            if not row.get("id"):
                # An old or hand-made draft row without an id is known by the preparation's id
                # from now on, so its answers can be put in (and chosen between) by id.
                row["id"] = item["id"]
            was = earlier.get(item["id"], {})
            path = ["looking_back", "objectives", str(row["id"])]
            self.put([*path, "outcome"], f"{label}: outcome", item["outcome"], was.get("outcome"))
            self.put([*path, "evidence"], f"{label}: evidence", item["evidence"],
                     was.get("evidence"))

    def wellbeing(self, notes: list[dict[str, Any]]) -> None:
        known = {a.id: a.name for a in self.packs.prompts.wellbeing_areas}
        earlier = {n["area"]: n["text"] for n in (self.was("wellbeing", "notes") or [])}
        for note in notes:
            if note["area"] == FLEXIBLE_WORKING:
                self.put(["wellbeing", "flexible_working"], "Wellbeing: flexible working",
                         note["text"], earlier.get(FLEXIBLE_WORKING))
            elif note["area"] in known:
                self.put(["wellbeing", "areas", note["area"]],
                         f"Wellbeing: {known[note['area']]}", note["text"],
                         earlier.get(note["area"]))
            else:
                self.gone_item("wellbeing area", note["area"], note["label"])

    def aspirations(self, asp: dict[str, Any]) -> None:
        memberships = {m.id for m in self.packs.pathway.memberships}
        for key, label in _ASPIRATIONS.items():
            value = asp[key]
            if key.startswith("membership_") and value and value not in memberships:
                self.gone_item("CIPD membership grade", value, value)
                continue
            self.put(["aspirations", key], f"Aspirations: {label}", value,
                     self.was("aspirations", key))

    def competencies(self, comp: dict[str, Any]) -> None:
        framework = self.packs.competency
        for key in ("current_level", "target_level"):
            self.put(["competencies", key], f"Competencies: {key.replace('_', ' ')}", comp[key],
                     self.was("competencies", key))
        earlier = {r["area"]: r for r in (self.was("competencies", "ratings") or [])}
        for rating in comp["ratings"]:
            area = framework.area(rating["area"])
            if area is None:
                self.gone_item("competency area", rating["area"], rating["label"])
                continue
            was = earlier.get(rating["area"], {})
            path = ["competencies", "ratings", rating["area"]]
            self.put([*path, "self"], f"Competencies: {area.name}, self-rating",
                     rating["self"], was.get("self"))
            self.put([*path, "evidence"], f"Competencies: {area.name}, evidence",
                     rating["evidence"], was.get("evidence"))

    def transition(self, tr: dict[str, Any]) -> None:
        pack = self.packs.transitions
        if tr["stream"] and pack.stream(tr["stream"]) is None:
            self.gone_item("HPS stream", tr["stream"], tr["stream"])
        else:
            self.put(["transition", "stream"], "Career transition: stream", tr["stream"],
                     self.was("transition", "stream"))
        if tr["transition"] and pack.transition(tr["transition"]) is None:
            self.gone_item("HPS transition", tr["transition"], tr["transition"])
        else:
            self.put(["transition", "transition"], "Career transition: transition",
                     tr["transition"], self.was("transition", "transition"))
        expectations = {e.id for t in pack.transitions for e in t.all_expectations()}
        experiences = {e.id for t in pack.transitions for e in t.experiences}
        was = {e["id"]: e["rating"] for e in (self.was("transition", "expectations") or [])}
        for item in tr["expectations"]:
            if item["id"] not in expectations:
                self.gone_item("transition expectation", item["id"], item["label"])
                continue
            self.put(["transition", "expectations", item["id"]],
                     f"Career transition: “{_short(item['label'] or item['id'])}”",
                     item["rating"], was.get(item["id"]))
        was = {e["id"]: e["state"] for e in (self.was("transition", "experiences") or [])}
        for item in tr["experiences"]:
            if item["id"] not in experiences:
                self.gone_item("helpful experience", item["id"], item["label"])
                continue
            self.put(["transition", "experiences", item["id"]],
                     f"Helpful experience “{_short(item['label'] or item['id'])}”: "
                     f"{EXPERIENCE_STATES.get(item['state'], '')}".rstrip(": "),
                     item["state"], was.get(item["id"]))
        self.put(["transition", "notes"], "Career transition: notes", tr["notes"],
                 self.was("transition", "notes"))

    def wheel(self, wheel: dict[str, Any]) -> None:
        was = {a["id"]: a["status"] for a in (self.was("wheel", "avenues") or [])}
        for item in wheel["avenues"]:
            avenue = self.packs.wheel.avenue(item["id"])
            if avenue is None:
                self.gone_item("exposure wheel avenue", item["id"], item["label"])
                continue
            self.put(["wheel", "avenues", item["id"]], f"Exposure wheel: {avenue.name}",
                     item["status"], was.get(item["id"]))
        self.put(["wheel", "notes"], "Exposure wheel: notes", wheel["notes"],
                 self.was("wheel", "notes"))

    def rows(self, path: list[str], items: list[dict[str, Any]], fields: tuple[str, ...], noun: str,
             earlier: dict[str, dict[str, Any]]) -> None:
        """Rows matched by id: a new one is added whole; a known one is merged field by field."""
        rows = _get(self.doc, path)
        for item in items:
            row = next((r for r in rows if isinstance(r, dict) and r.get("id") == item["id"]),
                       None)
            words = item.get("text") or item.get("note") or ""
            label = f"{noun}: “{_short(words)}”" if words else noun
            if row is None:
                if all(_empty(item.get(f)) for f in fields):
                    continue
                rows.append({"id": item["id"], **{f: item.get(f, "") for f in fields}})
                self.filled.append(label)
                continue
            was = earlier.get(item["id"], {})
            for f in fields:
                self.put([*path, item["id"], f], f"{label}: {f.replace('_', ' ')}",
                         item.get(f, ""), was.get(f))


_REFLECTION = {"went_well": "what went well", "was_hard": "what was difficult",
               "proud_of": "what I am proud of", "hopes": "what I hope for next"}
_ASPIRATIONS = {"directions": "direction", "target_level": "level aimed for",
                "target_roles": "roles of interest", "functional_areas": "functional areas",
                "time_horizon": "when", "membership_current": "current CIPD membership",
                "membership_target": "CIPD membership aimed for", "notes": "in my own words"}


def _rows_by_id(rows: Any) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in rows or [] if isinstance(r, dict) and "id" in r}


def _words(text: Any) -> str:
    return " ".join(fold(str(text or "")).split())


def _short(text: str, limit: int = 50) -> str:
    words = " ".join(str(text).split())
    return words if len(words) <= limit else words[:limit].rstrip() + "…"


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return a.strip() == b.strip()
    if isinstance(a, list) and isinstance(b, list) and all(isinstance(x, str) for x in a + b):
        return sorted(a) == sorted(b)  # a choice of several: order does not matter
    return bool(a == b)


def _get(doc: dict[str, Any], path: list[str]) -> Any:
    value: Any = doc
    for key in path:
        if isinstance(value, list):
            value = next((r for r in value if isinstance(r, dict) and r.get("id") == key), None)
        elif isinstance(value, dict):
            value = value.get(key)
        else:
            return None
    return value


def _set(doc: dict[str, Any], path: list[str], value: Any) -> None:
    """Set a value, making the rating entry or row field it belongs to if needed."""
    parent: Any = doc
    for i, key in enumerate(path[:-1]):
        if isinstance(parent, list):
            parent = next(r for r in parent if isinstance(r, dict) and r.get("id") == key)
            continue
        child = parent.get(key)
        if child is None:
            child = ({"self": None, "manager": None, "evidence": ""}
                     if path[:2] == ["competencies", "ratings"] and i == 2 else {})
            parent[key] = child
        parent = child
    parent[path[-1]] = value
