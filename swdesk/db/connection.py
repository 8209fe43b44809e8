"""Opening the station database: WAL, FULL sync, foreign keys, one writer, migrations."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from types import TracebackType

import peewee as pw
from filelock import FileLock

from swdesk import paths, questionnaire_defs, reference, visit_rules
from swdesk.db import backup, leftovers, schema
from swdesk.db.diagnosis import START_MARGIN, Kind, diagnose, short_of_space
from swdesk.db.faults import DiskFullError
from swdesk.db.location import readonly_uri, refuse_if_not_local
from swdesk.db.lock import acquire_lock
from swdesk.errors import DatabaseError
from swdesk.i18n import _
from swdesk.model import database as proxy
from swdesk.os_words import reason

log = logging.getLogger(__name__)

# synchronous=FULL: with WAL and NORMAL the last commit may be lost on power loss.
PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": 2,
    "foreign_keys": 1,
    "cache_size": -32000,
}


class _Savepoint(pw._savepoint):
    def rollback(self, begin: bool = True) -> None:
        if self.db.connection().in_transaction:  # else SQLite rolled it all back itself
            super().rollback(begin)


class StationSqliteDatabase(pw.SqliteDatabase):
    """SQLite that lets the first error win.

    On a full disk, an I/O error or a lock at COMMIT, SQLite rolls the transaction
    back itself. peewee's ``atomic()`` then tries its own ROLLBACK, which fails ("no
    transaction is active") and would replace the real error, so a full disk
    reached the user as an unexpected error. Nothing is left to roll back there:
    skip it, and the original error (``faults.translate``) is what the user sees.
    """

    def rollback(self) -> None:
        if self.is_closed() or self.connection().in_transaction:
            super().rollback()

    def savepoint(self, sid: str | None = None) -> _Savepoint:
        return _Savepoint(self, sid)


def connect(path: Path, *, readonly: bool = False) -> pw.SqliteDatabase:
    """A peewee database on ``path`` with the station pragmas (no migration, no lock)."""
    if readonly:
        return StationSqliteDatabase(
            readonly_uri(path),
            pragmas={"foreign_keys": 1, "query_only": 1},
            timeout=10,
            uri=True,
        )
    # Transactions begin IMMEDIATE: a deferred one that has read first gets SQLITE_BUSY at
    # once when it tries to write, without waiting the 10 s busy timeout.
    return StationSqliteDatabase(str(path), pragmas=PRAGMAS, timeout=10, lock_type="IMMEDIATE")


def looks_like_swdesk(path: Path) -> bool:
    """True if the file is a SQLite database stamped with swdesk's application id."""
    try:
        con = sqlite3.connect(readonly_uri(path), uri=True)
        try:
            (app_id,) = con.execute("PRAGMA application_id").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return False
    return bool(app_id == schema.APPLICATION_ID)


class StationDatabase:
    """An open station data dir. Use as a context manager; ``close()`` releases the lock."""

    def __init__(self, data_dir: Path, db: pw.SqliteDatabase, lock: FileLock | None) -> None:
        self.data_dir = data_dir
        self.path = paths.db_path(data_dir)
        self.db = db
        self._lock = lock

    @property
    def writable(self) -> bool:
        return self._lock is not None

    def close(self) -> None:
        if not self.db.is_closed():
            self.db.close()
        if proxy.obj is self.db:
            proxy.initialize(None)
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> StationDatabase:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def upgrade(db: pw.SqliteDatabase, data_dir: Path) -> list[str]:
    """Apply pending migrations; back the database up first if it already holds data."""
    schema.refuse_newer(db)
    if not schema.pending(db):
        return []
    run = schema.runner(db)
    had_schema = bool(schema.applied_migrations(db))
    if had_schema:
        target = backup.new_backup_path(paths.backups_dir(data_dir),
                                        f"before-upgrade-v{schema.current_version(db)}")
        backup.backup_to(db, target)
        log.info("backed up to %s before migrating", target.name)
    applied = run.up()
    db.execute_sql(f"PRAGMA user_version = {schema.latest_version()}")
    db.execute_sql(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    log.info("migrations applied: %s", ", ".join(applied))
    return list(applied)


def _restore_hint() -> str:
    return _("。如果原来有数据，可以用 swdesk db restore 备份文件 恢复"
             "（数据目录的 backups 文件夹）",
             ". If it held data, restore a backup with swdesk db restore FILE (see the "
             "backups folder of the data folder)")


def _refuse_a_full_disk(data_dir: Path) -> None:
    """A writer needs room for the -wal and -shm files: say so before SQLite fails obscurely."""
    if data_dir.is_dir():
        full = short_of_space(data_dir)
        if full is not None and full.free < START_MARGIN:
            raise DiskFullError(full.message)


def _diagnosed(data_dir: Path, exc: BaseException) -> DatabaseError:
    """Why the database could not be opened, told apart (``diagnosis.py``), with the remedy."""
    state = diagnose(data_dir)
    if state.kind is Kind.DAMAGED:
        return DatabaseError(state.message + _restore_hint())
    if state.kind not in (Kind.HEALTHY, Kind.EMPTY):
        return DatabaseError(state.message)
    return DatabaseError(_("无法打开数据库 {}：{}", "Cannot open the database {}: {}").format(
        paths.db_path(data_dir), exc))


def open_station(data_dir: Path, *, write: bool = True, create: bool = False) -> StationDatabase:
    """Open (and, with ``create``, make) the station database in ``data_dir``.

    Writers take the data dir's lock and bring the schema up to date (with a
    backup first when there is data to protect). Readers (``db check``,
    ``db backup``) take no lock and change nothing.
    """
    path = paths.db_path(data_dir)
    if not create and (not path.exists() or path.stat().st_size == 0):
        raise DatabaseError(_(
            "{} 中还没有站点数据库，请先运行 swdesk init",
            "There is no station database in {} yet; run swdesk init first",
        ).format(data_dir) + (_restore_hint() if path.exists() else ""))
    if path.exists() and path.stat().st_size > 0 and not looks_like_swdesk(path):
        raise DatabaseError(_(
            "{} 不是 swdesk 数据库", "{} is not a swdesk database").format(path))
    lock: FileLock | None = None
    if write:
        refuse_if_not_local(data_dir)  # (SQLite's locks are not safe on a share)
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(_("无法创建数据目录 {}：{}",
                                  "Cannot create the data folder {}: {}").format(
                data_dir, reason(exc))) from exc
        lock = acquire_lock(data_dir)
    db: pw.SqliteDatabase | None = None
    try:
        if write:
            # What a killed run left goes first: it may be what fills the disk.
            leftovers.remove(data_dir)
            _refuse_a_full_disk(data_dir)
        db = connect(path, readonly=not write)
        db.connect()
        if write:
            upgrade(db, data_dir)
        else:
            schema.refuse_newer(db)
    except (sqlite3.DatabaseError, pw.DatabaseError) as exc:
        _give_up(db, lock)
        log.exception("cannot open %s", path)
        raise _diagnosed(data_dir, exc) from exc
    except BaseException:
        _give_up(db, lock)
        raise
    if write or proxy.obj is None:  # a reader never takes the models away from a writer
        proxy.initialize(db)
        reference.invalidate()
        questionnaire_defs.invalidate()
    if write:
        _remove_stale_parts(data_dir)
        reference.install_builtin()
        questionnaire_defs.install_builtin()
        visit_rules.install_builtin()
    return StationDatabase(data_dir, db, lock)


def _give_up(db: pw.SqliteDatabase | None, lock: FileLock | None) -> None:
    """Close what a failed open had opened: on Windows a connection left open holds the
    database file, and the restore offered next could not move it aside."""
    if db is not None and not db.is_closed():
        db.close()
    if lock is not None:
        lock.release()


def _remove_stale_parts(data_dir: Path) -> None:
    """Unfinished backups in the chosen backup folder too (its name is in the database)."""
    try:
        folders = backup.backup_folders(data_dir)
    except (OSError, sqlite3.Error, pw.DatabaseError):  # the setting unreadable
        return
    leftovers.remove(data_dir, folders)
