"""The content packs a record was made with, read back from the snapshots stored beside it.

A record names its packs by fingerprint (`pack_refs`); the full text of each was
kept in `pack_snapshots` when the conversation began. Parsing that text again
gives the same pack and the same fingerprint, so an old record shows and prints
exactly as it was signed, whatever the organisation's packs are today. A pack
whose snapshot is missing or no longer matches its fingerprint falls back to the
built-in of its kind, and the problem is reported rather than hidden.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rmp_desktop.content.errors import PackError
from rmp_desktop.content.parse import parse_pack
from rmp_desktop.domain.packs import (
    ROLE_ASPIRANT,
    SET_FIELDS,
    CompetencyFramework,
    Pack,
    PackSet,
)

SnapshotLookup = Callable[[str], dict[str, Any] | None]  # fingerprint -> the pack as plain data


@dataclass(frozen=True)
class RecordPacks:
    packs: PackSet
    problems: tuple[str, ...]  # plain words; empty when every snapshot was found intact


# Packs are immutable and a batch export asks for the same few sets many times over.
_CACHE: dict[tuple[str, ...], RecordPacks] = {}
_CACHE_LIMIT = 32
_lock = threading.Lock()


def packs_for_refs(refs: Sequence[Mapping[str, object]], lookup: SnapshotLookup) -> RecordPacks:
    key = tuple(str(r.get("fingerprint", "")) for r in refs)
    with _lock:
        cached = _CACHE.get(key)
    if cached is not None:
        return cached
    result = _rehydrate(refs, lookup)
    if not result.problems:  # a damaged snapshot may be repaired (restored); look again next time
        with _lock:
            if len(_CACHE) >= _CACHE_LIMIT:
                _CACHE.pop(next(iter(_CACHE)))
            _CACHE[key] = result
    return result


def packs_to_show(refs: Sequence[Mapping[str, object]], lookup: SnapshotLookup,
                  current: PackSet) -> RecordPacks:
    """The packs to show a record with: those in use now when they are the ones it names (the
    usual case, nothing to rebuild), otherwise each rebuilt from its snapshot."""
    wanted = {ref.get("fingerprint") for ref in refs or () if isinstance(ref, dict)}
    if not wanted or wanted <= {ref["fingerprint"] for ref in current.refs()}:
        return RecordPacks(current, ())
    return packs_for_refs(refs, lookup)


def _rehydrate(refs: Sequence[Mapping[str, object]], lookup: SnapshotLookup) -> RecordPacks:
    found: dict[str, Pack] = {}
    aspirant: list[CompetencyFramework] = []  # the aspirant frameworks kept beside the core one
    problems: list[str] = []
    for ref in refs:
        name = f"{ref.get('id', '?')} {ref.get('version', '')}".strip()
        fingerprint = str(ref.get("fingerprint", ""))
        body = lookup(fingerprint) if fingerprint else None
        pack, problem = _stored_pack(body, fingerprint, name)
        if pack is None:
            same = _builtin_by_fingerprint().get(fingerprint)
            if same is not None:  # the very same content, so nothing is lost
                pack = same
                problem = None if body is None else (
                    f"the stored copy of the content pack {name} was changed after it was "
                    "stored; the identical built-in pack is used instead")
        if problem:
            problems.append(problem)
        if isinstance(pack, CompetencyFramework) and pack.role == ROLE_ASPIRANT:
            aspirant.append(pack)
        elif pack is not None:
            found[pack.kind] = pack
    if len(found) == len(SET_FIELDS):  # the usual case: no need to read the built-in files
        by_field: dict[str, Any] = {SET_FIELDS[k]: p for k, p in found.items()}
        return RecordPacks(PackSet(**by_field, frameworks=tuple(aspirant)),
                           tuple(problems))
    # Older records name fewer kinds (no talent grid) and no aspirant frameworks: the
    # built-ins stand in for what they never used.
    packs = _builtin()
    for pack in [*found.values(), *aspirant]:
        packs = packs.with_pack(pack)
    return RecordPacks(packs, tuple(problems))


def _builtin() -> PackSet:
    from rmp_desktop.content.loader import load_builtin  # reads five YAML files: only if needed

    return load_builtin()


def _builtin_by_fingerprint() -> dict[str, Pack]:
    return {p.fingerprint: p for p in _builtin().all_packs()}


def _stored_pack(body: dict[str, Any] | None, fingerprint: str,
                 name: str) -> tuple[Pack | None, str | None]:
    fallback = "; the built-in pack of its kind is shown instead"
    if body is None:
        return None, f"the content pack {name} kept with this record is missing{fallback}"
    try:
        pack = parse_pack(body, f"stored pack {name}")
    except PackError as exc:
        return None, f"the content pack {name} kept with this record cannot be read ({exc}){fallback}"
    if pack.fingerprint != fingerprint:
        # Never show altered text as what was signed.
        return None, f"the content pack {name} kept with this record was changed after it was stored{fallback}"
    return pack, None
