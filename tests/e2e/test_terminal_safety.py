"""Names never reach a terminal raw: a store edited behind the application's back holds escapes
and direction overrides, and `records` shows them as visible codes (JSON keeps them exactly)."""

from __future__ import annotations

import json
import sqlite3

from rmp_desktop.cli import main

EVIL = "Mina\x1b]0;owned\x07 Ka\u202eyak\x9b2J"


def run(paths, *args) -> int:
    return main(["--data-dir", str(paths.data_dir), *args])


def test_records_shows_hidden_characters_instead_of_sending_them(paths, capsys):
    assert run(paths, "demo") == 0
    with sqlite3.connect(paths.store) as conn:  # as someone with the sqlite3 tool could
        conn.execute("UPDATE staff SET full_name = ?, preferred_name = '' WHERE id = "
                     "(SELECT person_id FROM conversations WHERE status = 'draft' LIMIT 1)",
                     (EVIL,))
    capsys.readouterr()
    assert run(paths, "records") == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out and "\x9b" not in out and "\x07" not in out
    assert "Mina\\x1b]0;owned\\x07 Ka\\u202eyak\\x9b2J" in out
    assert run(paths, "records", "--json") == 0
    raw = capsys.readouterr().out
    assert "\x1b" not in raw and "\u202e" not in raw and "\x9b" not in raw
    assert EVIL in [row["person"] for row in json.loads(raw)]  # the data itself, unchanged
    assert run(paths, "records", "--person", "zz\x1b[2Jzz") == 1
    assert "\x1b" not in capsys.readouterr().err


def test_a_name_with_hidden_characters_cannot_be_saved(store):
    import pytest

    from rmp_desktop.domain.staff import StaffMember
    from rmp_desktop.storage.staff_repo import ValidationFailed

    with pytest.raises(ValidationFailed) as refused:
        store.staff.add(StaffMember(full_name=EVIL, band="5", functional_area="hr-policy"))
    assert refused.value.errors["full_name"].startswith("The name contains a terminal escape")
    assert store.staff.count(include_archived=True) == 0


def test_export_file_names_carry_no_direction_override():
    from rmp_desktop.export.record_export import file_name

    name = file_name("Ali\u202efdp.exe", "appraisal", "2026-01-05", 1, "ab" * 16)
    assert "\u202e" not in name and name.endswith(" - abababab.pdf")
