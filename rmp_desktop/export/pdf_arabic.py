"""Arabic set as a reader expects it: letters joined, right to left.

reportlab lays text out left to right, one code point per glyph. Without this,
an Arabic note would print as separate letters in reverse order. Here each
letter takes its presentation form (isolated, initial, medial or final, by its
neighbours; lam with alef as the obligatory ligature) and each right-to-left run
is reversed into visual order. A run that wraps onto a second line reads from
the lower line up: acceptable for the short notes this record holds, and the
reason a real bidi engine would be needed for long Arabic prose.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_TATWEEL = 0x0640
_LAM = 0x0644
# Alef variants and the lam-alef ligature's isolated form (final = isolated + 1).
_LAM_ALEF = {0x0622: 0xFEF5, 0x0623: 0xFEF7, 0x0625: 0xFEF9, 0x0627: 0xFEFB}
_MIRROR = str.maketrans("()[]{}<>«»", ")(][}{><»«")


def is_rtl(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in ("R", "AL")


# Hebrew, Arabic, Syriac, Thaana, NKo ... and their presentation forms: a quick pre-check,
# so the common left-to-right line costs one regex search, not a lookup per character.
_MAYBE_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff"
                        "\U0001e800-\U0001efff]")


def has_rtl(text: str) -> bool:
    return _MAYBE_RTL.search(text) is not None and any(is_rtl(ch) for ch in text)


@cache
def _forms(cp: int) -> tuple[int | None, int | None, int | None, int | None]:
    """(isolated, final, initial, medial) presentation forms of an Arabic letter."""
    try:
        name = unicodedata.name(chr(cp))
    except ValueError:
        return None, None, None, None
    out: list[int | None] = []
    for form in ("ISOLATED", "FINAL", "INITIAL", "MEDIAL"):
        try:
            out.append(ord(unicodedata.lookup(f"{name} {form} FORM")))
        except KeyError:
            out.append(None)
    return out[0], out[1], out[2], out[3]


def _transparent(cp: int) -> bool:
    return unicodedata.category(chr(cp)) == "Mn"


def _dual(cp: int) -> bool:
    return cp == _TATWEEL or _forms(cp)[3] is not None


def _joins(cp: int) -> bool:
    """Can join to the letter before it (dual- or right-joining)."""
    return cp == _TATWEEL or _forms(cp)[1] is not None


def shape(text: str) -> str:
    """Logical Arabic to joined presentation forms (still in logical order)."""
    cps = [ord(c) for c in text]
    out: list[int] = []
    i = 0
    while i < len(cps):
        cp = cps[i]
        if not (0x0620 <= cp <= 0x06FF) or _transparent(cp):
            out.append(cp)
            i += 1
            continue
        prev = _neighbour(cps, i, -1)
        joins_prev = prev is not None and _dual(prev) and _joins(cp)
        nxt_index = _neighbour_index(cps, i, 1)
        if cp == _LAM and nxt_index is not None and cps[nxt_index] in _LAM_ALEF:
            lig = _LAM_ALEF[cps[nxt_index]]
            out.append(lig + 1 if joins_prev else lig)
            out.extend(cps[i + 1:nxt_index])  # keep any vowel marks between them
            i = nxt_index + 1
            continue
        nxt = cps[nxt_index] if nxt_index is not None else None
        joins_next = _dual(cp) and nxt is not None and _joins(nxt)
        isolated, final, initial, medial = _forms(cp)
        form = {(True, True): medial, (True, False): final,
                (False, True): initial}.get((joins_prev, joins_next), isolated)
        out.append(form or cp)
        i += 1
    return "".join(chr(c) for c in out)


def _neighbour_index(cps: list[int], i: int, step: int) -> int | None:
    j = i + step
    while 0 <= j < len(cps) and _transparent(cps[j]):
        j += step
    if 0 <= j < len(cps) and (0x0620 <= cps[j] <= 0x06FF):
        return j
    return None


def _neighbour(cps: list[int], i: int, step: int) -> int | None:
    j = _neighbour_index(cps, i, step)
    return cps[j] if j is not None else None


def visual(text: str) -> str:
    """One line of mixed text with its right-to-left runs shaped and put in visual order."""
    if not has_rtl(text):
        return text
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if not is_rtl(text[i]):
            out.append(text[i])
            i += 1
            continue
        # A run from one RTL letter to the last RTL letter before LTR text resumes.
        j = last = i
        while j < n and (is_rtl(text[j]) or not _strong_ltr(text[j])):
            if is_rtl(text[j]) or _transparent(ord(text[j])):
                last = j
            j += 1
        run = shape(text[i:last + 1])
        out.append(_reverse(run))
        i = last + 1
    return "".join(out)


def _strong_ltr(ch: str) -> bool:
    return unicodedata.bidirectional(ch) == "L"


def _reverse(run: str) -> str:
    """Reverse a run by clusters: digit groups stay left to right, a vowel mark stays after
    its letter (the font draws it over the glyph before it), brackets are mirrored."""
    parts: list[str] = []
    for ch in run:
        if parts and (_transparent(ord(ch)) or (ch.isdigit() and parts[-1][-1].isdigit())):
            parts[-1] += ch
        else:
            parts.append(ch.translate(_MIRROR))
    return "".join(reversed(parts))
