"""The sign-off: who signed, when, what they confirmed, their drawn signature, the fingerprint."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, PolyLine
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from rmp_desktop.domain.dates import display_instant
from rmp_desktop.domain.record import SignatureView
from rmp_desktop.export.pdf_blocks import keep, note, subheading
from rmp_desktop.export.pdf_shapes import rect
from rmp_desktop.export.pdf_styles import (
    FRAME_WIDTH,
    PALE_GREY,
    RULE,
    TEXT,
    WHITE,
    styles,
)
from rmp_desktop.export.pdf_text import markup

ROLES = (("employee", "Staff member"), ("manager", "Manager"))
_BOX_W = 200.0
PAD_ASPECT = 3.2  # width to height of the signature pad (ui/signature_pad.py)


def signoff(signatures: Sequence[SignatureView], fingerprint: str) -> list[Flowable]:
    st = styles()
    by_role = {s.role: s for s in signatures}
    cards = [_card(label, by_role.get(role), fingerprint) for role, label in ROLES]
    half = FRAME_WIDTH / 2
    grid = Table([cards], colWidths=[half, half], hAlign="LEFT")
    grid.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BOX", (0, 0), (0, 0), 0.6, RULE), ("BOX", (1, 0), (1, 0), 0.6, RULE),
        ("BACKGROUND", (0, 0), (-1, -1), PALE_GREY),
        ("LEFTPADDING", (0, 0), (-1, -1), 10), ("RIGHTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (-1, -1), 8), ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
    ]))
    both = all(by_role.get(role) and by_role[role].fingerprint == fingerprint for role, _ in ROLES)
    said = ("Both signatures were given to content with this fingerprint." if both else
            "This is the fingerprint of the content as it stands; any change to it gives "
            "another.")
    fp = [subheading("Record fingerprint (SHA-256)"),
          Paragraph(markup(fingerprint), st.fingerprint), Spacer(1, 4),
          note(f"{said} Anyone can check a printed or saved copy against the store: "
               "rmp-desktop verify FILE.pdf")]
    return [keep(grid, Spacer(1, 4)), keep(*fp)]


def _card(label: str, sig: SignatureView | None, fingerprint: str) -> list[Flowable]:
    st = styles()
    out: list[Flowable] = [Paragraph(markup(label), st.label)]
    if sig is None:
        return out + [Paragraph("Not yet signed.", st.muted)]
    out += [Paragraph(f"<b>{markup(sig.signer_name)}</b>", st.kv_value),
            Paragraph(f"Signed {markup(display_instant(sig.signed_at, utc=True))}", st.cell_muted),
            Spacer(1, 6)]
    if sig.strokes:
        out += [signature_drawing(sig.strokes), Spacer(1, 4)]
    else:
        out.append(Paragraph("Signed by typing their name; no drawn signature.", st.cell_muted))
    if sig.statement:
        out.append(Paragraph(f"“{markup(sig.statement)}”", st.cell))
    if sig.fingerprint != fingerprint:
        out.append(Paragraph("<b>This signature was given to different content "
                             f"(fingerprint {markup(sig.fingerprint[:16])}…).</b>", st.cell))
    return out


def signature_drawing(strokes: Sequence[Sequence[Sequence[float]]],
                      width: float = _BOX_W) -> Drawing:
    """Pad strokes (x, y in 0..1, y downwards) drawn as they were on the pad.

    The pad keeps a fixed shape (PAD_ASPECT), so the whole pad maps onto a box of the
    same shape: the signature keeps its size and place, as the signer saw it.
    """
    height = width / PAD_ASPECT
    d = Drawing(width, height)
    d.add(rect(0, 0, width, height, fill=WHITE, stroke=RULE, line=0.6))
    for stroke in strokes:
        pts: list[float] = []
        for x, y in stroke:
            pts += [_unit(x) * width, (1 - _unit(y)) * height]
        if len(pts) == 2:  # a dot
            pts += [pts[0] + 0.8, pts[1]]
        if pts:
            d.add(PolyLine(pts, strokeColor=TEXT, strokeWidth=1.2, strokeLineCap=1,
                           strokeLineJoin=1))
    return d


def _unit(value: float) -> float:
    return min(max(float(value), 0.0), 1.0)
