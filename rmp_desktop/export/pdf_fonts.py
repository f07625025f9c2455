"""The fonts the PDF embeds, registered once per process from the shipped resources.

DejaVu Sans covers Latin with every diacritic, Greek, Cyrillic, Vietnamese and
Arabic. Characters it lacks (Chinese, Japanese, Korean) are set in Droid Sans
Fallback, which is only read from disk when some text needs it, because parsing
a 4 MB font costs more than rendering a whole record.
"""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from rmp_desktop.paths import resources_dir

REGULAR = "RMPSans"
BOLD = "RMPSans-Bold"
FALLBACK = "RMPFallback"

# Two faces only: each costs about 50 ms to parse, and `rmp-desktop export` is a short process.
# Secondary text is set apart by colour and size, not italics.
_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
}
_FALLBACK_FILE = "DroidSansFallbackFull.ttf"

_lock = threading.Lock()  # batch exports may run on worker threads
_covered: frozenset[int] | None = None
_fallback: frozenset[int] | None = None


def ensure_fonts() -> None:
    """Register the DejaVu family with reportlab (idempotent, thread-safe)."""
    global _covered
    if _covered is not None:
        return
    with _lock:
        if _covered is not None:
            return
        folder = resources_dir() / "fonts"
        fonts = {name: TTFont(name, str(folder / file)) for name, file in _FILES.items()}
        for font in fonts.values():
            pdfmetrics.registerFont(font)
        # <b> and <i> in paragraph markup pick the right face.
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, REGULAR)
        addMapping(REGULAR, 1, 1, BOLD)
        # Bold lacks a handful of the regular face's glyphs; only what both have counts
        # as covered, so no run ever falls into a missing glyph.
        maps = [set(f.face.charToGlyph) for f in fonts.values()]
        _covered = frozenset(set.intersection(*maps))


def covered() -> frozenset[int]:
    ensure_fonts()
    return _covered  # type: ignore[return-value]


def fallback_covered() -> frozenset[int]:
    """Code points the fallback font has; registers it on first use."""
    global _fallback
    if _fallback is not None:
        return _fallback
    with _lock:
        if _fallback is None:
            font = TTFont(FALLBACK, str(resources_dir() / "fonts" / _FALLBACK_FILE))
            pdfmetrics.registerFont(font)
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(FALLBACK, bold, italic, FALLBACK)
            _fallback = frozenset(font.face.charToGlyph)
    return _fallback
