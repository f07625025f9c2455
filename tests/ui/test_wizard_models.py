"""Every item model of the wizard and the history passes pytest-qt's model tester."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from rmp_desktop.domain.conversation import STEP_IDS
from rmp_desktop.domain.plan_rules import objective_problems
from rmp_desktop.ui.conversation_history import ConversationHistoryModel
from rmp_desktop.ui.wizard.avenue_model import AvenueColumn, AvenueModel
from rmp_desktop.ui.wizard.gap_model import GapRow, GapTableModel
from rmp_desktop.ui.wizard.list_model import FieldSpec, RecordListModel
from rmp_desktop.ui.wizard.step_list import StepListModel
from tests.ui.wizard_support import conversation_id, person  # noqa: F401


def test_step_list_model(qtmodeltester):
    model = StepListModel()
    model.set_steps(STEP_IDS)
    model.set_complete("setup", True)
    model.set_current("reflection")
    qtmodeltester.check(model)
    assert model.index(0).data() == "1. Set-up  ✓"
    assert "current step" in model.index(1).data(Qt.ItemDataRole.AccessibleTextRole)


def test_record_list_model(qtmodeltester):
    fields = [FieldSpec("text", "Objective", "text"), FieldSpec("due", "Date", "date"),
              FieldSpec("edi", "EDI", "check", default=False)]
    model = RecordListModel(fields, lambda row: objective_problems(row, date(2026, 1, 1)))
    model.set_rows([{"id": "a", "text": "Line one\nline two", "measure": "", "due": "2025-01-01",
                     "edi": True}, {"id": "b", "text": "", "measure": "m", "due": "", "edi": False}])
    qtmodeltester.check(model)
    model.append_row({"id": "c", "text": "New", "measure": "x", "due": "2026-05-01"})
    model.update_row(0, {**model.row(0), "text": "Changed"})
    model.remove_row(1)
    qtmodeltester.check(model)
    assert model.index(0, 0).data() == "Changed"
    assert model.index(1, 3).data() == "OK"


def test_avenue_model(qtmodeltester, context):
    model = AvenueModel(context.packs().wheel)
    model.set_statuses({"secondments": "planned", "unknown": "bogus"})
    qtmodeltester.check(model)
    assert model.setData(model.index(1, AvenueColumn.STATUS), "active")
    assert not model.setData(model.index(1, AvenueColumn.STATUS), "not-a-status")
    model.cycle(0)
    assert model.statuses() == {"secondments": "active", model.avenues[1].id: "active"}


def test_gap_table_model(qtmodeltester):
    model = GapTableModel()
    model.set_rows([GapRow("Change Catalyst", 2, 3, 2, 3), GapRow("Business Focused", None, None, 2, 2)])
    qtmodeltester.check(model)
    assert model.index(0, 3).data() == "Gap: from Established at level 2 to Established at level 3"
    assert model.index(1, 3).data() == "Not rated yet"


def test_history_model(qtmodeltester, context, conversation_id):  # noqa: F811
    model = ConversationHistoryModel()
    person_id = context.store().conversations.get(conversation_id).person_id
    model.set_rows(context.store().conversations.list_for_person(person_id))
    qtmodeltester.check(model)
    assert model.index(0, 2).data().startswith("✎ Draft")
