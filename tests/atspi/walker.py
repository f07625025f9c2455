"""What a screen reader hears: the application's tree, focus and announcements over AT-SPI.

Runs under the system Python (/usr/bin/python3), which has GObject introspection and
Atspi (Debian's python3-gi and gir1.2-atspi-2.0); the project's virtual environment has
neither. It reads the bus as Orca does, through libatspi, and answers one JSON request per
line on stdin with one JSON line on stdout:

    {"do": "hello"}                      wait until the application is on the bus
    {"do": "walk", "window": TITLE}      every object of that window, as the bus gives it
    {"do": "tab", "window": T, "limit": N}   press Tab (through XTest) and note each focus
    {"do": "listen"}                     forget what was heard so far
    {"do": "heard", "expect": TEXT, "timeout": S}   wait for TEXT to be said (or focused)
    {"do": "quit"}

It knows nothing of the application's code: only what reaches the bus.
"""

from __future__ import annotations

import json
import sys
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

TAB = 0xFF09  # the X keysym of Tab
# Roles whose objects hold their children as parts of themselves: a screen reader speaks
# the combo box, not the popup list it keeps hidden until opened.
CLOSED_PARTS = {"combo box", "scroll bar"}
WINDOW_ROLES = {"frame", "dialog", "window", "alert", "file chooser", "filler"}


def _safe(call, default=""):
    try:
        value = call()
    except GLib.Error:
        return default
    return default if value is None else value


def describe(obj: Atspi.Accessible, path: str = "") -> dict:
    """One object as a screen reader meets it: role, name, description, states, place."""
    extents = _safe(lambda: obj.get_extents(Atspi.CoordType.SCREEN), None)
    states = _safe(lambda: obj.get_state_set().get_states(), [])
    record = {
        "role": _safe(obj.get_role_name),
        "name": _safe(obj.get_name),
        "description": _safe(obj.get_description),
        "id": _safe(obj.get_accessible_id),
        "states": sorted(state.value_nick for state in states),
        "rect": [extents.x, extents.y, extents.width, extents.height] if extents else None,
        "path": path,
    }
    if record["role"] == "combo box":
        record["value"] = _combo_value(obj)
    record["labelled_by"] = _labels(obj)
    return record


def _labels(obj: Atspi.Accessible) -> list[str]:
    """The names of the objects that label this one (Orca speaks them before its name)."""
    names = []
    for relation in _safe(obj.get_relation_set, []):
        if relation.get_relation_type() != Atspi.RelationType.LABELLED_BY:
            continue
        for index in range(relation.get_n_targets()):
            target = relation.get_target(index)
            if target is not None:
                names.append(_safe(target.get_name))
    return names


def _combo_value(combo: Atspi.Accessible) -> str:
    """What a closed combo box shows: its selected item (or its text, if editable)."""
    for index in range(_safe(combo.get_child_count, 0)):
        child = combo.get_child_at_index(index)
        if _safe(child.get_role_name) in ("list", "menu"):
            for item_index in range(_safe(child.get_child_count, 0)):
                item = child.get_child_at_index(item_index)
                if "selected" in {s.value_nick for s in _safe(
                        lambda item=item: item.get_state_set().get_states(), [])}:
                    return _safe(item.get_name)
        elif _safe(child.get_role_name) in ("text", "entry"):
            text = _safe(child.get_text, None) if hasattr(child, "get_text") else None
            if text is not None:
                return _safe(lambda t=text: t.get_text(0, -1))
    return ""


class Application:
    def __init__(self, name: str):
        self.name = name
        self.heard: list[dict] = []
        self._listener = Atspi.EventListener.new(self._hear)
        for kind in ("object:announcement", "object:state-changed:focused"):
            self._listener.register(kind)

    # -- finding things ------------------------------------------------------------------------

    def app(self) -> Atspi.Accessible | None:
        desktop = Atspi.get_desktop(0)
        for index in range(_safe(desktop.get_child_count, 0)):
            child = desktop.get_child_at_index(index)
            if child is not None and _safe(child.get_name) == self.name:
                return child
        return None

    def window(self, key: str) -> Atspi.Accessible | None:
        """The top-level window whose accessible id (or, failing that, title) is `key`."""
        app = self.app()
        if app is None:
            return None
        app.clear_cache()  # names and states as they are now, not as libatspi last saw them
        found = None
        for index in range(_safe(app.get_child_count, 0)):
            child = app.get_child_at_index(index)
            if child is None:
                continue
            states = {s.value_nick for s in _safe(lambda c=child: c.get_state_set().get_states(),
                                                  [])}
            if "showing" not in states and "visible" not in states:
                continue
            if key in (_safe(child.get_accessible_id), _safe(child.get_name)):
                found = child
        return found

    # -- answering requests --------------------------------------------------------------------

    def hello(self, _request) -> dict:
        ok = self._pump_until(lambda: self.app() is not None, 30)
        return {"ok": ok}

    def walk(self, request) -> dict:
        window = self._wait_for_window(request["window"])
        if window is None:
            return {"error": f"no window {request['window']!r} on the bus",
                    "windows": self._window_names()}
        objects: list[dict] = []
        self._walk(window, "0", objects, 0)
        return {"objects": objects}

    def _walk(self, obj: Atspi.Accessible, path: str, into: list[dict], depth: int) -> None:
        record = describe(obj, path)
        into.append(record)
        hidden = not {"showing", "visible"} & set(record["states"])
        if depth > 60 or hidden or record["role"] in CLOSED_PARTS:
            return  # nothing inside a hidden object reaches the listener
        for index in range(_safe(obj.get_child_count, 0)):
            child = _safe(lambda i=index: obj.get_child_at_index(i), None)
            if child is not None:
                self._walk(child, f"{path}.{index}", into, depth + 1)

    def tab(self, request) -> dict:
        """Tab round the window from where focus is, as a keyboard user would, until focus
        comes back to a place it has been or the limit runs out. A press that moves focus
        nowhere a listener hears of is noted as silent."""
        window = self._wait_for_window(request["window"])
        if window is None:
            return {"error": f"no window {request['window']!r} on the bus"}
        stops: list[dict] = []
        silent: list[str] = []  # what had focus when a Tab press said nothing
        quiet_in_a_row = 0
        for _ in range(int(request["limit"])):
            self.heard.clear()
            Atspi.generate_keyboard_event(TAB, None, Atspi.KeySynthType.SYM)
            if not self._pump_until(lambda: self._focus_event() is not None, 1.5):
                silent.append(f"{stops[-1]['role']} {stops[-1]['name']!r}" if stops else "start")
                quiet_in_a_row += 1
                if quiet_in_a_row >= 5:
                    return {"stops": stops, "silent": silent, "closed": False, "stuck": True}
                continue
            quiet_in_a_row = 0
            stop = describe(self._focus_event()["source"])
            if any(_same(stop, earlier) for earlier in stops):
                # Round once: from here Tab only repeats itself. (The first stop may have gone
                # meanwhile: a button disabled by what focus chose.) Whether the round met
                # every control is for the findings to judge.
                stops.append(stop)
                return {"stops": stops, "silent": silent, "closed": True, "stuck": False,
                        "reachable": self._reachable(window)}
            stops.append(stop)
        return {"stops": stops, "silent": silent, "closed": False, "stuck": False}

    def _reachable(self, window: Atspi.Accessible) -> list[dict]:
        """What can take focus in the window now, after the round (moving focus may have
        changed what is shown: a row chosen shows that person's page)."""
        objects: list[dict] = []
        self._walk(window, "0", objects, 0)
        return [o for o in objects if {"focusable", "showing", "sensitive"} <= set(o["states"])]

    def listen(self, _request) -> dict:
        self._pump_until(lambda: False, 0.05)  # take in what was already on its way
        self.heard.clear()
        return {"ok": True}

    def heard_request(self, request) -> dict:
        expect = request["expect"].casefold()

        def said() -> bool:
            return any(expect in (event["text"] + " " + event["name"] + " "
                                  + event["description"]).casefold()
                       for event in self._spoken())

        self._pump_until(said, float(request.get("timeout", 5)))
        return {"events": self._spoken()}

    # -- events --------------------------------------------------------------------------------

    def _hear(self, event) -> None:
        source = event.source
        entry = {"type": event.type, "detail1": event.detail1, "source": source,
                 "text": event.any_data if isinstance(event.any_data, str) else ""}
        entry.update({key: _safe(lambda k=key: describe(source)[k])
                      for key in ("role", "name", "description")})
        self.heard.append(entry)

    def _focus_event(self) -> dict | None:
        for event in reversed(self.heard):
            if event["type"].startswith("object:state-changed:focused") and event["detail1"]:
                return event
        return None

    def _spoken(self) -> list[dict]:
        """Announcements, and objects that took focus (a screen reader speaks both)."""
        return [{key: event[key] for key in ("type", "text", "role", "name", "description")}
                for event in self.heard
                if event["type"] == "object:announcement"
                or (event["type"].startswith("object:state-changed:focused") and event["detail1"])]

    def _pump_until(self, done, timeout: float) -> bool:
        """Run GLib's loop (delivering bus events) until done() or the timeout passes; done()
        is asked again after every event and every 20 ms."""
        context = GLib.MainContext.default()
        deadline = time.monotonic() + timeout
        tick = GLib.timeout_add(20, lambda: True)
        try:
            while not done():
                if time.monotonic() > deadline:
                    return False
                context.iteration(True)
            return True
        finally:
            GLib.source_remove(tick)

    def _wait_for_window(self, title: str) -> Atspi.Accessible | None:
        found: list[Atspi.Accessible] = []

        def there() -> bool:
            window = self.window(title)
            if window is not None:
                found.append(window)
            return window is not None

        # A window just shown may reach the bus a moment later: look again as events arrive.
        return found[-1] if self._pump_until(there, 5) else None

    def _window_names(self) -> list[str]:
        app = self.app()
        if app is None:
            return []
        return [_safe(app.get_child_at_index(i).get_name)
                for i in range(_safe(app.get_child_count, 0))]


def _same(a: dict, b: dict) -> bool:
    """The same control (its place moves when a page scrolls to show it)."""
    return (a["id"], a["role"], a["name"]) == (b["id"], b["role"], b["name"])


def main() -> int:
    Atspi.init()
    application = Application(sys.argv[1])
    handlers = {"hello": application.hello, "walk": application.walk, "tab": application.tab,
                "listen": application.listen, "heard": application.heard_request}
    for line in sys.stdin:
        request = json.loads(line)
        if request["do"] == "quit":
            break
        try:
            answer = handlers[request["do"]](request)
        except Exception as exc:  # noqa: BLE001 - the driver reports it against the screen
            answer = {"error": f"{type(exc).__name__}: {exc}"}
        print(json.dumps(answer, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
