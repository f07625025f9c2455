"""An amendment says which version it is, what it corrects and why; two windows of one person
are told apart by their titles."""

from __future__ import annotations

from rmp_desktop.storage.signoff_repo import SignoffRepository
from tests.records_support import add_people, ready_conversation, sign_both
from tests.ui.wizard_support import close, show


def test_an_amendment_and_its_original_are_told_apart(qtbot, context, store):
    from rmp_desktop.ui.wizard import open_conversation

    person, manager = add_people(store)
    first = ready_conversation(store, person, manager)
    sign_both(store, first.id)
    second = SignoffRepository.of(store).start_amendment(
        first.id, "The second objective's date was mistyped")
    original = show(qtbot, open_conversation(context, first.id))
    amendment = show(qtbot, open_conversation(context, second.id))
    assert original.windowTitle() != amendment.windowTitle()
    assert original.windowTitle().startswith(
        "Ewa Brzęczyszczykiewicz-Ødegård (Ewa): Appraisal, 6 Oct 2026 (signed)")
    assert amendment.windowTitle().startswith(
        "Ewa Brzęczyszczykiewicz-Ødegård (Ewa): Appraisal, 6 Oct 2026, version 2 (draft)")
    assert amendment.conversation.title.text() == "Ewa: Appraisal, 6 Oct 2026, version 2"
    banner = amendment.conversation.banner
    assert banner.isVisible()
    assert banner.text() == (
        "Amendment: this is version 2 of the appraisal held on 6 Oct 2026, correcting version 1. "
        "Why: The second objective's date was mistyped. Once signed by both, it replaces "
        "version 1.")
    assert not original.conversation.banner.text().startswith("Amendment")
    close(qtbot, amendment)
    close(qtbot, original)
