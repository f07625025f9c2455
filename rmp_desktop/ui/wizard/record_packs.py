"""The content packs a conversation was made with, so an old record shows exactly as it was.

When the packs in use now are the ones the record names (the usual case) they
are used directly; otherwise each is rebuilt from the snapshot stored with the
record. A snapshot that cannot be read falls back to the current pack of its
kind, which is logged (without content) rather than stopping the record opening.
"""

from __future__ import annotations

import logging

from rmp_desktop.content.model import PackSet

log = logging.getLogger(__name__)


def packs_for_record(repo, pack_refs: list[dict], current: PackSet) -> PackSet:
    wanted = {ref.get("fingerprint") for ref in pack_refs or () if isinstance(ref, dict)}
    if not wanted or wanted <= {ref["fingerprint"] for ref in current.refs()}:
        return current
    from rmp_desktop.content.loader import parse_pack

    packs = current
    for fingerprint in wanted:
        body = repo.pack_snapshot(fingerprint)
        if body is None:
            log.warning("pack snapshot %s missing; using the current pack", fingerprint[:12])
            continue
        try:
            packs = packs.with_pack(parse_pack(body, f"snapshot {fingerprint[:12]}"))
        except Exception as exc:  # noqa: BLE001 - an unreadable snapshot must not block the record
            log.warning("pack snapshot %s unreadable (%s); using the current pack",
                        fingerprint[:12], type(exc).__name__)
    return packs
