"""Suggestions: the best few first, the rest a key press away; an accepted one lands on its new
action, in view, with the cursor where it needs finishing."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt

from rmp_desktop.domain.plan_rules import action_problems
from rmp_desktop.ui.wizard.page_plan import nested_action
from tests.ui.wizard_support import (  # noqa: F401 - fixtures
    HELD_ON,
    Keyboard,
    close,
    conversation_id,
    open_window,
    person,
)

K = Qt.Key


def open_plan(qtbot, context, conversation_id):  # noqa: F811
    repo = context.store().conversations
    areas = [a.id for a in context.packs().competency.areas]
    ratings = {area: {"self": 2, "manager": 2} for area in areas}
    ratings[areas[3]] = {"self": 1, "manager": 1}  # the weakest: it should come first
    repo.save_section(conversation_id, "competencies", {
        "current_level": 3, "target_level": 4, "ratings": ratings})
    avenues = [a.id for a in context.packs().wheel.avenues]
    repo.save_section(conversation_id, "wheel", {
        "avenues": {avenues[0]: "planned", avenues[5]: "planned", avenues[9]: "planned"}})
    window = open_window(qtbot, context, conversation_id)
    window.conversation.go_to("plan", focus=True)
    page = window.conversation.page("plan")
    qtbot.waitUntil(lambda: len(page.suggestions.rows) > 6)
    return window, page, areas


def shown(panel) -> list:
    return [row for row in panel.rows if row.isVisibleTo(panel)]


def test_the_best_few_suggestions_come_first(qtbot, context, conversation_id):  # noqa: F811
    window, page, areas = open_plan(qtbot, context, conversation_id)
    panel = page.suggestions
    assert len(shown(panel)) == 3
    assert panel.rows[0].suggestion.gap == {"kind": "competency", "ref": areas[3]}
    # Then the other areas not yet secure, before the avenues only needing a date.
    kinds = [row.suggestion.gap["kind"] for row in panel.rows]
    assert kinds == sorted(kinds, key=["competency", "avenue"].index)
    hidden = len(panel.rows) - 3
    assert panel.more.text() == f"Show {hidden} more suggestions"
    qtbot.mouseClick(panel.more, Qt.MouseButton.LeftButton)
    assert len(shown(panel)) == len(panel.rows)
    close(qtbot, window)


def test_an_accepted_suggestion_is_ready_to_finish_where_the_cursor_lands(
        qtbot, context, conversation_id):  # noqa: F811
    window, page, _areas = open_plan(qtbot, context, conversation_id)
    keys = Keyboard(qtbot)
    suggestion = page.suggestions.rows[0].suggestion
    keys.tab_to("Accept suggestion 1")
    keys.press(K.Key_Space)
    actions = page.action_list
    assert actions.model.rowCount() == 1 and actions.table.currentIndex().row() == 0
    # The owner is the person, to start with; the cursor waits in what is still missing.
    assert actions.editors["owner"].text() == "Nhung"
    field = keys.focus
    assert field is actions.editors["success_measure"]
    viewport = page.scroll_area.viewport()
    qtbot.waitUntil(lambda: QRect(QPoint(0, 0), viewport.size()).contains(
        QRect(field.mapTo(viewport, QPoint(0, 0)), field.size())))
    keys.type("Leads the next two rota reviews")
    keys.tab_to("Action: target date")
    keys.type("30 Sept 2027")
    [row] = actions.rows()
    assert action_problems(nested_action(row), HELD_ON) == {}
    assert row["text"] == suggestion.text
    assert not any(flag.isVisible() for flag in actions.flags.values())
    close(qtbot, window)
