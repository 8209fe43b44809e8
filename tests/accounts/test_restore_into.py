"""Backing up on request, listing backups, and restoring into the running program's database."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest

from swdesk import paths
from swdesk.db import StationDatabase, backup
from swdesk.errors import DatabaseError, PermissionDeniedError, ValidationError
from swdesk.handle import StationHandle
from swdesk.model import AuditEntry, Client
from swdesk.services import backups, crud, journal
from swdesk.services.actor import SYSTEM, Actor

ADMIN = Actor("admin", "admin")


def _clients(n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        crud.create(Client, {"name": f"客户{i}"}, SYSTEM)


def test_backup_now_is_listed_newest_first_with_size(sdb: StationDatabase) -> None:
    _clients(2)
    older = backups.auto_backup(sdb, "close").path
    assert older is not None
    os.utime(older, (time.time() - 3600, time.time() - 3600))
    made = backups.backup_now(StationHandle.of(sdb, ADMIN))
    assert made.name.startswith("manual-") and made.parent == paths.backups_dir(sdb.data_dir)
    listed = backups.list_backups(sdb.data_dir)
    assert [b.path for b in listed] == [made, older]
    assert listed[0].kind == "manual" and listed[1].kind == "auto"
    assert listed[0].size == made.stat().st_size > 0
    report = backup.check(made)
    assert report.healthy and report.counts["client"] == 2
    # The backup holds its own audit entry.
    con = sqlite3.connect(made)
    assert con.execute("SELECT action FROM audit_entry ORDER BY id DESC LIMIT 1").fetchone() == (
        "backup",)
    con.close()


def test_backup_now_goes_to_the_chosen_folder(sdb: StationDatabase, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    backups.set_backup_folder(usb, ADMIN)
    made = backups.backup_now(StationHandle.of(sdb, ADMIN))
    assert made.parent == usb.resolve()
    assert backups.list_backups(sdb.data_dir)[0].path == made


def test_restore_into_the_open_database_round_trips(sdb: StationDatabase) -> None:
    _clients(3)
    source = backups.backup_now(StationHandle.of(sdb, ADMIN))
    _clients(2, start=10)
    crud.delete(Client, Client.get(Client.name == "客户0"), SYSTEM)
    assert Client.select().where(Client.deleted == False).count() == 4  # noqa: E712
    # A second connection, like the window's GUI thread next to a worker thread.
    other = sqlite3.connect(paths.db_path(sdb.data_dir))
    assert other.execute("SELECT count(*) FROM client").fetchone() == (5,)

    result = backups.restore_into(StationHandle.of(sdb, ADMIN), source)

    assert sorted(c.name for c in Client.select().where(Client.deleted == False)) == [  # noqa: E712
        "客户0", "客户1", "客户2"]
    assert other.execute("SELECT count(*) FROM client").fetchone() == (3,)
    other.close()
    assert result.counts["client"] == 3 and result.migrated == []
    saved = backup.check(result.saved_as)
    assert result.saved_as.name.startswith("before-restore-")
    assert saved.healthy and saved.counts["client"] == 5
    last = AuditEntry.select().order_by(AuditEntry.id.desc()).first()
    assert last.action == "restore" and source.name in last.detail
    assert journal.verify_audit_chain() == []
    assert sdb.db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert backup.check(paths.db_path(sdb.data_dir)).healthy
    # Writing goes on as before.
    crud.create(Client, {"name": "恢复后"}, SYSTEM)
    assert Client.select().count() == 4


def test_a_damaged_backup_is_refused_and_nothing_changes(sdb: StationDatabase) -> None:
    _clients(3)
    bad = backups.backup_now(StationHandle.of(sdb, ADMIN))
    size = bad.stat().st_size
    with open(bad, "r+b") as fh:
        fh.seek(4096)
        fh.write(b"\xde\xad\xbe\xef" * ((size - 4096) // 4))
    entries = AuditEntry.select().count()
    with pytest.raises(DatabaseError, match="不能用于恢复"):
        backups.restore_into(StationHandle.of(sdb, ADMIN), bad)
    assert Client.select().count() == 3 and AuditEntry.select().count() == entries
    assert not list(paths.backups_dir(sdb.data_dir).glob("before-restore-*"))


def test_only_an_administrator_restores(sdb: StationDatabase) -> None:
    source = backups.backup_now(StationHandle.of(sdb, ADMIN))
    _clients(1)
    with pytest.raises(PermissionDeniedError):
        backups.restore_into(StationHandle.of(sdb, Actor("head", "head")), source)
    with pytest.raises(ValidationError):
        backups.restore_into(StationHandle.of(sdb, ADMIN), paths.db_path(sdb.data_dir))
    assert Client.select().count() == 1


def test_restore_refuses_another_data_dir(sdb: StationDatabase, tmp_path: Path) -> None:
    source = backups.backup_now(StationHandle.of(sdb, ADMIN))
    with pytest.raises(DatabaseError, match="没有打开"):
        backups.restore_into(StationHandle(tmp_path / "elsewhere", sdb.db, ADMIN), source)


def test_restore_into_without_room_is_refused_before_writing(small_disk: Path) -> None:
    """The 设置 page's restore checks the room too (a real, nearly full tmpfs)."""
    from smalldisk import fill_disk

    from swdesk.db import faults, open_station
    from swdesk.services import station

    data_dir = small_disk / "data"
    with open_station(data_dir, create=True) as opened:
        station.init_station("XM-SM-001", "嘉莲街道社工站", "station", "siming")
        _clients(3)
        source = backups.backup_now(StationHandle.of(opened, ADMIN))
        _clients(2, start=10)
        fill_disk(small_disk, leave=2_300_000)  # less than both copies and the margin
        with pytest.raises(faults.DiskFullError, match="无法恢复"):
            backups.restore_into(StationHandle.of(opened, ADMIN), source)
        assert Client.select().count() == 5
        assert not list(paths.backups_dir(data_dir).glob("before-restore-*"))
