"""Equality monitoring answers entered through the windows, as a person would: the staff member
in My development, a manager with the person's consent; never shown back beside a name."""

from __future__ import annotations

import json
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from rmp_desktop.content.loader import load_builtin
from rmp_desktop.storage.equality_repo import EqualityRepository
from rmp_desktop.storage.models import AuditEntry, EqualityMonitoring
from rmp_desktop.storage.my_development import MyDevelopmentRepository
from rmp_desktop.ui.accessibility import clashing_mnemonics, unnamed_controls
from tests.exchange_support import ME, MY_MANAGER


def choose(qtbot, box, answer_id: str) -> None:
    """Down the list with the keyboard until the answer is chosen."""
    box.setFocus()
    while box.currentData() != answer_id:
        qtbot.keyClick(box, Qt.Key.Key_Down)


def visible_text(root: QWidget) -> str:
    parts = []
    for widget in root.findChildren(QWidget):
        if widget.isVisibleTo(root):
            text = getattr(widget, "currentText", None) or getattr(widget, "text", None)
            if callable(text):
                parts.append(str(text()))
    return " ".join(parts)


def test_my_answers_are_saved_apart_and_go_only_when_i_choose(qtbot, context, store):
    from rmp_desktop.ui.my_development.view import EQUALITY, MyDevelopmentView

    MyDevelopmentRepository.of(store).set_me(ME, MY_MANAGER, packs=load_builtin())
    view = MyDevelopmentView(context)
    qtbot.addWidget(view)
    view.show()
    view.show_part(EQUALITY)
    form = view.equality
    assert form.isVisible() and view.tabs.isTabEnabled(EQUALITY)
    assert [type(w).__name__ for w in unnamed_controls(view)] == []
    assert clashing_mnemonics(view) == {}
    choose(qtbot, form.questions.boxes["ethnic_group"], "asian-bangladeshi")
    choose(qtbot, form.questions.boxes["disability"], "prefer-not")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert "stay on this computer" in form.status.text()
    me = view.me().member
    with store.sessions() as session:
        row = session.get(EqualityMonitoring, me.uid)
        assert (row.ethnic_group, row.disability, row.share) == ("asian-bangladeshi",
                                                                 "prefer-not", False)
    prep, _ = view.mine.make_preparation()
    assert prep.equality is None
    qtbot.mouseClick(form.share, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    prep, _ = view.mine.make_preparation()
    assert prep.equality["ethnic_group"] == "asian-bangladeshi"
    assert "asian-bangladeshi" not in json.dumps(prep.content)
    with store.sessions() as session:
        details = " ".join(e.detail for e in session.query(AuditEntry))
    assert "asian" not in details and "prefer" not in details
    view.show_part(0)  # About me: nothing of the answers beside the name
    assert "Bangladeshi" not in visible_text(view)


def test_a_manager_records_answers_only_with_consent_and_never_sees_them_again(window, team,
                                                                                qtbot, store):
    person = team["Fatima Rahman"]
    window.team.select_person(person.id)
    assert window.equality_action.isEnabled()
    dialog = window.record_equality()
    assert [type(w).__name__ for w in unnamed_controls(dialog)] == []
    assert clashing_mnemonics(dialog) == {}
    assert not dialog.save_button.isEnabled() and not dialog.questions.isEnabled()
    qtbot.mouseClick(dialog.consent, Qt.MouseButton.LeftButton)
    choose(qtbot, dialog.questions.boxes["sex"], "female")
    choose(qtbot, dialog.questions.boxes["religion"], "muslim")
    with qtbot.waitSignal(dialog.recorded):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    with store.sessions() as session:
        row = session.get(EqualityMonitoring, person.uid)
        assert (row.sex, row.religion, row.source, row.consent_on) == (
            "female", "muslim", "consent", date.today())
    again = window.record_equality()
    assert "are on record; they are not shown here" in again.on_record.text()
    assert again.questions.answers() == {}
    assert "Muslim" not in visible_text(again) and "Female" not in visible_text(again)
    again.reject()
    assert "Muslim" not in visible_text(window)
    labels = " ".join(w.text() for w in window.findChildren(QLabel))
    assert "Muslim" not in labels
    assert EqualityRepository(store.sessions).on_record(person.uid) == date.today()
