"""Text that came from outside: find, clean or show safely what should never be stored raw.

A name or a line of free text from a staff list, a preparation file or a form may
carry characters nobody can see: control codes (a terminal runs ESC sequences
printed from a name), bidirectional overrides (they reorder what a reader sees,
the "Trojan Source" trick), stray byte-order marks, or U+FFFD where a file was
decoded with the wrong encoding. Importers ask `unsafe_reason` and refuse the
value with its plain-words reason, or `clean` it; anything printed to a terminal
goes through `for_terminal`.

Kept on purpose: zero-width joiner and non-joiner (Persian, Indic scripts and
emoji need them) and the left-to-right / right-to-left / Arabic letter marks,
which only nudge the direction of neutral characters and cannot reorder text.
"""

from __future__ import annotations

import re
import unicodedata

# Each kind of unsafe character, with the words a user is told.
_KINDS: tuple[tuple[str, str], ...] = (
    ("\x1b", "a terminal escape code"),
    ("\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f", "a control character"),
    ("\x80-\x9f", "a control character"),
    ("\u202a-\u202e\u2066-\u2069", "a hidden text-direction override"),
    ("\u2028\u2029", "a hidden line separator"),
    ("\ufeff\ufff9-\ufffb\u200b\u2060-\u2064\u206a-\u206f", "an invisible formatting character"),
    ("\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff", "a character that is not valid text"),
    ("\ufffd", "a character that could not be read (the file's encoding may be wrong)"),
)
# Tab, line feed and carriage return are fine in free text, not in a name or a single field.
_LINE_BREAKS = "\t\n\r"

_UNSAFE_ANY = re.compile("[" + "".join(chars for chars, _ in _KINDS) + "]")
_UNSAFE_LINE = re.compile("[" + "".join(chars for chars, _ in _KINDS) + _LINE_BREAKS + "]")
_KIND_OF = [(re.compile(f"[{chars}]"), words) for chars, words in _KINDS]
# Spaces that look like a space: tab, no-break and the typographic ones.
_ODD_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_RUNS_OF_SPACE = re.compile(r" {2,}")


def unsafe_reason(text: str, *, multiline: bool = False) -> str | None:
    """What is wrong with `text`, in plain words ("a terminal escape code"), or None if nothing.

    Single-line values (the default) may not hold line breaks or tabs either; a tab or an
    odd space is only a reason if `clean` was not applied first."""
    if not text:
        return None
    pattern = _UNSAFE_ANY if multiline else _UNSAFE_LINE
    found = pattern.search(text)
    if found is None:
        return None
    char = found.group()
    if char in _LINE_BREAKS:
        return "a line break or tab inside a single field"
    for kind, words in _KIND_OF:
        if kind.match(char):
            return words
    return "a character that is not allowed"  # pragma: no cover - every class is listed above


def clean(text: str, *, multiline: bool = False) -> str:
    """NFC form, unsafe characters removed; single-line values also get odd spaces as plain ones,
    runs of spaces as one, and no spaces at either end."""
    text = unicodedata.normalize("NFC", text or "")
    if multiline:
        text = _UNSAFE_ANY.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
        return text.strip()
    text = _ODD_SPACES.sub(" ", text.replace("\r\n", " ").replace("\n", " ").replace("\r", " "))
    text = _UNSAFE_LINE.sub("", text)
    return _RUNS_OF_SPACE.sub(" ", text).strip()


def strip_hidden(text: str) -> str:
    """Only the unsafe characters removed; tabs, line breaks and spaces kept as they are."""
    return _UNSAFE_ANY.sub("", text) if text and _UNSAFE_ANY.search(text) else text


def tidy_spaces(text: str) -> str:
    """Only the harmless part of `clean` for one line: NFC, odd spaces and runs of spaces as one
    plain space, none at the ends. Unsafe characters stay, for `unsafe_reason` to report."""
    text = unicodedata.normalize("NFC", text or "")
    if _ODD_SPACES.search(text) or "  " in text:
        text = _RUNS_OF_SPACE.sub(" ", _ODD_SPACES.sub(" ", text))
    return text.strip()


def for_terminal(text: str) -> str:
    """`text` safe to print: each unsafe character (line breaks included) shown as \\x1b or \\u202e."""
    if not text or not _UNSAFE_LINE.search(text):
        return text
    return _UNSAFE_LINE.sub(_escape, text)


def escape_json(text: str) -> str:
    """A JSON document with the unsafe characters json.dumps leaves raw (C1 controls, direction
    overrides, separators) written as \\u escapes: the same data, nothing a terminal acts on."""
    return _UNSAFE_ANY.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
