"""`rmp-desktop check` also proves every signed record still matches its fingerprint."""

from __future__ import annotations

import pytest

from rmp_desktop.cli import main
from tests.records_support import add_people, drop_trigger, raw, ready_conversation, sign_both


@pytest.mark.parametrize("edit", [
    "replace(body, 'Launch', 'Cancel')",  # still valid JSON, different words
    "replace(body, 'false', 'felse')",  # no longer JSON at all
])
def test_check_finds_a_signed_record_changed_behind_the_applications_back(store, paths, capsys,
                                                                          edit):
    person, manager = add_people(store)
    conversation = ready_conversation(store, person, manager)
    sign_both(store, conversation.id)
    assert main(["--data-dir", str(paths.data_dir), "check"]) == 0

    conn = raw(paths)
    drop_trigger(conn, "sections_locked_update")  # as someone editing the file would
    conn.execute(f"UPDATE conversation_sections SET body = {edit} "
                 "WHERE conversation_id = ? AND section = 'plan'", (conversation.id,))
    conn.close()

    assert main(["--data-dir", str(paths.data_dir), "check"]) == 1
    out = capsys.readouterr().out
    assert f"record {conversation.uid[:8]}" in out
    assert "changed in the store after signing" in out
