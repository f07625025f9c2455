"""Resident memory of this process and of its children, from /proc (Linux)."""

from __future__ import annotations

import os
import resource
from pathlib import Path


def rss_mb() -> tuple[float, float]:
    """(current, peak) resident memory of this process in MB.

    From /proc (VmRSS, VmHWM): getrusage's maxrss survives exec, so in a child it would
    report the parent's peak.
    """
    try:
        with open("/proc/self/status") as f:
            fields = dict(line.split(":", 1) for line in f if ":" in line)
        return (int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024)
    except (OSError, KeyError, ValueError):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return float("nan"), peak


def workers_rss_mb() -> float:
    """The resident memory of this process's children (the batch's workers), added up."""
    total = 0
    me = str(os.getpid())
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines()
                          if ":" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == me:
            total += int(fields.get("VmRSS", "0 kB").split()[0])
    return total / 1024
