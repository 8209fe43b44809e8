"""Automatic backups, rotation, the start-up health check and restoring over a damaged file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from swdesk import paths
from swdesk.db import StationDatabase, backup, open_station
from swdesk.errors import PermissionDeniedError, ValidationError
from swdesk.model import Client
from swdesk.services import backups, crud, station
from swdesk.services.actor import SYSTEM, Actor

MORNING = dt.datetime(2026, 3, 2, 8, 30, 0)


def _station(data_dir: Path, clients: int = 3) -> None:
    with open_station(data_dir, create=True):
        station.init_station("XM-SM-001", "嘉莲街道社工站", "station", "siming")
        for i in range(clients):
            crud.create(Client, {"name": f"客户{i}"}, SYSTEM)


def _damage(path: Path) -> None:
    """Overwrite everything after the first page: the header (and app id) survive."""
    size = path.stat().st_size
    with open(path, "r+b") as fh:
        fh.seek(4096)
        fh.write(b"\xde\xad\xbe\xef" * ((size - 4096) // 4))


def test_start_backs_up_once_a_day_close_always(sdb: StationDatabase) -> None:
    crud.create(Client, {"name": "王芳"}, SYSTEM)
    first = backups.auto_backup(sdb, "start", MORNING)
    assert first.path is not None and first.path.parent == paths.backups_dir(sdb.data_dir)
    assert first.path.name == "auto-20260302-083000-start.db"
    assert backups.auto_backup(sdb, "start", MORNING.replace(hour=14)).path is None
    closing = backups.auto_backup(sdb, "close", MORNING.replace(hour=17))
    assert closing.path is not None and closing.path.name.endswith("-close.db")
    assert backups.auto_backup(sdb, "start", MORNING + dt.timedelta(days=1)).path is not None
    report = backup.check(closing.path)
    assert report.healthy and report.counts["client"] == 1


def test_rotation_keeps_7_daily_4_weekly_12_monthly(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    start = dt.datetime(2025, 1, 1, 9, 0, 0)
    for day in range(500):  # a start and a close backup on each of 500 days
        when = start + dt.timedelta(days=day)
        (folder / f"auto-{when:%Y%m%d-%H%M%S}-start.db").write_bytes(b"")
        (folder / f"auto-{when.replace(hour=17):%Y%m%d-%H%M%S}-close.db").write_bytes(b"")
    (folder / "before-restore-20250101-000000.db").write_bytes(b"")  # not ours to rotate
    backups.rotate(folder)
    kept = sorted(p.name for p in folder.iterdir())
    assert "before-restore-20250101-000000.db" in kept
    autos = [n for n in kept if n.startswith("auto-")]
    assert all(n.endswith("-close.db") for n in autos)  # the newest of each day
    days = sorted({dt.datetime.strptime(n[5:13], "%Y%m%d").date() for n in autos})
    last = (start + dt.timedelta(days=499)).date()
    assert days[-7:] == [last - dt.timedelta(days=i) for i in range(6, -1, -1)]
    months = {(d.year, d.month) for d in days}
    assert len(months) == 12 and len(autos) <= 7 + 4 + 12
    weeks = {d.isocalendar()[:2] for d in days}
    assert len(weeks) >= 4


def test_chosen_folder_and_fallback(sdb: StationDatabase, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    with pytest.raises(PermissionDeniedError):
        backups.set_backup_folder(usb, Actor("li", "worker"))
    with pytest.raises(ValidationError, match="不存在"):
        backups.set_backup_folder(tmp_path / "nowhere", SYSTEM)
    backups.set_backup_folder(usb, SYSTEM)
    made = backups.auto_backup(sdb, "close", MORNING)
    assert made.path is not None and made.path.parent == usb.resolve() and not made.fell_back
    usb.rename(tmp_path / "unplugged")  # the USB disk is gone
    made = backups.auto_backup(sdb, "close", MORNING.replace(hour=9))
    assert made.fell_back and made.path is not None
    assert made.path.parent == paths.backups_dir(sdb.data_dir) and "不可用" in made.message


def test_damaged_database_detected_and_newest_healthy_backup_offered(data_dir: Path) -> None:
    _station(data_dir, clients=3)
    with open_station(data_dir) as sdb:
        older = backups.auto_backup(sdb, "close", MORNING - dt.timedelta(days=1))
        crud.create(Client, {"name": "最新"}, SYSTEM)
        newer = backups.auto_backup(sdb, "close", MORNING.replace(hour=17))
    assert older.path and newer.path
    _damage(newer.path)  # the newest backup is damaged too: the older one is offered
    assert backups.startup_check(data_dir).healthy
    live = paths.db_path(data_dir)
    _damage(live)
    report = backups.startup_check(data_dir)
    assert report.damaged and report.newest_backup == older.path
    assert "数据库已损坏" in report.message and older.path.name in report.message
    restored = backups.replace_damaged(data_dir, older.path)
    assert restored.counts["client"] == 3
    assert backups.startup_check(data_dir).healthy
    aside = list(paths.backups_dir(data_dir).glob("damaged-*/swdesk.db"))
    assert len(aside) == 1  # the damaged file is kept, not deleted
    with open_station(data_dir):
        assert sorted(c.name for c in Client.select()) == ["客户0", "客户1", "客户2"]


def test_no_database_yet(data_dir: Path) -> None:
    report = backups.startup_check(data_dir)
    assert not report.exists and not report.damaged and "还没有" in report.message
    assert backups.newest_healthy_backup(data_dir) is None


def test_backup_on_a_full_disk_says_so_and_leaves_no_partial_file(
        sdb: StationDatabase, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    from swdesk.db import faults

    def full_disk(db: object, target: Path, progress: object = None) -> Path:
        target.with_name(target.name + ".part").write_bytes(b"half")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backup, "backup_to", full_disk)
    with pytest.raises(faults.DiskFullError, match="磁盘空间不足"):
        backups.auto_backup(sdb, "close", MORNING)
    assert list(paths.backups_dir(sdb.data_dir).iterdir()) == []
