"""Every record in a store (or some people's), as plain data: identifier, person, kind, status.

Below the window and the command line, so `rmp-desktop records`, the window and
a report list records the same way. Identifiers are the records' uids (their
short form the first eight characters); integer ids stay inside the store.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from rmp_desktop.domain.conversation import Kind, Status
from rmp_desktop.domain.record import short_uid
from rmp_desktop.domain.record_words import status_words
from rmp_desktop.storage.store import Store


def list_records(store: Store, person_ids: list[int] | None = None) -> list[dict[str, Any]]:
    """Every record (or those of some people) as plain data, newest conversation first."""
    where = ""
    if person_ids is not None:  # ints from the store's own search, so safe to inline
        where = f"WHERE c.person_id IN ({','.join(str(int(i)) for i in person_ids)})"
    with store.engine.connect() as conn:
        conversations = conn.execute(text(
            "SELECT c.id, c.uid, c.person_id, s.full_name, s.preferred_name, c.kind, c.status, "
            "c.version, c.held_on, c.fingerprint, c.manager_name, p.uid, c.current_step, "
            "c.amendment_reason "
            "FROM conversations c JOIN staff s ON s.id = c.person_id "
            "LEFT JOIN conversations p ON p.id = c.supersedes_id "
            f"{where} ORDER BY c.held_on DESC, c.id DESC")).all()
        signatures: dict[int, list[dict[str, str]]] = {}
        for cid, role, name, at in conn.execute(text(
                "SELECT conversation_id, role, signer_name, signed_at FROM signatures "
                "ORDER BY signed_at, id")):
            signatures.setdefault(cid, []).append(
                {"role": role, "signer_name": name, "signed_at": _iso(at)})
    published = _publication_states(store, [row[0] for row in conversations])
    versions = {row[1]: row[7] for row in conversations}
    newest_amendment: dict[str, int] = {}
    for row in conversations:
        supersedes, version = row[11], row[7]
        if supersedes is not None:
            newest_amendment[supersedes] = max(version, newest_amendment.get(supersedes, 0))
    out = []
    for (cid, uid, person_id, full_name, preferred, kind, status, version, held_on,
         fingerprint, manager_name, supersedes, step, reason) in conversations:
        if status not in Status.__members__.values() or kind not in Kind.__members__.values():
            # Written outside the application: listed in words, never a traceback.
            odd = f"not valid (status “{_plain(status)}”, kind “{_plain(kind)}”)"
            out.append({
                "id": short_uid(uid), "uid": uid, "person": (preferred or "").strip() or full_name,
                "person_id": person_id, "kind": _plain(kind), "kind_label": _plain(kind),
                "status": _plain(status), "status_label": "Not valid",
                "status_words": f"⚠ {odd}: run rmp-desktop check", "valid": False,
                "version": version, "held_on": str(held_on)[:10], "manager": manager_name,
                "signatures": signatures.get(cid, []), "fingerprint": fingerprint,
                "supersedes": supersedes, "amendment_reason": reason or ""})
            continue
        status = Status(status)
        amends = versions.get(supersedes) if supersedes else None
        out.append({
            "id": short_uid(uid), "uid": uid, "person": (preferred or "").strip() or full_name,
            "person_id": person_id, "kind": kind, "kind_label": Kind(kind).label,
            "status": status.value, "status_label": status.label, "valid": True,
            "status_words": status_words(status, version=version, step=step,
                                         amends=amends if amends is not None
                                         else (version - 1 if supersedes else None),
                                         amended_by=newest_amendment.get(uid)),
            "version": version, "held_on": str(held_on)[:10], "manager": manager_name,
            "signatures": signatures.get(cid, []), "fingerprint": fingerprint,
            "supersedes": supersedes, "amendment_reason": reason or "",
            "published": published.get(cid),
        })
    return out


def _publication_states(store: Store, ids: list[int]) -> dict[int, dict[str, Any]]:
    """What a laptop has published of each record (storage.publications); nothing on the
    organisation's store itself, where records are not published but kept."""
    if store.location.is_postgres:
        return {}
    from rmp_desktop.storage.publications import states_for

    return {cid: {"state": s.state, "at": _iso(s.at) if s.at else None, "note": s.note}
            for cid, s in states_for(store.engine, ids).items()}


def _plain(value: object) -> str:
    """A value from the file, safe to print: no control characters, not too long."""
    text = "".join(ch if ch.isprintable() else "?" for ch in str(value))
    return text[:40]


def _iso(value: object) -> str:
    text = str(value).replace(" ", "T")
    return text[:19] + "Z"
