"""The summary: whether the record can be signed, and the way to sign-off, above the fold; steps
with nothing recorded are named even when nothing is required of them."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect

from tests.ui.wizard_support import (  # noqa: F401 - fixtures
    close,
    conversation_id,
    open_window,
    person,
)

READY_PLAN = {
    "objectives": [{"id": "o1", "text": "Lead the bank staff review", "measure": "Report agreed",
                    "due": "2027-03-31", "edi": True}],
    "actions": [{"id": "a1", "text": "Shadow the deputy director", "support": "Diary time",
                 "success_measure": "Three meetings", "owner": "Nhung",
                 "target_date": "2027-02-01", "review_date": "2026-12-01",
                 "gap": {"kind": "other", "ref": ""}, "suggested": False}]}


def test_ready_to_sign_names_the_steps_left_empty_and_the_button_is_in_view(
        qtbot, context, conversation_id):  # noqa: F811
    repo = context.store().conversations
    repo.save_section(conversation_id, "plan", READY_PLAN)
    repo.save_section(conversation_id, "reflection", {"went_well": "The rota project"})
    window = open_window(qtbot, context, conversation_id)
    wizard = window.conversation
    wizard.go_to("summary", focus=True)
    page = wizard.page("summary")
    assert page.missing_box.title() == "Ready to sign"
    assert page.missing.text() == "Nothing required for sign-off is missing."
    assert page.empty_note.isVisible()
    assert page.empty_note.text().startswith(
        "Nothing is recorded yet in Looking back, Health and wellbeing, Aspirations, "
        "Competencies, Scope for Growth, Career transition and Exposure wheel.")
    assert page.sign_button.isEnabled()
    viewport = page.scroll_area.viewport()
    button = page.sign_button  # on screen without scrolling
    assert page.scroll_area.verticalScrollBar().value() == 0
    assert QRect(QPoint(0, 0), viewport.size()).contains(
        QRect(button.mapTo(viewport, QPoint(0, 0)), button.size()))
    close(qtbot, window)
