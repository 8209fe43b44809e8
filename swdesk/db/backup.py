"""Backups, health checks and restores, always through SQLite's online backup API.

A plain file copy of a live WAL database can pass integrity_check and still miss
rows, so nothing here copies database files directly.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import peewee as pw

from swdesk import outfiles, paths
from swdesk.errors import DatabaseError
from swdesk.i18n import _
from swdesk.os_words import reason

log = logging.getLogger(__name__)


def _copy(src: sqlite3.Connection, target: Path) -> None:
    """Online-backup ``src`` into a new file at ``target``, atomically (temp file + rename).

    The folder must exist: a mistyped ``--out`` should fail, not grow a new tree.
    """
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    dst = sqlite3.connect(tmp)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
    finally:
        dst.close()
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    outfiles.replace(tmp, target)  # antivirus or OneDrive may hold a fresh file a moment


def backup_to(db: pw.SqliteDatabase, target: Path) -> Path:
    """Back up an open database (consistent even while others write)."""
    _copy(db.connection(), target)
    return target


def backup_file(source: Path, target: Path) -> Path:
    """Back up the database file ``source`` without taking the writer's lock."""
    src = _open_ro(source)
    try:
        _copy(src, target)
    finally:
        src.close()
    return target


def default_backup_name(prefix: str = "swdesk") -> str:
    return f"{prefix}-{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}.db"


def new_backup_path(folder: Path, prefix: str) -> Path:
    """A fresh file name in the program's own backup folder; never overwrites an earlier one."""
    folder.mkdir(parents=True, exist_ok=True)
    first = folder / default_backup_name(prefix)
    candidate, n = first, 1
    while candidate.exists():
        n += 1
        candidate = first.with_name(f"{first.stem}-{n}.db")
    return candidate


def _open_ro(path: Path) -> sqlite3.Connection:
    from swdesk.db.location import readonly_uri

    if not path.is_file():
        raise DatabaseError(_("找不到文件 {}", "File not found: {}").format(path))
    try:
        return sqlite3.connect(readonly_uri(path), uri=True)
    except sqlite3.Error as exc:
        raise DatabaseError(_("无法打开 {}：{}", "Cannot open {}: {}").format(path, exc)) from exc


@dataclass
class CheckReport:
    path: Path
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    schema_version: int = 0

    @property
    def healthy(self) -> bool:
        return not self.problems


def table_counts(con: sqlite3.Connection) -> dict[str, int]:
    names = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE '%fts%' ORDER BY name")]
    return {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def check(path: Path) -> CheckReport:
    """Integrity, foreign keys and identity of a database file; never writes to it."""
    from swdesk.db.connection import APPLICATION_ID
    from swdesk.db.schema import latest_version

    report = CheckReport(path)
    try:
        con = _open_ro(path)
    except DatabaseError as exc:
        report.problems.append(str(exc))
        return report
    try:
        (app_id,) = con.execute("PRAGMA application_id").fetchone()
        if app_id != APPLICATION_ID:
            report.problems.append(_("不是 swdesk 数据库", "not a swdesk database"))
            return report
        rows = [r[0] for r in con.execute("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            report.problems.append(_("完整性检查失败：{}", "integrity check failed: {}").format(
                "; ".join(rows[:5])))
        fk = con.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            report.problems.append(_("有 {} 条记录引用了不存在的数据（首个在表 {}）",
                                     "{} rows refer to missing rows (first in table {})").format(
                len(fk), fk[0][0]))
        (report.schema_version,) = con.execute("PRAGMA user_version").fetchone()
        if report.schema_version > latest_version():
            report.problems.append(_("数据库版本 {} 比本程序新", "schema {} is newer than this "
                                     "program").format(report.schema_version))
        report.counts = table_counts(con)
    except sqlite3.DatabaseError as exc:
        report.problems.append(_("无法读取数据库：{}", "cannot read the database: {}").format(
            reason(exc)))
    finally:
        con.close()
    return report


@dataclass
class RestoreReport(CheckReport):
    saved: Path | None = None  # the data as they were: a before-restore backup, or a folder
    epoch: str = ""  # the sync numbering epoch the restored database starts


# Room a restore needs besides the copies it makes: the -wal and -shm of the next start.
RESTORE_MARGIN = 2 * 1024 * 1024


def ensure_room(data_dir: Path, needed: int) -> None:
    """Refuse (before anything is written) when the data dir's disk has less than ``needed``."""
    from swdesk.db.diagnosis import free_bytes, size_text
    from swdesk.db.faults import DiskFullError

    free = free_bytes(data_dir)
    if free < needed:
        raise DiskFullError(_(
            "磁盘空间不足，无法恢复：需要 {needed}，数据目录 {dir} 所在的磁盘只剩 {free}。"
            "现有的数据库没有被改动。请清理磁盘后再试",
            "Not enough disk space to restore: {needed} needed, {free} free on the disk of "
            "the data folder {dir}. The current database was not changed. Free some space "
            "and try again").format(needed=size_text(needed), free=size_text(free),
                                    dir=data_dir))


def restore(source: Path, data_dir: Path) -> RestoreReport:
    """Replace the station database with ``source`` after checking it and the room for it.

    The copy is made next to the database (``swdesk.db.restore.part``) and checked
    before anything is replaced, so a failure leaves the database as it was. A
    healthy database is backed up to ``backups/before-restore-*.db`` first; a
    damaged or empty one (which cannot always be read) is moved, with its -wal and
    -shm, into ``backups/damaged-<time>/``. A database that is locked, read-only, from
    a newer swdesk or on a network or removable drive is never replaced.
    """
    from swdesk.db.connection import acquire_lock
    from swdesk.db.diagnosis import Kind, diagnose
    from swdesk.db.location import refuse_if_not_local

    refuse_if_not_local(data_dir)  # (a healthy file on a share is not moved aside)
    report = check(source)
    if not report.healthy:
        raise DatabaseError(_("{} 不能用于恢复：{}", "{} cannot be restored: {}").format(
            source, "；".join(report.problems)))
    data_dir.mkdir(parents=True, exist_ok=True)
    lock = acquire_lock(data_dir)
    try:
        state = diagnose(data_dir, lock_held=True)
        if state.kind in (Kind.NEWER, Kind.READ_ONLY):
            raise DatabaseError(state.message)
        return _swap_in(source, data_dir, report, replace=state.replaceable)
    finally:
        lock.release()


def _swap_in(source: Path, data_dir: Path, report: CheckReport, *,
             replace: bool) -> RestoreReport:
    """The restore itself, under the data dir's lock."""
    from swdesk.db.schema import latest_version

    live = paths.db_path(data_dir)
    size = source.stat().st_size
    keep = not replace and live.exists()  # a healthy database: back it up first
    ensure_room(data_dir, size + (live.stat().st_size if keep else 0) + RESTORE_MARGIN
                + (size if report.schema_version < latest_version() else 0))
    result = RestoreReport(source, counts=report.counts, schema_version=report.schema_version)
    carried: dict[str, int] = {}
    if keep:
        result.saved = backup_file(live, new_backup_path(paths.backups_dir(data_dir),
                                                         "before-restore"))
        carried = _sync_numbers(live)
    staged = live.with_name(live.name + ".restore.part")
    try:
        result.epoch = _stage(source, staged, data_dir, carried, report)
        if keep:
            _checkpoint(live)  # a stale -wal must never be replayed into the new file
        else:
            result.saved = _set_aside(live, data_dir)
        os.replace(staged, live)
    finally:
        staged.unlink(missing_ok=True)
    log.info("restored %s (%d tables)", source.name, len(report.counts))
    return result


def _stage(source: Path, staged: Path, data_dir: Path, carried: dict[str, int],
           report: CheckReport) -> str:
    """Copy ``source`` to ``staged``, compare its rows, start its sync epoch; the epoch."""
    src = _open_ro(source)
    staged.unlink(missing_ok=True)
    dst = sqlite3.connect(staged, isolation_level=None)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")
        if table_counts(dst) != report.counts:
            raise DatabaseError(_("恢复后数据与备份不一致，请联系技术支持",
                                  "The restored data differ from the backup; ask for support"))
        epoch = _new_sync_epoch(dst, data_dir, carried, source)
    except sqlite3.Error as exc:
        from swdesk.db.faults import translate

        raise (translate(exc) or DatabaseError(str(exc))) from exc
    finally:
        dst.close()
        src.close()
    with open(staged, "rb+") as fh:
        os.fsync(fh.fileno())
    return epoch


def _checkpoint(live: Path) -> None:
    con = sqlite3.connect(live)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    for suffix in ("-wal", "-shm"):
        live.with_name(live.name + suffix).unlink(missing_ok=True)


def _set_aside(live: Path, data_dir: Path) -> Path | None:
    """Move a damaged or empty database (with its -wal and -shm) out of the way; kept."""
    parts = [live.with_name(live.name + s) for s in ("", "-wal", "-shm")]
    if not any(p.exists() for p in parts):
        return None
    first = paths.backups_dir(data_dir) / f"damaged-{dt.datetime.now():%Y%m%d-%H%M%S}"
    aside, n = first, 1
    while aside.exists():
        n += 1
        aside = first.with_name(f"{first.name}-{n}")
    aside.mkdir(parents=True)
    for part in parts:
        if part.exists():
            os.replace(part, aside / part.name)
    return aside


def _sync_numbers(path: Path) -> dict[str, int]:
    """The sync package numbers the database at ``path`` used (none if it cannot be read)."""
    from swdesk.sync import epochs

    try:
        con = _open_ro(path)
    except DatabaseError:
        return {}
    try:
        return epochs.numbers(con)
    except sqlite3.DatabaseError:
        return {}
    finally:
        con.close()


def _new_sync_epoch(con: sqlite3.Connection, data_dir: Path, carried: dict[str, int],
                    source: Path) -> str:
    """A restored database starts a new sync numbering (``sync/epochs.py``): its change
    numbers and row versions would otherwise repeat ones the city already has."""
    from swdesk.sync import epochs

    con.execute("BEGIN IMMEDIATE")
    try:
        epoch = epochs.begin(con, data_dir, carried, f"restored from {source.name}")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
    return epoch
