"""The hash-chained audit log: an altered, a removed and a truncated entry are all caught."""

from __future__ import annotations

from pathlib import Path

from swdesk.db import StationDatabase, backup
from swdesk.model import AuditEntry, Client, database
from swdesk.services import audit_log, crud
from swdesk.services.actor import SYSTEM


def _three_entries() -> list[int]:
    for name in ("甲", "乙", "丙"):
        crud.create(Client, {"name": name}, SYSTEM)
    return [e.id for e in AuditEntry.select().order_by(AuditEntry.id)]


def test_intact_log_verifies(sdb: StationDatabase) -> None:
    _three_entries()
    report = audit_log.verify()
    assert report.intact and report.entries == AuditEntry.select().count() >= 4


def test_altered_entry_is_caught(sdb: StationDatabase) -> None:
    ids = _three_entries()
    database.execute_sql("UPDATE audit_entry SET actor = 'someone' WHERE id = ?", (ids[-2],))
    report = audit_log.verify()
    assert not report.intact and report.broken == [ids[-2]]
    assert "被改动" in report.problems()[0]


def test_removed_entry_is_caught(sdb: StationDatabase) -> None:
    ids = _three_entries()
    database.execute_sql("DELETE FROM audit_entry WHERE id = ?", (ids[-2],))
    report = audit_log.verify()
    assert report.broken == [ids[-1]] and report.gaps == [(ids[-3], ids[-1])]


def test_removed_newest_entries_are_caught_against_a_backup(sdb: StationDatabase,
                                                            tmp_path: Path) -> None:
    ids = _three_entries()
    saved = backup.backup_to(sdb.db, tmp_path / "b.db")
    database.execute_sql("DELETE FROM audit_entry WHERE id >= ?", (ids[-2],))
    # The shortened chain still holds by itself …
    assert audit_log.verify().broken == [] and audit_log.verify().gaps == []
    # … but the backup remembers the removed entries.
    report = audit_log.verify(saved)
    assert not report.intact and report.missing_since_backup == ids[-2:]


def test_last_entries_read_for_a_person(sdb: StationDatabase) -> None:
    _three_entries()
    newest = audit_log.last(2)
    assert [e.action for e in newest] == ["create", "create"] and newest[0].id > newest[1].id
    line = audit_log.describe_entry(newest[0])
    assert line.startswith(f"#{newest[0].id}") and "system" in line and "client" in line
