"""Reading and verifying the audit log (``swdesk db audit``; the 审计 page).

The chain (:func:`swdesk.services.journal.verify_audit_chain`) catches an entry
altered or removed in the middle. Removing the newest entries leaves a shorter
chain that still holds, so the verification also compares with a backup: every
entry a backup holds must still be in the live log, unchanged.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from swdesk.db.location import readonly_uri
from swdesk.i18n import _
from swdesk.model import AuditEntry
from swdesk.services import audit_words, backups, journal
from swdesk.services.audit_words import action_label, entity_label


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
    for entry_id in AuditEntry.select(AuditEntry.id).order_by(AuditEntry.id).scalars():
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


# --- the 审计 page: filtered pages of entries, newest first ------------------------------

@dataclass(frozen=True)
class AuditFilter:
    actor: str = ""  # "" = everyone
    action: str = ""  # "" = every action
    since: dt.date | None = None  # inclusive
    until: dt.date | None = None  # inclusive


@dataclass(frozen=True)
class AuditRow:
    """One entry as the page shows it (words from :mod:`audit_words`)."""

    id: int
    at: str
    actor: str  # the name people know (the account's display name)
    action: str
    entity: str
    record: str  # the record's number or name people know, not its uid
    details: str
    username: str = ""  # as the log keeps it
    row_uid: str = ""


def _where(f: AuditFilter) -> Any:
    cond: Any = AuditEntry.id > 0
    if f.actor:
        cond &= AuditEntry.actor == f.actor
    if f.action:
        cond &= AuditEntry.action == f.action
    if f.since is not None:
        cond &= AuditEntry.at >= dt.datetime.combine(f.since, dt.time.min)
    if f.until is not None:
        cond &= AuditEntry.at < dt.datetime.combine(f.until + dt.timedelta(days=1), dt.time.min)
    return cond


def count(f: AuditFilter) -> int:
    return int(AuditEntry.select().where(_where(f)).count())


def page(f: AuditFilter, before_id: int | None = None, limit: int = 200) -> list[AuditRow]:
    """Up to ``limit`` matching entries older than ``before_id``, newest first (keyset paging)."""
    cond = _where(f)
    if before_id is not None:
        cond &= AuditEntry.id < before_id
    query = AuditEntry.select().where(cond).order_by(AuditEntry.id.desc()).limit(max(limit, 0))
    entries = list(query)
    who = audit_words.people(str(e.actor) for e in entries)
    named = audit_words.records((str(e.entity), str(e.row_uid)) for e in entries)
    return [AuditRow(int(e.id), _at_text(e.at), who[str(e.actor)], action_label(e.action),
                     entity_label(e.entity), named.get((str(e.entity), str(e.row_uid)), ""),
                     audit_words.detail_text(e), str(e.actor), str(e.row_uid))
            for e in entries]


def actors() -> list[str]:
    """Every user name that appears in the log (the page's user filter)."""
    return list(AuditEntry.select(AuditEntry.actor).distinct()
                .order_by(AuditEntry.actor).scalars())


def actor_choices() -> list[tuple[str, str]]:
    """(user name, the name people know) of everyone in the log, by the shown name."""
    shown = audit_words.people(actors())
    return sorted(shown.items(), key=lambda pair: (pair[1], pair[0]))


def actions() -> list[tuple[str, str]]:
    """(code, label) of every action that appears in the log."""
    codes = list(AuditEntry.select(AuditEntry.action).distinct().scalars())
    return sorted(((c, action_label(c)) for c in codes), key=lambda p: p[1])


def _at_text(at: Any) -> str:
    return at.strftime("%Y-%m-%d %H:%M:%S") if hasattr(at, "strftime") else str(at)


def comparison_backup(data_dir: Path) -> Path | None:
    """The newest backup to verify against: one made after the last restore, if any.

    A restore rewinds the log on purpose, so backups from before it would report
    every entry written since that backup as removed.
    """
    last_restore = (AuditEntry.select(AuditEntry.at).where(AuditEntry.action == "restore")
                    .order_by(AuditEntry.id.desc()).first())
    for found in backups.list_backups(data_dir):
        if found.kind == "before-restore":
            continue  # holds the log the restore replaced
        if last_restore is None or found.made >= last_restore.at:
            return found.path
        break
    return None
