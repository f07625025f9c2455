"""What a screen reader user would stumble on, worked out from a tour's report.

Each screen in the report holds what the AT-SPI bus said (`bus`: every object with role,
name, description, states and id), what Qt showed (`qt`: the visible text of each widget,
under the same id), a round of Tab presses (`tab`) and what was heard after a change
(`announcements`). The rules here compare them; they need neither Qt nor the bus, so their
own tests feed them small made-up reports.

    python -m tests.atspi.findings REPORT.json     prints the counts and each finding
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

# Objects a person operates or moves focus to: each must have a name.
INTERACTIVE = {"push button", "toggle button", "check box", "radio button", "combo box", "text",
               "password text", "spin button", "slider", "page tab", "list", "table", "tree",
               "tree table", "menu item", "check menu item", "radio menu item", "link", "entry",
               "list item", "page tab list"}
BUTTONS = {"push button", "toggle button", "check box", "radio button"}
CELLS = {"table cell", "row header", "column header"}
# Controls a Tab round must reach (radio buttons and the cells of a table are reached with
# arrow keys, once their group or table has focus).
REACHED_BY_TAB = {"push button", "toggle button", "check box", "text", "combo box",
                  "spin button", "slider", "entry", "password text"}

KINDS = {
    "silenced label": "a label whose name on the bus is not its text",
    "combo named by value": "a combo box named by what it shows, not by its label",
    "combo name repeated": "two combo boxes on one screen with the same name",
    "unnamed": "an object a person can operate, with no name",
    "empty cell": "a table cell or header with no name",
    "name lacks visible words": "a control whose name does not contain its visible words",
    "field name lacks label": "a field whose name does not contain the label beside it",
    "tab trap": "Tab does not come back round: focus is caught",
    "silent tab stop": "a Tab press that moves nowhere a listener hears of",
    "silent change": "something changed on screen and nothing was said",
    "screen failed": "the screen could not be opened or walked",
}


@dataclass(frozen=True)
class Finding:
    screen: str
    kind: str
    detail: str

    def __str__(self) -> str:
        return f"{self.screen}: {self.kind}: {self.detail}"


def words(text: str) -> str:
    """Text as a listener compares it: no mnemonic ampersands, symbols or case."""
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def contains(name: str, visible: str) -> bool:
    return words(visible) in words(name)


def spoken_label(obj: dict) -> str:
    """What Orca says before a control's own name: the names of the objects labelling it."""
    return " ".join(name for name in obj.get("labelled_by", []) if name.strip())


def screen_findings(screen: str, entry: dict) -> list[Finding]:
    found: list[Finding] = []

    def add(kind: str, detail: str) -> None:
        found.append(Finding(screen, kind, detail))

    if "error" in entry or "error" in entry.get("bus", {}):
        add("screen failed", (entry.get("error") or entry["bus"]["error"]).strip()
            .splitlines()[-1])
        return found
    shown = [o for o in entry["bus"]["objects"] if "showing" in o["states"]]
    qt = {fact["id"]: fact for fact in entry.get("qt", [])}
    combo_labels: Counter[str] = Counter()
    for obj in shown:
        role, name = obj["role"], obj["name"].strip()
        fact = qt.get(obj["id"], {})
        if role in CELLS:
            if not name:
                add("empty cell", f"{role} at {obj['path']}")
            continue
        if role in INTERACTIVE and not name:
            add("unnamed", f"{role} at {obj['path']}"
                + (f" (shows {fact['text']!r})" if fact.get("text") else ""))
        if role == "label" and fact.get("kind") == "label" and not fact.get("picture"):
            # The words before the bus was read, or after (a save's time may tick meanwhile).
            if not ("text_after" in fact and words(fact["text_after"]) in words(name)):
                _label(fact["text"], name, add)
        if role == "combo box":
            _combo(obj, fact, add)
            if spoken_label(obj):
                combo_labels[spoken_label(obj)] += 1
            continue
        if role in BUTTONS and fact.get("kind") == "button" and words(fact["text"]):
            if not contains(name, fact["text"]):
                add("name lacks visible words", f"{role} shows {fact['text']!r}, "
                                                f"named {name!r}")
        label = fact.get("label", "")
        if words(label) and role in INTERACTIVE and name and not contains(name, label):
            add("field name lacks label", f"{role} beside {label!r}, named {name!r}")
    for label, times in combo_labels.items():
        if times > 1:
            add("combo name repeated", f"{label!r} ({times} combo boxes)")
    if "tab" in entry:
        _tab(entry["tab"], shown, add)
    for heard in entry.get("announcements", []):
        expect = words(heard["expect"])
        said = [words(" ".join((e["text"], e["name"], e["description"])))
                for e in heard["events"]]
        if not any(expect in spoken for spoken in said):
            add("silent change", f"{heard['what']}: {heard['expect']!r} was never said")
    return found


def _label(text: str, name: str, add) -> None:
    """A label speaks its own words; more context may follow them, never replace them."""
    if words(text) and not contains(name, text):
        add("silenced label", f"shows {text!r} but is named {name!r}")
    elif not words(text) and words(name):
        add("silenced label", f"shows nothing but is named {name!r}")


def _combo(obj: dict, fact: dict, add) -> None:
    """On Linux, Qt names a combo box by its value and labels it through a relation (the
    buddy label): the label is what tells one combo from another."""
    value = obj.get("value") or fact.get("text", "")
    label = spoken_label(obj)
    if not words(label) or words(label) == words(value):
        add("combo named by value", f"{value!r}" + (
            f" (the label beside it, {fact['label']!r}, is not its label)"
            if fact.get("label") else " (no label)"))
    elif fact.get("label") and not contains(label, fact["label"]):
        add("field name lacks label", f"combo box beside {fact['label']!r}, labelled {label!r}")


def _tab(tab: dict, shown: list[dict], add) -> None:
    """Tab goes round the whole window: back to where it began, past every control a person
    can type in or press (a radio group is one stop, a table one stop, so neither is listed)."""
    if "error" in tab:
        add("screen failed", tab["error"])
        return
    stops = {(s["id"], s["role"], s["name"]) for s in tab["stops"]}
    missed = [o for o in tab.get("reachable", shown) if o["role"] in REACHED_BY_TAB
              and {"focusable", "sensitive", "showing"} <= set(o["states"])
              and (o["id"], o["role"], o["name"]) not in stops]
    last = ", ".join(f"{s['role']} {s['name']!r}" for s in tab["stops"][-6:])
    if not tab["closed"]:
        why = "focus stopped moving" if tab.get("stuck") else "focus never came back"
        add("tab trap", f"{why} after {len(tab['stops'])} stops; last: {last}")
    elif missed:
        add("tab trap", f"focus went round {len(tab['stops']) - 1} stops ({last}) and never "
                        f"reached {', '.join(repr(o['name']) for o in missed[:4])}")
    for where in tab.get("silent", []):
        add("silent tab stop", f"Tab pressed in {where} moved nothing a listener hears")


def all_findings(report: dict) -> list[Finding]:
    return [f for screen, entry in report.items() for f in screen_findings(screen, entry)]


def counts(findings: list[Finding]) -> dict[str, int]:
    tally = Counter(f.kind for f in findings)
    return {kind: tally.get(kind, 0) for kind in KINDS}


def main(argv: list[str]) -> int:
    report = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    findings = all_findings(report)
    for finding in findings:
        print(finding)
    print()
    objects = sum(len(entry.get("bus", {}).get("objects", [])) for entry in report.values())
    print(f"{len(report)} screens, {objects} objects on the bus")
    for kind, number in counts(findings).items():
        print(f"{number:5d}  {kind}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
