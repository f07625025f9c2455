"""What several commands share: opening the store with its checks, and saying why not."""

from __future__ import annotations

import sys

from rmp_desktop.paths import AppPaths


def open_store(paths: AppPaths):
    """Check, migrate and open the store, or print why not and return None."""
    from rmp_desktop.storage import bootstrap, errors, safety
    from rmp_desktop.storage.store import Store

    location = paths.location
    if not location.is_postgres:  # a file's folder matters; the organisation's server does not
        risk = safety.describe_location_risk(paths.data_dir)
        if risk:
            print(f"Warning: {risk}", file=sys.stderr)
    from rmp_desktop.storage.leftovers import clean_interrupted

    try:
        if not location.is_postgres:
            safety.check_writable(paths.data_dir, paths.store)
            clean_interrupted(paths.data_dir, paths.backups)
        bootstrap.prepare(location, paths.backups)
    except errors.StoreUnreadable as exc:
        hint = (f" The newest good backup is {exc.newest_backup}; restore it with "
                f"`rmp-desktop restore {exc.newest_backup}`." if exc.newest_backup else "")
        print(f"{exc}{hint} The file has not been changed.", file=sys.stderr)
        return None
    except errors.StoreError as exc:
        print(str(exc), file=sys.stderr)
        return None
    return Store(location)


def organisation_backs_up(paths: AppPaths, doing: str) -> bool:
    """On the organisation's PostgreSQL store, say plainly that backing up and restoring are
    its administrators' job (and return True); on a store file, False."""
    if not paths.location.is_postgres:
        return False
    print(f"Nothing was {doing}: the store is the organisation's database "
          f"({paths.location.describe()}), which its administrators back up and restore. "
          "Ask them if you need a record as it was.", file=sys.stderr)
    return True
