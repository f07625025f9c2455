"""Two conversations in a row through the real windows: the second starts where the first ended,
the team list follows without a restart, and the year view, the mid-year review, the progress
chart and discarding a draft work as a manager would use them."""

from __future__ import annotations

from datetime import date

import icalendar
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from rmp_desktop.domain.conversation import Status
from rmp_desktop.storage.signoff_repo import SignoffRepository
from rmp_desktop.ui.team_model import TeamColumn
from rmp_desktop.ui.wizard import open_windows
from tests.records_support import fill_ready
from tests.ui.wizard_support import Keyboard, keyboard  # noqa: F401

LEFT = Qt.MouseButton.LeftButton
K = Qt.Key


def _new_conversation(qtbot, window, person_id):
    window.team.select_person(person_id)
    before = set(map(id, open_windows()))
    qtbot.mouseClick(window.person_page.new_conversation_button, LEFT)
    [opened] = [w for w in open_windows() if id(w) not in before]
    qtbot.waitExposed(opened)
    return opened


def _close(qtbot, conversation_window) -> None:
    with qtbot.waitSignal(conversation_window.closed, timeout=5000):
        conversation_window.close()


def _sign(qtbot, wizard, keys: Keyboard) -> None:
    """Both sign through the sign-off dialog, typing their names."""
    from rmp_desktop.ui.signoff_dialog import SignOffDialog

    dialog = wizard.open_signoff()
    assert isinstance(dialog, SignOffDialog)
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    for name in ("Fatima Rahman", "Amelia Hart"):
        dialog.name.setFocus()
        qtbot.waitUntil(dialog.name.hasFocus)
        keys.type(name)
        keys.press(K.Key_Tab)
        keys.press(K.Key_Space)
        with qtbot.waitSignal(dialog.signed, timeout=5000):
            qtbot.mouseClick(dialog.sign_button, LEFT)
    with qtbot.waitSignal(dialog.finished, timeout=5000):
        qtbot.mouseClick(dialog.close_button, LEFT)


def _team_cell(window, person_id, column) -> str:
    return window.model.index(window.model.visible_row_of(person_id), column).data()


def test_two_conversations_in_a_row(qtbot, window, context, team, keyboard: Keyboard):  # noqa: F811
    store = context.store()
    fatima = team["Fatima Rahman"]
    assert _team_cell(window, fatima.id, TeamColumn.NEXT_DUE) == "Now: first appraisal"

    # The first conversation: started from her page, filled, signed in its window.
    first = _new_conversation(qtbot, window, fatima.id)
    wizard = first.conversation
    first_id = wizard.conversation_id
    _close(qtbot, first)
    fill_ready(store, first_id)
    store.conversations.save_section(first_id, "aspirations", {
        "directions": ["stretch"], "target_level": 4, "target_roles": "Deputy director",
        "functional_areas": ["business-partnering"], "time_horizon": "2y",
        "membership_current": "associate", "membership_target": "chartered-member",
        "notes": "Wants system work"})
    area = context.packs().competency.areas[0]
    store.conversations.save_section(first_id, "competencies", {
        "framework": "", "last_time": {}, "current_level": 3, "target_level": 4,
        "ratings": {area.id: {"self": 2, "manager": 3, "evidence": "Led the review"}}})
    store.conversations.save_section(first_id, "wheel", {
        "avenues": {context.packs().wheel.avenues[0].id: "active"}, "notes": ""})
    window.history.refresh()
    window.history.table.selectRow(0)
    qtbot.mouseClick(window.history.open_button, LEFT)
    [first] = open_windows()
    qtbot.waitExposed(first)
    held = first.conversation.meta.held_on
    _sign(qtbot, first.conversation, keyboard)
    _close(qtbot, first)
    # The team list has followed, with no restart: last signed, and the action's review next.
    qtbot.waitUntil(lambda: _team_cell(window, fatima.id, TeamColumn.LAST_SIGNED) != "")
    assert _team_cell(window, fatima.id, TeamColumn.LAST_SIGNED) == \
        f"{held.day} {_month(held)} {held.year}"
    assert _team_cell(window, fatima.id, TeamColumn.NEXT_DUE).endswith(
        "15 Dec 2026, review")
    # Her page shows progress over time from the signed record.
    assert not window.progress.chart.empty
    assert window.progress.chart.rows[0].values == (3,)
    assert window.progress.chart.rows[-1].values == (1,)

    # The second conversation starts from the first.
    second = _new_conversation(qtbot, window, fatima.id)
    wizard = second.conversation
    setup = wizard.page("setup")
    assert "Launch the early resolution service" in setup.carried_label.text()
    assert "Shadow the deputy director at a tribunal hearing" in setup.carried_label.text()
    wizard.go_to("looking_back")
    looking = wizard.page("looking_back")
    assert [r["text"] for r in looking.objectives.rows()] == [
        "Launch the early resolution service", "Train ten managers in fair investigations"]
    [action] = looking.past_actions.rows()
    assert action["outcome"] == "" and action["text"].startswith("Shadow the deputy director")
    looking.past_actions.select_row(0)
    assert "No progress was reported" in looking.action_words.text()
    outcome = looking.past_actions.editors["outcome"]
    outcome.setCurrentIndex(outcome.findData("in_progress"))
    qtbot.mouseClick(looking.carry, LEFT)
    assert looking.carry.text() == "Already carried into this year's plan"
    assert not looking.carry.isEnabled()
    # Aspirations are offered, not copied; one click starts from last time, Ctrl+Z undoes it.
    wizard.go_to("aspirations")
    aspirations = wizard.page("aspirations")
    assert wizard.env.document["aspirations"]["directions"] == []
    assert aspirations.last_time_offer.isVisibleTo(aspirations)
    qtbot.mouseClick(aspirations.last_time_offer.button, LEFT)
    assert wizard.env.document["aspirations"]["directions"] == ["stretch"]
    assert wizard.env.document["aspirations"]["membership_target"] == "chartered-member"
    assert wizard.env.document["aspirations"]["notes"] == ""  # this year's notes start fresh
    assert not aspirations.last_time_offer.isVisibleTo(aspirations)
    aspirations.undo_stack.undo()
    assert wizard.env.document["aspirations"]["directions"] == []
    aspirations.undo_stack.redo()
    # Competencies: last time's agreed rating beside this time's, with the change.
    wizard.go_to("competencies")
    competencies = wizard.page("competencies")
    last_label = competencies.last_labels[area.id]
    assert last_label.isVisibleTo(competencies)
    assert "agreed 3 Established" in last_label.text()
    _self_box, manager_box, _evidence = competencies.rating_boxes[area.id]
    manager_box.setCurrentIndex(manager_box.findData(4))
    assert "this time 4 Role model, up 1" in last_label.text()
    # The framework chosen is named, and an aspirant one can be chosen instead.
    framework_box = competencies.framework_box
    framework_box.setCurrentIndex(framework_box.findData("rmp.aspirant-deputy-director"))
    assert wizard.env.packs.competency.id == "rmp.aspirant-deputy-director"
    assert not competencies.area_groups[area.id][0].isVisibleTo(competencies)
    framework_box.setCurrentIndex(framework_box.findData("rmp.competency-framework"))
    _close(qtbot, second)
    doc = store.conversations.document(wizard.conversation_id)
    assert doc["looking_back"]["actions"][0]["outcome"] == "in_progress"
    [carried] = doc["plan"]["actions"]
    assert carried["text"] == action["text"]
    assert doc["looking_back"]["actions"][0]["carried_into_plan"] == carried["id"]
    assert doc["competencies"]["ratings"][area.id]["manager"] == 4

    # The year view lists her review, and a draft left open; its calendar parses back.
    dialog = window.show_due()
    qtbot.waitUntil(lambda: dialog.year is not None, timeout=5000)
    rows = dialog.rows()
    assert ("Fatima Rahman", "Draft left open", f"dated {_shown(date.today())}", "Open") in rows
    assert any(r[0] == "Fatima Rahman" and r[1].startswith("Review of an action") for r in rows)
    assert ("Gwen Pryce", "Appraisal", "due now: none signed yet", "⚠ Not held yet") in rows
    path = dialog.save_calendar(context.paths.data_dir.parent / "due.ics")
    events = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert {str(e["SUMMARY"]) for e in events} >= {"Review: Fatima Rahman",
                                                   "Appraisal due: Fatima Rahman"}
    dialog.table.selectRow(rows.index(("Gwen Pryce", "Appraisal", "due now: none signed yet",
                                       "⚠ Not held yet")))
    qtbot.mouseClick(dialog.show_button, LEFT)
    assert window.current_person_id() == team["Gwen Pryce"].id
    dialog.close()

    # Discarding the second draft: a question first; then it is gone, and the log says so.
    window.team.select_person(fatima.id)
    history = window.history
    history.table.selectRow(0)
    assert history.current_status() is Status.DRAFT
    box = history.discard_current()
    assert isinstance(box, QMessageBox) and "Discard the draft" in box.text()
    [discard] = [b for b in box.buttons() if b.text() == "&Discard draft"]
    qtbot.mouseClick(discard, LEFT)
    qtbot.waitUntil(lambda: len(store.conversations.list_for_person(fatima.id)) == 1)
    with store.engine.connect() as conn:
        events = [r[0] for r in conn.exec_driver_sql(
            "SELECT event FROM audit_log ORDER BY id")]
    assert events[-1] == "deleted"
    # A signed record is never offered for discarding.
    history.table.selectRow(0)
    assert history.current_status() is Status.SIGNED
    assert not history.discard_button.isEnabled()
    assert history.discard_current() is None
    QApplication.processEvents()


def test_a_mid_year_review_is_saved_printed_and_moves_what_is_due(
        qtbot, window, context, team, tmp_path):

    store = context.store()
    fatima = team["Fatima Rahman"]
    meta = store.conversations.create(fatima.id, "both", date(2026, 10, 6),
                                      manager_name="Amelia Hart", packs=context.packs())
    fill_ready(store, meta.id)
    repo = SignoffRepository.of(store)
    repo.sign(meta.id, "employee", "Fatima Rahman", True)
    repo.sign(meta.id, "manager", "Amelia Hart", True)
    window.refresh_person(fatima.id)
    assert _team_cell(window, fatima.id, TeamColumn.NEXT_DUE).endswith(
        "15 Dec 2026, review")
    window.team.select_person(fatima.id)
    window.history.table.selectRow(0)
    assert window.history.midyear_button.isEnabled()
    qtbot.mouseClick(window.history.midyear_button, LEFT)
    dialog = window.history.open_dialog
    qtbot.waitExposed(dialog)
    progress, note_edit = dialog.fields[("actions", "a1")]
    progress.setCurrentIndex(progress.findData("done"))
    note_edit.setText("Attended the hearing in November")
    before = repo.record_for(meta.id).fingerprint()
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        qtbot.mouseClick(dialog.save_button, LEFT)
    assert dialog.state.text().startswith("✓ Saved")
    assert repo.record_for(meta.id).fingerprint() == before
    # The done action is no longer due: the next date is the first objective's.
    qtbot.waitUntil(lambda: _team_cell(window, fatima.id, TeamColumn.NEXT_DUE).endswith(
        "31 Mar 2027, objective"))
    written = dialog.print_review(tmp_path / "review.pdf")
    assert written.read_bytes().startswith(b"%PDF-")
    import pypdf

    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(written).pages).split())
    assert "Attended the hearing in November" in text and "Done" in text
    assert "The signed record is unchanged" in text
    dialog.close()
    printed = window.progress.print_progress(tmp_path / "progress.pdf")
    assert "Progress over time" in "".join(
        p.extract_text() for p in pypdf.PdfReader(printed).pages)


def _month(day: date) -> str:
    from rmp_desktop.domain.dates import SHORT_MONTHS

    return SHORT_MONTHS[day.month - 1]


def _shown(day: date) -> str:
    from rmp_desktop.domain.dates import display_date

    return display_date(day)
