"""Restoring a backup over the station database: checked, staged, compared, then swapped in.

Above ``backup`` (the copy and the check) and ``diagnosis`` (whether the database may
be replaced), both of which a restore needs.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from swdesk import paths
from swdesk.db import backup_files, epochs
from swdesk.db.backup import (
    CheckReport,
    backup_file,
    check,
    new_backup_path,
    open_readonly,
    table_counts,
)
from swdesk.db.diagnosis import Kind, diagnose, free_bytes, size_text
from swdesk.db.faults import DiskFullError, translate
from swdesk.db.files import FileStore
from swdesk.db.location import refuse_if_not_local
from swdesk.db.lock import acquire_lock
from swdesk.db.schema import latest_version
from swdesk.errors import DatabaseError
from swdesk.i18n import _

log = logging.getLogger(__name__)


@dataclass
class RestoreReport(CheckReport):
    saved: Path | None = None  # the data as they were: a before-restore backup, or a folder
    epoch: str = ""  # the sync numbering epoch the restored database starts
    # the attachments' files brought back from the backup folder, and those it lacked
    files: backup_files.FilesCopied = field(default_factory=backup_files.FilesCopied)
    lacking: list[str] = field(default_factory=list)  # those lacking, as people know them


# Room a restore needs besides the copies it makes: the -wal and -shm of the next start.
RESTORE_MARGIN = 2 * 1024 * 1024


def ensure_room(data_dir: Path, needed: int) -> None:
    """Refuse (before anything is written) when the data dir's disk has less than ``needed``."""
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
    live = paths.db_path(data_dir)
    store = FileStore.of(data_dir)
    size = source.stat().st_size
    keep = not replace and live.exists()  # a healthy database: back it up first
    _wanted, files_size = backup_files.needed_for_restore(source, store)
    ensure_room(data_dir, size + (live.stat().st_size if keep else 0) + RESTORE_MARGIN
                + (size if report.schema_version < latest_version() else 0) + files_size)
    result = RestoreReport(source, counts=report.counts, schema_version=report.schema_version)
    carried: dict[str, int] = {}
    if keep:
        result.saved = backup_file(live, new_backup_path(paths.backups_dir(data_dir),
                                                         "before-restore"))
        backup_files.copy_for_backup(result.saved, store)
        carried = _sync_numbers(live)
    # The files first: the restored database never names a file still on its way.
    result.files = backup_files.restore_files(source, store)
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
    src = open_readonly(source)
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
    try:
        con = open_readonly(path)
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
    """A restored database starts a new sync numbering (``epochs.py``): its change
    numbers and row versions would otherwise repeat ones the city already has."""
    con.execute("BEGIN IMMEDIATE")
    try:
        epoch = epochs.begin(con, data_dir, carried, f"restored from {source.name}")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
    return epoch
