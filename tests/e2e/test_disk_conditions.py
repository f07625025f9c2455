"""A full disk and a read-only folder are reported as what they are, never as damage or a
traceback. Each runs the real program in a private mount namespace (`unshare -m`) on a tiny
tmpfs or a read-only bind mount, so nothing outside the test sees the mounts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rmp_desktop.cli import main

STAFF_CSV = "name,job title,band,functional area\n" + "".join(
    f"Aroha Ngata {i},HR Adviser,5,recruitment-and-resourcing\n" for i in range(400))


def in_namespace(script: str, tmp_path: Path) -> subprocess.CompletedProcess:
    if shutil.which("unshare") is None:
        pytest.skip("needs unshare (util-linux) to mount a small disk privately")
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("this account may not make a private mount namespace (needs root)")
    env = dict(os.environ, PY=sys.executable, T=str(tmp_path))
    return subprocess.run(["unshare", "-m", "sh", "-euc", script], capture_output=True,
                          text=True, env=env, timeout=120)


def demo_store(tmp_path: Path) -> Path:
    data = tmp_path / "made"
    assert main(["--data-dir", str(data), "demo"]) == 0
    return data


FILL = ('mount -t tmpfs -o size=6m tmpfs "$T/small"; cp -a "$T/made" "$T/small/data"; '
        'dd if=/dev/zero of="$T/small/filler" bs=4k 2>/dev/null || true; ')


def test_backup_on_a_full_disk_ends_in_words(tmp_path):
    demo_store(tmp_path)
    (tmp_path / "small").mkdir()
    done = in_namespace(FILL + '"$PY" -m rmp_desktop backup --data-dir "$T/small/data" '
                               '|| echo "exit $?"', tmp_path)
    assert "exit 1" in done.stdout, done.stderr
    assert "Traceback" not in done.stderr
    assert "is full" in done.stderr
    assert "damaged" not in done.stderr


def test_import_staff_on_a_full_disk_ends_in_words(tmp_path):
    demo_store(tmp_path)
    (tmp_path / "small").mkdir()
    (tmp_path / "staff.csv").write_text(STAFF_CSV, encoding="utf-8")
    done = in_namespace(FILL + '"$PY" -m rmp_desktop import-staff "$T/staff.csv" '
                               '--data-dir "$T/small/data" || echo "exit $?"', tmp_path)
    assert "exit 1" in done.stdout, done.stderr
    assert "Traceback" not in done.stderr
    assert "full" in done.stderr and "damaged" not in done.stderr


def test_check_in_a_read_only_folder_says_read_only(tmp_path):
    demo_store(tmp_path)
    done = in_namespace('mount --bind "$T/made" "$T/made"; mount -o remount,ro,bind "$T/made"; '
                        'rm -f "$T/made/rmp-desktop.sqlite3-shm" 2>/dev/null || true; '
                        '"$PY" -m rmp_desktop check --data-dir "$T/made" || echo "exit $?"',
                        tmp_path)
    assert "Traceback" not in done.stderr
    out = done.stdout + done.stderr
    assert "read-only" in out and "damaged" not in out
