"""`rmp-desktop report` as a real process, and the organisation window an HR/OD lead's login
opens on its own (fictional people only)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date

import pytest

from rmp_desktop.app import ENV_QUIT_AFTER_START
from rmp_desktop.cli import main


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rmp_desktop", *args], capture_output=True,
                          text=True, timeout=120, env=env or dict(os.environ))


@pytest.fixture
def demo(tmp_path):
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "demo"]) == 0
    return data


def test_report_json_holds_only_suppressed_figures_and_no_ones_name(demo):
    done = run("--data-dir", str(demo), "report", "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["format"] == "rmp-report" and report["people"] == 15
    counts = [v for t in report["tables"] for r in t["rows"] for v in r["counts"]]
    assert counts and all(v is None or v % 5 == 0 for v in counts)
    # The demo team's members are in no figure; only line managers label their teams.
    groups = {r["group"] for t in report["tables"] for r in t["rows"]}
    for name in ("Aušra Žukauskienė", "Zainab Al-Farsi", "Chloé Dubois-Mensah", "Minh Anh"):
        assert name not in done.stdout
    assert {"Band 6", "All people"} <= groups


def test_report_files_go_through_the_destination_rules(demo, tmp_path):
    out = tmp_path / "team report.csv"
    done = run("--data-dir", str(demo), "report", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8-sig").startswith('"as at","figures for"')
    again = run("--data-dir", str(demo), "report", "--out", str(out))
    assert again.returncode == 1 and "--overwrite" in again.stderr
    assert run("--data-dir", str(demo), "report", "--out", str(out),
               "--overwrite").returncode == 0
    notes = tmp_path / "notes.csv"
    notes.write_text("my own notes\n", encoding="utf-8")
    refused = run("--data-dir", str(demo), "report", "--out", str(notes), "--overwrite")
    assert refused.returncode == 1 and "is not a report CSV" in refused.stderr
    assert notes.read_text(encoding="utf-8") == "my own notes\n"
    inside = run("--data-dir", str(demo), "report", "--out", str(demo / "backups" / "r.csv"))
    assert inside.returncode == 1 and "backups folder" in inside.stderr
    pdf = tmp_path / "report.pdf"
    assert run("--data-dir", str(demo), "report", "--by", "functional_area", "--out",
               str(pdf)).returncode == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    wrong = run("--data-dir", str(demo), "report", "--by", "shoe_size")
    assert wrong.returncode == 2 and "choose one of band, functional_area" in wrong.stderr


@pytest.fixture
def organisation(pg_database, pg_login, tmp_path):
    """An organisation's store with the demo team, and an HR/OD lead's login."""
    data = tmp_path / "admin"
    assert main(["--data-dir", str(data), "--store", pg_database, "demo"]) == 0
    return {"admin": pg_database, "lead": pg_login("lead"), "data": data}


def test_the_lead_reads_what_the_administrators_published(organisation, tmp_path):
    lead = organisation["lead"]
    lead_data = tmp_path / "lead"
    before = run("--data-dir", str(lead_data), "--store", lead, "report")
    assert before.returncode == 1 and "store-admin publish-reports" in before.stderr
    published = run("--data-dir", str(organisation["data"]), "--store", organisation["admin"],
                    "store-admin", "publish-reports")
    assert published.returncode == 0, published.stderr
    assert "Published the reports as at" in published.stdout
    done = run("--data-dir", str(lead_data), "--store", lead, "report", "--on", "01/01/2020")
    assert done.returncode == 0, done.stderr
    assert "published by the store's administrators" in done.stdout
    assert f"Report as at {date.today().day}" in done.stdout  # its own day, not the one asked
    pdf = tmp_path / "org.pdf"
    assert run("--data-dir", str(lead_data), "--store", lead, "report", "--out",
               str(pdf)).returncode == 0


def test_the_leads_window_opens_on_the_published_reports(organisation, tmp_path):
    assert main(["--data-dir", str(organisation["data"]), "--store", organisation["admin"],
                 "store-admin", "publish-reports"]) == 0
    lead_data = tmp_path / "lead"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TMPDIR=str(tmp_path),
               **{ENV_QUIT_AFTER_START: "1"})
    done = run("--data-dir", str(lead_data), "--store", organisation["lead"], env=env)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    log = "".join(p.read_text(encoding="utf-8") for p in (lead_data / "logs").glob("*.log*"))
    assert "organisation window shown" in log and "team shown" not in log
