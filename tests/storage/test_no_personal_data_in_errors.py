"""A failing statement's error text (which ends up in the log and in message boxes) carries
no parameters: no names and nothing said in a conversation."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from rmp_desktop.domain.staff import StaffMember


def test_database_errors_do_not_repeat_what_was_typed(store, caplog):
    secret = "Ганна told me about her divorce"
    person = store.staff.add(StaffMember(full_name="Ганна Коваленко", band="6",
                                         functional_area="edi"))
    with pytest.raises(IntegrityError) as caught, store.engine.begin() as conn:
        conn.execute(text("INSERT INTO conversations(id, uid, person_id, kind, held_on, "
                          "manager_name, created_at, updated_at) VALUES "
                          "(1, :uid, :pid, 'both', '2026-01-01', :note, '2026-01-01 00:00:00', "
                          "'2026-01-01 00:00:00')"),
                     {"uid": "u", "pid": person.id + 999, "note": secret})
    with caplog.at_level(logging.ERROR, logger="rmp_desktop"):
        logging.getLogger("rmp_desktop.test").error("failed", exc_info=caught.value)
    assert secret not in str(caught.value)
    assert "Ганна" not in caplog.text and secret not in caplog.text
