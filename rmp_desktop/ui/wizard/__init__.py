"""The conversation wizard: open a conversation, or start a new one with a person.

    open_conversation(context, conversation_id, parent=None) -> ConversationWindow
    start_conversation(context, person_id, parent=None) -> ConversationWindow
    flush_all() -> bool        save what is pending in every open conversation
    reload_conversation(context, conversation_id)  show what the store holds now, if open
    close_all() -> bool        close them all (each saves first); False if one stays open

A conversation already open is brought forward rather than opened twice, so
two windows never save over each other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from rmp_desktop.domain.conversation import Kind

if TYPE_CHECKING:  # the window's module loads all the pages: only when one opens
    from rmp_desktop.ui.wizard.wizard import ConversationWindow

_open: dict[tuple[str, int], ConversationWindow] = {}


def _key(context, conversation_id: int) -> tuple[str, int]:
    """An open conversation window, by store (a file, or an organisation's database) and id."""
    location = context.paths.location
    return (location.url or str(location.path), conversation_id)


def open_conversation(context, conversation_id: int,
                      parent: QWidget | None = None) -> ConversationWindow:
    """Show the conversation in its own window (at the step last shown) and return the window."""
    from rmp_desktop.ui.wizard.wizard import ConversationWindow

    key = _key(context, conversation_id)
    window = _open.get(key)
    if window is not None:
        try:
            window.showNormal() if window.isMinimized() else window.show()
            window.raise_()
            window.activateWindow()
            return window
        except RuntimeError:  # already deleted by Qt
            _open.pop(key, None)
    window = ConversationWindow(context, conversation_id, parent, opener=open_conversation)
    _open[key] = window
    window.closed.connect(lambda *_: _open.pop(key, None))
    window.destroyed.connect(lambda *_: _open.pop(key, None))
    window.show()
    return window


def start_conversation(context, person_id: int, parent: QWidget | None = None,
                       kind: Kind | str = Kind.BOTH):
    """Create a draft with today's date and the person's line manager, then open it at set-up."""
    from rmp_desktop.storage.conversation_start import start_conversation as start

    meta = start(context.store(), person_id, context.packs(), kind=kind)
    return open_conversation(context, meta.id, parent)


def open_windows() -> list[ConversationWindow]:
    """Every conversation window open now."""
    alive = []
    for window in list(_open.values()):
        try:
            window.isVisible()
        except RuntimeError:
            continue
        alive.append(window)
    return alive


def reload_conversation(context, conversation_id: int | None) -> None:
    """If that conversation is open, show what the store holds now (after an import)."""
    window = _open.get(_key(context, conversation_id or -1))
    if window is not None:
        try:
            window.conversation.reload_from_store()
        except RuntimeError:  # already deleted by Qt
            pass


def flush_all() -> bool:
    """Save whatever is pending in every open conversation now (switching person, quitting)."""
    return all(window.conversation.flush() for window in open_windows())


def close_all() -> bool:
    """Close every conversation window, each saving first; False if one stays open."""
    return all(window.close() for window in open_windows())


__all__ = ["close_all", "flush_all", "open_conversation", "open_windows", "reload_conversation",
           "start_conversation"]
