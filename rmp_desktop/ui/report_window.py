"""The organisation window: reports for the HR/OD lead, from any store.

Opened from View > Reports on any store (a manager's file: their own team; an organisation's
store: their own team as a manager, everyone as an administrator), and on its own when the
application starts on an organisation's store with an HR/OD lead's login, who sees the newest
report the administrators published. The figures come suppressed from below the window
(storage.report_source); this window only lays them out: a tab per section, a table per tab
(the total row in bold, `*` explained in its tooltip), and the charts of domain.report_charts
beneath. Reading runs off the GUI thread; saving writes a PDF of the breakdown shown, or a
CSV of every figure, through the destination rules.
"""

from __future__ import annotations

import logging
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rmp_desktop.domain.dates import display_date
from rmp_desktop.domain.packs import PackSet
from rmp_desktop.domain.report_charts import charts_for
from rmp_desktop.domain.report_model import Report, Table
from rmp_desktop.domain.suppression import show
from rmp_desktop.export.destination import Protected
from rmp_desktop.store_location import StoreLocation
from rmp_desktop.ui.accessibility import announce
from rmp_desktop.ui.date_field import DateField
from rmp_desktop.ui.operations import BackgroundRunner
from rmp_desktop.ui.report_chart import ReportChartWidget
from rmp_desktop.ui.widgets import heading, wrapping_label

log = logging.getLogger(__name__)

HIDDEN_TIP = ("Hidden: a count from 1 to 7, a figure about a group that small, or a count "
              "hidden so that a total cannot give one away.")
HEADER_WRAP = 16  # characters per line of a column's heading
TURN_AFTER = 7  # measures across at most; a wider table is turned (as in the PDF)
SUPPRESSION_WORDS = ("Counts from 1 to 7 are shown as *, others rounded to the nearest 5; "
                     "percentages come from the rounded counts, so rows may not add up exactly.")


@dataclass(frozen=True)
class ReportSource:
    """What the window needs from the application, whichever store it runs on."""

    location: StoreLocation
    packs: Callable[[], PackSet | None]  # None when the packs cannot be read
    protect: Protected  # the folders a saved report must never go into
    log_export: Callable[[str], None] | None = None  # None: the login writes nothing


class ReportTableModel(QAbstractTableModel):
    """One report table: groups down and measures across, or, for a table with many measures
    (one per avenue, one per talent box), turned: measures down, groups across."""

    def __init__(self, table: Table, parent=None):
        super().__init__(parent)
        self.table = table
        self.turned = len(table.columns) > TURN_AFTER

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008,N802
        if parent.isValid():
            return 0
        return len(self.table.columns) if self.turned else len(self.table.groups)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008,N802
        if parent.isValid():
            return 0
        return (len(self.table.groups) if self.turned else len(self.table.columns)) + 1

    def _cell(self, row: int, column: int) -> tuple[int, int]:
        """(group, measure) of a cell past the first column."""
        return (column - 1, row) if self.turned else (row, column - 1)

    def _is_total(self, group: int) -> bool:
        return self.table.has_total and group == len(self.table.groups) - 1

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == 0:
                return self.table.columns[row].label if self.turned else self.table.groups[row]
            text = self.table.cell_text(*self._cell(row, column))
            if role == Qt.ItemDataRole.AccessibleTextRole and "*" in text:
                return text.replace("*", "hidden")
            return text
        if role == Qt.ItemDataRole.ToolTipRole and column > 0:
            return HIDDEN_TIP if "*" in self.table.cell_text(*self._cell(row, column)) else None
        if role == Qt.ItemDataRole.FontRole:
            group = column - 1 if self.turned else row
            if (column > 0 or not self.turned) and self._is_total(group):
                font = QFont()
                font.setBold(True)
                return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if section == 0:
            label = "" if self.turned else self.table.group_title
        elif self.turned:
            label = self.table.groups[section - 1]
        else:
            label = self.table.columns[section - 1].label
        if role == Qt.ItemDataRole.DisplayRole:  # wrapped: the header does not wrap itself
            return textwrap.fill(label, HEADER_WRAP)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return label or "Measure"
        if role == Qt.ItemDataRole.ToolTipRole and section > 0 and not self.turned:
            column = self.table.columns[section - 1]
            of = next((c.label for c in self.table.columns if c.key == column.percent_of), "")
            parts = [column.help] if column.help else []
            if of:
                parts.append(f"Percentage of: {of.lower()}")
            return "; ".join(parts) or None
        return None


class ReportWindow(QMainWindow):
    loaded = Signal()
    failed = Signal(str)
    saved = Signal(object)  # the path written

    def __init__(self, source: ReportSource, parent: QWidget | None = None, *,
                 on: date | None = None):
        super().__init__(parent)
        self.source = source
        self.report: Report | None = None
        self.published = False
        self.open_dialog: QWidget | None = None
        self.setWindowTitle("Reports")
        self.setAccessibleName("Reports")

        self.title = heading("Reports for the HR and OD lead", 1.5)
        self.subtitle = wrapping_label("Working out the figures…")
        self.subtitle.setAccessibleDescription("Whose figures, and when")
        self.breakdown = QComboBox()
        self.breakdown.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.breakdown.setAccessibleName("Break down by")
        self.breakdown.setAccessibleDescription(
            "Band, functional area, directorate or manager; equality monitoring answers where "
            "people chose to give them.")
        by_label = QLabel("&Break down by:")
        by_label.setBuddy(self.breakdown)
        self.on = DateField("As at", latest=date.today() if on is None or on <= date.today()
                            else on)
        self.on.set_date(on or date.today())
        on_label = QLabel("As &at:")
        on_label.setBuddy(self.on)
        self.refresh_button = QPushButton("&Work out again")
        self.refresh_button.setAccessibleName("Work out again")
        self.refresh_button.setAccessibleDescription("Read the store again, as at the date given")
        self.pdf_button = QPushButton("Save as &PDF…")
        self.pdf_button.setAccessibleName("Save as PDF…")
        self.pdf_button.setAccessibleDescription("The breakdown shown, with its charts")
        self.csv_button = QPushButton("Save as &CSV…")
        self.csv_button.setAccessibleName("Save as CSV…")
        self.csv_button.setAccessibleDescription("Every figure of every breakdown, one a row")
        controls = QHBoxLayout()
        for widget in (by_label, self.breakdown, on_label, self.on, self.refresh_button):
            controls.addWidget(widget)
        controls.addStretch(1)
        controls.addWidget(self.pdf_button)
        controls.addWidget(self.csv_button)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Sections of the report")
        self.tabs.tabBar().setAccessibleName("Sections of the report")
        self.tabs.setDocumentMode(True)
        self.footnote = wrapping_label(SUPPRESSION_WORDS)
        self.footnote.setAccessibleDescription("How small numbers are hidden")

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addLayout(controls)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.footnote)
        self.setCentralWidget(body)
        char = self.fontMetrics().averageCharWidth()
        wanted = QSize(char * 170, self.fontMetrics().height() * 48)
        screen = self.screen().availableGeometry().size() if self.screen() else wanted
        self.resize(wanted.boundedTo(screen * 0.95))

        self.breakdown.currentIndexChanged.connect(lambda _i: self._show_breakdown())
        self.refresh_button.clicked.connect(self.reload)
        self.pdf_button.clicked.connect(lambda: self.save(kind="pdf"))
        self.csv_button.clicked.connect(lambda: self.save(kind="csv"))
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)
        self._runner = BackgroundRunner(self, newest_only=True, name="report-read")
        self._set_ready(False)
        self.reload()

    # -- reading -------------------------------------------------------------------------------

    def reload(self) -> None:
        from rmp_desktop import __version__
        from rmp_desktop.storage.report_source import load_report

        location, packs = self.source.location, self.source.packs
        on = self.on.date()
        if on is None:  # nothing read: say what to type, keep the figures shown
            self.subtitle.setText(self.on.problem() or "Type the day to count as at, for "
                                  "example 31 Mar 2027, then work out again.")
            announce(self.subtitle, self.subtitle.text(), assertive=True)
            return
        self._set_ready(False)
        self.subtitle.setText("Working out the figures…")

        def read(_task):
            return load_report(location, on, packs(), made_by=f"rmp-desktop {__version__}")

        self._runner.run(read, on_success=self._loaded, on_failure=self._failed)

    def wait(self) -> None:
        self._runner.wait()

    def _loaded(self, view) -> None:
        self.report = view.report
        self.published = view.published
        report = view.report
        source = (f"Published by the store's administrators on {display_date(report.made_at)}"
                  if view.published else "Worked out now")
        self.subtitle.setText(f"Figures for {report.scope}, as at {display_date(report.on)}: "
                              f"{show(report.people)} people. {source}.")
        if view.published:  # the lead sees what was published: its own day, nothing to redo
            self.on.set_date(report.on)
            self.on.setEnabled(False)
            self.refresh_button.setEnabled(False)
            self.refresh_button.setToolTip("Published reports are prepared by the store's "
                                           "administrators")
        chosen = self.breakdown.currentData() or "band"
        self.breakdown.blockSignals(True)
        self.breakdown.clear()
        equality_started = False
        for breakdown in report.breakdowns:
            if breakdown.equality and not equality_started:
                self.breakdown.insertSeparator(self.breakdown.count())
                equality_started = True
            title = breakdown.title + (" (equality monitoring)" if breakdown.equality else "")
            self.breakdown.addItem(title, breakdown.id)
        self.breakdown.setCurrentIndex(max(0, self.breakdown.findData(chosen)))
        self.breakdown.blockSignals(False)
        self._show_breakdown()
        self._set_ready(True)
        self.loaded.emit()

    def _failed(self, error: BaseException) -> None:
        from rmp_desktop.storage.errors import StoreError
        from rmp_desktop.storage.report_publish import NothingPublished
        from rmp_desktop.storage.report_source import ReportsUnavailable

        if isinstance(error, NothingPublished | ReportsUnavailable | StoreError):
            message = str(error)
        else:
            log.error("reading the report failed", exc_info=error)
            message = (f"The figures could not be read ({type(error).__name__}). Check that you "
                       "are connected to your organisation's network, then choose Work out "
                       "again.")
        self.subtitle.setText(message)
        self.refresh_button.setEnabled(True)
        self.failed.emit(message)

    def _set_ready(self, ready: bool) -> None:
        for widget in (self.breakdown, self.pdf_button, self.csv_button):
            widget.setEnabled(ready)
        self.refresh_button.setEnabled(ready and not self.published)
        self.on.setEnabled(ready and not self.published)

    # -- showing -------------------------------------------------------------------------------

    def current_breakdown(self) -> str:
        return str(self.breakdown.currentData() or "")

    def _show_breakdown(self) -> None:
        if self.report is None:
            return
        breakdown = self.current_breakdown()
        index = self.tabs.currentIndex()
        while self.tabs.count():
            page = self.tabs.widget(0)
            self.tabs.removeTab(0)
            if page is not None:
                page.deleteLater()
        charts = charts_for(self.report, breakdown)
        for table in self.report.tables_for(breakdown):
            page = self._page(table, [c for s, c in charts if s == table.section])
            self.tabs.addTab(page, _short_title(table.section, table.title))
        self.tabs.setCurrentIndex(max(0, min(index, self.tabs.count() - 1)))

    def _page(self, table: Table, charts) -> QWidget:
        inner = QWidget()
        layout = QVBoxLayout(inner)
        if table.note:
            note = wrapping_label(table.note)
            note.setAccessibleDescription(f"About {table.title.lower()}")
            layout.addWidget(note)
        view = QTableView()
        view.setAccessibleName(table.title)
        view.setModel(ReportTableModel(table, view))
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setTabKeyNavigation(False)
        view.setWordWrap(True)
        view.verticalHeader().hide()
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # Long group names wrap rather than push the figures out of sight.
        header.setMaximumSectionSize(self.fontMetrics().averageCharWidth() * 34)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        _fit_rows(view)  # the page scrolls, not the table: the charts follow the last row
        layout.addWidget(view)
        for chart in charts:
            layout.addWidget(ReportChartWidget(chart))
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setAccessibleName(table.title)
        return scroll

    def table_rows(self, index: int | None = None) -> list[list[str]]:
        """What the table of a tab shows, as text (the current tab when None)."""
        scroll = self.tabs.widget(self.tabs.currentIndex() if index is None else index)
        view = scroll.findChild(QTableView) if scroll is not None else None
        if view is None:
            return []
        model = view.model()
        return [[model.data(model.index(r, c)) for c in range(model.columnCount())]
                for r in range(model.rowCount())]

    # -- saving --------------------------------------------------------------------------------

    def save(self, path: Path | None = None, *, kind: str = "pdf", overwrite: bool = False):
        """Write the report; a file dialog asks where when `path` is None. The path written,
        or None (cancelled, refused: said in a message)."""
        from PySide6.QtWidgets import QFileDialog

        from rmp_desktop.export.destination import AlreadyExists, DestinationRefused
        from rmp_desktop.export.report_export import UnknownKind, write_report

        if self.report is None:
            return None
        if path is None:
            name = f"Report {self.report.on.isoformat()}.{kind}"
            wanted = "PDF documents (*.pdf)" if kind == "pdf" else "CSV spreadsheets (*.csv)"
            chosen, _ = QFileDialog.getSaveFileName(self, "Save report",
                                                    str(Path.home() / name), wanted)
            if not chosen:
                return None
            path, overwrite = Path(chosen), True  # the file dialog asked about replacing
        try:
            written, sha256 = write_report(self.report, self.current_breakdown(), path,
                                           protect=self.source.protect, overwrite=overwrite)
        except AlreadyExists:
            return self._ask_to_replace(path, kind)
        except (DestinationRefused, UnknownKind) as exc:
            self._warn(str(exc))
            return None
        if self.source.log_export is not None and not self.published:
            self.source.log_export(sha256)
        self.statusBar().showMessage(f"Saved {written.name}.", 8000)
        self.saved.emit(written)
        return written

    def _ask_to_replace(self, path: Path, kind: str):
        from rmp_desktop.ui.confirm import ask_to_confirm

        box = ask_to_confirm(self, "Replace report", f"Replace {path.name}?", "&Replace",
                             lambda: self.save(path, kind=kind, overwrite=True),
                             details="It is a report this application saved before.")
        self.open_dialog = box
        return box

    def _warn(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, "Save report", message,
                          QMessageBox.StandardButton.Ok, self)
        box.setAccessibleName("Save report")
        box.open()
        self.open_dialog = box

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._runner.wait()
        super().closeEvent(event)


def _fit_rows(view: QTableView) -> None:
    """As tall as the header and every row, so the table never scrolls inside the page."""
    view.resizeRowsToContents()
    header = view.horizontalHeader()
    height = header.sizeHint().height() + sum(
        view.rowHeight(r) for r in range(view.model().rowCount()))
    frame = 2 * view.frameWidth()
    scrollbar = view.horizontalScrollBar().sizeHint().height()
    view.setFixedHeight(height + frame + scrollbar)


def source_for(context) -> ReportSource:
    """The source of a window opened from the main window: its store, its packs, its log."""
    from rmp_desktop.storage import audit

    def log_export(sha256: str) -> None:
        with context.store().sessions.begin() as session:
            audit.append(session, "report_exported", sha256=sha256)

    return ReportSource(context.paths.location, context.packs,
                        Protected.for_store(context.paths.store), log_export)


def source_for_lead(paths) -> ReportSource:
    """An HR/OD lead's window on the organisation's store: nothing is written to the store."""
    from rmp_desktop.context import load_packs

    return ReportSource(paths.location, lambda: load_packs(paths)[0],
                        Protected.for_store(paths.store), None)


_SHORT = {"coverage": "Co&verage", "aspirations": "Asp&irations", "readiness": "Rea&diness",
          "talent": "Ta&lent grid", "avenues": "Ave&nues", "trend_by_group": "Last &year",
          "trends": "&Trends"}


def _short_title(section: str, title: str) -> str:
    return _SHORT.get(section, title)
