"""Thinning backups: the rule on its own, on many synthetic timestamps, and on a real folder."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest

from rmp_desktop.storage.retention import (
    DEFAULT_POLICY,
    Policy,
    choose_backups_to_keep,
    prune,
)


@pytest.fixture
def store_kind() -> str:
    return "sqlite"  # about what only a SQLite store has: its file

NOW = datetime(2025, 6, 18, 15, 7, 0)
BOUND = (DEFAULT_POLICY.recent_max + DEFAULT_POLICY.daily + DEFAULT_POLICY.weekly
         + DEFAULT_POLICY.monthly)


def every(step: timedelta, span: timedelta, end: datetime = NOW, jitter_s: int = 0,
          seed: int = 1) -> list[datetime]:
    rng = random.Random(seed)
    out, t = [], end
    while t > end - span:
        out.append(t - timedelta(seconds=rng.randint(0, jitter_s)) if jitter_s else t)
        t -= step
    return out


def check_invariants(stamps: list[datetime], kept: set[datetime], now: datetime) -> None:
    assert kept <= set(stamps)
    assert max(stamps) in kept
    assert len([t for t in kept if t <= now]) <= BOUND + 1
    # Thinning what was kept changes nothing: pruning twice is pruning once.
    assert choose_backups_to_keep(kept, now) == kept


def test_nothing_in_nothing_out():
    assert choose_backups_to_keep([], NOW) == set()


def test_a_single_old_backup_is_never_deleted():
    only = NOW - timedelta(days=900)
    assert choose_backups_to_keep([only], NOW) == {only}


def test_backups_from_the_future_are_kept():
    future = [NOW + timedelta(days=d) for d in (1, 40, 400)]
    assert set(future) <= choose_backups_to_keep(future + every(timedelta(hours=1),
                                                                timedelta(days=90)), NOW)


def test_the_last_day_is_kept_whole_up_to_the_limit():
    stamps = every(timedelta(hours=2), timedelta(hours=24))
    assert choose_backups_to_keep(stamps, NOW) == set(stamps)
    dense = every(timedelta(minutes=30), timedelta(hours=24))
    kept = choose_backups_to_keep(dense, NOW)
    assert set(sorted(dense, reverse=True)[:DEFAULT_POLICY.recent_max]) <= kept


def test_two_years_of_half_hourly_backups_thin_to_a_calendar():
    stamps = every(timedelta(minutes=30), timedelta(days=730), jitter_s=600)
    kept = choose_backups_to_keep(stamps, NOW)
    check_invariants(stamps, kept, NOW)

    days = {t.date() for t in kept}
    for back in range(DEFAULT_POLICY.daily):
        assert (NOW - timedelta(days=back)).date() in days
    weeks = {tuple(t.isocalendar())[:2] for t in kept}
    for back in range(DEFAULT_POLICY.weekly):
        assert tuple((NOW - timedelta(weeks=back)).isocalendar())[:2] in weeks
    months = {(t.year, t.month) for t in kept}
    y, m = NOW.year, NOW.month
    for _ in range(DEFAULT_POLICY.monthly):
        assert (y, m) in months
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    # Each period keeps its newest backup, so the latest state of every month survives.
    for month in months - {(NOW.year, NOW.month)}:
        newest = max(t for t in stamps if (t.year, t.month) == month)
        assert newest in kept
    assert len(kept) <= BOUND


def test_a_laptop_left_in_a_drawer_keeps_its_history():
    # One backup a quarter for five years: periods are counted among those that have backups.
    stamps = [datetime(2020 + q // 4, 1 + 3 * (q % 4), 10, 9, 0) for q in range(20)]
    kept = choose_backups_to_keep(stamps, datetime(2025, 6, 1))
    assert kept == set(sorted(stamps)[-DEFAULT_POLICY.monthly:])


def test_a_smaller_policy_is_honoured():
    policy = Policy(recent=timedelta(hours=1), recent_max=2, daily=2, weekly=1, monthly=1)
    stamps = every(timedelta(minutes=10), timedelta(days=60))
    kept = choose_backups_to_keep(stamps, NOW, policy)
    assert len(kept) <= 2 + 2 + 1 + 1
    assert NOW in kept and NOW - timedelta(minutes=10) in kept


@pytest.mark.parametrize("seed", range(40))
def test_random_histories_keep_the_invariants(seed):
    rng = random.Random(seed)
    now = NOW + timedelta(minutes=rng.randint(0, 10_000))
    stamps = [now - timedelta(seconds=rng.randint(0, 3 * 365 * 86400))
              for _ in range(rng.randint(1, 3000))]
    check_invariants(stamps, choose_backups_to_keep(stamps, now), now)


def test_thinning_after_every_backup_for_fourteen_months():
    """What the application does: a backup every half hour of use, thinned each time."""
    rng = random.Random(7)
    start = datetime(2024, 4, 1, 8, 0)
    kept: set[datetime] = set()
    t = start
    end = start + timedelta(days=425)
    while t < end:
        if 8 <= t.hour < 18 and t.weekday() < 5:  # office hours, working days
            kept.add(t)
            kept = choose_backups_to_keep(kept, t)
            assert len(kept) <= BOUND + 1
        t += timedelta(minutes=30 + rng.randint(0, 20))
    last = max(kept)
    months = sorted({(k.year, k.month) for k in kept})
    assert len(months) >= DEFAULT_POLICY.monthly  # a year of monthly history survived
    assert len({k.date() for k in kept if last - k < timedelta(days=10)}) >= DEFAULT_POLICY.daily


def test_prune_deletes_only_what_the_rule_drops_and_only_our_files(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    stamps = every(timedelta(hours=5), timedelta(days=120))
    names = {}
    for i, t in enumerate(stamps):
        path = folder / f"rmp-desktop-{t:%Y%m%d-%H%M%S-%f}-{'automatic' if i % 3 else 'on-close'}.sqlite3"
        path.write_bytes(b"x")
        names[t] = path
    foreign = [folder / "my own copy.sqlite3", folder / "notes.txt",
               folder / ".rmp-desktop-x.sqlite3.partial"]
    for f in foreign:
        f.write_text("keep me")

    deleted = prune(folder, NOW)

    kept = choose_backups_to_keep(stamps, NOW)
    assert {p.name for p in deleted} == {names[t].name for t in stamps if t not in kept}
    assert all(f.exists() for f in foreign)
    assert all(names[t].exists() for t in kept)
    assert prune(folder, NOW) == []


def test_prune_of_a_missing_folder_does_nothing(tmp_path):
    assert prune(tmp_path / "nowhere", NOW) == []


def test_a_backup_taken_at_this_very_moment_is_recent():
    exactly_now, future = NOW, NOW + timedelta(hours=1)
    assert choose_backups_to_keep([future, exactly_now], NOW) == {future, exactly_now}
    nothing_recent = Policy(recent_max=0, daily=0, weekly=0, monthly=0)
    assert choose_backups_to_keep([future, exactly_now], NOW, nothing_recent) == {future}
    a_day_old = NOW - DEFAULT_POLICY.recent  # exactly as old as "recent" allows: still recent
    recent_only = Policy(daily=0, weekly=0, monthly=0)
    assert choose_backups_to_keep([NOW, a_day_old], NOW, recent_only) == {NOW, a_day_old}


def _backups(folder, stamps):
    folder.mkdir()
    paths = {}
    for t in stamps:
        paths[t] = folder / f"rmp-desktop-{t:%Y%m%d-%H%M%S-%f}-automatic.sqlite3"
        paths[t].write_bytes(b"x")
    return paths


def test_prune_follows_the_policy_it_is_given(tmp_path):
    stamps = every(timedelta(days=1), timedelta(days=30))
    paths = _backups(tmp_path / "backups", stamps)
    small = Policy(recent_max=1, daily=2, weekly=0, monthly=0)
    deleted = prune(tmp_path / "backups", NOW, small)
    kept = choose_backups_to_keep(stamps, NOW, small)
    assert len(kept) == 2
    assert sorted(deleted) == sorted(paths[t] for t in stamps if t not in kept)


def test_a_backup_that_cannot_be_deleted_is_left_said_and_the_rest_thinned(tmp_path, monkeypatch,
                                                                           caplog):
    import logging
    from pathlib import Path

    stamps = every(timedelta(days=1), timedelta(days=40))
    paths = _backups(tmp_path / "backups", stamps)
    dropped = sorted((paths[t] for t in stamps if t not in choose_backups_to_keep(stamps, NOW)),
                     reverse=True)
    stuck = dropped[0]
    real_unlink = Path.unlink

    def unlink(self, missing_ok=False):
        if self == stuck:
            raise PermissionError(13, "Permission denied", str(self))
        real_unlink(self, missing_ok)

    monkeypatch.setattr(Path, "unlink", unlink)
    with caplog.at_level(logging.INFO, logger="rmp_desktop.storage.retention"):
        deleted = prune(tmp_path / "backups", NOW)
    assert stuck.exists() and sorted(deleted, reverse=True) == dropped[1:]
    assert caplog.messages == [
        f"could not delete old backup {stuck.name}: Permission denied",
        f"thinned backups: {len(dropped) - 1} deleted, {len(stamps) - len(dropped) + 1} kept"]
