"""Everything agreed in a conversation as simple HTML, for the summary step. Plain Python.

Every value typed by a person is escaped; line breaks are kept. Labels come
from the packs the record was made with, so the summary reads as the record.
"""

from __future__ import annotations

import html

from rmp_desktop.domain.carry import ACTION_OUTCOMES, midyear_words, rating_changes
from rmp_desktop.domain.conversation import (
    AVENUE_STATUSES,
    DIRECTIONS,
    EXPERIENCE_STATES,
    FEEDBACK_SOURCES,
    OBJECTIVE_OUTCOMES,
    RATING_SCALE,
    STEP_TITLES,
    TIME_HORIZONS,
    ConversationDetails,
    ConversationDocument,
    Kind,
    step_section,
    steps_for,
)
from rmp_desktop.domain.dates import display_date
from rmp_desktop.domain.names import Names
from rmp_desktop.domain.packs import PackSet
from rmp_desktop.domain.privacy import privacy_words
from rmp_desktop.domain.readiness import readiness_lines
from rmp_desktop.domain.talent import placement_words

NOTHING = "<p><i>Nothing recorded.</i></p>"


def _t(text) -> str:
    """Escaped text with its line breaks; the paragraph's direction follows its own script."""
    return html.escape(str(text or "")).replace("\n", "<br>")


def _para(label: str, text) -> str:
    if not str(text or "").strip():
        return ""
    return f"<p><b>{html.escape(label)}:</b> {_t(text)}</p>"


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>" if items else ""


def render(document: ConversationDocument, details: ConversationDetails, packs: PackSet,
           person_name: str) -> str:
    kind = Kind(details.get("kind") or Kind.BOTH)
    parts = [f"<h2>{html.escape(kind.label)} with {html.escape(person_name)}</h2>",
             f"<p>Held on {display_date(details.get('held_on'))} with "
             f"{_t(details.get('manager_name') or 'no manager named yet')}.</p>"]
    for step in steps_for(kind):
        if step in ("setup", "summary"):
            continue
        if step == "talent" and not document["talent"].get("included"):
            continue  # optional, and left out of this conversation
        body = SECTIONS[step](step_section(document, step), Names(packs))
        parts.append(f"<h3>{html.escape(STEP_TITLES[step])}</h3>{body or NOTHING}")
    return "".join(parts)


def _reflection(s: dict, _names: Names) -> str:
    return "".join((_para("What went well", s.get("went_well")),
                    _para("What was hard", s.get("was_hard")),
                    _para("Proud of", s.get("proud_of")),
                    _para("Hopes", s.get("hopes"))))


def _looking_back(s: dict, _names: Names) -> str:
    items = [f"{_t(o.get('text'))} — <b>{html.escape(OBJECTIVE_OUTCOMES.get(o.get('outcome'), 'no outcome yet'))}</b>"
             + (f"<br><i>Evidence:</i> {_t(o.get('evidence'))}" if o.get("evidence") else "")
             for o in s.get("objectives") or []]
    actions = [f"{_t(a.get('text'))} — <b>{html.escape(ACTION_OUTCOMES.get(a.get('outcome'), 'no outcome yet'))}</b>"
               + (f"<br><i>Mid-year review:</i> {_t(midyear_words(a.get('midyear')))}"
                  if a.get("midyear") else "")
               + (f"<br><i>What happened:</i> {_t(a.get('note'))}" if a.get("note") else "")
               for a in s.get("actions") or []]
    feedback = [f"<b>{html.escape(FEEDBACK_SOURCES.get(f.get('source'), 'Feedback'))}</b>"
                + (f" ({_t(f.get('names'))})" if f.get("named") and f.get("names") else "")
                + (f"<br><i>Themes:</i> {_t(f.get('themes'))}" if f.get("themes") else "")
                + (f"<br><i>Examples:</i> {_t(f.get('examples'))}" if f.get("examples") else "")
                for f in s.get("feedback_items") or []]
    out = _list(items)
    if actions:
        out += "<p><b>Development actions from the last plan:</b></p>" + _list(actions)
    if feedback:
        out += "<p><b>Feedback, by who gave it:</b></p>" + _list(feedback)
    return out + _para("Feedback", s.get("feedback"))


def _talent(s: dict, names: Names) -> str:
    grid = names.packs.talent
    return "".join((_para("Manager's view", placement_words(grid, s.get("manager"))),
                    _para("Their own view", placement_words(grid, s.get("self"))),
                    _para("Reason", s.get("reason"))))


def _wellbeing(s: dict, names: Names) -> str:
    state, _, words = privacy_words(s).partition(": ")
    marker = f"<p><b>{html.escape(state)}:</b> {html.escape(words)}</p>"
    areas = "".join(_para(names.wellbeing_area(k), v) for k, v in (s.get("areas") or {}).items())
    actions = _list([_t(a.get("text")) for a in s.get("actions") or [] if a.get("text")])
    body = (areas + _para("Flexible working", s.get("flexible_working"))
            + _para("Support signposted", s.get("support_signposted"))
            + (f"<p><b>Wellbeing actions:</b></p>{actions}" if actions else ""))
    return marker + body if body else marker


def _aspirations(s: dict, names: Names) -> str:
    directions = ", ".join(DIRECTIONS[d] for d in s.get("directions") or [] if d in DIRECTIONS)
    functional = ", ".join(names.functional_area(a) for a in s.get("functional_areas") or [])
    membership = ""
    if s.get("membership_current") or s.get("membership_target"):
        membership = (f"{names.membership(s.get('membership_current') or '') or 'none'} now, "
                      f"aiming for {names.membership(s.get('membership_target') or '') or 'no change'}")
    return "".join((_para("Directions", directions),
                    _para("Target level", names.pathway_level(s.get("target_level"))),
                    _para("Target roles", s.get("target_roles")),
                    _para("Functional areas of interest", functional),
                    _para("Time horizon", TIME_HORIZONS.get(str(s.get("time_horizon") or ""), "")),
                    _para("CIPD membership", membership),
                    _para("Notes", s.get("notes"))))


def _competencies(s: dict, names: Names) -> str:
    framework = names.packs.competency
    out = _para("Framework", framework.title)
    out += _para("Current level", names.competency_level(s.get("current_level")))
    out += _para("Target level", names.competency_level(s.get("target_level")))
    rows = []
    changes = {c.area: c for c in rating_changes(s, [a.id for a in framework.areas])}
    for area in framework.areas:
        r = (s.get("ratings") or {}).get(area.id) or {}
        if not (r.get("self") or r.get("manager") or r.get("evidence")):
            continue
        change = changes.get(area.id)
        rows.append(f"<b>{html.escape(area.name)}</b>: self {_rating(r.get('self'))}, manager "
                    f"{_rating(r.get('manager'))}"
                    + (f"; last time {_rating(change.last)} ({change.words()})"
                       if change and change.last is not None and change.words() else "")
                    + (f"<br><i>Evidence:</i> {_t(r.get('evidence'))}" if r.get("evidence") else ""))
    return out + _list(rows)


def _transition(s: dict, names: Names) -> str:
    pack = names.packs.transitions
    stream = pack.stream(s.get("stream") or "")
    transition = pack.transition(s.get("transition") or "")
    out = _para("Stream", stream.name if stream else "")
    out += _para("Transition", transition.name if transition else "None chosen")
    if transition:
        lines = readiness_lines(transition, s.get("expectations") or {}, pack.dimensions)
        out += "<p><b>Readiness:</b></p>" + _list([html.escape(line) for line in lines])
        experiences = [f"{html.escape(e.name or e.text)}: "
                       f"{html.escape(EXPERIENCE_STATES[(s.get('experiences') or {})[e.id]])}"
                       for e in transition.experiences
                       if (s.get("experiences") or {}).get(e.id) in EXPERIENCE_STATES]
        if experiences:
            out += "<p><b>Helpful experiences:</b></p>" + _list(experiences)
    return out + _para("Notes", s.get("notes"))


def _wheel(s: dict, names: Names) -> str:
    statuses = s.get("avenues") or {}
    items = [f"{html.escape(a.name)}: {html.escape(AVENUE_STATUSES[statuses[a.id]])}"
             for a in names.packs.wheel.avenues
             if statuses.get(a.id) in AVENUE_STATUSES and statuses[a.id] != "not_considered"]
    return _list(items) + _para("Notes", s.get("notes"))


def _plan(s: dict, names: Names) -> str:
    objectives = [f"{_t(o.get('text'))}" + (" <b>(EDI)</b>" if o.get("edi") else "")
                  + f"<br><i>Measure:</i> {_t(o.get('measure')) or '—'}; "
                  f"<i>by</i> {html.escape(display_date(o.get('due')) or '—')}"
                  for o in s.get("objectives") or []]
    actions = []
    for a in s.get("actions") or []:
        gap = a.get("gap") or {}
        link = names.gap(gap)
        actions.append(
            f"{_t(a.get('text'))}" + (f"<br><i>Gap it addresses:</i> {html.escape(link)}"
                                      if link else "")
            + f"<br><i>Owner:</i> {_t(a.get('owner')) or '—'}; <i>target</i> "
            f"{html.escape(display_date(a.get('target_date')) or '—')}; "
            f"<i>review</i> {html.escape(display_date(a.get('review_date')) or '—')}"
            + (f"<br><i>Support:</i> {_t(a.get('support'))}" if a.get("support") else "")
            + (f"<br><i>Success measure:</i> {_t(a.get('success_measure'))}"
               if a.get("success_measure") else ""))
    out = ""
    if objectives:
        out += "<p><b>Objectives:</b></p>" + _list(objectives)
    if actions:
        out += "<p><b>Development actions:</b></p>" + _list(actions)
    return out


def _rating(value) -> str:
    return f"{value} {RATING_SCALE[value]}" if value in RATING_SCALE else "not rated"


SECTIONS = {"reflection": _reflection, "looking_back": _looking_back, "wellbeing": _wellbeing,
            "aspirations": _aspirations, "competencies": _competencies, "talent": _talent,
            "transition": _transition, "wheel": _wheel, "plan": _plan}

__all__ = ["render"]
