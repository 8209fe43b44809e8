"""The two journals every write leaves behind: the audit log and the change log.

Both are written inside the caller's transaction, so a write that fails leaves
neither entry behind.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import peewee as pw

from swdesk import settings
from swdesk.model import AuditEntry, ChangeLog, SyncedModel
from swdesk.model.base import now
from swdesk.services.actor import Actor


def _entry_digest(prev_hash: str, at: str, actor: str, action: str, entity: str, row_uid: str,
                  detail: str) -> str:
    payload = json.dumps([prev_hash, at, actor, action, entity, row_uid, detail],
                         ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()


def audit(actor: Actor, action: str, entity: str = "", row_uid: str = "",
          detail: dict[str, Any] | None = None) -> AuditEntry:
    """Append an audit entry chained to the previous one by hash.

    ``detail`` holds field names and counts, never personal values.
    """
    last = AuditEntry.select(AuditEntry.hash).order_by(AuditEntry.id.desc()).first()
    prev_hash = last.hash if last else ""
    at = now()
    text = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True, default=str)
    digest = _entry_digest(prev_hash, at.isoformat(), actor.username, action, entity, row_uid,
                           text)
    return AuditEntry.create(at=at, actor=actor.username, action=action, entity=entity,
                             row_uid=row_uid, detail=text, prev_hash=prev_hash, hash=digest)


def verify_audit_chain() -> list[int]:
    """Ids of audit entries whose hash or link to the previous entry does not hold."""
    broken: list[int] = []
    prev_hash = ""
    for e in AuditEntry.select().order_by(AuditEntry.id):
        at = e.at.isoformat() if hasattr(e.at, "isoformat") else str(e.at)
        expected = _entry_digest(e.prev_hash, at, e.actor, e.action, e.entity, e.row_uid,
                                 e.detail)
        if e.prev_hash != prev_hash or e.hash != expected:
            broken.append(e.id)
        prev_hash = e.hash
    return broken


def record_change(row: SyncedModel, op: str) -> None:
    """Number this change of a synced row for the next package."""
    ChangeLog.create(entity=row._meta.table_name, row_uid=row.uid, version=row.version, op=op)


def pending_changes() -> int:
    """How many changes the city has not acknowledged yet (sync keeps the watermark).

    The newest change number less the acknowledged one, read from the end of the
    primary key instead of counting a million rows: exact, because change numbers have
    no gaps. AUTOINCREMENT numbers rows one up from the highest ever given, a rolled
    back write takes its number back with it (``sqlite_sequence`` is in the same
    transaction), and no change-log row is ever deleted; a restore puts back a whole
    log and starts the acknowledgements from nothing (``db/epochs.py``).
    """
    acked = settings.ACKED_SEQ.get()
    newest = ChangeLog.select(pw.fn.max(ChangeLog.seq)).scalar() or 0
    return max(int(newest) - acked, 0)
