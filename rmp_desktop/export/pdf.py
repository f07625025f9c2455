"""A record as a PDF: the document people keep, and that verification reads back.

    render_record(record, packs, signatures, final=...) -> bytes

Deterministic: reportlab runs in invariant mode and the creation date is taken
from the record (the last signature, else the day it was held), so the same
record gives the same bytes. Imports stay light (reportlab and our own domain;
no Qt, no SQLAlchemy), because `rmp-desktop export` runs as a short process.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from reportlab import rl_config
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from rmp_desktop import APP_TITLE, __version__
from rmp_desktop.domain.conversation import (
    STEP_TITLES,
    ConversationDocument,
    kind_label,
    merged,
    step_section,
    steps_for,
)
from rmp_desktop.domain.dates import display_date, parse_instant
from rmp_desktop.domain.names import Names
from rmp_desktop.domain.packs import PackSet
from rmp_desktop.domain.privacy import may_leave_record
from rmp_desktop.domain.record import Record, SignatureView, short_fingerprint
from rmp_desktop.export import pdf_frameworks, pdf_plan, pdf_sections
from rmp_desktop.export.pdf_blocks import section
from rmp_desktop.export.pdf_page import DocInfo, PageDecor, canvas_maker
from rmp_desktop.export.pdf_sections import Ctx, has_content
from rmp_desktop.export.pdf_signoff import ROLES, signoff
from rmp_desktop.export.pdf_styles import MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, PAGE_HEIGHT
from rmp_desktop.export.pdf_styles import PAGE_WIDTH as _W
from rmp_desktop.export.pdf_text import clean, plain
from rmp_desktop.export.pdf_title import title_page

# Binary (compressed) streams, not ASCII85 text: a fifth smaller, and without reportlab's C
# accelerator the ASCII85 encoder alone takes a tenth of an export. Set once, for good, at
# import: a setting that changed between exports would change the bytes of a record.
rl_config.useA85 = 0

Builder = Callable[[dict[str, Any], Ctx], list[Flowable]]
BUILDERS: dict[str, Builder] = {
    "setup": pdf_sections.setup,
    "reflection": pdf_sections.reflection,
    "looking_back": pdf_sections.looking_back,
    "wellbeing": pdf_sections.wellbeing,
    "aspirations": pdf_sections.aspirations,
    "competencies": pdf_frameworks.competencies,
    "talent": pdf_sections.talent,
    "transition": pdf_frameworks.transition,
    "wheel": pdf_frameworks.wheel,
    "plan": pdf_plan.plan,
    "summary": pdf_sections.summary,
}
# Printed headings where the step's screen title would read oddly on paper.
SECTION_TITLES = {"setup": "About this conversation", "wheel": "Exposure wheel",
                  "plan": "Development plan", "summary": "Summary and comments"}


class NotSignedError(ValueError):
    """A final PDF was asked for a record that both parties have not signed as it is."""


def render_record(record: Record, packs: PackSet, signatures: list[SignatureView], *,
                  final: bool, superseded_by: int | None = None) -> bytes:
    """The record as a PDF; `superseded_by`, the version that replaced it, marks every page."""
    fingerprint = record.fingerprint()
    if final:
        _check_signed(signatures, fingerprint)
    # A record names its framework when it was made with one to choose (the key is in its
    # stored content); older records print exactly as they did.
    chose = "framework" in (record.document.get("competencies") or {})
    packs = packs.for_document(record.document)
    doc = merged(record.document)
    ctx = Ctx(packs, Names(packs), names_framework=chose)
    body, contents = _sections(record.kind, doc, ctx)
    status = _status(signatures, fingerprint, final)
    if superseded_by is not None:
        status += f"; superseded by version {superseded_by}, which is the current record"
    story = title_page(record, ctx.names, status, [*contents, "Sign-off and fingerprint"]) + body
    story += section(len(contents) + 1, "Sign-off", signoff(signatures, fingerprint))
    return _build(story, record, signatures, fingerprint, final, superseded_by)


def _sections(kind: str, doc: ConversationDocument,
              ctx: Ctx) -> tuple[list[Flowable], list[str]]:
    story: list[Flowable] = []
    contents: list[str] = []
    for step in steps_for(kind):
        data = step_section(doc, step)
        if not may_leave_record(step, data):
            continue
        if not has_content(data):
            continue
        flowables = BUILDERS[step](data, ctx)
        if not flowables:
            continue
        title = SECTION_TITLES.get(step, STEP_TITLES[step])
        contents.append(title)
        story += section(len(contents), title, flowables)
    return story, contents


def _check_signed(signatures: Sequence[SignatureView], fingerprint: str) -> None:
    by_role = {s.role: s for s in signatures}
    for role, label in ROLES:
        sig = by_role.get(role)
        if sig is None:
            raise NotSignedError(f"The {label.lower()} has not signed; export a draft instead.")
        if sig.fingerprint != fingerprint:
            raise NotSignedError(f"The {label.lower()}'s signature was given to different "
                                 "content; this record cannot be exported as final.")


def _status(signatures: Sequence[SignatureView], fingerprint: str, final: bool) -> str:
    if final:
        return "Signed by the staff member and the manager"
    valid = {s.role for s in signatures if s.fingerprint == fingerprint}
    if len(valid) == 1:
        return "Draft: awaiting the second signature"
    return "Draft: not signed"


def _created(record: Record,
             signatures: Sequence[SignatureView]) -> tuple[int, int, int, int, int, int]:
    """The record's own moment: the last signature, else midnight on the day it was held."""
    moments = [m for m in (parse_instant(s.signed_at) for s in signatures) if m]
    if moments:
        t = max(moments).astimezone(UTC)
    else:
        held = parse_instant((record.held_on or "")[:10] + "T00:00:00+00:00")
        t = held or datetime(2000, 1, 1, tzinfo=UTC)
    return (t.year, t.month, t.day, t.hour, t.minute, t.second)


def _build(story: list[Flowable], record: Record, signatures: Sequence[SignatureView],
           fingerprint: str, final: bool, superseded_by: int | None = None) -> bytes:
    person = record.person
    kind = kind_label(record.kind)
    # Names as the record has them canonically (NFC, no control characters), like the pages.
    title = clean(f"{kind}: {person.full_name}, {display_date(record.held_on)}")
    subject = (f"{APP_TITLE} development record, version {record.version}"
               f"{'' if final else ' (draft)'}")
    info = DocInfo(title=title, author=clean(f"{person.full_name}; {record.manager_name}"),
                   subject=subject, creator=f"rmp-desktop {__version__}",
                   # Identifier and fingerprint here too, for readers that drop custom keys.
                   keywords=f"development record; record {record.uid}; fingerprint {fingerprint}",
                   created=_created(record, signatures),
                   custom={"RMPRecord": record.uid, "RMPFingerprint": fingerprint,
                           "RMPVersion": str(record.version),
                           "RMPFinal": "true" if final else "false"})
    decor = PageDecor(person=plain(person.full_name),
                      heading=plain(f"{kind} · {display_date(record.held_on)}"),
                      short_fingerprint=short_fingerprint(fingerprint), draft=not final,
                      superseded_by=superseded_by)
    out = io.BytesIO()
    doc = BaseDocTemplate(out, pagesize=(_W, PAGE_HEIGHT), leftMargin=MARGIN_X,
                          rightMargin=MARGIN_X, topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
                          title=info.title, author=info.author, subject=info.subject,
                          creator=info.creator, lang="en-GB",
                          # reportlab takes the keywords as text too; the canvas sets them.
                          keywords=info.keywords,  # type: ignore[arg-type]
                          invariant=1, displayDocTitle=True)
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, _W - 2 * MARGIN_X,
                  PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="record", frames=[frame])])
    doc.build(story, canvasmaker=canvas_maker(decor, info))
    return out.getvalue()
