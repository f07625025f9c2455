"""Help > Guide, and F1: the short user guide in a window of its own beside the work.

Topics on the left, the chosen one on the right; each step of a conversation has its own
topic, built from the guide and the conversation prompts pack (content.guide). One guide
window at a time: asking for help again brings it forward at the topic asked for.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from rmp_desktop.content.guide import builtin_guide, step_help
from rmp_desktop.domain.packs import ConversationPrompts
from rmp_desktop.ui.widgets import heading
from rmp_desktop.ui.window_fit import keep_on_screen, open_fitted, size_in_font

TopicRole = Qt.ItemDataRole.UserRole + 1

_open: GuideWindow | None = None  # the one guide window, while it is open


class GuideWindow(QDialog):
    def __init__(self, prompts: ConversationPrompts, parent: QWidget | None = None):
        super().__init__(parent)
        self._prompts = prompts
        self.setWindowTitle("Guide — Realising My Potential")
        self.setAccessibleName("Guide")
        self.setModal(False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.topics = QListWidget()
        self.topics.setAccessibleName("Guide topics")
        for found in builtin_guide():
            item = QListWidgetItem(f"    {found.title}" if found.step else found.title)
            item.setData(TopicRole, found.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole,
                         f"Step: {found.title}" if found.step else found.title)
            self.topics.addItem(item)
        # Long titles wrap onto a second line rather than scrolling sideways.
        self.topics.setWordWrap(True)
        self.topics.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.topics.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.topics.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.topics.setMaximumWidth(self.fontMetrics().averageCharWidth() * 36)
        self.text = QTextBrowser()
        self.text.setAccessibleName("Guide text")
        self.text.setOpenExternalLinks(False)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.topics)
        splitter.addWidget(self.text)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Guide", 1.3))
        row = QHBoxLayout()
        row.addWidget(splitter)
        layout.addLayout(row, 1)
        self.topics.currentItemChanged.connect(self._show_current)
        open_fitted(self, size_in_font(self, 110, 36))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        keep_on_screen(self)

    def show_topic(self, topic_id: str) -> None:
        for row in range(self.topics.count()):
            if self.topics.item(row).data(TopicRole) == topic_id:
                self.topics.setCurrentRow(row)
                return
        self.topics.setCurrentRow(0)

    def current_topic(self) -> str:
        item = self.topics.currentItem()
        return item.data(TopicRole) if item is not None else ""

    def _show_current(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is None:
            return
        topic_id = item.data(TopicRole)
        found = next(t for t in builtin_guide() if t.id == topic_id)
        if found.step:
            self.text.setMarkdown(step_help(found.step, self._prompts))
        else:
            self.text.setMarkdown(f"# {found.title}\n\n{found.markdown}")
        self.text.verticalScrollBar().setValue(0)


def open_guide(parent: QWidget, prompts: ConversationPrompts, topic_id: str = "start"
               ) -> GuideWindow:
    """Show the guide at a topic, reusing the window if it is open already."""
    global _open
    if _open is None:
        window = _open = GuideWindow(prompts, parent.window())
        # Forgotten once closed, not only once deleted: a closed guide is deleted later, and
        # help asked for before then must open a new window, not show one about to go.
        window.finished.connect(lambda _result: _forget(window))
        window.destroyed.connect(lambda *_args: _forget(window))
    _open.show_topic(topic_id)
    _open.show()
    _open.raise_()
    _open.activateWindow()
    _open.topics.setFocus(Qt.FocusReason.OtherFocusReason)
    return _open


def _forget(window: GuideWindow) -> None:
    global _open
    if _open is window:  # a window closed earlier never forgets the one open now
        _open = None
