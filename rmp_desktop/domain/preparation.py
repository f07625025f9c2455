"""The preparation file: what a staff member sends their manager before the conversation.

Plain data in, plain data out (no Qt, no SQL). The file is JSON, UTF-8, one object:

    format          "rmp-preparation"
    format_version  1, or 2 when it carries equality monitoring answers (a newer number
                    is refused with "update the application"; a file without them stays 1,
                    so older versions still read it)
    made_at         when it was made, ISO 8601 in UTC ("2026-05-01T09:30:00Z")
    made_by         the application and version that wrote it (for people; not checked)
    person          who it is from: uid (32 hex, stable across stores), full_name,
                    preferred_name, job_title, band, functional_area, manager_name,
                    assignment_number, email
    packs           [{id, version, fingerprint}] of every framework pack it was made with
    content         the preparation itself (below)
    equality        (version 2, only if the person chose to send it) their equality
                    monitoring answers, {question id: answer id, "" when unanswered}
                    (domain.equality): a part of its own, never merged into a conversation
                    or kept with the record of the import; the manager's store keeps it in
                    its equality monitoring table, to be counted in reports
    content_sha256  SHA-256 of the canonical JSON of every other key (sorted keys, no
                    spaces, strings in Unicode NFC): a changed byte anywhere is found

Content, every key always present (empty text, empty list or null when not answered):

    reflection    went_well, was_hard, proud_of, hopes: text
    looking_back  objectives: [{id, text, outcome, evidence}] (outcome: met, partly_met,
                  not_met, no_longer_relevant or ""), feedback: text
    wellbeing     notes: [{area, label, text}]: only notes the person chose to share;
                  area is a wellbeing area id of the prompts pack, or "flexible-working"
    aspirations   directions [depth|breadth|stretch], target_level 1-4 or null,
                  target_roles, functional_areas [ids], time_horizon (now, 1y, 2y, 3y, 5y
                  or ""), membership_current, membership_target (CIPD grade ids), notes
    competencies  current_level, target_level (1-4 or null), ratings: [{area, label,
                  self (1-4 or null), evidence}]
    transition    stream, transition (ids), expectations: [{id, label, rating}] (not_yet,
                  developing, demonstrating or ""), experiences: [{id, label, state}] (had,
                  planned, missing or ""), notes
    wheel         avenues: [{id, label, status}] (not_considered, exploring, planned,
                  active, done), notes
    proposals     objectives: [{id, text, measure, due}], ideas: [{id, text}]
    questions     [{id, text}]: what the person wants to raise
    progress      [{record, action, text, note, done_on}]: progress on the actions of the
                  last signed plan (record uid, action id, the action's words, a note,
                  the date done or "")

Labels are the pack's words at the time, for a person reading the file; only ids count when
the file is brought into a conversation.
"""

from __future__ import annotations

import copy
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from rmp_desktop.domain.conversation import (
    AVENUE_STATUSES,
    DIRECTIONS,
    EXPECTATION_RATINGS,
    EXPERIENCE_STATES,
    OBJECTIVE_OUTCOMES,
    TIME_HORIZONS,
)
from rmp_desktop.domain.equality import QUESTION_IDS, EqualityRefused, check_answers
from rmp_desktop.domain.exchange_json import (
    HEX32,
    HEX64,
    ExchangeRefused,
    Reader,
    load_json,
)
from rmp_desktop.domain.record import canonical_sha256
from rmp_desktop.domain.staff import BANDS, FUNCTIONAL_AREAS, StaffMember, validate

FORMAT = "rmp-preparation"
FORMAT_VERSION = 2  # the newest this version reads and writes
EQUALITY_VERSION = 2  # the first version with the equality part
MAX_FILE_BYTES = 1024 * 1024  # 1 MB: a full preparation with long answers is about 60 KB
MAX_TEXT = 10_000  # characters in one answer
MAX_ITEMS = 100  # entries in one list
FLEXIBLE_WORKING = "flexible-working"  # the wellbeing note that is not one of the pack's areas

REFLECTION_FIELDS = ("went_well", "was_hard", "proud_of", "hopes")
PERSON_FIELDS = ("uid", "full_name", "preferred_name", "job_title", "band", "functional_area",
                 "manager_name", "assignment_number", "email")
PARTS = ("reflection", "looking_back", "wellbeing", "aspirations", "competencies",
         "transition", "wheel", "proposals", "questions", "progress")
_TOP = ("format", "format_version", "made_at", "made_by", "person", "packs", "content",
        "content_sha256")

PreparationRefused = ExchangeRefused


def empty_content() -> dict[str, Any]:
    return copy.deepcopy(_EMPTY)


_EMPTY: dict[str, Any] = {
    "reflection": {k: "" for k in REFLECTION_FIELDS},
    "looking_back": {"objectives": [], "feedback": ""},
    "wellbeing": {"notes": []},
    "aspirations": {"directions": [], "target_level": None, "target_roles": "",
                    "functional_areas": [], "time_horizon": "", "membership_current": "",
                    "membership_target": "", "notes": ""},
    "competencies": {"current_level": None, "target_level": None, "ratings": []},
    "transition": {"stream": "", "transition": "", "expectations": [], "experiences": [],
                   "notes": ""},
    "wheel": {"avenues": [], "notes": ""},
    "proposals": {"objectives": [], "ideas": []},
    "questions": [],
    "progress": [],
}


@dataclass(frozen=True)
class Preparation:
    """A preparation as plain data, checked whole; `sha256` proves `content` and the rest."""

    person: dict[str, str]
    packs: list[dict[str, str]]
    made_at: str
    content: dict[str, Any]
    made_by: str = ""
    sha256: str = ""
    source: str = field(default="file", compare=False)  # "file" or "form": how it came
    equality: dict[str, str] | None = None  # every question, "" unanswered; None: not sent

    def body(self) -> dict[str, Any]:
        """Everything the hash covers."""
        out = {"format": FORMAT, "format_version": 1 if self.equality is None else
               EQUALITY_VERSION, "made_at": self.made_at, "made_by": self.made_by,
               "person": self.person, "packs": self.packs, "content": self.content}
        if self.equality is not None:
            out["equality"] = self.equality
        return out

    def stored_dict(self) -> dict[str, Any]:
        """The file as a manager's store keeps it with the import: without the equality part,
        which goes to its own table only (so its hash no longer covers it)."""
        out = self.to_file_dict()
        if out.pop("equality", None) is not None:
            out["equality"] = "kept apart"
        return out

    def computed_sha256(self) -> str:
        return canonical_sha256(self.body())

    def to_file_dict(self) -> dict[str, Any]:
        return {**self.body(), "content_sha256": self.computed_sha256()}

    def to_file_bytes(self) -> bytes:
        """The file as it is written: UTF-8 JSON, indented so a person can read it."""
        import json

        return json.dumps(self.to_file_dict(), ensure_ascii=False, indent=1).encode("utf-8")


def make_preparation(person: dict[str, str], packs: list[dict[str, str]], content: dict[str, Any],
                     made_at: str, made_by: str = "",
                     equality: dict[str, str] | None = None) -> Preparation:
    """A preparation from one's own parts: private wellbeing notes are left behind here,
    equality answers come only when given (the person chose to send them), and the result is
    checked exactly as an incoming file would be."""
    body = empty_content()
    for part in PARTS:
        if part in content:
            body[part] = copy.deepcopy(content[part])
    body["wellbeing"] = {"notes": [
        {"area": n.get("area", ""), "label": n.get("label", ""), "text": n.get("text", "")}
        for n in (content.get("wellbeing") or {}).get("notes", [])
        if n.get("share") is True and str(n.get("text", "")).strip()]}
    sent = None if equality is None else {q: str(equality.get(q) or "") for q in QUESTION_IDS}
    prep = Preparation(person={k: str(person.get(k) or "") for k in PERSON_FIELDS},
                       packs=[{k: str(r[k]) for k in ("id", "version", "fingerprint")}
                              for r in packs],
                       made_at=made_at, content=body, made_by=made_by, equality=sent)
    prep = Preparation(prep.person, prep.packs, made_at, body, made_by, prep.computed_sha256(),
                       equality=sent)
    return check_preparation(prep.to_file_dict())


def parse_preparation(data: bytes) -> Preparation:
    """A preparation file's bytes as checked plain data, or PreparationRefused saying why."""
    raw = load_json(data, limit=MAX_FILE_BYTES, what="a preparation file")
    return check_preparation(raw)


def check_preparation(raw: Any, *, source: str = "file", verify_hash: bool = True) -> Preparation:
    if not isinstance(raw, dict) or "format" not in raw:
        raise ExchangeRefused("This file is not a preparation: it does not say what it is. "
                              "Ask for the preparation to be sent again, saved from the "
                              "application's “Send to my manager”.")
    if raw.get("format") != FORMAT:
        kind = raw.get("format")
        if kind == "rmp-record-copy":
            raise ExchangeRefused("This is a copy of a signed record, not a preparation: "
                                  "import it with “import-record”.")
        raise ExchangeRefused("This file is not a preparation made by this application.")
    version = raw.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ExchangeRefused("This preparation is damaged: its format version is missing.")
    if version > FORMAT_VERSION:
        raise ExchangeRefused(
            f"This preparation was made by a newer version of the application (format "
            f"version {version}; this one reads up to {FORMAT_VERSION}). Update the "
            "application, then import it again.")
    r = Reader("preparation", MAX_TEXT, MAX_ITEMS)
    r.obj(raw, "the file", _TOP, optional=("equality",) if version >= EQUALITY_VERSION else ())
    claimed = raw.get("content_sha256")
    if not isinstance(claimed, str) or not HEX64.match(claimed):
        raise r.damaged("its SHA-256", "is missing")
    body = {k: raw[k] for k in (*_TOP, "equality") if k != "content_sha256" and k in raw}
    if verify_hash and canonical_sha256(body) != claimed:
        raise ExchangeRefused(
            "This preparation was changed after it was made: its content no longer matches "
            "the SHA-256 it carries. Ask for it to be sent again, straight from the "
            "application, and do not edit the file.")
    made_at = r.text(raw["made_at"], "when it was made", limit=20)
    made_by = r.text(raw["made_by"], "the application that made it", limit=80)
    person = check_person(r, raw["person"])
    packs = check_pack_refs(r, raw["packs"])
    content = check_content(r, raw["content"])
    equality = check_equality(r, raw["equality"]) if "equality" in raw else None
    return Preparation(person, packs, made_at, content, made_by, claimed, source, equality)


def check_equality(r: Reader, value: Any) -> dict[str, str]:
    """The equality part: every question present, each answer one it offers, or ""."""
    given = r.obj(value, "the equality monitoring answers", QUESTION_IDS)
    if not all(isinstance(v, str) for v in given.values()):
        raise r.damaged("the equality monitoring answers", "are not all text")
    try:
        check_answers(given)
    except EqualityRefused:
        raise r.damaged("the equality monitoring answers", "hold an answer the questions do "
                        "not offer") from None
    return {q: str(given[q]) for q in QUESTION_IDS}


def check_person(r: Reader, value: Any) -> dict[str, str]:
    person = r.obj(value, "the person's details", PERSON_FIELDS)
    out = {k: r.text(person[k], f"the person's {k.replace('_', ' ')}", limit=254)
           for k in PERSON_FIELDS}
    if not HEX32.match(out["uid"]):
        raise r.damaged("the person's identifier", "is not 32 hexadecimal digits")
    if out["band"] not in BANDS:
        raise r.damaged("the person's band", "is not an Agenda for Change band")
    if out["functional_area"] not in FUNCTIONAL_AREAS:
        raise r.damaged("the person's functional area", "is not one of the ten")
    errors = validate(StaffMember(full_name=out["full_name"], job_title=out["job_title"],
                                  band=out["band"], functional_area=out["functional_area"],
                                  email=out["email"],
                                  assignment_number=out["assignment_number"]))
    if errors:
        raise ExchangeRefused("This preparation's details of the person cannot be used: "
                              + " ".join(errors.messages.values()))
    if len(out["manager_name"]) > 200 or len(out["preferred_name"]) > 200:
        raise ExchangeRefused("This preparation's names are longer than 200 characters.")
    return out


def check_pack_refs(r: Reader, value: Any) -> list[dict[str, str]]:
    def one(item: Any, place: str) -> dict[str, str]:
        ref = r.obj(item, place, ("id", "version", "fingerprint"))
        out = {"id": r.ident(ref["id"], f"{place} id"),
               "version": r.text(ref["version"], f"{place} version", limit=40),
               "fingerprint": r.text(ref["fingerprint"], f"{place} fingerprint", limit=64)}
        if not HEX64.match(out["fingerprint"]):
            raise r.damaged(f"{place} fingerprint", "is not a SHA-256")
        return out

    return r.items(value, "the list of framework packs", one)


def check_content(r: Reader, value: Any) -> dict[str, Any]:
    c = r.obj(value, "the content", PARTS)
    out = empty_content()

    refl = r.obj(c["reflection"], "the reflection", REFLECTION_FIELDS)
    out["reflection"] = {k: r.text(refl[k], f"the reflection ({k.replace('_', ' ')})")
                         for k in REFLECTION_FIELDS}

    lb = r.obj(c["looking_back"], "looking back", ("objectives", "feedback"))
    out["looking_back"] = {
        "objectives": r.items(lb["objectives"], "last period's objectives", lambda v, p: {
            **_pick(r, v, p, ("id", "text", "outcome", "evidence")),
            "id": r.ident(v["id"], f"{p} id"),
            "text": r.text(v["text"], f"{p} wording"),
            "outcome": r.choice(v["outcome"], f"{p} outcome", OBJECTIVE_OUTCOMES),
            "evidence": r.text(v["evidence"], f"{p} evidence")}),
        "feedback": r.text(lb["feedback"], "the feedback summary")}

    wb = r.obj(c["wellbeing"], "wellbeing", ("notes",))
    out["wellbeing"] = {"notes": r.items(wb["notes"], "the wellbeing notes", lambda v, p: {
        **_pick(r, v, p, ("area", "label", "text")),
        "area": r.ident(v["area"], f"{p} area"),
        "label": r.text(v["label"], f"{p} label", limit=200),
        "text": r.text(v["text"], f"{p} text")}, key="area")}

    asp = r.obj(c["aspirations"], "the aspirations", tuple(_EMPTY["aspirations"]))
    out["aspirations"] = {
        "directions": _choices(r, asp["directions"], "the directions", DIRECTIONS),
        "target_level": r.level(asp["target_level"], "the level aimed for"),
        "target_roles": r.text(asp["target_roles"], "the roles of interest"),
        "functional_areas": _choices(r, asp["functional_areas"], "the functional areas",
                                     FUNCTIONAL_AREAS),
        "time_horizon": r.choice(asp["time_horizon"], "the time horizon", TIME_HORIZONS),
        "membership_current": _optional_id(r, asp["membership_current"], "current membership"),
        "membership_target": _optional_id(r, asp["membership_target"], "membership aimed for"),
        "notes": r.text(asp["notes"], "the aspirations in your own words")}

    comp = r.obj(c["competencies"], "the competencies", ("current_level", "target_level",
                                                          "ratings"))
    out["competencies"] = {
        "current_level": r.level(comp["current_level"], "the current level"),
        "target_level": r.level(comp["target_level"], "the level aimed for"),
        "ratings": r.items(comp["ratings"], "the self-ratings", lambda v, p: {
            **_pick(r, v, p, ("area", "label", "self", "evidence")),
            "area": r.ident(v["area"], f"{p} area"),
            "label": r.text(v["label"], f"{p} label", limit=200),
            "self": r.level(v["self"], f"{p} rating"),
            "evidence": r.text(v["evidence"], f"{p} evidence")}, key="area")}

    tr = r.obj(c["transition"], "the career transition", tuple(_EMPTY["transition"]))
    out["transition"] = {
        "stream": _optional_id(r, tr["stream"], "the stream"),
        "transition": _optional_id(r, tr["transition"], "the transition"),
        "expectations": r.items(tr["expectations"], "the expectations", lambda v, p: {
            **_pick(r, v, p, ("id", "label", "rating")),
            "id": r.ident(v["id"], f"{p} id"),
            "label": r.text(v["label"], f"{p} label", limit=1000),
            "rating": r.choice(v["rating"], f"{p} rating", EXPECTATION_RATINGS)}),
        "experiences": r.items(tr["experiences"], "the helpful experiences", lambda v, p: {
            **_pick(r, v, p, ("id", "label", "state")),
            "id": r.ident(v["id"], f"{p} id"),
            "label": r.text(v["label"], f"{p} label", limit=1000),
            "state": r.choice(v["state"], f"{p} answer", EXPERIENCE_STATES)}),
        "notes": r.text(tr["notes"], "the transition notes")}

    wh = r.obj(c["wheel"], "the exposure wheel", ("avenues", "notes"))
    out["wheel"] = {
        "avenues": r.items(wh["avenues"], "the exposure wheel's avenues", lambda v, p: {
            **_pick(r, v, p, ("id", "label", "status")),
            "id": r.ident(v["id"], f"{p} id"),
            "label": r.text(v["label"], f"{p} label", limit=200),
            "status": r.choice(v["status"], f"{p} status", AVENUE_STATUSES)}),
        "notes": r.text(wh["notes"], "the exposure wheel notes")}

    pr = r.obj(c["proposals"], "the proposals", ("objectives", "ideas"))
    out["proposals"] = {
        "objectives": r.items(pr["objectives"], "the objectives proposed", lambda v, p: {
            **_pick(r, v, p, ("id", "text", "measure", "due")),
            "id": r.ident(v["id"], f"{p} id"),
            "text": r.text(v["text"], f"{p} wording"),
            "measure": r.text(v["measure"], f"{p} measure"),
            "due": r.date(v["due"], f"{p} date")}),
        "ideas": r.items(pr["ideas"], "the development ideas", lambda v, p: {
            **_pick(r, v, p, ("id", "text")),
            "id": r.ident(v["id"], f"{p} id"),
            "text": r.text(v["text"], f"{p} wording")})}

    out["questions"] = r.items(c["questions"], "the questions to raise", lambda v, p: {
        **_pick(r, v, p, ("id", "text")),
        "id": r.ident(v["id"], f"{p} id"),
        "text": r.text(v["text"], f"{p} wording")})

    out["progress"] = r.items(c["progress"], "the progress on the last plan", lambda v, p: {
        **_pick(r, v, p, ("record", "action", "text", "note", "done_on")),
        "record": _record_uid(r, v["record"], f"{p} record"),
        "action": r.ident(v["action"], f"{p} action"),
        "text": r.text(v["text"], f"{p} action's wording"),
        "note": r.text(v["note"], f"{p} note"),
        "done_on": r.date(v["done_on"], f"{p} date done")}, key=("record", "action"))
    return out


def _pick(r: Reader, value: Any, place: str, keys: tuple[str, ...]) -> dict[str, Any]:
    return dict(r.obj(value, place, keys))


def _choices(r: Reader, value: Any, place: str, allowed: Collection[str]) -> list[str]:
    if not isinstance(value, list) or len(value) > len(allowed):
        raise r.damaged(place, "is not a list of the answers offered")
    for v in value:
        if not isinstance(v, str) or v not in allowed:
            raise r.damaged(place, "holds an answer the form does not offer")
    if len(set(value)) != len(value):
        raise r.damaged(place, "gives one answer twice")
    return list(value)


def _optional_id(r: Reader, value: Any, place: str) -> str:
    if value == "":
        return ""
    return r.ident(value, place)


def _record_uid(r: Reader, value: Any, place: str) -> str:
    if not isinstance(value, str) or not HEX32.match(value):
        raise r.damaged(place, "is not a record identifier")
    return value


# -- saying what it carries --------------------------------------------------------------------

def carried_summary(prep: Preparation, *, private_notes: int = 0) -> list[str]:
    """What the file carries, in plain words, to show before it is written."""
    c = prep.content
    p = prep.person
    lines = [f"Your details: {p['full_name']}"
             + (f" (known as {p['preferred_name']})" if p["preferred_name"] else "")
             + f", {p['job_title'] or 'no job title'}, band {p['band']}"
             + (f", manager {p['manager_name']}" if p["manager_name"] else "")
             + (f", assignment number {p['assignment_number']}" if p["assignment_number"] else "")
             + (f", {p['email']}" if p["email"] else "")
             + ", and this application's identifier for you."]
    answered = sum(1 for k in REFLECTION_FIELDS if c["reflection"][k].strip())
    lines.append(f"Your reflection: {answered} of {len(REFLECTION_FIELDS)} questions answered.")
    objectives = c["looking_back"]["objectives"]
    if objectives:
        lines.append(f"Your view of {_n(len(objectives), 'objective')} from last period, "
                     "with your evidence.")
    if c["looking_back"]["feedback"].strip():
        lines.append("Your summary of the feedback you have had.")
    shared = len(c["wellbeing"]["notes"])
    stay = "stays" if private_notes == 1 else "stay"
    lines.append(f"Wellbeing: {_n(shared, 'note')} you chose to share"
                 + (f"; {_n(private_notes, 'private note')} {stay} on this computer, not in "
                    "the file." if private_notes else "."))
    asp = c["aspirations"]
    if any(asp[k] for k in asp):
        lines.append("Your aspirations: direction, level, roles, areas, time and membership "
                     "as you filled them in.")
    rated = sum(1 for x in c["competencies"]["ratings"] if x["self"] is not None)
    if rated or c["competencies"]["ratings"]:
        lines.append(f"Your self-ratings of {_n(rated, 'competency area')}, with evidence.")
    tr = c["transition"]
    if tr["stream"] or tr["expectations"] or tr["experiences"]:
        lines.append(f"Your career stage self-assessment: {_n(len(tr['expectations']), 'expectation')}"
                     f" rated and {_n(len(tr['experiences']), 'helpful experience')} marked.")
    if c["wheel"]["avenues"]:
        lines.append(f"Your view of the exposure wheel: {_n(len(c['wheel']['avenues']), 'avenue')}.")
    pr = c["proposals"]
    if pr["objectives"] or pr["ideas"]:
        lines.append(f"Your proposals: {_n(len(pr['objectives']), 'objective')} and "
                     f"{_n(len(pr['ideas']), 'development idea')}.")
    if c["questions"]:
        lines.append(f"{_n(len(c['questions']), 'question')} you want to raise.")
    if c["progress"]:
        lines.append(f"Your progress on {_n(len(c['progress']), 'action')} of your last plan.")
    if prep.equality is not None:
        answered = sum(1 for v in prep.equality.values() if v)
        lines.append(f"Your equality monitoring answers ({answered} of {len(prep.equality)} "
                     "questions answered), as a part of their own: your manager's store keeps "
                     "them apart from your records and only counts them, in reports that hide "
                     "small numbers. They are never shown beside your name.")
    lines.append("The names and versions of the framework packs it was made with, when it "
                 "was made, and a SHA-256 that shows whether it was changed on the way.")
    return lines


def _n(count: int, noun: str) -> str:
    if count == 1:
        return f"1 {noun}"
    plural = noun[:-1] + "ies" if noun.endswith("y") and noun[-2] not in "aeiou" else noun + "s"
    return f"{count} {plural}"
