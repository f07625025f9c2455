"""Every screen of the application, opened as a user would open it, for the AT-SPI tour.

Each screen is a function taking the tour and the world (the data folder, its store and the
main window); it opens the screen, has the tour visit it (and try what should be
announced), and closes it again. The order is the order SCREENS lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from rmp_desktop.context import AppContext
from rmp_desktop.paths import AppPaths
from tests.atspi.tour import Tour, wait_until


@dataclass
class World:
    paths: AppPaths
    context: AppContext
    window: object  # the MainWindow
    files: dict[str, Path]
    people: dict[str, int]  # demo people's ids by assignment number
    records: dict[str, int]  # conversation ids: "signed", "ready", "awaiting", "draft"

    @classmethod
    def make(cls, folder: Path) -> World:
        from rmp_desktop.demo import load_demo
        from rmp_desktop.storage import bootstrap
        from rmp_desktop.ui.main_window import MainWindow
        from rmp_desktop.ui.role import Role, RoleSettings

        paths = AppPaths(folder).ensure()
        bootstrap.prepare(paths.store, paths.backups)
        RoleSettings(paths.settings).set_role(Role.BOTH)
        context = AppContext(paths)
        store = context.store()
        load_demo(store)
        people = {m.assignment_number: m.id for m in store.staff.all() if m.assignment_number}
        records: dict[str, int] = {}
        for number, key in (("DEMO-1002", "signed"), ("DEMO-1007", "ready"),
                            ("DEMO-1004", "awaiting"), ("DEMO-1008", "draft"),
                            ("DEMO-1006", "waiting")):
            [meta, *_] = store.conversations.list_for_person(people[number])
            records[key] = meta.id
        files = _files(folder, context, records, people)
        _me(store)
        window = MainWindow(context)
        window.show()
        wait_until(lambda: window.model.rowCount() > 0, 30, "the team list")
        return cls(paths, context, window, files, people, records)

    def tidy(self) -> None:
        """Close whatever a screen left open, back to the team window."""
        from rmp_desktop.ui.wizard import close_all

        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        close_all()
        wait_until(lambda: not any(isinstance(w, QDialog) and w.isVisible()
                                   for w in QApplication.topLevelWidgets()), 10, "dialogs to close")

    def close(self) -> None:
        self.tidy()
        self.window.close()
        self.context.close()


def _files(folder: Path, context: AppContext, records: dict[str, int],
           people: dict[str, int]) -> dict[str, Path]:
    """The files a user would bring to the screens: a PDF, a staff list with a mistake."""
    from rmp_desktop.export.record_export import export_record
    from rmp_desktop.storage.backup import make_backup

    store = context.store()
    outside = folder / "outside"
    outside.mkdir()
    pdf = outside / "record.pdf"
    export_record(store, records["signed"], pdf, final=True)
    staff_list = outside / "team.csv"
    staff_list.write_text("Name,Band,Functional area\nAma Owusu,12,HR policy\n", encoding="utf-8")
    make_backup(context.paths.store, context.paths.backups, reason="manual")
    return {"pdf": pdf, "staff_list": staff_list,
            "preparation": _preparation(folder, store.staff.get(people["DEMO-1006"]))}


def _preparation(folder: Path, member) -> Path:
    """Aušra's preparation, as her own application writes it from her own store."""
    from rmp_desktop.content.loader import load_builtin
    from rmp_desktop.storage import bootstrap
    from tests.exchange_support import staff_side

    paths = AppPaths(folder / "her-side").ensure()
    bootstrap.prepare(paths.store, paths.backups)
    context = AppContext(paths)
    try:
        mine = staff_side(context.store(), load_builtin())
        mine.set_me(member.with_changes(id=mine.me().member.id, line_manager_id=None), "")
        prep, _private = mine.make_preparation("2026-05-01T09:30:00Z")
    finally:
        context.close()
    path = folder / "outside" / "preparation.json"
    path.write_bytes(prep.to_file_bytes())
    return path


def _me(store) -> None:
    """Whoever uses this copy has a manager too: My development knows them, a part written."""
    from rmp_desktop.content.loader import load_builtin
    from rmp_desktop.domain.staff import StaffMember
    from rmp_desktop.storage.my_development import MyDevelopmentRepository

    mine = MyDevelopmentRepository.of(store)
    me = StaffMember(full_name="Rhiannon Pryce-Adeyemi", job_title="Head of People Services",
                     band="8c", functional_area="business-partnering")
    mine.set_me(me, "Olu Bankole", packs=load_builtin())
    mine.save_part("reflection", {"went_well": "The new starter programme.", "was_hard": "",
                                  "proud_of": "", "hopes": ""})


def click(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


# -- the screens -----------------------------------------------------------------------------


def team(tour: Tour, world: World) -> None:
    window = world.window
    window.show_team()
    tour.visit("team", window)
    tour.expect_said("team", "a status-bar message", "Choose a person in the team list first",
                     lambda: window.start_conversation(-1))


def person(tour: Tour, world: World) -> None:
    window = world.window
    window.show_team()
    window.team.select_person(world.people["DEMO-1002"])
    wait_until(lambda: window.history is not None and window.history.current_id() is not None,
               10, "the person's conversations")
    tour.visit("person", window)


def person_dialog(tour: Tour, world: World) -> None:
    tour.visit("person_dialog", world.window.add_person())


def archive_question(tour: Tour, world: World) -> None:
    world.window.team.select_person(world.people["DEMO-1013"])
    tour.visit("archive_question", world.window.archive_person())


def staff_import(tour: Tour, world: World) -> None:
    opened: list = []
    tour.expect_said("staff_import", "the preview, read off the GUI thread",
                     "Nothing can be imported", lambda: opened.append(
                         world.window.import_from_path(world.files["staff_list"])))
    dialog = opened[0]
    wait_until(lambda: dialog.parsed is not None, 20, "the staff list preview")
    tour.visit("staff_import", dialog)


def role_question(tour: Tour, world: World) -> None:
    tour.visit("role_question", world.window.ask_role())


def about(tour: Tour, world: World) -> None:
    tour.visit("about", world.window.show_about())


def verify(tour: Tour, world: World) -> None:
    dialog = world.window.verify_pdf()
    tour.visit("verify", dialog)
    tour.expect_said("verify", "an error beside the file field, focus on Verify",
                     "Choose the PDF to verify", lambda: click(dialog.check_button))
    dialog.set_path(world.files["pdf"])
    tour.expect_said("verify", "the verdict", "Genuine",
                     lambda: click(dialog.check_button), timeout=30)
    wait_until(lambda: dialog.verdict is not None, 30, "the verdict")
    tour.visit("verify verdict", dialog, tab=False)


def export(tour: Tour, world: World) -> None:
    dialog = world.window.export_record(world.records["signed"])
    tour.visit("export", dialog)
    dialog.path.clear()
    tour.expect_said("export", "an error beside the file name, focus on Export",
                     "Choose where to save the PDF", lambda: click(dialog.export_button))


def batch_export(tour: Tour, world: World) -> None:
    dialog = world.window.export_all_signed()
    tour.visit("batch_export", dialog)
    dialog.set_folder(world.files["pdf"].parent / "all")
    tour.expect_said("batch_export", "the export finished", "Exported",
                     lambda: click(dialog.start_button), timeout=60)
    wait_until(lambda: dialog.last_result is not None, 60, "the export to finish")
    tour.visit("batch_export done", dialog, tab=False)


def restore(tour: Tour, world: World) -> None:
    dialog = world.window.restore_from_backup()
    wait_until(lambda: dialog.restore_button.isEnabled(), 20, "the backup to be read")
    tour.visit("restore", dialog)
    tour.expect_said("restore", "the question, with focus on Keep", "Replace every record",
                     lambda: click(dialog.restore_button))
    tour.visit("restore question", dialog, tab=False)


def backup(tour: Tour, world: World) -> None:
    window = world.window
    wait_until(lambda: window.backups is not None, 10, "the backup scheduler")
    dialog = window.back_up_now()  # where to: the backups folder or a file of one's choosing
    tour.visit("backup", dialog)
    tour.expect_said("team", "backing up from the menu", "Backed up",
                     lambda: click(dialog.back_up_button), timeout=30)


def guide(tour: Tour, world: World) -> None:
    from rmp_desktop.ui.wizard import open_conversation

    window = world.window
    window.show_team()
    tour.visit("guide", window.show_guide())
    world.tidy()
    conversation = open_conversation(world.context, world.records["draft"], window)
    conversation.conversation.go_to("plan", focus=True)
    tour.visit("step help", conversation.conversation.open_help())


def amend(tour: Tour, world: World) -> None:
    tour.visit("amend", world.window.amend_record(world.records["signed"]))


def signoff(tour: Tour, world: World) -> None:
    dialog = world.window.sign_off(world.records["ready"])
    tour.visit("signoff", dialog)
    tour.expect_said("signoff", "a refusal beside the name", "Type your name to sign",
                     lambda: click(dialog.sign_button))
    tour.visit("signoff refused", dialog, tab=False)


def conversation(tour: Tour, world: World) -> None:
    """Every step of a draft, each visited as the step it is."""
    from rmp_desktop.ui.wizard import open_conversation

    window = open_conversation(world.context, world.records["ready"], world.window)
    wizard = window.conversation
    for step in wizard.steps():
        wizard.go_to(step, focus=True)
        tour.visit(f"step {step}", window)
        if step == "talent":  # optional: its grid shows once included
            wizard.page("talent").include.setChecked(True)
            tour.visit("step talent included", window)
        if step == "wheel":
            page = wizard.page("wheel")
            page.table.setFocus()
            page.table.selectRow(0)
            avenue = page.model.avenues[0].name
            tour.expect_said(f"step {step}", "Space in the avenue table", avenue,
                             lambda p=page: QTest.keyClick(p.table, Qt.Key.Key_Space))
    window.close()


def signed_conversation(tour: Tour, world: World) -> None:
    from rmp_desktop.ui.wizard import open_conversation

    window = open_conversation(world.context, world.records["signed"], world.window)
    for step in ("setup", "plan", "summary"):
        window.conversation.go_to(step, focus=True)
        tour.visit(f"signed {step}", window)
    window.close()


def preparation_import(tour: Tour, world: World) -> None:
    dialog = world.window.import_preparation_from(world.files["preparation"])
    wait_until(lambda: dialog.bring_button.isEnabled(), 20, "the preparation to be read")
    tour.visit("preparation_import", dialog)
    click(dialog.bring_button)
    wait_until(lambda: dialog.brought is not None, 20, "the preparation to come in")
    if dialog.differences_button.isVisible():
        click(dialog.differences_button)
        wait_until(lambda: dialog.open_dialog is not None and dialog.open_dialog.isVisible(), 10,
                   "the differences")
        tour.visit("differences", dialog.open_dialog)


def preparation_form(tour: Tour, world: World) -> None:
    world.window.show_team()
    tour.visit("preparation_form", world.window.preparation_form(world.people["DEMO-1009"]))


def record_copy(tour: Tour, world: World) -> None:
    world.window.show_team()
    world.window.team.select_person(world.people["DEMO-1002"])
    tour.visit("record_copy", world.window.give_record_copy(world.records["signed"]))


def my_development(tour: Tour, world: World) -> None:
    window = world.window
    view = window.show_my_development()
    for index in range(view.tabs.count()):
        view.show_part(index)
        view.tabs.setFocus()
        tour.visit(f"mine {view.tabs.tabText(index)}", window)
    view.show_part(1)
    editor = view.editor
    for step in editor.step_list.step_model.steps():
        editor.go_to(step, focus=True)
        tour.visit(f"mine step {step}", window)
    for name, opened in (("mine send", view.send_to_manager), ("mine sheet",
                                                                view.preparation_sheet),
                         ("mine import copy", view.import_record_copy)):
        tour.visit(name, opened())
        world.tidy()
    window.show_team()


def year_view(tour: Tour, world: World) -> None:
    dialog = world.window.show_due()
    wait_until(lambda: dialog.year is not None, 30, "the team's year")
    tour.visit("year_view", dialog)


def midyear(tour: Tour, world: World) -> None:
    window = world.window
    window.show_team()
    window.team.select_person(world.people["DEMO-1002"])
    wait_until(lambda: window.history is not None
               and window.history.current_id() == world.records["signed"], 10,
               "the signed record chosen in the person's list")
    tour.visit("midyear", window.history.review_current())


def equality_consent(tour: Tour, world: World) -> None:
    world.window.show_team()
    world.window.team.select_person(world.people["DEMO-1002"])
    tour.visit("equality_consent", world.window.record_equality())


def reports(tour: Tour, world: World) -> None:
    opened = world.window.show_reports()
    wait_until(lambda: opened.report is not None, 60, "the report worked out")
    try:
        tour.visit("reports", opened)
    finally:
        opened.close()


SCREENS = [team, person, person_dialog, archive_question, staff_import, role_question, about,
           verify, export, batch_export, restore, backup, guide, amend, signoff, conversation,
           signed_conversation, preparation_import, preparation_form, record_copy,
           year_view, midyear, my_development, equality_consent, reports]
