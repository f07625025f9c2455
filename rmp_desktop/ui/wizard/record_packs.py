"""The content packs a conversation was made with, so an old record shows exactly as it was.

When the packs in use now are the ones the record names (the usual case) they
are used as they are; otherwise storage.packs_for_record rebuilds each from the
snapshot stored with the record and says in words what it could not rebuild.
"""

from __future__ import annotations

from rmp_desktop.content.model import PackSet


def packs_for_record(repo, pack_refs: list[dict], current: PackSet) -> tuple[PackSet, tuple[str, ...]]:
    """The packs to show the record with, and any problems found rebuilding them."""
    wanted = {ref.get("fingerprint") for ref in pack_refs or () if isinstance(ref, dict)}
    if not wanted or wanted <= {ref["fingerprint"] for ref in current.refs()}:
        return current, ()
    from rmp_desktop.storage.packs_for_record import packs_for_refs

    rebuilt = packs_for_refs(pack_refs, repo.pack_snapshot)
    return rebuilt.packs, rebuilt.problems
