"""Autosave writes notes on a worker thread: the GUI thread only hands a body over, a pause's
write never loses what was typed during it, flush() still leaves everything on disk, and a
record signed elsewhere meanwhile locks the window as before. After a window's first write of
a section, a pause sends only what was typed (a splice of the stored text); a splice that
fails on the worker is written whole by the window."""

from __future__ import annotations

import threading

import pytest

from rmp_desktop.storage.signoff_repo import SignoffRepository
from rmp_desktop.ui.autosave import Autosaver
from tests.driver_log import record_driver_calls, sent_text
from tests.records_support import fill_ready
from tests.ui.wizard_support import (  # noqa: F401
    Keyboard,
    close,
    conversation_id,
    keyboard,
    open_window,
    person,
)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_kind(request) -> str:
    """The wizard's tests run on both databases: the worker thread writes through the same
    engine either way."""
    return request.param


class Gate:
    """A write that waits until the test lets it through, noting each body and thread."""

    def __init__(self) -> None:
        self.open = threading.Event()
        self.written: list[tuple[str, dict, bool]] = []

    def __call__(self, section: str, _before: dict | None, body: dict) -> None:
        assert self.open.wait(5)
        self.written.append((section, dict(body), threading.current_thread() is threading.main_thread()))


def test_a_pause_writes_on_a_worker_and_keeps_what_is_typed_meanwhile(qtbot):
    gate = Gate()
    here: list[tuple[str, dict]] = []
    saver = Autosaver(lambda s, b: here.append((s, dict(b))), write_off_thread=gate,
                      off_thread_sections={"reflection"})
    first = {"went_well": "A"}
    saver.changed("reflection", first)
    saver.changed("step", {"step": "reflection"})
    saver._paused()  # the idle timer's pause, without waiting for it
    assert here == [("step", {"step": "reflection"})]  # what the window shows: written here
    assert saver.pending and gate.written == []  # the notes: handed over, not yet on disk
    newer = {"went_well": "AB"}
    saver.changed("reflection", newer)  # typed while the first write is under way
    with qtbot.waitSignal(saver.saved, timeout=5000) as saved:
        gate.open.set()
    assert saved.args == ["reflection"]
    assert saver.pending  # the newer text is not on disk yet
    qtbot.waitUntil(lambda: not saver.pending, timeout=5000)  # its own pause writes it
    assert [(s, b) for s, b, _ in gate.written] == [("reflection", first), ("reflection", newer)]
    assert not any(on_gui for _, _, on_gui in gate.written)


def test_flush_waits_for_the_write_under_way_and_leaves_nothing_pending(qtbot):
    gate = Gate()
    saver = Autosaver(lambda s, b: None, write_off_thread=gate, off_thread_sections={"plan"})
    saver.changed("plan", {"objectives": [1]})
    saver._paused()
    threading.Timer(0.05, gate.open.set).start()
    assert saver.flush()
    assert not saver.pending
    assert [b for _, b, _ in gate.written] == [{"objectives": [1]}]


def test_a_failed_background_write_is_done_again_here_and_said(qtbot):
    def broken(_section: str, _before: dict | None, _body: dict) -> None:
        raise OSError("disk full")

    here: list[str] = []
    saver = Autosaver(lambda s, b: here.append(s), write_off_thread=broken,
                      off_thread_sections={"plan"})
    saver.changed("plan", {"objectives": []})
    with qtbot.waitSignal(saver.saved, timeout=5000):
        saver._paused()
    assert here == ["plan"] and not saver.pending  # the GUI thread's save took it over


def test_the_worker_is_given_the_body_last_written_for_the_section(qtbot):
    seen: list[tuple[dict | None, dict]] = []
    fail = [False]

    def write(_section: str, before: dict | None, body: dict) -> None:
        seen.append((before, body))
        if fail[0]:
            raise OSError("disk full")

    here: list[dict] = []
    saver = Autosaver(lambda s, b: here.append(b), write_off_thread=write,
                      off_thread_sections={"plan"})
    bodies = [{"objectives": [n]} for n in range(4)]
    for n, body in enumerate(bodies):
        fail[0] = n == 2  # the third write fails on the worker and is done here instead
        saver.changed("plan", body)
        with qtbot.waitSignal(saver.saved, timeout=5000):
            saver._paused()
    assert seen == [(None, bodies[0]), (bodies[0], bodies[1]), (bodies[1], bodies[2]),
                    (bodies[2], bodies[3])]  # after the failure: what the window wrote
    assert here == [bodies[2]]


def test_typing_in_the_wizard_is_saved_off_the_gui_thread(
        qtbot, context, conversation_id, keyboard: Keyboard):  # noqa: F811
    window = open_window(qtbot, context, conversation_id)
    wizard = window.conversation
    repo = context.store().conversations
    threads: list[bool] = []
    save_section = repo.save_section

    def noted(*args, **kwargs):
        threads.append(threading.current_thread() is threading.main_thread())
        return save_section(*args, **kwargs)

    repo.save_section = noted
    wizard.go_to("reflection", focus=True)
    keyboard.type("Led the rota review")
    with qtbot.waitSignal(wizard.saver.saved, timeout=5000):
        pass  # the pause after typing
    qtbot.waitUntil(lambda: not wizard.saver.pending, timeout=5000)
    assert threads and not any(threads)
    assert repo.document(conversation_id)["reflection"]["went_well"] == "Led the rota review"
    assert wizard.save_state.text().startswith("All changes saved at")
    close(qtbot, window)


def test_a_record_signed_elsewhere_meanwhile_locks_the_window(
        qtbot, context, conversation_id, keyboard: Keyboard):  # noqa: F811
    window = open_window(qtbot, context, conversation_id)
    wizard = window.conversation
    store = context.store()
    wizard.go_to("reflection", focus=True)
    fill_ready(store, conversation_id)
    SignoffRepository.of(store).sign(conversation_id, "employee", "Nhung", True)
    keyboard.type("Written after the signature")
    qtbot.waitUntil(lambda: wizard.env.read_only, timeout=5000)
    assert "The last edit made here was not saved." in wizard.banner.text()
    assert wizard.page("reflection").edits["went_well"].isReadOnly()
    assert "Written after" not in str(store.conversations.document(conversation_id))
    close(qtbot, window)


NOTES = ("We went through the rota review and what the ward managers said about it; the "
         "evidence for the job evaluation panel is in the portfolio now. ") * 20


def notes_typed_after_a_page(qtbot, context, conversation_id, keyboard):  # noqa: F811
    """A window on a reflection holding a page of notes, the cursor at their end, and one
    pause already written (the first write of a window is the whole section)."""
    context.store().conversations.save_section(conversation_id, "reflection", {
        "went_well": NOTES, "was_hard": "", "proud_of": "", "hopes": ""})
    window = open_window(qtbot, context, conversation_id)
    wizard = window.conversation
    wizard.go_to("reflection", focus=True)
    field = wizard.page("reflection").edits["went_well"]
    field.moveCursor(field.textCursor().MoveOperation.End)
    keyboard.type(" Agreed")
    qtbot.waitUntil(lambda: not wizard.saver.pending, timeout=5000)
    return window


def test_a_pause_sends_only_what_was_typed(
        qtbot, context, conversation_id, keyboard: Keyboard, monkeypatch):  # noqa: F811
    window = notes_typed_after_a_page(qtbot, context, conversation_id, keyboard)
    wizard = window.conversation
    repo = context.store().conversations
    log = record_driver_calls(monkeypatch, repo)
    keyboard.type(" with Søren")
    with qtbot.waitSignal(wizard.saver.saved, timeout=5000):
        pass  # the pause after typing
    qtbot.waitUntil(lambda: not wizard.saver.pending, timeout=5000)
    assert repo.document(conversation_id)["reflection"]["went_well"] == (
        NOTES + " Agreed with Søren")
    sent = sent_text(log)
    assert "with Søren" in sent  # the typed words (each pause's splice carries its own)
    assert NOTES[:100] not in sent and len(sent) < 1200  # not the page before them
    assert wizard.save_state.text().startswith("All changes saved at")
    close(qtbot, window)


def test_a_splice_failing_on_the_worker_is_written_whole_by_the_window(
        qtbot, context, conversation_id, keyboard: Keyboard, monkeypatch):  # noqa: F811
    window = notes_typed_after_a_page(qtbot, context, conversation_id, keyboard)
    wizard = window.conversation
    repo = context.store().conversations
    log = record_driver_calls(monkeypatch, repo, fail_on="substr(body")
    keyboard.type(" later")
    qtbot.waitUntil(lambda: not wizard.saver.pending, timeout=5000)
    assert any("substr(body" in sql for sql, _ in log)  # the worker's splice was tried
    assert repo.document(conversation_id)["reflection"]["went_well"] == NOTES + " Agreed later"
    assert wizard.banner.isHidden()  # the window's own write went through: nothing to say
    close(qtbot, window)


def test_a_record_signed_between_two_pauses_refuses_the_splice_and_locks_the_window(
        qtbot, context, conversation_id, keyboard: Keyboard, monkeypatch):  # noqa: F811
    window = notes_typed_after_a_page(qtbot, context, conversation_id, keyboard)
    wizard = window.conversation
    store = context.store()
    fill_ready(store, conversation_id)
    SignoffRepository.of(store).sign(conversation_id, "employee", "Nhung", True)
    log = record_driver_calls(monkeypatch, store.conversations)
    keyboard.type(" after")
    qtbot.waitUntil(lambda: wizard.env.read_only, timeout=5000)
    assert any("status = 'draft'" in sql for sql, _ in log)  # the worker's splice path ran
    assert "The last edit made here was not saved." in wizard.banner.text()
    assert "after" not in str(store.conversations.document(conversation_id))
    close(qtbot, window)
