"""Reading and verifying the audit log (``swdesk db audit``; the 审计 page).

The chain (:func:`swdesk.services.journal.verify_audit_chain`) catches an entry
altered or removed in the middle. Removing the newest entries leaves a shorter
chain that still holds, so the verification also compares with a backup: every
entry a backup holds must still be in the live log, unchanged.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from swdesk.db.connection import readonly_uri
from swdesk.i18n import _
from swdesk.model import AuditEntry
from swdesk.services import journal


@dataclass
class AuditReport:
    entries: int = 0
    broken: list[int] = field(default_factory=list)  # ids whose hash or link fails
    gaps: list[tuple[int, int]] = field(default_factory=list)  # (after id, before id)
    missing_since_backup: list[int] = field(default_factory=list)
    compared_with: Path | None = None

    @property
    def intact(self) -> bool:
        return not (self.broken or self.gaps or self.missing_since_backup)

    def problems(self) -> list[str]:
        out = [_("第 {} 条审计记录被改动或其前一条被删除", "audit entry {} was altered, or the "
                 "one before it removed").format(i) for i in self.broken]
        out += [_("审计记录 {} 与 {} 之间有记录被删除", "entries between {} and {} were removed")
                .format(a, b) for a, b in self.gaps]
        out += [_("备份中的第 {} 条审计记录在当前数据库中缺失或不同", "audit entry {} of the "
                  "backup is missing or different now").format(i)
                for i in self.missing_since_backup]
        return out


def _backup_tail(backup: Path, limit: int = 50) -> list[tuple[int, str]]:
    """(id, hash) of the newest entries in a backup file; empty if it cannot be read."""
    try:
        con = sqlite3.connect(readonly_uri(backup), uri=True)
        try:
            rows = con.execute("SELECT id, hash FROM audit_entry ORDER BY id DESC LIMIT ?",
                               (limit,)).fetchall()
        finally:
            con.close()
    except sqlite3.Error:
        return []
    return [(int(i), str(h)) for i, h in rows]


def verify(backup: Path | None = None) -> AuditReport:
    """Check the chain, the id sequence and (given a backup file) the backup's entries."""
    report = AuditReport(broken=journal.verify_audit_chain())
    previous: int | None = None
    for (entry_id,) in AuditEntry.select(AuditEntry.id).order_by(AuditEntry.id).tuples():
        report.entries += 1
        # Ids come from SQLite's rowid and are never skipped, so a hole is a removal.
        if previous is not None and entry_id != previous + 1:
            report.gaps.append((previous, entry_id))
        previous = entry_id
    if backup is not None:
        report.compared_with = backup
        tail = _backup_tail(backup)
        live = {e.id: e.hash for e in AuditEntry.select(AuditEntry.id, AuditEntry.hash)
                .where(AuditEntry.id.in_([i for i, _h in tail]))}
        report.missing_since_backup = sorted(i for i, h in tail if live.get(i) != h)
    return report


def last(n: int) -> list[AuditEntry]:
    """The newest ``n`` entries, newest first."""
    return list(AuditEntry.select().order_by(AuditEntry.id.desc()).limit(max(int(n), 0)))


def describe_entry(entry: AuditEntry) -> str:
    """One line for a person: when, who, what, which row, and the detail."""
    try:
        detail: Any = json.loads(entry.detail or "{}")
    except ValueError:
        detail = entry.detail
    extra = ", ".join(f"{k}={v}" for k, v in detail.items()) if isinstance(detail, dict) \
        else str(detail)
    at = entry.at.isoformat(sep=" ") if hasattr(entry.at, "isoformat") else str(entry.at)
    parts = [f"#{entry.id}", at, entry.actor, entry.action, entry.entity, entry.row_uid, extra]
    return "  ".join(p for p in parts if p)
