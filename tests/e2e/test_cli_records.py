"""`records`, `export` and `verify` on the demo store, as scripts and IT teams would run them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from rmp_desktop.cli import main
from rmp_desktop.domain import dates
from rmp_desktop.domain.signoff import can_sign
from rmp_desktop.storage.signoff_repo import SignoffRepository
from rmp_desktop.storage.store import Store


@pytest.fixture(params=["sqlite", "postgresql"])
def store_kind(request) -> str:
    """The same commands on a store file and on an organisation's PostgreSQL store."""
    return request.param


def run(paths, *args) -> int:
    return main(["--data-dir", str(paths.data_dir), *args])


@pytest.fixture
def demo(paths, capsys):
    assert run(paths, "demo") == 0
    capsys.readouterr()
    return paths


def listing(paths, capsys, *args) -> list[dict]:
    assert run(paths, "records", "--json", *args) == 0
    return json.loads(capsys.readouterr().out)


def by_status(rows: list[dict], status: str) -> list[dict]:
    return [r for r in rows if r["status"] == status]


def test_the_demo_leaves_records_in_every_state(demo, capsys):
    rows = listing(demo, capsys)
    counts = {s: len(by_status(rows, s)) for s in ("draft", "awaiting_signoff", "signed",
                                                   "superseded")}
    assert counts == {"draft": 3, "awaiting_signoff": 1, "signed": 4, "superseded": 1}
    [old] = by_status(rows, "superseded")
    [amended] = [r for r in rows if r["supersedes"] == old["uid"]]
    assert amended["version"] == 2 and amended["status"] == "signed"
    for row in by_status(rows, "signed"):
        assert {s["role"] for s in row["signatures"]} == {"employee", "manager"}
        assert len(row["fingerprint"]) == 64 and row["id"] == row["uid"][:8]
    [waiting] = by_status(rows, "awaiting_signoff")
    assert [s["role"] for s in waiting["signatures"]] == ["employee"]


def test_the_demo_records_satisfy_the_signoff_rules_and_check_out(demo, capsys):
    store = Store(demo.location)
    try:
        repo = SignoffRepository.of(store)
        for meta in store.conversations.all():
            check = repo.verify_stored(meta.id)
            assert check.ok, check.problems
            if meta.status.value != "draft":
                assert can_sign(repo.record_for(meta.id).document)
        ready = [m for m in store.conversations.all() if m.status.value == "draft"
                 and can_sign(store.conversations.document(m.id))]
        assert len(ready) == 1  # one finished and ready to sign; the others still need work
    finally:
        store.close()
    assert run(demo, "check") == 0
    assert "healthy" in capsys.readouterr().out


def test_records_as_a_table_and_for_one_person(demo, capsys):
    assert run(demo, "records") == 0
    out = capsys.readouterr().out
    header, *lines = out.splitlines()
    assert header.split()[:4] == ["Record", "Person", "Kind", "Version"]
    assert len(lines) == 9 and "Awaiting sign-off" in out and "Superseded" in out
    newest = listing(demo, capsys)[0]
    held = dates.from_iso(newest["held_on"])
    assert newest["held_on"] == held.isoformat()  # JSON keeps the stored form, for scripts
    assert dates.display_date(held) in lines[0]  # the table says it as the window and PDF do
    assert newest["held_on"] not in out
    rows = listing(demo, capsys, "--person", "ausra zukauskiene")  # accents optional
    assert [r["person"] for r in rows] == ["Aušra Žukauskienė"]
    rows = listing(demo, capsys, "--person", "Priya")
    assert sorted(r["version"] for r in rows) == [1, 2]
    assert run(demo, "records", "--person", "Nobody Here") == 1
    assert "No one" in capsys.readouterr().err


def test_export_one_signed_record_and_verify_it(demo, tmp_path, capsys):
    [row] = [r for r in listing(demo, capsys) if r["person"] == "Tomasz Wiśniewski"]
    out = tmp_path / "tomasz.pdf"
    assert run(demo, "export", row["id"], "--out", str(out)) == 0
    assert "final record" in capsys.readouterr().out
    assert out.read_bytes().startswith(b"%PDF")
    assert run(demo, "verify", str(out)) == 0
    assert "matches the signed record" in capsys.readouterr().out
    again = tmp_path / "again.pdf"
    assert run(demo, "export", row["uid"], "--out", str(again)) == 0  # the full form too
    # The same record gives the same content; what follows it (the audit log's head and the
    # PDF signature with its time) is added per export.
    from rmp_desktop.export.pdf_seal import content_of

    assert content_of(again.read_bytes()) == content_of(out.read_bytes())
    assert again.read_bytes() != out.read_bytes()


def test_an_unsigned_record_exports_only_as_a_draft(demo, tmp_path, capsys):
    [row] = by_status(listing(demo, capsys), "awaiting_signoff")
    out = tmp_path / "draft.pdf"
    assert run(demo, "export", row["id"], "--out", str(out)) == 1
    assert "--draft" in capsys.readouterr().err and not out.exists()
    assert run(demo, "export", row["id"], "--out", str(out), "--draft") == 0
    assert "draft copy" in capsys.readouterr().out
    assert run(demo, "verify", str(out)) == 1
    assert "before both had signed" in capsys.readouterr().out


@pytest.mark.parametrize("identifier, message", [
    ("0000000000", "No record has the identifier"),
    ("abc", "at least 6"),
    ("not-a-record!", "not a record identifier"),
])
def test_a_record_that_cannot_be_found_is_explained(demo, tmp_path, capsys, identifier,
                                                    message):
    assert run(demo, "export", identifier, "--out", str(tmp_path / "x.pdf")) == 1
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("args", [
    ["export"],
    ["export", "abcdef12"],
    ["export", "--all-signed"],
    ["export", "abcdef12", "--all-signed", "--out-dir", "x"],
])
def test_export_usage_mistakes(demo, capsys, args):
    assert run(demo, *args) == 2
    assert capsys.readouterr().err


def test_export_all_signed_then_verify_each(demo, tmp_path, capsys):
    folder = tmp_path / "team"
    assert run(demo, "export", "--all-signed", "--out-dir", str(folder)) == 0
    assert "Exported 4 of 4" in capsys.readouterr().out
    files = sorted(folder.glob("*.pdf"))
    assert len(files) == 4 and any("version 2" in f.name for f in files)
    assert not list(folder.glob("*.part"))
    for pdf in files:
        assert run(demo, "verify", str(pdf)) == 0, pdf.name
    assert run(demo, "check") == 0  # exports and verifications kept the audit chain whole
    assert "healthy" in capsys.readouterr().out


def test_one_failure_is_reported_and_the_others_still_export(demo, tmp_path, capsys,
                                                             monkeypatch):
    import rmp_desktop.export.pdf as pdf

    real = pdf.render_record

    def flaky(record, packs, signatures, *, final, **marks):
        if record.person.full_name.startswith("Mehmet"):
            raise RuntimeError("a drawing failed")
        return real(record, packs, signatures, final=final, **marks)

    monkeypatch.setattr(pdf, "render_record", flaky)
    folder = tmp_path / "team"
    assert run(demo, "export", "--all-signed", "--out-dir", str(folder)) == 1
    captured = capsys.readouterr()
    assert "Exported 3 of 4" in captured.out
    assert "was not exported: the PDF could not be made" in captured.err
    assert "a drawing failed" not in captured.err  # details go to the log, not the screen
    assert len(list(folder.glob("*.pdf"))) == 3 and not list(folder.glob("*.part"))


def test_export_loads_only_what_it_needs_in_its_own_process(demo, tmp_path):
    out = tmp_path / "one.pdf"
    store = Store(demo.location)
    try:
        uid = next(m.uid for m in store.conversations.all() if m.status.value == "signed")
    finally:
        store.close()
    script = ("import sys; from rmp_desktop.cli import main; "
              f"code = main(['--data-dir', {str(demo.data_dir)!r}, 'export', {uid!r}, "
              f"'--out', {str(out)!r}]); "
              "heavy = [m for m in ('PySide6', 'sqlalchemy', 'yaml', 'pypdf') if m in sys.modules]; "
              "print('loaded:', *heavy); "
              "sys.exit(code)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("loaded:") and out.stat().st_size > 10_000


def test_a_batch_drawn_by_worker_processes_is_the_batch_drawn_here(demo, tmp_path, capsys):
    """Every core draws and signs; this process writes and logs each file in order. The files
    draw exactly what a batch made in one process draws, each verifies, the log stays whole."""
    from rmp_desktop.export.pdf_seal import content_of
    from rmp_desktop.export.record_export import export_all_signed

    here = export_all_signed(demo.location, tmp_path / "here", workers=1)
    spread = export_all_signed(demo.location, tmp_path / "spread", workers=2)
    assert here.ok and spread.ok and len(spread.exported) == len(here.exported) == 4
    assert [e.uid for e in spread.exported] == [e.uid for e in here.exported]
    for one, other in zip(here.exported, spread.exported, strict=True):
        assert one.path.name == other.path.name
        assert content_of(other.path.read_bytes()) == content_of(one.path.read_bytes())
        assert run(demo, "verify", str(other.path)) == 0, other.path.name
    capsys.readouterr()
    assert run(demo, "check") == 0
    assert "healthy" in capsys.readouterr().out


def test_a_batch_on_worker_processes_stops_when_asked(demo, tmp_path):
    from rmp_desktop.export.record_export import export_all_signed

    asked: list[int] = []
    result = export_all_signed(demo.location, tmp_path / "team", workers=2,
                               progress=lambda done, total: asked.append(done),
                               should_stop=lambda: len(asked) >= 1)
    assert result.cancelled and len(result.exported) == 1 and asked == [1]
    assert [p.name for p in (tmp_path / "team").glob("*.pdf")] == [result.exported[0].path.name]
