"""A Linux desktop as a screen reader sees it, made for one test run and taken down after.

An X display (Xvfb), a session D-Bus, and the accessibility bus with its registry
(at-spi2-core), the three things Orca needs to hear an application. Each process is
started here and stopped here, by its own process group.
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SYSTEM_PYTHON = "/usr/bin/python3"  # Debian's, with python3-gi and gir1.2-atspi-2.0
BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
SCREEN = "1366x768x24"  # the NHS laptop the issue was walked on

# Variables that would point a program at the desktop this one runs in, not ours.
_FOREIGN = ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "AT_SPI_BUS_ADDRESS",
            "XDG_RUNTIME_DIR", "QT_QPA_PLATFORM", "XAUTHORITY", "QT_SCALE_FACTOR",
            "QT_FONT_DPI", "SESSION_MANAGER")


class DesktopMissing(RuntimeError):
    """A program the screen-reader tests need is not installed."""


def missing_tools() -> list[str]:
    """What scripts/setup.sh installs that is not here (empty when all is well)."""
    missing = [tool for tool in ("Xvfb", "dbus-daemon", "gdbus") if shutil.which(tool) is None]
    missing += [path for path in (BUS_LAUNCHER, SYSTEM_PYTHON) if not Path(path).exists()]
    if Path(SYSTEM_PYTHON).exists():
        probe = subprocess.run(
            [SYSTEM_PYTHON, "-c", "import gi; gi.require_version('Atspi', '2.0')"],
            capture_output=True, check=False)
        if probe.returncode != 0:
            missing.append("python3-gi with gir1.2-atspi-2.0")
    return missing


@contextmanager
def accessible_desktop(folder: Path, screen: str = SCREEN) -> Iterator[dict[str, str]]:
    """Start the display and both buses; yield the environment a program runs in there."""
    missing = missing_tools()
    if missing:
        raise DesktopMissing("The screen-reader tests need " + ", ".join(missing)
                             + ": run scripts/setup.sh, which installs them.")
    runtime = folder / "runtime"
    runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
    env = {key: value for key, value in os.environ.items() if key not in _FOREIGN}
    env["XDG_RUNTIME_DIR"] = str(runtime)
    started: list[subprocess.Popen] = []
    try:
        display = _start_display(screen, env, started)
        env["DISPLAY"] = f":{display}"
        env["DBUS_SESSION_BUS_ADDRESS"] = _start_session_bus(env, started)
        started.append(subprocess.Popen([BUS_LAUNCHER, "--launch-immediately"], env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        start_new_session=True))
        # Blocks until the launcher has the accessibility bus up and its name on the session bus.
        subprocess.run(["gdbus", "wait", "--session", "--timeout", "30", "org.a11y.Bus"],
                       env=env, check=True, capture_output=True, timeout=40)
        yield env
    finally:
        for process in reversed(started):
            _stop(process)


def _start_display(screen: str, env: dict[str, str], started: list) -> str:
    read_end, write_end = os.pipe()
    try:
        started.append(subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_end), "-screen", "0", screen, "-nolisten", "tcp",
             "-noreset"], pass_fds=(write_end,), env=env, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True))
        os.close(write_end)
        write_end = -1
        return _first_line(read_end, "Xvfb")
    finally:
        os.close(read_end)
        if write_end >= 0:
            os.close(write_end)


def _start_session_bus(env: dict[str, str], started: list) -> str:
    bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                           env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                           start_new_session=True)
    started.append(bus)
    assert bus.stdout is not None
    return _first_line(bus.stdout.fileno(), "dbus-daemon")


def _first_line(fd: int, what: str, timeout: float = 30) -> str:
    """The first line a starting program writes to `fd` (its display or bus address)."""
    data = b""
    while not data.endswith(b"\n"):
        ready, _, _ = select.select([fd], [], [], timeout)
        chunk = os.read(fd, 256) if ready else b""
        if not chunk:
            raise RuntimeError(f"{what} did not start")
        data += chunk
    return data.decode().strip()


def _stop(process: subprocess.Popen) -> None:
    """End a process we started and whatever it started (its own process group)."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    for stream in (process.stdout, process.stderr):
        if stream is not None:
            stream.close()
