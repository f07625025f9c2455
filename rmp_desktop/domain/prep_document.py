"""My preparation as the conversation's pages show it, and back.

"My development" reuses the wizard's pages, which read and write a conversation's document
(one section per step). A preparation keeps its own shape (domain.preparation's content).
These functions translate between the two, so a page shows the person only their own
columns and each edit is saved as one preparation part:

    document = as_document(content, packs)        # every section the pages read
    part, body = as_part(section, body, packs)    # one page's edit, as a preparation part

The person's own document has the steps in OWN_STEPS. Beside the conversation's sections it
has "questions" (what they want to raise); its "plan" holds only what they propose, and its
"wellbeing" says per note whether it is shared (`shared`: the area ids, flexible working
included), where the conversation has one choice for the whole section.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any, TypedDict, cast

from rmp_desktop.domain.conversation import (
    ConversationDocument,
    PastObjective,
    Question,
    ReflectionSection,
    empty_document,
)
from rmp_desktop.domain.packs import PackSet
from rmp_desktop.domain.preparation import FLEXIBLE_WORKING, REFLECTION_FIELDS, empty_content

OWN_STEPS: tuple[tuple[str, str], ...] = (
    ("reflection", "Reflection"),
    ("looking_back", "Looking back"),
    ("wellbeing", "Health and wellbeing"),
    ("aspirations", "Aspirations"),
    ("competencies", "Competencies"),
    ("transition", "Career transition"),
    ("wheel", "Exposure wheel"),
    ("plan", "What I would like to propose"),
    ("questions", "Questions to raise"),
)
OWN_STEP_IDS: tuple[str, ...] = tuple(s for s, _ in OWN_STEPS)
OWN_STEP_TITLES: dict[str, str] = dict(OWN_STEPS)
FLEXIBLE_WORKING_LABEL = "Flexible working"

# The preparation part each own step is saved as (the others share their name).
_PART_OF = {"plan": "proposals", "questions": "questions"}


class QuestionsSection(TypedDict):
    questions: list[Question]


class OwnDocument(ConversationDocument):
    """One's own document: the conversation's sections (wellbeing with `shared`) and the
    questions to raise."""

    questions: QuestionsSection


def part_for(section: str) -> str:
    return _PART_OF.get(section, section)


def own_section(document: OwnDocument, step: str) -> dict[str, Any]:
    """One of one's own steps' sections, named by the step's id."""
    return cast(dict[str, dict[str, Any]], document)[step]


def set_own_section(document: OwnDocument, step: str, body: Mapping[str, Any]) -> None:
    if step not in OWN_STEP_IDS:
        raise KeyError(f"{step!r} is not a step of one's own preparation")
    cast(dict[str, object], document)[step] = dict(body)


def as_document(content: Mapping[str, Any] | None, packs: PackSet) -> OwnDocument:
    """The document the pages load: the conversation's sections, filled from `content`."""
    c = empty_content()
    c.update(copy.deepcopy(dict(content or {})))
    doc = empty_document()
    doc["reflection"] = cast(ReflectionSection,
                             {k: str(c["reflection"].get(k, "")) for k in REFLECTION_FIELDS})
    doc["looking_back"]["objectives"] = [_objective(o) for o in c["looking_back"]["objectives"]]
    doc["looking_back"]["feedback"] = c["looking_back"].get("feedback", "")
    areas: dict[str, str] = {}
    shared: list[str] = []
    flexible = ""
    for n in c["wellbeing"].get("notes", []):
        if n.get("area") == FLEXIBLE_WORKING:
            flexible = n.get("text", "")
        else:
            areas[n.get("area", "")] = n.get("text", "")
        if n.get("share") is True:
            shared.append(n.get("area", ""))
    doc["wellbeing"].update({"areas": areas, "flexible_working": flexible, "shared": shared})
    doc["aspirations"].update(copy.deepcopy(c["aspirations"]))
    comp = c["competencies"]
    doc["competencies"] = {
        "framework": "", "last_time": {},  # the conversation chooses; nothing came before
        "current_level": comp.get("current_level"), "target_level": comp.get("target_level"),
        "ratings": {r["area"]: {"self": r.get("self"), "manager": None,
                                "evidence": r.get("evidence", "")}
                    for r in comp.get("ratings", [])}}
    tr = c["transition"]
    doc["transition"] = {
        "stream": tr.get("stream", ""), "transition": tr.get("transition", ""),
        "expectations": {e["id"]: e["rating"] for e in tr.get("expectations", []) if e["rating"]},
        "experiences": {e["id"]: e["state"] for e in tr.get("experiences", []) if e["state"]},
        "notes": tr.get("notes", "")}
    doc["wheel"] = {"avenues": {a["id"]: a["status"] for a in c["wheel"].get("avenues", [])
                                if a["status"] != "not_considered"},
                    "notes": c["wheel"].get("notes", "")}
    doc["plan"]["proposed_objectives"] = [
        {"id": o["id"], "text": o.get("text", ""), "measure": o.get("measure", ""),
         "due": o.get("due", "")} for o in c["proposals"].get("objectives", [])]
    doc["plan"]["development_ideas"] = [{"id": i["id"], "text": i.get("text", "")}
                                        for i in c["proposals"].get("ideas", [])]
    return {**doc, "questions": {"questions": [{"id": q["id"], "text": q.get("text", "")}
                                               for q in c["questions"]]}}


def as_part(section: str, body: Mapping[str, Any] | None, packs: PackSet) -> tuple[str, Any]:
    """One section as the pages emit it, as the preparation part it is saved as."""
    body = body or {}
    if section == "reflection":
        return "reflection", {k: str(body.get(k, "")) for k in REFLECTION_FIELDS}
    if section == "looking_back":
        return "looking_back", {"objectives": [_objective(o) for o in body.get("objectives", [])
                                               if isinstance(o, dict)],
                                "feedback": body.get("feedback", "")}
    if section == "wellbeing":
        return "wellbeing", {"notes": _wellbeing_notes(body, packs)}
    if section == "aspirations":
        keys = tuple(empty_content()["aspirations"])
        return "aspirations", {k: copy.deepcopy(body.get(k, empty_content()["aspirations"][k]))
                               for k in keys}
    if section == "competencies":
        return "competencies", _competencies(body, packs)
    if section == "transition":
        return "transition", _transition(body, packs)
    if section == "wheel":
        names = {a.id: a.name for a in packs.wheel.avenues}
        statuses = body.get("avenues") or {}
        order = [a.id for a in packs.wheel.avenues] + sorted(set(statuses) - set(names))
        return "wheel", {"avenues": [{"id": i, "label": names.get(i, i), "status": statuses[i]}
                                     for i in order if statuses.get(i)],
                         "notes": body.get("notes", "")}
    if section == "plan":
        return "proposals", {
            "objectives": [{"id": o.get("id", ""), "text": o.get("text", ""),
                            "measure": o.get("measure", ""), "due": o.get("due", "")}
                           for o in body.get("proposed_objectives", []) if isinstance(o, dict)],
            "ideas": [{"id": i.get("id", ""), "text": i.get("text", "")}
                      for i in body.get("development_ideas", []) if isinstance(i, dict)]}
    if section == "questions":
        return "questions", [{"id": q.get("id", ""), "text": q.get("text", "")}
                             for q in body.get("questions", []) if isinstance(q, dict)]
    raise ValueError(f"{section!r} is not a step of one's own preparation")


def _objective(o: Mapping[str, Any]) -> PastObjective:
    return {"id": str(o.get("id", "")), "text": str(o.get("text", "")),
            "outcome": str(o.get("outcome", "")), "evidence": str(o.get("evidence", ""))}


def _wellbeing_notes(body: Mapping[str, Any], packs: PackSet) -> list[dict[str, Any]]:
    shared = set(body.get("shared") or [])
    names = {a.id: a.name for a in packs.prompts.wellbeing_areas}
    areas = body.get("areas") or {}
    order = [a.id for a in packs.prompts.wellbeing_areas] + sorted(set(areas) - set(names))
    notes = [{"area": a, "label": names.get(a, a), "text": areas[a], "share": a in shared}
             for a in order if str(areas.get(a, "")).strip()]
    if str(body.get("flexible_working", "")).strip():
        notes.append({"area": FLEXIBLE_WORKING, "label": FLEXIBLE_WORKING_LABEL,
                      "text": body["flexible_working"], "share": FLEXIBLE_WORKING in shared})
    return notes


def _competencies(body: Mapping[str, Any], packs: PackSet) -> dict[str, Any]:
    names = {a.id: a.name for a in packs.competency.areas}
    ratings = body.get("ratings") or {}
    order = [a.id for a in packs.competency.areas] + sorted(set(ratings) - set(names))
    rows = []
    for area in order:
        value = ratings.get(area)
        if not isinstance(value, dict):
            continue
        self_rating, evidence = value.get("self"), str(value.get("evidence", ""))
        if self_rating is None and not evidence.strip():
            continue
        rows.append({"area": area, "label": names.get(area, area), "self": self_rating,
                     "evidence": evidence})
    return {"current_level": body.get("current_level"), "target_level": body.get("target_level"),
            "ratings": rows}


def _transition(body: Mapping[str, Any], packs: PackSet) -> dict[str, Any]:
    pack = packs.transitions
    expectation_text = {e.id: e.text for t in pack.transitions for e in t.all_expectations()}
    experience_text = {e.id: e.name or e.text for t in pack.transitions for e in t.experiences}
    expectations = body.get("expectations") or {}
    experiences = body.get("experiences") or {}
    return {"stream": body.get("stream", ""), "transition": body.get("transition", ""),
            "expectations": [{"id": i, "label": expectation_text.get(i, i), "rating": r}
                             for i, r in expectations.items() if r],
            "experiences": [{"id": i, "label": experience_text.get(i, i), "state": s}
                            for i, s in experiences.items() if s],
            "notes": body.get("notes", "")}


def answered(section: str, body: Mapping[str, Any], packs: PackSet) -> bool:
    """Whether the person has written or chosen anything in one of their steps."""
    _part, value = as_part(section, body, packs)
    return _anything(value)


def _anything(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_anything(v) for k, v in value.items() if k not in ("id", "label", "area"))
    if isinstance(value, list):
        return any(_anything(v) for v in value)
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None and value is not False
