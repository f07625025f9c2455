"""Which backups to keep: many recent ones, then thinner and thinner further back.

The rule (a pure function, tested on its own) keeps
  - every backup of the last 24 hours, up to `recent_max` of the newest;
  - the newest backup of each of the last `daily` days that have one;
  - the newest of each of the last `weekly` ISO weeks that have one;
  - the newest of each of the last `monthly` months that have one;
  - always the newest backup of all, and anything dated in the future (a
    wrong clock is no reason to delete).
Periods are counted among those that *have* backups (as borg and restic do),
so a laptop left in a drawer for a season does not come back to an emptied
backups folder. At most recent_max + daily + weekly + monthly files are kept.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Policy:
    recent: timedelta = timedelta(hours=24)
    recent_max: int = 24
    daily: int = 7
    weekly: int = 5
    monthly: int = 12


DEFAULT_POLICY = Policy()


def choose_backups_to_keep(timestamps: Iterable[datetime], now: datetime,
                           policy: Policy = DEFAULT_POLICY) -> set[datetime]:
    """The subset of `timestamps` to keep at time `now` (all naive local, or all aware)."""
    stamps = sorted(set(timestamps), reverse=True)
    if not stamps:
        return set()
    keep = {t for t in stamps if t > now}
    keep.add(stamps[0])
    past = [t for t in stamps if t <= now]
    keep.update([t for t in past if now - t <= policy.recent][:policy.recent_max])
    keep.update(_newest_per_period(past, lambda t: t.date(), policy.daily))
    keep.update(_newest_per_period(past, lambda t: tuple(t.isocalendar())[:2], policy.weekly))
    keep.update(_newest_per_period(past, lambda t: (t.year, t.month), policy.monthly))
    return keep


def _newest_per_period(newest_first: list[datetime], period: Callable[[datetime], Hashable],
                       count: int) -> list[datetime]:
    chosen: list[datetime] = []
    seen: set[Hashable] = set()
    for t in newest_first:
        key = period(t)
        if key in seen:
            continue
        if len(seen) == count:
            break
        seen.add(key)
        chosen.append(t)  # the first seen in a period is its newest
    return chosen


def prune(backups_dir: Path, now: datetime | None = None,
          policy: Policy = DEFAULT_POLICY) -> list[Path]:
    """Delete the application's backups the rule does not keep; returns what was deleted.

    Only files named like the application's backups are considered: anything
    else a person put in the folder is left alone.
    """
    from rmp_desktop.storage.backup import backup_time, list_backups

    now = now or datetime.now()
    files = list_backups(backups_dir)
    times = {path: backup_time(path) for path in files}
    keep = choose_backups_to_keep(times.values(), now, policy)
    deleted = []
    for path, when in times.items():
        if when in keep:
            continue
        try:
            path.unlink()
        except OSError as exc:  # a file in use or read-only: try again next time
            log.warning("could not delete old backup %s: %s", path.name, exc.strerror)
            continue
        deleted.append(path)
    if deleted:
        log.info("thinned backups: %d deleted, %d kept", len(deleted), len(files) - len(deleted))
    return deleted
