"""The rules that turn a tour's report into findings notice each kind of problem, and only it.

Small made-up reports stand in for the bus, so each rule is seen to fail when it should."""

from __future__ import annotations

from tests.atspi.findings import all_findings, counts, words


def obj(role: str, name: str, oid: str = "", **extra) -> dict:
    return {"role": role, "name": name, "description": "", "id": oid, "path": "0.1",
            "states": ["showing", "visible", *extra.pop("states", [])], "rect": [0, 0, 9, 9],
            "labelled_by": extra.pop("labelled_by", []), **extra}


def screen(objects: list[dict], qt: list[dict] | None = None, **extra) -> dict:
    return {"bus": {"objects": objects}, "qt": qt or [], "announcements": [], **extra}


def kinds(entry: dict) -> list[str]:
    return [f.kind for f in all_findings({"screen": entry})]


def test_words_ignore_mnemonics_symbols_and_case():
    assert words("E&xport PDF…") == "export pdf"
    assert words("◀ Back") == "back"
    assert words("R&&D: Self rating") == "r d self rating"


def test_a_label_must_speak_its_own_words():
    fact = {"id": "a", "kind": "label", "text": "13 people"}
    assert kinds(screen([obj("label", "Number of people shown", "a")], [fact])) == [
        "silenced label"]
    assert kinds(screen([obj("label", "13 people", "a")], [fact])) == []
    extra = {"id": "b", "kind": "label", "text": "Self rating:"}
    assert kinds(screen([obj("label", "Strategic Operator, self rating", "b")], [extra])) == []
    empty = {"id": "c", "kind": "label", "text": ""}
    assert kinds(screen([obj("label", "Restore status", "c")], [empty])) == ["silenced label"]


def test_a_combo_box_needs_a_label_that_is_not_its_value():
    fact = {"id": "c", "kind": "combo", "text": "Not rated", "label": "Self rating:"}
    unlabelled = obj("combo box", "Not rated", "c", value="Not rated")
    assert kinds(screen([unlabelled], [fact])) == ["combo named by value"]
    labelled = obj("combo box", "Not rated", "c", value="Not rated",
                   labelled_by=["Strategic Operator, self rating"])
    assert kinds(screen([labelled], [fact])) == []
    twice = obj("combo box", "2", "d", value="2", labelled_by=["Strategic Operator, self rating"])
    assert kinds(screen([labelled, twice], [fact])) == ["combo name repeated"]


def test_controls_need_names_with_their_visible_words():
    button = {"id": "b", "kind": "button", "text": "E&xport PDF…"}
    assert kinds(screen([obj("push button", "Export this record as a PDF", "b")], [button])) == [
        "name lacks visible words"]
    assert kinds(screen([obj("push button", "Export PDF", "b")], [button])) == []
    assert kinds(screen([obj("push button", "", "x")])) == ["unnamed"]
    field = {"id": "f", "kind": "field", "label": "Manager holding the conversation:"}
    assert kinds(screen([obj("text", "Manager's name", "f")], [field])) == [
        "field name lacks label"]
    assert kinds(screen([obj("text", "Manager holding the conversation", "f")], [field])) == []


def test_empty_cells_are_found_but_hidden_objects_are_not_heard():
    assert kinds(screen([obj("table cell", "")])) == ["empty cell"]
    hidden = obj("push button", "")
    hidden["states"] = []
    assert kinds(screen([hidden])) == []


def test_tab_must_come_back_round_and_every_press_must_move():
    stops = [obj("push button", "Close", "a"), obj("text", "File", "b")]
    trapped = {"stops": stops, "silent": [], "closed": False, "stuck": False}
    assert kinds(screen([], tab=trapped)) == ["tab trap"]
    round_trip = {"stops": [*stops, stops[0]], "silent": [], "closed": True, "stuck": False}
    assert kinds(screen([], tab=round_trip)) == []
    silent = {**round_trip, "silent": ["spin button 'Date'"]}
    assert kinds(screen([], tab=silent)) == ["silent tab stop"]
    # Round and round inside a table, never reaching the buttons under it.
    cells = [obj("table cell", "13"), obj("table cell", "9"), obj("table cell", "13")]
    caught = {"stops": cells, "silent": [], "closed": True, "stuck": False}
    close = obj("push button", "Close", "a", states=["focusable", "sensitive"])
    assert kinds(screen([close], tab=caught)) == ["tab trap"]
    assert kinds(screen([close], tab={**caught, "stops": [*cells, close]})) == []


def test_a_change_must_be_said():
    event = {"type": "object:announcement", "text": "✓ Genuine: a true copy", "name": "",
             "description": ""}
    heard = screen([], announcements=[{"what": "verdict", "expect": "Genuine", "events": [event]}])
    assert kinds(heard) == []
    unheard = screen([], announcements=[{"what": "verdict", "expect": "Genuine", "events": []}])
    assert kinds(unheard) == ["silent change"]


def test_a_screen_that_failed_is_a_finding_and_counts_name_every_kind():
    failed = {"error": "Traceback\nRuntimeError: no window"}
    findings = all_findings({"verify": failed})
    assert [str(f) for f in findings] == ["verify: screen failed: RuntimeError: no window"]
    assert counts(findings)["screen failed"] == 1 and counts(findings)["tab trap"] == 0
