"""A second launch on the same data folder brings the first window forward instead of
opening the store twice; another data folder is another instance."""

from __future__ import annotations

import os
import selectors
import subprocess
import sys

# The real program, with its instance server patched only to say when it is listening.
ANNOUNCING = """
import sys
from rmp_desktop.ui import single_instance
original = single_instance.InstanceServer.__init__
def announce(self, *args, **kwargs):
    original(self, *args, **kwargs)
    print("listening", flush=True)
single_instance.InstanceServer.__init__ = announce
from rmp_desktop.cli import main
sys.exit(main(["--data-dir", sys.argv[1]]))
"""


def environment(tmp_path):
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", TMPDIR=str(tmp_path / "sockets"))


def start_listening(data_dir, env):
    process = subprocess.Popen([sys.executable, "-c", ANNOUNCING, str(data_dir)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        assert selector.select(timeout=60), "the instance never started listening"
    assert process.stdout.readline().strip() == "listening"
    return process


def test_second_launch_brings_the_first_forward_and_exits(tmp_path):
    env = environment(tmp_path)
    (tmp_path / "sockets").mkdir()
    first = start_listening(tmp_path / "data", env)
    try:
        second = subprocess.run([sys.executable, "-m", "rmp_desktop", "--data-dir",
                                 str(tmp_path / "data")], capture_output=True, text=True,
                                env=env, timeout=60)
        assert second.returncode == 0, second.stderr
        assert "already open" in second.stdout
        assert first.poll() is None  # the first is still running

        elsewhere = start_listening(tmp_path / "other", env)  # another folder, another instance
        elsewhere.terminate()
        elsewhere.wait(timeout=30)
    finally:
        first.terminate()
        first.wait(timeout=30)
