"""Restore a backup: choose one, see what it holds, confirm, and the store is replaced whole.

Reading what each backup holds and the restore itself run in turn on one worker
thread; the GUI thread only lists file names. The confirmation is a panel inside
the dialog rather than a second modal box, so the whole flow works from the
keyboard and in tests without patching anything.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from rmp_desktop.domain.dates import display_moment
from rmp_desktop.paths import AppPaths
from rmp_desktop.storage.backup import BackupInfo
from rmp_desktop.ui.accessibility import announce
from rmp_desktop.ui.operations import BackgroundRunner, Task
from rmp_desktop.ui.window_fit import keep_on_screen, open_fitted, size_in_font

log = logging.getLogger(__name__)

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class BackupRow:
    path: Path
    made: datetime
    info: BackupInfo | None = None  # once read
    problem: str | None = None  # why it cannot be used, once read


class BackupListModel(QAbstractTableModel):
    MADE, REASON, PEOPLE, RECORDS, VERSION, SIZE = range(6)
    HEADERS = ("Made", "Why", "People", "Records", "Version", "Size")
    RowRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[BackupRow] = []

    def set_paths(self, rows: list[BackupRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def add_row(self, row: BackupRow) -> int:
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._rows.insert(0, row)
        self.endInsertRows()
        return 0

    def update(self, path: Path, *, info: BackupInfo | None = None,
               problem: str | None = None) -> None:
        for i, row in enumerate(self._rows):
            if row.path == path:
                made = info.created_at if info is not None else row.made
                self._rows[i] = replace(row, info=info, problem=problem, made=made)
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.HEADERS) - 1))
                return

    def row_at(self, row: int) -> BackupRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, path: Path) -> int:
        for i, row in enumerate(self._rows):
            if row.path == path:
                return i
        return -1

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.HEADERS)):
            return self.HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == self.RowRole:
            return row
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.problem or str(row.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (
                self.PEOPLE, self.RECORDS, self.SIZE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == self.MADE:
            return display_moment(row.made)
        if row.problem:
            return "cannot be used" if column == self.REASON else ""
        info = row.info
        if info is None:
            return "reading…" if column == self.REASON else ""
        if column == self.REASON:
            return _REASONS.get(info.reason, info.reason.replace("-", " "))
        if column == self.PEOPLE:
            return "?" if info.people is None else str(info.people)
        if column == self.RECORDS:
            return "?" if info.conversations is None else str(info.conversations)
        if column == self.VERSION:
            return info.app_version or f"schema {info.schema_revision}"
        if column == self.SIZE:
            return _size(info.size_bytes)
        return None


_REASONS = {"automatic": "automatic", "on-close": "when closing", "manual": "made by you",
            "before-restore": "before a restore", "copy": "copied file"}


def _size(n: int) -> str:
    amount = float(n)
    for unit in ("bytes", "KB", "MB", "GB"):
        if amount < 1024 or unit == "GB":
            return f"{amount:.0f} {unit}" if unit == "bytes" else f"{amount:.1f} {unit}"
        amount /= 1024
    return ""


def _describe(path: Path) -> tuple[BackupInfo | None, str | None]:
    """What a backup holds, or why it cannot be used (worker thread)."""
    from rmp_desktop.storage.backup import describe_backup
    from rmp_desktop.storage.errors import BackupError

    try:
        return describe_backup(path), None
    except BackupError as exc:
        return None, str(exc)


class RestoreDialog(QDialog):
    """`release_store` is called on the GUI thread just before the restore, to close the store.

    After the dialog closes (restored or not) the caller reopens the store; on
    `restored` it also reloads whatever it shows.
    """

    restored = Signal(object)  # RestoreResult
    busy_changed = Signal(bool)

    def __init__(self, paths: AppPaths, release_store: Callable[[], None],
                 parent=None):  # noqa: ANN001
        super().__init__(parent)
        self.setWindowTitle("Restore a backup")
        self.setAccessibleName("Restore a backup")
        self._paths = paths
        self._release_store = release_store
        self._busy = False
        # One thread: describing and restoring never overlap.
        self._runner = BackgroundRunner(self, name="restore")

        intro = QLabel("Choose a backup to bring back. Everything in the application now is "
                       "backed up first, so a restore can itself be undone.")
        intro.setWordWrap(True)
        self.model = BackupListModel(self)
        self.table = QTableView(self)
        self.table.setAccessibleName("Backups")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._show_selected)

        self.details = QLabel("No backup chosen.")
        self.details.setAccessibleDescription("What the backup holds")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.other_button = QPushButton("Choose another &file…")
        self.other_button.setAccessibleName("Choose another file")
        self.other_button.setAccessibleDescription("A backup file from elsewhere")
        self.other_button.clicked.connect(self._choose_file)
        self.restore_button = QPushButton("&Restore…")
        self.restore_button.setAccessibleName("Restore the chosen backup")
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self._ask)
        self.close_button = QPushButton("Close")
        self.close_button.setAccessibleName("Close without restoring")
        self.close_button.clicked.connect(self.reject)

        self.confirm_panel = QFrame(self)
        self.confirm_panel.setFrameShape(QFrame.Shape.StyledPanel)
        self.confirm_text = QLabel()
        self.confirm_text.setWordWrap(True)
        self.confirm_text.setAccessibleDescription("Confirm the restore")
        self.replace_button = QPushButton("Replace my records")
        self.replace_button.setAccessibleName("Replace my records with this backup")
        self.replace_button.clicked.connect(self._restore)
        self.keep_button = QPushButton("&Keep my records")
        self.keep_button.setAccessibleName("Keep my records and do not restore")
        self.keep_button.clicked.connect(self._cancel_ask)
        confirm_buttons = QHBoxLayout()
        confirm_buttons.addStretch(1)
        confirm_buttons.addWidget(self.keep_button)
        confirm_buttons.addWidget(self.replace_button)
        confirm_layout = QVBoxLayout(self.confirm_panel)
        confirm_layout.addWidget(self.confirm_text)
        confirm_layout.addLayout(confirm_buttons)
        self.confirm_panel.hide()

        self.status = QLabel()
        self.status.setAccessibleDescription("Restore status")
        self.status.setWordWrap(True)

        buttons = QHBoxLayout()
        buttons.addWidget(self.other_button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.confirm_panel)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        open_fitted(self, size_in_font(self, 104, 32))
        self.reload()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        keep_on_screen(self)

    # -- listing -------------------------------------------------------------------------------

    def reload(self) -> None:
        from rmp_desktop.storage.backup import backup_time, list_backups

        files = list_backups(self._paths.backups)
        self.model.set_paths([BackupRow(path=p, made=backup_time(p)) for p in files])
        if files:
            for path in files:
                self._start_describing(path)
            self.table.selectRow(0)
        else:
            self.details.setText("There are no backups in this data folder yet. Choose a backup "
                                 "file from elsewhere, or close this window.")

    def add_file(self, path: Path) -> None:
        """Offer a backup file from outside the backups folder (what "Choose another file" does)."""
        from rmp_desktop.storage.backup import backup_time

        path = Path(path).absolute()
        row = self.model.row_of(path)
        if row < 0:
            try:
                made = backup_time(path)
            except OSError:
                made = datetime.now()
            row = self.model.add_row(BackupRow(path=path, made=made))
            self._start_describing(path)
        self.table.selectRow(row)

    def _start_describing(self, path: Path) -> None:
        def failed(error: BaseException) -> None:  # one bad file must not stop the list
            log.warning("could not describe a backup: %s", type(error).__name__)
            self._on_described(path, None, "This file could not be read.")

        def read(_task: Task) -> tuple[BackupInfo | None, str | None]:
            return _describe(path)

        self._runner.run(read, on_success=lambda found: self._on_described(path, *found),
                         on_failure=failed)

    def selected(self) -> BackupRow | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    @Slot()
    def _choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Choose a backup file", str(self._paths.backups),
                                              "Backups (*.sqlite3);;All files (*)")
        if name:
            self.add_file(Path(name))

    def _on_described(self, path: Path, info: BackupInfo | None, problem: str | None) -> None:
        self.model.update(path, info=info, problem=problem)
        current = self.selected()
        if current is not None and current.path == path:
            self._show_selected()

    @Slot()
    def _show_selected(self, *_args) -> None:
        self._cancel_ask()
        row = self.selected()
        self.restore_button.setEnabled(False)
        if row is None:
            self.details.setText("No backup chosen.")
            return
        if row.problem:
            self.details.setText(row.problem)
            return
        info = row.info
        if info is None:
            self.details.setText(f"Reading {row.path.name}…")
            return
        lines = [f"Made on {display_moment(info.created_at)}",
                 f"{_count(info.people, 'person', 'people')} and "
                 f"{_count(info.conversations, 'record', 'records')}",
                 f"Application version {info.app_version or 'not recorded'} "
                 f"(schema {info.schema_revision})", f"File: {info.path}"]
        if info.newer_than_this_app:
            lines.append("This backup was made by a newer version of Realising My Potential. "
                         "Install the newer version to restore it.")
        self.details.setText("\n".join(lines))
        self.restore_button.setEnabled(not info.newer_than_this_app and not self._busy)

    # -- restoring -----------------------------------------------------------------------------

    @Slot()
    def _ask(self) -> None:
        row = self.selected()
        if row is None or row.info is None:
            return
        self.confirm_text.setText(
            f"Replace every record in the application with the backup made "
            f"{row.info.summary()}? What is in the application now is backed up first.")
        self.confirm_panel.show()
        self.keep_button.setFocus()  # the safe answer is the default one
        announce(self.confirm_text, self.confirm_text.text())

    @Slot()
    def _cancel_ask(self) -> None:
        self.confirm_panel.hide()

    @Slot()
    def _restore(self) -> None:
        row = self.selected()
        if row is None or row.info is None or self._busy:
            return
        self._set_busy(True)
        self.status.setText("Restoring… the application's records are being replaced.")
        announce(self.status, self.status.text())
        self._release_store()
        backup, paths = row.path, self._paths

        def restore(_task: Task):
            from rmp_desktop.storage.restore import restore_backup

            return restore_backup(backup, paths.store, paths.backups, confirm=True,
                                  quarantine_dir=paths.quarantine)

        self._runner.run(restore, on_success=self._on_restored, on_failure=self._on_restore_failed)

    def _on_restored(self, result) -> None:
        self._set_busy(False)
        self.status.setText(result.report())
        self.restored.emit(result)
        self.accept()

    def _on_restore_failed(self, error: BaseException) -> None:
        from rmp_desktop.storage.safety import describe_storage_error

        log.warning("restore failed: %s", type(error).__name__)
        message = describe_storage_error(error)
        self._set_busy(False)
        self.confirm_panel.hide()
        self.status.setText(f"Nothing was restored. {message}")
        announce(self.status, self.status.text(), assertive=True)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.table, self.other_button, self.close_button, self.replace_button,
                       self.keep_button):
            widget.setEnabled(not busy)
        self.restore_button.setEnabled(False if busy else self.restore_button.isEnabled())
        self.busy_changed.emit(busy)
        if not busy:
            self._show_selected()

    def reject(self) -> None:
        if self._busy:  # never leave a restore half-reported
            return
        super().reject()

    def done(self, result: int) -> None:
        # Files not yet described are skipped; the one in hand is finished.
        self._runner.cancel_all()
        self._runner.wait()
        super().done(result)


def _count(n: int | None, one: str, many: str) -> str:
    if n is None:
        return f"an unknown number of {many}"
    return f"{n} {one if n == 1 else many}"
