"""Faults: a full disk, a read-only database, a second writer, another program's lock.

Each ends with a clear Chinese message, nothing half-written, and a healthy file.
The tests run as root, for whom ``chmod`` does not stop writing, so a read-only
data dir is simulated the way SQLite meets it: a connection opened ``mode=ro``.
"""

from __future__ import annotations

import errno
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from swdesk import paths
from swdesk.db import StationDatabase, backup, faults, open_station
from swdesk.errors import AlreadyOpenError
from swdesk.model import AuditEntry, ChangeLog, Client, database
from swdesk.services import crud, station
from swdesk.services.actor import SYSTEM


def _counts() -> tuple[int, int, int]:
    return Client.select().count(), AuditEntry.select().count(), ChangeLog.select().count()


def test_disk_full_leaves_the_database_intact(sdb: StationDatabase) -> None:
    crud.create(Client, {"name": "王芳"}, SYSTEM)
    before = _counts()
    (pages,) = database.execute_sql("PRAGMA page_count").fetchone()
    database.execute_sql(f"PRAGMA max_page_count = {pages}")  # the disk is now "full"
    with pytest.raises(faults.DiskFullError, match="磁盘空间不足") as info, faults.guard():
        crud.create(Client, {"name": "李强", "notes": "长" * 30_000, "health_notes": "长" * 30_000,
                             "family_notes": "长" * 30_000}, SYSTEM)  # (each at most 32,767)
    assert "Traceback" not in str(info.value) and "disk" not in str(info.value)
    assert _counts() == before  # the row, its audit and change-log entries: all or nothing
    database.execute_sql("PRAGMA max_page_count = 1073741823")  # space freed
    crud.create(Client, {"name": "李强"}, SYSTEM)
    assert _counts()[0] == before[0] + 1
    assert backup.check(sdb.path).healthy


def test_read_only_database_refuses_writes_clearly(data_dir: Path) -> None:
    with open_station(data_dir, create=True):
        station.init_station("XM-SM-001", "嘉莲街道社工站", "station", "siming")
    with open_station(data_dir, write=False):  # mode=ro, as on a read-only disk
        before = _counts()
        with pytest.raises(faults.ReadOnlyError, match="只读"), faults.guard():
            crud.create(Client, {"name": "王芳"}, SYSTEM)
        assert _counts() == before
    assert backup.check(paths.db_path(data_dir)).healthy


def test_second_writer_is_refused(sdb: StationDatabase) -> None:
    with pytest.raises(AlreadyOpenError, match="已被另一个 swdesk 程序打开"):
        open_station(sdb.data_dir)
    crud.create(Client, {"name": "王芳"}, SYSTEM)  # the first writer carries on
    assert backup.check(sdb.path).healthy


def test_lock_held_by_another_program(sdb: StationDatabase) -> None:
    other = sqlite3.connect(sdb.path, isolation_level=None)  # e.g. a database viewer
    try:
        other.execute("BEGIN IMMEDIATE")
        database.execute_sql("PRAGMA busy_timeout = 100")  # do not wait the full 10 s
        with pytest.raises(faults.BusyError, match="占用"), faults.guard():
            crud.create(Client, {"name": "王芳"}, SYSTEM)
        other.execute("ROLLBACK")
    finally:
        other.close()
    crud.create(Client, {"name": "王芳"}, SYSTEM)
    assert Client.select().count() == 1 and backup.check(sdb.path).healthy


def test_a_save_waits_for_another_programs_lock(data_dir: Path) -> None:
    with open_station(data_dir, create=True) as sdb:
        station.init_station("XM-SM-001", "嘉莲街道社工站", "station", "siming")
        (wait,) = database.execute_sql("PRAGMA busy_timeout").fetchone()
        assert wait == 10_000  # the 10 s of docs/privacy-and-backups.md
        other = sqlite3.connect(sdb.path, isolation_level=None, check_same_thread=False)
        other.execute("BEGIN IMMEDIATE")  # e.g. a database viewer writing
        threading.Timer(1.0, other.execute, ("ROLLBACK",)).start()
        started = time.monotonic()
        with faults.guard():
            crud.create(Client, {"name": "王芳"}, SYSTEM)  # waits, then saves
        waited = time.monotonic() - started
        other.close()
        assert 0.8 < waited < 9 and Client.select().count() == 1


def test_translation_of_codes_and_os_errors() -> None:
    io = sqlite3.OperationalError("disk I/O error")
    assert isinstance(faults.translate(io), faults.DiskIOError)
    bad = sqlite3.DatabaseError("database disk image is malformed")
    assert "损坏" in str(faults.translate(bad))
    assert faults.translate(ValueError("x")) is None
    full = faults.translate_os_error(OSError(errno.ENOSPC, "No space left"), Path("/u"))
    assert isinstance(full, faults.DiskFullError) and "/u" in str(full)
    assert isinstance(faults.translate(OSError(errno.EROFS, "ro")), faults.ReadOnlyError)
    with pytest.raises(ValueError), faults.guard():  # anything else passes through untouched
        raise ValueError("not a fault")


BIG = {"name": "李强", "notes": "长" * 30_000, "health_notes": "长" * 30_000,
       "family_notes": "长" * 30_000}  # (each at most 32,767 characters)


@pytest.mark.parametrize("lang, words", [("zh", "磁盘空间不足"), ("en", "The disk is full")])
def test_save_on_a_really_full_disk(tmp_path: Path, lang: str, words: str) -> None:
    """A real full filesystem: SQLite rolls the transaction back itself at COMMIT, and
    peewee's own ROLLBACK that follows must not hide the disk-full message."""
    from smalldisk import small_disk

    from swdesk import i18n

    with small_disk(tmp_path) as disk, open_station(disk.root / "data", create=True) as sdb:
        station.init_station("XM-SM-001", "嘉莲街道社工站", "station", "siming")
        crud.create(Client, {"name": "王芳"}, SYSTEM)
        before = _counts()
        disk.fill()
        i18n.set_language(lang)
        with pytest.raises(faults.DiskFullError, match=words):
            crud.create(Client, BIG, SYSTEM)
        assert _counts() == before  # nothing half-written
        disk.free()
        crud.create(Client, BIG, SYSTEM)
        assert _counts()[0] == before[0] + 1
        assert backup.check(sdb.path).healthy


def test_the_first_error_wins_over_a_failed_rollback() -> None:
    """Whatever peewee does after SQLite rolled back by itself, the full disk is the news
    (a plain peewee database here, as any code outside the station's own may hold)."""
    import peewee as pw

    def raised(sql: str) -> BaseException:
        try:
            pw.SqliteDatabase(":memory:").execute_sql(sql)
        except pw.DatabaseError as exc:
            return exc
        raise AssertionError(sql)

    try:
        try:
            raise pw.OperationalError(sqlite3.OperationalError("database or disk is full"))
        except pw.OperationalError:
            raise raised("ROLLBACK") from None  # "cannot rollback - no transaction is active"
    except pw.OperationalError as chained:
        assert "cannot rollback" in str(chained)
        assert isinstance(faults.translate(chained), faults.DiskFullError)
