"""Both sides through the command line, with two data folders: prepare, send, import, sign,
give the copy back, take it in, verify it there, note progress, prepare again."""

from __future__ import annotations

import json

from rmp_desktop.cli import main
from rmp_desktop.paths import AppPaths
from rmp_desktop.storage import bootstrap
from rmp_desktop.storage.my_development import MyDevelopmentRepository
from rmp_desktop.storage.store import Store
from tests.exchange_support import full_content
from tests.records_support import MANAGER, fill_ready, sign_both


def run(folder, *args) -> int:
    return main(["--data-dir", str(folder), *args])


def test_a_preparation_goes_there_and_a_signed_copy_comes_back(tmp_path, capsys):
    staff, manager = tmp_path / "staff", tmp_path / "manager"
    assert run(staff, "my-details", "--name", "Ewa Brzęczyszczykiewicz-Ødegård",
               "--preferred-name", "Ewa", "--band", "7", "--area", "employee relations",
               "--job-title", "Senior HR Adviser", "--manager", "Theo K",
               "--assignment-number", "T-0001") == 0
    store = Store(AppPaths(staff).store)
    mine = MyDevelopmentRepository.of(store)
    for part, body in full_content().items():
        mine.save_part(part, body)
    store.close()
    capsys.readouterr()

    prep_file = tmp_path / "ewa-preparation.json"
    assert run(staff, "prep-export", "--out", str(prep_file)) == 0
    out = capsys.readouterr().out
    assert "1 private note stays on this computer" in out
    assert "private worry" not in prep_file.read_text(encoding="utf-8")
    assert run(staff, "prep-export", "--out", str(prep_file)) == 1  # never over a file unasked
    assert "already exists" in capsys.readouterr().err

    # The manager's store knows Ewa by her assignment number only.
    bootstrap.prepare(AppPaths(manager).ensure().store, manager / "backups")
    mstore = Store(AppPaths(manager).store)
    boss = mstore.staff.add(MANAGER)
    from tests.exchange_support import ME

    ewa = mstore.staff.add(ME.with_changes(line_manager_id=boss.id, email=""))
    mstore.close()
    assert run(manager, "import-prep", str(prep_file)) == 0
    out = capsys.readouterr().out
    assert "new draft conversation" in out
    assert run(manager, "import-prep", str(prep_file)) == 0
    assert "nothing has changed" in capsys.readouterr().out

    mstore = Store(AppPaths(manager).store)
    [draft] = mstore.conversations.list_for_person(ewa.id)
    doc = mstore.conversations.document(draft.id)
    assert doc["competencies"]["ratings"]["relationship-builder"]["self"] == 4
    fill_ready(mstore, draft.id)
    mstore.conversations.update_details(draft.id, manager_name=boss.full_name)
    sign_both(mstore, draft.id)
    mstore.close()

    copy_file = tmp_path / "ewa-record.json"
    assert run(manager, "record-copy", draft.uid[:8], "--out", str(copy_file)) == 0
    capsys.readouterr()
    assert (tmp_path / "ewa-record.pdf").exists()

    assert run(staff, "import-record", str(copy_file)) == 0
    assert "genuine" in capsys.readouterr().out
    assert run(staff, "verify", str(tmp_path / "ewa-record.pdf")) == 0
    assert "matches the signed record" in capsys.readouterr().out
    assert run(staff, "check") == 0
    capsys.readouterr()

    assert run(staff, "progress") == 0
    listed = capsys.readouterr().out
    assert listed.startswith("1. Shadow the deputy director")
    assert run(staff, "progress", "1", "--note", "Hearing attended in January.",
               "--done", "2027-01-20") == 0
    capsys.readouterr()
    second = tmp_path / "ewa-preparation-2.json"
    assert run(staff, "prep-export", "--out", str(second)) == 0
    assert "progress on 1 action" in capsys.readouterr().out
    sent = json.loads(second.read_text(encoding="utf-8"))
    assert sent["content"]["progress"][0]["done_on"] == "2027-01-20"

    assert run(manager, "import-prep", str(second)) == 0
    out = capsys.readouterr().out
    assert "progress: Shadow the deputy director" in out and "done 20 Jan 2027" in out
    mstore = Store(AppPaths(manager).store)
    try:
        drafts = [m for m in mstore.conversations.list_for_person(ewa.id)
                  if m.status.value == "draft"]
        [row] = mstore.conversations.document(drafts[0].id)["looking_back"]["action_progress"]
        assert row["note"] == "Hearing attended in January."
    finally:
        mstore.close()


def test_a_name_only_match_is_refused_with_the_candidates_when_no_one_can_answer(
        tmp_path, capsys, monkeypatch):
    staff, manager = tmp_path / "staff", tmp_path / "manager"
    assert run(staff, "my-details", "--name", "Sam Lee", "--band", "5", "--area", "hr policy") == 0
    prep_file = tmp_path / "sam.json"
    assert run(staff, "prep-export", "--out", str(prep_file)) == 0
    bootstrap.prepare(AppPaths(manager).ensure().store, manager / "backups")
    mstore = Store(AppPaths(manager).store)
    from rmp_desktop.domain.staff import StaffMember

    a = mstore.staff.add(StaffMember(full_name="Sam Lee", band="5", functional_area="hr-policy",
                                     job_title="HR Adviser"))
    mstore.staff.add(StaffMember(full_name="Sam Lee", band="6", functional_area="hr-policy",
                                 job_title="Policy Lead"))
    mstore.close()
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert run(manager, "import-prep", str(prep_file)) == 1
    err = capsys.readouterr().err
    assert "HR Adviser" in err and "Policy Lead" in err and "--person ID" in err
    assert run(manager, "import-prep", str(prep_file), "--person", str(a.id)) == 0
