"""Realising My Potential, desktop edition."""

__version__ = "0.1.0"
APP_NAME = "rmp-desktop"
APP_TITLE = "Realising My Potential"
