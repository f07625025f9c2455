"""What several commands share: opening the store with its checks, and saying why not."""

from __future__ import annotations

import sys

from rmp_desktop.paths import AppPaths


def open_store(paths: AppPaths):
    """Check, migrate and open the store, or print why not and return None."""
    from rmp_desktop.storage import bootstrap, errors, safety
    from rmp_desktop.storage.store import Store

    risk = safety.describe_location_risk(paths.data_dir)
    if risk:
        print(f"Warning: {risk}", file=sys.stderr)
    from rmp_desktop.storage.leftovers import clean_interrupted

    try:
        safety.check_writable(paths.data_dir, paths.store)
        clean_interrupted(paths.data_dir, paths.backups)
        bootstrap.prepare(paths.store, paths.backups)
    except errors.StoreUnreadable as exc:
        hint = (f" The newest good backup is {exc.newest_backup}; restore it with "
                f"`rmp-desktop restore {exc.newest_backup}`." if exc.newest_backup else "")
        print(f"{exc}{hint} The file has not been changed.", file=sys.stderr)
        return None
    except errors.StoreError as exc:
        print(str(exc), file=sys.stderr)
        return None
    return Store(paths.store)
