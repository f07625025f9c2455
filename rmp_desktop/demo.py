"""A fictional team so a newcomer sees a living application at once.

Every name here is invented. The team spans bands 3 to 8c, most functional
areas and several scripts, because the application must serve all of them.
"""

from __future__ import annotations

from datetime import date

from rmp_desktop.domain.staff import StaffMember

DEMO_MARKER = "demo_team_loaded"

MANAGER = StaffMember(
    full_name="Adaeze Okonkwo-Hart", job_title="Head of People Services", band="8c",
    functional_area="business-partnering", email="adaeze.okonkwo-hart@example.nhs.uk",
    assignment_number="DEMO-1001", start_date=date(2016, 9, 5))

TEAM: tuple[StaffMember, ...] = (
    StaffMember(full_name="Tomasz Wiśniewski", job_title="Senior HR Business Partner", band="8a",
                functional_area="business-partnering", assignment_number="DEMO-1002",
                start_date=date(2019, 1, 14)),
    StaffMember(full_name="Priya Raghunathan", job_title="Head of Organisational Development",
                band="8b", functional_area="organisational-development",
                assignment_number="DEMO-1003", start_date=date(2018, 4, 3)),
    StaffMember(full_name="Nguyễn Thị Minh Anh", preferred_name="Minh Anh",
                job_title="Workforce Intelligence Lead", band="7",
                functional_area="workforce-intelligence", assignment_number="DEMO-1004",
                start_date=date(2020, 6, 1)),
    StaffMember(full_name="Mehmet Yılmaz", job_title="Occupational Health Manager", band="7",
                functional_area="occupational-health", assignment_number="DEMO-1005",
                start_date=date(2017, 11, 20)),
    StaffMember(full_name="Aušra Žukauskienė", job_title="Employee Relations Adviser", band="6",
                functional_area="employee-relations", assignment_number="DEMO-1006",
                start_date=date(2021, 2, 8)),
    StaffMember(full_name="Ганна Коваленко", preferred_name="Hanna Kovalenko",
                job_title="Equality, Diversity and Inclusion Lead", band="6", functional_area="edi",
                assignment_number="DEMO-1007", start_date=date(2022, 5, 16)),
    StaffMember(full_name="Ιωάννα Παπαδοπούλου", preferred_name="Ioanna Papadopoulou",
                job_title="Medical Staffing Officer", band="5", functional_area="medical-staffing",
                assignment_number="DEMO-1008", start_date=date(2023, 3, 6)),
    StaffMember(full_name="Siobhán Ní Bhriain", job_title="Learning and Development Officer",
                band="5", functional_area="learning-development", assignment_number="DEMO-1009",
                start_date=date(2022, 9, 12)),
    StaffMember(full_name="Kwame Asante-Boateng", job_title="Recruitment and Resourcing Manager",
                band="8a", functional_area="recruitment-resourcing", assignment_number="DEMO-1010",
                start_date=date(2015, 7, 27)),
    StaffMember(full_name="Zainab Al-Farsi", job_title="HR Policy Officer", band="4",
                functional_area="hr-policy", assignment_number="DEMO-1011",
                start_date=date(2024, 1, 8)),
    StaffMember(full_name="Oluwaseun Adébáyọ̀", preferred_name="Seun Adebayo",
                job_title="Recruitment Coordinator", band="4",
                functional_area="recruitment-resourcing", assignment_number="DEMO-1012",
                start_date=date(2024, 10, 1)),
    StaffMember(full_name="Chloé Dubois-Mensah", job_title="HR Administrator (Apprentice)",
                band="3", functional_area="business-partnering", assignment_number="DEMO-1013",
                start_date=date(2025, 9, 1)),
)


class DemoRefused(RuntimeError):
    pass


def load_demo(store, *, force: bool = False) -> int:
    """Add the demo team; refuses a store that already holds other people unless forced."""
    if store.meta(DEMO_MARKER):
        raise DemoRefused("The demo team is already in this store.")
    existing = store.staff.count(include_archived=True)
    if existing and not force:
        raise DemoRefused(
            f"This store already holds {existing} people who are not the demo team. "
            "Use --force to add the demo team beside them, or --data-dir to use another folder.")
    manager = store.staff.add(MANAGER)
    for member in TEAM:
        store.staff.add(member.with_changes(line_manager_id=manager.id,
                                            email=_demo_email(member)))
    from rmp_desktop.content.loader import load_builtin
    from rmp_desktop.demo_records import add_demo_conversations
    add_demo_conversations(store, manager, load_builtin())
    store.set_meta(DEMO_MARKER, "1")
    return 1 + len(TEAM)


def _demo_email(member: StaffMember) -> str:
    from rmp_desktop.domain.staff import fold

    local = ".".join(fold(member.display_name).replace("-", " ").split()[:2])
    return f"{local}@example.nhs.uk" if local.isascii() else ""
