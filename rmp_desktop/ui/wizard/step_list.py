"""The list of steps at the side: where you are, and which steps are complete.

Complete is shown by a tick and the word "complete" for screen readers, the
current step by selection, bold text and the word "current": never colour alone.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from rmp_desktop.domain.conversation import STEP_TITLES
from rmp_desktop.ui.widgets import TICK

StepIdRole = Qt.ItemDataRole.UserRole + 1
CompleteRole = Qt.ItemDataRole.UserRole + 2

_NO_INDEX = QModelIndex()


class StepListModel(QAbstractListModel):
    def __init__(self, parent=None, titles: dict[str, str] = STEP_TITLES):
        super().__init__(parent)
        self.titles = titles
        self._steps: tuple[str, ...] = ()
        self._complete: dict[str, bool] = {}
        self._current = ""

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_INDEX) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._steps)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._steps)):
            return None
        step = self._steps[index.row()]
        done = self._complete.get(step, False)
        number = index.row() + 1
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{number}. {self.titles[step]}" + (f"  {TICK}" if done else "")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            parts = [f"Step {number} of {len(self._steps)}: {self.titles[step]}"]
            parts.append("complete" if done else "not complete")
            if step == self._current:
                parts.append("current step")
            return ", ".join(parts)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "Complete" if done else "Not complete yet"
        if role == Qt.ItemDataRole.FontRole and step == self._current:
            font = QFont()
            font.setBold(True)
            return font
        if role == StepIdRole:
            return step
        if role == CompleteRole:
            return done
        return None

    def set_steps(self, steps: tuple[str, ...]) -> None:
        if steps == self._steps:
            return
        self.beginResetModel()
        self._steps = tuple(steps)
        self.endResetModel()

    def steps(self) -> tuple[str, ...]:
        return self._steps

    def set_complete(self, step: str, done: bool) -> None:
        if self._complete.get(step) == done:
            return
        self._complete[step] = done
        self._changed(step)

    def set_current(self, step: str) -> None:
        before, self._current = self._current, step
        self._changed(before)
        self._changed(step)

    def row_of(self, step: str) -> int:
        return self._steps.index(step) if step in self._steps else -1

    def _changed(self, step: str) -> None:
        row = self.row_of(step)
        if row >= 0:
            index = self.index(row)
            self.dataChanged.emit(index, index)


class StepList(QListView):
    def __init__(self, parent: QWidget | None = None, titles: dict[str, str] = STEP_TITLES):
        super().__init__(parent)
        self.step_model = StepListModel(self, titles)
        self.setModel(self.step_model)
        self.setAccessibleName("Steps")
        self.setAccessibleDescription(
            "The steps of the conversation. Any step can be opened in any order; a tick marks "
            "a complete step.")
        # Reached with Ctrl+L or a click, never by Tab: Tab stays on the page, where the arrow
        # keys cannot change the step by surprise.
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setSpacing(max(2, self.fontMetrics().height() // 5))

    def select_step(self, step: str) -> None:
        row = self.step_model.row_of(step)
        if row >= 0 and self.currentIndex().row() != row:
            self.setCurrentIndex(self.step_model.index(row))

    def sizeHint(self):  # noqa: N802 - Qt override
        hint = super().sizeHint()
        key = self.font().key()
        if getattr(self, "_widest_for", None) != key:  # asked on every layout pass: measure once
            self._widest_for = key
            self._widest = max((self.fontMetrics().horizontalAdvance(f"10. {t}  {TICK}")
                                for t in self.step_model.titles.values()), default=100)
        widest = self._widest
        hint.setWidth(widest + 3 * self.fontMetrics().averageCharWidth() + self.spacing() * 2)
        return hint
