"""The command line. `main` is the program (`rmp-desktop`, `python -m rmp_desktop`)."""

from rmp_desktop.cli.main import main

__all__ = ["main"]
