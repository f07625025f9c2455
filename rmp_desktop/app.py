"""Start the window in a fixed order: paths, single instance, store, then Qt and the window.

Anything that goes wrong on the way ends in a readable dialog and a full
traceback in the log file; no personal content is ever written there.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import traceback
from collections.abc import Callable

from rmp_desktop import APP_NAME, APP_TITLE, __version__, logs
from rmp_desktop.paths import AppPaths

log = logging.getLogger(__name__)

# Set to 1, the window closes itself once it has painted and shown the team, and the
# program exits 0 (1 if the team could not be read): how CI checks an installed build.
ENV_QUIT_AFTER_START = "RMP_DESKTOP_QUIT_AFTER_START"


def run_gui(paths: AppPaths, argv: list[str]) -> int:
    try:
        paths.ensure()
        log_file = logs.configure(paths.logs)
    except OSError as exc:
        return _fatal(f"The data folder {paths.data_dir} cannot be used ({exc.strerror}).\n\n"
                      "Start the application with --data-dir pointing at a folder you can write to.")
    from rmp_desktop.ui.single_instance import ask_running_instance, server_name

    instance_name = server_name(paths)
    if instance_name is not None and ask_running_instance(instance_name):
        print("Realising My Potential is already open; its window has been brought forward.")
        return 0
    from rmp_desktop.storage import bootstrap, locks
    from rmp_desktop.store_location import StoreLocationError

    try:
        location = paths.location
    except StoreLocationError as exc:
        return _fatal(str(exc))
    # Held while the window runs, so a restore from the command line cannot pull the store
    # from under it; a crash releases it with the process.
    window_lock = locks.hold_window(paths.data_dir)
    if window_lock is None:
        print("Realising My Potential already has this data folder open in another window.")
        return 0
    # On PostgreSQL the store's revision is read beside the loading of Qt and the window's code.
    # A store file's integrity check is deferred until the window shows the team (or a store
    # that needs creating or upgrading needs it now); nothing writes to it before its verdict.
    check = bootstrap.BackgroundCheck(location, deferred=True)
    from PySide6.QtWidgets import QApplication

    from rmp_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName(APP_NAME)
    QApplication.setApplicationDisplayName(APP_TITLE)  # a static of QGuiApplication
    app.setApplicationVersion(__version__)
    app.setOrganizationName("RMP")
    from rmp_desktop.ui import contrast, focus_ring

    assert isinstance(app, QApplication)
    contrast.install(app)  # selection, placeholder and link colours at WCAG AA
    focus_ring.install(app)  # a ring round whatever has the keyboard, in every window
    sys.excepthook = _excepthook(log_file)
    from rmp_desktop.storage.leftovers import clean_interrupted

    clean_interrupted(paths.data_dir, paths.backups)
    prepared = _prepare_store(paths, check)
    if prepared == REPORTS_ONLY:  # an HR/OD lead's login: the organisation window alone
        return _run_organisation_window(app, paths, window_lock)
    if prepared is None:
        return 1
    # The store file's check has not given its verdict: the window paints now, and the store
    # is opened (so written) only once the check has passed (AppContext.store, and the
    # window holds what the user asks of it meanwhile).
    pending = check if prepared.verdict_pending else None
    first_team: Callable[[], list | None] | None = check.first_team
    while True:
        code, damaged = _run_window(app, MainWindow, paths, instance_name, pending,
                                     first_team)
        if damaged is None:
            break
        code = 1
        if not _offer_restore(paths, damaged):
            break
        pending, first_team = None, None  # the restored store passed every check
    locks.release_window(paths.data_dir, window_lock)
    return code


def _run_window(app, MainWindow, paths: AppPaths, instance_name, pending, first_team):  # noqa: N803
    """Show the main window until it closes: (exit code, None), or (1, StoreUnreadable) when
    the store's check, finished after the first paint, found it damaged."""
    from PySide6.QtCore import QTimer

    from rmp_desktop.context import AppContext
    from rmp_desktop.ui.single_instance import InstanceServer

    context = AppContext(paths)
    context.first_team = first_team
    context.pending_check = pending
    window = MainWindow(context)
    servers: list[InstanceServer] = []
    damaged: list = []  # the StoreUnreadable of a check that failed after the first paint

    def found_damaged(exc) -> None:  # the window held every write; offer the newest backup
        damaged.append(exc)
        window.close()
        app.exit(1)

    window.storeDamaged.connect(found_damaged)

    def listen() -> None:  # after the first paint: QtNetwork is not on the way to it
        if instance_name is None:  # no private place for the socket: the window lock suffices
            return
        server = InstanceServer(instance_name)
        server.raiseRequested.connect(lambda: _bring_forward(window))
        servers.append(server)

    window.firstPainted.connect(listen)
    # Once the team is on screen, the ORM and the packs load on a worker thread, so the first
    # person opened does not wait for them (the GUI thread would otherwise, for a second).
    warming: list[threading.Thread] = []

    def load_for_first_person() -> None:
        context.warm()
        # The person page's history and progress are built when the first person is opened;
        # their modules (and Qt's style classes, slow to set up) load here, not then.
        import rmp_desktop.ui.conversation_history
        import rmp_desktop.ui.progress_panel
        import rmp_desktop.ui.wizard  # noqa: F401

    def warm(_count: int) -> None:
        if not warming:
            warming.append(threading.Thread(target=load_for_first_person, name="warm",
                                            daemon=True))
            warming[0].start()

    window.teamShown.connect(warm)
    if os.environ.get(ENV_QUIT_AFTER_START) == "1":
        window.teamShown.connect(lambda _count: QTimer.singleShot(0, window.close))
        window.teamLoadFailed.connect(lambda _reason: app.exit(1))
    window.show()
    code = app.exec()
    for server in servers:
        server.close()
    for thread in warming:
        thread.join()
    context.close()
    if pending is not None:
        pending.settle()  # the check's thread is done before anything replaces the file
    return code, (damaged[0] if damaged else None)


REPORTS_ONLY = "reports-only"


def _prepare_store(paths: AppPaths, check=None):
    """Open (creating or migrating) the store; on damage offer the newest good backup.
    bootstrap.Prepared; REPORTS_ONLY for an HR/OD lead's login on an organisation's store;
    None if the window cannot open."""
    from PySide6.QtWidgets import QMessageBox

    from rmp_desktop.storage import bootstrap, errors, safety

    try:
        return bootstrap.prepare(paths.location, paths.backups, check=check, verdict_later=True)
    except errors.ReportsOnly:
        log.info("an HR/OD lead's login: opening the organisation window")
        return REPORTS_ONLY
    except errors.StoreUnreadable as exc:
        try:  # a folder that cannot be written also looks unreadable: say which it is
            safety.check_writable(paths.data_dir, paths.store)
        except errors.DataFolderNotWritable as unwritable:
            QMessageBox.critical(None, APP_TITLE, str(unwritable))
            return None
        log.error("store unreadable at start: %s", type(exc).__name__)
        return bootstrap.Prepared(paths.store, False, None, None) \
            if _offer_restore(paths, exc) else None
    except errors.StoreError as exc:
        log.error("store refused at start: %s", type(exc).__name__)
        QMessageBox.critical(None, APP_TITLE, str(exc))
        return None


def _run_organisation_window(app, paths: AppPaths, window_lock) -> int:
    """The reports the administrators published, and nothing else of the store."""
    from PySide6.QtCore import QTimer

    from rmp_desktop.storage import locks
    from rmp_desktop.ui.report_window import ReportWindow, source_for_lead

    window = ReportWindow(source_for_lead(paths))
    if os.environ.get(ENV_QUIT_AFTER_START) == "1":
        window.loaded.connect(lambda: log.info("organisation window shown"))
        window.loaded.connect(lambda: QTimer.singleShot(0, window.close))
        window.failed.connect(lambda _reason: app.exit(1))
    window.show()
    code = app.exec()
    locks.release_window(paths.data_dir, window_lock)
    return code


def _offer_restore(paths: AppPaths, exc) -> bool | str:
    from PySide6.QtWidgets import QMessageBox

    from rmp_desktop.storage.errors import StoreError
    from rmp_desktop.storage.restore import restore_backup

    if exc.newest_backup is None:
        QMessageBox.critical(None, APP_TITLE,
                             f"{exc}\n\nNo good backup was found. The file has not been changed; "
                             "ask your IT team to look at it, or start with --data-dir elsewhere.")
        return False
    answer = QMessageBox.question(
        None, APP_TITLE,
        f"{exc}\n\nThe newest good backup is {exc.newest_backup.name}. Restore it? "
        "The damaged file will be kept aside, not deleted.")
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        result = restore_backup(exc.newest_backup, paths.store, paths.backups, confirm=True,
                                quarantine_dir=paths.quarantine)
    except StoreError as failed:
        QMessageBox.critical(None, APP_TITLE, str(failed))
        return False
    log.info("restored the newest backup at start; the damaged store was kept")
    kept = result.safety_backup.path if result.safety_backup else result.kept_aside
    QMessageBox.information(None, APP_TITLE, f"Restored. The damaged file is kept at {kept}.")
    return _prepare_store(paths) is not None


def _bring_forward(window) -> None:
    window.showNormal() if window.isMinimized() else window.show()
    window.raise_()
    window.activateWindow()


def _excepthook(log_file):
    def hook(exc_type, exc, tb):
        log.error("unexpected error\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
        try:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.critical(None, APP_TITLE,
                                 "Something went wrong that the application did not expect. "
                                 "Your saved work is safe.\n\nDetails are in the log file:\n"
                                 f"{log_file}")
        except Exception:  # noqa: BLE001 - never fail while reporting a failure
            pass

    return hook


def _fatal(message: str) -> int:
    try:
        from PySide6.QtWidgets import QApplication, QMessageBox

        _app = QApplication.instance() or QApplication(sys.argv[:1])
        QMessageBox.critical(None, APP_TITLE, message)
    except Exception:  # noqa: BLE001 - no display: the terminal still gets the message
        pass
    print(message, file=sys.stderr)
    return 1
