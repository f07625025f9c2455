"""A person's conversations, newest first: draft, awaiting sign-off, signed or superseded, with dates.

Amendments show their chain in words (domain.record_words): "version 2, amends
version 1: why", and a replaced version says which version replaced it.

Enter, a double-click or the Open button opens the selected one in the wizard.
The list refreshes itself when a conversation it opened changes or closes;
anything else that changes a record (sign-off) calls `refresh()`.
"""

from __future__ import annotations

import logging
from enum import IntEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rmp_desktop.domain.conversation import Status
from rmp_desktop.domain.dates import display_date
from rmp_desktop.domain.record_words import status_words
from rmp_desktop.ui.fitted_rows import FittedRows

if TYPE_CHECKING:  # a type only: importing the repository here would pull SQLAlchemy into start-up
    from rmp_desktop.storage.conversation_repo import ConversationMeta
    from rmp_desktop.storage.publications import PublicationState

ConversationIdRole = Qt.ItemDataRole.UserRole + 1
StatusRole = Qt.ItemDataRole.UserRole + 2

# Marks the shipped DejaVu font can draw (◑: one of the two signatures given).
STATUS_MARKS = {Status.DRAFT: "✎", Status.AWAITING_SIGNOFF: "◑", Status.SIGNED: "✓",
                Status.SUPERSEDED: "↺"}
_NO_INDEX = QModelIndex()


class HistoryColumn(IntEnum):
    HELD_ON = 0
    KIND = 1
    STATUS = 2
    CHANGED = 3


TITLES = {HistoryColumn.HELD_ON: "Held on", HistoryColumn.KIND: "Kind",
          HistoryColumn.STATUS: "Status", HistoryColumn.CHANGED: "Last changed"}


_REASON_SHOWN = 60  # characters of an amendment's reason in the list; all of it in the tooltip
_ROLES_ANSWERED = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole,
                             Qt.ItemDataRole.ToolTipRole, ConversationIdRole, StatusRole})


class ConversationHistoryModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[ConversationMeta] = []
        self._versions: dict[int, int] = {}  # conversation id -> version
        self._successors: dict[int, ConversationMeta] = {}  # id -> the newest amendment of it
        self._problems: dict[int, list[str]] = {}  # id -> what the store's rules find wrong
        self._published: dict[int, PublicationState] = {}  # id -> what reached the organisation
        self._cells: list[tuple[str, str, str, str]] = []  # each row's text, by HistoryColumn
        self._status_spoken: list[str] = []  # each row's status in full

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_INDEX) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_INDEX) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(HistoryColumn)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(HistoryColumn):
            return TITLES[HistoryColumn(section)]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        # Asked for every cell and role whenever row heights are measured (a person with 200
        # records: tens of thousands of calls), so each answer is a lookup of text made once.
        if role not in _ROLES_ANSWERED or not index.isValid():
            return None
        row = index.row()
        if not 0 <= row < len(self._rows):
            return None
        if role == ConversationIdRole:
            return self._rows[row].id
        if role == StatusRole:
            return self._rows[row].status.value
        if role != Qt.ItemDataRole.DisplayRole and index.column() == HistoryColumn.STATUS:
            return self._status_spoken[row]  # the tooltip and what a screen reader says
        return self._cells[row][index.column()]

    def _texts(self, meta: ConversationMeta) -> tuple[tuple[str, str, str, str], str]:
        """(the row's cells, the status in full for its tooltip and a screen reader)."""
        changed = display_date(meta.updated_at)
        problems = self._problems.get(meta.id)
        if problems:  # never "Signed" or "Locked" for a record that fails its check
            shown = f"⚠ Not trustworthy: {problems[0]}"
            spoken = ("Not trustworthy: this record was changed outside the application: "
                      + "; ".join(problems) + ". Run rmp-desktop check.")
        else:
            words = self._words(meta, reason_limit=_REASON_SHOWN)
            published = self._published.get(meta.id)
            # On a laptop that publishes, what reached the organisation's store: in the
            # status cell, as the pane beside the team has no room for another column.
            also = f" · {published.inline()}" if published and published.inline() else ""
            shown = f"{STATUS_MARKS[meta.status]} {words}{also}"
            said = f" {published.words()}" if published else ""
            spoken = f"{self._words(meta)}. Last changed {changed}.{said}"
        return (display_date(meta.held_on), meta.kind.label, shown, changed), spoken

    def _words(self, meta: ConversationMeta, reason_limit: int = 0) -> str:
        amends = self._versions.get(meta.supersedes_id) if meta.supersedes_id else None
        if meta.supersedes_id and amends is None:
            amends = meta.version - 1
        successor = self._successors.get(meta.id)
        return status_words(meta.status, version=meta.version, step=meta.current_step,
                            amends=amends, amended_by=successor.version if successor else None,
                            reason=meta.amendment_reason, reason_limit=reason_limit)

    def set_rows(self, rows: list[ConversationMeta],
                 problems: dict[int, list[str]] | None = None,
                 published: dict[int, PublicationState] | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._problems = dict(problems or {})
        self._published = dict(published or {})
        self._versions = {m.id: m.version for m in rows}
        self._successors = {}
        for meta in sorted(rows, key=lambda m: m.id):  # the newest amendment wins
            if meta.supersedes_id is not None:
                self._successors[meta.supersedes_id] = meta
        texts = [self._texts(meta) for meta in self._rows]
        self._cells = [cells for cells, _spoken in texts]
        self._status_spoken = [spoken for _cells, spoken in texts]
        self.endResetModel()

    def conversation_id(self, row: int) -> int:
        return self._rows[row].id

    def cell_text(self, row: int, column: int) -> str:
        """What a cell shows, without a call through Qt (rows are measured from it)."""
        return self._cells[row][column]


def _problems(store, ids: list[int]) -> dict[int, list[str]]:
    """The store's rules for these records (storage.integrity); {} if they cannot be run."""
    if not ids:
        return {}
    from rmp_desktop.storage.record_checks import record_problems

    try:
        return record_problems(store, ids)
    except Exception:  # noqa: BLE001 - the list must show even if the check cannot run
        logging.getLogger(__name__).exception("could not check a person's records")
        return {}


def _publication_states(context, store, ids: list[int]) -> dict[int, PublicationState] | None:
    """What reached the organisation's store, on a laptop that publishes (or once did); None
    where publishing does not apply, so the history says nothing of it."""
    if store.location.is_postgres or not ids:
        return None
    from rmp_desktop.storage.publications import anything_published, states_for
    from rmp_desktop.store_location import StoreLocationError

    try:
        publishes = bool(context.paths.publish_url())
    except StoreLocationError:
        publishes = True  # set, if wrongly: File > Publish says what is wrong with it
    if not publishes and not anything_published(store.engine):
        return None
    return states_for(store.engine, ids)


class ConversationHistory(QWidget):
    openRequested = Signal(int)  # conversation id
    emptyChanged = Signal(bool)  # True when the person has no conversations
    conversationOpened = Signal(object)  # the ConversationWindow opened from this list
    giveCopyRequested = Signal(int)  # conversation id: a copy of the signed record for the person
    # A person's records changed (signed, discarded, reviewed): what is due for them may move.
    recordsChanged = Signal(int)

    def __init__(self, context, parent: QWidget | None = None, *, open_on_request: bool = True,
                 give_copies: bool = False):
        super().__init__(parent)
        self.context = context
        self.person_id = -1
        self.model = ConversationHistoryModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Conversations")
        self.table.setAccessibleDescription("Newest first. Enter opens the selected conversation.")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        # The page beside the team is narrow: long statuses wrap rather than being cut off.
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(HistoryColumn.KIND, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(HistoryColumn.KIND, self.fontMetrics().averageCharWidth() * 16)
        header.setSectionResizeMode(HistoryColumn.STATUS, QHeaderView.ResizeMode.Stretch)
        # Too narrow beside the team for four columns; the date of the last change is
        # in the status cell's tooltip and what a screen reader says for it.
        self.table.setColumnHidden(HistoryColumn.CHANGED, True)
        # Rows as tall as their wrapped text and the date column as wide as its dates, measured
        # once per row from the model's text (Qt's ResizeToContents asked for every cell anew
        # on each layout pass: slow for a person with hundreds of records).
        self._fitted = FittedRows(self.table, self.model.cell_text,
                                  fit_width=(HistoryColumn.HELD_ON,))
        self.model.modelReset.connect(self._fitted.refit)
        self.open_button = QPushButton("&Open conversation")
        self.open_button.setAccessibleName("Open conversation")
        self.open_button.setAccessibleDescription("Opens the conversation chosen in the list")
        self.give_copy_button = QPushButton("Give a cop&y…")
        self.give_copy_button.setAccessibleName("Give a copy")
        self.give_copy_button.setAccessibleDescription(
            "The signed record as a file and a PDF for the person to keep")
        self.give_copy_button.setVisible(give_copies)
        self.midyear_button = QPushButton("&Mid-year review…")
        self.midyear_button.setAccessibleName("Mid-year review… of the selected signed plan")
        self.midyear_button.setToolTip("A dated check-in on the signed plan: progress on each "
                                       "action, notes; the record itself never changes.")
        self.discard_button = QPushButton("&Discard draft…")
        self.discard_button.setAccessibleName("Discard draft… the selected draft")
        self.discard_button.setToolTip("Delete a draft that will not be finished, after a "
                                       "question; a signed record can never be discarded.")
        self.open_dialog: QWidget | None = None  # the question or dialog most recently opened
        # Two rows: the page beside the team is narrow, and a large font must keep them whole.
        buttons = QVBoxLayout()
        for pair in ((self.open_button, self.give_copy_button),
                     (self.midyear_button, self.discard_button)):
            row = QHBoxLayout()
            for button in pair:
                row.addWidget(button)
            row.addStretch(1)
            buttons.addLayout(row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

        self.open_button.clicked.connect(self._open_current)
        self.give_copy_button.clicked.connect(self._give_copy)
        self.discard_button.clicked.connect(lambda: self.discard_current())
        self.midyear_button.clicked.connect(lambda: self.review_current())
        self.table.activated.connect(lambda _index: self._open_current())
        self.table.selectionModel().currentRowChanged.connect(self._update_button)
        if open_on_request:
            self.openRequested.connect(self._open)
        self._update_button()

    def show_person(self, person_id: int) -> None:
        self.person_id = person_id
        self.refresh()

    def refresh(self) -> None:
        current = self.current_id()
        store = self.context.store()
        rows = store.conversations.list_for_person(self.person_id) if self.person_id >= 0 else []
        published = _publication_states(self.context, store, [m.id for m in rows])
        self.model.set_rows(rows, _problems(store, [m.id for m in rows]), published)
        row = next((i for i, meta in enumerate(rows) if meta.id == current), 0 if rows else -1)
        if row >= 0:
            self.table.selectRow(row)
        self._update_button()
        self.emptyChanged.emit(not rows)

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.conversation_id(index.row()) if index.isValid() else None

    def track(self, window) -> None:
        """Refresh when a conversation window opened elsewhere changes or closes."""
        person_id = window.conversation.meta.person_id

        def changed(*_args) -> None:
            self.refresh()
            self.recordsChanged.emit(person_id)

        window.conversation.changed.connect(changed)
        window.closed.connect(changed)

    def _open_current(self) -> None:
        conversation_id = self.current_id()
        if conversation_id is not None:
            self.openRequested.emit(conversation_id)

    def _open(self, conversation_id: int) -> None:
        from rmp_desktop.ui.wizard import open_conversation

        window = open_conversation(self.context, conversation_id, self.window())
        self.track(window)
        self.conversationOpened.emit(window)

    def _give_copy(self) -> None:
        conversation_id = self.current_id()
        if conversation_id is not None:
            self.giveCopyRequested.emit(conversation_id)

    def current_status(self) -> Status | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return Status(self.model.index(index.row(), 0).data(StatusRole))

    def _update_button(self, *_args) -> None:
        index = self.table.currentIndex()
        self.open_button.setEnabled(index.isValid())
        signed = index.isValid() and index.data(StatusRole) in (Status.SIGNED.value,
                                                                Status.SUPERSEDED.value)
        self.give_copy_button.setEnabled(signed)
        status = self.current_status()
        self.discard_button.setEnabled(status is Status.DRAFT)
        self.midyear_button.setEnabled(status is Status.SIGNED)

    # -- discarding a draft and reviewing a plan mid-year ------------------------------------

    def discard_current(self):
        """Ask, then delete the selected draft (the audit log keeps that it was deleted)."""
        from rmp_desktop.ui.confirm import ask_to_confirm

        conversation_id = self.current_id()
        if conversation_id is None or self.current_status() is not Status.DRAFT:
            return None
        row = self.table.currentIndex().row()
        held = self.model.index(row, HistoryColumn.HELD_ON).data()
        kind = self.model.index(row, HistoryColumn.KIND).data()
        box = ask_to_confirm(
            self, "Discard draft", f"Discard the draft {kind.lower()} dated {held}?",
            "&Discard draft", lambda: self._discard(conversation_id),
            details="Everything typed in it is deleted and cannot be brought back. The audit "
                    "log keeps a note that a draft was discarded, never what it said. Signed "
                    "records can never be discarded.")
        self.open_dialog = box
        return box

    def _discard(self, conversation_id: int) -> None:
        from rmp_desktop.storage.errors import RecordLocked
        from rmp_desktop.ui.wizard import open_windows

        for window in open_windows():  # its window closes first (saving), then it goes
            if window.conversation_id == conversation_id:
                window.close()
        try:
            self.context.store().conversations.delete_draft(conversation_id)
        except RecordLocked:
            self.refresh()
            return
        self.refresh()
        self.recordsChanged.emit(self.person_id)

    def review_current(self):
        """Open a mid-year review of the selected signed plan."""
        from rmp_desktop.ui.midyear_dialog import MidyearDialog

        conversation_id = self.current_id()
        if conversation_id is None or self.current_status() is not Status.SIGNED:
            return None
        dialog = MidyearDialog(self.context, conversation_id, self.window())
        dialog.saved.connect(lambda _entry: self.recordsChanged.emit(self.person_id))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.open_dialog = dialog
        dialog.open()
        return dialog
