"""The career transition step says why no transition is suggested in the case that applies; and
choosing a stream, or a target level on Aspirations, leaves the fields below where they were,
under the pointer."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from tests.ui.wizard_support import (  # noqa: F401 - fixtures
    Keyboard,
    close,
    conversation_id,
    open_window,
    person,
)


def open_transition(qtbot, context, conversation_id, directions):  # noqa: F811
    context.store().conversations.save_section(
        conversation_id, "aspirations", {"directions": directions, "time_horizon": "1-2 years"})
    window = open_window(qtbot, context, conversation_id)
    window.conversation.go_to("transition", focus=True)
    return window, window.conversation.page("transition")


def test_with_stretch_chosen_and_no_stream_it_says_so_not_that_stretch_is_missing(
        qtbot, context, conversation_id):  # noqa: F811
    window, page = open_transition(qtbot, context, conversation_id, ["depth", "stretch"])
    assert "Suggested, because stretch is among the directions" in page.transition_note.text()
    keys = Keyboard(qtbot)
    assert keys.focus is page.stream
    keys.press(Qt.Key.Key_Home)  # "No stream chosen"
    assert page.stream.currentData() == ""
    text = page.transition_note.text()
    assert "Stretch is among the directions" in text and "no development stream is chosen" in text
    assert "not among" not in text
    close(qtbot, window)


def test_without_stretch_it_says_stretch_was_not_chosen(qtbot, context, conversation_id):  # noqa: F811
    window, page = open_transition(qtbot, context, conversation_id, ["depth"])
    assert "stretch is not among the directions chosen" in page.transition_note.text()
    close(qtbot, window)


def test_choosing_a_stream_does_not_move_the_transition_box(qtbot, context, conversation_id):  # noqa: F811
    window, page = open_transition(qtbot, context, conversation_id, ["depth", "stretch"])
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_Home)  # no stream: nothing to describe
    where = page.transition.mapTo(page.content, QPoint(0, 0))
    keys.press(Qt.Key.Key_Down)  # a stream, with its description and a suggested transition
    assert page.stream.currentData() != ""
    assert page.stream_detail.text() and page.use_suggestion.isVisibleTo(page)
    assert page.transition.mapTo(page.content, QPoint(0, 0)) == where
    close(qtbot, window)


def test_choosing_a_target_level_does_not_move_the_fields_below(qtbot, context, conversation_id):  # noqa: F811
    window = open_window(qtbot, context, conversation_id)
    window.conversation.go_to("aspirations", focus=True)
    page = window.conversation.page("aspirations")
    keys = Keyboard(qtbot)
    level = keys.tab_to("Target level on the career pathway")
    keys.press(Qt.Key.Key_Home)  # "Not decided yet"
    where = page.roles.mapTo(page.content, QPoint(0, 0))
    for _ in range(4):  # each level in turn, each with its own typical roles
        keys.press(Qt.Key.Key_Down)
        assert level.currentData() is not None
        assert page.level_roles.text().startswith("Typical roles at this level: ")
        assert page.roles.mapTo(page.content, QPoint(0, 0)) == where
    close(qtbot, window)
