"""The main window: the team on the left, the chosen person on the right.

Start-up order matters here: the constructor builds widgets only. The team is
read after the first paint, on a worker thread, with the standard library's
sqlite3 (psycopg on an organisation's store); SQLAlchemy (through `context.store()`) is imported only when the user
first adds, edits, archives or imports. The store file's integrity check begins once the
team is on screen; until its verdict, whatever the user asks of the store is held (the
status bar says so) and goes ahead when the file has passed, or never if it failed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
    QPaintEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from rmp_desktop import APP_TITLE
from rmp_desktop.context import AppContext
from rmp_desktop.ui.role_settings import Role, RoleSettings
from rmp_desktop.ui.settings import WindowSettings
from rmp_desktop.ui.window_fit import keep_on_screen, open_fitted, size_in_font

if TYPE_CHECKING:  # built after the first paint; importing them here would slow it
    from rmp_desktop.domain.staff import StaffMember
    from rmp_desktop.storage.team_query import TeamRow
    from rmp_desktop.ui.backup_scheduler import BackupScheduler
    from rmp_desktop.ui.conversation_history import ConversationHistory
    from rmp_desktop.ui.due_dialog import DueDialog
    from rmp_desktop.ui.my_development.view import MyDevelopmentView
    from rmp_desktop.ui.person_page import PersonPage
    from rmp_desktop.ui.progress_panel import ProgressPanel
    from rmp_desktop.ui.publishing import Publisher
    from rmp_desktop.ui.team_loader import TeamLoader
    from rmp_desktop.ui.team_model import TeamOrders, TeamTableModel
    from rmp_desktop.ui.team_view import TeamView

log = logging.getLogger(__name__)
Part = TypeVar("Part")

IMPORT_FOLDER = "import/folder"  # where the last staff list came from (settings INI key)


class _TeamAreaPart(Generic[Part]):
    """A part of the team area, built with the rest of it the first time anything asks for it
    (just after the first paint), then kept in the window attribute named `kept`."""

    def __init__(self, kept: str):
        self._kept = kept

    def __get__(self, window: MainWindow | None, owner: type | None = None) -> Part:
        if window is None:
            return self  # type: ignore[return-value]  # the class's own attribute
        if getattr(window, self._kept) is None:
            window._build_team_area()
        return getattr(window, self._kept)


class MainWindow(QMainWindow):
    """The first paint shows the window itself (menus, status bar) with "Loading the team…"
    where the team goes; the team list and the person page are built just after it, or
    earlier if anything asks for them (`team`, `model`, `person_page`, `splitter`)."""

    firstPainted = Signal()
    teamShown = Signal(int)  # the number of people read, once they are in the list on screen
    teamLoadFailed = Signal(str)
    personRowRefreshed = Signal(int)  # a person's dates in the team list were read again
    storeDamaged = Signal(object)  # StoreUnreadable: the check after the first paint failed
    _verdictHeard = Signal(str)  # from the store check's thread; handled on the GUI thread

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._context = context
        self._painted = False
        self._driver_warmed = False
        self.backups: BackupScheduler | None = None  # started after the first paint
        self.publisher: Publisher | None = None  # likewise, on a laptop that publishes
        self.open_dialog: QDialog | None = None  # the dialog or question most recently opened
        # What the user asked of the store before its check's verdict: (key, action), run
        # in order once it has passed. A keyed action replaces an earlier one of its key.
        self._held: list[tuple[str | None, Callable[[], object]]] = []
        self.setWindowTitle(APP_TITLE)

        # The team area (built after the first paint: _build_team_area).
        self._model: TeamTableModel | None = None
        self._team: TeamView | None = None
        self._person_page: PersonPage | None = None
        self._splitter: QSplitter | None = None
        self._loader_: TeamLoader | None = None
        self.history: ConversationHistory | None = None  # built when a person is first shown
        self.progress: ProgressPanel | None = None  # their progress, built with the history
        self.loading = QLabel("Loading the team…")
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # The team, or My development (built when first shown: it opens the store).
        self.my_development: MyDevelopmentView | None = None
        self.opening = QLabel("Opening My development…")
        self.opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.loading)
        self.pages.addWidget(self.opening)
        self.setCentralWidget(self.pages)
        self.roles = RoleSettings(context.paths.settings)
        self.role_dialog: QDialog | None = None
        self.setAcceptDrops(True)  # a preparation dropped on the team, a record copy on mine

        self._make_actions()
        self._make_menus()
        self.statusBar().setAccessibleName("Status")
        self._settings = WindowSettings(context.paths.settings)
        self._restore_layout()
        self._update_actions()
        self._apply_role(self.roles.role() or Role.TEAM, build=False)
        if context.verdict_pending():
            assert context.pending_check is not None
            self._verdictHeard.connect(self._verdict_arrived, Qt.ConnectionType.QueuedConnection)
            context.pending_check.when_done(self._hear_verdict)
            # The check begins once the team is on screen, so neither slows the other.
            self.teamShown.connect(self._start_store_check)
            self.teamLoadFailed.connect(self._start_store_check)

    # -- the team area, built after the first paint --------------------------------------------

    model = _TeamAreaPart["TeamTableModel"]("_model")
    team = _TeamAreaPart["TeamView"]("_team")
    person_page = _TeamAreaPart["PersonPage"]("_person_page")
    splitter = _TeamAreaPart["QSplitter"]("_splitter")
    _loader = _TeamAreaPart["TeamLoader"]("_loader_")

    def team_area_built(self) -> bool:
        return self._splitter is not None

    def _build_team_area(self) -> None:
        """The team list and the person page, in place of "Loading the team…"."""
        if self._splitter is not None:
            return
        from rmp_desktop.ui.accessibility import announce_status_messages
        from rmp_desktop.ui.person_page import PersonPage
        from rmp_desktop.ui.team_loader import TeamLoader
        from rmp_desktop.ui.team_model import TeamTableModel
        from rmp_desktop.ui.team_view import TeamView

        model = self._model = TeamTableModel(self)
        team = self._team = TeamView(model)
        page = self._person_page = PersonPage()
        splitter = self._splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setAccessibleName("Team and person")
        splitter.addWidget(team)
        splitter.addWidget(page)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        margins = self.fontMetrics().height() // 2
        splitter.setContentsMargins(margins, margins, margins, 0)
        loading_shown = self.pages.currentWidget() is self.loading
        self.pages.insertWidget(0, splitter)
        if loading_shown:
            self.pages.setCurrentWidget(splitter)
        self.pages.removeWidget(self.loading)
        self.loading.deleteLater()
        for holder in (team.table, page):
            holder.addAction(self.archive_action)
        team.table.addActions([self.edit_action, self.restore_action])
        team.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.columns_menu.addActions(team.column_actions)
        announce_status_messages(self.statusBar())  # said as it appears at the window's foot
        self._connect()
        self._restore_team_layout()
        loader = self._loader_ = TeamLoader(self._context.paths.location, self,
                                            first=self._context.first_team)
        loader.loaded.connect(self._show_team)
        loader.failed.connect(self._team_failed)
        self._update_actions()
        if self.pages.currentWidget() is splitter:
            team.search.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- building ------------------------------------------------------------------------------

    def _make_actions(self) -> None:
        def action(text: str, shortcut=None, slot=None, *, tip: str = "",
                   store: bool = True) -> QAction:
            """`store`: the action uses the store, so waits for its start-up verdict."""
            made = QAction(text, self)
            if shortcut is not None:
                made.setShortcut(QKeySequence(shortcut))
            if tip:
                made.setStatusTip(tip)
            if slot is not None:
                run = self.after_verdict if store else (lambda act: act())
                made.triggered.connect(lambda _checked=False: run(slot))
            return made

        self.import_action = action("&Import staff list…", "Ctrl+I", self.import_staff_list,
                                    tip="Add or update people from a CSV staff list")
        self.backup_action = action("&Back up now…", None, self.back_up_now,
                                    tip="A checked copy of the store, in the backups folder or "
                                        "a file you choose")
        self.restore_backup_action = action("Restore from a bac&kup…", None, self.restore_from_backup,
                                            tip="Replace the store with a backup; the current one "
                                                "is backed up first")
        self.quit_action = action("&Quit", "Ctrl+Q", self.close, store=False)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.add_action = action("&Add person…", "Ctrl+Shift+N", self.add_person)
        self.edit_action = action("&Edit person…", "F2", self.edit_person)
        self.archive_action = action("Ar&chive person…", QKeySequence.StandardKey.Delete,
                                     self.archive_person,
                                     tip="Hide a person from the team list; nothing is deleted")
        # Delete belongs to whatever has focus (a text field deletes a character): the
        # shortcut only archives while the team list or the person page has focus.
        self.archive_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.restore_action = action("&Restore person", None, self.restore_person)
        self.show_archived_action = action("Show a&rchived people")
        self.show_archived_action.setCheckable(True)
        self.find_action = action("&Find person", QKeySequence.StandardKey.Find,
                                  lambda: self.team.focus_search(), store=False)
        self.new_conversation_action = action(
            "&New conversation…", QKeySequence.StandardKey.New,
            lambda: self.start_conversation(self.current_person_id()),
            tip="Start an appraisal or career conversation with the chosen person")
        self.export_record_action = action("&Export record…", "Ctrl+E", self.export_record,
                                           tip="Save the chosen conversation as a PDF")
        self.export_all_action = action("Export all &signed records…", None,
                                        self.export_all_signed,
                                        tip="Save every record signed by both into a folder")
        self.print_record_action = action(
            "&Print record…", QKeySequence.StandardKey.Print, lambda: self.print_record(),
            tip="Print the chosen conversation's record, as its PDF shows it")
        self.print_plan_action = action(
            "Print p&lan…", None, lambda: self.print_record(plan_only=True),
            tip="Print the chosen conversation's objectives and actions alone")
        self.print_sheet_action = action(
            "Print preparation s&heet…", None, lambda: self.print_preparation_sheet(),
            tip="Print the questions of the preparation, with room to write by hand")
        self.verify_action = action("&Verify a PDF…", None, self.verify_pdf,
                                    tip="Check a PDF against the signed records in this store")
        self.publish_action = action(
            "P&ublish to the organisation's store", None, self.publish_now,
            tip="Send the signed records and the team to your organisation's store")
        self.signoff_action = action("&Sign off…", None, self.sign_off,
                                     tip="Open the chosen conversation at its sign-off")
        self.amend_action = action("&Amend signed record…", None, self.amend_record,
                                   tip="Start a new version of the chosen signed record")
        self.import_prep_action = action(
            "Import &preparation…", "Ctrl+Shift+I", self.import_preparation,
            tip="Bring a preparation file or a filled preparation form into a conversation")
        self.prep_form_action = action(
            "Preparation f&orm…", None, lambda: self.preparation_form(),
            tip="A fillable PDF form for the chosen person to prepare without the application")
        self.equality_action = action(
            "E&quality monitoring answers…", None, lambda: self.record_equality(),
            tip="Record the chosen person's answers for them, with their consent")
        self.give_copy_action = action(
            "&Give a copy of the record…", None, lambda: self.give_record_copy(),
            tip="The signed record as a file and a PDF for the person to keep")
        self.team_view_action = action("&Team", "Ctrl+1", self.show_team, store=False)
        # My development waits for the verdict itself, showing that it is opening.
        self.my_development_action = action("&My development", "Ctrl+2",
                                            self.show_my_development, store=False)
        self.view_group = QActionGroup(self)
        for made in (self.team_view_action, self.my_development_action):
            made.setCheckable(True)
            self.view_group.addAction(made)
        self.role_action = action("&Who uses this application…", None, self.ask_role,
                                  store=False)
        self.due_action = action("What is &due…", "Ctrl+D", self.show_due,
                                 tip="The team's year: appraisals, career conversations, reviews "
                                     "and drafts due or overdue, and a calendar of them")
        self.calendar_action = action("Save &calendar of dates due…", None, self.save_calendar,
                                      tip="An iCalendar file for Outlook and other calendars")
        self.guide_action = action("&Guide", QKeySequence.StandardKey.HelpContents,
                                   lambda: self.show_guide(), store=False,
                                   tip="A short guide to the application, topic by topic")
        self.reports_action = action("&Reports…", "Ctrl+Shift+R", self.show_reports,
                                     tip="Coverage, the talent pipeline and trends, broken down "
                                         "fairly; small numbers hidden")
        self.about_action = action(f"&About {APP_TITLE}", None, self.show_about, store=False)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def _make_menus(self) -> None:
        bar = self.menuBar()
        bar.setAccessibleName("Main menu")
        self.file_menu = bar.addMenu("&File")
        self.file_menu.addActions([self.import_action, self.import_prep_action])
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.export_record_action, self.export_all_action,
                                   self.verify_action])
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.print_record_action, self.print_plan_action,
                                   self.print_sheet_action])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.publish_action)
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.backup_action, self.restore_backup_action])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.people_menu = bar.addMenu("&People")
        self.people_menu.addAction(self.find_action)
        self.people_menu.addSeparator()
        self.people_menu.addActions([self.add_action, self.edit_action, self.archive_action,
                                     self.restore_action])
        self.people_menu.addSeparator()
        self.people_menu.addActions([self.prep_form_action, self.equality_action])
        self.people_menu.addSeparator()
        self.people_menu.addAction(self.show_archived_action)
        self.view_menu = bar.addMenu("Vie&w")
        self.view_menu.addActions([self.due_action, self.calendar_action])
        self.view_menu.addSeparator()
        self.columns_menu = self.view_menu.addMenu("Team co&lumns")  # filled with the team list
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.reports_action)
        self.conversation_menu = bar.addMenu("&Conversation")
        self.conversation_menu.addAction(self.new_conversation_action)
        self.conversation_menu.addSeparator()
        self.conversation_menu.addActions([self.signoff_action, self.amend_action,
                                           self.give_copy_action])
        self.go_menu = bar.addMenu("&Go")
        self.go_menu.addActions([self.team_view_action, self.my_development_action])
        self.go_menu.addSeparator()
        self.go_menu.addAction(self.role_action)
        self.help_menu = bar.addMenu("&Help")
        self.help_menu.addActions([self.guide_action, self.about_action])
        for menu in (self.file_menu, self.people_menu, self.view_menu, self.columns_menu,
                     self.conversation_menu, self.go_menu, self.help_menu):
            menu.setAccessibleName(menu.title().replace("&", ""))

    def _connect(self) -> None:
        self.team.currentPersonChanged.connect(self._show_person)
        self.team.personActivated.connect(self._held_slot(self.edit_person))
        self.show_archived_action.toggled.connect(self.team.show_archived.setChecked)
        self.team.show_archived.toggled.connect(self.show_archived_action.setChecked)
        self.model.countsChanged.connect(
            lambda _shown, in_scope: self.person_page.set_team_size(in_scope))
        page = self.person_page
        page.editRequested.connect(self._held_slot(self.edit_person))
        page.archiveRequested.connect(self._held_slot(self.archive_person))
        page.restoreRequested.connect(self._held_slot(self.restore_person))
        page.nobody.addRequested.connect(self._held_slot(self.add_person))
        page.nobody.importRequested.connect(self._held_slot(self.import_staff_list))
        page.nobody.sampleRequested.connect(self._held_slot(self.add_sample_team))
        page.nobody.sample_allowed = not self.on_organisation_store()
        page.nobody.set_team_size(0)
        # A person's history reads through the store: only the last one asked for is held.
        page.personShown.connect(lambda person_id: self.after_verdict(
            lambda: self._show_history(person_id), key="history"))
        page.startConversationRequested.connect(self._held_slot(self.start_conversation))
        page.set_can_start_conversations(True)
        page.prepFormRequested.connect(self._held_slot(self.preparation_form))

    def _held_slot(self, slot: Callable[..., object]) -> Callable[..., bool]:
        """`slot` for a signal, run at once or, before the store's verdict, held until it."""
        return lambda *args: self.after_verdict(lambda: slot(*args))

    # -- the store's verdict -------------------------------------------------------------------

    def after_verdict(self, action: Callable[[], object], *, key: str | None = None) -> bool:
        """Run `action` now (True) if the store may be used; while its start-up check has not
        given its verdict, hold it (False) and start the check if it waits for the team.
        Held actions run in order once the store passed; none runs if it failed."""
        if not self._context.verdict_pending():
            action()
            return True
        if key is not None:
            self._held = [held for held in self._held if held[0] != key]
        self._held.append((key, action))
        self._start_store_check()
        if key is None:  # something the user asked for: say why it has not happened yet
            self.statusBar().showMessage("Checking the store before its first use; what you "
                                         "asked for goes ahead as soon as it has passed.")
        return False

    def _start_store_check(self, *_args) -> None:
        check = self._context.pending_check
        if check is not None:
            check.start()

    def _hear_verdict(self, verdict: str) -> None:  # on the check's thread
        if shiboken6.isValid(self):
            self._verdictHeard.emit(verdict)

    def _verdict_arrived(self, verdict: str) -> None:
        from rmp_desktop.storage.errors import StoreUnreadable

        held, self._held = self._held, []
        if verdict == "ok":
            if any(key is None for key, _action in held):
                self.statusBar().clearMessage()
            for _key, action in held:
                action()
            return
        check = self._context.pending_check
        try:
            if check is not None:
                check.require_healthy(self._context.paths.backups)
        except StoreUnreadable as exc:
            log.error("store found damaged after the first paint; nothing was written")
            self.statusBar().showMessage(f"{exc} Nothing was written to it.")
            self.storeDamaged.emit(exc)

    # -- start-up ------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        keep_on_screen(self)  # a size remembered from a larger screen is cut to this one

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.firstPainted.emit()
            # Build the team list and start reading once this frame is finished, so neither
            # competes with the first paint; backups and the location check come after that.
            QTimer.singleShot(0, self._build_team_area)
            QTimer.singleShot(0, self.reload_team)
            QTimer.singleShot(0, self._start_role)
            QTimer.singleShot(0, self._start_safety_net)

    def _start_safety_net(self) -> None:
        from rmp_desktop.storage.safety import describe_location_risk
        from rmp_desktop.ui.backup_scheduler import BackupScheduler

        paths = self._context.paths
        if self.on_organisation_store():  # its administrators back it up; no file to watch
            self.statusBar().showMessage(f"Working on {paths.location.describe()}.")
            self.publish_action.setVisible(False)  # its records are there already
            return
        self._publisher().start()
        backups = self.backups = BackupScheduler(paths.store, paths.backups, parent=self)
        backups.failed.connect(
            lambda message: self.statusBar().showMessage(f"The automatic backup failed: {message}"))
        backups.watch_store()
        if paths.packs.is_dir():  # an organisation's own packs: say now if one is broken
            self._context.packs()
            problems = self._context.pack_problems
            if problems:
                self._warn("Some of your organisation's framework packs could not be used, so the "
                           "built-in ones stand in for them:\n\n"
                           + "\n".join(f"• {p}" for p in problems)
                           + f"\n\nCorrect the files in {paths.packs} and reopen the application.")
        risk = describe_location_risk(paths.data_dir)
        if risk:
            self.statusBar().showMessage(risk)
            self._warn(risk)

    def _warn(self, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, APP_TITLE, message,
                          QMessageBox.StandardButton.Ok, self)
        box.setAccessibleName("Warning")
        box.open()  # not modal to the start-up: the window is usable behind it
        self.open_dialog = box

    def reload_team(self) -> None:
        """Read the team again on a worker thread; `teamShown` says when it is on screen."""
        self._loader.load()

    def is_team_loading(self) -> bool:
        return self._loader.is_loading()

    def _show_team(self, rows: list[TeamRow], orders: TeamOrders) -> None:
        self.model.set_rows(rows, orders)
        self.team.table.viewport().repaint()  # on screen before we say it is
        self._update_actions()
        log.info("team shown: %d people", len(rows))  # a count only, never a name
        self.teamShown.emit(len(rows))
        if self.on_organisation_store() and not self._driver_warmed:
            # The team came through libpq alone; load the driver now, while the
            # user reads the list, rather than when they first open a person.
            self._driver_warmed = True
            import threading

            threading.Thread(target=__import__, args=("psycopg",), daemon=True).start()

    def show_due(self) -> DueDialog:
        from rmp_desktop.ui.due_dialog import DueDialog
        from rmp_desktop.ui.wizard import flush_all

        flush_all()
        dialog = DueDialog(self._context, self)
        dialog.personChosen.connect(self._show_chosen_person)
        dialog.calendarSaved.connect(
            lambda path: self.statusBar().showMessage(f"Saved the calendar {path.name}."))
        self._present(dialog)
        return dialog

    def show_reports(self):
        """The organisation window, on this store's figures (suppressed like any report)."""
        from rmp_desktop.ui.report_window import ReportWindow, source_for
        from rmp_desktop.ui.wizard import flush_all

        flush_all()
        self.reports_window = ReportWindow(source_for(self._context))
        self.reports_window.show()
        return self.reports_window

    def save_calendar(self) -> DueDialog:
        """The year view, straight to saving its calendar once it has read the team."""
        dialog = self.show_due()
        dialog.loaded.connect(lambda: dialog.save_calendar(),
                              Qt.ConnectionType.SingleShotConnection)
        return dialog

    def _show_chosen_person(self, person_id: int) -> None:
        if not self.team.select_person(person_id):
            self.team.clear_filters()
            self.team.select_person(person_id)

    def refresh_person(self, person_id: int) -> None:
        """Read one person's row again (their last signed record and next date due moved)."""
        from rmp_desktop.storage.dialect import reader_errors
        from rmp_desktop.storage.team_query import load_person_row

        try:
            row = load_person_row(self._context.paths.location, person_id)
        except reader_errors() as exc:
            log.warning("reading a person's row failed: %s", type(exc).__name__)
            return
        if row is not None and row != self.model.person(person_id):
            self.model.upsert(row)
            self.team.select_person(self.current_person_id())
        if self.progress is not None and self.person_page.person_id() == person_id:
            self.progress.show_person(person_id)
        if self._loader.is_loading():
            self.reload_team()  # a read begun before the change would bring the old row back
        self.personRowRefreshed.emit(person_id)

    def _team_failed(self, reason: str) -> None:
        self.statusBar().showMessage(
            f"The team could not be read ({reason}). Close and reopen the application; "
            "if it happens again, run rmp-desktop check.")
        self.teamLoadFailed.emit(reason)

    # -- the person ----------------------------------------------------------------------------

    def current_person_id(self) -> int:
        return self._team.current_person_id() if self._team is not None else -1

    def _show_person(self, person_id: int) -> None:
        from rmp_desktop.storage.dialect import reader_errors
        from rmp_desktop.storage.person_query import load_person

        details = None
        if person_id >= 0:
            try:
                details = load_person(self._context.paths.location, person_id)
            except reader_errors() as exc:
                log.warning("reading a person failed: %s", type(exc).__name__)
                self.statusBar().showMessage("This person's details could not be read; try again.")
        self.person_page.show_person(details)
        self._update_actions()

    def _update_actions(self) -> None:
        row = self._model.person(self.current_person_id()) if self._model is not None else None
        self.edit_action.setEnabled(row is not None and not row.archived)
        self.archive_action.setEnabled(row is not None and not row.archived)
        self.restore_action.setEnabled(row is not None and bool(row.archived))
        self.new_conversation_action.setEnabled(row is not None and not row.archived)
        self.prep_form_action.setEnabled(row is not None and not row.archived)
        self.equality_action.setEnabled(row is not None and not row.archived)

    def _managers_for(self, person: StaffMember | None) -> list[tuple[int, str]]:
        """People who can be chosen as line manager: everyone current, plus the present one."""
        from rmp_desktop.domain.staff import fold

        keep = person.line_manager_id if person else None
        people = [(r.id, r.name) for r in self.model.rows() if not r.archived or r.id == keep]
        people.sort(key=lambda p: fold(p[1]))
        return people

    def add_person(self) -> QDialog:
        from rmp_desktop.ui.person_dialog import PersonDialog

        store = self._store()
        dialog = PersonDialog(store.staff.add, managers=self._managers_for(None), parent=self)
        dialog.saved.connect(lambda member: self._person_saved(member, added=True))
        return self._present(dialog)

    def edit_person(self, person_id: int | None = None) -> QDialog | None:
        from rmp_desktop.ui.person_dialog import PersonDialog

        person_id = self.current_person_id() if person_id is None else person_id
        row = self.model.person(person_id)
        if row is None or row.archived:
            return None
        store = self._store()
        member = store.staff.get(person_id)
        dialog = PersonDialog(store.staff.update, person=member,
                              managers=self._managers_for(member), parent=self)
        dialog.saved.connect(lambda kept: self._person_saved(kept, added=False))
        return self._present(dialog)

    def archive_person(self, person_id: int | None = None) -> QDialog | None:
        from rmp_desktop.ui.confirm import ask_to_confirm

        person_id = self.current_person_id() if person_id is None else person_id
        row = self.model.person(person_id)
        if row is None or row.archived:
            return None
        box = ask_to_confirm(
            self, "Archive person", f"Archive {row.name}?",
            "&Archive",
            lambda: self._set_archived(person_id, True),
            details="They will be hidden from the team list. Nothing is deleted: their details "
                    "and conversations are kept, and you can restore them later through "
                    "People > Show archived people.")
        self.open_dialog = box
        return box

    def restore_person(self, person_id: int | None = None) -> None:
        person_id = self.current_person_id() if person_id is None else person_id
        row = self.model.person(person_id)
        if row is not None and row.archived:
            self._set_archived(person_id, False)

    def _set_archived(self, person_id: int, archived: bool) -> None:
        shown_at = self.model.visible_row_of(person_id)
        try:
            member = self._store().staff.set_archived(person_id, archived)
        except Exception as exc:  # a locked or unwritable store: say so, change nothing
            log.exception("archiving or restoring a person failed")
            self.statusBar().showMessage(
                f"The change could not be saved ({type(exc).__name__}); nothing was changed.")
            return
        self._put_in_list(member)
        if archived:
            self.statusBar().showMessage(
                f"{member.display_name} archived. Tick Show archived to see or restore them.")
            if self.model.visible_row_of(person_id) < 0 and self.model.rowCount() > 0:
                # The cursor moves to the next person, so the keyboard can carry on.
                next_row = min(shown_at, self.model.rowCount() - 1)
                following = self.model.person_id_at(max(next_row, 0))
                if following is not None:
                    self.team.select_person(following)
        else:
            self.statusBar().showMessage(f"{member.display_name} restored.")
            self.team.select_person(person_id)
        self._show_person(self.current_person_id())

    def _person_saved(self, member: StaffMember, *, added: bool) -> None:
        person_id = self._put_in_list(member)
        if not self.team.select_person(person_id) and added:
            # A new person hidden by the search would look lost: show everyone instead.
            self.team.clear_filters()
            self.team.select_person(person_id)
        self._show_person(self.current_person_id())
        self.statusBar().showMessage(f"{member.display_name} {'added' if added else 'saved'}.")

    def _put_in_list(self, member: StaffMember) -> int:
        """Show a saved person in the list as the store now has them; their id."""
        from rmp_desktop.storage.staff_repo import search_text_for  # store already open
        from rmp_desktop.storage.team_query import TeamRow

        if member.id is None:
            raise ValueError("only a saved person is listed")
        before = self.model.person(member.id)
        self.model.upsert(TeamRow(
            id=member.id, name=member.display_name, full_name=member.full_name,
            job_title=member.job_title, band=member.band, functional_area=member.functional_area,
            archived=member.archived, last_signed=before.last_signed if before else "",
            next_due=before.next_due if before else "",
            next_due_what=before.next_due_what if before else "",
            search_text=search_text_for(member)))
        if self._loader.is_loading():
            # A read begun before this change would bring the old list back: read again.
            self.reload_team()
        self._update_actions()
        return member.id

    def add_sample_team(self) -> None:
        """Fill an empty store with the fictional sample team, off the GUI thread."""
        from rmp_desktop.ui.operations import BackgroundRunner

        if self.model.total_count() or self.on_organisation_store():
            return
        store_path = self._context.paths.store
        self.person_page.nobody.sample_button.setEnabled(False)
        self.statusBar().showMessage("Adding a sample team of fictional people…")

        def add(_task):
            from rmp_desktop.demo import load_demo
            from rmp_desktop.storage.store import Store

            store = Store(store_path)
            try:
                return load_demo(store)
            finally:
                store.close()

        def added(people: int) -> None:
            self.reload_team()
            self.statusBar().showMessage(
                f"Added a sample team of {people} fictional people, with conversations at every "
                "stage. Archive them when you start with your own team.")

        def failed(error: BaseException) -> None:
            log.warning("adding the sample team failed: %s", type(error).__name__)
            self.person_page.nobody.sample_button.setEnabled(True)
            self.statusBar().showMessage(f"The sample team could not be added: {error}")

        self._sample_runner = BackgroundRunner(self)
        self._sample_runner.run(add, on_success=added, on_failure=failed)

    # -- import --------------------------------------------------------------------------------

    def import_staff_list(self) -> QDialog | None:
        from rmp_desktop.ui.export_dialog import ExportSettings

        settings = ExportSettings(self._context.paths.settings)
        path, _filter = QFileDialog.getOpenFileName(
            self, "Import staff list", str(settings.folder(IMPORT_FOLDER)),
            "Staff lists (*.csv *.txt *.tsv);;All files (*)")
        if not path:
            return None
        settings.set_folder(Path(path).parent, IMPORT_FOLDER)
        return self.import_from_path(Path(path))

    def import_from_path(self, path: Path) -> QDialog:
        """Open the import of a staff list: read and previewed off the GUI thread, written only
        when the user chooses Import. Returns the (open) dialog."""
        from rmp_desktop.ui.import_dialog import StaffImportDialog

        path = Path(path)
        dialog = StaffImportDialog(path, self._store(), self)
        dialog.imported.connect(lambda _outcome: self._staff_imported(path))
        return self._present(dialog)

    def _staff_imported(self, path: Path) -> None:
        self.statusBar().showMessage(f"Imported {path.name}.")
        self.reload_team()

    # -- who uses it: the team, my development, or both ---------------------------------------

    def _start_role(self) -> None:
        """After the first paint: ask on first run, or open My development if that is all."""
        role = self.roles.role()
        if role is None:
            self.ask_role()
        else:
            self._apply_role(role)

    def ask_role(self) -> QDialog:
        from rmp_desktop.ui.role import RoleDialog

        dialog = RoleDialog(self.roles.role(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chosen.connect(self.set_role)
        self.role_dialog = dialog
        dialog.open()
        return dialog

    def set_role(self, role: str) -> None:
        self.roles.set_role(Role(role))
        self._apply_role(Role(role))
        self.statusBar().showMessage({
            Role.MINE: "Showing My development. Change who uses the application from the Go "
                       "menu.",
            Role.TEAM: "Showing your team. Change who uses the application from the Go menu.",
            Role.BOTH: "Switch between your team (Ctrl+1) and My development (Ctrl+2) from "
                       "the Go menu."}[Role(role)])

    def role(self) -> Role:
        return self.roles.role() or Role.TEAM

    def _apply_role(self, role: Role, *, build: bool = True) -> None:
        self.team_view_action.setVisible(role.has_team)
        self.my_development_action.setVisible(role.has_mine)
        shown = self.pages.currentWidget()
        showing_mine = shown is self.opening or (self.my_development is not None
                                                 and shown is self.my_development)
        if not role.has_team or (showing_mine and role.has_mine):
            if build:
                self.show_my_development()
            else:  # before the first paint: a word, not the store
                self.pages.setCurrentWidget(self.opening)
                self._show_team_parts(False)
        elif build:
            self.show_team()
        else:  # before the first paint: the team's place says it is loading
            self.team_view_action.setChecked(True)
            self._show_team_parts(True)

    def show_team(self) -> None:
        if not self.role().has_team:
            return
        if self.my_development is not None:
            self.my_development.flush()
        self._held = [held for held in self._held if held[0] != "mine"]  # asked for the team
        self.pages.setCurrentWidget(self.splitter)
        self.team_view_action.setChecked(True)
        self._show_team_parts(True)
        self.team.focus_search()

    def show_my_development(self):
        if not self.role().has_mine:
            return None
        if self.my_development is None and self._context.verdict_pending():
            # It opens the store: say it is opening, and build it once the store has passed.
            self.pages.setCurrentWidget(self.opening)
            self._show_team_parts(False)
            self.after_verdict(self.show_my_development, key="mine")
            return None
        from rmp_desktop.ui.wizard import flush_all

        flush_all()
        if self.my_development is None:
            from rmp_desktop.ui.my_development.view import MyDevelopmentView

            with self._busy():
                self.my_development = MyDevelopmentView(self._context)
            self.my_development.statusMessage.connect(self.statusBar().showMessage)
            self.pages.addWidget(self.my_development)
        self.pages.setCurrentWidget(self.my_development)
        self.my_development_action.setChecked(True)
        self._show_team_parts(False)
        self.my_development.tabs.setFocus(Qt.FocusReason.OtherFocusReason)
        return self.my_development

    def _show_team_parts(self, shown: bool) -> None:
        """The team's menus and actions only while the team is on screen."""
        for made in (self.people_menu.menuAction(), self.conversation_menu.menuAction(),
                     self.import_action, self.import_prep_action, self.export_record_action,
                     self.export_all_action, self.print_record_action, self.print_plan_action,
                     self.publish_action):
            made.setVisible(shown)

    # -- the exchange with staff ---------------------------------------------------------------

    def import_preparation(self) -> QDialog:
        """File > Import preparation: the dialog, where the file is typed or chosen."""
        return self.import_preparation_from(None)

    def import_preparation_from(self, path: Path | None, **kwargs) -> QDialog:
        from rmp_desktop.ui.prep_import_dialog import PrepImportDialog

        dialog = PrepImportDialog(self._context, path, self, **kwargs)
        dialog.imported.connect(self._preparation_imported)
        return self._present(dialog)

    def _preparation_imported(self, outcome) -> None:
        if outcome.person is None:
            return
        self.reload_team()
        self.team.clear_filters()
        self.team.select_person(outcome.person.id)
        self._show_person(outcome.person.id)
        if self.history is not None:
            self.history.refresh()
        self.statusBar().showMessage(f"Brought in the preparation from "
                                     f"{outcome.person.display_name}.")

    def preparation_form(self, person_id: int | None = None, **kwargs) -> QDialog | None:
        from rmp_desktop.ui.exchange_actions import preparation_form_dialog

        person_id = self.current_person_id() if person_id is None else person_id
        row = self.model.person(person_id)
        if row is None or row.archived:
            self.statusBar().showMessage("Choose a person in the team list first.")
            return None
        dialog = preparation_form_dialog(self._context, person_id, self, **kwargs)
        dialog.saved.connect(lambda paths: self.statusBar().showMessage(
            f"Saved the preparation form as {paths[0].name}."))
        return self._present(dialog)

    def record_equality(self, person_id: int | None = None) -> QDialog | None:
        """Answers the chosen person gave their manager, recorded with their consent."""
        from rmp_desktop.ui.equality_consent_dialog import EqualityConsentDialog

        person_id = self.current_person_id() if person_id is None else person_id
        row = self.model.person(person_id)
        if row is None or row.archived:
            self.statusBar().showMessage("Choose a person in the team list first.")
            return None
        dialog = EqualityConsentDialog(self._store(), self._store().staff.get(person_id), self)
        dialog.recorded.connect(lambda: self.statusBar().showMessage(
            "Recorded their equality monitoring answers, apart from their records."))
        return self._present(dialog)

    def give_record_copy(self, conversation_id: int | None = None, **kwargs) -> QDialog | None:
        from rmp_desktop.domain.conversation import Status
        from rmp_desktop.ui.exchange_actions import record_copy_dialog

        conversation_id = conversation_id or self.chosen_conversation()
        if conversation_id is None:
            return None
        status = self._context.store().conversations.get(conversation_id).status
        if status not in (Status.SIGNED, Status.SUPERSEDED):
            self.statusBar().showMessage("A copy can be given once the record is signed by both.")
            return None
        dialog = record_copy_dialog(self._context, conversation_id, self, **kwargs)
        dialog.saved.connect(lambda paths: self.statusBar().showMessage(
            f"Saved the copy as {paths[0].name} and {paths[-1].name}."))
        return self._present(dialog)

    # -- a file dropped on the window ----------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        if dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt's name)
        path = dropped_file(event.mimeData())
        if path is None:
            return
        event.acceptProposedAction()
        self.after_verdict(lambda: self.open_dropped(path))

    def open_dropped(self, path: Path) -> QDialog | None:
        """On the team, a preparation; on My development, a record copy, or a PDF to verify."""
        if self.pages.currentWidget() is self.splitter:
            return self.import_preparation_from(path)
        if self.my_development is None:
            return None
        if path.suffix.lower() == ".pdf":
            dialog = self.my_development.verify_pdf()
            dialog.set_path(path)
            dialog.check()
            return dialog
        dialog = self.my_development.import_record_copy()
        dialog.set_path(path)
        dialog.take_in()
        return dialog

    # -- help ----------------------------------------------------------------------------------

    def show_guide(self, topic_id: str | None = None) -> QDialog:
        """Help > Guide (F1): at the topic for what is on screen, unless one is asked for."""
        from rmp_desktop.ui.guide_window import open_guide

        if topic_id is None:
            topic_id = ("staff" if self.pages.currentWidget() is not self.splitter
                        else "team" if self.model.total_count() else "start")
        return open_guide(self, self._context.packs().prompts, topic_id)

    def show_about(self) -> QDialog:
        from rmp_desktop.ui.about_dialog import AboutDialog

        return self._present(AboutDialog(self._context.paths.data_dir, self))

    # -- window --------------------------------------------------------------------------------

    @contextmanager
    def _busy(self):
        """A wait cursor while the GUI thread works (the first store access imports SQLAlchemy)."""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            yield
        finally:
            QGuiApplication.restoreOverrideCursor()

    def _store(self):
        with self._busy():
            return self._context.store()

    def _present(self, dialog: QDialog) -> QDialog:
        """Open window-modal without a nested event loop, and free it when it closes."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.open_dialog = dialog
        dialog.open()
        return dialog

    def _restore_layout(self) -> None:
        geometry = self._settings.load(WindowSettings.GEOMETRY)
        if geometry is None or not self.restoreGeometry(geometry):
            # Room for every column and the person beside them; all of a laptop's screen.
            open_fitted(self, size_in_font(self, 240, 60))
        state = self._settings.load(WindowSettings.WINDOW_STATE)
        if state is not None:
            self.restoreState(state)

    def _restore_team_layout(self) -> None:
        splitter = self._settings.load(WindowSettings.SPLITTER)
        if splitter is None or not self.splitter.restoreState(splitter):
            self.splitter.setSizes([600, 400])  # proportions only: the splitter scales them
        header = self.team.table.horizontalHeader()
        columns = self._settings.load(WindowSettings.TEAM_HEADER)
        if columns is not None and header.restoreState(columns):
            self.team.table.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())
            self.team.columns_restored()
            if self._settings.flag(WindowSettings.TEAM_WIDTHS_CHOSEN):
                self.team.keep_user_widths()
            else:  # widths fitted to another window size: fit them to this one
                self.team.fit_columns()

    def save_layout(self) -> None:
        self._settings.store(WindowSettings.GEOMETRY, self.saveGeometry())
        self._settings.store(WindowSettings.WINDOW_STATE, self.saveState())
        if self._splitter is not None and self._team is not None:  # else as last time
            self._settings.store(WindowSettings.SPLITTER, self._splitter.saveState())
            self._settings.store(WindowSettings.TEAM_HEADER,
                                 self._team.table.horizontalHeader().saveState())
            self._settings.store_flag(WindowSettings.TEAM_WIDTHS_CHOSEN,
                                      self._team.widths_chosen())
        self._settings.sync()

    # -- conversations -------------------------------------------------------------------------

    def _show_history(self, person_id: int) -> None:
        from rmp_desktop.ui.wizard import flush_all

        flush_all()  # switching person saves anything typed in an open conversation now
        if person_id < 0:
            return
        if self.history is None:
            from rmp_desktop.ui.conversation_history import ConversationHistory
            from rmp_desktop.ui.progress_panel import ProgressPanel

            self.history = ConversationHistory(self._context, give_copies=True)
            self.person_page.set_history_widget(self.history)
            self.history.emptyChanged.connect(self.person_page.set_history_empty)
            self.history.giveCopyRequested.connect(self.give_record_copy)
            self.history.recordsChanged.connect(self.refresh_person)
            self.progress = ProgressPanel(self._context)
            self.person_page.set_progress_widget(self.progress)
            self.progress.printed.connect(
                lambda path: self.statusBar().showMessage(f"Printed {path.name}."))
        self.history.show_person(person_id)
        if self.progress is not None:
            self.progress.show_person(person_id)

    def start_conversation(self, person_id: int) -> None:
        if person_id < 0:
            self.statusBar().showMessage("Choose a person in the team list first.")
            return
        from rmp_desktop.ui.wizard import start_conversation

        window = start_conversation(self._context, person_id, self)
        if self.history is not None:
            self.history.track(window)
            self.history.refresh()

    # -- sign-off, export and verification (the dialogs do the work) ---------------------------

    def chosen_conversation(self) -> int | None:
        """The conversation selected in the person's history, or None with a word why."""
        chosen = self.history.current_id() if self.history is not None else None
        if chosen is None:
            self.statusBar().showMessage("Choose a conversation in the person's list first.")
        return chosen

    def export_record(self, conversation_id: int | None = None) -> QDialog | None:
        from rmp_desktop.ui.export_dialog import ExportDialog
        from rmp_desktop.ui.wizard import flush_all

        conversation_id = conversation_id or self.chosen_conversation()
        if conversation_id is None:
            return None
        flush_all()  # a draft exports as it was last typed
        dialog = ExportDialog(self._context, conversation_id, self)
        dialog.exported.connect(
            lambda done: self.statusBar().showMessage(f"Exported {done.path.name}."))
        return self._present(dialog)

    def print_record(self, conversation_id: int | None = None, *, plan_only: bool = False,
                     **kwargs) -> QDialog | None:
        """File > Print record (or plan): Qt's print dialog, then the record's PDF on paper."""
        from rmp_desktop.ui.printing import print_record, printed_words
        from rmp_desktop.ui.wizard import flush_all

        conversation_id = conversation_id or self.chosen_conversation()
        if conversation_id is None:
            return None
        flush_all()  # a draft prints as it was last typed
        dialog = print_record(self, self._context, conversation_id, plan_only=plan_only,
                              on_done=lambda pages: self.statusBar().showMessage(
                                  printed_words(pages)), **kwargs)
        self.open_dialog = dialog
        return dialog

    def print_preparation_sheet(self, **kwargs) -> QDialog:
        """The sheet with the chosen person's name on the team, one's own on My development."""
        from rmp_desktop.ui.printing import print_preparation_sheet, printed_words

        name = ""
        if self.pages.currentWidget() is self.splitter:
            row = self.model.person(self.current_person_id())
            name = row.name if row is not None else ""
        elif self.my_development is not None and self.my_development.me() is not None:
            name = self.my_development.me().member.display_name
        dialog = print_preparation_sheet(self, self._context, name, on_done=lambda pages: (
            self.statusBar().showMessage(printed_words(pages))), **kwargs)
        self.open_dialog = dialog
        return dialog

    def export_all_signed(self) -> QDialog:
        from rmp_desktop.ui.batch_export import BatchExportDialog

        return self._present(BatchExportDialog(self._context, self))

    def verify_pdf(self) -> QDialog:
        from rmp_desktop.ui.verify_dialog import VerifyDialog

        return self._present(VerifyDialog(self._context, self))

    def sign_off(self, conversation_id: int | None = None) -> QDialog | None:
        """Open the conversation and its sign-off, so its window locks as it is signed."""
        from rmp_desktop.ui.wizard import open_conversation

        conversation_id = conversation_id or self.chosen_conversation()
        if conversation_id is None:
            return None
        window = open_conversation(self._context, conversation_id, self)
        if self.history is not None:
            self.history.track(window)
        return window.conversation.open_signoff()

    def amend_record(self, conversation_id: int | None = None) -> QDialog | None:
        from rmp_desktop.domain.conversation import Status
        from rmp_desktop.ui.amend_dialog import AmendDialog

        conversation_id = conversation_id or self.chosen_conversation()
        if conversation_id is None:
            return None
        if self._context.store().conversations.get(conversation_id).status is not Status.SIGNED:
            self.statusBar().showMessage("Only a record signed by both, and not yet replaced, "
                                         "can be amended.")
            return None
        from rmp_desktop.ui.wizard import open_conversation

        dialog = AmendDialog(self._context, conversation_id, self, opener=open_conversation)
        if self.history is not None:
            dialog.opened.connect(self.history.track)
            dialog.amendmentStarted.connect(lambda _id: self.history.refresh())
        return self._present(dialog)

    # -- publishing to the organisation's store (ui/publishing.py does the work) -------------

    def _publisher(self) -> Publisher:
        if self.publisher is None:
            from rmp_desktop.ui.publishing import Publisher

            self.publisher = Publisher(self._context, self)
            self.publisher.published.connect(self._published)
            self.publisher.failed.connect(self._publish_failed)
            self.publisher.progressed.connect(lambda done, total: self.statusBar().showMessage(
                f"Publishing to the organisation's store… {done} of {total}."))
        return self.publisher

    def publish_now(self) -> None:
        """File > Publish: now, and say what happened."""
        publisher = self._publisher()
        if publisher.busy:
            self.statusBar().showMessage("Publishing is already under way.")
            return
        if publisher.publish_now() is not None:
            self.statusBar().showMessage("Publishing to the organisation's store…")

    def _published(self, report, automatic: bool) -> None:
        if automatic and report.nothing_to_do:
            return  # nothing new: no need to say so every few minutes
        self.statusBar().showMessage(report.summary())
        if self.history is not None:
            self.history.refresh()  # the Published column
        if report.problems() and not automatic:
            self._warn(report.summary() + "\n\n"
                       + "\n".join(f"• {p}" for p in report.problems()))

    def _publish_failed(self, words: str, automatic: bool, reachable: bool) -> None:
        if automatic:
            if not reachable:  # off the network: try again later, quietly
                self.statusBar().showMessage("The organisation's store cannot be reached; "
                                             "publishing waits until it can.")
            else:
                self.statusBar().showMessage(f"Publishing stopped: {words}")
            return
        self.statusBar().showMessage("Publishing stopped.")
        self._warn(words)

    def on_organisation_store(self) -> bool:
        return self._context.paths.location.is_postgres

    def _organisation_backs_up(self) -> QDialog:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Information, APP_TITLE,
                          "This window works on your organisation's database "
                          f"({self._context.paths.location.describe()}). Its administrators "
                          "back it up and restore it; ask them if you need a record as it was.",
                          QMessageBox.StandardButton.Ok, self)
        box.setAccessibleName("Backups")
        box.open()
        self.open_dialog = box
        return box

    def back_up_now(self) -> QDialog:
        """File > Back up now: into the backups folder, or a file the user chooses (on an
        organisation's database, its administrators back it up: said instead)."""
        from rmp_desktop.ui.backup_dialog import BackupDialog

        if self.on_organisation_store():
            return self._organisation_backs_up()
        dialog = BackupDialog(self._context, self, into_folder=self._back_up_into_folder)
        dialog.backedUp.connect(lambda info: self.statusBar().showMessage(
            f"Backed up to {info.path}: {info.summary()}."))
        return self._present(dialog)

    def _back_up_into_folder(self) -> bool:
        if self.backups is None:
            return False
        self.backups.finished.connect(self._backed_up, Qt.ConnectionType.SingleShotConnection)
        self.backups.backup_now("manual")
        self.statusBar().showMessage("Backing up…")
        return True

    def _backed_up(self, info) -> None:
        self.statusBar().showMessage(f"Backed up: {info.summary()}.")

    def restore_from_backup(self) -> QDialog | None:
        from rmp_desktop.ui.restore_dialog import RestoreDialog
        from rmp_desktop.ui.wizard import close_all

        if self.on_organisation_store():
            return self._organisation_backs_up()
        if not close_all():  # every open conversation saves and closes first
            return None
        if self.backups is not None:
            self.backups.stop()
            self.backups.wait_for_idle()
        dialog = RestoreDialog(self._context.paths, release_store=self._context.close, parent=self)
        dialog.restored.connect(self._restored)
        dialog.finished.connect(lambda _code: self._watch_store_again())
        self.open_dialog = dialog
        dialog.open()
        return dialog

    def _restored(self, result) -> None:
        """Say that it worked and what the store holds now, where it cannot be missed."""
        from PySide6.QtWidgets import QMessageBox

        self.reload_team()
        report = result.report()
        self.statusBar().showMessage(report)
        box = QMessageBox(QMessageBox.Icon.Information, "Backup restored", report,
                          QMessageBox.StandardButton.Ok, self)
        box.setAccessibleName("Backup restored")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.open_dialog = box

    def _watch_store_again(self) -> None:
        if self.backups is not None:
            self.backups.watch_store()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        from rmp_desktop.ui.wizard import close_all

        if self.my_development is not None:
            self.my_development.flush()
        if not close_all():  # each open conversation saves first; one may refuse
            event.ignore()
            return
        if self.publisher is not None:
            self.publisher.stop()  # the batch in hand finishes or rolls back; nothing half-done
        if self.backups is not None and self.backups.backup_on_close():
            self.hide()  # the backup finishes out of sight; the store stays consistent
            self.backups.wait_for_idle()
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()
        self.save_layout()
        if self._loader_ is not None:
            self._loader_.wait()
        super().closeEvent(event)


def dropped_file(mime) -> Path | None:
    """The one local file being dragged, or None (several files, a web link, text)."""
    urls = mime.urls() if mime.hasUrls() else []
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = Path(urls[0].toLocalFile())
    return path if path.is_file() else None
