"""The team list with its search box and filters: layout and the wiring between them."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rmp_desktop.domain.staff import BANDS, FUNCTIONAL_AREAS, band_label
from rmp_desktop.ui.accessibility import announce
from rmp_desktop.ui.keyboard import tab_in_reading_order
from rmp_desktop.ui.team_model import COLUMN_TITLES, TeamColumn, TeamTableModel

# Comfortable column widths in average character widths, so they follow the font size.
_COLUMN_CHARS = {TeamColumn.NAME: 26, TeamColumn.JOB_TITLE: 24, TeamColumn.BAND: 5,
                 TeamColumn.FUNCTIONAL_AREA: 22, TeamColumn.LAST_SIGNED: 12,
                 TeamColumn.NEXT_DUE: 24}
# Spare width goes to the columns whose text runs longest; in a narrow window they give up
# width first (their text then ends in "…", with the whole of it in the tooltip).
_GROWING = (TeamColumn.JOB_TITLE, TeamColumn.FUNCTIONAL_AREA)
_NAME_CHARS_AT_LEAST = 16


class TeamView(QWidget):
    """Search, filters and the table. Emits the person under the cursor, or -1 for nobody."""

    currentPersonChanged = Signal(int)
    personActivated = Signal(int)  # Enter or double-click on a row

    def __init__(self, model: TeamTableModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self._current_id = -1
        self._restoring = False

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search by name or job title (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search the team")
        self.search.setAccessibleDescription(
            "Type part of a name or job title; case and accents are ignored.")
        self.search.installEventFilter(self)

        self.band_filter = QComboBox()
        self.band_filter.setAccessibleName("Band")
        self.band_filter.addItem("All bands", None)
        for band in BANDS:
            self.band_filter.addItem(band_label(band), band)

        self.area_filter = QComboBox()
        self.area_filter.setAccessibleName("Functional area")
        self.area_filter.addItem("All functional areas", None)
        for area_id, name in FUNCTIONAL_AREAS.items():
            self.area_filter.addItem(name, area_id)
        # Wide enough for most area names, but able to shrink in a narrow window.
        for combo, chars in ((self.band_filter, 8), (self.area_filter, 14)):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(chars)

        self.show_archived = QCheckBox("Show &archived")
        self.show_archived.setAccessibleName("Show archived people")

        self.table = QTableView()
        self.table.setAccessibleName("Team")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.table.verticalHeader()
        rows.hide()
        # Fixed heights from the font: with 100,000 rows nothing may measure each row.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + self.fontMetrics().height() // 2)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(False)
        header.setHighlightSections(False)
        # No stretching: a stretched last column shrinks below its title in a narrow window.
        header.setStretchLastSection(False)
        metrics = header.fontMetrics()
        char = metrics.averageCharWidth()
        self._wanted: dict[TeamColumn, int] = {}
        self._least: dict[TeamColumn, int] = {}
        for column, chars in _COLUMN_CHARS.items():
            # Never narrower than the title plus room for the sort arrow.
            title = metrics.horizontalAdvance(COLUMN_TITLES[column]) + 4 * char
            self._least[column] = max(title, _NAME_CHARS_AT_LEAST * char
                                      if column == TeamColumn.NAME else 0)
            self._wanted[column] = max(chars * char, title)
            self.table.setColumnWidth(column, self._wanted[column])
        self.column_actions = self._make_column_actions()
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(TeamColumn.NAME, Qt.SortOrder.AscendingOrder)
        self._fit_to_width = True
        self._fitting = False
        header.sectionResized.connect(self._on_section_resized)
        self.table.viewport().installEventFilter(self)

        self.count_label = QLabel()
        self.count_label.setAccessibleDescription("Number of people shown")

        # Labels a screen reader gives each filter (on Linux a combo box is named by its value).
        band_caption = QLabel("&Band:")
        band_caption.setBuddy(self.band_filter)
        area_caption = QLabel("Area:")
        area_caption.setBuddy(self.area_filter)
        filters = QHBoxLayout()
        filters.addWidget(band_caption)
        filters.addWidget(self.band_filter)
        filters.addWidget(area_caption)
        filters.addWidget(self.area_filter)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        # Under the list, beside how many it shows: the filter row keeps to the two choices,
        # so the team stays narrow enough to share the window with a person's page.
        foot = QHBoxLayout()
        foot.addWidget(self.count_label, 1)
        foot.addWidget(self.show_archived)
        layout.addLayout(foot)

        self.search.textChanged.connect(model.set_query)
        self.band_filter.currentIndexChanged.connect(
            lambda _: model.set_band(self.band_filter.currentData()))
        self.area_filter.currentIndexChanged.connect(
            lambda _: model.set_functional_area(self.area_filter.currentData()))
        self.show_archived.toggled.connect(model.set_show_archived)
        model.modelAboutToBeReset.connect(self._remember_current)
        model.modelReset.connect(self._restore_current)
        model.countsChanged.connect(self._show_counts)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.table.activated.connect(self._on_activated)
        self._show_counts(0, 0)
        tab_in_reading_order(self)

    # -- public --------------------------------------------------------------------------------

    # -- column widths ---------------------------------------------------------------------------

    def widths_chosen(self) -> bool:
        """Whether the user sized a column themselves (then their widths are kept)."""
        return not self._fit_to_width

    def keep_user_widths(self) -> None:
        """Stop fitting the columns to the width: the user's own (or remembered) widths stand."""
        self._fit_to_width = False

    def fit_columns(self) -> None:
        """Columns that fill the table's width exactly, so there is no sideways scrolling: spare
        width to the longest texts; in a narrow window those give up width first, down to their
        titles. Only until the user sizes a column themselves."""
        if not self._fit_to_width:
            return
        header = self.table.horizontalHeader()
        available = self.table.viewport().width()
        shown = [c for c in _COLUMN_CHARS if not header.isSectionHidden(c)]
        if available <= 0 or not shown:
            return
        widths = {c: self._wanted[c] for c in shown}
        excess = sum(widths.values()) - available
        if excess < 0:
            growing = [c for c in _GROWING if c in shown] or shown[:1]
            for column in growing:
                widths[column] += -excess // len(growing)
        elif excess > 0:  # the longest texts give up width first, the names last
            for group in (_GROWING, tuple(c for c in shown if c not in _GROWING)):
                room = {c: widths[c] - self._least[c] for c in group if c in shown}
                total_room = sum(room.values())
                if excess <= 0 or total_room <= 0:
                    continue
                share = min(excess, total_room)
                for column, spare in room.items():
                    widths[column] -= -(-share * spare // total_room)  # rounded up
                excess -= share
        self._fitting = True
        try:
            for column, width in widths.items():
                if header.sectionSize(column) != width:
                    self.table.setColumnWidth(column, width)
        finally:
            self._fitting = False

    def _on_section_resized(self, *_args) -> None:
        if not self._fitting:
            self._fit_to_width = False

    def _make_column_actions(self) -> list[QAction]:
        """Show or hide each column but the name (the header's menu, and People > Columns)."""
        header = self.table.horizontalHeader()
        made = []
        for column in _COLUMN_CHARS:
            if column == TeamColumn.NAME:
                continue
            action = QAction(COLUMN_TITLES[column], self)
            action.setCheckable(True)
            action.setChecked(True)
            action.toggled.connect(lambda shown, c=column: self.show_column(c, shown))
            header.addAction(action)
            made.append(action)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        return made

    def show_column(self, column: TeamColumn, shown: bool) -> None:
        self.table.horizontalHeader().setSectionHidden(column, not shown)
        self.fit_columns()

    def columns_restored(self) -> None:
        """After the header's remembered state: tick the columns it shows."""
        header = self.table.horizontalHeader()
        for action, column in zip(self.column_actions,
                                  [c for c in _COLUMN_CHARS if c != TeamColumn.NAME], strict=True):
            blocked = action.blockSignals(True)
            action.setChecked(not header.isSectionHidden(column))
            action.blockSignals(blocked)

    def current_person_id(self) -> int:
        return self._current_id

    def select_person(self, person_id: int) -> bool:
        """Put the cursor on a person if they are shown; False if filtered out."""
        row = self.model.visible_row_of(person_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    def clear_filters(self) -> None:
        self.search.clear()
        self.band_filter.setCurrentIndex(0)
        self.area_filter.setCurrentIndex(0)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # -- reactions -----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        # Down or Enter in the search box goes to the results, so the keyboard never
        # needs the mouse between finding someone and opening them.
        if watched is self.search and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.model.rowCount() > 0:
                    first = self.model.person_id_at(0)
                    only = self.model.rowCount() == 1 and event.key() != Qt.Key.Key_Down
                    if first is not None and (only or self.model.visible_row_of(
                            self._current_id) < 0):
                        self.select_person(first)
                    self.table.setFocus(Qt.FocusReason.TabFocusReason)
                    found = self.model.person(first) if only and first is not None else None
                    if found is not None:  # the one found: their page is open
                        announce(self.table, f"{found.name}: their page is shown")
                    return True
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()
        return super().eventFilter(watched, event)

    def _remember_current(self) -> None:
        self._restoring = True

    def _restore_current(self) -> None:
        # A filter reset forgets the selection; put it back on the same person if shown.
        try:
            if self._current_id >= 0 and self.select_person(self._current_id):
                return
        finally:
            self._restoring = False
        self._set_current(-1)

    def _on_current_row(self, current, _previous) -> None:
        if self._restoring:
            return
        person_id = self.model.person_id_at(current.row()) if current.isValid() else None
        self._set_current(-1 if person_id is None else person_id)

    def _set_current(self, person_id: int) -> None:
        if person_id != self._current_id:
            self._current_id = person_id
            self.currentPersonChanged.emit(person_id)

    def _on_activated(self, index) -> None:
        person_id = self.model.person_id_at(index.row())
        if person_id is not None:
            self.personActivated.emit(person_id)

    def _show_counts(self, shown: int, in_scope: int) -> None:
        if in_scope == 0:
            text = "No people yet."
        elif shown == 0:
            text = "No one matches the search and filters."
        elif shown == in_scope:
            text = "1 person" if shown == 1 else f"{shown:,} people"
        else:
            text = f"{shown:,} of {in_scope:,} people match"
        self.count_label.setText(text)
