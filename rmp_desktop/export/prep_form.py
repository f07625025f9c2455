"""The preparation as a fillable PDF form, for people who will not install anything.

    data = render_form(subject, packs)          # the form, pre-filled for one person
    prep = read_form(pdf_bytes)                 # the filled form as a checked Preparation

The form is plain AcroForm (no XFA, no scripts), so any reader fills it: Adobe Reader,
Edge, Chrome and Firefox (pdf.js), Preview, Evince and Okular (poppler). What the person
reads is drawn as ordinary text in the record's fonts (every script); what they write goes
in fields. Everything the form must carry back that the person does not type (who it is
for, last period's objectives and actions, the packs and their item ids) is in one hidden,
read-only field as ASCII JSON, sealed with its SHA-256: the reader's field appearance
fonts cannot draw every script, and a name must come back exactly as it went out.

A form printed to PDF, flattened or saved by a reader that drops its fields has no fields
left to read, and is refused with words that say so.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.acroform import PDFFromString
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
)

from rmp_desktop import APP_TITLE, __version__
from rmp_desktop.domain.conversation import (
    AVENUE_STATUSES,
    DIRECTIONS,
    EXPECTATION_RATINGS,
    EXPERIENCE_STATES,
    OBJECTIVE_OUTCOMES,
    RATING_SCALE,
    TIME_HORIZONS,
)
from rmp_desktop.domain.exchange_json import ExchangeRefused, Reader
from rmp_desktop.domain.packs import PackSet
from rmp_desktop.domain.preparation import (
    FLEXIBLE_WORKING,
    PERSON_FIELDS,
    Preparation,
    check_preparation,
    empty_content,
)
from rmp_desktop.domain.record import canonical_sha256
from rmp_desktop.domain.staff import BANDS, FUNCTIONAL_AREAS
from rmp_desktop.export.pdf_styles import (
    FRAME_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_X,
    NHS_BLUE,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RULE,
    styles,
)
from rmp_desktop.export.pdf_text import markup

if TYPE_CHECKING:  # the type only: drawing a form never needs the store's modules
    from rmp_desktop.storage.store import Store

FORM_FORMAT = "rmp-prep-form"
FORM_VERSION = 1
MAX_FORM_BYTES = 10 * 1024 * 1024  # 10 MB: the form is about 150 KB; readers add a little
DATA_FIELD = "rmp:data"
SEAL_FIELD = "rmp:seal"
MARKER = "RMPPrepForm"  # in the document properties, to recognise a flattened form
PROPOSAL_ROWS, IDEA_ROWS, QUESTION_ROWS, EXTRA_OBJECTIVES = 3, 3, 5, 2
_NONE = "none"  # a choice not made yet (an empty export value confuses some readers)
_FIELD_FILL = (0.94, 0.96, 0.99)


@dataclass(frozen=True)
class FormSubject:
    """Who the form is for and what it is pre-filled with (plain data)."""

    person: dict[str, str]  # the preparation's person fields, uid included
    objectives: list[dict[str, Any]] = field(default_factory=list)  # [{"id", "text"}] of the last plan
    actions: list[dict[str, Any]] = field(default_factory=list)  # [{"record", "action", "text", "due"}]
    made_at: str = ""  # ISO 8601 UTC


def subject_for(store: Store, person_id: int, made_at: str) -> FormSubject:
    """The form's subject from a store: the person, their manager and their last signed plan."""
    from rmp_desktop.domain.conversation import Status
    from rmp_desktop.storage.person_query import load_person

    member = store.staff.get(person_id)
    details = load_person(store.location, person_id)
    person = {"uid": member.uid, "full_name": member.full_name,
              "preferred_name": member.preferred_name, "job_title": member.job_title,
              "band": member.band, "functional_area": member.functional_area,
              "manager_name": details.manager_name if details else "",
              "assignment_number": member.assignment_number, "email": member.email}
    newest = next((m for m in store.conversations.list_for_person(person_id)
                   if m.status is Status.SIGNED), None)
    objectives, actions = [], []
    if newest is not None:
        plan = store.conversations.document(newest.id)["plan"]
        objectives = [{"id": str(o["id"]), "text": o["text"]} for o in plan["objectives"]
                      if o.get("id") and o.get("text")]
        actions = [{"record": newest.uid, "action": str(a["id"]), "text": a["text"],
                    "due": a.get("target_date", "")} for a in plan["actions"]
                   if a.get("id") and a.get("text")]
    return FormSubject(person, objectives, actions, made_at)


def log_form_given(store: Store, person_id: int) -> None:
    """The audit entry for a form written out for someone (the window and the command line)."""
    from rmp_desktop.storage.audit import append

    with store.sessions.begin() as session:
        append(session, "exported", staff_id=person_id, what="preparation form")


# -- drawing -----------------------------------------------------------------------------------

class _Field(Flowable):
    """One AcroForm widget placed by the layout like any other flowable."""

    def __init__(self, kind: str, name: str, width: float, height: float, tooltip: str, *,
                 options: Sequence[tuple[str, str]] = (), value: str = "",
                 multiline: bool = False):
        super().__init__()
        self.kind, self.name, self.tooltip = kind, name, tooltip
        self.width, self.height = width, height
        self.options, self.value, self.multiline = list(options), value, multiline

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        # The box is drawn on the page, the widget itself is transparent: one plain rectangle
        # instead of colours and borders in every field's own appearance (a form has 170).
        canv = self.canv
        canv.saveState()
        canv.setFillColorRGB(*_FIELD_FILL)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.8)
        canv.rect(0, 0, self.width, self.height, stroke=1, fill=1)
        canv.restoreState()
        if self.kind == "check":
            canv.acroForm.checkbox(name=self.name, tooltip=_latin(self.tooltip), x=0, y=0,
                                   # reportlab takes any number here; its stub says int
                                   relative=True, size=self.height,  # type: ignore[arg-type]
                                   checked=False,
                                   buttonStyle="check", borderColor=None, fillColor=None,
                                   borderWidth=0)
        elif self.kind == "text":
            flags = (1 << 12 | 1 << 23) if self.multiline else 0  # multiline, doNotScroll
            _widget(canv, "Tx", self.name, self.tooltip, self.width, self.height, flags,
                    "/V () /DV ()", "")
        else:
            value = self.value or _NONE
            label = next(lb for lb, v in self.options if v == value)
            options = " ".join(f"[{_pdf_string(v)} {_pdf_string(_latin(lb))}]"
                               for lb, v in self.options)
            _widget(canv, "Ch", self.name, self.tooltip, self.width, self.height, 1 << 17,
                    f"/Opt [{options}] /V {_pdf_string(value)} /DV {_pdf_string(value)}",
                    _latin(label))


def _pdf_string(text: str) -> str:
    from reportlab.lib.rl_accel import escapePDF

    return f"({escapePDF(text)})"


def _widget(canv: Canvas, kind: str, name: str, tooltip: str, width: float, height: float,
            flags: int, extra: str, shown: str) -> None:
    """One field written as a ready-made dictionary.

    reportlab's own field writer builds every entry as an object and formats it generically:
    about 0.6 ms a field, most of a form's cost. Here each field is one string, and fields
    of the same size and showing the same words share one appearance stream."""
    form = canv.acroForm
    font_ref, font = form.makeFont("Helvetica")
    cache = form.__dict__.setdefault("_rmp_appearances", {})
    key = (width, height, shown)
    appearance = cache.get(key)
    if appearance is None:
        text = ""
        if shown:
            text = (f"q BT /{font} 9 Tf 0 g 3 {(height - 9) / 2 + 2:.2f} Td "
                    f"{_pdf_string(shown)} Tj ET Q ")
        stream = form.makeStream(width, height, f"/Tx BMC {text}EMC",
                                 Resources=PDFFromString(f"<< /Font << /{font} {font_ref} >> >>"))
        appearance = cache[key] = form.getRefStr(stream)
    x, y = canv.absolutePosition(0, 0)
    size = 9 if kind == "Ch" else 10
    field = PDFFromString(
        f"<< /Type /Annot /Subtype /Widget /FT /{kind} /T {_pdf_string(name)} "
        f"/TU {_pdf_string(_latin(tooltip))} /F 4 /Ff {flags} "
        f"/Rect [{x:.2f} {y:.2f} {x + width:.2f} {y + height:.2f}] "
        f"/DA (/{font} {size} Tf 0 g) {extra} /AP << /N {appearance} >> >>")
    canv._addAnnotation(field)  # type: ignore[attr-defined]  # reportlab's own, as its forms do
    form.fields.append(form.getRef(field))  # type: ignore[no-untyped-call]


class _Hidden(Flowable):
    """A read-only field no reader shows or prints."""

    def __init__(self, name: str, value: str):
        super().__init__()
        self.name, self.value = name, value

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.acroForm.textfield(name=self.name, value=self.value, x=0, y=0, width=1,
                                     height=1, relative=True, maxlen=0,
                                     annotationFlags="hidden", fieldFlags="readOnly",
                                     borderWidth=0)


def _latin(text: str) -> str:
    """Words for a field's own appearance, which readers draw in a Latin-only font."""
    import unicodedata

    out = unicodedata.normalize("NFKD", text or "")
    out = "".join(ch for ch in out if not unicodedata.combining(ch))
    return out.encode("latin-1", "replace").decode("latin-1").replace("\u2019", "'")


class _Form:
    """Builds the story and the hidden data side by side, so every field has its key."""

    def __init__(self, subject: FormSubject, packs: PackSet, large: bool = False):
        self.s = styles()
        self.subject = subject
        self.packs = packs
        self.story: list[Flowable] = []
        self.data: dict[str, Any] = {
            "format": FORM_FORMAT, "version": FORM_VERSION, "made_at": subject.made_at,
            "person": subject.person, "packs": packs.refs(), "objectives": subject.objectives,
            "actions": subject.actions, "areas": [], "expectations": [], "experiences": [],
            "avenues": [], "wellbeing": []}

    # small pieces
    def h1(self, text: str) -> None:
        self.story += [CondPageBreak(60 * mm), Paragraph(markup(text), self.s.h1),
                       _Rule()]

    def h2(self, text: str) -> None:
        self.story += [CondPageBreak(35 * mm), Paragraph(markup(text), self.s.h2)]

    def para(self, text: str, style: ParagraphStyle | None = None) -> None:
        self.story.append(Paragraph(markup(text), style or self.s.body))

    def muted(self, text: str) -> None:
        self.story.append(Paragraph(markup(text), self.s.muted))

    def text_field(self, name: str, label: str, lines: int = 3, hint: str = "") -> None:
        height = 16 if lines == 1 else 12 * lines + 6
        block: list[Flowable] = [Paragraph(markup(label), self.s.label)]
        if hint:
            block.append(Paragraph(markup(hint), self.s.small))
            block.append(Spacer(1, 3))
        block.append(_Field("text", name, FRAME_WIDTH, height, label, multiline=lines > 1))
        block.append(Spacer(1, 4))
        self.story.append(_Keep(block))

    def row(self, label: str, widget: Flowable, hint: str = "") -> None:
        """A label (with an optional line of help) beside one field."""
        cell = [Paragraph(markup(label), self.s.cell)]
        if hint:
            cell.append(Paragraph(markup(hint), self.s.cell_muted))
        self.story.append(_Row(cell, widget))

    @staticmethod
    def choice(name: str, tooltip: str, options: Sequence[tuple[str, str]], value: str = "",
               width: float = 150) -> _Field:
        return _Field("choice", name, width, 16, tooltip,
                      options=[("(choose)", _NONE), *options], value=value)

    @staticmethod
    def check(name: str, tooltip: str) -> _Field:
        return _Field("check", name, 12, 12, tooltip)

    # the parts
    def build(self) -> list[Flowable]:
        p = self.subject.person
        s = self.s
        name = p["preferred_name"] or p["full_name"]
        self.story += [Paragraph("Preparing for your conversation", s.kicker),
                       Paragraph(markup(p["full_name"]), s.title),
                       Paragraph(markup(f"{p['job_title']} · band {p['band']}"
                                        + (f" · with {p['manager_name']}"
                                           if p["manager_name"] else "")), s.subtitle)]
        self.para(f"{name}, this form helps you prepare for your appraisal and career "
                  "conversation. The conversation is yours: write as much or as little as "
                  "you like, in your own words. Fill it in with any PDF reader (Adobe Reader, "
                  "Edge, Chrome, Firefox, Preview, Evince or Okular), save it, and send the "
                  "saved file back to your manager.")
        self.muted("Save the form, do not print it to PDF: printing turns the boxes into a "
                   "picture, and your answers can no longer be read. Everything you write here "
                   "can be read by your manager; keep anything private out of it.")
        self.details()
        self.reflection()
        self.looking_back()
        self.wellbeing()
        self.aspirations()
        self.competencies()
        self.transition()
        self.wheel()
        self.proposals()
        self.questions()
        self.progress()
        blob = json.dumps(self.data, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
        self.story += [_Hidden(DATA_FIELD, blob), _Hidden(SEAL_FIELD, canonical_sha256(self.data))]
        return self.story

    def details(self) -> None:
        p = self.subject.person
        self.h1("Your details")
        self.para("This is what your manager holds. If anything is wrong or missing, write "
                  "it in the box beside it; leave a box empty when the detail is right.")
        for key, label in (("full_name", "Name, as you write it"),
                           ("preferred_name", "Name you like to be called"),
                           ("job_title", "Job title"), ("manager_name", "Your manager"),
                           ("assignment_number", "Assignment number"), ("email", "Email")):
            self.row(f"{label}: {p[key] or '(not given)'}",
                     _Field("text", f"me:{key}", 220, 16, f"Correct {label.lower()}"))
        self.row(f"Band: {p['band']}",
                 self.choice("me:band", "Band", [(b, b) for b in BANDS], width=220))
        area = FUNCTIONAL_AREAS.get(p["functional_area"], p["functional_area"])
        self.row(f"Functional area: {area}",
                 self.choice("me:functional_area", "Functional area",
                             [(v, k) for k, v in FUNCTIONAL_AREAS.items()], width=220))

    def reflection(self) -> None:
        prompt = self.packs.prompts.steps.get("reflection")
        hints = prompt.hints if prompt else {}
        self.h1("Reflection")
        for key, label in (("went_well", "What has gone well for you this year?"),
                           ("was_hard", "What has been difficult?"),
                           ("proud_of", "What are you most proud of?"),
                           ("hopes", "What do you hope for in the year ahead?")):
            self.text_field(f"refl:{key}", label, 5, hints.get(key, ""))

    def looking_back(self) -> None:
        self.h1("Looking back at last period's objectives")
        outcomes = list(OBJECTIVE_OUTCOMES.items())
        outcomes = [(label, key) for key, label in outcomes]
        if self.subject.objectives:
            self.para("Your objectives from your last signed plan. Say how each went, in your "
                      "view, and what shows it.")
        for i, objective in enumerate(self.subject.objectives):
            self.row(objective["text"], self.choice(f"lb:{i}:outcome", "Outcome", outcomes))
            self.text_field(f"lb:{i}:evidence", "Evidence", 3)
        self.para("Any other objective you worked to (leave empty if none):")
        for i in range(EXTRA_OBJECTIVES):
            self.text_field(f"lbx:{i}:text", f"Other objective {i + 1}", 1)
            self.row("How it went", self.choice(f"lbx:{i}:outcome", "Outcome", outcomes))
            self.text_field(f"lbx:{i}:evidence", "Evidence", 2)
        self.text_field("lb:feedback", "Feedback you have had from colleagues or the people "
                        "you support, in summary", 4)

    def wellbeing(self) -> None:
        self.h1("Health and wellbeing")
        self.para("Write only what you are happy for your manager to read. Anything you "
                  "leave empty stays unsaid.")
        for area in self.packs.prompts.wellbeing_areas:
            self.data["wellbeing"].append(area.id)
            self.text_field(f"wb:{len(self.data['wellbeing']) - 1}", area.name, 3, area.prompt)
        self.data["wellbeing"].append(FLEXIBLE_WORKING)
        self.text_field(f"wb:{len(self.data['wellbeing']) - 1}", "Flexible working", 3,
                        "Any change to when or where you work that would help.")

    def aspirations(self) -> None:
        self.h1("Your aspirations")
        self.para("Which directions appeal to you? Tick any that do.")
        for key, label in DIRECTIONS.items():
            self.row(label, self.check(f"asp:dir:{key}", label))
        levels = [(f"{lv.number}: {lv.name}", str(lv.number)) for lv in self.packs.pathway.levels]
        self.row("The level you are aiming for", self.choice("asp:target_level", "Level", levels,
                                                             width=220))
        self.text_field("asp:target_roles", "Roles that interest you", 2)
        self.para("Functional areas that interest you:")
        for key, label in FUNCTIONAL_AREAS.items():
            self.row(label, self.check(f"asp:area:{key}", label))
        self.row("When", self.choice("asp:time_horizon", "When",
                                     [(v, k) for k, v in TIME_HORIZONS.items()], width=220))
        grades = [(m.name, m.id) for m in self.packs.pathway.memberships]
        self.row("CIPD membership now", self.choice("asp:membership_current", "CIPD now", grades,
                                                    width=220))
        self.row("CIPD membership you are aiming for",
                 self.choice("asp:membership_target", "CIPD aim", grades, width=220))
        self.text_field("asp:notes", "In your own words", 4)

    def competencies(self) -> None:
        framework = self.packs.competency
        self.h1("Competencies: your self-rating")
        level = framework.level_for_band(self.subject.person["band"])
        levels = [(f"{lv.number}: {lv.name}", str(lv.number)) for lv in framework.levels]
        self.row("Your level now", self.choice("comp:current_level", "Level now", levels,
                                               value=str(level or ""), width=220))
        self.row("The level you are aiming for",
                 self.choice("comp:target_level", "Level aimed for", levels, width=220))
        scale = [(f"{k}: {v}", str(k)) for k, v in RATING_SCALE.items()]
        for area in framework.areas:
            index = len(self.data["areas"])
            self.data["areas"].append(area.id)
            self.h2(area.name)
            self.muted(area.summary)
            for indicator in area.indicators.get(level or 0, ())[:5]:
                self.story.append(Paragraph(markup(indicator), self.s.bullet, bulletText="•"))
            self.row("Your rating", self.choice(f"comp:{index}:self", f"{area.name} rating",
                                                scale))
            self.text_field(f"comp:{index}:evidence", f"Evidence for {area.name}", 3)

    def transition(self) -> None:
        pack = self.packs.transitions
        self.h1("Career transition (High Potential Scheme)")
        self.para("If you are thinking about the next step up, choose the stream and "
                  "transition that fit you, and rate yourself against its expectations. "
                  "Leave this part empty if it does not apply.")
        stream = pack.stream_for_band(self.subject.person["band"])
        self.row("Stream", self.choice("tr:stream", "Stream",
                                       [(s.name, s.id) for s in pack.streams],
                                       value=stream.id if stream else "", width=220))
        self.row("Transition", self.choice("tr:transition", "Transition",
                                           [(t.name, t.id) for t in pack.transitions], width=220))
        ratings = [(v, k) for k, v in EXPECTATION_RATINGS.items()]
        states = [(v, k) for k, v in EXPERIENCE_STATES.items()]
        for transition in pack.transitions:
            self.h2(transition.name)
            self.muted(transition.summary)
            for dimension_id, items in transition.expectations.items():
                dimension = pack.dimension(dimension_id)
                self.story.append(Paragraph(markup(dimension.name if dimension else dimension_id),
                                            self.s.label))
                for item in items:
                    index = len(self.data["expectations"])
                    self.data["expectations"].append(item.id)
                    self.row(item.text, self.choice(f"tr:exp:{index}", "Expectation", ratings))
            self.story.append(Paragraph("Helpful experiences", self.s.label))
            for experience in transition.experiences:
                index = len(self.data["experiences"])
                self.data["experiences"].append(experience.id)
                self.row(f"{experience.name}: {experience.text}" if experience.name
                         else experience.text,
                         self.choice(f"tr:xp:{index}", "Experience", states))
        self.text_field("tr:notes", "Notes on your next step", 3)

    def wheel(self) -> None:
        pack = self.packs.wheel
        self.h1("The exposure wheel")
        self.para("For each avenue of development, are you pursuing it?")
        statuses = [(v, k) for k, v in AVENUE_STATUSES.items()]
        for group in pack.groups:
            self.h2(f"{group.name} ({group.share}%)")
            for avenue in pack.avenues_in(group.id):
                index = len(self.data["avenues"])
                self.data["avenues"].append(avenue.id)
                self.row(avenue.name, self.choice(f"wh:{index}", avenue.name, statuses),
                         avenue.description)
        self.text_field("wh:notes", "Notes on your development", 3)

    def proposals(self) -> None:
        self.h1("What you would like to propose")
        for i in range(PROPOSAL_ROWS):
            self.h2(f"Objective {i + 1}")
            self.text_field(f"po:{i}:text", "What you want to achieve", 2)
            self.text_field(f"po:{i}:measure", "How you will both know it is done", 2)
            self.row("By when (for example 31 May 2027)",
                     _Field("text", f"po:{i}:due", 110, 16, "Target date, day/month/year"))
        self.h2("Development ideas")
        for i in range(IDEA_ROWS):
            self.text_field(f"idea:{i}", f"Idea {i + 1}", 2)

    def questions(self) -> None:
        self.h1("Questions you want to raise")
        for i in range(QUESTION_ROWS):
            self.text_field(f"q:{i}", f"Question {i + 1}", 2)

    def progress(self) -> None:
        if not self.subject.actions:
            return
        self.h1("Progress on your last plan")
        self.para("How far have you got with each action you agreed?")
        for i, action in enumerate(self.subject.actions):
            self.h2(action["text"])
            self.text_field(f"act:{i}:note", "Progress so far", 3)
            self.row("Done on (for example 31 May 2027), if done",
                     _Field("text", f"act:{i}:done", 110, 16, "Date done, day/month/year"))


class _Row(Flowable):
    """Words on the left, a field on the right, a hairline below: a one-row table without
    the cost of a Table (a form has a hundred of them)."""

    PAD = 3

    def __init__(self, words: list[Paragraph], widget: Flowable):
        super().__init__()
        self.words, self.widget = words, widget

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        text_width = available_width - self.widget.width - 8
        self.heights = [p.wrap(text_width, available_height)[1] for p in self.words]
        self.height = max(sum(self.heights), self.widget.height) + 2 * self.PAD
        return self.width, self.height

    def draw(self) -> None:
        y = self.height - self.PAD
        for paragraph, height in zip(self.words, self.heights, strict=True):
            y -= height
            paragraph.drawOn(self.canv, 0, y)
        self.widget.drawOn(self.canv, self.width - self.widget.width,
                           self.height - self.PAD - self.widget.height)
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.4)
        self.canv.line(0, 0, self.width, 0)


class _Rule(Flowable):
    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, 6

    def draw(self) -> None:
        self.canv.setStrokeColor(NHS_BLUE)
        self.canv.setLineWidth(1.2)
        self.canv.line(0, 4, self.width, 4)


class _Keep(Flowable):
    """Keeps a label with its field (KeepTogether without the split logic we do not need)."""

    def __init__(self, flowables: list[Flowable]):
        super().__init__()
        self.flowables = flowables

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.sizes = [f.wrap(available_width, available_height) for f in self.flowables]
        self.width = available_width
        self.height = sum(h for _, h in self.sizes) + sum(
            f.getSpaceBefore() + f.getSpaceAfter() for f in self.flowables)
        return self.width, self.height

    def draw(self) -> None:
        y = self.height
        for f, (_, h) in zip(self.flowables, self.sizes, strict=True):
            y -= f.getSpaceBefore() + h
            f.drawOn(self.canv, 0, y)
            y -= f.getSpaceAfter()


def render_form(subject: FormSubject, packs: PackSet) -> bytes:
    """The form's bytes, for one person."""
    builder = _Form(subject, packs)
    story = builder.build()
    out = io.BytesIO()
    person = subject.person
    doc = BaseDocTemplate(out, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), leftMargin=MARGIN_X,
                          rightMargin=MARGIN_X, topMargin=20 * mm, bottomMargin=MARGIN_BOTTOM,
                          title=f"Preparing for your conversation: {person['full_name']}",
                          author=APP_TITLE, subject="Preparation form",
                          creator=f"rmp-desktop {__version__}", lang="en-GB", invariant=1,
                          # reportlab takes the keywords as text too (its stub says a list)
                          keywords=f"preparation form; {MARKER}")  # type: ignore[arg-type]
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, PAGE_WIDTH - 2 * MARGIN_X,
                  PAGE_HEIGHT - 20 * mm - MARGIN_BOTTOM, leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)

    def footer(canv: Canvas, _doc: object) -> None:
        canv.saveState()
        canv.setFont(builder.s.small.fontName, 8)
        canv.setFillColor(builder.s.muted.textColor)
        canv.drawString(MARGIN_X, 12 * mm, "Preparation form: fill in, save, and send the saved "
                                           "file back. Do not print to PDF.")
        canv.drawRightString(PAGE_WIDTH - MARGIN_X, 12 * mm, f"Page {canv.getPageNumber()}")
        if canv.getPageNumber() == 1:
            form = canv.acroForm
            form.extras["NeedAppearances"] = PDFFromString("true")
        canv.restoreState()

    doc.addPageTemplates([PageTemplate(id="form", frames=[frame], onPage=footer)])
    doc.build(story)
    return out.getvalue()


# -- reading a filled form back ----------------------------------------------------------------

def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF")


def read_form(data: bytes) -> Preparation:
    """A filled form as a checked preparation; ExchangeRefused says why not, in words."""
    if len(data) > MAX_FORM_BYTES:
        raise ExchangeRefused(f"This PDF is {len(data) / (1024 * 1024):.1f} MB; a preparation "
                              f"form is at most {MAX_FORM_BYTES // (1024 * 1024)} MB.")
    return from_fields(*_fields(data))


def from_fields(values: dict[str, str], marked: bool = False) -> Preparation:
    """A form's field values (by name) as a checked preparation; `marked` when the document
    says it is our form, for the message when its fields are gone."""
    if DATA_FIELD not in values:
        if marked or values:
            raise ExchangeRefused(
                "This preparation form has lost its boxes: it was printed to PDF, flattened or "
                "saved by a program that removes form fields, so the answers in it can no "
                "longer be read. Open the form you were sent, fill it in again (or copy your "
                "answers across), and use Save rather than Print.")
        raise ExchangeRefused("This PDF is not a preparation form made by this application.")
    try:
        # NaN and Infinity are not JSON: refused here, before the seal is computed over them.
        hidden = json.loads(values[DATA_FIELD], parse_constant=_not_json)
    except (ValueError, RecursionError):
        hidden = None
    if not isinstance(hidden, dict) or hidden.get("format") != FORM_FORMAT:
        raise ExchangeRefused("This preparation form is damaged: the part that says who it is "
                              "for cannot be read. Ask your manager for a new form.")
    if isinstance(hidden.get("version"), int) and hidden["version"] > FORM_VERSION:
        raise ExchangeRefused("This preparation form was made by a newer version of the "
                              "application. Update the application, then import it again.")
    if canonical_sha256(hidden) != values.get(SEAL_FIELD):
        raise ExchangeRefused("This preparation form was tampered with: the hidden part that "
                              "ties it to the person and the framework versions no longer "
                              "matches its seal. Ask for the form to be filled in again.")
    _check_hidden(hidden)
    return _preparation(hidden, values)


def _not_json(constant: str) -> None:
    raise ValueError(f"{constant} is not a JSON value")


def _check_hidden(hidden: dict[str, Any]) -> None:
    """The sealed part's shape: a seal proves it unchanged, not that we made it."""
    r = Reader("preparation form", 10_000, 500)
    r.obj(hidden, "the hidden part", ("format", "version", "made_at", "person", "packs",
                                      "objectives", "actions", "areas", "expectations",
                                      "experiences", "avenues", "wellbeing"))
    r.obj(hidden["person"], "the person", PERSON_FIELDS)

    def details(value: Any, place: str) -> dict[str, Any]:
        if not isinstance(value, dict) or not all(isinstance(x, str) for x in value.values()):
            raise r.damaged(place, "is not a list of details")
        return value

    for key, unique in (("packs", "fingerprint"), ("objectives", "id"),
                        ("actions", ("record", "action"))):
        r.items(hidden[key], f"the form's {key}", details, key=unique)
    for key in ("areas", "expectations", "experiences", "avenues", "wellbeing"):
        r.items(hidden[key], f"the form's {key}", lambda v, p: {"id": r.ident(v, p)})


def _fields(data: bytes) -> tuple[dict[str, str], bool]:
    """Every field's value by name, and whether the document says it is our form."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        fields = reader.get_fields() or {}
        info: Any = reader.metadata or {}
        marked = MARKER in str(info.get("/Keywords") or "")
        if not marked and reader.pages:
            text = reader.pages[0].extract_text() or ""
            marked = "Preparing for your conversation" in text
    except Exception:  # noqa: BLE001 - pypdf on untrusted bytes raises many kinds of error
        raise ExchangeRefused("This PDF is damaged and cannot be read. Ask for the form "
                              "to be sent again.") from None
    values: dict[str, str] = {}
    for name, f in fields.items():
        value = f.get("/V")
        if isinstance(value, list):  # a multiple choice: ours are single
            value = value[0] if value else ""
        values[str(name)] = "" if value is None else str(value)
    return values, marked


def _preparation(hidden: dict[str, Any], values: dict[str, str]) -> Preparation:
    def text(name: str) -> str:
        return values.get(name, "").replace("\r\n", "\n").replace("\r", "\n").strip()

    def pick(name: str) -> str:
        value = text(name)
        return "" if value in (_NONE, "") else value

    def ticked(name: str) -> bool:
        return values.get(name, "") not in ("", "/Off", "Off")

    person = dict(hidden.get("person") or {})
    for key in ("full_name", "preferred_name", "job_title", "manager_name",
                "assignment_number", "email"):
        if text(f"me:{key}"):
            person[key] = text(f"me:{key}")
    for key in ("band", "functional_area"):
        if pick(f"me:{key}"):
            person[key] = pick(f"me:{key}")
    c = empty_content()
    c["reflection"] = {k: text(f"refl:{k}") for k in c["reflection"]}
    objectives = []
    for i, objective in enumerate(hidden.get("objectives") or []):
        objectives.append({"id": str(objective.get("id", "")), "text": objective.get("text", ""),
                           "outcome": pick(f"lb:{i}:outcome"),
                           "evidence": text(f"lb:{i}:evidence")})
    for i in range(EXTRA_OBJECTIVES):
        if text(f"lbx:{i}:text"):
            objectives.append({"id": f"form-other-{i + 1}", "text": text(f"lbx:{i}:text"),
                               "outcome": pick(f"lbx:{i}:outcome"),
                               "evidence": text(f"lbx:{i}:evidence")})
    c["looking_back"] = {"objectives": [o for o in objectives if o["outcome"] or o["evidence"]
                                        or o["id"].startswith("form-other")],
                         "feedback": text("lb:feedback")}
    c["wellbeing"]["notes"] = [
        {"area": area, "label": "", "text": text(f"wb:{i}")}
        for i, area in enumerate(hidden.get("wellbeing") or []) if text(f"wb:{i}")]
    asp = c["aspirations"]
    asp["directions"] = [k for k in DIRECTIONS if ticked(f"asp:dir:{k}")]
    asp["target_level"] = _int(pick("asp:target_level"))
    asp["target_roles"] = text("asp:target_roles")
    asp["functional_areas"] = [k for k in FUNCTIONAL_AREAS if ticked(f"asp:area:{k}")]
    asp["time_horizon"] = pick("asp:time_horizon")
    asp["membership_current"] = pick("asp:membership_current")
    asp["membership_target"] = pick("asp:membership_target")
    asp["notes"] = text("asp:notes")
    comp = c["competencies"]
    comp["current_level"] = _int(pick("comp:current_level"))
    comp["target_level"] = _int(pick("comp:target_level"))
    comp["ratings"] = [
        {"area": area, "label": "", "self": _int(pick(f"comp:{i}:self")),
         "evidence": text(f"comp:{i}:evidence")}
        for i, area in enumerate(hidden.get("areas") or [])
        if pick(f"comp:{i}:self") or text(f"comp:{i}:evidence")]
    tr = c["transition"]
    tr["stream"], tr["transition"] = pick("tr:stream"), pick("tr:transition")
    tr["expectations"] = [{"id": e, "label": "", "rating": pick(f"tr:exp:{i}")}
                          for i, e in enumerate(hidden.get("expectations") or [])
                          if pick(f"tr:exp:{i}")]
    tr["experiences"] = [{"id": e, "label": "", "state": pick(f"tr:xp:{i}")}
                         for i, e in enumerate(hidden.get("experiences") or [])
                         if pick(f"tr:xp:{i}")]
    tr["notes"] = text("tr:notes")
    c["wheel"] = {"avenues": [{"id": a, "label": "", "status": pick(f"wh:{i}")}
                              for i, a in enumerate(hidden.get("avenues") or [])
                              if pick(f"wh:{i}")],
                  "notes": text("wh:notes")}
    c["proposals"]["objectives"] = [
        {"id": f"form-proposal-{i + 1}", "text": text(f"po:{i}:text"),
         "measure": text(f"po:{i}:measure"), "due": _date(text(f"po:{i}:due"),
                                                          f"proposed objective {i + 1}")}
        for i in range(PROPOSAL_ROWS) if text(f"po:{i}:text") or text(f"po:{i}:measure")]
    c["proposals"]["ideas"] = [{"id": f"form-idea-{i + 1}", "text": text(f"idea:{i}")}
                               for i in range(IDEA_ROWS) if text(f"idea:{i}")]
    c["questions"] = [{"id": f"form-question-{i + 1}", "text": text(f"q:{i}")}
                      for i in range(QUESTION_ROWS) if text(f"q:{i}")]
    c["progress"] = [
        {"record": str(a.get("record", "")), "action": str(a.get("action", "")),
         "text": str(a.get("text", "")), "note": text(f"act:{i}:note"),
         "done_on": _date(text(f"act:{i}:done"), f"the date done for action {i + 1}")}
        for i, a in enumerate(hidden.get("actions") or [])
        if text(f"act:{i}:note") or text(f"act:{i}:done")]
    body = {"format": "rmp-preparation", "format_version": 1,
            "made_at": str(hidden.get("made_at", "")), "made_by": "PDF form",
            "person": person, "packs": hidden.get("packs") or [], "content": c}
    return check_preparation({**body, "content_sha256": canonical_sha256(body)}, source="form")


def _int(value: str) -> int | None:
    return int(value) if value.isdigit() else None


def _date(value: str, place: str) -> str:
    """A date as people write it ("31/05/2027", "31 May 2027") in ISO form; refused in words."""
    from rmp_desktop.domain.dates import DateError, parse_date

    if not value:
        return ""
    try:
        return parse_date(value).isoformat()
    except DateError as exc:
        raise ExchangeRefused(f"In this form, {place} cannot be read: {exc} Then save the "
                              "form again.") from None


def read_preparation_file(path: str | os.PathLike[str]) -> tuple[Preparation, str]:
    """Either kind of preparation (the JSON file or a filled PDF form), checked whole, with
    the SHA-256 of the file's bytes; ExchangeRefused or FileRefused say why not."""
    import hashlib

    from rmp_desktop.domain.preparation import MAX_FILE_BYTES, parse_preparation
    from rmp_desktop.export.exchange_files import read_file

    data = read_file(path, limit=MAX_FORM_BYTES, what="a preparation")
    digest = hashlib.sha256(data).hexdigest()
    if is_pdf(data):
        return read_form(data), digest
    if len(data) > MAX_FILE_BYTES:
        raise ExchangeRefused(f"This file is {len(data) / (1024 * 1024):.1f} MB; a preparation "
                              "file is at most 1 MB, so it is not one.")
    return parse_preparation(data), digest
