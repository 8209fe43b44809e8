"""Online backups, health checks and restores of the station database."""

from __future__ import annotations

import importlib.util
import shutil
import sqlite3
from pathlib import Path

import pytest

from swdesk import paths
from swdesk.db import StationDatabase, backup, open_station, restore
from swdesk.errors import AlreadyOpenError, DatabaseError
from swdesk.model import Client, database
from swdesk.services import crud, station, this_station
from swdesk.services.actor import SYSTEM


def _add_clients(n: int, start: int = 0) -> None:
    with database.atomic():
        for i in range(start, start + n):
            crud.create(Client, {"name": f"测试对象{i}", "address": f"嘉莲街道{i}号"}, SYSTEM)


def _live_counts(sdb: StationDatabase) -> dict[str, int]:
    return backup.table_counts(sdb.db.connection())


def _files(data_dir: Path) -> dict[str, bytes]:
    out = {}
    for suffix in ("", "-wal", "-shm", "-journal"):
        f = Path(f"{paths.db_path(data_dir)}{suffix}")
        if f.exists():
            out[suffix] = f.read_bytes()
    return out


def _clients_in_main_file_only(path: Path, tmp: Path) -> int | None:
    """Clients visible in a plain copy of the main file without its WAL (None: unreadable)."""
    copy = tmp / "plain-copy.db"
    shutil.copyfile(path, copy)
    try:
        con = sqlite3.connect(copy)
        try:
            return int(con.execute("SELECT count(*) FROM client").fetchone()[0])
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return None


def _new_station(data_dir: Path) -> StationDatabase:
    sdb = open_station(data_dir, create=True)
    station.init_station("XM-SM-001", "嘉莲街道社工站", "station", "siming")
    return sdb


# --- backup --------------------------------------------------------------------------------


def test_backup_of_live_database_includes_rows_still_in_the_wal(
        sdb: StationDatabase, tmp_path: Path) -> None:
    sdb.db.execute_sql("PRAGMA wal_autocheckpoint = 0")  # keep the new rows in the WAL
    _add_clients(25)
    wal = Path(f"{sdb.path}-wal")
    assert wal.exists() and wal.stat().st_size > 0
    # A plain copy of the main file would miss them: they really are only in the WAL.
    assert _clients_in_main_file_only(sdb.path, tmp_path) != 25
    expected = _live_counts(sdb)
    assert expected["client"] == 25

    (tmp_path / "out").mkdir()
    target = backup.backup_file(sdb.path, tmp_path / "out" / "b.db")
    report = backup.check(target)
    assert report.healthy, report.problems
    assert report.counts == expected
    assert report.schema_version > 0
    # A backup is one self-contained file, not a WAL database.
    assert not Path(f"{target}-wal").exists()
    con = sqlite3.connect(target)
    try:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        con.close()
    assert not Path(f"{target}.part").exists()

    # The writer's own connection backs up the same.
    other = backup.backup_to(sdb.db, tmp_path / "b2.db")
    assert backup.check(other).counts == expected
    # Backing up did not take the writer's rows away or block it.
    _add_clients(1, start=100)
    assert Client.select().count() == 26


def test_check_of_live_database_sees_the_wal(sdb: StationDatabase) -> None:
    sdb.db.execute_sql("PRAGMA wal_autocheckpoint = 0")
    _add_clients(3)
    report = backup.check(sdb.path)
    assert report.healthy, report.problems
    assert report.counts == _live_counts(sdb)


def test_check_reports_foreign_files(tmp_path: Path) -> None:
    missing = backup.check(tmp_path / "nope.db")
    assert not missing.healthy
    text = tmp_path / "notes.txt"
    text.write_text("不是数据库\n" * 200, encoding="utf-8")
    assert not backup.check(text).healthy
    plain = tmp_path / "plain.db"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.close()
    report = backup.check(plain)
    assert not report.healthy
    assert any("不是 swdesk 数据库" in p for p in report.problems)


# --- restore -------------------------------------------------------------------------------


def test_restore_round_trip(data_dir: Path, tmp_path: Path) -> None:
    sdb = _new_station(data_dir)
    _add_clients(3)
    saved = backup.backup_file(sdb.path, tmp_path / "saved.db")
    saved_counts = backup.check(saved).counts
    assert saved_counts["client"] == 3
    _add_clients(4, start=10)
    sdb.close()
    newer_counts = backup.check(paths.db_path(data_dir)).counts
    assert newer_counts["client"] == 7

    report = restore.restore(saved, data_dir)
    assert report.counts == saved_counts
    live = backup.check(paths.db_path(data_dir))
    assert live.healthy, live.problems
    assert live.counts == saved_counts

    safety = sorted(paths.backups_dir(data_dir).glob("before-restore-*.db"))
    assert len(safety) == 1
    kept = backup.check(safety[0])
    assert kept.healthy, kept.problems
    assert kept.counts == newer_counts

    # The restored database opens normally (WAL, writable) and holds the backup's rows.
    with open_station(data_dir) as again:
        assert again.db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert sorted(c.name for c in Client.select()) == [f"测试对象{i}" for i in range(3)]
        _add_clients(1, start=50)
        assert Client.select().count() == 4
    # The source backup itself was not touched.
    assert backup.check(saved).counts == saved_counts


def test_restore_into_an_empty_data_dir(tmp_path: Path) -> None:
    """A new PC: restore a backup before anything else."""
    first = tmp_path / "first"
    with _new_station(first) as sdb:
        _add_clients(2)
        saved = backup.backup_to(sdb.db, tmp_path / "saved.db")
    fresh = tmp_path / "new-pc"
    report = restore.restore(saved, fresh)
    assert backup.check(paths.db_path(fresh)).counts == report.counts
    with open_station(fresh):
        assert Client.select().count() == 2
        assert this_station.current_station() is not None


def _big_database(data_dir: Path) -> None:
    with _new_station(data_dir):
        if importlib.util.find_spec("swdesk.demo") is not None:
            from swdesk import demo

            demo.generate(300, 100, seed=1)
        else:  # swdesk.demo is being written in parallel
            _add_clients(300)


def test_restore_refuses_text_file_and_damaged_database(data_dir: Path, tmp_path: Path) -> None:
    _big_database(data_dir)
    good = backup.backup_file(paths.db_path(data_dir), tmp_path / "good.db")
    assert good.stat().st_size > 64 * 1024
    damaged = tmp_path / "damaged.db"
    shutil.copyfile(good, damaged)
    with open(damaged, "r+b") as fh:
        fh.seek(8192)
        fh.write(b"\xff" * 8192)
    assert not backup.check(damaged).healthy

    text = tmp_path / "readme.txt"
    text.write_text("这不是数据库。\n" * 500, encoding="utf-8")
    plain = tmp_path / "plain.db"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.close()

    before = _files(data_dir)
    for bad in (text, damaged, plain, tmp_path / "missing.db"):
        with pytest.raises(DatabaseError) as info:
            restore.restore(bad, data_dir)
        assert str(bad) in str(info.value)
        assert not isinstance(info.value, AlreadyOpenError)
    assert _files(data_dir) == before
    assert not list(paths.backups_dir(data_dir).glob("before-restore-*"))
    # Refusals did not leave the data dir locked.
    with open_station(data_dir) as again:
        assert again.writable


def test_restore_while_another_writer_holds_the_data_dir(data_dir: Path,
                                                         tmp_path: Path) -> None:
    sdb = _new_station(data_dir)
    try:
        _add_clients(2)
        saved = backup.backup_to(sdb.db, tmp_path / "saved.db")
        _add_clients(3, start=10)
        before = _live_counts(sdb)
        main_before = sdb.path.read_bytes()
        with pytest.raises(AlreadyOpenError):
            restore.restore(saved, data_dir)
        assert _live_counts(sdb) == before
        assert sdb.path.read_bytes() == main_before
        assert Client.select().count() == 5
        assert not list(paths.backups_dir(data_dir).glob("before-restore-*"))
    finally:
        sdb.close()
