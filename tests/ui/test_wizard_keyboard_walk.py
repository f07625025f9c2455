"""A whole conversation from set-up to summary with the keyboard alone, then what the store holds."""

from __future__ import annotations

from PySide6.QtCore import Qt

from rmp_desktop.ui.wizard import start_conversation
from tests.ui.wizard_support import Keyboard, close, keyboard, person, show  # noqa: F401

K = Qt.Key


def test_keyboard_walk_from_setup_to_summary(qtbot, context, person, keyboard: Keyboard):  # noqa: F811
    window = show(qtbot, start_conversation(context, person.id))
    wizard = window.conversation
    cid = wizard.conversation_id
    packs = context.packs()
    assert wizard.current == "setup"

    # 1. Set-up: the manager's name came from the person's line manager; correct it, add notes.
    assert keyboard.tab_to("Manager holding the conversation").text() == "Ngozi Adeyemi-Clarke"
    keyboard.select_all_and_type("Ngozi Adeyemi-Clarke (acting)")
    keyboard.tab_to("Set-up notes")
    keyboard.type("Quiet room, an hour.")
    keyboard.next_step()
    assert wizard.current == "reflection"

    # 2. Reflection, in several scripts.
    assert keyboard.focus.accessibleName() == "What went well"
    keyboard.type("Hoàn thành dự án đúng hạn.")
    keyboard.press(K.Key_Tab)
    keyboard.type("تغيير الأنظمة")
    keyboard.press(K.Key_Tab)
    keyboard.type("新的导师计划")
    keyboard.press(K.Key_Tab)
    keyboard.type("Clarity about next steps")
    keyboard.next_step()
    assert wizard.current == "looking_back"

    # 3. Looking back: one objective, met, with evidence; then feedback.
    keyboard.tab_to("Add previous objective")
    keyboard.press(K.Key_Space)
    assert keyboard.focus.accessibleName() == "Previous objective: objective"
    keyboard.type("Cut time to hire")
    keyboard.press(K.Key_Tab)
    assert keyboard.focus.accessibleName() == "Previous objective: outcome"
    keyboard.press(K.Key_Down)  # Not yet decided -> Met
    keyboard.press(K.Key_Tab)
    keyboard.type("36 days on average")
    keyboard.tab_to("Feedback overall, in summary")
    keyboard.type("Managers value the advice")
    keyboard.next_step()
    assert wizard.current == "wellbeing"

    # 4. Wellbeing stays private; one area and flexible working.
    assert keyboard.focus.accessibleName() == "Share this section in the signed record"
    keyboard.tab_to("Physical wellbeing")
    keyboard.type("Sleeping better")
    keyboard.tab_to("Flexible working")
    keyboard.type("Compressed hours trial")
    keyboard.next_step()
    assert wizard.current == "aspirations"

    # 5. Aspirations: depth and stretch, level 4, within a year.
    assert keyboard.focus.accessibleName() == DIRECTION_DEPTH
    keyboard.press(K.Key_Space)
    keyboard.tab_to(DIRECTION_STRETCH)
    keyboard.press(K.Key_Space)
    keyboard.tab_to("Target level on the career pathway")
    keyboard.press(K.Key_Down, times=4)
    keyboard.tab_to("Time horizon")
    keyboard.press(K.Key_Down, times=2)
    keyboard.next_step()
    assert wizard.current == "competencies"

    # 6. Competencies: levels were suggested (band 8a -> 3, target 4 from aspirations).
    assert keyboard.focus.accessibleName() == "Current level"
    for area in packs.competency.areas:
        keyboard.tab_to(f"{area.name}, self rating")
        keyboard.press(K.Key_Down, times=2)  # 2 Developing
        keyboard.press(K.Key_Tab)
        keyboard.press(K.Key_Down, times=3)  # 3 Established
        keyboard.tab_to(f"{area.name}, evidence (a brief example)")
        keyboard.type("Example")
    keyboard.next_step()
    assert wizard.current == "talent"

    # 6b. Scope for Growth, optional: included, the manager's view and the reason.
    assert keyboard.focus.accessibleName() == "Include Scope for Growth in this conversation"
    keyboard.press(K.Key_Space)
    keyboard.tab_to("Manager's view: Impact")
    keyboard.press(K.Key_Down, times=2)  # Steady impact
    keyboard.press(K.Key_Tab)
    keyboard.press(K.Key_Down, times=3)  # Stretch
    keyboard.tab_to("The reason, in words you both agree with")
    keyboard.type("Delivers steadily and wants to step up")
    keyboard.next_step()
    assert wizard.current == "transition"

    # 7. Transition: stream 1 suggested from band 8a; take the suggested transition; rate.
    assert keyboard.focus.accessibleName() == "Development stream"
    keyboard.tab_to("Use the suggested transition")
    keyboard.press(K.Key_Space)
    page = wizard.page("transition")
    transition = packs.transitions.transition("transition-1")
    for expectation in transition.all_expectations():
        keyboard.tab_to(f"Rating: {expectation.text}")
        keyboard.press(K.Key_Down, times=3)  # Demonstrating
    first = transition.all_expectations()[0]
    keyboard.tab_to(f"Rating: {first.text}", limit=200)
    keyboard.press(K.Key_Up)  # Developing
    experience = transition.experiences[0]
    keyboard.tab_to(f"Experience: {experience.name or experience.text}")
    keyboard.press(K.Key_Down, times=3)  # Not yet had
    assert "1 developing" in page.readiness.text()
    keyboard.next_step()
    assert wizard.current == "wheel"

    # 8. Wheel: first avenue moved on twice (planned), third set directly to planned.
    assert keyboard.focus.accessibleName() == "Exposure wheel"
    keyboard.press(K.Key_Space, times=2)
    keyboard.press(K.Key_Right, times=2)
    keyboard.press(K.Key_3)
    keyboard.next_step()
    assert wizard.current == "plan"

    # 9. Plan: an EDI objective; accept and edit one suggestion; ignore another.
    plan = wizard.page("plan")
    assert plan.edi_warning.isVisibleTo(plan)
    keyboard.tab_to("Add objective")
    keyboard.press(K.Key_Space)
    keyboard.type("Diverse shortlisting panels")
    keyboard.press(K.Key_Tab)
    keyboard.type("Every panel is diverse")
    keyboard.press(K.Key_Tab)
    keyboard.type("2027-06-30")
    keyboard.press(K.Key_Tab)
    assert keyboard.focus.accessibleName() == "Objective: equality, diversity and inclusion objective"
    keyboard.press(K.Key_Space)
    assert not plan.edi_warning.isVisibleTo(plan)
    qtbot.waitUntil(lambda: len(plan.suggestions.rows) > 1)
    accepted = plan.suggestions.rows[0].suggestion
    ignored = plan.suggestions.rows[1].suggestion
    keyboard.tab_to("Accept and edit suggestion 1")
    keyboard.press(K.Key_Space)
    assert keyboard.focus.accessibleName() == "Action: action"
    owner = keyboard.tab_to("Action: owner")
    assert owner.text() == "Nhung"  # the person owns their development, to start with
    keyboard.press(K.Key_Tab)
    keyboard.type("31/01/2027")
    keyboard.press(K.Key_Tab)  # leaving the field tidies the date
    keyboard.type("2026-12-01")
    qtbot.waitUntil(lambda: any(r.suggestion == ignored for r in plan.suggestions.rows))
    number = next(i for i, r in enumerate(plan.suggestions.rows, 1) if r.suggestion == ignored)
    keyboard.tab_to(f"Ignore suggestion {number}")
    keyboard.press(K.Key_Space)
    qtbot.waitUntil(lambda: all(r.suggestion != ignored for r in plan.suggestions.rows))
    keyboard.next_step()
    assert wizard.current == "summary"

    # 10. Summary: reading it back counts as visiting the comments; the person adds theirs.
    keyboard.tab_to("The person's own comments")
    keyboard.type("A fair record. 👍")
    summary = wizard.page("summary")
    assert "Diverse shortlisting panels" in summary.record.toPlainText()
    with qtbot.waitSignal(window.closed, timeout=5000):  # closing flushes everything typed
        keyboard.press(K.Key_W, Qt.KeyboardModifier.ControlModifier)

    store = context.store()
    meta = store.conversations.get(cid)
    doc = store.conversations.document(cid)
    assert meta.manager_name == "Ngozi Adeyemi-Clarke (acting)"
    assert meta.current_step == "summary"
    assert doc["setup"]["notes"] == "Quiet room, an hour."
    assert doc["reflection"] == {"went_well": "Hoàn thành dự án đúng hạn.", "was_hard": "تغيير الأنظمة",
                                 "proud_of": "新的导师计划", "hopes": "Clarity about next steps"}
    [objective] = doc["looking_back"]["objectives"]
    assert (objective["text"], objective["outcome"], objective["evidence"]) == (
        "Cut time to hire", "met", "36 days on average")
    assert doc["looking_back"]["feedback"] == "Managers value the advice"
    assert doc["wellbeing"]["share_in_record"] is False
    assert doc["wellbeing"]["areas"] == {"physical": "Sleeping better"}
    assert doc["wellbeing"]["flexible_working"] == "Compressed hours trial"
    assert doc["aspirations"]["directions"] == ["depth", "stretch"]
    assert doc["aspirations"]["target_level"] == 4
    assert doc["aspirations"]["time_horizon"] == "1y"
    competencies = doc["competencies"]
    assert (competencies["current_level"], competencies["target_level"]) == (3, 4)
    assert all(competencies["ratings"][a.id] == {"self": 2, "manager": 3, "evidence": "Example"}
               for a in packs.competency.areas)
    assert doc["talent"] == {"included": True, "grid": "rmp.talent-scope-for-growth",
                             "self": {"up": "", "across": ""},
                             "manager": {"up": "impact-steady", "across": "growth-stretch"},
                             "reason": "Delivers steadily and wants to step up"}
    assert doc["transition"]["stream"] == "stream-1"
    assert doc["transition"]["transition"] == "transition-1"
    ratings = doc["transition"]["expectations"]
    assert ratings[first.id] == "developing"
    assert sum(v == "demonstrating" for v in ratings.values()) == len(transition.all_expectations()) - 1
    assert doc["transition"]["experiences"] == {experience.id: "missing"}
    avenues = packs.wheel.avenues
    assert doc["wheel"]["avenues"] == {avenues[0].id: "planned", avenues[2].id: "planned"}
    [plan_objective] = doc["plan"]["objectives"]
    assert plan_objective["text"] == "Diverse shortlisting panels"
    assert (plan_objective["measure"], plan_objective["due"], plan_objective["edi"]) == (
        "Every panel is diverse", "2027-06-30", True)
    [action] = doc["plan"]["actions"]
    assert action["gap"] == accepted.gap and action["suggested"] is True
    assert (action["owner"], action["target_date"], action["review_date"]) == (
        "Nhung", "2027-01-31", "2026-12-01")
    assert doc["plan"]["dismissed_suggestions"] == [ignored.key]
    assert doc["summary"] == {"employee_comments": "A fair record. 👍", "comments_visited": True}


DIRECTION_DEPTH = "Depth: grow in my current role"
DIRECTION_STRETCH = "Stretch: step up to a bigger role"
