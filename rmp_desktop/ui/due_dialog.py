"""The team's year: what is due, overdue or left open, and a calendar of it all.

The same rules as `rmp-desktop due` (domain.due over storage.due_query), read off the GUI
thread. Each row says its state in words (never by colour alone); choosing a row and Show
person puts that person on the main window's page. Save calendar writes the iCalendar file
`rmp-desktop calendar` writes, through the same destination rules.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rmp_desktop.domain.dates import display_date
from rmp_desktop.domain.due import State, TeamYear, describe, team_year
from rmp_desktop.ui.operations import BackgroundRunner

log = logging.getLogger(__name__)

HORIZONS = [(30, "Due in the next 30 days"), (90, "Due in the next 90 days"),
            (365, "Due in the next year"), (None, "Every date in the plans")]
PersonRole = Qt.ItemDataRole.UserRole + 1


class DueDialog(QDialog):
    personChosen = Signal(int)
    loaded = Signal()
    calendarSaved = Signal(object)  # the path written

    def __init__(self, context, parent: QWidget | None = None, *, today: date | None = None):
        super().__init__(parent)
        self.context = context
        self.today = today or date.today()
        self.year: TeamYear | None = None
        self.open_dialog: QWidget | None = None
        self.setWindowTitle("What is due")
        self.setAccessibleName("What is due")
        self.heading = QLabel(f"What is due on {display_date(self.today)}")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.summary = QLabel("Reading the team…")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleDescription("Pay progression and career conversations")
        self.horizon = QComboBox()
        self.horizon.setAccessibleName("Show dates")
        for days, label in HORIZONS:
            self.horizon.addItem(label, days)
        self.horizon.setCurrentIndex(1)
        show_label = QLabel("&Show:")
        show_label.setBuddy(self.horizon)
        filters = QHBoxLayout()
        filters.addWidget(show_label)
        filters.addWidget(self.horizon)
        filters.addStretch(1)
        self.table = QTableWidget(0, 4)
        self.table.setAccessibleName("What is due")
        self.table.setHorizontalHeaderLabels(["Person", "What", "When", "State"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.empty = QLabel("")
        self.empty.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.show_button = QPushButton("Show &person")
        self.show_button.setAccessibleName("Show person: the selected row's person")
        self.calendar_button = QPushButton("Save &calendar…")
        self.calendar_button.setAccessibleName("Save calendar… of every date due (iCalendar)")
        self.calendar_button.setToolTip("An .ics file for Outlook and other calendars; "
                                        "importing a newer one updates its events.")
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close")
        self.buttons.addButton(self.show_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.calendar_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)
        close.clicked.connect(self.reject)
        self.show_button.clicked.connect(self._show_person)
        self.table.activated.connect(lambda _index: self._show_person())
        self.calendar_button.clicked.connect(lambda: self.save_calendar())
        self.horizon.currentIndexChanged.connect(lambda _i: self._fill())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        char = self.fontMetrics().averageCharWidth()
        self.resize(char * 110, self.fontMetrics().height() * 34)
        self._runner = BackgroundRunner(self, newest_only=True, name="due-read")
        self._update_buttons()
        self.reload()

    # -- reading -------------------------------------------------------------------------------

    def reload(self) -> None:
        from rmp_desktop.storage.due_query import person_years

        store = self.context.store()
        today = self.today

        def read(_task) -> TeamYear:
            with store.engine.connect() as conn:
                return team_year(person_years(conn), today)

        self._runner.run(read, on_success=self._loaded, on_failure=self._failed)

    def wait(self) -> None:
        self._runner.wait()

    def _loaded(self, year: TeamYear) -> None:
        self.year = year
        people = len(year.people)
        self.summary.setText(
            f"Appraised in the last 12 months, as pay progression asks: {year.appraised} of "
            f"{people}. Career conversation in the last 12 months: {year.career_held} of "
            f"{people}.")
        self._fill()
        self.loaded.emit()

    def _failed(self, error: BaseException) -> None:
        log.error("reading what is due failed", exc_info=error)
        self.summary.setText(f"What is due could not be read ({type(error).__name__}); close "
                             "this window and try again.")

    def _fill(self) -> None:
        if self.year is None:
            return
        names = {p.person_id: p.name for p in self.year.people}
        items = self.year.within(self.horizon.currentData())
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            state = ("⚠ " if item.state in (State.OVERDUE, State.NEVER) else "") + item.state.label
            cells = (names[item.person_id], describe(item), item.when(), state)
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(PersonRole, item.person_id)
                if column == 3 and item.state in (State.OVERDUE, State.NEVER):
                    font = cell.font()
                    font.setBold(True)
                    cell.setFont(font)
                self.table.setItem(row, column, cell)
        self.empty.setText("" if items else "Nothing is due in this period.")
        self.empty.setVisible(not items)
        self._update_buttons()

    def rows(self) -> list[tuple[str, ...]]:
        return [tuple(item.text() if (item := self.table.item(r, c)) is not None else ""
                      for c in range(4)) for r in range(self.table.rowCount())]

    # -- actions -------------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        self.show_button.setEnabled(bool(self.table.selectedItems()))
        self.calendar_button.setEnabled(self.year is not None)

    def _show_person(self) -> None:
        items = self.table.selectedItems()
        if items:
            self.personChosen.emit(int(items[0].data(PersonRole)))

    def save_calendar(self, path: Path | None = None, *, overwrite: bool = False):
        from PySide6.QtWidgets import QFileDialog

        from rmp_desktop.export.calendar_file import CALENDAR, build_calendar
        from rmp_desktop.export.destination import (
            AlreadyExists,
            DestinationRefused,
            Protected,
            write_bytes,
        )

        if self.year is None:
            return None
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, "Save calendar", str(Path.home() / "Dates due.ics"),
                "iCalendar (*.ics)")
            if not chosen:
                return None
            path, overwrite = Path(chosen), True  # the file dialog asked about replacing
        data = build_calendar(self.year.people, stamp=datetime.now(UTC).replace(microsecond=0))
        try:
            written = write_bytes(path, data, CALENDAR,
                                  protect=Protected.for_store(self.context.paths.store),
                                  overwrite=overwrite)
        except AlreadyExists:
            return self._ask_to_replace(path)
        except DestinationRefused as exc:
            self._warn(str(exc))
            return None
        self._log_calendar(data)
        self.calendarSaved.emit(written)
        return written

    def _ask_to_replace(self, path: Path):
        from rmp_desktop.ui.confirm import ask_to_confirm

        box = ask_to_confirm(self, "Replace calendar", f"Replace {path.name}?", "&Replace",
                             lambda: self.save_calendar(path, overwrite=True),
                             details="It is a calendar this application saved before. Importing "
                                     "the new one updates the same events in your calendar.")
        self.open_dialog = box
        return box

    def _log_calendar(self, data: bytes) -> None:
        import hashlib

        from rmp_desktop.export.calendar_file import entries
        from rmp_desktop.storage import audit

        if self.year is None:
            return
        with self.context.store().sessions.begin() as session:
            audit.append(session, "calendar_exported", events=len(entries(self.year.people)),
                         sha256=hashlib.sha256(data).hexdigest())

    def _warn(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, "Save calendar", message,
                          QMessageBox.StandardButton.Ok, self)
        box.setAccessibleName("Save calendar")
        box.open()
        self.open_dialog = box

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._runner.wait()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self._runner.wait()
        super().done(result)
