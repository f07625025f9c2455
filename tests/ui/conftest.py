"""A fictional team in the test's own store, and the main window showing it."""

from __future__ import annotations

from datetime import date

import pytest

from rmp_desktop.domain.staff import StaffMember

# Invented people; the accents and scripts are the point.
FICTIONAL_TEAM = (
    StaffMember(full_name="Rūta Žukauskas", job_title="Employee Relations Adviser", band="6",
                functional_area="employee-relations", assignment_number="T-001",
                start_date=date(2020, 3, 2)),
    StaffMember(full_name="Nguyễn Văn Bình", preferred_name="Bình Nguyễn",
                job_title="Workforce Analyst", band="5", functional_area="workforce-intelligence",
                assignment_number="T-002"),
    StaffMember(full_name="Amelia Hart", job_title="Head of People", band="8c",
                functional_area="business-partnering", assignment_number="T-003"),
    StaffMember(full_name="Dawit Haile", job_title="Learning Coordinator", band="4",
                functional_area="learning-development", assignment_number="T-004"),
    StaffMember(full_name="Søren Økland", job_title="Recruitment Officer", band="5",
                functional_area="recruitment-resourcing", assignment_number="T-005"),
    StaffMember(full_name="Fatima Rahman", job_title="HR Business Partner", band="8a",
                functional_area="business-partnering", assignment_number="T-006"),
    StaffMember(full_name="Gwen Pryce", job_title="Apprentice HR Administrator", band="2",
                functional_area="business-partnering", assignment_number="T-007"),
    StaffMember(full_name="Olu Bankole", job_title="Director of Workforce", band="VSM",
                functional_area="organisational-development", assignment_number="T-008"),
)


@pytest.fixture(autouse=True)
def accessible_look(qapp):
    """The window's tests run with what app.py gives every window: the AA palette and the
    focus ring."""
    from rmp_desktop.ui import contrast, focus_ring

    contrast.install(qapp)
    focus_ring.install(qapp)


@pytest.fixture
def team(store) -> dict[str, StaffMember]:
    """The fictional team, saved; keyed by full name."""
    saved = {m.full_name: store.staff.add(m) for m in FICTIONAL_TEAM}
    manager = saved["Amelia Hart"]
    for name in ("Rūta Žukauskas", "Fatima Rahman"):
        saved[name] = store.staff.update(saved[name].with_changes(line_manager_id=manager.id))
    return saved


def open_window(qtbot, context):
    from rmp_desktop.ui.main_window import MainWindow

    window = MainWindow(context)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.teamShown, timeout=5000):
        window.show()
    return window


@pytest.fixture
def window(qtbot, context, team):
    return open_window(qtbot, context)


@pytest.fixture
def empty_window(qtbot, context):
    return open_window(qtbot, context)
