"""What a new conversation takes from the last signed one, read in one short transaction.

`start_document` gives a new draft its hand-over (domain.carry): the last plan's objectives
and actions waiting for their outcomes in Looking back (with each action's newest mid-year
progress), the list of them on the set-up step, and last time's agreed ratings. Steps that
are only offered (aspirations, transition, wheel) read `last_signed` when shown.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any, cast

from sqlalchemy import text
from sqlalchemy.engine import Connection

from rmp_desktop.domain.carry import (
    LastSigned,
    carried_items,
    last_time_ratings,
    looking_back_rows,
)
from rmp_desktop.domain.conversation import (
    CarriedItem,
    ConversationDocument,
    LastTimeRatings,
    PastAction,
    PastObjective,
    merged,
)
from rmp_desktop.domain.dates import from_iso
from rmp_desktop.domain.progress import SignedDocument
from rmp_desktop.storage.due_query import midyear_for_plan


def last_signed(conn: Connection, person_id: int, *, before: int | None = None
                ) -> LastSigned | None:
    """The person's newest signed record (not `before` itself nor anything made after it)."""
    found = _last_signed(conn, person_id, before)
    return found[0] if found else None


def _last_signed(conn: Connection, person_id: int, before: int | None
                 ) -> tuple[LastSigned, int] | None:
    sql = ("SELECT id, uid, held_on, version FROM conversations WHERE person_id = :pid "
           "AND status = 'signed'")
    params: dict[str, object] = {"pid": person_id}
    if before is not None:
        sql += " AND id < :before"
        params["before"] = before
    row = conn.execute(text(sql + " ORDER BY held_on DESC, id DESC LIMIT 1"), params).first()
    if row is None:
        return None
    sections = {s: json.loads(b) for s, b in conn.execute(text(
        "SELECT section, body FROM conversation_sections WHERE conversation_id = :cid"),
        {"cid": row[0]})}
    day = from_iso(row[2])
    return LastSigned(uid=row[1], held_on=day.isoformat() if day else str(row[2]),
                      version=int(row[3]), document=sections), int(row[0])


def start_document(conn: Connection, person_id: int,
                   document: Mapping[str, object] | None = None) -> ConversationDocument:
    """A new draft's document with everything carried from the last signed record."""
    body = merged(document or {})
    last = _last_signed(conn, person_id, None)
    if last is None:
        return body
    record, conversation_id = last
    carried = carried_items(record, midyear_for_plan(conn, conversation_id))
    # The carried rows are built as plain dicts in the document's shape (domain.carry).
    body["setup"]["carried_forward"] = cast(list[CarriedItem], carried)
    body["setup"]["follows"] = {"record": record.uid, "held_on": record.held_on}
    objectives, actions = looking_back_rows(carried)
    looking_back = body["looking_back"]
    if not looking_back.get("objectives"):
        looking_back["objectives"] = cast(list[PastObjective], objectives)
    if not looking_back.get("actions"):
        looking_back["actions"] = cast(list[PastAction], actions)
    body["competencies"]["last_time"] = cast(LastTimeRatings, last_time_ratings(record))
    # Last time's framework carries on (the ratings compare like with like); the step can
    # change it.
    body["competencies"]["framework"] = body["competencies"]["last_time"].get("framework", "")
    return body


def signed_documents(conn: Connection, person_id: int) -> list[SignedDocument]:
    """Every signed record of the person (not those replaced by an amendment), oldest first."""
    rows = conn.execute(text("SELECT id, uid, held_on FROM conversations WHERE person_id = :pid "
                             "AND status = 'signed' ORDER BY held_on, id"),
                        {"pid": person_id}).all()
    documents: dict[int, dict[str, Any]] = {r[0]: {} for r in rows}
    if rows:
        for cid, section, body in conn.execute(text(
                "SELECT conversation_id, section, body FROM conversation_sections "
                "WHERE conversation_id IN (SELECT id FROM conversations WHERE person_id = :pid "
                "AND status = 'signed') AND section IN ('competencies', 'wheel', 'talent')"),
                {"pid": person_id}):
            documents[cid][section] = json.loads(body)
    return [SignedDocument(from_iso(r[2]) or date.min, r[1], documents[r[0]]) for r in rows]
