"""Smaller holes: the instance socket's place, the log file's mode, crashes in the log, odd paths."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys

import pytest

from rmp_desktop import logs
from rmp_desktop.cli import main
from rmp_desktop.paths import AppPaths
from rmp_desktop.ui.single_instance import server_name


@pytest.mark.parametrize("name", ["data?x", "data%20y", "da ta#z"])
def test_a_data_folder_with_odd_characters_works(tmp_path, capsys, name):
    data = tmp_path / name
    assert main(["--data-dir", str(data), "demo"]) == 0
    assert main(["--data-dir", str(data), "check"]) == 0
    assert (data / "rmp-desktop.sqlite3").is_file()
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no store under a cut-off path


@pytest.fixture
def short_tmp():
    """Socket paths are limited to about 100 bytes: pytest's own folders are too deep."""
    import shutil
    import tempfile

    folder = tempfile.mkdtemp(prefix="rmp-", dir="/tmp")
    yield __import__("pathlib").Path(folder)
    shutil.rmtree(folder, ignore_errors=True)


def test_the_instance_socket_lives_in_an_owner_only_folder(short_tmp, monkeypatch):
    tmp_path = short_tmp
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setenv("TMPDIR", str(tmp_path / "shared-tmp"))
    (tmp_path / "shared-tmp").mkdir(mode=0o1777)
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # let gettempdir read TMPDIR again
    name = server_name(AppPaths(tmp_path / "data"))
    folder = os.path.dirname(name)
    assert folder != str(tmp_path / "shared-tmp")
    info = os.lstat(folder)
    assert info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) == 0o700


def test_a_folder_someone_else_prepared_in_tmp_is_not_used(short_tmp, monkeypatch):
    tmp_path = short_tmp
    (tmp_path / "data").mkdir()
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    shared = tmp_path / "shared-tmp"
    shared.mkdir()
    monkeypatch.setenv("TMPDIR", str(shared))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    planted = shared / f"rmp-desktop-{os.getuid()}"
    planted.mkdir(mode=0o777)
    os.chmod(planted, 0o777)  # open to everyone, as another account would leave it
    name = server_name(AppPaths(tmp_path / "data"))
    assert name is not None and not name.startswith(str(planted))
    assert name.startswith(str(tmp_path / "data" / ".run"))


def test_the_log_file_is_readable_by_its_owner_only(tmp_path):
    path = logs.configure(tmp_path / "logs")
    logging.getLogger("rmp_desktop.test").info("an event")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_command_line_crash_goes_to_the_log_without_its_message(tmp_path):
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "demo"]) == 0
    # The real program, with one command made to fail as an unexpected bug would.
    script = (
        "import sys\n"
        "from rmp_desktop.cli import records\n"
        "def broken(args, paths):\n"
        "    raise RuntimeError('Aroha Ngata said something private')\n"
        "records.run_records = broken\n"
        "from rmp_desktop.cli import main\n"
        f"sys.exit(main(['--data-dir', {str(data)!r}, 'records']))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "log file" in done.stderr
    logged = (data / "logs" / "rmp-desktop.log").read_text(encoding="utf-8")
    assert "command records failed with RuntimeError" in logged
    assert "in broken" in logged  # where it happened
    assert "Aroha" not in logged and "private" not in logged
