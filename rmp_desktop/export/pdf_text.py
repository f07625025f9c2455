"""What people typed, made safe for reportlab's paragraph markup.

Every string from a record passes through here: it is normalised (NFC, so
Vietnamese letters are single glyphs), stripped of control characters, escaped,
its Arabic joined and ordered, and any run the main font cannot draw wrapped in
the fallback font. Nothing a person types can inject markup.
"""

from __future__ import annotations

import re
import unicodedata

from rmp_desktop.export import pdf_arabic, pdf_fonts

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BLANK_LINES = re.compile(r"\n\s*\n")


def escape(text: str) -> str:
    # Not xml.sax.saxutils.escape: importing it pulls in urllib and http.client (20 ms).
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clean(text: object) -> str:
    raw = "" if text is None else str(text)
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return _CONTROL.sub("", unicodedata.normalize("NFC", raw)).strip()


def markup(text: object) -> str:
    """Paragraph markup for one piece of text; line breaks are kept."""
    lines = clean(text).split("\n")
    return "<br/>".join(_line(line) for line in lines)


def paragraphs(text: object) -> list[str]:
    """Markup per paragraph (blank-line separated), so long notes flow and split cleanly."""
    body = clean(text)
    return [markup(chunk) for chunk in _BLANK_LINES.split(body) if chunk.strip()] if body else []


def plain(text: object) -> str:
    """For canvas strings (headers, charts): shaped, but no markup and no fallback font."""
    line = " ".join(clean(text).split())
    return pdf_arabic.visual(line)


def fits_main_font(text: str) -> bool:
    """Whether the main font draws every character (no fallback run needed)."""
    main = pdf_fonts.covered()
    return all(ord(ch) in main for ch in text)


def runs(line: str) -> list[tuple[bool, str]]:
    """A line (already in visual order) as (needs the fallback font, text) runs."""
    main = pdf_fonts.covered()
    if all(ord(ch) in main for ch in line):  # the common case, checked fast
        return [(False, line)]
    fallback = pdf_fonts.fallback_covered()
    out: list[tuple[bool, str]] = []
    for ch in line:
        cp = ord(ch)
        needs = cp not in main and cp in fallback
        if out and out[-1][0] == needs:
            out[-1] = (needs, out[-1][1] + ch)
        else:
            out.append((needs, ch))
    return out


def _line(line: str) -> str:
    return "".join(f'<font name="{pdf_fonts.FALLBACK}">{escape(text)}</font>' if fallback
                   else escape(text) for fallback, text in runs(pdf_arabic.visual(line)))
