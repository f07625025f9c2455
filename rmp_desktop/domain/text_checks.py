"""Is a piece of text from outside safe to keep? One question, asked of every exchange field.

Refused: control characters other than tab and line ends (they hide text, ring terminals or
end strings early), the bidirectional embedding, override and isolate marks that make text
read differently from how it is stored (the "Trojan Source" trick), lone surrogates, and
text a spreadsheet would run as a formula (a leading "=", or "+", "-" or "@" followed by a
function call, or a DDE command such as cmd|'...'!A1), because these files are read by
people and auditors in other programs too. Ordinary writing ("- first point", "+1 for the
rota", Arabic with its own direction marks) passes.

Kept apart so that the project's shared text-safety rules can take its place in one edit.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_FORMULA = re.compile(
    r"^\s*(?:[=＝]"  # anything a spreadsheet takes as a formula outright
    r"|[+\-@＋－＠]\s*[A-Za-z_][A-Za-z0-9_.]*\s*\()"  # +SUM( -HYPERLINK( @IMPORTXML(
)
_DDE = re.compile(r"[A-Za-z]+\|\s*'[^']*'\s*!")  # cmd|' /C calc'!A0


def text_problem(text: str, *, formulas: bool = True) -> str | None:
    """What is wrong with `text` in plain words, or None when it can be kept.

    `formulas=False` for words already signed elsewhere (a record copy), which are kept
    exactly as signed unless they could hide or disguise text."""
    if _SURROGATE.search(text):
        return "holds a broken character"
    if _CONTROL.search(text):
        return "holds a control character"
    if _BIDI.search(text):
        return "holds invisible direction marks that change how it reads"
    if formulas and (_FORMULA.match(text) or _DDE.search(text)):
        return "starts like a spreadsheet formula"
    return None
