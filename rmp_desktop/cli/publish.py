"""`publish`: send this laptop's signed records to the organisation's PostgreSQL store.

Registered into `cli.registry.COMMANDS` on import; the store and psycopg load inside the runner.
"""

from __future__ import annotations

import argparse
import json
import sys

from rmp_desktop.cli.registry import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, command


@command("publish", "publish the signed records and the team to the organisation's store "
                    "(publish_url in settings.ini, or --to URL)")
def _publish_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--to", metavar="URL",
                   help="the organisation's store, postgresql://server/database (without a "
                        "password: .pgpass, single sign-on or `rmp-desktop store-password`); "
                        "by default publish_url in settings.ini")
    p.add_argument("--json", action="store_true", help="print what happened as JSON, for scripts")


def run_publish(args, paths) -> int:
    from rmp_desktop.store_location import StoreLocationError, checked_url, is_postgres_url

    try:
        url = checked_url(args.to) if args.to else paths.publish_url()
    except StoreLocationError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    if not url:
        print("Say where to publish: --to postgresql://server/database, or publish_url = "
              f"postgresql://server/database in {paths.settings}.", file=sys.stderr)
        return EXIT_USAGE
    if not is_postgres_url(url):
        print(f"{url} is not a PostgreSQL address (postgresql://server/database).",
              file=sys.stderr)
        return EXIT_USAGE
    from rmp_desktop.cli.common import open_store
    from rmp_desktop.storage.publish import PublishError, publish

    store = open_store(paths)
    if store is None:
        return EXIT_PROBLEM
    try:
        report = publish(store, url)
    except PublishError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_PROBLEM
    finally:
        store.close()
    problems = report.problems()
    if args.json:
        print(json.dumps({"store": report.where, "at": report.at, "published": report.published,
                          "already": report.already, "people": report.people,
                          "waiting": report.waiting,
                          "equality_answers": {"sent": report.equality_sent,
                                               "removed": report.equality_removed,
                                               "refused": report.equality_refused},
                          "not_published": [{"uid": r.uid, "why": r.words}
                                            for r in report.refused]
                          + [{"uid": h.uid, "why": h.words}
                             for h in report.held_back + report.still_refused]},
                         ensure_ascii=False, indent=2))
    else:
        print(report.summary())
        for problem in problems:
            print(f"  - {problem}")
    return EXIT_PROBLEM if problems else EXIT_OK
