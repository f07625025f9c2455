"""Starting a conversation with a person: find their line manager, create the draft.

Below the window so the command line, an import or a report tool starts a
conversation the same way the team window does.
"""

from __future__ import annotations

from datetime import date

from rmp_desktop.domain.conversation import Kind
from rmp_desktop.domain.packs import PackSet
from rmp_desktop.storage.conversation_repo import ConversationMeta
from rmp_desktop.storage.store import Store


def line_manager_of(store: Store, person_id: int) -> tuple[str, int | None]:
    """The person's line manager as (name shown, id), or ("", None) when none is recorded or the
    recorded one is no longer in the store."""
    person = store.staff.get(person_id)
    if person.line_manager_id is None:
        return "", None
    try:
        manager = store.staff.get(person.line_manager_id)
    except LookupError:
        return "", None
    return manager.display_name, manager.id


def start_conversation(store: Store, person_id: int, packs: PackSet, *,
                       kind: Kind | str = Kind.BOTH, held_on: date | None = None) -> ConversationMeta:
    """A new draft with the person, held today unless said otherwise, their line manager named."""
    manager_name, manager_id = line_manager_of(store, person_id)
    return store.conversations.create(person_id, kind, held_on or date.today(),
                                      manager_name=manager_name, manager_id=manager_id,
                                      packs=packs)
